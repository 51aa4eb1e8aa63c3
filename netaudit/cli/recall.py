"""``netaudit recall`` and ``netaudit recall-study``: experiment 2 of the essay, naming your
connections from memory, on your own data or a group's."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netaudit.cli._common import (
    EXIT_INTERRUPTED,
    SHOWS,
    WRITES,
    Force,
    Source,
    err,
    pseudonyms,
    warn,
    warn_problems,
    written_path,
)
from netaudit.cli.app import command

if TYPE_CHECKING:
    from netaudit.analyses.recall import RecallResult

Seed = Annotated[int, typer.Option("--seed", help="Seed of the random draws (reproducible).")]


@command(options=WRITES)
def recall(
    src: Source,
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
    save: Annotated[
        Path | None,
        typer.Option("--save", metavar="FILE",
                     help="Write the quiz's answers to FILE in the --names format (one "
                          "'Name - profession' per line): 'recall --names FILE' scores them "
                          "again."),
    ] = None,
    force: Force = False,
) -> None:
    """How many of your connections can you name from memory, with their profession?

    Without --names, a quiz: nothing of your network is shown; type one 'Name - profession' per
    line (arrow keys edit, Up recalls a line typed before), a running count follows each line;
    an empty line or Ctrl-D ends; Ctrl-C ends too and keeps the lines typed (scored, saved with
    --save, then exit 130). Names match in any case, without accents, surname first
    ('Ruiz, Ana'), by nickname when the surname agrees (Bob Smith = Robert Smith), or with one
    typo when only one connection is that close; a name that fits nobody or several people is
    listed, never guessed. recall_rate = matched_with_profession / network_size; matched_rate = matched / network_size. Definitions:
    README, "What the numbers mean".

    Example: netaudit recall samples/article/recall/callum/Connections.csv --names samples/article/recall/callum/names.txt
    """
    from netaudit.render.anonymize import anonymous_recall
    from netaudit.render.experiments_terminal import render_recall

    quiz = names is None
    if save is not None:
        _check_save(quiz=quiz, anonymize=src.anonymize)
    if names is not None:  # not a quiz
        from netaudit.userfiles import read_names

        # A names file that cannot be read fails before the export is loaded.
        entries = read_names(names)
    # The quiz must not show the network: not even what was read.
    audit = src.open(quiet=src.silent or quiz)
    if quiz:
        from netaudit.cli._quiz import run_quiz
        from netaudit.userfiles import entries_from_lines

        answers = run_quiz(minutes)
        if save is not None:
            _save_answers(save, answers.lines, force)
        entries = entries_from_lines(answers.lines, "quiz")
    result = audit.recall(entries, recognition=recognition, seed=seed)
    interrupted = quiz and answers.ended_by == "interrupted"

    def ask(shown: RecallResult) -> None:
        warn_problems(shown)
        if not (quiz and shown.recognition and answers.can_ask_more):
            return
        if src.names is not None:
            # Its questions name people, which --anonymize promises not to show.
            warn("the recognition pass is skipped with --anonymize (its questions name "
                 "people)")
            shown.recognition = []
            return
        from netaudit.cli._quiz import ask_recognition
        from netaudit.render.experiments_terminal import _who

        nonlocal interrupted
        try:
            shown.recognized = ask_recognition([_who(p) for p in shown.recognition])
        except KeyboardInterrupt:
            from netaudit import interrupts

            interrupts.forget(interrupts.signal.SIGINT)  # the quiz's answers are still shown
            interrupted, shown.recognized = True, None
        if shown.recognized is None:
            warn("the recognition pass ended before its last question ("
                 + ("Ctrl-C" if interrupted else "Ctrl-D") + "); its answers are not counted")

    src.show(result, partial(render_recall, anonymized=src.names is not None),
             anonymous_recall, before=ask)
    if interrupted:
        # README "Exit codes": 130 for an interrupt, after the answers were scored and saved.
        raise typer.Exit(EXIT_INTERRUPTED)


def _check_save(*, quiz: bool, anonymize: bool) -> None:
    """Refuse a --save that makes no sense before the quiz starts, not after it (a file
    that cannot be written was refused before reading, with every output: cli/app.py)."""
    from netaudit.errors import UsageError

    if not quiz:
        raise UsageError("--save writes the quiz's answers; with --names they are already "
                         "in a file", hint="drop --save, or drop --names to take the quiz")
    if anonymize:
        raise UsageError("--save writes the names you type; it cannot be anonymized",
                         hint="drop --anonymize, or drop --save")


def _save_answers(path: Path, lines: list[tuple[int, str]], force: bool) -> None:
    """The quiz's lines in the --names format, one 'Name - profession' per line in the order
    typed (repeats kept, so that ``recall --names`` counts them as the quiz did)."""
    from netaudit.render.export import write_atomic
    from netaudit.userfiles import split_entry

    def line_of(text: str) -> str:
        name, profession, _ = split_entry(text)
        return f"{name} - {profession}" if name and profession else text.strip()

    written = write_atomic(path, lambda stream: stream.write(
        "".join(line_of(text) + "\n" for _, text in lines)), force=force)
    err().print(f"wrote {written_path(written)} ({len(lines):,} "
                f"line{'' if len(lines) == 1 else 's'}, the --names format)", highlight=False)


@command("recall-study", options=SHOWS)
def recall_study(
    src: Source,
    study: Annotated[
        Path,
        typer.Argument(help="STUDY.csv with columns participant, network, names (paths "
                            "relative to the CSV).", show_default=False),
    ],
) -> None:
    """A recall study over several people, as in the essay (7 people, best 27, worst 4).

    Each row names a participant, their network export and their names file; the table shows
    each one's score and the best, worst and mean number matched with profession.

    The essay: "Second wave of social media, Part 2 – Professional social networks and Open
    networking", RecruitingBlogs, March 2010 (docs/essay.md).

    Example: netaudit recall-study samples/article/recall/STUDY.csv
    """
    from rich.markup import escape

    from netaudit.audit import Audit
    from netaudit.render.experiments_terminal import render_study

    done = Audit.recall_study(study)
    shown_results = []
    for number, (person, network, result) in enumerate(done.participants, start=1):
        problems = [*map(str, network.problems), *result.problems]
        who = person.participant
        names = pseudonyms(network.people, src.anonymize, src.anonymize_companies)
        if names is not None:
            from dataclasses import replace

            from netaudit.render.anonymize import anonymous_recall, participant_labels

            who = participant_labels(number)[-1]
            problems = [names.scrub(_hide_paths(p, person, who)) for p in problems]
            shown_results.append(anonymous_recall(
                replace(result, problems=[_hide_paths(p, person, who)
                                          for p in result.problems]), names))
        for problem in problems:
            warn(f"{who}: {problem}")
        if not src.silent:
            err().print(f"[dim]read[/] {escape(who)}: {result.network_size:,} "
                        f"connections, {result.named:,} names", highlight=False)
    outcome = done.result
    if src.anonymize:
        from netaudit.render.anonymize import anonymous_study

        outcome = anonymous_study(outcome, shown_results)
    # Each participant's pseudonyms differ: the study is anonymized above, printed as is.
    src.show(outcome, render_study)


def _hide_paths(text: str, person: Any, label: str) -> str:
    """``text`` with the participant's files named by what they are: their paths often
    carry the participant's name."""
    return (text.replace(str(person.network), f"{label}'s network")
            .replace(str(person.names), f"{label}'s names"))
