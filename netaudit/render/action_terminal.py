"""Terminal rendering of the action lists (``due``, ``--targets``) with rich: every count with
its denominator, every person with the reason in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from netaudit.render.terminal import pct

if TYPE_CHECKING:
    from rich.console import Console

    from netaudit.analyses.due import DueList
    from netaudit.analyses.targets import TargetsResult


def _who(name: str, company: str = "") -> str:
    text = escape(name or "(no name)")
    return f"{text} [dim]({escape(company)})[/]" if company else text


def render_due(console: Console, result: DueList) -> None:
    """The due list, most pressing first, with the figures behind each reason."""
    as_of = result.as_of or "no dates in the data"
    shown = (f"showing {len(result.due):,} of {result.due_count:,}"
             if len(result.due) < result.due_count else f"all {result.due_count:,}")
    table = Table(title=f"Who is due for a message as of {as_of} ({shown})",
                  title_justify="left", header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("Person")
    table.add_column("Due on")
    table.add_column("Priority", justify="right")
    table.add_column("Why")
    for rank, person in enumerate(result.due, 1):
        table.add_row(str(rank), _who(person.name, person.company), person.due_on,
                      f"{person.priority:.2f}", escape(person.reason))
    if result.due:
        console.print(table)
    else:
        console.print(f"[bold]Nobody is due as of {escape(as_of)}.[/]", highlight=False)
    n = result.people
    console.print(f"Due: {pct(result.due_count, n)} people you were in touch with. The "
                  f"others: not yet due {result.not_yet:,}; faded (silent over 3 usual gaps; "
                  f"see ties' re-engage list) {result.faded:,}; no cadence (rest layer, too "
                  f"little history) {result.no_cadence:,}; never written to by you "
                  f"{result.never_from_you:,}.", highlight=False)
    cadence = ", ".join(f"{layer} every {days:g} days" for layer, days in result.cadence.items())
    console.print(
        "[dim]Gap: the median gap in days between your distinct contact days with the person "
        "(3 contact days or more; at least 7 days), else their layer's cadence "
        f"({escape(cadence)}; change it with --cadence). Due once the days since the last "
        "contact reach the gap, until they pass 3 gaps (at least 90 days); priority = tie "
        "score x days since / gap. Definitions: README, "
        "'What the numbers mean'.[/]", highlight=False)


def render_targets(console: Console, result: TargetsResult, *, limit: int = 5) -> None:
    """Per target: who you know there (strongest first), the warmest path, or why nobody."""
    table = Table(title=f"Who you know at your {len(result.findings):,} targets",
                  title_justify="left", header_style="bold")
    table.add_column("Target")
    table.add_column("Matched")
    table.add_column("People", justify="right")
    table.add_column("Strongest ties there (score, status)")
    for finding in result.findings:
        match = finding.match
        if match.status == "ambiguous":
            table.add_row(escape(finding.target), "[yellow]ambiguous[/]", "–",
                          "could be: " + escape(", ".join(match.candidates))
                          + " (write one in full)")
            continue
        if not finding.people:
            close = (f" (closest: {escape(', '.join(match.candidates))})"
                     if match.candidates else "")
            table.add_row(escape(finding.target), "[red]nobody[/]", "0",
                          f"nobody in your data works there or has that name{close}")
            continue
        matched = (", ".join(match.companies) if finding.kind == "company" else "person")
        people = "; ".join(f"{_who(p.name)} ({p.score:.2f}, {p.status})"
                           for p in finding.people[:limit])
        if len(finding.people) > limit:
            people += f"; and {len(finding.people) - limit:,} more"
        if finding.path:
            people += (f"\n[dim]no live tie there; warmest path:[/] "
                       f"{escape(' → '.join(finding.path))} ({finding.path_strength:.3f})")
        table.add_row(escape(finding.target), escape(matched), f"{len(finding.people):,}",
                      people)
    console.print(table)
    nobody = result.nobody
    console.print(f"Targets with nobody at all: {pct(len(nobody), len(result.findings))}"
                  + (f": {escape(', '.join(nobody))}" if nobody else ""), highlight=False)
    console.print(
        "[dim]A company target matches word by word (case, accents, punctuation and legal "
        "suffixes ignored): companies named exactly so, and those whose name starts with its "
        "words; several different ones are ambiguous and never guessed. Warmest path: the "
        "highest product of tie strengths, shown when nobody there has a contact with you.[/]",
        highlight=False)
