"""LinkedIn Invitations.csv in its three eras: names only (2018-2022), + member urns (mid-2023),
+ profile URLs (2024+). Expected values come from tests/fixtures/linkedin-*/EXPECTED.md."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import netaudit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


# era -> [(counterpart name, normalized URL, direction, sent_at, message)], note begins with
ERAS = {
    "linkedin-2018": ([
        ("Mei Chen", "", "incoming", "2018-11-18 18:20", "Hi Alex, I'd like to join your network."),
        ("Lars Holm", "", "outgoing", "2018-11-12 10:00", ""),
        ("Nadia Haddad", "", "incoming", "2018-11-02 07:45", ""),
    ], "2018-2023 form, names only; 2 incoming, 1 outgoing"),
    "linkedin-2022": ([
        ("Lars Holm", "", "incoming", "2022-09-10 20:05", ""),
        ("Mei Chen", "", "outgoing", "2022-08-29 11:17", ""),
    ], "2018-2023 form, names only; 1 incoming, 1 outgoing"),
    "linkedin-2023": ([
        ("Mei Chen", "", "incoming", "2023-07-08 22:02", ""),
        ("Søren Østergaard", "", "outgoing", "2023-07-01 09:15", ""),
        ("Nadia Haddad", "", "incoming", "2023-06-30 23:59", "Great talk at the meetup!"),
    ], "mid-2023 form with member urns"),
    "linkedin-2024": ([
        ("Sanjay Rao", "linkedin.com/in/sanjay-rao-7", "incoming", "2024-11-28 19:03",
         "Great meeting you at the meetup!"),
        ("Ifeoma Okafor", "linkedin.com/in/ifeoma-okafor-ng", "outgoing", "2024-11-20 12:00", ""),
    ], "2024+ form with profile URLs; 1 incoming, 1 outgoing"),
    "linkedin-2026": ([
        ("Oisín Murphy", "linkedin.com/in/oisin-murphy-ie", "incoming", "2026-11-18 08:07", ""),
        ("Yuki Sato", "linkedin.com/in/yuki-sato-jp", "outgoing", "2026-04-06 14:12", ""),
    ], "2024+ form with profile URLs"),
}


@pytest.mark.parametrize("era", sorted(ERAS))
def test_every_era_counterpart_direction_date_and_message(era, read_one, detected):
    expected, note = ERAS[era]
    path = FIXTURES / era / "Invitations.csv"
    assert detected(path) == "linkedin-invitations"
    network = read_one(path)
    people = network.people.set_index("person_id")
    got = [(people.at[r.person_id, "name"], people.at[r.person_id, "profile_url"], r.direction,
             r.sent_at, r.message) for r in network.invitations.itertuples()]
    assert got == [(n, u, d, utc(t), m) for n, u, d, t, m in expected]
    assert network.sources[0].note.startswith(note)
    # Invitations are pending: nobody in them is a connection because of them.
    assert not people["is_connection"].any()
    assert network.problems == []


def test_urns_are_not_profile_urls(read_one):
    people = read_one(FIXTURES / "linkedin-2023" / "Invitations.csv").people
    assert (people["profile_url"] == "").all()


def test_the_owners_side_carries_the_owners_url_into_the_network():
    # 2024: no URL for Alex anywhere but in Invitations (Profile.csv has none; messages do).
    network = netaudit.load([FIXTURES / "linkedin-2024" / "Profile.csv",
                             FIXTURES / "linkedin-2024" / "Invitations.csv"])
    owner = network.people.set_index("person_id").loc[network.owner_id]
    assert (owner["name"], owner["profile_url"]) == ("Alex Rivera",
                                                     "linkedin.com/in/alex-rivera-fx")
    assert network.owner.how.startswith("profile in") and "Profile.csv" in network.owner.how
    counts = network.invitations["direction"].value_counts().to_dict()
    assert counts == {"incoming": 1, "outgoing": 1}


def test_trailing_space_in_from_and_unknown_direction(write, read_one):
    # Line 2: 'Sanjay Rao ' (trailing space); line 3: Direction 'PENDING' -> skipped, counted.
    text = ("From,To,Sent At,Message,Direction\n"
            'Sanjay Rao ,Alex Rivera,"11/28/24, 7:03 PM",,INCOMING\n'
            'Bo Li,Alex Rivera,"11/27/24, 7:03 PM",,PENDING\n')
    network = read_one(write("Invitations.csv", text))
    assert len(network.invitations) == 1
    assert network.people.loc[network.people["person_id"]
                              == network.invitations.at[0, "person_id"], "name"].item() \
        == "Sanjay Rao"
    [problem] = network.problems
    assert (problem.count, problem.example_row) == (1, 3)
    assert "neither INCOMING nor OUTGOING" in problem.message


def test_detection_is_by_content_not_by_name(tmp_path, detected):
    for era in ERAS:
        target = tmp_path / f"{era}-zz.dat"
        shutil.copy(FIXTURES / era / "Invitations.csv", target)
        assert detected(target) == "linkedin-invitations"
