"""Who should meet whom: pairs of your connections who could help each other, and why.

"Purposeful networking" (see docs/essay.md): introduce people who can really help each
other, instead of connecting for its own sake. A pair is suggested when the two have
complementary roles (the taxonomy ``COMPLEMENTARY_ROLES`` in :mod:`netaudit.roles`:
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
connections to well under a million pairs looked at. The pairs are scored as numpy arrays (the
complementary rule looked up once per pair of distinct tag sets), and reasons are written only
for the pairs returned.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING, Any

from netaudit.collector import collector_paused

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

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


@lru_cache(maxsize=100_000)  # 30,000 people share a few thousand locations
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
    connections: int = 0
    """How many of ``people`` are connections; the others are address-book contacts."""

    def to_dict(self) -> dict[str, Any]:
        return {"people": self.people, "connections": self.connections,
                "with_role": self.with_role,
                "with_place": self.with_place, "pairs_considered": self.pairs_considered,
                "introductions": [p.to_dict() for p in self.pairs], "notes": self.notes}


@collector_paused()  # lists, buckets and arrays of 30,000 people, no cycle (collector_paused)
def suggest_introductions(
    network: Network,
    *,
    strengths: Mapping[str, float] | pd.Series | None = None,
    graph: nx.Graph | None = None,
    tied: Collection[tuple[str, str]] | None = None,
    limit: int = 20,
    per_person: int | None = MAX_PAIRS_PER_PERSON,
) -> Introductions:
    """Rank pairs of the owner's connections and contacts who could help each other.

    Parameters
    ----------
    network:
        The owner's data; people are its connections and address-book contacts.
    strengths:
        ``{person_id: tie strength}`` (:func:`netaudit.analyses.ties.tie_strength`), or a
        Series of them by id (``TieStrength.score_by_id``: no dict of 75,000 ids); 0 when
        missing.
    graph:
        Ties already known (:func:`netaudit.graph.ego_graph`, or the lighter
        :func:`netaudit.graph.between_graph`: only edges between two people matter); pairs
        with an edge are skipped.
    tied:
        The same ties as pairs of person ids (:func:`netaudit.graph.tied_pairs`), instead of
        ``graph``. Without either, ``tied_pairs`` of ``network``.
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
    import numpy as np
    import pandas as pd

    from netaudit.graph import _strengths_of
    from netaudit.roles import (
        COMPLEMENTARY_ROLES,
        complementary,
        role_family,
        role_tags,
    )

    if strengths is None:
        strengths = {}
    people = network.people
    wanted = (~people["is_owner"] & ~people["hidden"]
              & (people["is_connection"] | people["is_contact"])).to_numpy()
    # Only the columns read; a Person is made only for the pairs returned.
    chosen = people[["person_id", "name", "company", "position", "location"]][wanted]
    # One person per id (the last row of an id, at the place of its first).
    last_row = {pid: i for i, pid in enumerate(chosen["person_id"].tolist())}
    order = list(last_row)
    rows = np.array(list(last_row.values()), dtype=np.int64)
    every_row = len(rows) == len(chosen)
    names = chosen["name"].tolist()
    if not every_row:
        names = [names[i] for i in rows.tolist()]

    def coded(name: str) -> tuple[Any, list[str]]:
        """Each person's code in the column's distinct values, and those values: roles and
        places are worked out once per distinct position, company and location (30,000
        people share a few hundred)."""
        codes, uniques = pd.factorize(chosen[name], use_na_sentinel=False)
        return (codes if every_row else codes[rows]), uniques.tolist()

    position_code, positions = coded("position")
    company_code, companies = coded("company")
    location_code, locations = coded("location")
    index = {pid: i for i, pid in enumerate(order)}
    if isinstance(strengths, pd.Series):  # looked up in Arrow (see _strengths_of)
        ids = chosen["person_id"] if every_row else chosen["person_id"].iloc[rows]
        strength = np.array(_strengths_of(ids, order, strengths), dtype=float)
    else:
        strength = np.fromiter(map(strengths.get, order, repeat(0.0)), dtype=float,
                               count=len(order))
    # Role tags per distinct (position, company), role family per position, city per location;
    # then each as a code per person, for numpy.
    width = max(len(companies), 1)
    pairs_seen, tag_of_pair = np.unique(position_code * width + company_code,
                                        return_inverse=True)
    tag_sets, tag_code = _recoded([role_tags(positions[c // width], companies[c % width])
                                   for c in pairs_seen.tolist()], tag_of_pair)
    families, family_code = _recoded([role_family(p) for p in positions], position_code)
    places, place_code = _recoded([place_key(loc) for loc in locations], location_code)
    has_place = np.array([bool(p) for p in places], dtype=bool)[place_code]
    has_field = np.array([f not in NO_FIELD for f in families], dtype=bool)[family_code]

    def person(i: int) -> Person:
        return Person(order[i], names[i], companies[company_code[i]],
                      positions[position_code[i]], locations[location_code[i]],
                      float(strength[i]))

    # Names and ids as ranks in Python's order of the texts, so that numpy can sort by them.
    name_rank = _ranks(names)
    id_rank = _ranks(order)
    # Each bucket keeps its BUCKET_SIZE strongest ties: the stronger tie first, then the name,
    # then the id, as one ranking of everyone.
    strongest_first = np.empty(len(order), dtype=np.int64)
    strongest_first[np.lexsort((id_rank, name_rank, -strength))] = np.arange(len(order))
    position_of = strongest_first.tolist()

    def strongest(ids: list[int]) -> list[int]:
        ids.sort(key=position_of.__getitem__)
        return ids[:BUCKET_SIZE]

    # Buckets keyed by tag, (place code, tag) and (place code, family code).
    by_tag: dict[str, list[int]] = {}
    by_place_tag: dict[tuple[int, str], list[int]] = {}
    by_place_family: dict[tuple[int, int], list[int]] = {}
    placed, fielded = has_place.tolist(), has_field.tolist()
    for i, (its_tags, its_place, its_family) in enumerate(zip(
            [tag_sets[c] for c in tag_code.tolist()], place_code.tolist(),
            family_code.tolist(), strict=True)):
        for tag in its_tags:
            by_tag.setdefault(tag, []).append(i)
            if placed[i]:
                by_place_tag.setdefault((its_place, tag), []).append(i)
        if placed[i] and fielded[i]:
            by_place_family.setdefault((its_place, its_family), []).append(i)
    every: list[dict[Any, list[int]]] = [by_tag, by_place_tag, by_place_family]
    for buckets in every:
        for key, ids in buckets.items():
            buckets[key] = strongest(ids)

    # Candidate pairs as two arrays of person indexes, in the order the buckets list them (the
    # first time a pair is listed decides which of the two is "a"): products of two buckets
    # per rule side, then every pair within a (city, role family) bucket.
    firsts: list[Any] = []
    seconds: list[Any] = []

    def add_product(left: list[int], right: list[int]) -> None:
        if left and right:
            a = np.array(left, dtype=np.int64)
            b = np.array(right, dtype=np.int64)
            firsts.append(np.repeat(a, len(b)))
            seconds.append(np.tile(b, len(a)))

    for first, second in _rule_sides():
        add_product(by_tag.get(first, []), by_tag.get(second, []))
        for (city, tag), ids in by_place_tag.items():
            if tag == first:
                add_product(ids, by_place_tag.get((city, second), []))
    for ids in by_place_family.values():
        if len(ids) >= 2:
            members = np.array(ids, dtype=np.int64)
            upper, lower = np.triu_indices(len(ids), 1)  # combinations(ids, 2), in order
            firsts.append(members[upper])
            seconds.append(members[lower])
    a = np.concatenate(firsts) if firsts else np.zeros(0, dtype=np.int64)
    b = np.concatenate(seconds) if seconds else np.zeros(0, dtype=np.int64)
    distinct = a != b
    a, b = a[distinct], b[distinct]
    n = max(len(order), 1)
    keys = np.minimum(a, b) * n + np.maximum(a, b)
    # The first listing of each pair (keeps the listing order, and the orientation of the
    # first listing), found by hashing: sorting 400,000 keys cost four times as much.
    first_seen = np.flatnonzero(~pd.Series(keys, copy=False).duplicated().to_numpy())
    a, b, keys = a[first_seen], b[first_seen], keys[first_seen]
    pairs_considered = len(keys)

    # Pairs already tied in the data (an edge of the graph between two of these people).
    if graph is not None:
        edges: Any = graph.edges()
    elif tied is not None:
        edges = tied
    else:
        from netaudit.graph import tied_pairs

        edges = tied_pairs(network)
    tied_keys = []
    for u, v in edges:
        iu, iv = index.get(u), index.get(v)
        if iu is not None and iv is not None:
            tied_keys.append(min(iu, iv) * n + max(iu, iv))
    untied = ~pd.Series(keys, copy=False).isin(tied_keys).to_numpy()  # hashed: half np.isin
    a, b = a[untied], b[untied]

    # The complementary rule of each pair, looked up per pair of distinct tag sets.
    rules = list(COMPLEMENTARY_ROLES)
    rule_of = np.full((len(tag_sets), len(tag_sets)), -1, dtype=np.int64)
    swapped_of = np.zeros((len(tag_sets), len(tag_sets)), dtype=bool)
    meanings = [meaning for *_, meaning in rules]
    for i, ta in enumerate(tag_sets):
        for j, tb in enumerate(tag_sets):
            rule = complementary(ta, tb)
            if rule is not None:
                rule_of[i, j] = meanings.index(rule[1])
                swapped_of[i, j] = rule[2]
    rule = rule_of[tag_code[a], tag_code[b]]
    swapped = swapped_of[tag_code[a], tag_code[b]]
    same_place = has_place[a] & (place_code[a] == place_code[b])
    same_field = (family_code[a] == family_code[b]) & has_field[a]
    ruled = rule >= 0
    keep = ruled | (same_place & same_field)
    a, b, rule, swapped = a[keep], b[keep], rule[keep], swapped[keep]
    ruled, same_place, same_field = ruled[keep], same_place[keep], same_field[keep]
    # The fit of each kind of pair (its rule or none, the same field, the same place), then
    # looked up per pair.
    fit_of, shown_fit_of = _fits([fit for _, _, fit, _ in rules])
    kind = (rule + 1) * 4 + (~ruled & same_field) * 2 + same_place
    fit, shown_fit = fit_of[kind], shown_fit_of[kind]
    first_side = np.where(ruled & swapped, b, a)
    second_side = np.where(ruled & swapped, a, b)
    closeness = np.sqrt(strength[first_side] * strength[second_side])
    score = fit * (STRENGTH_FLOOR + (1 - STRENGTH_FLOOR) * closeness)

    # Best first: score, fit, then names and ids of the two sides (as text, in Python's order).
    def ranked(among: Any) -> Any:
        return among[np.lexsort((id_rank[second_side[among]], id_rank[first_side[among]],
                                 name_rank[second_side[among]], name_rank[first_side[among]],
                                 -shown_fit[among], -score[among]))]

    chosen_pairs: list[Introduction] = []
    times: Counter[int] = Counter()
    for k in _best_first(score, ranked, head=max(50 * limit, 1000)):
        if len(chosen_pairs) == limit:
            break
        one, other = int(first_side[k]), int(second_side[k])
        if per_person is not None and (times[one] >= per_person or times[other] >= per_person):
            continue
        pa = int(a[k])
        first_person, second_person = person(one), person(other)
        if ruled[k]:
            reasons = [f"{meanings[rule[k]]}: {_who(first_person)}; {_who(second_person)}"]
        else:
            reasons = [f"both in {families[family_code[pa]]}: {_who(first_person)}; "
                       f"{_who(second_person)}"]
        if same_place[k]:
            reasons.append(f"both in {locations[location_code[pa]].split(',')[0].strip()}")
        chosen_pairs.append(Introduction(first_person, second_person, float(shown_fit[k]),
                                         float(score[k]), "; ".join(reasons)))
        times[one] += 1
        times[other] += 1
    notes = []
    with_place = int(has_place.sum())
    if not with_place:
        notes.append("no locations in the data: add a contacts CSV or vCard with locations to "
                     "match people in the same place")
    if not len(strengths):
        notes.append("no tie strengths given: pairs rank by fit only")
    elif chosen_pairs and len(strength) > 1 and np.ptp(strength) == 0:
        # A connection list alone (a published one of 1,815): every tie scores the same, so
        # pairs of one fit came out in name order, which says nothing.
        notes.append("every tie strength is the same (nothing in the data tells these ties "
                     "apart): pairs of equal fit are listed in name order")
    is_connection = people["is_connection"].to_numpy(dtype=bool)[wanted]
    return Introductions(
        pairs=chosen_pairs,
        people=len(order),
        connections=int(is_connection[rows].sum()) if len(rows) else 0,
        with_role=int(has_field.sum()),
        with_place=with_place,
        pairs_considered=pairs_considered,
        notes=notes,
    )


def _fits(rule_fits: list[float]) -> tuple[Any, Any]:
    """The fit of each kind of pair, and that fit rounded to 4 places by Python (as shown),
    indexed by ``(rule + 1) * 4 + same field (without a rule) * 2 + same place``, where rule
    is the index of the pair's rule in ``rule_fits`` or -1: the same additions, in the same
    order, as for one pair at a time (0.0 + the rule's fit or the same-field fit + the
    same-place fit), and Python's round (numpy's may differ in the last digit).

    >>> fit, shown = _fits([0.6])
    >>> fit.tolist()
    [0.0, 0.3, 0.2, 0.5, 0.6, 0.8999999999999999, 0.6, 0.8999999999999999]
    >>> shown.tolist()
    [0.0, 0.3, 0.2, 0.5, 0.6, 0.9, 0.6, 0.9]
    """
    import numpy as np

    rule = np.repeat(np.arange(-1, len(rule_fits)), 4)
    same_field = np.tile([False, False, True, True], len(rule_fits) + 1)
    same_place = np.tile([False, True, False, True], len(rule_fits) + 1)
    ruled = rule >= 0
    fits = np.array(rule_fits or [0.0], dtype=float)
    fit = np.zeros(len(rule))
    fit = np.where(ruled, fit + fits[np.maximum(rule, 0)], fit)
    fit = np.where(~ruled & same_field, fit + SAME_FIELD_FIT, fit)
    fit = np.where(same_place, fit + SAME_PLACE_FIT, fit)
    return fit, np.array([round(float(f), 4) for f in fit.tolist()], dtype=float)


def _best_first(score: Any, ranked: Any, head: int) -> Iterator[int]:
    """The pairs in ``ranked`` order (highest ``score`` first, its first key), sorting the
    pairs with the ``head`` best scores (and every pair tied with the last of them) first and
    the rest only if the caller reads that far: the lists stop at 20 pairs, and sorting
    600,000 pairs by six keys cost a tenth of a second.

    >>> import numpy as np
    >>> score = np.array([0.1, 0.5, 0.3, 0.5, 0.2])
    >>> list(_best_first(score, lambda among: among[np.lexsort((among, -score[among]))], 2))
    [1, 3, 2, 4, 0]
    """
    import numpy as np

    if head >= len(score):
        yield from ranked(np.arange(len(score))).tolist()
        return
    threshold = np.partition(score, len(score) - head)[len(score) - head]
    top = score >= threshold
    yield from ranked(np.flatnonzero(top)).tolist()
    yield from ranked(np.flatnonzero(~top)).tolist()


def _recoded(values: list[Any], codes: Any) -> tuple[list[Any], Any]:
    """``values`` (one per code) with the equal ones merged: their distinct values in order
    of first use, and each of ``codes`` as a code into those.

    >>> import numpy as np
    >>> distinct, codes = _recoded(["x", "y", "x"], np.array([2, 1, 0, 2]))
    >>> distinct, codes.tolist()
    (['x', 'y'], [0, 1, 0, 0])
    """
    import numpy as np

    position: dict[Any, int] = {}
    merged = [position.setdefault(value, len(position)) for value in values]
    return list(position), np.array(merged, dtype=np.int64)[codes]


def _ranks(texts: list[str]) -> Any:
    """Each text's rank in Python's sort order of the distinct texts (equal texts, equal
    rank), so that numpy can sort by it. Ranked by Arrow: its order of UTF-8 bytes is the
    order of the code points, Python's (half the time of sorting in Python).

    >>> _ranks(["b", "a", "é", "b", "B"]).tolist()
    [2, 1, 3, 2, 0]
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        ranks = pc.rank(pa.array(texts, type=pa.string()), sort_keys="ascending",
                        tiebreaker="dense")
    except (pa.ArrowException, UnicodeError):  # not UTF-8 (a lone surrogate): Python's sort
        rank = {text: i for i, text in enumerate(sorted(set(texts)))}
        return np.array([rank[text] for text in texts], dtype=np.int64)
    return ranks.to_numpy().astype(np.int64) - 1


def _rule_sides() -> list[tuple[str, str]]:
    """The (tag, tag) buckets each complementary rule pairs."""
    from netaudit.roles import COMPLEMENTARY_ROLES, HIRING_FIELDS

    sides: list[tuple[str, str]] = []
    for first, second, _, _ in COMPLEMENTARY_ROLES:
        if first == "field:manager":
            sides.extend((f"manager:{f}", f"member:{f}") for f in HIRING_FIELDS)
        else:
            sides.append((first, second))
    return sides


def _who(person: Person) -> str:
    from netaudit.roles import position_at

    what = position_at(person.position or "position unknown", person.company)
    return f"{person.name or '(no name)'} ({what})"
