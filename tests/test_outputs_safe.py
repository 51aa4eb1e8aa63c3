"""What netaudit writes is safe to open and never clobbers anything (issue 6, "Safe outputs").

- Every CSV cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is written
  with a leading ``'`` (OWASP CSV injection), in every CSV any command writes.
- Files are written atomically (temporary file + rename): a failure leaves nothing behind.
- An existing file is not overwritten without ``--force``; nothing is written unless asked.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from netaudit.cli import app
from netaudit.errors import OutputError
from netaudit.render import export

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "netaudit"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

PAYLOADS = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def unsafe_cells(path: Path) -> list[str]:
    """Cells (header included) a spreadsheet would run as a formula; a plain number such as
    -5 is a number, not a formula."""
    with open(path, encoding="utf-8", newline="") as stream:
        return [cell for row in csv.reader(stream) for cell in row
                if cell.startswith(FORMULA_START) and not _is_number(cell)]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("start", FORMULA_START)
def test_neutralize_prefixes_every_formula_start(start):
    assert export.neutralize(f"{start}x") == f"'{start}x"


@pytest.mark.parametrize("value", ["Ana", "", " =not at start", "'=already", "1-2", 5, -5, 2.5,
                                   None])
def test_neutralize_leaves_everything_else(value):
    assert export.neutralize(value) == value


def test_write_csv_neutralizes_every_kind_of_text_column_and_the_header(tmp_path):
    frame = pd.DataFrame({
        "object": pd.Series(PAYLOADS, dtype=object),
        "str": pd.Series(PAYLOADS, dtype="str"),
        "category": pd.Series(PAYLOADS, dtype="category"),
        "=SUM(A1)": pd.Series(range(6)),
        "number": pd.Series([-1, -2, -3, 4, 5, 6]),
    })
    path = export.write_csv(frame, tmp_path / "people.csv")
    assert unsafe_cells(path) == []
    with open(path, encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["object", "str", "category", "'=SUM(A1)", "number"]
    # Every payload comes back with exactly one leading quote, in each text column.
    for column in range(3):
        assert [row[column] for row in rows[1:]] == [f"'{p}" for p in PAYLOADS]
    # Numbers are numbers, not text: -1 stays -1.
    assert [row[4] for row in rows[1:]] == ["-1", "-2", "-3", "4", "5", "6"]


def test_a_line_break_inside_a_cell_does_not_start_a_row(tmp_path):
    # Unquoted, the CR would end the row for a spreadsheet and the next row would begin with
    # '=HYPERLINK(1)': every cell holding CR or LF must be quoted.
    frame = pd.DataFrame({"company": ["Acme\r=HYPERLINK(1)", "Beta\n@SUM(1)", "Gamma"]})
    path = export.write_csv(frame, tmp_path / "companies.csv")
    with open(path, encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows == [["company"], ["Acme\r=HYPERLINK(1)"], ["Beta\n@SUM(1)"], ["Gamma"]]
    assert path.read_bytes().count(b"\r\n") == 4  # RFC 4180 row ends


def test_only_the_export_module_writes_csv():
    # Formula safety lives in one place; a CSV written elsewhere would bypass it.
    writers = re.compile(r"\.to_csv\(|csv\.writer\(|csv\.DictWriter\(")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py")) if path != PACKAGE / "render" / "export.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if writers.search(line)
    ]
    assert offenders == []


# --- every CSV that a command writes -----------------------------------------------------------

def hostile_connections(folder: Path) -> Path:
    """A Connections.csv whose companies and positions are formulas (6 rows each, so that
    they make the top-companies table)."""
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i, payload in enumerate(PAYLOADS):
        quoted = '"' + payload.replace('"', '""') + '"'
        lines.extend(f"@Ana{i}{j},=Ruiz{i}{j},https://www.linkedin.com/in/a-{i}-{j},,"
                     f"{quoted},{quoted},04 Jul 20{10 + i}" for j in range(6))
    path = folder / "Connections.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _options() -> dict[str, set[str]]:
    from typer.main import get_command

    return {name: {opt for p in command.params for opt in getattr(p, "opts", [])}
            for name, command in get_command(app).commands.items()}


def output_targets(command: str, options: set[str], folder: Path) -> list[list[str]]:
    """How a command is told where to write: ``--out DIR``, or ``--output`` with a file whose
    suffix picks the format (HTML, PDF) or a folder (PNG charts); graph's an edge list CSV."""
    if command == "graph":  # -o/--output since issue 15 (was --output-file)
        return [["--output", str(folder / "network.csv"), "--mkdir"]]
    if "--out" in options:
        return [["--out", str(folder)]]
    if "--output" in options:
        return [["--output", str(folder / "charts")],
                ["--output", str(folder / "report.pdf")]]
    return []


# Every command that writes, once into a folder (where CSVs would go), and once more when it
# can also write a single file (for the overwrite check).
OUTPUT_CASES = [(command, index) for command, options in sorted(_options().items())
                for index, _ in enumerate(output_targets(command, options, Path("out")))]
FOLDER_CASES = [(command, index) for command, index in OUTPUT_CASES if index == 0]


@pytest.mark.parametrize("command, target", FOLDER_CASES)
def test_every_csv_a_command_writes_is_formula_safe(runner, tmp_path, command, target):
    source = hostile_connections(tmp_path)
    out = tmp_path / "out"
    where = output_targets(command, _options()[command], out)[target]
    result = runner.invoke(app, [command, str(source), *where], input="")
    assert result.exit_code in (0, 1, 2), result.output[-2000:]
    written = sorted(out.rglob("*.csv")) if out.exists() else []
    if command == "analyze":
        assert result.exit_code == 0, result.output
        assert {p.name for p in written} >= {"top_companies.csv", "connections_by_year.csv"}
        with open(out / "top_companies.csv", encoding="utf-8", newline="") as stream:
            companies = {row["company"] for row in csv.DictReader(stream)}
        # The importer strips surrounding white space, so the tab/CR payloads arrive as '=1+1'.
        assert companies == {"'" + p.strip() for p in PAYLOADS}
    for path in written:
        assert unsafe_cells(path) == [], path


@pytest.mark.parametrize("command, target", OUTPUT_CASES)
def test_every_output_needs_force_to_be_overwritten(runner, tmp_path, command, target):
    source = hostile_connections(tmp_path)
    out = tmp_path / "out"
    where = output_targets(command, _options()[command], out)[target]
    first = runner.invoke(app, [command, str(source), *where], input="")
    if first.exit_code != 0:
        pytest.skip(f"netaudit {command} writes nothing for this input: {first.stderr[-300:]}")
    written = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert written
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == [], "temporary files are renamed or removed"

    again = runner.invoke(app, [command, str(source), *where], input="")
    if command == "batch":
        # batch resumes instead: what is in its folder is skipped, never written again.
        assert again.exit_code == 0, again.output[-2000:]
        assert "0 done, 1 already in" in again.stdout
        assert {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == written
        return
    assert again.exit_code == 2, again.output[-2000:]
    assert "--force" in again.stderr
    assert {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == written
    if "--force" in _options()[command]:
        forced = runner.invoke(app, [command, str(source), *where, "--force"], input="")
        assert forced.exit_code == 0, forced.output[-2000:]


# --- atomic writes, no overwrite ------------------------------------------------------------

def test_failed_write_leaves_no_file_and_no_temporary(tmp_path):
    target = tmp_path / "table.csv"

    def fails(stream):
        stream.write("half a ta")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        export.write_atomic(target, fails)
    assert list(tmp_path.iterdir()) == []


def test_failed_overwrite_keeps_the_old_file(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("old,content\n", encoding="utf-8")

    def fails(stream):
        stream.write("new")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        export.write_atomic(target, fails, force=True)
    assert target.read_text(encoding="utf-8") == "old,content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_existing_file_is_not_overwritten_without_force(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        export.write_csv(pd.DataFrame({"a": [1]}), target)
    assert caught.value.path == str(target)
    assert "--force" in caught.value.hint
    assert target.read_text(encoding="utf-8") == "mine\n"
    export.write_csv(pd.DataFrame({"a": [1]}), target, force=True)
    assert target.read_text(encoding="utf-8") == "a\n1\n"


def test_analyze_out_twice_needs_force(runner, tmp_path):
    source = hostile_connections(tmp_path)
    out = tmp_path / "reports"
    first = runner.invoke(app, ["analyze", str(source), "--out", str(out)])
    assert first.exit_code == 0, first.output
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "top_companies.csv").write_text("edited by hand\n", encoding="utf-8")

    again = runner.invoke(app, ["analyze", str(source), "--out", str(out)])
    assert again.exit_code == 2  # a usage error since issue 15
    assert "already exists" in again.stderr and "--force" in again.stderr
    assert (out / "top_companies.csv").read_text(encoding="utf-8") == "edited by hand\n"

    forced = runner.invoke(app, ["analyze", str(source), "--out", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_nothing_is_written_unless_asked(runner, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    source = hostile_connections(data)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = runner.invoke(app, ["analyze", str(source)])
    assert result.exit_code == 0, result.output
    assert result.stdout
    assert list(work.iterdir()) == []
    assert [p.name for p in data.iterdir()] == ["Connections.csv"]
