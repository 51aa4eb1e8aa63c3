"""Write reports/: the bundled sample's report as a visitor gets it (issue 15).

    python scripts/make_reports.py            # reports/ in this clone
    python scripts/make_reports.py --out DIR  # elsewhere (the test compares the two)

Runs the README's own commands on the bundled fictional export, with SOURCE_DATE_EPOCH fixed
so that the files change only when the report does:

    netaudit report samples/Basic_LinkedInDataExport_11-20-2026.zip -o reports/sample-report.pdf
    netaudit report samples/Basic_LinkedInDataExport_11-20-2026.zip -o reports/sample-report.html

then draws the PDF's first three pages as PNG (reports/sample-page-1.png ... 3) with pypdfium2
(BSD-3-Clause/Apache-2.0; a test extra), else with poppler's ``pdftoppm`` if it is on PATH,
else says that the pictures were not made. tests/test_reports_folder.py fails when the
committed files no longer match what this script writes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "samples/Basic_LinkedInDataExport_11-20-2026.zip"
#: 2026-11-21 00:00 UTC, the day after the sample export's date: the date on the cover.
EPOCH = "1795219200"
PAGES = 3
#: Pixels per inch of the page pictures: an A4 page 827 x 1169 pixels, readable on GitHub.
DPI = 100


def run_report(out: Path, suffix: str) -> Path:
    """``netaudit report SAMPLE -o out/sample-report.SUFFIX`` with the fixed date."""
    target = out / f"sample-report.{suffix}"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "COLUMNS": "100"}
    subprocess.run([sys.executable, "-m", "netaudit", "report", SAMPLE, "-o", str(target),
                    "--force", "--quiet"], cwd=ROOT, env=env, check=True)
    return target


def page_pictures(pdf: Path, out: Path) -> list[Path] | str:
    """The first :data:`PAGES` pages of ``pdf`` as out/sample-page-N.png, or why not."""
    names = [out / f"sample-page-{n}.png" for n in range(1, PAGES + 1)]
    try:
        import pypdfium2
    except ImportError:
        pypdfium2 = None
    if pypdfium2 is not None:
        document = pypdfium2.PdfDocument(str(pdf))
        try:
            for n, name in enumerate(names):
                page = document[n]
                page.render(scale=DPI / 72).to_pil().save(name, optimize=True)
                page.close()
        finally:
            document.close()
        return names
    if shutil.which("pdftoppm"):
        for n, name in enumerate(names, start=1):
            subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", "-f", str(n),
                            "-l", str(n), str(pdf), str(name.with_suffix(""))], check=True)
        return names
    return "neither pypdfium2 (pip install pypdfium2) nor pdftoppm (poppler-utils) is installed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "reports",
                        help="folder to write (default: reports/ of this clone)")
    parser.add_argument("--no-pictures", action="store_true",
                        help="skip the page pictures (the test compares the PDF and HTML)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    pdf = run_report(out, "pdf")
    html = run_report(out, "html")
    print(f"wrote {pdf.relative_to(out.parent)} and {html.relative_to(out.parent)}")
    if args.no_pictures:
        return 0
    pictures = page_pictures(pdf, out)
    if isinstance(pictures, str):
        print(f"page pictures not made: {pictures}", file=sys.stderr)
        return 1
    print("wrote " + ", ".join(str(p.relative_to(out.parent)) for p in pictures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
