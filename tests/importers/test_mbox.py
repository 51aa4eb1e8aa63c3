"""mbox (Gmail Takeout first): separators, CRLF, encoded headers, labels, threads, owner,
auto-replies and bounces, and the streaming that keeps memory bounded. Expected values are
read off the inline messages by hand."""

from __future__ import annotations

import inspect
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from netaudit.cli import app
from netaudit.importers.mbox import (
    BODY_BYTES,
    BODY_CHARS,
    CHUNK_BYTES,
    assign_threads,
    iter_mail,
    iter_raw_messages,
    parse_message,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OWNER = "Alex Rivera <alex@example.com>"


def message(separator: str, *headers: str, body: str = "Hello.") -> str:
    return "\n".join([separator, *headers, "", *body.split("\n"), "", ""])


def takeout(*messages: str) -> bytes:
    """A Takeout mbox: the messages with CRLF line ends."""
    return "".join(messages).replace("\n", "\r\n").encode("utf-8")


def sep(thread: str, when: str = "Mon Nov 06 04:42:58 +0000 2017") -> str:
    return f"From {thread}@xxx {when}"


T1, T2, T3, T4, T5 = "1001", "1002", "1003", "1004", "1005"

TAKEOUT = takeout(
    # 1: owner -> José (label 'Sent'), name RFC 2047.
    message(sep(T1), f"X-GM-THRID: {T1}", "X-Gmail-Labels: Sent", f"From: {OWNER}",
            "To: =?UTF-8?Q?Jos=C3=A9_Garc=C3=ADa?= <jose@example.org>",
            "Date: Mon, 6 Nov 2017 04:42:58 +0000", "Message-ID: <m1@example.com>",
            "Subject: Coffee?", body="Hi José,\nFrom my side: coffee?"),
    # 2: José answers at 10:15 +0100 = 09:15 UTC; the body has an escaped '>From ' line and an
    #    unescaped 'From 10:00 to 11:00 2017' line that the strict separator must not split on.
    message(sep(T1, "Tue Nov 07 09:15:00 +0000 2017"), f"X-GM-THRID: {T1}",
            "X-Gmail-Labels: Inbox,Opened", "From: =?UTF-8?Q?Jos=C3=A9_Garc=C3=ADa?= "
            "<jose@example.org>", f"To: {OWNER}", "Date: Tue, 07 Nov 2017 10:15:00 +0100",
            "Message-ID: <m2@example.org>", "In-Reply-To: <m1@example.com>",
            "Subject: Re: Coffee?",
            body="Sure.\n\nFrom 10:00 to 11:00 on Nov 9 2017\n>From the notes: bring it."),
    # 3: owner -> Priya, Cc Søren (B-encoded name); label 'Messages envoyés' RFC 2047-encoded.
    message(sep(T2), f"X-GM-THRID: {T2}",
            "X-Gmail-Labels: =?UTF-8?Q?Messages_envoy=C3=A9s?=,Important", f"From: {OWNER}",
            "To: Priya Patel <priya@example.com>",
            "Cc: =?UTF-8?B?U8O4cmVuIMOYc3RlcmdhYXJk?= <soren@example.org>",
            "Date: Wed, 14 Mar 2018 08:00:00 +0000", "Message-ID: <m3@example.com>",
            "Subject: =?UTF-8?Q?Intro:_Priya_=E2=86=94_S=C3=B8ren?="),
    # 4: Priya's auto-reply (Auto-Submitted).
    message(sep(T2), f"X-GM-THRID: {T2}", "X-Gmail-Labels: Inbox",
            "From: Priya Patel <priya@example.com>", f"To: {OWNER}",
            "Date: Wed, 14 Mar 2018 08:00:07 +0000", "Message-ID: <m4@example.com>",
            "Auto-Submitted: auto-replied", "Subject: Re: Intro"),
    # 5: owner -> Kwame; 6: Kwame's German out-of-office (subject only).
    message(sep(T3), f"X-GM-THRID: {T3}", "X-Gmail-Labels: Sent", f"From: {OWNER}",
            "To: kwame@example.org", "Date: Fri, 1 Jun 2018 17:30:00 +0000",
            "Message-ID: <m5@example.com>", "Subject: Update"),
    message(sep(T3), f"X-GM-THRID: {T3}", "X-Gmail-Labels: Inbox",
            "From: Kwame Mensah <kwame@example.org>", f"To: {OWNER}",
            "Date: Fri, 1 Jun 2018 17:31:02 +0000", "Message-ID: <m6@example.org>",
            "Subject: Abwesenheitsnotiz: Update"),
    # 7: owner -> Lars; 8: the bounce (multipart/report from MAILER-DAEMON).
    message(sep(T4), f"X-GM-THRID: {T4}", "X-Gmail-Labels: Sent", f"From: {OWNER}",
            "To: lars@old.example.org", "Date: Mon, 10 Sep 2018 12:00:00 +0000",
            "Message-ID: <m7@example.com>", "Subject: Catching up"),
    message(sep(T4), f"X-GM-THRID: {T4}", "X-Gmail-Labels: Inbox",
            "From: Mail Delivery Subsystem <MAILER-DAEMON@example.com>", f"To: {OWNER}",
            "Date: Mon, 10 Sep 2018 12:00:05 +0000", "Message-ID: <m8@example.com>",
            "Subject: Delivery Status Notification (Failure)",
            'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
            body='--b\nContent-Type: text/plain; charset="UTF-8"\n\nCould not be delivered.'
                 "\n--b\nContent-Type: message/delivery-status\n\nAction: failed\n--b--"),
    # 9: spam (left out); 10: a draft; 11: a duplicate of message 2 (left out).
    message(sep(T5), f"X-GM-THRID: {T5}", "X-Gmail-Labels: Spam",
            "From: Winner <win@spam.example>", f"To: {OWNER}",
            "Date: Sat, 1 Dec 2018 07:00:00 +0000", "Message-ID: <spam@example>",
            "Subject: You won"),
    message(sep(T5), f"X-GM-THRID: {T5}", "X-Gmail-Labels: Draft", f"From: {OWNER}",
            "To: mei@example.com", "Date: Sun, 2 Dec 2018 07:00:00 +0000",
            "Message-ID: <m10@example.com>", "Subject: Draft to Mei"),
    message(sep(T1, "Tue Nov 07 09:15:00 +0000 2017"), f"X-GM-THRID: {T1}",
            "X-Gmail-Labels: Inbox", "From: jose@example.org", f"To: {OWNER}",
            "Date: Tue, 07 Nov 2017 10:15:00 +0100", "Message-ID: <m2@example.org>",
            "Subject: Re: Coffee?"),
)


@pytest.fixture
def takeout_file(write):
    return write("All mail Including Spam and Trash.mbox", TAKEOUT)


def test_takeout_messages_people_owner_and_flags(takeout_file, read_one, by_name, detected):
    assert detected(takeout_file) == "mbox"
    network = read_one(takeout_file)
    messages = network.messages
    # 11 messages - 1 spam - 1 duplicate = 9.
    assert len(messages) == 9
    people = by_name(network)
    assert people["Alex Rivera"]["is_owner"]
    # Labelled Sent (in English or French): 1, 3, 5, 7; the draft 10 is labelled Draft.
    assert network.owner.how.startswith("sender of 4 of 4 messages labelled Sent")
    # Sent by the owner: 1, 3, 5, 7 and the draft 10. Names decoded from RFC 2047.
    assert sorted(people) == ["Alex Rivera", "José García", "Kwame Mensah", "Mail Delivery "
                              "Subsystem", "Priya Patel", "Søren Østergaard",
                              "lars@old.example.org", "mei@example.com"]
    owner = people["Alex Rivera"]["person_id"]
    assert int((messages["sender_id"] == owner).sum()) == 5
    assert messages["is_auto"].tolist() == [False, False, False, True, False, True, False, True,
                                            False]
    assert messages["is_draft"].tolist() == [False] * 8 + [True]
    assert messages["subject"].iat[2] == "Intro: Priya ↔ Søren"
    assert messages["conversation_id"].tolist() == [
        f"gmail:{t}" for t in (T1, T1, T2, T2, T3, T3, T4, T4, T5)]
    # 10:15 +0100 is 09:15 UTC.
    assert messages["sent_at"].iat[1] == pd.Timestamp("2017-11-07 09:15:00", tz="UTC")
    # Cc is a recipient: message 3 went to Priya and Søren.
    recipients = {people[n]["person_id"] for n in ("Priya Patel", "Søren Østergaard")}
    assert set(messages["recipient_ids"].iat[2]) == recipients
    assert network.sources[0].note == ("Gmail Takeout, 5 threads, 3 auto-replies/bounces, "
                                       "1 spam left out, 1 duplicate left out")


def test_strict_separator_and_unescaped_body(takeout_file):
    with open(takeout_file, "rb") as stream:
        mails = list(iter_mail(stream))
    assert len(mails) == 11  # the 'From 10:00 to 11:00 … 2017' body line did not split
    assert mails[1].body == ("Sure.\n\nFrom 10:00 to 11:00 on Nov 9 2017\n"
                             "From the notes: bring it.")
    assert mails[0].body == "Hi José,\nFrom my side: coffee?"
    assert mails[7].body == "Could not be delivered."  # the bounce's text/plain part


def test_analyze_takeout_outreach_ignores_auto_replies_and_bounces(runner, takeout_file):
    result = runner.invoke(app, ["analyze", str(takeout_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # By hand: first messages of the owner went to José (1), Priya and Søren (3), Kwame (5)
    # and Lars (7): 5 people reached. Only José wrote back; Priya's auto-reply, Kwame's
    # out-of-office and Lars's bounce are not replies. The draft to Mei never counts.
    assert data["outreach"]["reached"] == 5
    assert data["outreach"]["replied"] == 1
    assert data["owner"] == "Alex Rivera"


def test_general_mbox_lf_separators_need_an_empty_line(write, read_one):
    text = (
        "From ana@example.org Fri Jul  8 12:08:34 2011\n"
        "From: Ana Ruiz <ana@example.org>\nTo: bo@example.org\nSubject: One\n"
        "Date: Fri, 08 Jul 2011 12:08:34 +0000\n\n"
        "Line one\nFrom bo@example.org Fri Jul  8 12:09:00 2011 is quoted without escaping\n\n"
        "From - Thu Mar 23 10:00:00 2017\n"
        "From: Bo Li <bo@example.org>\nTo: Ana Ruiz <ana@example.org>\nSubject: Re: One\n"
        "Date: Thu, 23 Mar 2017 10:00:00 +0000\n\nAnswer\n"
    )
    network = read_one(write("Inbox", text))
    # 2 messages: the 'From bo@… 2011' body line follows a text line, not an empty line.
    assert len(network.messages) == 2
    assert network.messages["body"].iat[0].startswith("Line one\nFrom bo@example.org")
    # No Sent labels: the owner is the address in most messages. Both addresses are in both
    # messages; the tie goes to the address met first (Ana, the first sender) on every run.
    assert network.owner.name == "Ana Ruiz"
    assert network.owner.how.startswith("address in 2 of 2 messages")
    assert network.sources[0].note.startswith("mbox, 1 thread,")


def test_threads_without_gmail_ids():
    def mail(message_id, parents=(), subject="Plan", people=("a@x.org", "b@x.org")):
        raw = "\n".join([
            "From - Thu Mar 23 10:00:00 2017", f"From: {people[0]}", f"To: {people[1]}",
            f"Subject: {subject}", f"Message-ID: {message_id}",
            *([f"References: {' '.join(parents)}"] if parents else []), "", "x", ""])
        [m] = iter_mail(io.BytesIO(raw.encode()))
        return m

    mails = [
        mail("<1@x>"),
        mail("<2@x>", ("<1@x>",)),  # References the first
        mail("<3@x>", (), "AW: Re: plan"),  # no References, same subject and people
        mail("<4@x>", (), "Plan", ("a@x.org", "c@x.org")),  # same subject, other people
        mail("<5@x>", ("<9@x>", "<2@x>")),  # the first reference is unknown: still chained
    ]
    ids = assign_threads(mails)
    assert ids[0] == ids[1] == ids[2] == ids[4]
    assert ids[3] != ids[0]
    # Stable: the same messages in another order (another file) get the same ids.
    assert assign_threads(mails[::-1])[::-1] == ids


def test_owner_without_sent_labels_is_the_most_present_address(write, read_one, by_name):
    # A newsletter sends 3 messages, the owner (me@) is in all 4 messages.
    messages = [
        message("From news@x.org Mon Nov  6 04:42:58 2017", "From: News <news@x.org>",
                "To: me@example.com", "Date: Mon, 6 Nov 2017 04:42:58 +0000",
                f"Subject: Issue {i}") for i in range(3)
    ] + [message("From ana@x.org Mon Nov  6 05:00:00 2017", "From: Ana <ana@x.org>",
                 "To: Me Myself <me@example.com>", "Date: Mon, 6 Nov 2017 05:00:00 +0000",
                 "Subject: Hi")]
    network = read_one(write("inbox.mbox", "".join(messages)))
    assert by_name(network)["Me Myself"]["is_owner"]
    assert network.owner.how.startswith("address in 4 of 4 messages")


@pytest.mark.parametrize(("header", "auto"), [
    ("Auto-Submitted: no", False),
    ("Auto-Submitted: auto-generated", True),
    ("X-Autoreply: yes", True),
    ("X-Autorespond: Out of office", True),
    ("Precedence: auto_reply", True),
    ("Precedence: bulk", False),
    ("X-Failed-Recipients: bo@example.org", True),
    ("Subject: Réponse automatique : devis", True),
    ("Subject: Automatic reply: devis", True),
    ("Subject: Re: devis", False),
])
def test_auto_reply_signals(header, auto):
    raw = "\n".join(["From - Thu Mar 23 10:00:00 2017", "From: bo@example.org",
                     "To: me@example.com", header, "", "text", ""]).encode()
    [mail] = iter_mail(io.BytesIO(raw))
    assert mail.is_auto is auto


def test_bulk_and_no_reply_senders_are_system_mail():
    def system(sender, extra=()):
        raw = "\n".join(["From - Thu Mar 23 10:00:00 2017", f"From: {sender}",
                         "To: me@example.com", *extra, "", "x", ""]).encode()
        return next(iter_mail(io.BytesIO(raw))).is_system

    assert system("no-reply@accounts.example.com")
    assert system("news@example.com", ["Precedence: bulk"])
    assert not system("nora@example.com")


def test_missing_date_falls_back_to_the_separator_and_bad_dates_are_counted(write, read_one):
    text = takeout(
        message(sep("1"), "From: a@x.org", "To: b@x.org", "Subject: no date"),
        message(sep("2"), "From: a@x.org", "To: b@x.org", "Date: someday", "Subject: bad"),
        message(sep("3"), "From: a@x.org", "To: b@x.org", "Date: Mon, 6 Nov 1950 04:42:58 +0000",
                "Subject: too old"),
    )
    network = read_one(write("d.mbox", text))
    sent = network.messages["sent_at"]
    # 1 has no Date: the separator's 'Mon Nov 06 04:42:58 +0000 2017'. 2's Date is unreadable:
    # also the separator's. 3 is dated 1950: not trusted, left empty and counted.
    assert sent.iat[0] == sent.iat[1] == pd.Timestamp("2017-11-06 04:42:58", tz="UTC")
    assert pd.isna(sent.iat[2])
    [problem] = network.problems
    assert problem.count == 1 and "before 1971 or in the future" in problem.message
    # Message 1 takes 7 lines (separator, 3 headers, blank, body, blank), message 2 has a
    # Date header too (8 lines): message 3 starts on line 1 + 7 + 8 = 16.
    assert problem.example_row == 16


def test_gmail_labels_are_comma_separated_outside_quotes():
    raw = "\n".join(["From - Thu Mar 23 10:00:00 2017", "From: a@x.org",
                     'X-Gmail-Labels: Inbox,"Clients, 2024",=?UTF-8?Q?=C3=85pnet?=', "", ""])
    [mail] = iter_mail(io.BytesIO(raw.encode()))
    assert mail.labels == ("Inbox", "Clients, 2024", "Åpnet")


# ----------------------------------------------------------------------------------------
# Streaming: memory stays bounded by one message's first BODY_BYTES, whatever the file size


class _CountingStream(io.BytesIO):
    """A stream that records how far it has been read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.furthest = 0

    def read(self, size=-1):
        data = super().read(size)
        self.furthest = self.tell()
        return data


def test_reader_is_a_generator_that_reads_one_block_ahead_at_most():
    huge = "A" * 76 + "\n"
    data = takeout(
        message(sep("1"), "From: a@x.org", "Subject: small"),
        message(sep("2"), "From: b@x.org", "Subject: small too"),
        message(sep("3"), "From: c@x.org", "Subject: huge", body=huge * 60_000),  # ~4.6 MB
    )
    stream = _CountingStream(data)
    messages = iter_raw_messages(stream)
    assert inspect.isgenerator(messages)
    first = next(messages)
    assert b"Subject: small" in first.header
    # The first message is handed over once the second separator is seen, after one block:
    # the rest of the file (the 4.6 MB message) has not been read.
    assert stream.furthest == CHUNK_BYTES < len(data) - 3 * CHUNK_BYTES
    second = next(messages)
    assert b"Subject: small too" in second.header
    assert stream.furthest == CHUNK_BYTES


def test_a_huge_attachment_is_skipped_not_held():
    attachment = "QUJD" * 19 + "\n"  # base64 lines
    raw = takeout(message(
        sep("1"), "From: a@x.org", 'Content-Type: multipart/mixed; boundary="b"',
        body="--b\nContent-Type: text/plain\n\n" + "word " * 1000
             + "\n--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
             + attachment * 100_000 + "--b--"))
    [cut] = iter_raw_messages(io.BytesIO(raw))
    assert cut.truncated and cut.size > 7_000_000
    assert BODY_BYTES <= len(cut.body) < BODY_BYTES + 100  # one line past the cap at most
    mail = parse_message(cut)
    assert len(mail.body) == BODY_CHARS
    assert mail.body.startswith("word word")


def test_progress_reports_bytes_up_to_the_file_size(takeout_file, read_one):
    calls = []
    read_one(takeout_file, progress=lambda *args: calls.append(args))
    size = len(TAKEOUT)
    assert calls[-1] == (f"reading {takeout_file.name}", size, size)
    assert all(total == size for _, _, total in calls)
    done = [d for _, d, _ in calls]
    assert done == sorted(done)


# ----------------------------------------------------------------------------------------
# helper-1's fixture (tests/fixtures/mbox/EXPECTED.md)

FIXTURE = FIXTURES / "mbox" / "All mail Including Spam and Trash.mbox"


def test_fixture_takeout_as_expected_md_says(read_one, by_name):
    network = read_one(FIXTURE)
    messages = network.messages
    assert len(messages) == 11
    assert messages["conversation_id"].nunique() == 6
    people = by_name(network)
    assert people["Alex Rivera"]["email"] == "alex.rivera@example.com"
    assert people["Alex Rivera"]["is_owner"]
    owner = people["Alex Rivera"]["person_id"]
    # Outgoing #1, #3, #4, #6, #8; auto #5, #7, #9 (1-based, file order).
    assert [i + 1 for i in range(11) if messages["sender_id"].iat[i] == owner] == [1, 3, 4, 6, 8]
    assert [i + 1 for i in range(11) if messages["is_auto"].iat[i]] == [5, 7, 9]
    assert messages["sent_at"].iat[1] == pd.Timestamp("2017-11-07 09:15:00", tz="UTC")
    assert messages["sent_at"].iat[10] == pd.Timestamp("2019-01-10 16:20:00", tz="UTC")
    assert messages["subject"].iat[3] == "Intro: Priya ↔ Søren"
    assert people["Søren Østergaard"]["email"] == "soren.ostergaard@example.org"
    # The bounce's sender is a system, not a person of the thread.
    assert messages["is_system"].tolist() == [False] * 8 + [True, False, False]


def test_fixture_takeout_outreach(runner):
    result = runner.invoke(app, ["analyze", str(FIXTURE), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # EXPECTED.md: the owner wrote first to José, Priya and Søren (one message), Kwame and
    # Lars; only José answered (the rest: an auto-reply, an out-of-office, a bounce).
    assert (data["outreach"]["reached"], data["outreach"]["replied"]) == (5, 1)


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 64, 1000])
def test_block_boundaries_change_nothing(monkeypatch, chunk):
    """Whatever the block size, separators, line numbers and blank lines split across
    blocks give the same messages as one big block (the file read at once)."""
    import netaudit.importers.mbox as mbox

    twice = (b"From ana@x.org Fri Jul  8 12:08:34 2011\nFrom: a@x.org\n\nbody\n"
             b"From bo@x.org Fri Jul  8 12:09:00 2011 (no blank line before: body)\n\n"
             b"From bo@x.org Fri Jul  8 12:09:00 2011\r\nFrom: b@x.org\r\n\r\nx\r\n\r\n")
    general = b"junk before the first message\n" + twice * 3

    def cut(data):
        return [(m.separator, m.line, m.header, m.body, m.size, m.truncated)
                for m in mbox.iter_raw_messages(io.BytesIO(data))]

    expected = [cut(TAKEOUT), cut(general)]
    assert len(expected[0]) == 11 and len(expected[1]) == 6
    monkeypatch.setattr(mbox, "CHUNK_BYTES", chunk)
    assert [cut(TAKEOUT), cut(general)] == expected


def test_a_line_without_end_is_passed_on_not_held(monkeypatch):
    import netaudit.importers.mbox as mbox

    monkeypatch.setattr(mbox, "CHUNK_BYTES", 1000)
    monkeypatch.setattr(mbox, "LONG_LINE", 4000)
    data = takeout(message(sep("1"), "From: a@x.org", body="x" * 50_000),
                   message(sep("2"), "From: b@x.org"))
    first, second = mbox.iter_raw_messages(io.BytesIO(data))
    assert first.body.startswith(b"xxx") and second.header.startswith(b"From: b@x.org")


def test_forcing_the_mbox_reader_on_a_csv_is_a_clear_error(runner, write):
    path = write("contacts.csv", "name,email\nAna Ruiz,ana@example.org\n")
    result = runner.invoke(app, ["analyze", str(path), "--format", "mbox"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}: holds no mail message")


def test_broken_encoded_words_and_charsets_do_not_stop_the_import():
    # Found by fuzzing: a cut base64 encoded word, and a charset name with a NUL in it.
    raw = takeout(message(sep("1"), "From: =?utf-8?b?Q?= <a@x.org>", "Subject: =?utf-8?b?QUJDR?=",
                          "Content-Type: text/plain; charset=\"utf\x008\"", body="caf\xe9"))
    [mail] = iter_mail(io.BytesIO(raw))
    assert mail.subject == "=?utf-8?b?QUJDR?="
    assert mail.sender == ("=?utf-8?b?Q?=", "a@x.org")
    assert mail.body == "café"
