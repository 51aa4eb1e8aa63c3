"""WhatsApp chat exports, Android and iOS forms. Counts from tests/fixtures/whatsapp/EXPECTED.md,
by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import netaudit
from netaudit.errors import InputError

WA = Path(__file__).resolve().parents[1] / "fixtures" / "whatsapp"
US = WA / "android-us" / "WhatsApp Chat with José García.txt"


def test_android_us_twelve_hour_with_narrow_no_break_space(read_one, detected):
    assert detected(US) == "whatsapp"
    network = read_one(US)
    messages = network.messages
    # 6 lines with a date: 1 system (encryption notice) + 4 messages; "Lunch or dinner?" and
    # "Either works" continue Alex's 7:10 PM message.
    assert len(messages) == 4
    assert messages["body"].tolist() == ["Hi Alex, are you free on the 14th?",
                                         "Yes!\nLunch or dinner?\nEither works",
                                         "<Media omitted>", "This message was deleted"]
    # 2/13/23 settles month-first; 9:41 AM and 12:00 PM (noon).
    assert messages["sent_at"].tolist() == [
        pd.Timestamp("2023-01-04 19:03:00Z"), pd.Timestamp("2023-01-04 19:10:00Z"),
        pd.Timestamp("2023-02-13 09:41:00Z"), pd.Timestamp("2023-02-13 12:00:00Z")]
    assert network.sources[0].note == "2 participants, 1:1, dates M/D/Y, 1 system line left out"
    assert not network.problems


def test_ios_group_in_zip_with_marks_and_phone_sender(read_one):
    from netaudit.importers.inputs import iter_inputs

    files = iter_inputs([WA / "ios-de" / "WhatsApp Chat - Launch.zip"], [])
    assert [f.name for f in files] == ["_chat.txt", "00000005-PHOTO-2024-01-01-09-15-02.jpg"]
    network = netaudit.load([WA / "ios-de"])
    messages = network.messages.sort_values("sent_at")
    # 7 dated lines: 3 system (name "Launch", text after U+200E) + 4 messages; the image line
    # has U+200E before "[" and before "image omitted": a message by Priya.
    assert len(messages) == 4
    people = network.people.set_index("person_id")
    assert [people.at[s, "name"] for s in messages["sender_id"]] == [
        "Alex Rivera", "Priya Patel", "+49 151 23456789", "Priya Patel"]
    assert messages["body"].tolist()[1:] == ["image omitted", "Danke, hier ist Lena",
                                             "Zeile eins\nZeile zwei"]
    # 31.12.23 settles day-first; seconds kept.
    assert messages["sent_at"].iloc[0] == pd.Timestamp("2023-12-31 21:41:05Z")
    lena = people[people["name"] == "+49 151 23456789"].iloc[0]
    assert lena["phone"] == "+4915123456789"
    # Participants: the 3 senders + Søren, named only in "Alex Rivera added …": each message
    # goes to the 3 others; the conversation is a group.
    assert all(len(r) == 3 for r in messages["recipient_ids"])
    assert messages["is_group"].all()
    assert messages["channel"].eq("whatsapp").all()


def test_ios_english_lowercase_pm(read_one):
    network = read_one(WA / "ios-en" / "_chat.txt")
    # 4 lines: the encryption notice (U+200E after "Kwame Mensah: ") is a system line.
    assert len(network.messages) == 3
    # 17/10/2020 settles day-first; 1:50:41 pm = 13:50:41; 11:59:59 am = 11:59:59.
    assert sorted(network.messages["sent_at"].tolist()) == [
        pd.Timestamp("2020-10-17 11:59:59Z"), pd.Timestamp("2020-10-17 13:50:41Z"),
        pd.Timestamp("2020-10-17 13:51:33Z")]
    bodies = set(network.messages["body"])
    assert "<attached: 00000003-PHOTO-2020-10-17-13-51-33.jpg>" in bodies


def test_owner_is_present_in_every_chat():
    network = netaudit.load([WA])
    # 4 chats; Alex Rivera wrote in each; messages 2 + 4 + 4 + 3 = 13.
    assert network.owner.name == "Alex Rivera"
    assert network.owner.how == "present in 4 of 4 conversations"
    assert len(network.messages) == 13
    # Outgoing: 1 (Mei) + 2 (José) + 1 (Launch) + 1 (Kwame) = 5.
    assert (network.messages["direction"] == "outgoing").sum() == 5


def test_dates_that_never_tell_the_order_are_read_with_a_warning(write, read_one):
    path = write("chat.txt", "03/04/21, 10:00 - Ana Ruiz: hola\n03/04/21, 10:05 - Bo Li: hi\n")
    network = read_one(path)
    # 24 h, no AM/PM: not the US form, so day-first: 3 April 2021.
    assert network.messages["sent_at"].iloc[0] == pd.Timestamp("2021-04-03 10:00:00Z")
    assert str(network.problems[0]).endswith(
        "2 messages have dates that read both day-first and month-first; read day-first")
    us = write("us.txt", "03/04/21, 10:00 AM - Ana Ruiz: hola\n")
    assert read_one(us).messages["sent_at"].iloc[0] == pd.Timestamp("2021-03-04 10:00:00Z")


def test_spanish_android_without_comma(write, read_one):
    path = write("chat.txt", "20/6/2017 8:28\u00a0p.\u00a0m. - Michelle: test\n")
    network = read_one(path)
    assert network.messages["sent_at"].iloc[0] == pd.Timestamp("2017-06-20 20:28:00Z")
    assert network.people["name"].tolist() == ["Michelle"]


def test_not_a_chat(write, detected):
    assert detected(write("notes.txt", "Shopping list\n12/31/23 milk\n")) is None


def test_broken_file_one_line_error(write):
    path = write("chat.txt", "12/31/23, 9:41 PM - Ana: hi\n")
    from netaudit.importers import importer_named
    from netaudit.importers.base import ReadOptions
    from netaudit.importers.inputs import iter_inputs

    other = write("x.txt", "hello\nworld\n")
    [file] = iter_inputs([other], [])
    with pytest.raises(InputError) as caught:
        importer_named("whatsapp").read(file, ReadOptions())
    assert str(caught.value) == (
        f"{other}: holds no WhatsApp message line (expected lines like '12/31/23, 9:41 PM - "
        "Name: text' or '[31.12.23, 21:41:05] Name: text' (WhatsApp > chat > Export chat))")
    assert len(netaudit.load([path]).messages) == 1


def test_size_cap(write, monkeypatch):
    from netaudit.importers import _chats, whatsapp

    path = write("chat.txt", "12/31/23, 9:41 PM - Ana: hi\n")
    monkeypatch.setattr(whatsapp, "MAX_TEXT_BYTES", 10)
    assert _chats.MAX_TEXT_BYTES == 1024**3
    with pytest.raises(InputError, match="refused: 28 bytes is more than netaudit reads"):
        netaudit.load([path])
