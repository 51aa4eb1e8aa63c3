"""The tie pages built in a second process on a large export (issue 17): the report is the
same file, byte for byte, as when one process builds every page; a child that fails leaves
the work to the parent; the charts drawn early are kept only at the sizes the whole report
gives them."""

from __future__ import annotations

import os
import warnings
from datetime import date
from pathlib import Path

import pytest

from netaudit.audit import Audit
from netaudit.render import pdf
from netaudit.render.html import render_html
from netaudit.render.report import ReportOptions, aside, build
from netaudit.render.report.build import build_report

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin-2026"
#: Two processes asked for (ReportOptions.processes): each test below says when to fork.
OPTIONS = {"generated": date(2026, 5, 20), "processes": 2}


@pytest.fixture
def two_cores(monkeypatch):
    """Fork for any export, as on a 2-core machine (the fixture is far below MIN_ROWS)."""
    monkeypatch.setattr(aside, "MIN_ROWS", 0)
    monkeypatch.setattr(aside, "cores", lambda: 2)


def _report(drawing: str | None = None, **options):
    return build_report(Audit([FIXTURE]).report_results(), ReportOptions(**OPTIONS, **options),
                        drawing=drawing)


@pytest.fixture(scope="module")
def alone():
    """The PDF and HTML built by one process (the fixture is below MIN_ROWS)."""
    report = _report()
    assert report.drawn_early is None
    return pdf.render_pdf(report), render_html(report)


def test_pdf_and_html_are_the_same_bytes_when_a_second_process_builds_the_tie_pages(
        alone, two_cores, monkeypatch):
    forks = []
    monkeypatch.setattr(build, "Aside", lambda work: forks.append(1) or aside.Aside(work))
    drawn = _report("pdf")
    # The fixture's first findings before the tie pages: summary, growth, who asked,
    # reply rate, reply segments, time to reply: their charts are drawn before the rest.
    early = drawn.drawn_early
    assert isinstance(early, pdf.ChartPages) and early.drawn
    assert [key for key, _, _ in early.drawn] == [
        s.key for s in drawn.sections[:len(early.drawn)]]
    assert pdf.render_pdf(drawn) == alone[0]
    html = _report("html")
    assert isinstance(html.drawn_early, dict)
    # Every chart of the HTML file was drawn while building (both processes drew theirs).
    assert set(html.drawn_early) == {s.key for s in html.sections if s.figure is not None}
    assert render_html(html) == alone[1]
    assert len(forks) == 2


def test_png_slides_are_the_same_bytes_when_both_processes_draw_them(tmp_path, two_cores,
                                                                    monkeypatch):
    from netaudit.render.report import write
    from netaudit.render.report.write import png_names, write_png_folder

    alone = write_png_folder(_report(), tmp_path / "alone")
    drawn = _report("png")
    # Every slide was drawn while building: the reply pages' here, the tie pages' in the child.
    assert set(drawn.drawn_early) == {s.key for _, s in png_names(drawn)}
    assert {"ties", "reengage"} <= set(drawn.drawn_early)

    def not_again(*args):
        raise AssertionError("a slide drawn early was drawn again")

    monkeypatch.setattr(write, "slide_png", not_again)
    both = write_png_folder(drawn, tmp_path / "both")
    names = sorted(p.name for p in alone.iterdir())
    assert names == sorted(p.name for p in both.iterdir()) and len(names) > 5
    for name in names:
        assert (alone / name).read_bytes() == (both / name).read_bytes(), name


def test_the_charts_drawn_early_are_kept_when_their_sizes_hold(two_cores, monkeypatch):
    report = _report("pdf")
    made = []
    original = pdf.ChartPages.__init__
    monkeypatch.setattr(pdf.ChartPages, "__init__",
                        lambda self, r: made.append(1) or original(self, r))
    pdf.render_pdf(report)
    assert made == []  # no second document of charts: the early one was finished


def test_charts_drawn_at_another_size_are_drawn_again(alone, two_cores, monkeypatch):
    report = _report("pdf")
    key, width, height = report.drawn_early.drawn[0]
    report.drawn_early.drawn[0] = (key, width, height + 1)  # as if the layout had moved
    assert pdf.render_pdf(report) == alone[0]


def test_a_failing_child_leaves_the_pages_to_the_parent(alone, two_cores, monkeypatch):
    parent = os.getpid()
    executive = build.executive

    def fails_in_the_child(page):
        if os.getpid() != parent:
            raise RuntimeError("the child failed")
        return executive(page)

    monkeypatch.setattr(build, "executive", fails_in_the_child)
    assert render_html(_report("html")) == alone[1]


def test_anonymized_pages_name_people_alike_in_both_processes(two_cores, monkeypatch):
    # One key for both builds: the same pseudonyms, wherever each page was built.
    options = {"anonymize": True, "anonymize_key": bytes(32)}
    monkeypatch.setattr(aside, "MIN_ROWS", 10**12)
    alone = render_html(_report(**options))
    monkeypatch.setattr(aside, "MIN_ROWS", 0)
    assert render_html(_report("html", **options)) == alone


def test_matplotlib_is_loaded_before_the_fork_when_both_processes_draw_svgs(two_cores,
                                                                         monkeypatch):
    from netaudit.render import charts

    events: list[str] = []
    monkeypatch.setattr(charts, "load_matplotlib", lambda: events.append("load"))
    start = aside.Aside.__init__

    def fork(self, work):
        events.append("fork")
        start(self, work)

    monkeypatch.setattr(aside.Aside, "__init__", fork)
    _report("html")
    assert events == ["load", "fork"]
    events.clear()
    _report("png")  # both draw slides
    assert events == ["load", "fork"]
    events.clear()
    _report("pdf")  # the child draws nothing for a PDF
    assert events == ["fork"]


@pytest.mark.parametrize(("processes", "load", "forked"), [
    (None, 1.0, True),    # 2 cores, one busy: the second process starts by itself
    (None, 1.6, False),   # both cores busy: one process
    (1, 0.0, False),      # one asked for
    (2, 3.0, True),       # two asked for, whatever the load
])
def test_a_second_process_when_a_core_is_idle_or_asked_for(two_cores, monkeypatch, processes,
                                                            load, forked):
    forks = []
    monkeypatch.setattr(build, "Aside", lambda work: forks.append(1) or aside.Aside(work))
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    report = build_report(Audit([FIXTURE]).report_results(),
                          ReportOptions(generated=OPTIONS["generated"], processes=processes),
                          drawing="pdf")
    assert forks == ([1] if forked else [])
    assert (report.drawn_early is not None) == forked


def test_idle_core_reads_the_load_average(monkeypatch):
    monkeypatch.setattr(aside, "cores", lambda: 2)
    for load, idle in ((0.0, True), (1.5, True), (1.51, False), (4.0, False)):
        monkeypatch.setattr(os, "getloadavg", lambda load=load: (load, 0.0, 0.0))
        assert aside.idle_core() is idle
    monkeypatch.setattr(aside, "cores", lambda: 8)
    assert aside.idle_core()  # a load of 4 on 8 cores

    def no_load() -> tuple[float, float, float]:
        raise OSError("no load average here")

    monkeypatch.setattr(os, "getloadavg", no_load)
    assert not aside.idle_core()


def test_one_core_builds_in_line(monkeypatch):
    monkeypatch.setattr(aside, "MIN_ROWS", 0)
    monkeypatch.setattr(aside, "cores", lambda: 1)
    assert not aside.worth_it(30_000)
    assert _report("pdf").drawn_early is None


def test_what_the_child_prints_and_warns_is_repeated_by_the_parent(capsys):
    def work():
        print("from the child")
        warnings.warn("a child's warning", UserWarning, stacklevel=1)
        return 42

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert aside.Aside(work).result() == (True, 42)
    assert capsys.readouterr().out == "from the child\n"
    assert [str(w.message) for w in caught] == ["a child's warning"]


def test_a_child_that_dies_gives_no_result():
    assert aside.Aside(lambda: os._exit(3)).result() == (False, None)
    assert aside.Aside(lambda: lambda: 1).result() == (False, None)  # a lambda: no pickle


def test_cancel_stops_the_child():
    import time

    child = aside.Aside(lambda: time.sleep(60))
    pid = child.pid
    child.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # reaped already


def test_a_stuck_child_is_stopped_and_counts_as_failed():
    import time

    child = aside.Aside(lambda: time.sleep(60))
    pid = child.pid
    started = time.monotonic()
    assert child.result(timeout=0.5) == (False, None)
    assert time.monotonic() - started < 5  # not the child's 60 s
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # stopped and reaped


def test_the_default_wait_grows_with_the_parents_own_work(monkeypatch):
    # A child slower than WAIT_FACTOR times the parent's share since the fork, and than
    # WAIT_AT_LEAST, is given up: here 0.2 s at least, 2x the parent's 0.3 s = 0.6 s.
    import time

    monkeypatch.setattr(aside, "WAIT_AT_LEAST", 0.2)
    monkeypatch.setattr(aside, "WAIT_FACTOR", 2.0)
    child = aside.Aside(lambda: time.sleep(1.5) or "late")
    time.sleep(0.3)
    assert child.result() == (False, None)
    quick = aside.Aside(lambda: time.sleep(0.1) or "in time")
    time.sleep(0.3)
    assert quick.result() == (True, "in time")


def test_the_parent_collects_its_objects_again_once_the_child_is_done():
    import gc

    gc.unfreeze()
    first = aside.Aside(lambda: 1)
    assert gc.get_freeze_count() > 0  # while the child works: the export is not walked
    assert first.result() == (True, 1)
    assert gc.get_freeze_count() == 0
    second = aside.Aside(lambda: os.pause())
    second.cancel()
    assert gc.get_freeze_count() == 0


def test_existing_objects_are_left_alone_only_while_the_block_runs():
    import gc

    gc.unfreeze()
    with aside.existing_objects_left_alone():
        frozen = gc.get_freeze_count()
        assert frozen > 0
        made = [[] for _ in range(10)]  # made in the block: collected as usual
        assert gc.get_freeze_count() == frozen
    assert gc.get_freeze_count() == 0 and made
    gc.freeze()  # frozen by someone else (Aside, a caller): theirs to unfreeze
    try:
        owned = gc.get_freeze_count()
        with aside.existing_objects_left_alone():
            pass
        assert gc.get_freeze_count() == owned
    finally:
        gc.unfreeze()
