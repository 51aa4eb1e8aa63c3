"""Names in the charts print as written, shaped, never transliterated (issue 15: a Kannada name
came out of a chart as 'amghvrs', 王伟 as 'WangWei').

The charts use the fallback fonts of the PDF pages (fonts-noto-core, fonts-droid-fallback,
which .ci/run installs) as matplotlib's font family list; matplotlib 3.11 lays each line out
with libraqm (HarfBuzz + FriBidi). The checks read the files matplotlib writes: the SVG keeps
each name as text, and the PDF's glyphs are compared with what HarfBuzz gives on its own and
with the Arabic joining forms worked out by hand.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from netaudit.render import charts, fonts
from netaudit.render.charts import MapNode

KANNADA_1, KANNADA_2 = "ಶ್ರೀನಿವಾಸ", "ಕೃಷ್ಣ"
KANNADA = f"{KANNADA_1} {KANNADA_2}"
ARABIC = "فاطمة"
CHINESE = "王伟"
CYRILLIC = "Ольга"
NAMES = (KANNADA, ARABIC, CHINESE, CYRILLIC)
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "scripts-names"

needs_fonts = pytest.mark.skipif(
    {p.name for p in fonts.fallback_files()} < {"NotoSansKannada-Regular.ttf",
                                                "DroidSansFallbackFull.ttf"},
    reason="fonts-noto-core and fonts-droid-fallback are not installed (.ci/run installs them)")


def transliterated(name: str) -> str:
    from anyascii import anyascii

    return anyascii(name).strip()


def names_map() -> charts.Figure:
    nodes = [MapNode(str(i), 0, 0, 0.5, name) for i, name in enumerate(NAMES)]
    fig = charts.draw(charts.network_map, nodes, ring_names=["top 5"],
                      cluster_names=["people"])
    charts.clean_texts(fig)
    return fig


def names_table() -> charts.Figure:
    fig = charts.draw(charts.table_chart, ["Person", "Company"],
                      [[name, "Kaveri Looms"] for name in NAMES])
    charts.clean_texts(fig)
    return fig


def names_bars() -> charts.Figure:
    # Names as tick labels, which matplotlib makes at draw time.
    fig = charts.draw(charts.count_bars_chart,
                      [("Most messaged", [(name, 4 - i) for i, name in enumerate(NAMES)])])
    charts.clean_texts(fig)
    return fig


def saved(fig, fmt: str) -> bytes:
    stream = io.BytesIO()
    charts.save(fig, stream, fmt)
    return stream.getvalue()


def pdf_strings(content: bytes) -> list[tuple[str, bytes]]:
    """(font resource, string bytes) of each TJ/Tj of a content stream, in order; literal
    strings unescaped by hand (pypdf re-encodes them as text)."""
    import re

    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}

    def unescape(m: re.Match[bytes]) -> bytes:
        code = m[1]
        if code[:1].isdigit():
            return bytes([int(code, 8)])
        return escapes.get(code, code)

    out = []
    font = ""
    token = re.compile(rb"/(\w+) [\d.]+ Tf|\[((?:\((?:\\.|[^\\)])*\)|[^\]])*)\]\s*TJ"
                       rb"|\(((?:\\.|[^\\)])*)\)\s*Tj", re.S)
    for m in token.finditer(content):
        if m[1]:
            font = "/" + m[1].decode()
            continue
        body = m[2] if m[2] is not None else b"(" + m[3] + b")"
        raw = b"".join(re.sub(rb"\\([0-7]{1,3}|.)", unescape, s, flags=re.S)
                       for s in re.findall(rb"\(((?:\\.|[^\\)])*)\)", body, re.S))
        out.append((font, raw))
    return out


def pdf_runs(data: bytes) -> list[tuple[str, list[str]]]:
    """(font file stem, glyph names) of every TJ/Tj string of a matplotlib PDF, in the order
    drawn; glyph names are read from each embedded font subset through its CIDToGIDMap."""
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    fonts_used = {}
    for key, ref in page["/Resources"]["/Font"].items():
        font = ref.get_object()
        if "/DescendantFonts" not in font:
            continue
        cid = font["/DescendantFonts"][0].get_object()
        file = cid["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
        order = TTFont(io.BytesIO(file)).getGlyphOrder()
        gids = cid["/CIDToGIDMap"].get_object().get_data()
        names = [order[int.from_bytes(gids[i:i + 2], "big")] for i in range(0, len(gids), 2)]
        fonts_used[str(key)] = (str(font["/BaseFont"]).split("+", 1)[-1], names)
    runs = []
    for key, raw in pdf_strings(page.get_contents().get_data()):
        stem, names = fonts_used[key]
        runs.append((stem, [names[int.from_bytes(raw[i:i + 2], "big")]
                            for i in range(0, len(raw), 2)]))
    return runs


def harfbuzz_glyphs(font_file: str, text: str) -> int:
    import uharfbuzz

    path = next(p for p in fonts.fallback_files() if p.name == font_file)
    font = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path))))
    buf = uharfbuzz.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    uharfbuzz.shape(font, buf, {})
    return len(buf.glyph_infos)


def test_drawable_keeps_every_script_and_drops_emoji_only():
    for name in (*NAMES, "Søren Ørsted, José", "דוד כהן", "देवनागरी"):
        assert charts.drawable(name) == name
    assert charts.drawable("🌱 Priya Patel 👋") == "Priya Patel"
    assert charts.drawable("Ana 🌱 Bo") == "Ana Bo"
    # A byte-order mark and a bidi mark go (matplotlib's PDF backend once crashed on one);
    # the zero-width non-joiner stays (it picks a Persian or Indic form).
    assert charts.drawable("\ufeffMira\u200f Sol") == "Mira Sol"
    assert charts.drawable("می\u200cخواهم") == "می\u200cخواهم"
    # A letter no font covers (Ol Chiki) is kept too: a box rather than another name.
    assert charts.drawable("ᱥᱟᱱᱛᱟᱲᱤ") == "ᱥᱟᱱᱛᱟᱲᱤ"


@needs_fonts
@pytest.mark.parametrize("chart", [names_map, names_table, names_bars])
def test_the_svg_keeps_each_name_as_text(chart):
    svg = saved(chart(), "svg").decode()
    for name in NAMES:
        assert f">{name}<" in svg, name
        assert transliterated(name) not in svg, transliterated(name)
    # The fallback fonts are named, so a browser without DejaVu's scripts finds them.
    assert "'Noto Sans Kannada'" in svg and "'Droid Sans Fallback'" in svg


@needs_fonts
@pytest.mark.parametrize("chart", [names_map, names_table, names_bars])
def test_the_pdf_draws_shaped_glyphs(chart):
    runs = pdf_runs(saved(chart(), "pdf"))
    kannada = [names for font, names in runs if font == "NotoSansKannada-Regular"]
    # ಶ ್ ರ ೀ ನ ಿ ವ ಾ ಸ is 9 characters and ಕ ೃ ಷ ್ ಣ 5: shaped, the conjunct ಶ್ರೀ and ಷ್ಣ
    # are one glyph each, so fewer glyphs than characters; as many as HarfBuzz gives alone.
    first = harfbuzz_glyphs("NotoSansKannada-Regular.ttf", KANNADA_1)
    second = harfbuzz_glyphs("NotoSansKannada-Regular.ttf", KANNADA_2)
    assert first < 9 and second < 5
    assert [len(names) for names in kannada] == [first, second]
    # فاطمة, by the Arabic joining rules: ف initial (FED3), ا final (FE8E; alef joins only to
    # the right, so) ط initial (FEC3), م medial (FEE4), ة final (FE94); drawn right to left,
    # so the PDF lists them from the last letter to the first.
    arabic = [names for font, names in runs if font == "DejaVuSans"
              and any(n.startswith("uniFE") for n in names)]
    assert arabic == [["uniFE94", "uniFEE4", "uniFEC3", "uniFE8E", "uniFED3"]]
    # 王 U+738B, 伟 U+4F1F from the CJK fallback, in reading order.
    assert [names for font, names in runs if font == "DroidSansFallback"] == [
        ["uni738B", "uni4F1F"]]
    # О л ь г а: U+041E U+043B U+044C U+0433 U+0430 in DejaVu Sans.
    assert ["uni041E", "uni043B", "uni044C", "uni0433", "uni0430"] in [
        names for _, names in runs]


@needs_fonts
def test_the_report_slides_keep_the_fixture_names():
    # The prune slide of tests/fixtures/scripts-names (its EXPECTED.md lists the four).
    from matplotlib.text import Text

    from netaudit.audit import Audit
    from netaudit.render import report as rp
    from netaudit.render.report.write import draw_slide

    report = rp.build_report(Audit([FIXTURE]).report_results(),
                             rp.ReportOptions(generated=date(2026, 5, 20)))
    prune = next(s for s in report.sections if s.key == "prune")
    shown = " ".join(t.get_text() for t in draw_slide(report, prune).findobj(Text))
    for name in ("ಶ್ರೀನಿವಾಸ ಕೃಷ್ಣ", "فاطمة الزهراء", "小明 王", "Ольга Кузнецова"):
        assert name in shown, name
        assert transliterated(name) not in shown


def test_png_slides_say_once_which_letters_no_font_has(tmp_path):
    # Ol Chiki (U+1C5A...) is in no font of the chain: the slide keeps the letters (boxes)
    # and the writer warns once, as the PDF's does, however often the name appears.
    from netaudit.render.report import Cover, Report, Section, Table, write_report

    name = "ᱥᱟᱱᱛᱟᱲᱤ Hembrom"
    rows = [[name, "Sal Leaf Co."], [name, "Sal Leaf Co."]]
    report = Report(Cover("Network audit", "Mira Sol", [], "", "2026-05-20", False),
                    [Section("prune", "Prune candidates", f"Start with {name}.", "definition",
                             table=Table(["Person", "Company"], rows))], [])
    heard: list[str] = []
    write_report(report, tmp_path / "slides", warn=heard.append)
    assert len(heard) == 1
    # ᱥ ᱟ ᱱ ᱛ ᱲ ᱤ: 6 different letters (ᱟ twice).
    assert heard[0].startswith("6 characters of names in the report have no font")
    assert "Hembrom" not in heard[0]
    # A name every font has: nothing to say.
    report.sections[0].table.rows[:] = [[CYRILLIC, "Berezka"]]
    report.sections[0].headline = "Start with Ольга."
    write_report(report, tmp_path / "again", warn=heard.append)
    assert len(heard) == 1
