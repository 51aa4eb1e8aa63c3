"""`netaudit diff`, `history add|list|remove|export`, `trend` and `--snapshot` on the two
fictional exports of Rosa Quintero (tests/fixtures/history/EXPECTED.md) and Tomas Urrutia's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from netaudit.cli import app

pytest.importorskip("duckdb", reason="pip install -e . (duckdb is a dependency since issue 13)")

HISTORY = Path(__file__).resolve().parents[1] / "fixtures" / "history"
OLD, NEW, OTHER = (str(HISTORY / n) for n in ("rosa-2025-05", "rosa-2025-12", "tomas-2025-12"))
NAMES = ("Ana Berg", "Ben Cole", "Cara Diaz", "Dev Eng", "Eli Ford", "Fay Gold", "Jade Kim",
         "Kim Lo", "Noa Park", "Omar Quinn", "Pia Ruiz", "Rosa Quintero", "Birch Ltd")


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "history.duckdb"
    monkeypatch.setenv("NETAUDIT_DB", str(path))
    return path


def run(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


def test_diff_json_gives_the_known_counts(runner):
    result = run(runner, "diff", OLD, NEW, "--json", "-q")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # EXPECTED.md: added Noa x, Noa y, Omar, Pia; removed Eli, Jade, Noa a; Fay hid her
    # profile; Ben, Cara, Kim changed company (Ben and Kim with a new position); Dev's
    # position alone changed.
    assert {name: data[name]["count"] for name in (
        "connections_added", "connections_removed", "became_hidden", "company_changed",
        "position_changed")} == {"connections_added": 4, "connections_removed": 3,
                                 "became_hidden": 1, "company_changed": 3,
                                 "position_changed": 1}
    assert [p["name"] for p in data["became_hidden"]["people"]] == ["Fay Gold"]
    assert (data["old"]["messages"], data["new"]["messages"], data["messages_since"]) == (3, 8, 5)
    assert (data["new"]["outreach"]["replied"], data["new"]["outreach"]["reached"]) == (3, 5)


def test_diff_terminal_tables(runner):
    result = run(runner, "diff", OLD, NEW, "-q")
    assert result.exit_code == 0, result.output
    assert "What changed between 2025-05-10 and 2025-12-06" in result.stdout
    assert "Senior Analyst, Cedar Co" in result.stdout
    assert "Became hidden" in result.stdout and "Fay Gold" in result.stdout


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_diff_anonymized_names_nobody(runner, json_flag):
    result = run(runner, "diff", OLD, NEW, "--anonymize", "--anonymize-companies", *json_flag)
    assert result.exit_code == 0, result.output
    for name in NAMES:
        assert name not in result.output, name
    assert "Person " in result.stdout and "Company " in result.stdout


def test_diff_of_two_people_is_refused(runner):
    result = run(runner, "diff", OLD, OTHER, "-q")
    assert result.exit_code == 1
    assert "two different people: Rosa Quintero" in result.output
    assert "Traceback" not in result.output


def test_history_add_list_trend(runner, db):
    assert run(runner, "history", "add", OLD, "-q").exit_code == 0
    added = run(runner, "history", "add", NEW, "-q")
    assert added.exit_code == 0 and "added snapshot 2" in added.stdout
    again = run(runner, "history", "add", OLD, "-q", "--json")
    assert again.exit_code == 0
    assert json.loads(again.stdout)["added"] is False
    listed = json.loads(run(runner, "history", "list", "--json").stdout)
    assert [(s["snapshot_id"], s["connections"]) for s in listed["snapshots"]] == [(1, 12),
                                                                                  (2, 14)]
    refused = run(runner, "history", "add", OTHER, "-q")
    assert refused.exit_code == 1
    assert "holds the history of Rosa Quintero" in refused.output
    trend = run(runner, "trend", "--json")
    assert trend.exit_code == 0, trend.output
    points = json.loads(trend.stdout)["snapshots"]
    # Date order: 12 connections on 2025-05-10, then 14 (+2) on 2025-12-06.
    assert [(p["exported_on"], p["connections"], p["growth"]) for p in points] == [
        ("2025-05-10", 12, None), ("2025-12-06", 14, 2)]
    shown = run(runner, "trend")
    assert shown.exit_code == 0 and "14 (+2)" in shown.stdout


def test_another_db_takes_another_owner(runner, db, tmp_path):
    assert run(runner, "history", "add", OLD, "-q").exit_code == 0
    other = tmp_path / "tomas.duckdb"
    assert run(runner, "history", "add", OTHER, "-q", "--db", other).exit_code == 0
    listed = json.loads(run(runner, "history", "list", "--json", "--db", other).stdout)
    assert [s["owner_name"] for s in listed["snapshots"]] == ["Tomas Urrutia"]


def test_trend_with_one_snapshot_says_what_a_second_adds(runner, db):
    run(runner, "history", "add", NEW, "-q")
    result = run(runner, "trend")
    assert result.exit_code == 0
    assert "one snapshot only" in result.stdout


def test_analyze_reads_a_snapshot_as_it_read_the_export(runner, db):
    run(runner, "history", "add", NEW, "-q")
    from_files = json.loads(run(runner, "analyze", NEW, "--json", "-q").stdout)
    from_snapshot = run(runner, "analyze", "--snapshot", "latest", "--json", "-q")
    assert from_snapshot.exit_code == 0, from_snapshot.output
    assert json.loads(from_snapshot.stdout) == from_files


def test_snapshot_and_paths_together_is_a_usage_error(runner, db):
    run(runner, "history", "add", NEW, "-q")
    result = run(runner, "analyze", NEW, "--snapshot", "1")
    assert result.exit_code == 2
    assert "either paths or --snapshot" in result.output


def test_no_history_yet(runner, db):
    result = run(runner, "analyze", "--snapshot", "latest")
    assert result.exit_code == 1
    assert "no history here yet" in result.output


def test_diff_between_snapshots_remove_and_export(runner, db, tmp_path):
    run(runner, "history", "add", OLD, "-q")
    run(runner, "history", "add", NEW, "-q")
    result = run(runner, "diff", "snapshot:1", "snapshot:latest", "--json", "-q")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["connections_added"] == 4
    written = run(runner, "history", "export", tmp_path / "pq")
    assert written.exit_code == 0
    assert (tmp_path / "pq" / "connections.parquet").exists()
    assert run(runner, "history", "export", tmp_path / "pq").exit_code == 2  # exists: a usage error since issue 15
    assert run(runner, "history", "remove", "1").exit_code == 0
    listed = json.loads(run(runner, "history", "list", "--json").stdout)
    assert [s["snapshot_id"] for s in listed["snapshots"]] == [2]
    assert run(runner, "history", "remove", "9").exit_code == 1


def _sections(runner, *args):
    result = run(runner, "report", *args, "--json", "-q")
    assert result.exit_code == 0, result.output
    return {s["key"]: s for s in json.loads(result.stdout)["sections"]}, json.loads(
        result.stdout)


def test_report_given_two_exports_says_what_changed(runner, tmp_path):
    sections, data = _sections(runner, OLD, NEW, "-o", tmp_path / "r.html")
    # 3 company changes (Ben, Cara, Kim), 1 new position (Dev), 4 joined, 3 left, 1 hidden.
    assert sections["changes"]["title"] == "What changed since 2025-05-10"
    assert sections["changes"]["headline"] == (
        "Since 2025-05-10, 3 connections changed company and 1 took a new position at the "
        "same one: the best reason there is to write to someone. 4 joined your network, 3 "
        "left it and 1 hid or closed their profile.")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Senior Analyst, Cedar Co" in html


def test_report_of_one_export_has_no_changes_page_and_does_not_ask_for_one(runner, tmp_path):
    sections, data = _sections(runner, NEW, "-o", tmp_path / "r.html")
    assert "changes" not in sections and "trend" not in sections
    assert not any("earlier export" in m["needs"] for m in data["left_out"])


def test_report_of_a_history_has_changes_and_trend(runner, db, tmp_path):
    run(runner, "history", "add", OLD, "-q")
    run(runner, "history", "add", NEW, "-q")
    sections, _ = _sections(runner, "--snapshot", "latest", "-o", tmp_path / "r.html")
    assert sections["changes"]["title"] == "What changed since 2025-05-10"
    assert sections["trend"]["headline"].startswith(
        "Over 2 snapshots from 2025-05-10 to 2025-12-06, your network went from 12 to 14")


def test_anonymized_report_with_changes_names_nobody(runner, tmp_path):
    result = run(runner, "report", NEW, "--since", OLD, "-o", tmp_path / "r.html",
                 "--anonymize", "--anonymize-companies", "-q")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "What changed since 2025-05-10" in html
    for name in NAMES:
        assert name not in html, name


@pytest.mark.parametrize("command", [["replies"], ["ties"], ["introduce"]])
def test_other_commands_read_a_snapshot_as_the_export(runner, db, command):
    run(runner, "history", "add", NEW, "-q")
    from_files = run(runner, *command, NEW, "--json", "-q")
    from_snapshot = run(runner, *command, "--snapshot", "latest", "--json", "-q")
    assert from_snapshot.exit_code == 0, from_snapshot.output
    assert json.loads(from_snapshot.stdout) == json.loads(from_files.stdout)


def test_the_audit_names_the_older_of_two_exports_of_one_person():
    # The reader keeps the newer (2025-12) and warns about the older: the report compares
    # with that one. One export, or two people's, has none.
    from pathlib import Path

    from netaudit.audit import Audit

    assert Audit([NEW, OLD]).older_export == Path(OLD)
    assert Audit([NEW]).older_export is None


def _without_messages(tmp_path: Path, source: str) -> Path:
    """``source`` stored as if downloaded without its message log (Connections.csv and
    Profile.csv alone, as most published exports are)."""
    folder = tmp_path / (Path(source).name + "-no-messages")
    folder.mkdir()
    for name in ("Connections.csv", "Profile.csv"):
        (folder / name).write_bytes((Path(source) / name).read_bytes())
    return folder


def _trend_ties(html: Path) -> list[list[str]]:
    """The Active and Dormant cells of the HTML report's trend table, a row per snapshot."""
    text = html.read_text(encoding="utf-8")
    table = text[text.index("<th>Snapshot</th>"):]
    table = table[:table.index("</tbody>")]
    return [re.findall(r"<td[^>]*>([^<]*)</td>", row)[-2:]
            for row in table.split("<tr>")[1:]]


def test_a_snapshot_without_messages_shows_its_ties_as_not_measured(runner, db, tmp_path):
    # Rosa's May export without messages.csv, then her December export with it: May's 12
    # connections would all read as dormant (100%); they are not measured. December's are
    # as EXPECTED.md gives them: active 2 of 14 (14%), dormant 9 of 14 (64%).
    run(runner, "history", "add", _without_messages(tmp_path, OLD), "-q")
    run(runner, "history", "add", NEW, "-q")
    shown = run(runner, "trend")
    assert shown.exit_code == 0, shown.output
    ties = [[cell.strip() for cell in line.split("│")[1:-1]] for line in shown.stdout.splitlines()
            if re.match(r"│ \d{4}-\d\d-\d\d ", line)]
    # Export of (May's is its newest connection date, 2024-12-05), messages, active, fading,
    # one-way, dormant.
    assert ties == [["2024-12-05", "0", "–", "–", "–", "–"],
                    ["2025-12-06", "8", "2 (14%)", "1 (7%)", "2 (14%)", "9 (64%)"]]
    assert "no message log in that snapshot" in " ".join(shown.stdout.split())
    sections, _ = _sections(runner, "--snapshot", "latest", "-o", tmp_path / "r.html")
    assert _trend_ties(tmp_path / "r.html") == [["–", "–"], ["2 of 14 (14.3%)", "9 of 14 (64.3%)"]]
    assert sections["trend"]["headline"].endswith("; 9 of 14 (64.3%) are dormant in the latest.")


def test_a_latest_snapshot_without_messages_says_dormant_is_not_measured(runner, db, tmp_path):
    run(runner, "history", "add", OLD, "-q")
    run(runner, "history", "add", _without_messages(tmp_path, NEW), "-q")
    sections, _ = _sections(runner, "--snapshot", "latest", "-o", tmp_path / "r.html")
    assert sections["trend"]["headline"] == (
        "Over 2 snapshots from 2025-05-10 to 2025-11-02, your network went from 12 to 14 "
        "connections; the latest holds no message log, so who is dormant is not measured.")
    # May, with its 3 messages: active 1 of 12 (Ana), dormant 10 of 12 (EXPECTED.md).
    assert _trend_ties(tmp_path / "r.html") == [["1 of 12 (8.3%)", "10 of 12 (83.3%)"],
                                                ["–", "–"]]
