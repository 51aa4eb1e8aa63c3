"""Terminal rendering of experiments 2 and 3 (recall, recall study, activity) with rich:
every figure with its denominator, the essay's figure beside the user's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from netaudit.render.terminal import pct, pct_ci
from netaudit.roles import position_at

if TYPE_CHECKING:
    from rich.console import Console

    from netaudit.analyses.activity import ActivityResult
    from netaudit.analyses.recall import RecallResult, StudyResult


def _share(value: float | None, digits: int = 1) -> str:
    return f"{100 * value:.{digits}f}%" if value is not None else "–"


def _number(value: float | None, digits: int = 1) -> str:
    return f"{value:,.{digits}f}" if value is not None else "–"


def render_recall(console: Console, result: RecallResult, *, show_matches: bool = True,
                  anonymized: bool = False) -> None:
    """The score of one recall test, its lists, and the recognition pass.

    ``anonymized``: ``result`` went through
    :func:`~netaudit.render.anonymize.anonymous_recall`; what was typed is not shown, the
    lists of entries are counted instead."""
    from netaudit.analyses.recall import ARTICLE

    n = result.network_size
    table = Table(title="Recall: connections named from memory", title_justify="left",
                  header_style="bold")
    table.add_column("Figure")
    table.add_column("You", justify="right")
    table.add_column("Essay", justify="right")
    table.add_column("Definition", style="dim")
    table.add_row("Network size", f"{n:,}", f"> {ARTICLE['network_size_at_least']}",
                  "your connections, hidden profiles included")
    table.add_row("Named", f"{result.named:,}", "", "distinct entries (repeats counted once)")
    table.add_row("Matched", pct(result.matched, result.named), "",
                  "entries naming exactly one connection, each connection once")
    table.add_row("Matched with profession", pct(result.matched_with_profession, result.matched),
                  f"{ARTICLE['worst']} to {ARTICLE['best']}",
                  "the profession typed fits the connection's position or company")
    table.add_row("Recall rate, with profession", pct(result.matched_with_profession, n),
                  f"{_share(ARTICLE['worst_share_of_500'])} to "
                  f"{_share(ARTICLE['best_share_of_500'])}",
                  "recall_rate: matched with profession / network size (the essay's measure)")
    table.add_row("Recall rate, names only", pct(result.matched, n), "",
                  "matched_rate: matched / network size, profession or not")
    table.add_row("Unmatched", f"{len(result.unmatched):,}", "",
                  "entries naming no connection (never guessed)")
    table.add_row("Ambiguous", f"{len(result.ambiguous):,}", "",
                  "entries naming several connections equally (never guessed)")
    if result.without_profession:
        table.add_row("Matched, no profession typed", f"{result.without_profession:,}", "",
                      "count as matched, not as matched with profession")
    if result.profession_unknown:
        table.add_row("Profession not checkable", f"{result.profession_unknown:,}", "",
                      "the export gives neither position nor company")
    console.print(table)

    if show_matches and result.matches:
        matches = Table(title="Who you named", title_justify="left", header_style="bold")
        if not anonymized:
            matches.add_column("You wrote")
        matches.add_column("Connection")
        matches.add_column("Their position")
        matches.add_column("Profession")
        matches.add_column("Matched by", style="dim")
        for m in result.matches:
            where = position_at(m.position, m.company)
            typed = [] if anonymized else [escape(m.entry)]
            matches.add_row(*typed, escape(m.connection), escape(where),
                            "[green]right[/]" if m.profession_ok else "[yellow]wrong/none[/]",
                            m.rule)
        console.print(matches)
    for label, items in (("unmatched", result.unmatched),
                         ("ambiguous", [f"{a['entry']} (could be: "
                                        f"{', '.join(_who(c) for c in a['candidates'])})"
                                        for a in result.ambiguous]),
                         ("named twice", [f"{d['entry']} = {d['first_named_as']}"
                                          for d in result.named_twice]),
                         ("repeated in the list", result.duplicates)):
        if items and anonymized:
            console.print(f"[yellow]{label}:[/] {len(items):,} (entries not shown: "
                          "--anonymize)", highlight=False)
        elif items:
            shown = "; ".join(items[:10]) + (f"; … {len(items) - 10} more" if len(items) > 10
                                             else "")
            console.print(f"[yellow]{label}:[/] {escape(shown)}", highlight=False)
    render_recognition(console, result)


def render_recognition(console: Console, result: RecallResult) -> None:
    if not result.recognition:
        if result.messaged_not_named == 0 and result.network_size:
            console.print("[dim]recognition pass: no connection you exchanged messages with was "
                          "left unnamed (or the data holds no messages)[/]")
        return
    console.print(
        f"Recognition pass: {len(result.recognition)} of the {result.messaged_not_named:,} "
        "connections you exchanged messages with but did not name. Research finds free recall "
        "misses about 20% of the people one knows; do you know these?", highlight=False)
    for person in result.recognition:
        console.print(f"  • {escape(_who(person))}", highlight=False)
    if result.recognized is not None:
        console.print(f"Recognized: {pct(result.recognized, len(result.recognition))}",
                      highlight=False)


def _who(person: dict[str, str]) -> str:
    where = position_at(person.get("position", ""), person.get("company", ""))
    return f"{person['name']} ({where})" if where else person["name"]


def render_study(console: Console, study: StudyResult) -> None:
    from netaudit.analyses.recall import ARTICLE

    data = study.to_dict()
    table = Table(title="Recall study", title_justify="left", header_style="bold")
    for column in ("Participant", "Network", "Named", "Matched", "With profession",
                   "Recall rate"):
        table.add_column(column, justify="left" if column == "Participant" else "right")
    for name, r in study.participants:
        table.add_row(escape(name), f"{r.network_size:,}", f"{r.named:,}",
                      pct(r.matched, r.named), f"{r.matched_with_profession:,}",
                      pct(r.matched_with_profession, r.network_size))
    console.print(table)
    summary = Table(header_style="bold")
    summary.add_column("Matched with profession")
    summary.add_column("This study", justify="right")
    summary.add_column("Essay", justify="right")
    summary.add_row("Participants", f"{len(study.participants):,}",
                    str(ARTICLE["participants"]))
    summary.add_row("Best", f"{data['best']} ({escape(str(data['best_participant']))})",
                    str(ARTICLE["best"]))
    summary.add_row("Worst", f"{data['worst']} ({escape(str(data['worst_participant']))})",
                    str(ARTICLE["worst"]))
    summary.add_row("Mean", _number(data["mean"]), "–")
    console.print(summary)


def render_activity(console: Console, result: ActivityResult, *, as_of_given: bool = False
                    ) -> None:
    from netaudit.analyses.activity import ARTICLE

    m = result.sampled
    how = (f"{m:,} of {result.population:,} connections drawn at random (seed {result.seed})"
           if m < result.population else f"all {m:,} connections")
    console.print(f"[bold]Activity[/] of {how}; source: {escape(result.source)}",
                  highlight=False)
    window = (f"{result.window_start} to {result.as_of}" if result.as_of else "no dated rows")
    if result.as_of and not as_of_given:
        console.print(f"[dim]The window ends at the latest activity that could count "
                      f"({result.as_of}); --as-of DATE sets it.[/]", highlight=False)
    table = Table(title=f"Activity in the {result.window_days} days {window}",
                  title_justify="left", header_style="bold")
    table.add_column("Figure")
    table.add_column("You", justify="right")
    table.add_column("Essay / research", justify="right")
    table.add_column("Definition", style="dim")
    table.add_row("Mean groups", _number(result.mean_groups), str(ARTICLE["mean_groups"]),
                  "distinct groups per person (absent from the groups file: 0)"
                  if result.mean_groups is not None else "needs --groups GROUPS.csv")
    table.add_row("Median groups", _number(result.median_groups),
                  f"{ARTICLE['enterprise_median_groups']} (enterprise study)", "")
    ci = result.mean_activity_ci95
    interval = f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else ""
    table.add_row("Mean activities", f"{_number(result.mean_activity, 2)}{interval}",
                  str(ARTICLE["mean_activity"]),
                  f"counted activities per person; 95% bootstrap interval, "
                  f"{result.resamples:,} resamples, seed {result.seed}")
    table.add_row("Activities counted", f"{result.activities:,}", "",
                  f"kinds: {', '.join(result.counted_kinds)}")
    table.add_row("Inactive", pct_ci(result.inactive, m, result.inactive_share_ci95), "",
                  "people with 0 counted activities; 95% Wilson interval")
    table.add_row("Gini", _number(result.gini, 2), "",
                  "inequality of activity: 0 all equal, 1 one person does everything")
    for key, label in (("top_1pct", "Most active"), ("next_9pct", "Next"),
                       ("bottom_90pct", "Remaining")):
        part = result.participation[key]
        # Labelled by the people each group holds: with 10 people the "top 1%" is 1 person,
        # 10% of them (ceil(10 / 100) = 1).
        share = (pct(int(part["activities"]), result.activities) if result.activities
                 else _share(part["share"]))
        table.add_row(f"{label} {pct(part['people'], m)} of people", share,
                      {"top_1pct": "most (1%)", "next_9pct": "some (9%)",
                       "bottom_90pct": "none (90%)"}[key] + " (90-9-1)",
                      "share of all counted activity")
    console.print(table)
    if result.by_kind:
        kinds = ", ".join(f"{k} {v:,}" for k, v in result.by_kind.items())
        console.print(f"[dim]by kind:[/] {kinds}", highlight=False)
    rows = result.rows
    left_out = [f"{k.replace('_', ' ')} {v:,}" for k, v in rows.items()
                if k not in ("read", "counted") and v]
    console.print(f"[dim]log rows:[/] {rows['counted']:,} of {rows['read']:,} counted"
                  + (f" (left out: {', '.join(left_out)})" if left_out else ""),
                  highlight=False)
