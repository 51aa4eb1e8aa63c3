"""Report sections on tie strength: layers and status, the network map, who to re-engage,
who to prune, who should meet whom."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from netaudit.analyses.ties import Layer
from netaudit.errors import NEEDS_MESSAGES
from netaudit.render import charts
from netaudit.render.report.content import (
    LeftOut,
    Page,
    Section,
    Table,
    needs,
    pct,
    plural,
)

if TYPE_CHECKING:
    import pandas as pd


def _ties(r: Page) -> Section | LeftOut:
    title = "Tie strength: layers and status"
    if (missing := needs(title, r, "ties")) is not None:
        return missing
    ties = r.get("ties")
    layers = [(str(k), int(v)) for k, v in ties.layers.items()]
    statuses = [(str(k), int(v)) for k, v in ties.statuses.items()]
    total = sum(v for _, v in statuses)
    status = dict(statuses)
    active = status.get("active", 0)
    headline = (f"{pct(active, total)} of your ties are active; {pct(ties.unknown_network, ties.connections)} "
                "of your connections are an unknown network: no interaction at all.")
    definition = ("Each person gets a tie-strength score from 0 to 1: a weighted mean of "
                  "recency, frequency, reciprocity, duration, reciprocal services "
                  "(recommendations, endorsements) and intimacy (1:1 rather than group "
                  "conversations); weights: " + ", ".join(
                      f"{k} {v:.2f}" for k, v in ties.weights.items())
                  + ". Layers rank people by score like Dunbar's circles (5 / 15 / 50 / 150); "
                  "each ring holds only its own ranks ('ranks 6-15' is the 10 people after "
                  "the first 5, not the first 15); a score of 0 is always 'rest'. Status: active (in touch), fading (silence "
                  "longer than 3 times the tie's usual gap), dormant (no contact ever), one-way "
                  f"(messages went one way only). As of {(ties.as_of or 'the latest date')[:10]}; "
                  f"{total:,} people, {ties.connections:,} of them connections.")
    panels = [("Layers (people per ring)", layers), ("Status", statuses)]
    return Section("ties", title, headline, definition,
                   figure=partial(charts.count_bars_chart, panels, total=total,
                                  hatched=(False, True)),
                   figure_height=3.0)


#: The network map shows at most this many people (the strongest ties) ...
MAP_NODES = 150
#: ... and names this many of them.
MAP_LABELS = 12


def _network_map(r: Page) -> Section | LeftOut:
    title = "Network map"
    if (missing := needs(title, r, "ties", "graph")) is not None:
        return missing
    ties = r.get("ties")
    graph = r.get("graph")
    # The three columns the map reads, before filtering and sorting: not the rows' 32 (the
    # 74,434 people of the benchmark export took 0.06 s to sort whole, issue 17).
    shown, ranked = _strongest(ties.rows[["person_id", "score", "layer"]], MAP_NODES)
    if shown.empty:
        return LeftOut(title, "no tie has any interaction to draw; " + NEEDS_MESSAGES)
    ids = list(shown["person_id"])
    scores = dict(zip(shown["person_id"], shown["score"], strict=True))
    roles = {pid: graph.nodes[pid].get("role", "") if pid in graph else "" for pid in ids}
    # People without a known role family are counted, not drawn: 27 'unknown' triangles
    # filled a third of the sample's outer ring and said nothing about who they are.
    unknown = [pid for pid in ids if (roles[pid] or "unknown") == "unknown"]
    if len(unknown) < len(ids):
        ids = [pid for pid in ids if pid not in set(unknown)]
    else:
        # Nobody's position names a role family (chats and address books hold no positions):
        # all drawn in one colour, not an empty map that says 'no data'.
        roles = dict.fromkeys(ids, "no role family")
        unknown = []
    # Colour = role family (the most common few; the rest share one colour).
    counts: dict[str, int] = {}
    for pid in ids:
        counts[roles[pid]] = counts.get(roles[pid], 0) + 1
    common = sorted(counts, key=lambda k: (-counts[k], k))[:6]
    cluster_names = [*common, "other roles"] if len(counts) > len(common) else common
    cluster = {pid: common.index(roles[pid]) if roles[pid] in common else len(common)
               for pid in ids}
    labelled = set(ids[:MAP_LABELS])
    layers = dict(zip(shown["person_id"], shown["layer"].astype(str), strict=True))
    ring_names = [name for name in dict.fromkeys(
        [layer.value for layer in Layer]) if name in {layers[pid] for pid in ids}]
    nodes = [charts.MapNode(pid, ring_names.index(layers[pid]), cluster[pid],
                             float(scores[pid]), r.person(pid) if pid in labelled else "")
             for pid in ids]
    keep = set(ids)
    # Group conversations: every pair. Employers: a star from each company's strongest person
    # to the others (k - 1 lines, not k (k - 1) / 2: one company of 14 drew 91 lines).
    edges = []
    colleagues: dict[str, list[str]] = {}
    rank = {pid: i for i, pid in enumerate(ids)}
    between_drawn = list(_edges_among(graph, keep))
    for a, b, data in between_drawn:
        if data.get("kind") == "group":
            edges.append((a, b, 0.6))
        elif data.get("kind") == "employer":
            for pid in (a, b):
                colleagues.setdefault(pid, [])
            colleagues[a].append(b)
            colleagues[b].append(a)
    joined: set[str] = set()
    for pid in sorted(colleagues, key=rank.__getitem__):
        if pid in joined:
            continue
        group = {pid, *colleagues[pid]} - joined
        joined |= group
        edges += [(pid, other, 0.1) for other in sorted(group - {pid}, key=rank.__getitem__)]
    between = len(between_drawn)
    headline = (f"Your {plural(len(ids) + len(unknown), 'strongest tie')}"
                + (f" (of {ranked:,} with any interaction)" if ranked > len(shown)
                   else "")
                + (f", with {between:,} ties between the {len(ids):,} drawn." if between
                   else "; the data shows no ties between them."))
    definition = ("You (star) in the centre and the people with the highest tie strength on "
                  "rings by layer: the inner ring holds your 5 strongest ties, then the next 10, "
                  "35 and 100 (Dunbar's 5 / 15 / 50 / 150). Dot size = tie strength; colour and "
                  "shape = role family of the position. Grey lines join two people who were in "
                  "a group conversation together (thicker) or share a current employer (thin; "
                  "drawn from the employer's strongest tie to each colleague, not between every "
                  "pair)."
                  + (f" The {len(labelled)} strongest are numbered, with their names in the key."
                     if labelled else "")
                  + (f" {plural(len(unknown), 'person', 'people')} whose position names no "
                     "role family are counted in the legend, not drawn." if unknown else ""))
    return Section("network_map", title, headline, definition,
                   figure=partial(charts.network_map, nodes, edges, ring_names=ring_names,
                                  cluster_names=cluster_names,
                                  collapsed=[("no role family", len(unknown))]),
                   figure_height=6.0)


def _strongest(rows: pd.DataFrame, n: int) -> tuple[pd.DataFrame, int]:
    """The first ``n`` of ``rows`` with a score above 0, by score (the highest first), then
    person id, and how many have a score above 0. Only the rows scoring at least the ``n``-th
    highest score are sorted: sorting the 25,000 scored people of the benchmark export took
    0.02 s for the map's 150 (issue 17).

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"person_id": ["a", "b", "c", "d", "e"],
    ...                      "score": [0.2, 0.5, 0.0, 0.2, 0.1]})
    >>> shown, scored = _strongest(rows, 2)
    >>> shown["person_id"].tolist(), scored
    (['b', 'a'], 4)
    >>> _strongest(rows, 3)[0]["person_id"].tolist(), _strongest(rows, 9)[0]["person_id"].tolist()
    (['b', 'a', 'd'], ['b', 'a', 'd', 'e'])
    """
    import numpy as np

    score = rows["score"].to_numpy(dtype=float)
    scored = score > 0
    count = int(scored.sum())
    if count > n > 0:
        # The n-th highest score: every row of the first n scores at least that.
        cut = np.partition(score[scored], count - n)[count - n]
        scored &= score >= cut
    ranked = rows[scored].sort_values(["score", "person_id"], ascending=[False, True],
                                      kind="stable")
    return ranked.head(n), count


def _edges_among(graph: Any, keep: set[str]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The edges of ``graph`` between two nodes of ``keep``, in the order
    ``graph.edges(data=True)`` lists them (node order, then each node's neighbours), from
    the neighbours of the kept nodes only: the 30,000-person graph of the benchmark export
    has 165,000 edges, the 150 people of the map a few hundred (issue 17). The same from
    :class:`netaudit.graph.TiesBetween`:

    >>> import networkx as nx
    >>> g = nx.Graph([("me", "a"), ("a", "b"), ("b", "c"), ("c", "a"), ("me", "c")])
    >>> [(a, b) for a, b, _ in _edges_among(g, {"a", "c", "me"})]
    [('me', 'a'), ('me', 'c'), ('a', 'c')]
    >>> [(a, b) for a, b, _ in g.edges(data=True) if {a, b} <= {"a", "c", "me"}]
    [('me', 'a'), ('me', 'c'), ('a', 'c')]
    >>> from netaudit.graph import TiesBetween
    >>> ties = TiesBetween("o", dict.fromkeys(g, "other"), {edge: {} for edge in g.edges()})
    >>> [(a, b) for a, b, _ in _edges_among(ties, {"a", "c", "me"})]
    [('me', 'a'), ('me', 'c'), ('a', 'c')]
    """
    done: set[str] = set()
    # TiesBetween gives the kept nodes' adjacency alone (see TiesBetween.adj_among).
    among = getattr(graph, "adj_among", None)
    adjacency = among(keep) if among is not None else graph.adj
    for node in (n for n in graph if n in keep):
        for other, data in adjacency[node].items():
            if other in keep and other not in done:
                yield node, other, data
        done.add(node)


#: Why the re-engage and prune pages are left out when no message was read.
NO_MESSAGES = "who you are in touch with " + NEEDS_MESSAGES


def _suggestions(r: Page, items: Sequence[Any]) -> list[list[str]]:
    return [[r.person(s.person_id), r.company(s.company) or "–", r.names.scrub(s.reason)
             if r.options.anonymize else s.reason, f"{s.score:.2f}"]
            for s in items[: r.options.top]]


def _suggestion_section(key: str, title: str, headline: str, definition: str,
                        rows: list[list[str]], total: int) -> Section:
    """A re-engage or prune page: the top rows of a list of people, with their reasons."""
    note = f"top {len(rows)} of {total:,}" if total > len(rows) else ""
    return Section(key, title, headline, definition,
                   table=Table(["Person", "Company", "Why", "score"], rows,
                               [False, False, False, True], note))


def _reengage(r: Page) -> Section | LeftOut:
    title = "Re-engage: strong ties that are fading"
    if (missing := needs(title, r, "ties")) is not None:
        return missing
    ties = r.get("ties")
    # The people shown and how many there are: not the whole list (see TieStrength.first).
    shown, total = ties.first("reengage", r.options.top)
    if not total:
        return LeftOut(title, "nobody: no tie with a strong past has gone quiet"
                       if ties.message_log else NO_MESSAGES)
    rows = _suggestions(r, shown)
    # The list's own score is the past strength (without recency); today's is the tie
    # strength `netaudit ties` shows, recency included. Both, each under its own name.
    today = ties.scores_of([s.person_id for s in shown])
    rows = [[*row, f"{today.get(s.person_id, 0.0):.2f}"]
            for row, s in zip(rows, shown, strict=False)]
    first = rows[0][0]
    headline = (f"{plural(total, 'person', 'people')} you were close to "
                f"{'has' if total == 1 else 'have'} gone quiet; start with {first}.")
    definition = ("People whose tie was strong (score without recency at least 0.35) and whose "
                  "silence is now longer than 3 times your usual gap between contacts. Research "
                  "(Levin, Walter & Murnighan 2011): revived dormant ties give fresh, useful "
                  "advice. Past: the tie-strength score without recency (the other weights "
                  "renormalized), what made the tie strong; today: the tie strength as "
                  "the ties command shows it, recency included.")
    note = f"top {len(rows)} of {total:,}" if total > len(rows) else ""
    return Section("reengage", title, headline, definition,
                   table=Table(["Person", "Company", "Why", "past", "today"], rows,
                               [False, False, False, True, True], note))


def _prune(r: Page) -> Section | LeftOut:
    title = "Prune candidates"
    if (missing := needs(title, r, "ties")) is not None:
        return missing
    ties = r.get("ties")
    shown, total = ties.first("prune", r.options.top)
    if not total:
        return LeftOut(title, "nobody: every connection has had some contact"
                       if ties.message_log else NO_MESSAGES)
    rows = _suggestions(r, shown)
    headline = (f"{pct(total, ties.connections)} connections are candidates to "
                "prune: never in touch a year after connecting, or one-way pitches.")
    definition = ("Connections without any contact more than a year after connecting, and "
                  "connections whose messages only ever went one way (unanswered pitches). "
                  "Pruning is your call: the list is a prompt, not a verdict.")
    return _suggestion_section("prune", title, headline, definition, rows, total)


def _introduce(r: Page) -> Section | LeftOut:
    title = "Introductions: who should meet whom"
    if (missing := needs(title, r, "introductions")) is not None:
        return missing
    result = r.get("introductions")
    pairs = list(getattr(result, "pairs", result) or [])
    if not pairs:
        return LeftOut(title, "no pair of your connections fits: add locations (a contacts "
                       "file or vCards) or more positions")
    rows = []
    for p in pairs[: r.options.top]:
        reason = r.names.scrub(p.reason) if r.options.anonymize else p.reason
        rows.append([r.person(p.a.person_id), r.person(p.b.person_id), reason,
                     f"{p.score:.2f}"])
    headline = (f"{len(pairs):,} pairs of your connections could help each other; the best "
                f"fit: {rows[0][0]} and {rows[0][1]}.")
    definition = ("Pairs of your connections who are not connected in the data and could help "
                  "each other: the same locality, complementary roles (recruiter and job "
                  "seeker, founder and investor, hiring manager and engineer) or the same "
                  "industry. Ranked by your tie strength to both and the fit.")
    note = f"top {len(rows)} of {len(pairs):,}" if len(pairs) > len(rows) else ""
    return Section("introduce", title, headline, definition,
                   table=Table(["Person", "could meet", "Why", "score"], rows,
                               [False, False, False, True], note))


