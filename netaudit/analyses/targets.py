"""Who you know at your target companies: loose, explainable company-name matching, and per
target the people there ranked by tie strength, the warmest path when nobody there is a live
tie, and the targets with nobody at all.

**Matching a target to the companies in the data** (:func:`match_company`). Both names are
reduced by :func:`netaudit.graph.company_key` (case, accents, punctuation and legal suffixes
such as Inc., LLC, GmbH ignored) and compared **word by word**, never inside a word:

1. *same name*: every company whose reduced name equals the target's (``Google`` finds
   ``Google LLC``); the companies whose name starts with the target's words are then taken as
   its units and matched too (``Google`` also finds ``Google Cloud``);
2. otherwise *starts with the target's words*: when the companies whose name starts with the
   target's words are one company (``Kestrel`` finds ``Kestrel Robotics`` and ``Kestrel
   Robotics, Inc.``), they match; when they are several (``Kestrel Robotics`` and ``Kestrel
   Capital``) the target is **ambiguous**: the candidates are listed, none is guessed (write
   the full name in the targets file);
3. otherwise the target is **unmatched** and reported with the closest company names; the
   other targets go on.

``Meta`` never finds ``Metaswitch``: ``metaswitch`` is another word.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from netaudit.encode import Fields

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd


class MatchStatus:
    MATCHED = "matched"
    AMBIGUOUS = "ambiguous"
    UNMATCHED = "unmatched"


@dataclass(frozen=True)
class CompanyMatch(Fields):
    """How one target reads against the companies of the data."""

    target: str
    status: str
    """``matched``, ``ambiguous`` or ``unmatched``."""
    companies: tuple[str, ...] = ()
    """The companies matched (as written in the data), sorted."""
    candidates: tuple[str, ...] = ()
    """For an ambiguous target, the companies it could mean; for an unmatched one, the
    closest names in the data."""
    rule: str = ""


def match_company(target: str, companies: Iterable[str]) -> CompanyMatch:
    """Which of ``companies`` the target names (rules in the module docstring).

    Examples
    --------
    >>> data = ["Kestrel Robotics", "Google LLC", "Google Cloud", "Metaswitch", "Acme"]
    >>> match_company("Kestrel", data).companies
    ('Kestrel Robotics',)
    >>> match_company("Google", data).companies
    ('Google Cloud', 'Google LLC')
    >>> match_company("Meta", data).status
    'unmatched'
    >>> m = match_company("Kestrel", ["Kestrel Robotics", "Kestrel Capital"])
    >>> m.status, m.candidates
    ('ambiguous', ('Kestrel Capital', 'Kestrel Robotics'))
    """
    from netaudit.graph import company_key

    names = sorted({str(c).strip() for c in companies if str(c).strip()})
    wanted = company_key(target).split()
    if not wanted:
        return CompanyMatch(target, MatchStatus.UNMATCHED, rule="the target has no letters")
    same: list[str] = []
    longer: dict[str, list[str]] = {}
    for name in names:
        words = company_key(name).split()
        if words == wanted:
            same.append(name)
        elif words[:len(wanted)] == wanted:
            longer.setdefault(" ".join(words), []).append(name)
    units = sorted(n for group in longer.values() for n in group)
    if same:
        rule = "same name" + (" and names starting with it" if units else "")
        return CompanyMatch(target, MatchStatus.MATCHED, tuple(sorted(same + units)), rule=rule)
    if len(longer) == 1:
        return CompanyMatch(target, MatchStatus.MATCHED, tuple(units),
                            rule="the only company whose name starts with the target's words")
    if longer:
        return CompanyMatch(target, MatchStatus.AMBIGUOUS, candidates=tuple(units),
                            rule="several companies start with the target's words")
    return CompanyMatch(target, MatchStatus.UNMATCHED, candidates=_closest(target, names),
                        rule="no company has the target's words")


def _closest(target: str, names: Sequence[str]) -> tuple[str, ...]:
    from rapidfuzz import process
    from rapidfuzz.utils import default_process

    close = process.extract(target, list(names), limit=3, processor=default_process,
                            score_cutoff=60)
    return tuple(c[0] for c in close)


@dataclass
class Known(Fields):
    """One person at a target."""

    person_id: str
    name: str
    company: str
    position: str
    score: float
    layer: str
    status: str


@dataclass
class TargetFinding:
    """One target: how it matched, who you know there, the warmest path."""

    target: str
    kind: str
    """``company`` or ``person``."""
    match: CompanyMatch
    people: list[Known] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    """Names from you to the target when the warmest way in goes through someone else."""
    path_strength: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "kind": self.kind, **{
            k: v for k, v in self.match.to_dict().items() if k != "target"},
            "people": [p.to_dict() for p in self.people],
            "warmest_path": self.path, "path_strength": self.path_strength}


@dataclass
class TargetsResult:
    """Result of :func:`known_at_targets`."""

    findings: list[TargetFinding]

    @property
    def nobody(self) -> list[str]:
        """Targets matched by nobody in the data (unmatched, ambiguous ones aside)."""
        return [f.target for f in self.findings if not f.people
                and f.match.status != MatchStatus.AMBIGUOUS]

    def to_dict(self) -> dict[str, Any]:
        return {"targets": [f.to_dict() for f in self.findings],
                "ambiguous": [f.target for f in self.findings
                              if f.match.status == MatchStatus.AMBIGUOUS],
                "nobody": self.nobody}


def known_at_targets(
    targets: Sequence[str],
    rows: pd.DataFrame,
    *,
    graph: nx.Graph | None = None,
    owner_id: str | None = None,
    profile_urls: Mapping[str, str] | None = None,
) -> TargetsResult:
    """Per target, the people of ``rows`` (the ``rows`` of
    :func:`netaudit.analyses.ties.tie_strength`) there, strongest tie first.

    A target is a person when it is a profile URL or a full name of someone in ``rows``
    (names compared as :func:`netaudit.identity.normalize_name` does), else a company
    (:func:`match_company` over the companies in ``rows``). With the owner's ``graph``
    (:func:`netaudit.graph.ego_graph`), when nobody at the target has a contact with you
    (every tie score 0), the warmest path is the one with the highest product of tie strengths
    (as ``team``), shown when it goes through someone.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"person_id": ["a", "b"], "name": ["Ana Ruiz", "Bo Li"],
    ...     "company": ["Kestrel Robotics", "Metaswitch"], "position": ["CTO", "Dev"],
    ...     "score": [0.4, 0.2], "layer": ["ranks 1-5"] * 2, "status": ["active"] * 2})
    >>> result = known_at_targets(["Kestrel", "Meta", "bo li"], rows)
    >>> [(f.target, f.match.status, [p.name for p in f.people]) for f in result.findings]
    [('Kestrel', 'matched', ['Ana Ruiz']), ('Meta', 'unmatched', []), ('bo li', 'matched', ['Bo Li'])]
    """
    from netaudit.identity import normalize_name, normalize_url

    by_name: dict[str, list[int]] = {}
    for index, name in enumerate(rows["name"].tolist()):
        key = normalize_name(str(name or ""))
        if key and len(key.split()) >= 2:
            by_name.setdefault(key, []).append(index)
    by_url: dict[str, list[int]] = {}
    for index, pid in enumerate(rows["person_id"].tolist()):
        url = (profile_urls or {}).get(pid, "")
        if url:
            by_url.setdefault(url, []).append(index)
    companies = rows["company"].tolist()
    findings = []
    for target in targets:
        text = target.strip()
        hits: list[int] | None = None
        if "/" in text or "linkedin" in text.lower():
            hits = by_url.get(normalize_url(text))
        if not hits:
            hits = by_name.get(normalize_name(text))
        if hits:
            match = CompanyMatch(text, MatchStatus.MATCHED, rule="a person's name or URL")
            kind = "person"
        else:
            kind = "company"
            match = match_company(text, companies)
            chosen = set(match.companies)
            hits = [i for i, c in enumerate(companies) if c in chosen]
        people = [_known(rows.iloc[i]) for i in hits]
        people.sort(key=lambda p: (-p.score, p.name, p.person_id))
        finding = TargetFinding(text, kind, match, people)
        if people and graph is not None and owner_id and all(p.score <= 0 for p in people):
            _warmest(finding, graph, owner_id)
        findings.append(finding)
    return TargetsResult(findings)


def _known(row: Any) -> Known:
    return Known(str(row["person_id"]), str(row["name"] or "(no name)"), str(row["company"]),
                 str(row["position"]), round(float(row["score"]), 4), str(row["layer"]),
                 str(row["status"]))


#: The weakest hop a path counts (the floor of :mod:`netaudit.analyses.team`): a connection
#: you never talked to is still a cold ask.
MIN_PATH_STRENGTH = 0.01


def _warmest(finding: TargetFinding, graph: nx.Graph, owner_id: str) -> None:
    """The path from the owner with the highest product of tie strengths to anyone at the
    target (a shortest path on -log strength, as ``team``), kept when it goes through someone."""
    import networkx as nx

    ends = [p.person_id for p in finding.people if p.person_id in graph]
    if owner_id not in graph or not ends:
        return

    def length(a: str, b: str, data: dict[str, Any]) -> float:
        if a == b:
            return math.inf
        return max(-math.log(max(float(data.get("strength", 0.0)), MIN_PATH_STRENGTH)), 1e-12)

    _, path = nx.multi_source_dijkstra(graph, ends, target=owner_id, weight=length)
    path = list(reversed(path))
    if len(path) <= 2:
        return
    strengths = [max(float(graph.edges[a, b].get("strength", 0.0)), MIN_PATH_STRENGTH)
                 for a, b in zip(path, path[1:], strict=False)]
    finding.path = ["you", *(graph.nodes[n].get("name", "") or "(no name)" for n in path[1:])]
    finding.path_strength = round(math.prod(strengths), 6)
