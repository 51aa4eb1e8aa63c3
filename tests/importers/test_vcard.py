"""vCard 2.1 / 3.0 / 4.0: folding, quoted-printable, grouping, many cards, BOM, line ends.
Expected values are read off the inline cards by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netaudit.cli import app
from netaudit.importers.vcard import iter_cards


def _card(*lines: str, end: str = "\r\n") -> str:
    return end.join(("BEGIN:VCARD", *lines, "END:VCARD")) + end


def test_google_takeout_style_v3(write, read_one, by_name, detected):
    # A NOTE folded at 75 octets where the fold splits the two bytes of 'ê' (C3 | AA).
    note = b"NOTE:Keen on partnerships; speaks portugu" + b"\xc3\r\n \xaas."
    data = (
        _card("VERSION:3.0", "FN:José García", "N:García;José;;;",
              "EMAIL;TYPE=INTERNET;TYPE=WORK:jose.garcia@example.com",
              "item1.EMAIL;TYPE=INTERNET:jose@example.org", "item1.X-ABLabel:Personal",
              "ORG:Brightwater Labs;Design", "TITLE:Design Lead",
              "ADR;TYPE=HOME:;;Rua 2;Porto;;;Portugal",
              "ADR;TYPE=WORK:;;Rua Exemplo 1;Lisboa;;1000-001;Portugal",
              "CATEGORIES:myContacts,Work", "@NOTE@").encode().replace(b"@NOTE@", note)
        # No FN: the name comes from N. ORG with an escaped comma.
        + _card("VERSION:3.0", "N:Østergaard;Søren;;;", "EMAIL:soren@example.org",
                "ORG:Acme Widgets\\, Inc.", "ROLE:Staff Engineer").encode()
        # Apple-style grouped URL that is a LinkedIn profile; a company home page is not kept.
        + _card("VERSION:3.0", "FN:Priya Patel", "item2.URL:https://www.linkedin.com/in/priya-2k",
                "item2.X-ABLabel:LinkedIn", "URL:https://talentbridge.example.com").encode()
        # Only an e-mail: kept, nameless. Only a phone: kept, shown as the number (a
        # published Russian address book held 2 such cards, skipped before). Nothing of
        # either: skipped and counted.
        + _card("VERSION:3.0", "EMAIL:hello@example.org").encode()
        + _card("VERSION:3.0", "TEL:+351 900 000 001").encode()
        + _card("VERSION:3.0", "NOTE:an empty card").encode()
    )
    path = write("All Contacts.vcf", data)
    assert detected(path) == "vcard"
    network = read_one(path)
    people = by_name(network)
    assert sorted(people) == ["+351 900 000 001", "José García", "Priya Patel", "Søren Østergaard",
                              "hello@example.org"]
    assert people["+351 900 000 001"]["phone"] == "+351 900 000 001"  # as written
    jose = people["José García"]
    assert (jose["first_name"], jose["last_name"], jose["email"], jose["company"],
            jose["position"], jose["location"]) == (
        "José", "García", "jose.garcia@example.com", "Brightwater Labs", "Design Lead", "Lisboa")
    soren = people["Søren Østergaard"]
    assert (soren["company"], soren["position"]) == ("Acme Widgets, Inc.", "Staff Engineer")
    assert people["Priya Patel"]["profile_url"] == "linkedin.com/in/priya-2k"
    assert network.people["is_contact"].all() and not network.people["is_connection"].any()
    [problem] = network.problems
    assert str(problem).endswith("1 card has no name, e-mail address or phone number and "
                                 "was skipped")
    assert network.sources[0].rows == 6
    assert network.sources[0].note == "version 3.0, 5 people"


def test_categories_and_grouped_emails_are_parsed():
    [card] = iter_cards(_card(
        "VERSION:3.0", "FN:Ana", "item1.EMAIL;type=INTERNET:ana@example.org",
        "item2.EMAIL;type=INTERNET;type=pref:ana.pref@example.org",
        "CATEGORIES:myContacts,Friends\\, old,starred"))
    assert card.emails == ["ana.pref@example.org", "ana@example.org"]
    assert card.categories == ["myContacts", "Friends, old", "starred"]


def test_v21_quoted_printable_with_soft_breaks_and_charsets(write, read_one, by_name):
    data = _card(
        "VERSION:2.1",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Wi=C5=9Bniewski;=C5=81ukasz;;;",
        # A soft line break: '=' ends the line, the next one continues without a space.
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C5=81ukasz =",
        "Wi=C5=9Bniewski",
        "ORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Caf=E9 M=FCller",
        "TITLE;QUOTED-PRINTABLE:Engineering=20Manager",
        "TEL;CELL:+48 500 000 000",
        "EMAIL;INTERNET;PREF:lukasz@example.com",
    ).encode("ascii")
    network = read_one(write("v21.vcf", data))
    lukasz = by_name(network)["Łukasz Wiśniewski"]
    assert (lukasz["first_name"], lukasz["last_name"]) == ("Łukasz", "Wiśniewski")
    assert (lukasz["company"], lukasz["position"], lukasz["email"]) == (
        "Café Müller", "Engineering Manager", "lukasz@example.com")
    assert network.sources[0].note == "version 2.1, 1 person"


def test_v4_pref_and_escapes(write, read_one, by_name):
    data = _card(
        "VERSION:4.0", "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
        "FN:Zoë Dubois\\, MBA", "N:Dubois;Zoë;;;MBA",
        "EMAIL;TYPE=home:zoe@example.org", "EMAIL;TYPE=work;PREF=1:zoe.dubois@example.com",
        "TEL;VALUE=uri;TYPE=cell:tel:+33-1-00-00-00-00", "ORG:Harbourline Capital",
        "TITLE:Partner", "URL:https://www.linkedin.com/in/zoe-dubois-mba",
        "ADR;TYPE=work:;;;;Île-de-France;;France",
    ).encode()
    zoe = by_name(read_one(write("v4.vcf", data)))["Zoë Dubois"]
    assert zoe["credentials"] == "MBA"  # FN 'Zoë Dubois\, MBA' shown plain
    assert zoe["email"] == "zoe.dubois@example.com"  # PREF=1 beats file order
    assert zoe["location"] == "Île-de-France"  # no city: the region
    assert zoe["profile_url"] == "linkedin.com/in/zoe-dubois-mba"


def test_icloud_bom_lf_many_cards_and_an_agent(write, read_one, by_name, detected):
    text = "\ufeff" + "".join([
        _card("VERSION:3.0", "FN:Ana Ruiz", "EMAIL:ana@example.org", end="\n"),
        # vCard 2.1 AGENT: a card inside a card; its content is not the outer person's.
        _card("VERSION:2.1", "FN:Bo Li", "AGENT:", "BEGIN:VCARD", "FN:Assistant Person",
              "EMAIL:assistant@example.org", "END:VCARD", "EMAIL:bo@example.org", end="\n"),
        _card("VERSION:3.0", "FN:Chen Wu", end="\n"),
    ])
    path = write("icloud.vcf", text)
    assert detected(path) == "vcard"
    people = by_name(read_one(path))
    assert sorted(people) == ["Ana Ruiz", "Bo Li", "Chen Wu"]
    assert people["Bo Li"]["email"] == "bo@example.org"


def test_card_cut_off_at_end_of_file_is_read_and_reported(write, read_one, by_name):
    text = _card("VERSION:3.0", "FN:Ana Ruiz") + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Li\r\n"
    network = read_one(write("cut.vcf", text))
    assert sorted(by_name(network)) == ["Ana Ruiz", "Bo Li"]
    [problem] = network.problems
    # The first card takes lines 1-4 (BEGIN, VERSION, FN, END); the cut one begins on 5.
    assert problem.count == 1 and problem.example_row == 5
    assert "cuts off before END:VCARD" in problem.message


def test_a_csv_is_not_a_vcard(write, detected):
    assert detected(write("x.csv", "name,email\nBEGIN:VCARD,x@example.org\n")) != "vcard"


def test_analyze_vcard_end_to_end(runner, write):
    path = write("contacts.vcf", _card("VERSION:3.0", "FN:Ana Ruiz", "ORG:Acme"))
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # An address book alone is the network: its one card counts as a connection.
    assert data["connections"] == 1
    shown = runner.invoke(app, ["analyze", str(path)])
    assert shown.exit_code == 0, shown.output
    # One line: the file by its name, its one card, no owner in an address book.
    assert ("read contacts.vcf: 1 contact; owner unknown (not in the data; pass --me to "
            "name yourself)") in " ".join(shown.stderr.split())


@pytest.mark.parametrize("text", ["BEGIN:VCARD\r\n", "BEGIN:VCARD\r\nEND:VCARD\r\n"])
def test_empty_cards_do_not_crash(write, read_one, text):
    network = read_one(write("e.vcf", text))
    assert len(network.people) == 0


# ----------------------------------------------------------------------------------------
# helper-1's fixtures (tests/fixtures/vcard/EXPECTED.md)

VCARDS = Path(__file__).resolve().parents[1] / "fixtures" / "vcard"


def test_fixture_all_contacts(read_one, by_name):
    people = by_name(read_one(VCARDS / "All Contacts.vcf"))
    assert sorted(people) == ["José García", "Priya Patel", "Søren Østergaard",
                              "hello@example.org"]
    assert people["José García"]["email"] == "jose.garcia@example.com"
    assert people["José García"]["location"] == "Lisboa"
    assert people["Søren Østergaard"]["company"] == "Acme Widgets, Inc."
    assert people["Priya Patel"]["profile_url"] == "linkedin.com/in/priya-patel-2k"
    [card] = [c for c in iter_cards((VCARDS / "All Contacts.vcf").read_bytes().decode(
        "utf-8", errors="replace")) if c.formatted_name == "Priya Patel"]
    assert card.categories == ["myContacts", "Recruiters", "starred"]


def test_fixture_v21_and_v4(read_one, by_name):
    lukasz = by_name(read_one(VCARDS / "v21_quoted_printable.vcf"))["Łukasz Wiśniewski"]
    assert (lukasz["first_name"], lukasz["last_name"], lukasz["company"]) == (
        "Łukasz", "Wiśniewski", "Vireo Systems GmbH")
    zoe = by_name(read_one(VCARDS / "v4.vcf"))["Zoë Dubois"]
    assert (zoe["email"], zoe["location"], zoe["profile_url"]) == (
        "zoe.dubois@example.com", "Paris", "linkedin.com/in/zoe-dubois-mba")
