"""Which connection a typed name means, if any: matching free-text names to people, never guessing.

A person naming connections from memory (``netaudit recall``) or a log naming people
(``netaudit activity``) writes names the way people do: in any case, without accents, surname
first, with a nickname, a credential or a typo. :class:`NameIndex` tries these rules in order and
stops at the first that finds anyone:

1. ``exact``: the same words, in any order (``"García, José"`` = ``"Jose Garcia"``);
2. ``first and last name``: the same first given name and a surname word in common (middle
   names and second surnames may be left out: ``"Ana Ruiz"`` = ``"Ana María Ruiz Soto"``);
3. ``nickname + surname``: a surname word in common and first names that the ``nicknames``
   table relates directly (``"Bob Smith"`` = ``"Robert Smith"``). The table is asymmetric and
   loose (it lists "bill" under "robert"), so a nickname alone never matches: the surname must;
4. ``close spelling``: one typo away (RapidFuzz ``token_sort_ratio`` >= :data:`TYPO_THRESHOLD`
   on normalized names), only when exactly one connection comes that close.

When the first rule that finds anyone finds several people, the name is *ambiguous*; when no
rule finds anyone it is *unmatched*. Neither is ever resolved by a guess. A name of one word
matches nobody.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from netaudit.identity import CREDENTIALS, fold, normalize_name

if TYPE_CHECKING:
    import pandas as pd

#: Minimum RapidFuzz token_sort_ratio (0-100) for a typo match. 90 accepts one wrong letter in
#: a 10-letter name ("jon smith" / "john smith" = 94.7) but not a different first name of the
#: same length ("ana ruiz" / "ina ruiz" = 87.5).
TYPO_THRESHOLD = 90.0


class MatchRule(StrEnum):
    """Which rule matched a name (see the module docstring)."""

    EXACT = "exact"
    FIRST_LAST = "first and last name"
    NICKNAME = "nickname + surname"
    TYPO = "close spelling"


@dataclass(frozen=True)
class NameKey:
    """A name reduced for matching: its words, the first given name, the surname words."""

    words: tuple[str, ...]
    first: str
    surnames: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _words(text: str) -> list[str]:
    return normalize_name(text).split()


def key_of_connection(name: str, first_name: str = "", last_name: str = "") -> NameKey:
    """The key of a connection: given names and surname from their own columns when the
    export has them, else the last word of the name is the surname.

    >>> key_of_connection("José García López", "José", "García López, MBA")
    NameKey(words=('jose', 'garcia', 'lopez'), first='jose', surnames=('garcia', 'lopez'))
    >>> key_of_connection("Ana Ruiz")
    NameKey(words=('ana', 'ruiz'), first='ana', surnames=('ruiz',))
    """
    given, surname = _words(first_name), _words(last_name)
    if not given or not surname:
        words = _words(name)
        given, surname = words[:-1], words[-1:]
    key = tuple(given + surname)
    return NameKey(key, given[0] if given else "", tuple(surname))


def key_of_entry(text: str) -> NameKey:
    """The key of a typed name. A comma followed by something other than credentials means
    ``Last, First``; otherwise the first word is the given name and the last the surname.

    >>> key_of_entry("García, José")
    NameKey(words=('jose', 'garcia'), first='jose', surnames=('garcia',))
    >>> key_of_entry("Dr. Søren Kierkegaard, PhD")
    NameKey(words=('soren', 'kierkegaard'), first='soren', surnames=('kierkegaard',))
    >>> key_of_entry("Smith, Bob, MBA")
    NameKey(words=('bob', 'smith'), first='bob', surnames=('smith',))
    """
    parts = [p for p in text.split(",") if p.strip()]
    kept = [p for i, p in enumerate(parts) if i == 0 or not _is_credentials(p)]
    if len(kept) == 2:
        surname, given = _words(kept[0]), _words(kept[1])
        if surname and given:
            return NameKey(tuple(given + surname), given[0], tuple(surname))
    words = _words(" ".join(kept))
    if len(words) < 2:
        return NameKey(tuple(words), words[0] if words else "", ())
    return NameKey(tuple(words), words[0], (words[-1],))


def _is_credentials(part: str) -> bool:
    words = fold(part).replace(".", "").split()
    return bool(words) and all(w in CREDENTIALS for w in words)


@lru_cache(maxsize=1)
def _nicknamer():  # -> nicknames.NickNamer
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=50_000)
def related_first_names(a: str, b: str) -> bool:
    """True when the nickname table relates two folded first names directly, either way
    (one is a nickname or a canonical form of the other). Equal names are related.

    >>> related_first_names("bob", "robert"), related_first_names("liz", "elizabeth")
    (True, True)
    >>> related_first_names("kate", "katherine"), related_first_names("ana", "anna")
    (True, False)
    """
    if a == b:
        return True
    names = _nicknamer()
    return b in names.nicknames_of(a) or b in names.canonicals_of(a)


@dataclass
class NameMatch:
    """What a typed name matched: one row (``matched``), several (``ambiguous``) or none."""

    rows: list[int] = field(default_factory=list)
    rule: MatchRule | None = None
    reason: str = ""

    @property
    def status(self) -> str:
        if len(self.rows) == 1:
            return "matched"
        return "ambiguous" if self.rows else "unmatched"


class NameIndex:
    """An index of people (a people table: ``name``, ``first_name``, ``last_name``) to match
    typed names against; rows are positions in that table.

    >>> import pandas as pd
    >>> people = pd.DataFrame({"name": ["Robert Smith", "Søren Berg", "Ana Ruiz", "Ana Ruiz"],
    ...                        "first_name": ["Robert", "Søren", "Ana", "Ana"],
    ...                        "last_name": ["Smith", "Berg", "Ruiz", "Ruiz"]})
    >>> index = NameIndex(people)
    >>> m = index.match("bob smith"); m.rows, m.rule.value
    ([0], 'nickname + surname')
    >>> index.match("Berg, Soren").rows
    [1]
    >>> index.match("Ana Ruiz").status
    'ambiguous'
    """

    def __init__(self, people: pd.DataFrame) -> None:
        self.keys: list[NameKey] = []
        self._by_words: dict[tuple[str, ...], list[int]] = {}
        self._by_surname: dict[str, list[int]] = {}
        first = people["first_name"].tolist() if "first_name" in people else [""] * len(people)
        last = people["last_name"].tolist() if "last_name" in people else [""] * len(people)
        for row, (name, f, ln) in enumerate(zip(people["name"].tolist(), first, last,
                                                strict=True)):
            key = key_of_connection(str(name), str(f), str(ln))
            self.keys.append(key)
            if len(key.words) < 2:
                continue
            self._by_words.setdefault(tuple(sorted(key.words)), []).append(row)
            for surname in dict.fromkeys(key.surnames):
                self._by_surname.setdefault(surname, []).append(row)
        # RapidFuzz does no preprocessing since 3.0, hence processor=normalize_name below
        # (idempotent and cached, so the already normalized choices cost nothing more).
        self._choices = {row: k.text for row, k in enumerate(self.keys) if len(k.words) >= 2}

    def match(self, text: str) -> NameMatch:
        """Apply the rules in order; the first that finds anyone decides."""
        key = key_of_entry(text)
        if len(key.words) < 2:
            return NameMatch(reason="a first and a last name are needed")
        exact = self._by_words.get(tuple(sorted(key.words)), [])
        if exact:
            return NameMatch(list(exact), MatchRule.EXACT)
        same_surname = sorted({r for s in key.surnames for r in self._by_surname.get(s, [])})
        first_last = [r for r in same_surname if self.keys[r].first == key.first]
        if first_last:
            return NameMatch(first_last, MatchRule.FIRST_LAST)
        nickname = [r for r in same_surname if related_first_names(key.first, self.keys[r].first)]
        if nickname:
            return NameMatch(nickname, MatchRule.NICKNAME)
        return self._close_spelling(key)

    def _close_spelling(self, key: NameKey) -> NameMatch:
        from rapidfuzz import fuzz, process

        hits = process.extract(key.text, self._choices, scorer=fuzz.token_sort_ratio,
                               processor=normalize_name,
                               score_cutoff=TYPO_THRESHOLD, limit=None)
        rows = sorted(row for _, _, row in hits)
        if len(rows) == 1:
            return NameMatch(rows, MatchRule.TYPO)
        if rows:
            return NameMatch(rows, MatchRule.TYPO, reason="several names are spelled alike")
        return NameMatch(reason="no connection has this name")
