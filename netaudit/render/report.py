"""What a report shows: its cover and sections, each a finding in words with its evidence.

This module decides WHAT goes into a report; :mod:`netaudit.render.pdf`,
:mod:`netaudit.render.html` and :func:`write_png_folder` decide HOW it looks. A section is a
headline (the finding, in words), a figure (a function that draws on a matplotlib figure), the
definition and denominator of what is shown, and optionally a table. Sections whose data is
missing are left out of the report, each replaced by one line saying which input would enable
it (shown on the cover).

Figures come from the result objects of the analyses; nothing here computes a statistic. An
analysis that has not been run (its input is missing) or is not part of this installation
simply leaves its section out.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netaudit.errors import OutputError, UsageError

if TYPE_CHECKING:
    from matplotlib.figure import FigureBase

    from netaudit.audit import Audit
    from netaudit.render.anonymize import Pseudonyms

#: The article's figures (../shared/article.md), shown beside the user's.
ARTICLE_CONNECTIONS = 1050
ARTICLE_ASKED_HIM = 990
ARTICLE_REPLIED = 42
ARTICLE_REPLY_CI = (0.0297, 0.0536)
ARTICLE_RECALL_BEST, ARTICLE_RECALL_WORST = 27, 4
ARTICLE_MEAN_GROUPS = 23.4
ARTICLE_MEAN_ACTIVITY = 1.2
ARTICLE_ACTIVITY_DAYS = 15

#: Rows shown in a list table (re-engage, prune, introduce, campaigns).
TOP_N = 15


class ReportFormat(str, Enum):
    """What ``-o`` writes, chosen by its suffix."""

    PDF = "pdf"
    HTML = "html"
    PNG = "png"


#: Output suffix -> format; a path without suffix (or an existing folder) is a PNG folder.
SUFFIXES: dict[str, ReportFormat] = {".pdf": ReportFormat.PDF, ".html": ReportFormat.HTML,
                                     ".htm": ReportFormat.HTML}

#: What each format is, in the user's words (also walked by a test).
FORMAT_MEANING: dict[ReportFormat, str] = {
    ReportFormat.PDF: "a multi-page PDF, one section per page",
    ReportFormat.HTML: "one self-contained HTML file (charts inline, no external resources)",
    ReportFormat.PNG: "a folder of PNG charts, one per figure",
}


def format_for(path: Path) -> ReportFormat:
    """The report format ``path`` asks for.

    >>> format_for(Path("audit.pdf")).value, format_for(Path("a.HTML")).value
    ('pdf', 'html')
    >>> format_for(Path("reports/charts")).value
    'png'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if path.is_dir() or not suffix:
        return ReportFormat.PNG
    raise UsageError(f"cannot write a report as {suffix!r}",
                     hint="end -o with .pdf or .html, or give a folder name for PNG charts",
                     path=path)


@dataclass(frozen=True)
class Table:
    """Rows of text cells; ``numeric`` marks right-aligned columns."""

    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)
    note: str = ""
    """A line under the table, e.g. 'top 15 of 212'."""


@dataclass
class Section:
    """One page of the PDF, one section of the HTML, one PNG (if it has a figure)."""

    key: str
    title: str
    headline: str
    definition: str
    figure: Callable[..., Any] | None = None
    """``figure(fig=...)`` draws on the given matplotlib Figure/SubFigure."""
    table: Table | None = None
    figure_height: float = 4.2
    """Preferred height of the figure in inches at full page width."""


@dataclass(frozen=True)
class LeftOut:
    """A section the report does not contain, and what would enable it."""

    title: str
    needs: str

    def __str__(self) -> str:
        return f"{self.title}: {self.needs}"


@dataclass
class Cover:
    title: str
    owner: str
    sources: list[str]
    date_range: str
    generated: str
    anonymized: bool


@dataclass
class Report:
    """A report's content, independent of its format."""

    cover: Cover
    sections: list[Section]
    left_out: list[LeftOut]
    scrub: Callable[[str], str] | None = None
    """Applied to every text drawn in a figure (the anonymizer's safety net), or None."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.cover.title,
            "anonymized": self.cover.anonymized,
            "generated": self.cover.generated,
            "sections": [{"key": s.key, "title": s.title, "headline": s.headline}
                         for s in self.sections],
            "left_out": [{"title": m.title, "needs": m.needs} for m in self.left_out],
        }

    def draw(self, section: Section, fig: FigureBase | None = None) -> FigureBase:
        """Draw ``section``'s figure (on ``fig`` or a new figure), scrubbing its texts."""
        from netaudit.render.charts import new_figure, style

        if section.figure is None:
            raise ValueError(f"section {section.key!r} has no figure")
        with style():
            target = fig if fig is not None else new_figure((7.2, section.figure_height))
            section.figure(fig=target)
            if self.scrub is not None:
                from matplotlib.text import Text

                for text in target.findobj(Text):
                    content = text.get_text()
                    if content:
                        text.set_text(self.scrub(content))
        return target


@dataclass
class ReportOptions:
    """What the user asked the report to contain."""

    title: str = "Network audit"
    anonymize: bool = False
    anonymize_companies: bool = False
    names: Path | None = None
    log: Path | None = None
    groups: Path | None = None
    top: int = TOP_N
    generated: date | None = None
    """The date printed on the cover; default: ``SOURCE_DATE_EPOCH`` if set, else today."""


def generated_on() -> date:
    """Today (UTC), or the date of ``SOURCE_DATE_EPOCH`` when set, for reproducible output.

    >>> import os; os.environ["SOURCE_DATE_EPOCH"] = "1779235200"
    >>> generated_on().isoformat()
    '2026-05-20'
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp",
                             hint="set it to whole seconds since 1970, or unset it") from None
    return datetime.now(tz=UTC).date()


def pct(part: int, whole: int) -> str:
    """``'42 of 1,050 (4.0%)'``.

    >>> pct(42, 1050)
    '42 of 1,050 (4.0%)'
    """
    share = f"{100 * part / whole:.1f}%" if whole else "–"
    return f"{part:,} of {whole:,} ({share})"


def interval(ci: Sequence[float] | None) -> str:
    """``'95% interval 2.97%–5.36%'`` from fractions ('' when there is none).

    >>> interval((0.0297, 0.0536))
    '95% interval 2.97%–5.36%'
    """
    if not ci:
        return ""
    return f"95% interval {100 * ci[0]:.2f}%–{100 * ci[1]:.2f}%"


# ---------------------------------------------------------------------------------------------
# Gathering results: each analysis once, lazily, None when its input or module is missing


class Results:
    """The results a report draws on, each computed once on first use through the Audit."""

    def __init__(self, audit: Audit, options: ReportOptions) -> None:
        self.audit = audit
        self.options = options

    @cached_property
    def names(self) -> Pseudonyms:
        from netaudit.render.anonymize import Pseudonyms

        return Pseudonyms(self.audit.network.people, enabled=self.options.anonymize,
                          companies=self.options.anonymize_companies)

    @property
    def summary(self) -> Any:
        return self.audit.summary

    def company(self, name: str) -> str:
        return self.names.company(name)


# ---------------------------------------------------------------------------------------------
# Sections: each builder returns a Section, or a LeftOut saying what would enable it


def _growth(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    s = r.summary
    if not s.connections_by_year:
        return LeftOut("Network growth by year",
                       "needs connection dates (LinkedIn Connections.csv)")
    by_year = s.connections_by_year
    best_year = max(by_year, key=lambda y: (by_year[y], y))
    dated = sum(by_year.values())
    undated = s.connections - dated
    headline = (f"You added {s.connections:,} connections between {min(by_year)} and "
                f"{max(by_year)}; the busiest year was {best_year} with {by_year[best_year]:,}.")
    definition = ("Bars: connections made in each calendar year (the connection date of "
                  "Connections.csv). Line: the running total at the end of each year. "
                  f"{dated:,} of {s.connections:,} connections have a date")
    definition += f"; {undated:,} without a date are not drawn." if undated else "."
    return Section("growth", "Network growth by year", headline, definition,
                   figure=partial(charts.growth_chart, by_year), figure_height=4.0)


def _who_asked(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    inv = r.summary.invitations
    incoming, outgoing = inv.get("incoming", 0), inv.get("outgoing", 0)
    if not incoming + outgoing:
        return LeftOut("Who asked whom to connect",
                       "needs Invitations.csv (part of the LinkedIn export)")
    total = incoming + outgoing
    article = pct(ARTICLE_ASKED_HIM, ARTICLE_CONNECTIONS)
    headline = (f"Of the {total:,} invitations on record, {pct(incoming, total)} were sent to "
                f"you; in the article, {article} of the author's connections had asked him.")
    definition = ("Rows of Invitations.csv by direction: 'they asked' = the other person sent "
                  "the invitation, 'you asked' = you sent it. LinkedIn keeps only pending and "
                  "recent invitations, so this is not the full history of how your network was "
                  "built. The article's row counts connections, not invitations.")
    rows = [("Your invitations", (incoming, outgoing)),
            ("Article (2010)", (ARTICLE_ASKED_HIM, ARTICLE_CONNECTIONS - ARTICLE_ASKED_HIM))]
    table = Table(["", "they asked", "you asked", "total"],
                  [[label, f"{a:,}", f"{b:,}", f"{a + b:,}"] for label, (a, b) in rows],
                  [False, True, True, True])
    return Section("who_asked", "Who asked whom to connect", headline, definition,
                   figure=partial(charts.stacked_share_chart, rows, ["they asked", "you asked"]),
                   table=table, figure_height=2.4)


def _companies_roles(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    s = r.summary
    if not s.top_companies and not s.top_roles:
        return LeftOut("Top companies and role families",
                       "needs companies or positions (LinkedIn Connections.csv or a contacts "
                       "file with company and title)")
    companies = [(r.company(c), n) for c, n in s.top_companies]
    parts = []
    if companies:
        parts.append(f"the biggest employer is {companies[0][0]} ({companies[0][1]:,})")
    if s.top_roles:
        parts.append(f"the largest role family is {s.top_roles[0][0]} ({s.top_roles[0][1]:,})")
    headline = ("Where your network works: " + "; ".join(parts) + ".") if parts else ""
    definition = (f"Current company and role family of the {s.connections - s.hidden_profiles:,} "
                  "connections with a visible profile; shares are of all "
                  f"{s.connections:,} connections. Role families come from keywords in the "
                  "position (netaudit/analyses/roles.py); positions that match no family are "
                  "'other', empty ones are left out.")
    panels = [("Top companies", companies), ("Role families", list(s.top_roles))]
    return Section("companies_roles", "Top companies and role families", headline, definition,
                   figure=partial(charts.count_bars_chart, panels, total=s.connections),
                   figure_height=max(3.0, 0.9 + 0.3 * max(len(companies), len(s.top_roles))))


def _summary(r: Results) -> Section:
    s = r.summary
    n = s.connections
    rows = [["Connections", f"{n:,}", f"{ARTICLE_CONNECTIONS:,}"]]
    inv = s.invitations
    if inv.get("incoming", 0) + inv.get("outgoing", 0):
        total = inv["incoming"] + inv["outgoing"]
        rows.append(["They asked you to connect", pct(inv["incoming"], total) + " invitations",
                     pct(ARTICLE_ASKED_HIM, ARTICLE_CONNECTIONS) + " connections"])
    rows.append(["Ever messaged", pct(s.messaged, n), "–"])
    rows.append(["Dormant (no interaction at all)", pct(s.dormant, n), "–"])
    article_rate = (f"{pct(ARTICLE_REPLIED, ARTICLE_CONNECTIONS)}; "
                    f"{interval(ARTICLE_REPLY_CI)}")
    outreach = s.outreach
    if outreach and outreach.get("reached"):
        mine = pct(outreach["replied"], outreach["reached"])
        if outreach.get("ci95"):
            mine += "; " + interval(outreach["ci95"])
        rows.append(["Outreach reply rate", mine, article_rate])
    else:
        rows.append(["Outreach reply rate", "– (needs a message log)", article_rate])
    headline = f"Your network has {n:,} connections"
    if outreach and outreach.get("reached"):
        rate = outreach["replied"] / outreach["reached"]
        compare = "above" if rate > ARTICLE_REPLIED / ARTICLE_CONNECTIONS else "at or below"
        headline += (f"; {pct(outreach['replied'], outreach['reached'])} of the people you "
                     f"wrote to first replied, {compare} the article's 4.0%.")
    else:
        headline += f"; {pct(s.dormant, n)} show no interaction with you at all."
    definition = ("Key figures of your data beside the article's (2010: one LinkedIn network "
                  "of 1,050 connections). Connections: rows of the connection list(s), one per "
                  "person. Ever messaged: connections you exchanged at least one message with. "
                  "Dormant: no message, recommendation or endorsement either way. Reply rate: "
                  "people who wrote back within the window after you wrote first, with the "
                  "Wilson 95% interval.")
    return Section("summary", "Summary", headline, definition,
                   table=Table(["Figure", "Your network", "Article (2010)"], rows,
                               [False, True, True]))


#: Report order. Each builder returns a Section or a LeftOut.
BUILDERS: list[Callable[[Results], Section | LeftOut]] = [
    _summary,
    _growth,
    _who_asked,
    _companies_roles,
]

#: Sections that ``netaudit analyze --out`` writes as PNG.
SUMMARY_CHARTS = ("growth", "who_asked", "companies_roles", "reply_rate")


def _cover(r: Results, options: ReportOptions) -> Cover:
    s = r.summary
    network = r.audit.network
    if options.anonymize:
        owner = "anonymized"
        sources = [f"{src.kind}, {src.rows:,} rows" for src in network.sources]
    else:
        owner = s.owner or "owner not named in the data"
        sources = [str(src) for src in network.sources]
    span = (f"connections made {s.first_connection} to {s.last_connection}"
            if s.first_connection else "no connection dates")
    generated = (options.generated or generated_on()).isoformat()
    return Cover(options.title, owner, sources, span, generated, options.anonymize)


def build_report(audit: Audit, options: ReportOptions | None = None) -> Report:
    """The report's content for ``audit``: cover, sections in order, and what was left out."""
    options = options or ReportOptions()
    results = Results(audit, options)
    sections: list[Section] = []
    left_out: list[LeftOut] = []
    for builder in BUILDERS:
        built = builder(results)
        if isinstance(built, LeftOut):
            left_out.append(built)
        else:
            sections.append(built)
    report = Report(_cover(results, options), sections, left_out)
    if options.anonymize:
        _scrub_report(report, results.names)
    return report


def summary_report(audit: Audit) -> Report:
    """The report reduced to the sections whose charts ``netaudit analyze --out DIR`` writes."""
    report = build_report(audit, ReportOptions(generated=date(1970, 1, 1)))
    report.sections = [s for s in report.sections if s.key in SUMMARY_CHARTS]
    return report


def _scrub_report(report: Report, names: Pseudonyms) -> None:
    """Run every text of the report through the anonymizer (the builders already show
    pseudonyms; this catches names inside free text such as an analysis's reason)."""
    scrub = names.scrub
    report.scrub = scrub
    cover = report.cover
    cover.title = scrub(cover.title)
    cover.sources = [scrub(s) for s in cover.sources]
    for section in report.sections:
        section.title = scrub(section.title)
        section.headline = scrub(section.headline)
        section.definition = scrub(section.definition)
        if section.table is not None:
            t = section.table
            section.table = Table([scrub(c) for c in t.columns],
                                  [[scrub(c) for c in row] for row in t.rows], t.numeric,
                                  scrub(t.note))


# ---------------------------------------------------------------------------------------------
# Writing


def write_report(report: Report, path: Path, *, force: bool = False) -> Path:
    """Write ``report`` to ``path`` in the format its suffix asks for (see :func:`format_for`).

    Atomic: a failed run leaves no half-written file or folder behind. Refuses to overwrite
    an existing output unless ``force``.
    """
    path = Path(path)
    fmt = format_for(path)
    writer = _writer(fmt)
    return writer(report, path, force=force)


def _writer(fmt: ReportFormat) -> Callable[..., Path]:
    if fmt is ReportFormat.PDF:
        from netaudit.render.pdf import write_pdf

        return write_pdf
    if fmt is ReportFormat.HTML:
        from netaudit.render.html import write_html

        return write_html
    if fmt is ReportFormat.PNG:
        return write_png_folder
    raise AssertionError(f"unhandled report format {fmt}")  # pragma: no cover


def png_names(report: Report) -> list[tuple[str, Section]]:
    """``NN-key.png`` file names for the sections that have a figure, in report order."""
    drawn = [s for s in report.sections if s.figure is not None]
    return [(f"{i:02d}-{s.key.replace('_', '-')}.png", s) for i, s in enumerate(drawn, start=1)]


def write_png_folder(report: Report, folder: Path, *, force: bool = False) -> Path:
    """One PNG per figure in ``folder``.

    A new folder is written under a temporary name beside it and renamed when complete. Into
    an existing folder each file is written atomically; a file that exists already is only
    replaced with ``force``, and nothing else in the folder is touched.
    """
    import shutil
    import tempfile

    from netaudit.render.charts import save

    folder = Path(folder)
    files = png_names(report)
    if folder.exists() and not folder.is_dir():
        raise OutputError("exists and is not a folder",
                          hint="give a folder name, or a name ending in .pdf or .html",
                          path=folder)
    if folder.is_dir() and not force:
        clash = [name for name, _ in files if (folder / name).exists()]
        if clash:
            raise OutputError(f"already holds {clash[0]}" + (
                f" and {len(clash) - 1} more charts" if len(clash) > 1 else ""),
                hint="pass --force to overwrite them, or choose another folder",
                path=folder)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp",
                                        dir=folder.parent))
    except OSError as exc:
        raise OutputError(f"cannot be written ({exc.strerror})",
                          hint="choose another folder with -o", path=folder) from exc
    try:
        for name, section in files:
            figure = report.draw(section)
            with open(staging / name, "wb") as stream:
                save(figure, stream, "png")
        if folder.is_dir():
            for name, _ in files:
                os.replace(staging / name, folder / name)
            staging.rmdir()
        else:
            os.rename(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder
