"""``netaudit due``: who is due for a message now, as a table, JSON, calendar reminders or a
contact list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netaudit.cli._common import (
    WRITES,
    Export,
    Force,
    Source,
    WithEmail,
    _escape,
    check_exports,
    err,
    write_export,
    written_path,
)
from netaudit.cli.app import command


@command(options=WRITES)
def due(
    src: Source,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD",
        help="Judge as of the end of this day (UTC). Default: the latest date in the data.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1,
                                       help="At most this many people due, shown and written "
                                            "(and in --ics at most this many not yet due, "
                                            "the soonest).")
                     ] = 20,
    cadence: Annotated[str | None, typer.Option(
        "--cadence", metavar="LAYER=DAYS,...",
        help="Days between contacts for people with too little history, per layer: "
             "5=14,15=30,50=90,150=180 (the default); rest=DAYS adds the rest layer.")
    ] = None,
    ics: Annotated[Path | None, typer.Option(
        "--ics", metavar="FILE.ics",
        help="Also write one all-day calendar reminder per person due or not yet due, on "
             "their due day or today when it has passed (with the reason; no e-mail or "
             "message text).")] = None,
    export: Export = None,
    with_email: WithEmail = False,
    force: Force = False,
    since: Annotated[
        Path | None, typer.Option("--since", metavar="OLD",
                                  help="An earlier export of yours (path, or snapshot:ID): a "
                                       "reason says who changed company or position since. "
                                       "With --snapshot, the snapshot before it is used.")
    ] = None,
) -> None:
    """Who is due for a message now, most pressing first, each with the reason.

    Per person: the usual gap between your contacts (the median gap between distinct contact days, with 3 or more; else the cadence of their Dunbar layer) and the days since the last contact; due once the gap is reached. Ranked by tie strength x days since / gap. Definitions: README, 'What the numbers mean'.

    Example: netaudit due samples/Basic_LinkedInDataExport_11-20-2026.zip --ics due.ics
    """
    from netaudit.analyses.due import parse_cadence
    from netaudit.analyses.ties import parse_as_of
    from netaudit.render.action_terminal import render_due
    from netaudit.render.anonymize import anonymous_due
    from netaudit.render.crm import due_calendar, due_items, identity_keys, write_calendar

    chosen, when = parse_cadence(cadence), parse_as_of(as_of)
    export_fmt = check_exports(src.anonymize, export, ics)
    if ics is not None and ics.suffix.lower() != ".ics":
        from netaudit.errors import UsageError

        raise UsageError(f"--ics {ics}: the file name must end in .ics", hint="e.g. --ics due.ics")
    audit = src.open()
    older = None
    if since is not None:
        from netaudit.cli.history import open_one

        older = open_one(since, src, quiet=True)
    result = src.compute(lambda audit: audit.due(as_of=when, cadence=chosen, limit=limit,
                                                 since=older))
    if ics is not None:
        from datetime import date

        # A reminder already past is put on "today": the --as-of day when given, else the
        # day the file is written (README 'Lists to import').
        today = date.fromisoformat(result.as_of) if as_of and result.as_of else date.today()
        data = due_calendar(result, identity_keys(audit.network.people), today=today)
        written = write_calendar(data, ics, force=force)
        err().print(f"wrote {_escape(written_path(written))} ({len(result.due):,} due, "
                    f"{len(result.upcoming):,} not yet due)", highlight=False)
    if export is not None:
        write_export(export, export_fmt, due_items(result), audit.network.people, with_email,
                     force)
    src.show(result, render_due, anonymous_due)
