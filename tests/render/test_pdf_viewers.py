"""Every page of the PDF report shows in PDFium, the engine of Chrome's and Edge's PDF viewer
(pypdfium2): pages with a chart came out blank there, because the page's content array held
a stream object itself where the PDF standard (32000-1, 7.3.8) wants a reference to it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netaudit.render import report as rp

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    from netaudit.audit import Audit

    report = rp.build_report(Audit([SAMPLE]).report_results(),
                             rp.ReportOptions(generated=date(2026, 11, 21)))
    return rp.write_report(report, tmp_path_factory.mktemp("viewers") / "sample.pdf")


def test_page_contents_are_references_to_streams(written):
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, IndirectObject

    pages = PdfReader(written).pages
    with_charts = 0
    for page in pages:
        contents = page.raw_get("/Contents")
        if isinstance(contents.get_object(), ArrayObject):
            with_charts += 1
            assert all(isinstance(part, IndirectObject) for part in contents.get_object())
        else:
            assert isinstance(contents, IndirectObject)
    assert with_charts > 0  # the sample report has charts, stamped as extra content streams


def test_pdfium_draws_every_page(written):
    import pypdfium2

    document = pypdfium2.PdfDocument(str(written))
    try:
        blank = []
        for number in range(len(document)):
            image = document[number].render(scale=0.3).to_pil().convert("L")
            if image.getextrema()[0] == 255:  # not one pixel darker than white
                blank.append(number + 1)
    finally:
        document.close()
    assert blank == []
