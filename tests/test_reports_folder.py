"""reports/ holds the bundled sample's report as a visitor gets it (issue 15), written by
scripts/make_reports.py; these tests fail when the committed files are out of date or a
README link into reports/ leads nowhere. Regenerate with: python scripts/make_reports.py
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
HINT = "reports/ is out of date: run python scripts/make_reports.py and commit reports/"


def readme_links() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"\(\s*(reports/[^)\s#]+)", text))
                  | set(re.findall(r'src="(reports/[^"]+)"', text)))


def test_the_readme_shows_the_first_page_and_links_the_report():
    links = readme_links()
    assert "reports/sample-page-1.png" in links
    assert {"reports/sample-report.pdf", "reports/sample-report.html"} <= set(links)
    for link in links:
        assert (ROOT / link).is_file(), link
    # The picture comes within the first screen: before the Quick start.
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.index("reports/sample-page-1.png") < text.index("## Quick start")
    # The page count the README states is the committed PDF's.
    from pypdf import PdfReader

    (stated,) = re.findall(r"\[PDF\]\(reports/sample-report\.pdf\) \((\d+) pages", text)
    assert int(stated) == len(PdfReader(REPORTS / "sample-report.pdf").pages), HINT


def test_the_page_pictures_are_the_pdfs_first_three_pages():
    from PIL import Image
    from pypdf import PdfReader

    box = PdfReader(REPORTS / "sample-report.pdf").pages[0].mediabox
    for n in (1, 2, 3):
        with Image.open(REPORTS / f"sample-page-{n}.png") as image:
            # A4 (595.3 x 841.9 pt) at 100 pixels an inch: 595.3 / 72 * 100 = 826.8 -> 827
            # pixels wide, 841.9 / 72 * 100 = 1169.3 -> 1169 or 1170 high (renderers round).
            assert image.size[0] == 827 and image.size[1] in (1169, 1170)
    assert (float(box.width), float(box.height)) == pytest.approx((595.2756, 841.8898))


def test_the_page_pictures_show_the_committed_pdf():
    # Drawn again from reports/sample-report.pdf, each page matches its picture: fewer than
    # 1% of the pixels differ (pdftoppm, the script's fallback, anti-aliases differently).
    import pypdfium2
    from PIL import Image, ImageChops

    document = pypdfium2.PdfDocument(str(REPORTS / "sample-report.pdf"))
    try:
        for n in (1, 2, 3):
            drawn = document[n - 1].render(scale=100 / 72).to_pil().convert("L")
            with Image.open(REPORTS / f"sample-page-{n}.png") as picture:
                committed = picture.convert("L").resize(drawn.size)
            # The histogram of the grey difference: counts of pixels differing by 65..255.
            differ = sum(ImageChops.difference(drawn, committed).histogram()[65:])
            assert differ < 0.01 * drawn.size[0] * drawn.size[1], (n, HINT)
    finally:
        document.close()


def visible_html(path: Path) -> str:
    """The HTML without its inline SVG charts (their ids and coordinates are matplotlib's)."""
    return re.sub(r"<svg.*?</svg>", "<svg/>", path.read_text(encoding="utf-8"), flags=re.S)


def test_the_committed_report_is_what_the_script_writes(tmp_path):
    from pypdf import PdfReader

    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_reports.py"), "--out",
                    str(tmp_path), "--no-pictures"], check=True, capture_output=True)
    assert visible_html(tmp_path / "sample-report.html") == \
        visible_html(REPORTS / "sample-report.html"), HINT
    fresh = [page.extract_text() for page in PdfReader(tmp_path / "sample-report.pdf").pages]
    committed = [page.extract_text() for page in PdfReader(REPORTS / "sample-report.pdf").pages]
    assert len(fresh) == len(committed), HINT
    assert fresh == committed, HINT
