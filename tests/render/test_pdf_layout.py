"""The PDF report as a reader gets it (issue 15): executive summary first, findings, appendix;
bookmarks, contents links, tables that wrap and continue under their header, vector charts.

Built from the bundled sample. Its known figures (samples/sample_truth.json, written by the
generator, not by netaudit): 300 connections made 2012-2026, 44 in 2024 (the busiest year) and
22 in 2026; 151 connections never exchanged anything, so 300 - 151 = 149 did
(149 / 300 = 49.67% -> 49.7%); 100 connections written to first one to one, 19 replied
within 30 days (19.0%); the essay's 42 of 1,050 is 4.0%, and 0.19 / 0.04 = 4.75 -> "4.8
times".
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from netaudit.render import pdf
from netaudit.render import report as rp
from netaudit.render.report import ReportOptions, Table

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"
TRUTH = json.loads((ROOT / "samples" / "sample_truth.json").read_text(encoding="utf-8"))


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sample_results():
    from netaudit.audit import Audit

    return Audit([SAMPLE]).report_results(top=60)


@pytest.fixture(scope="module")
def sample_report(sample_results):
    return rp.build_report(sample_results, ReportOptions(generated=date(2026, 5, 20), top=60))


@pytest.fixture(scope="module")
def sample_pdf(sample_report, tmp_path_factory):
    return rp.write_report(sample_report, tmp_path_factory.mktemp("pdf") / "sample.pdf")


@pytest.fixture(scope="module")
def reader(sample_pdf):
    from pypdf import PdfReader

    return PdfReader(sample_pdf)


@pytest.fixture(scope="module")
def pages(reader):
    return [flat(page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def marks(reader):
    found = []

    def walk(entries, level):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                found.append((level, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    return found


def test_the_sample_truth_is_what_this_file_assumes():
    connections = TRUTH["connections"]
    assert connections["rows"] == 300
    assert (connections["per_year"]["2012"], connections["per_year"]["2024"],
            connections["per_year"]["2026"]) == (2, 44, 22)
    assert TRUTH["dormant"]["connections_never_exchanged"] == 151
    assert (TRUTH["outreach"]["written_first"], TRUTH["outreach"]["replied_within_30_days"]) \
        == (100, 19)


def test_executive_summary_says_the_sample_in_plain_words(sample_report, pages):
    points = sample_report.executive.points
    assert points == [
        "Your network has 300 connections, made from 2012 to 2026; it grew most in 2024 (44 "
        "new) and by 22 in 2026, the last year in the data.",
        "149 of your 300 connections (49.7%) have exchanged a message, a recommendation or an "
        "endorsement with you; the other 151 never have.",
        "When you wrote first to a connection, one to one, 19 of 100 (19.0%) replied within "
        "30 days; in the essay, 42 of 1,050 (4.0%) did: 4.8 times the essay's rate. The "
        'essay: "Second wave of social media, Part 2 – Professional social networks and Open '
        'networking", RecruitingBlogs, March 2010.',
    ]
    for point in points:
        assert point in pages[0]


def test_the_three_things_to_do_name_people(sample_report, sample_results, pages):
    ties = sample_results.get("ties")
    pairs = sample_results.get("introductions").pairs
    first3 = [s.name for s in ties.reengage[:3]]
    # Laura Tanaka heads the re-engage list on the sample (the ties page's own test).
    assert first3[0] == "Laura Tanaka"
    actions = sample_report.executive.actions
    assert actions == [
        f"Write to {first3[0]}, {first3[1]} and {first3[2]}: close ties that have gone quiet "
        f"({len(ties.reengage)} people in all, listed under 'Re-engage').",
        f"Introduce {pairs[0].a.name} to {pairs[0].b.name} "
        f"({pairs[0].reason.split(':')[0]}); {len(pairs)} pairs in all, under "
        "'Introductions'.",
        f"Review the {len(ties.prune)} connections you have never been in touch with or that "
        f"only pitched, starting with {ties.prune[0].name} (under 'Prune candidates').",
    ]
    # Numbered on the first page.
    assert f"1. {actions[0]}" in pages[0] and f"3. {actions[2]}" in pages[0]


def test_bookmarks_are_the_summary_the_findings_and_the_appendix(marks):
    assert [(level, title) for level, title, _ in marks] == [
        (0, "Executive summary"), (0, "Summary"), (0, "Network growth by year"),
        (0, "Who asked whom to connect"), (0, "Outreach reply rate"),
        (0, "Reply rate by company and connection year"), (0, "Time to reply"),
        (0, "Tie strength: layers and status"), (0, "Top companies and role families"),
        (0, "Network map"), (0, "Re-engage: strong ties that are fading"),
        (0, "Prune candidates"), (0, "Introductions: who should meet whom"),
        (0, "Appendix"), (1, "Definitions and statistics"), (1, "Data read")]
    numbers = [page for _, _, page in marks]
    assert numbers[0] == 1 and numbers == sorted(numbers)


def test_each_finding_starts_on_its_bookmarks_page(marks, pages):
    for _, title, page in marks:
        assert title in pages[page - 1], title


def test_the_contents_on_page_one_link_to_every_finding_and_appendix_part(reader, marks):
    links = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    targets = [link for link in links if link.get("/Subtype") == "/Link"]
    # 15 contents lines: 12 findings, the appendix and its 2 parts (not the summary itself);
    # the title and the page number of each line are links.
    assert len(targets) == 2 * (len(marks) - 1) == 2 * 15


def test_statistics_parser_details_and_module_paths_are_only_in_the_appendix(marks, pages):
    appendix = next(page for _, title, page in marks if title == "Appendix")
    findings = " ".join(pages[:appendix - 1])
    back = " ".join(pages[appendix - 1:])
    for detail in ("chi-square", "p = ", "2026 form: 11 columns", "netaudit/roles.py"):
        assert detail not in findings, detail
        assert detail in back, detail


def test_findings_flow_instead_of_one_per_page(marks):
    # A finding starts where the previous one ended: on the sample at least three pages
    # hold the start of two findings (one page per finding left most pages half empty).
    shared = [page for (_, _, page), (_, _, after) in zip(marks[1:13], marks[2:13],
                                                          strict=False) if page == after]
    assert len(shared) >= 3, shared


def test_a_long_table_continues_under_its_header(marks, pages):
    # --top 60 on the sample: 60 of 133 prune candidates, more than a page holds.
    start = next(page for _, title, page in marks if title == "Prune candidates")
    end = next(page for _, title, page in marks if title.startswith("Introductions"))
    spanned = pages[start - 1:end - 1]
    assert len(spanned) >= 2
    assert all("Person Company Why Score" in page for page in spanned)
    assert "top 60 of 133" in " ".join(spanned)


def test_charts_are_vector_text_not_pictures(marks, reader):
    page = reader.pages[next(p for _, t, p in marks if t == "Network growth by year") - 1]
    # The legend of the growth chart is text in the page, and the page holds no image.
    assert "new connections that year" in page.extract_text()
    xobjects = page["/Resources"].get("/XObject", {})
    assert all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())


def test_column_widths_fill_the_line_and_never_cut_a_word():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from netaudit.render import fonts

    table = Table(["Person", "Company", "Why", "score"],
                  [["Bogdan Papadopoulos", "Kite & Key Partners",
                    "23 messages 1:1 over 63 days, last 2023-06-29; silent 1,238 days against "
                    "a usual gap of 30 days", "0.45"]], [False, False, False, True])
    widths = pdf.column_widths(table, 480)
    assert sum(widths) == pytest.approx(480)
    fonts.register()
    for column, words in enumerate([["Papadopoulos"], ["Partners"], ["1,238"], ["0.45"]]):
        # Each column holds its longest word plus 10 pt of padding (5 each side).
        need = max(stringWidth(w, fonts.BASE, pdf.TABLE_PT) for w in words) + 10
        assert widths[column] >= need
    # Everything but the reason fits on one line: the names and the company are not wrapped.
    assert widths[0] >= stringWidth("Bogdan Papadopoulos", fonts.BASE, pdf.TABLE_PT) + 10
    assert widths[1] >= stringWidth("Kite & Key Partners", fonts.BASE, pdf.TABLE_PT) + 10


def test_table_headers_are_in_one_case(pages, marks):
    start = next(page for _, title, page in marks if title.startswith("Re-engage"))
    assert "Person Company Why Past Today" in pages[start - 1]
    assert "past today" not in pages[start - 1]


def test_every_slide_stands_alone_with_headline_caption_date_and_source(sample_report):
    from netaudit.render.report.write import TABLE_SLIDES, draw_slide

    slides = rp.png_names(sample_report)
    # 9 charts and the 3 lists of people (re-engage, prune, introductions); the team
    # report's warm paths are a table slide too, not in a personal report.
    assert [s.key for _, s in slides if s.figure is None] == ["reengage", "prune", "introduce"]
    assert set(TABLE_SLIDES) == {"reengage", "prune", "introduce", "warm_paths"}
    assert len(slides) == 12
    prune = next(s for _, s in slides if s.key == "prune")
    figure = draw_slide(sample_report, prune)
    assert tuple(figure.get_size_inches()) == (12.8, 7.2)  # 1920 x 1080 at 150 dpi
    texts = [t.get_text() for sub in [figure, *figure.subfigs] for t in sub.texts] + [
        t.get_text() for sub in figure.subfigs for ax in sub.axes for t in ax.texts]
    assert "Prune candidates" in texts
    assert any(t.startswith("133 of 300 (44.3%) connections are candidates") for t in texts)
    assert ("Network audit · generated 2026-05-20 by netaudit · source: "
            "Basic_LinkedInDataExport_11-20-2026.zip") in texts
    # The table: its header in one case, and the first candidate of the list by name.
    assert {"Person", "Company", "Why", "Score"} <= set(texts)
    assert prune.table.rows[0][0] in texts


def test_network_map_collapses_unknown_roles_and_draws_each_employer_once(sample_report,
                                                                          sample_results):
    import networkx as nx

    section = next(s for s in sample_report.sections if s.key == "network_map")
    nodes, edges = section.figure.args[0], section.figure.args[1]
    # The 150 strongest ties; the 27 without a role family (the old map's 27 'unknown'
    # triangles) are a count in the legend, not dots.
    assert len(nodes) == 150 - 27
    assert section.figure.keywords["collapsed"] == [("no role family", 27)]
    assert "27 people whose position names no role family" in section.definition
    # Employer ties: one star per company (k - 1 lines for k colleagues), not every pair.
    graph = sample_results.get("graph")
    drawn = {n.node for n in nodes}
    employer = nx.Graph([(a, b) for a, b, d in graph.edges(data=True)
                         if d.get("kind") == "employer" and a in drawn and b in drawn])
    stars = employer.number_of_nodes() - nx.number_connected_components(employer)
    assert sum(1 for *_, w in edges if w == 0.1) == stars < employer.number_of_edges()
    # Every labelled person is numbered in the key (12), none drawn on the map by name.
    assert sum(1 for n in nodes if n.label) == 12


def test_pages_are_chosen_by_section_key_and_an_unknown_key_lists_the_valid_ones():
    from netaudit.errors import UsageError

    assert rp.select_pages("prune, growth,who-asked") == ["growth", "who_asked", "prune"]
    with pytest.raises(UsageError) as caught:
        rp.select_pages("growth,pruning")
    assert caught.value.exit_code == 2
    assert caught.value.message == "--pages: unknown section 'pruning'"
    assert caught.value.hint == "choose among: " + ", ".join(
        k.replace("_", "-") for k in rp.BUILDERS)
    assert "who-asked" in caught.value.hint and "network-map" in caught.value.hint


def test_branding_client_preparer_and_logo_on_the_first_page(sample_results, tmp_path):
    from PIL import Image
    from pypdf import PdfReader

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), "#0072B2").save(logo)
    report = rp.build_report(sample_results, ReportOptions(
        generated=date(2026, 5, 20), client="Kite & Key Partners", prepared_by="Dana Reyes",
        logo=rp.check_logo(logo)), only=rp.select_pages("growth,prune"))
    assert [s.key for s in report.sections] == ["growth", "prune"]
    path = rp.write_report(report, tmp_path / "branded.pdf")
    reader = PdfReader(path)
    first = flat(reader.pages[0].extract_text())
    assert "Prepared for Kite & Key Partners" in first
    assert "Generated 2026-05-20 by Dana Reyes with netaudit." in first
    # The footer of every page names the client.
    assert (f"Network audit · prepared for Kite & Key Partners page 2 of {len(reader.pages)}"
            in flat(reader.pages[1].extract_text()))
    images = [x.get_object() for x in reader.pages[0]["/Resources"]["/XObject"].values()]
    assert [(x["/Subtype"], x["/Width"], x["/Height"]) for x in images] == [("/Image", 300,
                                                                             100)]


def test_a_broken_svg_or_unreadable_logo_is_a_usage_error(tmp_path):
    from netaudit.errors import UsageError

    svg = tmp_path / "logo.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        rp.check_logo(svg)
    assert caught.value.message.startswith("is not an SVG netaudit can draw")
    assert caught.value.hint == "give a PNG, JPEG or SVG logo"
    text = tmp_path / "logo.png"
    text.write_text("not a picture", encoding="utf-8")
    with pytest.raises(UsageError, match="is not an image"):
        rp.check_logo(text)


def test_the_summary_sets_no_rate_of_under_5_people_beside_the_essays():
    # A real 2018 export (kept outside the repository) had 1 of 4 connections written to one
    # to one reply, and page 1 said "6.2 times the essay's rate". Under 5 people, as in the
    # charts (n < 5), the rate is not compared. Counts: 4 reached, 1 replied; busiest year
    # 2018 = last year, said once.
    from types import SimpleNamespace

    from netaudit.render.report.executive import executive

    summary = SimpleNamespace(
        connections=41, dormant=35, message_log=True,
        connections_by_year={"2015": 3, "2016": 0, "2017": 18,
                                                         "2018": 20},
        outreach={"reached": 5, "replied": 1, "window_days": 30,
                  "one_to_one_connections": {"reached": 4, "replied": 1}})

    class Results:
        network = None

        def get(self, name):
            from netaudit.errors import Missing

            raise Missing("needs a message log")

    page = SimpleNamespace(summary=summary, get=Results().get)
    points = executive(page).points
    assert points == [
        "Your network has 41 connections, made from 2015 to 2018; it grew most in 2018, the "
        "last year in the data (20 new).",
        "6 of your 41 connections (14.6%) have exchanged a message, a recommendation or an "
        "endorsement with you; the other 35 never have.",
        "You wrote first to only 4 connections one to one (1 replied): too few to set a rate "
        "beside the essay's 42 of 1,050 (4.0%). The essay: \"Second wave of social media, "
        'Part 2 – Professional social networks and Open networking", RecruitingBlogs, '
        "March 2010.",
    ]


def test_data_read_shows_no_home_folder(tmp_path, monkeypatch):
    """The appendix names each export as given, but a report is handed on: inside the current
    folder the path is relative, under the home folder it starts with '~', so the preparer's
    account name (/home/jane.doe) is not printed."""
    import shutil

    from netaudit.audit import Audit
    from netaudit.render.report.build import build_report
    from netaudit.render.report.content import ReportOptions, display_path

    home = tmp_path / "home" / "jane.doe"
    (home / "Downloads").mkdir(parents=True)
    export = home / "Downloads" / "export.zip"
    shutil.copy(ROOT / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip", export)
    monkeypatch.setenv("HOME", str(home))
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert display_path(str(export)) == "~/Downloads/export.zip"
    assert display_path(str(elsewhere / "a" / "b.zip")) == "a/b.zip"
    assert display_path(str(tmp_path / "other.zip")) == str(tmp_path / "other.zip")
    report = build_report(Audit([export]).report_results(), ReportOptions())
    assert [container for container, _ in report.cover.sources][0] == "~/Downloads/export.zip"
