"""The files a calendar or contact manager imports, each read back by two parsers: .ics by
icalendar and vobject, .vcf by netaudit's own vCard reader and vobject, the Google Contacts
CSV by netaudit's own Google Contacts importer and the csv module."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
from network_builders import AS_OF, ME, build, days_ago, msg

from netaudit.analyses.due import due_list
from netaudit.errors import UsageError
from netaudit.importers import load
from netaudit.importers.vcard import iter_cards
from netaudit.render.crm import (
    GOOGLE_COLUMNS,
    ExportFormat,
    due_calendar,
    export_format,
    identity_keys,
    make_cards,
    write_calendar,
    write_cards,
)

# Installed by the test extras (pip install -e ".[test]"); a venv made before they were
# added skips these tests instead of failing to collect them.
vobject = pytest.importorskip("vobject")
Calendar = pytest.importorskip("icalendar").Calendar

PEOPLE = {
    "ana": {"name": "Ana Ruiz", "first_name": "Ana", "last_name": "Ruiz",
            "company": "Kestrel Robotics", "position": "CTO, Platform",
            "profile_url": "linkedin.com/in/ana-ruiz", "email": "ana@kestrel.example"},
    "bo": {"name": "Bo Li", "company": "=HYPERLINK(\"http://x\")", "position": "Engineer",
           "email": "bo@example.org"},
    "cy": {"name": "Cy Dorn", "company": "Google Cloud", "position": "SRE"},
}


def network():
    # Ana: every 21 days, last 71 days ago (due 12 May 2024, see test_due); Bo: one contact
    # 40 days ago, layer ranks 1-5, cadence 14 days (due 5 June 2024); Cy: one contact 5 days
    # ago (26 June), ranks 1-5 too (3 people scored), not yet due: due 26 June + 14 = 10 July.
    messages = [msg("ca", days_ago(71 + 21 * k), ME, "ana", body="secret words")
                for k in range(5)]
    messages.append(msg("cb", days_ago(40), ME, "bo", body="private note"))
    messages.append(msg("cc", days_ago(5), ME, "cy", body="private note"))
    return build(messages, people=PEOPLE)


def written_calendar(tmp_path, name="due.ics"):
    net = network()
    due = due_list(net, as_of=AS_OF)
    return write_calendar(due_calendar(due, identity_keys(net.people)), tmp_path / name), due


def test_ics_reads_back_with_icalendar_as_the_same_events(tmp_path):
    path, due = written_calendar(tmp_path)
    calendar = Calendar.from_ical(path.read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == ["Get in touch with Ana Ruiz", "Get in touch with Bo Li",
                              "Get in touch with Cy Dorn"]
    ana = events["Get in touch with Ana Ruiz"]
    # All-day: DTSTART a date, DTEND the next day. Ana was due on 12 May and Bo on 5 June,
    # before the as-of day (1 July 2024): a past-dated reminder is one no calendar shows
    # again, so theirs are on the as-of day; Cy's is on his due day, 10 July.
    assert ana.decoded("dtstart") == date(2024, 7, 1)
    assert ana.decoded("dtend") == date(2024, 7, 2)
    assert events["Get in touch with Bo Li"].decoded("dtstart") == date(2024, 7, 1)
    assert events["Get in touch with Cy Dorn"].decoded("dtstart") == date(2024, 7, 10)
    assert str(ana["description"]).splitlines()[:2] == [
        "you wrote every 3 weeks; last contact 71 days ago.",
        "Due since 2024-05-12; layer ranks 1-5; tie one-way."]
    assert str(events["Get in touch with Cy Dorn"]["description"]).splitlines()[1] == (
        "Due on 2024-07-10; layer ranks 1-5; tie one-way.")
    assert "https://www.linkedin.com/in/ana-ruiz" in str(ana["description"])
    alarm = next(iter(ana.walk("VALARM")))
    assert (str(alarm["action"]), alarm.decoded("trigger")) == ("DISPLAY", timedelta(hours=9))
    assert str(calendar["version"]) == "2.0"
    assert (len(list(calendar.walk("VEVENT"))), len(due.due), len(due.upcoming)) == (3, 2, 1)


def test_ics_reminders_are_on_the_later_of_the_due_day_and_today(tmp_path):
    # today=26 June 2024 (the CLI passes the day the file is written): Ana (due 12 May) and
    # Bo (5 June) on 26 June, Cy on his due day 10 July; today=1 Aug: all three on 1 Aug.
    net = network()
    due = due_list(net, as_of=AS_OF)
    for today, expected in ((date(2024, 6, 26), [date(2024, 6, 26)] * 2 + [date(2024, 7, 10)]),
                            (date(2024, 8, 1), [date(2024, 8, 1)] * 3)):
        calendar = Calendar.from_ical(due_calendar(due, today=today))
        days = {str(e["summary"]).rpartition(" with ")[2]: e.decoded("dtstart")
                for e in calendar.walk("VEVENT")}
        assert [days["Ana Ruiz"], days["Bo Li"], days["Cy Dorn"]] == expected


def test_ics_reads_back_with_vobject_too(tmp_path):
    path, _ = written_calendar(tmp_path)
    parsed = vobject.readOne(path.read_text(encoding="utf-8"))
    events = sorted(parsed.vevent_list, key=lambda e: e.dtstart.value)
    assert [(e.summary.value, e.dtstart.value, e.dtend.value) for e in events] == [
        ("Get in touch with Ana Ruiz", date(2024, 7, 1), date(2024, 7, 2)),
        ("Get in touch with Bo Li", date(2024, 7, 1), date(2024, 7, 2)),
        ("Get in touch with Cy Dorn", date(2024, 7, 10), date(2024, 7, 11)),
    ]


def test_ics_has_no_email_nor_message_text_and_stable_uids(tmp_path):
    first, _ = written_calendar(tmp_path, "a.ics")
    second, _ = written_calendar(tmp_path, "b.ics")
    data = first.read_bytes()
    assert data == second.read_bytes()  # same data, same bytes (DTSTAMP is the as-of day)
    for secret in (b"@kestrel.example", b"bo@example.org", b"secret words", b"private note"):
        assert secret not in data
    uids = [str(e["uid"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert len(set(uids)) == 3
    assert all(uid.endswith("@netaudit") for uid in uids)
    # CRLF lines of at most 75 octets (RFC 5545 3.1).
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


def test_ics_needs_the_ics_suffix(tmp_path):
    with pytest.raises(UsageError, match="must end in .ics"):
        write_calendar(b"", tmp_path / "due.txt")


def cards(with_email):
    net = network()
    due = due_list(net, as_of=AS_OF)
    items = [{"person_id": p.person_id, "note": f"{p.reason} (layer {p.layer})",
              "categories": (p.status, "due")} for p in due.due]
    return make_cards(items, net.people, with_email=with_email)


def test_vcard_reads_back_with_netaudits_reader_and_vobject(tmp_path):
    path = write_cards(cards(with_email=True), tmp_path / "due.vcf", ExportFormat.VCF)
    text = path.read_bytes().decode("utf-8")
    read = {c.formatted_name: c for c in iter_cards(text)}
    ana = read["Ana Ruiz"]
    assert (ana.version, ana.given_name, ana.family_name) == ("4.0", "Ana", "Ruiz")
    assert (ana.company, ana.position) == ("Kestrel Robotics", "CTO, Platform")
    assert ana.emails == ["ana@kestrel.example"]
    assert ana.profile_url == "https://www.linkedin.com/in/ana-ruiz"
    # Every message went from you to her: "one-way" by the ties definition.
    assert ana.categories == ["netaudit", "one-way", "due"]
    parsed = {c.fn.value: c for c in vobject.readComponents(text)}
    assert parsed["Ana Ruiz"].note.value == ("you wrote every 3 weeks; last contact 71 days "
                                             "ago (layer ranks 1-5)")
    assert parsed["Ana Ruiz"].title.value == "CTO, Platform"
    assert parsed["Bo Li"].org.value == ['=HYPERLINK("http://x")']
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert parsed["Bo Li"].note.value.endswith("; last contact 40 days ago (layer ranks 1-5)")


def test_vcard_without_with_email_has_no_email(tmp_path):
    path = write_cards(cards(with_email=False), tmp_path / "due.vcf", ExportFormat.VCF)
    text = path.read_text(encoding="utf-8")
    assert "EMAIL" not in text and "@kestrel" not in text


def test_google_csv_imports_with_netaudits_google_reader(tmp_path):
    path = write_cards(cards(with_email=True), tmp_path / "due.csv", ExportFormat.CSV)
    with open(path, encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert tuple(rows[0]) == GOOGLE_COLUMNS
    by_file_as = {row[3]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    # Bo's export has no first/last name: the whole name goes to First Name, never split.
    assert (by_file_as["Bo Li"]["First Name"], by_file_as["Bo Li"]["Last Name"]) == ("Bo Li", "")
    # A formula is neutralised with a leading quote.
    assert by_file_as["Bo Li"]["Organization Name"] == "'=HYPERLINK(\"http://x\")"
    assert by_file_as["Ana Ruiz"]["Labels"] == "netaudit ::: one-way ::: due"
    people = load([path], fmt="google-contacts").people
    ana = people[people["name"] == "Ana Ruiz"].iloc[0]
    assert (ana["company"], ana["position"], ana["email"], ana["profile_url"]) == (
        "Kestrel Robotics", "CTO, Platform", "ana@kestrel.example", "linkedin.com/in/ana-ruiz")


def test_export_format_checks_the_suffix():
    assert export_format("x.csv", "CSV") is ExportFormat.CSV
    with pytest.raises(UsageError, match="must end in .vcf"):
        export_format("x.csv", "vcf")
    with pytest.raises(UsageError, match="is not a format"):
        export_format("x.xlsx", "xlsx")
