"""``due`` reasons fed by an earlier export (issue 14: "…; she changed company in March"):
the two fictional exports of Rosa Quintero in tests/fixtures/history (EXPECTED.md there)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from netaudit.audit import Audit

HISTORY = Path(__file__).resolve().parents[1] / "fixtures" / "history"
AS_OF = pd.Timestamp("2025-12-31 23:59", tz="UTC")
WHEN = "between 10 May 2025 and 6 Dec 2025"  # the exports' latest dates (EXPECTED.md)
# As of 31 Dec 2025 (EXPECTED.md's messages; five people messaged, so all five rank 1-5,
# cadence 14 days when fewer than 3 contact days):
# - Dev: contact days 1 and 3 Nov -> layer cadence, due 17 Nov, 58 days since (28 + 30);
# - Kim: 5 and 6 Dec -> due 20 Dec, 25 days since; Cara: 1 Dec -> due 15 Dec, 30 days;
# - Ana (2 May) and Ben (10 May): more than 3 x 30 days silent: faded, not listed.
EXPECTED = {
    "Dev Eng": "2 contact days on record, so the cadence of ranks 1-5 (every 2 weeks); last "
               f"contact 58 days ago; new position at Foxtrot (Lead Developer) {WHEN}",
    "Kim Lo": "2 contact days on record, so the cadence of ranks 1-5 (every 2 weeks); last "
              f"contact 25 days ago; changed company from Lima to Mike Corp {WHEN}",
    "Cara Diaz": "1 contact day on record, so the cadence of ranks 1-5 (every 2 weeks); last "
                 f"contact 30 days ago; changed company from Delta to Echo {WHEN}",
}


def _reasons(result):
    return {p.name: p.reason for p in result.due}


def test_due_reasons_say_who_changed_company_since_an_earlier_export():
    new = Audit([HISTORY / "rosa-2025-12"])
    result = new.due(as_of=AS_OF, since=Audit([HISTORY / "rosa-2025-05"]))
    assert (result.due_count, result.faded) == (3, 2)
    assert _reasons(result) == EXPECTED
    # Without an earlier export the reasons stop at the last contact.
    alone = _reasons(new.due(as_of=AS_OF))
    assert alone["Cara Diaz"] == EXPECTED["Cara Diaz"].split("; changed")[0]


def test_a_snapshot_is_compared_with_the_snapshot_before_it(tmp_path):
    db = tmp_path / "history.duckdb"
    for export in ("rosa-2025-05", "rosa-2025-12"):
        Audit([HISTORY / export]).save_snapshot(db)
    latest = Audit(snapshot="latest", db=db)
    assert _reasons(latest.due(as_of=AS_OF)) == EXPECTED
    # The first snapshot has none before it: no change to tell.
    first = Audit(snapshot="1", db=db)
    assert all("changed company" not in p.reason for p in first.due(as_of=AS_OF).due)
