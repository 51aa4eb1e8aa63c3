"""LinkedIn endorsements: Endorsement_Received_Info.csv (5 columns in 2022, 6 with a scheme-less
public URL from 2023), Endorsement_Given_Info.csv, and the legacy UTF-16LE tab-separated
`Endorsement Received Info.csv`. Expected values from tests/fixtures/linkedin-*/EXPECTED.md."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import netaudit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


THREE_2022 = [  # (skill, endorser, at) - both 2022 files hold the same three
    ("User Research", "Zoë Dubois", "2022-09-04 11:20:31"),
    ("Product Strategy", "Priya Patel", "2022-03-16 07:55:02"),
    ("Product Management", "Łukasz Wiśniewski", "2021-12-01 18:30:00"),
]
# file -> (direction, [(skill, person, at, normalized URL)], note)
FILES = {
    "linkedin-2022/Endorsement_Received_Info.csv": (
        "received", [(s, p, t, "") for s, p, t in THREE_2022], "received, 2022 without URLs"),
    "linkedin-2022/Endorsement Received Info.csv": (
        "received", [(s, p, t, "") for s, p, t in THREE_2022],
        "received, legacy UTF-16 tab-separated (2022 Complete)"),
    "linkedin-2023/Endorsement_Received_Info.csv": ("received", [
        ("Data Analysis", "Kasia Nowak", "2023-07-05 09:00:00", "linkedin.com/in/kasia-nowak-pl"),
        ("User Research", "Lars Holm", "2023-05-22 13:14:15", "linkedin.com/in/lars-holm-dk"),
    ], "received, 2023+ with public URLs"),
    "linkedin-2026/Endorsement_Received_Info.csv": ("received", [
        ("Product Strategy", 'Katarzyna "Kasia" Nowak', "2026-10-03 08:15:00",
         "linkedin.com/in/kasia-nowak-pl"),
        ("User Research", "José García", "2026-03-19 17:45:30",
         "linkedin.com/in/josé-garcía-4b1e"),
    ], "received, 2023+ with public URLs"),
    "linkedin-2026/Endorsement_Given_Info.csv": ("given", [
        ("Prototyping", "José García", "2026-03-20 10:00:00", "linkedin.com/in/josé-garcía-4b1e"),
    ], "given, 2023+ with public URLs"),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_file_and_era(name, read_one, detected):
    direction, expected, note = FILES[name]
    path = FIXTURES / name
    assert detected(path) == "linkedin-endorsements"
    network = read_one(path)
    people = network.people.set_index("person_id")
    got = [(r.detail, people.at[r.person_id, "name"], r.at, people.at[r.person_id, "profile_url"])
           for r in network.interactions.itertuples()]
    assert got == [(s, p, utc(t), u) for s, p, t, u in expected]
    assert (network.interactions["kind"] == "endorsement").all()
    assert (network.interactions["direction"] == direction).all()
    assert network.sources[0].note == note
    assert network.problems == []


def test_legacy_file_is_utf16_tab_separated(read_one):
    path = FIXTURES / "linkedin-2022" / "Endorsement Received Info.csv"
    assert path.read_bytes()[:2] == b"\xff\xfe"
    people = read_one(path).people
    assert people["last_name"].tolist() == ["Dubois, MBA", "Patel", "Wiśniewski"]


def test_scheme_less_urls_merge_with_the_connection():
    folder = FIXTURES / "linkedin-2023"
    network = netaudit.load([folder / "Connections.csv", folder / "Endorsement_Received_Info.csv"],
                            me="Lars Holm")
    connections = network.people.set_index("name")["person_id"]
    assert network.interactions["person_id"].tolist() == [connections["Kasia Nowak"],
                                                          connections["Lars Holm"]]
    # Kasia's endorsement and her connection row are one person: 5 people, not 7.
    assert len(network.people) == 5


def test_percent_encoded_slug_in_connections_meets_the_decoded_one():
    # 2026: Connections has jos%C3%A9-garc%C3%ADa-4b1e, the endorsements the same scheme-less.
    folder = FIXTURES / "linkedin-2026"
    network = netaudit.load([folder / "Connections.csv", folder / "Endorsement_Given_Info.csv",
                             folder / "Endorsement_Received_Info.csv"], me="Zoë Dubois")
    jose = network.people.set_index("name").at["José García", "person_id"]
    assert network.interactions["person_id"].tolist().count(jose) == 2


def test_dates_without_the_utc_suffix_and_unreadable_ones(write, read_one):
    text = ("Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,"
            "Endorsee Public Url,Endorsement Status\n"
            "2024/03/05 14:02:11 UTC,SQL,Ana,Ruiz,www.linkedin.com/in/ana,ACCEPTED\n"
            "2024/03/06 08:00:00,Go,Ana,Ruiz,www.linkedin.com/in/ana,ACCEPTED\n"
            "March 2024,Rust,Ana,Ruiz,www.linkedin.com/in/ana,ACCEPTED\n")
    network = read_one(write("given.csv", text))
    assert network.interactions["at"].tolist()[:2] == [utc("2024-03-05 14:02:11"),
                                                       utc("2024-03-06 08:00:00")]
    assert pd.isna(network.interactions.at[2, "at"])
    assert [(p.count, p.example_row) for p in network.problems] == [(1, 4)]
    assert len(network.people) == 1  # one person endorsed three times


def test_detection_is_by_content_not_by_name(tmp_path, detected):
    for name in FILES:
        target = tmp_path / (name.replace("/", "_") + ".renamed")
        shutil.copy(FIXTURES / name, target)
        assert detected(target) == "linkedin-endorsements"


def test_2022_complete_export_counts_its_three_endorsements_once():
    # EXPECTED.md: both 2022 files hold the same three endorsements: 3, not 6.
    network = netaudit.load(sorted((FIXTURES / "linkedin-2022").glob("*.csv")))
    endorsements = network.interactions[network.interactions["kind"] == "endorsement"]
    assert sorted(endorsements["detail"]) == ["Product Management", "Product Strategy",
                                              "User Research"]
    connections = set(network.connections["person_id"])
    assert set(endorsements["person_id"]) <= connections
