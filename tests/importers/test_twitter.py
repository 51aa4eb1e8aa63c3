"""X / Twitter archive: follows, DMs, group DMs, account. Counts from
tests/fixtures/twitter/EXPECTED.md, by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import netaudit
from netaudit.errors import InputError

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "twitter" / "data"


@pytest.mark.parametrize(("name", "ids"), [
    ("following.js", ["2000000001", "2000000002", "2000000003"]),  # "= [ {" on line 1
    ("follower.js", ["2000000001", "2000000004"]),
    ("follower-part1.js", ["2000000005"]),  # window.YTD.follower.part1
])
def test_follow_lists_are_ids(read_one, detected, name, ids):
    assert detected(DATA / name) == "x"
    network = read_one(DATA / name)
    assert network.people["profile_url"].tolist() == [f"x.com/i/user/{i}" for i in ids]
    assert network.people["is_connection"].all()
    assert (network.people["name"] == "").all()


def test_one_to_one_messages_and_owner_from_conversation_ids(read_one):
    network = read_one(DATA / "direct-messages.js")
    messages = network.messages.sort_values("sent_at")
    # 3 + 1 messages in 2 conversations; 1000000001 is in both conversation ids: the owner.
    assert len(messages) == 4
    assert messages["conversation_id"].nunique() == 2
    owner = network.people.set_index("person_id").loc[network.owner.person_id]
    assert owner["profile_url"] == "x.com/i/user/1000000001"
    assert messages["sent_at"].iloc[-1] == pd.Timestamp("2022-09-12 17:38:27.668Z")


def test_group_messages_take_participants_from_events(read_one):
    network = read_one(DATA / "direct-messages-group.js")
    urls = network.people.set_index("person_id")["profile_url"]
    # 2 messageCreate; 3 events (name update, leave, join) are not messages.
    assert len(network.messages) == 2
    assert network.sources[0].note == "1 conversation, 3 join/leave/rename events left out"
    # Participants: snapshot {1000000001, 2000000001, 2000000002, 2000000006}; each message
    # goes to the 3 others.
    first = network.messages.sort_values("sent_at").iloc[0]
    assert urls[first["sender_id"]] == "x.com/i/user/2000000006"
    assert sorted(urls[r] for r in first["recipient_ids"]) == [
        "x.com/i/user/1000000001", "x.com/i/user/2000000001", "x.com/i/user/2000000002"]


def test_whole_archive():
    network = netaudit.load([DATA])
    # Connections are mutual follows: following {1,2,3} ∩ followers {1,4,5} = {1}. The
    # one-way follows 2, 3, 4, 5 are set aside; 2 (a group member) and 4 (a DM partner) stay
    # people through the messages, 3 and 5 are gone. People: the owner (account.js), 1, 2,
    # 4 and 6 (a group member) = 5.
    assert network.owner.name == "Alex Rivera"
    assert sorted(network.people["profile_url"]) == [
        f"x.com/i/user/{i}" for i in ("1000000001", "2000000001", "2000000002", "2000000004",
                                      "2000000006")]
    connections = network.people[network.people["is_connection"]]
    assert connections["profile_url"].tolist() == ["x.com/i/user/2000000001"]
    assert network.set_aside["x_one_way_follows"] == 4
    # Messages: 4 one-to-one + 2 group = 6 in 3 conversations; outgoing: 1 + 1 = 2.
    assert len(network.messages) == 6
    assert network.messages["conversation_id"].nunique() == 3
    assert (network.messages["direction"] == "outgoing").sum() == 2
    assert network.messages["channel"].eq("x").all()
    group = network.messages[network.messages["conversation_id"] == "x:1500000000000000001"]
    assert group["is_group"].all()


def test_other_archive_files_are_not_read(write):
    path = write("data/like.js", 'window.YTD.like.part0 = [ {"like": {"tweetId": "1"}} ]')
    from netaudit.errors import UnrecognizedInput

    with pytest.raises(UnrecognizedInput):
        netaudit.load([path])


def test_broken_file_one_line_error(write):
    path = write("direct-messages.js",
                 'window.YTD.direct_messages.part0 = [\n  {\n    "dmConversation" : {\n')
    with pytest.raises(InputError) as caught:
        netaudit.load([path])
    text = str(caught.value)
    assert "\n" not in text
    assert "direct-messages.js, line 3: is not valid JSON" in text


def test_size_cap(write, monkeypatch):
    from netaudit.importers import _chats

    path = write("follower.js", 'window.YTD.follower.part0 = [ ]')
    monkeypatch.setattr(_chats, "MAX_JSON_BYTES", 5)
    with pytest.raises(InputError, match="refused"):
        netaudit.load([path])


def test_reactions_and_welcome_messages_are_not_called_joins(read_one, tmp_path):
    # A published archive's direct-messages.js held 6 'reactionCreate' and 2
    # 'welcomeMessageCreate' items beside its messages; the reading line called all 8
    # "join/leave/rename events". By hand: 1 message, 1 reaction, 1 welcome message.
    path = tmp_path / "direct-messages.js"
    path.write_text(
        'window.YTD.direct_messages.part0 = [ {"dmConversation": {'
        '"conversationId": "1000000001-2000000001", "messages": ['
        '{"reactionCreate": {"senderId": "2000000001", "reactionKey": "like",'
        ' "eventId": "3", "createdAt": "2022-09-12T17:40:00.000Z"}},'
        '{"welcomeMessageCreate": {"senderId": "2000000001", "recipientId": "1000000001",'
        ' "id": "2", "createdAt": "2022-09-12T17:39:00.000Z"}},'
        '{"messageCreate": {"senderId": "1000000001", "recipientId": "2000000001",'
        ' "id": "1", "text": "Hi", "createdAt": "2022-09-12T17:38:27.668Z"}}]}} ]',
        encoding="utf-8")
    network = read_one(path)
    assert len(network.messages) == 1
    assert network.sources[0].note == ("1 conversation, 2 other events (reactions, welcome "
                                       "messages) left out")


def test_an_archive_file_whose_first_line_was_cut_says_so(runner, tmp_path):
    # A published follower.js began 'vers = [' and its following.js 'ving = [': the
    # 'window.YTD.follower.part0 = [' before had been cut. netaudit said only that the folder
    # held "nothing netaudit can read".
    from netaudit.cli import app

    data = tmp_path / "data"
    data.mkdir()
    (data / "follower.js").write_text('vers = [ {\n  "follower" : {\n    "accountId" : "123"\n'
                                      '  }\n} ]\n', encoding="utf-8")
    alone = runner.invoke(app, ["analyze", str(data / "follower.js")])
    assert alone.exit_code == 1
    assert ("is named like an X archive's file but does not start with "
            "'window.YTD.follower.part0 = [' as those do") in " ".join(alone.stderr.split())
    folder = runner.invoke(app, ["analyze", str(data)])
    assert folder.exit_code == 1
    assert ("follower.js is named like an X/Twitter archive file but its header is not one "
            "netaudit knows") in " ".join(folder.stderr.split())
