"""What ``analyze`` prints is stored with each snapshot (schema version 4, table ``figures``)
and ``analyze --snapshot`` reads it instead of the snapshot's tables (issue 17: 2.2 s CPU on
the 500,000-message benchmark export, goal 0.5 s). Fixtures: tests/fixtures/history
(EXPECTED.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from netaudit.audit import Audit
from netaudit.history import MIGRATIONS, SCHEMA_VERSION, History, StoredNetwork

duckdb = pytest.importorskip("duckdb", reason="pip install -e . (duckdb since issue 13)")

HISTORY = Path(__file__).resolve().parents[1] / "fixtures" / "history"
OLD, NEW = HISTORY / "rosa-2025-05", HISTORY / "rosa-2025-12"


def stored(db: Path, export: Path) -> Audit:
    """An Audit of ``export`` stored in ``db`` with `history add`'s own path."""
    Audit([export]).save_snapshot(db)
    return Audit(snapshot="latest", db=db)


def test_the_figures_of_a_snapshot_are_those_of_its_export(tmp_path):
    db = tmp_path / "h.duckdb"
    from_files = Audit([NEW])
    from_snapshot = stored(db, NEW)
    assert from_snapshot.summary.to_dict() == from_files.summary.to_dict()
    assert from_snapshot.set_aside == from_files.set_aside
    # EXPECTED.md: NEW has 14 connections, 3 hidden; 8 messages; outreach reached 5 and 3
    # replied (Ana, Dev, Kim); 5 messaged (Ana, Ben, Cara, Dev, Kim), so 14 - 5 = 9 dormant.
    summary = from_snapshot.summary
    assert (summary.connections, summary.hidden_profiles, summary.messages,
            summary.messaged, summary.dormant) == (14, 3, 8, 5, 9)
    # ... and none of the snapshot's tables was read to say so.
    network = from_snapshot.network
    assert isinstance(network, StoredNetwork) and network.read_tables() == set()
    # The stored row: this version of the definitions, the summary as JSON.
    with History(db, read_only=True) as history:
        figures = history.figures("latest")
    assert figures is not None and figures.summary["connections"] == 14


def test_a_table_is_read_when_first_used_and_equals_the_eager_load(tmp_path):
    db = tmp_path / "h.duckdb"
    audit = stored(db, NEW)
    network = audit.network
    assert len(network.people) == 15  # 14 connections and Rosa
    assert network.read_tables() == {"people"}
    with History(db, read_only=True) as history:
        eager = history.load("latest")
    for name in ("people", "messages", "invitations", "interactions"):
        assert getattr(network, name).equals(getattr(eager, name)), name
    assert network.read_tables() == {"people", "messages", "invitations", "interactions"}


def test_figures_of_other_definitions_are_computed_again(tmp_path, monkeypatch):
    db = tmp_path / "h.duckdb"
    expected = Audit([NEW]).summary.to_dict()
    Audit([NEW]).save_snapshot(db)
    # A later netaudit that changed what a figure means: the stored figures (this version's
    # definitions) are not used; the tables are read and the figures computed from them.
    from netaudit.analyses import summary

    monkeypatch.setattr("netaudit.analyses.summary.DEFINITIONS", summary.DEFINITIONS + 1)
    audit = Audit(snapshot="latest", db=db)
    assert audit.stored_figures is None
    assert audit.summary.to_dict() == expected
    assert "messages" in audit.network.read_tables()


def test_analyze_json_from_the_snapshot_is_the_exports_byte_for_byte(runner, tmp_path,
                                                                      monkeypatch):
    from netaudit.cli import app

    monkeypatch.setenv("NETAUDIT_DB", str(tmp_path / "h.duckdb"))
    assert runner.invoke(app, ["history", "add", str(NEW), "-q"]).exit_code == 0
    from_files = runner.invoke(app, ["analyze", str(NEW), "--json", "-q"])
    from_snapshot = runner.invoke(app, ["analyze", "--snapshot", "latest", "--json", "-q"])
    assert from_snapshot.exit_code == 0, from_snapshot.output
    assert from_snapshot.stdout == from_files.stdout
    assert json.loads(from_snapshot.stdout)["outreach"]["replied"] == 3  # Ana, Dev, Kim


def test_a_version_3_file_gains_the_figures_table(tmp_path, monkeypatch):
    # A history written before the figures were stored (schema 3), holding OLD.
    path = tmp_path / "v3.duckdb"
    with monkeypatch.context() as patch:
        patch.setattr("netaudit.history.MIGRATIONS", MIGRATIONS[:3])
        patch.setattr("netaudit.history.SCHEMA_VERSION", 3)
        with History(path) as history:
            assert history.schema_version() == 3
            from netaudit import load

            history.add(load(OLD), exported_on="2025-05-10")
    con = duckdb.connect(str(path))
    assert con.execute("SELECT count(*) FROM information_schema.tables "
                       "WHERE table_name = 'figures'").fetchone() == (0,)
    con.close()
    # Read-only, it is refused until upgraded (as for every older version) ...
    with pytest.raises(Exception, match="schema version 3, this netaudit needs 4"):
        Audit(snapshot="latest", db=path).summary  # noqa: B018
    # ... opened for writing it is carried to version 4; the old snapshot has no figures
    # row and its figures are computed from its tables: those of the export.
    with History(path) as history:
        assert history.schema_version() == SCHEMA_VERSION == 4
        assert history.figures(1) is None
    audit = Audit(snapshot=1, db=path)
    assert audit.stored_figures is None
    assert audit.summary.to_dict() == Audit([OLD]).summary.to_dict()
    # EXPECTED.md: OLD has 12 connections (1 hidden), 3 messages, 2 reached, 1 replied.
    assert (audit.summary.connections, audit.summary.hidden_profiles,
            audit.summary.messages) == (12, 1, 3)
    # A snapshot added now to the migrated file stores its figures.
    Audit([NEW]).save_snapshot(path)
    with History(path, read_only=True) as history:
        assert [history.figures(s.snapshot_id) is not None
                for s in history.snapshots()] == [False, True]


def test_removing_a_snapshot_removes_its_figures(tmp_path):
    db = tmp_path / "h.duckdb"
    Audit([OLD]).save_snapshot(db)
    Audit([NEW]).save_snapshot(db)
    with History(db) as history:
        history.remove(1)
        assert history.con.execute("SELECT snapshot_id FROM figures").fetchall() == [(2,)]


def test_analyze_from_a_snapshot_imports_no_table_library(tmp_path):
    # pandas and pyarrow (0.3 s), matplotlib, networkx, scipy: none is needed to print
    # stored figures, in the terminal or as JSON.
    db = tmp_path / "h.duckdb"
    Audit([NEW]).save_snapshot(db)
    probe = ("import sys; from netaudit.cli import app\n"
             "for argv in (['--json'], []):\n"
             "    try:\n"
             "        app(['analyze', '--snapshot', 'latest', '-q', '--db', sys.argv[1], *argv])\n"
             "    except SystemExit as stop:\n"
             "        assert not stop.code, stop.code\n"
             "heavy = ('pandas', 'pyarrow', 'matplotlib', 'networkx', 'scipy')\n"
             "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", probe, str(db)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_a_set_aside_kind_added_since_the_figures_were_stored_counts_none(tmp_path):
    # Figures stored before 'unavailable_accounts' existed hold no such key; the snapshot's
    # rows were not set aside that way, so the stored figures say 0 of them, in the order
    # a fresh analysis gives.
    import duckdb

    from netaudit.model import SET_ASIDE

    db = tmp_path / "h.duckdb"
    expected = Audit([NEW]).set_aside
    Audit([NEW]).save_snapshot(db)
    con = duckdb.connect(str(db))
    (text,) = con.execute("SELECT set_aside FROM figures").fetchone()
    older = {k: v for k, v in json.loads(text).items() if k != "unavailable_accounts"}
    con.execute("UPDATE figures SET set_aside = ?", [json.dumps(older)])
    con.close()
    audit = Audit(snapshot="latest", db=db)
    assert audit.stored_figures is not None
    assert list(audit.set_aside) == list(SET_ASIDE)
    assert audit.set_aside == expected
    assert audit.set_aside["unavailable_accounts"] == 0
