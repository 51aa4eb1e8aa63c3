"""LinkedIn messages.csv in every header era: 2018, 2020, 2022 (9 columns), 2023+ (recipient
URLs), 2024 (draft flags), 2025 (ATTACHMENTS) and the fully quoted multi-line 2026 form.

Expected values come from tests/fixtures/linkedin-*/EXPECTED.md (written by hand from the
fixture rows) or are read off the inline files below.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import netaudit
from netaudit.importers.linkedin import plain_text, split_names, split_profile_urls

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HEADER_2025 = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
               "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS\n")
HEADER_2022 = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,"
               "CONTENT,FOLDER\n")
ALEX = "https://www.linkedin.com/in/alex-rivera-fx"


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def csv_files(era: str) -> list[Path]:
    """The CSVs of a fixture folder (EXPECTED.md is documentation, not input)."""
    return sorted((FIXTURES / era).glob("*.csv"))


def messages_file(era: str) -> Path:
    [path] = [p for p in csv_files(era) if p.name.lower() == "messages.csv"]
    return path


def names_of(network, ids) -> list[str]:
    people = network.people.set_index("person_id")["name"]
    return sorted(people[i] for i in ids)


# era -> (rows, conversations, system rows, drafts, note begins with)
ERAS = {
    "linkedin-2018": (6, 4, 0, 0, "2018 form: 7 columns, M/D/YY dates, Direction"),
    "linkedin-2020": (5, 3, 0, 0, "2020 form: 7 upper-case columns, ISO dates, Direction"),
    "linkedin-2022": (4, 3, 0, 0, "2022 form: 9 columns, no recipient URLs"),
    "linkedin-2023": (5, 4, 1, 0, "2023+ form: 10 columns, recipient URLs"),
    "linkedin-2024": (6, 4, 0, 2, "2024 form: 12 columns with IS MESSAGE DRAFT, IS CONVERSATION"),
    "linkedin-2025": (4, 3, 1, 0, "2025 form: 11 columns with ATTACHMENTS"),
    "linkedin-2026": (10, 5, 3, 0, "2026 form: 11 columns with ATTACHMENTS, every field quoted"),
}


@pytest.mark.parametrize("era", sorted(ERAS))
def test_every_era_rows_conversations_system_and_drafts(era, read_one, detected):
    rows, conversations, system, drafts, note = ERAS[era]
    path = messages_file(era)
    assert detected(path) == "linkedin-messages"
    network = read_one(path)
    messages = network.messages
    assert len(messages) == rows
    assert messages["conversation_id"].nunique() == conversations
    assert int(messages["is_system"].sum()) == system
    assert int(messages["is_draft"].sum()) == drafts
    assert not messages["is_auto"].any()
    assert messages["sent_at"].notna().all()
    [source] = network.sources
    assert source.note.startswith(note), source.note
    assert network.problems == []


# era -> (outgoing rows after load, owner's name, how the owner was found begins with)
OWNERS = {
    "linkedin-2018": (3, "profile in"),
    "linkedin-2020": (3, "profile in"),  # the Direction column names the owner
    "linkedin-2022": (2, "profile in"),
    "linkedin-2023": (2, "present in 4 of 4 conversations"),
    "linkedin-2024": (4, "profile in"),  # rows 1, 4, 5, 6 (two of them drafts)
    "linkedin-2025": (2, "present in 3 of 3 conversations"),
    "linkedin-2026": (4, "profile in"),  # rows 2, 3, 5 and 7 (the sponsored click-reply)
}


@pytest.mark.parametrize("era", sorted(OWNERS))
def test_load_finds_the_owner_and_directions(era):
    outgoing, how = OWNERS[era]
    network = netaudit.load(csv_files(era))
    assert network.owner.name == "Alex Rivera"
    assert network.owner.how.startswith(how), network.owner.how
    assert int((network.messages["direction"] == "outgoing").sum()) == outgoing


def test_2018_direction_marks_the_owner_in_the_file_itself(read_one):
    people = read_one(messages_file("linkedin-2018")).people
    assert people.loc[people["is_owner"], "name"].tolist() == ["Alex Rivera"]
    assert not people["is_connection"].any()


def test_2020_without_outgoing_rows_the_lone_recipient_of_incoming_rows_is_the_owner(
        write, read_one):
    text = ("FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\n"
            "Bo Li,Ana Ruiz,2020-01-02T10:00:00,,Hi,INCOMING,INBOX\n"
            "Cy Do,Ana Ruiz,2020-01-03T10:00:00,,Hello,INCOMING,INBOX\n")
    people = read_one(write("m.csv", text)).people
    assert people.loc[people["is_owner"], "name"].tolist() == ["Ana Ruiz"]


def test_2018_conversations_are_derived_from_participants_and_subject(read_one):
    # Rows 4 ('Re: Product role in Lisbon') and 5 ('Product role in Lisbon') are one
    # conversation; José's two rows (either direction) another; Søren and Kwame one each.
    messages = read_one(messages_file("linkedin-2018")).messages
    ids = messages["conversation_id"].tolist()
    assert ids[0] == ids[1] and ids[3] == ids[4]
    assert len({ids[0], ids[2], ids[3], ids[5]}) == 4
    assert all(i.startswith("derived:") for i in ids)


def test_derived_conversation_ids_do_not_depend_on_where_the_file_is(tmp_path, read_one):
    copy = tmp_path / "deep" / "elsewhere.csv"
    copy.parent.mkdir()
    shutil.copy(messages_file("linkedin-2018"), copy)
    here = read_one(messages_file("linkedin-2018")).messages["conversation_id"].tolist()
    there = read_one(copy).messages["conversation_id"].tolist()
    assert here == there


def test_2026_multiline_bodies_are_one_row_each_and_html_is_stripped(read_one):
    path = messages_file("linkedin-2026")
    # 10 rows on 15 physical lines after the header (row 1 holds 4 breaks, row 6 one); the
    # file ends with a newline: 1 + 15 line ends.
    assert path.read_text(encoding="utf-8").count("\n") == 16
    messages = read_one(path).messages
    assert len(messages) == 10
    assert messages.at[0, "body"] == "Hi Alex,\n\nThursday works. I'll bring the prototype.\n\nJosé"
    assert messages.at[5, "body"] == "Hi all!\nShall we meet on the 2nd at 18:00?"
    # <p>Hi José, the notes are <a href="https://example.com/notes">here</a>.</p>
    assert messages.at[1, "body"] == "Hi José, the notes are here."
    assert messages.at[7, "body"] == "Hi %FIRSTNAME%,\nClaim a free workspace today."
    assert messages.at[3, "body"] == "Perfect, see you there 👋"


def test_2026_sponsored_rows_and_the_owners_click_reply_are_system():
    network = netaudit.load(csv_files("linkedin-2026"))
    messages = network.messages
    # Rows 7, 8, 9 (0-based 6, 7, 8): the owner's reply to 'LinkedIn Member' included.
    assert messages.index[messages["is_system"]].tolist() == [6, 7, 8]
    assert names_of(network, messages.at[6, "recipient_ids"]) == ["LinkedIn Member"]
    assert messages.at[6, "sender_id"] == network.owner_id


def test_2026_group_recipients_come_from_the_url_list_not_the_names():
    network = netaudit.load(csv_files("linkedin-2026"))
    messages = network.messages
    # Row 4: Kasia -> Alex, Priya, Zoë (TO 'Alex Rivera,🌱 Priya Patel,Zoë Dubois, MBA').
    assert names_of(network, messages.at[3, "recipient_ids"]) == [
        "Alex Rivera", "Zoë Dubois", "🌱 Priya Patel"]
    assert messages["is_group"].tolist() == [False] * 3 + [True] * 3 + [False] * 4
    # The recipients are the connections themselves (merged by profile URL).
    connections = network.connections.set_index("profile_url")["person_id"]
    zoe = connections["linkedin.com/in/zoe-dubois-mba"]
    assert zoe in messages.at[3, "recipient_ids"]
    assert zoe in messages.at[4, "recipient_ids"] and zoe in messages.at[5, "recipient_ids"]


def test_2023_one_url_with_a_comma_in_to_is_one_recipient():
    network = netaudit.load(csv_files("linkedin-2023"))
    row = network.messages.iloc[2]  # Alex -> "Zoë Dubois, MBA"
    assert len(row["recipient_ids"]) == 1
    zoe = network.connections.set_index("name").at["Zoë Dubois", "person_id"]
    assert row["recipient_ids"] == (zoe,)
    assert not row["is_group"]
    # Row 4 is sponsored: FROM 'LinkedIn Member', empty sender URL.
    assert network.messages["is_system"].tolist() == [False, False, False, True, False]


def test_2024_drafts_have_no_recipients(read_one):
    messages = read_one(messages_file("linkedin-2024")).messages
    assert messages["is_draft"].tolist() == [True, False, False, False, False, True]
    assert messages.at[0, "recipient_ids"] == () and messages.at[5, "recipient_ids"] == ()


def test_draft_without_draft_column_empty_folder_and_to(write, read_one):
    # 2025 form has no IS MESSAGE DRAFT: no folder and no recipient at all is a draft.
    text = (HEADER_2025
            + f"c1,,Alex Rivera,{ALEX},,,2025-01-02 10:00:00 UTC,,unsent,,\n"
            + f"c1,,Alex Rivera,{ALEX},Bo Li,https://www.linkedin.com/in/bo,"
              "2025-01-01 10:00:00 UTC,,sent,INBOX,\n")
    messages = read_one(write("m.csv", text)).messages
    assert messages["is_draft"].tolist() == [True, False]


def test_system_senders_and_assistant_files(write, read_one):
    text = (HEADER_2025
            + "c1,,Sara from LinkedIn,,Alex Rivera,,2025-01-01 10:00:00 UTC,,Tips,INBOX,\n"
            + "c2,,Team @ LinkedIn Learning,,Alex Rivera,,2025-01-01 10:00:00 UTC,,x,INBOX,\n"
            + "c3,,Anna från LinkedIn,,Alex Rivera,,2025-01-01 10:00:00 UTC,,x,INBOX,\n"
            + "c4,,Linda Linkedinova,https://www.linkedin.com/in/ll,Alex Rivera,,"
              "2025-01-01 10:00:00 UTC,,a real person,INBOX,\n")
    messages = read_one(write("messages.csv", text)).messages
    assert messages["is_system"].tolist() == [True, True, True, False]
    # The AI-coach siblings share the header; every row of theirs is LinkedIn's own.
    coach = read_one(write("learning_coach_messages.csv", text))
    assert coach.messages["is_system"].all()
    # Counted as an assistant's, all 4 (they were set aside without a count before).
    from netaudit.model import set_aside_counts

    assert set_aside_counts(coach)["assistant_messages"] == 4


def test_group_without_urls_splits_to_on_commas_but_keeps_credentials(write, read_one):
    # 2022 (no RECIPIENT PROFILE URLS): TO 'Ana Ruiz, MBA,Bo Li' is two people; Ana sent from
    # one URL in this file, so her recipient mention gets that URL too.
    text = (HEADER_2022
            + "c1,,Alex Rivera,https://www.linkedin.com/in/alex,\"Ana Ruiz, MBA,Bo Li\","
              "2022-01-02 10:00:00 UTC,,hi both,INBOX\n"
            + "c1,,\"Ana Ruiz, MBA\",https://www.linkedin.com/in/ana,\"Alex Rivera,Bo Li\","
              "2022-01-03 10:00:00 UTC,,hi,INBOX\n")
    network = read_one(write("m.csv", text))
    messages, people = network.messages, network.people.set_index("person_id")
    first = [people.at[i, "name"] for i in messages.at[0, "recipient_ids"]]
    assert first == ["Ana Ruiz", "Bo Li"]  # shown without ', MBA'
    assert messages.at[0, "recipient_ids"][0] == messages.at[1, "sender_id"]
    assert messages.at[1, "recipient_ids"][0] == messages.at[0, "sender_id"]


def test_owner_without_profile_is_the_one_in_every_conversation(write):
    # 3 conversations; Bo writes the most rows (4) but is in one conversation only; Alex is in
    # all 3, so Alex is the owner (2022 form: no recipient URLs, owner matched by name).
    rows = [("c1", "Bo Li", "bo", "Alex Rivera")] * 4 + [
        ("c1", "Alex Rivera", "alex", "Bo Li"),
        ("c2", "Alex Rivera", "alex", "Cy Do"),
        ("c3", "Dee Eck", "dee", "Alex Rivera"),
    ]
    text = HEADER_2022 + "".join(
        f"{c},,{frm},https://www.linkedin.com/in/{slug},{to},2022-01-0{i + 1} 10:00:00 UTC,,"
        f"m{i},INBOX\n" for i, (c, frm, slug, to) in enumerate(rows))
    network = netaudit.load([write("messages.csv", text)])
    assert network.owner.name == "Alex Rivera"
    assert network.owner.how == "present in 3 of 3 conversations"
    assert network.messages["direction"].tolist() == ["incoming"] * 4 + ["outgoing"] * 2 + [
        "incoming"]


def test_unreadable_date_is_counted_at_its_physical_line(write, read_one):
    # Header line 1; row 1 spans lines 2-4 (two breaks inside the body); row 2 is line 5.
    text = ('"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
              '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"\n'
            + f'"c1","","Alex Rivera","{ALEX}","Bo Li","https://www.linkedin.com/in/bo",'
              '"2026-01-02 10:00:00 UTC","","one\ntwo\nthree","INBOX",""\n'
            + f'"c1","","Bo Li","https://www.linkedin.com/in/bo","Alex Rivera","{ALEX}",'
              '"yesterday","","ok","INBOX",""\n')
    network = read_one(write("m.csv", text))
    assert len(network.messages) == 2
    assert network.messages["sent_at"].isna().tolist() == [False, True]
    [problem] = network.problems
    assert (problem.count, problem.example_row) == (1, 5)
    assert "'DATE' date netaudit cannot read (e.g. 'yesterday')" in problem.message


def test_message_dates_in_every_era_are_utc():
    cases = {  # era: (row, sent_at) from EXPECTED.md
        "linkedin-2018": (3, "2018-02-03 09:30"),
        "linkedin-2020": (4, "2019-11-06 02:08:20"),
        "linkedin-2022": (2, "2022-03-20 14:03:09"),
        "linkedin-2026": (0, "2026-03-18 09:41:07"),
    }
    for era, (row, when) in cases.items():
        network = netaudit.load([messages_file(era)], me="Alex Rivera")
        assert network.messages.at[row, "sent_at"] == utc(when), era


def test_detection_is_by_content_not_by_name(tmp_path, detected):
    for era in ERAS:
        target = tmp_path / f"{era}.renamed.txt"
        shutil.copy(messages_file(era), target)
        assert detected(target) == "linkedin-messages", era


@pytest.mark.parametrize(("text", "names"), [
    ("Ana Ruiz", ("Ana Ruiz",)),
    ("Zoë Dubois, MBA", ("Zoë Dubois, MBA",)),
    ("Alex Rivera,🌱 Priya Patel,Zoë Dubois, MBA", ("Alex Rivera", "🌱 Priya Patel",
                                                    "Zoë Dubois, MBA")),
    ("Kim Lee, CSCP, PMP,Bo Li", ("Kim Lee, CSCP, PMP", "Bo Li")),
    ("Lee Kim, Jr.,Bo Li", ("Lee Kim, Jr.", "Bo Li")),
    ("Ana, Bo Li", ("Ana", "Bo Li")),  # ', ' before a name that is not credentials
])
def test_split_names(text, names):
    assert split_names(text) == names


def test_split_profile_urls_only_where_a_url_starts():
    text = ("https://www.linkedin.com/in/a,https://www.linkedin.com/in/b%2Cc,"
            "www.linkedin.com/in/d")
    assert split_profile_urls(text) == [
        "https://www.linkedin.com/in/a", "https://www.linkedin.com/in/b%2Cc",
        "www.linkedin.com/in/d"]


def test_plain_text_lists_breaks_and_entities():
    html = "<ul><li>one</li><li>two &lt;3</li></ul><p>a<br>b&nbsp;c</p>"
    assert plain_text(html) == "one\ntwo <3\na\nb\xa0c"


@pytest.mark.parametrize(("extra", "values", "note"), [
    # szabgab/linkedin-csv.rs: 11 columns ending in IS MESSAGE DRAFT.
    (",IS MESSAGE DRAFT", (",Yes", ",No"), "2024 form: 11 columns with IS MESSAGE DRAFT"),
    # A 2025 variant seen in a test fixture elsewhere: ATTACHMENTS then IS MESSAGE DRAFT.
    (",ATTACHMENTS,IS MESSAGE DRAFT", (",,Yes", ",,No"),
     "2025 form: 12 columns with IS MESSAGE DRAFT, ATTACHMENTS"),
])
def test_other_draft_column_layouts(write, read_one, extra, values, note):
    header = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
              "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER" + extra + "\n")
    rows = (f"c1,,Alex Rivera,{ALEX},Bo Li,https://www.linkedin.com/in/bo,"
            f"2025-01-02 10:00:00 UTC,,draft,INBOX{values[0]}\n"
            f"c1,,Alex Rivera,{ALEX},Bo Li,https://www.linkedin.com/in/bo,"
            f"2025-01-01 10:00:00 UTC,,sent,INBOX{values[1]}\n")
    network = read_one(write("m.csv", header + rows))
    assert network.messages["is_draft"].tolist() == [True, False]
    assert network.sources[0].note.startswith(note), network.sources[0].note
