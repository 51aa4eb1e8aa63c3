"""``netaudit ties``, ``introduce``, ``team`` and ``graph`` as a user runs them: exit codes,
what is printed, JSON on stdout only, files written safely."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from netaudit.cli import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"
TRUTH = ROOT / "samples" / "sample_truth.json"
needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason="sample export not generated")

PROFILE = ("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
           "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n")
CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def export(folder: Path, owner: tuple[str, str], rows: list[str]) -> Path:
    """A minimal LinkedIn export folder: Profile.csv (the owner) and Connections.csv."""
    folder.mkdir(parents=True)
    (folder / "Profile.csv").write_text(PROFILE + f"{owner[0]},{owner[1]},,,,Recruiter,,,,,,,\n",
                                        encoding="utf-8")
    (folder / "Connections.csv").write_text(CONNECTIONS + "\n".join(rows) + "\n",
                                            encoding="utf-8")
    return folder


def team_exports(tmp_path: Path) -> tuple[Path, Path]:
    url = "https://www.linkedin.com/in/"
    ann = export(tmp_path / "ann", ("Ann", "Able"), [
        f"Xavi,Ex,{url}xavi,,,Engineer,01 Jan 2020",
        f"Yara,Why,{url}yara,,,Designer,01 Jan 2020",
        f"Bea,Bee,{url}bea,,,Recruiter,01 Jan 2020",
        f"Tom,Target,{url}tom,,Targetco,CTO,01 Jan 2020",
    ])
    bea = export(tmp_path / "bea", ("Bea", "Bee"), [
        f"Xavi,Ex,{url}xavi,,,Engineer,01 Jan 2021",
        f"Ann,Able,{url}ann,,,Recruiter,01 Jan 2021",
        f"Zoe,Zed,{url}zoe,,,Analyst,01 Jan 2021",
    ])
    return ann, bea


# ---- ties ---------------------------------------------------------------------------------

@needs_sample
def test_ties_json_counts_add_up_and_match_the_sample(runner):
    result = runner.invoke(app, ["ties", str(SAMPLE), "--json"])
    assert result.exit_code == 0, result.output[-2000:]
    data = json.loads(result.stdout)
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    assert data["people"] == len(data["rows"])
    assert sum(data["layers"].values()) == data["people"]
    assert sum(data["statuses"].values()) == data["people"]
    assert data["connections"] == truth["connections"]["rows"]                    # 300
    assert data["unknown_network"]["dormant_connections"] == \
        truth["dormant"]["connections_never_exchanged"]                          # 151
    assert data["layers"]["ranks 1-5"] == 5
    scores = [row["score"] for row in data["rows"]]
    assert scores == sorted(scores, reverse=True)


@needs_sample
def test_ties_terminal_shows_layers_components_and_lists(runner):
    result = runner.invoke(app, ["ties", str(SAMPLE), "--limit", "3", "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    text = result.stdout
    for expected in ("Tie strength as of 2026-11-18", "Layer ranks 1-5", "Status fading",
                     "Unknown network", "of 300", "Strongest ties (showing 3 of",
                     "Re-engage", "Prune candidates", "Recip", "--weights"):
        assert expected in text, expected


@needs_sample
def test_ties_weights_and_as_of_change_the_result(runner):
    base = json.loads(runner.invoke(app, ["ties", str(SAMPLE), "--json"]).stdout)
    only_recency = json.loads(runner.invoke(
        app, ["ties", str(SAMPLE), "--json", "--weights",
              "recency=1,frequency=0,reciprocity=0,duration=0,services=0,intimacy=0"]).stdout)
    top = only_recency["rows"][0]
    assert top["score"] == top["components"]["recency"]
    assert only_recency["weights"]["recency"] == 1.0
    earlier = json.loads(runner.invoke(app, ["ties", str(SAMPLE), "--json", "--as-of",
                                             "2020-01-01"]).stdout)
    assert earlier["as_of"] == "2020-01-01T23:59:59.999999+00:00"
    assert earlier["connections"] < base["connections"]


@pytest.mark.parametrize("option, value, message", [
    ("--weights", "warmth=1", "unknown component 'warmth'"),
    ("--weights", "recency=-2", "negative"),
    ("--as-of", "last week", "is not a date"),
])
def test_ties_bad_options_are_usage_errors(runner, tmp_path, option, value, message):
    path = export(tmp_path / "me", ("Ann", "Able"), ["Xavi,Ex,,,,Engineer,01 Jan 2020"])
    result = runner.invoke(app, ["ties", str(path), option, value])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_ties_csv_is_written_once_without_force(runner, tmp_path):
    path = export(tmp_path / "me", ("Ann", "Able"), ["Xavi,Ex,,,,Engineer,01 Jan 2020",
                                                     "Yara,Why,,,,Designer,01 Jan 2019"])
    target = tmp_path / "ties.csv"
    result = runner.invoke(app, ["ties", str(path), "--csv", str(target), "-q"])
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("person_id,name,company,position,is_connection,connected_on,"
                               "score,recency")
    assert len(lines) == 3
    again = runner.invoke(app, ["ties", str(path), "--csv", str(target), "-q"])
    assert again.exit_code == 2  # a usage error since issue 15
    assert "--force" in again.stderr


# ---- introduce ----------------------------------------------------------------------------

@needs_sample
def test_introduce_json_gives_the_best_pairs_with_reasons(runner):
    result = runner.invoke(app, ["introduce", str(SAMPLE), str(SAMPLE.parent / "contacts.csv"),
                                 "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output[-2000:]
    data = json.loads(result.stdout)
    assert len(data["introductions"]) == 3
    ranks = [pair["score"] for pair in data["introductions"]]
    assert ranks == sorted(ranks, reverse=True)
    assert all(pair["reason"] for pair in data["introductions"])
    assert data["with_place"] > 0


def test_introduce_terminal_says_when_nothing_fits(runner, tmp_path):
    path = export(tmp_path / "me", ("Ann", "Able"), ["Flo,Rist,,,,Florist,01 Jan 2020"])
    result = runner.invoke(app, ["introduce", str(path), "-q"])
    assert result.exit_code == 0, result.output
    assert "no pair found" in result.stdout
    assert "no locations in the data" in result.stdout


# ---- team ---------------------------------------------------------------------------------

def test_team_json_overlap_and_target_paths(runner, tmp_path):
    ann, bea = team_exports(tmp_path)
    result = runner.invoke(app, ["team", str(ann), str(bea), "--target", "targetco", "--json"])
    assert result.exit_code == 0, result.output[-2000:]
    data = json.loads(result.stdout)
    # Ann: Xavi, Yara, Tom (Bea is a teammate); Bea: Xavi, Zoe (Ann is a teammate).
    assert data["overlap"] == {"members": ["Ann Able", "Bea Bee"], "matrix": [[3, 1], [1, 2]]}
    assert [m["unique_reach"] for m in data["members"]] == [2, 1]
    assert data["reach"]["total_distinct"] == 4
    target = data["targets"][0]
    assert (target["kind"], target["matched"]) == ("company", ["Targetco"])
    ann_path, bea_path = target["paths"]
    assert [p["name"] for p in ann_path["best"]["people"]] == ["Ann Able", "Tom Target"]
    assert [p["name"] for p in bea_path["best"]["people"]] == ["Bea Bee", "Ann Able",
                                                               "Tom Target"]
    # No messages: every tie is a cold ask at the 0.01 floor.
    assert bea_path["best"]["strength"] == pytest.approx(0.0001)


def test_team_terminal_output(runner, tmp_path):
    ann, bea = team_exports(tmp_path)
    result = runner.invoke(app, ["team", str(ann), str(bea), "--target", "Tom Target", "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    for expected in ("Team of 2", "Shared connections", "Total reach: 4 distinct people",
                     "Target Tom Target", "Ann Able → Tom Target", "Communities",
                     "Local bridges"):
        assert expected in result.stdout, expected


def test_team_target_not_found_names_the_closest_and_the_others_go_on(runner, tmp_path):
    ann, bea = team_exports(tmp_path)
    result = runner.invoke(app, ["team", str(ann), str(bea), "--target", "Tom Targte",
                                 "--target", "Targetco", "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    text = " ".join(result.stdout.split())
    assert ("Target Tom Targte: nobody in the team's data works there or has that name "
            "(closest: Tom Target") in text
    assert "Target Targetco (company: Targetco; 1 person)" in text


def test_team_of_one_explains_that_overlap_needs_two(runner, tmp_path):
    ann, _ = team_exports(tmp_path)
    result = runner.invoke(app, ["team", str(ann), "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    assert "overlap needs two or more exports" in " ".join(result.stdout.split())
    assert "Team of 1" in result.stdout


# ---- graph --------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix, read", [(".graphml", nx.read_graphml),
                                          (".gexf", nx.read_gexf)])
def test_graph_writes_by_suffix(runner, tmp_path, suffix, read):
    ann, _ = team_exports(tmp_path)
    target = tmp_path / f"net{suffix}"
    result = runner.invoke(app, ["graph", str(ann), "-o", str(target), "-q"])
    assert result.exit_code == 0, result.output
    assert f"wrote {target}: 5 people, 4 ties (4 owner)" in " ".join(result.stderr.split())
    graph = read(target)
    assert graph.number_of_nodes() == 5 and graph.number_of_edges() == 4


def test_graph_csv_team_and_json(runner, tmp_path):
    ann, bea = team_exports(tmp_path)
    target = tmp_path / "team.csv"
    result = runner.invoke(app, ["graph", str(ann), str(bea), "--team", "-o", str(target),
                                 "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # Ann, Bea, Xavi, Yara, Tom, Zoe; Ann-Bea is one tie from both sides.
    assert (data["nodes"], data["edges"], data["edge_kinds"]) == (6, 6, {"owner": 6})
    header = target.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("source,target,source_name,target_name,kind,strength")
    assert "members" in header


def test_graph_unknown_suffix_is_a_usage_error_naming_the_supported_ones(runner, tmp_path):
    ann, _ = team_exports(tmp_path)
    result = runner.invoke(app, ["graph", str(ann), "-o", str(tmp_path / "net.png")])
    assert result.exit_code == 2
    assert ".graphml, .gexf or .csv" in " ".join(result.stderr.split())
    assert not (tmp_path / "net.png").exists()


def test_graph_does_not_overwrite_without_force(runner, tmp_path):
    ann, _ = team_exports(tmp_path)
    target = tmp_path / "net.graphml"
    assert runner.invoke(app, ["graph", str(ann), "-o", str(target), "-q"]).exit_code == 0
    again = runner.invoke(app, ["graph", str(ann), "-o", str(target), "-q"])
    assert again.exit_code == 2 and "--force" in again.stderr
    forced = runner.invoke(app, ["graph", str(ann), "-o", str(target), "-q", "--force"])
    assert forced.exit_code == 0
