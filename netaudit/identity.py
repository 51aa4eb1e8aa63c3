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
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import unquote

if TYPE_CHECKING:
    from netaudit.model import Network, Owner

# Post-nominal letters people append to their last name on LinkedIn ("Surname, MBA").
CREDENTIALS = frozenset(
    """mba phd ph.d md cpa cfa pmp sphr phr shrm-cp shrm-scp cissp pe esq jd msc ma ms bsc ba
    bs mcp ccna csm cpc rn dds pharmd cma cia frm acca aca cipd chrp mph dvm""".split()
)

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
_QUOTED = re.compile(r"[\"“”][^\"“”]*[\"“”]|\([^)]*\)")
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
    return f"{host}/{path}" if path else host


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
    from anyascii import anyascii

    ascii_text = anyascii(unicodedata.normalize("NFKC", text))
    return _SPACE.sub(" ", ascii_text.lower()).strip()


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
    text = _QUOTED.sub(" ", name)
    parts = [p.strip() for p in text.split(",")]
    # Keep the part before the first comma unless what follows is not credentials.
    kept = [parts[0]]
    for part in parts[1:]:
        words = fold(part).replace(".", "").split()
        if words and all(w in CREDENTIALS or w.replace(".", "") in CREDENTIALS for w in words):
            continue
        kept.append(part)
    folded = fold(" ".join(kept))
    folded = _NOT_WORD.sub(" ", folded.replace("-", " "))
    words = [w for w in folded.split() if w not in ("dr", "mr", "mrs", "ms", "prof")]
    while words and words[-1] in CREDENTIALS:
        words.pop()
    return " ".join(words)


def full_name(first: str, last: str) -> str:
    """``first last`` with surrounding spaces removed.

    >>> full_name(" Ana ", "Ruiz ")
    'Ana Ruiz'
    """
    return " ".join(p for p in (first.strip(), last.strip()) if p)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

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


def resolve(network: Network) -> Network:
    """Merge people rows that are the same person and rewrite all references.

    Rows are linked when they share a normalized profile URL or e-mail. Then rows with the same
    normalized full name (two words or more) are linked when, among them, at most one distinct
    profile URL and at most one distinct e-mail occur, so two different "Ana Ruiz" with two
    profiles stay apart; a row known only by name then joins the one namesake with the same
    company, if exactly one has it. The merged row keeps, per column, the first non-empty
    value (connection rows first), the earliest ``connected_on``, and any of the flags.
    """
    import pandas as pd

    from netaudit.model import conform

    people = network.people.copy()
    if people.empty:
        return network
    # Connection rows first so their values win, then file order.
    people["_order"] = range(len(people))
    people = people.sort_values(
        ["is_owner", "is_connection", "_order"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)
    n = len(people)
    uf = _UnionFind(n)
    urls = people["profile_url"].tolist()
    emails = people["email"].tolist()
    for column in (urls, emails):
        first: dict[str, int] = {}
        for i, value in enumerate(column):
            if value:
                if value in first:
                    uf.union(first[value], i)
                else:
                    first[value] = i
    names = [normalize_name(v) for v in people["name"].tolist()]
    companies = [fold(v) for v in people["company"].tolist()]
    by_name: dict[str, list[int]] = {}
    for i, key in enumerate(names):
        if key and " " in key:
            by_name.setdefault(key, []).append(i)
    # What each URL/e-mail cluster already knows, to tell two namesakes apart.
    known: dict[int, tuple[set[str], set[str]]] = {}
    for i in range(n):
        urls_of, mails_of = known.setdefault(uf.find(i), (set(), set()))
        if urls[i]:
            urls_of.add(urls[i])
        if emails[i]:
            mails_of.add(emails[i])
    for rows in by_name.values():
        if len(rows) < 2:
            continue
        roots = {uf.find(i) for i in rows}
        if len(roots) < 2:
            continue
        cluster_urls = set().union(*(known[r][0] for r in roots))
        cluster_mails = set().union(*(known[r][1] for r in roots))
        if len(cluster_urls) <= 1 and len(cluster_mails) <= 1:
            for i in rows[1:]:
                uf.union(rows[0], i)
            continue
        # Namesakes: a row known only by name (a recommendation) joins the one namesake who
        # has the same company, if exactly one has; otherwise it stays apart, never guessed.
        for i in rows:
            if urls[i] or emails[i] or not companies[i]:
                continue
            same = {uf.find(j) for j in rows
                    if j != i and companies[j] == companies[i] and (urls[j] or emails[j])}
            if len(same) == 1:
                uf.union(same.pop(), i)
    roots = [uf.find(i) for i in range(n)]
    people["_root"] = roots
    ids = people["person_id"].tolist()
    mapping = {ids[i]: ids[roots[i]] for i in range(n)}

    text_cols = ["name", "first_name", "last_name", "profile_url", "email", "company",
                 "position", "location"]
    flag_cols = ["is_connection", "is_contact", "hidden", "is_owner"]
    # Most people are one row: only clusters of several rows need aggregating.
    size = people.groupby("_root")["_root"].transform("size")
    single = people[size == 1].set_index("_root")
    several = people[size > 1]
    if len(several):
        merged = several.groupby("_root", sort=True)
        # groupby.first skips missing values: '' -> NA gives "first non-empty".
        first_nonempty = several[text_cols].replace("", pd.NA).groupby(several["_root"]).first()
        first_nonempty = first_nonempty.fillna("")
        flags = merged[flag_cols].any()
        connected = merged["connected_on"].min()
        source = (
            several[["_root", "source"]].drop_duplicates()
            .loc[lambda f: f["source"] != ""]
            .groupby("_root")["source"].agg("; ".join)
        )
        joined = first_nonempty.join(flags).join(connected).join(source)
        joined["source"] = joined["source"].fillna("")
        out = pd.concat([single[text_cols + flag_cols + ["connected_on", "source"]], joined])
    else:
        out = single
    out = out.sort_index()
    out["person_id"] = [ids[r] for r in out.index]
    out = out.set_index(pd.RangeIndex(len(out)))
    network.people = conform(out, "people")

    if any(k != v for k, v in mapping.items()):
        _rewrite_references(network, mapping)
    if network.owner is not None:
        network.owner.person_id = mapping.get(network.owner.person_id, network.owner.person_id)
    return network


def _rewrite_references(network: Network, mapping: dict[str, str]) -> None:
    # Vectorized lookups and one rewrite per distinct recipient tuple: a Python call per
    # message took 2 s on 500,000 messages (conversations repeat the same recipients).
    def remap(values):  # -> pd.Series
        mapped = values.map(mapping)
        return mapped.where(mapped.notna(), values)

    for name in ("invitations", "interactions"):
        table = getattr(network, name)
        if len(table):
            table["person_id"] = remap(table["person_id"])
    messages = network.messages
    if len(messages):
        messages["sender_id"] = remap(messages["sender_id"])
        get = mapping.get
        recipients = messages["recipient_ids"].tolist()
        rewritten = {rs: tuple(dict.fromkeys(get(r, r) for r in rs))
                     for rs in dict.fromkeys(recipients)}
        messages["recipient_ids"] = [rewritten[rs] for rs in recipients]


def find_owner(network: Network, me: str | None = None) -> Owner:
    """Whose network this is: ``me`` (a name, profile URL or e-mail) if given, else the person
    a profile file names (``is_owner``), else the participant present in the most
    conversations. Marks that person ``is_owner`` and returns how it was decided.

    With nothing to go on, an owner row without a name is added, so that references stay valid.
    """
    import pandas as pd

    from netaudit.errors import UsageError
    from netaudit.model import Owner, conform

    people = network.people
    if me:
        wanted = me.strip()
        if "@" in wanted:
            hits = people.index[people["email"] == normalize_email(wanted)]
        elif "/" in wanted or "linkedin" in wanted.lower():
            hits = people.index[people["profile_url"] == normalize_url(wanted)]
        else:
            key = normalize_name(wanted)
            hits = people.index[people["name"].map(normalize_name) == key]
        if len(hits) == 0:
            if "@" not in wanted and "/" not in wanted and len(people):
                raise UsageError(
                    f"--me {wanted!r} matches nobody in the data",
                    hint=_closest_hint(wanted, people["name"].tolist()),
                )
            owner = Owner("owner", wanted, "--me (not present in the data)")
            _add_owner_row(network, owner)
            return owner
        index = hits[0]
        how = "--me"
    elif people["is_owner"].any():
        index = people.index[people["is_owner"]][0]
        how = f"profile in {people.at[index, 'source'].split('; ')[0]}"
        stated = network.owner
        # An importer that knows why (an mbox's Sent label) says so better than "profile in".
        if stated is not None and stated.how and stated.person_id == people.at[index, "person_id"]:
            how = stated.how
    elif len(network.messages):
        messages = network.messages
        pairs = pd.DataFrame({
            "conversation_id": messages["conversation_id"],
            "person_id": [
                (s, *r) for s, r in zip(messages["sender_id"], messages["recipient_ids"], strict=True)
            ],
        }).explode("person_id").drop_duplicates()
        counts = pairs["person_id"].value_counts()
        total = messages["conversation_id"].nunique()
        best = counts.index[0]
        index = people.index[people["person_id"] == best][0]
        how = f"present in {counts.iloc[0]:,} of {total:,} conversations"
    else:
        owner = Owner("owner", "", "not in the data; pass --me to name yourself")
        _add_owner_row(network, owner)
        return owner
    network.people["is_owner"] = False
    network.people.loc[index, "is_owner"] = True
    network.people = conform(network.people, "people")
    return Owner(people.at[index, "person_id"], people.at[index, "name"], how)


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
