"""What writing a report imports: no HTTP or TLS library, which netaudit never uses (it sends
nothing anywhere) and which cost every report 17-33 ms of CPU when the PDF's text escaping came
from ``xml.sax.saxutils`` (it imports urllib.request, http.client and ssl; issue 17)."""

from __future__ import annotations

import subprocess
import sys

NETWORK_LIBRARIES = ("urllib.request", "http.client", "ssl", "email.message")


def test_the_report_modules_import_no_network_library():
    code = ("import sys\n"
            "import netaudit.cli.report, netaudit.render.report, netaudit.render.fonts\n"
            "import netaudit.render.pdf, netaudit.render.html\n"
            f"print(','.join(m for m in {NETWORK_LIBRARIES!r} if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert found == ""


def test_the_pdf_markup_escapes_as_xml_does():
    from xml.sax.saxutils import escape as xml_escape

    from netaudit.render.fonts import escape

    for text in ("", "Ana & Bo", "<b>x</b>", "'single' \"double\"", "&amp; already", "a>b<c"):
        assert escape(text) == xml_escape(text)
    assert escape("R&D <Ltd> 'Bo' \"Cy\"") == "R&amp;D &lt;Ltd&gt; 'Bo' \"Cy\""
