"""The report builder: every section in page order, the cover, and the anonymizer's last pass
over every text. Builders live in :mod:`.overview`, :mod:`.replies`, :mod:`.memory`,
:mod:`.ties`, :mod:`.history` and :mod:`.action`; a new page is a builder there and a line in :data:`BUILDERS`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from netaudit.model import set_aside_counts, set_aside_lines
from netaudit.progress import Progress
from netaudit.render.anonymize import Pseudonyms
from netaudit.render.report.action import _targets
from netaudit.render.report.aside import Aside, idle_core, worth_it
from netaudit.render.report.content import (
    Cover,
    Executive,
    LeftOut,
    Page,
    Report,
    ReportOptions,
    Results,
    Section,
    Table,
    cite_essay,
    display_path,
    generated_on,
)
from netaudit.render.report.executive import executive
from netaudit.render.report.history import _changes, _trend
from netaudit.render.report.memory import _activity, _recall
from netaudit.render.report.overview import _companies_roles, _growth, _summary, _who_asked
from netaudit.render.report.replies import _campaigns, _reply_rate, _reply_segments, _time_to_reply
from netaudit.render.report.ties import _introduce, _network_map, _prune, _reengage, _ties

#: Report order. Each builder returns a Section, a LeftOut (listed with what would add it), or
#: None (a section only some data has, e.g. two exports of one person: not listed).
BUILDERS: dict[str, Callable[[Page], Section | LeftOut | None]] = {
    "summary": _summary,
    "changes": _changes,
    "trend": _trend,
    "growth": _growth,
    "who_asked": _who_asked,
    "reply_rate": _reply_rate,
    "reply_segments": _reply_segments,
    "time_to_reply": _time_to_reply,
    "campaigns": _campaigns,
    "recall": _recall,
    "activity": _activity,
    "ties": _ties,
    "companies_roles": _companies_roles,
    "network_map": _network_map,
    "reengage": _reengage,
    "prune": _prune,
    "introduce": _introduce,
    "targets": _targets,
}

def select_pages(text: str) -> list[str]:
    """The section keys of ``report --pages LIST`` (comma-separated, in any order; '-' and
    '_' alike), in report order. The executive summary and the appendix are always there.
    An unknown key is a usage error (exit 2) that lists the valid ones.

    >>> select_pages("prune, growth,who-asked")
    ['growth', 'who_asked', 'prune']
    """
    return pick_sections(text, BUILDERS)


def pick_sections(text: str, keys: Collection[str], *, report: str = "") -> list[str]:
    """The keys of ``keys`` named in ``text`` (``--pages LIST``), in the order of ``keys``;
    a usage error listing the valid ones for an unknown key or none. ``report`` names the
    report in that error (" of the team report")."""
    from netaudit.errors import UsageError

    asked = [part.strip().lower().replace("-", "_") for part in text.split(",")]
    asked = [key for key in asked if key]
    unknown = [key for key in asked if key not in keys]
    if unknown or not asked:
        valid = ", ".join(key.replace("_", "-") for key in keys)
        raise UsageError(
            (f"--pages: unknown section{report} {', '.join(repr(k) for k in unknown)}"
             if unknown else "--pages: no section named"),
            hint=f"choose among: {valid}")
    return [key for key in keys if key in asked]


#: Sections that ``netaudit analyze --out`` writes as PNG.
SUMMARY_CHARTS = ("growth", "who_asked", "companies_roles", "reply_rate")


def _cover(r: Page, options: ReportOptions) -> Cover:
    s = r.summary
    network = r.network
    sources: dict[str, list[str]] = {}
    for src in network.sources:
        what = f"{src.kind}, {src.rows:,} row{'' if src.rows == 1 else 's'}"
        if options.anonymize:
            # File names can carry a person's name; the kind of data says enough.
            sources.setdefault("input files", []).append(what)
            continue
        container, _, member = src.path.rpartition(":")
        if not container or len(container) < 3:  # a Windows drive letter, not an archive
            container, member = str(Path(src.path).parent), Path(src.path).name
        sources.setdefault(display_path(container), []).append(
            f"{member}: {what}" + (f" ({src.note})" if src.note else ""))
    owner = "anonymized" if options.anonymize else s.owner
    span = (f"connections made {s.first_connection} to {s.last_connection}"
            if s.first_connection else "no connection dates")
    generated = (options.generated or generated_on()).isoformat()
    return Cover(options.title, owner, list(sources.items()), span, generated,
                 options.anonymize, client=options.client, prepared_by=options.prepared_by,
                 logo=options.logo)


def build_report(results: Results, options: ReportOptions | None = None, *,
                 only: Sequence[str] | None = None, progress: Progress | None = None,
                 drawing: str | None = None) -> Report:
    """The report's content from ``results`` (:meth:`netaudit.audit.Audit.report_results`):
    cover, sections in order, and what was left out.

    ``only`` restricts the report to those section keys (see :data:`BUILDERS`).
    ``progress`` hears "building the report" (sections done of all); the stages the results
    compute are reported by the Audit's own callback. ``drawing`` ('pdf', 'html' or 'png') is
    the format the report will be written in: on a large export, where a second process
    builds the tie pages (:data:`ASIDE`, see ``options.processes``), this one draws the
    charts of the other pages for it meanwhile (:attr:`Report.drawn_early`); the files are
    the same.
    """
    options = options or ReportOptions()
    page = Page(results, options)
    chosen = [(key, builder) for key, builder in BUILDERS.items()
              if only is None or key in only]
    aside = _start_aside(page, chosen, drawing)
    built: dict[str, Section | LeftOut | None] = {}
    early: Any = None
    value: Any
    try:
        for key, builder in chosen:
            if aside is None or key not in ASIDE:
                if progress is not None:
                    progress("building the report", len(built), len(chosen))
                built[key] = _finish(builder(page), page)
        if aside is not None and drawing is not None:
            try:
                early = _draw_early(page, chosen, built, drawing)
            except Exception:  # noqa: BLE001 - the writer draws them all, and says why
                early = None
        ok, value = aside.result() if aside is not None else (False, ())
    except BaseException:
        if aside is not None:
            aside.cancel()
        raise
    if ok:
        from_aside, summary_page, svgs = value
        built.update(from_aside)
        if svgs:
            early = {**(early or {}), **svgs}
    else:  # no second process, or it failed: the same pages, built here
        for key, builder in chosen:
            if key not in built:
                if progress is not None:
                    progress("building the report", len(built), len(chosen))
                built[key] = _finish(builder(page), page)
        summary_page = executive(page)
    sections = [b for key, _ in chosen if isinstance(b := built[key], Section)]
    left_out = [b for key, _ in chosen if isinstance(b := built[key], LeftOut)]
    report = Report(_cover(page, options), sections, left_out, summary_page,
                    drawn_early=early)
    report.set_aside = set_aside_counts(page.network)
    if any(report.set_aside.values()):
        # The cover groups these lines under the heading "set aside": not repeated on each line.
        report.cover.sources.append(("set aside", [line.removeprefix("set aside: ") for line
                                                   in set_aside_lines(report.set_aside)]))
    if options.anonymize:
        _scrub_report(report, page.names)
    if progress is not None:
        progress("building the report", len(chosen), len(chosen))
    return report


def _finish(built: Section | LeftOut | None, page: Page) -> Section | LeftOut | None:
    """A built page as the report shows it: the essay cited, every text through the
    anonymizer when anonymizing (the builders already show pseudonyms; this catches names
    inside free text such as an analysis's reason)."""
    if isinstance(built, LeftOut):
        return LeftOut(built.title, page.names.scrub(built.needs)) if page.options.anonymize \
            else built
    if built is None:
        return None
    section = cite_essay(built)
    if page.options.anonymize:
        scrub = page.names.scrub
        section.title = scrub(section.title)
        section.headline = scrub(section.headline)
        section.definition = scrub(section.definition)
        if section.table is not None:
            t = section.table
            section.table = Table([scrub(c) for c in t.columns],
                                  [[scrub(c) for c in row] for row in t.rows], t.numeric,
                                  scrub(t.note))
    return section


def _partial(page: Page, sections: list[Section]) -> Report:
    """A report of ``sections`` alone, to draw their charts before the others exist."""
    report = Report(_cover(page, page.options), sections, [])
    if page.options.anonymize:
        report.scrub = page.names.scrub
    return report


def _draw_early(page: Page, chosen: list[tuple[str, Any]],
                built: dict[str, Section | LeftOut | None], drawing: str) -> Any:
    """The charts of the pages built here, drawn while the second process builds the tie
    pages: a PDF's first findings, up to the first page built there (where a chart falls
    depends on the findings before it), or an HTML file's SVGs (each drawn on its own)."""
    if drawing == "pdf":
        first: list[Section] = []
        for key, _ in chosen:
            if key not in built:
                break
            if isinstance(section := built[key], Section):
                first.append(section)
        if not any(s.figure is not None for s in first):
            return None
        from netaudit.render.pdf import draw_early

        return draw_early(_partial(page, first), first)
    if drawing in DRAWN_ON_THEIR_OWN:
        return DRAWN_ON_THEIR_OWN[drawing](page, [s for s in built.values()
                                                  if isinstance(s, Section)])
    return None


def _svgs(page: Page, sections: list[Section]) -> dict[str, str]:
    from netaudit.render.html import chart_svg

    report = _partial(page, sections)
    return {s.key: chart_svg(report, s) for s in sections if s.figure is not None}


def _slides(page: Page, sections: list[Section]) -> dict[str, bytes]:
    from netaudit.render.report.write import TABLE_SLIDES, slide_png

    report = _partial(page, sections)
    return {s.key: slide_png(report, s) for s in sections
            if s.figure is not None or (s.key in TABLE_SLIDES and s.table is not None)}


#: The formats whose charts are drawn each on its own, so that either process can draw any of
#: them: an HTML file's SVGs and the PNG slides (keyed by section). A PDF's charts share pages.
DRAWN_ON_THEIR_OWN: dict[str, Callable[[Page, list[Section]], dict[str, Any]]] = {
    "html": _svgs, "png": _slides}


#: The pages built in a second process on a large export (:mod:`.aside`), with the executive
#: summary: those that need the tie scores, the graph or the introductions (at 30,000
#: connections and 500,000 messages, in one process: ties 0.49 s, the network map's graph
#: 0.40 s, introductions 0.12 s), while this process builds the others (the reply pages) and
#: draws their charts.
ASIDE = ("ties", "network_map", "reengage", "prune", "introduce", "targets")


def _start_aside(page: Page, chosen: list[tuple[str, Callable[[Page], Any]]],
                 drawing: str | None) -> Aside | None:
    """The second process building the :data:`ASIDE` pages of ``chosen`` and the executive
    summary (which names people from the re-engage, introduction and prune lists), or None:
    when one process is asked for (:attr:`ReportOptions.processes`), when a fork would not
    pay (:func:`.aside.worth_it`), and, unless two are asked for, when no core is idle
    (:func:`.aside.idle_core`)."""
    network = page.network
    asked = page.options.processes
    if asked == 1 or not worth_it(len(network.connections) + len(network.messages)) or (
            asked is None and not idle_core()):
        return None
    # Both processes need these: computed once, before the fork. The pseudonyms first: their
    # key is drawn at random when none is given, and both halves must number people alike.
    page.names  # noqa: B018
    page.summary  # noqa: B018
    if drawing in DRAWN_ON_THEIR_OWN:
        # Both draw charts: matplotlib imported once here (0.3 s of CPU), not in each.
        from netaudit.render.charts import load_matplotlib

        load_matplotlib()
    mine = [(key, builder) for key, builder in chosen if key in ASIDE]

    def work() -> tuple[dict[str, Section | LeftOut | None], Executive, dict[str, str]]:
        audit = getattr(page.results, "audit", None)
        if audit is not None:  # the parent's progress bar is not the child's to draw
            audit.progress = None
        built = {key: _finish(builder(page), page) for key, builder in mine}
        # An HTML file's charts and the slides are drawn each on its own: these too, here.
        drawn = (DRAWN_ON_THEIR_OWN[drawing](page, [s for s in built.values()
                                                    if isinstance(s, Section)])
                 if drawing in DRAWN_ON_THEIR_OWN else {})
        return built, executive(page), drawn

    return Aside(work)


def summary_report(results: Results, *, anonymize: bool = False, companies: bool = False,
                   key: bytes | None = None) -> Report:
    """The report reduced to the sections whose charts ``netaudit analyze --out DIR`` writes."""
    return build_report(results, ReportOptions(generated=date(1970, 1, 1), anonymize=anonymize,
                                               anonymize_companies=companies,
                                               anonymize_key=key),
                        only=SUMMARY_CHARTS)


def _scrub_report(report: Report, names: Pseudonyms) -> None:
    """Run the cover, the left-out lines and the executive summary through the anonymizer
    (the sections went through it as they were built, :func:`_finish`)."""
    scrub = names.scrub
    report.scrub = scrub
    cover = report.cover
    cover.title = scrub(cover.title)
    cover.sources = [(scrub(c), [scrub(s) for s in lines]) for c, lines in cover.sources]
    report.executive.points = [scrub(p) for p in report.executive.points]
    report.executive.actions = [scrub(a) for a in report.executive.actions]
