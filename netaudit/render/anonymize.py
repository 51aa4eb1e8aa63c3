"""Stable pseudonyms for reports the user wants to share without the people in them.

With ``--anonymize`` every person is shown as ``Person 001``, ``Person 002``, …: the same person
gets the same pseudonym everywhere in one run. The numbering follows a keyed hash (HMAC-SHA256)
of each person's identity (profile URL, else e-mail, else name), under a random key drawn for
each run: whoever can list the people (a 1st-degree connection sees the owner's connections)
cannot recompute the numbers, as they could from an unsalted hash (issue 16: 293 of 293
reversed). A key kept in a file (``--anonymize-key FILE``, :func:`key_from_file`) gives the
same pseudonyms across runs. The identity never includes the path the data was read from, so
a ZIP and its extracted folder get the same pseudonyms under one key. Companies stay readable
unless ``--anonymize-companies`` turns them into ``Company 01``, ….

:meth:`Pseudonyms.scrub` is the safety net behind the report builder: it replaces any known
name (also as "Last, First", with or without accents), e-mail address or profile URL that made
it into free text (an analysis's reason, a campaign's text) by its pseudonym.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from netaudit.analyses.activity import ActivityResult
    from netaudit.analyses.due import DueList
    from netaudit.analyses.introductions import Introductions
    from netaudit.analyses.recall import RecallResult, StudyResult
    from netaudit.analyses.replies import Replies
    from netaudit.analyses.summary import Summary
    from netaudit.analyses.targets import TargetsResult
    from netaudit.analyses.team import TeamReport
    from netaudit.analyses.ties import TieStrength
    from netaudit.graph import GraphColumns

_WORD = re.compile(r"[^\W_]+")
# Both start only where a run of their characters starts ((?<!...)), and their repeats are
# possessive: otherwise each position of a long word is tried and scans the word to its end
# (a 150 KB position took more than 120 s under --anonymize; issue 16).
_EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]++@[\w-]++(?:\.[\w-]++)+")
_PROFILE = re.compile(r"(?<![\w-])(?:https?://)?(?:[\w-]++\.)?linkedin\.com/(?:in|pub)/"
                      r"[^\s/?#<>\"')]++/?", re.IGNORECASE)
#: Texts that cannot hold a name, e-mail or URL: numbers, dates and timestamps.
_NUMERIC = re.compile(r"[\d\s:+.,/TZ-]*")
HIDDEN = "hidden profile"
OWNER = "you"
#: What replaces a text that may quote people (a message, a name as the user typed it).
NOT_SHOWN = "[not shown]"


def _key_words(text: str) -> tuple[str, ...]:
    from netaudit.identity import fold

    return tuple(w for w in (fold(t) for t in _WORD.findall(text)) for w in _WORD.findall(w))


#: Bytes of a pseudonym key (HMAC-SHA256 takes any length; 32 is its block-strength).
KEY_BYTES = 32


def _rank(secret: bytes, identity: str) -> str:
    return hmac.new(secret, identity.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


_SOURCE_PARTS = re.compile(r"[/:\\]")


def _stable_id(person_id: str) -> str:
    """A person id without the folder or archive it was read from: the rows
    ``/tmp/export.zip:Connections.csv:7`` and ``/tmp/export/Connections.csv:7`` are one.

    >>> _stable_id("/tmp/export.zip:Connections.csv:7"), _stable_id("/tmp/x/Connections.csv:7")
    ('Connections.csv:7', 'Connections.csv:7')
    """
    source, _, row = person_id.rpartition(":")
    return f"{_SOURCE_PARTS.split(source)[-1]}:{row}" if source else person_id


def key_from_file(path: str | os.PathLike[str]) -> bytes:
    """The pseudonym key kept in ``path`` (64 hex digits); a new random key is written there
    first when the file does not exist, readable by its owner only (mode 0600).

    Raises InputError when the file holds anything else.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> key = key_from_file(folder / "pseudonyms.key")
    >>> len(key), key_from_file(folder / "pseudonyms.key") == key
    (32, True)
    >>> oct((folder / "pseudonyms.key").stat().st_mode & 0o777)
    '0o600'
    """
    from netaudit.errors import InputError

    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise InputError(f"cannot create the pseudonym key ({exc.strerror})",
                         hint="give --anonymize-key a path in a folder you can write",
                         path=str(path)) from None
    else:
        with os.fdopen(descriptor, "w") as stream:
            stream.write(secrets.token_hex(KEY_BYTES) + "\n")
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InputError("is not a regular file", hint="give --anonymize-key a file",
                             path=str(path))
        with open(path, "rb") as stream:
            text = stream.read(4 * KEY_BYTES)
        key = bytes.fromhex(text.decode("ascii").strip())
    except OSError as exc:
        raise InputError(f"cannot read the pseudonym key ({exc.strerror})",
                         hint="check the path given to --anonymize-key", path=str(path)) from None
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise InputError(f"is not a pseudonym key ({2 * KEY_BYTES} hexadecimal digits)",
                         hint="give --anonymize-key a new path: netaudit creates the key there",
                         path=str(path))
    return key


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
    labels:
        Fixed labels for some people (``{person_id: "Member 1"}``: the members of a team),
        left out of the numbering.
    key:
        The secret the numbering is keyed with (:func:`key_from_file`); default: a new random
        one, so that two runs number people differently.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"person_id": ["a", "b"], "name": ["Ana Ruiz", "Bo Li"],
    ...     "first_name": ["Ana", "Bo"], "last_name": ["Ruiz", "Li"],
    ...     "profile_url": ["linkedin.com/in/ana", ""], "email": ["", "bo@example.com"],
    ...     "company": ["Acme", "Beta"], "is_owner": [False, False]})
    >>> names = Pseudonyms(people, enabled=True, key=bytes(32))
    >>> names.person("a"), names.person("b")
    ('Person 001', 'Person 002')
    >>> names.scrub("Ruiz, Ana wrote to bo@example.com (https://www.linkedin.com/in/ana/)")
    'Person 001 wrote to Person 002 (Person 001)'
    """

    def __init__(self, people: pd.DataFrame, *, enabled: bool, companies: bool = False,
                 labels: Mapping[str, str] | None = None, key: bytes | None = None) -> None:
        self.enabled = enabled
        secret = secrets.token_bytes(KEY_BYTES) if key is None else key
        self.companies = enabled and companies
        self._display: dict[str, str] = {}
        self._by_words: dict[tuple[str, ...], str] = {}
        self._by_email: dict[str, str] = {}
        self._by_url: dict[str, str] = {}
        self._company: dict[str, str] = {}
        self._longest = 1
        # Both caches matter on a 30,000-person --json: most texts (a layer, a status, a
        # date, a pseudonym) repeat, and most words start no name.
        self._scrubbed: dict[str, str] = {}
        self._token_words: dict[str, tuple[str, ...]] = {}
        self._first_words: set[str] | None = None
        # Paths (issue 16 item 9): the inputs given, shown as 'input 1', ...; every word of a
        # known name (and a name's words run together, as Facebook names its thread folders)
        # is '[name]' in the rest of a path.
        self._inputs: dict[str, str] = {}
        self._name_words: set[str] = set()
        if not enabled:
            # Each person's name, else profile URL, else HIDDEN; the owner without a name is
            # OWNER. Column-wise: a loop over the 76,000 people of the benchmark export took
            # 0.2 s of every report, before its pages could start (issue 17).
            name = people["name"].fillna("")
            shown = name.where(name != "", people["profile_url"].fillna(""))
            shown = shown.where(shown != "", HIDDEN)
            shown = shown.where(~(people["is_owner"].astype(bool) & (name == "")), OWNER)
            self._display = dict(zip(people["person_id"].tolist(), shown.tolist(),
                                     strict=True))
            return
        # Plain lists: iterating pandas' Arrow-backed string columns element by element is
        # slow on 30,000 people.
        rows = list(zip(*(people[c].tolist() for c in (
            "person_id", "name", "first_name", "last_name", "profile_url", "email",
            "is_owner")), strict=True))
        labels = labels or {}
        self._display.update(labels)
        others = [r for r in rows if not r[6] and r[0] not in labels]
        stable = {r[0]: _stable_id(r[0]) for r in others}
        others.sort(key=lambda r: (_rank(secret, r[4] or r[5] or r[1] or stable[r[0]]),
                                   stable[r[0]]))
        width = max(3, len(str(len(others))))
        for number, (pid, *_rest) in enumerate(others, start=1):
            self._display[pid] = f"Person {number:0{width}d}"
        for pid, name, first, last, url, email, is_owner in rows:
            label = labels.get(pid) or (OWNER if is_owner else self._display[pid])
            self._display[pid] = label
            self._remember(label, name, first, last, url, email)
        # A pseudonym is already what scrub would show.
        self._scrubbed.update((label, label) for label in self._display.values())
        if self.companies:
            names = sorted({str(c).strip() for c in people["company"].tolist() if str(c).strip()},
                           key=lambda c: (_rank(secret, c.casefold()), c))
            cwidth = max(2, len(str(len(names))))
            for number, company in enumerate(names, start=1):
                label = f"Company {number:0{cwidth}d}"
                self._company[company.casefold()] = label
                self._scrubbed[label] = label
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
            self._name_words.update(w for w in words if len(w) > 1)
            if len(words) > 1:
                self._name_words.add("".join(words))
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
        if not self.enabled or not text or _NUMERIC.fullmatch(text):
            return text
        done = self._scrubbed.get(text)
        if done is None:
            done = self._scrubbed[text] = self._scrub(text)
            # What scrub returns is scrubbed: --json runs texts through it a second time.
            self._scrubbed.setdefault(done, done)
        return done

    def add_inputs(self, paths: Any) -> None:
        """Remember the paths the user gave (in order): :meth:`path` shows each as
        ``input 1``, ``input 2``, …, and a file inside one as ``input 1:`` and its name."""
        for path in paths or ():
            self._inputs.setdefault(str(path), f"input {len(self._inputs) + 1}")

    def path(self, path: Any) -> str:
        """``path`` as shown under ``--anonymize``: an input given (or a file inside one) as
        ``input N`` and the rest of its path; any other path (an output) by its file name
        alone. In what is left, every word of a known person's name (first name, last name,
        a name's words run together) is ``[name]``; without anonymizing, ``path`` as it is.

        >>> import pandas as pd
        >>> people = pd.DataFrame({"person_id": ["z", "k"], "name": ["Zed Ownerman",
        ...     "Kwame Mensah"], "first_name": ["Zed", "Kwame"], "last_name": ["Ownerman",
        ...     "Mensah"], "profile_url": ["", ""], "email": ["", ""], "company": ["", ""],
        ...     "is_owner": [True, False]})
        >>> names = Pseudonyms(people, enabled=True, key=bytes(32))
        >>> names.add_inputs(["/home/zed/Mensah_export.zip", "fb"])
        >>> names.path("/home/zed/Mensah_export.zip:Connections.csv")
        'input 1:Connections.csv'
        >>> names.path("fb/messages/inbox/kwamemensah_abc123/message_1.json")
        'input 2/messages/inbox/[name]_abc123/message_1.json'
        >>> names.path("out/Zed_Ownerman_ties.csv")
        '[name]_[name]_ties.csv'
        """
        text = str(path)
        if not self.enabled:
            return text
        for given in sorted(self._inputs, key=len, reverse=True):
            if text == given or (text.startswith(given) and text[len(given)] in ":/\\"):
                return self._inputs[given] + self._path_words(text[len(given):])
        name = text.replace("\\", "/").rstrip("/").rpartition("/")[2] or text
        return self._path_words(name)

    def paths(self, text: str, paths: Any) -> str:
        """``text`` with each of ``paths`` in it shown by :meth:`path` (longest first)."""
        if not self.enabled:
            return text
        for given in sorted({str(p) for p in paths if str(p)}, key=len, reverse=True):
            if given in text:
                text = text.replace(given, self.path(given))
        return text

    def _path_words(self, text: str) -> str:
        from netaudit.identity import fold

        def word(match: re.Match[str]) -> str:
            token = match.group()
            folded = _WORD.findall(fold(token))
            known = self._name_words
            if any(w in known for w in folded) or "".join(folded) in known:
                return "[name]"
            return token

        return _WORD.sub(word, text)

    def _scrub(self, text: str) -> str:
        from netaudit.identity import normalize_email, normalize_url

        text = _EMAIL.sub(lambda m: self._by_email.get(normalize_email(m.group()), "[e-mail]"),
                          text)
        text = _PROFILE.sub(lambda m: self._by_url.get(normalize_url(m.group()), "[profile]"),
                            text)
        return self._scrub_words(text)

    def _scrub_words(self, text: str) -> str:
        from netaudit.identity import fold

        spans = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        # A folded token can split further (anyascii turns one CJK word into several letters).
        cache = self._token_words
        keys = []
        for _, _, token in spans:
            words = cache.get(token)
            if words is None:
                words = cache[token] = tuple(_WORD.findall(fold(token)))
            keys.append(words)
        if self._first_words is None:
            self._first_words = {words[0] for words in self._by_words}
        starts = self._first_words
        out: list[str] = []
        done = 0
        i = 0
        while i < len(spans):
            if not keys[i] or keys[i][0] not in starts:
                i += 1
                continue
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


# ---------------------------------------------------------------------------------------------
# What each command shows, with people replaced by their pseudonyms. Each function takes an
# analysis' result and returns a copy for display: the figures are the result's own, never
# recomputed; only names, e-mails, profile URLs, companies (on request) and texts that may
# quote people change.


def hide_quoted(text: str) -> str:
    """``text`` without the cell it quotes (``(e.g. '…'``): a cell may hold anything, such
    as message text pasted into a date column (issue 16), so ``--anonymize`` quotes none.

    >>> hide_quoted("3 rows have no date (e.g. 'Dear Ana, the merger')")
    '3 rows have no date (e.g. [not shown])'
    """
    from netaudit.errors import QUOTED_CELL

    return QUOTED_CELL.sub("(e.g. " + NOT_SHOWN, text)


def scrub_data(data: Any, names: Pseudonyms) -> Any:
    """``data`` (a ``to_dict()``: dicts, lists, strings, numbers) with every string run
    through :meth:`Pseudonyms.scrub`, keys included: the safety net behind ``--json``.

    >>> import pandas as pd
    >>> people = pd.DataFrame({"person_id": ["a"], "name": ["Ana Ruiz"], "first_name": ["Ana"],
    ...     "last_name": ["Ruiz"], "profile_url": [""], "email": ["ana@example.com"],
    ...     "company": ["Acme"], "is_owner": [False]})
    >>> scrub_data({"Ana Ruiz": ["ana@example.com", 3]}, Pseudonyms(people, enabled=True))
    {'Person 001': ['Person 001', 3]}
    """
    if isinstance(data, str):
        return names.scrub(data)
    if isinstance(data, Mapping):
        return {scrub_data(k, names) if isinstance(k, str) else k: scrub_data(v, names)
                for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [scrub_data(v, names) for v in data]
    return data


def _position(names: Pseudonyms, text: str) -> str:
    # A position may name the employer ('CTO at Acme') or, rarely, a person.
    return names.scrub(text) if text else text


def anonymous_summary(summary: Summary, names: Pseudonyms) -> Summary:
    """``netaudit analyze``: the owner as 'you', companies on request."""
    return replace(
        summary,
        owner=OWNER if summary.owner else "",
        owner_how=names.scrub(summary.owner_how),
        top_companies=[(names.company(c), n) for c, n in summary.top_companies],
        missing=[names.scrub(m) for m in summary.missing],
    )


def anonymous_replies(result: Replies, names: Pseudonyms) -> Replies:
    """``netaudit replies``: campaign texts are not shown (they are messages, and may quote
    people), company segments on request."""
    from netaudit.analyses.replies import NOT_CONNECTION, OTHER, UNKNOWN, Segmentation

    kept = {OTHER, UNKNOWN, NOT_CONNECTION}
    segments = []
    for table in result.segments:
        if table.segmentation is Segmentation.COMPANY:
            table = replace(table, segments=[
                s if s.name in kept else replace(s, name=names.company(s.name))
                for s in table.segments])
        segments.append(table)
    return replace(
        result,
        segments=segments,
        campaigns=[replace(c, text=NOT_SHOWN) for c in result.campaigns],
        campaign_filter=NOT_SHOWN if result.campaign_filter else result.campaign_filter,
        notes=[names.scrub(n) for n in result.notes],
    )


def _who(name: str, person_id: str, names: Pseudonyms) -> str:
    # By id when the analysis gave one: two namesakes get their own pseudonyms.
    return names.person(person_id) if person_id else names.scrub(name)


def _candidate(person: Mapping[str, str], names: Pseudonyms) -> dict[str, str]:
    who = _who(person.get("name", ""), person.get("person_id", ""), names)
    return {**person, "name": who, "person_id": who,
            "position": _position(names, person.get("position", "")),
            "company": names.company(person.get("company", ""))}


def anonymous_recall(result: RecallResult, names: Pseudonyms) -> RecallResult:
    """``netaudit recall``: matched connections by pseudonym; what the user typed is not
    shown (a name typed with a typo or a nickname is still a person's name), only counted."""
    return replace(
        result,
        matches=[replace(m, entry=NOT_SHOWN, connection=_who(m.connection, m.person_id, names),
                         person_id=_who(m.connection, m.person_id, names),
                         position=_position(names, m.position),
                         company=names.company(m.company)) for m in result.matches],
        unmatched=[NOT_SHOWN] * len(result.unmatched),
        ambiguous=[{"entry": NOT_SHOWN,
                    "candidates": [_candidate(c, names) for c in a["candidates"]]}
                   for a in result.ambiguous],
        duplicates=[NOT_SHOWN] * len(result.duplicates),
        named_twice=[{"entry": NOT_SHOWN, "first_named_as": NOT_SHOWN,
                      "connection": _who(d["connection"], d.get("person_id", ""), names),
                      "person_id": _who(d["connection"], d.get("person_id", ""), names)}
                     for d in result.named_twice],
        recognition=[_candidate(p, names) for p in result.recognition],
        problems=[names.scrub(p) for p in result.problems],
    )


def participant_labels(count: int) -> list[str]:
    """``['Participant 1', …]``: the people of a recall study, in the study's order."""
    return [f"Participant {i}" for i in range(1, count + 1)]


def anonymous_study(study: StudyResult, shown: list[RecallResult]) -> StudyResult:
    """``netaudit recall-study``: participants as 'Participant 1', … in the study's order,
    each result already anonymized against that participant's own network."""
    from netaudit.analyses.recall import StudyResult

    labels = participant_labels(len(study.participants))
    return StudyResult(list(zip(labels, shown, strict=True)))


def anonymous_activity(result: ActivityResult, names: Pseudonyms) -> ActivityResult:
    """``netaudit activity``: the per-person table by pseudonym, names in warnings scrubbed."""
    per_person = result.per_person
    if per_person is not None and "person_id" in per_person:
        per_person = per_person.copy()
        shown = [names.person(p) for p in per_person["person_id"].tolist()]
        per_person["person_id"] = shown
        if "name" in per_person:
            per_person["name"] = shown
    paths = [result.source]
    return replace(result, source=names.path(result.source),
                   problems=[names.scrub(names.paths(hide_quoted(p), paths))
                             for p in result.problems], per_person=per_person)


def _people_frame(frame: pd.DataFrame, names: Pseudonyms) -> pd.DataFrame:
    """A table with ``person_id`` (and ``name``) as pseudonyms, companies on request and
    positions scrubbed."""
    frame = frame.copy()
    shown = [names.person(p) for p in frame["person_id"].tolist()]
    frame["person_id"] = shown
    if "name" in frame:
        frame["name"] = shown
    if "company" in frame:
        frame["company"] = [names.company(c) for c in frame["company"].tolist()]
    if "position" in frame:
        frame["position"] = [_position(names, p) for p in frame["position"].tolist()]
    for column in ("profile_url", "email"):
        if column in frame:
            frame = frame.drop(columns=column)
    return frame


def anonymous_ties(result: TieStrength, names: Pseudonyms) -> TieStrength:
    """``netaudit ties``: every row, and the re-engage and prune lists, by pseudonym."""

    def suggestion(s: Any) -> Any:
        who = names.person(s.person_id)
        return replace(s, person_id=who, name=who, company=names.company(s.company),
                       position=_position(names, s.position), reason=names.scrub(s.reason))

    return replace(result, rows=_people_frame(result.rows, names),
                   reengage=[suggestion(s) for s in result.reengage],
                   prune=[suggestion(s) for s in result.prune])


def anonymous_introductions(result: Introductions, names: Pseudonyms) -> Introductions:
    """``netaudit introduce``: both people of each pair by pseudonym, the reason scrubbed."""

    def person(p: Any) -> Any:
        who = names.person(p.person_id)
        return replace(p, person_id=who, name=who, company=names.company(p.company),
                       position=_position(names, p.position))

    return replace(result, pairs=[replace(pair, a=person(pair.a), b=person(pair.b),
                                          reason=names.scrub(pair.reason))
                                  for pair in result.pairs],
                   notes=[names.scrub(n) for n in result.notes])


def member_labels(count: int) -> list[str]:
    """``['Member 1', …]``: a team's members, in the order their exports were given."""
    return [f"Member {i}" for i in range(1, count + 1)]


def team_people(networks: list[Any], mappings: list[dict[str, str]]) -> pd.DataFrame:
    """The people of several exports as one table keyed by team id (the first row of each
    merged person), nobody marked as owner: the people a team's pseudonyms are made from."""
    import pandas as pd

    frames = []
    for network, mapping in zip(networks, mappings, strict=True):
        people = network.people
        frame = people[["person_id", "name", "first_name", "last_name", "profile_url", "email",
                        "company"]].copy()
        frame["person_id"] = [mapping.get(p, p) for p in frame["person_id"].tolist()]
        frames.append(frame)
    people = pd.concat(frames, ignore_index=True).drop_duplicates("person_id")
    people["is_owner"] = False
    return people.reset_index(drop=True)


def anonymous_team(report: TeamReport, names: Pseudonyms, exports: list[str]) -> TeamReport:
    """``netaudit team``: members as 'Member 1', … (in the order given), everyone else by
    pseudonym, export paths as 'export 1', …, companies on request.

    ``names`` must label the members' team ids with :func:`member_labels`."""
    from netaudit.analyses.team import MemberReach, Step, TargetReport, WarmPath

    member = {m.name: names.person(m.person_id) for m in report.members}
    export = {path: f"export {i}" for i, path in enumerate(exports, start=1)}

    def text(value: str) -> str:
        for path in sorted(export, key=len, reverse=True):  # 'ann2' before 'ann'
            value = value.replace(path, export[path])
        return names.scrub(value)

    def path(warm: WarmPath | None) -> WarmPath | None:
        if warm is None:
            return None
        steps = tuple(Step(names.person(s.person_id), names.person(s.person_id),
                           names.company(s.company), s.member) for s in warm.steps)
        return WarmPath(steps, warm.strengths)

    def person(row: Mapping[str, Any]) -> dict[str, Any]:
        who = names.person(row["person_id"])
        return {**row, "person_id": who, "name": who, "company": names.company(row["company"])}

    targets = []
    for t in report.targets:
        matched = ([names.company(c) for c in t.matched] if t.kind == "company"
                   else [names.scrub(n) for n in t.matched])
        targets.append(TargetReport(
            query=", ".join(dict.fromkeys(matched)) or NOT_SHOWN, kind=t.kind, matched=matched,
            people=t.people,
            reached_directly={member.get(k, text(k)): v for k, v in t.reached_directly.items()},
            members=[MemberReach(member.get(r.member, text(r.member)), path(r.best),
                                 path(r.fewest_hops)) for r in t.members],
            status=t.status,
            # Ambiguous candidates are companies; the closest names of an unmatched target
            # may be people: not shown.
            candidates=([names.company(c) for c in t.candidates] if t.status == "ambiguous"
                        else [])))
    return replace(
        report,
        members=[replace(m, person_id=member[m.name], name=member[m.name],
                         export=export.get(m.export, text(m.export))) for m in report.members],
        companies=[{**c, "company": names.company(c["company"]),
                    "by_member": {member.get(k, text(k)): v for k, v in c["by_member"].items()}}
                   for c in report.companies],
        targets=targets,
        communities=[{**c, "members": [member.get(n, text(n)) for n in c["members"]],
                      "top_companies": [names.company(n) for n in c["top_companies"]]}
                     for c in report.communities],
        brokers=[person(b) for b in report.brokers],
        bridges=[{**b, "a": names.person(b["a_id"]), "b": names.person(b["b_id"]),
                  "a_id": names.person(b["a_id"]), "b_id": names.person(b["b_id"])}
                 for b in report.bridges],
        notes=[text(n) for n in report.notes],
    )


#: Node attributes a graph file never carries when anonymized.
_LEFT_OUT = ("profile_url", "email")


class _GraphRules:
    """What :func:`anonymous_graph` does to each id and attribute value: one set of rules for
    a networkx graph and for its columns."""

    #: The attributes :meth:`node_value` and :meth:`edge_value` change: a column of any
    #: other is kept as it is.
    NODE_KEYS, EDGE_KEYS = ("company", "position"), ("employer", "members")

    def __init__(self, names: Pseudonyms) -> None:
        self.names = names

    def ids(self, value: str) -> str:
        """'; '-separated person ids as their pseudonyms."""
        return "; ".join(map(self.names.person, value.split("; "))) if value else value

    def graph_data(self, data: Mapping[str, Any]) -> dict[str, Any]:
        return {key: self.ids(value) if key in ("owner", "members") and isinstance(value, str)
                else value for key, value in data.items()}

    def node_value(self, key: str, value: Any) -> Any:
        if key == "company":
            return self.names.company(value)
        if key == "position" and value:
            return _position(self.names, value)
        return value

    def edge_value(self, key: str, value: Any) -> Any:
        if key == "employer" and value:
            return self.names.company(value)
        if key == "members" and isinstance(value, str):
            return self.ids(value)
        return value


def anonymous_graph(graph: nx.Graph | GraphColumns, names: Pseudonyms
                    ) -> nx.Graph | GraphColumns:
    """A copy of ``graph`` for a graph file: node ids and names are pseudonyms, profile URLs
    are left out, companies (also the ``employer`` of a tie) on request, and the graph's
    ``owner`` and ``members`` (and each tie's ``members``) name pseudonyms
    (:class:`_GraphRules`). Columns (:class:`~netaudit.graph.GraphColumns`) give columns,
    as :func:`_anonymous_columns` says."""
    import networkx as nx

    from netaudit.graph import GraphColumns

    rules = _GraphRules(names)
    if isinstance(graph, GraphColumns):
        shown_columns = _anonymous_columns(graph, rules)
        if shown_columns is not None:
            return shown_columns
        graph = graph.to_networkx()

    shown = nx.Graph()
    shown.graph.update(rules.graph_data(graph.graph))
    for node, attrs in graph.nodes(data=True):
        values = {k: rules.node_value(k, v) for k, v in attrs.items() if k not in _LEFT_OUT}
        values["name"] = names.person(node)
        shown.add_node(names.person(node), **values)
    for a, b, attrs in graph.edges(data=True):
        shown.add_edge(names.person(a), names.person(b),
                       **{k: rules.edge_value(k, v) for k, v in attrs.items()})
    return shown


def _anonymous_columns(graph: GraphColumns, rules: _GraphRules) -> GraphColumns | None:
    """:func:`anonymous_graph` of columns, column by column with the same rules: the graph
    it gives has the nodes in the same order (each under its pseudonym) and its edges added
    in the order of ``graph.edges``, so that its columns are the same columns anonymized.
    None (left to the graph) unless every node has every attribute of the columns and no
    two nodes share a pseudonym."""
    from netaudit.graph import GraphColumns

    if not graph.complete:
        return None
    shown = {node: rules.names.person(node) for node in graph.nodes}
    if len(set(shown.values())) < len(graph.nodes):
        return None
    node_columns = {key: [rules.node_value(key, v) for v in values]
                    if key in rules.NODE_KEYS else values
                    for key, values in graph.node_columns.items() if key not in _LEFT_OUT}
    node_columns["name"] = list(shown.values())
    edge_columns = {key: [rules.edge_value(key, v) for v in values]
                    if key in rules.EDGE_KEYS else values
                    for key, values in graph.edge_columns.items()}
    return GraphColumns(data=rules.graph_data(graph.data), nodes=list(shown.values()),
                        node_columns=node_columns,
                        sources=list(map(shown.__getitem__, graph.sources)),
                        targets=list(map(shown.__getitem__, graph.targets)),
                        edge_columns=edge_columns,
                        build=lambda: _anonymous_networkx(graph, rules.names),
                        complete=True)


def _anonymous_networkx(graph: GraphColumns, names: Pseudonyms) -> nx.Graph:
    """:func:`anonymous_graph` of the graph ``graph`` describes, as a networkx graph."""
    from netaudit.graph import GraphColumns

    shown = anonymous_graph(graph.to_networkx(), names)
    assert not isinstance(shown, GraphColumns)  # a graph in, a graph out
    return shown


class ExportView:
    """A team's pseudonyms seen from one member's export: that export's own person ids, and
    the exports' paths shown as 'export 1', … (a path often carries its owner's name)."""

    def __init__(self, names: Pseudonyms, mapping: Mapping[str, str],
                 exports: list[str]) -> None:
        self.names = names
        self.mapping = mapping
        self.exports = {path: f"export {i}" for i, path in enumerate(exports, start=1)}

    def person(self, person_id: str) -> str:
        return self.names.person(self.mapping.get(person_id, person_id))

    def path(self, path: Any) -> str:
        """A path shown as :meth:`Pseudonyms.path` does, a member's export as 'export N'."""
        text = str(path)
        for export in sorted(self.exports, key=len, reverse=True):
            if text == export or (text.startswith(export) and text[len(export)] in ":/\\"):
                return self.exports[export] + self.names._path_words(text[len(export):])
        return self.names.path(text)

    def paths(self, text: str, paths: Any) -> str:
        """``text`` with each of ``paths`` in it shown by :meth:`path` (longest first)."""
        for given in sorted({str(p) for p in paths if str(p)}, key=len, reverse=True):
            if given in text:
                text = text.replace(given, self.path(given))
        return text

    def scrub(self, text: str) -> str:
        # Longest first: 'team/ann2' must not be rewritten through 'team/ann'.
        for path in sorted(self.exports, key=len, reverse=True):
            text = text.replace(path, self.exports[path])
        return self.names.scrub(text)


def anonymous_due(result: DueList, names: Pseudonyms) -> DueList:
    """``netaudit due``: every person by pseudonym, no profile URL, the reason scrubbed."""
    def person(p: Any) -> Any:
        who = names.person(p.person_id)
        return replace(p, person_id=who, name=who, company=names.company(p.company),
                       position=_position(names, p.position), profile_url="",
                       reason=names.scrub(p.reason))

    return replace(result, due=[person(p) for p in result.due],
                   upcoming=[person(p) for p in result.upcoming])


def anonymous_targets(result: TargetsResult, names: Pseudonyms) -> TargetsResult:
    """``--targets``: people by pseudonym; a target's text is shown only when it names a
    company (and companies are shown), since a target may be a person's name."""
    from netaudit.analyses.targets import CompanyMatch

    findings = []
    for number, f in enumerate(result.findings, start=1):
        hidden = f.kind == "person" or names.companies or f.match.status == "unmatched"
        target = f"Target {number}" if hidden else f.target
        match = CompanyMatch(
            target, f.match.status,
            tuple(names.company(c) for c in f.match.companies),
            tuple(names.company(c) for c in f.match.candidates)
            if f.match.status == "ambiguous" else (),
            f.match.rule)
        people = [replace(p, person_id=names.person(p.person_id), name=names.person(p.person_id),
                          company=names.company(p.company),
                          position=_position(names, p.position)) for p in f.people]
        path = (["you", *(names.scrub(n) for n in f.path[1:])] if f.path else [])
        findings.append(replace(f, target=target, match=match, people=people, path=path))
    return replace(result, findings=findings)
