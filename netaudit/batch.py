"""Many exports at once (``netaudit batch``): every export's ``analyze`` figures as one summary
row and its per-person tables, written as Parquet partitioned by export, resumable and atomic.

Layout of the output folder (docs/batch.md defines every column)::

    OUT/export=<id>/summary.parquet               one row: every figure of `analyze --json`
    OUT/export=<id>/connections_by_year.parquet   one row per year
    OUT/export=<id>/ties.parquet                  one row per person (tie strength)
    OUT/export=<id>/outreach.parquet              one row per person the owner reached
    OUT/failures.parquet                          the exports of the last run that failed

The export id is the first 16 hex digits of the SHA-256 of the export's bytes (for a folder:
of its files' relative names and bytes), so it says nothing of where the file lay, stays the
same when the file is moved or renamed, and is the same for two copies of one export. Nothing
written in OUT holds a local path: a file is named by its base name only.

An export counts as done when its ``export=<id>`` folder exists; it is written in
``OUT/.partial/`` first and renamed into place once every table is written, so a run that
crashes leaves no half export that a later run would take for done (the next run removes
what was left in ``.partial`` and does that export again).

Work is shared over one :class:`concurrent.futures.ProcessPoolExecutor` started with
``spawn`` (the same on Linux, macOS and Windows; no state copied from the parent). Progress:
``progress("exports", done, total)`` after each export (see :mod:`netaudit.progress`).
An export that fails (a :class:`~netaudit.errors.NetauditError` or any other exception) is
recorded with a one-line reason and the batch goes on.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netaudit.errors import NetauditError, OutputError, UsageError
from netaudit.progress import Progress

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["TABLES", "BatchResult", "ExportOutcome", "export_id", "run_batch"]

#: The tables written per export, in this order; an export folder holds all of them.
TABLES = ("summary", "connections_by_year", "ties", "outreach")
PARTIAL = ".partial"
FAILURES = "failures.parquet"
#: Columns of failures.parquet.
FAILURE_COLUMNS = ("export", "file", "reason")
#: Entries of ``top_companies`` / ``top_roles`` flattened into the summary row (analyze's top 10).
TOP = 10
#: Hex digits of SHA-256 kept as the export id: 64 bits, no collision in any agency's lifetime.
ID_DIGITS = 16
#: The folder names of a partition, hive style.
PARTITION = "export="


class Status:
    """What happened to one export in a run."""

    DONE = "done"
    """Read, analysed and written in this run."""
    SKIPPED = "skipped"
    """Already complete in the output folder: not read again."""
    DUPLICATE = "duplicate"
    """The same bytes as another export given in this run: done once."""
    FAILED = "failed"
    """Could not be read or analysed; ``reason`` says why. Tried again by the next run."""


@dataclass
class ExportOutcome:
    """One export of a run. ``path`` is the path as given (shown to the user, never written
    in the output folder); ``file`` its base name."""

    path: Path
    export: str | None
    status: str
    reason: str | None = None
    cpu_seconds: float | None = None
    connections: int | None = None
    people: int | None = None

    @property
    def file(self) -> str:
        return self.path.name

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "file": self.file, "export": self.export,
                "status": self.status, "reason": self.reason,
                "cpu_seconds": (round(self.cpu_seconds, 3) if self.cpu_seconds is not None
                                else None),
                "connections": self.connections, "people": self.people}


@dataclass
class BatchResult:
    """The run: one outcome per path given, in the order given."""

    out: Path
    jobs: int
    outcomes: list[ExportOutcome] = field(default_factory=list)
    wall_seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> list[ExportOutcome]:
        return [o for o in self.outcomes if o.status == Status.FAILED]

    @property
    def cpu_seconds_per_export(self) -> float | None:
        """Mean CPU time of the exports done in this run, measured inside the worker (reading,
        analysing, writing; not the start of the worker processes)."""
        times = [o.cpu_seconds for o in self.outcomes
                 if o.status == Status.DONE and o.cpu_seconds is not None]
        return sum(times) / len(times) if times else None

    def to_dict(self) -> dict[str, Any]:
        per_export = self.cpu_seconds_per_export
        return {
            "out": str(self.out), "jobs": self.jobs, "exports": len(self.outcomes),
            "done": self.count(Status.DONE), "skipped": self.count(Status.SKIPPED),
            "duplicate": self.count(Status.DUPLICATE), "failed": self.count(Status.FAILED),
            "wall_seconds": round(self.wall_seconds, 3),
            "cpu_seconds_per_export": round(per_export, 3) if per_export is not None else None,
            "failures": [{"file": o.file, "path": str(o.path), "export": o.export,
                          "reason": o.reason} for o in self.failed],
            "outcomes": [o.to_dict() for o in self.outcomes],
        }


# --------------------------------------------------------------------------------------------
# Export ids.


def export_id(path: str | Path) -> str:
    """The id of the export at ``path``: SHA-256 of its bytes (a folder: of each file's path
    relative to it, then its bytes, in sorted order), first :data:`ID_DIGITS` hex digits.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text("x")
    >>> export_id(folder / "a.csv") == hashlib.sha256(b"x").hexdigest()[:16]
    True
    """
    path = Path(path)
    digest = hashlib.sha256()
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            name = file.relative_to(path).as_posix().encode("utf-8", "surrogateescape")
            digest.update(len(name).to_bytes(4, "big") + name)
            digest.update(file.stat().st_size.to_bytes(8, "big"))
            _hash_file(file, digest)
    else:
        _hash_file(path, digest)
    return digest.hexdigest()[:ID_DIGITS]


def _hash_file(path: Path, digest: Any) -> None:
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)


# --------------------------------------------------------------------------------------------
# Tables.


def _schemas() -> dict[str, pa.Schema]:
    """Fixed schemas, so that every export's files read as one table (a column that is empty
    in one export would otherwise have no type there)."""
    import pyarrow as pa

    from netaudit.analyses.ties import Component

    text, integer, real, flag = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    summary = [
        ("file", text), ("exported_on", text), ("netaudit_version", text),
        ("owner", text), ("owner_how", text), ("connections", integer),
        ("hidden_profiles", integer), ("with_email", integer),
        ("invitations_incoming", integer), ("invitations_outgoing", integer),
        ("messaged", integer), ("dormant", integer),
        ("first_connection", text), ("last_connection", text),
        ("messages", integer), ("conversations", integer),
    ]
    summary += [f for i in range(1, TOP + 1)
                for f in ((f"top_company_{i}", text), (f"top_company_{i}_connections", integer))]
    summary += [f for i in range(1, TOP + 1)
                for f in ((f"top_role_{i}", text), (f"top_role_{i}_connections", integer))]
    summary += [
        ("outreach_reached", integer), ("outreach_replied", integer),
        ("outreach_reply_rate", real), ("outreach_window_days", integer),
        ("outreach_ci95_low", real), ("outreach_ci95_high", real),
        ("one_to_one_connections_reached", integer), ("one_to_one_connections_replied", integer),
        ("one_to_one_connections_reply_rate", real),
        ("one_to_one_connections_ci95_low", real), ("one_to_one_connections_ci95_high", real),
        ("missing", pa.list_(text)),
    ]
    summary += [(f"set_aside_{kind}", integer) for kind in _set_aside_kinds()]
    ties = [("person_id", text), ("name", text), ("company", text), ("position", text),
            ("is_connection", flag), ("connected_on", text), ("score", real),
            *((c.value, real) for c in Component),
            ("layer", text), ("status", text), ("messages_from_owner", integer),
            ("messages_to_owner", integer), ("messages_last_90_days", integer),
            ("first_contact", text), ("last_contact", text),
            ("days_since_last_contact", real), ("usual_gap_days", real),
            ("conversations_1to1", integer), ("conversations_group", integer),
            ("recommendations_given", integer), ("recommendations_received", integer),
            ("endorsements_given", integer), ("endorsements_received", integer),
            ("invited_by", text)]
    outreach = [("person_id", text), ("is_connection", flag), ("outreach", integer),
                ("outreach_one_to_one", integer), ("replied", flag),
                ("replied_one_to_one", flag)]
    return {"summary": pa.schema(summary),
            "connections_by_year": pa.schema([("year", integer), ("connections", integer)]),
            "ties": pa.schema(ties), "outreach": pa.schema(outreach)}


def _set_aside_kinds() -> list[str]:
    from netaudit.model import Network, set_aside_counts

    return list(set_aside_counts(Network()))


def summary_row(summary: dict[str, Any], set_aside: dict[str, int], *, file: str,
                exported_on: str | None) -> dict[str, Any]:
    """``analyze --json`` flattened into one row (connections_by_year goes to its own table).

    >>> row = summary_row({"owner": "Ana", "owner_how": "given", "connections": 2,
    ...     "hidden_profiles": 0, "with_email": 1, "connections_by_year": {"2020": 2},
    ...     "invitations": {"incoming": 1, "outgoing": 0}, "messaged": 1, "dormant": 1,
    ...     "first_connection": "2020-01-02", "last_connection": "2020-03-04", "messages": 3,
    ...     "conversations": 1, "top_companies": [{"company": "Kestrel", "connections": 2}],
    ...     "top_roles": [], "outreach": None, "missing": []}, {"sponsored": 4},
    ...     file="a.zip", exported_on=None)
    >>> row["top_company_1"], row["top_company_2"], row["outreach_reached"], row["set_aside_sponsored"]
    ('Kestrel', None, None, 4)
    """
    from netaudit import __version__

    row: dict[str, Any] = {
        "file": file, "exported_on": exported_on, "netaudit_version": __version__,
        **{key: summary[key] for key in (
            "owner", "owner_how", "connections", "hidden_profiles", "with_email", "messaged",
            "dormant", "first_connection", "last_connection", "messages", "conversations")},
        "invitations_incoming": summary["invitations"]["incoming"],
        "invitations_outgoing": summary["invitations"]["outgoing"],
        "missing": list(summary["missing"]),
    }
    for key, label in (("top_companies", "company"), ("top_roles", "role")):
        entries = summary[key]
        for i in range(1, TOP + 1):
            entry = entries[i - 1] if i <= len(entries) else {}
            row[f"top_{label}_{i}"] = entry.get(label)
            row[f"top_{label}_{i}_connections"] = entry.get("connections")
    outreach = summary.get("outreach") or {}
    one = outreach.get("one_to_one_connections") or {}
    for prefix, figures in (("outreach", outreach), ("one_to_one_connections", one)):
        ci = figures.get("ci95") or (None, None)
        row[f"{prefix}_reached"] = figures.get("reached")
        row[f"{prefix}_replied"] = figures.get("replied")
        row[f"{prefix}_reply_rate"] = figures.get("reply_rate")
        row[f"{prefix}_ci95_low"], row[f"{prefix}_ci95_high"] = ci
    row["outreach_window_days"] = outreach.get("window_days")
    for kind, count in set_aside.items():
        row[f"set_aside_{kind}"] = count
    return row


def _without_path(text: str, path: Path) -> str:
    """``text`` with the export's local path replaced by its base name (error messages and
    ``owner_how`` name the file read)."""
    for spelled in sorted({str(path), str(path.resolve()), str(path.absolute())}, key=len,
                          reverse=True):
        text = text.replace(spelled, path.name)
    return text


def _tables(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """Read and analyse one export: its tables as ``{name: pyarrow.Table}``, and counts."""
    import pyarrow as pa

    from netaudit.analyses.replies import find_outreach, outreach_and_people
    from netaudit.analyses.summary import summarize
    from netaudit.analyses.ties import tie_strength
    from netaudit.history import export_date
    from netaudit.importers import load
    from netaudit.model import set_aside_counts

    network = load([path])
    # One outreach search for the reply rate and the ties, as Audit shares it (each had
    # its own: a search per export more than needed, issue 17).
    found = find_outreach(network)[0] if not network.messages.empty else None
    outreach, reached = outreach_and_people(network, table=found)
    summary = summarize(network, outreach=outreach).to_dict()
    summary["owner_how"] = _without_path(summary["owner_how"], path)
    ties = tie_strength(network, outreach=found).rows
    schemas = _schemas()
    row = summary_row(summary, set_aside_counts(network), file=path.name,
                      exported_on=export_date(network))
    years = summary["connections_by_year"]
    tables = {
        "summary": pa.Table.from_pylist([row], schema=schemas["summary"]),
        "connections_by_year": pa.table(
            {"year": pa.array([int(y) for y in years], pa.int64()),
             "connections": pa.array(list(years.values()), pa.int64())},
            schema=schemas["connections_by_year"]),
        "ties": _from_pandas(ties, schemas["ties"], path),
        "outreach": _from_pandas(reached, schemas["outreach"], path),
    }
    return tables, {"connections": summary["connections"], "people": len(ties)}


def _from_pandas(frame: Any, schema: pa.Schema, path: Path) -> pa.Table:
    """``frame`` as a table of ``schema``, its ``person_id`` without the export's local path
    (an id is the file and row a person was first read from: ``<path>:Connections.csv:12``
    becomes ``<file name>:Connections.csv:12``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    # A text column is handed over as its Arrow array (through Python objects it cost 2.5 ms
    # an export, issue 17); a missing value is null either way.
    columns = [pa.array(frame[f.name] if f.type == pa.string() else frame[f.name].to_numpy(),
                        type=f.type, from_pandas=True)
               for f in schema]
    ids = schema.get_field_index("person_id")
    prefix = str(path)
    if ids >= 0 and prefix != path.name:
        starts = pc.starts_with(columns[ids], prefix)
        stripped = pc.binary_join_element_wise(
            path.name, pc.utf8_slice_codeunits(columns[ids], len(prefix)), "")
        columns[ids] = pc.if_else(starts, stripped, columns[ids])
    return pa.Table.from_arrays(columns, schema=schema)


# --------------------------------------------------------------------------------------------
# One export, in a worker.


def _write_export(out: Path, export: str, tables: dict[str, Any]) -> None:
    """Write the tables in ``out/.partial/`` and rename the folder into place (the commit)."""
    import pyarrow.parquet as pq

    partial = out / PARTIAL / f"{export}-{uuid.uuid4().hex[:8]}"
    partial.mkdir(parents=True)
    try:
        for name in TABLES:
            pq.write_table(tables[name], partial / f"{name}.parquet", compression="zstd")
        _commit(partial, out / f"{PARTITION}{export}")
    finally:
        if partial.exists():
            shutil.rmtree(partial, ignore_errors=True)


def _commit(partial: Path, final: Path) -> None:
    """Rename the finished folder into place: atomic on one file system. A folder already
    there (another run finished the same export meanwhile) is kept."""
    try:
        os.rename(partial, final)
    except OSError:
        if not final.is_dir():
            raise


def process_export(path: str, out: str, export: str) -> dict[str, Any]:
    """Read, analyse and write one export; never raises (a failure is returned with its
    reason). Top-level and with plain arguments so that a ``spawn`` worker can run it."""
    started = time.process_time()
    source = Path(path)
    try:
        tables, counts = _tables(source)
        _write_export(Path(out), export, tables)
    except NetauditError as exc:
        return {"status": Status.FAILED, "reason": _one_line(_without_path(str(exc), source))}
    except OSError as exc:
        # A disk full or a folder not writable while writing, a file gone while reading.
        where = Path(exc.filename).name if exc.filename else source.name
        reason = (f"{where}: {exc.strerror or type(exc).__name__} (check the free space and "
                  "the permissions, then run the batch again)")
        return {"status": Status.FAILED, "reason": _one_line(reason)}
    except Exception as exc:  # noqa: BLE001 - one export's bug must not stop the batch
        reason = f"internal error: {type(exc).__name__}: {exc} (a bug in netaudit; report it)"
        return {"status": Status.FAILED, "reason": _one_line(_without_path(reason, source))}
    return {"status": Status.DONE, "cpu_seconds": time.process_time() - started, **counts}


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------
# The run.


def run_batch(paths: Sequence[str | Path], out: str | Path, *, jobs: int = 1,
              progress: Progress | None = None,
              worker: Callable[[str, str, str], dict[str, Any]] | None = None) -> BatchResult:
    """Process every export in ``paths`` into ``out``; see the module docstring.

    ``jobs`` worker processes (1: in this process, no pool). ``worker`` replaces
    :func:`process_export` (tests; it must be importable by a spawned process when
    ``jobs > 1``).
    """
    if jobs < 1:
        raise UsageError(f"--jobs {jobs} is not a number of processes",
                         hint="give 1 or more (the machine's cores at most is usually best)")
    if not paths:
        raise UsageError("no export given", hint="give one or more export ZIPs or folders")
    run = worker or process_export
    out = Path(out)
    started = time.perf_counter()
    _prepare(out)
    result = BatchResult(out=out, jobs=jobs)
    with _locked(out):
        shutil.rmtree(out / PARTIAL, ignore_errors=True)  # left by a run that crashed
        todo: list[ExportOutcome] = []
        seen: dict[str, Path] = {}
        for given in paths:
            path = Path(given)
            outcome = ExportOutcome(path=path, export=None, status=Status.FAILED)
            result.outcomes.append(outcome)
            try:
                outcome.export = export_id(path)
            except OSError as exc:
                outcome.reason = (f"{path.name}: cannot be read "
                                  f"({exc.strerror or type(exc).__name__})")
                continue
            if outcome.export in seen:
                outcome.status = Status.DUPLICATE
                outcome.reason = f"the same bytes as {seen[outcome.export].name}"
            elif (out / f"{PARTITION}{outcome.export}").is_dir():
                outcome.status = Status.SKIPPED
            else:
                todo.append(outcome)
            seen.setdefault(outcome.export, path)
        total = len(result.outcomes)
        done = total - len(todo)
        if progress is not None:
            progress("exports", done, total)
        for outcome, answer in _work(run, todo, out, jobs):
            outcome.status = answer["status"]
            outcome.reason = answer.get("reason")
            outcome.cpu_seconds = answer.get("cpu_seconds")
            outcome.connections = answer.get("connections")
            outcome.people = answer.get("people")
            done += 1
            if progress is not None:
                progress("exports", done, total)
        _write_failures(out, result.failed)
    result.wall_seconds = time.perf_counter() - started
    return result


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError("is a file, not a folder", path=out,
                          hint="give --out a folder (it is created if missing)")
    out.mkdir(parents=True, exist_ok=True)


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One run per output folder at a time: a second would remove the first one's partial
    exports. The lock goes with the process that holds it, crash included (POSIX only)."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; one run at a time is documented
        yield
        return
    with (out / ".lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError("another netaudit batch is writing to this folder", path=out,
                              hint="wait for it to finish, or give another --out") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _work(run: Callable[[str, str, str], dict[str, Any]], todo: list[ExportOutcome], out: Path,
          jobs: int) -> Iterator[tuple[ExportOutcome, dict[str, Any]]]:
    """(outcome, the worker's answer) as each export finishes."""
    if jobs == 1 or len(todo) <= 1:
        for outcome in todo:
            yield outcome, run(str(outcome.path), str(out), str(outcome.export))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=context,
                             initializer=_start_worker) as pool:
        # A spawn pool starts a worker at each submit until it has them all: here.
        with _main_script_not_rerun(run is process_export):
            futures = {pool.submit(run, str(o.path), str(out), str(o.export)): o for o in todo}
        for future in as_completed(futures):
            outcome = futures[future]
            try:
                answer = future.result()
            except BrokenProcessPool:
                answer = {"status": Status.FAILED,
                          "reason": "the worker process stopped before this export was "
                                    "written (out of memory?); run the batch again to retry "
                                    "it"}
            yield outcome, answer


@contextmanager
def _main_script_not_rerun(skip: bool) -> Iterator[None]:
    """While workers are spawned: none runs the parent's main script again. A spawned process
    runs it (as ``__mp_main__``) so that a function defined there can be called in it; the
    ``netaudit`` script imports the whole command line for that (typer, rich, every command:
    0.05 s of CPU per worker, issue 17), and :func:`process_export` lives here, not there.
    ``skip`` False (another worker function, which may live in the script): nothing changes.
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if not skip or main is None or path is None or getattr(main, "__spec__", None) is not None:
        # No script to skip (``python -m netaudit`` names a module, which spawn skips).
        yield
        return
    del main.__file__  # what spawn reads to find the script (multiprocessing.spawn)
    try:
        yield
    finally:
        main.__file__ = path


def _start_worker() -> None:
    """The start of a pool worker: Arrow's thread pools down to one thread. The pool already
    keeps every core busy with one export each, so Arrow's threads (CSV parsing, compute
    kernels) would only hand work between threads of one core: more CPU for no time gained
    (issue 17). Only the workers: ``analyze`` and ``--jobs 1`` keep Arrow's threads."""
    import pyarrow as pa

    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)


def _write_failures(out: Path, failed: list[ExportOutcome]) -> None:
    """``failures.parquet``: this run's failed exports, replaced atomically; removed when none
    failed (so it always describes the last run). Parquet, not CSV: a reason or a file name
    starting with ``=`` is no formula to a spreadsheet there."""
    target = out / FAILURES
    if not failed:
        target.unlink(missing_ok=True)
        return
    # Imported only now: with --jobs 2 or more, a run without failures never loads pyarrow
    # in this process (0.03 s).
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"export": [o.export for o in failed], "file": [o.file for o in failed],
                      "reason": [o.reason for o in failed]},
                     schema=pa.schema([(c, pa.string()) for c in FAILURE_COLUMNS]))
    partial = out / f".{FAILURES}.{uuid.uuid4().hex[:8]}"
    pq.write_table(table, partial)
    os.replace(partial, target)
