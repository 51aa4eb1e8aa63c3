"""Who is who: normalizing profile URLs, e-mails and names, and merging one person's rows.

The same person appears in many files under slightly different spellings: a profile URL with or
without ``https://www.`` and with a percent-encoded slug (endorsements give it without scheme), an
e-mail in another case, a name with credentials (``"Surname, MBA"``), accents or trailing spaces.
:func:`resolve` merges people rows that share a normalized profile URL, then an e-mail, then a
normalized full name (only where that name points at one person), and rewrites every reference.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    import numpy as np
    import pandas as pd
    import pyarrow as pa
    from pandas.api.extensions import ExtensionArray

    from netaudit.model import Network, Owner

# Post-nominal letters people append to their last name on LinkedIn ("Surname, MBA").
CREDENTIALS = frozenset(
    """mba phd ph.d md cpa cfa pmp sphr phr shrm-cp shrm-scp cissp pe esq jd msc ma ms bsc ba
    bs mcp ccna csm cpc rn dds pharmd cma cia frm acca aca cipd chrp mph dvm mphys meng msci
    mchem med edd psyd dba llm llb mpa mfa acipm mcipm phri sphri gphr acipd mcipd fcipd hrpl
    hrbp cphr fca fcca aat hnd beng mnim mnse mcips cbap fimc shrm acipmn mcipmn""".split()
    # Quebec's professional titles, as a 2022 export from Montreal wrote them after the last
    # name: 'agr.' (agronomist), 'B. Sc. A.', 'Adm. A.', 'Jr. Eng.' (junior engineer).
    + "agr bsca adma jreng".split()
    # 'M.S. Ed.' (Master of Science in Education), in a published HR professional's list;
    # there too 'CEC' (Certified Executive Coach) before 'SPHR, SHRM-SCP' in a Last Name, as
    # coaches write the ICF's 'ACC', 'PCC' and 'MCC'.
    + "msed cec acc pcc mcc".split()
    # The Australian Institute of Company Directors' graduates, fellows and members, written
    # after the name without a comma in a published list.
    + "gaicd faicd maicd".split()
)

#: Name suffixes that follow a comma like credentials do ('Lee Kim, Jr.').
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_MARKS = str.maketrans("", "", "™®©.")
_BRACKETED = re.compile(r"^\s*[({\[].*[)}\]]\s*$", re.DOTALL)
#: A dotted abbreviation written with spaces: 'Ph. D', 'Psy. D.', 'M. Ed.'.
_SPACED = re.compile(r"[A-Za-z]{1,3}\.(?:\s+[A-Za-z]{1,3}\.)*\s+[A-Za-z]{1,3}\.?")
_GLUED = re.compile(r"(\w)\(")


def _dotted_then_spaced(text: str) -> bool:
    """Whether ``text`` is short dotted letters with a space among them ('M.S. Ed.', as a
    published list wrote one), which :data:`_SPACED` does not take; without a pattern, which
    took quadratic time on a long text of 'a.' repeated.

    >>> _dotted_then_spaced("M.S. Ed."), _dotted_then_spaced("Ana Ruiz"), _dotted_then_spaced("MBA")
    (True, False, False)
    """
    tokens = text.split()
    return 1 < len(tokens) <= 4 and all(
        1 < len(t) <= 5 and "." in t and t.replace(".", "").isalpha() for t in tokens)


def is_credential(fragment: str) -> bool:
    """True when ``fragment`` holds only post-nominal letters, as real TO lists and names
    write them (docs/formats.md 2.3): 'MBA', 'Ph.D.', 'M.B.A.', 'PHRi™', 'ACIPM', 'PhD (abd)',
    '(ACIPM, HRPL)', '{MBA, CIPM, TAPcert.}'. Unlisted post-nominals are short and mostly
    capitals (CSCP, SHRM-SCP, PEng, CFP®); a remark in brackets after one is part of it.

    >>> [is_credential(f) for f in (" Ph.D.", "M.B.A.", " PhD (abd)", "PHRi™", " Ana", "")]
    [True, True, True, True, False, False]
    >>> is_credential(" {MBA, CIPM, TAPcert.}")
    True
    >>> [is_credential(f) for f in (" Ph. D", " M. Ed.", " MBA(In-view)", " CSM ® 🇨🇦", " ®")]
    [True, True, True, True, False]
    """
    if _BRACKETED.match(fragment):
        return True
    spaced = fragment.strip()
    if (_SPACED.fullmatch(spaced) or _dotted_then_spaced(spaced)) and fragment.translate(
            _MARKS).replace(" ", "").lower() in CREDENTIALS:
        fragment = fragment.replace(" ", "")  # 'Ph. D', 'Psy. D.', 'M. Ed.'; not 'J. R.'
    # A remark glued to its credential ('MBA(In-view)'); a word with no letter or digit is a
    # mark or an emoji after it ('CSM ® 🇨🇦', a lost character '\ufffd').
    words = [w for w in _GLUED.sub(r"\1 (", fragment).split()
             if w.strip("()[]{}") and any(ch.isalnum() for ch in w)]
    if not words:
        return False
    plain = 0
    for word in words:
        if word[:1] in "([{" or word[-1:] in ")]}":
            continue  # '(abd)', '(in view)': a remark, not a name
        plain += 1
        bare = word.translate(_MARKS).lower()
        compact = word.translate(_MARKS)
        upper = sum(ch.isupper() for ch in compact)
        if bare in CREDENTIALS or bare in _SUFFIXES:
            continue
        if upper >= 2 and len(compact) <= 10 and upper >= len(compact) / 2:
            continue
        return False
    return plain > 0


#: Words that qualify a credential after it ('Ravi Shah, CFA Charterholder').
_QUALIFIERS = frozenset({"charterholder", "candidate", "hons"})
#: A credential group in brackets at the end of a name: '(ACIPM, HRPL)', '{MBA, CIPM, …}'.
_TRAILING_GROUP = re.compile(r"[({\[]([^(){}\[\]]*+)[)}\]]\s*+$")
#: A dotted abbreviation written as one word: 'Ph.D.', 'M.B.A.', 'M.S.'.
_DOTTED = re.compile(r"(?:[A-Za-z]{1,3}\.){2,}")


def _is_suffix(part: str) -> bool:
    """'Jr.', 'Sr', 'II', 'III', 'IV': part of a name (father and son), not a credential."""
    return part.strip().translate(_MARKS).lower() in _SUFFIXES


def _credential_part(part: str) -> bool:
    """One comma-separated part after a name that is a credential and not a name suffix."""
    if not part.strip() or _is_suffix(part):
        return False
    if is_credential(part) or _all_listed(part):
        return True
    words = part.split()
    return (len(words) > 1 and is_credential(words[0]) and not _is_suffix(words[0])
            and all(w.translate(_MARKS).lower() in _QUALIFIERS for w in words[1:]))


def _words(text: str) -> int:
    return len(text.replace(",", " ").split())


@lru_cache(maxsize=200_000)
def split_credentials(name: str) -> tuple[str, str]:
    """A displayed name split into the plain name and the credentials written after it, as
    LinkedIn members write them (issue 10, docs/formats.md 2.3): after commas ('Dana Reyes,
    MA, BFA, PhD (abd)', 'Li Wei, Ph.D.', 'Priya Nair, ACIPM,AISMN,MOLDN'), in brackets at the end
    when the first thing inside is a credential and more follow or it is a listed one ('Tom
    Baker (ACIPM, HRPL)', 'Uma Rao {MBA, CIPM, TAPcert.}', 'Bo Li (MBA)'; not 'Amazon Web
    Services (AWS)'), or as a last word carrying a trade mark or dots ('Ned Hale PHRi™') or
    listed with three letters or more ('Ada Obi ACIPM MSc', as a published 2021 export of
    an HR professional's network wrote hundreds of its names).

    Rules that keep real names whole: a name suffix ('Jr.', 'III') is part of the name and
    stops the stripping; at least two words of name always stay, so a last name that only
    looks like a credential ('Wei, MA' from a first name ending in a comma, 'Wei MA') is
    kept; a bare capitalized last word without a comma, mark or dots ('Ana SMITH', 'Yo-Yo
    Ma') is a name; what follows a comma and is no credential ('Kim, Lee', 'Ana Ruiz,
    Sales') keeps the name as written. Nicknames and titles are left as written.

    >>> split_credentials("Dana Reyes, MA, BFA, PhD (abd)")
    ('Dana Reyes', 'MA, BFA, PhD (abd)')
    >>> split_credentials("Priya Nair, ACIPM,AISMN,MOLDN")
    ('Priya Nair', 'ACIPM, AISMN, MOLDN')
    >>> split_credentials("Uma Rao {MBA, CIPM, TAPcert.}")
    ('Uma Rao', 'MBA, CIPM, TAPcert.')
    >>> split_credentials("Lee Kim Jr., MBA"), split_credentials("Wei, MA")
    (('Lee Kim Jr.', 'MBA'), ('Wei, MA', ''))
    >>> split_credentials("Ada Obi ACIPM MSc"), split_credentials("Li Jack Ma")
    (('Ada Obi', 'ACIPM, MSc'), ('Li Jack Ma', ''))
    >>> split_credentials("Eve MARTIN - LEBLANC"), split_credentials("Eve Martin - CKPIP")
    (('Eve MARTIN - LEBLANC', ''), ('Eve Martin', 'CKPIP'))
    >>> split_credentials("Kay Olsen, M.S. Ed., SHRM-CP"), split_credentials("Kay O. MBA Candidate")
    (('Kay Olsen', 'M.S. Ed., SHRM-CP'), ('Kay O.', 'MBA Candidate'))
    """
    text = name.strip().rstrip(",").rstrip()  # 'Ada Obi ACIPM,': a comma left at the end
    found: list[str] = []
    while text:
        group = _TRAILING_GROUP.search(text)
        if group:
            head = text[:group.start()].rstrip().rstrip(",").rstrip()
            parts = [p.strip() for p in group.group(1).split(",") if p.strip()]
            # One part alone must be listed credentials ('(MBA)', '(AAT ACA)', '(Assoc
            # CIPD)'), not any acronym: '(AWS)' after a company name is its short name.
            listed = len(parts) > 1 or (len(parts) == 1 and _all_listed(parts[0]))
            if listed and _credential_part(parts[0]) and _words(head) >= 2:
                found[:0] = parts
                text = head
                continue
        head, comma, tail = text.rpartition(",")
        if comma and _credential_part(tail) and _words(head) >= 2:
            found.insert(0, tail.strip())
            text = head.rstrip()
            continue
        # After a dash ('Ana Ruiz - CKPIP', 'Ana Ruiz -ACIPM'): listed credentials, or any
        # when the word before the dash has small letters. A last name in capitals goes on
        # in capitals: 'Eve MARTIN - LEBLANC' is a double-barrelled name (as a 2022 export
        # wrote one), 'ANA - RUIZ' could be a name.
        head, dash, tail = max((text.rpartition(d) for d in _DASHES), key=lambda p: len(p[0]))
        parts = [p.strip() for p in tail.split(",") if p.strip()]
        before = head.split()[-1:] or [""]
        if dash and parts and _words(head) >= 2 and all(map(_credential_part, parts)) and (
                any(ch.islower() for ch in before[0]) or all(map(_all_listed, parts))):
            found[:0] = parts
            text = head.rstrip()
            continue
        words = text.split()
        last = words[-1]
        if (len(words) >= 4 and last.translate(_MARKS).lower() in _QUALIFIERS
                and _listed_word(words[-2]) and is_credential(words[-2])):
            # 'Karen O. MBA Candidate', written without a comma (a published list).
            found.insert(0, f"{words[-2]} {last}")
            text = text[:text.rstrip().rfind(words[-2])].rstrip().rstrip(",").rstrip()
            continue
        if (len(words) >= 3 and ("™" in last or "®" in last or _DOTTED.fullmatch(last)
                                 or _listed_word(last))
                and is_credential(last) and not _is_suffix(last)):
            text = text[:len(text) - len(last)].rstrip().rstrip(",").rstrip()
            before = text.rsplit(None, 1)
            if len(before) == 2 and _words(before[0]) >= 2 and \
                    before[1].translate(_MARKS).lower() == "assoc":
                last, text = f"{before[1]} {last}", before[0].rstrip()  # 'Assoc CIPD'
            found.insert(0, last)
            continue
        break
    if not found:
        return name.strip(), ""
    # A dash or bar that stood before the credentials ('Ana Ruiz - MBA, PMP').
    return text.rstrip(" -–—|"), ", ".join(found)


def credentials_only(last_name: str) -> bool:
    """Whether a Last Name field holds credentials and no last name: a member who left the
    last name out and wrote post-nominals there. A published HR professional's list held
    'Lori Ann' + 'CEC, SPHR, SHRM-SCP', a first name alone + 'M.S. Ed.', and + 'MBA
    Candidate'; :func:`split_credentials` keeps two words of name, so those stayed in the
    name ('Mark M.S. Ed.').

    Said only of what no surname is: two parts or more after commas, each a credential and
    the first a listed one ('CEC, SPHR'); or one part, dotted ('Ph.D.', 'M.S. Ed.'), listed
    with three letters or more ('MBA'), or listed with its qualifier ('MBA Candidate'). A
    surname that looks like one stays: 'MA' (Ma), 'LEE, PhD', 'Ruiz, PhD'.

    >>> [credentials_only(t) for t in ("CEC, SPHR, SHRM-SCP", "M.S. Ed.", "MBA Candidate",
    ...                                "Ph.D.", "MBA")]
    [True, True, True, True, True]
    >>> [credentials_only(t) for t in ("MA", "LEE, PhD", "Ruiz, PhD", "Jr.", "III", "Lee", "")]
    [False, False, False, False, False, False, False]
    """
    parts = [p.strip() for p in last_name.split(",") if p.strip()]
    if len(parts) >= 2:
        return _all_listed(parts[0]) and all(map(_credential_part, parts))
    if len(parts) != 1 or _is_suffix(parts[0]):
        return False
    part = parts[0]
    words = part.split()
    if len(words) == 2 and words[1].translate(_MARKS).lower() in _QUALIFIERS:
        return _listed_word(words[0])
    return is_credential(part) and bool(
        _DOTTED.fullmatch(part) or _dotted_then_spaced(part) or _listed_word(part))


def _all_listed(part: str) -> bool:
    """Every word of ``part`` a listed credential ('AAT ACA'), an 'Assoc' before one counted.

    >>> [_all_listed(p) for p in ("MBA", "AAT ACA", "Assoc CIPD", "AWS", "Bob", "Assoc")]
    [True, True, True, False, False, False]
    """
    words = [w.translate(_MARKS).lower() for w in part.split()]
    return any(w in CREDENTIALS for w in words) and all(
        w in CREDENTIALS or (w == "assoc" and i + 1 < len(words))
        for i, w in enumerate(words))


def _listed_word(word: str) -> bool:
    """A listed credential of three letters or more ('MBA', 'ACIPM', 'MSc.'): as a name's
    last word it is no surname, unlike two letters ('Yo-Yo Ma')."""
    return word.translate(_MARKS).lower() in LISTED


#: A character (or a dash after a space) without which a name holds no credentials, unless its
#: last word is a listed one (:func:`_listed_word`; see :func:`split_credentials`).
_MAY_HOLD_CREDENTIALS = re.compile(r"[,({\[™®.]")
#: What stands before credentials after a dash ('Ana Ruiz - CKPIP', 'Ana Ruiz -ACIPM').
_DASHES = (" -", " –")
#: The listed credentials :func:`_listed_word` finds as a name's last word.
LISTED = frozenset(c for c in CREDENTIALS if len(c) >= 3 and "." not in c)
#: A name that ends with one of them (case aside), for Arrow's regex engine.
_ENDS_LISTED = r"\s(?:" + "|".join(re.escape(c) for c in sorted(LISTED, key=len,
                                                                 reverse=True)) + (
    r")(?:\s+(?:" + "|".join(sorted(_QUALIFIERS)) + r"))?\s*$")
#: What a Last Name that :func:`credentials_only` can accept holds (case aside), unless it
#: is a listed credential alone: a comma, a dot, or a qualifier at the end. For a list's
#: column in one pass, before the rows it finds are each asked.
MAY_BE_CREDENTIALS_ONLY = r"[.,]|\s(?:" + "|".join(sorted(_QUALIFIERS)) + r")$"


def _may_hold_credentials(name: str) -> bool:
    """Whether ``name`` could hold credentials: a comma, bracket, mark or dot, or a listed
    credential as its last word.

    >>> [_may_hold_credentials(n) for n in ("Ana Ruiz", "Ana Ruiz, MBA", "Ada Obi ACIPM")]
    [False, True, True]
    """
    if _MAY_HOLD_CREDENTIALS.search(name) or any(dash in name for dash in _DASHES):
        return True
    words = name.split()
    return len(words) > 1 and _listed_word(words[-1])


def names_with_credentials(names: list[str]) -> list[tuple[int, str, str]]:
    """(position, plain name, credentials) of each name of ``names`` that carried
    credentials: :func:`plain_names` on a list, for a file's few hundred people (pandas' per
    call cost is most of the time there).

    >>> names_with_credentials(["Ana Ruiz", "Dana Reyes, MA", "Bo Li (MBA)", "Wei, MA", ""])
    [(1, 'Dana Reyes', 'MA'), (2, 'Bo Li', 'MBA')]
    """
    found = []
    for i, name in enumerate(names):
        if _may_hold_credentials(name):
            plain, credentials = split_credentials(name)
            if credentials:
                found.append((i, plain, credentials))
    return found


def plain_names(people: pd.DataFrame) -> pd.DataFrame:
    """``people`` with each ``name`` shown plain and the credentials it carried moved to
    ``credentials`` (:func:`split_credentials`); ``last_name`` stays as the file gave it.
    Computed once per distinct name that could hold credentials."""
    if not len(people) or "name" not in people:
        return people
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    names = people["name"]
    # In Arrow: a mark, a dash after a space, or a listed credential as last word (3 ms on
    # the benchmark's 60,000 names; pandas' str.contains with the last regex took 0.04 s).
    text = pa.array(names)
    maybe = pc.match_substring_regex(text, _MAY_HOLD_CREDENTIALS.pattern)
    for dash in _DASHES:
        maybe = pc.or_(maybe, pc.match_substring(text, dash))
    maybe = pc.or_(maybe, pc.match_substring_regex(text, _ENDS_LISTED, ignore_case=True))
    maybe = pd.Series(pc.fill_null(maybe, False).to_numpy(zero_copy_only=False),
                      index=names.index)
    if not maybe.any():
        return people
    people = people.copy()
    # Only the rows that may hold credentials are looked at (a Python call on every row's
    # name cost 0.1 s on the people of 1,500,000 messages, issue 17).
    candidates = names[maybe]
    split = {n: split_credentials(n) for n in set(candidates.tolist())}
    parts = [split[n] for n in candidates.tolist()]
    changed = [i for i, (_, credentials) in enumerate(parts) if credentials]
    if changed:
        rows = candidates.index[changed]
        people.loc[rows, "name"] = [parts[i][0] for i in changed]
        people.loc[rows, "credentials"] = [parts[i][1] for i in changed]
    return people


#: Normalized prefix of LinkedIn's internal member ids used as profile URLs.
_OPAQUE_PREFIX = "linkedin.com/in/acoa"
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
# No bracket inside its own brackets: a name of 300,000 '(' took 113 s (each one scanned to the
# end for a ')'), now each stops at the next '(' (issue 16).
_QUOTED = re.compile(r"[\"“”][^\"“”]*+[\"“”]|\([^()]*+\)|\{[^{}]*+\}|\[[^\[\]]*+\]"
                     r"|（[^（）]*+）")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@lru_cache(maxsize=200_000)
def normalize_url(url: str) -> str:
    """Profile URL reduced to ``host/path``: no scheme, no ``www.``, no query, no trailing
    slash, percent-decoding undone, lower case.

    Examples
    --------
    >>> normalize_url("https://www.linkedin.com/in/Jos%C3%A9-Garc%C3%ADa/")
    'linkedin.com/in/josé-garcía'
    >>> normalize_url("www.linkedin.com/in/ana-ruiz?trk=x")
    'linkedin.com/in/ana-ruiz'
    >>> normalize_url("")
    ''
    >>> normalize_url("https://www.linkedin.com/in"), normalize_url("https://www.linkedin.com/in/")
    ('', '')
    """
    text = url.strip()
    if not text:
        return ""
    text = _SCHEME.sub("", unquote(text).strip().lower())
    text = text.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    if text.startswith("www."):
        text = text[4:]
    # Country subdomains (de.linkedin.com/in/x) name the same profile.
    host, _, path = text.partition("/")
    if host.endswith(".linkedin.com"):
        host = "linkedin.com"
    if host == "linkedin.com" and path in _NO_MEMBER:
        # 'https://www.linkedin.com/in' with nobody after it (every URL of four published
        # Invitations.csv files): no profile, so it joins nobody to anybody.
        return ""
    return f"{host}/{path}" if path else host


#: LinkedIn paths that name no member.
_NO_MEMBER = frozenset({"", "in", "pub"})


#: The form of nearly every profile URL in an export: plain or percent-encoded slug.
_PROFILE_FORM = r"^https://www\.linkedin\.com/in/(?:[a-zA-Z0-9-]|%[0-9A-Fa-f]{2})+/?$"
_PROFILE_PREFIX = len("https://www.linkedin.com/in/")


def normalize_urls(urls: list[str]) -> list[str]:
    """:func:`normalize_url` of each of ``urls``, the common ``https://www.linkedin.com/in/``
    form decoded with array operations: percent-decoding 30,000 slugs one ``unquote`` at a
    time took a tenth of a second per file. Anything else (and any slug whose decoded text
    would need the general rules: invalid UTF-8, '/', '?', '#', trailing blanks) goes through
    :func:`normalize_url`.

    >>> normalize_urls(["https://www.linkedin.com/in/Jos%C3%A9-x/", "www.linkedin.com/in/a", ""])
    ['linkedin.com/in/josé-x', 'linkedin.com/in/a', '']
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    distinct = list(dict.fromkeys(urls))
    done: dict[str, str | None] = {}
    if distinct:
        column = pa.array(distinct, type=pa.string())
        common = np.flatnonzero(
            pc.match_substring_regex(column, _PROFILE_FORM).to_numpy(zero_copy_only=False))
        slugs = pc.utf8_rtrim(pc.utf8_slice_codeunits(column.take(pa.array(common)),
                                                      _PROFILE_PREFIX), characters="/")
        done = dict(zip(map(distinct.__getitem__, common.tolist()), _plain_slugs(slugs),
                        strict=True))
    # Each value of ``done`` is a non-empty text or None (the general rules): one look-up a URL.
    get = done.get
    return [get(url) or normalize_url(url) for url in urls]


def _plain_slugs(slugs: pa.Array) -> list[str | None]:
    """``'linkedin.com/in/'`` and each slug of an Arrow string array whose every '%' starts a
    valid escape, percent-decoded as UTF-8 and lower-cased; None where the general rules of
    :func:`normalize_url` apply (bytes that are not UTF-8, a '/', '?' or '#', trailing
    blanks).

    The slugs are decoded and lower-cased as one text, a line break after each (no cased or
    case-ignorable character: each slug's final sigma stays its own), and split again: a
    decode, a test and a ``lower`` per slug cost 0.02 s for the 17,000 percent-encoded slugs
    of a large messages.csv (issue 17).

    >>> import pyarrow as pa
    >>> _plain_slugs(pa.array(["Jos%C3%A9", "a%2Fb", "%CE%A3%CE%A3", "a%20", "bad%C3", "x"]))
    ['linkedin.com/in/josé', None, 'linkedin.com/in/σς', None, None, 'linkedin.com/in/x']
    """
    import numpy as np

    if not len(slugs):
        return []
    data, offsets = _percent_decoded(slugs)
    count = len(offsets) - 1
    decoded: Sequence[str | None] = []
    lowered: list[str] = []
    fallback = True
    if not (data == ord("\n")).any():
        joined = np.insert(data, offsets[1:-1], np.uint8(ord("\n"))).tobytes()
        try:
            text = joined.decode("utf-8")
        except UnicodeDecodeError:  # some slug is not UTF-8: each is decoded alone below
            pass
        else:
            lowered = text.lower().split("\n")
            # No lower-case form holds a line break; the count says so anyway.
            if len(lowered) == count:
                decoded, fallback = text.split("\n"), False
    if fallback:
        raw = data.tobytes()
        each: list[str | None] = []
        for start, end in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True):
            try:
                each.append(raw[start:end].decode("utf-8"))
            except UnicodeDecodeError:
                each.append(None)
        decoded = each
        lowered = ["" if slug is None else slug.lower() for slug in each]
    out: list[str | None] = ["linkedin.com/in/" + slug for slug in lowered]
    # A '/', '?' or '#' is a byte of its own in UTF-8. rstrip shortens only a slug that ends
    # in an ASCII blank or control, or in a byte of a multi-byte character: Python tests
    # those few.
    lengths = np.diff(offsets)
    refused = np.zeros(count, dtype=bool)
    marked = np.flatnonzero((data == ord("/")) | (data == ord("?")) | (data == ord("#")))
    refused[np.searchsorted(offsets, marked, side="right") - 1] = True
    last = data[np.maximum(offsets[1:] - 1, 0)] if len(data) else np.zeros(count, np.uint8)
    suspect = (lengths > 0) & ((last <= 0x20) | (last >= 0x80)) & ~refused
    for index in np.flatnonzero(suspect).tolist():
        slug = decoded[index]
        refused[index] = slug is None or slug != slug.rstrip()
    for index in np.flatnonzero(refused).tolist():
        out[index] = None
    if fallback:
        for index, slug in enumerate(decoded):
            if slug is None:
                out[index] = None
    return out


def _percent_decoded(slugs: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The bytes of an Arrow string array whose every '%' starts a valid escape, each
    escape decoded, and the offsets of each slug in them."""
    import numpy as np

    slugs = slugs.combine_chunks() if hasattr(slugs, "combine_chunks") else slugs
    offsets = np.frombuffer(slugs.buffers()[1], dtype=np.int32)[
        slugs.offset:slugs.offset + len(slugs) + 1].astype(np.int64)
    data = np.frombuffer(slugs.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]].copy()
    offsets -= offsets[0]
    escapes = np.flatnonzero(data == ord("%"))
    if len(escapes):
        def hex_value(chars):
            value = chars.astype(np.int64)
            return np.where(value <= ord("9"), value - ord("0"), (value | 0x20) - ord("a") + 10)

        data[escapes] = hex_value(data[escapes + 1]) * 16 + hex_value(data[escapes + 2])
        keep = np.ones(len(data), dtype=bool)
        keep[escapes + 1] = keep[escapes + 2] = False
        data = data[keep]
        per_slug = np.bincount(np.searchsorted(offsets, escapes, side="right") - 1,
                               minlength=len(slugs))
        offsets = offsets - np.concatenate([[0], np.cumsum(per_slug * 2)])
    return data, offsets


def normalize_email(email: str) -> str:
    """Lower-cased address without ``mailto:`` or angle brackets; '' if it is not one.

    >>> normalize_email(" <Ana.Ruiz@Example.COM> ")
    'ana.ruiz@example.com'
    >>> normalize_email("not an address")
    ''
    """
    text = email.strip().strip("<>").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    text = text.lower()
    return text if _EMAIL.match(text) else ""


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case ASCII with accents transliterated: José -> jose, Søren -> soren, Łukasz ->
    lukasz, ß -> ss.

    >>> fold("Søren Łukasz Straße")
    'soren lukasz strasse'
    """
    if text.isascii():  # NFKC and anyascii leave ASCII as it is (tested char by char)
        ascii_text = text
    else:
        # anyascii transliterates character by character: its text per distinct character,
        # kept in a table for str.translate (a Python loop per character of 4,900 names
        # cost 0.02 s at 500,000 messages, issue 17).
        ascii_text = unicodedata.normalize("NFKC", text).translate(_TRANSLITERATED)
    return _SPACE.sub(" ", ascii_text.lower()).strip()


class _Transliterated(dict):
    """Code point -> :func:`anyascii.anyascii` of its character, filled as characters are
    met (ASCII maps to itself)."""

    def __missing__(self, codepoint: int) -> str:
        from anyascii import anyascii

        character = chr(codepoint)
        # An emoji, a flag's letters or a symbol is no part of a name or a title: anyascii
        # spells them out ('Konter🔸' read 'konter small orange diamond', 'Lintik🇺🇦'
        # 'lintikua': 26 of a published list's 1,351 names carried one). A joiner (ZWJ,
        # ZWNJ, a soft hyphen) stays inside its word, as in Malayalam, Sinhala or Persian
        # names written with or without it.
        category = unicodedata.category(character) if codepoint > 0x7F else ""
        if category in ("So", "Sk"):
            text = self[codepoint] = " "
        elif category == "Cf":
            text = self[codepoint] = ""
        else:
            text = self[codepoint] = anyascii(character)
        return text


_TRANSLITERATED = _Transliterated()


@lru_cache(maxsize=200_000)
def normalize_name(name: str) -> str:
    """Full name reduced for comparison: transliterated, lower case, punctuation, quoted
    nicknames and trailing credentials removed.

    Examples
    --------
    >>> normalize_name("  José  García, MBA ")
    'jose garcia'
    >>> normalize_name('Nhat "Vy" Tran')
    'nhat tran'
    >>> normalize_name("Dr. Anna-Lena Berg, PhD, PMP")
    'anna lena berg'
    """
    if not _NAME_BREAKS.search(name):
        # No comma, quote or bracket (nearly every name): the name is its own first part.
        folded = name.lower() if name.isascii() else fold(name.strip())
        return _plain_words(_NOT_WORD.sub(" ", folded.replace("-", " ")))
    text = _QUOTED.sub(" ", name)
    parts = [p.strip() for p in text.split(",")]
    # Keep the part before the first comma unless what follows is not credentials.
    kept = [parts[0]]
    for part in parts[1:]:
        words = fold(part).replace(".", "").split()
        if words and all(w in CREDENTIALS or w.replace(".", "") in CREDENTIALS for w in words):
            continue
        if is_credential(part):
            continue
        kept.append(part)
    folded = fold(" ".join(kept))
    return _plain_words(_NOT_WORD.sub(" ", folded.replace("-", " ")))


#: What makes a name more than one part (:func:`normalize_name`): a comma, or the opening of
#: a quoted nickname or a bracketed remark (``_QUOTED``).
_NAME_BREAKS = re.compile(r"[,\"“”(\[{（]")


#: Credentials written as two short words after a name without a comma ('Ph. D.', 'Ed. D.',
#: 'Psy. D.'): only these, so a name ending in two short words ('Tan Ah Be Ng') stays whole.
_SPACED_CREDENTIALS = frozenset({("ph", "d"), ("ed", "d"), ("psy", "d")})


def _plain_words(folded: str) -> str:
    """The words of a folded name (lower case ASCII letters, digits and spaces) without
    titles and trailing credentials.

    >>> _plain_words("dr anna  lena berg phd")
    'anna lena berg'
    """
    words = [w for w in folded.split() if w not in ("dr", "mr", "mrs", "ms", "prof")]
    while words:
        if words[-1] in CREDENTIALS:
            words.pop()
        elif len(words) > 3 and (words[-2], words[-1]) in _SPACED_CREDENTIALS:
            del words[-2:]  # 'Ph. D.' written apart, after the name without a comma
        else:
            break
    return " ".join(words)


_REGION = re.compile(r"^[A-Za-z]{2,3}[_-]([A-Za-z]{2})\b")


def default_region() -> str:
    """The country of the user's locale ('en_GB.UTF-8' -> 'GB'), the region a phone number
    written without '+' is read in; '' when the locale names none (then such numbers are
    kept as written and join only the same digits)."""
    import locale
    import os

    for value in (os.environ.get("LC_ALL"), os.environ.get("LC_CTYPE"), os.environ.get("LANG"),
                  locale.getlocale()[0]):
        found = _REGION.match(value or "")
        if found:
            return found.group(1).upper()
    return ""


@lru_cache(maxsize=200_000)
def normalize_phone(text: str, region: str = "") -> str:
    """A phone number in E.164 form ('+447123456789') as the ``phonenumbers`` library reads
    it; a number without '+' is read in ``region`` (an ISO country code: 'GB', 'DE').
    '' when it is no possible number; digits as written when it has no '+' and no region.

    >>> normalize_phone("+44 7123 456789"), normalize_phone("07123 456789", "GB")
    ('+447123456789', '+447123456789')
    >>> normalize_phone("0171 1234567", "DE"), normalize_phone("0171 1234567")
    ('+491711234567', '01711234567')
    >>> normalize_phone("12"), normalize_phone("")
    ('', '')
    """
    import phonenumbers

    text = text.strip()
    digits = re.sub(r"\D", "", text)
    if len(digits) < 6:
        return ""
    if not text.startswith("+") and not region:
        return digits
    try:
        parsed = phonenumbers.parse(text, region.upper() or None)
    except phonenumbers.NumberParseException:
        return "" if text.startswith("+") else digits
    if not phonenumbers.is_possible_number(parsed):
        return "" if text.startswith("+") else digits
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def full_name(first: str, last: str) -> str:
    """``first last`` with surrounding spaces removed and each run of spaces inside one
    space (a published export's owner was 'Ana␣␣Maria Ruiz' in every title).

    >>> full_name(" Ana ", "Ruiz "), full_name("Ana  Maria", "Ruiz")
    ('Ana Ruiz', 'Ana Maria Ruiz')
    """
    return " ".join(f"{first} {last}".split())


#: Python's whitespace (``str.isspace``) other than the plain space, in RE2's words; then
#: a name that holds a run of whitespace, one other than a plain space, or any at either end.
_OTHER_SPACE = (r"\t-\r\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
                r"\x{202f}\x{205f}\x{3000}")
_LOOSE_SPACE = (f"^[ {_OTHER_SPACE}]|[ {_OTHER_SPACE}]$|[ {_OTHER_SPACE}]{{2}}"
                f"|[{_OTHER_SPACE}]")


def one_space(names: pd.Series) -> pd.Series:
    """``names`` with one space between words and none around them ('Ana  Maria Ruiz ' is
    shown as 'Ana Maria Ruiz'), as :func:`full_name` makes one name. Only the names that
    need it go through Python's regex: on 30,000 names the whole column's replace cost
    0.022 s, Arrow's test 0.002 s (issue 17).

    >>> import pandas as pd
    >>> one_space(pd.Series(["Ana  Maria\u00a0Ruiz ", "Bo Li", " Cy"], dtype="str")).tolist()
    ['Ana Maria Ruiz', 'Bo Li', 'Cy']
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    loose = pc.match_substring_regex(pa.array(names.array), _LOOSE_SPACE)
    rows = loose.to_numpy(zero_copy_only=False)
    if loose.null_count:
        rows = rows.astype(bool, copy=False) & ~pc.is_null(loose).to_numpy(zero_copy_only=False)
    if not rows.any():
        return names
    names = names.copy()
    names[rows] = names[rows].str.replace(r"\s+", " ", regex=True).str.strip()
    return names


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        #: Roots that :meth:`union` put under another: only their rows' roots changed.
        self.demoted: set[int] = set()

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The lower index wins so that the earliest row names the cluster.
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra
            self.demoted.add(rb)


def resolve(network: Network, *, region: str | None = None,
            decisions: Decisions | None = None, one_owner: bool = True,
            stable: bool = False) -> Network:
    """Merge people rows that are the same person and rewrite all references.

    Across networks (issue 18): rows marked ``is_owner`` (the owner's accounts on each
    network, :func:`mark_owner_accounts`) are one person; a phone number, normalized with
    ``phonenumbers`` (numbers without '+' read in ``region``, default :func:`default_region`),
    links like an e-mail; profile URLs of different networks (a LinkedIn and an X profile) do
    not tell two namesakes apart, two URLs of one network do. A name that joins rows of two
    networks is corroborated by the same company or a shared conversation partner (someone
    besides the owner who talks with both); without either it is joined but marked ``name``
    in ``joined_by`` and listed in ``network.joins`` for ``netaudit people --review``; the
    owner's ``decisions`` confirm such a join or keep it split. ``one_owner=False`` (a
    team's several exports) leaves the owners apart. ``stable=True`` gives the merged people
    their :func:`stable_ids` in the same rewrite of the references (one pass over the
    messages instead of two: 0.13 s at 500,000 messages).

    Rows are linked when they share a normalized profile URL or e-mail. Then rows with the same
    normalized full name (two words or more) are linked when, among them, at most one distinct
    profile URL and at most one distinct e-mail occur, so two different "Ana Ruiz" with two
    profiles stay apart; a row known only by name then joins the one namesake with the same
    company, if exactly one has it, or the one of its network written with the same
    credentials (:func:`_same_credentials`). LinkedIn's internal ids (``/in/ACoA…``) count apart: a
    name joins one internal id to a vanity URL or a nameless row, never two different
    internal ids (two members), and never two rows that take part in one message together
    (two people in one conversation). The merged row keeps, per column, the first non-empty
    value (connection rows first), the earliest ``connected_on``, and any of the flags.
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from netaudit.model import NETWORKS, conform, join_networks

    people = network.people.copy()
    if people.empty:
        return network
    region = default_region() if region is None else region
    decisions = decisions or Decisions()
    if people["phone"].ne("").any():
        people["phone"] = people["phone"].map(lambda p: normalize_phone(p, region) if p else "")
    # Connection rows first so their values win, then file order. The owner's own accounts
    # come first in a fixed order of networks (LinkedIn's profile names the owner best), then
    # by file name: the owner's name and id never depend on the order of the inputs.
    rank = {n: i for i, n in enumerate(NETWORKS)}
    is_owner = people["is_owner"].to_numpy(dtype=bool)
    owner_key = np.full(len(people), "", dtype=object)
    for row in np.flatnonzero(is_owner).tolist():
        nets, source = people["networks"].iat[row], people["source"].iat[row]
        owner_key[row] = f"{rank.get(nets.split('; ')[0], len(rank)):02d}:{source}"
    # The sort on arrays, then one take of the rows when they move (a sort of the frame
    # takes every column at each step).
    order = np.lexsort((np.arange(len(people)), ~people["is_connection"].to_numpy(dtype=bool),
                        pd.factorize(owner_key, sort=True)[0], ~is_owner))
    if (order != np.arange(len(people))).any():
        people = people.take(order)
    people = people.reset_index(drop=True)
    n = len(people)
    # The URLs, e-mails and phone numbers as integer codes, once: the links, what each
    # cluster knows and the kinds of its joins are counted on them (a factorize of the
    # text for each cost 0.03 s at 500,000 messages, issue 17).
    url_codes, url_values = _text_codes(people["profile_url"])
    email_codes, email_values = _text_codes(people["email"])
    phone_codes, _ = _text_codes(people["phone"])
    has_url, has_email = url_codes >= 0, email_codes >= 0
    # Rows sharing a URL or an e-mail, as arrays (a Python union per row took 0.5 s on the
    # 96,000 people rows of a 500,000-message export): each row's root is the lowest row of
    # its cluster, as the union-find below keeps it.
    # Rows of one connection list are distinct connections by definition (issue 10: small
    # firms share 'info@'): an e-mail that two rows of one list share links nobody.
    email_links = email_codes
    listed = people["is_connection"] & ~people["hidden"] & (people["email"] != "")
    if listed.any():
        shared = people[listed].duplicated(["source", "email"], keep=False)
        if shared.any():
            ambiguous = set(people.loc[shared[shared].index, "email"].tolist())
            apart = np.append(email_values.isin(ambiguous), False)
            email_links = np.where(apart[email_codes], -1, email_codes)
    owner_row = people["is_owner"].to_numpy(dtype=bool)
    owner_codes = np.where(owner_row, 0, -1) if one_owner else np.full(n, -1)
    linked = _linked_rows(n, [url_codes, email_links, phone_codes, owner_codes])
    uf = _UnionFind(n)
    uf.parent = linked.tolist()
    # Names and companies are normalized once per distinct value.
    name_codes, distinct_names = pd.factorize(people["name"], use_na_sentinel=False)
    name_keys = [normalize_name(v) for v in distinct_names.tolist()]
    companies = people["company"].tolist()
    # What each URL/e-mail cluster already knows, to tell two namesakes apart: how many
    # distinct URLs and e-mails it holds, and one of each.
    # LinkedIn's internal ids ('/in/ACoAAB…') stand for a member whose vanity URL the same
    # export may give elsewhere (issue 11): they do not tell two namesakes apart.
    # Each distinct URL looked at once: internal id or not, and its host.
    url_texts = pd.Series(url_values, dtype="str")
    opaque_values = np.append(url_texts.str.startswith(_OPAQUE_PREFIX).to_numpy(dtype=bool),
                              False)
    opaque = opaque_values[url_codes]
    # Per network (the URL's host): a LinkedIn and an X profile are one person's two
    # accounts, two LinkedIn profiles two people.
    host_codes, host_values = pd.factorize(_before_slash(url_texts))
    vanity_hosts = np.where(opaque_values[:-1], -1, host_codes)
    row_hosts = np.append(vanity_hosts, -1)[url_codes]
    known = [_distinct_per_cluster(linked, np.where(row_hosts == code, url_codes, -1))
             for code in sorted(set(vanity_hosts.tolist()) - {-1},
                                key=lambda code: host_values[code])
             if host_values[code]]
    known += [_distinct_per_cluster(linked, codes) for codes in (email_codes, phone_codes)]
    # Two different internal ids are two members (issue 11 item 10: one id per member), and
    # a name joins an internal id to another row only when no message holds both.
    opaque_known = _distinct_per_cluster(linked, np.where(opaque, url_codes, -1))
    opaque_rows = opaque.tolist()
    name_of_row, two_words = _name_keys_of_rows(name_codes, name_keys)
    groups = list(_shared_names(name_of_row, two_words, linked))
    messages_of = _messages_of_clusters(
        network, people["person_id"], linked,
        {int(linked[i]) for rows in groups if any(opaque_rows[i] for i in rows) for i in rows}
        if any(opaque_rows) else set())

    # Each row's file as a code (equal files, equal codes).
    source_codes = pd.factorize(people["source"], use_na_sentinel=False)[0]
    sources = source_codes.tolist()
    in_list = people["is_connection"].tolist()
    # One set per distinct value (a handful), not per row (96,000 rows at 500,000 messages).
    network_codes, network_values = pd.factorize(people["networks"], use_na_sentinel=False)
    network_sets = [frozenset(v.split("; ")) - {""} for v in network_values.tolist()]
    row_networks = [network_sets[c] for c in network_codes.tolist()]
    owner_flags = people["is_owner"].tolist()
    partners: dict[int, set[str]] | None = None
    owner_keys: set[str] = set()
    name_kinds: list[tuple[int, str]] = []
    pending_joins: list[tuple[int, Join]] = []
    unjoined = 0
    find = uf.find
    # A row known only by name and company, the rows the company rule below places.
    urls, emails = has_url.tolist(), has_email.tolist()
    placeable_rows = ~has_url & ~has_email & (people["company"] != "").to_numpy(dtype=bool)
    placeable = placeable_rows.tolist()
    # Namesakes of one list with no row the company rule places only count the rows left
    # unjoined: counted for all such groups at once, and skipped in the loop below unless
    # a union in an earlier group moved one of their clusters (a Python pass over the rows
    # of 7,700 such groups cost 0.1 s at 500,000 messages, issue 17).
    # Groups that can only add to the count of unjoined rows (or nothing: two namesakes
    # apart by their URLs, no row placed by company) are skipped, and the others start from
    # what was found for all groups at once, unless a union in an earlier group moved one of
    # their clusters (a Python pass over the rows of the 3,100 groups that did nothing
    # cost 0.02 s at 500,000 messages, issue 17).
    # Namesakes of one list told apart by the credentials they write: a row known only by
    # the name joins the one namesake written with the same credentials ('Ada Obi' beside
    # 'Ada Obi ACIPM'), as LinkedIn writes a member's name the same way in every file.
    by_credentials = _same_credentials(name_of_row, people, has_url, has_email)
    skipped, skipped_unjoined, group_roots, group_namesakes, group_joinable = (
        _settled_namesakes(groups, linked, people["is_connection"].to_numpy(dtype=bool),
                           source_codes, has_url, has_email,
                           placeable_rows | (by_credentials >= 0), known))
    demoted = uf.demoted
    for number, rows in enumerate(groups):
        untouched = demoted.isdisjoint(group_roots[number])
        if untouched and skipped[number]:
            unjoined += skipped_unjoined[number]
            continue
        # Each row's cluster, found once per group (and again only after a union in it).
        here = group_roots[number] if untouched else [find(i) for i in rows]
        clusters = set(here)
        if len(clusters) < 2:
            continue
        if untouched:
            namesakes, joinable = group_namesakes[number], group_joinable[number]
        else:
            # Namesakes of one connection list (two 'Ajit Kumar' at two firms, no URLs):
            # within one list only a URL merges, so the name cannot say which one another
            # file means.
            per_list: dict[int, set[int]] = {}
            for i, root in zip(rows, here, strict=True):
                if in_list[i]:
                    per_list.setdefault(sources[i], set()).add(root)
            namesakes = any(len(r) > 1 for r in per_list.values())
            joinable = not namesakes and all(_at_most_one(clusters, *k) for k in known)
        if joinable and any(opaque_rows[i] for i in rows):
            linked_clusters = {int(linked[i]) for i in rows}
            if (not _at_most_one(clusters, *opaque_known)
                    or _in_one_message(linked_clusters, messages_of)):
                # Namesakes seen through internal ids (or together in one message): two
                # people, or a name that cannot say which; counted as left unjoined.
                joinable = False
                unjoined += len(clusters) - 1
        if joinable:
            kind, join = "name-in-network", None
            by_cluster: dict[int, set[str]] = {}
            for i, root in zip(rows, here, strict=True):
                by_cluster.setdefault(root, set()).update(row_networks[i])
            seen = [nets for nets in by_cluster.values() if nets]
            if any(owner_flags[i] for i in rows):
                # Your own rows under your name (a LinkedIn message you sent, a Messenger
                # thread): joined to you as every name always joined you.
                kind = "owner"
            elif len(seen) > 1 and not set.intersection(*seen):
                # A name across networks: corroborated, or marked for the owner's review.
                if partners is None:
                    row_keys = [f"n:{k}" if " " in k else f"c:{linked[r]}" for r, k in
                                enumerate(name_keys[c] for c in name_codes.tolist())]
                    partners = _partners(network, people["person_id"], linked, row_keys)
                    owner_keys = {row_keys[r] for r, flag in enumerate(owner_flags) if flag}
                    owner_keys |= {f"c:{linked[r]}" for r, flag in enumerate(owner_flags)
                                   if flag}
                kind = _corroboration(rows, uf, companies, partners, owner_keys, linked)
                join = Join(join_id(name_keys[name_codes[rows[0]]], set.union(*seen)),
                            str(people.at[rows[0], "name"]),
                            join_networks(set.union(*seen)), kind,
                            [_side(people, [i for i in rows if uf.find(i) == c])
                             for c in by_cluster])
                if kind == "name" and join.join_id in decisions.split:
                    join.kind = "split"
                    network.joins.append(join)
                    unjoined += len(by_cluster) - 1
                    continue
                if kind == "name" and join.join_id in decisions.confirmed:
                    kind = join.kind = "name+confirmed"
            for i in rows[1:]:
                uf.union(rows[0], i)
            name_kinds.append((rows[0], kind))
            if join is not None:
                pending_joins.append((rows[0], join))
            continue
        # Namesakes: a row known only by name (a recommendation) joins the one namesake who
        # has the same company, if exactly one has; otherwise it stays apart, never guessed.
        united = False
        for i in rows:
            if namesakes and by_credentials[i] >= 0 and find(i) != find(int(by_credentials[i])):
                uf.union(find(int(by_credentials[i])), i)
                name_kinds.append((i, "name-in-network"))
                united = True
                continue
            if not placeable[i]:
                continue
            company = fold(companies[i])
            if not company:
                continue
            # Never another row of its own list: a list names each connection once (two
            # namesakes at one large firm in a published list were merged into one).
            same = {find(j) for j in rows
                    if j != i and fold(companies[j]) == company
                    and (urls[j] or emails[j] or (namesakes and in_list[j]))
                    and not (in_list[i] and in_list[j] and sources[i] == sources[j])}
            if len(same) == 1:
                uf.union(same.pop(), i)
                name_kinds.append((i, "name+company"))
                united = True
        if namesakes:
            # Rows known only by this name, outside the list, that no company placed.
            # Rows of other files that no URL or e-mail placed: known only by the name, or
            # with a URL the list (without URLs: 2018-2023) cannot confirm.
            if united:
                here = [find(i) for i in rows]
            listed_roots = {root for j, root in zip(rows, here, strict=True) if in_list[j]}
            list_has_urls = any(urls[j] for j in rows if in_list[j])
            unjoined += len({root for i, root in zip(rows, here, strict=True) if not in_list[i]
                             and not emails[i] and not (urls[i] and list_has_urls)}
                            - listed_roots)
    roots = _roots(np.asarray(uf.parent))
    people["_root"] = roots
    ids = _large_text(people["person_id"])

    people["joined_by"] = _joined_by(
        [("url", url_codes), ("email", email_codes), ("phone", phone_codes),
         ("owner", np.where(owner_row, 0, -1))], roots, name_kinds)
    out = _merged_rows(people, roots)
    out_index = np.flatnonzero(roots == np.arange(n))
    network.people = conform(out, "people")
    if stable:
        # Every provisional id straight to the stable id of its merged person (the row of
        # ``out`` its root is).
        new_ids = _stable_id_texts(network.people)
        network.people["person_id"] = pd.Series(pd.array(new_ids, dtype="str"),
                                                index=network.people.index)
        moved = np.arange(n)
        targets = new_ids.take(pa.array(np.searchsorted(out_index, roots)))
    else:
        # Only the ids that change: every other id maps to itself.
        moved = np.flatnonzero(roots != np.arange(n))
        targets = ids.take(pa.array(roots[moved]))
    # The mapping as two Arrow arrays, last row first: an id given twice (one input given
    # twice) is renamed as its last row's, as a dict of the pairs renamed it. A dict of the
    # 96,000 ids, and their Python strings, cost 0.015 s at 500,000 messages (issue 17).
    backwards = pa.array(np.arange(len(moved) - 1, -1, -1))
    mapping = (ids.take(pa.array(moved)).take(backwards), targets.take(backwards))
    named = [ids[int(roots[row])].as_py() for row, _ in pending_joins]
    if network.owner is not None:
        named.append(network.owner.person_id)
    renamed = _renamed(named, *mapping)
    for (_, join), pid in zip(pending_joins, renamed, strict=False):
        join.person_id = pid
        network.joins.append(join)
    if len(moved):
        _rewrite_references(network, mapping)
    if network.owner is not None:
        network.owner.person_id = renamed[-1]
    if opaque.any():
        both = people.assign(_opaque=opaque, _vanity=has_url & ~opaque)
        per = both.groupby("_root")[["_opaque", "_vanity"]].any()
        twice = int((per["_opaque"] & per["_vanity"]).sum())
        if twice:
            from netaudit.errors import Problem

            network.problems.append(Problem(
                "input", "joined: one name under two profile URLs, a vanity URL and "
                "LinkedIn's internal /in/ACoA… id, is one person", twice, unit="person"))
    if unjoined:
        network.set_aside["unjoined_names"] = network.set_aside.get("unjoined_names", 0) + unjoined
    return network


def _text_codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Each text's code into the distinct texts (in order of first appearance), -1 for '',
    and those texts.

    >>> import pandas as pd
    >>> codes, texts = _text_codes(pd.Series(["b", "", "a", "b"], dtype="str"))
    >>> codes.tolist(), texts.tolist()
    ([0, -1, 2, 0], ['b', '', 'a'])
    """
    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    empty = np.flatnonzero(np.asarray(distinct == "", dtype=bool))
    if len(empty):
        codes = np.where(codes == empty[0], -1, codes)
    return codes, distinct


def _large_text(values: pd.Series) -> pa.Array:
    """``values`` (text) as one Arrow ``large_string`` array."""
    import pyarrow as pa

    text = pa.array(values, type=pa.large_string())
    return text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text


def _renamed(pids: list[str], keys: pa.Array, values: pa.Array) -> list[str]:
    """Each of ``pids`` as the mapping of ``keys`` to ``values`` renames it (the first of
    equal keys), or as it is.

    >>> import pyarrow as pa
    >>> _renamed(["b", "x", "a"], pa.array(["a", "b", "a"]), pa.array(["A", "B", "C"]))
    ['B', 'x', 'A']
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not pids or not len(keys):
        return list(pids)
    if len(pids) < 8:
        # A scan of the keys per id: no hash table of all of them for the owner alone.
        where = [pc.index(keys, pid).as_py() for pid in pids]
    else:
        where = [-1 if w is None else w for w in
                 pc.index_in(pa.array(pids, type=keys.type), value_set=keys).to_pylist()]
    return [values[w].as_py() if w >= 0 else pid for pid, w in zip(pids, where, strict=True)]


def _merged_rows(people: pd.DataFrame, roots: np.ndarray) -> pd.DataFrame:
    """One row per person, at the place of its first row (``roots``: each row's first row):
    per text column the first non-empty value of its rows (across networks a real name
    before a phone number, a WhatsApp sender the phone did not know, and a LinkedIn profile
    before another network's), any of the flags, the earliest ``connected_on``, the files
    ('; '-joined, each once) and the networks of all its rows.

    Column by column with integer row numbers: a groupby of the 37,000 rows of 18,000
    merged people and a concat with the others cost 0.12 s at 500,000 messages.
    """
    import numpy as np
    import pandas as pd

    n = len(people)
    rows = np.arange(n)
    out_rows = np.flatnonzero(roots == rows)
    several = np.bincount(roots, minlength=n)[roots] > 1

    def first_row(mask: np.ndarray) -> np.ndarray:
        """Per root: its first row where ``mask`` holds, else n."""
        first = np.full(n, n)
        np.minimum.at(first, roots[mask], rows[mask])
        return first

    names = people["name"].fillna("")
    weak = {"name": np.zeros(n, dtype=bool),
            "profile_url": ~people["profile_url"].fillna("").str.startswith(
                "linkedin.com/").to_numpy(dtype=bool)}
    weak["name"][several] = _phone_texts(names[several]).to_numpy(dtype=bool)
    out: dict[str, object] = {"person_id": people["person_id"].array.take(out_rows)}
    for column in ("name", "first_name", "last_name", "credentials", "profile_url", "email",
                   "phone", "company", "position", "location", "joined_by"):
        values = people[column].fillna("")
        filled = (values != "").to_numpy(dtype=bool) & several
        chosen = first_row(filled)
        if column in weak and (weak[column] & filled).any():
            fallback = chosen
            chosen = first_row(filled & ~weak[column])
            chosen = np.where(chosen < n, chosen, fallback)
        pick = chosen[out_rows]
        # A person of one row, or without a value in any row: the first row's own.
        pick = np.where(pick < n, pick, out_rows)
        out[column] = values.array.take(pick)
    for column in ("is_connection", "is_contact", "hidden", "is_owner"):
        found = np.zeros(n, dtype=bool)
        found[roots[people[column].to_numpy(dtype=bool)]] = True
        out[column] = found[out_rows]
    out["connected_on"] = people["connected_on"].groupby(roots).min().array
    # The files and networks of a merged person, column-wise: a Python loop over the 37,000
    # rows of merged people cost 0.05 s at 500,000 messages (a groupby.agg with a Python
    # function, a pandas call per group, 1 s).
    merged = np.flatnonzero(several & (roots == rows))
    at = np.searchsorted(out_rows, merged)
    members = np.flatnonzero(several)
    out["source"] = _files_of(people["source"].fillna(""), roots, members, merged, out_rows, at)
    out["networks"] = _networks_of(people["networks"].fillna(""), roots, members, merged,
                                   out_rows, at)
    return pd.DataFrame(out)


def _files_of(source: pd.Series, roots: np.ndarray, members: np.ndarray, merged: np.ndarray,
              out_rows: np.ndarray, at: np.ndarray) -> ExtensionArray:
    """``source`` of the rows ``out_rows``, where those at ``at`` (the ``merged`` roots)
    get the distinct non-empty files of their ``members`` rows, in row order, '; '-joined.

    >>> import numpy as np, pandas as pd
    >>> source = pd.Series(["a.csv", "b.csv", "a.csv", "", "c.csv"], dtype="str")
    >>> roots = np.array([0, 0, 0, 3, 3])
    >>> _files_of(source, roots, np.arange(5), np.array([0, 3]), np.array([0, 3]),
    ...           np.array([0, 1])).tolist()
    ['a.csv; b.csv', 'c.csv']
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.array(source)
    chosen = text.take(pa.array(out_rows))
    if not len(merged):
        return pd.array(chosen, dtype=source.dtype)
    codes, distinct = pd.factorize(source)
    width = len(distinct) + 1
    # Each (person, file) once, in order of first appearance (rows ascend), then grouped by
    # person in that order.
    pairs = pd.unique(roots[members].astype(np.int64) * width + codes[members])
    pair_roots, pair_codes = pairs // width, pairs % width
    filled = np.flatnonzero(np.asarray(distinct, dtype=object) != "")
    kept = np.isin(pair_codes, filled)
    pair_roots, pair_codes = pair_roots[kept], pair_codes[kept]
    order = np.argsort(pair_roots, kind="stable")
    counts = np.bincount(pair_roots, minlength=len(roots))[merged]
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    files = pa.array(np.asarray(distinct, dtype=object), type=text.type).take(
        pa.array(pair_codes[order]))
    joined = pc.binary_join(pa.ListArray.from_arrays(pa.array(offsets), files),
                            pa.scalar("; ", type=text.type))
    return _replaced_at(chosen, at, joined, source.dtype)


def _networks_of(networks: pd.Series, roots: np.ndarray, members: np.ndarray,
                 merged: np.ndarray, out_rows: np.ndarray, at: np.ndarray) -> ExtensionArray:
    """``networks`` of the rows ``out_rows``, where those at ``at`` (the ``merged`` roots)
    get the networks of all their ``members`` rows (:func:`join_networks`), computed once
    per distinct combination.

    >>> import numpy as np, pandas as pd
    >>> nets = pd.Series(["whatsapp", "linkedin", "", "linkedin"], dtype="str")
    >>> _networks_of(nets, np.array([0, 0, 2, 3]), np.arange(2), np.array([0]),
    ...              np.array([0, 2, 3]), np.array([0])).tolist()
    ['linkedin; whatsapp', '', 'linkedin']
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from netaudit.model import join_networks

    text = pa.array(networks)
    chosen = text.take(pa.array(out_rows))
    if not len(merged):
        return pd.array(chosen, dtype=networks.dtype)
    codes, distinct = pd.factorize(networks)
    values = distinct.tolist()
    member_roots, member_codes = roots[members], codes[members]
    if len(values) <= 62:
        # The set of values a person's rows hold, as a bit mask.
        bits = np.zeros(len(roots), dtype=np.int64)
        np.bitwise_or.at(bits, member_roots, np.left_shift(1, member_codes.astype(np.int64)))
        combos, which = np.unique(bits[merged], return_inverse=True)
        texts = [join_networks(v for k, v in enumerate(values) if combo >> k & 1)
                 for combo in combos.tolist()]
    else:
        seen: dict[int, set[str]] = {}
        for root, code in zip(member_roots.tolist(), member_codes.tolist(), strict=True):
            seen.setdefault(root, set()).add(values[code])
        keys = [frozenset(seen[root]) for root in merged.tolist()]
        distinct_keys = list(dict.fromkeys(keys))
        texts = [join_networks(k) for k in distinct_keys]
        number = {k: i for i, k in enumerate(distinct_keys)}
        which = np.array([number[k] for k in keys], dtype=np.int64)
    joined = pa.array(texts, type=text.type).take(pa.array(which))
    return _replaced_at(chosen, at, joined, networks.dtype)


def _replaced_at(chosen: pa.Array, at: np.ndarray, joined: pa.Array, dtype: object
                 ) -> ExtensionArray:
    """``chosen`` with its rows ``at`` (ascending) replaced by ``joined``, in order, as a
    pandas array of ``dtype`` (the merged people's files and networks)."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    mask = np.zeros(len(chosen), dtype=bool)
    mask[at] = True
    return pd.array(pc.replace_with_mask(chosen, pa.array(mask), joined), dtype=dtype)


#: ``people.joined_by`` values, strongest first (README "Who is a person").
JOIN_KINDS = ("owner", "url", "email", "phone", "name+company", "name+partner",
              "name+confirmed", "name-in-network", "name")


@dataclass
class Join:
    """One name joining rows of several networks into one person."""

    join_id: str
    """Stable across runs: the normalized name and the networks ('ana-ruiz@linkedin+whatsapp')."""
    name: str
    networks: str
    kind: str
    """'name+company', 'name+partner', 'name+confirmed', 'name' (uncertain), or 'split' (the
    owner's decision kept the rows apart)."""
    sides: list[str]
    person_id: str = ""

    @property
    def uncertain(self) -> bool:
        return self.kind == "name"


def join_id(name_key: str, networks: set[str] | str) -> str:
    """The id of a join of the normalized name ``name_key`` across ``networks``.

    >>> join_id("ana ruiz", {"whatsapp", "linkedin"})
    'ana-ruiz@linkedin+whatsapp'
    """
    from netaudit.model import join_networks

    nets = join_networks([networks] if isinstance(networks, str) else networks)
    return name_key.replace(" ", "-") + "@" + nets.replace("; ", "+")


@dataclass
class Decisions:
    """The owner's decisions on uncertain joins (``netaudit people --review``)."""

    confirmed: set[str] = field(default_factory=set)
    split: set[str] = field(default_factory=set)


def read_decisions(path: str | Path) -> Decisions:
    """The decisions kept in ``path`` (JSON ``{"confirmed": [...], "split": [...]}``); none
    when the file does not exist. A broken file is an InputError naming it."""
    import json

    from netaudit.errors import InputError

    file = Path(path)
    if not file.exists():
        return Decisions()
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        confirmed, split = data.get("confirmed", []), data.get("split", [])
        if not all(isinstance(v, str) for v in [*confirmed, *split]):
            raise TypeError
    except (ValueError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise InputError("is not a decisions file netaudit wrote",
                         hint='expected {"confirmed": [ID, ...], "split": [ID, ...]}; '
                         "delete it to decide again", path=str(file)) from exc
    return Decisions(set(confirmed), set(split))


def write_decisions(path: str | Path, decisions: Decisions) -> None:
    """Keep ``decisions`` in ``path`` (written whole, then renamed into place)."""
    import json
    import os

    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_name(file.name + ".tmp")
    temporary.write_text(json.dumps({"confirmed": sorted(decisions.confirmed),
                                     "split": sorted(decisions.split)}, indent=2) + "\n",
                         encoding="utf-8")
    os.replace(temporary, file)


def decide(path: str | Path, joins: list[Join], *, confirm: Sequence[str] = (),
           split: Sequence[str] = ()) -> Decisions:
    """Record the owner's decisions on ``joins`` (by id) in ``path`` and return them all; a
    later decision on the same id replaces the earlier one. An id no join has is a
    UsageError listing the ids there are."""
    from netaudit.errors import UsageError

    known = {j.join_id for j in joins}
    unknown = [i for i in [*confirm, *split] if i not in known]
    if unknown:
        listed = ", ".join(sorted(known)[:5]) or "none: no name joins two networks here"
        raise UsageError(f"no join {unknown[0]!r} in these inputs",
                         hint=f"ids of the joins here: {listed}")
    decisions = read_decisions(path)
    for join_id in confirm:
        decisions.split.discard(join_id)
        decisions.confirmed.add(join_id)
    for join_id in split:
        decisions.confirmed.discard(join_id)
        decisions.split.add(join_id)
    write_decisions(path, decisions)
    return decisions


def _partners(network: Network, ids: pd.Series, linked: np.ndarray,
              row_keys: list[str]) -> dict[int, set[str]]:
    """For each URL/e-mail/phone cluster (its root row), who it shares a conversation with,
    as keys: a full name reduced for comparison ('n:bo chen'), else the other cluster
    ('c:12'). By name, so that a partner seen on two networks is one partner before the
    partner's own rows are joined."""
    row_of = {pid: i for i, pid in enumerate(ids.tolist())}
    members: dict[str, set[int]] = {}
    messages = network.messages
    for conversation, sender, recipients in zip(
            messages["conversation_id"].tolist(), messages["sender_id"].tolist(),
            messages["recipient_ids"].tolist(), strict=True):
        found = members.setdefault(conversation, set())
        for pid in (sender, *recipients):
            row = row_of.get(pid)
            if row is not None:
                found.add(row)
    partners: dict[int, set[str]] = {}
    for rows in members.values():
        keys = {row_keys[r] for r in rows}
        for r in rows:
            partners.setdefault(int(linked[r]), set()).update(keys - {row_keys[r]})
    return partners


def _corroboration(rows: list[int], uf: _UnionFind, companies: list[str],
                   partners: dict[int, set[str]], owner_keys: set[str],
                   linked: np.ndarray) -> str:
    """How a name joining ``rows`` across networks is corroborated: 'name+company' (two
    sides name one company), 'name+partner' (two sides talk with one person besides the
    owner), else 'name'."""
    clusters: dict[int, list[int]] = {}
    for i in rows:
        clusters.setdefault(uf.find(i), []).append(i)
    companies_of = [{fold(companies[i]) for i in members if companies[i].strip()}
                    for members in clusters.values()]
    known = [c for c in companies_of if c]
    if len(known) > 1 and any(a & b for k, a in enumerate(known) for b in known[k + 1:]):
        return "name+company"
    talked = [{p for i in members for p in partners.get(int(linked[i]), ())} - owner_keys
              for members in clusters.values()]
    if any(a & b for k, a in enumerate(talked) for b in talked[k + 1:]):
        return "name+partner"
    return "name"


def _side(people: pd.DataFrame, rows: list[int]) -> str:
    """One side of a join as the review shows it: networks, company, files."""
    from netaudit.model import join_networks

    nets = join_networks(people.loc[rows, "networks"].tolist()) or "address book"
    company = next((c for c in people.loc[rows, "company"].tolist() if c), "")
    phone = next((c for c in people.loc[rows, "phone"].tolist() if c), "")
    files = ", ".join(dict.fromkeys(Path(f.split(".zip:")[-1]).name
                                    for v in people.loc[rows, "source"].tolist()
                                    for f in v.split("; ")))
    extra = "".join(f", {v}" for v in (company, phone) if v)
    return f"{nets}{extra} ({files})"


def _joined_by(shared: list[tuple[str, np.ndarray]], roots: np.ndarray,
               name_kinds: list[tuple[int, str]]) -> ExtensionArray:
    """Each row's ``joined_by``: the kinds of link that made its cluster, strongest first;
    ``shared`` gives, per kind, each row's value as a code (-1: none): two rows of a cluster
    with one value made it of that kind.

    Each cluster's kinds as bits (bit k: ``JOIN_KINDS[k]``), its text made once per
    distinct combination: a Python set per cluster and a join per cluster cost 0.03 s on
    the 35,000 clusters of a 500,000-message export (issue 17).

    >>> import numpy as np
    >>> _joined_by([("url", np.array([7, 7, -1, -1])), ("email", np.array([-1, 1, 2, 3]))],
    ...            np.array([0, 0, 2, 2]), [(2, "name"), (0, "name+company")]).tolist()
    ['url, name+company', 'url, name+company', 'name', 'name']
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    n = len(roots)
    bit = {kind: 1 << k for k, kind in enumerate(JOIN_KINDS)}
    bits = np.zeros(n, dtype=np.int64)
    several = np.bincount(roots, minlength=n)[roots] > 1
    if several.any():
        rows = np.flatnonzero(several)
        for label, codes in shared:
            # A value two rows of one cluster share.
            filled = rows[codes[rows] >= 0]
            values = codes[filled].astype(np.int64)
            pairs = pd.Series(roots[filled].astype(np.int64) * (int(values.max(initial=0)) + 1)
                              + values)
            repeated = pairs.duplicated(keep=False).to_numpy(dtype=bool)
            bits[roots[filled][repeated]] |= bit[label]
    if name_kinds:
        at, kinds = zip(*name_kinds, strict=True)
        np.bitwise_or.at(bits, roots[np.asarray(at, dtype=np.int64)],
                         np.asarray([bit.get(k, 0) for k in kinds], dtype=np.int64))
    # Each cluster's text as a code into its few distinct texts, laid out in Arrow: a list
    # of 96,000 Python strings made into a text column cost 0.01 s (issue 17).
    combos, which = np.unique(bits[roots], return_inverse=True)
    texts = [", ".join(k for k in JOIN_KINDS if combo & bit[k]) for combo in combos.tolist()]
    return pd.array(pa.array(texts, type=pa.large_string()).take(pa.array(which.ravel())),
                    dtype="str")


def _linked_rows(n: int, columns: list[np.ndarray]) -> np.ndarray:
    """For each row, the lowest row it is linked to through equal codes (-1: none) of any
    of ``columns`` (directly or in a chain): min-label propagation over each column's
    groups.

    >>> import numpy as np
    >>> _linked_rows(5, [np.array([-1, 0, 1, 0, -1]), np.array([5, -1, 5, -1, -1])]).tolist()
    [0, 1, 0, 1, 4]
    """
    import numpy as np

    groups = []
    for codes in columns:
        has = codes >= 0
        if has.any():
            groups.append((np.flatnonzero(has), codes[has], int(codes[has].max()) + 1))
    label = np.arange(n)
    while True:
        before = label.copy()
        for rows, codes, count in groups:
            lowest = np.full(count, n)
            np.minimum.at(lowest, codes, label[rows])
            label[rows] = np.minimum(label[rows], lowest[codes])
        label = _roots(label)
        if np.array_equal(label, before):
            return label


def _messages_of_clusters(network: Network, ids: pd.Series, linked: np.ndarray,
                          clusters: set[int]) -> dict[int, set[int]]:
    """For each of ``clusters`` (URL/e-mail clusters, by root row), the messages (row
    numbers) any of its rows sent or received; one pass over the messages, only when an
    internal-id row shares a name with another cluster."""
    if not clusters or network.messages.empty:
        return {}
    cluster_of = {pid: int(root) for pid, root in zip(ids.tolist(), linked.tolist(),
                                                       strict=True) if int(root) in clusters}
    found: dict[int, set[int]] = {}
    messages = network.messages
    for row, (sender, recipients) in enumerate(zip(
            messages["sender_id"].tolist(), messages["recipient_ids"].tolist(), strict=True)):
        for pid in (sender, *recipients):
            cluster = cluster_of.get(pid)
            if cluster is not None:
                found.setdefault(cluster, set()).add(row)
    return found


def _in_one_message(clusters: set[int], messages_of: dict[int, set[int]]) -> bool:
    """True when two of ``clusters`` take part in one message (as sender and recipient, or
    two recipients): two people, whatever their names."""
    seen: set[int] = set()
    for cluster in clusters:
        mine = messages_of.get(cluster, set())
        if mine & seen:
            return True
        seen |= mine
    return False


def _distinct_per_cluster(linked: np.ndarray, codes: np.ndarray
                          ) -> tuple[np.ndarray, np.ndarray]:
    """Per cluster (its root row): how many distinct values it holds (``codes`` of its
    rows, -1: none), and the code of one of them (:func:`_at_most_one` compares it only
    where there is one).

    >>> import numpy as np
    >>> count, one = _distinct_per_cluster(np.array([0, 0, 0, 3]), np.array([4, 2, 4, -1]))
    >>> count.tolist(), one[3].tolist()
    ([2, 0, 0, 0], -1)
    """
    import numpy as np
    import pandas as pd

    has = codes >= 0
    # Distinct (root, value) pairs as integers (a DataFrame of text took 0.05 s per column
    # on 96,000 rows); hashed, not sorted.
    value_codes = codes[has].astype(np.int64)
    width = int(value_codes.max()) + 1 if len(value_codes) else 1
    pairs = pd.unique(linked[has].astype(np.int64) * width + value_codes)
    roots = pairs // width
    one = np.full(len(linked), -1, dtype=np.int64)
    one[roots] = pairs % width
    return np.bincount(roots, minlength=len(linked)), one


def _at_most_one(roots: set[int], count: np.ndarray, one: np.ndarray) -> bool:
    """True when the clusters ``roots`` hold at most one distinct value between them."""
    seen = None
    for root in roots:
        if count[root] > 1:
            return False
        if count[root]:
            if seen is None:
                seen = one[root]
            elif one[root] != seen:
                return False
    return True


def _roots(parent: np.ndarray) -> np.ndarray:
    """Follow parent pointers (each at or below its row) to the top, for every row at once."""
    import numpy as np

    while True:
        up = parent[parent]
        if np.array_equal(up, parent):
            return parent
        parent = up


def _name_keys_of_rows(codes: np.ndarray, keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each row's normalized name as a code, and whether it has two words or more, from the
    rows' codes of their distinct names (``codes``) and those names' keys (``keys``).
    Normalized names can coincide for different spellings: the code is the key's own.

    >>> import numpy as np
    >>> [a.tolist() for a in _name_keys_of_rows(np.array([0, 1, 2, 0]), ["ana ruiz", "bo",
    ...                                                                  "ana ruiz"])]
    [[0, 1, 0, 0], [True, False, True, True]]
    """
    import numpy as np
    import pandas as pd

    key_codes = pd.factorize(np.array(keys, dtype=object))[0] if len(keys) else codes
    wanted = np.array([" " in k for k in keys], dtype=bool)
    return np.asarray(key_codes, dtype=np.int64)[codes], wanted[codes]


def _shared_names(row_keys: np.ndarray, two_words: np.ndarray, linked: np.ndarray
                  ) -> Iterator[list[int]]:
    """Rows (ascending) of each normalized full name (two words or more) held by rows of at
    least two URL/e-mail clusters, names in order of first appearance; ``row_keys`` and
    ``two_words`` as :func:`_name_keys_of_rows` gives them."""
    import numpy as np

    candidates = np.flatnonzero(two_words)
    if not len(candidates):
        return
    order = candidates[np.argsort(row_keys[candidates], kind="stable")]
    sorted_keys = row_keys[order]
    starts = np.concatenate([[0], np.flatnonzero(np.diff(sorted_keys)) + 1])
    ends = np.append(starts[1:], len(order))
    # Groups of two rows or more that span two clusters or more, decided for all groups at
    # once (a numpy call per distinct name took 0.05 s on 96,000 people rows).
    clusters = linked[order]
    spans = np.minimum.reduceat(clusters, starts) != np.maximum.reduceat(clusters, starts)
    chosen = np.flatnonzero((ends - starts > 1) & spans)
    # Rows ascend inside a group (stable sort of ascending rows): its first row is its lowest.
    chosen = chosen[np.argsort(order[starts[chosen]], kind="stable")]
    rows = order.tolist()
    for start, end in zip(starts[chosen].tolist(), ends[chosen].tolist(), strict=True):
        yield rows[start:end]


def _same_credentials(keys: np.ndarray, people: pd.DataFrame, has_url: np.ndarray,
                      has_email: np.ndarray) -> np.ndarray:
    """For each row outside the connection lists with no e-mail, whose name (``keys``: each
    row's normalized name as a code, :func:`_name_keys_of_rows`) two rows of one list share:
    the one row of that list written with the same credentials (its ``credentials`` column,
    '' for none) on the same network (a name across networks needs corroboration, see
    :func:`resolve`), or -1; -1 for every other row. A row with a URL never gets a listed
    row with a URL (the URLs decide).

    >>> import numpy as np, pandas as pd
    >>> people = pd.DataFrame({"is_connection": [True, True, False, False, False],
    ...                        "source": ["c", "c", "m", "m", "f"],
    ...                        "credentials": ["", "ACIPM", "", "MBA", ""],
    ...                        "networks": ["linkedin"] * 4 + ["facebook"]})
    >>> _same_credentials(np.zeros(5, int), people, np.zeros(5, bool),
    ...                   np.zeros(5, bool)).tolist()
    [-1, -1, 0, -1, -1]
    """
    import numpy as np
    import pandas as pd

    found = np.full(len(people), -1, dtype=np.int64)
    # On arrays throughout: the benchmark export has 28,000 listed rows with a shared name
    # and 54,000 rows outside the list under those names (a Python step per row: 0.03 s);
    # texts are coded only for the rows each step needs.
    listed = people["is_connection"].to_numpy(dtype=bool)
    at = np.flatnonzero(listed)
    pairs = pd.DataFrame({"source": pd.factorize(people["source"].take(at))[0],
                          "key": keys[at]})
    shared = pd.unique(pairs.loc[pairs.duplicated(keep="first"), "key"].to_numpy())
    if not len(shared):
        return found
    # Only names whose listed rows are written in two ways or more can be told apart.
    at = at[np.isin(keys[at], shared)]
    codes = pd.factorize(people["credentials"].take(at).fillna(""))[0].astype(np.int64)
    width = int(codes.max()) + 1
    told, ways = np.unique(pd.unique(keys[at] * width + codes) // width, return_counts=True)
    told = told[ways > 1]
    if not len(told):
        return found
    rows = np.flatnonzero(np.isin(keys, told) & (listed | ~has_email))
    table = pd.DataFrame({"key": keys[rows], "listed": listed[rows], "row": rows,
                          "credentials": people["credentials"].take(rows).fillna("").to_numpy(),
                          "network": people["networks"].take(rows).fillna("").to_numpy()})
    on = ["key", "credentials", "network"]
    written = table[table["listed"]].drop_duplicates(on, keep=False)
    matched = table[~table["listed"]].merge(written, on=on, suffixes=("", "_listed"))
    rows, targets = matched["row"].to_numpy(), matched["row_listed"].to_numpy()
    keep = ~(has_url[rows] & has_url[targets])
    found[rows[keep]] = targets[keep]
    return found


def _settled_namesakes(groups: list[list[int]], linked: np.ndarray, in_list: np.ndarray,
                       sources: np.ndarray, has_url: np.ndarray, has_email: np.ndarray,
                       placeable: np.ndarray,
                       known: Sequence[tuple[np.ndarray, np.ndarray]] = ()
                       ) -> tuple[list[bool], list[int], list[list[int]], list[bool],
                                  list[bool]]:
    """For each name group (:func:`_shared_names`), with its rows' clusters as ``linked``
    gives them, what :func:`resolve` finds for it while no union has moved one of those
    clusters: whether it skips the group, and how many clusters of rows outside the list
    it then counts as unjoined; the group's clusters; whether one connection list holds
    two of its clusters (namesakes); and whether the name joins them (no namesakes, and
    each of ``known``, :func:`_distinct_per_cluster` of a column, finds at most one value
    among its clusters, :func:`_at_most_one`).

    A group is skipped when only counting is left: namesakes with no row known by name
    and company alone (the rows outside the list that no URL or e-mail placed are counted
    as unjoined), or no namesakes, two values of one column and no such row (nothing
    joins, nothing is counted).

    >>> import numpy as np
    >>> _settled_namesakes([[0, 1, 2], [3, 4]], np.array([0, 1, 2, 3, 4]),
    ...                    np.array([True, True, False, True, False]), np.zeros(5, int),
    ...                    np.zeros(5, bool), np.zeros(5, bool), np.zeros(5, bool))
    ([True, False], [1, 0], [[0, 1, 2], [3, 4]], [True, False], [False, True])

    Rows 0 and 1 hold one URL each, two URLs (codes 7 and 8); rows 2 and 3 the same one
    (code 7), row 4 none; row 5 is known by name and company:

    >>> urls = (np.array([1, 1, 1, 1, 0, 0]), np.array([7, 8, 7, 7, -1, -1]))
    >>> _settled_namesakes([[0, 1], [2, 3, 4], [1, 5]], np.arange(6), np.zeros(6, bool),
    ...                    np.zeros(6, int), np.zeros(6, bool), np.zeros(6, bool),
    ...                    np.array([False] * 5 + [True]), [urls])
    ([True, False, False], [0, 0, 0], [[0, 1], [2, 3, 4], [1, 5]], [False, False, False], [False, True, True])
    """
    import numpy as np
    import pandas as pd

    count = len(groups)
    sizes = np.fromiter(map(len, groups), dtype=np.int64, count=count)
    rows = np.fromiter(chain.from_iterable(groups), dtype=np.int64, count=int(sizes.sum()))
    if not count:
        return [], [], [], [], []
    starts = np.cumsum(sizes) - sizes
    group = np.repeat(np.arange(count), sizes)
    roots = linked[rows].astype(np.int64)
    n = len(linked) + 1
    listed = in_list[rows]
    # Namesakes: one list (file) holds rows of two clusters or more of the group.
    lists = pd.factorize(group[listed] * (int(sources.max()) + 1 if len(sources) else 1)
                         + sources[rows][listed])[0].astype(np.int64)
    pairs = pd.unique(lists * n + roots[listed])
    several = np.bincount(pairs // n, minlength=int(lists.max()) + 1 if len(lists) else 0) > 1
    namesakes = np.zeros(count, dtype=bool)
    if len(lists):
        first = np.full(len(several), count)
        np.minimum.at(first, lists, group[listed])
        namesakes[first[several]] = True
    unplaced = np.add.reduceat(placeable[rows].astype(np.int64), starts) == 0
    settled = namesakes & unplaced
    # Two values of one column among the group's clusters: a cluster with two, or two
    # clusters with one each that differ.
    keys = group * n + roots
    clusters = pd.unique(keys)
    cluster_groups, cluster_roots = clusters // n, clusters % n
    apart = np.zeros(count, dtype=bool)
    for held, one in known:
        values = held[cluster_roots]
        apart[cluster_groups[values > 1]] = True
        single = values == 1
        width = int(one.max()) + 1 if len(one) else 1
        distinct = pd.unique(cluster_groups[single] * width + one[cluster_roots[single]])
        apart |= np.bincount(distinct // width, minlength=count) > 1
    joinable = ~namesakes & ~apart
    skipped = settled | (~namesakes & apart & unplaced)
    # Rows outside the list that no URL or e-mail placed: known only by the name, or with a
    # URL a list without URLs cannot confirm; their clusters, less the list's.
    list_has_urls = np.add.reduceat((listed & has_url[rows]).astype(np.int64), starts) > 0
    loose = ~listed & ~has_email[rows] & ~(has_url[rows] & list_has_urls[group])
    left = pd.unique(keys[loose])
    left = left[~np.isin(left, pd.unique(keys[listed]))]
    unjoined = np.where(settled, np.bincount(left // n, minlength=count), 0)
    root_list = roots.tolist()
    return (skipped.tolist(), unjoined.tolist(),
            [root_list[a:b] for a, b in zip(starts.tolist(), (starts + sizes).tolist(),
                                            strict=True)],
            namesakes.tolist(), joinable.tolist())


def _rewrite_references(network: Network,
                        mapping: dict[str, str] | tuple[pa.Array, pa.Array]) -> None:
    """Every reference (the person ids of the invitations, interactions and messages) renamed
    by ``mapping``: a dict, or its keys and values as two Arrow text arrays (keys distinct).
    An id it does not name is kept."""
    # Text columns renamed in Arrow (``index_in`` against the mapping's keys, then a take of
    # its values: no Python string per row): the senders, the person ids and the ids of the
    # distinct recipient tuples in one ``index_in`` (each call hashed the 96,000 keys of the
    # stable ids' rewrite again, 0.004 s, issue 17). Recipient tuples once per distinct
    # tuple, the tuples of one id (nearly all) built by ``zip``. A Python call per message
    # took 2 s on 500,000 messages, Series.map on Arrow text 0.5 s, and a list comprehension
    # over the 35,000 distinct tuples 0.09 s (issue 17).
    from itertools import chain

    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from netaudit.model import factorize_tuples, remember_tuples

    text_type = pa.large_string()
    if isinstance(mapping, dict):
        keys = pa.array(list(mapping), type=text_type)
        values = pa.array(list(mapping.values()), type=text_type)
        lookup: dict[str, str] | None = mapping
    else:
        keys, values = (a if a.type == text_type else a.cast(text_type) for a in mapping)
        lookup = None

    def get(pid: str, default: str) -> str:
        nonlocal lookup
        if lookup is None:
            lookup = dict(zip(keys.to_pylist(), values.to_pylist(), strict=True))
        return lookup.get(pid, default)

    # The Arrow text columns to rename together; any other renamed by the mapping as a dict.
    texts: list[tuple[pd.DataFrame, str, pa.Array]] = []
    messages = network.messages
    for table, name in ((network.invitations, "person_id"),
                        (network.interactions, "person_id"), (messages, "sender_id")):
        if not len(table):
            continue
        column = table[name]
        if str(column.dtype) == "str":
            texts.append((table, name, pa.array(column)))
            continue
        codes, distinct = pd.factorize(column, use_na_sentinel=False)
        renamed = pd.Series(list(map(get, distinct.tolist(), distinct.tolist())),
                            dtype=column.dtype)
        table[name] = renamed.take(codes).set_axis(column.index)
    flat: list[str] = []
    if len(messages):
        codes, distinct = factorize_tuples(messages["recipient_ids"])
        flat = list(chain.from_iterable(distinct))
    flat_text = None
    if flat:
        try:
            flat_text = pa.array(flat, type=text_type)
        except (pa.ArrowException, UnicodeError):
            pass  # an id that is no text (or no UTF-8): the tuples' ids by the dict
    pieces = [text for _, _, text in texts] + ([flat_text] if flat_text is not None else [])
    renamed_flat = None
    if pieces:
        together = pa.chunked_array(
            [p if p.type == text_type else p.cast(text_type) for p in pieces], type=text_type)
        where = pc.index_in(together, value_set=keys)
        # Every id renamed (the stable ids' rewrite): no second pass over the text.
        renamed_all = (values.take(where) if not where.null_count
                       else pc.if_else(pc.is_null(where), together, values.take(where)))
        start = 0
        for table, name, text in texts:
            part = renamed_all.slice(start, len(text))
            start += len(text)
            table[name] = pd.Series(pd.array(part if text.type == text_type
                                             else part.cast(text.type),
                                             dtype=table[name].dtype), index=table.index)
        if flat_text is not None:
            renamed_flat = renamed_all.slice(start).to_pylist()
    if not len(messages) or not len(distinct):
        return
    sizes = np.fromiter(map(len, distinct), dtype=np.int64, count=len(distinct))
    starts = np.cumsum(sizes) - sizes
    if renamed_flat is None:
        renamed_flat = list(map(get, flat, flat))
    # Every id of the distinct tuples renamed (one extra slot: an empty tuple's start may be
    # past the last id).
    renamed = np.array([*renamed_flat, None], dtype=object)
    # A tuple of one (nearly all) needs no de-duplication: 1-tuples of every tuple's first
    # id, then the others rebuilt.
    tuples = list(zip(renamed[starts].tolist()))
    for row in np.flatnonzero(sizes != 1).tolist():
        start = int(starts[row])
        tuples[row] = tuple(dict.fromkeys(renamed[start:start + sizes[row]].tolist()))
    rewritten = np.fromiter(tuples, dtype=object, count=len(tuples))
    messages["recipient_ids"] = rewritten[codes]
    # The next rewrite (stable ids) and derive_message_fields group by these codes.
    remember_tuples(messages["recipient_ids"], codes, rewritten)


_PATH_PARTS = re.compile(r"[/:\\]")


def stable_ids(network: Network) -> None:
    """Give every person an id that names nothing of this machine, in place (issue 15).

    An importer's id is the file and row a person was first read from
    (``/home/ana/Downloads/export.zip:Connections.csv:12``), so ``--json``'s ``person_id``
    and the node ids of ``graph -o`` carried the local path, and the same person had another
    id when the export was unzipped or moved. The id is now ``p`` and 16 hex digits of the
    SHA-256 of what identifies the person: the normalized profile URL, else the e-mail,
    else the phone, else the normalized name with the networks it was seen on, else (a
    hidden profile: no name) the file name and row inside the export, without its folder.
    The same data gives the same ids from a ZIP or its folder, in any directory. Two people
    with one key (two hidden rows are not: their rows differ) get ``-2``, ``-3`` in the
    order read. Every reference (messages, invitations, interactions, the owner, the joins)
    is rewritten.

    >>> import hashlib, pandas as pd
    >>> from netaudit.model import Network, Owner, conform
    >>> def read_from(where):
    ...     people = conform(pd.DataFrame({
    ...         "person_id": [f"{where}:Connections.csv:0", f"{where}:Connections.csv:1"],
    ...         "name": ["Ana Ruiz", ""], "profile_url": ["linkedin.com/in/ana", ""]}), "people")
    ...     net = Network(people=people, owner=Owner(f"{where}:Connections.csv:1"))
    ...     stable_ids(net)
    ...     return net.people["person_id"].tolist(), net.owner.person_id
    >>> read_from("/tmp/a/export.zip") == read_from("/home/ana/export")
    True
    >>> read_from("/tmp/a/export.zip")[0][0] == (
    ...     "p" + hashlib.sha256(b"url linkedin.com/in/ana").hexdigest()[:16])
    True
    """
    people = network.people
    if not len(people):
        return
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    old = _large_text(people["person_id"].astype(str))
    new = _stable_id_texts(people)
    # Only the ids that change: after resolve(stable=True) none does, unless a row was added
    # (the owner's, by find_owner) or one of two people with one key was merged away.
    # Compared in Arrow (Python strings of the 76,000 ids and a comparison per row cost
    # 0.02 s at 500,000 messages, issue 17).
    changed = pa.array(pc.not_equal(old, new).to_numpy(zero_copy_only=False))
    if not pc.any(changed).as_py():
        return
    mapping = dict(zip(old.filter(changed).to_pylist(), new.filter(changed).to_pylist(),
                       strict=True))
    people["person_id"] = pd.Series(pd.array(new, dtype="str"), index=people.index)
    _rename_references(network, mapping)


def _rename_references(network: Network, mapping: dict[str, str]) -> None:
    """``mapping`` applied to every reference: the messages, invitations and interactions
    (:func:`_rewrite_references`), the owner and the joins."""
    _rewrite_references(network, mapping)
    if network.owner is not None:
        network.owner.person_id = mapping.get(network.owner.person_id, network.owner.person_id)
    for join in network.joins:
        if getattr(join, "person_id", ""):
            join.person_id = mapping.get(join.person_id, join.person_id)


#: A stable id (:func:`stable_ids`): 'p', 16 hex digits, '-2', '-3'… for a second person
#: with the same key.
_STABLE_ID = r"^p[0-9a-f]{16}(?:-[0-9]+)?$"


def _stable_id_texts(people: pd.DataFrame) -> pa.Array:
    """Each row's stable id (:func:`stable_ids`), in row order, as Arrow text. A row whose
    id already is a stable one keeps the hash it has (its key fields do not change after the
    ids are given) and is only numbered again: when one of two people with one key was
    merged away, the other loses its '-2'."""
    import hashlib

    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    ids = people["person_id"].astype("str")
    # An id that does not start with 'p' is no stable id: the regular expression only when
    # one does (the provisional ids of resolve are paths; 0.005 s on 76,000 people).
    given = (ids.str.match(_STABLE_ID) if ids.str.startswith("p").to_numpy(dtype=bool).any()
             else ids.str.startswith("p")).to_numpy(dtype=bool)
    if given.all() and (ids.str.len() == 17).all():
        # Every id given, none numbered: the ids of distinct rows are distinct, so each key
        # is held once and nothing changes.
        return _large_text(ids)
    # A given id keeps its hash; the others are hashed from their keys. Eight bytes of each
    # digest, written in hex once for all rows, and 'p' put before each in Arrow: a
    # hexdigest, a slice and a concatenation per row cost 0.05 s on 76,000 people, numpy's
    # text functions and Python strings of the ids 0.01 s (issue 17).
    sha256 = hashlib.sha256
    fresh = np.flatnonzero(~given)
    digests = b"".join([sha256(key.encode("utf-8", "surrogatepass")).digest()[:8]
                        for key in _stable_keys(people, fresh.tolist())]) if len(fresh) else b""
    hexed = pc.utf8_replace_slice(pa.LargeStringArray.from_buffers(
        len(fresh), pa.py_buffer(np.arange(0, 16 * len(fresh) + 1, 16, dtype=np.int64)),
        pa.py_buffer(digests.hex().encode("ascii"))), 0, 0, "p")
    if len(fresh) == len(ids):
        # Equal ids are equal digests: the digests numbered, not their text.
        bases = hexed
        codes = pd.factorize(np.frombuffer(digests, dtype=np.uint64))[0]
    else:
        # The given ids without their number, the others' new ids in their place, in Arrow
        # (Python strings of the 76,000 ids cost 0.02 s per call, issue 17).
        bases = pc.utf8_slice_codeunits(_large_text(ids), 0, 17)
        if len(fresh):
            bases = pc.replace_with_mask(bases, pa.array(~given), hexed)
        codes = pd.factorize(pd.array(bases, dtype="str"))[0]
    # The second person with one key gets '-2', the third '-3', in row order.
    if len(codes) and int(codes.max()) + 1 < len(codes):
        # Counted among the rows of keys held twice or more only (a groupby of every row
        # cost 0.004 s on 76,000 people).
        shared = np.flatnonzero(np.bincount(codes)[codes] > 1)
        number = np.ones(len(codes), dtype=np.int64)
        number[shared] = pd.Series(codes[shared]).groupby(
            codes[shared], sort=False).cumcount().to_numpy() + 1
        again = np.flatnonzero(number > 1)
        numbered = [f"{text}-{count}" for text, count in zip(
            bases.take(pa.array(again)).to_pylist(), number[again].tolist(), strict=True)]
        bases = pc.replace_with_mask(bases, pa.array(number > 1),
                                     pa.array(numbered, type=pa.large_string()))
    return bases


def _stable_keys(people: pd.DataFrame, rows: list[int]) -> list[str]:
    """What identifies the person of each of ``rows``, hashed into the stable id: the
    normalized profile URL, else the e-mail, else the phone, else the normalized name with
    the networks it was seen on, else (a hidden profile) the file name and row, without its
    folder. Built column by column (a Python f-string per row cost 0.04 s on 76,000 people)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    people = people[["person_id", "profile_url", "email", "phone", "name", "networks"]]
    if len(rows) < len(people):
        people = people.iloc[rows]
    url, email, phone, name, networks = (people[c].fillna("").astype("str") for c in (
        "profile_url", "email", "phone", "name", "networks"))
    # In Arrow: the prefix put in place by a replace of the empty slice at 0, the first
    # filled field chosen by if_else (pandas' string + and mask cost 0.014 s on 76,000
    # people, this 0.002 s).
    texts = {field: pa.array(values) for field, values in (
        ("url", url), ("email", email), ("phone", phone))}
    empty = {field: pc.equal(text, "") for field, text in texts.items()}
    keys = pc.if_else(empty["url"], pc.if_else(
        empty["email"], pc.utf8_replace_slice(texts["phone"], 0, 0, "phone "),
        pc.utf8_replace_slice(texts["email"], 0, 0, "email ")),
        pc.utf8_replace_slice(texts["url"], 0, 0, "url ")).to_numpy(
            zero_copy_only=False).tolist()
    rest = ((url == "") & (email == "") & (phone == "")).to_numpy().nonzero()[0]
    pids = people["person_id"].astype("str")
    for row, text, nets, pid in zip(rest.tolist(), name.iloc[rest].tolist(),
                                    networks.iloc[rest].tolist(), pids.iloc[rest].tolist(),
                                    strict=True):
        if text.strip():
            keys[row] = f"name {normalize_name(text)} @ {nets}"
        else:
            source, _, number = pid.rpartition(":")
            keys[row] = (f"row {_PATH_PARTS.split(source)[-1]}:{number}" if source
                         else f"row {pid}")
    return keys


#: Networks whose exports do not always name their owner: the owner is found as the one
#: participant of every conversation (WhatsApp never names the owner; a Messenger download
#: without its profile file does not either).
_CHAT_NETWORKS = ("facebook", "instagram", "x", "telegram", "whatsapp")


def _me_matches(people: pd.DataFrame, wanted: str, region: str = "") -> pd.Series:
    """Rows that ``--me`` names: by e-mail, profile URL, phone number or name."""
    wanted = wanted.strip()
    if "@" in wanted:
        return people["email"] == normalize_email(wanted)
    if "/" in wanted or "linkedin" in wanted.lower():
        return people["profile_url"] == normalize_url(wanted)
    if as_phone_text(wanted):
        phone = normalize_phone(wanted, region)
        return people["phone"].map(lambda p: bool(p) and normalize_phone(p, region) == phone)
    return people["name"].map(normalize_name) == normalize_name(wanted)


def _before_slash(values: pd.Series) -> pd.Series:
    """Each text up to its first '/' (all of it without one): ``str.split('/', n=1).str[0]``
    in one Arrow pass instead of a Python call per row (0.5 s on 96,000 people rows under
    the profiler, issue 17).

    >>> import pandas as pd
    >>> _before_slash(pd.Series(["linkedin.com/in/ana", "x.com/i/user/1", "", "plain"],
    ...                         dtype="str")).tolist()
    ['linkedin.com', 'x.com', '', 'plain']
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    column = pa.array(values.fillna("").astype("str"))
    heads = pc.list_element(pc.split_pattern(column, "/", max_splits=1), 0)
    # Arrow text into the column as it is (through Python strings: 0.008 s on 60,000 URLs).
    return pd.Series(pd.array(heads, dtype="str"), index=values.index)


def _phone_texts(values: pd.Series) -> pd.Series:
    """:func:`as_phone_text` of each value. A text with an ASCII letter is never a phone
    number (every character of one is a digit, a space or '+().-'), so only the others are
    tested, one Python call each: names of people, nearly all, are ruled out in one pass.

    >>> import pandas as pd
    >>> _phone_texts(pd.Series(["Ana Ruiz", " +44 7123 456789 ", "٠١٢٣٤٥٦", "李 明"],
    ...                        dtype="str")).tolist()
    [False, True, True, False]
    """
    import numpy as np
    import pandas as pd

    texts = values.fillna("").astype("str")
    unlettered = np.flatnonzero(~texts.str.contains("[A-Za-z]", regex=True).to_numpy(
        dtype=bool))
    found = np.zeros(len(texts), dtype=bool)
    if len(unlettered):
        # Only the texts without a letter leave Arrow (a Python string per row cost 0.01 s
        # on the 37,000 rows of merged people, issue 17).
        found[unlettered] = [as_phone_text(text) for text in texts.iloc[unlettered].tolist()]
    return pd.Series(found, index=values.index, dtype=bool)


def as_phone_text(text: str) -> bool:
    """True when ``text`` is written as a phone number ('+44 7123 456789').

    >>> as_phone_text("+1 (415) 555-0100"), as_phone_text("Ana Ruiz")
    (True, False)
    """
    return bool(re.fullmatch(r"\+?[\d\s().\-]{6,}", text.strip()))


def mark_owner_accounts(network: Network, me: str | None = None, region: str = ""
                        ) -> dict[str, int]:
    """Mark ``is_owner`` on each of the owner's own accounts, before people are merged, so
    that :func:`resolve` joins them into one person (issue 18): what each export states (a
    LinkedIn ``Profile.csv``, Telegram's ``personal_information``, X's ``account.js``,
    Facebook's profile), every row ``--me`` names outside the connection lists and address
    books, and, on a chat network whose export names no owner, the one participant present
    in every conversation of that network (two conversations or more; WhatsApp). Returns
    the networks where the owner was found that last way, with their number of
    conversations.

    Without this, the owner's WhatsApp self was another person: every chat message counted
    as incoming, and which account was "you" depended on the order of the inputs.
    """
    people = network.people
    if people.empty:
        return {}
    if me:
        named = _me_matches(people, me, region) & ~people["is_connection"] & ~people[
            "is_contact"]
        if named.any():
            # --me overrides what a file's own rows suggested ('You joined the call.' under
            # another name, a WhatsApp deletion notice): that file's other owner row is
            # nobody's account of yours, or the two would be joined as one.
            files = set(people.loc[named, "source"].tolist())
            suggested = people["is_owner"] & ~named & people["source"].isin(files)
            people.loc[suggested, "is_owner"] = False
            people.loc[named, "is_owner"] = True
    messages = network.messages
    found: dict[str, int] = {}
    if messages.empty:
        return found
    # A LinkedIn export holds no chat network: nothing to look at (the keys of 96,000 people
    # and a filter of 500,000 messages per network cost 0.15 s, issue 17).
    channels = set(messages["channel"].unique().tolist())
    chats = [channel for channel in _CHAT_NETWORKS if channel in channels]
    if not chats:
        return found
    owners = set(people.loc[people["is_owner"], "person_id"].tolist())
    key_of = dict(zip(people["person_id"].tolist(), [
        url or email or (f"p:{normalize_phone(phone, region)}" if phone else "")
        or f"n:{normalize_name(name)}" for url, email, phone, name in zip(
            people["profile_url"].tolist(), people["email"].tolist(),
            people["phone"].tolist(), people["name"].tolist(), strict=True)], strict=True))
    for channel in chats:
        mine = messages.loc[messages["channel"] == channel,
                            ["conversation_id", "sender_id", "recipient_ids"]]
        members: dict[str, set[str]] = {}
        for conversation, sender, recipients in zip(
                mine["conversation_id"].tolist(), mine["sender_id"].tolist(),
                mine["recipient_ids"].tolist(), strict=True):
            members.setdefault(conversation, set()).update((sender, *recipients))
        if any(members[c] & owners for c in members):
            continue  # the export named its owner
        if len(members) < 2:
            continue
        everywhere = set.intersection(*({key_of.get(p, p) for p in m} for m in
                                        members.values()))
        everywhere.discard("n:")
        if len(everywhere) != 1:
            continue
        key = everywhere.pop()
        ids = {p for m in members.values() for p in m if key_of.get(p, p) == key}
        people.loc[text_isin_ids(people["person_id"], ids), "is_owner"] = True
        found[channel] = len(members)
    return found


def text_isin_ids(values: pd.Series, ids: set[str]) -> pd.Series:
    from netaudit.model import text_isin

    return text_isin(values, ids)


def find_owner(network: Network, me: str | None = None) -> Owner:
    """Whose network this is: ``me`` (a name, profile URL or e-mail) if given, else the person
    a profile file names (``is_owner``), else the participant present in the most
    conversations. Marks that person ``is_owner`` and returns how it was decided.

    With nothing to go on, an owner row without a name is added, so that references stay valid.
    """

    from netaudit.errors import UsageError
    from netaudit.model import Owner, conform

    people = network.people
    if me:
        wanted = me.strip()
        hits = people.index[_me_matches(people, wanted)]
        owned = people.index[people["is_owner"]]
        if len(owned) and len(hits) and set(owned) & set(hits):
            # The rows --me named were joined into one person with your other accounts.
            hits = owned
        if len(hits) == 0:
            if "@" not in wanted and "/" not in wanted and len(people):
                raise UsageError(
                    f"--me {wanted!r} matches nobody in the data",
                    hint=_closest_hint(wanted, people["name"].tolist()),
                )
            owner = Owner("owner", wanted, "--me (not present in the data)")
            _add_owner_row(network, owner)
            return owner
        index = _most_present(network, list(hits))
        how = "--me"
    elif people["is_owner"].any():
        index = people.index[people["is_owner"]][0]
        named_in = people.at[index, "source"].split("; ")
        profiles = {s.path for s in network.sources if s.kind == "LinkedIn profile (the owner)"}
        # A 2018 export marks the owner in Messages.csv (Direction) and in Profile.csv: say
        # the profile.
        how = f"profile in {next((p for p in named_in if p in profiles), named_in[0])}"
        stated = network.owner
        # An importer that knows why (an mbox's Sent label) says so better than "profile in".
        if stated is not None and stated.how and stated.person_id == people.at[index, "person_id"]:
            how = stated.how
        if not people.at[index, "profile_url"] and not people.at[index, "email"]:
            # Profile.csv names the owner without URL. When a connection shares the owner's
            # name, the name cannot merge the two; the owner is the namesake who takes part
            # in the most conversations (the profile row itself takes part in none).
            key = normalize_name(people.at[index, "name"])
            namesakes = people.index[people["name"].map(normalize_name) == key]
            best = _most_present(network, [index, *(i for i in namesakes if i != index)])
            if best != index:
                how += ", matched by name to the namesake present in the most conversations"
                index = best
            else:
                longer = _owner_in_every_conversation(network, key)
                if longer is not None:
                    # The owner signs messages with a longer name than Profile.csv gives
                    # ('Olivia Owner-Smith' for 'Olivia Owner'): the one participant present
                    # in every conversation, with the same first name, is the owner.
                    how += (f"; in messages as {people.at[longer, 'name']!r}, present in "
                            "every conversation")
                    for column in ("position", "location"):
                        if not people.at[longer, column]:
                            people.at[longer, column] = people.at[index, column]
                    index = longer
    elif len(network.messages):
        counts = _conversation_counts(network)
        total = network.messages["conversation_id"].nunique()
        counts, strangers, in_events = _without_strangers(network, counts)
        if not len(counts):
            why = ("every sender is outside the exporter's address book ('~ Name' or a phone "
                   "number)" if not in_events else
                   "every sender is outside the exporter's address book or named by the "
                   "chat's system lines, which call the exporter 'you' ('Ana added Bo')")
            owner = Owner("owner", "", f"not in the data: {why}, so the exporter wrote "
                          "nothing; pass --me to name yourself")
            _add_owner_row(network, owner)
            return owner
        best_id, how = _present_most(network, counts, strangers + in_events)
        if strangers:
            how += (f"; {strangers:,} participant{'s' if strangers != 1 else ''} outside the "
                    "exporter's address book not considered")
        if in_events:
            how += (f"; {in_events:,} participant{'s' if in_events != 1 else ''} named by the "
                    "chat's system lines ('Ana added Bo', where the exporter is 'you') not "
                    "considered")
        index = people.index[people["person_id"] == best_id][0]
        how = f"present in {counts.iloc[0]:,} of {total:,} conversations{how}"
    else:
        owner = Owner("owner", "", "not in the data; pass --me to name yourself")
        _add_owner_row(network, owner)
        return owner
    network.people["is_owner"] = False
    network.people.loc[index, "is_owner"] = True
    network.people = conform(network.people, "people")
    # Known by an address alone (an mbox's Delivered-To, with no name in any header): the
    # address names the owner ('owner unknown (Delivered-To of 2 of 2 messages)' said the
    # opposite of what it had found).
    name = people.at[index, "name"] or people.at[index, "email"] or people.at[index, "phone"]
    return Owner(people.at[index, "person_id"], name, how)


def own_second_accounts(network: Network) -> None:
    """Merge into the owner each person with exactly the owner's full name (two words or
    more) under another profile URL: the owner's own second account (seen in a real 2024
    export, where it was also in the connection list), never a tie. Its messages count as
    the owner's; a connection row of it leaves the connections. A warning names the URLs and
    ``set_aside['own_second_accounts']`` counts them. A connection with the owner's name but
    no URL (lists of 2018-2023) cannot be told from a namesake: it stays, with a warning.
    """
    from netaudit.errors import Problem

    owner = network.owner
    people = network.people
    if owner is None or not len(people):
        return
    row = people[people["person_id"] == owner.person_id]
    if not len(row):
        return
    key = normalize_name(str(row["name"].iat[0]))
    if " " not in key:
        return
    same = people[(people["person_id"] != owner.person_id)
                  & _name_is(people["name"], key) & ~people["is_contact"]]
    if not len(same):
        return
    owner_url = str(row["profile_url"].iat[0])
    # The owner's Profile.csv row, left apart when the owner was found under a URL: the same
    # person, merged without a word.
    profile = same[(same["profile_url"] == "") & ~same["is_connection"] & (same["email"] == "")]
    if len(profile):
        at = people.index[people["person_id"] == owner.person_id][0]
        for column in ("company", "position", "location"):
            if not people.at[at, column]:
                people.at[at, column] = str(profile[column].iat[0])
        mapping = dict.fromkeys(profile["person_id"].tolist(), owner.person_id)
        network.people = people = people[~people["person_id"].isin(mapping)].reset_index(
            drop=True)
        _rewrite_references(network, mapping)
    second = same[(same["profile_url"] != "") & (same["profile_url"] != owner_url)]
    # A connection under the owner's name that no message involves is as likely a namesake
    # (a published Hungarian list held one: another firm, another job, never written to):
    # it stays a connection, with a warning.
    alone = second[second["is_connection"] & ~_in_messages(network, second["person_id"])]
    second = second[~second["person_id"].isin(alone["person_id"])]
    if len(second):
        mapping = dict.fromkeys(second["person_id"].tolist(), owner.person_id)
        network.people = people[~people["person_id"].isin(mapping)].reset_index(drop=True)
        _rewrite_references(network, mapping)
        listed = int(second["is_connection"].sum())
        in_list = (f"; {listed} of them in your connection list, not counted as a "
                   "connection" if listed else "")
        network.problems.append(Problem(
            "input", "taken as your own second account (your name under another profile "
            "URL: " + ", ".join(second["profile_url"].tolist()[:3])
            + f"{in_list}); its messages count as yours and it is no tie", len(second),
            unit="profile"))
        network.set_aside["own_second_accounts"] = (
            network.set_aside.get("own_second_accounts", 0) + len(second))
    listed = same[same["is_connection"] & (same["profile_url"] == "")]
    if len(listed):
        network.problems.append(Problem(
            "input", "has your own name and no profile URL (a namesake, or your own second "
            "account); it stays a connection and a tie", len(listed),
            unit="connection"))
    if len(alone):
        network.problems.append(Problem(
            "input", "has your own name under another profile URL and no message with you ("
            + ", ".join(alone["profile_url"].tolist()[:3]) + "): a namesake, or your own "
            "second account; it stays a connection and a tie", len(alone),
            unit="connection"))


def _in_messages(network: Network, ids: pd.Series) -> pd.Series:
    """Which of ``ids`` (a few person ids) send or receive a message of ``network``: the
    recipients read from the column's distinct tuples (:func:`factorize_tuples`)."""
    from itertools import chain

    from netaudit.model import factorize_tuples

    wanted = set(ids.tolist())
    messages = network.messages
    found = wanted & set(messages.loc[messages["sender_id"].isin(wanted), "sender_id"])
    if found != wanted and len(messages):
        found |= wanted & set(chain.from_iterable(factorize_tuples(
            messages["recipient_ids"])[1]))
    return ids.isin(found)


def _name_is(names: pd.Series, key: str) -> pd.Series:
    """Rows whose name :func:`normalize_name` reduces to ``key``; one call per distinct name
    (a call per row cost 0.03 s on 76,000 people)."""
    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(names.fillna(""))
    hits = np.array([normalize_name(v) == key for v in distinct.tolist()] + [False], dtype=bool)
    return pd.Series(hits[codes], index=names.index)


def _owner_in_every_conversation(network: Network, key: str) -> int | None:
    """Row of the one person present in every conversation (two or more) whose name starts
    with the first word of ``key`` and shares another word with it, if there is one."""
    messages = network.messages
    if messages.empty or not key:
        return None
    total = messages["conversation_id"].nunique()
    if total < 2:
        return None
    counts = _conversation_counts(network)
    everywhere = counts[counts == total].index.tolist()
    if len(everywhere) != 1:
        return None
    people = network.people
    hits = people.index[people["person_id"] == everywhere[0]]
    if not len(hits):
        return None
    words = key.split()
    theirs = normalize_name(people.at[hits[0], "name"]).split()
    if not theirs or theirs[0] != words[0] or theirs == words:
        return None
    if len(words) > 1 and not set(words[1:]) & set(theirs[1:]):
        return None
    return int(hits[0])


def _conversation_counts(network: Network):  # -> pd.Series
    """Number of distinct conversations each person sent or received a message in."""
    from itertools import chain

    import pandas as pd

    messages = network.messages
    recipients = messages["recipient_ids"].tolist()
    people = list(chain(messages["sender_id"].tolist(), chain.from_iterable(recipients)))
    conversations = list(chain(messages["conversation_id"].tolist(), chain.from_iterable(
        [c] * len(r) for c, r in zip(messages["conversation_id"].tolist(), recipients,
                                     strict=True))))
    pairs = pd.DataFrame({"conversation_id": conversations, "person_id": people},
                         dtype=object).drop_duplicates()
    return pairs["person_id"].value_counts()


def _names_by_id(network: Network) -> pd.Series:
    """Each person's name, by person id."""
    return network.people.drop_duplicates("person_id").set_index("person_id")["name"]


def _without_strangers(network: Network,
                       counts: pd.Series) -> tuple[pd.Series, int, int]:
    """``counts`` (conversations per person id, most first) without the people a chat shows
    as outside the exporter's address book (:attr:`Network.strangers`) and those its system
    lines name in the third person (:attr:`Network.not_exporters`), and how many of each
    were left out: none of them exported the chat."""
    if not (network.strangers or network.not_exporters) or not len(counts):
        return counts, 0, 0
    strangers = {normalize_name(n) for n in network.strangers}
    named = {normalize_name(n) for n in network.not_exporters} - strangers
    names = _names_by_id(network)
    keys = [normalize_name(names.get(p, "")) for p in counts.index]
    outside = sum(key in strangers for key in keys)
    in_events = sum(key in named for key in keys)
    known = [key not in strangers and key not in named for key in keys]
    return counts[known], outside, in_events


#: How many other names the warning of an owner guess lists (:func:`_present_most`).
GUESS_NAMES_SHOWN = 5


def _present_most(network: Network, counts: pd.Series, ruled_out: int = 0) -> tuple[str, str]:
    """The person present in the most conversations (``counts``, most first) and what more
    decided it. When several are (one chat: both people of it), a person a chat is named
    after (:attr:`Network.chat_names`: the other person of a WhatsApp chat) is not the owner:
    'WhatsApp Chat with Noa Levi.txt', where Noa wrote first, read as Noa's own chat and
    every direction was turned around. When that does not settle it, the first is taken and
    a warning says to pass ``--me``; ``ruled_out``, how many other participants were left out
    before (:func:`_without_strangers`), is said in it: 'each in every conversation' alone
    read wrong of 2 people left of a 285-person group chat."""
    top = counts[counts == counts.iloc[0]].index.tolist()
    if len(top) < 2:
        return top[0], ""
    names = _names_by_id(network)
    named = {normalize_name(n) for n in network.chat_names}
    left = [p for p in top if normalize_name(names.get(p, "")) not in named] or top
    if len(left) < len(top):
        after = [names.get(p, "") for p in top if p not in left]
        if len(left) == 1:
            return left[0], f"; the chat is named after {', '.join(after)}"
    from netaudit.errors import Problem

    shown = [names.get(p, "") for p in left]
    others = " or ".join(shown[1:1 + GUESS_NAMES_SHOWN])
    if len(shown) > 1 + GUESS_NAMES_SHOWN:
        # A published 184-person group chat made this one line of 183 names.
        others += f" (or one of {len(shown) - 1 - GUESS_NAMES_SHOWN:,} more)"
    besides = (f" and not ruled out (as {ruled_out:,} "
               f"{'others were' if ruled_out != 1 else 'other was'}: outside the exporter's "
               "address book or named by the chat's system lines)" if ruled_out else "")
    network.problems.append(Problem(
        "input", f"are each in every conversation{besides}, so the owner is a guess "
        f"({shown[0]}); pass --me with your name if you are {others}", len(left),
        unit="participant"))
    return left[0], ", a guess"


def _most_present(network: Network, candidates: list[int]) -> int:
    """The candidate row present in the most conversations (the first on a tie or without
    messages)."""
    if len(candidates) < 2 or network.messages.empty:
        return candidates[0]
    counts = _conversation_counts(network)
    ids = network.people["person_id"]
    return max(candidates, key=lambda i: (counts.get(ids.at[i], 0), -candidates.index(i)))


def _add_owner_row(network: Network, owner: Owner) -> None:
    import pandas as pd

    from netaudit.model import conform

    row = pd.DataFrame([{"person_id": owner.person_id, "name": owner.name, "is_owner": True}])
    network.people["is_owner"] = False
    network.people = conform(pd.concat([network.people, conform(row, "people")],
                                       ignore_index=True), "people")


def _closest_hint(wanted: str, names: list[str]) -> str:
    from rapidfuzz import process
    from rapidfuzz.utils import default_process

    close = process.extract(wanted, list(dict.fromkeys(n for n in names if n)), limit=3,
                            processor=default_process)
    if not close:
        return "pass your name, profile URL or e-mail as it appears in the export"
    shown = ", ".join(repr(c[0]) for c in close)
    return f"closest names in the data: {shown}"
