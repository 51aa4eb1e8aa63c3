"""``netaudit recall``, ``netaudit recall-study`` and ``netaudit activity``: experiments 2 and 3
of the essay on your own data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netaudit.cli import app
from netaudit.cli._common import (
    Format,
    Json,
    Map,
    Me,
    Paths,
    Quiet,
    err,
    handles_errors,
    open_audit,
    out,
    print_json,
)

Seed = Annotated[int, typer.Option("--seed", help="Seed of the random draws (reproducible).")]


@app.command()
@handles_errors
def recall(
    paths: Paths,
    names: Annotated[
        Path | None,
        typer.Option("--names", help="A file of recalled names instead of the quiz: one "
                                     "'Name - profession' per line, or a CSV with columns "
                                     "name, profession."),
    ] = None,
    minutes: Annotated[
        float | None,
        typer.Option("--minutes", min=0.1, help="Time limit of the quiz, with a countdown."),
    ] = None,
    recognition: Annotated[
        int,
        typer.Option("--recognition", min=0, help="How many unnamed connections you exchanged "
                                                  "messages with to show afterwards (0: none)."),
    ] = 10,
    seed: Seed = 0,
    me: Me = None,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
) -> None:
    """How many of your connections can you name from memory, with their profession?

    Without --names, a quiz: nothing of your network is shown; type one 'Name - profession' per
    line, an empty line or Ctrl-D ends. Names match in any case, without accents, surname first
    ('Ruiz, Ana'), by nickname when the surname agrees (Bob Smith = Robert Smith), or with one
    typo when only one connection is that close; a name that fits nobody or several people is
    listed, never guessed. recall_rate = matched_with_profession / network_size. Definitions:
    README, "What the numbers mean".
    """
    from netaudit.render.experiments_terminal import render_recall

    quiz = names is None
    # The quiz must not show the network: not even what was read.
    audit = open_audit(paths, me, fmt, mapping, quiet or json or quiz)
    if quiz:
        from netaudit.cli._quiz import run_quiz
        from netaudit.userfiles import entries_from_lines

        answers = run_quiz(minutes)
        entries = entries_from_lines(answers.lines, "quiz")
    else:
        from netaudit.userfiles import read_names

        entries = read_names(names)
    result = audit.recall(entries, recognition=recognition, seed=seed)
    for problem in result.problems:
        _warn(problem)
    if quiz and result.recognition and answers.can_ask_more:
        from netaudit.cli._quiz import ask_recognition
        from netaudit.render.experiments_terminal import _who

        result.recognized = ask_recognition([_who(p) for p in result.recognition])
        if result.recognized is None:
            _warn("the recognition pass ended before its last question (Ctrl-D); its answers "
                  "are not counted")
    if json:
        print_json(result.to_dict())
    else:
        render_recall(out(), result)


@app.command("recall-study")
@handles_errors
def recall_study(
    study: Annotated[
        Path,
        typer.Argument(help="STUDY.csv with columns participant, network, names (paths "
                            "relative to the CSV).", show_default=False),
    ],
    json: Json = False,
    quiet: Quiet = False,
) -> None:
    """A recall study over several people, as in the essay (7 people, best 27, worst 4).

    Each row names a participant, their network export and their names file; the table shows
    each one's score and the best, worst and mean number matched with profession.
    """
    from netaudit.analyses.recall import StudyResult
    from netaudit.audit import Audit
    from netaudit.render.experiments_terminal import render_study
    from netaudit.userfiles import read_study

    participants = read_study(study)
    results = []
    for person in participants:
        audit = Audit([person.network])
        result = audit.recall(person.names, recognition=0)
        for problem in [*map(str, audit.network.problems), *result.problems]:
            _warn(f"{person.participant}: {problem}")
        if not quiet and not json:
            err().print(f"[dim]read[/] {person.participant}: {result.network_size:,} "
                        f"connections, {result.named:,} names", highlight=False)
        results.append((person.participant, result))
    outcome = StudyResult(results)
    if json:
        print_json(outcome.to_dict())
    else:
        render_study(out(), outcome)


@app.command()
@handles_errors
def activity(
    paths: Paths,
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
                                     "date in the log)."),
    ] = None,
    kinds: Annotated[
        list[str] | None,
        typer.Option("--kinds", help="Count exactly these kinds (comma-separated or repeated); "
                                     "default: question, answer, discussion, comment, post, "
                                     "recommendation, message."),
    ] = None,
    me: Me = None,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
) -> None:
    """How active are your connections, against how many groups they joined?

    Counted: asking or answering a question, starting or joining a discussion, writing or
    commenting a post, recommending someone (and, from the export, messaging you). Connecting,
    likes/reactions, endorsements, follows and views are not activity unless --kinds names
    them. The window holds the days after AS_OF - WINDOW up to and including AS_OF.
    Definitions: README, "What the numbers mean".
    """
    from netaudit.render.experiments_terminal import render_activity

    day = _parse_day(as_of) if as_of else None
    audit = open_audit(paths, me, fmt, mapping, quiet or json)
    result = audit.activity(log, groups=groups, sample=sample, seed=seed, window_days=window,
                            as_of=day, kinds=kinds)
    for problem in result.problems:
        _warn(problem)
    if json:
        print_json(result.to_dict())
    else:
        render_activity(out(), result)


def _warn(text: str) -> None:
    from rich.markup import escape

    err().print(f"[yellow]warning:[/] {escape(text)}", highlight=False)


def _parse_day(text: str):  # -> datetime.date
    from datetime import date

    from netaudit.errors import UsageError

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--as-of {text!r} is not a date",
                         hint="write it as YYYY-MM-DD, e.g. --as-of 2010-03-15") from None
