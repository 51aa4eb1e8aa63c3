"""diff: two exports of Rosa Quintero with known changes (tests/fixtures/history/EXPECTED.md
holds the table every expected value below comes from)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from netaudit import load
from netaudit.analyses.diff import check_same_owner, diff_networks, same_owner
from netaudit.errors import InputError
from netaudit.model import Network, Owner, conform

HISTORY = Path(__file__).resolve().parents[1] / "fixtures" / "history"


@pytest.fixture(scope="module")
def rosa_diff():
    return diff_networks(load(HISTORY / "rosa-2025-05"), load(HISTORY / "rosa-2025-12"),
                         old_date="2025-05-10", new_date="2025-12-06")


def names(changes):
    return [c.name for c in changes]


def test_counts(rosa_diff):
    # Added: Noa Park x, Noa Park y, Omar, Pia = 4; removed: Eli, Jade, Noa Park a = 3;
    # became hidden: Fay = 1; company: Ben, Cara, Kim = 3; position: Dev = 1;
    # the 17 Aug 2024 date-only row is tied to nobody = 1.
    assert rosa_diff.counts() == {
        "connections_added": 4, "connections_removed": 3, "became_hidden": 1,
        "company_changed": 3, "position_changed": 1, "hidden_unexplained": 1}
    # 5 by URL (Ana, Ben, Cara, Dev, Ivan), Kim by e-mail, Mia by name, the 05 Dec 2024 pair.
    assert rosa_diff.matched == {"profile URL": 5, "e-mail": 1, "name": 1,
                                 "hidden (same date)": 1}
    # 12 in OLD = 9 matched (incl. Fay) + 3 removed; 14 in NEW = 9 + 4 added + 1 not tied.
    assert (rosa_diff.old.connections, rosa_diff.new.connections) == (12, 14)
    assert (rosa_diff.old.hidden, rosa_diff.new.hidden) == (1, 3)


def test_lists(rosa_diff):
    assert names(rosa_diff.connections_added) == ["Noa Park", "Noa Park", "Omar Quinn",
                                                  "Pia Ruiz"]
    assert names(rosa_diff.connections_removed) == ["Eli Ford", "Jade Kim", "Noa Park"]
    fay, = rosa_diff.became_hidden
    assert (fay.name, fay.connected_on, fay.old_company) == ("Fay Gold", "2024-06-15", "Hotel")
    ben, cara, kim = rosa_diff.company_changed
    assert (ben.old_company, ben.old_position, ben.new_company, ben.new_position) == (
        "Birch Ltd", "Analyst", "Cedar Co", "Senior Analyst")
    assert (cara.old_position, cara.new_position) == ("Designer", "Designer")
    assert (kim.name, kim.matched_by, kim.new_company) == ("Kim Lo", "e-mail", "Mike Corp")
    dev, = rosa_diff.position_changed
    assert (dev.name, dev.old_position, dev.new_position) == ("Dev Eng", "Developer",
                                                               "Lead Developer")
    unexplained, = rosa_diff.hidden_unexplained
    assert (unexplained.name, unexplained.connected_on) == ("(hidden profile)", "2024-08-17")


def test_messages_and_reply_rate(rosa_diff):
    # OLD: 3 messages, outreach to Ana and Ben, Ana replied: 1 of 2. NEW: 8 messages, 5 of
    # them after 2025-05-10; outreach to Ana, Ben, Dev, Cara, Kim, replies from Ana, Dev, Kim.
    assert (rosa_diff.old.messages, rosa_diff.new.messages, rosa_diff.messages_since) == (3, 8, 5)
    assert (rosa_diff.old.outreach["reached"], rosa_diff.old.outreach["replied"]) == (2, 1)
    assert (rosa_diff.new.outreach["reached"], rosa_diff.new.outreach["replied"]) == (5, 3)
    assert (rosa_diff.old.last_message, rosa_diff.new.last_message) == ("2025-05-10",
                                                                         "2025-12-06")


def test_to_dict(rosa_diff):
    data = rosa_diff.to_dict()
    assert data["company_changed"]["count"] == 3
    assert data["company_changed"]["people"][0] == {
        "name": "Ben Cole", "connected_on": "2024-02-11", "old_company": "Birch Ltd",
        "old_position": "Analyst", "new_company": "Cedar Co", "new_position": "Senior Analyst",
        "matched_by": "profile URL"}
    assert (data["old"]["exported_on"], data["new"]["exported_on"]) == ("2025-05-10",
                                                                        "2025-12-06")


def _net(*rows, owner=""):
    people = conform(pd.DataFrame([{"is_connection": True, **r} for r in rows]), "people")
    return Network(people=people, owner=Owner("o", owner) if owner else None)


DAY = pd.Timestamp("2024-03-01", tz="UTC")


def test_a_hidden_row_sharing_its_date_with_another_new_row_is_no_became_hidden():
    old = _net({"person_id": "a", "name": "Ana Berg", "connected_on": DAY},
               {"person_id": "b", "name": "Bo Li", "profile_url": "linkedin.com/in/bo",
                "connected_on": DAY})
    new = _net({"person_id": "h", "hidden": True, "connected_on": DAY},
               {"person_id": "b", "name": "Bo Li", "profile_url": "linkedin.com/in/bo",
                "connected_on": DAY})
    result = diff_networks(old, new)
    # NEW holds two rows dated 2024-03-01 (Bo's and the date-only one): the rule cannot say.
    assert (result.counts()["became_hidden"], names(result.connections_removed)) == (
        0, ["Ana Berg"])


def test_two_old_connections_cannot_both_claim_one_hidden_row():
    old = _net({"person_id": "a", "name": "Ana Berg", "connected_on": DAY},
               {"person_id": "c", "name": "Cy Dunn", "connected_on": DAY})
    new = _net({"person_id": "h", "hidden": True, "connected_on": DAY})
    result = diff_networks(old, new)
    assert result.counts()["became_hidden"] == 0
    assert names(result.connections_removed) == ["Ana Berg", "Cy Dunn"]
    assert result.counts()["hidden_unexplained"] == 1


def test_a_hidden_row_gone_from_the_new_list_is_a_removed_hidden_profile():
    # Found by the fuzz test: OLD's last row held only a date, NEW has no row of that date;
    # the removed row has no visible side, and `due --since` stopped on an assertion.
    old = _net({"person_id": "a", "name": "Ana Berg", "connected_on": DAY},
               {"person_id": "h", "hidden": True,
                "connected_on": pd.Timestamp("2018-01-02", tz="UTC")})
    new = _net({"person_id": "a", "name": "Ana Berg", "connected_on": DAY})
    result = diff_networks(old, new)
    removed, = result.connections_removed
    assert (removed.name, removed.connected_on, removed.old_id) == (
        "(hidden profile)", "2018-01-02", "h")


def test_an_empty_company_is_no_change():
    old = _net({"person_id": "a", "name": "Ana Berg", "company": "Acme", "position": "CTO"})
    new = _net({"person_id": "a2", "name": "Ana Berg", "company": "", "position": "CTO"})
    assert diff_networks(old, new).counts()["company_changed"] == 0


def test_another_owner_is_refused():
    rosa, tomas = load(HISTORY / "rosa-2025-12"), load(HISTORY / "tomas-2025-12")
    assert not same_owner(rosa, tomas)
    with pytest.raises(InputError, match="two different people: Rosa Quintero"):
        check_same_owner(rosa, tomas, "OLD", "NEW")


def test_without_owner_names_the_connection_lists_decide():
    a = _net({"person_id": "1", "name": "Ana Berg"}, {"person_id": "2", "name": "Bo Li"})
    b = _net({"person_id": "3", "name": "Ana Berg"}, {"person_id": "4", "name": "Cy Dunn"},
             {"person_id": "5", "name": "Di Eze"})
    c = _net({"person_id": "6", "name": "Fe Gil"}, {"person_id": "7", "name": "Cy Dunn"})
    # a and b share 1 of the smaller list's 2 (half): the same person; a and c share none.
    assert same_owner(a, b) and not same_owner(a, c)
