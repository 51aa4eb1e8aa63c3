"""Hostile input, round two (issue 16): each promise of README "Privacy" and "Safety" under the
attack that broke it. Every input is generated here (never a stored multi-megabyte file), and
every attack runs under a time limit and a memory ceiling stated in its test (:func:`limits`:
wall time by SIGALRM, so that a hang fails instead of blocking the suite; memory by
tracemalloc's peak of Python allocations, where inflated and decoded data live).
"""

from __future__ import annotations

import io
import resource
import signal
import struct
import time
import tracemalloc
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pandas  # noqa: F401 - imported before tracemalloc starts: measure the attack, not imports
import pytest

import netaudit
from netaudit.errors import InputError
from netaudit.importers import inputs

MB = 1024**2
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice..."\n\n'


@contextmanager
def limits(seconds: float, megabytes: float, *, traced: bool = True):
    """Fail when the block runs longer than ``seconds`` (interrupting a hang) or its Python
    allocations peak above ``megabytes`` (``traced=False``: the process's peak resident size
    grows by more than ``megabytes``, for blocks that tracemalloc would slow too much)."""

    def expire(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        yield
        if traced:
            peak = tracemalloc.get_traced_memory()[1]
        else:
            peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if traced:
            tracemalloc.stop()
    assert time.perf_counter() - started < seconds
    assert peak < megabytes * MB, f"peak {peak / MB:,.0f} MB"


# --- 1. Zip bomb by overlapping entries ------------------------------------------------------


def connections_text(count: int) -> str:
    # Distinct URLs and companies keep the text from compressing much (about 4:1, as a real
    # export does), so the ratio check alone cannot catch the overlap.
    rows = "".join(f"Ana{i},Ruiz{i * 7919 % 10007},https://www.linkedin.com/in/p-{i * 31337},,"
                   f"Acme{i % 977},Engineer,04 Jul 2023\n" for i in range(count))
    return PREAMBLE + HEADER + rows


def overlapping_zip(entries: int, rows: int) -> bytes:
    """A ZIP of one real member whose central directory lists it ``entries`` times under
    different names, every entry pointing at the same local header (APPNOTE.TXT 4.3.12: the
    central header's name length at +28, extra and comment lengths at +30/+32, name at +46;
    end record 4.3.16: entries at +8/+10, directory size at +12, offset at +16)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", connections_text(rows))
    data = buffer.getvalue()
    end = data.rindex(b"PK\x05\x06")
    directory_at = struct.unpack_from("<I", data, end + 16)[0]
    central = data[directory_at:end]
    name_len = struct.unpack_from("<H", central, 28)[0]
    assert central[46:46 + name_len] == b"Connections.csv"
    copies = []
    for number in range(entries):
        name = f"part{number:04d}/Connections.csv".encode()
        copy = bytearray(central[:46]) + name + central[46 + name_len:]
        struct.pack_into("<H", copy, 28, len(name))
        copies.append(bytes(copy))
    directory = b"".join(copies)
    record = bytearray(data[end:end + 22])
    struct.pack_into("<HHII", record, 8, entries, entries, len(directory), directory_at)
    return data[:directory_at] + directory + bytes(record)


def test_overlapping_entries_are_refused_before_inflating(tmp_path):
    # 20 entries on one member of 40,000 rows: each entry's ratio is honest, the archive's
    # (20 x the member over 20 x its compressed size) too; before the fix all 20 were inflated
    # and read (20 x ~2.9 MB = ~58 MB of text parsed, no error).
    path = tmp_path / "export.zip"
    path.write_bytes(overlapping_zip(20, 40_000))
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    assert len(infos) == 20 and len({i.header_offset for i in infos}) == 1
    ratio = sum(i.file_size for i in infos) / sum(i.compress_size for i in infos)
    assert ratio < inputs.MAX_RATIO
    with limits(seconds=10, megabytes=30), pytest.raises(InputError) as caught:
        netaudit.load([path])
    assert caught.value.path == str(path)
    assert caught.value.message == ("refused: its members 'part0000/Connections.csv' and "
                                    "'part0001/Connections.csv' point at the same data as "
                                    "each other")
    assert "zip bomb" in caught.value.hint


def test_two_thousand_overlapping_entries_are_refused_in_bounded_time(tmp_path):
    # The second archive: 2,000 entries on one member (41 GB declared there).
    path = tmp_path / "export.zip"
    path.write_bytes(overlapping_zip(2_000, 2_000))
    with limits(seconds=10, megabytes=30), pytest.raises(InputError, match="same data"):
        netaudit.load([path])


def test_an_archive_inflates_at_most_max_passes_times_what_it_declares(tmp_path):
    # One honest member of 2,000 rows read over and over (as a reader that re-opened a member
    # in a loop would): the 5th full read passes 4 x (its size + one 64 KiB head allowance)
    # only when the member is larger than the allowance; here 2,000 rows ~ 150 KB > 64 KiB.
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", connections_text(2_000))
    (member,) = inputs.iter_inputs([path], [])
    assert member.size > inputs.HEAD_BYTES
    # Budget = 4 x (size + 65,536); k full reads spend k x size: the largest k allowed is
    # floor(4 x (size + 65,536) / size), 5 for this size (4 x (1 + 65,536/size) < 6).
    allowed = (4 * (member.size + inputs.HEAD_BYTES)) // member.size
    assert allowed == 5
    with limits(seconds=10, megabytes=30):
        for _ in range(allowed):
            assert len(member.read_bytes()) == member.size
        with pytest.raises(InputError, match="more than 4 times the size its members declare"):
            member.read_bytes()


# --- 2. Pseudonyms that cannot be recomputed, and do not depend on the path --------------------

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"


def _labels(runner, *args: str) -> list[str]:
    import json

    from netaudit.cli import app

    result = runner.invoke(app, ["ties", str(SAMPLE), "--json", "-q", "--anonymize", *args])
    assert result.exit_code == 0, result.output
    return [row["name"] for row in json.loads(result.stdout)["rows"]]


def test_pseudonyms_cannot_be_recomputed_from_the_connection_list(runner):
    # The attack: whoever sees the owner's connections hashes each profile URL (else e-mail,
    # else name) with SHA-256 and numbers them in that order, as netaudit did: 293 of 293 right
    # in the issue. Under a random key the numbering is a random permutation, which fixes one
    # label on average (P(more than 10) < 1e-7), so at most 10 may come out right.
    import hashlib
    import json

    from netaudit.cli import app

    plain = json.loads(runner.invoke(app, ["ties", str(SAMPLE), "--json", "-q"]).stdout)["rows"]
    people = netaudit.Audit(SAMPLE).network.people.set_index("person_id")
    with limits(seconds=30, megabytes=500):
        shown = _labels(runner)
    others = [r["person_id"] for r in plain if not people.at[r["person_id"], "is_owner"]]
    identity = {pid: people.at[pid, "profile_url"] or people.at[pid, "email"]
                or people.at[pid, "name"] or pid for pid in others}
    guessed = sorted(others, key=lambda pid: (hashlib.sha256(identity[pid].encode()).hexdigest(),
                                              pid))
    guess = {pid: f"Person {n:03d}" for n, pid in enumerate(guessed, start=1)}
    right = sum(guess.get(r["person_id"]) == label for r, label in zip(plain, shown, strict=True))
    assert len(others) == 331 and right <= 10, f"{right} of 331 pseudonyms recomputed"
    # Two runs without a key number people differently (331! orders; equal by chance ~1e-690).
    assert _labels(runner) != shown


def test_a_kept_key_gives_the_same_pseudonyms_in_every_run(runner, tmp_path):
    key = tmp_path / "private" / "pseudonyms.key"
    key.parent.mkdir()
    first = _labels(runner, "--anonymize-key", str(key))
    assert key.stat().st_mode & 0o777 == 0o600
    assert len(key.read_text().strip()) == 64  # 32 random bytes in hexadecimal
    assert _labels(runner, "--anonymize-key", str(key)) == first
    other = tmp_path / "other.key"
    assert _labels(runner, "--anonymize-key", str(other)) != first


def test_a_damaged_key_file_or_a_key_without_anonymize_is_one_line(runner, tmp_path):
    from netaudit.cli import app

    bad = tmp_path / "bad.key"
    bad.write_text("not a key\n")
    result = runner.invoke(app, ["ties", str(SAMPLE), "-q", "--anonymize",
                                 "--anonymize-key", str(bad)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"error: {bad}: is not a pseudonym key (64 hexadecimal "
                                     "digits) (give --anonymize-key a new path: netaudit "
                                     "creates the key there)")
    result = runner.invoke(app, ["ties", str(SAMPLE), "-q", "--anonymize-key", str(bad)])
    assert result.exit_code == 2
    assert "--anonymize-key works together with --anonymize" in result.output


def test_zip_and_extracted_folder_get_the_same_pseudonyms(tmp_path):
    # The same data as a ZIP and as its extracted folder: 157 of 331 pseudonyms agreed before
    # (hidden profiles were numbered by an id holding the path, shifting everyone after them).
    from netaudit.render.anonymize import Pseudonyms, _stable_id

    folder = tmp_path / "export"
    with zipfile.ZipFile(SAMPLE) as archive:
        archive.extractall(folder)
    key = bytes(range(32))
    shown = []
    for path in (SAMPLE, folder):
        people = netaudit.Audit(path).network.people
        names = Pseudonyms(people, enabled=True, key=key)
        shown.append({_stable_id(pid): names.person(pid) for pid in people["person_id"]})
    # Every row of the people table: the 331 people `ties` lists, the owner, and 21 seen only
    # in sponsored or system messages (left out of ties).
    assert len(shown[0]) == 353
    assert shown[0] == shown[1]


# --- 3. Every pattern applied to input runs in linear time --------------------------------------

MESSAGES_HEADER = ('"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
                   '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"\n')


def connections(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """A Connections.csv of (first name, last name, position) rows."""
    lines = "".join(f'"{first}","{last}",https://www.linkedin.com/in/p{i},,Acme,"{position}",'
                    "04 Jul 2023\n" for i, (first, last, position) in enumerate(rows))
    path = tmp_path / "Connections.csv"
    path.write_text(PREAMBLE + HEADER + lines, encoding="utf-8")
    return path


def mbox_message(sender: str, to: str, body: str, *, html: bool = False,
                 separator: str = "From ana@example.com Thu Nov  6 04:42:58 2017") -> str:
    kind = "text/html" if html else "text/plain"
    return (f"{separator}\nFrom: {sender}\nTo: {to}\nSubject: hello\n"
            f"Date: Thu, 06 Nov 2017 04:42:58 +0000\nContent-Type: {kind}; charset=utf-8\n\n"
            f"{body}\n\n")


def test_anonymize_over_a_150_kb_position_is_linear(runner, tmp_path):
    # Before: > 120 s (the e-mail pattern tried each of the 150,000 letters as the start of an
    # address and scanned to the end of the word from each).
    from netaudit.cli import app

    path = connections(tmp_path, [("Ana", "Ruiz", "a" * 150_000), ("Bo", "Li", "a." * 75_000)])
    with limits(seconds=10, megabytes=300):
        result = runner.invoke(app, ["ties", str(path), "--anonymize", "--json", "-q"])
    assert result.exit_code == 0, result.output
    assert "a" * 150_000 in result.stdout  # the position is shown (a job title names no one)


def test_a_message_body_of_300k_open_tags_is_linear(tmp_path):
    # Before: > 120 s ('<a' x 300,000: each '<a' scanned the rest of the body for a '>').
    for body in ("<a" * 300_000, "<!--" * 75_000, "<br " * 75_000):
        path = tmp_path / "messages.csv"
        path.write_text(MESSAGES_HEADER + f'"c1","","Ana Ruiz","https://www.linkedin.com/in/ana",'
                        f'"Bo Li","https://www.linkedin.com/in/bo","2024-03-05 10:00:00 UTC",'
                        f'"","{body}","INBOX",""\n', encoding="utf-8")
        with limits(seconds=15, megabytes=200):
            network = netaudit.load([path], me="Ana Ruiz")
        assert len(network.messages) == 1


def test_a_name_of_300k_open_parentheses_is_linear(tmp_path):
    # Before: 113 s (each '(' scanned the rest of the name for a ')').
    path = connections(tmp_path, [("(" * 300_000, "Ruiz", "Engineer"), ("Bo", "Li", "Engineer")])
    with limits(seconds=15, megabytes=300):
        network = netaudit.load([path])
    assert network.people["is_connection"].sum() == 2


def test_a_100_kb_mbox_to_header_is_linear(tmp_path):
    # Before: 87 s (a lazy name and the blanks around it tried every split of the header).
    # 100,000 '(' made the standard address parser recurse out of its stack (exit 3).
    path = tmp_path / "mail.mbox"
    text = (mbox_message("Ana <ana@example.com>", "Bo" + " " * 100_000 + "<bo@example.com>", "1")
            + mbox_message("Ana <ana@example.com>", "(" * 100_000, "2")
            + mbox_message("Ana <ana@example.com>", "a@" * 50_000, "3"))
    path.write_text(text, encoding="utf-8")
    with limits(seconds=15, megabytes=300):
        network = netaudit.load([path])
    assert len(network.messages) == 3


def test_five_html_mails_of_18k_style_tags_are_linear(tmp_path):
    # Before: 77 s (each unclosed '<style ' scanned the rest of the body for '</style>').
    path = tmp_path / "mail.mbox"
    path.write_text("".join(mbox_message("Ana <ana@example.com>", "Bo <bo@example.com>",
                                         f"{n}" + "<style " * 18_000, html=True)
                            for n in range(5)),
                    encoding="utf-8")
    with limits(seconds=15, megabytes=300):
        network = netaudit.load([path])
    assert len(network.messages) == 5


def test_a_200_kb_line_starting_from_is_linear(tmp_path):
    # Before: 73 s (the classic separator's two '.*' tried every split of the line). The line
    # is body text (no year at its end), so the mbox still holds 2 messages.
    path = tmp_path / "mail.mbox"
    body = "x\n\nFrom " + "a 1:11 " * 28_600 + "end"
    path.write_text(mbox_message("Ana <ana@example.com>", "Bo <bo@example.com>", body)
                    + mbox_message("Bo <bo@example.com>", "Ana <ana@example.com>", "hi"),
                    encoding="utf-8")
    with limits(seconds=15, megabytes=300):
        network = netaudit.load([path])
    assert len(network.messages) == 2


def _patterns():
    import importlib
    import pkgutil
    import re

    found = []
    for module in pkgutil.walk_packages(netaudit.__path__, "netaudit."):
        for name, value in vars(importlib.import_module(module.name)).items():
            values = value.values() if isinstance(value, dict) else (
                value if isinstance(value, list | tuple) else [value])
            for item in values:
                found.extend(pytest.param(pattern, id=f"{module.name}.{name}")
                             for pattern in (item if isinstance(item, list | tuple) else [item])
                             if isinstance(pattern, re.Pattern))
    return found


#: What hostile text is made of: blanks, the characters patterns look for, and the openings of
#: the structures they match (a tag, a comment, an encoded word, a separator, a profile URL).
ATTACK_UNITS = [" ", "a", "1", ".", "@", "<", ">", "(", '"', ",", ":", "-", "\n", "=?", ";",
                "From ", "<style ", "<!--", "</", "linkedin.com/in/", "1:11 ", "re:", "\n ",
                "\r", "a@", "a "]
#: Paired with each other, these make the texts that took the old patterns quadratic time.
PAIRED_UNITS = [" ", "a", ".", "@", "<", "(", ":", "From "]
ATTACK_TEXTS = ([u * (20_000 // len(u)) for u in ATTACK_UNITS]
                + [(a + b) * (20_000 // len(a + b)) for a in PAIRED_UNITS for b in PAIRED_UNITS])


@pytest.mark.parametrize("pattern", _patterns())
def test_every_pattern_is_linear_on_hostile_text(pattern):
    # Every compiled pattern of the package, on 20,000 characters of each attack unit and of
    # each pair of paired units, repeated (26 + 8 x 8 = 90 texts): a quadratic pattern took
    # 0.25 to 1.5 s on one of them (20,000^2 = 4e8 steps), a linear one at most 0.07 s.
    assert len(ATTACK_TEXTS) == 90
    with limits(seconds=20, megabytes=100, traced=False):
        for text in ATTACK_TEXTS:
            data = text.encode() if isinstance(pattern.pattern, bytes) else text
            started = time.perf_counter()
            pattern.search(data)
            pattern.findall(data)
            assert time.perf_counter() - started < 0.3, repr(text[:12])


def test_whatsapp_system_lines_are_read_in_linear_time():
    # The Dutch 'added' line was first read by a pattern with two lazy groups around the verb
    # ('… heeft … toegevoegd'), as the German one had been ('… hat … hinzugefügt.'): 100,000
    # characters of 'a heeft ' took 12 s, of 'a hat ' 20 s. Each verb, repeated, alone and
    # before the line's last word with something after it.
    from netaudit.importers.whatsapp import NUMBER_CHANGED, actor, joined, removed

    units = [" heeft ", " hebt ", " hat ", " hast ", " added ", " removed ", " en ", " und ",
             ", and ", " toegevoegd", " hinzugefügt.", " se unió usando el enlace de invitación",
             # French, Russian, Indonesian, Turkish, English invite links and security codes.
             " a ajouté ", " vous a ajouté", " добавил(-а) контакт ", " menambahkan ", ", ",
             " kişisini ekledi", " joined using this group's invite link",
             "Your security code with ", "'s security code changed", " a retiré ",
             " удалил(-а) "]
    lines = [("a" + unit) * (100_000 // (len(unit) + 1)) + tail for unit in units
             for tail in ("", " toegevoegd", " hinzugefügt.x", " hinzugefügt. ok", ".")]
    with limits(seconds=20, megabytes=200, traced=False):
        for line in lines:
            started = time.perf_counter()
            joined(line)
            actor(line)
            removed(line)
            NUMBER_CHANGED.match(line)
            assert time.perf_counter() - started < 0.3, repr(line[:16] + line[-16:])


# --- 4. No control character reaches the terminal ------------------------------------------------

#: Clear the screen, set the window title, plant an OSC 8 link, a one-byte C1 CSI, a right-to-left
#: override and a bell: what a name, a member name or a file name can carry.
HOSTILE = "\x1b[2J\x1b]0;owned\x07\x1b]8;;https://evil.example/\x1b\\\x9b31m\u202eRuiz"
RAW_CONTROLS = ["\x1b", "\x07", "\x9b", "\u202e"]
#: The same without '/', which a file name cannot hold.
FILE_HOSTILE = "\x1b[2J\x1b]0;owned\x07\x9b31m\u202e"


def strings(data):
    """Every string in a JSON document, keys included."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def test_names_member_names_and_file_names_reach_the_terminal_escaped(runner, tmp_path):
    # Before: every one of these reached stdout or stderr raw.
    import json

    from netaudit.cli import app

    folder = tmp_path / f"export{FILE_HOSTILE}"
    folder.mkdir()
    archive = folder / "Basic_LinkedInDataExport.zip"
    rows = (f'"Ana{HOSTILE}","Ruiz",https://www.linkedin.com/in/ana,,"Acme{HOSTILE}",'
            f'"Engineer{HOSTILE}",04 Jul 2023\n"Bo","Li",https://www.linkedin.com/in/bo,,'
            'Acme,Engineer,05 Jul 2023\n')
    with zipfile.ZipFile(archive, "w") as export:
        export.writestr(f"Connections{FILE_HOSTILE}.csv", PREAMBLE + HEADER + rows)
        export.writestr(f"notes{FILE_HOSTILE}.txt", "not an export file")
    mail = folder / "mail.mbox"
    mail.write_text(mbox_message("=?utf-8?q?Cy=1B]0;owned=07?= <cy@example.com>",
                                 "Ana <ana@example.com>", "hello"), encoding="utf-8")
    for command in (["analyze"], ["ties"], ["ties", "--json"], ["analyze", "--json"]):
        with limits(seconds=20, megabytes=300):
            result = runner.invoke(app, [*command, str(archive), str(mail)])
        assert result.exit_code == 0, result.output
        for control in RAW_CONTROLS:
            assert control not in result.output, (command, control)
        if "--json" in command:
            data = json.loads(result.stdout)  # the names read back whole
            assert any(HOSTILE in text for text in strings(data)), command
        else:
            assert "\\x1b[2J\\x1b]0;owned" in result.output  # shown, not acted on
    result = runner.invoke(app, ["analyze", str(folder / "missing.csv")])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "export\\x1b[2J" in result.output


# --- 5. Pipes and devices are refused, not read ---------------------------------------------------


@pytest.fixture
def fifo(tmp_path):
    import os

    path = tmp_path / "names.fifo"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/urandom"])
def test_pipes_and_devices_are_refused_in_one_line(runner, tmp_path, fifo, special):
    # Before: a FIFO as PATH, --names or --log blocked for ever; /dev/zero or /dev/urandom as
    # --names, --log or a study's names file passed 3 GB.
    from netaudit.cli import app

    path = fifo if special == "fifo" else Path(special)
    if not path.exists():
        pytest.skip(f"{special} is not on this system")
    kind = "a pipe (FIFO)" if special == "fifo" else "a device"
    study = tmp_path / "STUDY.csv"
    study.write_text(f"participant,network,names\nAna,{SAMPLE},{path}\n", encoding="utf-8")
    for command in (["analyze", str(path)], ["recall", str(SAMPLE), "--names", str(path)],
                    ["activity", str(SAMPLE), "--log", str(path)], ["recall-study", str(study)]):
        with limits(seconds=10, megabytes=300):
            result = runner.invoke(app, [*command, "-q"])
        assert result.exit_code == 1, (command, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {path}: is {kind}, not a "
                                                       "regular file"), (command, lines)


# --- 6. Every file written reads back in the program it is for -----------------------------------

#: Every C0 control a CSV cell can hold (not CR or LF, which end the row), DEL, C1 controls
#: (NEL, CSI), the byte-order mark, a zero-width space, a right-to-left override, a line
#: separator and the non-characters U+FFFE and U+FFFF.
CONTROLS = ("".join(chr(c) for c in range(1, 32) if c not in (10, 13))
            + "\x7f\x85\x9b\ufeff\u200b\u202e\u2028\ufffe\uffff")


@pytest.mark.parametrize("anonymize", [False, True])
def test_every_file_written_reads_back_with_control_characters_in_names(runner, tmp_path,
                                                                        anonymize):
    # Before: report -o x.pdf crashed (exit 3) on U+FEFF in a name or company; GraphML and
    # GEXF held C0 controls, which XML forbids (networkx: "not well-formed").
    import csv

    import matplotlib.image
    import networkx as nx
    import pypdf

    from netaudit.cli import app

    path = tmp_path / "Connections.csv"
    path.write_text(PREAMBLE + HEADER
                    + f'"Ana{CONTROLS}","Ruiz{CONTROLS}",https://www.linkedin.com/in/ana,,'
                      f'"Acme{CONTROLS}","Engineer{CONTROLS}",04 Jul 2023\n'
                    + "".join(f"P{i},Li,https://www.linkedin.com/in/p{i},,Firm{i},Engineer,"
                              "05 Jul 2023\n" for i in range(41)),
                    encoding="utf-8")  # 41 plain rows, so that the file reads as text
    out = tmp_path / "out"
    out.mkdir()
    extra = ["--anonymize"] if anonymize else []
    commands = {name: ["report" if name.startswith("r.") or name == "charts" else "graph",
                       str(path), "-o", str(out / name)]
                for name in ("r.pdf", "r.html", "charts", "g.graphml", "g.gexf", "g.csv")}
    commands["ties.csv"] = ["ties", str(path), "--csv", str(out / "ties.csv")]
    for name, command in commands.items():
        with limits(seconds=60, megabytes=400, traced=False):
            result = runner.invoke(app, [*command, "-q", *extra])
        assert result.exit_code == 0, (name, result.output)
    # Each read back by the program it is for, with everyone: the owner and 42 connections, each
    # at a company of their own (no same-employer ties: 42 owner ties).
    assert len(pypdf.PdfReader(out / "r.pdf").pages) >= 2
    document = (out / "r.html").read_text(encoding="utf-8")
    assert document.startswith("<!DOCTYPE html>") and document.rstrip().endswith("</html>")
    for chart in sorted(out.glob("charts/*.png")):
        assert matplotlib.image.imread(chart).ndim == 3
    assert len(list(out.glob("charts/*.png"))) >= 1
    for graph in (nx.read_graphml(out / "g.graphml"), nx.read_gexf(out / "g.gexf")):
        assert graph.number_of_nodes() == 43
    with open(out / "g.csv", encoding="utf-8", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == 42
    with open(out / "ties.csv", encoding="utf-8", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == 42


# --- 7 (and 11). --force replaces regular files only; a dangling link needs --force -------------


def _special_outputs(tmp_path: Path) -> dict[str, Path]:
    import os
    import stat

    found = {}
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    found["a FIFO"] = fifo
    device = tmp_path / "null.csv"
    try:  # a character device like /dev/null (1, 3), made here: root only
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        found["a device"] = device
    except (PermissionError, OSError):
        pass
    return found


@pytest.mark.parametrize("command", [["graph"], ["report"], ["ties"]])
def test_force_never_replaces_a_device_or_fifo(runner, tmp_path, command):
    # Before: --force replaced a FIFO or a device node with a regular file (exit 0; as root
    # this replaced /dev/full).
    import stat

    from netaudit.cli import app

    for kind, target in _special_outputs(tmp_path).items():
        output = target.with_suffix(".pdf") if command == ["report"] else target
        if output != target:
            target.rename(output)
        option = ["--csv", str(output)] if command == ["ties"] else ["-o", str(output)]
        mode = output.lstat().st_mode
        with limits(seconds=30, megabytes=300, traced=False):
            result = runner.invoke(app, [*command, str(SAMPLE), *option, "--force", "-q"])
        assert result.exit_code == 2, (kind, result.output)
        assert result.output.startswith(f"error: {output}: is not a regular file"), result.output
        assert output.lstat().st_mode == mode and not stat.S_ISREG(mode)  # still there, as it was
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_dangling_link_at_the_output_is_not_replaced_without_force(runner, tmp_path):
    # Before: a symbolic link to nothing at the output path was replaced without --force.
    from netaudit.cli import app

    link = tmp_path / "graph.csv"
    link.symlink_to(tmp_path / "nowhere.csv")
    result = runner.invoke(app, ["graph", str(SAMPLE), "-o", str(link), "-q"])
    assert result.exit_code == 2  # a usage error since issue 15
    assert result.output.startswith(f"error: {link}: already exists (a symbolic link)")
    assert link.is_symlink() and not (tmp_path / "nowhere.csv").exists()
    result = runner.invoke(app, ["graph", str(SAMPLE), "-o", str(link), "-q", "--force"])
    assert result.exit_code == 0
    assert not link.is_symlink() and link.is_file()  # the link replaced, never followed
    assert not (tmp_path / "nowhere.csv").exists()


# --- 8. Caps on cells, columns and files -------------------------------------------------------


def test_a_huge_cell_is_cut_and_counted_not_echoed_whole(runner, tmp_path):
    # Before: a 500 MB cell was kept whole (4.1 GB peak) and echoed into --json. Here 5 MB: a
    # position of 5,000,000 'x' is cut to MAX_CELL_CHARS (2 x 1024^2 = 2,097,152), counted.
    from netaudit.cli import app
    from netaudit.importers import _read

    path = connections(tmp_path, [("Ana", "Ruiz", "x" * 5_000_000), ("Bo", "Li", "Engineer")])
    with limits(seconds=20, megabytes=400, traced=False):
        result = runner.invoke(app, ["ties", str(path), "--json"])
    assert result.exit_code == 0, result.output[-300:]
    assert "x" * _read.MAX_CELL_CHARS in result.stdout
    assert "x" * (_read.MAX_CELL_CHARS + 1) not in result.stdout
    assert (f"warning: {path}: 1 cell was longer than 2,097,152 characters and was cut there"
            in result.stderr)


def test_a_million_columns_are_refused_in_one_line(runner, tmp_path):
    # Before: a 10 MB CSV of 1,000,000 columns ran more than 120 s at 2.3 GB.
    from netaudit.cli import app

    path = tmp_path / "wide.csv"
    header = ",".join(f"c{i}" for i in range(1_000_000))
    path.write_text("name,email," + header + "\nAna,ana@example.com\n", encoding="utf-8")
    with limits(seconds=10, megabytes=300, traced=False):
        result = runner.invoke(app, ["analyze", str(path), "-q"])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {path}: has a header of more than 1,000 columns")


def test_a_folder_of_more_than_10000_files_is_refused_before_reading(runner, tmp_path):
    # Before: 10,000 one-row CSVs took 69 s, 100,000 more than 120 s.
    from netaudit.cli import app

    folder = tmp_path / "many"
    folder.mkdir()
    row = "name,email\nAna,ana@example.com\n"
    for i in range(10_001):
        (folder / f"c{i:05d}.csv").write_text(row, encoding="utf-8")
    with limits(seconds=10, megabytes=300, traced=False):
        result = runner.invoke(app, ["analyze", str(folder), "-q"])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {folder}: holds 10,001 files; netaudit reads at "
                                    "most 10,000 under one path")


# --- 10. Exit codes: 1 for a file, 2 for an option, one line; signals leave nothing behind ----


def test_a_name_that_is_not_utf8_and_one_too_long_give_one_line(runner, tmp_path):
    # Before: both gave "internal error … bug", exit 3.
    import os

    from netaudit.cli import app

    raw = os.fsencode(tmp_path) + b"/caf\xe9.csv"  # Latin-1 bytes: not UTF-8
    with open(raw, "w", encoding="utf-8") as stream:
        stream.write(PREAMBLE + HEADER + "Ana,Ruiz,https://www.linkedin.com/in/ana,,Acme,"
                     "Engineer,04 Jul 2023\n")
    name = os.fsdecode(raw)
    for extra in ([], ["--json"]):
        result = runner.invoke(app, ["analyze", name, *extra])
        assert result.exit_code == 0, result.output
        assert extra or "caf\\xe9.csv" in result.output  # the byte shown, not sent
    long = tmp_path / ("a" * 300 + ".csv")
    result = runner.invoke(app, ["analyze", str(long)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1 and "File name too long" in result.output


@pytest.mark.parametrize("args", [["ties", "--as-of", "9999-12-31"],
                                  ["replies", "--window", "100000000000"]])
def test_overflowing_option_values_are_usage_errors(runner, args):
    from netaudit.cli import app

    result = runner.invoke(app, [args[0], str(SAMPLE), *args[1:], "-q"])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in lines[0]


@pytest.mark.parametrize("args", [["--window", "100000000000"], ["--as-of", "0001-01-01"],
                                  ["--as-of", "9999-12-31"]])
def test_activity_overflowing_options_are_usage_errors(runner, args):
    # Before: --window 100000000000 ended as "internal error: OutOfBoundsTimedelta" and
    # --as-of 0001-01-01 as "internal error: NotImplementedError", exit 3; 9999-12-31 gave
    # exit 0 (a window in the year 9999), now the same usage error as ties and due give.
    from netaudit.cli import app

    folder = Path(__file__).resolve().parents[1] / "samples" / "article" / "activity"
    result = runner.invoke(app, ["activity", str(folder / "Connections.csv"), "--log",
                                 str(folder / "ACTIVITY.csv"), *args, "-q"])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {args[0]} "), lines


def test_a_zip_and_a_folder_whose_names_are_not_utf8_are_read(runner, tmp_path):
    # Before: a ZIP named caf\xe9.zip (Latin-1 bytes) ended as "internal error:
    # UnicodeEncodeError ... surrogates not allowed", exit 3: the raw name went into pandas.
    import os

    from netaudit.cli import app

    raw = os.fsencode(tmp_path) + b"/caf\xe9.zip"
    with zipfile.ZipFile(os.fsdecode(raw), "w") as archive:
        archive.writestr("Connections.csv", connections_text(3))
    folder = os.fsencode(tmp_path) + b"/d\xe9"
    os.mkdir(folder)
    with open(folder + b"/Connections.csv", "w", encoding="utf-8") as stream:
        stream.write(connections_text(3))
    for name in (raw, folder):
        with limits(60, 1024, traced=False):
            result = runner.invoke(app, ["analyze", os.fsdecode(name)])
        assert result.exit_code == 0, result.output
    assert "caf\\xe9.zip:Connections.csv" in result.output or "d\\xe9" in result.output


def _netaudit(*args: str, **kwargs):
    import subprocess
    import sys

    return subprocess.Popen([sys.executable, "-m", "netaudit", *args], stderr=subprocess.PIPE,
                            **kwargs)


def test_stdout_to_a_full_disk_is_one_line_exit_1():
    # Before: "internal error … bug", exit 3 (ENOSPC).
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        process = _netaudit("analyze", str(SAMPLE), "--json", "-q", stdout=full)
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stderr
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0], lines


@pytest.mark.parametrize("number", ["SIGTERM", "SIGHUP"])
def test_a_signal_during_the_pdf_write_leaves_nothing_behind(tmp_path, number):
    # Before: SIGTERM/SIGHUP during the write left '.r.pdf.XXXX.tmp' behind. The signal is
    # sent once the temporary file exists, i.e. during the write.
    import os
    import signal as signals

    number = getattr(signals, number)
    process = _netaudit("report", str(SAMPLE), "-o", str(tmp_path / "r.pdf"), "-q")
    deadline = time.monotonic() + 120
    while not any(tmp_path.iterdir()) and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(process.pid, number)
    _, stderr = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the report was written before the signal arrived")
    assert process.returncode == 128 + number, stderr
    assert list(tmp_path.iterdir()) == []
    assert b"Traceback" not in stderr


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
def test_a_signal_wrapped_into_another_error_stops_the_run(runner, tmp_path, monkeypatch, name):
    # Seen once in a full run: a SIGTERM that arrived while the PDF writer's libraries were
    # imported was raised inside a class body, and Python wraps such an exception into
    # "RuntimeError: Error calling __set_name__ …": netaudit printed "internal error … this is
    # a bug" and exited 3. Here the handler raises inside a descriptor's __set_name__ during
    # the write of `ties --csv`.
    import os
    import signal as signals

    from netaudit.cli import app
    from netaudit.render import export

    number = getattr(signals, name)
    real_chmod = os.chmod

    class Field:
        def __set_name__(self, owner, attribute):
            os.kill(os.getpid(), number)  # the handler raises here; Python wraps it

    def chmod_during_a_class_body(*args, **kwargs):
        type("Configuration", (), {"binary": Field()})
        return real_chmod(*args, **kwargs)

    monkeypatch.setattr(export.os, "chmod", chmod_during_a_class_body)
    out = tmp_path / "ties.csv"
    result = runner.invoke(app, ["ties", str(SAMPLE), "--csv", str(out), "-q"])
    assert result.exit_code == (130 if name == "SIGINT" else 128 + number), result.output
    assert list(tmp_path.iterdir()) == []
    assert "internal error" not in result.stderr


def test_matplotlib_glyph_warnings_never_reach_stderr(recwarn):
    # Before: 'UserWarning: Glyph … missing from font(s)' lines, with matplotlib's internal
    # paths, reached stderr even with --quiet. A glyph the font lacks, drawn and saved:
    import io

    from netaudit.render.charts import new_figure, style

    with style():
        figure = new_figure((2, 1))
        figure.text(0.1, 0.5, "\U00010348 \u0d9a")  # Gothic hwair, Sinhala ka: not in the font
        figure.savefig(io.BytesIO(), format="png")
    assert [str(w.message) for w in recwarn if "Glyph" in str(w.message)] == []


# --- 11. Full-width formula starts are neutralised ---------------------------------------------


def test_full_width_formula_starts_are_neutralised(runner, tmp_path):
    # Before: '＝1+1' (U+FF1D) reached the CSV as is.
    import csv

    from netaudit.cli import app

    path = connections(tmp_path, [("Ana", "Ruiz", "\uff1d1+1"), ("Bo", "Li", "\uff20SUM(A1)"),
                                  ("Cy", "Wu", "\uff0b1"), ("Di", "Ng", "\uff0d1")])
    out = tmp_path / "ties.csv"
    result = runner.invoke(app, ["ties", str(path), "--csv", str(out), "-q"])
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8", newline="") as stream:
        positions = sorted(row["position"] for row in csv.DictReader(stream))
    assert positions == ["'\uff0b1", "'\uff0d1", "'\uff1d1+1", "'\uff20SUM(A1)"]


# --- 9. Warnings quote a few dozen characters of a cell, none under --anonymize ------------------


def test_warnings_quote_at_most_40_characters_and_nothing_under_anonymize(runner, tmp_path):
    # Before: a 3 KB date cell holding message text was printed whole, also with --anonymize.
    from netaudit.cli import app

    secret = "Dear Ana, the merger with Beta closes Friday, keep it quiet. " * 50  # 3,050 chars
    path = tmp_path / "log.csv"  # a message log whose second date cell holds message text
    path.write_text("from,to,date,body\n"
                    + "".join(f"ana@example.com,bo@example.com,2024-03-{d:02d},hi {d}\n"
                              for d in range(1, 10))
                    + f'bo@example.com,ana@example.com,"{secret}",hello\n', encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--format", "message-csv"])
    assert result.exit_code == 0, result.output
    # The first 40 characters, then '…': "'Dear Ana, the merger with Beta closes Fr'…".
    assert f"{secret[:40]!r}…" in result.stderr
    assert secret[:41] not in result.output
    result = runner.invoke(app, ["analyze", str(path), "--format", "message-csv",
                                 "--anonymize"])
    assert result.exit_code == 0, result.output
    assert "Dear Ana" not in result.output and "(e.g. [not shown]" in result.stderr


def test_activity_warnings_quote_40_characters_and_nothing_under_anonymize(runner, tmp_path):
    # Before: activity quoted an unknown kind's cell whole (a 1,220-character message pasted
    # into the kind column was printed), also with --anonymize.
    from netaudit.cli import app

    folder = Path(__file__).resolve().parents[1] / "samples" / "article" / "activity"
    secret = "Dear Mia, the merger with Beta closes Friday, keep it quiet. " * 20  # 1,220
    log = tmp_path / "log.csv"
    log.write_text("person,date,kind,group\nmia de vries,2010-03-13,recommendation,\n"
                   f'mia de vries,2010-03-12,"{secret}",\n', encoding="utf-8")
    args = ["activity", str(folder / "Connections.csv"), "--log", str(log)]
    with limits(60, 2048, traced=False):
        result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    warning = " ".join(result.stderr.split())
    # 40 characters then '…': "'Dear Mia, the merger with Beta closes F'…"
    assert f"(e.g. {secret[:40]!r}…)" in warning
    assert secret[:41] not in warning
    result = runner.invoke(app, [*args, "--anonymize"])
    assert result.exit_code == 0, result.output
    assert "Dear Mia" not in result.output and "(e.g. [not shown])" in result.stderr


def test_anonymize_shows_input_paths_as_inputs_and_output_paths_without_names(runner, tmp_path):
    # Before: `wrote out/Sinéad_García_ties.csv`, 'read Tanaka/Müller_export.zip:…' (a
    # connection's surname alone in a folder name) and report --json's "path" were printed
    # as given under --anonymize. The sample's connections include Sinéad García, Andrés
    # Tanaka and Jana Müller (samples/make_samples.py).
    import json
    import shutil

    from netaudit.cli import app

    folder = tmp_path / "Tanaka"
    folder.mkdir()
    export = shutil.copy(SAMPLE, folder / "Müller_export.zip")
    out = tmp_path / "out"
    out.mkdir()
    csv_path = out / "Sinéad_García_ties.csv"
    result = runner.invoke(app, ["ties", str(export), "--anonymize", "--csv", str(csv_path),
                                 "-v"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    # With -v, the input as 'input 1', each member by its name inside the export.
    assert "read input 1:Connections.csv: LinkedIn connections, 300 rows" in lines[0]
    # The one line names the files by their number (8 read: 11 in the ZIP less the 3 an
    # export holds that netaudit does not use), not the ZIP's name.
    assert "read 8 files: 300 connections" in result.stderr
    # The output by its file name alone, each word of a known name as [name].
    assert "wrote [name]_[name]_ties.csv (331 rows)" in " ".join(result.stderr.split())
    for secret in ("Tanaka", "Müller", "Muller", "Sinéad", "García", str(tmp_path)):
        assert secret not in result.output, secret
    pdf = out / "García.pdf"
    result = runner.invoke(app, ["report", str(export), "--anonymize", "-o", str(pdf),
                                 "--json", "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["path"] == "[name].pdf"
    assert "García" not in result.output and "Tanaka" not in result.output
    # Without --anonymize, paths are shown as given.
    result = runner.invoke(app, ["ties", str(export), "--csv", str(csv_path), "--force", "-q"])
    assert f"wrote {csv_path} (331 rows)" in " ".join(result.stderr.split())


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_a_signal_swallowed_by_a_finalizer_still_stops_the_write(runner, tmp_path, monkeypatch,
                                                                 name):
    # Before: a Ctrl-C (or SIGTERM) that arrived while the garbage collector ran a callback
    # (Python prints "Exception ignored in: <function WeakKeyDictionary…remove>" and goes on)
    # let the run finish: traceback on stderr, exit 0, the file written. Seen in 1 of 28
    # Ctrl-C sent at random during `report -o x.pdf`. Here the signal arrives inside a
    # finalizer during the write of `ties --csv`.
    import os
    import signal as signals

    from netaudit.cli import app
    from netaudit.render import export

    number = getattr(signals, name)
    real_chmod = os.chmod

    class Finalized:
        def __del__(self):
            os.kill(os.getpid(), number)  # the handler raises here: Python swallows it

    def chmod_during_a_collection(*args, **kwargs):
        Finalized()
        return real_chmod(*args, **kwargs)

    monkeypatch.setattr(export.os, "chmod", chmod_during_a_collection)
    out = tmp_path / "ties.csv"
    with limits(60, 2048, traced=False):
        result = runner.invoke(app, ["ties", str(SAMPLE), "--csv", str(out), "-q"])
    assert result.exit_code == (130 if name == "SIGINT" else 128 + number), result.output
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temporary
    assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr


def test_messenger_notices_are_read_in_linear_time():
    # A reaction or activity notice names its member in front ('Kit reacted 😆 to your
    # message', 'Mia voted for … in the poll.'): bounded names, and a row longer than any
    # notice is not matched at all. Each phrase repeated to 100,000 characters, with and
    # without the notice's end.
    from netaudit.importers.facebook import REACTION_ROW, activity_row

    units = [" voted for ", " removed ", " added ", " set the nickname for ", " to ", " call",
             " the group", " in the poll", " reacted 😆", " joined the ", " a manqué "]
    rows = [("a" + unit) * (100_000 // (len(unit) + 1)) + tail for unit in units
            for tail in ("", ".", " the group.", " in the poll.", " to your message")]
    rows += [row[:600] for row in rows]
    with limits(seconds=20, megabytes=200, traced=False):
        for row in rows:
            started = time.perf_counter()
            activity_row(row)
            REACTION_ROW.fullmatch(row)
            assert time.perf_counter() - started < 0.3, repr(row[:16] + row[-16:])
