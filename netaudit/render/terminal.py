"""Terminal rendering with rich: every figure with its denominator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from netaudit.analyses.summary import Summary


def pct(part: int, whole: int) -> str:
    """``'42 of 1,050 (4.0%)'``; a dash for the percentage when there is no denominator.

    >>> pct(42, 1050)
    '42 of 1,050 (4.0%)'
    >>> pct(0, 0)
    '0 of 0 (–)'
    """
    share = f"{100 * part / whole:.1f}%" if whole else "–"
    return f"{part:,} of {whole:,} ({share})"


def pct_ci(part: int, whole: int, ci95: list[float] | tuple[float, float] | None) -> str:
    """:func:`pct` with the 95% interval of the share, for figures that are estimates.

    >>> pct_ci(42, 1050, [0.0297, 0.0536])
    '42 of 1,050 (4.0%, 95% CI 3.0%–5.4%)'
    >>> pct_ci(0, 0, None)
    '0 of 0 (–)'
    """
    if not whole or not ci95:
        return pct(part, whole)
    return (f"{part:,} of {whole:,} ({100 * part / whole:.1f}%, "
            f"95% CI {100 * ci95[0]:.1f}%–{100 * ci95[1]:.1f}%)")


def render_summary(console: Console, summary: Summary) -> None:
    n = summary.connections
    title = "Network audit" + (f" of {summary.owner}" if summary.owner else "")
    table = Table(title=title, title_justify="left", show_header=True, header_style="bold")
    table.add_column("Figure")
    table.add_column("Value", justify="right")
    table.add_column("Definition", style="dim")
    span = ""
    if summary.first_connection:
        span = f"{summary.first_connection} to {summary.last_connection}"
    table.add_row("Connections", f"{n:,}", f"rows of the connection list(s), one per person; {span}")
    table.add_row("Hidden profiles", pct(summary.hidden_profiles, n),
                  "rows holding only a connection date")
    table.add_row("With e-mail address", pct(summary.with_email, n),
                  "connections whose e-mail the export includes")
    inv = summary.invitations
    table.add_row("Invitations", f"{inv['incoming']:,} in / {inv['outgoing']:,} out",
                  "pending/recent invitations only (LinkedIn keeps no full history)")
    table.add_row("Ever messaged", pct(summary.messaged, n),
                  "connections you exchanged at least one message with, either way")
    table.add_row("Dormant", pct(summary.dormant, n),
                  "no message, recommendation or endorsement either way")
    if summary.outreach:
        o = summary.outreach
        like = o.get("one_to_one_connections")
        if like:
            table.add_row("Reply rate, 1:1 to connections",
                          pct_ci(like["replied"], like["reached"], like["ci95"]),
                          "connections you wrote to first, one to one, who wrote back within "
                          f"{o['window_days']} days (the essay's kind: 42 of 1,050, 4.0%)")
        table.add_row("Reply rate, all outreach", pct_ci(o["replied"], o["reached"], o["ci95"]),
                      f"everyone you wrote to first (group messages and people who are not "
                      f"connections included) who wrote back within {o['window_days']} days")
    else:
        table.add_row("Outreach reply rate", "–", "needs a message log")
    table.add_row("Messages", f"{summary.messages:,} in {summary.conversations:,} conversations",
                  "drafts and sponsored/system rows excluded")
    console.print(table)

    if summary.connections_by_year:
        dated = sum(summary.connections_by_year.values())
        growth = Table(title="Connections by year", title_justify="left", header_style="bold")
        growth.add_column("Year")
        growth.add_column("New", justify="right")
        growth.add_column("Total", justify="right")
        growth.add_column("")
        top = max(summary.connections_by_year.values())
        total = 0
        for year, count in summary.connections_by_year.items():
            total += count
            bar = "█" * max(1, round(30 * count / top)) if count else ""
            growth.add_row(year, f"{count:,}", f"{total:,}", f"[cyan]{bar}[/]")
        console.print(growth)
        console.print(f"[dim]New: connections by the year of their connection date; Total: the "
                      f"running sum. {pct(dated, n)} connections have a date.[/]",
                      highlight=False)

    if summary.top_companies or summary.top_roles:
        tops = Table(title="Where they work and what they do", title_justify="left",
                     header_style="bold")
        tops.add_column("Company")
        tops.add_column("Connections", justify="right")
        tops.add_column("Role family")
        tops.add_column("Connections", justify="right")
        rows = max(len(summary.top_companies), len(summary.top_roles))
        for i in range(rows):
            c = summary.top_companies[i] if i < len(summary.top_companies) else ("", "")
            r = summary.top_roles[i] if i < len(summary.top_roles) else ("", "")
            tops.add_row(str(c[0]), pct(int(c[1]), n) if c[1] != "" else "", str(r[0]),
                         pct(int(r[1]), n) if r[1] != "" else "")
        console.print(tops)
        console.print(f"[dim]Current company, and role family of the position (keywords, "
                      f"netaudit.roles), of the {n - summary.hidden_profiles:,} "
                      f"connections with a visible profile; the largest of each, as shares of "
                      f"all {n:,} connections.[/]", highlight=False)

    if summary.networks:
        render_networks(console, summary.networks)

    for note in summary.missing:
        console.print(f"[yellow]missing:[/] {note}", highlight=False)
    render_next_steps(console)


#: What to run after the one-screen audit (issue 15: analyze ends with the next steps).
NEXT_STEPS = (
    ("netaudit ties PATH...", "who to re-engage, who to prune"),
    ("netaudit replies PATH...", "the reply rate beside the essay's 4.0%"),
    ("netaudit introduce PATH...", "who should meet whom"),
    ("netaudit report PATH... -o audit.pdf", "a report to read or hand on"),
)


def render_next_steps(console: Console) -> None:
    """The closing lines of ``analyze``: the commands that answer the next questions, with the
    same PATH... the audit was given."""
    console.print("[bold]Next steps[/] (the same PATH... as above):", highlight=False)
    width = max(len(command) for command, _ in NEXT_STEPS)
    for command, what in NEXT_STEPS:
        console.print(f"  [cyan]{command.ljust(width)}[/]  {what}", highlight=False)


def render_networks(console: Console, spread: dict) -> None:
    """The 'Across networks' section of analyze (README "What the numbers mean")."""
    people, active = spread["people"], spread["active_ties"]
    table = Table(title=f"Across networks: {len(spread['networks'])} networks",
                  title_justify="left", header_style="bold")
    table.add_column("Network")
    table.add_column("People", justify="right")
    table.add_column("Ever talked to there", justify="right")
    table.add_column("Active ties living there", justify="right")
    for row in spread["per_network"]:
        table.add_row(row["network"], f"{row['people']:,}",
                      pct(row["talked_to"], row["people"]),
                      pct(spread["active_by_network"].get(row["network"], 0), active))
    console.print(table)
    console.print(
        f"[dim]People: on that network's files (you left out); ever talked to: exchanged a "
        f"message with you on that network; an active tie lives on the network of its last "
        f"contact.[/]\nOn two or more networks: {pct(spread['on_several'], people)} people. "
        f"Active ties with no contact on LinkedIn: "
        f"{pct(spread['active_only_off_linkedin'], active)}.", highlight=False)
