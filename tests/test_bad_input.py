"""Bad input ends in one line on stderr that names the file and says what was expected.

Issue 2, "Bad input": exit code 1 for input that cannot be read, 2 for usage errors, never a
traceback unless ``--debug`` asks for one.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from netaudit.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_ZIP = ROOT / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"
HINT_FILES = ("pass a LinkedIn export (ZIP or folder), a contacts CSV, a vCard, an mbox, or a "
              "Facebook, X, WhatsApp or Telegram export")


def tiny_png() -> bytes:
    """A valid 1x1 white PNG (signature, IHDR, IDAT, IEND), built by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\xff\xff")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat)
            + chunk(b"IEND", b""))


def _empty(tmp: Path) -> Path:
    path = tmp / "Connections.csv"
    path.write_bytes(b"")
    return path


def _bom_only(tmp: Path) -> Path:
    path = tmp / "Connections.csv"
    path.write_bytes(b"\xef\xbb\xbf\n")
    return path


def _preamble_only(tmp: Path) -> Path:
    # A LinkedIn Connections.csv cut after its 3-line preamble (2020+ exports).
    path = tmp / "Connections.csv"
    path.write_text('Notes:\n"When exporting your connection data, you may notice that some of '
                    'the email addresses are missing."\n\n', encoding="utf-8")
    return path


def _garbage(tmp: Path) -> Path:
    path = tmp / "messages.csv"
    # Deterministic "random" bytes: a linear congruential sequence, 4 KiB.
    state, data = 12345, bytearray()
    for _ in range(4096):
        state = (1103515245 * state + 12345) % 2**31
        data.append(state >> 23)
    path.write_bytes(bytes(data))
    return path


def _png_named_csv(tmp: Path) -> Path:
    path = tmp / "Connections.csv"
    path.write_bytes(tiny_png())
    return path


def _truncated_zip(tmp: Path) -> Path:
    path = tmp / "Basic_LinkedInDataExport_11-20-2026.zip"
    data = SAMPLE_ZIP.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _folder_of_nothing(tmp: Path) -> Path:
    folder = tmp / "export"
    folder.mkdir()
    (folder / "README.txt").write_text("my notes\n", encoding="utf-8")
    (folder / "photo.png").write_bytes(tiny_png())
    return folder


def _unknown_headers(tmp: Path) -> Path:
    path = tmp / "inventory.csv"
    path.write_text("sku,colour,weight\nA-1,red,3\nB-2,blue,4\n", encoding="utf-8")
    return path


def _missing(tmp: Path) -> Path:
    return tmp / "Basic_LinkedInDataExport_01-01-2026.zip"


BAD_INPUTS = {
    # case: (builder, what the message says after "error: PATH: ")
    "empty file": (_empty, "is empty"),
    "only a BOM": (_bom_only, "is empty"),
    "preamble only": (_preamble_only,
                      "has LinkedIn's 'Notes:' preamble but no header row netaudit recognizes "
                      "after it"),
    "binary garbage": (_garbage, "is not a text file netaudit can read"),
    "PNG named .csv": (_png_named_csv, "is a PNG image, not a data file"),
    "truncated ZIP": (_truncated_zip, "is not a readable ZIP archive"),
    "folder with nothing recognizable": (_folder_of_nothing,
                                         "contains nothing netaudit can read (2 files looked at)"),
    "CSV with unknown headers": (_unknown_headers,
                                 "has no header or structure netaudit recognizes"),
    "missing path": (_missing, "no such file or folder"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_one_line_naming_the_file_exit_1(runner, tmp_path, case):
    if case == "truncated ZIP" and not SAMPLE_ZIP.exists():
        pytest.skip("sample export not generated")
    build, message = BAD_INPUTS[case]
    path = build(tmp_path)
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {path}: {message}"), lines[0]
    assert "(" in lines[0] and lines[0].endswith(")"), "a hint says what to do next"
    assert "Traceback" not in result.output


def test_unrecognized_file_hint_says_what_is_expected(runner, tmp_path):
    path = _unknown_headers(tmp_path)
    result = runner.invoke(app, ["analyze", str(path)])
    assert HINT_FILES in result.stderr
    assert "--map" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["analyze", "--format", "nope", "{sample}"], "error: unknown format 'nope' (use one of: "),
    (["analyze", "--map", "Organisation", "{sample}"],
     "error: --map 'Organisation' is not COLUMN=field"),
    (["analyze", "--me", "Nobody Anywhere", "{sample}"],
     "error: --me 'Nobody Anywhere' matches nobody in the data"),
])
def test_usage_errors_exit_2_with_one_line(runner, args, message):
    if not SAMPLE_ZIP.exists():
        pytest.skip("sample export not generated")
    args = [a.replace("{sample}", str(SAMPLE_ZIP)) for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(message), lines[0]


@pytest.mark.parametrize("args", [["analyze"], ["analyze", "--bogus", "x.zip"], ["no-such-command"]])
def test_command_line_mistakes_exit_2(runner, args):
    # typer's own usage errors: a usage box on stderr, exit 2, no traceback.
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_internal_error_is_one_line_exit_3(runner, tmp_path, monkeypatch):
    # The last line of defence: a bug still ends in one line that says it is a bug.
    import netaudit.audit as audit

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(audit, "summarize", broken)  # the Audit imports it by name
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,Connected On\nAna,Ruiz,04 Jul 2023\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 3
    lines = [line for line in result.stderr.splitlines() if line.startswith(("error", "internal"))]
    assert lines == ["internal error: RuntimeError: boom (this is a bug in netaudit; run again "
                     "with --debug for the traceback and report it)"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netaudit", *args], capture_output=True,
                          text=True, timeout=120, env={"COLUMNS": "80", "PATH": "/usr/bin:/bin"})


def test_real_process_error_is_one_line_and_debug_shows_the_traceback(tmp_path):
    missing = str(tmp_path / "nope.zip")
    plain = _run("analyze", missing)
    assert plain.returncode == 1
    assert plain.stdout == ""
    assert plain.stderr.splitlines() == [
        f"error: {missing}: no such file or folder (check the path; pass the export ZIP, its "
        "folder or a CSV)"]

    debug = _run("--debug", "analyze", missing)
    assert debug.returncode == 1
    assert "Traceback (most recent call last)" in debug.stderr
    assert "netaudit.errors.InputError" in debug.stderr
