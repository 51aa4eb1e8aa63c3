"""What a report is made of, independent of its format: the cover, sections (a finding in
words, its evidence, its definition), what was left out and why; the options a user gives; the
article's figures shown beside the user's; and the small text helpers every section uses.

A section builder (:mod:`.overview`, :mod:`.replies`, :mod:`.memory`, :mod:`.ties`) reads
its results through a :class:`Page`: results computed by the Audit
(:class:`netaudit.audit.ReportResults`), never the Audit itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from netaudit.analyses.replies import ARTICLE_REACHED, ARTICLE_REPLIED, ESSAY
from netaudit.errors import Missing, UsageError
from netaudit.render.anonymize import Pseudonyms
from netaudit.render.charts import Rate, clean_texts, new_figure, style

if TYPE_CHECKING:
    from matplotlib.figure import FigureBase

    from netaudit.analyses.summary import Summary
    from netaudit.model import Network

#: The article's figures (docs/essay.md), shown beside the user's. The reply experiment's two
#: counts are the analysis' own (one place for the essay's 42 of 1,050).
ARTICLE_CONNECTIONS = ARTICLE_REACHED
ARTICLE_RATE = ARTICLE_REPLIED / ARTICLE_CONNECTIONS
ARTICLE_ASKED_HIM = 990
ARTICLE_REPLY_CI = (0.0297, 0.0536)
ARTICLE_RECALL_BEST, ARTICLE_RECALL_WORST = 27, 4
ARTICLE_MEAN_GROUPS = 23.4
ARTICLE_MEAN_ACTIVITY = 1.2
ARTICLE_ACTIVITY_DAYS = 15

#: Rows shown in a list table (re-engage, prune, introduce).
TOP_N = 15
#: Campaigns shown (chart and table share one page).
CAMPAIGN_ROWS = 10


class ReportFormat(StrEnum):
    """What ``-o`` writes, chosen by its suffix."""

    PDF = "pdf"
    HTML = "html"
    PNG = "png"


#: Output suffix -> format; a path without suffix (or an existing folder) is a PNG folder.
SUFFIXES: dict[str, ReportFormat] = {".pdf": ReportFormat.PDF, ".html": ReportFormat.HTML,
                                     ".htm": ReportFormat.HTML}

#: What each format is, in the user's words (also walked by a test).
FORMAT_MEANING: dict[ReportFormat, str] = {
    ReportFormat.PDF: "a PDF: executive summary, findings, appendix",
    ReportFormat.HTML: "one self-contained HTML file (charts inline, no external resources)",
    ReportFormat.PNG: "a folder of PNG slides, one per chart and per list of people",
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


def cite_essay(section: Section) -> Section:
    """``section`` with the essay named at the end of its definition when it shows one of
    the essay's figures (its headline, definition or table speak of the article or essay):
    the appendix then says where every figure set beside the reader's comes from.

    >>> s = cite_essay(Section("x", "X", "above the article's 4.0%", "Reply rate."))
    >>> s.definition.endswith("RecruitingBlogs, March 2010.")
    True
    """
    from functools import partial

    drawn = section.figure  # a chart's labels ('article: 4.0%' on a reference line)
    shown = " ".join([section.headline, section.definition, *(
        [*section.table.columns, *(str(c) for row in section.table.rows for c in row)]
        if section.table is not None else []), *(
        map(str, [*drawn.args, *drawn.keywords.values()]) if isinstance(drawn, partial)
        else [])]).lower()
    if ("article" in shown or "essay" in shown) and ESSAY not in section.definition:
        section.definition = f"{section.definition} Article: {ESSAY}."
    return section


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
    sources: list[tuple[str, list[str]]]
    """(file or archive, [what was read in it, one line per file])."""
    date_range: str
    generated: str
    anonymized: bool
    client: str = ""
    """Who the report is for (``--client``), on the first page and in every footer."""
    prepared_by: str = ""
    """Who prepared it (``--prepared-by``)."""
    logo: Path | None = None
    """A PNG drawn at the top of the first page (``--logo``)."""
    team: bool = False
    """A team report (``report --team``): ``owner`` names the members."""

    @property
    def made(self) -> str:
        """The line under the title: when, by whom, and that nothing left the computer."""
        by = f" by {self.prepared_by}" if self.prepared_by else ""
        return (f"Generated {self.generated}{by} with netaudit. Nothing was sent anywhere: the "
                "data stayed on the computer that made this report.")

    @property
    def whose(self) -> str:
        """The line under the title saying whose network this is."""
        if self.anonymized:
            return "Anonymized: people are shown as pseudonyms"
        if self.team:
            return f"Combined network of {self.owner}" if self.owner else "Combined network"
        if self.owner:
            return f"Network of {self.owner}"
        return "Whose network this is was not found in the data (name yourself with --me)"


@dataclass
class Executive:
    """The first page in plain words: what the network is (size and growth, the share alive,
    the reply rate beside the essay's) and the things to do next, with names."""

    points: list[str]
    actions: list[str]


@dataclass
class Report:
    """A report's content, independent of its format."""

    cover: Cover
    sections: list[Section]
    left_out: list[LeftOut]
    executive: Executive = field(default_factory=lambda: Executive([], []))
    scrub: Callable[[str], str] | None = None
    """Applied to every text drawn in a figure (the anonymizer's safety net), or None."""
    set_aside: dict[str, int] = field(default_factory=dict)
    """What was read but set aside (:func:`netaudit.model.set_aside_counts`)."""
    drawn_early: Any = field(default=None, repr=False, compare=False)
    """Charts drawn while the report was built, for the format it is then written in
    (``build_report(drawing=...)``): a PDF's :class:`netaudit.render.pdf.ChartPages`, an
    HTML file's SVGs or the PNG slides' bytes by section key; None."""

    def left_out_lines(self) -> list[str]:
        """One line per missing input: the sections it would add, then what it is."""
        by_need: dict[str, list[str]] = {}
        for missing in self.left_out:
            by_need.setdefault(missing.needs, []).append(missing.title)
        return [f"{'; '.join(titles)}: {need}" for need, titles in by_need.items()]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.cover.title,
            "anonymized": self.cover.anonymized,
            "generated": self.cover.generated,
            "sections": [{"key": s.key, "title": s.title, "headline": s.headline}
                         for s in self.sections],
            "left_out": [{"title": m.title, "needs": m.needs} for m in self.left_out],
            "set_aside": dict(self.set_aside),
        }

    def draw(self, section: Section, fig: FigureBase | None = None, *,
             titled: bool = False) -> FigureBase:
        """Draw ``section``'s figure (on ``fig`` or a new figure), scrubbing its texts;
        ``titled`` adds the section title above it (for a chart that stands alone)."""
        if section.figure is None:
            raise ValueError(f"section {section.key!r} has no figure")
        with style():
            target = fig if fig is not None else new_figure((7.2, section.figure_height))
            section.figure(fig=target)
            if titled:
                target.suptitle(section.title, x=0.01, ha="left", fontsize=12,
                                fontweight="bold")
            clean_texts(target, self.scrub)
        return target


@dataclass
class ReportOptions:
    """What the user asked the report to contain."""

    title: str = "Network audit"
    anonymize: bool = False
    anonymize_companies: bool = False
    anonymize_key: bytes | None = None
    """The pseudonym key (:func:`~netaudit.render.anonymize.key_from_file`); default: a random
    one for this report."""
    top: int = TOP_N
    client: str = ""
    prepared_by: str = ""
    logo: Path | None = None
    generated: date | None = None
    """The date printed on the cover; default: ``SOURCE_DATE_EPOCH`` if set, else today."""
    processes: int | None = 1
    """2: on a large export, a second process builds the tie pages while this one builds
    and draws the others (:mod:`netaudit.render.report.aside`); the file is the same. None:
    two when a core is idle (:func:`.aside.idle_core`), as ``netaudit report`` does. On the
    benchmark export (30,000 connections, 500,000 messages; 2 cores, load 1) the second
    process saved 0.6-1.3 s of 5-6 s for 0.1-0.2 s more CPU; with every core busy it is
    slower, and is not started. One by default here: a notebook's kernel runs threads that
    a forked child could find holding a lock."""


#: Width in pixels an SVG logo is drawn at: sharp at the 1.6-inch box of the first page
#: (about 375 dpi) and in the HTML's 160-pixel box on a 3x phone screen.
SVG_LOGO_PIXELS = 600


def check_logo(path: Path) -> Path:
    """``path`` if it is a PNG, JPEG or SVG image the report can draw; a usage error
    (exit 2) otherwise. An SVG is drawn to PNG by resvg (:func:`logo_image`) and checked
    here by drawing it once."""
    path = Path(path)
    if path.suffix.lower() in (".svg", ".svgz"):
        logo_image(path)
        return path
    try:
        from PIL import Image

        with Image.open(path) as image:
            image.verify()
            kind = image.format
    except FileNotFoundError:
        raise UsageError("no such file", hint="give the path of a PNG or SVG logo",
                         path=path) from None
    except Exception:
        raise UsageError("is not an image netaudit can read",
                         hint="give a PNG, JPEG or SVG logo", path=path) from None
    if kind not in ("PNG", "JPEG"):
        raise UsageError(f"is a {kind} image", hint="give a PNG, JPEG or SVG logo", path=path)
    return path


def logo_image(path: Path) -> tuple[bytes, str]:
    """The logo's image data and its kind ('png' or 'jpeg'): a PNG or JPEG as it is, an SVG
    drawn to a PNG :data:`SVG_LOGO_PIXELS` wide by resvg (MIT; nothing is fetched: resvg
    reads no URL)."""
    path = Path(path)
    if path.suffix.lower() not in (".svg", ".svgz"):
        return path.read_bytes(), "jpeg" if path.suffix.lower() in (".jpg", ".jpeg") else "png"
    import resvg_py

    if not path.is_file():
        raise UsageError("no such file", hint="give the path of a PNG or SVG logo", path=path)
    try:
        data = resvg_py.svg_to_bytes(svg_path=str(path), width=SVG_LOGO_PIXELS,
                                     skip_system_fonts=False)
    except (ValueError, OSError) as error:
        raise UsageError(f"is not an SVG netaudit can draw ({error})",
                         hint="give a PNG, JPEG or SVG logo", path=path) from None
    return bytes(data), "png"


def display_path(path: str) -> str:
    """A path as a report shows it (the appendix's "Data read"): relative to the current
    folder when inside it, else with the home folder written ``~``. A report is handed to
    clients; ``/home/jane.doe/Downloads`` tells them the preparer's account name.

    >>> import os
    >>> display_path(os.path.join(os.getcwd(), "exports", "a.zip")) == os.path.join("exports", "a.zip")
    True
    >>> display_path("samples/a.zip")
    'samples/a.zip'
    """
    shown = Path(path)
    if not shown.is_absolute():
        return path
    for base, prefix in ((Path.cwd(), None), (Path.home(), "~")):
        try:
            inside = shown.relative_to(base)
        except ValueError:
            continue
        if str(inside) != ".":
            return str(Path(prefix) / inside) if prefix else str(inside)
    return path


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


def plural(n: int, word: str, many: str | None = None) -> str:
    """``'1 person'``, ``'2 people'``, ``'1,050 campaigns'``.

    >>> plural(1, "person", "people"), plural(2, "person", "people"), plural(1050, "campaign")
    ('1 person', '2 people', '1,050 campaigns')
    """
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def interval(ci: Sequence[float] | None) -> str:
    """``'95% interval 2.97%–5.36%'`` from fractions ('' when there is none).

    >>> interval((0.0297, 0.0536))
    '95% interval 2.97%–5.36%'
    """
    if not ci:
        return ""
    return f"95% interval {100 * ci[0]:.2f}%–{100 * ci[1]:.2f}%"



# ---------------------------------------------------------------------------------------------
# What a section builder reads


class Results(Protocol):
    """Results computed elsewhere (:class:`netaudit.audit.ReportResults`): ``get(name)``
    gives one or raises :class:`~netaudit.errors.Missing`."""

    @property
    def network(self) -> Network: ...

    @property
    def summary(self) -> Summary: ...

    def get(self, name: str) -> Any: ...


class Page:
    """What a section builder reads: the results, the user's options and the pseudonyms."""

    def __init__(self, results: Results, options: ReportOptions) -> None:
        self.results = results
        self.options = options

    def get(self, name: str) -> Any:
        """The result called ``name``; raises :class:`Missing` when it cannot be computed."""
        return self.results.get(name)

    @property
    def network(self) -> Network:
        return self.results.network

    @property
    def summary(self) -> Summary:
        return self.results.summary

    @cached_property
    def names(self) -> Pseudonyms:
        return Pseudonyms(self.network.people, enabled=self.options.anonymize,
                          companies=self.options.anonymize_companies,
                          key=self.options.anonymize_key)

    def person(self, person_id: str) -> str:
        return self.names.person(person_id)

    def company(self, name: str) -> str:
        return self.names.company(name)


def needs(title: str, r: Page, *names: str) -> LeftOut | None:
    """A LeftOut for ``title`` if any of the results ``names`` cannot be computed."""
    for name in names:
        try:
            r.get(name)
        except Missing as missing:
            return LeftOut(title, missing.needs)
    return None


def _rate(label: str, part: int, whole: int, ci: Sequence[float] | None,
          reference: bool = False) -> Any:
    low, high = (ci[0], ci[1]) if ci else (None, None)
    return Rate(label, int(part), int(whole), low, high, reference)


def _p_value(comparison: Any) -> str:
    """The result in plain words first, then the test that gave it."""
    if comparison is None or comparison.p_value is None:
        return getattr(comparison, "note", "") or "no test"
    p = comparison.p_value
    shown = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    text = f"{comparison.meaning} ({comparison.test.label}, {shown}"
    return text + (f"; {comparison.note})" if comparison.note else ")")


