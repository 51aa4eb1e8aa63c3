"""Facebook "Download your information" (JSON): friends, requests, Messenger threads.

Expected values are counted by hand from tests/fixtures/facebook/EXPECTED.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import netaudit
from netaudit.errors import InputError
from netaudit.importers._chats import repair_mojibake

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

FB = FIXTURES / "facebook"
FRIENDS = FB / "2025" / "connections" / "friends"
INBOX = FB / "2025" / "your_facebook_activity" / "messages"


def test_friends_with_repaired_names_and_dates(read_one):
    network = read_one(FRIENDS / "your_friends.json")
    people = network.people.set_index("name")
    # 3 friends; "Jos\u00c3\u00a9 Garc\u00c3\u00ada" is José García once repaired.
    assert sorted(people.index) == ["José García", "Priya Patel", "Søren Østergaard"]
    assert people["is_connection"].all()
    # 1500000000 s = 2017-07-14 02:40:00 UTC; 1650000000 s = 2022-04-15 05:20:00 UTC
    assert people.at["José García", "connected_on"] == pd.Timestamp("2017-07-14 02:40:00Z")
    assert people.at["Søren Østergaard", "connected_on"] == pd.Timestamp("2022-04-15 05:20:00Z")
    assert network.sources[0].note == "3 friends"


@pytest.mark.parametrize(("name", "direction", "when"), [
    # 1700000000 s = 2023-11-14 22:13:20 UTC; 1710000000 s = 2024-03-09 16:00:00 UTC
    ("sent_friend_requests.json", "outgoing", "2023-11-14 22:13:20Z"),
    ("received_friend_requests.json", "incoming", "2024-03-09 16:00:00Z"),
])
def test_friend_requests_are_invitations(name, direction, when, read_one):
    network = read_one(FRIENDS / name)
    assert len(network.invitations) == 1
    row = network.invitations.iloc[0]
    assert row["direction"] == direction
    assert row["sent_at"] == pd.Timestamp(when)
    assert not network.people["is_connection"].any()


def test_removed_friends_are_people_but_not_connections(read_one):
    network = read_one(FRIENDS / "removed_friends.json")
    assert network.people["name"].tolist() == ["Lars Holm"]
    assert not network.people["is_connection"].any()
    assert network.sources[0].note == "1 removed friends"


def test_2019_friends_json_with_contact_info(read_one):
    network = read_one(FB / "2019" / "friends" / "friends.json")
    people = network.people.set_index("name")
    assert sorted(people.index) == ["Kwame Mensah", "Zoë Dubois"]
    assert people.at["Kwame Mensah", "email"] == "kwame@example.org"
    # 1262304000 s = 2010-01-01 00:00:00 UTC
    assert people.at["Zoë Dubois", "connected_on"] == pd.Timestamp("2010-01-01 00:00:00Z")


def test_paginated_thread_is_one_conversation():
    network = netaudit.load([INBOX / "inbox" / "josegarcia_10158"])
    messages = network.messages.sort_values("sent_at")
    # message_2.json holds the 2 older, message_1.json the 2 newer messages: 4 in 1 thread.
    assert len(messages) == 4
    assert messages["conversation_id"].unique().tolist() == [
        "facebook:inbox/josegarcia_10158"]
    assert messages["body"].tolist() == ["Hola José", "¿Café mañana?", "Great, see you then",
                                         "Sí, gracias 😀"]
    assert messages["channel"].unique().tolist() == ["facebook"]
    # 1700000000000 ms = 2023-11-14 22:13:20 UTC
    assert messages["sent_at"].iloc[0] == pd.Timestamp("2023-11-14 22:13:20Z")


def test_group_thread_membership_records_are_not_messages(read_one):
    network = read_one(INBOX / "inbox" / "launch_20250301" / "message_1.json")
    # 4 records, 1 of them "Subscribe" (Alex added Søren): 3 messages.
    assert len(network.messages) == 3
    assert all(len(r) == 2 for r in network.messages["recipient_ids"])
    note = network.sources[0].note
    assert note == "'Launch 🚀', inbox, 3 participants, 1 joins/leaves left out"


def test_requests_are_set_apart_archived_threads_are_not(read_one):
    requests = read_one(INBOX / "message_requests" / "cryptodeals_999" / "message_1.json")
    archived = read_one(INBOX / "archived_threads" / "meichen_777" / "message_1.json")
    assert requests.messages["is_system"].tolist() == [True]
    assert archived.messages["is_system"].tolist() == [False]
    assert "archived_threads" in archived.sources[0].note


def test_whole_2025_export():
    network = netaudit.load([FB / "2025"])
    # Messages: 4 (José) + 3 (Launch) + 1 (Mei, archived) + 1 (request) = 9 in 4 threads.
    assert len(network.messages) == 9
    assert network.messages["conversation_id"].nunique() == 4
    # Alex Rivera is a participant of all 4 threads.
    assert network.owner.name == "Alex Rivera"
    assert network.owner.how == "present in 4 of 4 conversations"
    # Outgoing: 2 to José + 1 in Launch = 3.
    assert (network.messages["direction"] == "outgoing").sum() == 3
    # People besides Alex: José, Priya, Søren (friends), Mei (request sent, archived thread),
    # Kwame (request received), Lars (removed), Crypto Deals (message request) = 7.
    assert len(network.people) - 1 == 7
    assert network.people["is_connection"].sum() == 3
    assert len(network.invitations) == 2
    launch = network.messages[network.messages["conversation_id"]
                              == "facebook:inbox/launch_20250301"]
    assert launch["is_group"].all()


def test_html_export_gets_a_one_line_error_asking_for_json():
    with pytest.raises(InputError) as caught:
        netaudit.load([FB / "html"])
    text = str(caught.value)
    assert "\n" not in text
    assert text.endswith(
        "message_1.html: is Facebook's export in HTML, which netaudit cannot read (request "
        "'Download your information' again with Format: JSON (Accounts Centre > Your "
        "information and permissions > Download your information))")


def test_broken_json_names_file_and_line(write, detected):
    path = write("message_1.json", '{\n "participants": [{"name": "A"}],\n "messages": [\n'
                 '  {"sender_name": "A", "timestamp_ms": 1700000000000, "content": "hi"\n')
    assert detected(path) == "facebook-messages"
    with pytest.raises(InputError) as caught:
        netaudit.load([path])
    # The cut comes right after line 4's 69 characters: line 4, column 70.
    assert "message_1.json, line 4: is not valid JSON (Expecting ',' delimiter, column 70)" \
        in str(caught.value)
    assert "\n" not in str(caught.value)


def test_size_cap(write, monkeypatch):
    from netaudit.importers import _chats

    path = write("your_friends.json", json.dumps({"friends_v2": [{"name": "A",
                                                                   "timestamp": 1}]}))
    monkeypatch.setattr(_chats, "MAX_JSON_BYTES", 10)
    with pytest.raises(InputError, match="refused: .* bytes is more than netaudit reads"):
        netaudit.load([path])


def test_repair_leaves_real_text_alone():
    assert repair_mojibake("Zoë") == "Zoë"
    assert repair_mojibake("Zo\u00c3\u00ab") == "Zoë"
    assert repair_mojibake("日本") == "日本"


def test_implausible_timestamps_are_dropped_with_a_warning(write, read_one):
    path = write("your_friends.json", json.dumps({"friends_v2": [
        {"name": "Ana", "timestamp": 100}, {"name": "Bo", "timestamp": 1500000000}]}))
    network = read_one(path)
    # 100 s after 1970 is before Facebook (2004): 1 date dropped.
    assert network.people["connected_on"].isna().sum() == 1
    assert "1 entry has a date before 2004" in str(network.problems[0])


def test_instagram_threads_are_read_with_their_own_channel(tmp_path):
    # Instagram's download: the Messenger shape under your_instagram_activity/messages/inbox.
    thread = {"participants": [{"name": "Mei Chen"}, {"name": "Alex Rivera"}],
              "messages": [{"sender_name": "Mei Chen", "timestamp_ms": 1700000000000,
                            "content": "Caf\u00c3\u00a9?"}],
              "title": "Mei Chen", "thread_path": "inbox/meichen_42"}
    path = (tmp_path / "instagram-alexrivera-2025-04-26" / "your_instagram_activity"
            / "messages" / "inbox" / "meichen_42" / "message_1.json")
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(thread), encoding="ascii")
    network = netaudit.load([tmp_path])
    assert network.messages["channel"].tolist() == ["instagram"]
    assert network.messages["conversation_id"].tolist() == ["instagram:inbox/meichen_42"]
    assert network.messages["body"].tolist() == ["Café?"]
    assert network.sources[0].note == "Instagram, 'Mei Chen', inbox, 2 participants"


# The owner's file of a Facebook download (issue 18), in the two shapes parsers read: the
# autofill file (each field a list, UTF-8 escaped byte by byte) and profile_information.json.
AUTOFILL = ('{"autofill_information_v2": {"EMAIL": ["zo\\u00c3\\u00ab@example.com"], '
            '"PHONE": ["+49 151 2345678"], "FIRST_NAME": ["Zo\\u00c3\\u00ab"], '
            '"LAST_NAME": ["Lemaire"], "FULL_NAME": ["Zo\\u00c3\\u00ab Lemaire"]}}')
PROFILE_V2 = ('{"profile_v2": {"name": {"full_name": "Zo\\u00c3\\u00ab Lemaire", '
              '"first_name": "Zo\\u00c3\\u00ab", "middle_name": "", "last_name": "Lemaire"}}}')


@pytest.mark.parametrize(("name", "text", "email", "phone"), [
    ("autofill_information.json", AUTOFILL, "zoë@example.com", "+491512345678"),
    ("profile_information.json", PROFILE_V2, "", ""),
])
def test_the_owners_profile_file(name, text, email, phone, write, detected, read_one):
    # Named otherwise, still recognized by its content.
    path = write(f"renamed-{name}", text)
    assert detected(path) == "facebook-profile"
    network = read_one(path)
    [row] = network.people.to_dict("records")
    assert (row["name"], row["email"], row["phone"], row["is_owner"]) == (
        "Zoë Lemaire", email, phone, True)
    assert network.owner.name == "Zoë Lemaire"


def test_a_profile_file_without_a_name_is_one_line(write):
    path = write("autofill_information.json", '{"autofill_information_v2": {"EMAIL": []}}')
    with pytest.raises(InputError) as caught:
        netaudit.load([path])
    assert "autofill_information.json: names no owner" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_profile_names_the_owner_of_a_one_thread_download(tmp_path):
    # One thread alone cannot say which of its two participants is the owner; the
    # autofill file can. Alex wrote 1 message, José 2: 1 outgoing, 2 incoming.
    thread = tmp_path / "messages" / "inbox" / "jose_1"
    thread.mkdir(parents=True)
    (thread / "message_1.json").write_text(json.dumps({
        "participants": [{"name": "Jos\u00c3\u00a9 Garc\u00c3\u00ada"}, {"name": "Alex Rivera"}],
        "messages": [
            {"sender_name": "Alex Rivera", "timestamp_ms": 1700000300000, "content": "yes"},
            {"sender_name": "Jos\u00c3\u00a9 Garc\u00c3\u00ada", "timestamp_ms": 1700000200000,
             "content": "ok?"},
            {"sender_name": "Jos\u00c3\u00a9 Garc\u00c3\u00ada", "timestamp_ms": 1700000100000,
             "content": "hi"}],
        "title": "Jos\u00c3\u00a9", "is_still_participant": True, "thread_path": "inbox/jose_1"}),
        encoding="utf-8")
    (tmp_path / "messages" / "autofill_information.json").write_text(
        '{"autofill_information_v2": {"FULL_NAME": ["Alex Rivera"]}}', encoding="utf-8")
    network = netaudit.load([tmp_path])
    assert network.owner.name == "Alex Rivera"
    assert network.messages["direction"].value_counts().to_dict() == {"incoming": 2,
                                                                      "outgoing": 1}


def test_a_thread_of_hundreds_of_participants_is_recognized(write, detected, read_one):
    # A real 2024 download's filtered_threads held group threads of 236-247 participants:
    # their 'messages' key lay past the first 8 KB, and 13 threads were skipped as unknown.
    names = [f"Member {i:03d}" for i in range(300)]
    document = {"participants": [{"name": n} for n in names] + [{"name": "Alex Rivera"}],
                "messages": [{"sender_name": "Member 007", "timestamp_ms": 1700000000000,
                              "content": "hello all"}],
                "title": "Big group", "is_still_participant": True,
                "thread_path": "filtered_threads/biggroup_1", "magic_words": []}
    path = write("filtered_threads/biggroup_1/message_1.json", json.dumps(document, indent=2))
    assert detected(path) == "facebook-messages"
    network = read_one(path)
    # One message from Member 007 to the 300 others; a filtered thread is set apart.
    assert len(network.messages) == 1
    assert len(network.messages["recipient_ids"].iat[0]) == 300
    assert bool(network.messages["is_system"].iat[0])


def test_a_thread_with_an_unavailable_account_is_set_aside_row_by_row(tmp_path):
    # A published 2025 download holds threads whose other participant has an empty name
    # ({"name": ""}) and whose messages from that person have "sender_name": "" (a deleted
    # or deactivated account). They were skipped with "1 message is messages without a
    # sender". Fictional thread: the owner wrote twice, the unavailable account once; all
    # three rows are kept and set aside, the account being the only other participant. A
    # thread entry that is not an object is the one thing skipped, in one agreeing line.
    from netaudit.importers.base import ReadOptions
    from netaudit.importers.facebook import UNAVAILABLE_NAME, FacebookMessages
    from netaudit.importers.inputs import iter_inputs

    thread = tmp_path / "inbox" / "1234567890" / "message_1.json"
    thread.parent.mkdir(parents=True)
    thread.write_text(json.dumps({
        "participants": [{"name": ""}, {"name": "Alex Rivera"}],
        "messages": [
            {"sender_name": "Alex Rivera", "timestamp_ms": 1736477136787, "content": "Still there?"},
            {"sender_name": "", "timestamp_ms": 1729947762081, "content": "Yes"},
            {"sender_name": "Alex Rivera", "timestamp_ms": 1729933360593, "content": "Hi"},
            "not a message",
        ],
        "title": "", "is_still_participant": True, "thread_path": "inbox/1234567890",
        "magic_words": [],
    }), encoding="utf-8")
    (file,) = iter_inputs([thread], [])
    network = FacebookMessages().read(file, ReadOptions())
    messages = network.messages
    names = network.people.set_index("person_id")["name"]
    assert [names[s] for s in messages["sender_id"]] == ["Alex Rivera", UNAVAILABLE_NAME,
                                                         "Alex Rivera"]
    assert [[names[r] for r in rs] for rs in messages["recipient_ids"]] == [
        [UNAVAILABLE_NAME], ["Alex Rivera"], [UNAVAILABLE_NAME]]
    assert messages["set_aside"].tolist() == ["unavailable account"] * 3
    assert network.sources[0].note == "inbox, 1 participant and an unavailable account"
    assert messages["is_system"].tolist() == [True] * 3
    assert [str(p) for p in network.problems] == [
        f"{file.display}: 1 entry has no message netaudit can read and was skipped"]


def test_a_thread_page_with_sorted_keys_is_read(tmp_path):
    # A published Instagram thread, edited by its publisher, had its keys sorted:
    # 'is_still_participant', 'magic_words', then 'messages' (1.7 MB) before 'participants',
    # and the page was refused ('named like a Facebook
    # Messenger thread file but its header is not one netaudit knows'). By hand: 200 rows;
    # the thread is named after Bo, so Ana is the owner.
    thread = tmp_path / "messages" / "inbox" / "boli_1"
    thread.mkdir(parents=True)
    # 200 messages (newest first) put 'participants' beyond the first 8 KB, as in that file.
    messages = [{"content": f"note {i}", "sender_name": "Bo Li" if i % 2 else "Ana Ruiz",
                 "timestamp_ms": 1700000000000 + i * 60_000} for i in range(200)][::-1]
    messages[0]["reactions"] = [{"actor": "Ana Ruiz", "reaction": "x"}]
    page = {"is_still_participant": True, "magic_words": [], "messages": messages,
            "participants": [{"name": "Bo Li"}, {"name": "Ana Ruiz"}],
            "thread_path": "inbox/boli_1", "title": "Bo Li"}
    text = json.dumps(page, sort_keys=True, indent=2)
    assert text.index('"participants"') > 8192
    (thread / "message_1.json").write_text(text, encoding="utf-8")
    network = netaudit.load([tmp_path])
    assert [s.rows for s in network.sources] == [200]
    assert network.owner.name == "Ana Ruiz"
    # Keys sorted, and no message in it: not a thread.
    (thread / "message_1.json").write_text('{"magic_words": [], "messages": {}}',
                                           encoding="utf-8")
    with pytest.raises(netaudit.errors.UnrecognizedInput):
        netaudit.load([tmp_path])
