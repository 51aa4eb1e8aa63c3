"""The executive summary: the report's first page in plain words, for a reader with one
minute. Size and growth, the share of the network alive, the reply rate beside the essay's
(docs/essay.md: 42 of 1,050, 4.0%), and the three things to do next, with names (from the
re-engage, introductions and prune lists). Statistics, tests and definitions are in the
appendix; nothing here needs them to be read."""

from __future__ import annotations

from typing import Any

from netaudit.analyses.stats import SMALL_SEGMENT
from netaudit.errors import Missing
from netaudit.render.report.content import (
    ARTICLE_CONNECTIONS,
    ARTICLE_RATE,
    ARTICLE_REPLIED,
    ESSAY,
    Executive,
    Page,
    pct,
    plural,
)


def _names(names: list[str]) -> str:
    """``'A'``, ``'A and B'``, ``'A, B and C'``.

    >>> _names(["A", "B", "C"]), _names(["A"])
    ('A, B and C', 'A')
    """
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _get(r: Page, name: str) -> Any:
    try:
        return r.get(name)
    except Missing:
        return None


def executive(r: Page) -> Executive:
    s = r.summary
    n = s.connections
    points: list[str] = []
    by_year = s.connections_by_year
    if n and by_year:
        first, last = min(by_year), max(by_year)
        busiest = max(by_year, key=lambda y: (by_year[y], y))
        if busiest == last:
            grew = (f"it grew most in {last}, the last year in the data "
                    f"({by_year[last]:,} new)")
        else:
            grew = (f"it grew most in {busiest} ({by_year[busiest]:,} new) and by "
                    f"{by_year[last]:,} in {last}, the last year in the data")
        points.append(f"Your network has {n:,} connections, made from {first} to {last}; "
                      f"{grew}.")
    elif n:
        points.append(f"Your network has {n:,} connections (the data gives no dates).")
    if n and s.message_log:
        alive = n - s.dormant
        points.append(f"{alive:,} of your {n:,} connections ({100 * alive / n:.1f}%) have "
                      "exchanged a message, a recommendation or an endorsement with you"
                      + (f"; the other {s.dormant:,} never have." if s.dormant else "."))
    outreach = s.outreach or {}
    like = outreach.get("one_to_one_connections") or {}
    essay = pct(ARTICLE_REPLIED, ARTICLE_CONNECTIONS)
    if like.get("reached") and like["reached"] < SMALL_SEGMENT:
        # As in the charts (n < 5): a rate of so few people is not set beside the essay's.
        points.append(f"You wrote first to only {plural(like['reached'], 'connection')} one to "
                      f"one ({like['replied']:,} replied): too few to set a rate beside the "
                      f"essay's {essay}.")
    elif like.get("reached"):
        rate = like["replied"] / like["reached"]
        ratio = rate / ARTICLE_RATE
        compare = (f"{ratio:.1f} times the essay's rate" if ratio >= 1.05
                   else "below the essay's rate" if ratio <= 0.95 else "about the essay's rate")
        points.append(f"When you wrote first to a connection, one to one, "
                      f"{pct(like['replied'], like['reached'])} replied within "
                      f"{outreach.get('window_days', 30)} days; in the essay, {essay} did: "
                      f"{compare}.")
    elif outreach.get("reached") and r.network.connections.empty:
        points.append(f"Of the people you wrote to first, {pct(outreach['replied'], outreach['reached'])} "
                      "replied; no connection list was read, so which of them are "
                      "connections written to alone, the essay's kind of outreach, is not "
                      "known.")
    elif outreach.get("reached"):
        points.append(f"Of the people you wrote to first, {pct(outreach['replied'], outreach['reached'])} "
                      f"replied; none was a connection written to alone, so there is no "
                      f"figure to set beside the essay's {essay}.")
    elif not s.message_log:
        points.append("No message log was read, so who you are in touch with and the reply "
                      f"rate (the essay's: {essay}) are not measured.")
    else:
        points.append("In the messages read you never wrote first to anyone, so there is no "
                      f"reply rate to set beside the essay's {essay}.")
    points[-1] += f" The essay: {ESSAY}."
    actions: list[str] = []
    ties = _get(r, "ties")
    # The first people of each list and how many: not the whole lists (TieStrength.first).
    reengage, in_all = ties.first("reengage", 3) if ties is not None else ([], 0)
    if in_all:
        top = [r.person(x.person_id) for x in reengage]
        actions.append(f"Write to {_names(top)}: close ties that have gone quiet "
                       f"({plural(in_all, 'person', 'people')} in all, listed "
                       "under 'Re-engage').")
    intro = _get(r, "introductions")
    pairs = list(getattr(intro, "pairs", intro) or []) if intro is not None else []
    if pairs:
        best = pairs[0]
        why = best.reason.split(":", 1)[0]
        actions.append(f"Introduce {r.person(best.a.person_id)} to {r.person(best.b.person_id)}"
                       f" ({why}); {plural(len(pairs), 'pair')} in all, under "
                       "'Introductions'.")
    prune, in_all = ties.first("prune", 1) if ties is not None else ([], 0)
    if in_all:
        actions.append(f"Review the {plural(in_all, 'connection')} you have never "
                       f"been in touch with or that only pitched, starting with "
                       f"{r.person(prune[0].person_id)} (under 'Prune candidates').")
    return Executive(points, actions)
