"""The report's stages and renderers report progress through the core's callback convention:
``progress(description, done, total)``; steps counted 'n of N', or one step of unknown
length announced with total None and finished with (1, 1). Nothing here prints."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from netaudit.audit import Audit, stage
from netaudit.render import report as rp
from netaudit.render.report import ReportOptions

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin-2026"


@pytest.fixture(scope="module")
def heard():
    calls: list[tuple] = []
    audit = Audit([FIXTURE], progress=lambda *call: calls.append(call))
    _ = audit.network
    read = len(calls)
    report = rp.build_report(audit.report_results(), ReportOptions(generated=date(2026, 5, 20)),
                             progress=audit.progress)
    return calls[:read], calls[read:], report


def test_reading_announces_files_as_byte_tasks(heard):
    reading, _, _ = heard
    assert reading and all(d.startswith("reading ") for d, _, _ in reading)


def test_building_the_report_counts_every_section_builder(heard):
    _, building, _ = heard
    counted = [(done, total) for d, done, total in building if d == "building the report"]
    # BUILDERS lists 18 sections (summary, changes, trend ... introduce, targets; changes,
    # trend and targets build nothing for one export without a targets file but are
    # counted): 0 of 18 before the first, one call before each of the others, and 18 of 18
    # at the end.
    assert counted == [(i, 18) for i in range(19)]


def test_each_slow_stage_is_announced_once_and_finished(heard):
    _, building, _ = heard
    steps = [(d, done, total) for d, done, total in building if d != "building the report"]
    names = [d for d, done, total in steps if total is None]
    # Ties are used by five sections but computed (and announced) once; the graph and the
    # introductions need ties first.
    assert names.count("scoring ties") == 1
    for name in ("scoring ties", "building the graph", "finding introductions"):
        assert (name, 0, None) in steps
        assert steps.index((name, 1, 1)) > steps.index((name, 0, None))
    assert (names.index("scoring ties") < names.index("building the graph")
            < names.index("finding introductions"))
    assert all(total is None or (done, total) == (1, 1) for _, done, total in steps)


def test_pdf_pages_are_counted_up_to_the_pages_in_the_file(heard, tmp_path):
    _, _, report = heard
    calls: list[tuple] = []
    path = rp.write_report(report, tmp_path / "r.pdf", progress=lambda *c: calls.append(c))
    # Counted from the file, as describe_written does: one '/Type /Page' per page.
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", path.read_bytes()))
    assert calls == [("writing PDF pages", i, pages) for i in range(pages + 1)]


def test_html_and_png_count_the_charts_drawn(heard, tmp_path):
    _, _, report = heard
    html_calls: list[tuple] = []
    html = rp.write_report(report, tmp_path / "r.html", progress=lambda *c: html_calls.append(c))
    charts = html.read_text(encoding="utf-8").count("<figure>")
    assert charts > 0
    assert html_calls == [("drawing charts", i, charts) for i in range(charts + 1)]
    png_calls: list[tuple] = []
    folder = rp.write_report(report, tmp_path / "png", progress=lambda *c: png_calls.append(c))
    files = len(list(folder.glob("*.png")))
    # A slide per chart, and one per list of people (prune, introductions on this fixture).
    lists = sum(1 for s in report.sections if s.figure is None and s.key in rp.write.TABLE_SLIDES)
    assert lists == 2
    assert files == charts + lists
    assert png_calls == [("drawing charts", i, files) for i in range(files + 1)]


def test_a_failed_stage_is_not_reported_finished():
    calls: list[tuple] = []
    with pytest.raises(ValueError), stage(lambda *c: calls.append(c), "scoring ties"):
        raise ValueError("boom")
    assert calls == [("scoring ties", 0, None)]


def test_writing_a_report_without_a_callback_still_works(written_reports):
    # The session's reports (tests/conftest.py) are written without a callback.
    for path in written_reports.values():
        assert path.stat().st_size > 0
    assert written_reports["pdf"].read_bytes()[:5] == b"%PDF-"
