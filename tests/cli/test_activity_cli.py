"""`netaudit activity` in-process: the essay's sample, options, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from netaudit.cli import app

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

FOLDER = SAMPLES / "article" / "activity"
ARGS = [str(FOLDER / "Connections.csv"), "--log", str(FOLDER / "ACTIVITY.csv"),
        "--groups", str(FOLDER / "GROUPS.csv"), "--sample", "100", "--seed", "2010"]


def test_article_sample_json(runner):
    result = runner.invoke(app, ["activity", *ARGS, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["sampled"] == 100
    assert data["mean_groups"] == 23.4
    assert data["mean_activity"] == 1.2
    assert data["window_days"] == 15 and data["as_of"] == "2010-03-15"
    low, high = data["mean_activity_ci95"]
    assert low < 1.2 < high
    assert data["inactive_share"] == 0.7
    assert set(data["participation"]) == {"top_1pct", "next_9pct", "bottom_90pct"}
    assert data["article"]["mean_groups"] == 23.4 and data["article"]["mean_activity"] == 1.2
    # Counted warnings go to stderr, never stdout.
    assert "4 rows name people who are not connections" in result.stderr


def test_article_sample_terminal(runner):
    result = runner.invoke(app, ["activity", *ARGS], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    # 70 of 100 inactive; Wilson 95%: centre (0.7 + 0.0192) / 1.0384 = 0.6926, half
    # 1.96 / 1.0384 * sqrt(0.0021 + 0.000096) = 0.0884 -> 60.4%–78.1%.
    assert "70 of 100 (70.0%, 95% CI 60.4%–78.1%)" in result.stdout
    assert "23.4" in result.stdout and "1.20" in result.stdout
    assert "2010-03-01 to 2010-03-15" in result.stdout


def test_missing_column_is_one_line_exit_1(runner, tmp_path):
    log = tmp_path / "ACTIVITY.csv"
    log.write_text("person,kind\nAna,answer\n", encoding="utf-8")
    result = runner.invoke(app, ["activity", str(FOLDER / "Connections.csv"), "--log", str(log)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1
    assert "has no 'date' column" in result.stderr.replace("\n", "")


def test_bad_as_of_and_unknown_kind_are_usage_errors(runner):
    base = ["activity", str(FOLDER / "Connections.csv"), "--log", str(FOLDER / "ACTIVITY.csv")]
    bad_date = runner.invoke(app, [*base, "--as-of", "15/03/2010"])
    assert bad_date.exit_code == 2
    assert "--as-of '15/03/2010' is not a date" in bad_date.stderr.replace("\n", "")
    bad_kind = runner.invoke(app, [*base, "--kinds", "question,poke"])
    assert bad_kind.exit_code == 2
    assert "unknown kind 'poke'" in bad_kind.stderr


def test_kinds_and_window_options(runner):
    result = runner.invoke(app, ["activity", *ARGS, "--kinds", "connect", "--window", "15",
                                 "--as-of", "2010-03-15", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # The generator wrote 25 connect rows, all inside the window, all for connections.
    assert data["counted_kinds"] == ["connect"]
    assert data["activities"] == 25


def test_without_log_uses_the_export(runner):
    export = SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip"
    result = runner.invoke(app, ["activity", str(export), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"].startswith("activity toward you, derived from the export")
    assert data["mean_groups"] is None


def test_bad_log_fails_before_the_export_is_read(runner, tmp_path):
    log = tmp_path / "ACTIVITY.csv"
    log.write_text("person,kind\nAna,answer\n", encoding="utf-8")
    for given in (log, tmp_path / "missing.csv"):
        # The export does not exist either: the error must be the log's.
        result = runner.invoke(app, ["activity", str(tmp_path / "no-such-export.zip"),
                                     "--log", str(given)])
        assert result.exit_code == 1
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1
        assert errors[0].startswith(f"error: {given}: ")


def test_quiet_hides_warnings_but_not_errors(runner):
    # The essay's sample log: 4 warning lines (2 unreadable dates, 4 people not in the
    # network, 4 unknown kinds in ACTIVITY.csv; 3 people not in the network in GROUPS.csv).
    loud = runner.invoke(app, ["activity", *ARGS])
    assert loud.exit_code == 0
    assert loud.stderr.count("warning:") == 4
    quiet = runner.invoke(app, ["activity", *ARGS, "-q"])
    assert quiet.exit_code == 0
    assert "warning:" not in quiet.stderr and "read " not in quiet.stderr
    assert quiet.stdout == loud.stdout
    failed = runner.invoke(app, ["activity", *ARGS, "-q", "--as-of", "someday"])
    assert failed.exit_code == 2
    assert "error: --as-of 'someday' is not a date" in failed.stderr
