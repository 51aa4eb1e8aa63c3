"""``netaudit activity``: experiment 3 of the essay, how active your connections are against
how many groups they joined."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from netaudit.cli._common import Source, warn_problems
from netaudit.cli.app import command

Seed = Annotated[int, typer.Option("--seed", help="Seed of the random draws (reproducible).")]


@command()
def activity(
    src: Source,
    log: Annotated[
        Path | None,
        typer.Option("--log", help="ACTIVITY.csv: columns person (profile URL, e-mail or name), "
                                   "date, kind, optional group. Without it: activity toward you "
                                   "from the export."),
    ] = None,
    groups: Annotated[
        Path | None,
        typer.Option("--groups", help="GROUPS.csv: columns person, group."),
    ] = None,
    sample: Annotated[
        int | None,
        typer.Option("--sample", min=1, help="Draw this many connections at random "
                                             "(default: everyone)."),
    ] = None,
    seed: Seed = 0,
    window: Annotated[
        int,
        typer.Option("--window", min=1, help="Days counted, ending at --as-of."),
    ] = 15,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Last day of the window, YYYY-MM-DD (default: the latest "
                                     "date of an activity that could count; a late 'connect' "
                                     "row does not move it)."),
    ] = None,
    kinds: Annotated[
        list[str] | None,
        typer.Option("--kinds", help="Count exactly these kinds (comma-separated or repeated); "
                                     "default: question, answer, discussion, comment, post, "
                                     "recommendation, message."),
    ] = None,
) -> None:
    """How active are your connections, against how many groups they joined?

    Counted: asking or answering a question, starting or joining a discussion, writing or
    commenting a post, recommending someone (and, from the export, messaging you). Connecting,
    likes/reactions, endorsements, follows and views are not activity unless --kinds names
    them. The window holds the days after AS_OF - WINDOW up to and including AS_OF.
    Definitions: README, "What the numbers mean".

    Example: netaudit activity samples/article/activity/Connections.csv --log samples/article/activity/ACTIVITY.csv --groups samples/article/activity/GROUPS.csv
    """
    from netaudit.analyses.activity import parse_kinds
    from netaudit.render.anonymize import anonymous_activity
    from netaudit.render.experiments_terminal import render_activity
    from netaudit.userfiles import read_activity_log, read_groups

    day = _parse_day(as_of) if as_of else None
    if kinds:
        parse_kinds(kinds)  # a bad kind fails before the export is read
    # The user's files are read first: one that cannot be read fails before the export loads.
    activity_log = read_activity_log(log) if log is not None else None
    memberships = read_groups(groups) if groups is not None else None
    src.open()
    result = src.compute(lambda audit: audit.activity(
        activity_log, groups=memberships, sample=sample, seed=seed, window_days=window,
        as_of=day, kinds=kinds))
    src.show(result, partial(render_activity, as_of_given=as_of is not None),
             anonymous_activity, before=warn_problems)


def _parse_day(text: str):  # -> datetime.date
    from datetime import date

    from netaudit.errors import UsageError

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--as-of {text!r} is not a date",
                         hint="write it as YYYY-MM-DD, e.g. --as-of 2010-03-15") from None
