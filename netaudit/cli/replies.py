"""``netaudit replies``: experiment 1 of the essay, the reply rate of your outreach."""

from __future__ import annotations

from typing import Annotated

import typer

from netaudit.cli._common import Source, print_set_aside
from netaudit.cli.app import command


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


@command()
def replies(
    src: Source,
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
) -> None:
    """Of the people you wrote to first, how many wrote back? (the essay: 42 of 1,050, 4.0%)

    An outreach is a message of yours to someone who had not written to you in that conversation during the --window days before it; in a group conversation every recipient counts. They replied if they wrote in the same conversation within --window days after it (exactly 30 days counts). Auto-replies, bounces, drafts and sponsored/system messages never count; each person counts once.

    Needs a message log: LinkedIn messages.csv, an mbox or a message CSV. Definitions: README, "What the numbers mean".

    The essay: "Second wave of social media, Part 2 – Professional social networks and Open networking", RecruitingBlogs, March 2010 (docs/essay.md).

    Example: netaudit replies samples/Basic_LinkedInDataExport_11-20-2026.zip --window 14
    """
    from netaudit.model import set_aside_counts
    from netaudit.render.anonymize import anonymous_replies
    from netaudit.render.replies_terminal import render_replies

    start, end = _day(since, "--since"), _day(until, "--until")
    if start and end and start > end:
        from netaudit.errors import UsageError

        raise UsageError(f"--since {start} is after --until {end}", hint="swap the two dates")
    audit = src.open()
    result = src.compute(lambda audit: audit.replies(
        window_days=window, since=start, until=end, campaign=campaign, top_companies=top))
    src.show(result, render_replies, anonymous_replies,
             set_aside=(set_aside_counts(audit.network), print_set_aside, None))
