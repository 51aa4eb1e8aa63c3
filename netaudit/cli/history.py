"""``netaudit diff``, ``netaudit history add|list|remove|export`` and ``netaudit trend``:
what changed between exports, and a local history of snapshots."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netaudit.cli._common import (
    SHOWS,
    Paths,
    Source,
    err,
    flag,
    out,
    print_json,
    progress_bar,
    pseudonyms,
    report_reading,
)
from netaudit.cli.app import app, command

if TYPE_CHECKING:
    from netaudit.audit import Audit

history_app = typer.Typer(
    help="A local history of your exports (one DuckDB file): add, list, remove, export.\n\n"
         "Example: netaudit history add samples/Basic_LinkedInDataExport_11-20-2026.zip",
    no_args_is_help=True, rich_markup_mode="rich")
app.add_typer(history_app, name="history")

#: A value of OLD or NEW that names a stored snapshot instead of a path.
SNAPSHOT_PREFIX = "snapshot:"


def open_one(value: Path, src: Source, *, quiet: bool = True) -> Audit:
    """An Audit of OLD or NEW (a path, or snapshot:ID of ``src.db``), read with the
    options of ``src``, saying what was read unless ``quiet``."""
    text = str(value)
    snapshot = text[len(SNAPSHOT_PREFIX):] if text.lower().startswith(SNAPSHOT_PREFIX) else None
    one = Source(me=src.me, fmt=src.fmt, mapping=src.mapping, quiet=quiet,
                 paths=None if snapshot is not None else [value], snapshot=snapshot,
                 db=src.db if snapshot is not None else None)
    return one.open()


@command(options=("me", "fmt", "mapping", *SHOWS, "verbose", "db"))
def diff(
    src: Source,
    old: Annotated[Path, typer.Argument(metavar="OLD", help="The earlier export (ZIP, folder "
                                        "or file), or snapshot:ID from the history.",
                                        show_default=False)],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="The later export of the same "
                                        "person, or snapshot:ID / snapshot:latest.",
                                        show_default=False)],
    limit: Annotated[int, typer.Option("--limit", min=1, help="Rows shown per list in the "
                                       "terminal (--json lists all).")] = 50,
) -> None:
    """What changed between two exports of the same person: who joined, who left, who hid
    their profile, who changed company or position, and how messages and the reply rate moved.

    Another person's export is refused (exit 1). Definitions: README "What the numbers mean".

    Example: netaudit diff tests/fixtures/history/rosa-2025-05 tests/fixtures/history/rosa-2025-12

    Example: netaudit diff snapshot:1 snapshot:latest
    """
    import pandas as pd

    from netaudit.render.history_terminal import anonymous_diff, render_diff

    # Read quietly, then say what was read with one set of pseudonyms for both exports.
    older, newer = open_one(old, src), open_one(new, src)
    people = pd.concat([newer.network.people, older.network.people],
                       ignore_index=True).drop_duplicates("person_id")
    src.names = pseudonyms(people, src.anonymize, src.anonymize_companies)
    for audit in (older, newer):
        report_reading(audit.network, src.silent or audit.stored is not None, src.names)
    src.show(newer.diff(older), partial(render_diff, limit=limit), anonymous_diff)


@command("add", options=("db", "me", "fmt", "mapping", "json", "quiet", "verbose", "paths",
                  "region"),
         paths=Paths,
         typer_app=history_app)
def history_add(src: Source) -> None:
    """Store the network of one export as a snapshot in the history database.

    The same export added again is stored once; another person's export is refused (exit 1):
    keep each person's history in its own file (--db).

    Example: netaudit history add samples/Basic_LinkedInDataExport_11-20-2026.zip
    """
    snapshot, added = src.open().save_snapshot(src.db)
    where = _where(src.db)
    if src.json:
        print_json({"added": added, "db": where, **snapshot.to_dict()})
    elif added:
        out().print(f"added snapshot {snapshot.snapshot_id} to {where}: export of "
                    f"{snapshot.exported_on or 'unknown date'}, {snapshot.connections:,} "
                    f"connections, {snapshot.messages:,} messages", highlight=False)
    else:
        out().print(f"already stored as snapshot {snapshot.snapshot_id} (export of "
                    f"{snapshot.exported_on or 'unknown date'}, same content); nothing added",
                    highlight=False)


def _where(db: Path | None) -> str:
    from netaudit.history import default_path

    return str(db or default_path())


@command("list", options=("db", "json"), typer_app=history_app)
def history_list(src: Source) -> None:
    """List the snapshots of the history database, oldest export first.

    Example: netaudit history list
    """
    from netaudit.history import History
    from netaudit.render.history_terminal import render_snapshots

    with History(src.db, create=False) as history:
        snapshots = history.snapshots()
    src.show({"db": _where(src.db), "snapshots": snapshots},
             lambda console, data: render_snapshots(console, data["snapshots"], data["db"]))


@command("remove", options=("db",), typer_app=history_app)
def history_remove(
    src: Source,
    snapshot_id: Annotated[str, typer.Argument(metavar="ID", help="The snapshot to remove "
                                               "(an id from `netaudit history list`).",
                                               show_default=False)],
) -> None:
    """Remove one snapshot and every row it stored.

    Example: netaudit history remove 1
    """
    from netaudit.history import History

    with History(src.db, create=False) as history:
        removed = history.remove(snapshot_id)
    out().print(f"removed snapshot {removed.snapshot_id} (export of "
                f"{removed.exported_on or 'unknown date'}) from {_where(src.db)}",
                highlight=False)


@command("export", options=("db",), typer_app=history_app)
def history_export(
    src: Source,
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write the Parquet "
                                           "files into.", show_default=False)],
    force: Annotated[bool, flag("--force", help="Overwrite Parquet files in DIR.")] = False,
) -> None:
    """Write every table of the history as a Parquet file (see docs/history.md).

    Example: netaudit history export snapshots
    """
    from netaudit.history import History

    with History(src.db, create=False, read_only=True) as history:
        written = history.export(folder, force=force)
    err().print(f"wrote {len(written)} Parquet files to {folder}", highlight=False)


@command(options=("db", "json", "quiet"))
def trend(src: Source) -> None:
    """How your network moved over the snapshots of the history: size, growth, who left,
    hid or changed jobs, messages, tie status, and the reply rate per quarter.

    Reads the snapshots `netaudit history add` stored (two or more for a trend).

    Example: netaudit trend
    """
    from netaudit.audit import Audit
    from netaudit.render.history_terminal import render_trend

    with progress_bar(not src.silent) as progress:
        result = Audit.trend(src.db, progress=progress)
    src.show(result, render_trend)
