"""Who is due: the usual gap from a person's own history, the layer's cadence when the
history is too short, the due day and the ranking. Every number is worked out beside it.

AS_OF is 2024-07-01 00:00 UTC, so the as-of day is 1 July 2024 and ``days_ago(n)`` falls on
the day n days before it.
"""

from __future__ import annotations

import pandas as pd
import pytest
from network_builders import AS_OF, ME, build, days_ago, msg

from netaudit.analyses.due import DEFAULT_CADENCE, due_list, every, parse_cadence
from netaudit.analyses.ties import Layer, tie_strength
from netaudit.errors import UsageError


def every_21_days_then_silent_71():
    # Ana: written on days 155, 134, 113, 92 and 71 before as-of: five contact days, four gaps
    # of 21 days, median 21; last contact 71 days ago.
    return [msg("ca", days_ago(71 + 21 * k), ME, "ana") for k in range(5)]


def test_written_every_21_days_and_silent_for_71_is_due_with_the_reason():
    result = due_list(build(every_21_days_then_silent_71()), as_of=AS_OF)
    assert result.due_count == 1
    ana = result.due[0]
    assert ana.reason == "you wrote every 3 weeks; last contact 71 days ago"
    assert ana.gap_from == "history"
    assert ana.usual_gap_days == 21.0
    assert ana.contact_days == 5
    assert ana.days_since == 71
    # 1 July 2024 - 71 days = 21 April 2024 (30 June .. 1 May is 61 days, 10 more in April).
    assert ana.last_contact == "2024-04-21"
    # 21 April + 21 days = 12 May.
    assert ana.due_on == "2024-05-12"
    # 71 / 21 = 3.3810
    assert ana.overdue_ratio == pytest.approx(3.381, abs=1e-4)
    assert ana.priority == pytest.approx(ana.score * 71 / 21, abs=1e-3)


def test_a_tie_silent_over_three_usual_gaps_has_faded_and_is_not_listed():
    # Every 21 days, silent 91: 91 > 3 x max(21, 30) = 90: faded (ties lists such people under
    # re-engage); silent 90 is still due.
    for silence, due, faded in ((91, 0, 1), (90, 1, 0)):
        messages = [msg("ca", days_ago(silence + 21 * k), ME, "ana") for k in range(5)]
        result = due_list(build(messages), as_of=AS_OF)
        assert (result.due_count, result.faded) == (due, faded), silence


def test_an_answer_makes_the_reason_say_in_touch_and_notes_are_appended():
    messages = every_21_days_then_silent_71() + [msg("ca", days_ago(92), "ana", ME)]
    result = due_list(build(messages), as_of=AS_OF,
                      notes={"ana": "she changed company in March"})
    # Her answer falls on a day already counted (92 days ago): still five days, gap 21.
    assert result.due[0].reason == ("in touch every 3 weeks; last contact 71 days ago; "
                                    "she changed company in March")


def test_one_contact_falls_back_to_the_layer_cadence():
    # Bo: one message 40 days ago. With one person scored above 0 he is ranked 1, layer
    # "ranks 1-5", cadence 14 days: 40 >= 14, due since 40 - 14 = 26 days; ratio 40 / 14.
    result = due_list(build([msg("cb", days_ago(40), ME, "bo")]), as_of=AS_OF)
    bo = result.due[0]
    assert bo.layer == Layer.TOP_5.value
    assert bo.gap_from == "layer"
    assert bo.usual_gap_days == 14.0
    assert bo.reason == ("1 contact day on record, so the cadence of ranks 1-5 (every 2 weeks); "
                         "last contact 40 days ago")
    # 1 July - 40 days = 22 May; + 14 days = 5 June.
    assert (bo.last_contact, bo.due_on) == ("2024-05-22", "2024-06-05")
    assert bo.overdue_ratio == pytest.approx(40 / 14, abs=1e-4)


def test_the_cadence_option_changes_the_fallback():
    network = build([msg("cb", days_ago(40), ME, "bo")])
    # ranks 1-5 every 60 days: 40 < 60, not yet due.
    result = due_list(network, as_of=AS_OF, cadence=parse_cadence("5=60"))
    assert (result.due_count, result.not_yet) == (0, 1)


def test_two_contact_days_are_too_few_for_a_history():
    # Two days 10 apart: one gap, not a habit; the layer's 14 days apply: 20 >= 14, due.
    network = build([msg("c", days_ago(30), ME, "cy"), msg("c", days_ago(20), ME, "cy")])
    cy = due_list(network, as_of=AS_OF).due[0]
    assert (cy.gap_from, cy.usual_gap_days, cy.contact_days) == ("layer", 14.0, 2)


def test_not_yet_due_pitches_and_the_floor_of_a_week():
    network = build([
        # Dee: days 30, 20, 10 before: gaps 10, 10, median 10; 10 days since: due (10 >= 10).
        *[msg("cd", days_ago(d), ME, "dee") for d in (30, 20, 10)],
        # Eve: days 30, 20, 10, 9: gaps 10, 10, 1, median 10; 9 days since < 10: not yet.
        *[msg("ce", days_ago(d), ME, "eve") for d in (30, 20, 10, 9)],
        # Fay writes to you every 3 days, you never answer: left out as never from you.
        *[msg("cf", days_ago(d), "fay", ME) for d in (60, 57, 54)],
        # Gus: daily for three days, 5 days ago: median 1, floored to 7; 5 < 7: not yet.
        *[msg("cg", days_ago(d), ME, "gus") for d in (7, 6, 5)],
    ])
    result = due_list(network, as_of=AS_OF)
    assert [p.person_id for p in result.due] == ["dee"]
    assert result.due[0].due_on == "2024-07-01"  # 21 June + 10 days
    assert (result.not_yet, result.never_from_you, result.people) == (2, 1, 4)


def test_ranked_by_score_times_overdue_ratio():
    network = build([
        *every_21_days_then_silent_71(),
        msg("cb", days_ago(40), ME, "bo"),
    ])
    ties = tie_strength(network, as_of=AS_OF)
    result = due_list(network, ties=ties, as_of=AS_OF)
    scores = ties.scores
    expected = sorted([("ana", scores["ana"] * 71 / 21), ("bo", scores["bo"] * 40 / 14)],
                      key=lambda item: -item[1])
    assert [p.person_id for p in result.due] == [pid for pid, _ in expected]
    assert due_list(network, ties=ties, as_of=AS_OF, limit=1).due_count == 2
    assert len(due_list(network, ties=ties, as_of=AS_OF, limit=1).due) == 1


def test_rest_layer_without_history_has_no_cadence_unless_given():
    # 151 people each written once 200 days ago: rank 151 is "rest", no cadence. Ranks 1-5
    # (14 days) and 6-15 (30 days) faded: 200 > 3 x 30 = 90 (15 people); ranks 16-50 (90 days,
    # fade after 270) and 51-150 (180 days, fade after 540) are due: 35 + 100 = 135.
    people = [f"p{i:03d}" for i in range(151)]
    network = build([msg(f"c{p}", days_ago(200), ME, p) for p in people])
    result = due_list(network, as_of=AS_OF)
    assert (result.due_count, result.faded, result.no_cadence) == (135, 15, 1)
    assert due_list(network, as_of=AS_OF, cadence=parse_cadence("rest=365")).not_yet == 1


def test_parse_cadence_and_every():
    assert parse_cadence(None) == DEFAULT_CADENCE
    assert parse_cadence("5=14,15=30,50=90,150=180") == DEFAULT_CADENCE
    for bad in ("5", "5=x", "5=0", "7=14"):
        with pytest.raises(UsageError):
            parse_cadence(bad)
    assert every(63) == "63 days"


def test_no_dates_no_one_due():
    network = build([msg("c", pd.NaT, ME, "ana")])
    assert due_list(network).due == []


def test_a_connection_list_alone_has_nobody_due():
    # Found by tests/test_fuzz.py: with no message, recommendation or endorsement there is no
    # contact day, and the empty day column had no dates (.dt failed: internal error, exit 3).
    # 6 connections (tests/fixtures/linkedin-2026/Connections.csv), 0 with a contact: 0 due.
    from pathlib import Path

    from netaudit.importers import load

    connections = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin-2026"
    network = load([connections / "Connections.csv"])
    result = due_list(network)
    assert (result.people, result.due_count, result.faded, result.due) == (0, 0, 0, [])
