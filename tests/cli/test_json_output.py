"""--json: one JSON object on stdout, indented only for a person at a terminal."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from netaudit.cli import app
from netaudit.cli._common import print_json

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


def test_piped_command_json_is_one_line_that_parses(runner):
    # CliRunner's stdout is not a terminal, as with `netaudit analyze … --json | jq`.
    sample = SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip"
    result = runner.invoke(app, ["analyze", str(sample), "--json", "-q"])
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1
    assert json.loads(result.stdout)["connections"] == 300
