"""Shared test helpers: paths to samples and fixtures, and a CLI runner."""

from __future__ import annotations

import os
from datetime import date
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


# One report of the linkedin-2026 fixture per test session, built and written once: building
# and writing it (PDF and HTML, plain and anonymized) is the slowest setup of the suite, and
# the report tests only read it. A test that changes a report or an Audit builds its own.
REPORT_FIXTURE = FIXTURES / "linkedin-2026"


@pytest.fixture(scope="session")
def report_audit():
    """The Audit of tests/fixtures/linkedin-2026 (its stages computed once, then shared)."""
    from netaudit.audit import Audit

    return Audit([REPORT_FIXTURE])


@pytest.fixture(scope="session")
def plain_report(report_audit):
    from netaudit.render import report as rp

    return rp.build_report(report_audit.report_results(),
                           rp.ReportOptions(generated=date(2026, 5, 20)))


@pytest.fixture(scope="session")
def anonymous_report(report_audit):
    from netaudit.render import report as rp

    return rp.build_report(report_audit.report_results(),
                           rp.ReportOptions(anonymize=True, generated=date(2026, 5, 20)))


@pytest.fixture(scope="session")
def written_reports(tmp_path_factory, plain_report, anonymous_report):
    """Both reports written as PDF and HTML, without a progress callback."""
    from netaudit.render import report as rp

    folder = tmp_path_factory.mktemp("written")
    return {
        "pdf": rp.write_report(plain_report, folder / "plain.pdf"),
        "html": rp.write_report(plain_report, folder / "plain.html"),
        "anon.pdf": rp.write_report(anonymous_report, folder / "anon.pdf"),
        "anon.html": rp.write_report(anonymous_report, folder / "anon.html"),
    }


@pytest.fixture
def outreach_searches(monkeypatch):
    """The outreach searches a test runs, one entry per search (its ``people_only``): the
    reply rate, the replies page and the tie strengths are meant to share one (issue 17)."""
    from netaudit.analyses import replies

    calls: list[object] = []
    search = replies._find_outreach

    def counted(*args, **kwargs):
        calls.append(kwargs.get("people_only"))
        return search(*args, **kwargs)

    monkeypatch.setattr(replies, "_find_outreach", counted)
    return calls
