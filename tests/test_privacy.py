"""E-mail addresses and message bodies never appear in what netaudit prints or writes unless
asked (issue 6, "Safe outputs and privacy").

Every registered command runs on the bundled sample (with ``--out`` into a temporary folder
where it writes files, and once with ``--json`` where it has it); its stdout, stderr and every
file written are searched for each e-mail address and each message body of the sample, read
straight from the ZIP with the csv module (not with netaudit).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest

from netaudit.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_ZIP = ROOT / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Rich wraps long text and draws boxes: compare without white space and box characters.
SQUASH = re.compile(r"[\s│┃┆┊║|─━═]+")

pytestmark = pytest.mark.skipif(not SAMPLE_ZIP.exists(), reason="sample export not generated")


def _rows(member: str, header_starts: str) -> list[dict[str, str]]:
    """Rows of a member of the sample ZIP, from the line that starts its header (the 3-line
    'Notes:' preamble of Connections.csv is skipped that way)."""
    with zipfile.ZipFile(SAMPLE_ZIP) as archive:
        text = archive.read(member).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text[text.index(header_starts):])))


def sample_secrets() -> tuple[set[str], set[str]]:
    emails = {row["Email Address"].strip().lower() for row in _rows("Connections.csv", "First Name,")
              if row.get("Email Address", "").strip()}
    bodies: set[str] = set()
    for row in _rows("messages.csv", '"CONVERSATION ID"'):
        emails.update(m.lower() for m in EMAIL.findall(row["CONTENT"]))
        body = SQUASH.sub("", row["CONTENT"])
        # Short bodies ("Thanks!", "Ok 👌") are phrases any text may contain; 24 characters
        # without spaces are a sentence of the message.
        if len(body) >= 24:
            bodies.add(body[:60])
    return emails, bodies


def test_the_sample_has_secrets_to_leak():
    emails, bodies = sample_secrets()
    # samples/README.md: 9 connections with an e-mail; 1,500 messages, most with a sentence.
    assert len({e for e in emails if e}) >= 9
    assert len(bodies) >= 100


def _leaks(text: str, emails: set[str], bodies: set[str]) -> list[str]:
    squashed = SQUASH.sub("", text).lower()
    found = [e for e in emails if e in squashed]
    found += [b for b in bodies if b.lower() in squashed]
    return found


def _written_text(folder: Path) -> str:
    parts = []
    for path in sorted(folder.rglob("*")) if folder.exists() else []:
        if path.suffix.lower() in (".csv", ".json", ".html", ".htm", ".svg", ".md", ".txt",
                                   ".graphml", ".gexf"):
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix.lower() == ".pdf":
            from pypdf import PdfReader

            parts.extend(page.extract_text() or "" for page in PdfReader(path).pages)
    return "\n".join(parts)


def _commands() -> dict[str, set[str]]:
    from typer.main import get_command

    return {name: {opt for p in command.params for opt in getattr(p, "opts", [])}
            for name, command in get_command(app).commands.items()}


def output_variants(command: str, options: set[str], folder: Path) -> dict[str, list[str]]:
    """How a command is asked to write files: ``--out DIR``, or ``--output FILE`` whose
    suffix picks the format (each text format once; graph's is GraphML)."""
    if command == "graph":  # -o/--output since issue 15 (was --output-file)
        return {"graphml": ["--output", str(folder / "network.graphml"), "--mkdir"]}
    if "--out" in options:
        return {"out": ["--out", str(folder)]}
    if "--output" in options:
        # The HTML page holds the same text as the PDF (one report structure, two
        # renderers) and is read back exactly; the PDF is checked in test_no_network's run.
        # --mkdir: the folder does not exist yet, and -o creates none without it (issue 15).
        return {"html": ["--output", str(folder / "report.html"), "--mkdir"]}
    return {"none": []}


def _json_variants(options: set[str]) -> list[bool]:
    # A command that must write a file (--output) runs once, with --json where it has it:
    # that run checks its JSON, its messages and the file; rendering twice costs seconds.
    if "--json" not in options:
        return [False]
    return [True] if "--output" in options else [False, True]


CASES = [(command, as_json, variant)
         for command, options in sorted(_commands().items())
         for as_json in _json_variants(options)
         for variant in output_variants(command, options, Path("out"))]


@pytest.mark.parametrize("command, as_json, variant", CASES)
def test_command_output_holds_no_email_and_no_message_body(runner, tmp_path, command, as_json,
                                                           variant):
    options = _commands()[command]
    emails, bodies = sample_secrets()
    out = tmp_path / "out"
    args = [command, str(SAMPLE_ZIP), *output_variants(command, options, out)[variant]]
    if as_json:
        args.append("--json")
    result = runner.invoke(app, args, input="")
    assert result.exit_code in (0, 1, 2), result.output[-2000:]
    if variant in ("html", "pdf"):
        assert result.exit_code == 0, result.output[-2000:]
        assert (out / f"report.{variant}").exists()
    assert _leaks(result.stdout, emails, bodies) == []
    assert _leaks(result.stderr, emails, bodies) == []
    assert _leaks(_written_text(out), emails, bodies) == []
