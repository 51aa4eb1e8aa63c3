"""The team report (``netaudit report --team``): a team's combined network
(:func:`netaudit.analyses.team.team_report`) as the same document as the personal report: an
executive summary in plain words first (reach, overlap, who knows whom at the targets, the
introductions to ask for), then one section per finding, definitions in the appendix.

It receives the :class:`~netaudit.analyses.team.TeamReport` (already anonymized when
anonymizing, :func:`netaudit.render.anonymize.anonymous_team`), never the exports; the
writers (:mod:`.write`) are the personal report's.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from netaudit.render import charts
from netaudit.render.report.content import (
    Cover,
    Executive,
    LeftOut,
    Report,
    ReportOptions,
    Section,
    Table,
    display_path,
    generated_on,
    pct,
    plural,
)
from netaudit.render.report.executive import _names

if TYPE_CHECKING:

    from netaudit.analyses.team import TargetReport, TeamReport, WarmPath
    from netaudit.model import Network
    from netaudit.render.anonymize import Pseudonyms

#: The title of a team report when ``--title`` is not given.
TEAM_TITLE = "Team network audit"
#: Section keys of the team report, in order (``--pages`` chooses among them).
TEAM_PAGES = ("reach", "overlap", "targets", "warm_paths", "companies", "communities",
              "brokers")

REACH_DEFINITION = (
    "Each export is one member's data; its owner is the member. People are merged across the "
    "exports by normalized profile URL, then e-mail, then name. Connections: the people in a "
    "member's connection list, teammates excluded. Unique reach: a member's connections no "
    "other member has. Total reach: distinct people who are a connection of at least one "
    "member. Known to two or more: people in the lists of two or more members, of the total "
    "reach.")


def build_team_report(team: TeamReport, options: ReportOptions, *,
                      exports: Sequence[tuple[str, Network]] = (),
                      names: Pseudonyms | None = None,
                      only: Sequence[str] | None = None) -> Report:
    """The team report's content: cover, sections in :data:`TEAM_PAGES` order, what was left
    out, and the executive summary. ``exports`` are (path given, what was read from it) per
    member, for the appendix's "data read"; ``names`` (when anonymizing) scrubs every text a
    last time; ``only`` restricts the sections (the summary and appendix always come)."""
    builders = {"reach": _reach, "overlap": _overlap, "targets": _targets,
                "warm_paths": _warm_paths, "companies": _companies,
                "communities": _communities, "brokers": _brokers}
    sections: list[Section] = []
    left_out: list[LeftOut] = []
    for key in TEAM_PAGES:
        if only is not None and key not in only:
            continue
        built = builders[key](team, options)
        if isinstance(built, LeftOut):
            left_out.append(built)
        elif built is not None:
            sections.append(built)
    report = Report(_cover(team, options, exports), sections, left_out, _executive(team))
    if names is not None:
        from netaudit.render.report.build import _scrub_report

        _scrub_report(report, names)
    return report


def select_team_pages(text: str) -> list[str]:
    """The section keys of ``report --team --pages LIST``, in report order; an unknown key
    is a usage error that lists the valid ones.

    >>> select_team_pages("brokers, reach,warm-paths")
    ['reach', 'warm_paths', 'brokers']
    """
    from netaudit.render.report.build import pick_sections

    return pick_sections(text, TEAM_PAGES, report=" of the team report")


# -- cover and executive summary ---------------------------------------------------------------


def _cover(team: TeamReport, options: ReportOptions,
           exports: Sequence[tuple[str, Network]]) -> Cover:
    from pathlib import Path

    sources: list[tuple[str, list[str]]] = []
    for number, (path, network) in enumerate(exports, start=1):
        lines = []
        for src in network.sources:
            what = f"{src.kind}, {plural(src.rows, 'row')}"
            member = src.path.rpartition(":")[2] or Path(src.path).name
            lines.append(what if options.anonymize else f"{member}: {what}")
        owner = network.owner.name if network.owner and network.owner.name else ""
        heading = (f"export {number}" if options.anonymize
                   else display_path(str(path)) + (f" ({owner})" if owner else ""))
        sources.append((heading, lines))
    members = [m.name for m in team.members]
    title = options.title if options.title != "Network audit" else TEAM_TITLE
    span = (f"{plural(len(exports) or len(members), 'export')}, one per member; "
            f"{team.nodes:,} people and {team.edges:,} ties in the combined graph")
    generated = (options.generated or generated_on()).isoformat()
    return Cover(title, _names(members) if members else "", sources, span, generated,
                 options.anonymize, client=options.client, prepared_by=options.prepared_by,
                 logo=options.logo, team=True)


def _executive(team: TeamReport) -> Executive:
    members = team.members
    points: list[str] = []
    actions: list[str] = []
    if not members:
        return Executive(["No member's export could be read."], [])
    listed = sum(m.connections for m in members)
    points.append(
        f"The team of {plural(len(members), 'member')} ({_names([m.name for m in members])}) "
        f"reaches {plural(team.total_reach, 'person', 'people')}: their connection lists add "
        f"up to {listed:,}, and {pct(team.shared_reach, team.total_reach)} of the people "
        "reached are known to two or more members.")
    if len(members) > 1:
        best = max(members, key=lambda m: (m.unique_reach, m.connections))
        points.append(f"{best.name} brings the most people no teammate knows: "
                      f"{pct(best.unique_reach, best.connections)} of their connections.")
        pair = _closest_pair(team)
        if pair is not None:
            i, j = pair
            points.append(f"{members[i].name} and {members[j].name} overlap the most: "
                          f"{plural(team.overlap[i][j], 'shared connection')}.")
    matched = [t for t in team.targets if t.status == "matched"]
    if matched:
        known = [t for t in matched if any(t.reached_directly.values())]
        nobody = [t.query for t in matched if not any(t.reached_directly.values())]
        text = (f"Of the {plural(len(matched), 'target')}, {len(known):,} "
                f"{'is' if len(known) == 1 else 'are'} known directly by at least one member")
        text += f"; nobody knows anyone at {_names(nobody)}." if nobody else "."
        points.append(text)
    # Introductions first: a member who knows nobody at a target and whose warmest path runs
    # through a teammate (members asking the same teammate for the same person, together).
    asks: dict[tuple[str, str, str], list[str]] = {}
    for target in matched:
        for reach in target.members:
            middle = _introducer(reach.best)
            if middle and not target.reached_directly.get(reach.member):
                assert reach.best is not None
                key = (middle, reach.best.steps[-1].name, target.query)
                asks.setdefault(key, []).append(reach.member)
    for (middle, person, query), who in list(asks.items())[:2]:
        at = "" if person == query else f" ({query})"
        none = (f"{who[0]} has no" if len(who) == 1 else "neither has a" if len(who) == 2
                else "none of them has a")
        actions.append(f"Ask {middle} to introduce {_names(who)} to {person}{at}: {none} "
                       f"direct tie there, and {middle} is on the warmest path.")
    for target in matched:
        direct = {k: v for k, v in target.reached_directly.items() if v}
        if target.kind == "company" and direct and len(actions) < 3:
            most = max(direct.values())
            leaders = [k for k, v in direct.items() if v == most]
            many = plural(most, "person", "people")
            actions.append(f"For {target.query}, start with {leaders[0]}: they know {many} "
                           "there directly (the most of the team)." if len(leaders) == 1 else
                           f"For {target.query}, start with {_names(leaders)}: each knows "
                           f"{many} there directly.")
    broker = next((b for b in team.brokers if not b.get("member")), None)
    if broker is not None and len(actions) < 3:
        at = f" ({broker['company']})" if broker.get("company") else ""
        actions.append(f"Keep {broker['name']}{at} close: of the people outside the team, "
                       "they lie on the most shortest paths between the others "
                       "(under 'Brokers').")
    return Executive(points, actions)


def _introducer(path: WarmPath | None) -> str:
    """The teammate a warm path runs through (the person to ask for the introduction), or ''."""
    if path is None or path.hops < 2:
        return ""
    inner = [s for s in path.steps[1:-1] if s.member]
    return inner[0].name if inner else ""


def _closest_pair(team: TeamReport) -> tuple[int, int] | None:
    pairs = [(team.overlap[i][j], -i, -j, i, j) for i in range(len(team.members))
             for j in range(i + 1, len(team.members))]
    if not pairs:
        return None
    best = max(pairs)
    return (best[3], best[4]) if best[0] else None


# -- sections -----------------------------------------------------------------------------------


def _reach(team: TeamReport, options: ReportOptions) -> Section:
    members = team.members
    rows = [[m.name, f"{m.connections:,}", pct(m.unique_reach, m.connections),
             f"{m.connections - m.unique_reach:,}"] for m in members]
    listed = sum(m.connections for m in members)
    rows.append(["Team (distinct people)", f"{team.total_reach:,}",
                 f"{team.total_reach - team.shared_reach:,}", f"{team.shared_reach:,}"])
    headline = (f"{plural(len(members), 'member')} reach {plural(team.total_reach, 'person', 'people')}"
                f" (their lists add up to {listed:,}); {pct(team.shared_reach, team.total_reach)}"
                " are known to two or more members.")
    bars = [(m.name, m.unique_reach, m.connections - m.unique_reach) for m in members]
    return Section("reach", "The team's reach", headline, REACH_DEFINITION,
                   figure=partial(charts.reach_chart, bars),
                   table=Table(["Member", "Connections", "Unique reach",
                                "Also known to a teammate"], rows, [False, True, True, True],
                               "the last row counts each person once"),
                   figure_height=max(1.8, 0.9 + 0.45 * len(members)))


def _overlap(team: TeamReport, options: ReportOptions) -> Section | LeftOut:
    title = "Who shares whom"
    members = team.members
    if len(members) < 2:
        return LeftOut(title, "two or more exports from different people")
    labels = [f"{i}. {m.name}" for i, m in enumerate(members, start=1)]
    rows = [[label, *(f"{v:,}" for v in team.overlap[i])] for i, label in enumerate(labels)]
    pair = _closest_pair(team)
    if pair is not None:
        i, j = pair
        headline = (f"{members[i].name} and {members[j].name} share the most connections: "
                    f"{team.overlap[i][j]:,}, {pct(team.overlap[i][j], members[j].connections)}"
                    f" of {members[j].name}'s.")
    else:
        headline = "No two members share a connection."
    definition = ("overlap[i][j]: people who are connections of both member i and member j; "
                  "the diagonal is member i's connections (teammates excluded). Read a row: "
                  "of the row member's connections, how many each other member also has.")
    return Section("overlap", title, headline, definition,
                   figure=partial(charts.overlap_chart, [m.name for m in members], team.overlap),
                   table=Table(["Member", *(str(i) for i in range(1, len(members) + 1))],
                               rows, [False, *([True] * len(members))],
                               "columns are the members numbered as the rows"),
                   figure_height=max(2.4, 1.2 + 0.55 * len(members)))


def _target_label(target: TargetReport) -> str:
    return f"{target.query} ({target.kind})" if target.status == "matched" else target.query


def _targets(team: TeamReport, options: ReportOptions) -> Section | LeftOut:
    title = "Who knows whom at the targets"
    if not team.targets:
        return LeftOut(title, "--targets FILE (companies or people, one per line)")
    names = [m.name for m in team.members]
    rows = []
    for target in team.targets:
        if target.status != "matched":
            why = ("several companies match: " + ", ".join(target.candidates[:3])
                   if target.status == "ambiguous"
                   else "nobody matches" + (f" (closest: {', '.join(target.candidates[:3])})"
                                            if target.candidates else ""))
            rows.append([target.query, why, "", *([""] * len(names))])
            continue
        reaching = sum(1 for m in target.members if m.best is not None)
        rows.append([_target_label(target), f"{target.people:,}",
                     pct(reaching, len(target.members)),
                     *(f"{target.reached_directly.get(n, 0):,}" for n in names)])
    matched = [t for t in team.targets if t.status == "matched"]
    known = [t for t in matched if any(t.reached_directly.values())]
    headline = (f"{len(known):,} of {plural(len(team.targets), 'target')} "
                f"{'is' if len(known) == 1 else 'are'} known directly by a member"
                + (f"; {matched[0].query}: {sum(matched[0].reached_directly.values()):,} direct "
                   f"ties across the team" if matched else "") + ".")
    definition = ("A target is a company (every person whose current company matches, legal "
                  "suffixes ignored) or a person (by name or profile URL), from --targets. "
                  "People there: people in the combined network at the target. Members "
                  "reaching: members with any path to it (direct or through others). One "
                  "column per member: the people at the target in that member's connections "
                  "(a person known to two members counts in both columns).")
    bars = [(t.query, [t.reached_directly.get(n, 0) for n in names]) for t in matched]
    return Section("targets", title, headline, definition,
                   figure=partial(charts.targets_chart, names, bars) if bars else None,
                   table=Table(["Target", "People there", "Members reaching", *names], rows,
                               [False, True, True, *([True] * len(names))]),
                   figure_height=max(2.2, 1.0 + 0.25 * len(bars) * max(1, len(names))))


def _warm_paths(team: TeamReport, options: ReportOptions) -> Section | LeftOut:
    title = "Warm paths to the targets"
    matched = [t for t in team.targets if t.status == "matched"]
    if not matched:
        return LeftOut(title, "--targets FILE (companies or people, one per line)")
    rows = []
    through = 0
    for target in matched:
        for reach in target.members:
            best = reach.best
            if best is None:
                rows.append([target.query, reach.member, "no path in the data", "", ""])
                continue
            through += bool(_introducer(best))
            rows.append([target.query, reach.member, str(best), f"{best.strength:.3f}",
                         f"{best.hops:,}"])
            fewest = reach.fewest_hops
            if fewest is not None and fewest.steps != best.steps:
                rows.append(["", "  fewest hops", str(fewest), f"{fewest.strength:.3f}",
                             f"{fewest.hops:,}"])
    paths = sum(1 for t in matched for m in t.members if m.best is not None)
    headline = (f"{plural(paths, 'warm path')} from a member to a target; "
                f"{through:,} {'runs' if through == 1 else 'run'} through a teammate, "
                "who can make the introduction.")
    definition = ("The best path from a member maximizes the product of tie strengths along "
                  "it (a shortest path on -log strength); a tie's strength is the member's tie "
                  "score, at least 0.01 (a connection you never talked to is still a cold "
                  "ask), and a small constant for group-conversation and same-employer ties. "
                  "Strength: the product along the path (1 would be the strongest possible "
                  "tie at every hop). Hops: people between the member and the target, plus one. "
                  "The fewest-hop path is shown under it when it differs (among equally short "
                  "paths, the strongest).")
    return Section("warm_paths", title, headline, definition,
                   table=Table(["Target", "Member", "Best path", "Strength", "Hops"], rows,
                               [False, False, False, True, True]))


def _companies(team: TeamReport, options: ReportOptions) -> Section | LeftOut:
    title = "Companies the team reaches best"
    if not team.companies:
        return LeftOut(title, "companies in the connection lists")
    count = len(team.members)

    def reaching(company: dict[str, Any]) -> int:
        return sum(1 for n in company["by_member"].values() if n)

    rows = [[c["company"], f"{c['people']:,}", pct(reaching(c), count)] for c in team.companies]
    top = team.companies[0]
    headline = (f"{top['company']} is where the team knows the most people: "
                f"{plural(top['people'], 'person', 'people')}, known to "
                f"{pct(reaching(top), count)} members.")
    definition = ("Companies by the number of people in the combined network whose current "
                  "company it is (legal suffixes ignored), the largest first; members who know "
                  "someone there: members with at least one of them among their connections.")
    items = [(c["company"], int(c["people"])) for c in team.companies]
    return Section("companies", title, headline, definition,
                   figure=partial(charts.count_bars_chart, [("People in the combined network",
                                                             items)]),
                   table=Table(["Company", "People", "Members who know someone there"], rows,
                               [False, True, True]),
                   figure_height=max(2.2, 0.8 + 0.28 * len(items)))


def _communities(team: TeamReport, options: ReportOptions) -> Section | LeftOut:
    title = "Communities"
    if not team.communities:
        return LeftOut(title, "ties in the data (connections or conversations)")
    rows = [[f"{c['community']}", f"{c['size']:,}", ", ".join(c["members"]) or "–",
             ", ".join(c["top_companies"]) or "–"] for c in team.communities]
    largest = team.communities[0]
    headline = (f"{plural(team.community_count, 'community', 'communities')} in the combined "
                f"network; the largest holds {pct(largest['size'], team.nodes)} people"
                + (f", with {_names(largest['members'])}." if largest["members"] else "."))
    definition = ("Louvain communities (networkx louvain_communities, resolution 1, seed "
                  f"{team.seed}: the same data gives the same communities) on the ties the "
                  "data shows (member and person, group conversations; a shared employer is "
                  "an assumption, not a tie). Members: team members inside the community. "
                  f"The {len(team.communities):,} largest are listed.")
    items = [(f"Community {c['community']}", int(c["size"])) for c in team.communities]
    return Section("communities", title, headline, definition,
                   figure=partial(charts.count_bars_chart, [("People per community", items)],
                                  total=team.nodes),
                   table=Table(["Community", "People", "Members in it", "Main companies"], rows,
                               [True, True, False, False]),
                   figure_height=max(2.0, 0.8 + 0.28 * len(items)))


def _brokers(team: TeamReport, options: ReportOptions) -> Section | LeftOut:
    title = "Brokers"
    if not team.brokers:
        return LeftOut(title, "people with two or more ties in the data")
    rows = [[b["name"] or "(no name)", b.get("company") or "–",
             "member" if b.get("member") else "", f"{b['betweenness']:.4f}", f"{b['ties']:,}"]
            for b in team.brokers]
    outside = next((b for b in team.brokers if not b.get("member")), None)
    headline = (f"{team.brokers[0]['name']} links the most people who would otherwise be far "
                "apart" + (f"; outside the team, {outside['name']}." if outside is not None
                           and outside is not team.brokers[0] else "."))
    definition = (f"Betweenness centrality ({team.betweenness_method}): the share of shortest "
                  "paths between two other people that pass through this person (hops, "
                  "normalized as networkx does, 0 to 1). Ties: people they are tied to in the "
                  "combined graph. Members link their own connections to the rest of the team, "
                  "so they come first; the people outside the team after them are the "
                  "bridges between members' circles.")
    items = [(b["name"] or "(no name)", b["betweenness"]) for b in team.brokers]
    return Section("brokers", title, headline, definition,
                   figure=partial(charts.brokers_chart, items),
                   table=Table(["Person", "Company", "", "Betweenness", "Ties"], rows,
                               [False, False, False, True, True]),
                   figure_height=max(2.0, 0.8 + 0.28 * len(items)))
