"""Property: whatever bytes arrive, netaudit gives a result or a NetauditError, nothing else.

Every importer in ``REGISTRY`` is fuzzed (new importers are picked up automatically), through
``sniff`` and ``read`` directly (``--format`` forces ``read`` on any file, so ``read`` must
cope with anything), then ``netaudit.load`` and every registered command end to end.

Inputs are random bytes, random CSV documents under headers netaudit knows (harvested from the
samples and fixtures, so new formats get fuzzed as soon as a fixture exists), and real files
mutated (truncated, bytes flipped, lines repeated, delimiters swapped).

Profiles: ``fuzz`` (default, quick) and ``long`` (``HYPOTHESIS_PROFILE=long``: 5,000 examples
per target, the campaign reported in the README).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netaudit
from netaudit.cli import app
from netaudit.errors import NetauditError
from netaudit.importers import REGISTRY, Importer, ReadOptions
from netaudit.importers.inputs import InputFile

settings.register_profile(
    "fuzz",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
    database=None,
)
settings.register_profile("long", settings.get_profile("fuzz"), max_examples=5000)
_chosen = os.environ.get("HYPOTHESIS_PROFILE", "fuzz")
FUZZ = settings.get_profile(_chosen if _chosen in ("fuzz", "long") else "fuzz")
#: End-to-end runs cost more per example (the whole pipeline, rendering included).
FUZZ_E2E = settings(FUZZ, max_examples=max(15, FUZZ.max_examples // 3))

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE_ZIP = SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip"
SEED_LINES = 40
SEED_BYTES = 16_384


# --- seeds: real files netaudit reads ----------------------------------------------------------

def _cut(data: bytes) -> bytes:
    """The first lines of a seed: enough for every header and some rows, fast to fuzz."""
    lines = data.split(b"\n")[:SEED_LINES]
    return b"\n".join(lines)[:SEED_BYTES]


def _seeds() -> list[tuple[str, bytes]]:
    seeds: list[tuple[str, bytes]] = []
    if SAMPLE_ZIP.exists():
        with zipfile.ZipFile(SAMPLE_ZIP) as archive:
            seeds.extend((Path(info.filename).name, _cut(archive.read(info)))
                         for info in archive.infolist() if not info.is_dir())
    for folder in (SAMPLES, FIXTURES):
        if not folder.exists():
            continue
        for path in sorted(folder.rglob("*")):
            if (path.is_file() and path.suffix.lower() not in (".zip", ".md", ".py", ".json")
                    and path.stat().st_size < 50_000_000):
                with open(path, "rb") as stream:
                    seeds.append((path.name, _cut(stream.read(SEED_BYTES * 4))))
    # JSON exports (Facebook, Telegram) are skipped above with the samples' JSON outputs:
    # their fixtures are seeds too, cut to their first lines like the rest.
    seeds += [(path.name, _cut(path.read_bytes())) for folder in ("facebook", "telegram")
              for path in sorted((FIXTURES / folder).rglob("*.json"))]
    # Formats from docs/formats.md, in case no fixture holds them yet.
    seeds += [
        ("Connections.csv", b"First Name,Last Name,Email Address,Company,Position,Connected On\n"
                            b"Ana,Ruiz,a@example.com,Acme,CEO,\"7/4/18, 9:05 AM\"\n"),
        ("messages.csv", b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,"
                         b"SUBJECT,CONTENT,FOLDER\n"
                         b"c1,,Ana Ruiz,https://www.linkedin.com/in/ana,Bo Li,"
                         b"2023-07-04 10:00:00 UTC,,Hello,INBOX\n"),
        ("Invitations.csv", b"From,To,Sent At,Message,Direction\n"
                            b"Ana Ruiz,Bo Li,\"4/6/26, 2:12 PM\",,INCOMING\n"),
        ("Comments.csv", b'Date,Link,Message\n2024-01-01 10:00:00,https://x,"say \\"hi\\""\n'),
        ("Shares.csv", b'Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n'
                       b'2024-01-01 10:00:00,https://x,"line one""\n""line two",,,'
                       b'MEMBER_NETWORK\n'),
        ("contacts.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nEMAIL:a@example.com\r\n"
                         b"END:VCARD\r\n"),
        ("mail.mbox", b"From 1@xxx Mon Nov 06 04:42:58 +0000 2017\r\nFrom: Ana <a@example.com>\r\n"
                      b"To: Bo <b@example.com>\r\nDate: Mon, 06 Nov 2017 04:42:58 +0000\r\n"
                      b"Subject: hi\r\n\r\nbody\r\n"),
    ]
    return seeds


SEEDS = _seeds()
HEADERS = sorted({
    next((line for line in data.decode("utf-8", "replace").splitlines()
          if line.count(",") >= 2 or line.count(";") >= 2 or line.count("\t") >= 2), "")
    for _, data in SEEDS
} - {""})
FILE_NAMES = sorted({name for name, _ in SEEDS}
                    | {name for importer in REGISTRY for name in importer.file_names}
                    | {"data.csv", "export.txt", "contacts.vcf", "mail.mbox"})


# --- strategies -------------------------------------------------------------------------------

NASTY = [
    "", " ", '"', '""', '\\"', '""\n""', "\n", "\r\n", "\r", ",", ";", "\t", "|", "\x00",
    "\ufeff", "\u2028", "\x0c", "=1+1", "@SUM(A1)", "-2", "+3", "é", "Łukasz", "😀", "Notes:",
    "LinkedIn Member", "Sponsored Conversation", "INCOMING", "OUTGOING", "INBOX", "DRAFT",
    "Yes", "No", "true", "https://www.linkedin.com/in/ana%C3%A9", "www.linkedin.com/in/bo",
    "linkedin.com/in/", "a@example.com", "<b@example.org>", "Ruiz, MBA", 'Nhat ""Vy""',
    "04 Jul 2023", "7/4/18, 9:05 AM", "2023-07-04 10:00:00 UTC", "2023-07-04T10:00:00",
    "2023/07/04 10:00:00 UTC", "06-May-22", "04.07.2023", "Tue Jun 20 12:25:51 UTC 2023",
    "2099-01-01 00:00:00 UTC", "1990-01-01 00:00:00 UTC", "31 Feb 2023", "0000-00-00",
    "9999-12-31 23:59:59 UTC", "1677-09-21 00:00:00 UTC", "2262-04-12 00:00:00 UTC",
    "13/45/99, 99:99 PM", "NaN", "nan", "None", "NaT", "1e400", "-0", "x" * 300,
]
cells = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=20),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=4).map("".join),
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"]


@st.composite
def csv_documents(draw) -> bytes:
    """A CSV under a header netaudit knows: random preamble, rows, quoting, line ends and
    encoding."""
    header = draw(st.sampled_from(HEADERS)) if HEADERS else "a,b,c"
    width = header.count(",") + 1
    delimiter = draw(st.sampled_from([",", ",", ";", "\t", "|"]))
    if delimiter != ",":
        header = header.replace(",", delimiter)
    ending = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=width + 2), max_size=12))
    buffer = io.StringIO()
    style = draw(st.sampled_from(["csv", "csv-all", "raw", "backslash"]))
    for row in rows:
        if style == "raw":
            buffer.write(delimiter.join(row) + "\n")
        elif style == "backslash":
            buffer.write(delimiter.join(
                '"' + c.replace('"', '\\"') + '"' for c in row) + "\n")
        else:
            quoting = csv.QUOTE_ALL if style == "csv-all" else csv.QUOTE_MINIMAL
            csv.writer(buffer, delimiter=delimiter, quoting=quoting,
                       lineterminator="\n").writerow(row)
    preamble = draw(st.sampled_from([
        "", 'Notes:\n"When exporting your connection data..."\n\n', "Notes:,,\n,,\n",
        "\n\n", "garbage line\n"]))
    text = preamble + header + "\n" + buffer.getvalue()
    if ending == "mixed":
        parts = text.split("\n")
        ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(parts),
                             max_size=len(parts)))
        text = "".join(p + e for p, e in zip(parts, ends, strict=True))
    elif ending != "\n":
        text = text.replace("\n", ending)
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, errors="replace")


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """``data`` after a few random edits of the kinds damaged files show."""
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "repeat-line",
                                     "delimiter", "nul", "quote"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "truncate":
            del data[at:]
        elif kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif kind == "repeat-line":
            end = data.find(b"\n", at)
            end = len(data) if end == -1 else end + 1
            data[end:end] = data[at:end] * draw(st.integers(1, 3))
        elif kind == "delimiter":
            data = bytearray(bytes(data).replace(b",", draw(st.sampled_from([b";", b"\t", b""]))))
        elif kind == "nul":
            data[at:at] = b"\x00"
        elif kind == "quote":
            data[at:at] = draw(st.sampled_from([b'"', b'\\"', b'""\n""', b'\r']))
    return bytes(data)


#: Keys of the chat exports' JSON (Facebook, X, Telegram), so random documents reach past the
#: first check of each reader.
JSON_KEYS = ["friends_v2", "friends", "sent_requests_v2", "deleted_friends_v2", "name",
             "timestamp", "participants", "messages", "sender_name", "timestamp_ms", "content",
             "thread_path", "title", "type", "Subscribe", "dmConversation", "conversationId",
             "messageCreate", "senderId", "recipientId", "createdAt", "text",
             "joinConversation", "participantsSnapshot", "userIds", "following", "follower",
             "accountId", "account", "personal_information", "user_id", "first_name",
             "contacts", "list", "phone_number", "chats", "left_chats", "about", "id", "from",
             "from_id", "date", "date_unixtime", "personal_chat", "private_group",
             "autofill_information_v2", "FULL_NAME", "EMAIL", "PHONE", "profile_v2",
             "full_name"]
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                         st.floats(allow_nan=False), st.sampled_from(NASTY + JSON_KEYS),
                         st.text(max_size=12))
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(JSON_KEYS), inner, max_size=5)),
    max_leaves=40)
JSON_PREFIXES = ["", "window.YTD.direct_messages.part0 = ", "window.YTD.follower.part1 = ",
                 "window.YTD.direct_messages_group.part0 = ", "window.YTD.account.part0 = ",
                 "\ufeff"]
#: The chat-network importers' file names: sniffing and error texts depend on them.
JSON_NAMES = ["message_1.json", "your_friends.json", "result.json", "direct-messages.js",
              "follower-part1.js", "message_1.html", "_chat.txt", "autofill_information.json"]


@st.composite
def json_documents(draw) -> bytes:
    """A JSON document shaped like a chat export (keys of Facebook, X and Telegram), behind
    an X prefix or none, sometimes cut short."""
    value = draw(st.one_of(json_values, st.dictionaries(st.sampled_from(JSON_KEYS),
                                                        json_values, min_size=1, max_size=6)))
    text = draw(st.sampled_from(JSON_PREFIXES)) + json.dumps(
        value, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):
        text = text[:draw(st.integers(0, len(text)))]
    return text.encode("utf-8")


@st.composite
def whatsapp_chats(draw) -> bytes:
    """Lines in WhatsApp's Android and iOS forms with random dates, times, marks and texts."""
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        a, b = draw(st.integers(0, 40)), draw(st.integers(0, 40))
        year = draw(st.sampled_from(["23", "2023", "99", "0", "1999"]))
        sep = draw(st.sampled_from(["/", ".", "-"]))
        hour, minute = draw(st.integers(0, 25)), draw(st.integers(0, 61))
        ampm = draw(st.sampled_from(["", " PM", "\u202fam", "\u00a0p.\u00a0m.", " AM"]))
        date = f"{a}{sep}{b}{sep}{year}"
        mark = draw(st.sampled_from(["", "\u200e"]))
        who = draw(st.sampled_from(["Ana Ruiz", "+44 7123 456789", "Launch", ""]))
        text = draw(st.one_of(st.sampled_from(NASTY), st.text(max_size=20)))
        if draw(st.booleans()):
            lines.append(f"{mark}[{date}, {hour}:{minute:02d}:07{ampm}] {who}: {mark}{text}")
        else:
            lines.append(f"{date}, {hour}:{minute:02d}{ampm} - {who}: {text}")
        if draw(st.booleans()):
            lines.append(draw(st.text(max_size=15)))
    return "\n".join(lines).encode(draw(st.sampled_from(["utf-8", "utf-16", "cp1252"])),
                                     errors="replace")


seed_files = st.sampled_from(SEEDS).flatmap(
    lambda seed: st.tuples(st.just(seed[0]), mutated(seed[1])))
names = st.sampled_from(FILE_NAMES)


# --- checks -----------------------------------------------------------------------------------

def memory_file(name: str, data: bytes) -> InputFile:
    return InputFile(name, name, len(data), lambda: io.BytesIO(data))


def check_importer(importer: Importer, name: str, data: bytes) -> None:
    """sniff answers a bool (or a NetauditError); read gives a valid fragment or a
    NetauditError, even on a file sniff rejected (``--format`` skips sniff)."""
    file = memory_file(name, data)
    try:
        assert isinstance(importer.sniff(file), bool)
    except NetauditError:
        pass
    try:
        network = importer.read(memory_file(name, data), ReadOptions())
    except NetauditError:
        return
    assert isinstance(network, netaudit.Network)
    network.validate()


def check_load(name: str, data: bytes) -> None:
    """load gives a valid Network or a NetauditError; the analyze figures then compute and
    serialize."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            network = netaudit.load([path])
        except NetauditError:
            return
    network.validate()
    summary = netaudit.Audit(network=network).summary
    json.dumps(summary.to_dict(), default=str)


@pytest.mark.parametrize("importer", REGISTRY, ids=lambda i: i.name)
@FUZZ
@given(data=st.binary(max_size=4096), name=names)
def test_importer_survives_random_bytes(importer, data, name):
    check_importer(importer, name, data)


@pytest.mark.parametrize("importer", REGISTRY, ids=lambda i: i.name)
@FUZZ
@given(data=csv_documents(), name=names)
def test_importer_survives_random_csv_rows(importer, data, name):
    check_importer(importer, name, data)


@pytest.mark.parametrize("importer", REGISTRY, ids=lambda i: i.name)
@FUZZ
@given(seed=seed_files)
def test_importer_survives_damaged_real_files(importer, seed):
    check_importer(importer, *seed)


CHAT_IMPORTERS = [i for i in REGISTRY if i.channel in ("facebook", "x", "whatsapp", "telegram")]


@pytest.mark.parametrize("importer", CHAT_IMPORTERS, ids=lambda i: i.name)
@FUZZ
@given(data=json_documents(), name=st.sampled_from(JSON_NAMES))
def test_chat_importer_survives_random_json(importer, data, name):
    check_importer(importer, name, data)


@pytest.mark.parametrize("importer", CHAT_IMPORTERS, ids=lambda i: i.name)
@FUZZ
@given(data=whatsapp_chats(), name=st.sampled_from(JSON_NAMES))
def test_chat_importer_survives_random_chat_lines(importer, data, name):
    check_importer(importer, name, data)


@FUZZ_E2E
@given(data=st.one_of(json_documents(), whatsapp_chats()), name=st.sampled_from(JSON_NAMES))
def test_load_survives_random_chat_exports(data, name):
    check_load(name, data)


@FUZZ_E2E
@given(data=st.binary(max_size=4096), name=names)
def test_load_survives_random_bytes(data, name):
    check_load(name, data)


@FUZZ_E2E
@given(data=csv_documents(), name=names)
def test_load_survives_random_csv_rows(data, name):
    check_load(name, data)


@FUZZ_E2E
@given(seed=seed_files)
def test_load_survives_damaged_real_files(seed):
    check_load(*seed)


@pytest.mark.skipif(not SAMPLE_ZIP.exists(), reason="sample export not generated")
@FUZZ_E2E
@given(data=st.data())
def test_load_survives_damaged_export_zip(data):
    # Damage where it hurts: the local headers, the compressed data, the central directory.
    original = SAMPLE_ZIP.read_bytes()
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 3))):
        region = data.draw(st.sampled_from(["anywhere", "tail"]))
        low = len(damaged) - 2048 if region == "tail" else 0
        at = data.draw(st.integers(max(low, 0), len(damaged) - 1))
        damaged[at] ^= data.draw(st.integers(1, 255))
    if data.draw(st.booleans()):
        del damaged[data.draw(st.integers(0, len(damaged))):]
    check_load("Basic_LinkedInDataExport_11-20-2026.zip", bytes(damaged))


def _commands() -> dict[str, object]:
    return {command.name or command.callback.__name__.replace("_", "-"): command.callback
            for command in app.registered_commands}


def _file_options(command: str) -> list[str]:
    """The options of ``command`` that take an input file (annotated ``Path``), except
    ``--out``: each gets the damaged file too, so that every reader behind a command is hit."""
    import typing

    from typer.main import get_command

    callback = _commands()[command]
    hints = typing.get_type_hints(callback, include_extras=True)
    flags = {param.name: param.opts[0] for param in get_command(app).commands[command].params
             if param.param_type_name == "option"}
    found = []
    for name, hint in hints.items():
        base = typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint
        if (base == Path or Path in typing.get_args(base)) and name in flags:
            if flags[name] not in ("--out", "--output", "-o"):
                found.append(flags[name])
    return found


def _examples(command: str) -> int:
    """Commands that render a report (matplotlib) cost seconds per example: fewer of them."""
    from typer.main import get_command

    options = {opt for p in get_command(app).commands[command].params for opt in p.opts}
    if "--output" in options:
        return max(3, FUZZ.max_examples // 16)
    return max(8, FUZZ.max_examples // 6)


@pytest.mark.parametrize("command", sorted(_commands()))
def test_command_survives_damaged_input(runner, command):
    """Every command on a damaged file (as its input and as each of its file options): exit
    0, 1 or 2, never an internal error (3) or a traceback."""

    @settings(FUZZ_E2E, max_examples=_examples(command))
    @given(seed=st.one_of(seed_files, st.tuples(names, csv_documents())), data=st.data())
    def run(seed, data):
        run_command(runner, command, seed, data)

    run()


GOOD_CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "".join(
    f"Ana{i},Ruiz,https://www.linkedin.com/in/ana-{i},,Acme,Engineer,0{i + 1} Jul 2023\n"
    for i in range(8))


def run_command(runner, command: str, seed: tuple[str, bytes], data) -> None:
    from typer.main import get_command

    click_command = get_command(app).commands[command]
    options = {opt for param in click_command.params for opt in getattr(param, "opts", [])}
    name, content = seed
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        good = Path(folder) / "good" / "Connections.csv"
        good.parent.mkdir()
        good.write_text(GOOD_CONNECTIONS, encoding="utf-8")
        # The positional input is the damaged file, or a small good one when an option gets it.
        file_options = [flag for flag in _file_options(command) if data.draw(st.booleans())]
        args = [command, str(good if file_options else path)]
        for flag in file_options:
            args += [flag, str(path)]
        if "--json" in options and data.draw(st.booleans()):
            args.append("--json")
        if "--out" in options and data.draw(st.booleans()):
            args += ["--out", str(Path(folder) / "out")]
        if "--output" in options:  # required where it exists; the suffix picks the format
            suffix = data.draw(st.sampled_from(["html", "pdf", ""]))
            args += ["--output", str(Path(folder) / (f"report.{suffix}" if suffix else "png"))]
        result = runner.invoke(app, args, input="")
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-2000:])
    assert "Traceback" not in result.output
