"""Report sections of a history (issue 13): what changed since an earlier export, and the
trend over the snapshots. Neither is listed as left out without such data: most reports are of
one export."""

from __future__ import annotations

from functools import partial

from netaudit.render import charts
from netaudit.render.report.content import Page, Section, Table, needs, pct, plural


def _changes(r: Page) -> Section | None:
    # Not listed as left out without an earlier export: most reports are of one export.
    if needs("What changed since an earlier export", r, "changes") is not None:
        return None
    diff = r.get("changes")
    counts = diff.counts()
    since = diff.old.exported_on or "the earlier export"
    moved = diff.company_changed + diff.position_changed
    headline = (f"Since {since}, {plural(counts['company_changed'], 'connection')} changed "
                f"company and {counts['position_changed']:,} took a new position at the same "
                "one: the best reason there is to write to someone. "
                f"{counts['connections_added']:,} joined your network, "
                f"{counts['connections_removed']:,} left it and "
                f"{counts['became_hidden']:,} hid or closed their profile.")
    definition = (
        f"Two exports of your network compared: {since} and "
        f"{diff.new.exported_on or 'the later export'} (connections "
        f"{diff.old.connections:,} and {diff.new.connections:,}). A connection is the same "
        "person in both when the profile URL matches, else the e-mail, else a name that "
        "belongs to one connection only on each side. Became hidden: visible before, now a "
        "row holding only the same connection date, which no other row has (not counted as "
        "removed). Changed company: the current company differs (the position may too); new "
        "position: same company, another position; an empty company or position is no "
        "change. Bars: share of the later export's connections.")
    rows = []
    for change in moved[:r.options.top]:
        who = r.person(change.new_id) if r.options.anonymize else change.name
        then = ", ".join(x for x in (change.old_position, r.company(change.old_company)) if x)
        now = ", ".join(x for x in (change.new_position, r.company(change.new_company)) if x)
        rows.append([who, then or "–", now or "–"])
    table = None
    if rows:
        note = f"first {len(rows):,} of {len(moved):,}" if len(moved) > len(rows) else ""
        table = Table(["Person", f"Then ({since})",
                       f"Now ({diff.new.exported_on or 'later'})"], rows,
                      [False, False, False], note)
    panel = [("joined", counts["connections_added"]), ("left", counts["connections_removed"]),
             ("became hidden", counts["became_hidden"]),
             ("changed company", counts["company_changed"]),
             ("new position", counts["position_changed"])]
    return Section("changes", f"What changed since {since}", headline, definition,
                   figure=partial(charts.count_bars_chart, [("Connections", panel)],
                                  total=diff.new.connections),
                   table=table, figure_height=2.6)


def _trend(r: Page) -> Section | None:
    if needs("Trend over the snapshots", r, "trend") is not None:
        return None  # as for _changes: only a report of a history has it
    trend = r.get("trend")
    points = trend.snapshots
    first, last = points[0], points[-1]
    dormant = (f"{pct(last.dormant, last.connections)} are dormant in the latest"
               if last.message_log else
               "the latest holds no message log, so who is dormant is not measured")
    headline = (f"Over {len(points):,} snapshots from {first.exported_on} to "
                f"{last.exported_on}, your network went from {first.connections:,} to "
                f"{last.connections:,} connections; {dormant}.")
    definition = ("One bar per snapshot stored with netaudit history add: its connections "
                  "(hidden profiles included). Table: growth, and who was added, removed, "
                  "became hidden or changed company against the snapshot before (as 'What "
                  "changed' defines them); active and dormant connections as the tie-strength "
                  "page defines them, as of each snapshot's latest date (– for a snapshot "
                  "without a message log, where they are not measured).")

    def plain(value: int | None) -> str:
        return "–" if value is None else f"{value:,}"

    rows = [[p.exported_on or "–", f"{p.connections:,}", plain(p.added), plain(p.removed),
             plain(p.became_hidden), plain(p.company_changed),
             pct(p.active, p.connections) if p.message_log else "–",
             pct(p.dormant, p.connections) if p.message_log else "–"] for p in points]
    table = Table(["Snapshot", "Connections", "Added", "Removed", "Hidden", "New company",
                   "Active", "Dormant"], rows, [False] + [True] * 7)
    bars = [(p.exported_on or str(p.snapshot_id), p.connections) for p in points]
    return Section("trend", "Trend over the snapshots", headline, definition,
                   figure=partial(charts.count_bars_chart, [("Connections", bars)]),
                   table=table, figure_height=max(2.2, 0.8 + 0.3 * len(bars)))
