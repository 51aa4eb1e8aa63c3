"""The snapshot store: what it keeps, what it refuses, and that a killed write leaves it as
it was. Fixtures: tests/fixtures/history (EXPECTED.md)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netaudit import load
from netaudit.analyses.trend import trend
from netaudit.history import (
    MIGRATIONS,
    PAUSE_VARIABLE,
    SCHEMA_VERSION,
    History,
    HistoryError,
    content_hash,
    default_path,
    export_date,
)

duckdb = pytest.importorskip("duckdb", reason="pip install -e . (duckdb is a dependency since "
                             "issue 13)")

HISTORY = Path(__file__).resolve().parents[1] / "fixtures" / "history"
OLD, NEW, OTHER = HISTORY / "rosa-2025-05", HISTORY / "rosa-2025-12", HISTORY / "tomas-2025-12"


def add(history, path):
    network = load(path)
    return history.add(network, exported_on=export_date(network), inputs=str(path))


def test_two_exports_give_two_snapshots_and_the_same_one_again_still_two(tmp_path):
    with History(tmp_path / "h.duckdb") as history:
        first, added_1 = add(history, NEW)  # added out of date order on purpose
        second, added_2 = add(history, OLD)
        again, added_3 = add(history, OLD)
        assert (added_1, added_2, added_3) == (True, True, False)
        assert again.snapshot_id == second.snapshot_id == 2
        # Listed oldest export first: OLD (2025-05-10, 12 connections) then NEW.
        listed = [(s.snapshot_id, s.exported_on, s.connections, s.hidden, s.messages)
                  for s in history.snapshots()]
        assert listed == [(2, "2025-05-10", 12, 1, 3), (1, "2025-12-06", 14, 3, 8)]
        assert history.resolve("latest").snapshot_id == 1


def test_a_zip_and_its_folder_hash_alike(tmp_path):
    import shutil

    archive = shutil.make_archive(str(tmp_path / "Basic_LinkedInDataExport_12-06-2025"),
                                  "zip", NEW)
    assert content_hash(load(archive)) == content_hash(load(NEW))
    assert content_hash(load(OLD)) != content_hash(load(NEW))
    # The date in the ZIP's name is the export's date.
    assert export_date(load(archive)) == "2025-12-06"


def _frame_hash(network):
    """content_hash as first defined, on whole frames (netaudit before issue 17 round 3):
    the column-by-column content_hash must give the same digest, or a file's stored
    snapshots would no longer be recognized."""
    import hashlib

    import numpy as np
    import pandas as pd

    digest = hashlib.sha256()
    people = network.people
    rank = {pid: str(i) for i, pid in enumerate(people["person_id"].tolist())}

    def ids(values):
        return values.map(rank).fillna("?").astype(str)

    frames = {name: getattr(network, name).drop(columns=["source"]).assign(
        person_id=ids(getattr(network, name)["person_id"]))
        for name in ("people", "invitations", "interactions")}
    messages = network.messages
    codes, tuples = pd.factorize(messages["recipient_ids"].to_numpy(dtype=object))
    joined = np.array([" ".join(rank.get(p, "?") for p in t) for t in tuples] + [""],
                      dtype=object)
    frames["messages"] = messages.drop(columns=["source", "message_id"]).assign(
        sender_id=ids(messages["sender_id"]),
        recipient_ids=joined[codes] if len(codes) else np.array([], dtype=object))
    for name, frame in frames.items():
        digest.update(name.encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    owner = network.owner
    digest.update(f"owner:{rank.get(owner.person_id, '?') if owner else ''}".encode())
    return digest.hexdigest()


def test_the_content_hash_keeps_its_values():
    import pandas as pd

    from netaudit.model import Network, Owner

    # Digests stored by netaudit before it hashed column by column.
    assert content_hash(load(NEW)) == ("bea297b110f9db4775c0367eadf57cd31b9ca8970935140e51b2"
                                       "d68659fa22e8")
    assert content_hash(load(OTHER)) == ("3dbfb3aedd9cc4614125b5022c140dafa819302d1ba9fc1e4"
                                         "543903de7b72f62")
    networks = {"new": load(NEW), "old": load(OLD), "empty": Network()}
    networks["owner without id"] = Network()
    networks["owner without id"].owner = Owner(None, "Rosa", "profile")
    # A person id given twice (its last rank counts), a message without sender, a sender
    # and a recipient that are no one's, a message without conversation, a sender column of
    # Python objects.
    odd = load(NEW)
    odd.people = pd.concat([odd.people, odd.people.iloc[[1, 2]]], ignore_index=True)
    messages = odd.messages.copy()
    messages.loc[0, "sender_id"] = None
    messages.loc[1, "sender_id"] = "nobody"
    messages.loc[2, "conversation_id"] = None
    messages["recipient_ids"] = [(*t, "ghost") if i % 2 else t
                                 for i, t in enumerate(messages["recipient_ids"])]
    odd.messages = messages
    networks["odd"] = odd
    plain = load(NEW)
    plain.messages = plain.messages.assign(sender_id=plain.messages["sender_id"].astype(object))
    networks["object ids"] = plain
    for label, network in networks.items():
        assert content_hash(network) == _frame_hash(network), label


def test_column_hashes_combine_as_pandas_combines_a_frame():
    import numpy as np
    import pandas as pd

    from netaudit.history import _combine_hashes

    frame = pd.DataFrame({"a": ["x", "y", "x"], "b": [True, False, True],
                          "c": pd.to_datetime(["2025-01-01", None, "2025-02-03"], utc=True)})
    columns = [pd.util.hash_pandas_object(frame[c], index=False).to_numpy() for c in frame]
    expected = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    assert np.array_equal(_combine_hashes(columns, len(frame)), expected)


def test_a_snapshot_loads_back_as_the_network_it_stored(tmp_path):
    network = load(NEW)
    with History(tmp_path / "h.duckdb") as history:
        history.add(network, exported_on="2025-12-06")
    with History(tmp_path / "h.duckdb", read_only=True) as history:
        back = history.load("latest")
    back.validate()
    for name in ("people", "messages", "invitations", "interactions"):
        assert getattr(back, name).equals(getattr(network, name)), name
    assert back.owner == network.owner
    assert back.sources == network.sources and back.problems == network.problems


def test_another_owner_is_refused(tmp_path):
    with History(tmp_path / "h.duckdb") as history:
        add(history, OLD)
        with pytest.raises(HistoryError, match="holds the history of Rosa Quintero; the "
                           "export given is Tomas Urrutia's") as caught:
            add(history, OTHER)
        assert caught.value.exit_code == 1
        assert len(history.snapshots()) == 1
    with History(tmp_path / "tomas.duckdb") as other:  # another file takes it
        assert add(other, OTHER)[1] is True


def test_the_owner_check_reads_no_stored_message(tmp_path, monkeypatch):
    """Adding an export compares its owner with the last snapshot's: by the owners' names,
    else by the connections (people); the stored messages are never read for it."""
    no_profile = Path(__file__).resolve().parents[1] / "fixtures" / "real-facts" / \
        "several-no-profile"
    read = []
    real = History._read_table

    def recording(self, name, sid):
        read.append(name)
        return real(self, name, sid)

    monkeypatch.setattr(History, "_read_table", recording)
    with History(tmp_path / "h.duckdb") as history:
        add(history, OLD)
        assert add(history, NEW)[1] is True
        assert read == []  # both name their owner
    with History(tmp_path / "kai.duckdb") as history:
        add(history, no_profile / "kai-old")
        assert add(history, no_profile / "kai-new")[1] is True
        with pytest.raises(HistoryError, match="holds the history of another person"):
            add(history, no_profile / "noor")
        assert read == ["people", "people"]


def test_a_failed_insert_rolls_back_and_says_its_own_error(tmp_path, monkeypatch):
    """DuckDB stores a snapshot on one thread (History._one_thread): when a statement fails
    inside the transaction, its own error is raised (not DuckDB's refusal of the statement
    that resets the threads), nothing is stored, and the threads are back as they were."""
    def failing(self, name, sid, frame, recipients=None):
        self.con.execute("INSERT INTO people (snapshot_id) VALUES ('not a number')")

    with History(tmp_path / "h.duckdb") as history:
        settings = _writing_settings(history)
        monkeypatch.setattr(History, "_insert", failing)
        with pytest.raises(duckdb.ConversionException):
            add(history, OLD)
        assert history.snapshots() == []
        assert history.con.execute("SELECT count(*) FROM sources").fetchone() == (0,)
        assert _writing_settings(history) == settings


def _writing_settings(history):
    """The DuckDB settings History._one_thread changes while it writes, as they are now."""
    from netaudit.history import _WRITING

    return history.con.execute("SELECT name, value FROM duckdb_settings() WHERE "
                               "list_contains(?, name) ORDER BY name", [list(_WRITING)]
                               ).fetchall()


def test_the_settings_of_a_write_are_undone_and_the_message_ids_stored_with_zstd(tmp_path):
    """History._one_thread: one thread and each full row group written at once, only while
    add writes; the message and person ids and profile URLs compressed with zstd where the
    file's DuckDB storage version has it (issue 17), and every value stored as it was."""
    from netaudit.history import _has_zstd

    with History(tmp_path / "h.duckdb") as history:
        settings = _writing_settings(history)
        add(history, NEW)
        assert _writing_settings(history) == settings
        zstd = _has_zstd(history.con)
        history.con.execute("CHECKPOINT")
        for table, column in (("messages", "message_id"), ("people", "person_id"),
                              ("people", "profile_url")):
            used = {row[0] for row in history.con.execute(
                f"SELECT compression FROM pragma_storage_info('{table}') "
                "WHERE column_name = ? AND segment_type = 'VARCHAR'", [column]).fetchall()}
            assert (used == {"ZSTD"}) if zstd else ("ZSTD" not in used), (table, column)
        stored = [row[0] for row in history.con.execute(
            "SELECT message_id FROM messages ORDER BY rowid").fetchall()]
    assert stored == load(NEW).messages["message_id"].tolist()


def test_remove_and_unknown_ids(tmp_path):
    with History(tmp_path / "h.duckdb") as history:
        add(history, OLD)
        add(history, NEW)
        assert history.remove(1).exported_on == "2025-05-10"
        assert [s.snapshot_id for s in history.snapshots()] == [2]
        assert history.con.execute("SELECT count(*) FROM people WHERE snapshot_id = 1"
                                   ).fetchone() == (0,)
        with pytest.raises(HistoryError, match="holds no snapshot 7 .its snapshots: 2"):
            history.load(7)


def test_export_writes_parquet_that_duckdb_reads(tmp_path):
    with History(tmp_path / "h.duckdb") as history:
        add(history, OLD)
        add(history, NEW)
        written = history.export(tmp_path / "pq")
    assert {p.name for p in written} >= {"snapshots.parquet", "connections.parquet",
                                         "messages.parquet"}
    con = duckdb.connect()
    # 12 + 14 connections over the two snapshots.
    assert con.execute(f"SELECT count(*) FROM '{tmp_path / 'pq' / 'connections.parquet'}'"
                       ).fetchone() == (26,)


def test_a_newer_schema_is_refused_and_an_older_one_migrated(tmp_path, monkeypatch):
    path = tmp_path / "h.duckdb"
    History(path).close()
    con = duckdb.connect(str(path))
    assert con.execute("SELECT max(version) FROM netaudit_schema").fetchone() == (SCHEMA_VERSION,)
    con.execute("INSERT INTO netaudit_schema VALUES (?, now())", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(HistoryError, match="newer netaudit"):
        History(path)
    # A version 2 that adds a column: a version-1 file is carried forward when opened.
    fresh = tmp_path / "v1.duckdb"
    with History(fresh) as history:
        add(history, OLD)

    def to_2(con):
        con.execute("ALTER TABLE snapshots ADD COLUMN label VARCHAR DEFAULT ''")

    monkeypatch.setattr("netaudit.history.MIGRATIONS", [*MIGRATIONS, to_2])
    monkeypatch.setattr("netaudit.history.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with History(fresh) as history:
        assert history.schema_version() == SCHEMA_VERSION + 1
        assert history.con.execute("SELECT label FROM snapshots").fetchall() == [("",)]
        assert len(history.snapshots()) == 1


def test_default_path(monkeypatch, tmp_path):
    monkeypatch.setenv("NETAUDIT_DB", str(tmp_path / "x.duckdb"))
    assert default_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("NETAUDIT_DB")
    assert default_path().name == "history.duckdb"
    assert "netaudit" in default_path().parts


def test_a_killed_add_leaves_the_database_as_it_was(tmp_path):
    path = tmp_path / "h.duckdb"
    with History(path) as history:
        add(history, OLD)
    marker = tmp_path / "inside"
    script = ("import sys; from netaudit import load; from netaudit.history import History;"
              "History(sys.argv[1]).add(load(sys.argv[2]), exported_on='2025-12-06')")
    child = subprocess.Popen([sys.executable, "-c", script, str(path), str(NEW)],
                             env={**os.environ, PAUSE_VARIABLE: str(marker)})
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():  # the rows of NEW are inserted, not committed
            assert child.poll() is None, "the add ended before its pause"
            assert time.monotonic() < deadline, "the add never reached its pause"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    with History(path) as history:
        assert [(s.snapshot_id, s.connections) for s in history.snapshots()] == [(1, 12)]
        assert history.con.execute("SELECT count(*) FROM people").fetchone() == (13,)  # 12 + Rosa
        assert add(history, NEW)[1] is True  # and it takes writes again
        assert len(history.snapshots()) == 2


def test_trend_over_the_stored_snapshots(tmp_path):
    with History(tmp_path / "h.duckdb") as history:
        add(history, NEW)
        add(history, OLD)
        stored = [(s.snapshot_id, s.exported_on, history.load(s.snapshot_id))
                  for s in history.snapshots()]
    result = trend(stored)
    points = [(p.exported_on, p.connections, p.growth, p.added, p.removed, p.became_hidden,
               p.company_changed, p.position_changed) for p in result.snapshots]
    # Date order; 14 - 12 = 2; the diff counts of EXPECTED.md.
    assert points == [("2025-05-10", 12, None, None, None, None, None, None),
                      ("2025-12-06", 14, 2, 4, 3, 1, 3, 1)]
    # Statuses: OLD active Ana, one-way Ben, dormant 12 - 2; NEW active Dev and Kim, fading
    # Ana, one-way Ben and Cara, dormant 14 - 5.
    assert [(p.active, p.fading, p.one_way, p.dormant) for p in result.snapshots] == [
        (1, 0, 1, 10), (2, 1, 2, 9)]
    # 2025Q2: Ana, Ben reached, Ana replied; 2025Q4: Dev, Cara, Kim reached, Dev and Kim.
    assert [(q.quarter, q.reached, q.replied) for q in result.quarters] == [
        ("2025Q2", 2, 1), ("2025Q4", 3, 2)]
    assert result.note is None
    assert trend(stored[:1]).note.startswith("one snapshot only")


def test_a_version_1_file_gains_people_credentials(tmp_path, monkeypatch):
    # A file written before issue 10's plain names (schema 1: no people.credentials), with
    # one people row in the version-1 shape.
    path = tmp_path / "v1.duckdb"
    with monkeypatch.context() as patch:
        patch.setattr("netaudit.history.MIGRATIONS", MIGRATIONS[:1])
        patch.setattr("netaudit.history.SCHEMA_VERSION", 1)
        History(path).close()
    con = duckdb.connect(str(path))
    columns = [r[0] for r in con.execute("DESCRIBE people").fetchall()]
    assert "credentials" not in columns and "last_name" in columns
    con.execute("INSERT INTO people (snapshot_id, person_id, name) VALUES (99, 'p', 'Ana')")
    con.close()
    with History(path) as history:
        # Carried through version 2 (credentials) and version 3 (networks, joined_by) to
        # version 4 (the figures table).
        assert history.schema_version() == 4
        # The old row reads back with credentials '' (the column's default) ...
        assert history.con.execute(
            "SELECT name, credentials, networks, joined_by FROM people").fetchall() == [
            ("Ana", "", "", "")]
        # ... and a new snapshot is stored by column name after the added column.
        add(history, OLD)
        assert history.load(1).people["name"].tolist() == load(OLD).people["name"].tolist()


def test_a_column_the_file_lacks_is_read_empty_and_not_written(tmp_path):
    # A file written before the model gained a column (here: people.phone dropped from it).
    path = tmp_path / "h.duckdb"
    with History(path) as history:
        history.con.execute("ALTER TABLE people DROP COLUMN phone")
        add(history, OLD)
        back = history.load("latest")
    assert back.people["phone"].tolist() == [""] * 13  # 12 connections and Rosa
    assert back.people["name"].tolist() == load(OLD).people["name"].tolist()
