"""The fuzz campaign of issue 16: names made of any character, through every importer and
every writer, each output read back by the program it is for.

Not part of the normal suite (it runs for minutes); ``tests/test_fuzz_campaign.py`` runs every
target here with a few examples. Run the campaign with::

    python scripts/fuzz.py --examples 2000            # every target
    python scripts/fuzz.py --examples 200 pdf html    # some targets
    python scripts/fuzz.py --list

Each example writes a small input holding names drawn from :data:`NAME` (any code point of
every Unicode general category but surrogates, with every control and invisible character the
issue names drawn often), runs a command in-process as a user would, and checks:

- the command ends with exit 0, or with a one-line error (exit 1 or 2), never "internal error"
  (exit 3) nor an exception;
- nothing printed holds a raw terminal control (ESC, CSI, BEL, a bidirectional override);
- ``--json`` output parses;
- every file written reads back with the program it is for: CSV with Python's csv, GraphML and
  GEXF with networkx, vCard with vobject, the calendar with icalendar, the PDF with pypdf, the
  HTML with Python's HTML parser (and holds no raw control character).

The script prints, per target, the examples run, the failures and the first failing example
(hypothesis shrinks it). Exit status 1 when any target failed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

#: Every control and invisible character issue 16 names, drawn often beside any character.
INVISIBLE = ("\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x85\x9b\xa0\xad\u061c\u200b\u200c\u200d"
             "\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068"
             "\u2069\ufeff\ufff9\ufffc\ufffd\ufffe\uffff\U000e0001\U000e007f")
#: The Unicode general categories but Cs (surrogates cannot be written as UTF-8).
CATEGORIES = ("Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd",
              "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc",
              "Cf", "Co", "Cn")
_ANY = st.characters(codec="utf-8")
_BY_CATEGORY = st.sampled_from(CATEGORIES).flatmap(
    lambda cat: st.characters(categories=[cat], codec="utf-8"))
CHAR = st.one_of(_ANY, _BY_CATEGORY, st.sampled_from(INVISIBLE))
NAME = st.text(CHAR, min_size=1, max_size=14)
#: Terminal controls that must never be printed raw.
RAW = ("\x1b", "\x9b", "\x07", "\u202e", "\u2066", "\x9d")

AS_OF = "2026-06-01"


class Failure(AssertionError):
    pass


# --- running a command ---------------------------------------------------------------------


def _run(args: list[str]) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from netaudit.cli import app

    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise Failure(f"{args[0]}: exception {result.exception!r}")
    if result.exit_code not in (0, 1, 2):
        raise Failure(f"{args[0]}: exit {result.exit_code}: {result.output[-300:]!r}")
    for stream in (result.stdout, result.stderr):
        for c in RAW:
            if c in stream:
                raise Failure(f"{args[0]}: raw {c!r} printed: {stream[:300]!r}")
    if result.exit_code != 0 and result.stderr.count("\n") > 3:
        raise Failure(f"{args[0]}: error of several lines: {result.stderr[-400:]!r}")
    return result.exit_code, result.stdout, result.stderr


def _json(args: list[str]) -> None:
    code, stdout, _ = _run([*args, "--json", "-q"])
    if code == 0:
        json.loads(stdout)


# --- inputs: one small file per format, the drawn names written as the format writes them ---


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _linkedin(folder: Path, names: list[str], *, companies: list[str] | None = None) -> Path:
    """A LinkedIn export folder: the owner, the names as connections (first name only, last
    name only and both), messages with each, so ties, due and the report have people."""
    companies = companies or names
    (folder / "Profile.csv").write_text(
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
        "Alex,Rivera,,,,Consultant,,Software,,Lisbon,,,\n", encoding="utf-8")
    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    messages = ['"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
                '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"']
    me = "https://www.linkedin.com/in/alex-rivera-fz"
    for i, name in enumerate(names):
        first, last = name[: len(name) // 2 + 1], name[len(name) // 2 + 1:] or "Z"
        url = f"https://www.linkedin.com/in/fuzz-{i}"
        company = companies[i % len(companies)]
        rows.append(f"{_csv_cell(first)},{_csv_cell(last)},{url},p{i}@example.com,"
                    f"{_csv_cell(company)},{_csv_cell(name)},0{1 + i % 9} Jan 2024")
        full = f"{first} {last}"
        for k, (who, whourl, to, tourl) in enumerate(((full, url, "Alex Rivera", me),
                                                      ("Alex Rivera", me, full, url)) * 3):
            messages.append(
                f'"c{i}","","{_q(who)}","{whourl}","{_q(to)}","{tourl}",'
                f'"2025-{1 + k * 2:02d}-0{1 + i % 9} 10:00:00 UTC","","{_q(name)} {k}","INBOX",""')
    rows.extend(f"Filler{i},Person,https://www.linkedin.com/in/filler-{i},,Firm {i},"
                f"Engineer,0{1 + i % 9} Feb 2023" for i in range(12))
    (folder / "Connections.csv").write_text("Notes:\n\"x\"\n\n" + "\n".join(rows) + "\n",
                                            encoding="utf-8", errors="surrogatepass")
    (folder / "messages.csv").write_text("\n".join(messages) + "\n", encoding="utf-8",
                                         errors="surrogatepass")
    return folder


def _q(text: str) -> str:
    return text.replace('"', '""')


def _vcard(folder: Path, names: list[str]) -> Path:
    def esc(text: str) -> str:
        return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))

    cards = []
    for i, name in enumerate(names):
        cards.append(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{esc(name)}\r\nN:{esc(name)};Ana;;;\r\n"
                     f"EMAIL:v{i}@example.com\r\nORG:{esc(name)}\r\nTITLE:{esc(name)}\r\n"
                     f"END:VCARD\r\n")
    path = folder / "contacts.vcf"
    path.write_bytes("".join(cards).encode("utf-8", "surrogatepass"))
    return path


def _mbox(folder: Path, names: list[str]) -> Path:
    import base64

    parts = []
    for i, name in enumerate(names):
        raw = name.replace("\r", " ").replace("\n", " ")
        encoded = "=?utf-8?b?" + base64.b64encode(name.encode("utf-8", "surrogatepass")).decode() + "?="
        shown = raw if i % 2 else encoded
        parts.append(f"From m{i}@example.com Mon Jan 01 10:00:00 2024\n"
                     f"From: \"{shown}\" <m{i}@example.com>\n"
                     f"To: Alex Rivera <alex@example.com>\n"
                     f"Subject: {encoded}\n"
                     f"Date: Mon, 0{1 + i % 9} Jan 2024 10:00:00 +0000\n"
                     f"Message-ID: <m{i}@example.com>\n\n"
                     f"Hello from {raw}\n\n")
        parts.append(f"From alex@example.com Mon Jan 02 10:00:00 2024\n"
                     f"From: Alex Rivera <alex@example.com>\n"
                     f"To: \"{shown}\" <m{i}@example.com>\n"
                     f"Subject: Re: hi\nDate: Tue, 1{1 + i % 9} Jan 2024 10:00:00 +0000\n"
                     f"Message-ID: <r{i}@example.com>\nIn-Reply-To: <m{i}@example.com>\n\n"
                     f"Hi\n\n")
    path = folder / "mail.mbox"
    path.write_bytes("".join(parts).encode("utf-8", "surrogatepass"))
    return path


def _message_log(folder: Path, names: list[str]) -> Path:
    rows = ["from,to,date,conversation,subject,from_name,to_name"]
    for i, name in enumerate(names):
        rows.append(f"l{i}@example.com,alex@example.com,2024-03-1{i % 9}T09:00:00Z,c{i},"
                    f"{_csv_cell(name)},{_csv_cell(name)},Alex Rivera")
        rows.append(f"alex@example.com,l{i}@example.com,2024-03-2{i % 9}T09:00:00Z,c{i},"
                    f"Re,Alex Rivera,{_csv_cell(name)}")
    path = folder / "messages.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode("utf-8", "surrogatepass"))
    return path


def _whatsapp(folder: Path, names: list[str]) -> Path:
    flat = [n.replace("\r", " ").replace("\n", " ") for n in names]
    lines = ["1/4/23, 7:02 PM - Messages and calls are end-to-end encrypted. No one outside of "
             "this chat, not even WhatsApp, can read or listen to them. Tap to learn more."]
    for i, name in enumerate(flat):
        lines.append(f"1/{5 + i}/23, 7:03 PM - {name}: Hi {name}")
        lines.append(f"1/{5 + i}/23, 7:10 PM - Alex Rivera: Yes!")
    safe = "".join(c for c in flat[0] if c not in '/\\\x00') or "x"
    path = folder / f"WhatsApp Chat with {safe}.txt"
    try:
        path.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
    except OSError:  # a name too long or refused by the file system
        path = folder / "WhatsApp Chat with X.txt"
        path.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
    return path


def _telegram(folder: Path, names: list[str]) -> Path:
    chats = []
    for i, name in enumerate(names):
        chats.append({"name": name, "type": "personal_chat", "id": 5000000010 + i,
                      "messages": [
                          {"id": 1, "type": "message", "date": "2020-02-02T20:20:20",
                           "from": name, "from_id": f"user{5000000010 + i}", "text": name},
                          {"id": 2, "type": "message", "date": "2020-02-02T20:25:00",
                           "from": "Alex Rivera", "from_id": "user5000000001",
                           "text": [{"type": "bold", "text": name}, " sure"]}]})
    data = {"personal_information": {"user_id": 5000000001, "first_name": "Alex",
                                     "last_name": "Rivera"},
            "contacts": {"list": [{"first_name": n, "last_name": n, "phone_number": "+1555",
                                   "date": "2020-01-01T00:00:00"} for n in names]},
            "chats": {"list": chats}}
    path = folder / "result.json"
    path.write_text(json.dumps(data, ensure_ascii=bool(len(names) % 2)), encoding="utf-8",
                    errors="surrogatepass")
    return path


def _mojibake(text: str) -> str:
    """Facebook writes UTF-8 bytes as Latin-1 code points (docs/formats.md)."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


def _facebook(folder: Path, names: list[str]) -> Path:
    root = folder / "facebook"
    friends = root / "connections" / "friends"
    friends.mkdir(parents=True)
    (friends / "your_friends.json").write_text(json.dumps(
        {"friends_v2": [{"name": _mojibake(n), "timestamp": 1546300800 + i}
                        for i, n in enumerate(names)]}), encoding="utf-8")
    for i, name in enumerate(names):
        thread = root / "your_facebook_activity" / "messages" / "inbox" / f"t{i}_123"
        thread.mkdir(parents=True)
        (thread / "message_1.json").write_text(json.dumps({
            "participants": [{"name": _mojibake(name)}, {"name": "Alex Rivera"}],
            "title": _mojibake(name), "is_still_participant": True,
            "thread_type": "Regular", "thread_path": f"inbox/t{i}_123",
            "messages": [
                {"sender_name": "Alex Rivera", "timestamp_ms": 1551441600000 + i,
                 "content": _mojibake(name), "type": "Generic"},
                {"sender_name": _mojibake(name), "timestamp_ms": 1551438000000 + i,
                 "content": "hi", "type": "Generic"}]}), encoding="utf-8")
    return root


def _x(folder: Path, names: list[str]) -> Path:
    data = folder / "twitter" / "data"
    data.mkdir(parents=True)
    account = [{"account": {"email": "alex@example.com", "username": "alex_rivera",
                            "accountId": "1000000001", "createdAt": "2012-05-01T10:00:00.000Z",
                            "accountDisplayName": names[0]}}]
    (data / "account.js").write_text("window.YTD.account.part0 = " + json.dumps(account),
                                     encoding="utf-8")
    conversations = []
    for i, name in enumerate(names):
        other = str(2000000001 + i)
        conversations.append({"dmConversation": {
            "conversationId": f"1000000001-{other}",
            "messages": [{"messageCreate": {
                "recipientId": "1000000001", "reactions": [], "urls": [], "text": name,
                "mediaUrls": [], "senderId": other, "id": f"30{i}",
                "createdAt": "2022-09-12T17:38:27.668Z"}}]}})
    (data / "direct-messages.js").write_text(
        "window.YTD.direct_messages.part0 = " + json.dumps(conversations), encoding="utf-8")
    (data / "follower.js").write_text("window.YTD.follower.part0 = " + json.dumps(
        [{"follower": {"accountId": str(2000000001 + i), "userLink": f"https://twitter.com/"
                       f"intent/user?user_id={2000000001 + i}"}} for i in range(len(names))]),
        encoding="utf-8")
    return folder / "twitter"


# --- targets ------------------------------------------------------------------------------


def _importer(make: Callable[[Path, list[str]], Path], fmt: str | None = None):
    def run(folder: Path, names: list[str]) -> None:
        (folder / "in").mkdir()
        path = make(folder / "in", names)
        extra = ["--format", fmt] if fmt else []
        _json(["ties", str(path), *extra])
        _run(["analyze", str(path), *extra])
        _run(["ties", str(path), *extra, "--anonymize", "-q"])
    return run


def _csv_readback(path: Path) -> int:
    with open(path, encoding="utf-8", newline="") as stream:
        return len(list(csv.reader(stream)))


def w_csv(folder: Path, names: list[str]) -> None:
    (folder / "in").mkdir()
    export = _linkedin(folder / "in", names)
    out = folder / "ties.csv"
    code, _, _ = _run(["ties", str(export), "--csv", str(out), "-q"])
    if code == 0 and _csv_readback(out) < len(names) + 1:
        raise Failure("ties --csv lost rows")
    edges = folder / "edges.csv"
    code, _, _ = _run(["graph", str(export), "-o", str(edges), "-q"])
    if code == 0:
        _csv_readback(edges)
    google = folder / "google.csv"
    code, _, _ = _run(["ties", str(export), "--export", "csv", str(google), "-q"])
    if code == 0 and _csv_readback(google) < 2:
        raise Failure("ties --export csv wrote no row")


def w_json(folder: Path, names: list[str]) -> None:
    (folder / "in").mkdir()
    export = _linkedin(folder / "in", names)
    for command in (["analyze"], ["ties"], ["replies"], ["due", "--as-of", AS_OF],
                    ["introduce"]):
        _json([*command, str(export)])
        _json([*command, str(export), "--anonymize"])


def w_graph(folder: Path, names: list[str]) -> None:
    import networkx as nx

    (folder / "in").mkdir()
    export = _linkedin(folder / "in", names)
    for suffix, read in ((".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
        for anonymize in ([], ["--anonymize"]):
            out = folder / f"g{len(anonymize)}{suffix}"
            code, _, _ = _run(["graph", str(export), "-o", str(out), "-q", *anonymize])
            if code == 0 and read(out).number_of_nodes() < len(names):
                raise Failure(f"{suffix}: fewer nodes than people")


def w_vcf(folder: Path, names: list[str]) -> None:
    import vobject

    (folder / "in").mkdir()
    export = _linkedin(folder / "in", names)
    out = folder / "people.vcf"
    code, _, _ = _run(["ties", str(export), "--export", "vcf", str(out), "--with-email", "-q"])
    if code == 0:
        cards = list(vobject.readComponents(out.read_text(encoding="utf-8")))
        if len(cards) < 1:
            raise Failure("vcf: no card read back")


def w_ics(folder: Path, names: list[str]) -> None:
    import icalendar

    (folder / "in").mkdir()
    export = _linkedin(folder / "in", names)
    out = folder / "due.ics"
    code, _, _ = _run(["due", str(export), "--as-of", AS_OF, "--ics", str(out), "-q"])
    if code == 0:
        calendar = icalendar.Calendar.from_ical(out.read_bytes())
        for event in calendar.walk("VEVENT"):
            str(event.get("SUMMARY"))


def w_pdf(folder: Path, names: list[str]) -> None:
    from pypdf import PdfReader

    (folder / "in").mkdir()
    export = _linkedin(folder / "in", names)
    out = folder / "r.pdf"
    code, _, _ = _run(["report", str(export), "-o", str(out), "-q"])
    if code == 0:
        reader = PdfReader(out)
        if not reader.pages:
            raise Failure("pdf: no page")
        reader.pages[-1].extract_text()


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags = 0

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        self.tags += 1


def w_html(folder: Path, names: list[str]) -> None:
    (folder / "in").mkdir()
    export = _linkedin(folder / "in", names)
    for anonymize in ([], ["--anonymize"]):
        out = folder / f"r{len(anonymize)}.html"
        code, _, _ = _run(["report", str(export), "-o", str(out), "-q", *anonymize])
        if code == 0:
            text = out.read_text(encoding="utf-8")
            parser = _Html()
            parser.feed(text)
            parser.close()
            if parser.tags < 10:
                raise Failure("html: too few tags")
            bad = [c for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r"]
            if bad:
                raise Failure(f"html: raw control characters {bad[:5]!r}")


TARGETS: dict[str, Callable[[Path, list[str]], None]] = {
    "linkedin": _importer(lambda f, n: _linkedin(f, n)),
    "vcard": _importer(_vcard),
    "mbox": _importer(_mbox),
    "message-log": _importer(_message_log, "message-csv"),
    "whatsapp": _importer(_whatsapp),
    "telegram": _importer(_telegram),
    "facebook": _importer(_facebook),
    "x": _importer(_x),
    "csv": w_csv,
    "json": w_json,
    "graph": w_graph,
    "vcf": w_vcf,
    "ics": w_ics,
    "pdf": w_pdf,
    "html": w_html,
}
#: Writers of a whole report cost seconds an example: they get a tenth of the examples.
SLOW = {"pdf", "html"}


def run_target(name: str, examples: int, *, seed: int | None = None) -> dict[str, object]:
    """Run one target for ``examples`` examples; its counts and the first failure."""
    target = TARGETS[name]
    count = {"examples": 0}
    started = time.process_time()

    @settings(max_examples=examples, deadline=None, database=None, derandomize=seed is not None,
              suppress_health_check=list(HealthCheck), print_blob=False)
    @given(names=st.lists(NAME, min_size=1, max_size=3))
    def check(names: list[str]) -> None:
        count["examples"] += 1
        folder = Path(tempfile.mkdtemp(prefix=f"fuzz-{name}-"))
        try:
            target(folder, names)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    failure = None
    try:
        check()
    except Exception as exc:  # noqa: BLE001 - the campaign reports every failure
        inner = "".join(f"\n  {type(e).__name__}: {e}" for e in getattr(exc, "exceptions", ()))
        failure = f"{type(exc).__name__}: {exc}{inner}"[:3000]
    return {"target": name, "examples": count["examples"], "failed": failure is not None,
            "failure": failure, "cpu_s": round(time.process_time() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help="targets to run (default: all)")
    parser.add_argument("--examples", type=int, default=200,
                        help="examples per target (report writers: a tenth, at least 5)")
    parser.add_argument("--list", action="store_true", help="list the targets")
    parser.add_argument("--json", action="store_true", help="one JSON line per target")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(TARGETS))
        return 0
    failed = 0
    for name in args.targets or list(TARGETS):
        n = max(5, args.examples // 10) if name in SLOW else args.examples
        result = run_target(name, n)
        failed += bool(result["failed"])
        if args.json:
            print(json.dumps(result), flush=True)
        else:
            status = "FAILED" if result["failed"] else "ok"
            print(f"{name:12} {result['examples']:6,} examples {result['cpu_s']:8.1f} s CPU "
                  f"{status}", flush=True)
            if result["failure"]:
                print("   ", result["failure"].replace("\n", "\n    "), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
