"""Tie strength: each component alone on a hand-built network, the score, layers, statuses
and the action lists. Every expected number is worked out in the comment beside it."""

from __future__ import annotations

import pandas as pd
import pytest
from network_builders import AS_OF, DAY, ME, build, days_ago, msg

from netaudit.analyses.ties import (
    COMPONENT_MEANING,
    DEFAULT_WEIGHTS,
    LAYER_LIMIT,
    STATUS_MEANING,
    Component,
    Layer,
    Status,
    latest_timestamp,
    parse_as_of,
    parse_weights,
    tie_strength,
)
from netaudit.errors import UsageError

ONLY_RECENCY = {c.value: 0.0 for c in Component} | {"recency": 1.0}


def row(result, pid):
    rows = result.rows[result.rows["person_id"] == pid]
    assert len(rows) == 1, pid
    return rows.iloc[0]


def test_every_component_status_and_layer_is_documented():
    assert set(COMPONENT_MEANING) == set(Component)
    assert set(DEFAULT_WEIGHTS) == {c.value for c in Component}
    assert sum(DEFAULT_WEIGHTS.values()) == pytest.approx(1.0)
    assert set(STATUS_MEANING) == set(Status)
    assert set(LAYER_LIMIT) == set(Layer)


# ---- each component alone ---------------------------------------------------------------------

def test_recency_halves_every_180_days_and_ignores_events_after_as_of():
    network = build([
        msg("ca", days_ago(180), "a", ME),          # 0.5 ** (180 / 180) = 0.5
        msg("cb", days_ago(360), "b", ME),          # 0.5 ** 2 = 0.25
        msg("cd", AS_OF, "d", ME),                  # 0.5 ** 0 = 1
        msg("ce", AS_OF + 10 * DAY, "e", ME),       # after as-of: no contact at all
    ], people={"c": {}})
    result = tie_strength(network, as_of=AS_OF)
    assert row(result, "a")["recency"] == pytest.approx(0.5)
    assert row(result, "b")["recency"] == pytest.approx(0.25)
    assert row(result, "d")["recency"] == pytest.approx(1.0)
    assert row(result, "c")["recency"] == 0.0
    assert row(result, "e")["recency"] == 0.0
    assert row(result, "e")["status"] == "dormant"


def test_frequency_counts_the_last_90_days_and_ever():
    recent = [msg(f"f{d}", days_ago(d), "f", ME) for d in (10, 20, 30)]
    older = [msg(f"f{d}", days_ago(d), "f", ME) for d in range(100, 117)]
    network = build([*recent, *older, msg("g", days_ago(90), "g", ME)])
    result = tie_strength(network, as_of=AS_OF)
    # f: r = 3, e = 20: 0.5 * 3/6 + 0.5 * 20/40 = 0.5
    assert row(result, "f")["messages_last_90_days"] == 3
    assert row(result, "f")["frequency"] == pytest.approx(0.5)
    # g: exactly 90 days ago is outside (as_of - 90 d, as_of]: r = 0, e = 1: 0.5 * 1/21
    assert row(result, "g")["messages_last_90_days"] == 0
    assert row(result, "g")["frequency"] == pytest.approx(0.5 / 21)


def _reciprocity_network():
    return build([
        # h: only you wrote: nobody answered your one outreach -> 0
        msg("ch", days_ago(10), ME, "h"),
        # i: they wrote first, you answered: both wrote (1) and you made no outreach, so the
        # share is taken as "both wrote" (1) -> 1.0
        msg("ci", days_ago(20), "i", ME), msg("ci", days_ago(19), ME, "i"),
        # j: four outreaches in four conversations, one answered within 30 days:
        # 0.5 * 1 + 0.5 * 1/4 = 0.625
        msg("j1", days_ago(200), ME, "j"), msg("j1", days_ago(199), "j", ME),
        msg("j2", days_ago(150), ME, "j"), msg("j3", days_ago(100), ME, "j"),
        msg("j4", days_ago(50), ME, "j"),
    ])


def test_reciprocity_is_both_wrote_and_the_share_of_outreach_answered():
    result = tie_strength(_reciprocity_network(), as_of=AS_OF)
    assert row(result, "h")["reciprocity"] == 0.0
    assert row(result, "i")["reciprocity"] == pytest.approx(1.0)
    assert row(result, "j")["reciprocity"] == pytest.approx(0.625)
    assert "share of your outreach" in result.reciprocity


def test_duration_counts_from_the_first_contact():
    network = build([msg("ck", days_ago(365), "k", ME), msg("ck", days_ago(10), ME, "k")])
    result = tie_strength(network, as_of=AS_OF)
    # d = 365: 365 / (365 + 365) = 0.5, whatever came later
    assert row(result, "k")["duration"] == pytest.approx(0.5)


def test_services_weigh_recommendations_double_on_each_side():
    network = build(interactions=[
        # l: received 1 recommendation (2 points), gave 2 endorsements (2 points):
        # 0.5 * 2/4 + 0.5 * 2/4 = 0.5
        {"person_id": "l", "kind": "recommendation", "direction": "received",
         "at": days_ago(30)},
        {"person_id": "l", "kind": "endorsement", "direction": "given", "at": days_ago(40)},
        {"person_id": "l", "kind": "endorsement", "direction": "given", "at": days_ago(41)},
        # m: one endorsement received: 0.5 * 0 + 0.5 * 1/3
        {"person_id": "m", "kind": "endorsement", "direction": "received", "at": days_ago(5)},
    ])
    result = tie_strength(network, as_of=AS_OF)
    assert row(result, "l")["services"] == pytest.approx(0.5)
    assert row(result, "m")["services"] == pytest.approx(1 / 6)
    # Services are contacts: not dormant; no messages: not one-way.
    assert row(result, "l")["status"] == "active"
    assert row(result, "l")["intimacy"] == 0.0


def test_intimacy_is_one_for_1to1_a_quarter_for_group_only():
    network = build([
        msg("cn", days_ago(5), "n", ME),
        msg("group", days_ago(6), ME, ("o", "p")),
    ], people={"q": {}})
    result = tie_strength(network, as_of=AS_OF)
    assert row(result, "n")["intimacy"] == 1.0
    assert row(result, "o")["intimacy"] == 0.25
    assert row(result, "q")["intimacy"] == 0.0


# ---- the score ----------------------------------------------------------------------------

def test_score_is_the_weighted_mean_of_the_components():
    network = build([msg("cr", days_ago(20), "r", ME), msg("cr", days_ago(19), ME, "r")])
    result = tie_strength(network, as_of=AS_OF)
    recency = 0.5 ** (19 / 180)
    frequency = 0.5 * 2 / 5 + 0.5 * 2 / 22        # r = e = 2
    reciprocity = 1.0                             # both wrote; your message was an answer
    duration = 20 / 385
    expected = (0.30 * recency + 0.20 * duration + 0.15 * frequency + 0.15 * reciprocity
                + 0.10 * 1.0 + 0.10 * 0.0)        # intimacy 1 (1:1), services 0
    assert row(result, "r")["score"] == pytest.approx(expected)


def test_weights_override_and_are_renormalized():
    network = build([msg("ck", days_ago(365), "k", ME), msg("ck", days_ago(10), ME, "k")])
    weights = {c.value: 0.0 for c in Component} | {"recency": 2.0, "duration": 2.0}
    result = tie_strength(network, as_of=AS_OF, weights=weights)
    # (2 * 0.5 ** (10/180) + 2 * 0.5) / 4
    assert row(result, "k")["score"] == pytest.approx((0.5 ** (10 / 180) + 0.5) / 2)


def test_parse_weights_replaces_named_weights_and_rejects_bad_ones():
    weights = parse_weights("recency=0.5, Services=0")
    assert weights == DEFAULT_WEIGHTS | {"recency": 0.5, "services": 0.0}
    assert parse_weights(None) == DEFAULT_WEIGHTS
    with pytest.raises(UsageError) as unknown:
        parse_weights("warmth=1")
    assert "unknown component 'warmth'" in str(unknown.value)
    assert ("recency, frequency, reciprocity, duration, services, intimacy"
            in str(unknown.value))
    for bad in ("recency=-1", "recency=abc", "recency", "recency=nan"):
        with pytest.raises(UsageError):
            parse_weights(bad)
    with pytest.raises(UsageError, match="every weight is 0"):
        parse_weights(",".join(f"{c.value}=0" for c in Component))


def test_as_of_is_the_latest_date_in_the_data_by_default():
    network = build([msg("c", pd.Timestamp("2024-03-01 10:00", tz="UTC"), "a", ME)],
                    people={"a": {"connected_on": pd.Timestamp("2024-02-01", tz="UTC")}})
    assert latest_timestamp(network) == pd.Timestamp("2024-03-01 10:00", tz="UTC")
    assert tie_strength(network).as_of == "2024-03-01T10:00:00+00:00"
    assert str(parse_as_of("2024-03-01")) == "2024-03-01 23:59:59.999999+00:00"
    with pytest.raises(UsageError, match="is not a date"):
        parse_as_of("yesterday")


# ---- layers -------------------------------------------------------------------------------

def test_layers_by_rank_5_15_50_150_and_zero_scores_are_rest():
    # 160 people, person i last heard from i + 1 days ago: scores strictly decrease with i.
    messages = [msg(f"c{i}", days_ago(i + 1), f"p{i:03d}", ME) for i in range(160)]
    result = tie_strength(build(messages, people={"zero": {}}), as_of=AS_OF,
                          weights=ONLY_RECENCY)
    assert result.layers == {"ranks 1-5": 5, "ranks 6-15": 10, "ranks 16-50": 35,
                             "ranks 51-150": 100, "rest": 11}
    assert row(result, "p004")["layer"] == "ranks 1-5"
    assert row(result, "p005")["layer"] == "ranks 6-15"
    assert row(result, "p149")["layer"] == "ranks 51-150"
    assert row(result, "p150")["layer"] == "rest"
    assert row(result, "zero")["layer"] == "rest"
    assert result.rows["person_id"].tolist()[:3] == ["p000", "p001", "p002"]


def test_equal_scores_are_ranked_by_name():
    messages = [msg(f"c{i}", days_ago(i + 1), f"p{i}", ME) for i in range(4)]
    messages += [msg("cb", days_ago(10), "bob", ME), msg("ca", days_ago(10), "ann", ME)]
    people = {"bob": {"name": "Bob Abe"}, "ann": {"name": "Ann Zed"}}
    result = tie_strength(build(messages, people=people), as_of=AS_OF, weights=ONLY_RECENCY)
    # Four stronger ties, then Ann and Bob with the same score: "ann zed" < "bob abe".
    assert row(result, "ann")["layer"] == "ranks 1-5"
    assert row(result, "bob")["layer"] == "ranks 6-15"


def test_equal_scores_silences_and_names_are_ranked_by_id():
    # Four stronger ties (heard from 1-4 days ago), then three people heard from 10 days ago:
    # the same score and silence; "kim-2" and "kim-1" share the name "Kim Lee", "abe" is
    # "Abe Zu". Name first ("abe zu" < "kim lee"), then id: abe rank 5, kim-1 rank 6,
    # kim-2 rank 7.
    messages = [msg(f"c{i}", days_ago(i + 1), f"p{i}", ME) for i in range(4)]
    messages += [msg("c7", days_ago(10), "kim-2", ME), msg("c8", days_ago(10), "kim-1", ME),
                 msg("c9", days_ago(10), "abe", ME)]
    people = {"kim-2": {"name": "Kim Lee"}, "kim-1": {"name": "Kim Lee"},
              "abe": {"name": "Abe Zu"}}
    result = tie_strength(build(messages, people=people), as_of=AS_OF, weights=ONLY_RECENCY)
    assert result.rows["person_id"].tolist()[4:] == ["abe", "kim-1", "kim-2"]
    assert row(result, "abe")["layer"] == "ranks 1-5"
    assert row(result, "kim-1")["layer"] == "ranks 6-15"


def test_each_ring_is_named_by_the_ranks_it_holds():
    # Issue 11: 4 people, 3 heard from (scores above 0, ranks 1-3) and 1 silent (score 0):
    # "ranks 1-5" holds 3 and "ranks 6-15" holds 0 (before, "top 15: 0 of 4" read as if
    # nobody ranked within 15). The silent one scores 0 -> rest.
    messages = [msg(f"c{i}", days_ago(i + 1), f"p{i}", ME) for i in range(3)]
    result = tie_strength(build(messages, people={"silent": {}}), as_of=AS_OF,
                          weights=ONLY_RECENCY)
    assert result.layers == {"ranks 1-5": 3, "ranks 6-15": 0, "ranks 16-50": 0,
                             "ranks 51-150": 0, "rest": 1}


# ---- statuses and the action lists ----------------------------------------------------------

def _status_network():
    return build([
        # s1: they wrote twice, you never answered -> one-way, prune (unsolicited)
        msg("c1", days_ago(40), "s1", ME), msg("c1", days_ago(30), "s1", ME),
        # s2: you wrote once, no answer -> one-way, not a prune candidate
        msg("c2", days_ago(5), ME, "s2"),
        # s3: contact days 111, 101, 91 days ago: median gap 10 -> usual gap 30 (the floor);
        # silent 91 > 3 x 30 -> fading
        msg("c3", days_ago(111), "s3", ME), msg("c3", days_ago(101), ME, "s3"),
        msg("c3", days_ago(91), "s3", ME),
        # s4: the same pattern a day later: silent 90, not more than 90 -> active
        msg("c4", days_ago(110), "s4", ME), msg("c4", days_ago(100), ME, "s4"),
        msg("c4", days_ago(90), "s4", ME),
        # s5: contacts 400 and 200 days ago: usual gap 200; silent 200 <= 600 -> active
        msg("c5", days_ago(400), "s5", ME), msg("c5", days_ago(200), ME, "s5"),
    ], people={
        "dormant_old": {"name": "Old Quiet", "connected_on": days_ago(366)},
        "dormant_new": {"name": "New Quiet", "connected_on": days_ago(364)},
        "hidden": {"name": "", "hidden": True, "connected_on": days_ago(400)},
        "later": {"name": "Made Later", "connected_on": AS_OF + DAY},
    })


def test_statuses_active_fading_dormant_one_way():
    result = tie_strength(_status_network(), as_of=AS_OF)
    statuses = dict(zip(result.rows["person_id"], result.rows["status"], strict=True))
    assert statuses == {
        "s1": "one-way", "s2": "one-way", "s3": "fading", "s4": "active", "s5": "active",
        "dormant_old": "dormant", "dormant_new": "dormant", "hidden": "dormant",
    }  # "later" connected after the as-of date: not scored
    assert result.statuses == {"active": 2, "fading": 1, "dormant": 3, "one-way": 2}
    assert row(result, "s3")["usual_gap_days"] == 10.0
    assert row(result, "s5")["usual_gap_days"] == 200.0
    # unknown network: 3 dormant of the 8 connections scored
    assert (result.unknown_network, result.connections) == (3, 8)


def test_reengage_lists_fading_ties_with_a_strong_past():
    result = tie_strength(_status_network(), as_of=AS_OF)
    # s3 without recency: frequency 0.5 * 3/23, reciprocity 1 (your message was an answer),
    # duration 111/476, intimacy 1, services 0:
    # (0.20 * 111/476 + 0.15 * 1.5/23 + 0.15 + 0.10) / 0.70 = 0.4377 >= 0.35
    assert [(s.person_id, s.reason) for s in result.reengage] == [
        ("s3", "3 messages 1:1 over 20 days, last 2024-04-01; silent 91 days against a "
               "usual gap of 30 days"),
    ]
    assert result.reengage[0].score == pytest.approx(
        (0.20 * 111 / 476 + 0.15 * 1.5 / 23 + 0.15 + 0.10) / 0.70, abs=1e-4)


def test_prune_lists_unsolicited_pitches_then_connections_dormant_over_a_year():
    result = tie_strength(_status_network(), as_of=AS_OF)
    assert [(s.name, s.reason) for s in result.prune] == [
        ("S1", "2 messages from them since 2024-05-22, you never answered"),
        # 366 days before 2024-07-01 (a leap year) is 2023-07-01; 366 / 365.25 = 1.0 years
        ("Old Quiet", "connected 2023-07-01 (1.0 years before 2024-07-01), no message, "
                      "recommendation or endorsement since"),
    ]


def test_first_suggestions_are_the_lists_heads_without_making_the_lists():
    # The prune list of _status_network is S1 (a pitch) then Old Quiet (dormant over a year):
    # its first 1 is S1 alone; its first 2 or 5 both; 2 in all each time. Re-engage: s3 alone.
    result = tie_strength(_status_network(), as_of=AS_OF)
    names = {n: [s.name for s in result.first("prune", n)[0]] for n in (0, 1, 2, 5)}
    assert names == {0: [], 1: ["S1"], 2: ["S1", "Old Quiet"], 5: ["S1", "Old Quiet"]}
    assert {result.first("prune", n)[1] for n in (0, 1, 2, 5)} == {2}
    assert [s.person_id for s in result.first("reengage", 3)[0]] == ["s3"]
    assert result.first("reengage", 0) == ([], 1)
    assert "prune" not in vars(result) and callable(vars(result)["_prune_value"])  # not made
    made = tie_strength(_status_network(), as_of=AS_OF)
    assert result.first("prune", 1)[0] == made.prune[:1]
    assert result.first("reengage", 1)[0] == made.reengage
    assert made.first("prune", 1) == (made.prune[:1], 2)  # from the list once it is made
    with pytest.raises(ValueError, match="no list"):
        result.first("rows", 1)


def test_scores_of_some_people_are_their_entries_of_scores():
    result = tie_strength(_status_network(), as_of=AS_OF)
    everyone = result.scores
    assert result.scores_of(["s3", "nobody"]) == {"s3": everyone["s3"]}
    assert result.scores_of([]) == {}
    assert result.scores_of() == everyone


def test_json_rows_hold_person_score_components_layer_and_status():
    data = tie_strength(_status_network(), as_of=AS_OF).to_dict()
    assert data["as_of"] == "2024-07-01T00:00:00+00:00"
    assert data["layers"]["ranks 1-5"] == 5
    assert data["unknown_network"] == {"dormant_connections": 3, "connections": 8,
                                       "share": 3 / 8}
    first = data["rows"][0]
    assert set(first) >= {"person_id", "name", "score", "components", "layer", "status"}
    assert set(first["components"]) == {c.value for c in Component}
    assert [p["person_id"] for p in data["prune"]] == ["s1", "dormant_old"]


def test_json_output_is_the_json_of_to_dict(monkeypatch):
    # --json writes the rows and the action lists from tables column by column: the text is
    # exactly json.dumps of to_dict() (key order, floats, the reasons above).
    import io
    import json

    from netaudit.cli._common import print_json

    result = tie_strength(_status_network(), as_of=AS_OF)
    stream = io.StringIO()
    monkeypatch.setattr("sys.stdout", stream)
    print_json(result.json_data())
    assert stream.getvalue() == json.dumps(result.to_dict(), ensure_ascii=False) + "\n"
    assert json.loads(stream.getvalue())["prune"][0] == {
        "person_id": "s1", "name": "S1", "company": "", "position": "",
        "score": result.prune[0].score,
        "reason": "2 messages from them since 2024-05-22, you never answered"}


def test_an_empty_network_scores_nobody():
    result = tie_strength(build())
    assert result.as_of is None
    assert len(result.rows) == 0
    assert result.statuses == {"active": 0, "fading": 0, "dormant": 0, "one-way": 0}


# ---- the graph reuses the figures the scores were computed from ------------------------------

def test_audit_graph_reusing_the_ties_table_equals_a_graph_built_from_scratch():
    # Audit.graph hands TieStrength.ego_ties to ego_graph instead of recomputing the contact
    # events; the independent method is ego_graph computing them itself.
    from conftest import SAMPLES

    from netaudit.audit import Audit
    from netaudit.graph import ego_graph

    audit = Audit([SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip",
                   SAMPLES / "contacts.csv"])
    reused = audit.graph
    fresh = ego_graph(audit.network, strengths=audit.ties.scores)
    assert list(reused.nodes(data=True)) == list(fresh.nodes(data=True))
    assert list(reused.edges(data=True)) == list(fresh.edges(data=True))
    # `netaudit graph` on these two files, before the reuse: 372 people, 1,479 ties.
    assert (reused.number_of_nodes(), reused.number_of_edges()) == (372, 1479)


def test_ties_and_the_headline_share_one_search_without_the_message_texts(outreach_searches):
    # `netaudit ties` and `analyze` need no message ids or texts: one search of the people
    # reached (people_only) serves the tie strengths and the headline, and the scores are the
    # ones the whole outreach table gives (issue 17). The fixture's module docstring counts
    # 3 people reached, 2 of whom replied.
    from pathlib import Path

    from netaudit.analyses import replies
    from netaudit.analyses.ties import tie_strength
    from netaudit.audit import Audit

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin-2026"
    calls = outreach_searches
    audit = Audit([fixture])
    ties = audit.ties
    figures = audit.summary.outreach
    assert calls == [True]
    assert (figures["reached"], figures["replied"]) == (3, 2)
    whole = tie_strength(audit.network, outreach=replies.find_outreach(audit.network)[0])
    pd.testing.assert_frame_equal(ties.rows, whole.rows)


def test_round_all_is_pythons_round_of_each_value():
    # Random scores, the decimal halves k + 0.5 ten-thousandths (2.675 and its kind, which
    # numpy's own np.round gets wrong: 2.68 for round's 2.67) and their neighbours one unit
    # in the last place away, negatives, zeros and values past 2**52 ten-thousandths.
    import numpy as np

    from netaudit.analyses.ties import round_all

    rng = np.random.default_rng(17)
    halves = (np.arange(0, 10_001) + 0.5) / 10_000
    values = np.concatenate([rng.random(50_000), halves, np.nextafter(halves, 0),
                             np.nextafter(halves, 1), -halves, [0.0, -0.0, 2.675, 1e12 + 0.3]])
    assert round_all(values, 4) == [round(v, 4) for v in values.tolist()]
    assert round_all(np.array([2.675]), 2) == [2.67]
    assert [str(v) for v in round_all(np.array([-0.0, -1e-05]), 4)] == ["-0.0", "-0.0"]


def test_reengage_and_prune_are_computed_when_read_and_equal_to_given_lists():
    from dataclasses import asdict, replace

    from netaudit.analyses.ties import Suggestion, TieStrength

    calls = []
    listed = [Suggestion("a", "Ana", "Acme", "", "silent", 0.5)]

    def later():
        calls.append(1)
        return list(listed)

    common = {"as_of": None, "weights": {}, "reciprocity": "", "rows": None, "layers": {},
              "statuses": {}, "connections": 0, "unknown_network": 0}
    lazy = TieStrength(**common, reengage=later, prune=later)
    given = TieStrength(**common, reengage=list(listed), prune=list(listed))
    assert calls == []                       # nothing computed until read
    assert lazy.reengage == listed and calls == [1]
    assert lazy.reengage is lazy.reengage and calls == [1]  # computed once
    assert lazy == given and calls == [1, 1]
    assert replace(lazy, prune=[]).reengage == listed
    assert asdict(lazy)["prune"] == asdict(given)["prune"]
    assert TieStrength(**common).reengage == [] and TieStrength(**common).prune == []
