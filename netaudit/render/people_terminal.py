"""Terminal rendering of ``netaudit people``: who was joined across networks, and how."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from netaudit.render.terminal import pct

if TYPE_CHECKING:
    from rich.console import Console

    from netaudit.identity import Join

#: What each kind of join means, as the table's last column says it.
KIND_WORDS = {
    "name+company": "same name and same company",
    "name+partner": "same name and a shared conversation partner",
    "name+confirmed": "same name; you confirmed it",
    "name": "name only: uncertain",
    "split": "same name; you kept them apart",
}


def render_joins(console: Console, joins: list[Join], *, review: bool, decisions: str) -> None:
    """The joins of one name across networks (``review``: the uncertain ones only)."""
    shown = [j for j in joins if j.uncertain] if review else joins
    uncertain = sum(j.uncertain for j in joins)
    title = ("Joins made on a name alone, for you to confirm or split" if review
             else "People joined across networks by their name")
    table = Table(title=f"{title} ({len(shown):,})", title_justify="left", header_style="bold")
    table.add_column("ID", no_wrap=True)
    table.add_column("Name")
    table.add_column("Rows joined")
    table.add_column("How")
    for join in shown:
        table.add_row(escape(join.join_id), escape(join.name or "(no name)"),
                      "\n".join(escape(side) for side in join.sides),
                      KIND_WORDS.get(join.kind, join.kind))
    if shown:
        console.print(table)
    console.print(f"[dim]Uncertain (a name alone across networks): "
                  f"{pct(uncertain, len(joins))} joins by name across networks. Decisions "
                  f"kept in {escape(decisions)}.[/]", highlight=False)
    if uncertain:
        console.print("[dim]Confirm one with `netaudit people PATH... --confirm ID`, keep one "
                      "apart with `--split ID` (or answer `netaudit people --review` in a "
                      "terminal).[/]", highlight=False)
