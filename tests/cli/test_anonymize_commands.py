"""``--anonymize`` on every command that shows people: no real name, e-mail, profile URL or
(with ``--anonymize-companies``) company anywhere in stdout, stderr or the files written; the
same pseudonyms as the report; the same figures as without it.

The forbidden strings are read from the input files with the csv module, not through netaudit.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from netaudit.cli import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"
CONTACTS = ROOT / "samples" / "contacts.csv"
RECALL = ROOT / "samples" / "article" / "recall"
ACTIVITY = ROOT / "samples" / "article" / "activity"
needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason="sample export not generated")


# ---- what must not appear, read independently -----------------------------------------------

def _rows(text: str, first_column: str) -> list[dict[str, str]]:
    """CSV rows from the header line that starts with ``first_column`` (LinkedIn puts a
    'Notes:' preamble above the header)."""
    lines = text.lstrip("\ufeff").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(first_column))
    return list(csv.DictReader(lines[start:]))


def _people(rows: list[dict[str, str]], first: str, last: str, email: str, url: str | None,
            company: str) -> tuple[set[str], set[str]]:
    """(names, e-mails and profile slugs) and (companies) of ``rows``."""
    people: set[str] = set()
    companies: set[str] = set()
    for row in rows:
        f, la = row.get(first, "").strip(), row.get(last, "").strip()
        if f and la:
            people |= {f"{f} {la}", f"{la}, {f}"}
        if row.get(email, "").strip():
            people.add(row[email].strip())
        if url and row.get(url, "").strip():
            people.add(row[url].strip().rstrip("/").rsplit("/", 1)[-1])  # the profile slug
        if row.get(company, "").strip():
            companies.add(row[company].strip())
    return people, companies


def linkedin_connections(text: str) -> tuple[set[str], set[str]]:
    return _people(_rows(text, "First Name"), "First Name", "Last Name", "Email Address", "URL",
                   "Company")


def sample_forbidden() -> tuple[set[str], set[str]]:
    with zipfile.ZipFile(SAMPLE) as archive:
        people, companies = linkedin_connections(archive.read("Connections.csv").decode("utf-8"))
        profile = _rows(archive.read("Profile.csv").decode("utf-8"), "First Name")[0]
    people.add(f"{profile['First Name']} {profile['Last Name']}")  # the owner
    return people, companies


def contacts_forbidden() -> tuple[set[str], set[str]]:
    people: set[str] = set()
    companies: set[str] = set()
    with open(CONTACTS, encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            people |= {row["name"].strip(), row["email"].strip()} - {""}
            words = row["name"].split()
            if len(words) == 2:
                people.add(f"{words[1]}, {words[0]}")
            if row["company"].strip():
                companies.add(row["company"].strip())
    return people, companies


def folder_forbidden(folder: Path) -> tuple[set[str], set[str]]:
    people, companies = linkedin_connections((folder / "Connections.csv").read_text("utf-8"))
    names = folder / "names.txt"
    if names.exists():
        # What the participant typed names people too (with typos and nicknames).
        for line in names.read_text("utf-8").splitlines():
            typed = line.split(" - ")[0].strip()
            if len(typed) > 3:
                people.add(typed)
    return people, companies


def leaks(text: str, forbidden: set[str]) -> list[str]:
    """The forbidden strings found in ``text`` as whole words (also XML-escaped text and the
    strings inside JSON)."""
    texts = [text, html.unescape(text)]
    try:
        texts.append("\n".join(_strings(json.loads(text))))
    except ValueError:
        pass
    found = []
    for item in sorted(forbidden):
        # A plain substring search first: the word-boundary regex only where it may match.
        candidates = [t for t in texts if item in t]
        pattern = re.compile(r"(?<!\w)" + re.escape(item) + r"(?!\w)")
        if any(pattern.search(t) for t in candidates):
            found.append(item)
    return found


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in [*_strings(k), *_strings(v)]]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def figures(data: object) -> list[object]:
    """Every number and flag of a JSON object, in order: what --anonymize must not change."""
    if isinstance(data, dict):
        return [f for v in data.values() for f in figures(v)]
    if isinstance(data, list):
        return [len(data), *(f for v in data for f in figures(v))]
    return [] if isinstance(data, str) or data is None else [data]


def run(runner, args: list[str]):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output + (result.stderr or "")
    return result


def team_member(tmp_path: Path) -> Path:
    """A second member's export: four of the sample's connections and one person of its own."""
    with zipfile.ZipFile(SAMPLE) as archive:
        rows = _rows(archive.read("Connections.csv").decode("utf-8"), "First Name")
    shared = [r for r in rows if r["URL"] and r["Company"]][:4]
    folder = tmp_path / "Nadia_Okafor_export"
    folder.mkdir()
    (folder / "Profile.csv").write_text(
        "First Name,Last Name,Headline\nNadia,Okafor,Recruiter\n", encoding="utf-8")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                     "Connected On"])
    for r in shared:
        writer.writerow([r["First Name"], r["Last Name"], r["URL"], "", r["Company"],
                         r["Position"], "01 Jan 2021"])
    writer.writerow(["Oskar", "Lindqvist", "https://www.linkedin.com/in/oskar-lindqvist-77",
                     "oskar@example.net", "Northwind Traders", "CTO", "02 Feb 2022"])
    (folder / "Connections.csv").write_text(out.getvalue(), encoding="utf-8")
    return folder


# ---- every command, in the terminal and as JSON ----------------------------------------------

def _commands(tmp_path: Path) -> dict[str, tuple[list[str], set[str], set[str], list[Path]]]:
    """command -> (arguments, forbidden people, forbidden companies, files it writes)."""
    people, companies = sample_forbidden()
    contact_people, contact_companies = contacts_forbidden()
    callum_people, callum_companies = folder_forbidden(RECALL / "callum")
    study_people: set[str] = set()
    study_companies: set[str] = set()
    for row in csv.DictReader(open(RECALL / "STUDY.csv", encoding="utf-8")):
        found = folder_forbidden(RECALL / row["participant"].lower())
        # The participant's name, also as the folder name in a path.
        study_people |= found[0] | {row["participant"], row["participant"].lower()}
        study_companies |= found[1]
    act_people, act_companies = linkedin_connections(
        (ACTIVITY / "Connections.csv").read_text("utf-8"))
    member = team_member(tmp_path)
    team_people = people | {"Nadia Okafor", "Okafor, Nadia", "Oskar Lindqvist", "oskar@example.net",
                            "oskar-lindqvist-77", "Nadia_Okafor"}
    team_companies = companies | {"Northwind Traders"}
    s = str(SAMPLE)
    return {
        "analyze": (["analyze", s, "--out", str(tmp_path / "out")], people, companies,
                    [tmp_path / "out"]),
        "replies": (["replies", s], people, companies, []),
        "recall": (["recall", str(RECALL / "callum" / "Connections.csv"), "--names",
                    str(RECALL / "callum" / "names.txt")], callum_people, callum_companies, []),
        "recall-study": (["recall-study", str(RECALL / "STUDY.csv")], study_people,
                         study_companies, []),
        "activity": (["activity", str(ACTIVITY / "Connections.csv"), "--log",
                      str(ACTIVITY / "ACTIVITY.csv"), "--groups", str(ACTIVITY / "GROUPS.csv")],
                     act_people, act_companies, []),
        "ties": (["ties", s, "--limit", "400", "--csv", str(tmp_path / "ties.csv")], people,
                 companies, [tmp_path / "ties.csv"]),
        "introduce": (["introduce", s, str(CONTACTS), "--limit", "50"],
                      people | contact_people, companies | contact_companies, []),
        "team": (["team", s, str(member), "--target", "Northwind Traders"], team_people,
                 team_companies, []),
        "graph": (["graph", s, "-o", str(tmp_path / "g.graphml")], people, companies,
                  [tmp_path / "g.graphml"]),
        "graph-gexf": (["graph", s, "-o", str(tmp_path / "g.gexf")], people, companies,
                       [tmp_path / "g.gexf"]),
        "graph-csv": (["graph", s, "-o", str(tmp_path / "g.csv")], people, companies,
                      [tmp_path / "g.csv"]),
        "graph-team": (["graph", s, str(member), "--team", "-o", str(tmp_path / "t.csv")],
                       team_people, team_companies, [tmp_path / "t.csv"]),
        # The report anonymizes its pages itself; here: what it prints while reading.
        "report": (["report", s, "-o", str(tmp_path / "r.html")], people, companies,
                   [tmp_path / "r.html"]),
    }


def _written(paths: list[Path]) -> str:
    texts = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        texts.extend(file.read_text("utf-8") for file in files
                     if file.suffix in (".csv", ".graphml", ".gexf", ".json", ".html"))
    assert texts or not paths, f"nothing written to {paths}"
    return "\n".join(texts)


COMMANDS = ["analyze", "replies", "recall", "recall-study", "activity", "ties", "introduce",
            "team", "graph", "graph-gexf", "graph-csv", "graph-team", "report"]


# GEXF and the CSV edge list differ from GraphML only in the file: once is enough.
RUNS = [(c, j) for c in COMMANDS for j in (False, True)
        if not (j and c in ("graph-gexf", "graph-csv", "report"))]


@needs_sample
@pytest.mark.parametrize(("command", "json_output"), RUNS,
                         ids=[f"{c}-{'json' if j else 'terminal'}" for c, j in RUNS])
def test_anonymized_output_names_no_one(runner, tmp_path, command, json_output):
    args, people, companies, files = _commands(tmp_path)[command]
    result = run(runner, [*args, "--anonymize", "--anonymize-companies",
                          *(["--json"] if json_output else [])])
    shown = "\n".join([result.stdout, result.stderr, _written(files)])
    assert leaks(shown, people) == []
    assert leaks(shown, companies) == []
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", shown), "an e-mail address was shown"
    assert "linkedin.com/in/" not in shown
    if json_output and not command.startswith(("graph", "report")):
        json.loads(result.stdout)  # one JSON object, nothing else on stdout


# Commands whose plain output shows people: there the check above is not vacuous.
SHOW_PEOPLE = ["analyze", "recall", "recall-study", "ties", "introduce", "team", "graph",
               "graph-csv", "graph-team", "report"]


@needs_sample
@pytest.mark.parametrize("command", SHOW_PEOPLE)
def test_without_anonymize_the_same_run_shows_people(runner, tmp_path, command):
    args, people, companies, files = _commands(tmp_path)[command]
    result = run(runner, [*args, "--json"])
    shown = "\n".join([result.stdout, result.stderr, _written(files)])
    assert leaks(shown, people), "the plain run shows nobody: the leak test proves nothing"
    assert leaks(shown, companies)


@needs_sample
@pytest.mark.parametrize("command", ["analyze", "replies", "recall", "activity", "ties",
                                     "introduce", "team"])
def test_anonymize_changes_no_figure(runner, tmp_path, command):
    args, *_ = _commands(tmp_path)[command]
    # Without the files: the figures are the JSON's.
    args = [a for i, a in enumerate(args)
            if a not in ("--out", "--csv") and (i == 0 or args[i - 1] not in ("--out", "--csv"))]
    plain = json.loads(run(runner, [*args, "--json"]).stdout)
    shown = json.loads(run(runner, [*args, "--json", "--anonymize",
                                    "--anonymize-companies"]).stdout)
    assert figures(shown) == figures(plain)
    assert len(figures(plain)) > 10


@needs_sample
def test_companies_stay_readable_without_anonymize_companies(runner):
    _, companies = sample_forbidden()
    result = run(runner, ["analyze", str(SAMPLE), "--anonymize", "--json", "-q"])
    data = json.loads(result.stdout)
    assert data["owner"] == "you"
    # The sample's connections working for themselves, counted from its Connections.csv
    # ('Freelance' and 'Self-employed': one row), then its largest employer (14 connections,
    # sample_truth: 'Riverstone University').
    with zipfile.ZipFile(SAMPLE) as archive:
        rows = _rows(archive.read("Connections.csv").decode("utf-8"), "First Name")
    own = sum(r["Company"].strip() in ("Freelance", "Self-employed") for r in rows)
    assert data["top_companies"][:2] == [
        {"company": "Self-employed", "connections": own},
        {"company": "Riverstone University", "connections": 14}]
    assert {c["company"] for c in data["top_companies"][1:]} <= companies


@needs_sample
def test_ties_pseudonyms_are_the_reports(runner, tmp_path):
    """The same person is 'Person NNN' in `ties --anonymize --json` and in the report, under
    one kept key (without one, every run draws its own: issue 16)."""
    from netaudit import Audit
    from netaudit.render.anonymize import key_from_file
    from netaudit.render.report import Page, ReportOptions

    key = tmp_path / "pseudonyms.key"
    plain = json.loads(run(runner, ["ties", str(SAMPLE), "--json", "-q"]).stdout)
    shown = json.loads(run(runner, ["ties", str(SAMPLE), "--json", "-q", "--anonymize",
                                    "--anonymize-key", str(key)]).stdout)
    report_names = Page(Audit(SAMPLE).report_results(), ReportOptions(
        anonymize=True, anonymize_key=key_from_file(key))).names
    assert len(plain["rows"]) == len(shown["rows"]) == 331  # 300 connections + 31 others
    for real, anonymized in zip(plain["rows"], shown["rows"], strict=True):
        assert anonymized["score"] == real["score"]
        assert anonymized["person_id"] == anonymized["name"] == report_names.person(
            real["person_id"])
    labels = [r["name"] for r in shown["rows"]]
    assert len(set(labels)) == 331  # one pseudonym per person
    assert all(re.fullmatch(r"Person \d{3}", label) for label in labels)


def test_anonymize_companies_needs_anonymize(runner):
    for command in (["analyze"], ["ties"], ["team"], ["graph", "-o", "x.csv"], ["recall-study"]):
        result = runner.invoke(app, [*command, "nothing-here", "--anonymize-companies"])
        assert result.exit_code == 2, command
        assert "--anonymize-companies works together with --anonymize" in result.stderr


def test_every_command_that_shows_people_has_the_same_anonymize_help(runner):
    for command in ("analyze", "replies", "recall", "recall-study", "activity", "ties",
                    "introduce", "team", "graph"):
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "250"})
        assert result.exit_code == 0
        text = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stdout).split())
        assert "Show every person as a stable pseudonym ('Person 001', the same in every " \
               "command and report), yourself as 'you'" in text, command
        assert "With --anonymize, also replace company names ('Company 01')." in text, command


REPLIES = ROOT / "samples" / "article" / "replies"


@pytest.mark.skipif(not REPLIES.exists(), reason="article datasets not generated")
@pytest.mark.parametrize("json_output", [False, True], ids=["terminal", "json"])
def test_replies_shows_no_message_text(runner, json_output):
    """Campaign texts are messages: the plain run shows both of the essay dataset's
    campaigns, the anonymized one neither (nor the --campaign filter, a piece of one)."""
    people, _ = linkedin_connections((REPLIES / "Connections.csv").read_text("utf-8"))
    plain = json.loads(run(runner, ["replies", str(REPLIES), "--json", "-q"]).stdout)
    texts = [c["text"].rstrip("…") for c in plain["campaigns"]]
    assert len(texts) == 2 and all(len(t) > 40 for t in texts)
    args = ["replies", str(REPLIES), "--anonymize", "--campaign", "taking stock"]
    result = run(runner, [*args, *(["--json"] if json_output else [])])
    shown = result.stdout + result.stderr
    for text in texts:
        assert text[:30] not in " ".join(shown.split())
    assert "taking stock" not in shown
    assert leaks(shown, people) == []
    if json_output:
        data = json.loads(result.stdout)
        # Only the essay's campaign contains 'taking stock': replies_TRUTH.json, campaign 1
        # ("Quinn's message was an answer"): 41 of 1,049 replied.
        assert (data["replied"], data["reached"]) == (41, 1049)
        assert [c["text"] for c in data["campaigns"]] == ["[not shown]"]
        assert data["campaign_filter"] == "[not shown]"
