"""Target companies: the matching cases of issue 14 exactly, and who you know at each."""

from __future__ import annotations

import pytest
from network_builders import AS_OF, ME, build, days_ago, msg

from netaudit.analyses.targets import known_at_targets, match_company
from netaudit.analyses.ties import tie_strength
from netaudit.errors import InputError
from netaudit.graph import ego_graph
from netaudit.userfiles import read_targets

COMPANIES = ["Kestrel Robotics", "Google LLC", "Google Cloud", "Metaswitch", "Acme, Inc.",
             "Lumen Labs", "Lumen Capital", "Googleplex Catering"]


def test_kestrel_finds_kestrel_robotics():
    match = match_company("Kestrel", COMPANIES)
    assert (match.status, match.companies) == ("matched", ("Kestrel Robotics",))


def test_google_finds_google_llc_and_google_cloud_but_not_googleplex():
    match = match_company("Google", COMPANIES)
    assert (match.status, match.companies) == ("matched", ("Google Cloud", "Google LLC"))
    assert match.rule == "same name and names starting with it"


def test_meta_does_not_match_metaswitch():
    match = match_company("Meta", COMPANIES)
    assert match.status == "unmatched"
    assert match.companies == ()
    assert match.candidates[0] == "Metaswitch"  # named as the closest, never matched


def test_ambiguous_prefix_is_listed_never_guessed():
    match = match_company("Lumen", COMPANIES)
    assert (match.status, match.companies) == ("ambiguous", ())
    assert match.candidates == ("Lumen Capital", "Lumen Labs")
    # The full name chooses.
    assert match_company("Lumen Labs", COMPANIES).companies == ("Lumen Labs",)


def test_case_accents_punctuation_and_legal_suffixes_are_ignored():
    assert match_company("ACME", COMPANIES).companies == ("Acme, Inc.",)
    assert match_company("kestrel robotics gmbh", COMPANIES).companies == ("Kestrel Robotics",)
    assert match_company("Zürich Re", ["Zurich Re AG"]).companies == ("Zurich Re AG",)
    assert match_company("Inc.", COMPANIES).status == "unmatched"
    assert match_company("...", COMPANIES).status == "unmatched"


def network_with_companies():
    people = {
        "ana": {"name": "Ana Ruiz", "company": "Kestrel Robotics"},
        "bo": {"name": "Bo Li", "company": "Google LLC"},
        "cy": {"name": "Cy Dorn", "company": "Google Cloud"},
        "dee": {"name": "Dee Marsh", "company": "Metaswitch"},
        # Eli: a connection at Lumen Labs never written to; Fay, a close tie, was in a group
        # conversation with him that you were not in.
        "eli": {"name": "Eli Park", "company": "Lumen Labs"},
        "fay": {"name": "Fay Stone", "company": "Acme"},
        "gil": {"name": "Gil Moss", "company": "Acme"},
    }
    messages = [
        msg("c1", days_ago(10), ME, "ana"), msg("c1", days_ago(9), "ana", ME),
        msg("c2", days_ago(100), ME, "bo"),
        msg("c3", days_ago(5), ME, "cy"), msg("c3", days_ago(4), "cy", ME),
        msg("c4", days_ago(20), ME, "dee"),
        msg("c5", days_ago(3), ME, "fay"), msg("c5", days_ago(2), "fay", ME),
        # Fay, Eli and Gil in a group (without you): a group tie Fay - Eli.
        msg("g1", days_ago(30), "fay", ("eli", "gil")),
    ]
    return build(messages, people=people)


def test_who_you_know_at_each_target_ranked_and_the_unmatched_go_on():
    network = network_with_companies()
    ties = tie_strength(network, as_of=AS_OF)
    result = known_at_targets(["Kestrel", "Nowhere Corp", "Google", "Meta"], ties.rows)
    by_target = {f.target: f for f in result.findings}
    assert [p.name for p in by_target["Kestrel"].people] == ["Ana Ruiz"]
    # Cy wrote back 4 days ago; Bo was written once 100 days ago: Cy's tie is stronger.
    assert [p.name for p in by_target["Google"].people] == ["Cy Dorn", "Bo Li"]
    assert by_target["Nowhere Corp"].match.status == "unmatched"
    assert by_target["Meta"].people == []
    assert result.nobody == ["Nowhere Corp", "Meta"]


def test_person_targets_by_name_and_url():
    network = network_with_companies()
    ties = tie_strength(network, as_of=AS_OF)
    urls = {"ana": "linkedin.com/in/ana-ruiz"}
    result = known_at_targets(["ana ruiz", "https://www.linkedin.com/in/ana-ruiz/"], ties.rows,
                              profile_urls=urls)
    assert [(f.kind, [p.person_id for p in f.people]) for f in result.findings] == [
        ("person", ["ana"]), ("person", ["ana"])]


def test_warmest_path_when_nobody_at_the_target_is_a_live_tie():
    network = network_with_companies()
    ties = tie_strength(network, as_of=AS_OF)
    graph = ego_graph(network, strengths=ties.scores)
    result = known_at_targets(["Lumen Labs", "Kestrel"], ties.rows, graph=graph, owner_id=ME)
    lumen, kestrel = result.findings
    # Eli has no contact with you (score 0): the direct hop is worth the floor 0.01; through
    # Fay it is her score times the group tie 0.1, more than 0.01 as her score is above 0.1.
    assert lumen.people[0].score == 0.0
    fay = ties.scores["fay"]
    assert fay > 0.1
    assert lumen.path == ["you", "Fay Stone", "Eli Park"]
    assert lumen.path_strength == pytest.approx(fay * 0.1, abs=1e-4)
    assert kestrel.path == []  # Ana is a live tie: no path needed


def test_read_targets_lines_and_csv(tmp_path):
    lines = tmp_path / "targets.txt"
    lines.write_text("# companies I want\nKestrel\n\nGoogle\nAcme, Inc.\nkestrel\n",
                     encoding="utf-8")
    assert read_targets(lines) == ["Kestrel", "Google", "Acme, Inc."]
    table = tmp_path / "targets.csv"
    table.write_text("priority,Company\n1,Kestrel Robotics\n2,\"Acme, Inc.\"\n",
                     encoding="utf-8")
    assert read_targets(table) == ["Kestrel Robotics", "Acme, Inc."]
    empty = tmp_path / "empty.txt"
    empty.write_text("\n# nothing\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no targets"):
        read_targets(empty)
    with pytest.raises(InputError, match="no such file"):
        read_targets(tmp_path / "missing.txt")
