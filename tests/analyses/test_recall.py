"""Recall: name matching rules, profession rule, names files and the essay's figures.

Every expected value is worked out by hand in a comment, or read from the generator's plan
(samples/article/recall/TRUTH.json), never from the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from netaudit.analyses.recall import profession_ok, recall
from netaudit.matching import MatchRule, NameIndex, key_of_entry, related_first_names
from netaudit.model import Network, conform
from netaudit.userfiles import entries_from_lines, read_names, split_entry

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

PEOPLE = [
    # name parts, position, company
    ("Robert", "Smith", "Senior Software Engineer", "Vexora"),
    ("José", "García López", "CFO", "Trellin"),
    ("Søren", "Berg", "Technical Recruiter", "Quillon"),
    ("Ana", "Ruiz", "UX Designer", "Vexora"),
    ("Ana", "Ruiz", "Accountant", "Brindle"),
    ("Elizabeth", "Okafor", "", ""),
    ("Katherine", "Whitfield", "Data Analyst", "Pexley"),
    ("William", "Jones", "Founder", "Corivo"),
    ("Robert", "Jones", "Civil Engineer", "Nembra"),
    ("Jonathan", "Abernathy", "Product Manager", "Ulmtree"),
]


def make_network(people=PEOPLE, hidden: int = 0, messaged: tuple[int, ...] = ()) -> Network:
    rows = [
        {"person_id": f"p{i}", "name": f"{f} {ln}", "first_name": f, "last_name": ln,
         "position": pos, "company": co, "is_connection": True,
         "profile_url": f"linkedin.com/in/p{i}"}
        for i, (f, ln, pos, co) in enumerate(people)
    ]
    rows += [{"person_id": f"h{i}", "is_connection": True, "hidden": True} for i in range(hidden)]
    rows.append({"person_id": "me", "name": "Owner Person", "is_owner": True})
    network = Network(people=conform(pd.DataFrame(rows), "people"))
    if messaged:
        messages = pd.DataFrame({
            "message_id": [f"m{i}" for i in messaged],
            "conversation_id": [f"c{i}" for i in messaged],
            "sent_at": pd.to_datetime(["2024-01-01"] * len(messaged), utc=True),
            "sender_id": [f"p{i}" for i in messaged],
            "recipient_ids": [("me",) for _ in messaged],
        })
        network.messages = conform(messages, "messages")
    from netaudit.model import Owner

    network.owner = Owner("me", "Owner Person", "test")
    return network


def lines(*texts: str) -> list[tuple[int, str]]:
    return list(enumerate(texts, start=1))


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(make_network().connections.reset_index(drop=True))


# --- matching rules ---------------------------------------------------------------------------

RULE_CASES = [
    ("Robert Smith", 0, MatchRule.EXACT),
    ("ROBERT SMITH", 0, MatchRule.EXACT),                 # case
    ("Smith, Robert", 0, MatchRule.EXACT),                # Last, First
    ("Smith Robert", 0, MatchRule.EXACT),                 # words in any order
    ("Jose Garcia Lopez", 1, MatchRule.EXACT),            # accents folded: José = Jose
    ("Soren Berg", 2, MatchRule.EXACT),                   # ø transliterated: Søren = Soren
    ("Berg, Søren, PhD", 2, MatchRule.EXACT),             # credentials ignored
    ("Dr. Katherine Whitfield, MBA", 6, MatchRule.EXACT),
    ("José García", 1, MatchRule.FIRST_LAST),             # second surname left out
    ("Garcia, Jose", 1, MatchRule.FIRST_LAST),
    ("Katherine J. Whitfield", 6, MatchRule.FIRST_LAST),  # middle initial
    ("Bob Smith", 0, MatchRule.NICKNAME),                 # nickname confirmed by the surname
    ("Liz Okafor", 5, MatchRule.NICKNAME),
    ("Kate Whitfield", 6, MatchRule.NICKNAME),
    ("Jonathan Abernathey", 9, MatchRule.TYPO),           # one letter: 97.1 >= 90
]


def test_every_rule_has_a_case():
    assert {rule for _, _, rule in RULE_CASES} == set(MatchRule)


@pytest.mark.parametrize(("typed", "row", "rule"), RULE_CASES)
def test_each_rule_matches_the_one_connection(index, typed, row, rule):
    match = index.match(typed)
    assert (match.status, match.rows, match.rule) == ("matched", [row], rule)


@pytest.mark.parametrize(("typed", "status", "rows"), [
    ("Ana Ruiz", "ambiguous", [3, 4]),     # two connections share the name: never guessed
    ("Bob Jones", "matched", [8]),          # Bob relates to Robert only, not William
    ("Bill Jones", "ambiguous", [7, 8]),    # the table lists bill under robert too: both fit
    ("Bob Berg", "unmatched", []),          # nickname without the surname: no
    ("Robert Okafor", "unmatched", []),     # surname alone is not enough
    ("Robert", "unmatched", []),            # one word
    ("Ana Ruis", "unmatched", []),          # 87.5 < 90: too far for a typo
    ("Jon Smith", "unmatched", []),         # 'jon' vs 'robert': nothing close
])
def test_ambiguous_and_unmatched_are_never_guessed(index, typed, status, rows):
    match = index.match(typed)
    assert (match.status, match.rows) == (status, rows)


def test_typo_that_fits_two_people_is_ambiguous():
    # "ana ruiza" vs "ana ruiz": one deletion, 1 - 1/17 = 94.1; vs "ana ruizaa": one insertion,
    # 1 - 1/19 = 94.7. Both >= 90, so neither is chosen.
    people = [("Ana", "Ruiz", "", ""), ("Ana", "Ruizaa", "", "")]
    match = NameIndex(make_network(people).connections.reset_index(drop=True)).match("Ana Ruiza")
    assert (match.status, match.rule) == ("ambiguous", MatchRule.TYPO)


def test_nickname_table_relates_directly_only():
    assert related_first_names("bob", "robert")
    assert related_first_names("robert", "bob")
    assert related_first_names("mike", "michael")
    assert related_first_names("bill", "william")
    assert not related_first_names("liz", "beth")   # both Elizabeth's, not each other's
    assert not related_first_names("ana", "anna")


def test_entry_key_reads_surname_first_and_drops_credentials():
    key = key_of_entry("García López, José María, MBA")
    assert key.first == "jose"
    assert key.surnames == ("garcia", "lopez")


# --- profession -------------------------------------------------------------------------------

@pytest.mark.parametrize(("said", "position", "company", "ok"), [
    ("recruiter", "Technical Recruiter", "", True),       # same word
    ("recruiting", "Technical Recruiter", "", True),      # 'recru' = 'recru' (5 letters)
    ("engineering", "Senior Software Engineer", "", True),
    ("developer", "Senior Software Engineer", "", True),  # both in role family engineering
    ("works at Vexora", "Analyst", "Vexora Ltd", True),   # company word
    ("senior", "Senior Software Engineer", "", False),    # stop word only
    ("chef", "Chief Executive Officer", "", False),       # 4 letters: must be equal
    ("designer", "Accountant", "Trellin", False),
    ("", "Accountant", "", False),
    ("accountant", "", "", False),                        # nothing to check against
    ("florist", "Florist", "", True),                     # 'other' family, but same word
])
def test_profession_rule(said, position, company, ok):
    assert profession_ok(said, position, company) is ok


# --- scoring ----------------------------------------------------------------------------------

def test_recall_counts_by_hand():
    network = make_network(hidden=2)
    entries = entries_from_lines(lines(
        "Bob Smith - software developer",  # nickname, profession right (engineering family)
        "Garcia, Jose - chef",             # first/last, profession wrong
        "Soren Berg",                      # exact, no profession
        "Ana Ruiz - designer",             # ambiguous
        "Nobody Known - CEO",              # unmatched
        "Robert Smith - engineer",         # exact on Robert Smith, who Bob Smith also named
        "liz okafor - writer",             # nickname; Okafor has no position or company
        "Kate Whitfield - data analyst",   # nickname, right
    ), "test")
    result = recall(network, entries)
    # Robert Smith is claimed by the exact entry first, so "Bob Smith" is the one named twice.
    assert result.network_size == len(PEOPLE) + 2          # 12: hidden profiles count
    assert result.named == 8
    assert result.matched == 5                             # Robert, José, Søren, Elizabeth, Kate
    assert result.matched_with_profession == 2             # Robert (engineer), Katherine
    assert result.recall_rate == pytest.approx(2 / 12)
    assert result.unmatched == ["Nobody Known - CEO"]
    assert [a["entry"] for a in result.ambiguous] == ["Ana Ruiz - designer"]
    assert [c["position"] for c in result.ambiguous[0]["candidates"]] == ["UX Designer",
                                                                          "Accountant"]
    assert result.named_twice == [{"entry": "Bob Smith - software developer",
                                   "connection": "Robert Smith",
                                   "first_named_as": "Robert Smith - engineer",
                                   "person_id": "p0"}]
    assert result.without_profession == 1                  # Soren Berg
    assert result.profession_unknown == 1                  # Elizabeth Okafor
    assert [m.connection for m in result.matches] == [
        "José García López", "Søren Berg", "Robert Smith", "Elizabeth Okafor",
        "Katherine Whitfield"]
    # PEOPLE's rows 1, 2, 0, 5, 6 in the order the entries were typed.
    assert [m.person_id for m in result.matches] == ["p1", "p2", "p0", "p5", "p6"]
    assert [c["person_id"] for c in result.ambiguous[0]["candidates"]] == ["p3", "p4"]


def test_anonymized_namesakes_keep_their_own_pseudonyms():
    # The two Ana Ruiz (rows 3 and 4) are one name but two people: scrubbing the text would
    # give both the same pseudonym; the ids keep them apart.
    from netaudit.render.anonymize import Pseudonyms, anonymous_recall

    network = make_network()
    result = recall(network, entries_from_lines(lines("Ana Ruiz", "Soren Berg"), "t"))
    names = Pseudonyms(network.people, enabled=True)
    shown = anonymous_recall(result, names)
    candidates = [c["name"] for c in shown.ambiguous[0]["candidates"]]
    assert candidates == [names.person("p3"), names.person("p4")]
    assert len(set(candidates)) == 2 and all(c.startswith("Person ") for c in candidates)
    assert [m.connection for m in shown.matches] == [names.person("p2")]
    assert "Ruiz" not in repr(shown) and "Berg" not in repr(shown)


def test_recognition_lists_messaged_connections_not_named():
    # Messaged: rows 0, 2, 6; row 0 is named, so the pool is Søren Berg and Katherine Whitfield.
    network = make_network(messaged=(0, 2, 6))
    result = recall(network, entries_from_lines(lines("Robert Smith - engineer"), "t"),
                    recognition=5)
    assert result.messaged_not_named == 2
    assert sorted(p["name"] for p in result.recognition) == ["Katherine Whitfield", "Søren Berg"]
    assert recall(network, entries_from_lines(lines("Robert Smith"), "t"),
                  recognition=0).recognition == []


def test_to_dict_has_the_contract_keys():
    result = recall(make_network(), entries_from_lines(lines("Bob Smith - engineer"), "t"))
    data = result.to_dict()
    for key in ("network_size", "named", "matched", "matched_with_profession", "recall_rate",
                "unmatched", "ambiguous", "matches"):
        assert key in data
    assert data["matches"] == [{"entry": "Bob Smith - engineer", "connection": "Robert Smith",
                                "profession_ok": True, "rule": "nickname + surname"}]
    assert data["article"]["best"] == 27 and data["article"]["worst"] == 4


# --- names files ------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "expected"), [
    ("Ana Ruiz - recruiter", ("Ana Ruiz", "recruiter", " - ")),
    ("Ana Ruiz – recruiter", ("Ana Ruiz", "recruiter", " – ")),
    ("Ana Ruiz — recruiter", ("Ana Ruiz", "recruiter", " — ")),
    ("Ana Ruiz: recruiter", ("Ana Ruiz", "recruiter", ":")),
    ("Ana Ruiz\trecruiter", ("Ana Ruiz", "recruiter", "tab")),
    ("Anna-Lena Berg - CFO - Acme", ("Anna-Lena Berg", "CFO - Acme", " - ")),
    ("Ruiz, Ana", ("Ruiz, Ana", "", "")),
])
def test_split_entry(line, expected):
    assert split_entry(line) == expected


def test_names_file_quirks_are_counted(tmp_path):
    path = tmp_path / "names.txt"
    text = ("Ana Ruiz - recruiter\n\n  \nJosé García – CFO\nBob Smith: engineer\n"
            "ANA RUIZ - designer\nruiz, ana\n - nobody\nSøren Berg\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    entries = read_names(path)
    # 9 lines: 2 blank (2, 3), 1 without name (8), 2 repeats of Ana Ruiz (6, 7: any case,
    # surname first), 4 distinct entries.
    assert [e.name for e in entries.entries] == ["Ana Ruiz", "José García", "Bob Smith",
                                                 "Søren Berg"]
    assert [e.line for e in entries.duplicates] == [6, 7]
    problems = sorted((p.count, p.example_row, p.message) for p in entries.problems)
    assert [(count, row) for count, row, _ in problems] == [(1, 4), (1, 5), (1, 8), (2, 2),
                                                            (2, 6)]
    messages = [m for _, _, m in problems]
    assert messages[0].startswith("used ' – ' instead of ' - '")
    assert messages[1].startswith("used ':' instead of ' - '")
    assert messages[2] == "had no name and were ignored"
    assert messages[3] == "were blank and ignored"
    assert messages[4] == "repeated an earlier name and were counted once"


def test_names_csv_with_profession_column(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text('name,profession\n"Ruiz, Ana",recruiter\nBob Smith,\n', encoding="utf-8")
    entries = read_names(path).entries
    assert [(e.name, e.profession) for e in entries] == [("Ruiz, Ana", "recruiter"),
                                                          ("Bob Smith", "")]


def test_names_file_utf16_and_heading_line(tmp_path):
    path = tmp_path / "names.txt"
    path.write_bytes("Name - profession\nSøren Berg - recruiter\n".encode("utf-16"))
    entries = read_names(path).entries
    assert [(e.name, e.profession) for e in entries] == [("Søren Berg", "recruiter")]


def test_empty_names_file_is_an_input_error(tmp_path):
    from netaudit.errors import InputError

    path = tmp_path / "names.txt"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no names"):
        read_names(path)


# --- the essay's figures ----------------------------------------------------------------------

def test_article_recall_study_gives_best_27_and_worst_4():
    from netaudit.analyses.recall import StudyResult
    from netaudit.audit import Audit
    from netaudit.userfiles import read_study

    folder = SAMPLES / "article" / "recall"
    truth = json.loads((folder / "TRUTH.json").read_text(encoding="utf-8"))
    results = []
    for person, plan in zip(read_study(folder / "STUDY.csv"), truth["participants"],
                            strict=True):
        result = Audit([person.network]).recall(person.names, recognition=0)
        got = (result.network_size, result.named, result.matched,
               result.matched_with_profession, len(result.unmatched), len(result.ambiguous),
               len(result.duplicates), result.without_profession)
        want = (plan["network_size"], plan["named"], plan["matched"],
                plan["matched_with_profession"], plan["unmatched"], plan["ambiguous"],
                plan["duplicates"], plan["without_profession"])
        assert got == want, person.participant
        assert result.network_size > 500
        results.append((person.participant, result))
    study = StudyResult(results).to_dict()
    assert len(results) == 7
    assert (study["best"], study["worst"]) == (27, 4)
    assert study["mean"] == pytest.approx(91 / 7)   # 27+4+19+12+8+15+6 = 91

    from rich.console import Console

    from netaudit.render.experiments_terminal import render_study

    console = Console(record=True, width=120)
    render_study(console, StudyResult(results))
    text = console.export_text()
    assert "27 (Ines)" in text and "4 (Marek)" in text and "13.0" in text
    assert "27 of 612 (4.4%)" in text                 # Ines: 27 / 612


def test_the_entry_with_the_right_profession_claims_a_connection_named_twice():
    # Issue 11: "Katherine Whitfield" (exact, no profession) typed before "Kate Whitfield -
    # data analyst" (nickname + surname; right: Data Analyst). The second now claims her, so
    # she counts as named with her profession: 1 matched, 1 with profession, and the entry
    # without profession is the one listed in named_twice. Before, the exact entry won and
    # matched_with_profession was 0.
    network = make_network()
    result = recall(network, entries_from_lines(
        lines("Katherine Whitfield", "Kate Whitfield - data analyst"), "t"))
    assert (result.matched, result.matched_with_profession) == (1, 1)
    assert [d["entry"] for d in result.named_twice] == ["Katherine Whitfield"]
    # Both rates, named: 1 of the 10 connections = 0.1 either way here.
    assert (result.recall_rate, result.matched_rate) == (0.1, 0.1)
    data = result.to_dict()
    assert (data["recall_rate"], data["matched_rate"]) == (0.1, 0.1)


def test_recall_rate_and_matched_rate_differ_by_the_profession():
    # Robert Smith with a wrong profession (nurse) and José García López with the right one:
    # matched 2, with profession 1; network 10 -> matched_rate 0.2, recall_rate 0.1.
    result = recall(make_network(), entries_from_lines(
        lines("Robert Smith - nurse", "José García López - CFO"), "t"))
    assert (result.matched_rate, result.recall_rate) == (0.2, 0.1)
