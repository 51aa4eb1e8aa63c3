"""A team of three exports with a known overlap, a known best path that is not the fewest-hop
path, Burt's measures by hand, local bridges, reproducible communities, and bad targets."""

from __future__ import annotations

import networkx as nx
import pytest
from network_builders import build

from netaudit.analyses.team import (
    PathFinder,
    betweenness,
    find_target,
    observed_ties,
    team_report,
)
from netaudit.errors import UsageError


def _url(slug):
    return f"linkedin.com/in/{slug}"


def _team():
    """Ann, Bea and Cy. Ann knows Wes, Xavi, Yara, Zoe and Bea; Bea knows Xavi, Ann and Tom
    (at Targetco); Cy knows Yara, Zoe and Tom. People match across exports by profile URL."""
    wes = {"name": "Wes Double", "profile_url": _url("wes")}
    xavi = {"name": "Xavi Ex", "profile_url": _url("xavi")}
    yara = {"name": "Yara Why", "profile_url": _url("yara")}
    zoe = {"name": "Zoe Zed", "profile_url": _url("zoe")}
    tom = {"name": "Tom Target", "profile_url": _url("tom"), "company": "Targetco"}
    ann = build(owner="ann", owner_name="Ann Able", people={
        "ann": {"name": "Ann Able", "profile_url": _url("ann")},
        "w": wes, "x": xavi, "y": yara, "z": zoe,
        "bea": {"name": "Bea Bee", "profile_url": _url("bea")}})
    bea = build(owner="bea", owner_name="Bea Bee", people={
        "bea": {"name": "Bea Bee", "profile_url": _url("bea")},
        "x": xavi, "ann": {"name": "Ann Able", "profile_url": _url("ann")}, "t": tom})
    cy = build(owner="cy", owner_name="Cy Sea", people={
        "cy": {"name": "Cy Sea", "profile_url": _url("cy")}, "y": yara, "z": zoe, "t": tom})
    strengths = [
        {"w": 0.4, "x": 0.2, "y": 0.9, "z": 0.3, "bea": 0.1},
        {"x": 0.3, "ann": 0.1, "t": 0.5},
        {"y": 0.9, "z": 0.3, "t": 0.9},
    ]
    return [ann, bea, cy], strengths


def _report(**options):
    networks, strengths = _team()
    return team_report(networks, strengths=strengths, labels=["a.zip", "b.zip", "c.zip"],
                       **options)


def test_overlap_matrix_unique_and_total_reach():
    report = _report()
    assert [m.name for m in report.members] == ["Ann Able", "Bea Bee", "Cy Sea"]
    # Connections without teammates: Ann {W, X, Y, Z}, Bea {X, Tom}, Cy {Y, Z, Tom}.
    assert report.overlap == [[4, 1, 2],
                              [1, 2, 1],
                              [2, 1, 3]]
    assert [m.unique_reach for m in report.members] == [1, 0, 0]   # only Ann knows Wes
    assert (report.total_reach, report.shared_reach) == (5, 4)
    assert report.notes == []


def test_best_path_is_the_strongest_product_and_fewest_hops_is_shown_when_different():
    target = _report(targets=["Tom Target"]).targets[0]
    assert (target.kind, target.matched, target.people) == ("person", ["Tom Target"], 1)
    assert target.reached_directly == {"Ann Able": 0, "Bea Bee": 1, "Cy Sea": 1}
    ann, bea, cy = target.members
    # Ann -> Yara -> Cy -> Tom: 0.9 x 0.9 x 0.9 = 0.729, against Ann -> Bea -> Tom:
    # 0.1 x 0.5 = 0.05 (the only 2-hop path), Ann -> Zoe -> Cy -> Tom 0.081, Ann -> Xavi ->
    # Bea -> Tom 0.03.
    assert [s.name for s in ann.best.steps] == ["Ann Able", "Yara Why", "Cy Sea", "Tom Target"]
    assert ann.best.strength == pytest.approx(0.729)
    assert [s.name for s in ann.fewest_hops.steps] == ["Ann Able", "Bea Bee", "Tom Target"]
    assert ann.fewest_hops.strength == pytest.approx(0.05)
    assert (bea.best.hops, bea.best.strength, bea.fewest_hops) == (1, 0.5, None)
    assert (cy.best.hops, cy.best.strength, cy.fewest_hops) == (1, 0.9, None)


def test_a_company_target_matches_its_people_whatever_the_spelling():
    target = _report(targets=["TARGETCO, Inc."]).targets[0]
    assert (target.kind, target.matched, target.people) == ("company", ["Targetco"], 1)
    assert target.members[0].best.strength == pytest.approx(0.729)


def test_a_target_that_matches_nobody_is_reported_and_the_others_go_on():
    # Issue 14: "team --target Kestrel finds nothing and cancels the other targets".
    report = _report(targets=["Tom Targte", "Targetco"])
    missing, found = report.targets
    assert (missing.status, missing.people, missing.members) == ("unmatched", 0, [])
    assert missing.candidates[0] == "Tom Target"
    assert missing.to_dict()["status"] == "unmatched"
    assert (found.status, found.matched, found.people) == ("matched", ["Targetco"], 1)
    # find_target (one target alone) still raises, naming the closest.
    networks, strengths = _team()
    from netaudit.graph import team_graph

    graph, _ = team_graph(networks, strengths=strengths)
    with pytest.raises(UsageError) as error:
        find_target(graph, "Tom Targte")
    text = str(error.value)
    assert "--target 'Tom Targte' matches no person or company in the team's data" in text
    assert "closest names in the data: 'Tom Target' (person)" in text


def test_a_company_target_matches_by_its_first_words():
    # "Targ" is no word of "Targetco": no match; "Targetco Robotics" in the data would be.
    report = _report(targets=["Targ"])
    assert report.targets[0].status == "unmatched"
    networks, strengths = _team()
    networks[2].people.loc[networks[2].people["person_id"] == "t", "company"] = \
        "Targetco Robotics"
    networks[1].people.loc[networks[1].people["person_id"] == "t", "company"] = \
        "Targetco Robotics"
    target = team_report(networks, strengths=strengths, targets=["Targetco"]).targets[0]
    assert (target.status, target.matched, target.people) == (
        "matched", ["Targetco Robotics"], 1)


def test_an_ambiguous_company_target_lists_the_candidates():
    networks, strengths = _team()
    networks[0].people.loc[networks[0].people["person_id"] == "w", "company"] = "Targetco Labs"
    target = team_report(networks, strengths=strengths, targets=["Targetco"]).targets[0]
    # "Targetco" (Tom) is a company of that very name: matched, Labs taken as its unit.
    assert target.matched == ["Targetco", "Targetco Labs"]
    networks, strengths = _team()
    networks[0].people.loc[networks[0].people["person_id"] == "w", "company"] = "Kestrel Labs"
    networks[0].people.loc[networks[0].people["person_id"] == "x", "company"] = "Kestrel Capital"
    target = team_report(networks, strengths=strengths, targets=["Kestrel"]).targets[0]
    assert (target.status, target.candidates, target.people) == (
        "ambiguous", ["Kestrel Capital", "Kestrel Labs"], 0)


def test_a_team_of_one_shows_that_members_reach_and_explains_overlap():
    networks, strengths = _team()
    report = team_report(networks[:1], strengths=strengths[:1])
    assert [m.connections for m in report.members] == [5]    # Bea is not a teammate now
    assert report.overlap == [[5]]
    assert report.notes == ["overlap needs two or more exports from different people; this "
                            "shows one member's reach only"]


def test_the_same_export_twice_is_one_member():
    networks, strengths = _team()
    report = team_report([networks[0], networks[0]], strengths=[strengths[0]] * 2,
                         labels=["a.zip", "copy.zip"])
    assert len(report.members) == 1
    assert report.notes[0] == ("copy.zip has the same owner as a.zip; their connections are "
                               "counted once, for one member")


def test_burt_measures_by_hand_and_as_networkx():
    report = _report()
    ann = report.members[0]
    # Ann's contacts: Wes, Xavi, Yara, Zoe, Bea; one tie among them (Xavi-Bea): 5 - 2/5.
    assert ann.effective_size == pytest.approx(4.6)
    assert ann.contacts == 5      # the n of 4.6 "of 5 contacts" (issue 11)
    # p = 1/5. Wes, Yara, Zoe: (1/5)^2 each. Xavi: via Bea (3 contacts): (1/5 + 1/5 * 1/3)^2.
    # Bea: via Xavi (2 contacts): (1/5 + 1/5 * 1/2)^2.
    expected = 3 * 0.04 + (0.2 + 0.2 / 3) ** 2 + (0.2 + 0.1) ** 2
    assert ann.constraint == pytest.approx(expected)
    networks, strengths = _team()
    from netaudit.graph import team_graph

    graph, _ = team_graph(networks, strengths=strengths)
    observed = observed_ties(graph)
    for member in report.members:
        assert member.effective_size == pytest.approx(
            nx.effective_size(observed, nodes=[member.person_id])[member.person_id])
        assert member.constraint == pytest.approx(
            nx.constraint(observed, nodes=[member.person_id])[member.person_id])


def test_local_bridges_and_their_spans():
    report = _report()
    # Ties whose ends share no contact, Wes's single tie left out: Ann-Yara, Ann-Zoe, Cy-Yara,
    # Cy-Zoe (span 3 each), Bea-Tom and Cy-Tom (span 4: around through Ann and Yara or Zoe).
    assert report.local_bridges == 6
    spans = sorted((tuple(sorted((b["a"], b["b"]))), b["span"]) for b in report.bridges)
    assert spans == [
        (("Ann Able", "Yara Why"), 3), (("Ann Able", "Zoe Zed"), 3),
        (("Bea Bee", "Tom Target"), 4), (("Cy Sea", "Tom Target"), 4),
        (("Cy Sea", "Yara Why"), 3), (("Cy Sea", "Zoe Zed"), 3),
    ]
    assert [b["span"] for b in report.bridges][:2] == [4, 4]


def test_communities_are_reproducible_and_split_two_stars():
    first, second = _report(seed=7), _report(seed=7)
    assert first.communities == second.communities
    assert sum(c["size"] for c in first.to_dict()["communities"]["largest"]) == 8
    # Two members with five connections each and one shared person: two communities.
    left = build(owner="d", owner_name="Dee", people={
        **{f"l{i}": {"name": f"Left {i}", "profile_url": _url(f"l{i}")} for i in range(5)},
        "s": {"name": "Sia Shared", "profile_url": _url("sia")}})
    right = build(owner="e", owner_name="Eve", people={
        **{f"r{i}": {"name": f"Right {i}", "profile_url": _url(f"r{i}")} for i in range(5)},
        "s": {"name": "Sia Shared", "profile_url": _url("sia")}})
    report = team_report([left, right], strengths=[{}, {}], seed=1)
    assert report.community_count == 2
    assert sorted(tuple(c["members"]) for c in report.communities) == [("Dee",), ("Eve",)]
    assert sorted(c["size"] for c in report.communities) == [6, 7]


def test_betweenness_matches_networkx_exactly_and_brokers_are_ranked():
    for seed in range(3):
        graph = nx.relabel_nodes(nx.gnm_random_graph(40, 80, seed=seed), str)
        graph.add_edge("lone-a", "lone-b")                 # a second component
        ours, theirs = betweenness(graph), nx.betweenness_centrality(graph)
        assert ours == pytest.approx(theirs, abs=1e-12)
    report = _report()
    assert report.brokers[0]["name"] == "Ann Able"
    assert report.betweenness_method.startswith("exact betweenness among the 7 people")


def test_sampled_betweenness_is_reproducible_and_close():
    graph = nx.relabel_nodes(nx.barabasi_albert_graph(300, 2, seed=1), str)
    exact = betweenness(graph)
    first = betweenness(graph, samples=150, seed=3)
    assert first == betweenness(graph, samples=150, seed=3)
    top = max(exact, key=exact.get)
    assert first[top] == pytest.approx(exact[top], rel=0.25)


def test_path_finder_prefers_strength_then_hops():
    graph = nx.Graph()
    graph.add_edge("me", "t", strength=0.05)
    graph.add_edge("me", "a", strength=0.9)
    graph.add_edge("a", "t", strength=0.8)
    graph.add_edge("me", "b", strength=0.5)
    graph.add_edge("b", "t", strength=1.0)          # strength 1: length 0 must still count
    finder = PathFinder(graph)
    # me-a-t 0.72 beats me-b-t 0.5 and me-t 0.05; fewest hops: me-t.
    assert finder.best_paths(["t"], ["me", "nobody"]) == {"me": ["me", "a", "t"]}
    assert finder.fewest_hop_paths(["t"], ["me"]) == {"me": ["me", "t"]}
    graph.add_node("island")
    assert PathFinder(graph).best_paths(["t"], ["island"]) == {}


def test_find_target_by_profile_url():
    networks, strengths = _team()
    from netaudit.graph import team_graph

    graph, _ = team_graph(networks, strengths=strengths)
    kind, nodes = find_target(graph, "https://www.linkedin.com/in/tom/")
    assert kind == "person" and len(nodes) == 1
    with pytest.raises(UsageError, match="empty"):
        find_target(graph, "  ")


def test_to_dict_has_every_section():
    data = _report(targets=["Tom Target"]).to_dict()
    assert set(data) == {"members", "overlap", "reach", "companies", "targets", "communities",
                         "brokers", "local_bridges", "graph", "notes"}
    assert data["overlap"]["members"] == ["Ann Able", "Bea Bee", "Cy Sea"]
    assert data["reach"] == {"total_distinct": 5, "sum_over_members": 9,
                             "shared_by_two_or_more": 4}
    paths = data["targets"][0]["paths"]
    assert paths[0]["best"]["tie_strengths"] == [0.9, 0.9, 0.9]
    assert data["targets"][0]["members_reaching"] == 3
    assert data["companies"] == [{"company": "Targetco", "people": 1,
                                  "by_member": {"Ann Able": 0, "Bea Bee": 1, "Cy Sea": 1}}]


def test_communities_do_not_depend_on_pythons_hash_seed():
    # Sets of strings iterate in an order that changes with PYTHONHASHSEED; the same data and
    # seed must still give the same communities in another process.
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})\n"
        "from network_builders import build\n"
        "from netaudit.analyses.team import team_report\n"
        "nets = []\n"
        "for m in range(4):\n"
        "    people = {f'm{m}p{i}': {'name': f'P{m} {i}', 'profile_url': f'in/m{m}p{i}'}\n"
        "              for i in range(30)}\n"
        "    people.update({f's{i}': {'name': f'Shared {i}', 'profile_url': f'in/s{i}'}\n"
        "                   for i in range(m * 3, m * 3 + 8)})\n"
        "    nets.append(build(owner=f'o{m}', owner_name=f'Owner {m}', people=people))\n"
        "report = team_report(nets, strengths=[{}] * 4, seed=3)\n"
        "print(json.dumps([report.communities, report.brokers]))\n"
    )
    outputs = []
    for hash_seed in ("1", "2", "5"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              env=env, check=True)
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1] == outputs[2]
