"""A local history of one person's exports: snapshots of the normalized network in an
embedded DuckDB database file, read back without re-parsing any CSV.

One file holds one person's history (the owner of the first snapshot; another person's
export is refused, use another file). Each snapshot stores the tables of
:class:`~netaudit.model.Network` (``people``, ``messages``, ``invitations``,
``interactions``; ``connections`` is a view of ``people``) with a ``snapshot_id`` column,
what was read (``sources``, ``problems``) and one row in ``snapshots``. The schema is
documented in docs/history.md, column by column; ``SCHEMA_VERSION`` is stored in
``netaudit_schema`` and :data:`MIGRATIONS` carries an older file forward.

Every write is one transaction: a process killed in the middle of ``add`` leaves the file as
it was. The same export added twice is stored once: a snapshot's ``content_hash`` is computed
from its normalized tables, without file paths or ids, so the ZIP and its extracted folder
(or the same export downloaded twice) hash alike.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netaudit.encode import Fields
from netaudit.errors import InputError, NetauditError, UsageError
from netaudit.model import Network, Owner

if TYPE_CHECKING:
    import duckdb
    import numpy as np
    import pandas as pd
    import pyarrow as pa

#: The version of the schema this netaudit writes (table ``netaudit_schema``).
SCHEMA_VERSION = 4

#: Environment variable naming the database file (``--db`` wins over it).
DB_VARIABLE = "NETAUDIT_DB"

#: Test hook: when set to a file path, ``add`` writes that file once its rows are inserted and
#: waits inside the open transaction, so a test can kill the process mid-write.
PAUSE_VARIABLE = "NETAUDIT_TEST_PAUSE_IN_ADD"

_TYPES = {"str": "VARCHAR", "bool": "BOOLEAN", "datetime64[ns, UTC]": "TIMESTAMPTZ",
          "object": "VARCHAR[]"}


#: DuckDB settings while ``add`` writes (:meth:`History._one_thread`), each where this DuckDB
#: has it.
_WRITING = {"threads": 1, "write_buffer_row_group_count": 1}


#: Columns of the model added after schema version 1, with the version that added them: a
#: version-1 file is created without them and its migration adds them.
_ADDED = {("people", "credentials"): 2, ("people", "networks"): 3, ("people", "joined_by"): 3}


#: Columns DuckDB stores compressed with zstd when the file's storage version has it (1.2 and
#: later): ids that are all distinct, where DuckDB's default dictionary/FSST scheme costs more
#: for less. The message ids (``<file>#<row>``) took 0.13 s to compress at 500,000 messages,
#: to 13.4 MB, against 0.06 s and 3.7 MB with zstd; the people's ids and profile URLs 0.02 s
#: more of the 0.12 s that storing 76,000 people took, for the same size (issue 17). How a
#: column is compressed changes no value stored or read.
_ZSTD = {("messages", "message_id"), ("people", "person_id"), ("people", "profile_url")}


#: Text columns whose values are nearly all distinct (76,000 people, 74,000 profile URLs):
#: the content hash hashes them as they are rather than their distinct values.
_DISTINCT = {("people", "profile_url")}


def _table_sql(name: str, version: int, *, zstd: bool = False) -> str:
    from netaudit.model import COLUMNS

    columns = ",\n  ".join(
        f'"{column}" {_TYPES[dtype]}'
        + (" USING COMPRESSION zstd" if zstd and (name, column) in _ZSTD else "")
        for column, (dtype, _) in COLUMNS[name].items()
        if _ADDED.get((name, column), 1) <= version)
    return f"CREATE TABLE {name} (\n  snapshot_id INTEGER NOT NULL,\n  {columns}\n)"


def _has_zstd(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the file open in ``con`` can store a column with zstd (its storage version,
    :func:`_zstd_since`). DuckDB 1.2 to 1.4 write files of version 1.0 unless told
    otherwise, and there a column declared zstd is stored uncompressed; DuckDB 1.1 refuses
    the declaration (and names no storage version)."""
    row = con.execute("SELECT tags FROM duckdb_databases() "
                      "WHERE database_name = current_database()").fetchone()
    tags = row[0] if row else None
    return _zstd_since(str((tags or {}).get("storage_version", "")))


def _zstd_since(storage_version: str) -> bool:
    """Whether a DuckDB file of ``storage_version`` (as ``duckdb_databases().tags`` gives
    it: the oldest DuckDB that reads the file, then '+' or ' - ' and the newest) can hold
    zstd columns: version 1.2 and later.

    >>> [_zstd_since(v) for v in ("v2.0.0+", "v1.2.0+", "v1.0.0+", "v1.0.0 - v1.1.3", "")]
    [True, True, False, False, False]
    """
    import re

    found = re.match(r"v(\d+)\.(\d+)\.", storage_version)
    return found is not None and (int(found[1]), int(found[2])) >= (1, 2)


def _create_version_1(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""CREATE TABLE snapshots (
  snapshot_id INTEGER PRIMARY KEY,
  content_hash VARCHAR NOT NULL UNIQUE,
  owner_name VARCHAR NOT NULL,
  owner_key VARCHAR NOT NULL,
  owner_person_id VARCHAR,
  owner_how VARCHAR NOT NULL,
  exported_on DATE,
  added_at TIMESTAMPTZ NOT NULL,
  inputs VARCHAR NOT NULL,
  connections INTEGER NOT NULL,
  hidden INTEGER NOT NULL,
  messages INTEGER NOT NULL,
  set_aside VARCHAR NOT NULL
)""")
    con.execute("""CREATE TABLE sources (
  snapshot_id INTEGER NOT NULL, path VARCHAR, kind VARCHAR, "rows" INTEGER, note VARCHAR)""")
    con.execute("""CREATE TABLE problems (
  snapshot_id INTEGER NOT NULL, path VARCHAR, message VARCHAR, count INTEGER,
  example_row INTEGER, unit VARCHAR)""")
    zstd = _has_zstd(con)
    for name in ("people", "messages", "invitations", "interactions"):
        con.execute(_table_sql(name, 1, zstd=zstd))
    con.execute("CREATE VIEW connections AS SELECT * FROM people "
                "WHERE is_connection AND NOT is_owner")


#: ``MIGRATIONS[v]`` takes a file from schema version ``v`` to ``v + 1`` (version 0: empty).
#: A new version appends one function here and raises :data:`SCHEMA_VERSION`; files of
#: every older version are carried forward, step by step, in one transaction, when opened.
def _add_credentials(con: duckdb.DuckDBPyConnection) -> None:
    """Version 2: people's ``credentials`` (issue 10: names are shown plain, the credentials
    written after them kept apart); '' in the snapshots stored before."""
    con.execute("ALTER TABLE people ADD COLUMN credentials VARCHAR DEFAULT ''")


def _add_networks(con: duckdb.DuckDBPyConnection) -> None:
    """Version 3: people's ``networks`` and ``joined_by`` (issue 18: one person across
    networks); '' in the snapshots stored before."""
    con.execute("ALTER TABLE people ADD COLUMN networks VARCHAR DEFAULT ''")
    con.execute("ALTER TABLE people ADD COLUMN joined_by VARCHAR DEFAULT ''")


def _add_figures(con: duckdb.DuckDBPyConnection) -> None:
    """Version 4: the ``figures`` table, what ``analyze`` prints for each snapshot, stored when
    it is added, so that ``analyze --snapshot`` reads a few hundred bytes instead of every
    stored message (issue 17: 2.2 s CPU, goal 0.5 s). Snapshots stored before have no row:
    their figures are computed from their tables, as before."""
    con.execute("""CREATE TABLE figures (
  snapshot_id INTEGER PRIMARY KEY,
  definitions INTEGER NOT NULL,
  summary VARCHAR NOT NULL,
  set_aside VARCHAR NOT NULL
)""")


MIGRATIONS: list[Callable[[duckdb.DuckDBPyConnection], None]] = [_create_version_1,
                                                                  _add_credentials,
                                                                  _add_networks,
                                                                  _add_figures]


def default_path() -> Path:
    """``$NETAUDIT_DB``, else ``history.duckdb`` in the user's data folder as the platform
    defines it (``~/.local/share/netaudit`` on Linux, ``~/Library/Application Support/
    netaudit`` on macOS, ``%LOCALAPPDATA%\\netaudit`` on Windows)."""
    if os.environ.get(DB_VARIABLE):
        return Path(os.environ[DB_VARIABLE])
    from platformdirs import user_data_path

    return user_data_path("netaudit", appauthor=False) / "history.duckdb"


def default_decisions_path() -> Path:
    """Where the owner's decisions on uncertain joins are kept (``netaudit people
    --review``): ``$NETAUDIT_DECISIONS``, else ``decisions.json`` beside the history file
    (:func:`default_path`)."""
    if os.environ.get("NETAUDIT_DECISIONS"):
        return Path(os.environ["NETAUDIT_DECISIONS"])
    return default_path().parent / "decisions.json"


@dataclass
class Snapshot(Fields):
    """One row of the ``snapshots`` table, as listed by ``netaudit history list``."""

    snapshot_id: int
    exported_on: str | None
    added_at: str
    owner_name: str
    connections: int
    hidden: int
    messages: int
    inputs: str
    content_hash: str


@dataclass
class Figures:
    """What ``analyze`` prints of one snapshot, stored with it (table ``figures``) so that
    ``analyze --snapshot`` reads them instead of every stored message."""

    definitions: int
    """The version of the figures' definitions they were computed with
    (:data:`netaudit.analyses.summary.DEFINITIONS`): figures of other definitions are not
    used, but computed again from the snapshot's tables."""
    summary: dict[str, Any]
    """:class:`~netaudit.analyses.summary.Summary` as JSON data (``to_dict``)."""
    set_aside: dict[str, int]
    """:func:`~netaudit.model.set_aside_counts` of the snapshot's network."""


class StoredNetwork(Network):
    """A snapshot's :class:`~netaudit.model.Network` whose four tables are read from the file
    when first used: the owner, the files read and the problems met are read at once, and a
    command that needs only ``people`` (or only its stored figures) never reads the 500,000
    messages of a large export. Each table read opens the file again, read-only."""

    def __init__(self, read: Callable[[str], pd.DataFrame]) -> None:
        self.__dict__["_read"] = read
        super().__init__(people=None, messages=None, invitations=None,
                         interactions=None)
        self.__dict__["_tables"] = {}

    def read_tables(self) -> set[str]:
        """The tables read (or set) so far."""
        return set(self.__dict__["_tables"])


def _stored_table(name: str) -> property:
    def get(self: StoredNetwork) -> pd.DataFrame:
        tables = self.__dict__["_tables"]
        if name not in tables:
            tables[name] = self.__dict__["_read"](name)
        return tables[name]

    def put(self: StoredNetwork, value: pd.DataFrame) -> None:
        self.__dict__.setdefault("_tables", {})[name] = value

    return property(get, put, doc=f"The snapshot's ``{name}`` table, read on first use.")


for _name in ("people", "messages", "invitations", "interactions"):
    setattr(StoredNetwork, _name, _stored_table(_name))


class HistoryError(InputError):
    """The history file cannot be used as asked (another owner, no such snapshot, ...)."""


class History:
    """A history file, opened (and created, or migrated, when needed).

    >>> with History(tmp / "history.duckdb") as history:     # doctest: +SKIP
    ...     history.add(netaudit.load("export.zip"), exported_on="2025-12-06")
    """

    def __init__(self, path: str | Path | None = None, *, create: bool = True,
                 read_only: bool = False) -> None:
        import duckdb

        self.path = Path(path) if path is not None else default_path()
        if not self.path.exists():
            if not create or read_only:
                raise HistoryError("no history here yet",
                                   hint="add an export first: netaudit history add EXPORT",
                                   path=self.path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise HistoryError(f"cannot be opened as a history database: {_first_line(exc)}",
                               hint="pass another file with --db, or close the netaudit "
                               "that is writing to it", path=self.path) from None
        self.read_only = read_only
        self._upgrade()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # --- schema -------------------------------------------------------------------------
    def schema_version(self) -> int:
        found = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = "
            "'netaudit_schema'").fetchone()
        if not found or not found[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM netaudit_schema").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _upgrade(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise HistoryError(
                f"was written by a newer netaudit (schema version {version}; this one reads "
                f"up to {SCHEMA_VERSION})", hint="upgrade netaudit", path=self.path)
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise HistoryError(f"has schema version {version}, this netaudit needs "
                               f"{SCHEMA_VERSION}", hint="run `netaudit history list` once "
                               "to upgrade it", path=self.path)
        with self._transaction():
            if version == 0:
                self.con.execute("CREATE TABLE netaudit_schema (version INTEGER NOT NULL, "
                                 "migrated_at TIMESTAMPTZ NOT NULL)")
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](self.con)
                self.con.execute("INSERT INTO netaudit_schema VALUES (?, now())", [step + 1])

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    @contextmanager
    def _one_thread(self) -> Iterator[None]:
        """DuckDB on one thread inside: its workers cost 0.2 s more CPU than one thread to
        store the 500,000 messages of a large export, and took no less time on the clock
        (issue 17). Each full row group of an insert is also compressed and written at
        once (``write_buffer_row_group_count``, DuckDB 2.0): DuckDB's default of keeping five
        uncompressed until the commit cost 0.05 s more CPU at 500,000 messages, in memory
        it mapped anew. Set and reset outside a transaction: in one that an error aborted,
        DuckDB refuses every statement but ROLLBACK."""
        import duckdb

        settings = []
        for name, value in _WRITING.items():
            # A setting this DuckDB lacks is refused: asking duckdb_settings() first cost
            # 3 ms, as much as storing the invitations.
            try:
                self.con.execute(f"SET {name} = {value}")
            except duckdb.CatalogException:
                continue
            settings.append(name)
        try:
            yield
        finally:
            for name in settings:
                self.con.execute(f"RESET {name}")

    # --- reading ------------------------------------------------------------------------
    def snapshots(self) -> list[Snapshot]:
        """Every snapshot, oldest export first (then in the order they were added)."""
        rows = self.con.execute(
            "SELECT snapshot_id, exported_on, added_at, owner_name, connections, hidden, "
            "messages, inputs, content_hash FROM snapshots "
            "ORDER BY exported_on NULLS FIRST, snapshot_id").fetchall()
        return [Snapshot(int(r[0]), r[1].isoformat() if r[1] else None,
                         r[2].isoformat(timespec="seconds"), r[3], r[4], r[5], r[6], r[7],
                         r[8]) for r in rows]

    def resolve(self, which: str | int) -> Snapshot:
        """The snapshot ``which`` names: its id, or ``latest`` (the newest export)."""
        snapshots = self.snapshots()
        if not snapshots:
            raise HistoryError("holds no snapshot yet",
                               hint="add an export first: netaudit history add EXPORT",
                               path=self.path)
        if str(which).strip().lower() == "latest":
            return snapshots[-1]
        try:
            wanted = int(str(which))
        except ValueError:
            raise UsageError(f"--snapshot {which!r} is not a snapshot id",
                             hint="pass a number from `netaudit history list`, or latest"
                             ) from None
        for snapshot in snapshots:
            if snapshot.snapshot_id == wanted:
                return snapshot
        ids = ", ".join(str(s.snapshot_id) for s in snapshots)
        raise HistoryError(f"holds no snapshot {wanted}", hint=f"its snapshots: {ids}",
                           path=self.path)

    def load(self, which: str | int = "latest", *, lazy: bool = False) -> Network:
        """The Network stored as snapshot ``which`` (an id or ``latest``); with ``lazy``, a
        :class:`StoredNetwork` whose tables are read from the file when first used (the
        file may be closed by then: each is read through a connection of its own)."""
        from netaudit.errors import Problem
        from netaudit.model import SourceFile

        snapshot = self.resolve(which)
        sid = snapshot.snapshot_id
        network: Network
        if lazy:
            path = self.path

            def read(name: str) -> pd.DataFrame:
                with History(path, create=False, read_only=True) as history:
                    return history._read_table(name, sid)

            network = StoredNetwork(read)
        else:
            network = Network()
            for name in ("people", "messages", "invitations", "interactions"):
                setattr(network, name, self._read_table(name, sid))
        network.owner = self._owner(sid)
        row = self.con.execute("SELECT set_aside FROM snapshots WHERE snapshot_id = ?",
                               [sid]).fetchone()
        assert row is not None
        network.set_aside = {k: int(v) for k, v in json.loads(row[0]).items()}
        network.sources = [SourceFile(*r) for r in self.con.execute(
            'SELECT path, kind, "rows", note FROM sources WHERE snapshot_id = ? '
            "ORDER BY rowid", [sid]).fetchall()]
        network.problems = [Problem(*r) for r in self.con.execute(
            "SELECT path, message, count, example_row, unit FROM problems "
            "WHERE snapshot_id = ? ORDER BY rowid", [sid]).fetchall()]
        return network

    def _owner(self, sid: int) -> Owner | None:
        row = self.con.execute("SELECT owner_person_id, owner_name, owner_how FROM snapshots "
                               "WHERE snapshot_id = ?", [sid]).fetchone()
        return Owner(row[0], row[1], row[2]) if row is not None and row[0] is not None else None

    def figures(self, which: str | int = "latest") -> Figures | None:
        """The figures stored with snapshot ``which`` (None for a snapshot stored without
        them: by netaudit before schema version 4, or through :meth:`add` without
        ``figures``)."""
        sid = self.resolve(which).snapshot_id
        row = self.con.execute("SELECT definitions, summary, set_aside FROM figures "
                               "WHERE snapshot_id = ?", [sid]).fetchone()
        if row is None:
            return None
        return Figures(int(row[0]), json.loads(row[1]), json.loads(row[2]))

    def _read_table(self, name: str, sid: int) -> pd.DataFrame:
        import pyarrow as pa
        import pyarrow.compute as pc

        from netaudit.model import COLUMNS, conform

        # Only the columns the file has: one the model gained since the file was written
        # is filled empty by conform until a migration adds it.
        stored = self._columns(name)
        spec = {c: v for c, v in COLUMNS[name].items() if c in stored}
        # A list column comes back joined by U+001F: messages of one conversation repeat the
        # same few recipient lists, and each distinct one is then split once (_tuples).
        # DuckDB keeps the insertion order of a plain scan (preserve_insertion_order).
        selected = ", ".join(f"array_to_string(\"{c}\", chr(31)) AS \"{c}\"" if d == "object"
                             else f'"{c}"' for c, (d, _) in spec.items())
        table = self.con.sql(f"SELECT {selected} FROM {name} WHERE snapshot_id = {int(sid)}"
                             ).to_arrow_table()
        for i, (column, (dtype, _)) in enumerate(spec.items()):
            if dtype.startswith("datetime"):
                table = table.set_column(i, column, pc.cast(table.column(column),
                                                            pa.timestamp("ns", tz="UTC")))
        frame = table.to_pandas()
        for column, (dtype, _) in spec.items():
            if dtype == "object":
                frame[column] = _tuples(frame[column])
        return conform(frame, name)

    # --- writing ------------------------------------------------------------------------
    def add(self, network: Network, *, exported_on: str | None, inputs: str = "",
            figures: Callable[[], Figures] | None = None) -> tuple[Snapshot, bool]:
        """Store ``network`` as a new snapshot; (the snapshot, True), or (the snapshot that
        already holds the same content, False). Refuses another person's export.
        ``figures`` computes what ``analyze`` prints of it, stored with it (called only
        when the snapshot is new; :meth:`netaudit.audit.Audit.save_snapshot` passes it)."""
        from netaudit.analyses.diff import owner_key

        recipients = _distinct_lists(network.messages["recipient_ids"])
        digest = _content_hash(network, recipients)
        for snapshot in self.snapshots():
            if snapshot.content_hash == digest:
                return snapshot, False
        self._check_owner(network)
        computed = figures() if figures is not None else None
        # The two figures of the connections from their columns: network.connections copies
        # all 19 columns of the people first.
        people = network.people
        connections = people["is_connection"] & ~people["is_owner"]
        messages = network.messages
        owner = network.owner
        with self._one_thread(), self._transaction():
            row = self.con.execute("SELECT coalesce(max(snapshot_id), 0) + 1 FROM snapshots"
                                   ).fetchone()
            sid = int(row[0]) if row else 1
            self.con.execute(
                "INSERT INTO snapshots VALUES (?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?)",
                [sid, digest, owner.name if owner else "", owner_key(network),
                 owner.person_id if owner else None, owner.how if owner else "",
                 exported_on, inputs, int(connections.sum()),
                 int(people["hidden"][connections].sum()),
                 int((~(messages["is_draft"] | messages["is_system"])).sum()),
                 json.dumps(network.set_aside, sort_keys=True)])
            for source in network.sources:
                self.con.execute("INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
                                 [sid, source.path, source.kind, source.rows, source.note])
            for problem in network.problems:
                self.con.execute("INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?)",
                                 [sid, problem.path, problem.message, problem.count,
                                  problem.example_row, problem.unit])
            for name in ("people", "messages", "invitations", "interactions"):
                self._insert(name, sid, getattr(network, name),
                             recipients if name == "messages" else None)
            if computed is not None:
                from netaudit.encode import to_data

                self.con.execute("INSERT INTO figures VALUES (?, ?, ?, ?)",
                                 [sid, computed.definitions,
                                  json.dumps(to_data(computed.summary)),
                                  json.dumps(computed.set_aside)])
            _pause_for_tests()
        return self.resolve(sid), True

    def _insert(self, name: str, sid: int, frame: pd.DataFrame,
                recipients: _Lists | None = None) -> None:
        import numpy as np
        import pyarrow as pa

        from netaudit.model import COLUMNS

        arrays = {"snapshot_id": pa.array(np.full(len(frame), sid, dtype=np.int32))}
        stored = self._columns(name)
        for column, (dtype, _) in COLUMNS[name].items():
            if column not in stored:
                continue  # a column the model gained after this file's schema version
            values = frame[column]
            if dtype == "object":
                # Each distinct list built once, then repeated (messages.recipient_ids).
                codes, lists = recipients if recipients is not None else _distinct_lists(values)
                arrays[column] = lists.take(pa.array(codes))
            elif dtype.startswith("datetime"):
                arrays[column] = pa.array(values, type=pa.timestamp("ns", tz="UTC"))
            elif dtype == "bool":
                arrays[column] = pa.array(values.to_numpy(dtype=bool))
            else:
                arrays[column] = pa.array(values.astype(str))  # large_string: no copy
        staged = pa.table(arrays)  # noqa: F841 - read by name in the SQL below
        # By name: a column a migration added sits at the end of the stored table.
        self.con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM staged")

    def _columns(self, name: str) -> set[str]:
        return {str(r[0]) for r in self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
            [name]).fetchall()}

    def _check_owner(self, network: Network) -> None:
        from netaudit.analyses.diff import same_owner

        snapshots = self.snapshots()
        if not snapshots:
            return
        # The owner and, when a network names none, its people: never the messages, read
        # through this connection (the file is open for writing, in one transaction).
        last = snapshots[-1].snapshot_id
        stored = StoredNetwork(lambda name: self._read_table(name, last))
        stored.owner = self._owner(last)
        if same_owner(stored, network):
            return
        theirs = network.owner.name if network.owner and network.owner.name else "someone else"
        raise HistoryError(
            f"holds the history of {snapshots[-1].owner_name or 'another person'}; the export "
            f"given is {theirs}'s", hint="keep each person's history in its own file: "
            "--db OTHER.duckdb", path=self.path)

    def remove(self, which: str | int) -> Snapshot:
        """Delete a snapshot and its rows (one transaction)."""
        snapshot = self.resolve(which)
        with self._transaction():
            for name in ("people", "messages", "invitations", "interactions", "sources",
                         "problems", "figures", "snapshots"):
                self.con.execute(f"DELETE FROM {name} WHERE snapshot_id = ?",
                                 [snapshot.snapshot_id])
        return snapshot

    def export(self, folder: str | Path, *, force: bool = False) -> list[Path]:
        """Write every table (and the ``connections`` view) as ``<name>.parquet`` in
        ``folder``; refuses to overwrite unless ``force``."""
        from netaudit.errors import OutputExists

        folder = Path(folder)
        names = ["snapshots", "people", "connections", "messages", "invitations",
                 "interactions", "sources", "problems", "figures", "netaudit_schema"]
        targets = [folder / f"{name}.parquet" for name in names]
        existing = [t for t in targets if t.exists()]
        if existing and not force:
            raise OutputExists("already exists", hint="pass --force to overwrite, or "
                              "another folder", path=existing[0])
        folder.mkdir(parents=True, exist_ok=True)
        for name, target in zip(names, targets, strict=True):
            order = " ORDER BY snapshot_id" if name != "netaudit_schema" else ""
            quoted = str(target).replace("'", "''")
            self.con.execute(f"COPY (SELECT * FROM {name}{order}) TO '{quoted}' "
                             "(FORMAT PARQUET)")
        return targets


def _tuples(joined: pd.Series) -> list[tuple[str, ...]]:
    """Lists joined by U+001F back into tuples, each distinct list split once.

    >>> import pandas as pd
    >>> _tuples(pd.Series(["a\x1fb", "", "a\x1fb"]))
    [('a', 'b'), (), ('a', 'b')]
    """
    import pandas as pd

    codes, uniques = pd.factorize(joined, use_na_sentinel=False)
    built = [tuple(u.split("\x1f")) if isinstance(u, str) and u else () for u in uniques]
    return [built[c] for c in codes.tolist()]


#: A list column's values as (codes, distinct lists): row ``i`` holds ``lists[codes[i]]``.
_Lists = tuple["np.ndarray", "pa.ListArray"]


def _distinct_lists(values: pd.Series) -> _Lists:
    """The tuples of a list column (``messages.recipient_ids``) as codes into its distinct
    tuples, each once as an Arrow list of strings: the messages of one conversation repeat
    the same few recipient lists (35,000 distinct among 500,000 messages).

    >>> import pandas as pd
    >>> codes, lists = _distinct_lists(pd.Series([("a", "b"), (), ("a", "b")]))
    >>> codes.tolist(), lists.to_pylist()
    ([0, 1, 0], [['a', 'b'], []])
    """
    import pandas as pd
    import pyarrow as pa

    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    return codes, pa.array(uniques, type=pa.list_(pa.string()))


def content_hash(network: Network) -> str:
    """A digest of what a snapshot stores, without what depends on where the files were:
    file paths (``source``), message ids, and person ids (replaced by their rank in the
    people table).

    >>> from netaudit.model import Network
    >>> content_hash(Network()) == content_hash(Network())
    True
    """
    return _content_hash(network, _distinct_lists(network.messages["recipient_ids"]))


def _content_hash(network: Network, recipients: _Lists) -> str:
    """:func:`content_hash`, given the distinct recipient lists of the messages.

    The digest is, for each table, that of ``pd.util.hash_pandas_object(frame,
    index=False)`` over the table without ``source`` (and ``message_id``), each person id
    replaced by its rank in the people table as a string ('?' for none; a recipient list by
    its ranks joined by spaces), then ``owner:`` and the owner's rank. Computed column by
    column, with the same values, without building those frames: a rank string's hash is
    computed once and repeated (:func:`_combine_hashes` combines the columns as pandas
    does).
    """
    import hashlib

    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from netaudit.model import factorize_text

    def hashed(values: pd.Series) -> np.ndarray:
        return pd.util.hash_pandas_object(values, index=False).to_numpy()

    def text(values: pd.Series) -> pa.Array | pa.ChunkedArray:
        if values.dtype != "str":
            values = values.map(lambda v: v if isinstance(v, str) else None)
        return pa.array(values, from_pandas=True)

    people = network.people
    person_ids = pa.array(people["person_id"].astype(str))
    n = len(person_ids)
    # The rank strings '0', '1', ...: Arrow's text of the integers is str(i).
    ranks = np.concatenate([pa.array(np.arange(n)).cast(pa.string()).to_numpy(
        zero_copy_only=False), np.array(["?"], dtype=object)])
    rank_hashes = pd.util.hash_array(ranks, categorize=False)  # distinct already

    # Every person id the tables name, looked up at once: index_in builds its set of the
    # people's ids anew at each call (3 ms for 76,000 people), and there were six.
    by_id = {"people": "person_id", "invitations": "person_id", "interactions": "person_id",
             "messages": "sender_id"}
    wanted: dict[str, pa.Array | pa.ChunkedArray] = {}
    for name, column in by_id.items():
        frame = getattr(network, name)
        if column not in frame.columns:
            continue
        values = frame[column]
        if name == "messages" and values.dtype == "str":
            # The distinct senders, from the codes factorize_text keeps.
            wanted[name] = pa.array(factorize_text(values)[1], type=pa.string())
        else:
            wanted[name] = text(values)
    codes, lists = recipients
    wanted["recipients"] = lists.flatten()
    owner = network.owner
    if owner:
        wanted["owner"] = pa.array([owner.person_id], type=pa.string())
    rank = dict(zip(wanted, _ranks_in(person_ids, list(wanted.values())), strict=True))

    def recipient_hashes() -> np.ndarray:
        members = ranks[rank["recipients"]] if len(lists) else ranks[:0]
        joined = pc.binary_join(pa.ListArray.from_arrays(
            lists.offsets, pa.array(members, type=pa.string())), " ")
        # No missing text: each distinct list's text hashed as pandas hashes it.
        texts = np.concatenate([joined.to_numpy(zero_copy_only=False),
                                np.array([""], dtype=object)])
        return pd.util.hash_array(texts, categorize=False)[codes]

    dropped = {"people": {"source"}, "invitations": {"source"}, "interactions": {"source"},
               "messages": {"source", "message_id"}}
    digest = hashlib.sha256()
    for name in ("people", "invitations", "interactions", "messages"):
        frame = getattr(network, name)
        missing = dropped[name] - set(frame.columns)
        if missing:
            raise KeyError(f"{sorted(missing)} not found in axis")
        columns = []
        for column in frame.columns:
            if column in dropped[name]:
                continue
            values = frame[column]
            if name == "messages" and column in ("sender_id", "conversation_id") and (
                    values.dtype == "str"):
                # Each distinct value hashed once, as pandas hashes text (a missing value:
                # the largest uint64), from the codes factorize_text keeps for these two.
                value_codes, distinct = factorize_text(values)
                if column == "sender_id":
                    once = rank_hashes[rank[name]]
                    absent = rank_hashes[n]
                else:
                    once = pd.util.hash_array(np.asarray(distinct, dtype=object),
                                              categorize=False)
                    absent = np.uint64(2**64 - 1)
                columns.append(np.append(once, absent)[value_codes])  # code -1: the last
            elif column == by_id[name]:
                columns.append(rank_hashes[rank[name]])
            elif name == "messages" and column == "recipient_ids":
                columns.append(recipient_hashes())
            elif (name, column) in _DISTINCT and values.dtype == "str" and not values.hasnans:
                # Hashed as they are: pandas finds the distinct values first, and nearly
                # every value is (9 ms of 23 ms for 76,000 people's profile URLs).
                columns.append(pd.util.hash_array(values.to_numpy(dtype=object),
                                                  categorize=False))
            else:
                columns.append(hashed(values))
        digest.update(name.encode())
        digest.update(_combine_hashes(columns, len(frame)).tobytes())
    owner_rank = str(ranks[rank["owner"][0]]) if owner else ""
    digest.update(f"owner:{owner_rank}".encode())
    return digest.hexdigest()


def _ranks_in(person_ids: pa.Array, arrays: list[pa.Array | pa.ChunkedArray]
              ) -> list[np.ndarray]:
    """Each value's rank in ``person_ids`` (the people table's ids), for each of ``arrays``:
    the place of its last occurrence there (as in a dict of ids), ``len(person_ids)`` when it
    is none's or missing. All looked up in one pass.

    >>> import pyarrow as pa
    >>> ids = pa.array(["a", "b", "a"])
    >>> [r.tolist() for r in _ranks_in(ids, [pa.array(["b", None]), pa.array(["a", "z"])])]
    [[1, 3], [2, 3]]
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(person_ids)
    # index_in finds a value's first place: look among the ids reversed.
    reversed_ids = person_ids.take(pa.array(np.arange(n - 1, -1, -1)))
    chunks = [a.cast(reversed_ids.type) for a in arrays]
    values = pa.chunked_array([c for a in chunks for c in (
        a.chunks if isinstance(a, pa.ChunkedArray) else [a])], type=reversed_ids.type)
    found = pc.index_in(values, value_set=reversed_ids, skip_nulls=True)
    place = found.fill_null(-1).to_numpy(zero_copy_only=False)
    ranks = np.where(place < 0, n, n - 1 - place)
    return np.split(ranks, np.cumsum([len(a) for a in arrays])[:-1])


def _combine_hashes(columns: list[np.ndarray], length: int) -> np.ndarray:
    """The rows' hashes from their columns' (uint64) hashes, as
    ``pd.util.hash_pandas_object(frame, index=False)`` combines them (CPython's tuple hash).

    >>> import numpy as np
    >>> _combine_hashes([np.array([1, 2], dtype=np.uint64)], 2).tolist()
    [3430019387558, 3430020387561]
    """
    import numpy as np

    out = np.full(length, 0x345678, dtype=np.uint64)
    if not columns:
        return out + np.uint64(97531)
    factor = np.uint64(1000003)
    for i, column in enumerate(columns):
        remaining = len(columns) - i
        out ^= column
        out *= factor
        factor += np.uint64(82520 + remaining + remaining)
    out += np.uint64(97531)
    return out


def export_date(network: Network) -> str | None:
    """When the export was made, as an ISO date: the date in its ZIP's name
    (``…_MM-DD-YYYY.zip``), else the latest date inside (as for several exports given
    together, :func:`netaudit.importers.one_owner`); None for a network without a date."""
    from netaudit.importers import _export_date, export_of

    paths = [s.path for s in network.sources if s.kind == "LinkedIn connections"] or [
        s.path for s in network.sources]
    day, _ = _export_date(export_of(paths[0]) if paths else "", [network])
    return day or None


def _pause_for_tests() -> None:
    marker = os.environ.get(PAUSE_VARIABLE)
    if marker:
        import time

        Path(marker).write_text("inside the transaction\n")
        time.sleep(60)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


__all__ = ["Figures", "History", "HistoryError", "NetauditError", "SCHEMA_VERSION", "Snapshot",
           "StoredNetwork",
           "content_hash", "default_path", "export_date"]
