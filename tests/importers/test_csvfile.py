"""Contact CSVs: Google (both families), Outlook (English, German, French), generic with
synonyms and --map. Expected values are read off the inline files by hand."""

from __future__ import annotations

import csv
import json
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from netaudit.cli import app
from netaudit.errors import InputError, UsageError
from netaudit.importers.base import ReadOptions
from netaudit.importers.csvfile import GenericContacts, squash

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

GOOGLE_CURRENT_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,"
    "E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Address 1 - Label,Address 1 - Formatted,"
    "Address 1 - City,Address 1 - Country,Website 1 - Label,Website 1 - Value"
)


def test_google_current_multi_values_and_multiline_address(write, read_one, by_name, detected):
    path = write("contacts.csv", "\n".join([
        GOOGLE_CURRENT_HEADER,
        # 27 cells each. José: two addresses in one ' ::: ' cell, a 3-line quoted address.
        "José,,García,,,,,,,,Brightwater Labs,Design Lead,,--03-14,,,* myContacts ::: Work,"
        'Work,jose.garcia@example.com ::: jose@example.org,,,Work,"Rua Exemplo 1\n1000-001\n'
        'Portugal",Lisboa,Portugal,,',
        # Priya: E-mail 1 empty, E-mail 2 set; website is a company page (not a profile).
        "Priya,,Patel,,,,,,,,Talent Bridge,Recruiter,,,,,* myContacts,,,Home,priya@example.org,"
        ",,,Canada,Home page,https://talentbridge.example.com/",
        # Kwame: website is his LinkedIn profile; middle name not part of the name.
        "Kwame,Kofi,Mensah,,,,,,,,\"Acme Widgets, Inc.\",Founder & CEO,,,,,* myContacts,,"
        "kwame@example.org,,,,,,,LinkedIn,https://www.linkedin.com/in/kwame-mensah",
        # Nobody: only a phone-less, mail-less organization row -> skipped and counted.
        ",,,,,,,,,,Quokka Learning,,,,,,* other,,,,,,,,,,",
    ]) + "\n")
    assert detected(path) == "google-contacts"
    network = read_one(path)
    people = by_name(network)
    assert sorted(people) == ["José García", "Kwame Mensah", "Priya Patel"]
    jose, priya, kwame = people["José García"], people["Priya Patel"], people["Kwame Mensah"]
    assert (jose["email"], jose["company"], jose["position"], jose["location"]) == (
        "jose.garcia@example.com", "Brightwater Labs", "Design Lead", "Lisboa")
    assert (priya["email"], priya["location"], priya["profile_url"]) == (
        "priya@example.org", "Canada", "")
    assert (kwame["company"], kwame["profile_url"]) == (
        "Acme Widgets, Inc.", "linkedin.com/in/kwame-mensah")
    # Address books are contacts, not connections (no connection date); birthdays ignored.
    assert network.people["is_contact"].all() and not network.people["is_connection"].any()
    assert network.people["connected_on"].isna().all()
    [problem] = network.problems
    # Quokka is data row 4; rows 1-3 take 1 + 3 (José's address spans 3 lines) + 1 + 1 lines
    # after the header on line 1: line 1 + 3 + 1 + 1 + 1 = 7.
    assert (problem.count, problem.example_row) == (1, 7)
    assert "no name, e-mail address or phone number" in problem.message
    assert network.sources[0].note == "current Google CSV; 3 contacts only, no connection date"


def test_google_legacy_utf16_with_bom_and_crlf(write, read_one, by_name, detected):
    header = ("Name,Given Name,Additional Name,Family Name,Yomi Name,Location,Group Membership,"
              "E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title")
    text = "\r\n".join([
        header,
        "Søren Østergaard,Søren,,Østergaard,,Copenhagen,* My Contacts ::: Work,* Work,"
        'soren@example.org,"Acme Widgets, Inc.",Staff Engineer',
        "Łukasz Wiśniewski,Łukasz,,Wiśniewski,,Kraków,* My Contacts,* Home,"
        "lukasz@example.com,Vireo Systems GmbH,Engineering Manager",
    ]) + "\r\n"
    path = write("google.csv", b"\xff\xfe" + text.encode("utf-16-le"))
    assert detected(path) == "google-contacts"
    network = read_one(path)
    people = by_name(network)
    assert people["Søren Østergaard"]["email"] == "soren@example.org"
    assert people["Søren Østergaard"]["company"] == "Acme Widgets, Inc."
    assert people["Łukasz Wiśniewski"]["location"] == "Kraków"
    assert people["Łukasz Wiśniewski"]["position"] == "Engineering Manager"
    assert network.sources[0].note.startswith("legacy Google CSV; 2 contacts")


OUTLOOK_HEADER = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business City,"
    "Home City,Business Country/Region,E-mail Address,E-mail Type,E-mail Display Name,"
    "E-mail 2 Address,Web Page"
)


def test_outlook_english_cp1252_title_is_not_the_job(write, read_one, by_name, detected):
    text = "\r\n".join([
        OUTLOOK_HEADER,
        ",François,,Lefèvre,,Tessellate Studio,Design,Design Lead,Paris,,France,"
        "francois@example.com,SMTP,François Lefèvre (francois@example.com),,",
        # Title 'Dr.' is an honorific; the Exchange address is no e-mail, E-mail 2 is.
        "Dr.,Kwame,,Mensah,,Acme,,Founder,,Accra,Ghana,/o=ExchangeLabs/ou=Exchange/cn=kwame,"
        "EX,Kwame Mensah,kwame@example.com,https://www.linkedin.com/in/kwame-m",
    ]) + "\r\n"
    path = write("outlook.csv", text, encoding="cp1252")
    assert detected(path) == "outlook-contacts"
    people = by_name(read_one(path))
    assert people["François Lefèvre"]["position"] == "Design Lead"
    assert people["François Lefèvre"]["location"] == "Paris"
    kwame = people["Kwame Mensah"]
    assert (kwame["position"], kwame["email"], kwame["location"], kwame["profile_url"]) == (
        "Founder", "kwame@example.com", "Accra", "linkedin.com/in/kwame-m")


def test_outlook_german_semicolons(write, read_one, by_name, detected):
    text = "\r\n".join([
        "Anrede;Vorname;Weitere Vornamen;Nachname;Firma;Abteilung;Position;Ort geschäftlich;"
        "Ort privat;E-Mail-Adresse;E-Mail-Typ;E-Mail 2: Adresse;Webseite",
        "Frau;Jana;;Müller;Nordlicht GmbH;Vertrieb;Vertriebsleiterin;;Hamburg;;;"
        "jana.mueller@example.de;",
    ]) + "\r\n"
    path = write("kontakte.csv", text, encoding="cp1252")
    assert detected(path) == "outlook-contacts"
    network = read_one(path)
    jana = by_name(network)["Jana Müller"]
    assert (jana["company"], jana["position"], jana["location"], jana["email"]) == (
        "Nordlicht GmbH", "Vertriebsleiterin", "Hamburg", "jana.mueller@example.de")
    assert network.sources[0].note.startswith("German headers")


def test_outlook_french_second_titre_is_the_job(write, read_one, by_name, detected):
    text = "\r\n".join([
        "Titre,Prénom,Deuxième prénom,Nom,Suffixe,Société,Service,Titre,Ville (bureau),"
        "Adresse de messagerie,Adresse de messagerie 2",
        "M.,Luc,,Bernard,,Atelier Nord,Achats,Acheteur,Lyon,luc.bernard@example.fr,",
    ]) + "\r\n"
    path = write("contacts_fr.csv", text, encoding="cp1252")
    assert detected(path) == "outlook-contacts"
    luc = by_name(read_one(path))["Luc Bernard"]
    assert (luc["position"], luc["company"], luc["location"]) == ("Acheteur", "Atelier Nord",
                                                                   "Lyon")


def test_generic_connections_file_with_synonyms(write, read_one, by_name, detected):
    path = write("people.csv", "\n".join([
        "Full Name,E-mail,Organisation,Job Title,City,Date Connected,LinkedIn",
        "Ana Ruiz,Ana.Ruiz@Example.org,Acme,Recruiter,Lisbon,2024-03-15,"
        "https://www.linkedin.com/in/ana-ruiz/",
        '"Chen, Li",,Beta,CTO,Berlin,2021-01-20,',
        ",,Gamma,,,2020-06-01,",
        ",,,,,2019-02-02,",
        "Søren Østergaard,,,,,,",
    ]) + "\n")
    assert detected(path) == "contacts-csv"
    network = read_one(path)
    people = by_name(network)
    ana = people["Ana Ruiz"]
    assert (ana["email"], ana["company"], ana["position"], ana["location"],
            ana["profile_url"]) == ("ana.ruiz@example.org", "Acme", "Recruiter", "Lisbon",
                                    "linkedin.com/in/ana-ruiz")
    assert ana["connected_on"] == pd.Timestamp("2024-03-15", tz="UTC")
    assert "Li Chen" in people  # 'Last, First' turned around
    # 5 rows, all connections (the file has a date column): the 'Gamma' row keeps its company
    # under an unknown name, the date-only row is a hidden profile, Søren has no date.
    assert len(network.people) == 5
    assert network.people["is_connection"].all() and network.people["is_contact"].all()
    assert int(network.people["hidden"].sum()) == 1
    assert int(network.people["connected_on"].isna().sum()) == 1
    assert network.sources[0].note.startswith("5 connections, 1 hidden profiles; columns ")


def test_generic_contacts_file_is_not_a_connection_list(write, read_one):
    path = write("book.csv", "name,email,company\nAna Ruiz,ana@example.org,Acme\n")
    network = read_one(path)
    assert network.people["is_contact"].tolist() == [True]
    assert network.people["is_connection"].tolist() == [False]


def test_map_overrides_and_extends_detection(write, read_one, by_name):
    # 'Kontakt' is no synonym; 'Title' would be read as position, the map moves it.
    path = write("crm.csv", "Kontakt,Mail,Title,Abteilung\nAna Ruiz,ana@example.org,Dr.,HR\n")
    network = read_one(path, column_map={"Kontakt": "name", "Abteilung": "Position",
                                         "title": "company"}, fmt="contacts-csv")
    ana = by_name(network)["Ana Ruiz"]
    assert (ana["email"], ana["position"], ana["company"]) == ("ana@example.org", "HR", "Dr.")
    assert "kontakt→name" in network.sources[0].note


def test_map_column_missing_from_the_file_is_a_warning(write, read_one):
    path = write("book.csv", "name,email\nAna Ruiz,ana@example.org\n")
    network = read_one(path, column_map={"Firma": "company"})
    [problem] = network.problems
    assert "--map names columns this file lacks (firma)" in problem.message


def test_unknown_map_field_is_a_usage_error_listing_the_fields():
    with pytest.raises(UsageError) as caught:
        ReadOptions(column_map={"Tel": "phone"})
    assert str(caught.value) == (
        "--map 'Tel=phone': unknown field 'phone' (valid fields: name, first_name, last_name, "
        "email, company, position, location, connected_on, profile_url)")


def test_forced_generic_reader_without_name_or_email_column_says_what_to_do(write, read_one):
    path = write("odd.csv", "Foo,Bar\n1,2\n")
    with pytest.raises(InputError) as caught:
        read_one(path, fmt="contacts-csv", column_map={"Foo": "company"})
    assert "has no name or e-mail column" in str(caught.value)
    assert "--map" in str(caught.value)


@pytest.mark.parametrize(("header", "claimed"), [
    ("name,email", True),
    ("First Name,Last Name", True),
    ("Name,Company", True),
    ("FirstName,LastName,Companies,Title,Emails,CreatedAt", True),  # LinkedIn Contacts.csv
    ("Name", False),  # LinkedIn Skills.csv
    ("Name,Proficiency", False),  # Languages.csv
    ("Name,Url,Authority,Started On,Finished On,License Number", False),  # Certifications
    ("First Name,Last Name,URL,Email Address,Company,Position,Connected On", False),
    ("First Name,Last Name,Company,Job Title,Text,Creation Date,Status", False),
    ("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary", False),
    ("Email Address,Confirmed,Primary,Updated On", False),
    ("Date,Status,FullName", False),  # Member_Follows.csv
    ("from,to,date,subject", False),  # a message log
    ("Foo,Bar,Baz", False),
])
def test_generic_reader_claims_only_people_lists(header, claimed):
    cells = {squash(c) for c in header.split(",")}
    assert GenericContacts().accepts(cells) is claimed


def test_day_month_ambiguity_is_read_month_first_with_a_warning(write, read_one):
    path = write("c.csv", "name,connected on\nAna Ruiz,03/04/2021\nBo Li,05/06/2022\n")
    network = read_one(path)
    dates = sorted(network.people["connected_on"].dt.strftime("%Y-%m-%d"))
    assert dates == ["2021-03-04", "2022-05-06"]  # month first: March 4, May 6
    [problem] = network.problems
    assert problem.count == 2 and "day-first and month-first" in problem.message


def test_day_first_dates_are_recognized_when_unambiguous(write, read_one):
    path = write("c.csv", "name,since\nAna Ruiz,25/04/2021\nBo Li,05/06/2022\n")
    network = read_one(path)
    # 25/04 only reads day-first, so the whole column is day-first: 5 June, not 6 May.
    assert sorted(network.people["connected_on"].dt.strftime("%Y-%m-%d")) == [
        "2021-04-25", "2022-06-05"]
    assert network.problems == []


def test_unreadable_connection_dates_are_counted(write, read_one):
    path = write("c.csv", "name,date added\nAna Ruiz,2021-04-25\nBo Li,last spring\n")
    network = read_one(path)
    [problem] = network.problems
    assert (problem.count, problem.example_row) == (1, 3)
    assert "'last spring'" in problem.message


# ----------------------------------------------------------------------------------------
# End to end through the CLI


def test_analyze_contacts_csv_end_to_end(runner, write):
    path = write("book.csv", "name,email,company\nAna Ruiz,ana@example.org,Acme\n")
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # No connection list was given: the one contact is the network (with a warning).
    assert data["connections"] == 1
    assert data["with_email"] == 1
    assert "counted as your connections" in result.stderr


def test_analyze_generic_connections_csv_end_to_end(runner, write):
    path = write("people.csv", "\n".join([
        "name,email,company,date connected",
        "Ana Ruiz,ana@example.org,Acme,2024-03-15",
        "Bo Li,,Acme,2023-01-02",
        "Chen Wu,chen@example.org,Beta,2023-11-30",
    ]) + "\n")
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["connections"] == 3
    assert data["with_email"] == 2
    assert data["connections_by_year"] == {"2023": 2, "2024": 1}
    assert data["top_companies"][0] == {"company": "Acme", "connections": 2}


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"Foo,Bar,Baz\n1,2,3\n", "has no header or structure netaudit recognizes"),
])
def test_bad_csv_named_directly_is_one_line_exit_1(runner, write, content, message):
    path = write("bad.csv", content)
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {path}: {message}")


def test_unknown_map_field_exits_2(runner, write):
    path = write("bad.csv", b"Foo,Bar\n1,2\n")
    result = runner.invoke(app, ["analyze", str(path), "--map", "Foo=phone"])
    assert result.exit_code == 2
    assert "valid fields: name, first_name" in result.stderr


def _sample_connection_names(export: Path) -> list[str]:
    """'First Last' of every row of the sample's Connections.csv, read with the csv module."""
    with zipfile.ZipFile(export) as archive:
        text = archive.read("Connections.csv").decode("utf-8-sig")
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("First Name,"))
    rows = csv.DictReader(lines[header:])
    return [f"{r['First Name']} {r['Last Name']}".strip() for r in rows]


def _folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def test_contacts_enrich_the_sample_connections_without_adding_any(runner):
    """The bundled address book adds e-mails to the connections it names, not connections.

    Expected, independently of netaudit: the generator's truth lists the contacts that name a
    connection and whether that connection already had the same e-mail. Each other match
    gives its connection an e-mail, unless the connection has a namesake among the
    connections (then the name cannot say which one, and nothing is merged).
    """
    truth = json.loads((SAMPLES / "sample_truth.json").read_text(encoding="utf-8"))
    export = SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip"
    names = Counter(_folded(n) for n in _sample_connection_names(export))
    gained = sum(1 for m in truth["contacts"]["matches"]
                 if not m["same_email"] and names[_folded(m["connection_name"])] == 1)
    result = runner.invoke(app, ["analyze", str(export), str(SAMPLES / "contacts.csv"),
                                 "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["connections"] == truth["connections"]["rows"]
    assert data["with_email"] == truth["connections"]["with_email"] + gained
    assert gained > 0


# ----------------------------------------------------------------------------------------
# helper-1's fixtures (tests/fixtures/{google-contacts,outlook,generic}/EXPECTED.md)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_fixture_google_current(read_one, by_name):
    people = by_name(read_one(FIXTURES / "google-contacts" / "contacts.csv"))
    # 5 rows: 4 named, and row 5 kept by its e-mail (no name).
    assert sorted(people) == ["José García", "Kwame Mensah", "Priya Patel", "Zoë Dubois",
                              "hello@example.org"]
    assert people["José García"]["email"] == "jose.garcia@example.com"  # first of ' ::: '
    assert people["Kwame Mensah"]["profile_url"] == "linkedin.com/in/kwame-mensah"
    assert people["Priya Patel"]["location"] == "Toronto"
    assert people["hello@example.org"]["company"] == "Quokka Learning"


def test_fixture_google_legacy_and_outlook(read_one, by_name):
    legacy = by_name(read_one(FIXTURES / "google-contacts" / "google_legacy.csv"))
    assert legacy["Łukasz Wiśniewski"]["email"] == "lukasz.wisniewski@example.com"
    assert legacy["Mei Chen"]["location"] == "Singapore"
    outlook = by_name(read_one(FIXTURES / "outlook" / "outlook_contacts.csv"))
    assert sorted(outlook) == ["François Lefèvre", "Kwame Mensah", "Mei Chen"]
    assert outlook["Kwame Mensah"]["position"] == "Founder & CEO"  # not 'Dr.'
    assert outlook["Mei Chen"]["profile_url"] == "linkedin.com/in/mei-chen-31"


def test_fixture_generic_connections(read_one, by_name):
    network = read_one(FIXTURES / "generic" / "connections.csv")
    people = by_name(network)
    assert people["Zoë Dubois"]["connected_on"] == pd.Timestamp("2022-09-02", tz="UTC")
    assert people["Kwame Mensah"]["email"] == ""
    assert pd.isna(people["Søren Østergaard"]["connected_on"])
    assert network.people["is_connection"].sum() == 5


def test_a_mapped_date_column_makes_an_address_book_a_connection_list(write, read_one):
    # README: a CSV address book counts as connections once it has a connection-date column.
    path = write("google.csv", "\n".join([
        "First Name,Last Name,File As,E-mail 1 - Value,Added",
        "Ana,Ruiz,,ana@example.org,2023-05-01",
        "Bo,Li,,bo@example.org,",
    ]) + "\n")
    network = read_one(path, column_map={"Added": "connected_on"})
    assert network.people["is_connection"].tolist() == [True, True]
    assert network.people["connected_on"].iat[0] == pd.Timestamp("2023-05-01", tz="UTC")
    assert pd.isna(network.people["connected_on"].iat[1])


def test_google_and_outlook_phone_numbers_keep_namesakes_apart(write, read_one):
    # As a published Russian vCard address book showed (two 'Оля' with two numbers were one
    # person, 2 number-only cards were skipped), the contacts CSVs read their numbers from
    # the columns their own headers name: Google's 'Phone 1 - Value' (first of ' ::: '),
    # Outlook's 'Mobile Phone'. By hand: two Olas, one number-only row, Bo: 4 people.
    google = write("contacts.csv", "\n".join([
        "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
        "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
        "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
        "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value",
        "Ola,,,,,,,,,,,,,,,,* myContacts,,,Mobile,+7 912 345-67-01",
        "Ola,,,,,,,,,,,,,,,,* myContacts,,,Mobile,+7 912 345-67-02 ::: +7 912 345-67-09",
        ",,,,,,,,,,,,,,,,* myContacts,,,Mobile,+7 912 345-67-05",
        "Bo,,Li,,,,,,,,,,,,,,* myContacts,Home,bo@example.org,Mobile,+44 7700 900123"]) + "\n")
    people = read_one(google).people
    assert sorted(people["name"]) == ["+7 912 345-67-05", "Bo Li", "Ola", "Ola"]
    assert sorted(people["phone"]) == ["+44 7700 900123", "+7 912 345-67-01",
                                       "+7 912 345-67-02", "+7 912 345-67-05"]
    outlook = write("outlook.csv", "First Name,Middle Name,Last Name,E-mail Address,"
                    "Mobile Phone,Business Phone\nAna,,Ruiz,,+34 600 000 001,\n"
                    "Ana,,Ruiz,,+34 600 000 002,\n")
    assert sorted(read_one(outlook).people["phone"]) == ["+34 600 000 001", "+34 600 000 002"]
