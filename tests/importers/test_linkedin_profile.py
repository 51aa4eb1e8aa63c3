"""LinkedIn Profile.csv (2018 15-column and 2022+ 13-column headers): the owner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import netaudit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize(("era", "headline", "location", "note"), [
    ("linkedin-2018", "Product consultant", "Lisbon, Portugal", "2018; owner Alex Rivera"),
    ("linkedin-2022", "Product consultant", "Lisbon, Portugal", "2022+; owner Alex Rivera"),
    ("linkedin-2024", "Independent product consultant", "Lisbon", "2022+; owner Alex Rivera"),
    ("linkedin-2026", "Independent product consultant", "Lisbon, Portugal",
     "2022+; owner Alex Rivera"),
])
def test_profile_is_the_owner(era, headline, location, note, read_one, detected):
    path = FIXTURES / era / "Profile.csv"
    assert detected(path) == "linkedin-profile"
    network = read_one(path)
    [owner] = network.people.to_dict("records")
    assert (owner["name"], owner["position"], owner["location"], owner["is_owner"],
            owner["is_connection"]) == ("Alex Rivera", headline, location, True, False)
    assert network.sources[0].note == note


def test_load_takes_the_owner_from_the_profile_even_when_renamed(tmp_path):
    shutil.copy(FIXTURES / "linkedin-2022" / "Profile.csv", tmp_path / "me.txt")
    shutil.copy(FIXTURES / "linkedin-2022" / "messages.csv", tmp_path / "m.txt")
    network = netaudit.load([tmp_path])
    assert network.owner.name == "Alex Rivera"
    assert network.owner.how == f"profile in {tmp_path / 'me.txt'}"
    # The owner's URL comes from the messages they sent (merged by name).
    owner = network.people.set_index("person_id").loc[network.owner_id]
    assert owner["profile_url"] == "linkedin.com/in/alex-rivera-fx"


def test_profile_without_a_name_is_a_problem(write, read_one):
    text = ("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
            "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
            ",,,,,Consultant,,,,Lisbon,,,\n")
    network = read_one(write("Profile.csv", text))
    assert len(network.people) == 0
    [problem] = network.problems
    assert "owner was not taken from this file" in str(problem)


def test_names_are_shown_with_one_space_between_words(tmp_path):
    # A published export's owner was written 'First␣␣Middle Last' in Profile.csv, and the
    # audit was titled so; connections likewise. By hand: one space each.
    (tmp_path / "Profile.csv").write_text(
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
        "Ana  Maria,Ruiz,,,,Consultant,,,,Lisbon,,,\n", encoding="utf-8")
    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Bo ,  Lind,https://www.linkedin.com/in/bo-lind,,Acme,Engineer,12 Mar 2024\n",
        encoding="utf-8")
    network = netaudit.load([tmp_path])
    assert network.owner.name == "Ana Maria Ruiz"
    assert network.connections["name"].tolist() == ["Bo Lind"]
