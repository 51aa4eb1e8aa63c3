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
