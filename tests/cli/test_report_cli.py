"""``netaudit report``: exit codes, what it prints, and the files it writes."""

from __future__ import annotations

import json
from pathlib import Path

from netaudit.cli import app

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin-2026"
EPOCH = "1779235200"  # 2026-05-20


def connections_only(folder: Path) -> Path:
    path = folder / "Connections.csv"
    path.write_text((FIXTURE / "Connections.csv").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_report_writes_a_pdf_and_prints_its_path(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    target = tmp_path / "audit.pdf"
    result = runner.invoke(app, ["report", str(connections_only(tmp_path)), "-o", str(target),
                                 "--title", "Team review"])
    assert result.exit_code == 0, result.output
    # Connections only: three findings (summary, growth, companies and roles), after the
    # executive summary and before the appendix; the pages are counted from the file.
    from pypdf import PdfReader

    pages = len(PdfReader(target).pages)
    assert f"wrote {target}: a PDF: executive summary, findings, appendix: {pages} pages (3 " \
           "findings)" in " ".join(result.stdout.split())
    # One line per missing input, naming every page it would add.
    left_out = " ".join(result.stderr.split())
    assert "left out Outreach reply rate; Reply rate by company and connection year; Time to " \
           "reply; " in left_out
    assert "Prune candidates: needs a message log" in left_out
    assert target.read_bytes()[:5] == b"%PDF-"
    reader = PdfReader(target)
    # Page 1 the executive summary, then at least one page of findings and the appendix.
    assert pages >= 3
    cover = " ".join(reader.pages[0].extract_text().split())
    assert cover.startswith("Team review") and "Generated 2026-05-20" in cover


def test_report_refuses_to_overwrite_before_reading_anything(runner, tmp_path):
    target = tmp_path / "audit.html"
    target.write_text("mine", encoding="utf-8")
    missing = tmp_path / "nope.zip"
    result = runner.invoke(app, ["report", str(missing), "-o", str(target)])
    # The output is checked first: the error names it, not the missing input.
    assert result.exit_code == 2  # a usage error since issue 15
    assert f"error: {target}: already exists (pass --force to overwrite it)" in \
        " ".join(result.stderr.split())
    assert target.read_text(encoding="utf-8") == "mine"


def test_report_json_is_one_object_with_sections_and_what_was_left_out(runner, tmp_path):
    target = tmp_path / "audit.html"
    result = runner.invoke(app, ["report", str(FIXTURE), "-o", str(target), "--json",
                                 "--anonymize"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # Anonymized: the file name alone (README 'Paths under --anonymize').
    assert data["path"] == "audit.html" and data["format"] == "html"
    assert data["anonymized"] is True
    keys = [s["key"] for s in data["sections"]]
    assert keys[:4] == ["summary", "growth", "who_asked", "reply_rate"]
    assert {m["title"] for m in data["left_out"]} >= {"Recall: who you can name from memory",
                                                      "Activity of your connections"}
    text = target.read_text(encoding="utf-8")
    assert "Anonymized: people are shown as pseudonyms" in text
    assert "Rivera" not in text and "García" not in text


def test_report_writes_a_folder_of_pngs(runner, tmp_path):
    target = tmp_path / "charts"
    result = runner.invoke(app, ["report", str(connections_only(tmp_path)), "-o", str(target),
                                 "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in target.iterdir()) == ["01-growth.png",
                                                        "02-companies-roles.png"]
    again = runner.invoke(app, ["report", str(tmp_path / "Connections.csv"), "-o", str(target)])
    assert again.exit_code == 2  # a usage error since issue 15
    assert "already holds 01-growth.png and 1 more chart" in " ".join(again.stderr.split())


def test_usage_errors_exit_2(runner, tmp_path):
    source = str(connections_only(tmp_path))
    cases = [
        (["-o", str(tmp_path / "a.docx")], "cannot write a report as '.docx'"),
        (["-o", str(tmp_path / "a.pdf"), "--anonymize-companies"],
         "--anonymize-companies works together with --anonymize"),
        (["-o", str(tmp_path / "a.pdf"), "--groups", source], "needs --log"),
    ]
    for options, message in cases:
        result = runner.invoke(app, ["report", source, *options])
        assert result.exit_code == 2, result.output
        assert message in " ".join(result.stderr.split())
    assert not (tmp_path / "a.pdf").exists()


def test_a_names_file_that_does_not_exist_is_an_input_error(runner, tmp_path):
    result = runner.invoke(app, ["report", str(connections_only(tmp_path)), "-o",
                                 str(tmp_path / "a.html"), "--names", str(tmp_path / "no.txt")])
    assert result.exit_code == 1
    assert "no.txt" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "a.html").exists()


def test_help_describes_formats_and_anonymization(runner):
    result = runner.invoke(app, ["report", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for words in (".pdf", ".html", "--anonymize", "--names", "--log", "--force",
                  "SOURCE_DATE_EPOCH"):
        assert words in text


def test_report_says_what_it_wrote_counted_from_the_files(runner, tmp_path, monkeypatch):
    # Connections only: 3 sections (summary, growth, companies and roles). The summary's chart
    # needs outreach figures, so it is a table only: 2 charts, hence 2 PNG files, not 3.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    connections = connections_only(tmp_path)
    folder = tmp_path / "charts"
    result = runner.invoke(app, ["report", str(connections), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["01-growth.png",
                                                        "02-companies-roles.png"]
    assert (f"wrote {folder}: a folder of PNG slides, one per chart and per list of people: 2 "
            "PNG files (1 of the 3 sections is a table without a slide)") in " ".join(result.stdout.split())
    page = tmp_path / "audit.html"
    result = runner.invoke(app, ["report", str(connections), "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert f"wrote {page}: one self-contained HTML file (charts inline, no external " \
           "resources): 3 sections, 2 charts" in " ".join(result.stdout.split())


def _branded_report(runner, tmp_path: Path, target: Path, *extra: str):
    """``report -o target`` for client 'Kite & Key Partners', prepared by Dana Reyes, with a
    240 x 80 orange PNG logo at tmp_path/logo.png."""
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (240, 80), "#E69F00").save(logo)
    return runner.invoke(app, ["report", str(connections_only(tmp_path)), "-o", str(target),
                               "--client", "Kite & Key Partners", "--prepared-by",
                               "Dana Reyes", "--logo", str(logo), *extra])


def test_report_branding_and_pages(runner, tmp_path, monkeypatch):
    from pypdf import PdfReader

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    target = tmp_path / "client.pdf"
    result = _branded_report(runner, tmp_path, target, "--pages", "companies-roles,growth")
    assert result.exit_code == 0, result.output
    reader = PdfReader(target)
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    # The two pages asked for, in report order, between the summary and the appendix.
    assert titles == ["Executive summary", "Network growth by year",
                      "Top companies and role families", "Appendix"]
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Prepared for Kite & Key Partners" in first
    assert "Generated 2026-05-20 by Dana Reyes with netaudit." in first


def test_html_report_carries_the_branding_and_keeps_the_data_read_for_the_end(
        runner, tmp_path, monkeypatch):
    """The HTML is what a client may get too: the logo (inside the file, as a data: URI),
    'Prepared for', who made it, the executive summary before the contents; what was read
    comes last, in the appendix, as in the PDF (it opened the page before)."""
    import base64
    import re

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    target = tmp_path / "client.html"
    result = _branded_report(runner, tmp_path, target)
    logo = tmp_path / "logo.png"
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    encoded = base64.b64encode(logo.read_bytes()).decode("ascii")
    assert f'src="data:image/png;base64,{encoded}"' in text
    assert "Prepared for Kite &amp; Key Partners" in text
    assert "Generated 2026-05-20 by Dana Reyes with netaudit." in text
    assert "prepared for Kite &amp; Key Partners · generated 2026-05-20" in text  # footer
    order = [text.index(mark) for mark in (
        "<h2>Executive summary</h2>", "<h3>Contents</h3>", '<section id="growth">',
        '<section id="appendix">', '<ul class="sources">')]
    assert order == sorted(order)
    # Every section's definition is one click away, closed: the findings read first.
    sections = len(re.findall(r'<section id="(?!appendix)', text))
    assert text.count("<summary>How this is counted</summary>") == sections > 0


def test_report_refuses_an_unknown_page_and_a_broken_svg_logo_before_reading(runner,
                                                                             tmp_path):
    target = tmp_path / "r.pdf"
    missing = tmp_path / "nope.zip"  # never read: the options are checked first
    result = runner.invoke(app, ["report", str(missing), "-o", str(target), "--pages",
                                 "growth,pruning"])
    assert result.exit_code == 2
    text = " ".join(result.stderr.split())
    assert "--pages: unknown section 'pruning'" in text
    assert ("choose among: summary, changes, trend, growth, who-asked, reply-rate, "
            "reply-segments, time-to-reply, campaigns, recall, activity, ties, "
            "companies-roles, network-map, reengage, prune, introduce") in text
    svg = tmp_path / "logo.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect", encoding="utf-8")
    result = runner.invoke(app, ["report", str(missing), "-o", str(target), "--logo",
                                 str(svg)])
    assert result.exit_code == 2
    assert "logo.svg: is not an SVG netaudit can draw" in " ".join(result.stderr.split())
    assert not target.exists()


def test_an_svg_logo_is_drawn_in_the_pdf_and_the_html(runner, tmp_path, monkeypatch):
    """An SVG logo (the issue: PNG/SVG) is drawn by resvg at 600 px: a 300x100 orange
    rectangle becomes a 600x200 PNG whose middle pixel is that orange (230, 159, 0), read
    back with Pillow from the HTML's data: URI and from the PDF's first page."""
    import base64
    import io
    import re

    from PIL import Image
    from pypdf import PdfReader

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    svg = tmp_path / "logo.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg' width='300' height='100'>"
                   "<rect width='300' height='100' fill='#E69F00'/></svg>", encoding="utf-8")
    source = str(connections_only(tmp_path))
    html = tmp_path / "r.html"
    result = runner.invoke(app, ["report", source, "-o", str(html), "--logo", str(svg)])
    assert result.exit_code == 0, result.output
    (encoded,) = re.findall(r'class="logo" alt="logo" src="data:image/png;base64,([^"]+)"',
                            html.read_text(encoding="utf-8"))
    drawn = Image.open(io.BytesIO(base64.b64decode(encoded))).convert("RGB")
    assert drawn.size == (600, 200) and drawn.getpixel((300, 100)) == (230, 159, 0)
    pdf = tmp_path / "r.pdf"
    result = runner.invoke(app, ["report", source, "-o", str(pdf), "--logo", str(svg)])
    assert result.exit_code == 0, result.output
    (image,) = PdfReader(pdf).pages[0].images
    drawn = image.image.convert("RGB")
    assert drawn.size == (600, 200) and drawn.getpixel((300, 100)) == (230, 159, 0)


def test_jobs_sets_the_processes_and_a_second_starts_by_itself_on_an_idle_core(
        runner, tmp_path, monkeypatch):
    # The fixture is far below the size where a fork pays: told it is not, on two cores,
    # both busy (a load of 2) unless said otherwise.
    import os

    from netaudit.render.report import aside, build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setattr(aside, "MIN_ROWS", 0)
    monkeypatch.setattr(aside, "cores", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (2.0, 2.0, 2.0))
    forks: list[int] = []
    monkeypatch.setattr(build, "Aside", lambda work: forks.append(1) or aside.Aside(work))
    one, two, idle = tmp_path / "one.html", tmp_path / "two.html", tmp_path / "idle.html"
    result = runner.invoke(app, ["report", str(FIXTURE), "-o", str(one), "-q"])
    assert result.exit_code == 0, result.output
    assert forks == []
    result = runner.invoke(app, ["report", str(FIXTURE), "-o", str(two), "-q", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert forks == [1]
    monkeypatch.setattr(os, "getloadavg", lambda: (1.0, 1.0, 1.0))
    result = runner.invoke(app, ["report", str(FIXTURE), "-o", str(idle), "-q"])
    assert result.exit_code == 0, result.output
    assert forks == [1, 1]
    result = runner.invoke(app, ["report", str(FIXTURE), "-o", str(tmp_path / "x.html"), "-q",
                                 "--jobs", "1", "--force"])
    assert result.exit_code == 0, result.output
    assert forks == [1, 1]
    assert one.read_bytes() == two.read_bytes() == idle.read_bytes()
    result = runner.invoke(app, ["report", str(FIXTURE), "-o", str(tmp_path / "x.pdf"),
                                 "--jobs", "3"])
    assert result.exit_code == 2
    assert "--jobs" in result.stderr
