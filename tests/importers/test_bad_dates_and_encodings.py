"""Issue 6, "Hostile input": dates in the future, before 2003 or unreadable, and bytes that are
not text, are counted warnings (file, count, first line), never a crash nor a silent drop.

Every file is written inline. Each importer that reads a date gets the same four rows: one good
date, then 2099-01-01, 1999-05-05 and 'not a date' in the file's own form. By hand, for each:
4 rows kept, 1 date read, 2 implausible dates (first at the 2099 row) and 1 unreadable (the
last row), the 3 bad dates left empty.
"""

from __future__ import annotations

import pandas as pd
import pytest

import netaudit
from netaudit.cli import app

GOOD, FUTURE, EARLY, NONSENSE = "good", "2099", "1999", "nonsense"
KINDS = (GOOD, FUTURE, EARLY, NONSENSE)


def _lines(path, dates: dict[str, str], build) -> str:
    return "".join(build(i, dates[kind]) for i, kind in enumerate(KINDS))


# One case per importer: file name, header, how a row is written, the date of each kind in the
# file's own form, the label the warning names, the table and column the date lands in.
CASES = {
    "connections": (
        "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
        lambda i, d: f"P{i},Q,https://www.linkedin.com/in/p{i},,Acme,Engineer,{d}\n",
        {GOOD: "04 Jul 2023", FUTURE: "2099-01-01", EARLY: "1999-05-05", NONSENSE: "not a date"},
        "Connected On", "people", "connected_on",
    ),
    "messages": (
        "messages.csv",
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n",
        lambda i, d: (f"c{i},,Ana Ruiz,https://www.linkedin.com/in/ana,P{i} Q,"
                      f"https://www.linkedin.com/in/p{i},{d},,hello,INBOX\n"),
        {GOOD: "2024-03-05 14:02:11 UTC", FUTURE: "2099-01-01 00:00:00 UTC",
         EARLY: "1999-05-05 10:00:00 UTC", NONSENSE: "not a date"},
        "DATE", "messages", "sent_at",
    ),
    "invitations": (
        "Invitations.csv",
        "From,To,Sent At,Message,Direction\n",
        lambda i, d: f"P{i} Q,Ana Ruiz,\"{d}\",,INCOMING\n",
        {GOOD: "4/6/26, 2:12 PM", FUTURE: "2099-01-01 00:00:00", EARLY: "1999-05-05 10:00:00",
         NONSENSE: "not a date"},
        "Sent At", "invitations", "sent_at",
    ),
    "recommendations": (
        "Recommendations_Received.csv",
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n",
        lambda i, d: f"P{i},Q,Acme,Engineer,Great,\"{d}\",VISIBLE\n",
        {GOOD: "4/6/26, 2:12 PM", FUTURE: "2099-01-01 00:00:00", EARLY: "1999-05-05 10:00:00",
         NONSENSE: "not a date"},
        "Creation Date", "interactions", "at",
    ),
    "endorsements": (
        "Endorsement_Received_Info.csv",
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
        "Endorser Public Url,Endorsement Status\n",
        lambda i, d: f"{d},Python,P{i},Q,www.linkedin.com/in/p{i},ACCEPTED\n",
        {GOOD: "2024/03/05 14:02:11 UTC", FUTURE: "2099-01-01 00:00:00 UTC",
         EARLY: "1999-05-05 10:00:00 UTC", NONSENSE: "not a date"},
        "Endorsement Date", "interactions", "at",
    ),
    "generic csv": (
        "my_contacts.csv",
        "Name,Email,Organization,Date Connected\n",
        lambda i, d: f"P{i} Q,p{i}@example.com,Acme,{d}\n",
        {GOOD: "2023-07-04", FUTURE: "2099-01-01", EARLY: "1999-05-05", NONSENSE: "not a date"},
        "date connected", "people", "connected_on",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_future_early_and_unreadable_dates_are_counted_and_kept_empty(write, read_one, case):
    name, header, build, dates, label, table, column = CASES[case]
    path = write(name, header + _lines(name, dates, build))
    network = read_one(path)
    found = {str(p) for p in network.problems}
    # Header on line 1, the four rows on lines 2-5: 2099 on line 3, 'not a date' on line 5.
    early_or_future = ("before LinkedIn existed (2003) or in the future" if case != "generic csv"
                       else "before 2003 or in the future")
    assert found == {
        f"{path} (first at line 3): 2 rows have a '{label}' date {early_or_future} "
        f"(e.g. {dates[FUTURE]!r}); those dates were left empty",
        f"{path} (first at line 5): 1 row has a '{label}' date netaudit cannot read "
        f"(e.g. 'not a date'); those dates were left empty",
    }
    rows = getattr(network, table)
    if table == "people":
        rows = rows[rows["is_connection"]]
    assert len(rows) == 4  # kept, not dropped
    assert rows[column].notna().sum() == 1
    assert rows[column].dropna().iat[0].year in (2023, 2024, 2026)


def test_the_warning_reaches_the_user_with_file_count_and_line(write, runner):
    name, header, build, dates, *_ = CASES["connections"]
    path = write(name, header + _lines(name, dates, build))
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert (f"warning: {path} (first at line 3): 2 rows have a 'Connected On' date before "
            "LinkedIn existed (2003) or in the future") in " ".join(result.stderr.split())
    # Kept as connections without a date: 4 connections, only 2023 in connections_by_year.
    import json

    figures = json.loads(result.stdout)
    assert figures["connections"] == 4
    assert figures["connections_by_year"] == {"2023": 1}


# ------------------------------------------------------------------------------------------
# Encodings

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _row(first: str, last: str) -> str:
    return f"{first},{last},,,Acme,Engineer,04 Jul 2023\n"


def _names(network) -> list[str]:
    return sorted(network.connections["name"])


def test_cp1252_and_latin1_files_load_without_replacements(write):
    rows = _row("Søren", "Ærø") + _row("José", "García") + _row("Zoë", "Œuvre")
    cp1252 = netaudit.load([write("a/Connections.csv", HEADER + rows, "cp1252")])
    latin1 = netaudit.load([write("b/Connections.csv", HEADER + rows.replace("Œ", "O"),
                                  "latin-1")])
    assert _names(cp1252) == ["José García", "Søren Ærø", "Zoë Œuvre"]
    assert _names(latin1) == ["José García", "Søren Ærø", "Zoë Ouvre"]
    assert not [p for p in cp1252.problems + latin1.problems if "not" in p.message
                and "text" in p.message]


def test_cp1252_bytes_it_does_not_define_are_replaced_and_counted(write):
    # 0x81 and 0x8D have no character in cp1252: 2 lines (3 and 4) are kept with U+FFFD.
    data = (HEADER + _row("Søren", "Ærø")).encode("cp1252") + b"Ana,Ru\x81iz,,,Acme,CEO,\n" \
        + b"Bo,L\x8di,,,Acme,CEO,\n"
    path = write("Connections.csv", data)
    network = netaudit.load([path])
    assert _names(network) == ["Ana Ru\ufffdiz", "Bo L\ufffdi", "Søren Ærø"]
    assert f"{path} (first at line 3): 2 lines have bytes that are not cp1252 text; the lines " \
        "were kept with '\ufffd' in place of those bytes" in [str(p) for p in network.problems]


def test_a_few_invalid_bytes_in_utf8_are_replaced_and_counted(write):
    # UTF-8 names (ø, Æ, é, í: 4 well-formed characters) and two lines with a stray byte
    # (lines 4 and 6): read as UTF-8, the stray bytes replaced, 2 lines counted.
    data = (HEADER + _row("Søren", "Ærø") + _row("José", "García")).encode("utf-8") \
        + b"Zo\xe9,Ng,,,Acme,CEO,\n" + _row("Bo", "Li").encode() + b"Cy,D\xff\xfeo,,,Acme,CEO,\n"
    path = write("Connections.csv", data)
    network = netaudit.load([path])
    assert _names(network) == ["Bo Li", "Cy D\ufffd\ufffdo", "José García", "Søren Ærø",
                               "Zo\ufffd Ng"]
    assert f"{path} (first at line 4): 2 lines have bytes that are not UTF-8 text; the lines " \
        "were kept with '\ufffd' in place of those bytes" in [str(p) for p in network.problems]


def test_a_file_that_already_lost_characters_is_utf8_not_cp1252(write):
    # A published connection list, re-saved by some program: 35 characters written as
    # U+FFFD (EF BF BD, only UTF-8 has it), one cut to EF BF, and 120 bytes 0xFD, four for
    # each emoji or styled letter lost ('🟢 Noor' became FD FD FD FD ' Noor'). Read as cp1252,
    # the names were 'ýýýý Noor Vale' and 'Lindï¿½'. The person would say: the characters are
    # lost, the names are otherwise these, and 3 lines (3, 4 and 5) lost them here.
    data = HEADER.encode() + b"Ana,Lind\xef\xbf\xbd,,,Acme,CEO,\n" \
        + b"\xfd\xfd\xfd\xfd Noor,Vale,,,Acme,CEO,\n" + b"Rosa,Bil\xef\xbf,,,Acme,CEO,\n" \
        + b"Bo,Li,,,Acme,\xfd\xfd\xfd\xfd\xfd\xfd\xfd\xfd Teacher,\n"
    path = write("Connections.csv", data)
    network = netaudit.load([path])
    assert _names(network) == ["Ana Lind\ufffd", "Bo Li", "Rosa Bil\ufffd",
                               "\ufffd\ufffd\ufffd\ufffd Noor Vale"]
    assert network.connections.set_index("name").at["Bo Li", "position"] == \
        "\ufffd" * 8 + " Teacher"
    assert f"{path} (first at line 3): 3 lines have bytes that are not UTF-8 text; the lines " \
        "were kept with '\ufffd' in place of those bytes" in [str(p) for p in network.problems]


def test_one_stray_byte_in_an_ascii_file_is_cp1252(write):
    # Nothing else is UTF-8 in the file: the byte is cp1252 'é', not an error.
    data = HEADER.encode() + _row("Bo", "Li").encode() + b"Zo\xe9,Ng,,,Acme,CEO,\n"
    network = netaudit.load([write("Connections.csv", data)])
    assert _names(network) == ["Bo Li", "Zoé Ng"]
    assert not [p for p in network.problems if "text" in p.message]


def test_invalid_utf8_in_a_large_quoted_messages_file_is_counted(write, read_one):
    # The 2026 fully quoted form, read by pyarrow until a byte is not UTF-8: the whole file is
    # then decoded, 1 line replaced (line 3), both messages kept.
    header = ('"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
              '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER"\n')

    def message(i: int, body: bytes) -> bytes:
        return (f'"c{i}","","Ana Ruiz","https://www.linkedin.com/in/ana","Bo Li",'
                f'"https://www.linkedin.com/in/bo","2024-03-05 10:00:0{i} UTC","","').encode() \
            + body + b'","INBOX"\n'

    path = write("messages.csv", header.encode() + message(1, "Grüße".encode())
                 + message(2, b"Gr\xfc\xdfe"))
    network = read_one(path)
    assert network.messages["body"].tolist() == ["Grüße", "Gr\ufffd\ufffde"]
    assert [str(p) for p in network.problems] == [
        f"{path} (first at line 3): 1 line has bytes that are not UTF-8 text; the lines were "
        "kept with '\ufffd' in place of those bytes"]
    assert pd.notna(network.messages["sent_at"]).all()


def test_message_log_counts_early_future_and_unreadable_dates(write, read_one):
    # The generic message CSV: the same four kinds of date, in ISO 8601. By hand: 4 messages
    # kept, 1 date read (2024), 2 implausible (first on line 3), 1 unreadable (line 5).
    rows = "".join(f"ana@example.com,p{i}@example.com,{d},Hello {i}\n" for i, d in enumerate(
        ["2024-03-05T14:02:11Z", "2099-01-01T00:00:00Z", "1999-05-05T10:00:00Z", "not a date"]))
    path = write("mail_log.csv", "From,To,Date,Subject\n" + rows)
    network = read_one(path, fmt="message-csv")
    assert {str(p) for p in network.problems} == {
        f"{path} (first at line 3): 2 rows have a 'date' date before 2003 or in the future "
        "(e.g. '2099-01-01T00:00:00Z'); those dates were left empty",
        f"{path} (first at line 5): 1 row has a 'date' date that is not ISO 8601 "
        "(e.g. 'not a date'); those dates were left empty",
    }
    assert len(network.messages) == 4
    assert network.messages["sent_at"].notna().sum() == 1
    assert network.messages["sent_at"].dropna().iat[0].year == 2024
