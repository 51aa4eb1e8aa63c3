"""The generic message-log CSV: synonyms, participant lists, ISO dates, conversations.
Expected values are read off the inline files by hand."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from netaudit.cli import app
from netaudit.importers.messagelog import is_message_log


def test_columns_participants_and_dates(write, read_one, by_name, detected):
    path = write("log.csv", "\n".join([
        "Sender,Recipients,Timestamp,Thread ID,Subject,Body,CC",
        # Several recipients separated by ';', one with a name; zone given as Z.
        "Alex Rivera <alex@example.com>,Ana Ruiz <ana@example.org>; bo@example.org,"
        "2024-03-16T09:00:00Z,t1,Hello,Hi both,",
        # ',' separates when there is no ';'; +02:00 is converted to UTC; a Cc.
        'ana@example.org,"alex@example.com, bo@example.org",2024-03-17T10:30:00+02:00,t1,'
        "Re: Hello,Sure,Chen Li <chen@example.org>",
        # No zone: taken as UTC; fractional seconds; a name without address.
        "alex@example.com,Dana Novak,2024-04-01 08:00:00.250,,Pilot?,Interested?,",
        # A date that is not ISO 8601: kept, date left empty, counted.
        "Dana Novak,alex@example.com,04/02/2024,,Re: Pilot?,Yes,",
        # No sender: skipped and counted.
        ",alex@example.com,2024-04-03,,x,y,",
    ]) + "\n")
    assert detected(path) == "message-csv"
    network = read_one(path)
    messages = network.messages
    assert len(messages) == 4
    people = by_name(network)
    ids = {name: row["person_id"] for name, row in people.items()}
    assert sorted(people) == ["Alex Rivera", "Ana Ruiz", "Chen Li", "Dana Novak",
                              "bo@example.org"]
    assert messages["recipient_ids"].tolist() == [
        (ids["Ana Ruiz"], ids["bo@example.org"]),
        (ids["Alex Rivera"], ids["bo@example.org"], ids["Chen Li"]),
        (ids["Dana Novak"],),
        (ids["Alex Rivera"],),
    ]
    assert messages["sent_at"].tolist()[:3] == [
        pd.Timestamp("2024-03-16 09:00:00", tz="UTC"),
        pd.Timestamp("2024-03-17 08:30:00", tz="UTC"),
        pd.Timestamp("2024-04-01 08:00:00.250", tz="UTC"),
    ]
    assert pd.isna(messages["sent_at"].iat[3])
    # t1 from the file; the two Dana messages share people and subject ('Re:' removed).
    conversations = messages["conversation_id"].tolist()
    assert conversations[:2] == ["log:t1", "log:t1"]
    assert conversations[2] == conversations[3] != conversations[0]
    assert messages["body"].tolist() == ["Hi both", "Sure", "Interested?", "Yes"]
    date_problem, sender_problem = network.problems
    assert (date_problem.count, date_problem.example_row) == (1, 5)
    assert "'04/02/2024'" in date_problem.message
    assert (sender_problem.count, sender_problem.example_row) == (1, 6)


def test_without_subject_the_people_make_the_conversation(write, read_one):
    path = write("chat.csv", "from,to,date\na@x.org,b@x.org,2024-01-01\nb@x.org,a@x.org,"
                             "2024-01-02\na@x.org,c@x.org,2024-01-03\n")
    conversations = read_one(path).messages["conversation_id"].tolist()
    assert conversations[0] == conversations[1] != conversations[2]


def test_out_of_office_subjects_are_auto(write, read_one):
    path = write("log.csv", "from,to,date,subject\na@x.org,b@x.org,2024-01-01,Hi\n"
                            "b@x.org,a@x.org,2024-01-01,Automatische Antwort: Hi\n")
    assert read_one(path).messages["is_auto"].tolist() == [False, True]


@pytest.mark.parametrize(("header", "claimed"), [
    ("from,to,date", True),
    ("Sender,Recipient,Sent At,Message", True),
    ("From,To,Sent At,Message,Direction", False),  # LinkedIn Invitations.csv
    ("From,To,Date,Subject,Content,Direction,Folder", False),  # LinkedIn messages, 2018
    ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER",
     False),
    ("from,to,subject", False),  # no date
    ("name,email,date added", False),
])
def test_message_log_header(header, claimed):
    assert is_message_log({c.strip().lower() for c in header.split(",")}) is claimed


def test_analyze_message_log_end_to_end(runner, write):
    path = write("log.csv", "\n".join([
        "from,to,date,conversation,subject",
        "alex@example.com,jose@example.org,2024-03-16T09:00:00Z,c1,Hello",
        "jose@example.org,alex@example.com,2024-03-17T10:30:00Z,c1,Re: Hello",
        "alex@example.com,zoe@example.com,2024-04-01T08:00:00Z,c2,Pilot?",
        "mei@example.com,alex@example.com,2024-05-05T12:00:00Z,c3,Role",
        "alex@example.com,mei@example.com,2024-05-06T12:00:00Z,c3,Re: Role",
    ]) + "\n")
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # Alex is in all 3 conversations: the owner. He wrote first to José (answered the next
    # day) and to Zoë (no answer); his message to Mei answers hers. 1 of 2.
    assert data["owner_how"].startswith("present in 3 of 3 conversations")
    assert (data["outreach"]["reached"], data["outreach"]["replied"]) == (2, 1)
    assert (data["messages"], data["conversations"]) == (5, 3)


def test_fixture_generic_messages(runner):
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "fixtures" / "generic" / "messages.csv"
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # EXPECTED.md: Alex wrote first to José (answered) and Zoë (not): 1 of 2.
    assert (data["outreach"]["reached"], data["outreach"]["replied"]) == (2, 1)
    assert (data["messages"], data["conversations"]) == (5, 3)
