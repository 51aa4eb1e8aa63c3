"""What was read, in one line (issue 15): before, `analyze` on the sample printed 8 lines of
100-190 characters ('read …zip:Connections.csv: LinkedIn connections, 300 rows (2023+ form
…)'), an owner line and 'warning: … 3 files skipped (not a format netaudit reads)' for the
three files every export holds (Skills.csv, Company Follows.csv, Jobs/Saved Jobs.csv)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from rich.cells import cell_len

from netaudit.cli import app
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip"

# samples/sample_truth.json, summed by hand: 300 connections; 1,500 message rows;
# 15 incoming + 5 outgoing = 20 invitations; 4 given + 5 received = 9 recommendations;
# 55 received + 19 given = 74 endorsements; the owner from Profile.csv.
ONE_LINE = ("read Basic_LinkedInDataExport_11-20-2026.zip: 300 connections, 1,500 messages, "
            "20 invitations, 9 recommendations, 74 endorsements; owner Alex Rivera "
            "(Profile.csv)")


def test_the_sample_is_read_in_one_line_without_a_warning(runner):
    result = runner.invoke(app, ["analyze", str(SAMPLE)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [ONE_LINE]


def test_the_line_wraps_between_words_at_80_columns(runner):
    result = runner.invoke(app, ["analyze", str(SAMPLE)], env={"COLUMNS": "80"})
    lines = result.stderr.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    # 162 characters broken between words: 78 ('… 1,500 messages,'), 69 ('… owner Alex
    # Rivera') and 13 ('(Profile.csv)'): the same words, none cut.
    assert [len(line.rstrip()) for line in lines] == [78, 69, 13]
    assert " ".join(line.strip() for line in lines) == ONE_LINE


def test_verbose_lists_each_file_and_the_files_not_used(runner):
    result = runner.invoke(app, ["analyze", str(SAMPLE), "-v"], env={"COLUMNS": "300"})
    lines = result.stderr.splitlines()
    # 11 members: 8 read (one line each), one line for the 3 not used, the owner's line,
    # then the summary line.
    assert len(lines) == 8 + 1 + 1 + 1
    assert lines[0].startswith(f"read {SAMPLE}:Connections.csv: LinkedIn connections, "
                               "300 rows (2023+ form")
    assert lines[8] == ("not read: 3 files an export holds that netaudit does not use: "
                        "Skills.csv, Company Follows.csv, Jobs/Saved Jobs.csv")
    assert lines[9] == f"owner Alex Rivera (profile in {SAMPLE}:Profile.csv)"
    assert lines[10] == ONE_LINE
    assert "warning" not in result.stderr


def test_quiet_says_nothing(runner):
    result = runner.invoke(app, ["analyze", str(SAMPLE), "-q"])
    assert result.exit_code == 0 and result.stderr == ""


def test_a_file_netaudit_should_read_but_cannot_is_still_a_warning(runner, tmp_path):
    # The sample's ZIP plus two files: 'notes.csv' (no export holds it) and an
    # 'Invitations.csv' whose header netaudit does not know. Both are warned about; the
    # export's own Skills.csv & co. are not.
    export = tmp_path / "export.zip"
    shutil.copy(SAMPLE, export)
    with zipfile.ZipFile(export, "a") as archive:
        archive.writestr("notes.csv", "a,b\n1,2\n")
        archive.writestr("Jobs/Invitations.csv", "Who,When\nAna,today\n")
    result = runner.invoke(app, ["analyze", str(export)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {export}:Jobs/Invitations.csv: 1 file is named like a LinkedIn invitations file "
        "but its header is not one netaudit knows; it was ignored",
        f"warning: {export}: 2 files skipped (not a format netaudit reads): "
        "notes.csv, Jobs/Invitations.csv",  # in the archive's order
    ]


def test_files_seen_in_real_exports_are_expected_and_an_unknown_one_is_named(runner, tmp_path):
    # A 2018 export held Videos.csv, a 2022 Complete export Reviews.csv and 'Job Applicant
    # Saved Answers.csv' (docs/formats.md 2.1); with them, five files no export holds
    # (a-e.csv): the warning names three and counts the rest (5 - 3 = 2 more).
    export = tmp_path / "export.zip"
    shutil.copy(SAMPLE, export)
    with zipfile.ZipFile(export, "a") as archive:
        archive.writestr("Videos.csv", "Description,Link\nVideo content,x\n")
        archive.writestr("Reviews.csv", "Reviewee,Review Type,Review Section,Creation Date,"
                         "Rating,Review Text,Review Tags\n")
        archive.writestr("Job Applicant Saved Answers.csv", "Question,Answer\nWhy?,Because\n")
        for name in "abcde":
            archive.writestr(f"extra/{name}.csv", "x,y\n1,2\n")
    result = runner.invoke(app, ["analyze", str(export)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [f"warning: {export}: 5 files skipped (not a format netaudit reads): "
                        "extra/a.csv, extra/b.csv, extra/c.csv and 2 more"]
    verbose = runner.invoke(app, ["analyze", str(export), "-v"], env={"COLUMNS": "300"})
    # The sample's 3 files not used plus the 3 seen in real exports.
    (line,) = [x for x in verbose.stderr.splitlines() if x.startswith("not read:")]
    assert line.startswith("not read: 6 files an export holds")
    for name in ("Videos.csv", "Reviews.csv", "Job Applicant Saved Answers.csv"):
        assert name in line


def test_several_inputs_are_named_by_their_folders(runner):
    # samples/networks holds five folders, given one by one.
    folders = sorted(str(p) for p in (SAMPLES / "networks").iterdir())
    result = runner.invoke(app, ["analyze", *folders, "-q"])
    assert result.exit_code == 0
    result = runner.invoke(app, ["analyze", *folders], env={"COLUMNS": "300"})
    # samples/make_networks.py: LinkedIn 6 connections; Facebook 2 friends; messages
    # 5 LinkedIn + 2 Messenger + 2 Telegram + 3 x 2 WhatsApp + 2 X = 17; X 1 follower and
    # 2 accounts followed (ids only).
    assert result.stderr.splitlines()[0] == (
        "read facebook, linkedin, telegram, whatsapp, x: 6 connections, 2 friends, "
        "17 messages, 1 X follower, 2 X accounts followed; owner Maya Lindqvist (Profile.csv)")


def test_files_of_a_2024_complete_export_are_not_read_without_a_warning(runner, tmp_path):
    # A published 2024 Complete export held four files netaudit had no name for, and said
    # "4 files skipped (not a format netaudit reads)" about them. Their headers, with a
    # fictional row each.
    folder = tmp_path / "Complete_LinkedInDataExport_12-20-2024"
    with zipfile.ZipFile(SAMPLE) as archive:
        archive.extractall(folder)
    for name, text in {
            "Member Hashtags.csv": "Member Posts About Hashtags\nhiring\n",
            "Online Job Postings.csv": "Company Name,Title,Employment Status\nOrbit,Analyst,OPEN\n",
            "Profile Summary.csv": "Profile Summary\nAnalyst in Porto.\n",
            "Whatsapp Phone Numbers.csv": "Number,Extension,Is_WhatsApp_Number\n+351 912 000 000,,true\n",
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(folder), "-v"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    listed = next(line for line in result.stderr.splitlines() if line.startswith("not read:"))
    for name in ("Member Hashtags.csv", "Online Job Postings.csv", "Profile Summary.csv",
                 "Whatsapp Phone Numbers.csv"):
        assert name in listed



def test_friend_requests_and_removed_friends_are_not_counted_as_friends(runner):
    # A published 2025 Facebook download (140 friends, 223 requests received, 7 sent, 2
    # removed friends) read as '372 friends in 4 lists'. The fixture's four lists, by hand
    # (tests/fixtures/facebook/EXPECTED.md): 3 friends (José, Priya, Søren), 2 friend requests
    # (Mei sent, Kwame received), 1 removed friend (Lars); 9 messages.
    folder = Path(__file__).resolve().parents[1] / "fixtures" / "facebook" / "2025"
    result = runner.invoke(app, ["analyze", str(folder)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0].startswith(
        "read 2025: 3 friends, 2 friend requests, 1 removed friend, 9 messages; owner Alex Rivera")


def test_two_lists_of_connections_say_how_many_people_they_hold(runner, tmp_path):
    # A published folder held a Connections.csv (150 rows) and a copy another tool had
    # widened (250 rows, the 150 among them): 'read …: 400 connections in 2 lists' above a
    # table of 250 connections. The line now says both. Here: the sample's 300 rows, and a
    # copy of its first 200 rows: 500 rows, 300 people.
    with zipfile.ZipFile(SAMPLE) as archive:
        text = archive.read("Connections.csv").decode("utf-8")
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "Connections.csv").write_text(text, encoding="utf-8")
    lines = text.splitlines(keepends=True)
    header = next(i for i, line in enumerate(lines) if line.startswith("First Name,"))
    (folder / "Connections copy.csv").write_text(
        "".join(lines[header:header + 1 + 200]), encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(folder)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0].startswith(
        "read lists: 500 connections in 2 lists, 300 people; owner")
