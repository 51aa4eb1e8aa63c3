"""The HTML report in a real browser: Debian's Chromium driven by Playwright, at a phone's
width (390 x 844, an iPhone 12-15) and a laptop's (1280 x 800).

Two facts are pinned on the bundled sample's report:

- no horizontal overflow: ``document.scrollingElement.scrollWidth <= window.innerWidth``. Before
  the responsive stylesheet the summary table made the page 579 px wide at 390 px (measured
  with this same script), so the page scrolled sideways and the table was clipped;
- the file is self-contained: every request the page makes is routed here, and the only one
  allowed is the file itself (0 requests other than the document and ``data:`` URLs).

.ci/run installs Chromium (apt package ``chromium``) when /usr/bin/chromium is missing;
elsewhere these tests skip, saying why.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api",
                                     reason="playwright (a test extra) is not installed")

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = [(390, 844), (1280, 800)]

pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None,
                                reason=f"{CHROMIUM} is missing (apt-get install chromium)")


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory) -> Path:
    from netaudit.audit import Audit
    from netaudit.render import report as rp

    report = rp.build_report(Audit([SAMPLE]).report_results(),
                             rp.ReportOptions(generated=date(2026, 12, 6)))
    return rp.write_report(report, tmp_path_factory.mktemp("html") / "sample.html")


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _open(browser, path: Path, width: int, height: int):
    """A page at ``width`` x ``height`` showing ``path``, and the list of every URL it asked
    for other than the document itself and data: URLs (each such request is aborted)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    document = path.as_uri()
    outside: list[str] = []

    def route(r):
        url = r.request.url
        if url == document:
            r.continue_()
            return
        if not url.startswith("data:"):
            outside.append(url)
        r.abort()

    page.route("**/*", route)
    page.goto(document)
    return page, outside


def _overflow(page) -> tuple[int, int]:
    return (page.evaluate("document.scrollingElement.scrollWidth"),
            page.evaluate("window.innerWidth"))


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_html_report_never_scrolls_sideways(browser, sample_html, width, height, tmp_path):
    page, _ = _open(browser, sample_html, width, height)
    scroll, inner = _overflow(page)
    assert inner == width
    assert scroll <= inner, f"page is {scroll} px wide in a {inner} px window"
    # Every table sits in its own scrolling box: one wider than the screen scrolls there.
    boxes = page.evaluate("Array.from(document.querySelectorAll('table'))"
                          ".map(t => getComputedStyle(t.parentElement).overflowX)")
    assert boxes and set(boxes) == {"auto"}
    page.screenshot(path=str(tmp_path / f"sample-{width}.png"), full_page=True)
    # The check itself can fail: one element 2,000 px wide makes the page scroll sideways.
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend',"
                  " '<div style=\"width:2000px\">wide</div>')")
    scroll, inner = _overflow(page)
    assert scroll > inner
    page.close()


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_html_report_asks_nothing_outside_the_file(browser, sample_html, width, height):
    page, outside = _open(browser, sample_html, width, height)
    assert page.evaluate("document.querySelectorAll('section:not(#appendix)').length") == 12
    # 9 charts on the sample (the CLI says "12 sections, 9 charts"), each an inline <svg>.
    assert page.evaluate("document.querySelectorAll('figure > svg').length") == 9
    assert outside == []
    # The route sees outside requests: an <img> to another host is counted (and aborted).
    page.evaluate("document.body.insertAdjacentHTML('beforeend',"
                  " '<img src=\"https://example.invalid/x.png\">')")
    page.wait_for_timeout(300)
    assert outside == ["https://example.invalid/x.png"]
    page.close()


#: Per chart: its drawn width, its box's width, and its smallest label in CSS pixels (the
#: label's font size times the drawn width over the SVG's own width).
_CHART_SIZES = """() => Array.from(document.querySelectorAll('figure > svg')).map(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = Array.from(svg.querySelectorAll('text'))
        .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    return [svg.getBoundingClientRect().width, svg.parentElement.clientWidth,
            Math.min(...sizes), getComputedStyle(svg.parentElement).overflowX];
})"""


def test_chart_labels_stay_readable_on_a_phone(browser, sample_html):
    # The SVGs are 518.4 units (pt) wide and their smallest label is the network map's 6.5.
    # Shrunk to the 362 px column at 390 px it drew at 6.5 * 362 / 518.4 = 4.5 px (measured
    # 4.5-5.6 px over the 9 charts before). A chart now keeps 640 px and scrolls in its own
    # box: 6.5 * 640 / 518.4 = 8.02 px.
    page, _ = _open(browser, sample_html, 390, 844)
    charts = page.evaluate(_CHART_SIZES)
    assert len(charts) == 9
    for width, box, smallest, overflow in charts:
        assert width == 640 and box < width and overflow == "auto"
        assert smallest >= 8.0 - 1e-6
    assert _overflow(page)[0] <= 390  # the page itself still does not scroll sideways
    assert page.evaluate("getComputedStyle(document.querySelector('.swipe')).display") == "block"
    page.close()
    # On a laptop the chart fills its column (824 px) and nothing scrolls or says to.
    page, _ = _open(browser, sample_html, 1280, 800)
    for width, box, _smallest, _overflow_x in page.evaluate(_CHART_SIZES):
        assert width == box == 824
    assert page.evaluate("getComputedStyle(document.querySelector('.swipe')).display") == "none"
    page.close()
