"""Hostile input, round two (issue 16): each promise of README "Privacy" and "Safety" under the
attack that broke it. Every input is generated here (never a stored multi-megabyte file), and
every attack runs under a time limit and a memory ceiling stated in its test (:func:`limits`:
wall time by SIGALRM, so that a hang fails instead of blocking the suite; memory by
tracemalloc's peak of Python allocations, where inflated and decoded data live).
"""

from __future__ import annotations

import io
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
def limits(seconds: float, megabytes: float):
    """Fail when the block runs longer than ``seconds`` (interrupting a hang) or its Python
    allocations peak above ``megabytes``."""

    def expire(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
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
    with limits(seconds=3, megabytes=30), pytest.raises(InputError) as caught:
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
    with limits(seconds=3, megabytes=30), pytest.raises(InputError, match="same data"):
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
    with limits(seconds=3, megabytes=30):
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
