"""LinkedIn Connections.csv in every era and after spreadsheet re-saves.

Expected values are copied by hand from tests/fixtures/*/EXPECTED.md (written from the fixture
rows, not from netaudit) or read off the inline files below.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import netaudit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are'
    " missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download their email address using this setting"
    " https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    ' https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
HEADER_7 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


# era folder -> (rows, date-only rows, with e-mail, first row (name, connected_on), era note)
ERAS = {
    "linkedin-2018": (5, 0, 5, ("José García", "2018-11-05 15:07"), "2018 form: M/D/YY dates"),
    "linkedin-2020": (6, 1, 1, ("Łukasz Wiśniewski", "2020-02-03"), "2020-2023 form without URL"),
    "linkedin-2022": (6, 2, 1, ("Zoë Dubois", "2022-09-02"), "2020-2023 form without URL"),
    "linkedin-2023": (5, 1, 1, ("Kasia Nowak", "2023-07-04"), "2023+ form with URL"),
    "linkedin-2024": (5, 1, 1, ("Mei Chen", "2024-11-30"), "2023+ form with URL"),
    "linkedin-2025": (4, 1, 0, ("Ifeoma Okafor", "2025-08-18"), "2023+ form with URL"),
    "linkedin-2026": (6, 1, 1, ("🌱 Priya Patel", "2026-11-12"), "2023+ form with URL"),
}


@pytest.mark.parametrize("era", sorted(ERAS))
def test_every_era_reads_rows_hidden_profiles_and_emails(era, read_one, detected):
    rows, hidden, emails, (name, when), note = ERAS[era]
    path = FIXTURES / era / "Connections.csv"
    assert detected(path) == "linkedin-connections"
    network = read_one(path)
    people = network.people
    assert len(people) == rows
    assert int(people["hidden"].sum()) == hidden
    assert int((people["email"] != "").sum()) == emails
    assert people["is_connection"].all() and not people["is_owner"].any()
    assert (people.at[0, "name"], people.at[0, "connected_on"]) == (name, utc(when))
    [source] = network.sources
    assert source.rows == rows
    assert source.note.startswith(note)
    assert network.problems == []


def test_2018_times_keep_noon_and_midnight_right(read_one):
    # EXPECTED.md: '6/30/18, 12:05 PM' is 12:05 and '1/2/18, 12:30 AM' is 00:30.
    people = read_one(FIXTURES / "linkedin-2018" / "Connections.csv").people.set_index("name")
    assert people.at["Zoë Dubois", "connected_on"] == utc("2018-06-30 12:05")
    assert people.at["Priya Patel", "connected_on"] == utc("2018-01-02 00:30")
    assert people.at["Zoë Dubois", "last_name"] == "Dubois, MBA"
    # Shown plain, the credentials in their own column (issue 10).
    assert people.at["Zoë Dubois", "credentials"] == "MBA"


def test_2026_quirks_emoji_doubled_quotes_trailing_comma_percent_encoded_slug(read_one):
    people = read_one(FIXTURES / "linkedin-2026" / "Connections.csv").people
    named = people[~people["hidden"]].set_index("first_name")
    assert list(named.index) == ["🌱 Priya", 'Katarzyna "Kasia"', "Tomás,", "José", "Zoë"]
    # Slugs are percent-decoded and lower-cased: jos%C3%A9-garc%C3%ADa-4b1e.
    assert named.at["José", "profile_url"] == "linkedin.com/in/josé-garcía-4b1e"
    assert named.at["Tomás,", "profile_url"] == "linkedin.com/in/tomás-ferreira-5"
    assert named.at["José", "position"] == "Head of Design"  # leading space dropped
    assert named.at["Zoë", "last_name"] == "Dubois, MBA"


def test_trailing_spaces_in_names_are_dropped(read_one):
    # linkedin-2024 row 1 has last name 'Chen ' and linkedin-2022 row 4 first name 'François '.
    chen = read_one(FIXTURES / "linkedin-2024" / "Connections.csv").people.iloc[0]
    assert (chen["name"], chen["last_name"]) == ("Mei Chen", "Chen")
    francois = read_one(FIXTURES / "linkedin-2022" / "Connections.csv").people.iloc[3]
    assert (francois["name"], francois["first_name"]) == ("François Lefèvre", "François")


# Spreadsheet re-saves (excel-resaves/EXPECTED.md): file -> (names in order, dates, hidden, note)
RESAVES = {
    "Connections_excel_padded.csv": (
        ["Zoë Dubois", "José García", "", "Søren Østergaard"],
        ["2026-01-05", "2022-05-06", "2021-02-14", "2018-10-22"], 1,
        "spreadsheet re-save: dates like '05-Jan-26'"),
    "Connections_three_columns.csv": (
        ["", "", ""], ["2026-01-05", "2018-10-22", "2018-01-02"], 1,
        "spreadsheet re-save: dates like '5-Jan-26'"),
    "Connections_semicolon.csv": (
        ["Zoë Dubois", "Jürgen Schäfer", "Søren Østergaard"],
        ["2022-09-02", "2022-06-07", "2018-10-22"], 0,
        "spreadsheet re-save: ';'-separated, dates like '02.09.2022'"),
    "Connections_cp1252.csv": (
        ["José García", "François Lefèvre", "Zoë Dubois", "Jürgen Schäfer", "?ukasz Wi?niewski"],
        ["2026-03-15", "2022-03-01", "2021-09-02", "2021-06-07", "2020-02-03"], 0,
        "spreadsheet re-save: dates like '15-Mar-26', cp1252"),
}


@pytest.mark.parametrize("name", sorted(RESAVES))
def test_spreadsheet_resaves(name, read_one, detected):
    names, dates, hidden, note = RESAVES[name]
    path = FIXTURES / "excel-resaves" / name
    assert detected(path) == "linkedin-connections"
    network = read_one(path)
    people = network.people
    assert people["name"].tolist() == names
    assert people["connected_on"].tolist() == [utc(d) for d in dates]
    assert int(people["hidden"].sum()) == hidden
    assert network.sources[0].note.startswith(note)
    assert network.problems == []


def test_resave_details_company_with_comma_en_dash_and_email(read_one):
    semicolon = read_one(FIXTURES / "excel-resaves" / "Connections_semicolon.csv").people
    assert semicolon.at[2, "company"] == "Acme Widgets, Inc."
    cp1252 = read_one(FIXTURES / "excel-resaves" / "Connections_cp1252.csv").people
    assert cp1252.at[0, "position"] == "Head of Design – EMEA"
    assert cp1252.at[3, "email"] == "jurgen.schafer@example.org"
    # Names dropped by the re-save: nameless connections, never invented names.
    three = read_one(FIXTURES / "excel-resaves" / "Connections_three_columns.csv").people
    assert three["company"].tolist() == ["Harbourline Capital", "Acme Widgets, Inc.", ""]


def test_bom_crlf_padding_and_no_final_newline_inline(write, read_one):
    text = ("\ufeffNotes:,,,,,,\r\n,,,,,,\r\n" + HEADER_7.replace("\n", "\r\n")
            + 'Ana,"Ruiz, MBA",https://www.linkedin.com/in/Ana-Ruiz/,,"Acme, Inc.",CTO,'
            "04 Jul 2023\r\n,,,,,,05 Jul 2023")
    people = read_one(write("c.csv", text)).people
    assert people["name"].tolist() == ["Ana Ruiz", ""]  # credentials 'MBA' apart
    assert people.at[0, "profile_url"] == "linkedin.com/in/ana-ruiz"
    assert people.at[0, "company"] == "Acme, Inc."
    assert people["connected_on"].tolist() == [utc("2023-07-04"), utc("2023-07-05")]
    assert people["hidden"].tolist() == [False, True]


def test_dates_before_linkedin_or_in_the_future_are_problems_not_facts(write, read_one):
    # Lines: 1-3 preamble, 4 header, 5 Ana (ok), 6 Bo (1999: before 2003), 7 Cy (2099),
    # 8 Dee ('soon': unreadable). Two implausible (first at line 6), one unreadable (line 8).
    text = (PREAMBLE + HEADER_7 + "Ana,Ruiz,,,,,04 Jul 2023\nBo,Li,,,,,01 Jan 1999\n"
            "Cy,Do,,,,,01 Jan 2099\nDee,Eck,,,,,soon")
    path = write("Connections.csv", text)
    network = read_one(path)
    assert network.people["connected_on"].tolist()[0] == utc("2023-07-04")
    assert network.people["connected_on"].isna().tolist() == [False, True, True, True]
    assert len(network.people) == 4  # the rows stay; only the dates are dropped
    found = {(p.count, p.example_row) for p in network.problems}
    assert found == {(1, 8), (2, 6)}
    texts = [str(p) for p in network.problems]
    assert any("before LinkedIn existed (2003) or in the future (e.g. '01 Jan 1999')" in t
               for t in texts), texts
    assert any("cannot read (e.g. 'soon')" in t for t in texts), texts


def test_detection_is_by_content_not_by_name(tmp_path, detected):
    for era in ("linkedin-2018", "linkedin-2022", "linkedin-2026"):
        target = tmp_path / f"{era}-xq7.bin"
        shutil.copy(FIXTURES / era / "Connections.csv", target)
        assert detected(target) == "linkedin-connections"


def test_the_same_connection_list_twice_is_read_once(tmp_path):
    # The same export's Connections.csv twice, byte for byte (downloaded again, or unzipped
    # beside its ZIP). Its 5 rows: Kasia (the owner here), Lars, Zoë, a hidden profile (a
    # date only) and Łukasz: 4 connections. Read twice, the hidden profile had nothing to
    # match its copy by and was 2 connections.
    for name in ("a.csv", "b.csv"):
        shutil.copy(FIXTURES / "linkedin-2023" / "Connections.csv", tmp_path / name)
    network = netaudit.load([tmp_path / "a.csv", tmp_path / "b.csv"], me="Kasia Nowak")
    assert len(network.people) == 5
    assert len(network.connections) == 4
    assert int(network.connections["hidden"].sum()) == 1
    assert [s.path for s in network.sources] == [str(tmp_path / "a.csv")]
    said = [str(p) for p in network.problems if "left out: the same bytes" in p.message]
    assert said == [f"{tmp_path / 'b.csv'}: 1 file left out: the same bytes as "
                    f"{tmp_path / 'a.csv'}"]


def test_a_copy_with_the_same_rows_in_other_bytes_is_read_once(tmp_path):
    # The second copy ends with a blank line more (another editor's save): other bytes, the
    # same rows. It is left out, so the hidden profile counts once: 4 connections.
    data = (FIXTURES / "linkedin-2023" / "Connections.csv").read_bytes()
    (tmp_path / "a.csv").write_bytes(data)
    (tmp_path / "b.csv").write_bytes(data + b"\n")
    network = netaudit.load([tmp_path / "a.csv", tmp_path / "b.csv"], me="Kasia Nowak")
    assert (len(network.people), len(network.connections)) == (5, 4)
    assert [s.path for s in network.sources] == [str(tmp_path / "a.csv")]
    assert [str(p) for p in network.problems if "left out" in p.message] == [
        f"{tmp_path / 'b.csv'}: 1 file left out: the same rows as {tmp_path / 'a.csv'}, saved "
        "again in another layout (a copy re-saved by a spreadsheet)"]


def test_two_copies_that_differ_are_both_read_and_merged(tmp_path):
    # In the second copy Lars connected a day later (an edited list): other rows. Both are
    # read: the 4 named rows merge by URL, and the hidden profile of 07 Jun 2022 in the second
    # is the one of that day in the first: 4 connections, not 5.
    data = (FIXTURES / "linkedin-2023" / "Connections.csv").read_bytes()
    (tmp_path / "a.csv").write_bytes(data)
    (tmp_path / "b.csv").write_bytes(data.replace(b"CTO,21 May 2023", b"CTO,22 May 2023"))
    network = netaudit.load([tmp_path / "a.csv", tmp_path / "b.csv"], me="Kasia Nowak")
    assert (len(network.people), len(network.connections)) == (5, 4)
    assert int(network.connections["hidden"].sum()) == 1
    assert not any("left out" in p.message for p in network.problems)
    assert [str(p) for p in network.problems if "hidden profile" in str(p)] == [
        f"{tmp_path / 'b.csv'}: 1 hidden profile counted once: connected the same day as a "
        f"hidden profile of {tmp_path / 'a.csv'}"]


def test_hidden_profiles_of_one_day_count_as_many_as_the_fullest_list_gives(tmp_path):
    # Two lists of one person's connections, hidden profiles only (a date and nothing else):
    # the first has two of 03 Feb 2022 and one of 09 Sep 2019, the second one of 03 Feb
    # 2022, two of 09 Sep 2019 and one of 14 Mar 2024. Day by day the fuller list counts:
    # 2 + 2 + 1 = 5 hidden profiles, not the 7 rows.
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    (tmp_path / "a.csv").write_text(
        header + ",,,,,,03 Feb 2022\n,,,,,,03 Feb 2022\n,,,,,,09 Sep 2019\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(
        header + ",,,,,,09 Sep 2019\n,,,,,,03 Feb 2022\n,,,,,,14 Mar 2024\n,,,,,,09 Sep 2019\n",
        encoding="utf-8")
    network = netaudit.load([tmp_path / "a.csv", tmp_path / "b.csv"])
    days = network.connections["connected_on"].dt.strftime("%Y-%m-%d").value_counts()
    assert days.to_dict() == {"2022-02-03": 2, "2019-09-09": 2, "2024-03-14": 1}
    said = [p for p in network.problems if "hidden profile" in str(p)]
    assert [(p.path, p.count) for p in said] == [(str(tmp_path / "b.csv"), 2)]


def test_one_space_agrees_with_pythons_whitespace():
    # Arrow's test picks the names to rewrite; the rewrite is Python's. Every character
    # Python calls whitespace, alone, doubled and at the ends, against re.sub by hand.
    import re

    import pandas as pd

    from netaudit.identity import one_space

    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    names = [f"Ana{c}Ruiz" for c in spaces] + [f"Ana{c}{c}Ruiz{c}" for c in spaces] + [
        f"{c}Bo Li" for c in spaces] + ["Cy Dunn", "", "Zoë  Ng"]
    expected = [re.sub(r"\s+", " ", n).strip() for n in names]
    assert one_space(pd.Series(names, dtype="str")).tolist() == expected
