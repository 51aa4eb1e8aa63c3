"""Terminal rendering of purposeful networking (``ties``, ``introduce``, ``team``, ``graph``)
with rich: every count with its denominator, every score with its parts and a definition."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table

from netaudit.errors import NEEDS_A_MESSAGE_LOG, NEEDS_MESSAGES
from netaudit.render.terminal import droppable, footnote, pct

if TYPE_CHECKING:
    from pathlib import Path

    import networkx as nx
    from rich.console import Console

    from netaudit.analyses.introductions import Introductions
    from netaudit.analyses.team import TeamReport
    from netaudit.analyses.ties import TieStrength
    from netaudit.graph import GraphColumns

#: Column headers of the components, short enough for an 80-column terminal.
_SHORT = {"recency": "Rec", "frequency": "Freq", "reciprocity": "Recip", "duration": "Dur",
          "services": "Serv", "intimacy": "Intim"}


def _who(name: str, company: str = "") -> str:
    text = escape(name or "(no name)")
    return f"{text} [dim]({escape(company)})[/]" if company else text


def _shown(shown: int, total: int, what: str) -> str:
    return f"showing {shown:,} of {total:,} {what}" if shown < total else f"all {total:,} {what}"


def render_ties(console: Console, result: TieStrength, *, limit: int = 15) -> None:
    """Counts per layer and status, the strongest ties with their components, and the
    re-engage and prune lists with a reason each."""
    from netaudit.analyses.ties import COMPONENT_MEANING, STATUS_MEANING, Layer, Status

    n = len(result.rows)
    as_of = (result.as_of or "")[:10] or "no dates in the data"
    table = Table(title=f"Tie strength as of {as_of}", title_justify="left",
                  header_style="bold")
    table.add_column("Figure")
    table.add_column("Value", justify="right")
    table.add_column("Definition", style="dim")
    table.add_row("People scored", f"{n:,}",
                  f"your {result.connections:,} connections, your contacts, and anyone else "
                  "you exchanged a message, recommendation or endorsement with")
    for layer in Layer:
        first, last = layer.value.split()[-1].split("-") if layer is not Layer.REST else ("", "")
        meaning = ("everyone else, and every score of 0" if layer is Layer.REST
                   else f"ranked {first} to {last} by score, this ring only (score above 0)")
        table.add_row(f"Layer {layer.value}", pct(result.layers[layer.value], n), meaning)
    # Without a message read, who is in touch is not measured (as analyze shows it): every
    # status would read dormant, 100%.
    measured, needs = result.message_log, "; " + NEEDS_A_MESSAGE_LOG
    for status in Status:
        table.add_row(f"Status {status.value}",
                      pct(result.statuses[status.value], n) if measured else "–",
                      STATUS_MEANING[status] + ("" if measured else needs))
    table.add_row("Unknown network",
                  pct(result.unknown_network, result.connections) if measured else "–",
                  "connections with no contact at all (dormant)" + ("" if measured else needs))
    console.print(table)

    top = result.rows.head(limit)
    if not result.message_log:
        # Nobody is known to be close, to have faded or to be out of touch.
        console.print("[bold]Strongest ties, re-engage and prune:[/] nobody can be named: no "
                      f"message was read, and who you are in touch with {NEEDS_MESSAGES}",
                      highlight=False)
    else:
        if not len(top) or not (top["score"] > 0).any():
            # A score of 0 everywhere ranks the people by name: no list of the strongest.
            console.print("[bold]Strongest ties:[/] nobody: no contact with anyone in the "
                          "data", highlight=False)
        else:
            _strongest(console, result, top, n)
        _suggestion_lists(console, result, limit)

    weights = ", ".join(f"{name} {weight:g}" for name, weight in result.weights.items())
    parts = "; ".join(f"{_SHORT[c.value]} = {c.value}: {text}"
                      for c, text in COMPONENT_MEANING.items())
    console.print(
        f"[dim]Score: the weighted mean of six components in [0, 1] (weights: {weights}; "
        f"change them with --weights). {escape(parts)}. Reciprocity: {escape(result.reciprocity)}. "
        "Definitions: README, 'What the numbers mean'.[/]", highlight=False)


def _strongest(console: Console, result: TieStrength, top: Any, n: int) -> None:
    """The strongest ties with their components (``top``: the first rows of ``n``)."""
    from netaudit.analyses.ties import COMPONENT_MEANING

    strongest = Table(title=f"Strongest ties ({_shown(len(top), n, 'people')})",
                      title_justify="left", header_style="bold")
    strongest.add_column("#", justify="right")
    strongest.add_column("Person")
    strongest.add_column("Score", justify="right")
    for component in COMPONENT_MEANING:
        strongest.add_column(_SHORT[component.value], justify="right")
    strongest.add_column("Layer")
    strongest.add_column("Status")
    # With contacts on two networks or more, where each tie lives (its last contact's network).
    by_network = result.rows.get("last_contact_by_network")
    channels = {part.split(" ")[0] for v in (by_network.tolist() if by_network is not None
                                             else []) for part in v.split("; ") if part}
    several = len(channels) > 1
    if several:
        strongest.add_column("Lives on")
    for rank, row in enumerate(top.to_dict("records"), 1):
        lives = [row["last_contact_by_network"].split(" ")[0]] if several else []
        strongest.add_row(
            str(rank), _who(row["name"], row["company"]), f"{row['score']:.2f}",
            *(f"{row[c.value]:.2f}" for c in COMPONENT_MEANING), row["layer"], row["status"],
            *lives)
    # A narrow terminal keeps rank, person, score and status; the components go first (the
    # least weighted first), then where the tie lives, then the layer (issue 15).
    droppable(strongest, *(_SHORT[c] for c in ("services", "intimacy", "duration",
                                                "frequency", "recency", "reciprocity")),
              "Lives on", "Layer")
    console.print(strongest)


def _suggestion_lists(console: Console, result: TieStrength, limit: int) -> None:
    """The re-engage and prune lists, each with a reason per person."""
    for title, items, empty in (
        ("Re-engage: strong in the past, fading now", result.reengage,
         "nobody: no fading tie with a strong past"),
        ("Prune candidates", result.prune,
         "nobody: no one-way pitches and no connection dormant for over a year"),
    ):
        if not items:
            console.print(f"[bold]{title}:[/] {empty}", highlight=False)
            continue
        listing = Table(title=f"{title} ({_shown(min(limit, len(items)), len(items), 'people')})",
                        title_justify="left", header_style="bold")
        listing.add_column("Person")
        listing.add_column("Why")
        for item in items[:limit]:
            listing.add_row(_who(item.name, item.company), escape(item.reason))
        console.print(listing)


def render_introductions(console: Console, result: Introductions) -> None:
    """The ranked pairs with the reason in words."""
    table = Table(title=f"Who should meet whom ({len(result.pairs):,} best pairs)",
                  title_justify="left", header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("Introduce")
    table.add_column("to")
    table.add_column("Fit", justify="right")
    table.add_column("Rank", justify="right")
    table.add_column("Why")
    for i, pair in enumerate(result.pairs, 1):
        table.add_row(str(i), _who(pair.a.name), _who(pair.b.name), f"{pair.fit:.2f}",
                      f"{pair.score:.2f}", escape(pair.reason))
    if result.pairs:
        # The reasons are sentences: on a narrow terminal they follow the table, by number.
        console.print(footnote(table, "Why"))
    else:
        console.print("[bold]Who should meet whom:[/] no pair found (no complementary roles, "
                      "and nobody in the same field and place).", highlight=False)
    contacts = result.people - result.connections
    # An address book adds people without positions: say how many, as the role share falls.
    who = (f"{result.connections:,} connections and {contacts:,} address-book contacts; "
           if result.connections and contacts else "")
    console.print(
        f"[dim]Looked at {result.pairs_considered:,} pairs of {result.people:,} people "
        f"({who}role known for {pct(result.with_role, result.people)}, place for "
        f"{pct(result.with_place, result.people)}); pairs already tied in the data are left "
        "out. Fit: complementary roles 0.3-0.7, same place +0.3, same field +0.2. Rank: fit x "
        "(0.1 + 0.9 x the geometric mean of your tie strengths to both).[/]", highlight=False)
    for note in result.notes:
        console.print(f"[yellow]note:[/] {escape(note)}", highlight=False)


def render_team(console: Console, report: TeamReport) -> None:
    """Members, overlap, reach, companies, warm paths, communities, brokers, bridges."""
    members = report.members
    table = Table(title=f"Team of {len(members):,}", title_justify="left", header_style="bold")
    table.add_column("Member")
    table.add_column("Connections", justify="right")
    table.add_column("Unique reach", justify="right")
    table.add_column("Effective size (of contacts)", justify="right")
    table.add_column("Constraint", justify="right")
    table.add_column("Betweenness", justify="right")
    for m in members:
        table.add_row(escape(m.name), f"{m.connections:,}", pct(m.unique_reach, m.connections),
                      f"{_number(m.effective_size, 1)} of {m.contacts:,}"
                      if m.effective_size is not None else "–", _number(m.constraint, 3),
                      _number(m.betweenness, 4))
    console.print(droppable(table, "Betweenness", "Constraint"))
    for note in report.notes:
        console.print(f"[yellow]note:[/] {escape(note)}", highlight=False)
    total = report.total_reach
    console.print(
        f"Total reach: {total:,} distinct people (the members' lists add up to "
        f"{sum(m.connections for m in members):,}); known to two or more members: "
        f"{pct(report.shared_reach, total)}.", highlight=False)

    if len(members) >= 2:
        overlap = Table(title="Shared connections (row member and column member)",
                        title_justify="left", header_style="bold")
        overlap.add_column("")
        for i, _ in enumerate(members, 1):
            overlap.add_column(str(i), justify="right")
        for i, m in enumerate(members, 1):
            overlap.add_row(f"{i}. {escape(m.name)}",
                            *(f"{v:,}" for v in report.overlap[i - 1]))
        console.print(overlap)

    if report.companies:
        companies = Table(title="Companies the team reaches best", title_justify="left",
                          header_style="bold")
        companies.add_column("Company")
        companies.add_column("People", justify="right")
        companies.add_column("Members who know someone there", justify="right")
        for row in report.companies:
            reaching = sum(1 for v in row["by_member"].values() if v)
            companies.add_row(escape(row["company"]), f"{row['people']:,}",
                              pct(reaching, len(members)))
        console.print(companies)

    for target in report.targets:
        _render_target(console, target, len(members))

    communities = Table(title=f"Communities ({report.community_count:,}, Louvain, seed "
                              f"{report.seed})", title_justify="left", header_style="bold")
    communities.add_column("#", justify="right")
    communities.add_column("People", justify="right")
    communities.add_column("Members in it")
    communities.add_column("Main companies")
    for c in report.communities:
        communities.add_row(str(c["community"]), f"{c['size']:,}",
                            escape(", ".join(c["members"])) or "–",
                            escape(", ".join(c["top_companies"])) or "–")
    console.print(communities)

    if report.brokers:
        brokers = Table(title="Brokers: who lies between the most people",
                        title_justify="left", header_style="bold")
        brokers.add_column("Person")
        brokers.add_column("Betweenness", justify="right")
        brokers.add_column("Ties", justify="right")
        for b in report.brokers:
            who = _who(b["name"], b["company"]) + (" [bold](member)[/]" if b["member"] else "")
            brokers.add_row(who, f"{b['betweenness']:.4f}", f"{b['ties']:,}")
        console.print(brokers)
    console.print(f"[dim]Brokers: {escape(report.betweenness_method)}.[/]", highlight=False)
    console.print(
        f"Local bridges: {report.local_bridges:,} ties whose two ends share no contact (ties "
        "of people known to one member only left out).", highlight=False)
    for bridge in report.bridges[:5]:
        span = "no other path" if bridge["span"] is None else f"span {bridge['span']}"
        console.print(f"  {escape(bridge['a'])} – {escape(bridge['b'])} ({span})",
                      highlight=False)
    console.print(
        "[dim]Effective size (Burt): of a member's contacts in the data (connections and "
        "anyone else they exchanged messages with, so it can exceed their connections), how "
        "many are non-redundant: each contact counts 1, less the share of the member's "
        "other contacts they know; close to all of them = contacts who mostly do not know "
        "each other. Constraint: how much a member's contacts know each other (lower = more "
        "brokerage). Counted on ties the data shows (not on shared employers). Definitions: "
        "README, 'What the numbers mean'.[/]",
        highlight=False)


def _render_target(console: Console, target: Any, members: int) -> None:
    if target.status == "ambiguous":
        console.print(f"[bold]Target {escape(target.query)}[/]: could be several companies, "
                      f"none guessed: {escape(', '.join(target.candidates))} (write one in "
                      "full).", highlight=False)
        return
    if target.status == "unmatched":
        close = f" (closest: {', '.join(target.candidates)})" if target.candidates else ""
        console.print(f"[bold]Target {escape(target.query)}[/]: nobody in the team's data "
                      f"works there or has that name{escape(close)}.", highlight=False)
        return
    what = ", ".join(target.matched[:3]) + ("…" if len(target.matched) > 3 else "")
    reaching = sum(1 for m in target.members if m.best is not None)
    console.print(
        f"[bold]Target {escape(target.query)!s}[/] ({target.kind}: {escape(what)}; "
        f"{target.people:,} {'person' if target.people == 1 else 'people'}): reachable by "
        f"{pct(reaching, members)} members.", highlight=False)
    table = Table(header_style="bold")
    table.add_column("Member")
    table.add_column("Knows directly", justify="right")
    table.add_column("Best path (product of tie strengths)")
    table.add_column("Fewest hops, when different")
    for reach in target.members:
        direct = target.reached_directly.get(reach.member, 0)
        if reach.best is None:
            table.add_row(escape(reach.member), f"{direct:,}", "not reachable", "")
            continue
        best = f"{escape(str(reach.best))} [dim]({reach.best.strength:.3f}, " \
               f"{reach.best.hops} hop{'s' if reach.best.hops != 1 else ''})[/]"
        fewest = ""
        if reach.fewest_hops is not None:
            fewest = f"{escape(str(reach.fewest_hops))} [dim]({reach.fewest_hops.strength:.3f}, " \
                     f"{reach.fewest_hops.hops} hop{'s' if reach.fewest_hops.hops != 1 else ''})[/]"
        table.add_row(escape(reach.member), f"{direct:,}", best, fewest)
    console.print(table)


def _number(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def render_graph_written(console: Console, path: Path | str,
                         graph: nx.Graph | GraphColumns) -> None:
    """One line: what was written (``path`` as it is to be shown), with counts per edge
    kind."""
    from netaudit.graph import edge_kind_counts

    kinds = edge_kind_counts(graph)
    detail = ", ".join(f"{count:,} {kind}" for kind, count in sorted(kinds.items()))
    console.print(f"wrote {escape(str(path))}: {graph.number_of_nodes():,} people, "
                  f"{graph.number_of_edges():,} ties ({escape(detail)})", highlight=False,
                  soft_wrap=False)  # wrapped between words at the terminal's width
