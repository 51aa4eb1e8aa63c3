"""netaudit batch (issue 17): many exports into Parquet, one partition per export; a broken
export reported and skipped, resumable runs, atomic per export.

The three exports are hand-written fixtures whose answers are in their EXPECTED.md (or worked
out below); the broken one is tests/fixtures/bad/truncated.zip."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pq = pytest.importorskip("pyarrow.parquet")

from netaudit.batch import TABLES, export_id, process_export, run_batch  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LINKEDIN = FIXTURES / "linkedin-2026"
RESAVED = FIXTURES / "real-facts" / "resaved"
MBOX = FIXTURES / "real-facts" / "undated-repeats" / "mail.mbox"
BROKEN = FIXTURES / "bad" / "truncated.zip"
GOOD = [LINKEDIN, RESAVED, MBOX]
BROKEN_REASON = ("truncated.zip: is not a readable ZIP archive (File is not a zip file) (the "
                 "download may be incomplete; download the export again or unzip it and pass "
                 "the folder)")


def read(out: Path, table: str, export: str) -> list[dict]:
    return pq.read_table(out / f"export={export}" / f"{table}.parquet").to_pylist()


def done_exports(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("export="))


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "out"
    calls: list[str] = []

    def counting(path: str, out_dir: str, export: str) -> dict:
        calls.append(Path(path).name)
        return process_export(path, out_dir, export)

    result = run_batch([*GOOD, BROKEN], out, worker=counting)
    return out, result, calls


def test_one_partition_per_good_export_and_the_broken_one_reported(batch):
    out, result, calls = batch
    ids = [export_id(p) for p in GOOD]
    assert done_exports(out) == sorted(f"export={i}" for i in ids)
    for export in ids:
        assert sorted(p.name for p in (out / f"export={export}").iterdir()) == sorted(
            f"{t}.parquet" for t in TABLES)
    assert [o.status for o in result.outcomes] == ["done", "done", "done", "failed"]
    assert calls == ["linkedin-2026", "resaved", "mail.mbox", "truncated.zip"]
    failed = result.failed[0]
    assert (failed.file, failed.reason) == ("truncated.zip", BROKEN_REASON)
    assert pq.read_table(out / "failures.parquet").to_pylist() == [
        {"export": export_id(BROKEN), "file": "truncated.zip", "reason": BROKEN_REASON}]
    summary = result.to_dict()
    assert (summary["exports"], summary["done"], summary["skipped"], summary["failed"]) == (
        4, 3, 0, 1)


def test_summary_row_of_the_2026_fixture(batch):
    out, _, _ = batch
    [row] = read(out, "summary", export_id(LINKEDIN))
    # EXPECTED.md: 6 connection rows, 1 date-only, 1 with e-mail; invitations 1 in, 1 out.
    # Messages: 10 rows - 3 sponsored/system (rows 7, 8, 9) = 7, in 3 conversations (José,
    # the group, Tomás). Messaged: José, Kasia, Priya, Zoë, Tomás = 5; dormant: the
    # date-only row = 1. Outreach: Alex wrote first to José (rows 3 and 2, answered by row 1)
    # and to Kasia and Zoë in the group (row 5; Priya wrote row 6 the day before, so row 5
    # answers her); Kasia answered (row 4), Zoë did not: reached 3, replied 2. One-to-one to
    # connections: José alone, replied: 1 of 1.
    expected = {
        "file": "linkedin-2026", "owner": "Alex Rivera",
        "owner_how": "profile in linkedin-2026/Profile.csv", "connections": 6,
        "hidden_profiles": 1, "with_email": 1, "invitations_incoming": 1,
        "invitations_outgoing": 1, "messaged": 5, "dormant": 1,
        "first_connection": "2022-09-02", "last_connection": "2026-11-12", "messages": 7,
        "conversations": 3, "outreach_reached": 3, "outreach_replied": 2,
        "outreach_window_days": 30, "one_to_one_connections_reached": 1,
        "one_to_one_connections_replied": 1, "one_to_one_connections_reply_rate": 1.0,
        "set_aside_sponsored": 3, "missing": [], "top_company_6": None,
        "top_role_10_connections": None,
    }
    assert {k: row[k] for k in expected} == expected
    assert row["outreach_reply_rate"] == pytest.approx(2 / 3)
    # Wilson 95% for 2 of 3: (p + z²/2n ∓ z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.96:
    # centre (0.6667 + 0.6403) / 2.2805 = 0.5731, half-width 1.96·sqrt(0.07407 + 0.10671)
    # / 2.2805 = 0.3654 -> 0.2077 to 0.9385.
    assert row["outreach_ci95_low"] == pytest.approx(0.2077, abs=1e-4)
    assert row["outreach_ci95_high"] == pytest.approx(0.9385, abs=1e-4)
    # Connected 2022-09-02 (Zoë) and five in 2026; every year between shows 0.
    assert read(out, "connections_by_year", export_id(LINKEDIN)) == [
        {"year": 2022, "connections": 1}, {"year": 2023, "connections": 0},
        {"year": 2024, "connections": 0}, {"year": 2025, "connections": 0},
        {"year": 2026, "connections": 5}]


def test_summary_rows_of_the_other_two(batch):
    out, _, _ = batch
    [resaved] = read(out, "summary", export_id(RESAVED))
    # Ivo and Lena; 7 rows - 1 exact repeat = 6 messages in 2 conversations; Rosa -> Ivo
    # answered, Rosa -> Lena not (Lena's two rows have no date): 1 of 2, both alone.
    assert {k: resaved[k] for k in ("owner", "connections", "messages", "conversations",
                                    "outreach_reached", "outreach_replied",
                                    "one_to_one_connections_reached")} == {
        "owner": "Rosa Quill", "connections": 2, "messages": 6, "conversations": 2,
        "outreach_reached": 2, "outreach_replied": 1, "one_to_one_connections_reached": 2}
    [mail] = read(out, "summary", export_id(MBOX))
    # Four messages of Rosa to Ivo (two without a date); no connection list, so Ivo is no
    # connection: reached 1 (Ivo), replied 0, one-to-one connections 0.
    assert {k: mail[k] for k in ("owner", "connections", "messages", "outreach_reached",
                                 "outreach_replied", "one_to_one_connections_reached",
                                 "one_to_one_connections_reply_rate")} == {
        "owner": "Rosa Quill", "connections": 0, "messages": 4, "outreach_reached": 1,
        "outreach_replied": 0, "one_to_one_connections_reached": 0,
        "one_to_one_connections_reply_rate": None}
    assert mail["missing"][0].startswith("connections: no connection list")


def test_per_person_tables(batch):
    out, _, _ = batch
    ties = read(out, "ties", export_id(LINKEDIN))
    # One row per connection: 5 named + the date-only row (Oisín and Yuki only sent or got
    # an invitation and are no connection; 'LinkedIn Member' is a sponsored sender).
    assert sorted(r["name"] for r in ties) == ["", "José García", 'Katarzyna "Kasia" Nowak',
                                               "Tomás, Ferreira", "Zoë Dubois",
                                               "🌱 Priya Patel"]
    names = {r["person_id"]: r["name"] for r in ties}
    reached = {names[r["person_id"]]: (r["outreach"], r["outreach_one_to_one"], r["replied"],
                                      r["replied_one_to_one"], r["is_connection"])
               for r in read(out, "outreach", export_id(LINKEDIN))}
    # José: rows 3 and 2, both to him alone, answered; Kasia and Zoë: row 5 (group).
    assert reached == {"José García": (2, 2, True, True, True),
                       'Katarzyna "Kasia" Nowak': (1, 0, True, False, True),
                       "Zoë Dubois": (1, 0, False, False, True)}
    assert len(read(out, "ties", export_id(RESAVED))) == 2
    assert [(r["outreach"], r["replied"], r["is_connection"])
            for r in read(out, "outreach", export_id(MBOX))] == [(2, False, False)]


def test_no_local_path_is_written(batch):
    out, _, _ = batch
    for file in out.rglob("*.parquet"):
        for column in pq.read_table(file).to_pydict().values():
            for value in column:
                assert str(FIXTURES) not in str(value), (file, value)


def test_a_second_run_skips_what_is_done_and_retries_the_failure(batch):
    out, _, _ = batch
    before = {p: p.stat().st_mtime_ns for p in out.glob("export=*/*.parquet")}
    calls: list[str] = []

    def counting(path: str, out_dir: str, export: str) -> dict:
        calls.append(Path(path).name)
        return process_export(path, out_dir, export)

    result = run_batch([*GOOD, BROKEN], out, worker=counting)
    assert [o.status for o in result.outcomes] == ["skipped", "skipped", "skipped", "failed"]
    assert calls == ["truncated.zip"]  # only the export that is not done
    assert {p: p.stat().st_mtime_ns for p in out.glob("export=*/*.parquet")} == before


def test_the_same_export_twice_is_done_once(tmp_path):
    copy = tmp_path / "copy.mbox"
    copy.write_bytes(MBOX.read_bytes())
    result = run_batch([MBOX, copy], tmp_path / "out")
    assert [o.status for o in result.outcomes] == ["done", "duplicate"]
    assert result.outcomes[1].reason == "the same bytes as mail.mbox"
    assert done_exports(tmp_path / "out") == [f"export={export_id(MBOX)}"]
    # Nothing failed in this run: no failures file (it describes the last run only).
    assert not (tmp_path / "out" / "failures.parquet").exists()


CRASH = textwrap.dedent("""
    import os, sys
    import pyarrow.parquet as pq
    from netaudit import batch
    written = []
    real = pq.write_table
    def dying(table, where, **options):
        real(table, where, **options)
        written.append(where)
        if len(written) == 2:   # two tables of the first export on disk, then the power goes
            os._exit(9)
    pq.write_table = dying
    batch.run_batch(sys.argv[2:], sys.argv[1])
""")


def test_a_crash_mid_export_leaves_nothing_counted_as_done(tmp_path):
    out = tmp_path / "out"
    crashed = subprocess.run([sys.executable, "-c", CRASH, str(out), str(LINKEDIN),
                              str(RESAVED)], capture_output=True, text=True, timeout=120)
    assert crashed.returncode == 9, crashed.stderr
    # Two tables were written, in .partial; no export folder: nothing counts as done.
    assert done_exports(out) == []
    assert len(list((out / ".partial").rglob("*.parquet"))) == 2
    result = run_batch([LINKEDIN, RESAVED], out)
    assert [o.status for o in result.outcomes] == ["done", "done"]
    assert not (out / ".partial").exists() or not any((out / ".partial").iterdir())
    assert len(read(out, "ties", export_id(LINKEDIN))) == 6


def test_a_pool_of_two_writes_the_same_rows(batch, tmp_path):
    out, _, _ = batch
    result = run_batch([*GOOD, BROKEN], tmp_path / "pooled", jobs=2)
    assert [o.status for o in result.outcomes] == ["done", "done", "done", "failed"]
    for export in (export_id(p) for p in GOOD):
        for table in TABLES:
            assert read(tmp_path / "pooled", table, export) == read(out, table, export)


def test_bad_jobs_and_no_paths_are_usage_errors(tmp_path):
    from netaudit.errors import UsageError

    with pytest.raises(UsageError, match="--jobs 0"):
        run_batch([MBOX], tmp_path, jobs=0)
    with pytest.raises(UsageError, match="no export given"):
        run_batch([], tmp_path)


def test_progress_counts_exports(tmp_path):
    calls: list[tuple] = []
    copy = tmp_path / "copy.mbox"
    copy.write_bytes(MBOX.read_bytes())
    run_batch([MBOX, BROKEN, copy], tmp_path / "out", progress=lambda *c: calls.append(c))
    # The duplicate is settled before any work (1 of 3), then the mbox and the broken ZIP.
    assert calls == [("exports", 1, 3), ("exports", 2, 3), ("exports", 3, 3)]


def test_a_second_run_on_the_same_folder_at_once_is_refused(tmp_path):
    fcntl = pytest.importorskip("fcntl")
    from netaudit.errors import OutputError

    out = tmp_path / "out"
    out.mkdir()
    with (out / ".lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a first run, still working
        with pytest.raises(OutputError, match="another netaudit batch is writing"):
            run_batch([MBOX], out)
    assert done_exports(out) == []


def test_the_queries_of_docs_batch_run_on_a_batch(batch, monkeypatch):
    import re

    duckdb = pytest.importorskip("duckdb")
    out, _, _ = batch
    page = (Path(__file__).resolve().parents[1] / "docs" / "batch.md").read_text(
        encoding="utf-8")
    per_client, by_layer = re.findall(r"```sql\n(.*?)```", page, flags=re.DOTALL)
    rows = duckdb.sql(per_client.replace("'audits/", f"'{out}/")).fetchall()
    # Highest reply rate first: 2 of 3 = 66.7% (linkedin-2026), 1 of 2 = 50% (resaved),
    # 0 of 1 (the mbox).
    assert [(r[1], r[4], r[5]) for r in rows] == [
        ("Alex Rivera", "2 of 3", 66.7), ("Rosa Quill", "1 of 2", 50.0),
        ("Rosa Quill", "0 of 1", 0.0)]
    layers = duckdb.sql(by_layer.replace("'audits/", f"'{out}/")).fetchall()
    # 3 + 2 + 1 people reached over the three exports, 2 + 1 + 0 replied.
    assert sum(r[1] for r in layers) == 6 and sum(r[2] for r in layers) == 3
    monkeypatch.chdir(out.parent)
    out.rename(out.parent / "audits")
    try:
        code = re.findall(r"```python\n(.*?)```", page, flags=re.DOTALL)[0]
        scope: dict = {}
        exec(compile(code.replace("print(", "_shown = ("), "docs/batch.md", "exec"), scope)
        assert int(scope["by_layer"]["reached"].sum()) == 6
        assert int(scope["by_layer"]["replied"].sum()) == 3
    finally:
        (out.parent / "audits").rename(out)


def test_a_missing_path_and_an_unwritable_export_fail_alone(tmp_path, monkeypatch):
    import pyarrow.parquet as parquet

    out = tmp_path / "out"
    result = run_batch([tmp_path / "gone.zip", MBOX], out)
    assert [o.status for o in result.outcomes] == ["failed", "done"]
    assert result.outcomes[0].reason == "gone.zip: cannot be read (No such file or directory)"

    real = parquet.write_table

    def full(table, where, **options):
        if "failures" in str(where):  # the run's own list still fits
            return real(table, where, **options)
        raise OSError(28, "No space left on device", str(where))

    monkeypatch.setattr(parquet, "write_table", full)
    result = run_batch([RESAVED], out)
    assert result.outcomes[0].reason == ("summary.parquet: No space left on device (check the "
                                         "free space and the permissions, then run the batch "
                                         "again)")
    assert done_exports(out) == [f"export={export_id(MBOX)}"]


SCRIPT = textwrap.dedent("""\
    import sys
    from pathlib import Path

    if __name__ != "__main__":
        # A spawned worker that runs this script again leaves a mark.
        Path(sys.argv[1], "rerun-" + __name__).touch()
    else:
        from netaudit import batch

        result = batch.run_batch(sys.argv[3:], sys.argv[2], jobs=2)
        print(" ".join(o.status for o in result.outcomes))
        print(hasattr(sys.modules["__main__"], "__file__"))
""")


def test_pool_workers_do_not_run_the_main_script_again(tmp_path):
    # The netaudit console script imports the whole command line (typer, rich): a worker
    # needs none of it, process_export lives in netaudit.batch.
    script = tmp_path / "script.py"
    script.write_text(SCRIPT)
    marks = tmp_path / "marks"
    marks.mkdir()
    ran = subprocess.run([sys.executable, str(script), str(marks), str(tmp_path / "out"),
                          str(LINKEDIN), str(MBOX)],
                         capture_output=True, text=True, timeout=300)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split("\n")[:2] == ["done done", "True"]  # the script's __file__ is back
    assert list(marks.iterdir()) == []
