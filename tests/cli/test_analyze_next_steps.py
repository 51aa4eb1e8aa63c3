"""analyze ends with the commands that answer the next questions (issue 15), inside 80 columns."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"


def _analyze(*extra: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", "TERM": "dumb"}
    return subprocess.run([sys.executable, "-m", "netaudit", "analyze", str(SAMPLE), *extra],
                          capture_output=True, text=True, env=env, check=False)


def test_analyze_ends_with_the_next_steps_within_80_columns() -> None:
    run = _analyze()
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    start = lines.index("Next steps (the same PATH... as above):")
    # Written out by hand: the four commands, padded to the longest (36 characters) plus two.
    assert lines[start + 1:start + 5] == [
        "  netaudit ties PATH...                 who to re-engage, who to prune",
        "  netaudit replies PATH...              the reply rate beside the essay's 4.0%",
        "  netaudit introduce PATH...            who should meet whom",
        "  netaudit report PATH... -o audit.pdf  a report to read or hand on",
    ]
    assert max(len(line) for line in lines[start:start + 5]) <= 80


def test_json_has_no_next_steps() -> None:
    run = _analyze("--json")
    assert run.returncode == 0, run.stderr
    assert "Next steps" not in run.stdout
