"""docs/history.md cannot drift: every column of the schema is documented with its type, and
the SQL it shows runs on a history of the two fictional exports (tests/fixtures/history)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netaudit import load
from netaudit.history import _TYPES, SCHEMA_VERSION, History, export_date
from netaudit.model import COLUMNS

duckdb = pytest.importorskip("duckdb", reason="pip install -e . (duckdb since issue 13)")

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "history.md").read_text(encoding="utf-8")
HISTORY = ROOT / "tests" / "fixtures" / "history"


def test_every_column_is_documented_with_its_type():
    for table, spec in COLUMNS.items():
        section = DOC.split(f"### `{table}`", 1)[1].split("\n### ", 1)[0]
        for column, (dtype, _) in spec.items():
            assert f"| `{column}` | {_TYPES[dtype]} |" in section, (table, column)
    assert f"writes **version {SCHEMA_VERSION}**" in DOC


def test_every_column_of_the_database_is_documented(tmp_path):
    with History(tmp_path / "h.duckdb") as history:
        rows = history.con.execute(
            "SELECT table_name, column_name FROM information_schema.columns").fetchall()
    for table, column in rows:
        assert f"`{column}`" in DOC, (table, column)


def test_the_documented_queries_run(tmp_path):
    with History(tmp_path / "h.duckdb") as history:
        for name in ("rosa-2025-05", "rosa-2025-12"):
            network = load(HISTORY / name)
            history.add(network, exported_on=export_date(network))
    queries = re.findall(r"```sql\n(.*?)```", DOC, flags=re.DOTALL)[0].split(";")
    con = duckdb.connect(str(tmp_path / "h.duckdb"), read_only=True)
    results = [con.execute(q).fetchall() for q in queries if "SELECT" in q]
    per_snapshot, changed, monthly = results
    assert [(sid, str(day), n, hidden) for sid, day, n, hidden in per_snapshot] == [
        (1, "2025-05-10", 12, 1), (2, "2025-12-06", 14, 3)]
    # By URL only: Ben and Cara (Kim Lo's URL changed; netaudit diff matches her by e-mail).
    assert changed == [("Ben Cole", "Birch Ltd", "Cedar Co"), ("Cara Diaz", "Delta", "Echo")]
    # 2025-05: 3 messages; 2025-11: Rosa -> Dev, Dev -> Rosa; 2025-12: Cara, Kim, Kim's reply.
    assert [(str(m.date())[:7], n) for m, n in monthly] == [("2025-05", 3), ("2025-11", 2),
                                                            ("2025-12", 3)]
