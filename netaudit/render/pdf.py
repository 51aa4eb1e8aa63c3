"""The report as a multi-page A4 PDF: a cover, then one page per section.

Drawn with matplotlib's PdfPages (no extra dependency, vector output, fonts embedded as
TrueType so the text stays searchable). Each page has the section title, the headline finding,
the figure, its definition and denominator, and the table; a footer carries the report title
and the page number. Files carry no timestamp, so the same input gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netaudit.render.charts import (
    BLUE,
    GREY,
    NO_METADATA,
    PAGE_SIZE,
    drawable,
    lay_out_once,
    shorten,
    style,
    wrap,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure, FigureBase

    from netaudit.progress import Progress
    from netaudit.render.report.content import Report, Section, Table

MARGIN = 0.6
"""Page margin in inches."""
TITLE_PT, HEADLINE_PT, BODY_PT, TABLE_PT, SMALL_PT = 18, 12.5, 8.5, 8, 7.5
ROW_IN = 0.24
"""Height of a table row in inches."""
INK = "#1A1A1A"


def _chars(width_in: float, points: float, bold: bool = False) -> int:
    # DejaVu Sans averages about 0.5 em per character of running text (bold 0.56); a little
    # spare keeps a line of wide letters inside the margin.
    return max(20, int(width_in * 72 / (points * (0.6 if bold else 0.54))))


def _text(page: FigureBase, x: float, y: float, text: str, **kwargs: Any) -> Any:
    """``page.text`` with the text made drawable (no emoji boxes; see charts.drawable)."""
    return page.text(x, y, drawable(text), **kwargs)


def _lines(text: str) -> int:
    return text.count("\n") + 1 if text else 0


def _page() -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=PAGE_SIZE)


def _footer(page: Figure, title: str, number: int, total: int) -> None:
    width, height = PAGE_SIZE
    page.add_artist(_rule(page, MARGIN / width, 1 - MARGIN / width, 0.45 / height))
    _text(page, MARGIN / width, 0.3 / height, shorten(title, 80), fontsize=SMALL_PT, color=GREY)
    _text(page, 1 - MARGIN / width, 0.3 / height, f"page {number} of {total}", fontsize=SMALL_PT,
              color=GREY, ha="right")


def _rule(page: Figure, x0: float, x1: float, y: float) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], transform=page.transFigure, color="#BBBBBB",
                  linewidth=0.6)


def _cover_page(report: Report, page: Figure) -> None:
    width, height = PAGE_SIZE
    inner = width - 2 * MARGIN
    cover = report.cover
    x = MARGIN / width
    y = 1 - 1.6 / height

    def line(text: str, points: float, gap: float = 0.0, indent: float = 0.0, **kw: Any) -> None:
        nonlocal y
        bold = kw.get("fontweight") == "bold"
        wrapped = wrap(text, _chars(inner - indent, points, bold))
        _text(page, x + indent / width, y, wrapped, fontsize=points, va="top",
                  color=kw.pop("color", INK), **kw)
        y -= (_lines(wrapped) * points * 1.35 / 72 + gap) / height

    page.add_artist(_rule(page, x, 1 - x, 1 - 1.3 / height))
    line(cover.title, 26, 0.15, fontweight="bold")
    line(cover.whose, 13, 0.35, color=BLUE)
    line("Data", 11, 0.05, fontweight="bold")
    for container, lines in cover.sources or [("(no input)", [])]:
        line(container, BODY_PT, 0.0, color=INK, fontweight="bold")
        for source in lines:
            line(source, BODY_PT, 0.0, indent=0.2, color=INK)
    line(cover.date_range.capitalize(), BODY_PT, 0.1)
    line(f"Generated {cover.generated} by netaudit. Nothing was sent anywhere: the data stayed "
         "on the computer that made this report.", BODY_PT, 0.35, color=GREY)
    line("Contents", 11, 0.05, fontweight="bold")
    for number, section in enumerate(report.sections, start=2):
        _text(page, x, y, section.title, fontsize=9.5, va="top", color=INK)
        _text(page, 1 - x, y, str(number), fontsize=9.5, va="top", ha="right", color=INK)
        y -= 9.5 * 1.5 / 72 / height
    if report.left_out:
        y -= 0.25 / height
        line("Not in this report", 11, 0.05, fontweight="bold")
        for missing in report.left_out_lines():
            line(missing, BODY_PT, 0.03, color=GREY)


def _section_page(report: Report, section: Section, page: Figure) -> None:
    width, height = PAGE_SIZE
    inner = width - 2 * MARGIN
    x = MARGIN / width
    top = height - MARGIN
    title = wrap(section.title, _chars(inner, TITLE_PT, bold=True))
    headline = wrap(section.headline, _chars(inner, HEADLINE_PT, bold=True))
    definition = wrap(section.definition, _chars(inner, BODY_PT))
    _text(page, x, top / height, title, fontsize=TITLE_PT, fontweight="bold", va="top", color=INK)
    top -= _lines(title) * TITLE_PT * 1.3 / 72 + 0.12
    _text(page, x, top / height, headline, fontsize=HEADLINE_PT, va="top", color=BLUE,
              fontweight="bold", linespacing=1.3)
    top -= _lines(headline) * HEADLINE_PT * 1.45 / 72 + 0.2
    bottom = 0.75
    table = section.table
    layout = fit_table(table, inner) if table is not None else None
    table_in = layout.height + (0.35 if table.note else 0.05) if layout and table else 0.0
    definition_in = _lines(definition) * BODY_PT * 1.4 / 72 + 0.15
    room = top - bottom - table_in - definition_in
    if section.figure is not None:
        chart_in = max(2.0, min(room, section.figure_height * inner / 7.2, 6.4))
        # The chart gets a full-width row of a constrained-layout grid; the page's pads keep
        # its axes, labels and legend inside the margins.
        page.set_layout_engine("constrained", w_pad=MARGIN - 0.1, h_pad=0.02, hspace=0,
                               wspace=0)
        grid = page.add_gridspec(3, 1, height_ratios=[height - top, chart_in,
                                                      top - chart_in])
        report.draw(section, page.add_subfigure(grid[1]))
        top -= chart_in + 0.15
    _text(page, x, top / height, definition, fontsize=BODY_PT, va="top", color="#404040",
              linespacing=1.4)
    top -= definition_in
    if table is not None and layout is not None:
        _table(page, table, layout, x, top / height)


@dataclass
class TableLayout:
    """A table fitted to a width: column widths (inches), wrapped cells, row heights."""

    widths: list[float]
    cells: list[list[list[str]]]
    heights: list[float]

    @property
    def height(self) -> float:
        return sum(self.heights)


#: Lines a table cell may wrap to before it is cut with an ellipsis.
CELL_LINES = 3


def fit_table(table: Table, width_in: float, points: float = TABLE_PT) -> TableLayout:
    """Column widths and wrapped cells for ``table`` at ``width_in`` inches.

    Short and numeric columns get the width they need; the long text columns share the rest
    in proportion to their longest cell, and their cells wrap onto up to ``CELL_LINES`` lines.
    """
    import textwrap

    columns = len(table.columns)
    total = _chars(width_in, points) - 2 * columns
    rows = [table.columns, *table.rows]
    # Headers are bold, about 15% wider than the cells.
    need = [max([int(len(table.columns[c]) * 1.15) + 1] + [len(r[c]) for r in table.rows])
            for c in range(columns)]
    numeric = table.numeric or [False] * columns
    # Numbers and short texts (names, dates) keep their width while they fit in 60% of the
    # line; the long texts (reasons) wrap in what is left.
    fixed = [c for c in range(columns) if numeric[c] or need[c] <= 14]
    short = sorted((c for c in range(columns) if c not in fixed and need[c] <= 26),
                   key=lambda c: need[c])
    for c in short:
        if sum(need[k] for k in fixed) + need[c] <= 0.6 * total:
            fixed.append(c)
    flexible = [c for c in range(columns) if c not in fixed]
    chars = [0] * columns
    for c in fixed:
        chars[c] = need[c]
    spare = max(0, total - sum(chars[c] for c in fixed))
    if flexible:
        weight = {c: min(need[c], 90) for c in flexible}
        for c in flexible:
            chars[c] = max(len(table.columns[c]), 8, int(spare * weight[c] / sum(weight.values())))
        # Columns that need less than their share give the rest to the others.
        for c in flexible:
            chars[c] = min(chars[c], need[c])
        leftover = max(0, total - sum(chars))
        widest = max(flexible, key=lambda c: need[c] - chars[c])
        chars[widest] += leftover
    else:
        chars[-1] += max(0, total - sum(chars))
    scale = width_in / max(1, sum(chars) + 2 * columns)
    widths = [(n + 2) * scale for n in chars]
    cells = []
    heights = []
    for i, row in enumerate(rows):
        wrapped = []
        for c, cell in enumerate(row):
            lines = textwrap.wrap(cell, max(4, chars[c]), break_long_words=True) or [""]
            if len(lines) > CELL_LINES:
                lines = lines[:CELL_LINES]
                lines[-1] = shorten(lines[-1] + " …", max(4, chars[c]))
                if not lines[-1].endswith("…"):
                    lines[-1] = lines[-1][:-1] + "…"
            wrapped.append(lines)
        cells.append(wrapped)
        tallest = max(len(w) for w in wrapped)
        heights.append(ROW_IN + (tallest - 1) * points * 1.3 / 72 + (0.02 if i == 0 else 0))
    return TableLayout(widths, cells, heights)


def _table(page: Figure, table: Table, layout: TableLayout, x: float, top: float,
           points: float = TABLE_PT) -> None:
    """Draw ``table`` with its top-left corner at figure fraction (x, top)."""
    from matplotlib.patches import Rectangle

    width, height = PAGE_SIZE
    numeric = table.numeric or [False] * len(table.columns)
    pad = 0.06 / width
    edges = [x]
    for w in layout.widths:
        edges.append(edges[-1] + w / width)
    full = sum(layout.widths) / width
    y = top
    for i, (row, row_in) in enumerate(zip(layout.cells, layout.heights, strict=True)):
        h = row_in / height
        if i == 0 or i % 2 == 0:
            page.add_artist(Rectangle((x, y - h), full, h, transform=page.transFigure,
                                      facecolor="#E8EEF4" if i == 0 else "#F5F5F5",
                                      edgecolor="none"))
        for c, lines in enumerate(row):
            right = numeric[c] if c < len(numeric) else False
            _text(page, edges[c + 1] - pad if right else edges[c] + pad, y - 0.065 / height,
                      "\n".join(lines), fontsize=points, va="top",
                      ha="right" if right else "left", color=INK,
                      fontweight="bold" if i == 0 else "normal", linespacing=1.3)
        y -= h
    if table.note:
        _text(page, x, y - 0.18 / height, table.note, fontsize=SMALL_PT, color=GREY,
                  va="center")


def page_count(report: Report) -> int:
    """Pages the PDF has: the cover plus one per section."""
    return 1 + len(report.sections)


def write_pdf(report: Report, path: Path, *, force: bool = False,
              progress: Progress | None = None) -> Path:
    """Write ``report`` as a PDF at ``path`` (atomically; refuses to overwrite without
    ``force``); ``progress`` hears "writing PDF pages", n of N (a page's chart is drawn
    with it)."""
    total = page_count(report)
    if progress is not None:
        progress("writing PDF pages", 0, total)
    from matplotlib.backends.backend_pdf import PdfPages

    from netaudit.render.export import atomic_path

    with atomic_path(Path(path), force=force) as tmp, style(), _lean_font_subsets(), \
            PdfPages(tmp, metadata={**NO_METADATA["pdf"], "Title": report.cover.title}) as pdf:
        page = _page()
        _cover_page(report, page)
        _footer(page, report.cover.title, 1, total)
        _save_page(pdf, page)
        for number, section in enumerate(report.sections, start=2):
            if progress is not None:
                progress("writing PDF pages", number - 1, total)
            page = _page()
            _section_page(report, section, page)
            _footer(page, report.cover.title, number, total)
            _save_page(pdf, page)
    if progress is not None:
        # Only now: the fonts are embedded as the file closes, after the last page.
        progress("writing PDF pages", total, total)
    return Path(path)


@contextmanager
def _lean_font_subsets() -> Iterator[None]:
    """Embed fonts without their OpenType layout tables (GSUB, GPOS, GDEF).

    matplotlib has fontTools subset each embedded font keeping those tables, and subsetting
    them is most of the work (about half of the 0.45 s the report's four fonts took). A PDF
    viewer never reads them: matplotlib places every glyph itself and the text is extracted
    through the ToUnicode map, so pages look and extract the same. fontTools reads the
    tables to drop from a class default; it is restored afterwards, and left alone if a
    fontTools version has no such default.
    """
    try:
        from fontTools.subset import Options
    except ImportError:  # pragma: no cover - fontTools comes with matplotlib
        yield
        return
    default = getattr(Options, "_drop_tables_default", None)
    if not isinstance(default, list):  # pragma: no cover - another fontTools
        yield
        return
    Options._drop_tables_default = [*default, "GSUB", "GPOS", "GDEF"]
    try:
        yield
    finally:
        Options._drop_tables_default = default


def _save_page(pdf: Any, page: Figure) -> None:
    """``pdf.savefig(page)``, laid out first (:func:`~netaudit.render.charts.lay_out_once`):
    savefig would draw the whole page twice, measuring every table cell twice."""
    lay_out_once(page, "pdf")
    pdf.savefig(page)
