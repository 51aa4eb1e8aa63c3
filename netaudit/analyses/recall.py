"""How many of their own connections a person can name from memory, with each one's profession.

Definitions (the README repeats them):

- ``network_size``: the connections of the network (hidden profiles included), as in
  ``netaudit analyze``.
- ``named``: distinct entries typed or listed (a name repeated is counted once and reported in
  ``duplicates``).
- ``matched``: entries that name exactly one connection under the rules of
  :mod:`netaudit.matching`; each connection counts at most once (an entry naming a connection
  already named is listed in ``named_twice``). Of entries naming the same connection, one with
  the right profession claims it first, then rule by rule (exact first, then first and last
  name, nickname, close spelling), then in the order typed: a nickname never takes a
  connection another entry names exactly, unless only the nickname's profession is right.
- ``matched_with_profession``: matched entries whose profession is correct
  (:func:`profession_ok`).
- ``recall_rate`` = matched_with_profession / network_size (named with the right
  profession); ``matched_rate`` = matched / network_size (named, profession or not).
- ``unmatched``: entries that name no connection; ``ambiguous``: entries that name several
  connections equally (with the candidates). Neither is guessed.
- ``recognition``: a sample of connections that were not named but that the person exchanged
  messages with (research: free recall misses about 20% of the people one knows; seeing the
  names brings them back). Drawn with ``random.Random(seed).sample`` over those connections in
  the network's order.
- ``recognized``: how many of those the person said they know, when asked (the quiz asks).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netaudit.model import Network
    from netaudit.userfiles import Entries

#: The essay's figures: 7 participants with more than 500 connections each.
ARTICLE = {
    "participants": 7,
    "network_size_at_least": 500,
    "best": 27,
    "worst": 4,
    "best_share_of_500": 27 / 500,
    "worst_share_of_500": 4 / 500,
    "free_recall_misses": 0.20,
}

#: Words that say nothing about the kind of work ("senior", "at", company suffixes).
PROFESSION_STOP_WORDS = frozenset(
    """a an the at of and for in on to with from by as my our sr senior jr junior lead staff
    principal associate assistant inc ltd llc gmbh co corp company group team works working
    work job""".split()
)
#: Two words agree when equal, or when both have at least this many letters and start with the
#: same ones: "engineer" / "engineering", "recruiter" / "recruiting", "design" / "designer".
STEM_LETTERS = 5
_WORD = re.compile(r"[a-z0-9]+")


def profession_words(text: str) -> set[str]:
    """The folded words of a profession, position or company, stop words left out.

    >>> sorted(profession_words("Senior Software Engineer at Vexora GmbH"))
    ['engineer', 'software', 'vexora']
    """
    from netaudit.identity import fold

    return {w for w in _WORD.findall(fold(text)) if w not in PROFESSION_STOP_WORDS}


def _agree(a: str, b: str) -> bool:
    if a == b:
        return True
    return len(a) >= STEM_LETTERS and len(b) >= STEM_LETTERS and a[:STEM_LETTERS] == b[:STEM_LETTERS]


def profession_ok(profession: str, position: str, company: str = "") -> bool:
    """Whether a typed profession is correct for a connection.

    Correct when a word of it agrees with a word of the position or the company (equal, or the
    same first 5 letters when both have 5 or more: stop words such as "senior" or "at" do not
    count), or when profession and position fall in the same role family of
    :func:`netaudit.roles.role_family` (other than 'other' / 'unknown').

    Examples
    --------
    >>> profession_ok("recruiter", "Technical Recruiting Lead")
    True
    >>> profession_ok("developer", "Senior Software Engineer")   # same role family
    True
    >>> profession_ok("works at Vexora", "Analyst", "Vexora Ltd")
    True
    >>> profession_ok("designer", "Accountant", "Trellin")
    False
    >>> profession_ok("", "Accountant")
    False
    """
    from netaudit.roles import OTHER, UNKNOWN, role_family

    said = profession_words(profession)
    if not said:
        return False
    known = profession_words(position) | profession_words(company)
    if any(_agree(a, b) for a in said for b in known):
        return True
    family = role_family(profession)
    return family not in (OTHER, UNKNOWN) and family == role_family(position)


@dataclass
class RecallMatch:
    """One entry that named one connection."""

    entry: str
    connection: str
    profession_ok: bool
    rule: str
    position: str = ""
    company: str = ""
    person_id: str = ""
    """The connection's id in the Network's people table (two namesakes differ here)."""


@dataclass
class RecallResult:
    """Figures of :func:`recall`; see the module docstring for each definition."""

    network_size: int
    named: int
    matched: int
    matched_with_profession: int
    recall_rate: float | None
    matched_rate: float | None = None
    unmatched: list[str] = field(default_factory=list)
    ambiguous: list[dict[str, Any]] = field(default_factory=list)
    matches: list[RecallMatch] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    named_twice: list[dict[str, str]] = field(default_factory=list)
    without_profession: int = 0
    profession_unknown: int = 0
    messaged_not_named: int = 0
    recognition: list[dict[str, str]] = field(default_factory=list)
    recognized: int | None = None
    """How many of ``recognition`` the person said they know (None: not asked)."""
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["matches"] = [
            {"entry": m.entry, "connection": m.connection, "profession_ok": m.profession_ok,
             "rule": m.rule}
            for m in self.matches
        ]
        data["article"] = dict(ARTICLE)
        return data


def recall(network: Network, entries: Entries, *, recognition: int = 10, seed: int = 0
           ) -> RecallResult:
    """Score recalled names against the connections of ``network``.

    Parameters
    ----------
    network:
        The person's own network.
    entries:
        What they named (:func:`netaudit.userfiles.read_names` or the quiz).
    recognition:
        How many not-named connections they exchanged messages with to list for the
        recognition pass (0: none).
    seed:
        Seed of that sample.

    Examples
    --------
    >>> import pandas as pd
    >>> from netaudit.model import Network, conform
    >>> from netaudit.userfiles import entries_from_lines
    >>> people = conform(pd.DataFrame({"person_id": ["a", "b"], "name": ["Ana Ruiz", "Bo Li"],
    ...     "first_name": ["Ana", "Bo"], "last_name": ["Ruiz", "Li"],
    ...     "position": ["Recruiter", "CFO"], "is_connection": [True, True]}), "people")
    >>> typed = entries_from_lines([(1, "ruiz, ana - recruiter"), (2, "Bo Li - nurse")], "quiz")
    >>> r = recall(Network(people=people), typed)
    >>> r.matched, r.matched_with_profession, r.recall_rate
    (2, 1, 0.5)
    """
    import random

    from netaudit.analyses.summary import messaged_ids
    from netaudit.matching import MatchRule, NameIndex

    connections = network.connections.reset_index(drop=True)
    index = NameIndex(connections)
    names = connections["name"].tolist()
    ids = connections["person_id"].tolist()
    rule_order: dict[MatchRule | None, int] = {rule: i for i, rule in enumerate(MatchRule)}

    found = [(entry, index.match(entry.name)) for entry in entries.entries]
    result = RecallResult(network_size=len(connections), named=len(entries.entries), matched=0,
                          matched_with_profession=0, recall_rate=None)
    result.duplicates = [e.text for e in entries.duplicates]
    result.problems = [str(p) for p in entries.problems]
    claimed: dict[int, str] = {}
    matched: list[tuple[int, RecallMatch]] = []
    unique = [(i, e, m) for i, (e, m) in enumerate(found) if m.status == "matched"]

    def right_profession(entry: Any, match: Any) -> bool:
        row = match.rows[0]
        return profession_ok(entry.profession, connections.at[row, "position"],
                             connections.at[row, "company"])

    # Two entries naming one connection: the one with the right profession claims her first,
    # then rule by rule (exact first), then the earlier entry. "Katherine Whitfield" then
    # "Kate Whitfield - data analyst" counts the analyst as named with her profession. (Which
    # entry claims changes only who is credited: each entry matches one connection on its own.)
    unique.sort(key=lambda t: (not right_profession(t[1], t[2]), rule_order[t[2].rule], t[0]))
    for order, entry, match in unique:
        row = match.rows[0]
        if row in claimed:
            result.named_twice.append({"entry": entry.text, "connection": names[row],
                                       "first_named_as": claimed[row], "person_id": ids[row]})
            continue
        claimed[row] = entry.text
        assert match.rule is not None  # every match has its rule
        position = connections.at[row, "position"]
        company = connections.at[row, "company"]
        matched.append((order, RecallMatch(
            entry=entry.text, connection=names[row], rule=match.rule.value,
            profession_ok=profession_ok(entry.profession, position, company),
            position=position, company=company, person_id=ids[row])))
        if not entry.profession:
            result.without_profession += 1
        elif not position.strip() and not company.strip():
            result.profession_unknown += 1
    result.matches = [m for _, m in sorted(matched, key=lambda t: t[0])]
    for entry, match in found:
        if match.status == "unmatched":
            result.unmatched.append(entry.text)
        elif match.status == "ambiguous":
            result.ambiguous.append({"entry": entry.text, "candidates": [
                {"name": names[r], "position": connections.at[r, "position"],
                 "company": connections.at[r, "company"], "person_id": ids[r]}
                for r in match.rows]})
    result.matched = len(result.matches)
    result.matched_with_profession = sum(m.profession_ok for m in result.matches)
    if result.network_size:
        result.recall_rate = result.matched_with_profession / result.network_size
        result.matched_rate = result.matched / result.network_size

    talked = messaged_ids(network)
    not_named = [row for row in range(len(connections))
                 if row not in claimed and connections.at[row, "person_id"] in talked
                 and not connections.at[row, "hidden"]]
    result.messaged_not_named = len(not_named)
    if recognition > 0 and not_named:
        picked = random.Random(seed).sample(not_named, min(recognition, len(not_named)))
        result.recognition = [
            {"name": names[r], "position": connections.at[r, "position"],
             "company": connections.at[r, "company"], "person_id": ids[r]} for r in picked
        ]
    return result


@dataclass
class StudyResult:
    """A recall study: one :class:`RecallResult` per participant, and the spread."""

    participants: list[tuple[str, RecallResult]]

    @property
    def scores(self) -> list[int]:
        return [r.matched_with_profession for _, r in self.participants]

    def to_dict(self) -> dict[str, Any]:
        people = []
        for name, result in self.participants:
            data = result.to_dict()
            data.pop("article")
            people.append({"participant": name, **data})
        scores = self.scores
        best = max(range(len(scores)), key=lambda i: scores[i]) if scores else None
        worst = min(range(len(scores)), key=lambda i: scores[i]) if scores else None
        return {
            "participants": people,
            "best": scores[best] if best is not None else None,
            "best_participant": self.participants[best][0] if best is not None else None,
            "worst": scores[worst] if worst is not None else None,
            "worst_participant": self.participants[worst][0] if worst is not None else None,
            "mean": sum(scores) / len(scores) if scores else None,
            "article": dict(ARTICLE),
        }
