"""The lint commands: ``ruff check netaudit tests`` and ``mypy`` pass (docs/design.md,
"Checks").

The rules live in pyproject.toml ([tool.ruff], [tool.mypy]); these tests only run them, and
each is skipped where its tool is not installed (both come with the ``test`` extra).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> list[str] | None:
    beside = Path(sys.executable).with_name(name)  # the venv running the tests
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    return [found] if found else None


def test_ruff_check_passes():
    ruff = _tool("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    result = subprocess.run([*ruff, "check", "--no-cache", "netaudit", "tests"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def test_mypy_passes():
    mypy = _tool("mypy")
    if mypy is None:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    # No cache: a stale one could hide an error; the whole package takes a few seconds.
    result = subprocess.run([*mypy, "--cache-dir", "/dev/null"], cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
