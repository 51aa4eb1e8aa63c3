"""``netaudit diff``, ``netaudit history add|list|remove|export`` and ``netaudit trend``:
what changed between exports, and a local history of snapshots."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netaudit.cli._common import (
    Anonymize,
    AnonymizeCompanies,
    Db,
    Format,
    Json,
    Map,
    Me,
    Paths,
    Quiet,
    check_anonymize,
    err,
    flag,
    handles_errors,
    open_shown,
    out,
    print_json,
    print_shown_json,
    pseudonyms,
    report_reading,
)
from netaudit.cli.app import app

if TYPE_CHECKING:
    from netaudit.audit import Audit

history_app = typer.Typer(
    help="A local history of your exports (one DuckDB file): add, list, remove, export.",
    no_args_is_help=True, rich_markup_mode="rich")
app.add_typer(history_app, name="history")

#: A value of OLD or NEW that names a stored snapshot instead of a path.
SNAPSHOT_PREFIX = "snapshot:"


def _open_one(value: Path, me: str | None, fmt: str | None, mapping: list[str] | None,
              quiet: bool, db: Path | None) -> Audit:
    text = str(value)
    if text.lower().startswith(SNAPSHOT_PREFIX):
        audit, _ = open_shown(None, me, fmt, mapping, quiet,
                              snapshot=text[len(SNAPSHOT_PREFIX):], db=db)
    else:
        audit, _ = open_shown([value], me, fmt, mapping, quiet)
    return audit


@app.command()
@handles_errors
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="The earlier export (ZIP, folder "
                                        "or file), or snapshot:ID from the history.",
                                        show_default=False)],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="The later export of the same "
                                        "person, or snapshot:ID / snapshot:latest.",
                                        show_default=False)],
    limit: Annotated[int, typer.Option("--limit", min=1, help="Rows shown per list in the "
                                       "terminal (--json lists all).")] = 50,
    db: Db = None,
    me: Me = None,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
    anonymize: Anonymize = False,
    anonymize_companies: AnonymizeCompanies = False,
) -> None:
    """What changed between two exports of the same person: who joined, who left, who hid
    their profile, who changed company or position, and how messages and the reply rate moved.

    Another person's export is refused (exit 1). Definitions: README "What the numbers mean".
    """
    import pandas as pd

    from netaudit.render.history_terminal import anonymous_diff, render_diff

    check_anonymize(anonymize, anonymize_companies)
    # Read quietly, then say what was read with one set of pseudonyms for both exports.
    older = _open_one(old, me, fmt, mapping, True, db)
    newer = _open_one(new, me, fmt, mapping, True, db)
    people = pd.concat([newer.network.people, older.network.people],
                       ignore_index=True).drop_duplicates("person_id")
    names = pseudonyms(people, anonymize, anonymize_companies)
    for audit in (older, newer):
        report_reading(audit.network, quiet or json or audit.stored is not None, names)
    result = newer.diff(older)
    if names is not None:
        result = anonymous_diff(result, names)
    if json:
        print_shown_json(result.to_dict(), names)
    else:
        render_diff(out(), result, limit=limit)


@history_app.command("add")
@handles_errors
def history_add(
    paths: Paths,
    db: Db = None,
    me: Me = None,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
) -> None:
    """Store the network of one export as a snapshot in the history database.

    The same export added again is stored once; another person's export is refused (exit 1):
    keep each person's history in its own file (--db).
    """
    audit, _ = open_shown(paths, me, fmt, mapping, quiet or json)
    snapshot, added = audit.save_snapshot(db)
    where = _where(db)
    if json:
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


@history_app.command("list")
@handles_errors
def history_list(db: Db = None, json: Json = False) -> None:
    """List the snapshots of the history database, oldest export first."""
    from netaudit.history import History
    from netaudit.render.history_terminal import render_snapshots

    with History(db, create=False) as history:
        snapshots = history.snapshots()
    if json:
        print_json({"db": _where(db), "snapshots": [s.to_dict() for s in snapshots]})
    else:
        render_snapshots(out(), snapshots, _where(db))


@history_app.command("remove")
@handles_errors
def history_remove(
    snapshot_id: Annotated[str, typer.Argument(metavar="ID", help="The snapshot to remove "
                                               "(an id from `netaudit history list`).",
                                               show_default=False)],
    db: Db = None,
) -> None:
    """Remove one snapshot and every row it stored."""
    from netaudit.history import History

    with History(db, create=False) as history:
        removed = history.remove(snapshot_id)
    out().print(f"removed snapshot {removed.snapshot_id} (export of "
                f"{removed.exported_on or 'unknown date'}) from {_where(db)}", highlight=False)


@history_app.command("export")
@handles_errors
def history_export(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write the Parquet "
                                           "files into.", show_default=False)],
    db: Db = None,
    force: Annotated[bool, flag("--force", help="Overwrite Parquet files in DIR.")] = False,
) -> None:
    """Write every table of the history as a Parquet file (see docs/history.md)."""
    from netaudit.history import History

    with History(db, create=False, read_only=True) as history:
        written = history.export(folder, force=force)
    err().print(f"wrote {len(written)} Parquet files to {folder}", highlight=False)


@app.command()
@handles_errors
def trend(db: Db = None, json: Json = False, quiet: Quiet = False) -> None:
    """How your network moved over the snapshots of the history: size, growth, who left,
    hid or changed jobs, messages, tie status, and the reply rate per quarter."""
    from netaudit.audit import Audit
    from netaudit.cli._common import progress_bar
    from netaudit.render.history_terminal import render_trend

    with progress_bar(not (quiet or json)) as progress:
        result = Audit.trend(db, progress=progress)
    if json:
        print_json(result.to_dict())
    else:
        render_trend(out(), result)
