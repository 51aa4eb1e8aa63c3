"""A team's combined network: who reaches whom, how much members overlap, warm paths to a
target, and the structure (communities, brokers, bridges).

For recruiters and agencies: each export is one team member's data, and its owner is the
member. People are merged across exports by identity (normalized profile URL, then e-mail,
then name: :func:`netaudit.graph.team_identities`) and the members' ego graphs are joined
(:func:`netaudit.graph.team_graph`).

Definitions (the README repeats them):

- **connections** of a member: the people in their connection list, teammates excluded.
- **overlap[i][j]**: people who are connections of both member i and member j (the diagonal is
  member i's connections). **unique reach**: a member's connections no other member has.
  **total reach**: distinct people who are a connection of at least one member.
- **warm path** to ``--target``: the target is a person (by name or profile URL) or a company
  (every person whose current company matches, legal suffixes ignored). The *best* path from a
  member maximizes the product of tie strengths along it (a shortest path on -log strength);
  a tie's strength is the member's tie score (:mod:`netaudit.analyses.ties`), at least
  ``MIN_PATH_STRENGTH`` (a connection you never talked to is still a cold ask), and the weak
  constants of :mod:`netaudit.graph` for group-conversation and same-employer ties. The
  *fewest-hop* path is shown too when it differs (among equally short paths, the strongest).
Structure is measured on the ties the data shows (member and person, group conversations);
the same current employer is an assumption, not a tie:

- **communities**: Louvain (networkx ``louvain_communities``, resolution 1, a fixed ``seed``, so
  the same data gives the same communities), run on the people with two or more ties with the
  single-tie people folded into self-loops: the same modularity on a far smaller graph.
- **brokers**: betweenness centrality (shortest paths in hops, normalized as networkx does)
  among the people with two or more ties (someone known to one member only lies on nobody's
  path). Exact up to ``EXACT_BETWEENNESS_NODES`` such people; above, estimated from
  ``BETWEENNESS_SAMPLES`` source people drawn with the seed (as networkx's ``k=``).
- **effective size** and **constraint** (Burt 1992) of each member, unweighted, as networkx
  computes them: effective size = n - 2t/n for n contacts with t ties among them; constraint =
  sum over contacts j of (p_ij + sum_q p_iq p_qj)^2 with p_ij = 1/n_i.
- **local bridges**: ties whose two ends share no contact, among ties whose two ends both have
  other ties (a person known to a single member trivially hangs on one tie); ``span`` is the
  length of the shortest other path between the ends.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from netaudit.encode import Fields
from netaudit.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx

    from netaudit.model import Network
    from netaudit.progress import Progress

MIN_PATH_STRENGTH = 0.01
#: Added to every hop of the fewest-hop search, so that hops always come first and strength
#: only breaks ties (a path never has 1000 / -log(0.01) = 217 hops).
_HOP = 1000.0
EXACT_BETWEENNESS_NODES = 2_000
BETWEENNESS_SAMPLES = 500
TOP_BROKERS = 10
TOP_COMPANIES = 10
TOP_COMMUNITIES = 10
LISTED_BRIDGES = 20
#: Spans are computed for at most this many local bridges (those between the best-connected
#: ends first); the count covers all of them.
SPAN_BRIDGES = 200
DEFAULT_SEED = 42


@dataclass
class Member:
    """One team member: the owner of one export."""

    person_id: str
    name: str
    export: str
    connections: int = 0
    unique_reach: int = 0
    effective_size: float | None = None
    contacts: int = 0
    """The n of effective size: people the member has a tie with in the data (connections
    plus anyone else they exchanged messages with), so it can exceed ``connections``."""
    constraint: float | None = None
    betweenness: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "person_id": self.person_id, "export": self.export,
            "connections": self.connections, "unique_reach": self.unique_reach,
            "effective_size": _round(self.effective_size), "contacts": self.contacts,
            "constraint": _round(self.constraint), "betweenness": _round(self.betweenness),
        }


def _round(value: float | None, digits: int = 4) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), digits)


@dataclass(frozen=True)
class Step(Fields):
    person_id: str
    name: str
    company: str
    member: bool


@dataclass(frozen=True)
class WarmPath:
    """People from a member to the target, the tie strength of each hop and their product."""

    steps: tuple[Step, ...]
    strengths: tuple[float, ...]

    @property
    def hops(self) -> int:
        return len(self.steps) - 1

    @property
    def strength(self) -> float:
        return math.prod(self.strengths)

    def to_dict(self) -> dict[str, Any]:
        return {"hops": self.hops, "strength": round(self.strength, 6),
                "tie_strengths": [round(s, 4) for s in self.strengths],
                "people": [s.to_dict() for s in self.steps]}

    def __str__(self) -> str:
        return " → ".join(s.name or "(no name)" for s in self.steps)


@dataclass
class MemberReach:
    """How one member reaches the target."""

    member: str
    best: WarmPath | None
    fewest_hops: WarmPath | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"member": self.member, "reachable": self.best is not None,
                "best": self.best.to_dict() if self.best else None,
                "fewest_hops": self.fewest_hops.to_dict() if self.fewest_hops else None}


@dataclass
class TargetReport:
    """Coverage of one ``--target`` and the warm paths to it."""

    query: str
    kind: str
    matched: list[str]
    people: int
    reached_directly: dict[str, int]
    members: list[MemberReach]
    status: str = "matched"
    """``matched``, ``ambiguous`` (several companies start with its words: ``candidates``)
    or ``unmatched`` (``candidates`` holds the closest names); the other targets go on."""
    candidates: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.query, "kind": self.kind, "status": self.status,
            "candidates": self.candidates, "matched": self.matched,
            "people_at_target": self.people,
            "direct_connections": self.reached_directly,
            "members_reaching": sum(1 for m in self.members if m.best is not None),
            "paths": [m.to_dict() for m in self.members],
        }


@dataclass
class TeamReport:
    """Result of :func:`team_report`; see the module docstring for each definition."""

    members: list[Member]
    overlap: list[list[int]]
    total_reach: int
    shared_reach: int
    companies: list[dict[str, Any]]
    targets: list[TargetReport]
    communities: list[dict[str, Any]]
    community_count: int
    brokers: list[dict[str, Any]]
    betweenness_method: str
    local_bridges: int
    bridges: list[dict[str, Any]]
    nodes: int
    edges: int
    seed: int
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        names = [m.name for m in self.members]
        return {
            "members": [m.to_dict() for m in self.members],
            "overlap": {"members": names, "matrix": self.overlap},
            "reach": {"total_distinct": self.total_reach,
                      "sum_over_members": sum(m.connections for m in self.members),
                      "shared_by_two_or_more": self.shared_reach},
            "companies": self.companies,
            "targets": [t.to_dict() for t in self.targets],
            "communities": {"count": self.community_count, "seed": self.seed,
                            "method": "Louvain (networkx), unweighted, resolution 1",
                            "largest": self.communities},
            "brokers": {"method": self.betweenness_method, "top": self.brokers},
            "local_bridges": {"count": self.local_bridges, "listed": self.bridges},
            "graph": {"nodes": self.nodes, "edges": self.edges},
            "notes": self.notes,
        }


def team_report(
    networks: Iterable[Network],
    *,
    labels: Sequence[str] | None = None,
    targets: Sequence[str] = (),
    strengths: Sequence[Mapping[str, float]] | None = None,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
) -> TeamReport:
    """Analyse several members' networks together.

    Parameters
    ----------
    networks:
        One Network per member, each loaded on its own so that its owner is the member. Each
        is used once, in order, and not kept: pass a generator that loads them one at a time
        and a 20-member team never holds more than one export's messages in memory.
    labels:
        A name per network for members whose name the data does not give (e.g. the path).
    targets:
        Companies or people to find warm paths to. A target that matches nobody, or several
        companies, is reported as ``unmatched`` / ``ambiguous`` with the closest names or the
        candidates, and the other targets go on.
    strengths:
        Per network, ``{person_id: tie strength}``; computed with the default weights when
        not given.
    seed:
        Seed of the Louvain communities and of the sampled betweenness.
    progress:
        ``progress(step, done, total)`` callback.
    """
    import networkx as nx

    from netaudit.analyses.ties import tie_strength
    from netaudit.graph import add_to_union, ego_graph, mark_members, team_identities
    from netaudit.model import Network

    total = len(labels) if labels is not None else None
    exports: list[tuple[Network, Any, list[str]]] = []
    for index, network in enumerate(networks):
        if progress:
            progress("tie strength", index, total)
        given = strengths[index] if strengths is not None else tie_strength(network).scores
        drawn = ego_graph(network, strengths=given, details=False)
        # What is kept of each export: who is in it (for identities), and its nodes and edges
        # as plain lists (a graph object per member would double the memory).
        kept = Network(people=network.people, owner=network.owner)
        exports.append((kept, (list(drawn.nodes(data=True)), list(drawn.edges(data=True))),
                        network.connections["person_id"].tolist()))
        del drawn
    if not exports:
        raise UsageError("no export given", hint="pass one export per team member")
    labels = list(labels) if labels is not None else [f"export {i + 1}"
                                                      for i in range(len(exports))]
    if progress:
        progress("merging people", 0, None)
    mappings = team_identities([kept for kept, _, _ in exports])
    owners = [mappings[i].get(kept.owner_id or "", kept.owner_id or "")
              for i, (kept, _, _) in enumerate(exports)]
    graph = nx.Graph(members="; ".join(dict.fromkeys(owners)))
    for index, (kept, (nodes, edges), connections) in enumerate(exports):
        add_to_union(graph, nodes, edges, owners[index], rename=mappings[index])
        exports[index] = (kept, ([], []), connections)  # merged: let it go
    mark_members(graph, owners)
    notes: list[str] = []

    members: list[Member] = []
    member_of: dict[str, Member] = {}
    reach: dict[str, set[str]] = {}
    for index, (kept, _, connections) in enumerate(exports):
        pid = owners[index]
        if pid in member_of:
            notes.append(f"{labels[index]} has the same owner as {member_of[pid].export}; "
                         "their connections are counted once, for one member")
        else:
            name = kept.owner.name if kept.owner and kept.owner.name else labels[index]
            member_of[pid] = Member(pid, name, labels[index])
            members.append(member_of[pid])
            reach[pid] = set()
        mapping = mappings[index]
        reach[pid].update(mapping[p] for p in connections)
    del exports
    member_ids = set(member_of)
    for pid in reach:
        reach[pid] -= member_ids
    if len(members) < 2:
        notes.append("overlap needs two or more exports from different people; this shows "
                     "one member's reach only")

    known_by: dict[str, list[int]] = {}
    for i, member in enumerate(members):
        for person in reach[member.person_id]:
            known_by.setdefault(person, []).append(i)
    overlap = [[0] * len(members) for _ in members]
    unique = [0] * len(members)
    for holders in known_by.values():
        if len(holders) == 1:
            unique[holders[0]] += 1
        for i in holders:
            for j in holders:
                overlap[i][j] += 1
    for i, member in enumerate(members):
        member.connections = len(reach[member.person_id])
        member.unique_reach = unique[i]

    companies = _company_coverage(graph, members, reach)
    finder = PathFinder(graph) if targets else None
    target_reports = [_target(graph, finder, query, members, reach) for query in targets
                      if finder is not None]

    if progress:
        progress("communities", 0, None)
    observed = observed_ties(graph)
    core = _core(observed)
    communities = _communities(graph, observed, core, members, seed)
    if progress:
        progress("brokers", 0, None)
    betweenness, method = _betweenness(core, seed)
    for member in members:
        member.betweenness = betweenness.get(member.person_id, 0.0)
        member.effective_size, member.constraint = burt(observed, member.person_id)
        member.contacts = len(set(observed[member.person_id]) - {member.person_id}) \
            if member.person_id in observed else 0
    brokers = _brokers(graph, betweenness, member_of)
    count, bridges = _local_bridges(observed, graph)
    return TeamReport(
        members=members,
        overlap=overlap,
        total_reach=len(known_by),
        shared_reach=sum(1 for h in known_by.values() if len(h) > 1),
        companies=companies,
        targets=target_reports,
        communities=communities[1],
        community_count=communities[0],
        brokers=brokers,
        betweenness_method=method,
        local_bridges=count,
        bridges=bridges,
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        seed=seed,
        notes=notes,
    )


def _company_coverage(graph: nx.Graph, members: list[Member], reach: dict[str, set[str]]
                      ) -> list[dict[str, Any]]:
    """Companies with the most distinct people the team reaches, and who reaches them."""
    from netaudit.graph import company_key

    people_at: dict[str, set[str]] = {}
    label: dict[str, str] = {}
    for person in set().union(*reach.values()) if reach else set():
        company = graph.nodes[person].get("company", "")
        key = company_key(company) if company else ""
        if key:
            people_at.setdefault(key, set()).add(person)
            label.setdefault(key, company)
    ranked = sorted(people_at, key=lambda k: (-len(people_at[k]), k))[:TOP_COMPANIES]
    return [{
        "company": label[key],
        "people": len(people_at[key]),
        "by_member": {m.name: len(people_at[key] & reach[m.person_id]) for m in members},
    } for key in ranked]


def find_target(graph: nx.Graph, query: str) -> tuple[str, list[str]]:
    """The nodes a ``--target`` names: ('person', ids) when it is a person's name or profile
    URL, else ('company', ids) of everyone whose current company matches
    (:func:`netaudit.analyses.targets.match_company`: ``Kestrel`` finds ``Kestrel Robotics``).

    Raises UsageError with the closest names and companies when nothing matches, and with the
    candidates when several companies start with the target's words.
    """
    kind, nodes, match = resolve_target(graph, query)
    if match.status == "ambiguous":
        raise UsageError(f"--target {query.strip()!r} could be several companies",
                         hint="write one of them in full: " + ", ".join(match.candidates))
    if not nodes:
        raise UsageError(f"--target {query.strip()!r} matches no person or company in the "
                         "team's data", hint=_closest(graph, query.strip()))
    return kind, nodes


def resolve_target(graph: nx.Graph, query: str) -> tuple[str, list[str], Any]:
    """(kind, node ids, :class:`~netaudit.analyses.targets.CompanyMatch`) of a target,
    without raising when it matches nothing or is ambiguous (no ids then)."""
    from netaudit.analyses.targets import CompanyMatch, MatchStatus, match_company
    from netaudit.identity import normalize_name, normalize_url

    text = query.strip()
    if not text:
        raise UsageError("--target is empty", hint="name a company or a person")
    person = CompanyMatch(text, MatchStatus.MATCHED, rule="a person's name or URL")
    if "/" in text or "linkedin" in text.lower():
        url = normalize_url(text)
        hits = [n for n, d in graph.nodes(data=True) if d.get("profile_url") == url]
        if hits:
            return "person", sorted(hits), person
    name = normalize_name(text)
    hits = [n for n, d in graph.nodes(data=True)
            if name and normalize_name(d.get("name", "")) == name]
    if hits:
        return "person", sorted(hits), person
    companies = {d.get("company", "") for _, d in graph.nodes(data=True)} - {""}
    match = match_company(text, companies)
    chosen = set(match.companies)
    hits = [n for n, d in graph.nodes(data=True) if d.get("company") in chosen]
    return "company", sorted(hits), match


def _closest(graph: nx.Graph, text: str) -> str:
    names = _closest_names(graph, text, kinds=True)
    if not names:
        return "the data holds no names or companies to match"
    return f"closest names in the data: {', '.join(names)}"


def _closest_names(graph: nx.Graph, text: str, *, kinds: bool = False) -> list[str]:
    """The 3 names and companies of the graph closest to ``text`` (``'Name' (person)`` with
    ``kinds``)."""
    from rapidfuzz import process
    from rapidfuzz.utils import default_process

    names = {d.get("name", ""): "person" for _, d in graph.nodes(data=True)}
    names.update({d.get("company", ""): "company" for _, d in graph.nodes(data=True)})
    names.pop("", None)
    close = process.extract(text, list(names), limit=3, processor=default_process)
    if kinds:
        return [f"{c[0]!r} ({names[c[0]]})" for c in close]
    return [c[0] for c in close]


def path_cost(strength: float) -> float:
    """-log of a tie strength, floored at ``MIN_PATH_STRENGTH``: the edge length whose
    shortest path is the path with the highest product of strengths.

    >>> round(path_cost(0.5), 4), round(path_cost(0.0), 4)
    (0.6931, 4.6052)
    """
    return -math.log(max(float(strength), MIN_PATH_STRENGTH))


class PathFinder:
    """Shortest paths to a set of targets from every node at once (scipy's Dijkstra, in C):
    the best path (edge length -log strength) and the fewest-hop path (each hop ``_HOP`` plus
    its -log strength, so hops come first and strength breaks ties).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("me", "t", strength=0.05)
    >>> g.add_edge("me", "a", strength=0.9); g.add_edge("a", "t", strength=0.8)
    >>> finder = PathFinder(g)
    >>> finder.best_paths(["t"], ["me"]), finder.fewest_hop_paths(["t"], ["me"])
    ({'me': ['me', 'a', 't']}, {'me': ['me', 't']})
    """

    def __init__(self, graph: nx.Graph) -> None:
        import numpy as np
        import scipy.sparse as sp

        self.nodes = list(graph)
        self.index = {node: i for i, node in enumerate(self.nodes)}
        rows, cols, costs = [], [], []
        for a, b, strength in graph.edges(data="strength", default=0.0):
            if a == b:
                continue
            # scipy reads a stored 0 as "no edge": a strength of exactly 1 gets a tiny length.
            cost = max(path_cost(strength), 1e-12)
            i, j = self.index[a], self.index[b]
            rows += [i, j]
            cols += [j, i]
            costs += [cost, cost]
        n = len(self.nodes)
        self.lengths = sp.csr_matrix((np.array(costs, dtype=float), (rows, cols)),
                                     shape=(n, n))
        self.hop_lengths = self.lengths.copy()
        self.hop_lengths.data += _HOP

    def best_paths(self, targets: Sequence[str], starts: Sequence[str]
                   ) -> dict[str, list[str]]:
        """``{start: [start, ..., target]}`` for each start that reaches a target."""
        return self._paths(self.lengths, targets, starts)

    def fewest_hop_paths(self, targets: Sequence[str], starts: Sequence[str]
                         ) -> dict[str, list[str]]:
        return self._paths(self.hop_lengths, targets, starts)

    def _paths(self, lengths: Any, targets: Sequence[str], starts: Sequence[str]
               ) -> dict[str, list[str]]:
        import numpy as np
        from scipy.sparse.csgraph import dijkstra

        sources = sorted({self.index[t] for t in targets})
        if not sources:
            return {}
        distances, predecessors, _ = dijkstra(lengths, directed=False, indices=sources,
                                              return_predecessors=True, min_only=True)
        found = {}
        for start in starts:
            i = self.index.get(start)
            if i is None or not np.isfinite(distances[i]):
                continue
            path = [i]
            while predecessors[path[-1]] >= 0:
                path.append(int(predecessors[path[-1]]))
            found[start] = [self.nodes[k] for k in path]
        return found


def _target(graph: nx.Graph, finder: PathFinder, query: str, members: list[Member],
            reach: dict[str, set[str]]) -> TargetReport:
    kind, nodes, match = resolve_target(graph, query)
    if not nodes:
        candidates = list(match.candidates)
        if match.status != "ambiguous":
            candidates = _closest_names(graph, query.strip())
        return TargetReport(query.strip(), kind, [], 0, {m.name: 0 for m in members}, [],
                            status="ambiguous" if match.status == "ambiguous" else "unmatched",
                            candidates=candidates)
    names = sorted({graph.nodes[n].get("company" if kind == "company" else "name", "")
                    for n in nodes} - {""})
    targets = set(nodes)
    starts = [m.person_id for m in members]
    best_paths = finder.best_paths(nodes, starts)
    hop_paths = finder.fewest_hop_paths(nodes, starts)
    reaching = []
    for member in members:
        best = best_paths.get(member.person_id)
        if best is None:
            reaching.append(MemberReach(member.name, None))
            continue
        best_path = _warm_path(graph, best)
        hops = _warm_path(graph, hop_paths[member.person_id])
        reaching.append(MemberReach(member.name, best_path,
                                    hops if hops.steps != best_path.steps else None))
    direct = {m.name: len(targets & reach[m.person_id]) for m in members}
    return TargetReport(query, kind, names, len(targets), direct, reaching)


def _warm_path(graph: nx.Graph, nodes: list[str]) -> WarmPath:
    steps = tuple(Step(n, graph.nodes[n].get("name", ""), graph.nodes[n].get("company", ""),
                       bool(graph.nodes[n].get("member"))) for n in nodes)
    strengths = tuple(max(float(graph.edges[a, b].get("strength", 0.0)), MIN_PATH_STRENGTH)
                      for a, b in zip(nodes, nodes[1:], strict=False))
    return WarmPath(steps, strengths)


def observed_ties(graph: nx.Graph) -> nx.Graph:
    """The graph with only the ties the data shows (``owner`` and ``group`` edges): the same
    current employer is an assumption, not a tie, and would blur every structural measure."""
    import networkx as nx

    from netaudit.graph import EdgeKind

    observed = nx.Graph()
    observed.add_nodes_from(graph)  # no attributes: they stay in ``graph``
    wanted = {EdgeKind.OWNER.value, EdgeKind.GROUP.value}
    observed.add_edges_from((a, b) for a, b, kind in graph.edges(data="kind") if kind in wanted)
    return observed


def _core(observed: nx.Graph) -> nx.Graph:
    """The people with two or more ties and the ties among them, in the order of ``observed``
    (networkx's subgraph views iterate a set, whose order changes with the hash seed)."""
    import networkx as nx

    kept = [n for n in observed if observed.degree(n) >= 2]
    inside = set(kept)
    core = nx.Graph()
    core.add_nodes_from(kept)
    core.add_edges_from((a, b) for a, b in observed.edges() if a in inside and b in inside)
    return core


def _communities(graph: nx.Graph, observed: nx.Graph, core: nx.Graph, members: list[Member],
                 seed: int) -> tuple[int, list[dict[str, Any]]]:
    """Louvain communities; the largest, each with its members and main companies.

    A person with a single tie always belongs with that contact, so Louvain runs on the core
    (people with two or more ties) with each contact's single-tie people folded into a
    self-loop of that weight: the same modularity as on the whole graph, on a graph a tenth
    the size. A component without core (two people tied only to each other) is a community.
    """
    import networkx as nx

    if observed.number_of_nodes() == 0:
        return 0, []
    folded = nx.Graph()
    folded.add_nodes_from(core)
    folded.add_edges_from(core.edges(), weight=1.0)
    for node in observed:
        if node in core:
            continue
        anchor = next(iter(observed[node]), None)
        if anchor is not None and anchor in core:
            weight = folded.edges[anchor, anchor]["weight"] if folded.has_edge(anchor, anchor) \
                else 0.0
            folded.add_edge(anchor, anchor, weight=weight + 1.0)
    # Louvain walks sets of nodes, and a set of strings iterates in an order that changes with
    # Python's hash seed from one run to the next: integer labels keep it reproducible.
    labels = list(folded)
    numbered = nx.convert_node_labels_to_integers(folded, ordering="default")
    found = [{labels[i] for i in c}
             for c in nx.community.louvain_communities(numbered, weight="weight", seed=seed)]
    index = {node: i for i, community in enumerate(found) for node in community}
    for node in observed:
        if node in index:
            continue
        anchor = next(iter(observed[node]), None)
        if anchor is not None and anchor in index:
            found[index[anchor]].add(node)
            index[node] = index[anchor]
        else:
            component = set(nx.node_connected_component(observed, node))
            found.append(component)
            index.update(dict.fromkeys(component, len(found) - 1))
    found = sorted(found, key=lambda c: (-len(c), min(c)))
    names = {m.person_id: m.name for m in members}
    out = []
    for number, community in enumerate(found[:TOP_COMMUNITIES]):
        companies = Counter(graph.nodes[n].get("company", "") for n in community)
        companies.pop("", None)
        out.append({
            "community": number + 1,
            "size": len(community),
            "members": sorted(names[n] for n in community if n in names),
            "top_companies": [c for c, _ in sorted(companies.items(),
                                                   key=lambda kv: (-kv[1], kv[0]))[:3]],
        })
    return len(found), out


def _betweenness(core: nx.Graph, seed: int) -> tuple[dict[str, float], str]:
    n = core.number_of_nodes()
    where = f"among the {n:,} people with two or more ties"
    if n <= EXACT_BETWEENNESS_NODES:
        return betweenness(core), f"exact betweenness {where}"
    return betweenness(core, samples=BETWEENNESS_SAMPLES, seed=seed), (
        f"betweenness {where}, estimated from {BETWEENNESS_SAMPLES} source nodes drawn with "
        f"seed {seed}")


def betweenness(graph: nx.Graph, *, samples: int | None = None, seed: int = DEFAULT_SEED,
                batch: int | None = None) -> dict[str, float]:
    """Betweenness centrality in hops, normalized as networkx's ``betweenness_centrality``
    (``normalized=True``; with ``samples``, estimated from that many source nodes like its
    ``k=``, drawn with ``seed``).

    Brandes' algorithm with each breadth-first level of a batch of sources done as one sparse
    matrix product (scipy), which makes it fast enough for a 20-member team. A batch holds
    about four million cells per matrix (128 sources at most), so memory stays bounded.

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness(nx.path_graph(["a", "b", "c"]))  # b is between a and c: 1 of 1 pairs
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    import random

    import numpy as np
    import scipy.sparse as sp

    nodes = list(graph)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in graph.edges() if a != b]
    rows = [i for i, j in pairs] + [j for i, j in pairs]
    cols = [j for i, j in pairs] + [i for i, j in pairs]
    adjacency = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    if samples is not None and samples < n:
        sources = sorted(random.Random(seed).sample(range(n), samples))
    else:
        sources, samples = list(range(n)), None
    batch = batch or max(1, min(128, 4_000_000 // n))
    total = np.zeros(n)
    for start in range(0, len(sources), batch):
        chunk = np.array(sources[start:start + batch])
        width = np.arange(len(chunk))
        paths = np.zeros((n, len(chunk)))  # sigma: shortest paths from each source
        paths[chunk, width] = 1.0
        level = np.full((n, len(chunk)), -1, dtype=np.int32)
        level[chunk, width] = 0
        frontier = paths.copy()
        depth = 0
        while True:
            reached = adjacency @ frontier
            reached[level >= 0] = 0.0
            if not reached.any():
                break
            depth += 1
            level[reached > 0] = depth
            paths += reached
            frontier = reached
        dependency = np.zeros_like(paths)
        with np.errstate(divide="ignore", invalid="ignore"):
            for d in range(depth, 0, -1):
                share = np.where(level == d, (1.0 + dependency) / paths, 0.0)
                dependency += np.where(level == d - 1, paths * (adjacency @ share), 0.0)
        dependency[chunk, width] = 0.0
        total += dependency.sum(axis=1)
    scale = 1.0 / ((n - 1) * (n - 2))
    if samples is not None:
        scale *= n / samples
    return {node: float(value) * scale for node, value in zip(nodes, total, strict=True)}


def _brokers(graph: nx.Graph, betweenness: Mapping[str, float],
             member_of: Mapping[str, Member]) -> list[dict[str, Any]]:
    ranked = sorted((n for n, b in betweenness.items() if b > 0),
                    key=lambda n: (-betweenness[n], n))[:TOP_BROKERS]
    return [{
        "person_id": n,
        "name": graph.nodes[n].get("name", "") or (member_of[n].name if n in member_of else ""),
        "company": graph.nodes[n].get("company", ""),
        "member": n in member_of,
        "betweenness": round(betweenness[n], 6),
        "ties": graph.degree(n),
    } for n in ranked]


def burt(graph: nx.Graph, node: str) -> tuple[float | None, float | None]:
    """Burt's effective size and constraint of ``node``, unweighted (the values networkx's
    ``effective_size`` and ``constraint`` give with ``weight=None``), in time proportional to
    the ties of its contacts instead of the square of its degree.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("a", "c"), ("b", "c"), ("a", "d")])
    >>> esize, constraint = burt(g, "a")
    >>> round(esize, 4), round(constraint, 4)  # 3 - 2*1/3; (1/3+1/6)^2*2 + (1/3)^2
    (2.3333, 0.6111)
    """
    contacts = set(graph[node]) - {node}
    n = len(contacts)
    if n == 0:
        return None, None
    ties_among = 0
    constraint = 0.0
    for j in contacts:
        shared = [q for q in graph[j] if q in contacts and q != j]
        ties_among += len(shared)
        indirect = sum(1.0 / _contacts(graph, q) for q in shared) / n
        constraint += (1.0 / n + indirect) ** 2
    return n - ties_among / n, constraint


def _contacts(graph: nx.Graph, node: str) -> int:
    return len(graph[node]) - (1 if node in graph[node] else 0)


def _local_bridges(graph: nx.Graph, labels: nx.Graph) -> tuple[int, list[dict[str, Any]]]:
    """Local bridges of ``graph`` (its own copy: ties are dropped and put back to measure
    spans); names come from ``labels``."""
    import networkx as nx

    neighbours = {n: set(graph[n]) for n in graph if graph.degree(n) >= 2}
    found = [(a, b) for a, b in graph.edges() if a in neighbours and b in neighbours
             and not (neighbours[a] & neighbours[b])]
    found.sort(key=lambda e: (-graph.degree(e[0]) * graph.degree(e[1]), min(e), max(e)))
    listed = []
    for a, b in found[:SPAN_BRIDGES]:
        # The span is the shortest other way between the two ends: drop the tie, measure, put
        # it back (the graph is this analysis' own copy).
        attrs = graph.edges[a, b]
        graph.remove_edge(a, b)
        try:
            span: float = nx.shortest_path_length(graph, a, b)
        except nx.NetworkXNoPath:
            span = math.inf
        finally:
            graph.add_edge(a, b, **attrs)
        listed.append((a, b, span))
    listed.sort(key=lambda e: (-e[2], min(e[0], e[1]), max(e[0], e[1])))
    return len(found), [{
        "a": labels.nodes[a].get("name", ""), "b": labels.nodes[b].get("name", ""),
        "a_id": a, "b_id": b, "span": None if math.isinf(span) else int(span),
    } for a, b, span in listed[:LISTED_BRIDGES]]
