"""Shared test helpers: paths to samples and fixtures, and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"

# Charts and reports render without a screen.
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()
