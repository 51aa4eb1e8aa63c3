"""`netaudit recall` and `netaudit recall-study` in-process: files, the quiz, errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from netaudit.cli import app

CONNECTIONS = (
    "Notes:\n\"x\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Robert,Smith,https://www.linkedin.com/in/rs,,Vexora,Software Engineer,04 Jul 2023\n"
    "José,García López,https://www.linkedin.com/in/jg,,Trellin,CFO,01 Jan 2021\n"
    "Søren,Berg,https://www.linkedin.com/in/sb,,Quillon,Technical Recruiter,01 Jan 2021\n"
    "Ana,Ruiz,https://www.linkedin.com/in/ar1,,Vexora,UX Designer,01 Jan 2021\n"
    "Ana,Ruiz,https://www.linkedin.com/in/ar2,,Brindle,Accountant,01 Jan 2021\n"
    ",,,,,,07 Jun 2022\n"
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS, encoding="utf-8")
    return path


def test_names_file_json(runner, export, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Bob Smith - developer\nGarcia, Jose – chef\n\nAna Ruiz - designer\n"
                     "Nobody Here\nbob smith - engineer\n", encoding="utf-8")
    result = runner.invoke(app, ["recall", str(export), "--names", str(names), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # 6 connections (1 hidden); 4 distinct entries; Robert (nickname, developer: right) and
    # José (first and last name, chef: wrong) matched; Ana Ruiz ambiguous; Nobody unmatched.
    assert (data["network_size"], data["named"], data["matched"],
            data["matched_with_profession"]) == (6, 4, 2, 1)
    assert data["recall_rate"] == pytest.approx(1 / 6)
    assert data["unmatched"] == ["Nobody Here"]
    assert data["duplicates"] == ["bob smith - engineer"]
    assert [m["profession_ok"] for m in data["matches"]] == [True, False]
    assert "warning:" in result.stderr and "1 row was blank" in result.stderr
    assert "used ' – '" in result.stderr


def test_names_file_terminal_shows_denominators_and_essay(runner, export, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Bob Smith - developer\n", encoding="utf-8")
    result = runner.invoke(app, ["recall", str(export), "--names", str(names)])
    assert result.exit_code == 0, result.output
    assert "1 of 6 (16.7%)" in result.stdout
    assert "4 to 27" in result.stdout
    assert "nickname" in result.stdout and "Robert Smith" in result.stdout


def test_quiz_reads_lines_until_empty_line(runner, export):
    typed = "Bob Smith - engineer\nSoren Berg - recruiter\nNot Here\n\n"
    result = runner.invoke(app, ["recall", str(export), "--json"], input=typed)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["named"], data["matched"], data["matched_with_profession"]) == (3, 2, 2)
    # Nothing of the network was shown before the answers: no "read ..." line, no names.
    assert "read " not in result.stderr
    assert "Robert" not in result.stderr.split("Name as many")[0]


def test_quiz_ends_at_end_of_input(runner, export):
    result = runner.invoke(app, ["recall", str(export), "--json"], input="Bob Smith - engineer\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["matched"] == 1


def test_quiz_line_after_time_limit_is_not_counted(monkeypatch):
    import io

    from netaudit.cli import _quiz

    # The clock says 0 s, then 30 s (first line in time), then 61 s (second line too late).
    ticks = iter([0.0, 0.0, 30.0, 30.0, 61.0])
    answers = _quiz.run_quiz(1, stdin=io.StringIO("Bob Smith\nAna Ruiz\n"),
                             stderr=io.StringIO(), clock=lambda: next(ticks))
    assert answers.lines == [(1, "Bob Smith")]
    assert answers.ended_by == "time up"


def test_recognition_pass_is_asked_after_the_quiz(runner, tmp_path):
    # The sample LinkedIn export has messages; nobody is named, so the recognition sample is
    # drawn from everyone messaged: 3 asked, answered y, n, y.
    export = SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip"
    result = runner.invoke(app, ["recall", str(export), "--json", "--recognition", "3"],
                           input="Nobody Known - chef\n\ny\nn\ny\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["recognition"]) == 3
    assert data["recognized"] == 2
    assert "[y/n]" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_countdown_editor_on_a_pseudo_terminal():
    from tests.cli.test_recall_quiz import edit_on_pty

    # Typed: a line, a line with a backspace fix, an arrow key (ignored), then Enter alone.
    answers, shown = edit_on_pty("Bob Smith - engineer\rSøren Bergg\x7f\x1b[D\r\r")
    assert answers.lines == [(1, "Bob Smith - engineer"), (2, "Søren Berg")]
    assert answers.ended_by == "empty line"
    assert "left] > " in shown


def test_missing_names_file_is_one_line_error(runner, export, tmp_path):
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["recall", str(export), "--names", str(missing)])
    assert result.exit_code == 1
    assert f"error: {missing}: no such file" in result.output.replace("\n", "")
    assert "Traceback" not in result.output


def test_recall_study_reproduces_the_essay(runner):
    study = SAMPLES / "article" / "recall" / "STUDY.csv"
    result = runner.invoke(app, ["recall-study", str(study), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["best"], data["worst"]) == (27, 4)
    assert (data["best_participant"], data["worst_participant"]) == ("Ines", "Marek")
    assert len(data["participants"]) == 7
    assert {"participant", "network_size", "named", "matched", "matched_with_profession",
            "recall_rate", "unmatched", "matches"} <= set(data["participants"][0])
    # The table itself is checked on the same data in tests/analyses/test_recall.py, which
    # saves reading the seven networks twice.


def test_recall_study_without_names_column(runner, tmp_path):
    study = tmp_path / "STUDY.csv"
    study.write_text("participant,network\nA,a.csv\n", encoding="utf-8")
    result = runner.invoke(app, ["recall-study", str(study)])
    assert result.exit_code == 1
    assert "has no 'names' column" in result.output


@pytest.mark.parametrize("content", [None, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\n\n"],
                         ids=["missing", "binary", "empty"])
def test_bad_names_file_fails_before_the_export_is_read(runner, tmp_path, content):
    names = tmp_path / "names.txt"
    if content is not None:
        names.write_bytes(content)
    # The export does not exist either: the error must be the names file's, so that a typo in
    # --names does not cost the minutes a large export takes to load.
    result = runner.invoke(app, ["recall", str(tmp_path / "no-such-export.zip"), "--names",
                                 str(names)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {names}: ")
    assert "no-such-export" not in result.stderr


def test_anonymized_quiz_skips_the_recognition_pass(runner):
    # The same run as test_recognition_pass_is_asked_after_the_quiz, anonymized: no question
    # names anyone, and no answer is counted.
    export = SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip"
    result = runner.invoke(app, ["recall", str(export), "--json", "--recognition", "3",
                                 "--anonymize"], input="Nobody Known - chef\n\ny\nn\ny\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["recognition"] == [] and data["recognized"] is None
    assert data["unmatched"] == ["[not shown]"]
    assert "[y/n]" not in result.stderr
    assert "recognition pass is skipped with --anonymize" in result.stderr
    assert "Nobody Known" not in result.stdout + result.stderr


def test_quiz_text_is_wrapped_to_the_terminal_width(monkeypatch):
    import io

    from netaudit.cli import _quiz

    monkeypatch.setenv("COLUMNS", "40")
    shown = io.StringIO()
    answers = _quiz.run_quiz(2, stdin=io.StringIO("Ana Ruiz\n\n"), stderr=shown,
                             clock=lambda: 0.0)
    assert answers.lines == [(1, "Ana Ruiz")]
    known = _quiz.ask_recognition(["Seo-yeon Björklund (DevOps Engineer at Zephyr Mobility)"],
                                  stdin=io.StringIO("y\n"), stderr=shown)
    assert known == 1
    lines = shown.getvalue().replace("[2:00 left] > ", "").splitlines()
    # 40 columns, one kept free: no line longer than 39, none broken inside a word.
    assert max(len(line) for line in lines) <= 39
    # 'Name as many of your connections as you' is exactly 39 characters.
    assert lines[0] == "Name as many of your connections as you"
    # '  Seo-yeon Björklund (DevOps Engineer' is 37; ' at' would make 40.
    assert lines[-2:] == ["  Seo-yeon Björklund (DevOps Engineer",
                          "    at Zephyr Mobility)? [y/n] "]
