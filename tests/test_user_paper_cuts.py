"""What a user stumbled on when running netaudit as its README says: wording, file modes.

Each test names the command that showed the problem.
"""

from __future__ import annotations

import os
from pathlib import Path

from netaudit.cli import app
from netaudit.model import SourceFile

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "linkedin-2026"


def _connections(folder: Path) -> Path:
    path = folder / "Connections.csv"
    path.write_text((FIXTURE / "Connections.csv").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_one_row_is_singular_in_the_detection_line():
    # `netaudit analyze samples/…zip` printed "Profile.csv: LinkedIn profile (the owner), 1 rows".
    one = SourceFile("Profile.csv", "LinkedIn profile", 1)
    assert str(one) == "Profile.csv: LinkedIn profile, 1 row"
    assert str(SourceFile("a.csv", "contacts CSV", 2, "x")) == "a.csv: contacts CSV, 2 rows (x)"
    assert str(SourceFile("a.csv", "contacts CSV", 0)) == "a.csv: contacts CSV, 0 rows"


def test_a_folder_with_only_a_readme_says_one_file(runner, tmp_path):
    # `netaudit analyze onlyreadme/` said "(1 files looked at)".
    folder = tmp_path / "onlyreadme"
    folder.mkdir()
    (folder / "README.md").write_text("hello\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(folder)])
    assert result.exit_code == 1
    assert result.stdout == ""
    line = " ".join(result.stderr.split())
    assert f"error: {folder}: contains nothing netaudit can read (1 file looked at)" in line
    assert "Traceback" not in result.stderr


def test_a_png_activity_log_hint_reads_once(runner, tmp_path):
    # `netaudit activity EXPORT --log png.csv` said "expected a CSV with a CSV with columns …".
    log = tmp_path / "png.csv"
    log.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = runner.invoke(app, ["activity", str(_connections(tmp_path)), "--log", str(log), "-q"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert " ".join(result.stderr.split()) == (
        f"error: {log}: is not a text file (expected a CSV with columns person, date, kind "
        "(and optionally group))")


def test_a_new_chart_folder_gets_the_usual_permissions(runner, tmp_path):
    # `netaudit report EXPORT -o charts` made charts/ drwx------ (mkdtemp's 0700).
    old = os.umask(0o022)
    try:
        target = tmp_path / "charts"
        result = runner.invoke(app, ["report", str(_connections(tmp_path)), "-o", str(target),
                                     "-q"])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    # 0o777 & ~0o022 = 0o755, as `mkdir` would make it.
    assert target.stat().st_mode & 0o777 == 0o755
    assert (target / "01-growth.png").stat().st_mode & 0o777 == 0o644


def test_analyze_tables_show_denominators_and_definitions(runner, tmp_path):
    # `netaudit analyze` printed companies and role families as bare counts under "n", and the
    # by-year table without saying what it counts.
    result = runner.invoke(app, ["analyze", str(_connections(tmp_path)), "-q"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    # The fixture: 6 rows, row 4 date-only (hidden); every row has a date (5 in 2026, 1 in
    # 2022); the 5 visible rows each work at a different company: 1 of 6 = 16.7%.
    assert "│ Oktopus Data │ 1 of 6 (16.7%) │" in text
    assert "│ 2022 │ 1 │ 1 │" in text and "│ 2026 │ 5 │ 6 │" in text
    assert ("New: connections by the year of their connection date; Total: the running sum. "
            "6 of 6 (100.0%) connections have a date.") in text
    assert ("of the 5 connections with a visible profile; the largest of each, as shares of "
            "all 6 connections.") in text


_MESSAGES_HEADER = ('"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
                    '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"\n')


def _member_export(folder: Path, first: str, last: str, friends: list[tuple[str, str]]) -> Path:
    """A 2026 export: Profile, two connections, one real message from each, and one sponsored
    InMail from 'LinkedIn Member' (as in every real export)."""
    folder.mkdir()
    me_url = f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}"
    (folder / "Profile.csv").write_text(
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
        f"{first},{last},,,,,,,,,,,\n", encoding="utf-8")
    rows = "".join(f"{f},{la},https://www.linkedin.com/in/{f.lower()}-{la.lower()},,Acme,"
                   f"Engineer,01 Mar 2024\n" for f, la in friends)
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows,
        encoding="utf-8")
    lines = [_MESSAGES_HEADER]
    for i, (f, la) in enumerate(friends):
        url = f"https://www.linkedin.com/in/{f.lower()}-{la.lower()}"
        lines.append(f'"c{i}","","{f} {la}","{url}","{first} {last}","{me_url}",'
                     f'"2024-03-0{i + 2}10:00:00 UTC","","Hello","INBOX",""\n')
    lines.append(f'"s1","Sponsored Conversation","LinkedIn Member","","{first} {last}",'
                 f'"{me_url}","2024-04-01 10:00:00 UTC","Offer","Buy now","INBOX",""\n')
    (folder / "messages.csv").write_text("".join(lines), encoding="utf-8")
    return folder


def test_linkedin_member_is_not_a_team_broker(runner, tmp_path):
    # `netaudit team a.zip b.zip c.zip` listed 'LinkedIn Member' (the sender of sponsored
    # InMail, merged by name across exports) as the top broker, bridging every member.
    import json

    a = _member_export(tmp_path / "a", "Maya", "Okafor", [("Ana", "Ruiz"), ("Bo", "Li")])
    b = _member_export(tmp_path / "b", "Lars", "Berg", [("Cy", "Young"), ("Di", "Lu")])
    result = runner.invoke(app, ["team", str(a), str(b), "--json", "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "LinkedIn Member" not in result.stdout
    # Two stars (member + 2 connections each) with nothing in common: nobody lies between two
    # others in a component of people with two or more ties, and no tie is a local bridge
    # whose ends both have another tie.
    assert data["local_bridges"]["count"] == 0
    graph = tmp_path / "team.csv"
    written = runner.invoke(app, ["graph", str(a), str(b), "--team", "-o", str(graph), "-q"])
    assert written.exit_code == 0, written.output
    edges = graph.read_text(encoding="utf-8")
    assert "LinkedIn Member" not in edges
    # 2 members x 2 connections = 4 owner edges; employer edges come from each member's own
    # data: Acme holds 2 people in each, 1 pair each: 6 edges + header.
    assert len(edges.strip().splitlines()) == 1 + 4 + 2


def test_audit_and_load_take_one_path_as_a_string(tmp_path):
    # `netaudit.Audit("samples/x.zip").summary` failed with "s: no such file or folder": the
    # string was read as a list of one-character paths.
    import netaudit

    path = _connections(tmp_path)
    # The fixture: 6 connection rows (one date-only).
    assert netaudit.Audit(str(path)).summary.connections == 6
    assert netaudit.Audit(path).summary.connections == 6
    assert len(netaudit.load(str(path)).connections) == 6


def test_dir_of_the_package_lists_the_public_names():
    # dir(netaudit) showed 'Any', 'TYPE_CHECKING', 'annotations' but not Audit or load (lazy).
    import netaudit

    assert dir(netaudit) == ["Audit", "NetauditError", "Network", "__version__", "load"]


def test_a_recognition_pass_cut_short_says_its_answers_are_not_counted(runner):
    # `netaudit recall EXPORT`, answering y, y then Ctrl-D at the third question: the answers
    # vanished without a word and the list was printed as if nothing had been asked.
    import json

    export = FIXTURE.parents[2] / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"
    result = runner.invoke(app, ["recall", str(export), "--json", "--recognition", "3"],
                           input="Nobody Known - chef\n\ny\ny\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["recognized"] is None
    assert ("warning: the recognition pass ended before its last question (Ctrl-D); its "
            "answers are not counted") in " ".join(result.stderr.split())


SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"


def _companies_table(width: int) -> list[str]:
    from rich.console import Console

    from netaudit import Audit
    from netaudit.render.terminal import render_summary

    console = Console(width=width, record=True, color_system=None)
    render_summary(console, Audit(SAMPLE).summary)
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    start = lines.index("Where they work and what they do")
    return lines[start:start + 7]


def test_the_companies_table_fits_80_columns_with_the_denominator_in_its_header():
    # `netaudit analyze` on 30,000 connections at 80 columns: each share ('6,808 of 30,000
    # (22.7%)') and many a company name took two lines. The sample's largest rows, counted
    # here from its Connections.csv: working for oneself ('Freelance' 12 and
    # 'Self-employed' 5: one row, 'Self-employed'), 17 of 300, 5.7%; Riverstone University, 14 of 300, 4.7%.
    import csv
    import io
    import zipfile

    with zipfile.ZipFile(SAMPLE) as archive:
        text = archive.read("Connections.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text.split("\n\n", 1)[1])))
    assert (len(rows), sum(r["Company"] == "Riverstone University" for r in rows)) == (300, 14)
    assert sum(r["Company"] in ("Freelance", "Self-employed") for r in rows) == 17
    narrow = _companies_table(80)
    assert "│ Self-employed          │   17 (5.7%) │" in narrow[4]
    assert "│ Riverstone University  │   14 (4.7%) │" in narrow[5]  # the next line
    wide = _companies_table(120)
    assert "│ Self-employed          │ 17 of 300 (5.7%) │" in wide[4]
