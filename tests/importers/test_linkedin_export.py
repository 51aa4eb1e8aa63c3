"""A whole LinkedIn export: the bundled sample ZIP against the truth its generator wrote
(samples/sample_truth.json, computed from the rows as written, not by netaudit), and a fixture
export whose files were all renamed to nonsense (detection is by content)."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import netaudit

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"
TRUTH = ROOT / "samples" / "sample_truth.json"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def sample():
    return netaudit.load([SAMPLE]), json.loads(TRUTH.read_text(encoding="utf-8"))


def test_sample_detection_lines(sample):
    network, _ = sample
    kinds = Counter(s.kind for s in network.sources)
    assert kinds == {"LinkedIn connections": 1, "LinkedIn messages": 1,
                     "LinkedIn invitations": 1, "LinkedIn recommendations": 2,
                     "LinkedIn endorsements": 2, "LinkedIn profile (the owner)": 1}
    # Skills.csv, Company Follows.csv and Jobs/Saved Jobs.csv are files every export may
    # hold (docs/formats.md 2.1): not read, listed by -v, no warning (issue 15).
    zip_name = "Basic_LinkedInDataExport_11-20-2026.zip"
    assert [u.rsplit(zip_name + ":", 1)[1] for u in network.unread] == [
        "Skills.csv", "Company Follows.csv", "Jobs/Saved Jobs.csv"]
    assert not any("skipped" in p.message for p in network.problems)


def test_sample_owner(sample):
    network, truth = sample
    owner = network.people.set_index("person_id").loc[network.owner_id]
    assert owner["name"] == truth["owner"]["name"]
    assert owner["profile_url"] == truth["owner"]["url"].removeprefix("https://www.")
    assert network.owner.how.endswith("Profile.csv")


def test_sample_connections(sample):
    network, truth = sample
    connections = network.connections
    assert len(connections) == truth["connections"]["rows"]
    assert int(connections["hidden"].sum()) == truth["connections"]["date_only_rows"]
    assert int((connections["email"] != "").sum()) == truth["connections"]["with_email"]
    years = connections["connected_on"].dt.year.value_counts()
    assert {str(y): int(n) for y, n in years.items()} == truth["connections"]["per_year"]


def test_sample_messages(sample):
    network, truth = sample
    messages, expected = network.messages, truth["messages"]
    assert len(messages) == expected["rows"]
    assert messages["conversation_id"].nunique() == expected["conversations"]
    assert int(messages["is_system"].sum()) == expected["sponsored_rows"]
    assert int(messages["is_draft"].sum()) == expected["draft_rows"]
    real = messages[~messages["is_system"]]
    assert int(real["is_group"].sum()) == expected["group_rows"]
    assert real.loc[real["is_group"], "conversation_id"].nunique() == \
        expected["group_conversations"]
    sponsored = messages.loc[messages["is_system"], "conversation_id"].nunique()
    assert sponsored == expected["sponsored_conversations"]
    assert int(messages["body"].str.contains("<p", regex=False).sum()) == 0


def test_sample_invitations_recommendations_endorsements(sample):
    network, truth = sample
    assert network.invitations["direction"].value_counts().to_dict() == {
        "incoming": truth["invitations"]["incoming"],
        "outgoing": truth["invitations"]["outgoing"]}
    interactions = network.interactions
    counts = Counter(zip(interactions["kind"], interactions["direction"], strict=True))
    assert counts == {
        ("recommendation", "given"): truth["recommendations"]["given"],
        ("recommendation", "received"): truth["recommendations"]["received"],
        ("endorsement", "given"): truth["endorsements"]["given"],
        ("endorsement", "received"): truth["endorsements"]["received"]}


def test_sample_dormant_connections_computed_here_from_the_tables(sample):
    # Independent of the analyses: anyone in a real (not system, not draft) message either
    # way, or in any recommendation/endorsement, is touched; the rest of the connections are
    # dormant (hidden profiles included).
    network, truth = sample
    real = network.messages[~network.messages["is_system"] & ~network.messages["is_draft"]]
    touched = set(real["sender_id"]) | {r for rs in real["recipient_ids"] for r in rs}
    touched |= set(network.interactions["person_id"])
    dormant = ~network.connections["person_id"].isin(touched)
    assert int(dormant.sum()) == truth["dormant"]["connections_never_exchanged"]


def test_sample_outreach_computed_here_from_the_tables(sample):
    # The generator's definition (sample_truth.json 'definitions'): openers are the owner's
    # 1:1 messages to a connection not preceded by a message from that connection in the 30
    # days before; replied = the connection wrote within 30 days after an opener.
    network, truth = sample
    window = pd.Timedelta(days=30)
    owner = network.owner_id
    messages = network.messages
    one_to_one = messages[~messages["is_system"] & ~messages["is_draft"] & ~messages["is_group"]]
    connections = set(network.connections["person_id"])
    events: dict[str, list[tuple[pd.Timestamp, bool]]] = {}
    for row in one_to_one.itertuples():
        own = row.sender_id == owner
        other = row.recipient_ids[0] if own else row.sender_id
        if other in connections:
            events.setdefault(other, []).append((row.sent_at, own))
    written, replied = set(), set()
    for person, seen in events.items():
        theirs = [t for t, own in seen if not own]
        for t, own in seen:
            if own and not any(t - window <= u < t for u in theirs):
                written.add(person)
                if any(t < u <= t + window for u in theirs):
                    replied.add(person)
    assert (len(written), len(replied)) == (truth["outreach"]["written_first"],
                                            truth["outreach"]["replied_within_30_days"])


def test_an_export_with_every_file_renamed_reads_the_same(tmp_path):
    # linkedin-2026 (EXPECTED.md): 6 connections rows (1 date-only), 10 messages in 5
    # conversations (3 system), 2 invitations, 2 + 1 endorsements, owner from Profile.csv.
    for i, path in enumerate(sorted((FIXTURES / "linkedin-2026").glob("*.csv"))):
        shutil.copy(path, tmp_path / f"file{i}.dat")
    network = netaudit.load([tmp_path])
    assert [s.kind for s in network.sources] == [
        "LinkedIn connections", "LinkedIn endorsements", "LinkedIn endorsements",
        "LinkedIn invitations", "LinkedIn profile (the owner)", "LinkedIn messages"]
    assert len(network.connections) == 6
    assert (len(network.messages), network.messages["conversation_id"].nunique(),
            int(network.messages["is_system"].sum())) == (10, 5, 3)
    assert len(network.invitations) == 2
    assert Counter(network.interactions["direction"]) == {"received": 2, "given": 1}
    assert network.owner.name == "Alex Rivera"
    # Every named connection is in a message or an endorsement; only the date-only row is not.
    real = network.messages[~network.messages["is_system"]]
    touched = set(real["sender_id"]) | {r for rs in real["recipient_ids"] for r in rs}
    touched |= set(network.interactions["person_id"])
    assert network.connections.loc[~network.connections["person_id"].isin(touched),
                                   "hidden"].tolist() == [True]


@pytest.mark.parametrize(("name", "label"), [
    ("messages.csv", "LinkedIn messages"),
    ("Invitations.csv", "LinkedIn invitations"),
    ("Endorsement_Given_Info.csv", "LinkedIn endorsements"),
    ("Recommendations_Received.csv", "LinkedIn recommendations"),
    ("Profile.csv", "LinkedIn profile (the owner)"),
])
def test_a_known_file_with_an_unknown_header_is_named_in_a_warning(tmp_path, name, label):
    # A future era that renamed every column: the file is ignored and the user told which.
    shutil.copy(FIXTURES / "linkedin-2026" / "Connections.csv", tmp_path / "Connections.csv")
    (tmp_path / name).write_text("Sender,Receiver,When\nA,B,2026-01-01\n", encoding="utf-8")
    network = netaudit.load([tmp_path])
    warnings = [p.message for p in network.problems if p.path == str(tmp_path / name)]
    assert warnings == [f"is named like a {label} file but its header is not one netaudit "
                        "knows; it was ignored"], network.problems


def test_calendar_csv_is_an_export_file_not_read(tmp_path):
    # A published 2021 export held Calendar.csv ('Owner,Source,LastSyncedAt': the calendars
    # the member synced): listed as "skipped (not a format netaudit reads)" with a warning,
    # like a stray file, instead of among the export's files netaudit does not use.
    import zipfile

    folder = tmp_path / "export"
    folder.mkdir()
    with zipfile.ZipFile(SAMPLE) as archive:
        (folder / "Connections.csv").write_bytes(archive.read("Connections.csv"))
    (folder / "Calendar.csv").write_text(
        'Owner,Source,LastSyncedAt\nANDROID_CALENDAR,ANDROID_CALENDAR,"7/29/21, 9:59 AM"\n',
        encoding="utf-8")
    network = netaudit.load([folder])
    assert [u.rsplit("/", 1)[-1] for u in network.unread] == ["Calendar.csv"]
    assert not any("skipped" in p.message for p in network.problems)
