"""Stable pseudonyms for reports the user wants to share without the people in them.

With ``--anonymize`` every person is shown as ``Person 001``, ``Person 002``, …: the same person
gets the same pseudonym on every page and in every run over the same data. The numbering follows
a hash of each person's identity (profile URL, else e-mail, else name), not the alphabet or the
connection date, so a pseudonym's number says nothing about the person. Companies stay readable
unless ``--anonymize-companies`` turns them into ``Company 01``, ….

:meth:`Pseudonyms.scrub` is the safety net behind the report builder: it replaces any known
name (also as "Last, First", with or without accents), e-mail address or profile URL that made
it into free text (an analysis's reason, a campaign's text) by its pseudonym.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

_WORD = re.compile(r"[^\W_]+")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PROFILE = re.compile(r"(?:https?://)?(?:[\w-]+\.)?linkedin\.com/(?:in|pub)/[^\s/?#<>\"')]+/?",
                      re.IGNORECASE)
HIDDEN = "hidden profile"
OWNER = "you"


def _key_words(text: str) -> tuple[str, ...]:
    from netaudit.identity import fold

    return tuple(w for w in (fold(t) for t in _WORD.findall(text)) for w in _WORD.findall(w))


def _rank(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class Pseudonyms:
    """How people (and, optionally, companies) are named in a report.

    Parameters
    ----------
    people:
        The Network's people table (``person_id``, ``name``, ``first_name``, ``last_name``,
        ``profile_url``, ``email``, ``company``, ``is_owner``).
    enabled:
        Replace people by pseudonyms. When False, people are shown by name (never by e-mail)
        and :meth:`scrub` changes nothing.
    companies:
        Also replace company names (only with ``enabled``).

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"person_id": ["a", "b"], "name": ["Ana Ruiz", "Bo Li"],
    ...     "first_name": ["Ana", "Bo"], "last_name": ["Ruiz", "Li"],
    ...     "profile_url": ["linkedin.com/in/ana", ""], "email": ["", "bo@example.com"],
    ...     "company": ["Acme", "Beta"], "is_owner": [False, False]})
    >>> names = Pseudonyms(people, enabled=True)
    >>> names.person("a"), names.person("b")
    ('Person 001', 'Person 002')
    >>> names.scrub("Ruiz, Ana wrote to bo@example.com (https://www.linkedin.com/in/ana/)")
    'Person 001 wrote to Person 002 (Person 001)'
    """

    def __init__(self, people: pd.DataFrame, *, enabled: bool, companies: bool = False) -> None:
        self.enabled = enabled
        self.companies = enabled and companies
        self._display: dict[str, str] = {}
        self._by_words: dict[tuple[str, ...], str] = {}
        self._by_email: dict[str, str] = {}
        self._by_url: dict[str, str] = {}
        self._company: dict[str, str] = {}
        self._longest = 1
        # Plain lists: iterating pandas' Arrow-backed string columns element by element is
        # slow on 30,000 people.
        rows = list(zip(*(people[c].tolist() for c in (
            "person_id", "name", "first_name", "last_name", "profile_url", "email",
            "is_owner")), strict=True))
        if not enabled:
            for pid, name, _, _, url, _, is_owner, in rows:
                self._display[pid] = OWNER if is_owner and not name else (name or url or HIDDEN)
            return
        others = [r for r in rows if not r[6]]
        others.sort(key=lambda r: (_rank(r[4] or r[5] or r[1] or r[0]), r[0]))
        width = max(3, len(str(len(others))))
        for number, (pid, *_rest) in enumerate(others, start=1):
            self._display[pid] = f"Person {number:0{width}d}"
        for pid, name, first, last, url, email, is_owner in rows:
            label = OWNER if is_owner else self._display[pid]
            self._display[pid] = label
            self._remember(label, name, first, last, url, email)
        if self.companies:
            names = sorted({str(c).strip() for c in people["company"].tolist() if str(c).strip()},
                           key=lambda c: (_rank(c.casefold()), c))
            cwidth = max(2, len(str(len(names))))
            for number, company in enumerate(names, start=1):
                label = f"Company {number:0{cwidth}d}"
                self._company[company.casefold()] = label
                words = _key_words(company)
                if words:
                    self._by_words.setdefault(words, label)
                    self._longest = max(self._longest, len(words))

    def _remember(self, label: str, name: str, first: str, last: str, url: str,
                  email: str) -> None:
        from netaudit.identity import normalize_email, normalize_name, normalize_url

        variants = {_key_words(name), _key_words(normalize_name(name)),
                    _key_words(f"{last} {first}"), _key_words(f"{first} {last}")}
        for words in variants:
            if words:
                self._by_words.setdefault(words, label)
                self._longest = max(self._longest, len(words))
        if email:
            self._by_email.setdefault(normalize_email(email) or email.lower(), label)
        if url:
            self._by_url.setdefault(normalize_url(url), label)

    def person(self, person_id: str) -> str:
        """The name to show for ``person_id`` (its pseudonym when anonymizing)."""
        return self._display.get(person_id, "unknown person")

    def company(self, name: str) -> str:
        """The company name to show (``Company 07`` with ``--anonymize-companies``)."""
        if not self.companies or not str(name).strip():
            return name
        return self._company.get(str(name).strip().casefold(), "a company")

    def scrub(self, text: str) -> str:
        """``text`` with every known e-mail, profile URL and name replaced by its pseudonym.

        Unknown e-mail addresses and profile URLs are removed as well; without anonymizing,
        ``text`` is returned unchanged.
        """
        if not self.enabled or not text:
            return text
        from netaudit.identity import normalize_email, normalize_url

        text = _EMAIL.sub(lambda m: self._by_email.get(normalize_email(m.group()), "[e-mail]"),
                          text)
        text = _PROFILE.sub(lambda m: self._by_url.get(normalize_url(m.group()), "[profile]"),
                            text)
        return self._scrub_words(text)

    def _scrub_words(self, text: str) -> str:
        from netaudit.identity import fold

        spans = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text)]
        # A folded token can split further (anyascii turns one CJK word into several letters).
        keys = [tuple(_WORD.findall(key)) for _, _, key in spans]
        out: list[str] = []
        done = 0
        i = 0
        while i < len(spans):
            hit = None
            for n in range(min(self._longest, len(spans) - i), 0, -1):
                words = tuple(w for k in keys[i:i + n] for w in k)
                label = self._by_words.get(words)
                if label is not None:
                    hit = (n, label)
                    break
            if hit is None:
                i += 1
                continue
            n, label = hit
            out.append(text[done:spans[i][0]])
            out.append(label)
            done = spans[i + n - 1][1]
            i += n
        out.append(text[done:])
        return "".join(out)
