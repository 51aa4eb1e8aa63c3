"""The report as an A4 PDF, laid out with ReportLab's platypus (BSD).

The first page is the executive summary in plain words, with the contents (each line a link);
then the findings flow one after another (title, headline, chart, table), filling the pages;
then the appendix: the definitions and statistics of every finding, and the data read. Every
finding and appendix page is a PDF bookmark (the viewer's outline). Tables are real tables:
cells wrap on word boundaries, columns are padded, long tables continue on the next page under
their repeated header.

Charts stay vector graphics: platypus reserves a box for each chart; matplotlib then draws
the chart at exactly that size as a one-page PDF, and pypdf (BSD) stamps that page into the
box. matplotlib remains the one chart library (the HTML and PNG outputs draw the same
charts), and no SVG or PDF importer under a copyleft licence is needed.

Text uses :mod:`netaudit.render.fonts` (DejaVu Sans, with a fallback font per script), so a
name in Kannada, Arabic, Chinese or Cyrillic prints as written. The file is reproducible:
ReportLab runs in its invariant mode (fixed ids, no timestamp) and pypdf copies the document
as is, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netaudit.render import fonts
from netaudit.render.charts import BLUE, GREY, NO_METADATA, fonts_from_memory, new_figure, style

if TYPE_CHECKING:
    from netaudit.progress import Progress
    from netaudit.render.report.content import Report, Section, Table

INK = "#1A1A1A"
PALE = "#E8EEF4"
ZEBRA = "#F5F5F5"
MARGIN_PT = 15 * 72 / 25.4
"""Page margin: 15 mm."""
TITLE_PT, H1_PT, H2_PT, HEADLINE_PT, BODY_PT, TABLE_PT, SMALL_PT = 24, 15, 11.5, 11, 9, 8, 7.5
CHART_MAX_PT = 6.2 * 72
"""The tallest a chart may be drawn (inches * 72)."""

#: Section keys that are not findings but can be chosen with --pages.
APPENDIX = "appendix"
DATA_READ = "data_read"


def sentence_case(text: str) -> str:
    """Table headers in one case: the first letter capital, the rest as written.

    >>> sentence_case("could meet"), sentence_case("95% interval"), sentence_case("")
    ('Could meet', '95% interval', '')
    """
    return text[:1].upper() + text[1:]


@dataclass
class _Spot:
    """Where a chart goes: page (from 1), lower-left corner and size in points."""

    page: int
    x: float
    y: float
    width: float
    height: float
    section: Section


def _styles() -> dict[str, Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    fonts.register()
    base = ParagraphStyle("body", fontName=fonts.BASE, fontSize=BODY_PT, leading=BODY_PT * 1.4,
                          textColor=HexColor(INK), shaping=1)

    def make(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "title": make("title", fontName=fonts.BOLD, fontSize=TITLE_PT, leading=TITLE_PT * 1.2,
                      spaceAfter=4),
        "whose": make("whose", fontSize=12.5, leading=17, textColor=HexColor(BLUE),
                      spaceAfter=2),
        "meta": make("meta", textColor=HexColor(GREY)),
        "h1": make("h1", fontName=fonts.BOLD, fontSize=H1_PT, leading=H1_PT * 1.25,
                   spaceBefore=14, spaceAfter=4),
        "h2": make("h2", fontName=fonts.BOLD, fontSize=H2_PT, leading=H2_PT * 1.3,
                   spaceBefore=8, spaceAfter=2),
        "headline": make("headline", fontName=fonts.BOLD, fontSize=HEADLINE_PT,
                         leading=HEADLINE_PT * 1.35, textColor=HexColor(BLUE), spaceAfter=6),
        "point": make("point", fontSize=10.5, leading=15, leftIndent=12, bulletIndent=0,
                      spaceAfter=5),
        "small": make("small", fontSize=SMALL_PT, leading=SMALL_PT * 1.35,
                      textColor=HexColor(GREY)),
        "cell": make("cell", fontSize=TABLE_PT, leading=TABLE_PT * 1.3),
        "cell_right": make("cell_right", fontSize=TABLE_PT, leading=TABLE_PT * 1.3,
                           alignment=TA_RIGHT),
        "head": make("head", fontName=fonts.BOLD, fontSize=TABLE_PT, leading=TABLE_PT * 1.3),
        "head_right": make("head_right", fontName=fonts.BOLD, fontSize=TABLE_PT,
                           leading=TABLE_PT * 1.3, alignment=TA_RIGHT),
        # Not shaped: ReportLab's shaping breaks on the links and drawing hooks of contents
        # lines and links (IndexError in breakLines); they hold the report's own titles.
        "toc0": make("toc0", fontSize=10, leading=15, shaping=0),
        "toc1": make("toc1", fontSize=9, leading=13, leftIndent=14, shaping=0),
        "link": make("link", fontSize=SMALL_PT, leading=SMALL_PT * 1.35, shaping=0,
                     textColor=HexColor(GREY)),
    }


def _p(text: str, style: Any) -> Any:
    """A paragraph of ``text``; shaped only when a run needs a fallback font (Latin, Greek
    and Cyrillic need no shaping, and shaping every paragraph cost a third of the layout)."""
    from reportlab.platypus import Paragraph

    markup = fonts.markup(text)
    if "<font " not in markup:
        style = _plain(style)
    return Paragraph(markup, style)


_plain_styles: dict[int, Any] = {}


def _plain(style: Any) -> Any:
    """``style`` without shaping (one copy per style)."""
    from reportlab.lib.styles import ParagraphStyle

    plain = _plain_styles.get(id(style))
    if plain is None or plain.parent is not style:
        plain = _plain_styles[id(style)] = ParagraphStyle(style.name + "-plain", parent=style,
                                                          shaping=0)
    return plain


def _link(text: str, target: str, style: Any) -> Any:
    """A paragraph that is a link to the anchor ``target`` of this document."""
    from reportlab.platypus import Paragraph

    return Paragraph(f'<a href="#{target}" color="{BLUE}">{fonts.markup(text)}</a>', style)


def _anchor(text: str, name: str, style: Any) -> list[Any]:
    """A paragraph whose top is the anchor ``name`` (a link's target). The anchor is a
    flowable of its own: ReportLab's shaping breaks on an '<a name>' inside a paragraph."""
    _, _, Anchor = _flowables()
    return [Anchor(name), _p(text, style)]


# --------------------------------------------------------------------------------------------
# Flowables


@cache
def _flowables() -> tuple[Any, Any, Any]:
    """The three flowables this module defines (built lazily: ReportLab is imported only when
    a PDF is written)."""
    from reportlab.platypus import Flowable, Paragraph

    class Heading(Paragraph):
        """A heading that becomes a bookmark, an outline entry and a contents line."""

        def __init__(self, text: str, style: Any, key: str, level: int = 0,
                     toc: bool = True) -> None:
            markup = fonts.markup(text)
            super().__init__(markup, style if "<font " in markup else _plain(style))
            self.key, self.level, self.plain, self.toc = key, level, text, toc

    class ChartBox(Flowable):
        """Room for a chart; records where it was placed (the chart is stamped later)."""

        def __init__(self, section: Section, width: float, height: float,
                     spots: list[_Spot]) -> None:
            super().__init__()
            self.section, self.width, self.height, self.spots = section, width, height, spots
            self.preferred = height

        def wrap(self, available_width: float, available_height: float
                 ) -> tuple[float, float]:
            # Shrinks to the room left on the page, down to 70% of its height, rather than
            # leaving the rest of the page empty.
            self.height = max(min(self.preferred, available_height - 1),
                              self.preferred * 0.7)
            return self.width, self.height

        def draw(self) -> None:
            x, y = self.canv.absolutePosition(0, 0)
            self.spots.append(_Spot(self.canv.getPageNumber(), x, y, self.width, self.height,
                                    self.section))

    class Anchor(Flowable):
        """A link target where it is placed, of no size."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

        def wrap(self, *_: Any) -> tuple[float, float]:
            return 0.0, 0.0

        def draw(self) -> None:
            self.canv.bookmarkHorizontal(self.name, 0, 12)

    return Heading, ChartBox, Anchor


def column_widths(table: Table, width: float, points: float = TABLE_PT,
                  pad: float = 10.0) -> list[float]:
    """Column widths in points that fill ``width``: each column gets the width of its longest
    cell on one line when everything fits; otherwise numbers and short columns keep theirs
    and the long text columns share the rest in proportion to their length, never narrower
    than their longest word (cells wrap on word boundaries). ``pad`` is the padding of a cell
    (left plus right)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register()

    def measure(text: str, bold: bool = False) -> float:
        return stringWidth(text, fonts.BOLD if bold else fonts.BASE, points)

    columns = len(table.columns)
    numeric = table.numeric or [False] * columns
    natural, least = [], []
    for c in range(columns):
        cells = [r[c] for r in table.rows if c < len(r)]
        head = sentence_case(table.columns[c])
        natural.append(pad + max([measure(head, True)] + [measure(x) for x in cells]))
        words = [w for x in cells for w in x.split()] + head.split()
        least.append(pad + max([measure(w, w in head.split()) for w in words] or [0.0]))
    if sum(natural) <= width:
        spare = width - sum(natural)
        text = [c for c in range(columns) if not numeric[c]] or [columns - 1]
        widest = max(text, key=lambda c: natural[c])
        return [n + (spare if c == widest else 0.0) for c, n in enumerate(natural)]
    fixed = [c for c in range(columns) if numeric[c] or natural[c] <= 0.22 * width]
    flexible = [c for c in range(columns) if c not in fixed]
    if not flexible:
        scale = width / sum(natural)
        return [n * scale for n in natural]
    widths = [natural[c] if c in fixed else 0.0 for c in range(columns)]
    room = width - sum(widths)
    weight = {c: min(natural[c], 4 * width) ** 0.75 for c in flexible}
    total = sum(weight.values())
    for c in flexible:
        widths[c] = max(least[c], room * weight[c] / total)
    over = sum(widths) - width
    if over > 0:  # the floors pushed past the page: take it back from the widest column
        widest = max(flexible, key=lambda c: widths[c] - least[c])
        widths[widest] = max(least[widest], widths[widest] - over)
    return widths


def _indent(cell: str) -> str:
    """Leading spaces as no-break spaces (a paragraph trims plain ones).

    >>> _indent("   95% interval") == "\u00a0" * 3 + "95% interval"
    True
    """
    stripped = cell.lstrip(" ")
    return "\u00a0" * (len(cell) - len(stripped)) + stripped


def _table(table: Table, width: float, st: dict[str, Any]) -> list[Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    numeric = table.numeric or [False] * len(table.columns)
    header = [_p(sentence_case(h), st["head_right" if numeric[c] else "head"])
              for c, h in enumerate(table.columns)]
    # A leading indent ('   95% interval', a sub-row) kept: no-break spaces are not trimmed.
    body = [[_p(_indent(cell), st["cell_right" if c < len(numeric) and numeric[c] else "cell"])
             for c, cell in enumerate(row)] for row in table.rows]
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(PALE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, HexColor("#9AAFC4")),
    ]
    commands += [("BACKGROUND", (0, i), (-1, i), HexColor(ZEBRA))
                 for i in range(2, len(body) + 1, 2)]
    flow: list[Any] = [RLTable([header, *body], colWidths=column_widths(table, width),
                               repeatRows=1, style=TableStyle(commands), hAlign="LEFT")]
    if table.note:
        flow.append(_p(table.note, st["small"]))
    return flow


# --------------------------------------------------------------------------------------------
# The document


def _chart_height(section: Section, width: float, room: float) -> float:
    """A chart's height in points at ``width``: its preferred height scaled from 7.2 in."""
    return max(1.6 * 72, min(section.figure_height * 72 * width / (7.2 * 72), CHART_MAX_PT,
                             room))


def _section_flow(section: Section, st: dict[str, Any], width: float, height: float,
                  spots: list[_Spot]) -> list[Any]:
    """A finding's flowables: title, headline, link to its definition, chart box, table.
    The findings start on a new page after the contents, and where a finding's chart falls
    (and so its size) depends only on the findings before it (:func:`draw_early`)."""
    from reportlab.lib.units import inch
    from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

    Heading, ChartBox, _ = _flowables()
    story: list[Any] = []
    head: list[Any] = [Heading(section.title, st["h1"], f"s-{section.key}"),
                       _p(section.headline, st["headline"])]
    link = _link(f"How this is counted: appendix, '{section.title}'", f"d-{section.key}",
                 st["link"])
    if section.figure is not None:
        box_h = _chart_height(section, width, height * 0.62)
        # Never a title alone at the foot of a page: a new page unless the title, the
        # headline (about 110 pt) and the chart at 70% of its height fit; the chart then
        # takes the room there is, up to its full height, instead of leaving the rest of
        # the page empty (kept together, it moved whole to the next page).
        story.append(CondPageBreak(120 + 0.7 * box_h))
        story.append(KeepTogether([*head, link]))
        story.append(ChartBox(section, width, box_h, spots))
    else:
        story.append(CondPageBreak(1.6 * inch))
        story.append(KeepTogether([*head, link]))
    if section.table is not None:
        story.append(Spacer(1, 5))
        story += _table(section.table, width, st)
    story.append(Spacer(1, 10))
    return story


def _story(report: Report, st: dict[str, Any], width: float, height: float,
           spots: list[_Spot]) -> list[Any]:
    from reportlab.lib.units import inch
    from reportlab.platypus import CondPageBreak, Image, KeepTogether, PageBreak, Spacer
    from reportlab.platypus.tableofcontents import TableOfContents

    Heading, _, _ = _flowables()
    cover = report.cover
    story: list[Any] = []
    if cover.logo is not None:
        import io

        from netaudit.render.report.content import logo_image

        logo = Image(io.BytesIO(logo_image(cover.logo)[0]))
        scale = min(1.0, 1.6 * inch / max(1, logo.drawWidth), 0.8 * inch / max(1,
                                                                                 logo.drawHeight))
        logo.drawWidth *= scale
        logo.drawHeight *= scale
        logo.hAlign = "RIGHT"
        story.append(logo)
    story.append(_p(cover.title, st["title"]))
    if cover.client:
        story.append(_p(f"Prepared for {cover.client}", st["whose"]))
    story.append(_p(cover.whose, st["whose"] if not cover.client else st["body"]))
    story += [_p(cover.made, st["meta"]), Spacer(1, 8)]
    executive = report.executive
    story.append(Heading("Executive summary", st["h1"], "executive", toc=False))
    for point in executive.points:
        story.append(_p(point, st["point"]))
    if executive.actions:
        story.append(_p("What to do next", st["h2"]))
        for number, action in enumerate(executive.actions, start=1):
            story.append(_p(f"{number}. {action}", st["point"]))
    story.append(_p("Contents", st["h2"]))
    contents = TableOfContents(levelStyles=[st["toc0"], st["toc1"]], dotsMinLevel=0)
    story += [contents, PageBreak()]
    for section in report.sections:
        story += _section_flow(section, st, width, height, spots)
    story.append(PageBreak())
    story.append(Heading("Appendix", st["h1"], APPENDIX))
    story.append(Heading("Definitions and statistics", st["h2"], "definitions", level=1))
    for section in report.sections:
        story.append(KeepTogether([*_anchor(section.title, f"d-{section.key}", st["h2"]),
                                   _p(section.definition, st["body"])]))
    story.append(CondPageBreak(3 * inch))
    story.append(Heading("Data read", st["h2"], DATA_READ, level=1))
    if cover.date_range:
        story.append(_p(cover.date_range[:1].upper() + cover.date_range[1:] + ".", st["body"]))
    for container, lines in cover.sources or [("(no input)", [])]:
        # A file or archive path as written; the two group names in sentence case.
        story.append(_p(sentence_case(container) if container in ("set aside", "input files")
                        else container, st["h2"]))
        for line in lines:
            story.append(_p(line, st["body"]))
    if report.left_out:
        story.append(_p("Not in this report", st["h2"]))
        for missing in report.left_out_lines():
            story.append(_p(missing, st["body"]))
    return story


def _document(report: Report, stream: Any, spots: list[_Spot]) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    Heading, _, _ = _flowables()
    width, height = A4
    footer = report.cover.title + (f" · prepared for {report.cover.client}"
                                   if report.cover.client else "")

    class Document(BaseDocTemplate):
        pages_before = 0

        def beforeDocument(self) -> None:
            spots.clear()
            self._pages = 0

        def afterPage(self) -> None:
            self._pages = self.page

        def afterFlowable(self, flowable: Any) -> None:
            if isinstance(flowable, Heading):
                self.canv.bookmarkPage(flowable.key)
                self.canv.addOutlineEntry(flowable.plain, flowable.key, flowable.level,
                                          closed=False)
                if flowable.toc:
                    self.notify("TOCEntry", (flowable.level, fonts.markup(flowable.plain),
                                             self.page, flowable.key))

        def handle_documentBegin(self) -> None:
            # The page count of the previous pass (multiBuild lays the document out at least
            # twice: the contents need the pages): "page 3 of 12" on the last pass.
            self.pages_before = getattr(self, "_pages", 0)
            super().handle_documentBegin()

    def draw_footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(HexColor("#BBBBBB"))
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_PT, 0.45 * 72, width - MARGIN_PT, 0.45 * 72)
        canvas.setFont(fonts.BASE, SMALL_PT)
        canvas.setFillColor(HexColor(GREY))
        canvas.drawString(MARGIN_PT, 0.3 * 72, footer)
        total = doc.pages_before or doc.page
        canvas.drawRightString(width - MARGIN_PT, 0.3 * 72, f"page {doc.page} of {total}")
        canvas.restoreState()

    doc = Document(stream, pagesize=A4, leftMargin=MARGIN_PT, rightMargin=MARGIN_PT,
                   topMargin=MARGIN_PT, bottomMargin=0.7 * 72, title=report.cover.title,
                   author=report.cover.prepared_by or "", subject="", creator="netaudit",
                   producer="netaudit", invariant=1, pageCompression=1)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], onPageEnd=draw_footer)])
    return doc


class ChartPages:
    """The report's charts, each drawn by matplotlib at exactly its box's size, as the pages
    of one PDF in report order, added as their sizes become known (:func:`draw_early`). One
    document for all: each font is embedded (subset) once for every chart, not once per
    chart (19 subsets for the 10 charts of the benchmark report were 2.5 of its 9 s of PDF
    writing under the profiler, issue 17)."""

    def __init__(self, report: Report) -> None:
        from matplotlib.backends.backend_pdf import PdfPages

        self.report = report
        self.drawn: list[tuple[str, float, float]] = []
        """(section key, width, height) of each chart drawn, in order."""
        self._stream = io.BytesIO()
        with style():
            self._pdf = PdfPages(self._stream, metadata=NO_METADATA["pdf"])

    def add(self, spots: list[_Spot]) -> None:
        """Draw the charts of ``spots``, in order, after those drawn already."""
        from netaudit.render.charts import lay_out_once, text_sizes_shared

        with style(), _lean_font_subsets(), text_sizes_shared(), fonts_from_memory():
            for spot in spots:
                figure = new_figure((spot.width / 72, spot.height / 72))
                self.report.draw(spot.section, figure)
                lay_out_once(figure, "pdf")
                self._pdf.savefig(figure)
                self.drawn.append(_size(spot))

    def close(self) -> bytes:
        """The PDF of the charts drawn (fonts subset now, for all of them)."""
        with style(), _lean_font_subsets(), fonts_from_memory():
            self._pdf.close()
        return self._stream.getvalue()


def _size(spot: _Spot) -> tuple[str, float, float]:
    return spot.section.key, spot.width, spot.height


def draw_early(report: Report, sections: list[Section]) -> ChartPages:
    """The charts of ``sections``, the report's first findings, drawn before the rest of the
    report is built (:func:`netaudit.render.report.build_report` on a large export, while a
    second process builds the tie pages): the findings start on a new page after the
    contents, so where these charts fall and at what size is known from these findings
    alone, laid out here on their own. :func:`render_pdf` keeps the drawn charts when the
    whole report puts them at the same sizes (always, as the layout only depends on what
    comes before), and draws everything again otherwise."""
    from reportlab import rl_config

    fonts.register()
    spots: list[_Spot] = []
    st = _styles()
    invariant = rl_config.invariant
    rl_config.invariant = 1
    try:
        with fonts.collecting():
            doc = _document(report, io.BytesIO(), spots)
            doc._doSave = 0  # laid out only: the links of these pages lead to the appendix
            doc.build([flowable for section in sections
                       for flowable in _section_flow(section, st, doc.width, doc.height,
                                                     spots)])
    finally:
        rl_config.invariant = invariant
    pages = ChartPages(report)
    pages.add(spots)
    return pages


def _chart_pdf(report: Report, spots: list[_Spot], early: ChartPages | None = None) -> bytes:
    """Every chart of ``spots`` as the pages of one PDF, in order: those ``early`` drew
    already (when at the same sizes) and the others."""
    pages = early
    if pages is None or pages.drawn != [_size(s) for s in spots[:len(pages.drawn)]]:
        pages = ChartPages(report)
    pages.add(spots[len(pages.drawn):])
    return pages.close()


def _stamp(writer: Any, page: Any, chart: Any, x: float, y: float, name: str) -> None:
    """Draw ``chart`` (a one-page PDF's page) on ``page`` at (x, y) as a Form XObject: its
    content stream is copied as it is (still compressed) and drawn by one 'Do', so neither
    page's content is parsed (pypdf's merge_transformed_page parsed both: 0.3 s a chart)."""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        IndirectObject,
        NameObject,
    )

    contents = chart["/Contents"].get_object()
    if isinstance(contents, ArrayObject):  # pragma: no cover - matplotlib writes one stream
        raise ValueError("a chart page with several content streams")
    form = contents.clone(writer)
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(chart.mediabox)
    form[NameObject("/Resources")] = chart["/Resources"].clone(writer)
    resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
    xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject()).get_object()
    xobjects[NameObject(name)] = form.indirect_reference
    draw = DecodedStreamObject()
    draw.set_data(f"q 1 0 0 1 {x:.4f} {y:.4f} cm {name} Do Q\n".encode("ascii"))
    # The reference, not the stream: a stream inside the /Contents array must be an indirect
    # object (PDF 32000-1, 7.3.8). page["/Contents"] resolves it, and the array held the
    # stream itself: PDFium (Chrome's and Edge's viewer) drew every page with a chart blank.
    existing = page.raw_get("/Contents")
    if isinstance(existing.get_object(), ArrayObject):
        parts = list(existing.get_object())
    else:
        parts = [existing if isinstance(existing, IndirectObject) else writer._add_object(existing)]
    page[NameObject("/Contents")] = ArrayObject([*parts, writer._add_object(draw)])


def render_pdf(report: Report, *, progress: Progress | None = None) -> bytes:
    """The report as PDF bytes."""
    from pypdf import PdfReader, PdfWriter
    from reportlab import rl_config

    fonts.register()
    spots: list[_Spot] = []
    st = _styles()
    laid_out = io.BytesIO()
    invariant = rl_config.invariant
    rl_config.invariant = 1
    try:
        with fonts.collecting():
            doc = _document(report, laid_out, spots)
            doc.multiBuild(_story(report, st, doc.width, doc.height, spots))
    finally:
        rl_config.invariant = invariant
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(laid_out.getvalue())))
    # No timestamp in the file (the date it shows is the cover's), no empty entries.
    writer.metadata = {"/Title": report.cover.title, "/Creator": "netaudit",
                       **({"/Author": report.cover.prepared_by}
                          if report.cover.prepared_by else {})}
    total = len(writer.pages)
    if progress is not None:
        progress("writing PDF pages", 0, total)
    early = report.drawn_early if isinstance(report.drawn_early, ChartPages) else None
    charts = PdfReader(io.BytesIO(_chart_pdf(report, spots, early))).pages if spots else []
    by_page: dict[int, list[tuple[_Spot, Any]]] = {}
    for spot, chart in zip(spots, charts, strict=True):
        by_page.setdefault(spot.page, []).append((spot, chart))
    for number in range(1, total + 1):
        for k, (spot, chart) in enumerate(by_page.get(number, []), start=1):
            _stamp(writer, writer.pages[number - 1], chart, spot.x, spot.y, f"/NetauditChart{k}")
        if progress is not None:
            progress("writing PDF pages", number, total)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_pdf(report: Report, path: Path, *, force: bool = False,
              progress: Progress | None = None,
              warn: Callable[[str], None] | None = None) -> Path:
    """Write ``report`` as a PDF at ``path`` (atomically; refuses to overwrite without
    ``force``); ``progress`` hears "writing PDF pages", n of N (a page's charts are stamped
    with it). ``warn`` hears, once, the characters no font on this machine could draw."""
    from netaudit.render.export import atomic_path

    fonts.take_uncovered()
    with atomic_path(Path(path), force=force) as tmp:
        # Drawn while the temporary file exists: a signal meanwhile removes it.
        Path(tmp).write_bytes(render_pdf(report, progress=progress))
    missing = fonts.uncovered_warning()
    if missing and warn is not None:
        warn(missing)
    return Path(path)


def page_count(path: Path) -> int:
    """The pages of a written PDF."""
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


@contextmanager
def _lean_font_subsets() -> Iterator[None]:
    """Embed the charts' fonts without their OpenType layout tables (GSUB, GPOS, GDEF), their
    character map (cmap) and their OS/2 table.

    matplotlib has fontTools subset each embedded font keeping those tables, and subsetting
    them is most of the work (about half of a chart's save). A PDF viewer never reads them:
    matplotlib places every glyph itself and the text is extracted through the ToUnicode map,
    so charts look and extract the same. matplotlib embeds each chart font as a CIDFont
    (Type0, Identity-H, with a CIDToGIDMap): a code selects a glyph without the font's
    cmap, which PDF requires only of a TrueType font used as a simple font (PDF 32000-1,
    9.9, after Table 126), nor OS/2 (fontTools reads the cmap to update it). The cmap was
    the cost: matplotlib's Last Resort font, embedded for a name no installed font covers,
    maps all of Unicode, and reading that map took 0.3 s of the benchmark PDF; the charts
    render the same in poppler and PDFium, pixel for pixel. fontTools reads the tables to
    drop from a class default; it is restored afterwards, and left alone if a fontTools
    version has none.

    Nanum Gothic (Korean) carries Visual TrueType's source tables (TSI0-TSI5), which fontTools
    cannot subset: it dropped them anyway and logged "TSI0 NOT subset; don't know how to
    subset; dropped" to stderr for each, through --quiet. They are dropped by name here, and
    any other such note of fontTools' subsetter is kept off stderr while the charts are saved.
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
    Options._drop_tables_default = [*default, "GSUB", "GPOS", "GDEF", "cmap", "OS/2",
                                     "TSI0", "TSI1", "TSI2", "TSI3", "TSI5"]
    logger = logging.getLogger("fontTools.subset")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        Options._drop_tables_default = default
        logger.setLevel(level)
