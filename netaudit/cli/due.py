"""``netaudit due``: who is due for a message now, as a table, JSON, calendar reminders or a
contact list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netaudit.cli._common import (
    READS_FILES,
    Export,
    Force,
    Paths,
    Source,
    WithEmail,
    check_exports,
    err,
    write_export,
)
from netaudit.cli.app import command


@command(options=READS_FILES, paths=Paths)
def due(
    src: Source,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD",
        help="Judge as of the end of this day (UTC). Default: the latest date in the data.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1,
                                       help="At most this many people (shown and written).")
                     ] = 20,
    cadence: Annotated[str | None, typer.Option(
        "--cadence", metavar="LAYER=DAYS,...",
        help="Days between contacts for people with too little history, per layer: "
             "5=14,15=30,50=90,150=180 (the default); rest=DAYS adds the rest layer.")
    ] = None,
    ics: Annotated[Path | None, typer.Option(
        "--ics", metavar="FILE.ics",
        help="Also write one all-day calendar reminder per person on their due day (with the "
             "reason; no e-mail or message text).")] = None,
    export: Export = None,
    with_email: WithEmail = False,
    force: Force = False,
) -> None:
    """Who is due for a message now, most pressing first, each with the reason.

    Per person: the usual gap between your contacts (the median gap between distinct contact days, with 3 or more; else the cadence of their Dunbar layer) and the days since the last contact; due once the gap is reached. Ranked by tie strength x days since / gap. Definitions: README, 'What the numbers mean'.
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
    result = src.compute(lambda audit: audit.due(as_of=when, cadence=chosen, limit=limit))
    if ics is not None:
        data = due_calendar(result, identity_keys(audit.network.people))
        written = write_calendar(data, ics, force=force)
        err().print(f"wrote {written} ({len(result.due):,} reminders)", highlight=False)
    if export is not None:
        write_export(export, export_fmt, due_items(result), audit.network.people, with_email,
                     force)
    src.show(result, render_due, anonymous_due)
