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
