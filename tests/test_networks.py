"""One person across networks (issue 18): the owner's accounts joined, people joined by
phone and by corroborated names, uncertain joins confirmed or split by the owner.

The exports are fictional and written here by hand, each in the exact shape its reader's
fixtures document (LinkedIn 2023+ with URLs, WhatsApp Android US and iOS German, Telegram
Desktop's whole-account result.json, X's account.js and direct-messages.js).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netaudit import load
from netaudit.identity import Decisions, read_decisions, write_decisions

PROFILE = """First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,\
Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers
Olivia,Owner,,,,Consultant,,,,"Lisbon, Portugal",,,
"""
CONNECTIONS = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are \
missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz-1,,Acme,Engineer,12 Nov 2025
Bo,Chen,https://www.linkedin.com/in/bo-chen-2,,Birch,Designer,10 Oct 2025
"""
MESSAGES = (
    '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
    '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"\n'
    '"c1","","Olivia Owner","https://www.linkedin.com/in/olivia-owner","Ana Ruiz",'
    '"https://www.linkedin.com/in/ana-ruiz-1","2026-01-05 09:00:00 UTC","","Hi Ana","INBOX",""\n'
    '"c1","","Ana Ruiz","https://www.linkedin.com/in/ana-ruiz-1","Olivia Owner",'
    '"https://www.linkedin.com/in/olivia-owner","2026-01-06 09:00:00 UTC","","Hi!","INBOX",""\n'
)
# Android, US form. The owner's WhatsApp name is 'Liv': nothing but being in every chat
# tells that it is her.
CHAT_ANA = """1/4/26, 7:02\u202fPM - Messages and calls are end-to-end encrypted. No one \
outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.
1/4/26, 7:03\u202fPM - Liv: Hi Ana
1/4/26, 7:04\u202fPM - Ana Ruiz: Hi!
1/5/26, 9:00\u202fAM - Liv: Lunch Friday?
"""
# iOS, German form; Carl is not in the phone's address book: his number is his name.
CHAT_CARL = """[05.01.26, 10:00:00] +44 7123 456789: Hello Olivia
[05.01.26, 10:01:00] Liv: Hi, who is this?
[05.01.26, 10:02:00] +44 7123 456789: Carl, from the conference
[05.01.26, 10:03:00] +44 7123 456789: Coffee?
"""
TELEGRAM = {
    "about": "Here is the data you requested.",
    "personal_information": {"user_id": 7000000001, "first_name": "Olivia",
                             "last_name": "Owner", "phone_number": "+44 7000 000001",
                             "username": "@olivia", "bio": ""},
    "contacts": {"about": "", "list": [
        {"first_name": "Carl", "last_name": "Dean", "phone_number": "+44 7123 456789",
         "date": "2025-06-01T10:00:00", "date_unixtime": "1748772000"}]},
    "chats": {"about": "", "list": [
        {"name": "Carl Dean", "type": "personal_chat", "id": 7000000002, "messages": [
            {"id": 1, "type": "message", "date": "2026-01-07T10:00:00",
             "date_unixtime": "1767780000", "from": "Olivia Owner",
             "from_id": "user7000000001", "text": "Good to meet you", "text_entities": []},
            {"id": 2, "type": "message", "date": "2026-01-07T10:05:00",
             "date_unixtime": "1767780300", "from": "Carl Dean",
             "from_id": "user7000000002", "text": "Likewise", "text_entities": []}]}]},
}
ACCOUNT = """window.YTD.account.part0 = [
  {"account": {"username": "olivia_o", "accountId": "100", "createdVia": "web",
               "createdAt": "2012-05-01T10:00:00.000Z", "accountDisplayName": "Olivia O."}}
]"""
DMS = """window.YTD.direct_messages.part0 = [
  {"dmConversation": {"conversationId": "100-200", "messages": [
    {"messageCreate": {"recipientId": "100", "senderId": "200", "id": "2", "text": "Thanks",
                       "createdAt": "2026-01-08T10:05:00.000Z", "urls": [], "mediaUrls": [],
                       "reactions": []}},
    {"messageCreate": {"recipientId": "200", "senderId": "100", "id": "1", "text": "Hello",
                       "createdAt": "2026-01-08T10:00:00.000Z", "urls": [], "mediaUrls": [],
                       "reactions": []}}]}}
]"""


def write_exports(root: Path) -> list[Path]:
    """The four networks' exports of Olivia Owner, one folder each."""
    linkedin, whatsapp, telegram, x = (root / n for n in ("linkedin", "whatsapp", "telegram",
                                                          "x"))
    for folder in (linkedin, whatsapp, telegram, x / "data"):
        folder.mkdir(parents=True)
    (linkedin / "Profile.csv").write_text(PROFILE, encoding="utf-8")
    (linkedin / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    (linkedin / "messages.csv").write_text(MESSAGES, encoding="utf-8")
    (whatsapp / "WhatsApp Chat with Ana Ruiz.txt").write_text(CHAT_ANA, encoding="utf-8")
    (whatsapp / "_chat.txt").write_text(CHAT_CARL, encoding="utf-8")
    (telegram / "result.json").write_text(json.dumps(TELEGRAM, ensure_ascii=False),
                                          encoding="utf-8")
    (x / "data" / "account.js").write_text(ACCOUNT, encoding="utf-8")
    (x / "data" / "direct-messages.js").write_text(DMS, encoding="utf-8")
    return [linkedin, whatsapp, telegram, x]


@pytest.fixture
def exports(tmp_path):
    return write_exports(tmp_path)


def _counts(network):
    directions = network.messages["direction"].value_counts().to_dict()
    return network.owner.name, directions.get("outgoing", 0), directions.get("incoming", 0)


def test_the_owner_is_one_person_whatever_the_order(exports):
    forward = load(exports, region="GB")
    backward = load(list(reversed(exports)), region="GB")
    # Outgoing: LinkedIn 1 + WhatsApp 2 (Ana's chat) + 1 (Carl's) + Telegram 1 + X 1 = 6.
    # Incoming: LinkedIn 1 + WhatsApp 1 + 3 + Telegram 1 + X 1 = 7; 13 messages in all.
    assert _counts(forward) == _counts(backward) == ("Olivia Owner", 6, 7)
    for network in (forward, backward):
        owner = network.people[network.people["is_owner"]]
        assert len(owner) == 1
        # LinkedIn's Profile.csv names the owner best: its name, whatever the order.
        assert owner["name"].tolist() == ["Olivia Owner"]
        assert owner["networks"].tolist() == ["linkedin; x; telegram; whatsapp"]
        assert owner["joined_by"].iat[0].startswith("owner")
        assert "your accounts on linkedin, x, telegram, whatsapp joined as you" in \
            network.owner.how
        assert network.owner.how.endswith(
            "; your accounts on linkedin, x, telegram, whatsapp joined as you; on whatsapp: "
            "present in 2 of 2 conversations")


def test_a_phone_number_joins_whatsapp_and_telegram(exports):
    network = load(exports, region="GB")
    people = network.people.set_index("name")
    # The WhatsApp sender '+44 7123 456789' is Telegram's contact Carl Dean (same number).
    carl = people.loc["Carl Dean"]
    assert carl["phone"] == "+447123456789"
    assert carl["networks"] == "telegram; whatsapp"
    assert "phone" in carl["joined_by"].split(", ")
    # Non-owners: Ana, Bo, Carl and X's account 200 (no name in the archive).
    assert len(network.people) - 1 == 4


def test_a_name_alone_across_networks_is_joined_and_marked(exports):
    network = load(exports, region="GB")
    ana = network.people.set_index("name").loc["Ana Ruiz"]
    # LinkedIn's two rows share a URL; WhatsApp's 'Ana Ruiz' shares only the name: no
    # company in WhatsApp, and no one but the owner talks with both.
    assert ana["joined_by"] == "url, name"
    assert ana["networks"] == "linkedin; whatsapp"
    [join] = network.joins
    assert (join.join_id, join.kind, join.networks) == (
        "ana-ruiz@linkedin+whatsapp", "name", "linkedin; whatsapp")
    assert join.uncertain


def test_the_owners_decisions_are_honoured(exports, tmp_path):
    decisions = tmp_path / "decisions.json"
    write_decisions(decisions, Decisions(split={"ana-ruiz@linkedin+whatsapp"}))
    split = load(exports, region="GB", decisions=decisions)
    # Kept apart: Ana on LinkedIn and Ana on WhatsApp, 4 + 1 = 5 people besides the owner.
    assert len(split.people) - 1 == 5
    assert [j.kind for j in split.joins] == ["split"]
    write_decisions(decisions, Decisions(confirmed={"ana-ruiz@linkedin+whatsapp"}))
    confirmed = load(exports, region="GB", decisions=decisions)
    assert len(confirmed.people) - 1 == 4
    assert confirmed.people.set_index("name").loc["Ana Ruiz", "joined_by"] == \
        "url, name+confirmed"
    assert read_decisions(decisions).confirmed == {"ana-ruiz@linkedin+whatsapp"}


def test_a_broken_decisions_file_is_one_line(tmp_path):
    from netaudit.errors import InputError

    bad = tmp_path / "decisions.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="is not a decisions file netaudit wrote"):
        read_decisions(bad)
    assert read_decisions(tmp_path / "absent.json") == Decisions()


def test_me_names_the_owner_on_a_network_that_cannot_tell(tmp_path):
    # One WhatsApp chat alone: both people are in every chat; --me says which is the owner.
    folder = tmp_path / "wa"
    folder.mkdir()
    (folder / "WhatsApp Chat with Ana Ruiz.txt").write_text(CHAT_ANA, encoding="utf-8")
    network = load([folder], me="Liv")
    # Liv wrote 2 lines, Ana 1.
    assert _counts(network) == ("Liv", 2, 1)


def test_a_national_number_joins_in_the_region_given(tmp_path):
    import copy

    exports = write_exports(tmp_path)
    telegram = copy.deepcopy(TELEGRAM)
    # Carl saved as a national number, as people type them into an address book.
    telegram["contacts"]["list"][0]["phone_number"] = "07123 456789"
    (exports[2] / "result.json").write_text(json.dumps(telegram), encoding="utf-8")
    # Read in GB: 07123 456789 is +447123456789, WhatsApp's '+44 7123 456789'.
    joined = load(exports, region="GB").people.set_index("name")
    assert joined.loc["Carl Dean", "networks"] == "telegram; whatsapp"
    # Without a region the digits stay as written and join nothing: Carl on Telegram and the
    # number on WhatsApp are two people (4 + 1 = 5 besides the owner).
    apart = load(exports, region="")
    assert len(apart.people) - 1 == 5
    assert apart.people.set_index("name").loc["Carl Dean", "phone"] == "07123456789"


def test_namesakes_never_join_on_the_name_alone(tmp_path):
    exports = write_exports(tmp_path)
    # A second Ana Ruiz in the connection list, at another firm under another URL: which of
    # the two is WhatsApp's 'Ana Ruiz' the name cannot say.
    (exports[0] / "Connections.csv").write_text(
        CONNECTIONS + "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz-77,,Zeta,Chemist,"
        "01 Oct 2025\n", encoding="utf-8")
    network = load(exports, region="GB")
    anas = network.people[network.people["name"] == "Ana Ruiz"]
    # Three Ana Ruiz: the one of LinkedIn's messages (same URL as the first), the second,
    # and WhatsApp's, alone: 3 rows, none joined by the name.
    assert sorted(anas["networks"].tolist()) == ["linkedin", "linkedin", "whatsapp"]
    assert sorted(anas["joined_by"].tolist()) == ["", "", "url"]
    assert network.joins == []
    assert network.set_aside["unjoined_names"] == 1


def test_a_shared_conversation_partner_corroborates_a_name(tmp_path):
    exports = write_exports(tmp_path)
    # Ana and Bo in one LinkedIn group conversation with the owner, and in one WhatsApp group
    # with her: Bo, a third person, talks with both Anas.
    (exports[0] / "messages.csv").write_text(MESSAGES + (
        '"c2","","Bo Chen","https://www.linkedin.com/in/bo-chen-2","Olivia Owner, Ana Ruiz",'
        '"https://www.linkedin.com/in/olivia-owner,https://www.linkedin.com/in/ana-ruiz-1",'
        '"2026-01-09 09:00:00 UTC","","Team lunch?","INBOX",""\n'), encoding="utf-8")
    (exports[1] / "WhatsApp Chat with Lunch club.txt").write_text(
        "1/9/26, 10:00\u202fAM - Bo Chen: Lunch at 1?\n"
        "1/9/26, 10:01\u202fAM - Ana Ruiz: Yes\n"
        "1/9/26, 10:02\u202fAM - Liv: Count me in\n", encoding="utf-8")
    network = load(exports, region="GB")
    people = network.people.set_index("name")
    assert people.loc["Ana Ruiz", "joined_by"] == "url, name+partner"
    assert [(j.join_id, j.kind) for j in network.joins if j.name == "Ana Ruiz"] == [
        ("ana-ruiz@linkedin+whatsapp", "name+partner")]


def test_the_same_company_corroborates_a_name():
    import pandas as pd

    from netaudit.identity import resolve
    from netaudit.model import Network, conform

    # Two networks' rows of one name; with the same company on both sides the join is
    # corroborated, with another company it rests on the name alone.
    for other, kind in (("ACME ", "name+company"), ("Birch", "name")):
        people = conform(pd.DataFrame({
            "person_id": ["a:0", "b:0"], "name": ["Ana Ruiz", "Ana Ruiz"],
            "company": ["Acme", other], "networks": ["linkedin", "facebook"],
            "source": ["a", "b"]}), "people")
        merged = resolve(Network(people=people), region="")
        assert merged.people["joined_by"].tolist() == [kind]
        assert [j.kind for j in merged.joins] == [kind]
