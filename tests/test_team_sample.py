"""The fictional team in samples/team (samples/make_team.py): the generator is deterministic
and its truth file holds the figures its layout implies; ``netaudit team`` and ``netaudit
report --team`` give those figures (issue 15)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from netaudit.cli import app

ROOT = Path(__file__).resolve().parents[1]
TEAM = ROOT / "samples" / "team"
EXPORTS = sorted(str(p) for p in TEAM.glob("*/*.zip"))
TARGETS = str(TEAM / "targets.txt")
MAYA, TOMAS, PRIYA = "Maya Okafor", "Tomás Lindqvist", "Priya Nandakumar"


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads((TEAM / "team_truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def team_json() -> dict:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["team", *EXPORTS, "--targets", TARGETS, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_generator_is_deterministic_and_the_sample_is_its_output(tmp_path):
    sys.path.insert(0, str(ROOT / "samples"))
    try:
        import make_team
    finally:
        sys.path.remove(str(ROOT / "samples"))
    make_team.write_team(tmp_path / "a")
    make_team.write_team(tmp_path / "b")
    written = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*")
                     if p.is_file())
    assert len(written) == 6  # 3 exports, targets.txt, team_truth.json, README.md
    for name in written:
        data = (tmp_path / "a" / name).read_bytes()
        assert data == (tmp_path / "b" / name).read_bytes(), name
        assert data == (TEAM / name).read_bytes(), f"samples/team/{name} is not regenerated"


def test_truth_holds_the_layout_arithmetic(truth):
    # GROUPS in make_team.py: Maya only 22, Tomás only 16, Priya only 12, Maya+Tomás 7,
    # Maya+Priya 5, Tomás+Priya 4, all three 3; and the target person, Priya's only.
    assert truth["members"] == [MAYA, TOMAS, PRIYA]
    assert truth["connections"] == {MAYA: 22 + 7 + 5 + 3, TOMAS: 16 + 7 + 4 + 3,
                                    PRIYA: 12 + 5 + 4 + 3 + 1}  # 37, 30, 25
    assert truth["overlap"] == [[37, 7 + 3, 5 + 3], [10, 30, 4 + 3], [8, 7, 25]]
    assert truth["unique_reach"] == {MAYA: 22, TOMAS: 16, PRIYA: 12 + 1}
    assert truth["total_reach"] == 22 + 16 + 12 + 7 + 5 + 4 + 3 + 1  # 70
    assert truth["shared_reach"] == 7 + 5 + 4 + 3  # 19
    assert len(truth["known_by_all"]) == 3


def test_team_gives_the_truth(team_json, truth):
    members = {m["name"]: m for m in team_json["members"]}
    assert set(members) == set(truth["members"])
    for name in truth["members"]:
        assert members[name]["connections"] == truth["connections"][name]
        assert members[name]["unique_reach"] == truth["unique_reach"][name]
    order = team_json["overlap"]["members"]
    index = [truth["members"].index(name) for name in order]
    assert team_json["overlap"]["matrix"] == [[truth["overlap"][i][j] for j in index]
                                              for i in index]
    reach = team_json["reach"]
    assert (reach["total_distinct"], reach["shared_by_two_or_more"],
            reach["sum_over_members"]) == (truth["total_reach"], truth["shared_reach"],
                                           37 + 30 + 25)
    by_target = {t["target"]: t for t in team_json["targets"]}
    for company, expected in truth["target_companies"].items():
        found = by_target[company]
        assert found["status"] == "matched" and found["kind"] == "company"
        assert found["people_at_target"] == expected["people"]
        assert found["direct_connections"] == expected["known_by_member"]


def test_the_only_path_to_the_target_person_runs_through_priya(team_json, truth):
    person = truth["target_person"]
    target = next(t for t in team_json["targets"] if t["target"] == person["name"])
    assert target["kind"] == "person"
    paths = {p["member"]: [s["name"] for s in p["best"]["people"]] for p in target["paths"]}
    assert paths == person["path_from"]


def test_report_team_pdf_html_and_png_give_the_figures(runner, tmp_path, truth):
    from pypdf import PdfReader

    pdf, html, slides = tmp_path / "team.pdf", tmp_path / "team.html", tmp_path / "slides"
    for out in (pdf, html, slides):
        result = runner.invoke(app, ["report", "--team", *EXPORTS, "--targets", TARGETS,
                                     "-o", str(out), "-q"])
        assert result.exit_code == 0, result.output
    text = " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(pdf).pages)
    document = html.read_text(encoding="utf-8")
    for shown in (text, " ".join(document.split())):
        # Executive summary first: reach 70, lists adding up to 37 + 30 + 25 = 92, shared
        # 19 of 70 = 27.1%; Maya's unique 22 of 37 = 59.5%; the introduction to Ines Varga.
        assert "reaches 70 people: their connection lists add up to 92, and 19 of 70 (27.1%)" \
            in shown
        assert "22 of 37 (59.5%)" in shown
        assert (f"Ask {PRIYA} to introduce {MAYA} and {TOMAS} to Ines Varga" in shown)
    assert text.index("Executive summary") < text.index("The team's reach")
    # Seven findings, each a PDF bookmark after the contents.
    for title in ("The team's reach", "Who shares whom", "Who knows whom at the targets",
                  "Warm paths to the targets", "Companies the team reaches best",
                  "Communities", "Brokers"):
        assert title in text and f'<h2>{title.replace(chr(39), "&#x27;")}</h2>' in document
    assert sorted(p.name for p in slides.iterdir()) == [
        "01-reach.png", "02-overlap.png", "03-targets.png", "04-warm-paths.png",
        "05-companies.png", "06-communities.png", "07-brokers.png"]


def test_report_team_anonymized_names_nobody(runner, tmp_path):
    from pypdf import PdfReader

    pdf = tmp_path / "team.pdf"
    result = runner.invoke(app, ["report", "--team", *EXPORTS, "--targets", TARGETS,
                                 "-o", str(pdf), "-q", "--anonymize"])
    assert result.exit_code == 0, result.output
    text = " ".join((page.extract_text() or "") for page in PdfReader(pdf).pages)
    assert "Member 1" in text
    for name in (MAYA, TOMAS, PRIYA, "Okafor", "Ines Varga", "maya-okafor"):
        assert name not in text


def test_report_team_usage_errors(runner, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Ana Ruiz\n", encoding="utf-8")
    result = runner.invoke(app, ["report", "--team", *EXPORTS, "--names", str(names),
                                 "-o", str(tmp_path / "t.pdf")])
    assert result.exit_code == 2 and "do not apply with --team" in result.stderr
    result = runner.invoke(app, ["report", "--team", *EXPORTS, "--jobs", "2",
                                 "-o", str(tmp_path / "t.pdf")])
    assert result.exit_code == 2 and "--jobs do not apply with --team" in " ".join(
        result.stderr.split())
    result = runner.invoke(app, ["report", "--team", *EXPORTS, "--pages", "growth",
                                 "-o", str(tmp_path / "t.pdf")])
    assert result.exit_code == 2 and "reach, overlap, targets" in result.stderr
    assert not (tmp_path / "t.pdf").exists()


def test_team_terminal_says_1_hop_not_1_hops():
    """Tomás reaches Jürgen Smith at Lumen Freight directly (one hop, the fewest-hops column
    beside a 2-hop best path): the count and its noun agree."""
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["team", *EXPORTS, "--targets", TARGETS, "-q"],
                                env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "Tomás Lindqvist → Jürgen Smith (0.010, 1 hop)" in result.output
    assert "1 hops" not in result.output
