"""``netaudit due``, ``--targets``, ``--export`` and ``--ics`` as a user runs them, on the
hand-written export of tests/fixtures/due (answers worked out in its EXPECTED.md)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from netaudit.cli import app
from netaudit.importers.vcard import iter_cards

# Installed by the test extras (pip install -e ".[test]"); a venv made before they were
# added skips these tests instead of failing to collect them.
vobject = pytest.importorskip("vobject")
Calendar = pytest.importorskip("icalendar").Calendar

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "due"
EXPORT = FIXTURE / "export"
TARGETS = FIXTURE / "targets.txt"
SAMPLE = ROOT / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"
needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason="sample export not generated")
AS_OF = ["--as-of", "2026-06-30"]


def test_due_json_has_the_hand_computed_answers(runner):
    result = runner.invoke(app, ["due", str(EXPORT), *AS_OF, "--json"])
    assert result.exit_code == 0, result.output[-2000:]
    data = json.loads(result.stdout)
    assert (data["people_with_contact"], data["due_count"], data["not_yet_due"]) == (3, 2, 1)
    ana, bo = data["due"]
    assert (ana["name"], ana["reason"], ana["due_on"], ana["days_since"]) == (
        "Ana Ruiz", "you wrote every 3 weeks; last contact 71 days ago", "2026-05-11", 71)
    assert (bo["name"], bo["due_on"], bo["gap_from"], bo["usual_gap_days"]) == (
        "Bo Li", "2026-06-04", "layer", 14.0)
    assert "ana.ruiz@kestrel.example" not in result.stdout


def test_due_terminal_and_limit(runner):
    result = runner.invoke(app, ["due", str(EXPORT), *AS_OF, "--limit", "1", "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    text = " ".join(result.stdout.split())
    assert "Who is due for a message as of 2026-06-30 (showing 1 of 2)" in text
    assert "Ana Ruiz" in text and "Bo Li" not in text
    assert "Due: 2 of 3 (66.7%) people you were in touch with" in text


def test_due_anonymized_shows_no_name(runner):
    result = runner.invoke(app, ["due", str(EXPORT), *AS_OF, "--anonymize", "--json"])
    assert result.exit_code == 0, result.output[-2000:]
    for secret in ("Ana", "Ruiz", "Bo Li", "ana-ruiz", "Robin"):
        assert secret not in result.stdout
    assert json.loads(result.stdout)["due"][0]["name"].startswith("Person ")


def test_due_ics_reads_back_with_two_parsers(runner, tmp_path):
    ics = tmp_path / "due.ics"
    result = runner.invoke(app, ["due", str(EXPORT), *AS_OF, "--ics", str(ics), "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    assert f"wrote {ics} (2 due, 1 not yet due)" in " ".join(result.stderr.split())
    data = ics.read_bytes()
    events = sorted((str(e["summary"]), e.decoded("dtstart"))
                    for e in Calendar.from_ical(data).walk("VEVENT"))
    # EXPECTED.md: Ana was due on 11 May and Bo on 4 June, before the --as-of day (30 June):
    # their reminders are on 30 June; Cy, not yet due, on his due day 5 July.
    assert events == [("Get in touch with Ana Ruiz", date(2026, 6, 30)),
                      ("Get in touch with Bo Li", date(2026, 6, 30)),
                      ("Get in touch with Cy Dorn", date(2026, 7, 5))]
    parsed = vobject.readOne(data.decode("utf-8"))
    assert sorted((e.summary.value, e.dtstart.value) for e in parsed.vevent_list) == events
    for secret in (b"Private words", b"kestrel.example"):
        assert secret not in data


def test_due_export_vcf_with_email_and_csv(runner, tmp_path):
    vcf, table = tmp_path / "due.vcf", tmp_path / "due.csv"
    result = runner.invoke(app, ["due", str(EXPORT), *AS_OF, "--export", "vcf", str(vcf),
                                 "--with-email", "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    cards = {c.formatted_name: c for c in iter_cards(vcf.read_bytes().decode("utf-8"))}
    assert cards["Ana Ruiz"].emails == ["ana.ruiz@kestrel.example"]
    assert cards["Ana Ruiz"].categories == ["netaudit", "one-way", "due"]
    result = runner.invoke(app, ["due", str(EXPORT), *AS_OF, "--export", "csv", str(table),
                                 "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    with open(table, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["First Name"], r["Last Name"], r["Organization Name"], r["E-mail 1 - Value"])
            for r in rows] == [("Ana", "Ruiz", "Kestrel Robotics", ""),
                               ("Bo", "Li", "Google LLC", "")]


def test_export_and_ics_refuse_anonymize_and_bad_suffixes(runner, tmp_path):
    result = runner.invoke(app, ["due", str(EXPORT), "--anonymize", "--ics",
                                 str(tmp_path / "x.ics")])
    assert result.exit_code == 2
    assert "cannot be anonymized" in " ".join(result.stderr.split())
    result = runner.invoke(app, ["due", str(EXPORT), "--export", "vcf", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert "must end in .vcf" in " ".join(result.stderr.split())
    result = runner.invoke(app, ["due", str(EXPORT), "--cadence", "7=3"])
    assert result.exit_code == 2
    assert "--cadence: unknown layer '7'" in " ".join(result.stderr.split())


def test_ties_targets_and_export(runner, tmp_path):
    out = tmp_path / "ties.csv"
    result = runner.invoke(app, ["ties", str(EXPORT), *AS_OF, "--targets", str(TARGETS),
                                 "--export", "csv", str(out), "--json", "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    targets = json.loads(result.stdout)["targets"]
    found = {t["target"]: t for t in targets["targets"]}
    assert [p["name"] for p in found["Kestrel"]["people"]] == ["Ana Ruiz"]
    assert found["Google"]["companies"] == ["Google Cloud", "Google LLC"]
    # Cy answered (both wrote, 1:1, 9 days ago); Bo was written once 40 days ago.
    assert [p["name"] for p in found["Google"]["people"]] == ["Cy Dorn", "Bo Li"]
    assert found["Meta"]["status"] == "unmatched"
    assert found["Meta"]["candidates"][0] == "Metaswitch"
    assert targets["nobody"] == ["Meta", "Nowhere Corp"]
    with open(out, encoding="utf-8", newline="") as stream:
        names = sorted(r["File As"] for r in csv.DictReader(stream))
    assert names == ["Ana Ruiz", "Bo Li", "Cy Dorn", "Dee Marsh"]   # every person scored


def test_ties_targets_terminal(runner):
    result = runner.invoke(app, ["ties", str(EXPORT), *AS_OF, "--targets", str(TARGETS), "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    text = " ".join(result.stdout.split())
    assert "Who you know at your 4 targets" in text
    assert "Targets with nobody at all: 2 of 4 (50.0%): Meta, Nowhere Corp" in text


def test_team_targets_file_goes_on_past_the_unmatched(runner):
    result = runner.invoke(app, ["team", str(EXPORT), "--targets", str(TARGETS), "--json",
                                 "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    targets = {t["target"]: t for t in json.loads(result.stdout)["targets"]}
    assert targets["Kestrel"]["matched"] == ["Kestrel Robotics"]
    assert targets["Kestrel"]["people_at_target"] == 1
    assert (targets["Meta"]["status"], targets["Nowhere Corp"]["status"]) == (
        "unmatched", "unmatched")


@needs_sample
def test_due_on_the_sample_adds_up(runner):
    result = runner.invoke(app, ["due", str(SAMPLE), "--json"])
    assert result.exit_code == 0, result.output[-2000:]
    data = json.loads(result.stdout)
    parts = ("due_count", "not_yet_due", "faded", "no_cadence", "never_from_you")
    assert sum(data[p] for p in parts) == data["people_with_contact"]
    priorities = [p["priority"] for p in data["due"]]
    assert priorities == sorted(priorities, reverse=True)


@needs_sample
def test_introduce_export(runner, tmp_path):
    out = tmp_path / "intro.vcf"
    result = runner.invoke(app, ["introduce", str(SAMPLE), "--limit", "3", "--export", "vcf",
                                 str(out), "--json", "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    pairs = json.loads(result.stdout)["introductions"]
    cards = list(iter_cards(out.read_bytes().decode("utf-8")))
    people = {p[side]["name"] for p in pairs for side in ("a", "b")}
    assert {c.formatted_name for c in cards} == people
    assert all(c.categories[-1] == "introduce" for c in cards)
    notes = [c.note.value for c in vobject.readComponents(out.read_bytes().decode("utf-8"))]
    assert len(notes) == len(cards) and all(n.startswith("introduce to ") for n in notes)


def test_due_limit_limits_the_calendar_and_the_export(runner, tmp_path):
    # --limit 1: the first due (Ana, priority first) and the first not yet due (Cy) in the
    # calendar; the export holds the due people shown: Ana only.
    ics, vcf = tmp_path / "due.ics", tmp_path / "due.vcf"
    result = runner.invoke(app, ["due", str(EXPORT), *AS_OF, "--limit", "1", "--ics", str(ics),
                                 "--export", "vcf", str(vcf), "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    summaries = sorted(str(e["summary"]) for e in Calendar.from_ical(ics.read_bytes())
                       .walk("VEVENT"))
    assert summaries == ["Get in touch with Ana Ruiz", "Get in touch with Cy Dorn"]
    assert [c.fn.value for c in vobject.readComponents(vcf.read_text(encoding="utf-8"))] == [
        "Ana Ruiz"]


def test_due_since_an_earlier_export_tells_who_changed_company(runner):
    history = ROOT / "tests" / "fixtures" / "history"
    result = runner.invoke(app, ["due", str(history / "rosa-2025-12"), "--as-of", "2025-12-31",
                                 "--since", str(history / "rosa-2025-05"), "--json", "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    reasons = {p["name"]: p["reason"] for p in json.loads(result.stdout)["due"]}
    # tests/history/test_due_since.py has the arithmetic.
    assert reasons["Cara Diaz"].endswith("; changed company from Delta to Echo between "
                                         "10 May 2025 and 6 Dec 2025")


def test_report_targets_adds_the_targets_section(runner, tmp_path):
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(EXPORT), "--targets", str(TARGETS), "-o",
                                 str(out), "--json", "-q"])
    assert result.exit_code == 0, result.output[-2000:]
    sections = {s["key"]: s for s in json.loads(result.stdout)["sections"]}
    assert sections["targets"]["headline"].startswith("You know someone at 2 of 4 (50.0%)")
    assert "Who you know at your targets" in out.read_text(encoding="utf-8")
