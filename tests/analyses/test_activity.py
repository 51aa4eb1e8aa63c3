"""Activity: window edges, counted kinds, sampling, Gini, participation split, the essay's figures.

Expected values are worked out by hand in comments or computed by an independent formula.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from netaudit.analyses.activity import (
    COUNTED_BY_DEFAULT,
    ActivityKind,
    activity,
    gini,
    parse_kind,
    parse_kinds,
    participation_split,
)
from netaudit.errors import InputError, UsageError
from netaudit.model import Network, Owner, conform
from netaudit.userfiles import read_activity_log, read_groups

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def make_network(n: int = 4, hidden: int = 0) -> Network:
    rows = [{"person_id": f"p{i}", "name": name, "first_name": name.split()[0],
             "last_name": name.split()[1], "profile_url": f"linkedin.com/in/p{i}",
             "email": f"p{i}@example.com", "is_connection": True}
            for i, name in enumerate(["Ana Ruiz", "Bo Li", "José García", "Kate Okafor",
                                      "Lars Jensen", "Mia Park"][:n])]
    rows += [{"person_id": f"h{i}", "is_connection": True, "hidden": True}
             for i in range(hidden)]
    rows.append({"person_id": "me", "name": "Owner Person", "is_owner": True})
    network = Network(people=conform(pd.DataFrame(rows), "people"))
    network.owner = Owner("me", "Owner Person", "test")
    return network


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


LOG = """person,date,kind,group
https://www.linkedin.com/in/p0,2010-03-15,answer,
https://www.linkedin.com/in/p0,2010-03-01,question,
https://www.linkedin.com/in/p0,2010-02-28,answer,
P1@EXAMPLE.COM,2010-03-10,comment,Python
jose garcia,2010-03-10,blog post,
jose garcia,2010-03-11,connect,
jose garcia,2010-03-11,like,
jose garcia,2010-03-11,endorsement,
jose garcia,2010-03-11,follow,
jose garcia,2010-03-11,view,
jose garcia,2010-03-11,share,
Stranger Person,2010-03-12,answer,
jose garcia,03/04/2010,answer,
"""


def test_window_edges_and_kinds(tmp_path):
    # as_of = latest date 2010-03-15; window 15 -> counted days 2010-03-01 .. 2010-03-15.
    # Ana: 03-15 answer, 03-01 question -> 2 (02-28 is as_of - 15: outside).
    # Bo (by e-mail): 1 comment. José: 1 blog post; connect/like/endorsement/follow/view do not
    # count, 'share' is unknown, 03/04/2010 is unreadable. Kate: nothing. Stranger: not ours.
    log = read_activity_log(write(tmp_path, "a.csv", LOG))
    result = activity(make_network(), log)
    assert result.as_of == "2010-03-15"
    assert result.window_start == "2010-03-01"
    assert result.per_person["activities"].tolist() == [2, 1, 1, 0]
    assert result.activities == 4
    assert result.mean_activity == 1.0
    assert result.inactive == 1 and result.inactive_share == 0.25
    assert result.by_kind == {"answer": 1, "question": 1, "comment": 1, "post": 1}
    assert result.rows == {"read": 13, "not_in_network": 1, "ambiguous_name": 0,
                           "unknown_kind": 1, "without_date": 1, "kind_not_counted": 5,
                           "outside_window": 1, "not_sampled": 0, "counted": 4}
    assert sum(v for k, v in result.rows.items() if k != "read") == result.rows["read"]
    problems = " | ".join(result.problems)
    assert "1 row had a date netaudit cannot read (e.g. '03/04/2010'" in problems
    assert "1 row name people who are not connections" in problems
    assert "1 row has a kind netaudit does not know and was left out (e.g. 'share')" \
        in problems


def test_as_of_and_window_options(tmp_path):
    log = read_activity_log(write(tmp_path, "a.csv", LOG))
    # Window of 1 day ending 03-15: only Ana's 03-15 answer.
    one = activity(make_network(), log, window_days=1)
    assert one.per_person["activities"].tolist() == [1, 0, 0, 0]
    # as_of 03-14 with 14 days: 03-01 .. 03-14 -> Ana's question, Bo's comment, José's post.
    moved = activity(make_network(), log, as_of=date(2010, 3, 14), window_days=14)
    assert moved.window_start == "2010-03-01"
    assert moved.per_person["activities"].tolist() == [1, 1, 1, 0]


def test_kinds_option_counts_exactly_those(tmp_path):
    log = read_activity_log(write(tmp_path, "a.csv", LOG))
    result = activity(make_network(), log, kinds=parse_kinds(["connect,like", "answer"]))
    # Ana: 03-15 answer (03-01 question no longer counts); José: connect + like.
    assert result.per_person["activities"].tolist() == [1, 0, 2, 0]
    assert result.counted_kinds == ["answer", "connect", "like"]


def test_unknown_kind_in_option_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown kind 'poke'"):
        parse_kinds(["question,poke"])


def test_every_kind_parses_to_itself_and_is_counted_or_not():
    for kind in ActivityKind:
        assert parse_kind(kind.value) is kind
        assert parse_kind(kind.value.upper() + "s") is kind
    counted = {k.value for k in COUNTED_BY_DEFAULT}
    assert counted == {"question", "answer", "discussion", "comment", "post",
                       "recommendation", "message"}
    not_counted = {k.value for k in ActivityKind} - counted
    assert not_counted == {"connect", "like", "reaction", "endorsement", "follow", "view"}


def test_groups_are_distinct_per_person(tmp_path):
    log = read_activity_log(write(tmp_path, "a.csv", LOG))
    groups = read_groups(write(tmp_path, "g.csv",
                               "person,group\nAna Ruiz,Python\nana ruiz,PYTHON\nAna Ruiz,Data\n"
                               "https://www.linkedin.com/in/p1,Data\nNobody Here,Data\n"))
    result = activity(make_network(), log, groups=groups)
    # Ana: Python (twice, any case) + Data = 2; Bo 1; José 0; Kate 0 -> mean 3/4.
    assert result.per_person["groups"].tolist() == [2, 1, 0, 0]
    assert result.mean_groups == 0.75
    assert result.median_groups == 0.5
    assert any("1 row name people who are not connections" in p for p in result.problems)


def test_sample_is_reproducible_and_everyone_when_large(tmp_path):
    import random

    log = read_activity_log(write(tmp_path, "a.csv", LOG))
    network = make_network(6, hidden=2)
    drawn = activity(network, log, sample=3, seed=7)
    # Independent: the documented draw over the 6 visible connections in order.
    picked = sorted(random.Random(7).sample(range(6), 3))
    assert drawn.per_person["person_id"].tolist() == [f"p{i}" for i in picked]
    assert drawn.population == 6 and drawn.sampled == 3 and drawn.seed == 7
    assert activity(network, log, sample=3, seed=7).per_person.equals(drawn.per_person)
    everyone = activity(network, log, sample=50, seed=7)
    # Everyone measured, but the bootstrap interval still depends on the seed, so it is
    # reported (issue 11: it was null).
    assert everyone.sampled == 6 and everyone.seed == 7
    assert everyone.to_dict()["seed"] == 7


def test_missing_column_is_one_line_error(tmp_path):
    path = write(tmp_path, "a.csv", "person,date\nAna Ruiz,2010-03-01\n")
    with pytest.raises(InputError) as info:
        read_activity_log(path)
    assert "has no 'kind' column (columns found: person, date)" in str(info.value)
    assert "\n" not in str(info.value)


def test_usage_errors():
    with pytest.raises(UsageError):
        activity(make_network(), None, window_days=0)
    with pytest.raises(UsageError):
        activity(make_network(), None, sample=0)


def test_activity_toward_owner_from_the_export():
    network = make_network()
    messages = pd.DataFrame({
        "message_id": ["m1", "m2", "m3", "m4"],
        "conversation_id": ["c1", "c1", "c2", "c3"],
        "sent_at": pd.to_datetime(["2024-05-10", "2024-05-11", "2024-05-12", "2024-05-12"],
                                  utc=True),
        "sender_id": ["p0", "me", "p1", "p2"],
        "recipient_ids": [("me",), ("p0",), ("me",), ("me",)],
        "direction": ["incoming", "outgoing", "incoming", "incoming"],
        "is_system": [False, False, False, True],
    })
    network.messages = conform(messages, "messages")
    network.interactions = conform(pd.DataFrame({
        "person_id": ["p3", "p3"], "kind": ["recommendation", "endorsement"],
        "direction": ["received", "received"],
        "at": pd.to_datetime(["2024-05-01", "2024-05-02"], utc=True)}), "interactions")
    result = activity(network)
    # as_of 2024-05-12; counted: Ana's message (05-10), Bo's message (05-12), Kate's
    # recommendation (05-01). Not counted: the owner's own message (not incoming), José's
    # system row, Kate's endorsement (kind not counted by default).
    assert result.source.startswith("activity toward you, derived from the export")
    assert result.per_person["activities"].tolist() == [1, 1, 0, 1]
    assert result.mean_groups is None


def test_gini_by_hand():
    # sorted 0, 0, 1, 3: weights 2i - n - 1 = -3, -1, 1, 3 -> (0 + 0 + 1 + 9) / (4 * 4) = 0.625
    assert gini([3, 0, 1, 0]) == 0.625
    # one of 4 does everything: (3 * 8) / (4 * 8) = 0.75 = (n - 1) / n
    assert gini([0, 8, 0, 0]) == 0.75
    assert gini([5, 5]) == 0.0
    assert gini([0, 0, 0]) is None


def test_participation_split_by_hand():
    # n = 100: groups 1 / 9 / 90. Person 1 does 50, persons 2-10 do 5 each (45), ten more 1.
    values = [50] + [5] * 9 + [1] * 10 + [0] * 80
    split = participation_split(values)
    assert split["top_1pct"] == {"people": 1, "activities": 50, "share": 50 / 105}
    assert split["next_9pct"] == {"people": 9, "activities": 45, "share": 45 / 105}
    assert split["bottom_90pct"] == {"people": 90, "activities": 10, "share": 10 / 105}
    # n = 250: ceil(2.5) = 3, ceil(25) = 25 -> 3 / 22 / 225.
    sizes = [g["people"] for g in participation_split([1] * 250).values()]
    assert sizes == [3, 22, 225]
    assert participation_split([0, 0])["top_1pct"]["share"] is None


def test_bootstrap_interval_brackets_the_mean_and_is_seeded():
    from netaudit.analyses.activity import bootstrap_mean_ci

    values = [0] * 70 + [1] * 10 + [2] * 20
    low, high = bootstrap_mean_ci(values, seed=1)
    assert low < 0.5 < high          # the mean is 50 / 100
    assert bootstrap_mean_ci(values, seed=1) == (low, high)
    assert bootstrap_mean_ci([]) is None


# --- the essay's figures ----------------------------------------------------------------------

def _gini_by_pairs(xs: list[int]) -> float:
    # Independent definition: mean absolute difference / (2 * mean).
    n = len(xs)
    return sum(abs(a - b) for a in xs for b in xs) / (2 * n * n * (sum(xs) / n))


def test_article_activity_gives_23_4_groups_and_1_2_activities():
    from netaudit.audit import Audit

    folder = SAMPLES / "article" / "activity"
    truth = json.loads((folder / "TRUTH.json").read_text(encoding="utf-8"))
    result = Audit([folder / "Connections.csv"]).activity(
        folder / "ACTIVITY.csv", groups=folder / "GROUPS.csv", sample=100, seed=2010)
    assert result.sampled == 100
    assert result.mean_groups == 23.4
    assert result.mean_activity == 1.2
    assert result.window_days == 15 and result.as_of == "2010-03-15"
    assert sorted(result.per_person["activities"]) == truth["activity_counts_sorted"]
    assert sorted(result.per_person["groups"]) == truth["group_counts_sorted"]
    assert result.inactive == truth["inactive"] == 70
    assert result.gini == pytest.approx(_gini_by_pairs(truth["activity_counts_sorted"]))
    # 1 person did 40 of 120, the next 9 did 50, the other 90 did 30.
    shares = [g["share"] for g in result.participation.values()]
    assert shares == pytest.approx([40 / 120, 50 / 120, 30 / 120])
    assert result.rows["read"] == truth["log_rows"]
    assert result.rows["not_in_network"] == truth["not_in_network_rows"]
    assert result.rows["unknown_kind"] == truth["unknown_kind_rows"]
    assert result.rows["without_date"] == truth["unreadable_date_rows"]


LATE_CONNECT = """person,date,kind,group
https://www.linkedin.com/in/p0,2010-03-15,answer,
https://www.linkedin.com/in/p1,2010-03-14,comment,
https://www.linkedin.com/in/p2,2010-03-10,post,
https://www.linkedin.com/in/p3,2010-06-01,connect,
"""


def test_window_ends_at_the_latest_activity_that_can_count(tmp_path):
    # Issue 11: 5 connections, 3 counted activities between 03-10 and 03-15 -> mean 3 / 5 =
    # 0.6. The connect row of 06-01 is never counted; when it ended the window (03-18 to
    # 06-01) the mean was 0 / 5 = 0.0. Now as_of = 03-15, window 03-01 .. 03-15.
    log = read_activity_log(write(tmp_path, "late.csv", LATE_CONNECT))
    result = activity(make_network(5), log)
    assert (result.window_start, result.as_of) == ("2010-03-01", "2010-03-15")
    assert result.mean_activity == 0.6
    # 2 of 5 inactive, Wilson 95%: centre (0.4 + 0.3841) / 1.7683 = 0.4434, half
    # 1.96 / 1.7683 * sqrt(0.048 + 0.03841) = 0.3258 -> [0.1176, 0.7693].
    assert result.inactive_share == 0.4
    assert result.inactive_share_ci95 == pytest.approx([0.1176, 0.7693], abs=1e-4)
    # --as-of still moves it wherever the user says.
    assert activity(make_network(5), log, as_of=date(2010, 6, 1)).mean_activity == 0.0


def test_participation_groups_are_labelled_by_the_people_they_hold(tmp_path):
    # 5 people: the "top 1%" is ceil(5 / 100) = 1 person, 20% of them, not "Top 1%".
    from rich.console import Console

    from netaudit.render.experiments_terminal import render_activity

    log = read_activity_log(write(tmp_path, "late.csv", LATE_CONNECT))
    console = Console(record=True, width=250)
    render_activity(console, activity(make_network(5), log))
    text = console.export_text()
    assert "Most active 1 of 5 (20.0%) of people" in text
    assert "Top 1%" not in text
    assert "The window ends at the latest activity that could count (2010-03-15)" in text
