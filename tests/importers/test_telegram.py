"""Telegram Desktop's result.json: the whole-account export and a one-chat export. Counts from
tests/fixtures/telegram/EXPECTED.md, by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import netaudit
from netaudit.errors import InputError

TG = Path(__file__).resolve().parents[1] / "fixtures" / "telegram"


def test_full_export(read_one, detected):
    path = TG / "full" / "result.json"
    assert detected(path) == "telegram"
    network = read_one(path)
    messages = network.messages
    # José: 1 service + 2 messages; Launch: 1 service + 4 messages; Old team (left_chats):
    # 1 message. Saved messages and the public channel are left out. 2 + 4 + 1 = 7.
    assert len(messages) == 7
    assert messages["conversation_id"].nunique() == 3
    assert network.sources[0].note == ("3 chats read, 2 contacts, 2 service messages left "
                                       "out, left out: 1 public_channel, 1 saved_messages")
    people = network.people.set_index("person_id")
    assert network.owner.name == "Alex Rivera"
    assert people.at[network.owner.person_id, "phone"] == "+14155550100"
    # Text as a list of entities is joined.
    assert "Notes: https://example.org/notes" in set(messages["body"])
    # date_unixtime 1709287500 = 2024-03-01 10:05:00 UTC
    assert pd.Timestamp("2024-03-01 10:05:00Z") in set(messages["sent_at"])


def test_contacts_carry_phone_numbers(read_one):
    network = read_one(TG / "full" / "result.json")
    contacts = network.people[network.people["is_contact"]].set_index("name")
    assert sorted(contacts.index) == ["José García", "Lena"]
    # José the contact and José the chat partner are one person (same name in one file).
    assert contacts.at["José García", "phone"] == "+34600000001"
    jose = contacts.at["José García", "person_id"]
    assert (network.messages["sender_id"] == jose).sum() == 1


def test_group_recipients_and_deleted_account(read_one):
    network = read_one(TG / "full" / "result.json")
    launch = network.messages[network.messages["conversation_id"] == "telegram:1700000001"]
    # Senders Priya, Søren, a deleted account (from null, from_id user5000000009), Alex: each
    # message goes to the owner and the other senders: 4 participants, 3 recipients each.
    assert len(launch) == 4
    assert all(len(r) == 3 for r in launch["recipient_ids"])


def test_one_chat_export_finds_the_owner(read_one):
    network = read_one(TG / "single-chat" / "result.json")
    # The chat is named after Mei Chen: the other sender, Alex Rivera, is the owner.
    assert network.owner.name == "Alex Rivera"
    assert network.owner.how == "the other sender of the chat with Mei Chen"
    # No date_unixtime: "date" kept as written (local time read as UTC wall time).
    assert network.messages["sent_at"].tolist() == [pd.Timestamp("2020-02-02 20:20:20Z"),
                                                    pd.Timestamp("2020-02-02 20:25:00Z")]
    assert network.messages["body"].tolist()[1] == "Yes sure"


def test_whole_load():
    network = netaudit.load([TG / "full"])
    assert (network.messages["direction"] == "outgoing").sum() == 2  # Notes + Welcome both
    assert network.messages["channel"].eq("telegram").all()
    launch = network.messages["conversation_id"] == "telegram:1700000001"
    assert network.messages.loc[launch, "is_group"].all()


def test_broken_file_one_line_error(write):
    path = write("result.json", '{\n "about": "Here is the data you requested.",\n'
                 ' "personal_information": {"user_id": 1,\n')
    with pytest.raises(InputError) as caught:
        netaudit.load([path])
    assert "\n" not in str(caught.value)
    assert "result.json, line 3: is not valid JSON" in str(caught.value)


def test_size_cap(write, monkeypatch):
    from netaudit.importers import _chats

    path = write("result.json", json.dumps({"about": "x", "personal_information": {},
                                            "chats": {"about": "", "list": []}}))
    monkeypatch.setattr(_chats, "MAX_JSON_BYTES", 20)
    with pytest.raises(InputError, match="refused"):
        netaudit.load([path])
