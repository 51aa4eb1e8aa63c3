"""``netaudit people``: who was joined across networks, and the owner's review of the joins
made on a name alone."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from netaudit.cli._common import Paths, Source, err, flag, print_json
from netaudit.cli.app import command

Decisions = Annotated[
    Path | None,
    typer.Option("--decisions", metavar="FILE",
                 help="Where your decisions on uncertain joins are kept. Default: "
                      "decisions.json beside the history database ($NETAUDIT_DECISIONS)."),
]


@command(options=("me", "fmt", "mapping", "json", "quiet", "verbose", "paths", "region"), paths=Paths)
def people(
    src: Source,
    review: Annotated[bool, flag("--review", help="List the joins made on a name alone; in a "
                                 "terminal, ask whether to confirm or split each.")] = False,
    confirm: Annotated[list[str] | None, typer.Option(
        "--confirm", metavar="ID", help="Confirm this join (repeatable).")] = None,
    split: Annotated[list[str] | None, typer.Option(
        "--split", metavar="ID", help="Keep the rows of this join apart (repeatable).")] = None,
    decisions: Decisions = None,
) -> None:
    """Who was joined across networks by their name, and how; --review lists the joins made
    on a name alone for you to confirm or split. Your decisions are kept and every later run
    honours them. Rules: README, 'Who is a person'.

    Example: netaudit people samples/networks/linkedin samples/networks/whatsapp samples/networks/telegram
    """
    from netaudit.history import default_decisions_path
    from netaudit.identity import decide
    from netaudit.render.people_terminal import render_joins

    path = decisions or default_decisions_path()
    joins = src.open(decisions=path).network.joins
    chosen: tuple[list[str], list[str]] = (list(confirm or []), list(split or []))
    if not (confirm or split) and review and not src.json and sys.stdin.isatty():
        chosen = _ask(joins)
    if chosen[0] or chosen[1]:
        decide(path, joins, confirm=chosen[0], split=chosen[1])
        err().print(f"kept {len(chosen[0]):,} confirmed and {len(chosen[1]):,} split in "
                    f"{path}; later runs honour them", highlight=False)
        joins = src.open(quiet=True, decisions=path).network.joins
    if src.json:
        shown = [j for j in joins if j.uncertain] if review else joins
        print_json({"decisions": str(path), "uncertain": sum(j.uncertain for j in joins),
                    "joins": [{"id": j.join_id, "name": j.name, "networks": j.networks,
                               "kind": j.kind, "person_id": j.person_id, "sides": j.sides}
                              for j in shown]})
    else:
        from netaudit.cli._common import out

        render_joins(out(), joins, review=review, decisions=str(path))


def _ask(joins: list) -> tuple[list[str], list[str]]:
    """Ask about each uncertain join on the terminal: confirm, split or skip."""
    confirmed: list[str] = []
    kept_apart: list[str] = []
    console = err()
    for join in [j for j in joins if j.uncertain]:
        console.print(f"[bold]{join.name}[/] ({join.join_id}):", highlight=False)
        for side in join.sides:
            console.print(f"  - {side}", highlight=False, markup=False)
        answer = typer.prompt("  one person? [y]es / [n]o, keep apart / [s]kip", default="s",
                              err=True).strip().lower()[:1]
        if answer == "y":
            confirmed.append(join.join_id)
        elif answer == "n":
            kept_apart.append(join.join_id)
    return confirmed, kept_apart
