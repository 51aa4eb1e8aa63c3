"""The progress bar shows bytes (with the time left) only for byte tasks ('reading ...'),
'n of N' for steps, and 'done' for steps or files that report no amount."""

from __future__ import annotations

import io
import re
import sys
from types import SimpleNamespace

import pytest
from rich.console import Console

from netaudit.cli import _common


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def screen(monkeypatch):
    """What the bar drew last, as plain text (its final frame, before it is cleared)."""
    captured = io.StringIO()
    console = Console(file=captured, force_terminal=True, width=110, color_system=None)
    monkeypatch.setattr(_common, "err", lambda: console)
    # _common's own view of sys: pytest puts its capture back on sys.stderr for the test.
    monkeypatch.setattr(_common, "sys", SimpleNamespace(stderr=_Terminal(), stdout=sys.stdout))

    def last_frame() -> str:
        text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", captured.getvalue())
        frames = [f for f in text.split("\r") if f.strip()]
        return frames[-1] if frames else ""

    return last_frame


def test_steps_are_counted_n_of_n_not_in_bytes(screen):
    with _common.progress_bar() as progress:
        progress("drawing charts", 3, 12)
    shown = screen()
    assert "drawing charts" in shown and "3 of 12" in shown
    assert "bytes" not in shown and "B" not in shown.split("drawing charts")[1]


def test_reading_tasks_show_bytes(screen):
    with _common.progress_bar() as progress:
        progress("reading big.mbox", 0, None)
        progress("reading big.mbox", 1000, 4000)
    # rich's DownloadColumn: 1,000 of 4,000 bytes in kB (decimal) with one decimal.
    assert "1.0/4.0 kB" in screen()


def test_files_that_report_no_bytes_show_done_when_the_next_starts(screen):
    with _common.progress_bar() as progress:
        progress("reading Connections.csv", 0, None)
        progress("reading messages.csv", 0, None)
    shown = screen()
    assert "?" not in shown  # no '0/? bytes'
    connections = next(line for line in shown.splitlines() if "Connections.csv" in line)
    assert "done" in connections


def test_one_step_of_unknown_length_ends_done(screen):
    with _common.progress_bar() as progress:
        progress("scoring ties", 0, None)
        progress("scoring ties", 1, 1)
    line = next(line for line in screen().splitlines() if "scoring ties" in line)
    assert "done" in line and "1 of 1" not in line


def test_a_fourth_argument_overrides_the_unit(screen):
    with _common.progress_bar() as progress:
        progress("exporting rows", 5, 10, "bytes")
    assert "5/10 bytes" in screen()


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch):
    monkeypatch.setattr(_common, "sys", SimpleNamespace(stderr=io.StringIO(), stdout=sys.stdout))
    with _common.progress_bar() as progress:
        assert progress is None
    with _common.progress_bar(enabled=False) as progress:
        assert progress is None


def test_the_same_file_name_again_is_a_new_file(screen):
    # A team: every member's export has a Connections.csv. The second one is being read
    # (no 'done') while the first member's messages.csv is done.
    with _common.progress_bar() as progress:
        progress("reading Connections.csv", 0, None)
        progress("reading messages.csv", 0, None)
        progress("reading Connections.csv", 0, None)
    lines = screen().splitlines()
    connections = next(line for line in lines if "Connections.csv" in line)
    messages = next(line for line in lines if "messages.csv" in line)
    assert "done" not in connections and "done" in messages
