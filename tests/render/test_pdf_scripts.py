"""Names in Kannada, Arabic, Chinese and Cyrillic print as written in the PDF (issue 15: one
export printed 'amghvrs' for a Kannada name), and a name no font covers is said once.

The fixture is tests/fixtures/scripts-names (see its EXPECTED.md): four connections with such
names, never in touch, so the prune table lists them. The fonts are Debian's
fonts-noto-core and fonts-droid-fallback, which .ci/run installs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netaudit.render import fonts
from netaudit.render import report as rp
from netaudit.render.report import Cover, Report, Section, Table

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "scripts-names"
KANNADA, ARABIC, CHINESE, CYRILLIC = ("ಶ್ರೀನಿವಾಸ ಕೃಷ್ಣ", "فاطمة الزهراء", "小明 王",
                                      "Ольга Кузнецова")

needs_fonts = pytest.mark.skipif(
    {p.name for p in fonts.fallback_files()} < {"NotoSansKannada-Regular.ttf",
                                                "NotoSansArabic-Regular.ttf",
                                                "DroidSansFallbackFull.ttf"},
    reason="fonts-noto-core and fonts-droid-fallback are not installed (.ci/run installs them)")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    from pypdf import PdfReader

    from netaudit.audit import Audit

    report = rp.build_report(Audit([FIXTURE]).report_results(),
                             rp.ReportOptions(generated=date(2026, 5, 20)))
    path = rp.write_report(report, tmp_path_factory.mktemp("scripts") / "scripts.pdf")
    return report, [flat(page.extract_text()) for page in PdfReader(path).pages]


def test_the_fixture_lists_the_four_names_as_prune_candidates(written):
    report, _ = written
    prune = next(s for s in report.sections if s.key == "prune")
    assert [row[0] for row in prune.table.rows] == [KANNADA, ARABIC, CHINESE, CYRILLIC]


@needs_fonts
def test_names_in_four_scripts_come_back_from_the_pdf_as_written(written):
    _, pages = written
    text = " ".join(pages)
    # Shaped (conjuncts, joined letters) and still the same characters when extracted: the
    # ToUnicode map gives each shaped glyph the characters it was made from.
    # Arabic too: its words stand right to left on the page, and the extractor, reading the
    # right-to-left run back, gives them in the order they were written.
    for name in (KANNADA, ARABIC, CHINESE, CYRILLIC):
        assert name in text, name
    assert "amghvrs" not in text.lower() and "Srinivasa" not in text


@needs_fonts
def test_a_name_followed_by_punctuation_in_the_base_font(tmp_path):
    # 'ಕೃಷ್ಣ.' is one word in two fonts: ReportLab shaped it with the first font and drew the
    # period as DejaVu's glyph of the Kannada font's period id, an 'ǟ'.
    from pypdf import PdfReader

    headline = f"Start with {ARABIC} today, then {CHINESE} and {KANNADA}."
    report = Report(Cover("Network audit", "Mira Sol", [], "", "2026-05-20", False),
                    [Section("prune", "Prune candidates", headline, "definition")], [])
    from netaudit.render.pdf import write_pdf

    write_pdf(report, tmp_path / "r.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages)
    assert f"{KANNADA}." in text and "ǟ" not in text
    assert ARABIC in text and CHINESE in text


@needs_fonts
def test_the_kannada_name_is_shaped_not_drawn_letter_by_letter(tmp_path):
    # Shaping joins ಶ + ್ + ರ + ೀ into one cluster: fewer glyphs than characters. A font
    # without shaping would draw the virama as a separate mark (as many glyphs as letters).
    import uharfbuzz

    path = next(p for p in fonts.fallback_files() if p.name == "NotoSansKannada-Regular.ttf")
    font = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path))))
    buf = uharfbuzz.Buffer()
    buf.add_str("ಶ್ರೀ")
    buf.guess_segment_properties()
    uharfbuzz.shape(font, buf, fonts.FEATURES)
    assert len("ಶ್ರೀ") == 4 and len(buf.glyph_infos) < 4
    # The same font is the one the PDF's markup picks for Kannada.
    assert fonts.markup(KANNADA) == (f'<font name="Netaudit-NotoSansKannada-Regular">'
                                     f"{KANNADA}</font>")


def test_a_name_no_font_covers_is_drawn_in_the_base_font_and_said_once(tmp_path):
    # Ol Chiki (U+1C5A...) is in no font of the chain: the name keeps its letters (never
    # transliterated) and the writer warns once, however often the name appears.
    name = "ᱥᱟᱱᱛᱟᱲᱤ Hembrom"
    rows = [[name, "Sal Leaf Co."], [name, "Sal Leaf Co."]]
    report = Report(Cover("Network audit", "Mira Sol", [], "", "2026-05-20", False),
                    [Section("prune", "Prune candidates", f"Start with {name}.", "definition",
                             table=Table(["Person", "Company"], rows))], [])
    heard: list[str] = []
    from netaudit.render.pdf import write_pdf

    write_pdf(report, tmp_path / "r.pdf", warn=heard.append)
    assert len(heard) == 1
    # ᱥ ᱟ ᱱ ᱛ ᱲ ᱤ: 6 different letters (ᱟ twice).
    assert heard[0].startswith("6 characters of names in the report have no font")
    assert "ᱥ" in heard[0] and "Hembrom" not in heard[0]


KOREAN = "김가은"
needs_nanum = pytest.mark.skipif(
    "NanumGothic.ttf" not in {p.name for p in fonts.fallback_files()},
    reason="fonts-nanum is not installed (.ci/run installs it)")


@needs_nanum
def test_a_korean_name_prints_in_a_hangul_font(tmp_path, caplog):
    # Droid Sans Fallback has no Hangul but 3 syllables (가, 힢, 힣): the benchmark export's
    # '민준 김' printed as boxes with a warning. Nanum Gothic draws the whole name, 가 too
    # (one face for the name); a Chinese name stays in Droid Sans Fallback, although Nanum
    # Gothic has Chinese characters too (in their Korean forms).
    from pypdf import PdfReader

    from netaudit.render.charts import families_for
    from netaudit.render.pdf import write_pdf

    assert fonts.markup(f"{KOREAN} Kim") == (f'<font name="Netaudit-NanumGothic">{KOREAN} '
                                             "</font>Kim")
    assert fonts.markup(CHINESE) == f'<font name="Netaudit-DroidSansFallbackFull">{CHINESE}</font>'
    assert families_for(KOREAN) == ["DejaVu Sans", "NanumGothic"]
    assert families_for(CHINESE) == ["DejaVu Sans", "Droid Sans Fallback"]
    def chart(fig):  # a chart with the name as its label: its font is embedded by matplotlib
        from netaudit.render.charts import families_for

        ax = fig.subplots()
        ax.barh([0], [3])
        ax.set_yticks([0], [KOREAN], fontfamily=families_for(KOREAN))

    report = Report(Cover("Network audit", "Mira Sol", [], "", "2026-05-20", False),
                    [Section("prune", "Prune candidates", f"Start with {KOREAN}.", "definition",
                             figure=chart, figure_height=2.0,
                             table=Table(["Person", "Company"], [[KOREAN, "Hanbit Co."]]))], [])
    heard: list[str] = []
    write_pdf(report, tmp_path / "r.pdf", warn=heard.append)
    assert heard == []
    # Nanum Gothic's TSI0-TSI5 tables made fontTools log "TSI0 NOT subset; don't know how
    # to subset; dropped" five times, which Python printed on stderr (pytest collects log
    # records instead, so they are looked for here).
    assert [r.getMessage() for r in caplog.records if r.name.startswith("fontTools")] == []
    reader = PdfReader(tmp_path / "r.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    assert text.count(KOREAN) == 3  # the headline, the chart's label and the table row
    embedded = {str(font["/BaseFont"]) for page in reader.pages
                for font in page["/Resources"]["/Font"].values()}
    assert any("NanumGothic" in name for name in embedded), embedded


def test_a_script_only_fallback_covers_its_ranges_and_nothing_else(monkeypatch):
    # DejaVu Sans (matplotlib ships it) has every ASCII letter; told to draw 'A'-'Z' and
    # 'a'-'c' only, it covers exactly those 29 characters.
    from pathlib import Path

    import matplotlib

    from netaudit.render import fonts

    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    monkeypatch.setitem(fonts.SCRIPT_ONLY, path.name, ((0x41, 0x5A), (0x61, 0x63)))
    fonts.coverage.cache_clear()
    try:
        assert fonts.coverage(path) == frozenset(range(0x41, 0x5B)) | {0x61, 0x62, 0x63}
    finally:
        fonts.coverage.cache_clear()
