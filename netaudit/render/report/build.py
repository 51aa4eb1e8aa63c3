"""The report builder: every section in page order, the cover, and the anonymizer's last pass
over every text. Builders live in :mod:`.overview`, :mod:`.replies`, :mod:`.memory`,
:mod:`.ties`, :mod:`.history` and :mod:`.action`; a new page is a builder there and a line in :data:`BUILDERS`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date
from pathlib import Path

from netaudit.model import set_aside_counts, set_aside_lines
from netaudit.progress import Progress
from netaudit.render.anonymize import Pseudonyms
from netaudit.render.report.action import _targets
from netaudit.render.report.content import (
    Cover,
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
                 only: Sequence[str] | None = None, progress: Progress | None = None
                 ) -> Report:
    """The report's content from ``results`` (:meth:`netaudit.audit.Audit.report_results`):
    cover, sections in order, and what was left out.

    ``only`` restricts the report to those section keys (see :data:`BUILDERS`).
    ``progress`` hears "building the report" (sections done of all); the stages the results
    compute are reported by the Audit's own callback.
    """
    options = options or ReportOptions()
    page = Page(results, options)
    sections: list[Section] = []
    left_out: list[LeftOut] = []
    chosen = [(key, builder) for key, builder in BUILDERS.items()
              if only is None or key in only]
    for done, (_key, builder) in enumerate(chosen):
        if progress is not None:
            progress("building the report", done, len(chosen))
        built = builder(page)
        if built is None:
            continue
        if isinstance(built, LeftOut):
            left_out.append(built)
        else:
            sections.append(cite_essay(built))
    report = Report(_cover(page, options), sections, left_out, executive(page))
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


def summary_report(results: Results, *, anonymize: bool = False, companies: bool = False,
                   key: bytes | None = None) -> Report:
    """The report reduced to the sections whose charts ``netaudit analyze --out DIR`` writes."""
    return build_report(results, ReportOptions(generated=date(1970, 1, 1), anonymize=anonymize,
                                               anonymize_companies=companies,
                                               anonymize_key=key),
                        only=SUMMARY_CHARTS)


def _scrub_report(report: Report, names: Pseudonyms) -> None:
    """Run every text of the report through the anonymizer (the builders already show
    pseudonyms; this catches names inside free text such as an analysis's reason)."""
    scrub = names.scrub
    report.scrub = scrub
    cover = report.cover
    cover.title = scrub(cover.title)
    cover.sources = [(scrub(c), [scrub(s) for s in lines]) for c, lines in cover.sources]
    for section in report.sections:
        section.title = scrub(section.title)
        section.headline = scrub(section.headline)
        section.definition = scrub(section.definition)
        if section.table is not None:
            t = section.table
            section.table = Table([scrub(c) for c in t.columns],
                                  [[scrub(c) for c in row] for row in t.rows], t.numeric,
                                  scrub(t.note))
    report.left_out = [LeftOut(m.title, scrub(m.needs)) for m in report.left_out]
    report.executive.points = [scrub(p) for p in report.executive.points]
    report.executive.actions = [scrub(a) for a in report.executive.actions]


