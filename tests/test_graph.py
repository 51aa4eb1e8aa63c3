"""The graph: owner edges with what the data says about each tie, ties between connections,
merging several people's networks, and the graph files."""

from __future__ import annotations

import csv

import networkx as nx
import pandas as pd
import pytest
from network_builders import ME, build, days_ago, msg

from netaudit.errors import OutputError, UsageError
from netaudit.graph import (
    EDGE_KIND_MEANING,
    MAX_EMPLOYER_GROUP,
    MAX_GROUP_SIZE,
    EdgeKind,
    GraphColumns,
    between_graph,
    codes_of,
    company_key,
    contact_codes,
    contact_events,
    ego_columns,
    ego_graph,
    ego_ties,
    group_ties,
    team_identities,
    tied_pairs,
    ties_between,
    union_graph,
)
from netaudit.model import Network, conform
from netaudit.render.graphfile import (
    GRAPH_FORMAT_MEANING,
    WRITERS,
    GraphFormat,
    clean_graph,
    edge_table,
    graph_format,
    write_graph,
)


def test_every_edge_kind_and_graph_format_is_documented_and_written():
    assert set(EDGE_KIND_MEANING) == set(EdgeKind)
    assert set(GRAPH_FORMAT_MEANING) == set(GraphFormat)
    assert set(WRITERS) == set(GraphFormat)


def _tie_network():
    return build(
        [
            msg("c1", days_ago(30), "a", ME), msg("c1", days_ago(29), ME, "a"),
            msg("c1", days_ago(28), ME, "a"),
            msg("g1", days_ago(20), ME, ("a", "b")),
            msg("c1", days_ago(27), ME, "a", is_draft=True),      # never sent
            msg("s1", days_ago(26), "a", ME, is_system=True),     # sponsored row
            msg("c1", days_ago(25), "a", ME, is_auto=True),       # out-of-office
        ],
        invitations=[{"person_id": "a", "direction": "incoming", "sent_at": days_ago(400)},
                     {"person_id": "b", "direction": "outgoing", "sent_at": days_ago(300)}],
        interactions=[
            {"person_id": "a", "kind": "endorsement", "direction": "received",
             "at": days_ago(10)},
            {"person_id": "a", "kind": "recommendation", "direction": "given",
             "at": days_ago(100)},
        ],
        people={"c": {"name": "Cy Quiet"}},
    )


def test_ego_ties_count_each_way_and_skip_drafts_system_rows_and_auto_replies():
    table = ego_ties(_tie_network()).set_index("person_id")
    a = table.loc["a"]
    # a wrote once (30 d); you wrote 29 d, 28 d and once to the group (20 d).
    assert (a["messages_to_owner"], a["messages_from_owner"]) == (1, 3)
    assert (a["conversations_1to1"], a["conversations_group"]) == (1, 1)
    assert a["first_contact"] == days_ago(100).isoformat()   # the recommendation you gave
    assert a["last_contact"] == days_ago(10).isoformat()     # the endorsement they gave
    assert (a["endorsements_received"], a["recommendations_given"]) == (1, 1)
    assert (a["endorsements_given"], a["recommendations_received"]) == (0, 0)
    assert a["invited_by"] == "them"
    assert table.loc["b", "invited_by"] == "owner"
    assert table.loc["b", "messages_from_owner"] == 1
    assert table.loc["c"].tolist()[:2] == [0, 0]
    assert table.loc["c", "first_contact"] == ""


def test_contact_events_are_one_row_per_recipient():
    events = contact_events(_tie_network())
    group = events[events["conversation_id"] == "g1"]
    assert sorted(group["person_id"]) == ["a", "b"]
    assert group["from_owner"].all() and group["is_group"].all()


def test_contact_codes_are_the_contact_events_as_codes():
    # a: the recommendation you gave (100 d), their message (30 d), yours (29 d, 28 d), the
    # group message (20 d), their endorsement (10 d); b: the group message. The drafts,
    # sponsored rows and auto-replies are left out, as in contact_events.
    network = _tie_network()
    codes = contact_codes(network)
    assert list(codes.people) == ["a", "b"] and codes.person.tolist() == [0] * 6 + [1]
    assert [codes.kinds[k] for k in codes.kind] == [
        "recommendation", "message", "message", "message", "message", "endorsement", "message"]
    assert codes.is_kind("message").tolist() == [False, True, True, True, True, False, True]
    assert not codes.is_kind("invitation").any()
    assert codes.from_owner.tolist() == [True, False, True, True, True, False, True]
    assert codes.is_group.tolist() == [False] * 4 + [True, False, True]
    # c1 three times, g1 for a and for b, and '' for the recommendation and the endorsement.
    c1, g1, none = codes.conversation[1], codes.conversation[4], codes.conversation[0]
    assert codes.conversation.tolist() == [none, c1, c1, c1, g1, none, g1]
    assert len({c1, g1, none}) == 3
    # The message log does not say its network (''); recommendations are LinkedIn's.
    assert [codes.channels[k] for k in codes.channel] == [
        "linkedin", "", "", "", "", "linkedin", ""]
    events = contact_events(network)
    assert codes.at.equals(events["at"])
    # The codes of the events table: numbered otherwise, the same texts and groups.
    again = codes_of(events)
    for name in ("person", "from_owner", "is_group"):
        assert getattr(again, name).tolist() == getattr(codes, name).tolist(), name
    assert list(again.people) == list(codes.people)
    assert [again.kinds[k] for k in again.kind] == [codes.kinds[k] for k in codes.kind]
    assert [again.channels[k] for k in again.channel] == [
        codes.channels[k] for k in codes.channel]
    assert pd.factorize(again.conversation)[0].tolist() == pd.factorize(
        codes.conversation)[0].tolist()


def test_ego_graph_has_an_owner_edge_to_everyone_with_the_tie_attributes():
    graph = ego_graph(_tie_network(), strengths={"a": 0.7})
    assert graph.graph["owner"] == ME
    assert sorted(graph[ME]) == ["a", "b", "c"]
    edge = graph.edges[ME, "a"]
    assert edge["kind"] == "owner"
    assert edge["strength"] == 0.7
    assert (edge["messages_from_owner"], edge["messages_to_owner"]) == (3, 1)
    assert graph.edges[ME, "c"]["strength"] == 0.0
    assert "email" not in graph.nodes["a"]
    # a and b were together in the group conversation g1
    assert graph.edges["a", "b"]["kind"] == "group"
    assert graph.edges["a", "b"]["group_conversations"] == 1


def test_group_conversations_larger_than_the_cap_make_no_ties():
    big = tuple(f"p{i}" for i in range(MAX_GROUP_SIZE + 1))
    small = tuple(f"p{i}" for i in range(MAX_GROUP_SIZE))
    graph = ego_graph(build([msg("big", days_ago(5), ME, big)]))
    assert [e for e in graph.edges(data="kind") if e[2] == "group"] == []
    graph = ego_graph(build([msg("small", days_ago(5), ME, small)]))
    # 20 participants: 20 * 19 / 2 pairs
    assert sum(1 for e in graph.edges(data="kind") if e[2] == "group") == 190


def test_employer_ties_use_the_normalized_company_and_the_size_cap():
    assert company_key("Acme, Inc.") == company_key("ACME Inc") == "acme"
    assert company_key("Zürich Re AG") == "zurich re"
    people = {"a": {"company": "Acme, Inc."}, "b": {"company": "ACME"},
              "h": {"company": "Acme", "hidden": True, "name": ""},
              "x": {"company": "Other"}}
    people |= {f"big{i}": {"company": "Huge Corp"} for i in range(MAX_EMPLOYER_GROUP + 1)}
    network = build(people=people)
    network.people.loc[network.people["person_id"] == ME, "company"] = "Acme"
    graph = ego_graph(network)
    employer = sorted((a, b) for a, b, kind in graph.edges(data="kind") if kind == "employer")
    assert employer == [("a", "b")]           # owner, hidden profile and Huge Corp left out
    assert graph.edges["a", "b"]["employer"] == "Acme, Inc."


def test_a_pair_with_several_kinds_keeps_the_strongest_and_records_the_others():
    network = build([msg("g", days_ago(3), ME, ("a", "b"))],
                    people={"a": {"company": "Acme"}, "b": {"company": "Acme"}})
    edge = ego_graph(network).edges["a", "b"]
    assert (edge["kind"], edge["same_employer"], edge["group_conversations"]) == (
        "group", True, 1)


def test_between_graph_is_the_ego_graph_without_the_owner_with_roles_only():
    # a and b share group conversation g (and the employer Acme), c and d the employer Beta;
    # the owner's group conversation with a and e makes a-e a group tie as well.
    network = build([msg("g", days_ago(3), ME, ("a", "b")), msg("h", days_ago(2), ME, ("a", "e"))],
                    people={"a": {"company": "Acme", "position": "Technical Recruiter"},
                            "b": {"company": "Acme"}, "c": {"company": "Beta"},
                            "d": {"company": "Beta Inc."}})
    full, between = ego_graph(network), between_graph(network)
    # Nodes: everyone but the owner, in the ego graph's order; each with its role family only.
    assert list(between) == [n for n in full if n != ME]
    assert between.nodes["a"] == {"role": full.nodes["a"]["role"]}
    assert between.nodes["a"]["role"] != between.nodes["b"]["role"]
    # Edges: the 3 between people (a-b group and employer, a-e group, c-d employer), listed in
    # the ego graph's order with the same attributes; none of the owner's 5.
    listed = [(u, v, d) for u, v, d in full.edges(data=True) if ME not in (u, v)]
    assert list(between.edges(data=True)) == listed
    assert sorted(between.edges(data="kind")) == [("a", "b", "group"), ("a", "e", "group"),
                                                  ("c", "d", "employer")]
    assert between.edges["a", "b"]["same_employer"] is True
    assert full.degree(ME) == 5


def test_ties_between_read_as_the_between_graph_without_networkx():
    # a-b share group conversation g and the employer Acme (one edge, both recorded), c-d the
    # employer Beta, a-e a group; f is in no tie.
    network = build([msg("g", days_ago(3), ME, ("a", "b")), msg("h", days_ago(2), ME, ("a", "e"))],
                    people={"a": {"company": "Acme", "position": "Technical Recruiter"},
                            "b": {"company": "Acme"}, "c": {"company": "Beta"},
                            "d": {"company": "Beta Inc."}, "f": {}})
    graph, ties = between_graph(network), ties_between(network)
    assert list(ties) == list(graph) and len(ties) == len(graph)
    assert "f" in ties and ME not in ties and "nobody" not in ties
    assert all(ties.nodes[n] == graph.nodes[n] for n in graph)
    assert ties.nodes["a"]["role"] != ties.nodes["b"]["role"]
    # Each node's neighbours in the order networkx keeps them, with the same attributes.
    assert {n: list(ties.adj[n].items()) for n in ties} == {
        n: list(graph.adj[n].items()) for n in graph}
    assert ties.adj["a"]["b"] == {"kind": "group", "group_conversations": 1,
                                  "same_employer": True, "strength": 0.1, "employer": "Acme"}
    assert ties.adj["f"] == {}
    assert ties.edges() == [("a", "b"), ("a", "e"), ("c", "d")]
    made = ties.to_networkx()
    assert list(made.nodes(data=True)) == list(graph.nodes(data=True))
    assert list(made.edges(data=True)) == list(graph.edges(data=True))
    assert made.graph == graph.graph == {"owner": ME}


def test_tied_pairs_are_the_between_graph_edges_without_a_graph():
    # Group ties from real messages only (not the draft to d, not the system row to e); the
    # employer ties of Acme hold only without the 'LinkedIn Member' of a system message, who
    # is not a connection, works at Acme and would make Acme one person too big for ties; x,
    # no connection either but in no system message, keeps its employer tie to y.
    acme = {f"acme{i}": {"company": "Acme"} for i in range(MAX_EMPLOYER_GROUP)}
    network = build([msg("g", days_ago(3), "a", ("b", "c", ME)),
                     msg("g", days_ago(2), "b", ("a", "c", ME)),
                     msg("g", days_ago(1), ME, ("a", "b", "c", "d"), is_draft=True),
                     msg("s", days_ago(1), "lm", (ME, "e", "f"), is_system=True)],
                    people={**acme, "lm": {"company": "Acme", "is_connection": False,
                                           "name": "LinkedIn Member"},
                            "x": {"company": "Beta", "is_connection": False},
                            "y": {"company": "Beta"}})
    assert list(group_ties(network).items()) == [(("a", "b"), 1), (("a", "c"), 1),
                                                  (("b", "c"), 1)]
    pairs = tied_pairs(network)
    assert pairs == {tuple(sorted(edge)) for edge in between_graph(network).edges()}
    assert len(pairs) == 3 + MAX_EMPLOYER_GROUP * (MAX_EMPLOYER_GROUP - 1) // 2 + 1
    assert ("x", "y") in pairs and ("acme0", "acme1") in pairs


# ---- several people's networks -------------------------------------------------------------

def _people_network(prefix, rows):
    frame = pd.DataFrame([{"person_id": f"{prefix}{i}", **row} for i, row in enumerate(rows)])
    return Network(people=conform(frame, "people"))


TRICKY = [
    [{"name": "Ana Ruiz", "profile_url": "linkedin.com/in/ana1", "company": "Acme"},
     {"name": "Bo Li", "email": "bo@example.com"},
     {"name": "Cy Young"},
     {"name": "Dee Dee", "profile_url": "linkedin.com/in/dee"},
     {"name": ""}],                                       # a hidden profile
    [{"name": "Ana Ruiz", "profile_url": "linkedin.com/in/ana2", "company": "Beta"},  # namesake
     {"name": "Bo Li", "profile_url": "linkedin.com/in/bo", "email": "bo@example.com"},
     {"name": "Cy Young"},
     {"name": "Eve Solo", "profile_url": "linkedin.com/in/eve"}],
    [{"name": "Ana Ruiz", "company": "ACME"},             # name only: the Ana at Acme
     {"name": "Bo Li", "profile_url": "linkedin.com/in/bo"},
     {"name": "Dee Dee", "profile_url": "linkedin.com/in/dee"},
     {"name": ""}],
]


def test_team_identities_follow_the_identity_rule_across_networks():
    networks = [_people_network(f"n{i}-", rows) for i, rows in enumerate(TRICKY)]
    mappings = team_identities(networks)
    got = {f"{i}/{pid}": team for i, mapping in enumerate(mappings)
           for pid, team in mapping.items()}
    # By hand: Bo (e-mail, then URL), Cy (name), Dee (URL) merge; two Anas with two profiles
    # stay apart, and the name-only Ana joins the one at the same company.
    assert got["0/n0-1"] == got["1/n1-1"] == got["2/n2-1"]
    assert got["0/n0-2"] == got["1/n1-2"]
    assert got["0/n0-3"] == got["2/n2-2"]
    assert got["0/n0-0"] != got["1/n1-0"]
    assert got["2/n2-0"] == got["0/n0-0"]
    assert got["0/n0-4"] != got["2/n2-3"]                 # hidden profiles never merge
    # 13 rows; Bo 3 -> 1, Cy 2 -> 1, Dee 2 -> 1, the name-only Ana joins: 13 - 5 people
    assert len(set(got.values())) == 8


def test_union_graph_merges_nodes_and_keeps_the_strongest_edge():
    a = nx.Graph()
    a.add_node("x", name="", company="Acme", hidden=False)
    a.add_edge("A", "x", kind="owner", strength=0.2, group_conversations=0)
    a.add_edge("A", "B", kind="owner", strength=0.9, group_conversations=0)
    b = nx.Graph()
    b.add_node("x", name="Xi", company="", hidden=True)
    b.add_edge("B", "x", kind="owner", strength=0.7, group_conversations=0)
    b.add_edge("B", "A", kind="owner", strength=0.5, group_conversations=0)
    b.add_edge("x", "y", kind="group", strength=0.1, group_conversations=2)
    union = union_graph([a, b], ["A", "B"])
    assert union.nodes["x"]["name"] == "Xi" and union.nodes["x"]["company"] == "Acme"
    assert union.nodes["x"]["hidden"] is True
    assert union.nodes["A"]["member"] and not union.nodes["x"]["member"]
    assert union.edges["A", "B"]["strength"] == 0.9
    assert union.edges["A", "B"]["members"] == "A; B"
    assert union.edges["x", "y"]["members"] == "B"
    assert union.number_of_edges() == 4


# ---- graph files ----------------------------------------------------------------------------

def test_graph_format_follows_the_suffix_and_names_the_supported_ones(tmp_path):
    assert graph_format(tmp_path / "a.GraphML") is GraphFormat.GRAPHML
    with pytest.raises(UsageError) as error:
        graph_format(tmp_path / "a.json")
    assert "cannot write a graph as '.json'" in str(error.value)
    assert ".graphml, .gexf or .csv" in str(error.value)


def test_graphml_and_gexf_read_back_with_every_attribute(tmp_path):
    graph = ego_graph(_tie_network(), strengths={"a": 0.7})
    graph.edges["a", "b"]["members"] = ("A", "B")                 # a tuple
    graph.nodes["c"]["note"] = None                                # None
    for suffix, read in ((".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
        path = write_graph(graph, tmp_path / f"net{suffix}")
        back = read(path)
        assert back.number_of_nodes() == 4 and back.number_of_edges() == 4
        edge = back.edges[ME, "a"]
        assert edge["messages_from_owner"] == 3 and edge["strength"] == 0.7
        assert back.edges["a", "b"]["members"] == "A; B"
        assert back.edges[ME, "a"]["members"] == ""                # default for the others


def test_clean_graph_gives_one_type_per_attribute():
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=1, when=pd.Timestamp("2024-01-02", tz="UTC"))
    graph.add_edge("b", "c", weight=0.5)
    clean = clean_graph(graph)
    assert clean.edges["a", "b"]["weight"] == 1.0
    assert clean.edges["a", "b"]["when"] == "2024-01-02T00:00:00+00:00"
    assert clean.edges["b", "c"]["when"] == ""
    assert clean.nodes["a"]["label"] == "a"


def test_csv_edge_list_is_formula_safe_and_not_overwritten(tmp_path):
    network = build([msg("c", days_ago(1), "a", ME)],
                    people={"a": {"name": "=HYPERLINK(1)"}})
    graph = ego_graph(network)
    table = edge_table(graph)
    assert table.columns.tolist()[:6] == ["source", "target", "source_name", "target_name",
                                          "kind", "strength"]
    path = write_graph(graph, tmp_path / "edges.csv")
    with open(path, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 1
    assert rows[0]["target_name"] == "'=HYPERLINK(1)"
    assert rows[0]["messages_to_owner"] == "1"
    with pytest.raises(OutputError, match="already exists"):
        write_graph(graph, path)
    write_graph(graph, path, force=True)


def test_bulk_adding_nodes_and_a_star_keeps_networkx_semantics():
    from netaudit.graph import _add_nodes, _add_star

    graph = nx.Graph()
    _add_nodes(graph, ["a", "b"], [{"x": 1}, {"x": 2}])
    _add_star(graph, "me", ["b", "a"], [{"k": 1}, {"k": 2}])
    assert list(graph.nodes(data=True)) == [("a", {"x": 1}), ("b", {"x": 2}), ("me", {})]
    assert list(graph.edges(data=True)) == [("a", "me", {"k": 2}), ("b", "me", {"k": 1})]
    assert graph.adj["me"]["a"] is graph.adj["a"]["me"]      # one dict for both ends
    # A repeated other, the center among the others, a new node: networkx's own way
    # (a repeated edge updated, a self-loop, the new node added after the others).
    _add_star(graph, "me", ["a", "a", "me", "c"], [{"k": 3}, {"j": 4}, {}, {"k": 5}])
    assert graph.edges["a", "me"] == {"k": 3, "j": 4}
    assert graph.has_edge("me", "me") and list(graph.nodes)[-1] == "c"
    _add_nodes(graph, ["a", "d"], [{"y": 0}, {}])               # not empty: updated in place
    assert graph.nodes["a"] == {"x": 1, "y": 0} and "d" in graph


def _owner_in_the_middle():
    """The owner third of five people, a group and an employer tie on the same pair, a group
    tie to a person before the owner, an employer tie alone: edges that networkx gives from
    either end and with either set of attribute names first."""
    return build([msg("g", days_ago(3), ME, ("b", "a")), msg("h", days_ago(2), ME, ("d", "a")),
                  msg("c", days_ago(1), "d", ME)],
                 people={"d": {"company": "Beta"}, "a": {"company": "Acme"},
                         ME: {"name": "Me"}, "b": {"company": "Acme Inc."},
                         "e": {"company": "Beta"}})


def _owner_first():
    """The owner first (as in an export), ties between people in either order."""
    return build([msg("g", days_ago(3), ME, ("e", "b")), msg("h", days_ago(2), ME, ("d", "a")),
                  msg("c", days_ago(1), "d", ME)],
                 people={ME: {"name": "Me"}, "d": {"company": "Beta"}, "a": {"company": "Acme"},
                         "b": {"company": "Acme Inc."}, "e": {"company": "Beta"}})


@pytest.mark.parametrize("network", [_owner_in_the_middle(), _tie_network(), _owner_first()])
def test_ego_columns_are_the_columns_of_the_ego_graph(network):
    strengths = {"a": 0.5, "d": 0.25}
    graph = ego_graph(network, strengths=strengths)
    columns = ego_columns(network, strengths=strengths)
    expected = GraphColumns.of(graph)
    assert columns.complete  # built from the columns, not read back from a graph
    assert (columns.data, columns.nodes, columns.sources, columns.targets) == (
        expected.data, expected.nodes, expected.sources, expected.targets)
    for mine, theirs in ((columns.node_columns, expected.node_columns),
                         (columns.edge_columns, expected.edge_columns)):
        assert list(mine) == list(theirs)  # the names in the same order of first use
        for name in mine:
            assert [(type(v), v) for v in mine[name]] == [(type(v), v) for v in theirs[name]]
    built = columns.to_networkx()
    assert list(built.nodes(data=True)) == list(graph.nodes(data=True))
    assert list(built.edges(data=True)) == list(graph.edges(data=True))


def test_owner_in_the_middle_gives_edges_from_either_end():
    columns = ego_columns(_owner_in_the_middle())
    edges = list(zip(columns.sources, columns.targets, columns.edge_columns["kind"],
                     strict=True))
    # Node order d, a, me, b, e: each edge from the first of its ends, in the order it was
    # added to that end (the owner edges first, then group, then employer ties).
    assert edges == [("d", ME, "owner"), ("d", "a", "group"), ("d", "e", "employer"),
                     ("a", ME, "owner"), ("a", "b", "group"), (ME, "b", "owner"),
                     (ME, "e", "owner")]
    assert columns.edge_columns["employer"] == [None, None, "Beta", None, "Acme", None, None]


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".csv"])
def test_graph_files_from_columns_are_the_graphs_files(tmp_path, suffix):
    from netaudit.render.anonymize import Pseudonyms, anonymous_graph

    network = _owner_in_the_middle()
    graph, columns = ego_graph(network), ego_columns(network)
    names = Pseudonyms(network.people, enabled=True, companies=True, key=bytes(32))
    for name, drawn in (("graph", graph), ("columns", columns),
                        ("anonymous-graph", anonymous_graph(graph, names)),
                        ("anonymous-columns", anonymous_graph(columns, names))):
        write_graph(drawn, tmp_path / f"{name}{suffix}")
    assert isinstance(anonymous_graph(columns, names), GraphColumns)
    assert (tmp_path / f"graph{suffix}").read_bytes() == (
        tmp_path / f"columns{suffix}").read_bytes()
    assert (tmp_path / f"anonymous-graph{suffix}").read_bytes() == (
        tmp_path / f"anonymous-columns{suffix}").read_bytes()
    assert b"Acme" not in (tmp_path / f"anonymous-columns{suffix}").read_bytes()


def test_edge_kind_counts_of_a_graph_and_of_its_columns():
    from netaudit.graph import edge_kind_counts

    network = _owner_in_the_middle()
    assert edge_kind_counts(ego_columns(network)) == edge_kind_counts(ego_graph(network)) == {
        "owner": 4, "group": 2, "employer": 1}
    graph = nx.Graph()
    graph.add_edge("a", "b")
    assert edge_kind_counts(GraphColumns.of(graph)) == edge_kind_counts(graph) == {"": 1}
