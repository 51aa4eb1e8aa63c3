"""The commands hand the core a progress callback for the work after reading, not only for
the reading: report, ties, introduce and graph (the bar itself: test_progress_bar.py)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

import netaudit.cli._common as common
import netaudit.cli.graph as graph_cli
import netaudit.cli.report as report_cli
import netaudit.cli.team as team_cli
from netaudit.cli import app

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin-2026"


@pytest.fixture
def heard(monkeypatch):
    """Every progress call, as if stderr were a terminal; bars numbered in order opened."""
    calls: list[tuple] = []
    opened: list[bool] = []

    @contextmanager
    def recording_bar(enabled: bool = True):
        opened.append(enabled)
        bar = len(opened)
        yield (lambda *call: calls.append((bar, *call))) if enabled else None

    # ties and introduce open their bars through the shared steps in _common.
    for module in (common, report_cli, team_cli, graph_cli):
        monkeypatch.setattr(module, "progress_bar", recording_bar)
    return calls


def _after_reading(calls: list[tuple]) -> list[tuple]:
    return [call[1:] for call in calls if call[0] > 1]


def test_report_shows_the_stages_and_the_pages_in_a_second_bar(runner, tmp_path, heard):
    result = runner.invoke(app, ["report", str(FIXTURE), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 0, result.output
    reading = [call for call in heard if call[0] == 1]
    assert reading and all(d.startswith("reading ") for _, d, _, _ in reading)
    later = _after_reading(heard)
    described = {d for d, _, _ in later}
    assert {"building the report", "scoring ties", "building the graph",
            "finding introductions", "writing PDF pages"} <= described
    # The last call of each task says it is complete.
    last = {d: (done, total) for d, done, total in later}
    assert all(done == total for done, total in last.values())


def test_report_with_quiet_or_json_opens_no_bar(runner, tmp_path, heard):
    # HTML: the bar does not depend on the format, and a PDF takes twice as long to write.
    for flag, name in (("-q", "q.html"), ("--json", "j.html")):
        result = runner.invoke(app, ["report", str(FIXTURE), "-o", str(tmp_path / name), flag])
        assert result.exit_code == 0, result.output
    assert heard == []


@pytest.mark.parametrize(("command", "expected"), [
    (["ties"], {"scoring ties"}),
    (["introduce"], {"scoring ties", "building the graph", "finding introductions"}),
    (["graph", "-o", "{tmp}/g.gexf"], {"scoring ties", "building the graph", "writing g.gexf"}),
], ids=["ties", "introduce", "graph"])
def test_network_commands_show_their_work_after_reading(runner, tmp_path, heard, command,
                                                        expected):
    args = [part.format(tmp=tmp_path) for part in command]
    result = runner.invoke(app, [args[0], str(FIXTURE), *args[1:]])
    assert result.exit_code == 0, result.output
    later = _after_reading(heard)
    assert {d for d, _, _ in later} == expected
    assert all((d, 1, 1) in later for d in expected)
