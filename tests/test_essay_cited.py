"""The essay's figures are never shown without the essay (issue 15): every paragraph of the
README and docs/ that gives one of them (42 of 1,050 and 4.0%, 990 of 1,050, best 27 and
worst 4, 23.4 groups) names the essay, "Second wave of social media, Part 2 – Professional
social networks and Open networking" (RecruitingBlogs, March 2010), or links docs/essay.md,
which does; and so do the report and the help of the commands that show them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TITLE = ("Second wave of social media, Part 2 – Professional social networks and Open "
         "networking")
#: The essay's figures as the docs write them; '23.4' without '%' (23.4% is a sample's rate).
#: '1,050-' is the low end of a range of other figures ('peak 1,079 (1,050-1,129) MB' in the
#: benchmark table), never the essay's connections.
FIGURES = re.compile(r"1,050(?!-\d)|4\.0%|best 27|23\.4(?![\d%])")
CITES = re.compile(r"Second wave of social media|essay\.md")


def paragraphs(page: Path) -> list[str]:
    """Blocks between blank lines, fenced code left out (pasted output, cited around it)."""
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def test_the_figure_pattern_by_hand():
    assert FIGURES.search("beside the essay's 42 of 1,050 (4.0%)")
    assert FIGURES.search("named at best 27 and at worst 4")
    assert FIGURES.search("reproduces 23.4 and 1.2")
    assert not FIGURES.search("26 of 111 (23.4%)") and not FIGURES.search("took 27.4 s")
    assert FIGURES.search("990 of 1,050 (94.3%)")
    assert not FIGURES.search("| 1,079 (1,050-1,129) |")


@pytest.mark.parametrize("page", [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))],
                         ids=lambda p: p.name)
def test_every_paragraph_with_an_essay_figure_cites_the_essay(page):
    uncited = [p[:120] for p in paragraphs(page) if FIGURES.search(p) and not CITES.search(p)]
    assert uncited == []


def test_the_essay_page_names_the_essay_first():
    first = paragraphs(ROOT / "docs" / "essay.md")[1]  # after the title
    assert TITLE in first and "RecruitingBlogs" in first and "March 2010" in first


def test_the_report_names_the_essay_where_it_shows_its_figures():
    from netaudit.analyses.replies import ESSAY

    assert ESSAY == f'"{TITLE}", RecruitingBlogs, March 2010'
    from datetime import date

    from netaudit.audit import Audit
    from netaudit.render import report as rp

    report = rp.build_report(
        Audit([ROOT / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"]).report_results(),
        rp.ReportOptions(generated=date(2026, 11, 21)))
    # Page 1: the executive summary's reply rate point gives 42 of 1,050 and the essay.
    (point,) = [p for p in report.executive.points if "1,050" in p]
    assert ESSAY in point
    # Appendix: every definition of a section that shows an essay figure names it: in the
    # sample, the summary (table column 'Article (2010)'), who asked whom (990 of 1,050), the
    # reply rate and the reply rate by segment (the dashed 'article: 4.0%' line).
    cited = [s.key for s in report.sections if ESSAY in s.definition]
    assert cited == ["summary", "who_asked", "reply_rate", "reply_segments"]


@pytest.mark.parametrize("command", ["replies", "recall-study"])
def test_help_that_gives_an_essay_figure_names_the_essay(command):
    from typer.testing import CliRunner

    from netaudit.cli import app

    shown = " ".join(CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
                     .output.split())
    assert FIGURES.search(shown) and "Second wave of social media" in shown


@pytest.mark.parametrize("command", ["analyze", "replies"])
def test_terminal_output_that_gives_an_essay_figure_names_the_essay(command):
    """analyze's definition of the 1:1 reply rate and replies' 'Essay (2010)' column show
    42 of 1,050; the same output names the essay (at 80 columns, where definitions move
    under the table)."""
    from typer.testing import CliRunner

    from netaudit.cli import app

    sample = ROOT / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"
    result = CliRunner().invoke(app, [command, str(sample), "-q"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert "42 of 1,050" in shown
    assert TITLE in shown and "RecruitingBlogs, March 2010" in shown
