"""Who should meet whom: pairs of your connections who could help each other, and why.

"Purposeful networking" (see ../shared/article.md): introduce people who can really help each
other, instead of connecting for its own sake. A pair is suggested when the two have
complementary roles (the taxonomy ``COMPLEMENTARY_ROLES`` in :mod:`netaudit.analyses.roles`:
recruiter and job seeker, investor and founder, hiring manager and professional in the same
field, recruiter and manager, founder and engineer/data/design professional, recruiter and such
a professional, product and design, founder and sales or marketing), or work in the same field
in the same place.

Fit of a pair = the complementary-role fit (0.3 to 0.7; 0 without one)
+ ``SAME_PLACE_FIT`` when both have the same city + ``SAME_FIELD_FIT`` when both have the same
role family (not 'other'/'unknown') and no complementary rule applied. Pairs of peers (same field,
no complementary rule) are suggested only when they share a city.

Rank = fit x (``STRENGTH_FLOOR`` + (1 - ``STRENGTH_FLOOR``) x sqrt(s_a x s_b)), where s_a and s_b
are your tie strengths to each (:mod:`netaudit.analyses.ties`): an introduction is worth more
when you know both well, and without any message data pairs still rank by fit.

A person appears in at most ``MAX_PAIRS_PER_PERSON`` of the suggested pairs (the best ones).

Never suggested: pairs already tied in the data (any edge between them in the graph: a shared
group conversation, the same current employer), the owner, hidden profiles.

Candidates are not all n^2 pairs: people are bucketed by role tag and by (city, role family), and
only the ``BUCKET_SIZE`` strongest ties of each bucket are paired, which keeps 30,000
connections to well under a million pairs looked at.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import combinations, product
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from netaudit.model import Network

SAME_PLACE_FIT = 0.3
SAME_FIELD_FIT = 0.2
STRENGTH_FLOOR = 0.1
BUCKET_SIZE = 200
#: A person appears in at most this many suggested pairs, so that one well-connected founder
#: does not fill the whole list.
MAX_PAIRS_PER_PERSON = 2
#: Families too vague to make two people "in the same field".
NO_FIELD = frozenset({"other", "unknown"})

_PLACE_NOISE = re.compile(r"\b(greater|area|metropolitan|metro|region|city of)\b")


def place_key(location: str) -> str:
    """The city of a free-text location, for comparison: the part before the first comma,
    folded, without "Greater … Area".

    Examples
    --------
    >>> place_key("Kraków, Poland"), place_key("Greater Berlin Area"), place_key("")
    ('krakow', 'berlin', '')
    """
    from netaudit.identity import fold

    city = fold(location.split(",", 1)[0])
    city = _PLACE_NOISE.sub(" ", city)
    return " ".join(city.replace(".", " ").split())


@dataclass(frozen=True)
class Person:
    person_id: str
    name: str
    company: str
    position: str
    location: str
    strength: float

    def to_dict(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "name": self.name, "company": self.company,
                "position": self.position, "location": self.location,
                "tie_strength": round(self.strength, 4)}


@dataclass(frozen=True)
class Introduction:
    """Two people to introduce, the fit, the rank score and the reason in words."""

    a: Person
    b: Person
    fit: float
    score: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "fit": round(self.fit, 4),
                "score": round(self.score, 4), "reason": self.reason}


@dataclass
class Introductions:
    """Result of :func:`suggest_introductions`."""

    pairs: list[Introduction]
    people: int
    with_role: int
    with_place: int
    pairs_considered: int
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"people": self.people, "with_role": self.with_role,
                "with_place": self.with_place, "pairs_considered": self.pairs_considered,
                "introductions": [p.to_dict() for p in self.pairs], "notes": self.notes}


def suggest_introductions(
    network: Network,
    *,
    strengths: Mapping[str, float] | None = None,
    graph: nx.Graph | None = None,
    limit: int = 20,
    per_person: int | None = MAX_PAIRS_PER_PERSON,
) -> Introductions:
    """Rank pairs of the owner's connections and contacts who could help each other.

    Parameters
    ----------
    network:
        The owner's data; people are its connections and address-book contacts.
    strengths:
        ``{person_id: tie strength}`` (:func:`netaudit.analyses.ties.tie_strength`); 0 when
        missing.
    graph:
        Ties already known (:func:`netaudit.graph.ego_graph`); pairs with an edge are skipped.
        Built from ``network`` when not given.
    limit:
        How many pairs to return (the best first).
    per_person:
        The most pairs one person may appear in (None: no limit).

    Examples
    --------
    >>> import pandas as pd
    >>> from netaudit.model import Network, Owner, conform
    >>> people = conform(pd.DataFrame({"person_id": ["me", "r", "s"],
    ...     "name": ["Me", "Rae Recruiter", "Sam Seeker"], "is_owner": [True, False, False],
    ...     "position": ["", "Technical Recruiter", "Data Analyst, open to work"],
    ...     "is_connection": [False, True, True]}), "people")
    >>> result = suggest_introductions(Network(people=people, owner=Owner("me")))
    >>> [(p.a.name, p.b.name, p.fit) for p in result.pairs]
    [('Rae Recruiter', 'Sam Seeker', 0.7)]
    """
    from netaudit.analyses.roles import complementary, role_family, role_tags
    from netaudit.graph import iter_rows

    if graph is None:
        from netaudit.graph import ego_graph

        graph = ego_graph(network)
    strengths = strengths or {}
    people = network.people
    chosen = people[~people["is_owner"] & ~people["hidden"]
                    & (people["is_connection"] | people["is_contact"])]
    folks: dict[str, Person] = {}
    tags: dict[str, frozenset[str]] = {}
    family: dict[str, str] = {}
    place: dict[str, str] = {}
    for row in iter_rows(chosen):
        pid = row.person_id
        folks[pid] = Person(pid, row.name, row.company, row.position, row.location,
                            float(strengths.get(pid, 0.0)))
        tags[pid] = role_tags(row.position, row.company)
        family[pid] = role_family(row.position)
        place[pid] = place_key(row.location)

    def strongest(ids: list[str]) -> list[str]:
        ids.sort(key=lambda pid: (-folks[pid].strength, folks[pid].name, pid))
        return ids[:BUCKET_SIZE]

    by_tag: dict[str, list[str]] = {}
    by_place_tag: dict[tuple[str, str], list[str]] = {}
    by_place_family: dict[tuple[str, str], list[str]] = {}
    for pid in folks:
        for tag in tags[pid]:
            by_tag.setdefault(tag, []).append(pid)
            if place[pid]:
                by_place_tag.setdefault((place[pid], tag), []).append(pid)
        if place[pid] and family[pid] not in NO_FIELD:
            by_place_family.setdefault((place[pid], family[pid]), []).append(pid)
    for buckets in (by_tag, by_place_tag, by_place_family):
        for key, ids in buckets.items():
            buckets[key] = strongest(ids)

    def candidate_pairs() -> Iterator[tuple[str, str]]:
        for first, second in _rule_sides():
            yield from product(by_tag.get(first, []), by_tag.get(second, []))
            for (city, tag), ids in by_place_tag.items():
                if tag == first:
                    yield from product(ids, by_place_tag.get((city, second), []))
        for ids in by_place_family.values():
            yield from combinations(ids, 2)

    seen: set[tuple[str, str]] = set()
    found: list[Introduction] = []
    for a, b in candidate_pairs():
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        if key in seen:
            continue
        seen.add(key)
        if graph.has_edge(a, b):
            continue
        rule = complementary(tags[a], tags[b])
        same_place = bool(place[a]) and place[a] == place[b]
        same_field = family[a] == family[b] and family[a] not in NO_FIELD
        if rule is None and not (same_place and same_field):
            continue
        fit = 0.0
        reasons = []
        first, second = folks[a], folks[b]
        if rule is not None:
            fit += rule[0]
            if rule[2]:
                first, second = second, first
            reasons.append(f"{rule[1]}: {_who(first)}; {_who(second)}")
        elif same_field:
            fit += SAME_FIELD_FIT
            reasons.append(f"both in {family[a]}: {_who(first)}; {_who(second)}")
        if same_place:
            fit += SAME_PLACE_FIT
            reasons.append(f"both in {folks[a].location.split(',')[0].strip()}")
        closeness = math.sqrt(first.strength * second.strength)
        score = fit * (STRENGTH_FLOOR + (1 - STRENGTH_FLOOR) * closeness)
        found.append(Introduction(first, second, round(fit, 4), score, "; ".join(reasons)))
    found.sort(key=lambda p: (-p.score, -p.fit, p.a.name, p.b.name, p.a.person_id,
                              p.b.person_id))
    chosen_pairs: list[Introduction] = []
    times: Counter[str] = Counter()
    for pair in found:
        if len(chosen_pairs) == limit:
            break
        if per_person is None or (times[pair.a.person_id] < per_person
                                   and times[pair.b.person_id] < per_person):
            chosen_pairs.append(pair)
            times[pair.a.person_id] += 1
            times[pair.b.person_id] += 1
    notes = []
    with_place = sum(1 for pid in folks if place[pid])
    if not with_place:
        notes.append("no locations in the data: add a contacts CSV or vCard with locations to "
                     "match people in the same place")
    if not strengths:
        notes.append("no tie strengths given: pairs rank by fit only")
    return Introductions(
        pairs=chosen_pairs,
        people=len(folks),
        with_role=sum(1 for pid in folks if family[pid] not in NO_FIELD),
        with_place=with_place,
        pairs_considered=len(seen),
        notes=notes,
    )


def _rule_sides() -> list[tuple[str, str]]:
    """The (tag, tag) buckets each complementary rule pairs."""
    from netaudit.analyses.roles import COMPLEMENTARY_ROLES, HIRING_FIELDS

    sides = []
    for first, second, _, _ in COMPLEMENTARY_ROLES:
        if first == "field:manager":
            sides.extend((f"manager:{f}", f"member:{f}") for f in HIRING_FIELDS)
        else:
            sides.append((first, second))
    return sides


def _who(person: Person) -> str:
    what = person.position or "position unknown"
    if person.company:
        what += f" at {person.company}"
    return f"{person.name or '(no name)'} ({what})"
