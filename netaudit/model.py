"""The normalized network every importer produces and every analysis reads.

A :class:`Network` holds four pandas tables with documented columns (see ``COLUMNS``), the
owner of the data, what was read from which file, and the counted problems met on the way.
Timestamps are timezone-aware UTC (``datetime64[ns, UTC]``); a date that a file states without a
zone (``Connected On``, ``Sent At``) is taken as UTC midnight / UTC wall time, as documented in
docs of each importer.

People are referenced everywhere by ``person_id``. Importers give provisional ids; when several
files are combined, :func:`netaudit.identity.resolve` merges the rows that are one person (same
profile URL, then e-mail, then name) and rewrites every reference.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from netaudit.errors import Problem

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: Column name -> (dtype, meaning). The order is the column order of each table.
COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "people": {
        "person_id": ("str", "stable id of the person inside this Network"),
        "name": ("str", "display name, 'First Last' as the source gave it, without the "
                 "credentials written after it (see ``credentials``; '' if unknown)"),
        "first_name": ("str", "given name ('' if unknown)"),
        "last_name": ("str", "family name, credentials kept as given ('' if unknown)"),
        "credentials": ("str", "post-nominal letters the source wrote after the name ('MA, BFA, "
                        "PhD (abd)'), moved out of ``name`` (identity.split_credentials); "
                        "'' if none"),
        "profile_url": ("str", "normalized profile URL 'linkedin.com/in/<slug>'; on X the "
                        "account's numeric id as 'x.com/i/user/<id>' ('' if none)"),
        "email": ("str", "lower-cased e-mail address ('' if none)"),
        "phone": ("str", "phone number in E.164 form ('+447123456789', normalized with "
                  "``phonenumbers``; a number without '+' read in ``--region``, else the "
                  "locale's country, else kept as its digits) ('' if none)"),
        "company": ("str", "current company ('' if unknown)"),
        "position": ("str", "current position / job title ('' if unknown)"),
        "location": ("str", "city or region ('' if unknown)"),
        "connected_on": ("datetime64[ns, UTC]", "date the connection was made (NaT if none)"),
        "is_connection": ("bool", "listed in a connection list or contact file of the owner"),
        "is_contact": ("bool", "listed in an address book (contacts CSV, vCard)"),
        "hidden": ("bool", "a connection row that holds only a date (hidden/closed profile)"),
        "is_owner": ("bool", "the person whose data this is"),
        "source": ("str", "the file(s) the person was read from, '; '-joined"),
        "networks": ("str", "the networks the person was seen on, '; '-joined in a fixed "
                     "order ('linkedin; whatsapp'): 'linkedin', 'mail', 'facebook', "
                     "'instagram', 'x', 'telegram', 'whatsapp'; '' for a person known only "
                     "from an address book or a message log"),
        "joined_by": ("str", "how rows of several files were joined into this person, "
                      "', '-joined from strongest to weakest: 'owner' (your own accounts), "
                      "'url', 'email', 'phone', 'name+company', 'name+partner', "
                      "'name+confirmed' (you confirmed it), 'name' (a name alone across "
                      "networks: uncertain, listed by `netaudit people --review`), "
                      "'name-in-network' (a name inside one network, as LinkedIn's files "
                      "join); '' for one row"),
    },
    "messages": {
        "message_id": ("str", "unique id of the message inside this Network"),
        "conversation_id": ("str", "conversation / mail thread the message belongs to"),
        "sent_at": ("datetime64[ns, UTC]", "when it was sent (UTC)"),
        "sender_id": ("str", "person_id of the sender"),
        "recipient_ids": ("object", "tuple of person_ids it was sent to (owner included)"),
        "direction": ("str", "'outgoing' when the owner sent it, 'incoming' otherwise"),
        "subject": ("str", "subject line ('' if none)"),
        "body": ("str", "message text, HTML tags removed ('' if none)"),
        "is_group": ("bool", "the conversation has more than one participant besides the owner"),
        "is_system": ("bool", "sponsored/InMail/system sender ('LinkedIn Member', ...)"),
        "set_aside": ("str", "why a system row is no person's message: 'sponsored', "
                      "'system event' (no sender), 'linkedin member' (InMail, deleted "
                      "account), 'unavailable account' (Messenger, no name), 'assistant' (an AI "
                      "assistant's message or one to it alone: LinkedIn's coaches, Meta AI), "
                      "'bulk' (no-reply mail); '' otherwise"),
        "is_draft": ("bool", "a draft that was never sent"),
        "is_auto": ("bool", "auto-reply, out-of-office or delivery failure (bounce)"),
        "channel": ("str", "the network it was sent on: 'linkedin', 'mail', 'facebook', "
                    "'instagram', 'x', 'whatsapp', 'telegram' ('' when the source does not say: "
                    "a message log)"),
        "source": ("str", "the file it was read from"),
    },
    "invitations": {
        "person_id": ("str", "the other person of the invitation"),
        "direction": ("str", "'incoming' (they asked the owner) or 'outgoing' (owner asked)"),
        "sent_at": ("datetime64[ns, UTC]", "when the invitation was sent (NaT if unknown)"),
        "message": ("str", "the note sent with it ('' if none)"),
        "source": ("str", "the file it was read from"),
    },
    "interactions": {
        "person_id": ("str", "the other person"),
        "kind": ("str", "'recommendation' or 'endorsement'"),
        "direction": ("str", "'given' (owner gave it) or 'received'"),
        "at": ("datetime64[ns, UTC]", "when (NaT if unknown)"),
        "detail": ("str", "endorsed skill or recommendation status ('' if none)"),
        "source": ("str", "the file it was read from"),
    },
}

TABLES = tuple(COLUMNS)

#: The networks a person can be seen on (``people.networks``, ``messages.channel``), in the
#: order they are listed everywhere.
NETWORKS = ("linkedin", "mail", "facebook", "instagram", "x", "telegram", "whatsapp")


def join_networks(values: Iterable[str]) -> str:
    """Several ``people.networks`` values as one, each network once, in :data:`NETWORKS` order.

    >>> join_networks(["whatsapp", "linkedin; whatsapp", ""])
    'linkedin; whatsapp'
    """
    seen = {n for v in values for n in v.split("; ") if n}
    return "; ".join(n for n in NETWORKS if n in seen)


def empty_table(name: str) -> pd.DataFrame:
    """An empty table with the documented columns and dtypes of ``name``.

    Examples
    --------
    >>> list(empty_table("invitations").columns)
    ['person_id', 'direction', 'sent_at', 'message', 'source']
    """
    # Every Network starts with four empty tables: built once per name, then copied
    # (a copy is 50 times cheaper than conform, and 442 were built for a 20-member team).
    return _empty_table(name).copy()


@cache
def _empty_table(name: str) -> pd.DataFrame:
    import pandas as pd

    return conform(pd.DataFrame(), name)


def conform(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return ``frame`` with exactly the columns of table ``name``, filled and typed.

    Missing text columns become '', missing booleans False, missing dates NaT; extra columns
    are dropped. Used by importers so that every table has one shape.
    """
    import numpy as np
    import pandas as pd

    spec = COLUMNS[name]
    if _conforms(frame, spec):
        # A table conformed once and handed on (a file's people, conformed by its reader and
        # again by the Network it goes into): a new frame on the same columns, which pandas'
        # copy-on-write keeps apart. The steps below would change nothing in it, and cost
        # 1.4 ms per people table: 27 conforms make the fixed cost of reading a small export.
        return frame.copy(deep=False)
    n = len(frame)
    index = pd.RangeIndex(n)
    present = set(frame.columns.tolist())
    # Arrays, not Series, into one DataFrame on a fresh index: Series on the frame's index
    # cost an index alignment and a reset_index per call (1 ms per table; 27 conforms make
    # the fixed cost of reading a small export, issue 17).
    out: dict[str, Any] = {}
    for column, (dtype, _) in spec.items():
        if column in present:
            values = frame[column]
        elif dtype == "bool":
            out[column] = np.zeros(n, dtype=bool)
            continue
        elif dtype.startswith("datetime"):
            values = pd.Series(pd.NaT, index=index, dtype="datetime64[ns, UTC]")
        elif dtype == "object":
            out[column] = np.fromiter([()] * n, dtype=object, count=n)
            continue
        else:
            # A scalar, not a list of n '': seven times faster on 500,000 rows.
            values = pd.Series("", index=index, dtype="str")
        if dtype == "str":
            # A column already of pandas' text dtype only needs its gaps filled: the round
            # trip through Python objects costs seconds on 500,000 messages, per column.
            if str(values.dtype) == "str":
                if values.hasnans:
                    values = values.fillna("")
            else:
                values = values.fillna("").astype(object).astype(str)
        elif dtype == "bool":
            if values.dtype != bool:
                values = values.fillna(False).astype(bool)
        elif dtype.startswith("datetime"):
            if str(values.dtype) != dtype:
                values = pd.to_datetime(values, utc=True)
        out[column] = values.to_numpy() if dtype in ("bool", "object") else values.array
    return pd.DataFrame(out, index=index, columns=list(spec))


def _conforms(frame: pd.DataFrame, spec: dict[str, tuple[str, str]]) -> bool:
    """True when ``frame`` already has exactly the columns of ``spec``, in order, of their
    dtypes, text without gaps, and a plain 0..n-1 index: what :func:`conform` returns."""
    import pandas as pd

    index = frame.index
    if frame.columns.tolist() != list(spec) or not (
            isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1):
        return False
    dtypes = [dtype for dtype, _ in spec.values()]
    if [str(dtype) for dtype in frame.dtypes] != dtypes:
        return False
    # Each text column's own null count: an isna of the whole frame built 7,500,000
    # booleans for 500,000 messages (0.014 s per conform).
    return not any(frame.iloc[:, i].hasnans for i, dtype in enumerate(dtypes) if dtype == "str")


def text_isin(values: pd.Series, allowed: Iterable[Any]) -> pd.Series:
    """``values.isin(allowed)`` for a text column, without pandas' per-value cost.

    pandas 3 builds one Arrow scalar per element of ``allowed`` (0.3 s for 15,000 person ids);
    Arrow's own ``is_in`` takes the whole set at once. ``allowed`` may be a text column too:
    its distinct values are taken in Arrow, with no Python string made (34,000 ids: 0.005 s
    less). Missing values are never in.

    >>> import pandas as pd
    >>> text_isin(pd.Series(["a", "b", None], dtype="str"), {"b", "c"}).tolist()
    [False, True, False]
    >>> text_isin(pd.Series(["a", "b"], dtype="str"), pd.Series(["b", None, "b"], dtype="str")
    ...           ).tolist()
    [False, True]
    """
    import pandas as pd

    if str(values.dtype) != "str":
        return values.isin(allowed)
    import pyarrow as pa
    import pyarrow.compute as pc

    column = pa.array(values)
    if isinstance(allowed, pd.Series) and str(allowed.dtype) == "str":
        wanted = pc.drop_null(pc.unique(pa.array(allowed))).cast(column.type)
    else:
        wanted = pa.array([v for v in allowed if isinstance(v, str)], type=column.type)
    found = pc.is_in(column, value_set=wanted).to_numpy(zero_copy_only=False)
    return pd.Series(found, index=values.index, dtype=bool)


#: factorize_text's results, by the id of the Arrow array they are of (and the sentinel
#: choice); an entry goes when its array does.
_FACTORIZED: dict[tuple[int, bool], tuple[Any, Any, Any]] = {}


def factorize_text(values: pd.Series, *, use_na_sentinel: bool = True) -> tuple[Any, Any]:
    """``pandas.factorize(values)``, computed once per Arrow array: the messages' sender
    and conversation columns were factorized again by every stage that groups by them
    (deriving directions and groups, the outreach, the summary: 0.04 s each at 1,500,000
    messages, issue 17). An Arrow array never changes, and a column given new values gets a
    new one, so results are kept while the array lives. The codes are read-only; a column
    that is not Arrow text is factorized each time.

    >>> import pandas as pd
    >>> column = pd.Series(["b", "a", "b"], dtype="str")
    >>> codes, uniques = factorize_text(column)
    >>> codes.tolist(), uniques.tolist(), factorize_text(column)[0] is codes
    ([0, 1, 0], ['b', 'a'], True)
    """
    import weakref

    import pandas as pd

    to_arrow = getattr(values.array, "__arrow_array__", None)
    if to_arrow is None or str(values.dtype) != "str":
        return pd.factorize(values, use_na_sentinel=use_na_sentinel)
    array = to_arrow()
    # Without a missing value both choices give the same codes: one entry serves both.
    key = (id(array), use_na_sentinel or not array.null_count)
    found = _FACTORIZED.get(key)
    if found is not None and found[0]() is array:
        return found[1], found[2]
    codes, uniques = pd.factorize(values, use_na_sentinel=use_na_sentinel)
    codes.flags.writeable = False
    _FACTORIZED[key] = (weakref.ref(array, lambda _: _FACTORIZED.pop(key, None)), codes, uniques)
    return codes, uniques


def code_of(uniques: Any, value: Any) -> int:
    """Position of ``value`` among distinct values without a missing one (the uniques of a
    factorize), -1 when absent or None. One comparison, in Arrow for text: a pandas Index
    built its hash table of 45,000-75,000 ids for this one look-up (0.01-0.05 s, issue 17).

    >>> import pandas as pd
    >>> uniques = pd.Index(["b", "a"], dtype="str")
    >>> code_of(uniques, "a"), code_of(uniques, "c"), code_of(uniques, None)
    (1, -1, -1)
    >>> code_of(pd.Index(["b", "a"], dtype=object), "b")
    0
    """
    import numpy as np

    if value is None:
        return -1
    found = np.flatnonzero(np.asarray(uniques == value, dtype=bool))
    return int(found[0]) if len(found) else -1


def factorize_objects(values: Any) -> tuple[Any, Any]:
    """``pd.factorize(values)`` of an array of Python objects (the same codes, the same
    distinct values in the same order), hashing each distinct object once: rows that hold
    one object (the recipient tuples of LinkedIn's messages, one tuple per distinct
    recipient list) are grouped by its address first. Hashing 500,000 tuples cost 0.027 s,
    their addresses 0.008 s (issue 17).

    >>> import numpy as np
    >>> a, b = ("x",), ("y", "z")
    >>> codes, distinct = factorize_objects(np.array([b, a, b, ("x",), None, a] , dtype=object))
    >>> codes.tolist(), distinct.tolist()
    ([0, 1, 0, 1, -1, 1], [('y', 'z'), ('x',)])
    """
    import numpy as np
    import pandas as pd

    if values.dtype != object or values.ndim != 1 or not values.flags.c_contiguous:
        return pd.factorize(values)
    # The array holds references: read as integers they are the objects' addresses, valid
    # while ``values`` lives.
    addresses = np.frombuffer(values.data, dtype=np.intp)
    codes, found = pd.factorize(addresses)
    # One row per address (any: all hold the same object), in order of first appearance.
    rows = np.empty(len(found), dtype=np.intp)
    rows[codes] = np.arange(len(values))
    object_codes, distinct = pd.factorize(values[rows])
    return object_codes[codes], distinct


#: factorize_tuples' codes, by the array an object column of tuples holds (its root array,
#: the view's start and length): what a rewrite of the column already knew. An entry goes
#: when its array does.
_TUPLE_CODES: dict[tuple[int, int, int, int], tuple[Any, Any, Any]] = {}


def _held_array(values: pd.Series) -> tuple[Any, tuple[int, int, int, int]] | None:
    """The array that holds the object column ``values`` (pandas keeps a column in a block
    and hands out views of it) and a key of the view; None when ``values`` is no object
    column."""
    import numpy as np

    array = values.to_numpy(dtype=object, copy=False)
    if array.dtype != object or array.ndim != 1:
        return None
    root = array
    while isinstance(root.base, np.ndarray):
        root = root.base
    return root, (id(root), array.__array_interface__["data"][0], len(array),
                  array.strides[0])


def factorize_tuples(values: pd.Series) -> tuple[Any, Any]:
    """Codes of an object column of tuples (``messages.recipient_ids``) and the tuples they
    stand for: what :func:`remember_tuples` was told about the array the column holds,
    else :func:`factorize_objects`. The codes are a grouping of equal rows (two codes may stand
    for equal tuples; -1 only for a missing value) and are read-only: hashing 500,000
    tuples cost 0.025 s each time the column was rewritten or grouped (issue 17).

    >>> import pandas as pd
    >>> column = pd.Series([("a",), ("b", "c"), ("a",)], dtype=object)
    >>> codes, tuples = factorize_tuples(column)
    >>> codes.tolist(), tuples.tolist()
    ([0, 1, 0], [('a',), ('b', 'c')])
    """
    held = _held_array(values)
    if held is not None:
        found = _TUPLE_CODES.get(held[1])
        if found is not None and found[0]() is held[0]:
            return found[1], found[2]
    return factorize_objects(values.to_numpy(dtype=object))


def tuples_at(values: pd.Series, rows: Any) -> tuple[Any, Any, Any] | None:
    """:func:`factorize_tuples` of ``values`` read at ``rows`` (positions or a mask): the
    rows' codes, the codes used among them (each once, ascending) and the tuples; None when
    one of those rows is missing (code -1), for the caller to read the rows themselves.

    >>> import numpy as np
    >>> import pandas as pd
    >>> column = pd.Series([("a",), ("b", "c"), ("a",), None], dtype=object)
    >>> codes, used, tuples = tuples_at(column, np.array([2, 0]))
    >>> codes.tolist(), [tuples[i] for i in used.tolist()]
    ([0, 0], [('a',)])
    >>> tuples_at(column, np.array([3])) is None
    True
    """
    import numpy as np

    codes, tuples = factorize_tuples(values)
    chosen = codes[rows]
    if len(chosen) and chosen.min() < 0:
        return None
    return chosen, np.flatnonzero(np.bincount(chosen, minlength=len(tuples))), tuples


def remember_tuples(values: pd.Series, codes: Any, tuples: Any) -> None:
    """Tell :func:`factorize_tuples` that ``values`` (an object column just set, never
    changed in place) is ``tuples[codes]``, every code at least 0."""
    import weakref

    held = _held_array(values)
    if held is None or len(codes) != len(values) or (len(codes) and codes.min() < 0):
        return
    root, key = held
    codes.flags.writeable = False
    _TUPLE_CODES[key] = (weakref.ref(root, lambda _: _TUPLE_CODES.pop(key, None)), codes,
                         tuples)


@dataclass(frozen=True)
class SourceFile:
    """What was found in one input file: shown to the user, one line each."""

    path: str
    kind: str
    rows: int
    note: str = ""

    def __str__(self) -> str:
        text = f"{self.path}: {self.kind}, {self.rows:,} row{'' if self.rows == 1 else 's'}"
        return f"{text} ({self.note})" if self.note else text


@dataclass
class Owner:
    """The person whose data this is, and how netaudit knows."""

    person_id: str
    name: str = ""
    how: str = ""


@dataclass
class Network:
    """Normalized tables of one person's (or one team's) network. See ``COLUMNS``."""

    people: pd.DataFrame = field(default_factory=lambda: empty_table("people"))
    messages: pd.DataFrame = field(default_factory=lambda: empty_table("messages"))
    invitations: pd.DataFrame = field(default_factory=lambda: empty_table("invitations"))
    interactions: pd.DataFrame = field(default_factory=lambda: empty_table("interactions"))
    owner: Owner | None = None
    sources: list[SourceFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    joins: list[Any] = field(default_factory=list)
    """The joins of one name across networks (:class:`netaudit.identity.Join`): how each was
    corroborated, or that it rests on the name alone (``netaudit people --review``)."""
    unread: list[str] = field(default_factory=list)
    """Files of an export netaudit does not read but expects there (``Skills.csv``,
    ``Registration.csv``…, :data:`netaudit.importers.linkedin.EXPORT_FILES_NOT_READ`), as
    shown to the user: no warning, listed by ``-v``."""
    chat_names: list[str] = field(default_factory=list)
    """The names chats were exported under (a WhatsApp chat's file name or its iOS notice, the
    title of a one-to-one Messenger thread): the other person of a one-to-one chat, never its
    owner (:func:`netaudit.identity.find_owner` when two people are in every conversation)."""
    strangers: list[str] = field(default_factory=list)
    """Names a chat shows as outside the exporter's address book (WhatsApp's '~ Name', a
    bare phone number): never its owner (:func:`netaudit.identity.find_owner`)."""
    not_exporters: list[str] = field(default_factory=list)
    """Names a chat's system lines give in the third person ('Ana added Bo': Ana and Bo),
    where the exporter is always 'you': never its owner (:func:`netaudit.identity.find_owner`)."""
    set_aside: dict[str, int] = field(default_factory=dict)
    """Counts of what was read but set aside that no table row shows (see
    :func:`set_aside_counts`): 'linkedin_member_in_lists', 'non_contact_files',
    'unjoined_names', 'own_second_accounts', 'x_one_way_follows', 'fragments'."""

    @property
    def connections(self) -> pd.DataFrame:
        """People rows that are the owner's connections (hidden profiles included)."""
        return self.people[self.connection_rows]

    @property
    def connection_rows(self) -> pd.Series:
        """Which rows of ``people`` are :attr:`connections` (a boolean Series), to count or
        test them without copying the rows."""
        people = self.people
        return people["is_connection"] & ~people["is_owner"]

    @property
    def owner_id(self) -> str | None:
        return self.owner.person_id if self.owner else None

    def validate(self) -> None:
        """Raise ``ValueError`` if a table lacks a documented column or has a wrong dtype,
        or a reference points at no person. A bug check for importers, not user input."""
        ids = set(self.people["person_id"])
        for name, spec in COLUMNS.items():
            frame = getattr(self, name)
            if list(frame.columns) != list(spec):
                raise ValueError(f"{name} has columns {list(frame.columns)}, want {list(spec)}")
            for column, (dtype, _) in spec.items():
                actual = str(frame[column].dtype)
                if dtype == "str":
                    ok = actual in ("object", "str", "string")
                elif dtype == "bool":
                    ok = actual == "bool"
                elif dtype.startswith("datetime"):
                    ok = actual.startswith("datetime64") and "UTC" in actual
                else:
                    ok = True
                if not ok:
                    raise ValueError(f"{name}.{column} has dtype {actual}, want {dtype}")
        if self.people["person_id"].duplicated().any():
            raise ValueError("people.person_id has duplicates")
        for name in ("invitations", "interactions"):
            missing = set(getattr(self, name)["person_id"]) - ids
            if missing:
                raise ValueError(f"{name} references unknown people: {sorted(missing)[:3]}")
        senders = set(self.messages["sender_id"]) - ids
        if senders:
            raise ValueError(f"messages reference unknown senders: {sorted(senders)[:3]}")
        if self.owner is not None and self.owner.person_id not in ids:
            raise ValueError(f"owner {self.owner.person_id!r} is not in people")


def real_messages(network: Network) -> np.ndarray:
    """Which messages were sent by someone: neither drafts nor sponsored/system rows (the
    messages every figure counts)."""
    messages = network.messages
    return ~(messages["is_draft"].to_numpy(dtype=bool)
             | messages["is_system"].to_numpy(dtype=bool))


def has_message_log(network: Network) -> bool:
    """Whether any message was read (:func:`real_messages`). Without one, who is in touch
    with whom is not known: nobody is dormant, nobody to prune, nobody messaged, as figures
    of the data read would have it.

    >>> has_message_log(Network())
    False
    """
    return bool(real_messages(network).any())


def concat(networks: Iterable[Network]) -> Network:
    """Stack the tables of several networks without resolving identities.

    Provisional person ids must already be unique across the inputs (importers prefix them
    with the file they come from). :func:`netaudit.identity.resolve` then merges people.
    """
    import pandas as pd

    nets = list(networks)
    merged = Network()
    for name in TABLES:
        frames = [getattr(n, name) for n in nets if len(getattr(n, name))]
        if frames:
            # One file's table (an export's messages) needs no copy through concat.
            stacked = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
            setattr(merged, name, conform(stacked, name))
    for n in nets:
        merged.sources.extend(n.sources)
        merged.problems.extend(n.problems)
        merged.unread.extend(n.unread)
        merged.chat_names.extend(n.chat_names)
        merged.strangers.extend(n.strangers)
        merged.not_exporters.extend(n.not_exporters)
        for key, count in n.set_aside.items():
            merged.set_aside[key] = merged.set_aside.get(key, 0) + count
    owners = [n.owner for n in nets if n.owner is not None]
    merged.owner = owners[0] if owners else None
    return merged


def derive_message_fields(network: Network) -> None:
    """Fill ``direction`` and ``is_group`` once the owner is known.

    A message is outgoing when the owner sent it. A conversation is a group conversation when,
    over all its messages, more than one person besides the owner sent or received a message;
    system, auto-reply and bounce messages do not make anyone a participant.
    """
    from itertools import chain

    import numpy as np
    import pandas as pd
    import pyarrow as pa

    messages = network.messages
    if messages.empty:
        return
    owner = network.owner_id
    of_message, conversation_names = factorize_text(messages["conversation_id"])
    sender_codes, senders = factorize_text(messages["sender_id"])
    # Outgoing: sent by the owner, tested once per distinct sender and taken by code (the
    # last slot: a missing sender); comparing and mapping 500,000 cells cost 0.008 s.
    mine = np.zeros(len(senders) + 1, dtype=bool)
    if owner is not None:
        mine[:-1] = (pd.Series(senders) == owner).to_numpy(dtype=bool)
    directions = pa.array(["incoming", "outgoing"], type=pa.large_string())
    messages["direction"] = pd.Series(
        directions.take(pa.array(mine[sender_codes].astype(np.int8))),
        index=messages.index, dtype="str")
    # System senders and bounces (LinkedIn Member, MAILER-DAEMON) are not participants.
    real = ~(messages["is_system"].to_numpy(dtype=bool) | messages["is_auto"].to_numpy(dtype=bool))
    # Distinct (conversation, person) pairs as integer codes. Conversations, senders and
    # recipient tuples are factorized over the whole column (a conversation repeats the same
    # few tuples), and only the distinct tuples are unpacked: building a flat object array of
    # every sender and recipient took 0.35 s on 500,000 messages.
    tuple_codes, tuples = factorize_tuples(messages["recipient_ids"])
    # Each (conversation, sender) and (conversation, recipients) pair once: a conversation
    # repeats the same few, and only they are unpacked below (60,000 pairs, not 500,000
    # messages).
    sender_in, sender_codes = _distinct_pairs(of_message[real], sender_codes[real], len(senders))
    tuples_in, tuple_codes = _distinct_pairs(of_message[real], tuple_codes[real], len(tuples))
    tuples = [*tuples, ()]  # the last one stands for a missing value (code -1)
    sizes = np.fromiter(map(len, tuples), dtype=np.int64, count=len(tuples))
    starts = np.cumsum(sizes) - sizes
    member_codes, people = pd.factorize(np.concatenate([
        np.asarray(senders, dtype=object),
        np.array(list(chain.from_iterable(tuples)), dtype=object),
    ]))
    sender_people = np.append(member_codes[:len(senders)], -1)  # -1: a missing sender
    members = member_codes[len(senders):]
    # Each message's recipients: its tuple's slice of ``members``, laid out flat.
    per_message = sizes[tuple_codes]
    total = int(per_message.sum())
    offsets = np.repeat(starts[tuple_codes] - (np.cumsum(per_message) - per_message),
                        per_message)
    recipient_people = members[offsets + np.arange(total)] if total else members[:0]
    conversation_codes = np.concatenate([sender_in, np.repeat(tuples_in, per_message)])
    person_codes = np.concatenate([sender_people[sender_codes], recipient_people])
    keep = (person_codes >= 0) & (conversation_codes >= 0)
    for code in np.flatnonzero(np.asarray(people, dtype=object) == owner).tolist():
        keep &= person_codes != code
    # Two people or more besides the owner: someone other than the conversation's lowest
    # person code (np.minimum.at and a count, instead of hashing a million (conversation,
    # person) pairs and looking the groups up by name).
    conversation_codes, person_codes = conversation_codes[keep], person_codes[keep]
    lowest = np.full(len(conversation_names), len(people))
    np.minimum.at(lowest, conversation_codes, person_codes)
    other = person_codes != lowest[conversation_codes]
    # The last one stands for a missing conversation (code -1): never a group.
    group = np.append(np.bincount(conversation_codes[other],
                                  minlength=len(conversation_names)) > 0, False)
    messages["is_group"] = group[of_message]


def _distinct_pairs(first: np.ndarray, second: np.ndarray, width: int
                    ) -> tuple[np.ndarray, np.ndarray]:
    """The distinct pairs of two arrays of codes (-1 for a missing value, ``second`` below
    ``width``), in order of first appearance, as two arrays.

    >>> import numpy as np
    >>> [a.tolist() for a in _distinct_pairs(np.array([0, 0, 1, -1, 0]),
    ...                                      np.array([2, 2, -1, 0, 1]), 3)]
    [[0, 1, -1, 0], [2, -1, 0, 1]]
    """
    import numpy as np
    import pandas as pd

    keys = pd.unique((first.astype(np.int64) + 1) * (width + 1) + (second + 1))
    return keys // (width + 1) - 1, keys % (width + 1) - 1


#: The ``set_aside`` of a row that only says its sender reacted to one of the owner's
#: messages (Instagram's 'Reacted ❤ to your message', :mod:`netaudit.importers.facebook`):
#: no message, but its sender is a person, not a system sender (:mod:`.analyses.replies`).
REACTION_NOTICE = "reaction notice"
#: The ``set_aside`` of a row that only says what its sender did in a Messenger thread: a
#: call ('Ana started a call.', a row of ``type`` 'Call'), a poll vote, a new theme or
#: nickname, a member added or gone (:mod:`netaudit.importers.facebook`). Its sender is a
#: person, as a reaction notice's.
ACTIVITY_NOTICE = "activity notice"
#: The ``set_aside`` of a row an AI assistant wrote, or written to it alone: LinkedIn's
#: coaches (their own files), Meta AI in a Messenger thread. No person's message; the
#: assistant is no person, tie or participant.
ASSISTANT = "assistant"
#: The set-aside rows a person sent: no message, but no system sender either.
PERSON_NOTICES = (REACTION_NOTICE, ACTIVITY_NOTICE)


#: The kind of source an invitation list is read as (:class:`SourceFile`, LinkedIn's
#: Invitations.csv): :mod:`netaudit.analyses.summary` tells a list without rows from none.
INVITATIONS_KIND = "LinkedIn invitations"
#: How an X archive's two follow lists are named (the start of their ``SourceFile.note``):
#: :func:`netaudit.importers.twitter.mutual_follows` tells them apart by it, and the reading
#: line counts their rows as "X followers" and "X accounts followed".
X_FOLLOWERS, X_FOLLOWING = "accounts following you", "accounts you follow"


#: What :func:`set_aside_counts` returns, in the order the output lists it, with the words
#: of the one line each gets.
SET_ASIDE = {
    "sponsored": ("sponsored or marketing message (not a person writing)",
                  "sponsored or marketing messages (not a person writing)"),
    "system_events": ("system event without a sender ('left the conversation', 'request "
                      "accepted')", "system events without a sender ('left the "
                      "conversation', 'request accepted')"),
    "linkedin_member": ("message of or to 'LinkedIn Member' (InMail, a deleted account) or "
                        "mention of one in a recipient list",
                        "messages of or to 'LinkedIn Member' (InMail, deleted accounts) and "
                        "mentions of one in recipient lists"),
    "unavailable_accounts": ("Messenger message of or to an unavailable account (deleted or "
                             "deactivated: the download gives no name)",
                             "Messenger messages of or to unavailable accounts (deleted or "
                             "deactivated: the download gives no name)"),
    "reaction_notices": ("row that only says someone reacted to your message ('Reacted … to "
                         "your message', 'Liked a message': Instagram, Messenger)",
                         "rows that only say someone reacted to your message ('Reacted … to "
                         "your message', 'Liked a message': Instagram, Messenger)"),
    "activity_notices": ("row that only says what someone did in a thread (a call, a poll "
                         "vote, a new theme or nickname, a member added: Messenger)",
                         "rows that only say what someone did in a thread (calls, poll votes, "
                         "new themes or nicknames, members added: Messenger)"),
    "unjoined_names": ("person known only by a name several connections share, left "
                       "unjoined", "people known only by a name several connections share, "
                       "left unjoined"),
    "non_contact_files": ("file that is not contacts (receipts, verifications, imported "
                          "address book)", "files that are not contacts (receipts, "
                          "verifications, imported address book)"),
    "own_second_accounts": ("profile of your own (your name under another profile URL): "
                            "its messages count as yours, it is no connection or tie",
                            "profiles of your own (your name under other profile URLs): "
                            "their messages count as yours, they are no connections or ties"),
    "assistant_messages": ("message of or to an AI assistant (Meta AI in Messenger or "
                           "WhatsApp, LinkedIn's coaches)", "messages of or to an AI assistant "
                           "(Meta AI in Messenger or WhatsApp, LinkedIn's coaches)"),
    "x_one_way_follows": ("X account that follows you or that you follow, not both: no "
                          "connection (a direct message still makes it a person)",
                          "X accounts that follow you or that you follow, not both: no "
                          "connections (a direct message still makes one a person)"),
}


def set_aside_counts(network: Network) -> dict[str, int]:
    """How many rows of each kind were read but set aside (keys of :data:`SET_ASIDE`):
    message rows by ``set_aside``, plus what no table row shows.

    >>> set_aside_counts(Network())["sponsored"]
    0
    """
    kinds = network.messages["set_aside"].value_counts().to_dict() if len(
        network.messages) else {}
    extra = network.set_aside
    return {
        "sponsored": int(kinds.get("sponsored", 0)),
        "system_events": int(kinds.get("system event", 0)),
        "linkedin_member": int(kinds.get("linkedin member", 0))
        + int(extra.get("linkedin_member_in_lists", 0)),
        "unavailable_accounts": int(kinds.get("unavailable account", 0)),
        "reaction_notices": int(kinds.get(REACTION_NOTICE, 0)),
        "activity_notices": int(kinds.get(ACTIVITY_NOTICE, 0)),
        "unjoined_names": int(extra.get("unjoined_names", 0)),
        "non_contact_files": int(extra.get("non_contact_files", 0)),
        "own_second_accounts": int(extra.get("own_second_accounts", 0)),
        "assistant_messages": int(kinds.get(ASSISTANT, 0)),
        "x_one_way_follows": int(extra.get("x_one_way_follows", 0)),
    }


def set_aside_lines(counts: dict[str, int]) -> list[str]:
    """One line per kind of row set aside (kinds with none are not listed).

    >>> set_aside_lines({"sponsored": 7, "system_events": 0, "non_contact_files": 1})[0]
    'set aside: 7 sponsored or marketing messages (not a person writing)'
    >>> len(set_aside_lines({"sponsored": 7, "system_events": 0, "non_contact_files": 1}))
    2
    """
    return [f"set aside: {counts[key]:,} {words[counts[key] != 1]}"
            for key, words in SET_ASIDE.items() if counts.get(key)]
