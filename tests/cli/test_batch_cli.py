"""``netaudit batch`` as a user runs it: the run summary, the exit code (1 when an export
failed, 0 otherwise), --json, and a second run that skips what is done."""

from __future__ import annotations

import json
from pathlib import Path

from netaudit.batch import export_id
from netaudit.cli import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LINKEDIN = FIXTURES / "linkedin-2026"
MBOX = FIXTURES / "real-facts" / "undated-repeats" / "mail.mbox"
BROKEN = FIXTURES / "bad" / "truncated.zip"


def test_a_failed_export_is_listed_and_the_exit_code_is_1(runner, tmp_path):
    out = tmp_path / "out"
    # Wide: the summary line wraps at the terminal's width.
    result = runner.invoke(app, ["batch", str(LINKEDIN), str(BROKEN), str(MBOX), "--out",
                                 str(out)], env={"COLUMNS": "400"})
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"3 exports: 2 done, 0 already in {out}, 1 failed (")
    assert lines[1] == (f"failed: {BROKEN}: truncated.zip: is not a readable ZIP archive (File "
                        "is not a zip file) (the download may be incomplete; download the "
                        "export again or unzip it and pass the folder)")
    assert sorted(p.name for p in out.glob("export=*")) == sorted(
        f"export={export_id(p)}" for p in (LINKEDIN, MBOX))


def test_json_run_summary_and_a_second_run_that_skips(runner, tmp_path):
    out = tmp_path / "out"
    first = runner.invoke(app, ["batch", str(LINKEDIN), str(MBOX), "--out", str(out), "--json"])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert {k: summary[k] for k in ("exports", "done", "skipped", "duplicate", "failed")} == {
        "exports": 2, "done": 2, "skipped": 0, "duplicate": 0, "failed": 0}
    assert [(o["file"], o["export"], o["status"]) for o in summary["outcomes"]] == [
        ("linkedin-2026", export_id(LINKEDIN), "done"), ("mail.mbox", export_id(MBOX), "done")]
    second = runner.invoke(app, ["batch", str(LINKEDIN), str(MBOX), "--out", str(out),
                                 "--json"])
    assert second.exit_code == 0, second.output
    again = json.loads(second.stdout)
    assert (again["done"], again["skipped"], again["cpu_seconds_per_export"]) == (0, 2, None)


def test_out_that_is_a_file_and_zero_jobs_are_refused(runner, tmp_path):
    file = tmp_path / "taken"
    file.write_text("x")
    result = runner.invoke(app, ["batch", str(MBOX), "--out", str(file)])
    assert result.exit_code == 1
    assert f"error: {file}: is a file, not a folder" in result.output
    result = runner.invoke(app, ["batch", str(MBOX), "--out", str(tmp_path / "o"), "--jobs",
                                 "0"])
    assert result.exit_code == 2
    assert "--jobs 0 is not a number of processes" in result.output
