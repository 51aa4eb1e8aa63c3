"""--json: one JSON object on stdout, indented only for a person at a terminal."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from netaudit.cli import app
from netaudit.cli._common import print_json
from netaudit.encode import Table

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_piped_json_is_one_line(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr("sys.stdout", stream)
    print_json({"name": "Zoë", "when": date(2026, 11, 20), "ids": ("a", "b")})
    assert stream.getvalue() == '{"name": "Zoë", "when": "2026-11-20", "ids": ["a", "b"]}\n'


def test_json_on_a_terminal_is_indented(monkeypatch):
    stream = Terminal()
    monkeypatch.setattr("sys.stdout", stream)
    print_json({"a": 1, "b": [2]})
    assert stream.getvalue() == '{\n  "a": 1,\n  "b": [\n    2\n  ]\n}\n'


def _table() -> dict:
    # A right-to-left override (U+202E) in a name and a missing score, between two plain keys.
    return {"n": 2, "rows": Table({"name": ["Zoë", "a\u202eb"], "score": [0.5, None]}),
            "after": [1]}


def test_a_table_is_written_as_its_rows(monkeypatch):
    # What json.dumps writes for the list of the two row dicts, the override escaped as on
    # any other string (issue 16).
    stream = io.StringIO()
    monkeypatch.setattr("sys.stdout", stream)
    print_json(_table())
    assert stream.getvalue() == ('{"n": 2, "rows": [{"name": "Zoë", "score": 0.5}, '
                                 '{"name": "a\\u202eb", "score": null}], "after": [1]}\n')


def test_a_table_on_a_terminal_is_indented_as_its_rows(monkeypatch):
    stream = Terminal()
    monkeypatch.setattr("sys.stdout", stream)
    print_json({"rows": Table({"a": [1, 2]})})
    assert stream.getvalue() == ('{\n  "rows": [\n    {\n      "a": 1\n    },\n'
                                 '    {\n      "a": 2\n    }\n  ]\n}\n')


def test_piped_command_json_is_one_line_that_parses(runner):
    # CliRunner's stdout is not a terminal, as with `netaudit analyze … --json | jq`.
    sample = SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip"
    result = runner.invoke(app, ["analyze", str(sample), "--json", "-q"])
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1
    assert json.loads(result.stdout)["connections"] == 300


def test_a_table_is_escaped_column_by_column(monkeypatch):
    # DEL (U+007F) in the ASCII column 'id' and U+0085 (a C1 control) in a repeated value:
    # both escaped as everywhere else in --json (issue 16); the numbers column is left as is.
    from netaudit.encode import Repeated

    stream = io.StringIO()
    monkeypatch.setattr("sys.stdout", stream)
    print_json({"rows": Table({"id": ["a\x7f", "b"], "n": [1, 2],
                               "on": Repeated(["x\x85", "x\x85"], lambda key: [key])})})
    assert stream.getvalue() == ('{"rows": [{"id": "a\\u007f", "n": 1, "on": ["x\\u0085"]}, '
                                 '{"id": "b", "n": 2, "on": ["x\\u0085"]}]}\n')
