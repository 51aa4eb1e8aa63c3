"""The report as one self-contained HTML file.

Everything is inside the file: the stylesheet is inline, each chart is an inline SVG (text kept
as text, so it is searchable, selectable and sharp when printed). The file references nothing
outside itself: no script, font, stylesheet, image or link, so it opens the same offline, in a
mail attachment or years later, and opening it tells no server anything.
"""

from __future__ import annotations

import io
import re
from html import escape as _html_escape
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netaudit.progress import Progress
    from netaudit.render.report.content import Report, Section, Table

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --accent: #0072B2; --rule: #d0d0d0; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f4f4; color: var(--ink);
       font: 15px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 920px; margin: 0 auto; background: #fff; padding: 40px 48px 56px; }
/* A long file name or address wraps where it must instead of widening the page; in tables
   names wrap only between words (a wide table scrolls in its box instead, below). */
main, li, p, h1, h2 { overflow-wrap: anywhere; }
td, th { overflow-wrap: normal; }
th { white-space: nowrap; }
header.cover { border-bottom: 2px solid var(--accent); padding-bottom: 20px; margin-bottom: 8px; }
h1 { font-size: 30px; margin: 0 0 6px; }
.owner { color: var(--accent); font-size: 18px; margin: 0 0 18px; }
h2 { font-size: 22px; margin: 0 0 6px; }
h3 { font-size: 15px; margin: 18px 0 4px; }
section { border-top: 1px solid var(--rule); padding: 28px 0 8px; break-inside: avoid-page; }
.headline { color: var(--accent); font-weight: bold; font-size: 17px; margin: 4px 0 14px; }
.definition { color: var(--muted); font-size: 13px; margin: 4px 0 8px; }
.definition summary { cursor: pointer; color: var(--accent); }
.whose { margin: 0 0 6px; }
img.logo { float: right; max-width: 160px; max-height: 80px; margin: 0 0 8px 12px; }
.muted { color: var(--muted); font-size: 13px; }
figure { margin: 0 0 8px; }
figure svg { width: 100%; height: auto; display: block; }
.swipe { display: none; }
/* A table wider than the screen scrolls inside its own box, never the page (390 px phones). */
.table-scroll { overflow-x: auto; max-width: 100%; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 4px 8px; text-align: left; vertical-align: top; border-bottom: 1px solid #e6e6e6; }
th { background: #e8eef4; }
tbody tr:nth-child(even) { background: #f7f7f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
nav ol, .executive ol { padding-left: 20px; margin: 4px 0; }
.executive { margin: 0 0 12px; } .executive p { margin: 0 0 8px; }
nav a { color: var(--accent); }
ul.sources, ul.missing { margin: 4px 0; padding-left: 20px; font-size: 13px; }
footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
@media (max-width: 600px) {
  body { font-size: 14px; }
  main { padding: 20px 14px 32px; }
  h1 { font-size: 24px; } h2 { font-size: 19px; }
  ul.sources ul { padding-left: 14px; }
  th, td { padding: 4px 5px; }
  td.num, th.num { white-space: normal; }
  /* A chart shrunk to a phone's width prints its labels at 5 px: it keeps 640 px (labels
     of 7-8 pt at 8-10 px) and scrolls sideways in its own box, as a wide table does. */
  figure { overflow-x: auto; }
  figure svg { min-width: 640px; }
  .swipe { display: block; color: var(--muted); font-size: 12px; margin: 2px 0 0; }
}
@media print { .table-scroll { overflow: visible; } body { background: #fff; } main { padding: 0; max-width: none; }
               section { break-before: page; } }
"""

# Matplotlib's SVG preamble: the XML declaration, the DTD reference and the namespace
# declarations (which name outside addresses) are not needed inline in HTML5.
_PROLOGUE = re.compile(r"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*", re.IGNORECASE)
_NAMESPACES = re.compile(r'(?<!\s)\s++xmlns(?::\w+)?="[^"]*+"')
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
#: What HTML parses as an error: C0 controls but tab, line feed, form feed and carriage
#: return, DEL, C1 controls and the noncharacters (U+FDD0-U+FDEF, U+xFFFE/U+xFFFF). A name
#: holding one (the issue-16 fuzz campaign drew a backspace) becomes U+FFFD, as in GraphML.
_NOT_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
                       + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF)
                                 for plane in range(0, 0x110000, 0x10000))
                       + "]")


#: The ASCII characters HTML allows (:data:`_NOT_HTML` forbids the others).
_HTML_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\x0c\r"


def html_chars(text: str) -> str:
    r"""``text`` with each character HTML forbids (:data:`_NOT_HTML`) replaced by U+FFFD.
    An ASCII text is checked by a byte table, at memory speed: the regular expression took
    14 ms over the 400 kB of the benchmark report's charts, which hold none.

    >>> html_chars("a\x08b\tc\x7f") == "a\ufffdb\tc\ufffd"
    True
    >>> html_chars("ok\r\n\x0c"), html_chars("é\x85\ufffe") == "é\ufffd\ufffd"
    ('ok\r\n\x0c', True)
    """
    if text.isascii() and not text.encode("ascii").translate(None, _HTML_ASCII):
        return text
    return _NOT_HTML.sub("\ufffd", text)


def escape(text: str) -> str:
    r"""``text`` escaped for HTML, each character HTML forbids replaced by U+FFFD.

    >>> escape("Ana\x08 <Ruiz>\ufffe") == "Ana\ufffd &lt;Ruiz&gt;\ufffd"
    True
    """
    return html_chars(_html_escape(text))


def chart_svg(report: Report, section: Section) -> str:
    """``section``'s figure as matplotlib writes it in SVG (drawn on its own: the same in
    any process, :attr:`Report.drawn_early`)."""
    from netaudit.render.charts import save

    figure = report.draw(section)
    buffer = io.StringIO()
    # A salt per section keeps element ids unique across the SVGs of one page.
    save(figure, buffer, "svg", salt=f"netaudit-{section.key}")
    return buffer.getvalue()


def inline_svg(report: Report, section: Section) -> str:
    """``section``'s figure as an ``<svg>`` element that references nothing outside it."""
    early = report.drawn_early if isinstance(report.drawn_early, dict) else {}
    svg = early.get(section.key)
    if svg is None:
        svg = chart_svg(report, section)
    svg = _PROLOGUE.sub("", svg)
    svg = _METADATA.sub("", svg)
    svg = html_chars(_NAMESPACES.sub("", svg))
    title = f"<title>{escape(section.title)}</title>"
    svg = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + title, svg, count=1)
    return svg.replace("<svg ", '<svg role="img" ', 1)


def _table(table: Table) -> str:
    numeric = table.numeric or [False] * len(table.columns)

    def cls(c: int) -> str:
        return ' class="num"' if c < len(numeric) and numeric[c] else ""

    head = "".join(f"<th{cls(c)}>{escape(col)}</th>" for c, col in enumerate(table.columns))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(c)}>{escape(cell)}</td>" for c, cell in enumerate(row))
        + "</tr>" for row in table.rows)
    note = f'<p class="muted">{escape(table.note)}</p>' if table.note else ""
    return (f'<div class="table-scroll"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>{note}")


def _executive(report: Report) -> str:
    """The executive summary, first as in the PDF: the points, then what to do next."""
    summary = report.executive
    if not summary.points and not summary.actions:
        return ""
    parts = ['<div class="executive"><h2>Executive summary</h2>']
    parts += [f"<p>{escape(point)}</p>" for point in summary.points]
    if summary.actions:
        parts.append("<h3>What to do next</h3><ol>" + "".join(
            f"<li>{escape(action)}</li>" for action in summary.actions) + "</ol>")
    return "".join(parts) + "</div>"


def _logo(path: Path | None) -> str:
    """The ``--logo`` inside the file, as a data: URI (nothing fetched); an SVG as the PNG
    the PDF draws (an SVG could hold script or references to other files)."""
    if path is None:
        return ""
    import base64

    from netaudit.render.report.content import logo_image

    data, kind = logo_image(path)
    encoded = base64.b64encode(data).decode("ascii")
    return f'<img class="logo" alt="logo" src="data:image/{kind};base64,{encoded}">'


def _appendix(report: Report) -> str:
    """What was read, and which pages are missing for want of which file: last, as in the
    PDF's appendix (a reader starts with the findings, not the parser's details)."""
    cover = report.cover
    parts = ['<section id="appendix"><h2>Appendix: data read</h2>']
    if cover.date_range:
        parts.append(f'<p class="muted">{escape(cover.date_range.capitalize())}.</p>')
    parts.append('<ul class="sources">' + "".join(
        f"<li>{escape(container)}<ul>" + "".join(f"<li>{escape(s)}</li>" for s in lines)
        + "</ul></li>" for container, lines in cover.sources) + "</ul>")
    if report.left_out:
        parts.append("<h3>Not in this report</h3>")
        parts.append('<ul class="missing">' + "".join(
            f"<li>{escape(line)}</li>" for line in report.left_out_lines()) + "</ul>")
    return "".join(parts) + "</section>"


def render_html(report: Report, progress: Progress | None = None) -> str:
    """The whole report as one HTML document (a string); ``progress`` hears "drawing
    charts", n of N."""
    cover = report.cover
    charts = sum(1 for section in report.sections if section.figure is not None)
    drawn = 0
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="netaudit">',
        f"<title>{escape(cover.title)}</title>",
        f"<style>{CSS}</style></head><body><main>",
        '<header class="cover">',
        _logo(cover.logo),
        f"<h1>{escape(cover.title)}</h1>",
        f'<p class="owner">Prepared for {escape(cover.client)}</p>' if cover.client else "",
        f'<p class="{"whose" if cover.client else "owner"}">{escape(cover.whose)}</p>',
        f'<p class="muted">{escape(cover.made)}</p>',
        _executive(report),
        "<nav><h3>Contents</h3><ol>"
        + "".join(f'<li><a href="#{escape(s.key)}">{escape(s.title)}</a></li>'
                  for s in report.sections)
        + '<li><a href="#appendix">Appendix: data read</a></li></ol></nav>',
        "</header>",
    ]
    for section in report.sections:
        parts.append(f'<section id="{escape(section.key)}">')
        parts.append(f"<h2>{escape(section.title)}</h2>")
        parts.append(f'<p class="headline">{escape(section.headline)}</p>')
        if section.figure is not None:
            if progress is not None:
                progress("drawing charts", drawn, charts)
            parts.append(f"<figure>{inline_svg(report, section)}<figcaption class=\"swipe\">"
                         "Wider than the screen: scroll the chart sideways.</figcaption>"
                         "</figure>")
            drawn += 1
            if progress is not None and drawn == charts:
                progress("drawing charts", drawn, charts)
        parts.append('<details class="definition"><summary>How this is counted</summary>'
                     f"<p>{escape(section.definition)}</p></details>")
        if section.table is not None:
            parts.append(_table(section.table))
        parts.append("</section>")
    parts.append(_appendix(report))
    client = f" · prepared for {escape(cover.client)}" if cover.client else ""
    parts.append(f"<footer>{escape(cover.title)}{client} · generated "
                 f"{escape(cover.generated)} by netaudit</footer></main></body></html>")
    return "\n".join(parts) + "\n"


def write_html(report: Report, path: Path, *, force: bool = False,
               progress: Progress | None = None) -> Path:
    """Write ``report`` as one HTML file at ``path`` (atomically; refuses to overwrite
    without ``force``); ``progress`` hears "drawing charts", n of N."""
    from netaudit.render.export import write_atomic

    document = render_html(report, progress)
    return write_atomic(Path(path), lambda stream: stream.write(document), force=force)
