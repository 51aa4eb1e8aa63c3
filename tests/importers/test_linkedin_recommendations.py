"""LinkedIn Recommendations_Given.csv / Recommendations_Received.csv: one shared header, so
given or received is the one thing decided from the file name. Expected values from
tests/fixtures/linkedin-2024/EXPECTED.md."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import netaudit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin-2024"


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


@pytest.mark.parametrize(("name", "direction", "expected"), [
    ("Recommendations_Given.csv", "given",
     [("Lars Holm", "Fjordline Software AS", "CTO", "2024-06-15 15:20", "")]),
    ("Recommendations_Received.csv", "received",
     [("Kasia Nowak", "Oktopus Data", "Data Scientist", "2024-08-02 09:05", "VISIBLE"),
      ("Nadia Haddad", "Ember Bio", "Head of Data", "2024-10-30 23:41", "VISIBLE")]),
])
def test_given_and_received(name, direction, expected, read_one, detected):
    path = FIXTURES / name
    assert detected(path) == "linkedin-recommendations"
    network = read_one(path)
    people = network.people.set_index("person_id")
    got = [(people.at[r.person_id, "name"], people.at[r.person_id, "company"],
            people.at[r.person_id, "position"], r.at, r.detail)
           for r in network.interactions.itertuples()]
    assert got == [(n, c, p, utc(t), s) for n, c, p, t, s in expected]
    assert (network.interactions["kind"] == "recommendation").all()
    assert (network.interactions["direction"] == direction).all()
    assert network.sources[0].note == f"{direction}: decided from the file name"


def test_renamed_file_is_still_detected_and_taken_as_received_with_a_note(tmp_path, read_one):
    target = tmp_path / "recs.csv"
    shutil.copy(FIXTURES / "Recommendations_Given.csv", target)
    network = read_one(target)
    assert network.interactions["direction"].tolist() == ["received"]
    assert "header cannot tell given from received" in network.sources[0].note


def test_recommended_people_merge_with_connections_by_name():
    network = netaudit.load([FIXTURES / "Connections.csv", FIXTURES / "Profile.csv",
                             FIXTURES / "Recommendations_Given.csv",
                             FIXTURES / "Recommendations_Received.csv"])
    connections = network.connections.set_index("name")["person_id"]
    assert network.interactions["person_id"].tolist() == [
        connections["Lars Holm"], connections["Kasia Nowak"], connections["Nadia Haddad"]]
