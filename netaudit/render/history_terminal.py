"""Terminal rendering of a history: what changed between two exports (``diff``), the
snapshots stored (``history list``) and how the network moved over them (``trend``)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.table import Table

from netaudit.render.terminal import pct, pct_ci

if TYPE_CHECKING:
    from netaudit.analyses.diff import Change, NetworkDiff
    from netaudit.analyses.trend import Trend
    from netaudit.history import Snapshot


def anonymous_diff(diff: NetworkDiff, names: Any) -> NetworkDiff:
    """``diff`` with every person shown by their pseudonym (by their id in the newer export,
    else the older one) and, with --anonymize-companies, every company by its label."""
    from netaudit.analyses.diff import LISTS

    def person(change: Change) -> Change:
        hidden = change.name == "(hidden profile)"
        return replace(
            change, name=change.name if hidden else names.person(change.new_id or change.old_id),
            old_company=names.company(change.old_company),
            new_company=names.company(change.new_company))

    shown = replace(diff, owner="")
    for name in LISTS:
        setattr(shown, name, [person(c) for c in getattr(diff, name)])
    return shown


def _when(day: str | None) -> str:
    return day or "date unknown"


def _job(company: str, position: str) -> str:
    if company and position:
        return f"{position}, {company}"
    return company or position or "–"


def render_diff(console: Console, diff: NetworkDiff, *, limit: int = 50) -> None:
    """Counts first, then one table per non-empty list (at most ``limit`` rows each)."""
    from netaudit.analyses.diff import LISTS

    old, new = diff.old, diff.new
    title = (f"What changed between {_when(old.exported_on)} and {_when(new.exported_on)}"
             + (f" in the network of {diff.owner}" if diff.owner else ""))
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column("Figure")
    table.add_column(_when(old.exported_on), justify="right")
    table.add_column(_when(new.exported_on), justify="right")
    table.add_column("Change", justify="right")
    table.add_row("Connections", f"{old.connections:,}", f"{new.connections:,}",
                  f"{new.connections - old.connections:+,}")
    table.add_row("Hidden profiles", pct(old.hidden, old.connections),
                  pct(new.hidden, new.connections), f"{new.hidden - old.hidden:+,}")
    table.add_row("Messages", f"{old.messages:,}", f"{new.messages:,}",
                  f"{diff.messages_since:,} after {old.last_message or 'the older export'}")
    table.add_row("Reply rate, 1:1 to connections", _rate(old.outreach, True),
                  _rate(new.outreach, True), "")
    table.add_row("Reply rate, all outreach", _rate(old.outreach), _rate(new.outreach), "")
    console.print(table)
    counts = diff.counts()
    console.print("; ".join(f"{label.split(' (')[0]}: {counts[name]:,}"
                            for name, label in LISTS.items() if counts[name]
                            or name != "hidden_unexplained"), highlight=False)
    for name, label in LISTS.items():
        changes = getattr(diff, name)
        if not changes:
            continue
        shown = Table(title=f"{label}: {len(changes):,}", title_justify="left",
                      header_style="bold")
        shown.add_column("Person")
        shown.add_column("Connected")
        if name in ("company_changed", "position_changed", "became_hidden",
                    "connections_removed"):
            shown.add_column(f"Then ({_when(old.exported_on)})")
        if name in ("company_changed", "position_changed", "connections_added"):
            shown.add_column(f"Now ({_when(new.exported_on)})")
        for change in changes[:limit]:
            cells = [change.name, change.connected_on or "–"]
            if name in ("company_changed", "position_changed", "became_hidden",
                        "connections_removed"):
                cells.append(_job(change.old_company, change.old_position))
            if name in ("company_changed", "position_changed", "connections_added"):
                cells.append(_job(change.new_company, change.new_position))
            shown.add_row(*cells)
        if len(changes) > limit:
            shown.caption = f"{limit:,} of {len(changes):,} shown (--json lists all)"
        console.print(shown)


def _rate(outreach: dict[str, Any] | None, one_to_one: bool = False) -> str:
    if not outreach:
        return "no messages"
    if one_to_one:
        outreach = outreach["one_to_one_connections"]
    return pct_ci(outreach["replied"], outreach["reached"], outreach.get("ci95"))


def render_snapshots(console: Console, snapshots: list[Snapshot], path: str) -> None:
    if not snapshots:
        console.print(f"{path}: no snapshot yet (netaudit history add EXPORT)",
                      highlight=False)
        return
    owner = snapshots[-1].owner_name
    table = Table(title=f"Snapshots in {path}" + (f" ({owner})" if owner else ""),
                  title_justify="left", header_style="bold")
    table.add_column("ID", justify="right")
    table.add_column("Export of")
    table.add_column("Connections", justify="right")
    table.add_column("Hidden", justify="right")
    table.add_column("Messages", justify="right")
    table.add_column("Read from", overflow="fold")
    for s in snapshots:
        table.add_row(str(s.snapshot_id), _when(s.exported_on), f"{s.connections:,}",
                      f"{s.hidden:,}", f"{s.messages:,}", s.inputs)
    console.print(table)


def bar(value: float, largest: float, width: int = 24) -> str:
    """A bar of ``value`` against ``largest``, in eighths of a character.

    >>> bar(1, 2, 4)
    '██'
    >>> bar(0, 0)
    ''
    """
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(8 * width * value / largest)
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


def render_trend(console: Console, trend: Trend) -> None:
    title = "Trend over the snapshots" + (f" of {trend.owner}" if trend.owner else "")
    table = Table(title=title, title_justify="left", header_style="bold", box=box.SIMPLE,
                  pad_edge=False)
    for column in ("Export of", "Connections", "Added", "Removed", "Hidden",
                   "New co.", "New pos."):
        table.add_column(column, justify="left" if column == "Export of" else "right",
                         no_wrap=True)
    largest = max((p.connections for p in trend.snapshots), default=0)

    def plain(value: int | None) -> str:
        return "–" if value is None else f"{value:,}"

    for p in trend.snapshots:
        grown = "" if p.growth is None else f" ({p.growth:+,})"
        table.add_row(_when(p.exported_on), f"{p.connections:,}{grown}", plain(p.added),
                      plain(p.removed), plain(p.became_hidden), plain(p.company_changed),
                      plain(p.position_changed))
    console.print(table)
    console.print("Connections (growth), added, removed, became hidden, new company, new "
                  "position (same company): against the snapshot before.", style="dim",
                  highlight=False)
    chart = Table(title="Connections", title_justify="left", box=None, show_header=False)
    chart.add_column("Export of")
    chart.add_column("")
    chart.add_column("", justify="right")
    for p in trend.snapshots:
        chart.add_row(_when(p.exported_on), bar(p.connections, largest, 40),
                      f"{p.connections:,}")
    console.print(chart)
    unmeasured = any(not p.message_log for p in trend.snapshots)
    ties = Table(title="Messages and ties per snapshot", title_justify="left",
                 header_style="bold", caption="Ties as `netaudit ties` defines them, as of "
                 "each snapshot's latest date; share of its connections."
                 + (" –: no message log in that snapshot, so its ties are not measured."
                    if unmeasured else ""),
                 caption_justify="left")
    for column in ("Export of", "Messages", "Active", "Fading", "One-way", "Dormant"):
        ties.add_column(column, justify="left" if column == "Export of" else "right")

    def share(part: int, whole: int) -> str:
        return f"{part:,} ({100 * part / whole:.0f}%)" if whole else f"{part:,}"

    for p in trend.snapshots:
        if not p.message_log:
            ties.add_row(_when(p.exported_on), "0", "–", "–", "–", "–")
            continue
        ties.add_row(_when(p.exported_on), f"{p.messages:,}", share(p.active, p.connections),
                     share(p.fading, p.connections), share(p.one_way, p.connections),
                     share(p.dormant, p.connections))
    console.print(ties)
    if trend.quarters:
        rates = Table(title="Reply rate of your outreach per quarter (newest snapshot)",
                      title_justify="left", header_style="bold")
        rates.add_column("Quarter")
        rates.add_column("Replied", justify="right")
        rates.add_column("")
        for q in trend.quarters:
            rates.add_row(q.quarter, pct_ci(q.replied, q.reached, q.ci95),
                          bar(q.reply_rate or 0.0, 1.0, 20))
        console.print(rates)
    if trend.note:
        console.print(trend.note, highlight=False)
