"""``netaudit replies``: experiment 1 of the essay, the reply rate of your outreach."""

from __future__ import annotations

from typing import Annotated

import typer

from netaudit.cli._common import (
    Anonymize,
    AnonymizeCompanies,
    AnonymizeKey,
    Db,
    Format,
    Json,
    Map,
    Me,
    OptionalPaths,
    Quiet,
    Snapshot,
    check_anonymize,
    handles_errors,
    open_shown,
    out,
    print_set_aside,
    print_shown_json,
)
from netaudit.cli.app import app


def _day(value: str | None, option: str):
    """A YYYY-MM-DD option as a date; a usage error (exit 2) otherwise."""
    if value is None:
        return None
    import datetime as dt

    from netaudit.errors import UsageError

    try:
        return dt.datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date", hint="use YYYY-MM-DD, "
                         "e.g. 2010-03-01") from None


@app.command()
@handles_errors
def replies(
    window: Annotated[
        int,
        typer.Option("--window", min=1, help="Days a reply may take, and days of silence "
                                             "before a message for it to count as outreach."),
    ] = 30,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Count outreach from this day on, YYYY-MM-DD (UTC)."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", help="Count outreach up to and including this day, "
                                     "YYYY-MM-DD (UTC); replies may come later."),
    ] = None,
    campaign: Annotated[
        str | None,
        typer.Option("--campaign", help="Count only outreach whose text contains TEXT "
                                        "(case-insensitive).", metavar="TEXT"),
    ] = None,
    top: Annotated[
        int,
        typer.Option("--top", min=1, help="Companies shown by name in the segments; the "
                                          "rest are 'other'."),
    ] = 10,
    me: Me = None,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
    anonymize: Anonymize = False,
    anonymize_companies: AnonymizeCompanies = False,
    anonymize_key: AnonymizeKey = None,
    paths: OptionalPaths = None,
    snapshot: Snapshot = None,
    db: Db = None,
) -> None:
    """Of the people you wrote to first, how many wrote back? (the essay: 42 of 1,050, 4.0%)

    An outreach is a message of yours to someone who had not written to you in that conversation during the --window days before it; in a group conversation every recipient counts. They replied if they wrote in the same conversation within --window days after it (exactly 30 days counts). Auto-replies, bounces, drafts and sponsored/system messages never count; each person counts once.

    Needs a message log: LinkedIn messages.csv, an mbox or a message CSV. Definitions: README, "What the numbers mean".
    """
    from netaudit.render.replies_terminal import render_replies

    start, end = _day(since, "--since"), _day(until, "--until")
    if start and end and start > end:
        from netaudit.errors import UsageError

        raise UsageError(f"--since {start} is after --until {end}", hint="swap the two dates")
    check_anonymize(anonymize, anonymize_companies)
    audit, names = open_shown(paths, me, fmt, mapping, quiet or json, anonymize=anonymize,
                              anonymize_companies=anonymize_companies,
                              snapshot=snapshot, db=db)
    result = audit.replies(window_days=window, since=start, until=end, campaign=campaign,
                           top_companies=top)
    if names is not None:
        from netaudit.render.anonymize import anonymous_replies

        result = anonymous_replies(result, names)
    from netaudit.model import set_aside_counts

    set_aside = set_aside_counts(audit.network)
    if json:
        print_shown_json({**result.to_dict(), "set_aside": set_aside}, names)
    else:
        render_replies(out(), result)
        print_set_aside(set_aside)
