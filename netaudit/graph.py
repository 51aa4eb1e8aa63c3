"""Who is tied to whom: networkx graphs built from one or several Networks.

An export is a star: the owner and everyone in their data. :func:`ego_graph` draws that star,
with what the data says about each tie on its edge, and adds the few ties *between* connections
that the data can show: people who were together in a group conversation, and people with the
same current employer (a separate, weaker edge kind). :func:`team_graph` merges several
people's ego graphs after resolving who is who across the exports.

Edge kinds (``kind`` attribute, see :class:`EdgeKind`):

- ``owner``: the owner and a person in their data (connection, address-book contact, someone
  they exchanged messages with, an invitation or an endorsement). Attributes: messages each
  way, first and last contact, 1:1 and group conversations, who sent the invitation,
  recommendations and endorsements each way, the connection date, and ``strength`` (tie
  strength from :mod:`netaudit.analyses.ties` when given, else 0).
- ``group``: two people other than the owner who were both in at least one group conversation
  of at most ``MAX_GROUP_SIZE`` participants; ``group_conversations`` counts them.
- ``employer``: two people with the same current company (normalized: case, accents,
  punctuation and legal suffixes such as "Inc." or "GmbH" ignored), in a company of at most
  ``MAX_EMPLOYER_GROUP`` people of the data; a bigger company says little about who knows whom.

When a pair has several kinds, the edge keeps the strongest kind (owner, then group, then
employer) and records the others in ``group_conversations`` and ``same_employer``.

Pure: no printing, no files. networkx and pandas are imported inside the functions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache
from itertools import chain, combinations, repeat
from typing import TYPE_CHECKING, Any

from netaudit.collector import collector_paused

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from netaudit.model import Network

#: Group conversations with more participants (owner excluded) than this make no ties between
#: their members: a mailing list or a 200-person announcement says nothing about who knows whom.
MAX_GROUP_SIZE = 20
#: Companies with more people in the data than this make no ``employer`` ties.
MAX_EMPLOYER_GROUP = 50
#: Strength given to ties between connections when paths are searched (``path_strength``).
GROUP_TIE_STRENGTH = 0.10
EMPLOYER_TIE_STRENGTH = 0.02


class EdgeKind(StrEnum):
    """What an edge of the graph stands for."""

    OWNER = "owner"
    GROUP = "group"
    EMPLOYER = "employer"


#: Every edge kind, described for the README and the graph file; walked by a test.
EDGE_KIND_MEANING: dict[EdgeKind, str] = {
    EdgeKind.OWNER: "the owner of the data and a person in it",
    EdgeKind.GROUP: "two people who were together in a group conversation",
    EdgeKind.EMPLOYER: "two people with the same current employer (weak)",
}

_KIND_RANK = {EdgeKind.OWNER.value: 0, EdgeKind.GROUP.value: 1, EdgeKind.EMPLOYER.value: 2}

#: Per-person columns of :func:`ego_ties`, in order. Counts are ints, dates ISO strings.
EGO_TIE_COLUMNS = (
    "person_id",
    "messages_from_owner",
    "messages_to_owner",
    "first_contact",
    "last_contact",
    "conversations_1to1",
    "conversations_group",
    "invited_by",
    "recommendations_given",
    "recommendations_received",
    "endorsements_given",
    "endorsements_received",
)

_LEGAL_SUFFIXES = frozenset(
    "inc incorporated llc ltd limited gmbh ag sa sas sarl bv nv plc corp corporation co "
    "company srl spa oy ab as aps kg pty".split()
)
_NOT_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=100_000)
def company_key(company: str) -> str:
    """A company name reduced for comparison: case, accents, punctuation and legal suffixes
    ignored.

    Examples
    --------
    >>> company_key("Acme, Inc.")
    'acme'
    >>> company_key("Lumen & Lattice, LLC") == company_key("lumen lattice")
    True
    >>> company_key("Zürich Re AG")
    'zurich re'
    """
    from netaudit.identity import fold

    words = _NOT_WORD.sub(" ", fold(company)).split()
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def contact_events(network: Network, *, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """One row per contact between the owner and another person.

    A contact is a message either way (group conversations included; drafts, sponsored/system
    rows and auto-replies or bounces excluded) or a recommendation or endorsement either way.
    A message the owner sent to several people is one contact with each. Events after
    ``as_of`` are left out.

    Returns a DataFrame with columns ``person_id``, ``at`` (UTC, NaT when the source has no
    date), ``kind`` ('message', 'recommendation', 'endorsement'), ``from_owner`` (bool),
    ``conversation_id`` ('' for recommendations/endorsements), ``is_group`` and ``channel``
    (the network: the message's ``channel``, 'linkedin' for recommendations and
    endorsements, '' for a message log that does not say).

    Examples
    --------
    >>> from netaudit.model import Network
    >>> list(contact_events(Network()).columns)
    ['person_id', 'at', 'kind', 'from_owner', 'conversation_id', 'is_group', 'channel']
    """
    import pandas as pd

    found = _contact_rows(network, as_of)
    if found is None:
        events = pd.DataFrame({c: pd.Series(dtype=object) for c in _EVENT_COLUMNS})
        events["at"] = pd.Series(dtype="datetime64[ns, UTC]")
        return events.astype({"from_owner": bool, "is_group": bool})
    order = found.order
    conversation, channel = found.messages["conversation_id"], found.messages["channel"]
    interactions = found.interactions
    return pd.DataFrame({
        "person_id": found.person_ids(),
        "at": found.at.take(order).reset_index(drop=True),
        "kind": found.column("message", "message", interactions["kind"]),
        "from_owner": found.from_owner[order],
        "conversation_id": found.column(conversation, conversation, ""),
        "is_group": found.is_group[order],
        "channel": found.column(channel, channel, "linkedin"),
    })


_EVENT_COLUMNS = ["person_id", "at", "kind", "from_owner", "conversation_id", "is_group",
                  "channel"]


@dataclass
class ContactCodes:
    """:func:`contact_events` as integer codes, in its order: what :func:`ego_ties` and tie
    strength compute from, without the text columns of 550,000 events that only the
    DataFrame needs (issue 17). Equal texts have equal codes; the codes of ``person`` follow
    the order of each person's first event (as ``pd.factorize`` numbers them)."""

    person: Any
    """The code of each event's person in ``people``."""
    people: pd.Index
    at: pd.Series
    """UTC timestamps (ns), NaT when undated; index 0..n-1."""
    kind: Any
    """The code of each event's kind in ``kinds``."""
    kinds: list[str]
    from_owner: Any
    is_group: Any
    conversation: Any
    """A code per event, equal for equal conversation ids."""
    channel: Any
    """The code of each event's network in ``channels``."""
    channels: pd.Series

    def __len__(self) -> int:
        return len(self.person)

    @cached_property
    def span(self) -> tuple[pd.Series, pd.Series]:
        """:func:`contact_span` of the events: the first and the last dated event of each
        person code (read by :func:`ego_ties` and tie strength alike, found once)."""
        return contact_span(self.at, self.person, len(self.people))

    def is_kind(self, kind: str) -> Any:
        import numpy as np

        if kind not in self.kinds:
            return np.zeros(len(self.person), dtype=bool)
        return self.kind == self.kinds.index(kind)


def contact_codes(network: Network, *, as_of: pd.Timestamp | None = None) -> ContactCodes:
    """:func:`contact_events` as :class:`ContactCodes`.

    >>> from netaudit.model import Network
    >>> len(contact_codes(Network()))
    0
    """
    import numpy as np
    import pandas as pd

    from netaudit.model import factorize_text

    found = _contact_rows(network, as_of)
    if found is None:
        return codes_of(contact_events(network, as_of=as_of))
    order, interactions = found.order, found.interactions
    rank = found.person_rank[order]
    if len(rank) and rank[0] < 0:  # a missing id (sorted first): numbered as factorize does
        return codes_of(contact_events(network, as_of=as_of))
    # Sorted by person: a new code where the rank changes.
    starts = np.flatnonzero(np.diff(rank, prepend=-1) != 0) if len(rank) else rank
    person = np.cumsum(np.diff(rank, prepend=-1) != 0) - 1 if len(rank) else rank
    people = found.person_names.take(rank[starts])
    messages = found.messages

    def coded(*sources: Any) -> tuple[Any, pd.Series]:
        """Codes of a column of the events read from one source per part (a column, or
        one text for the whole part), in the sorted order, and the distinct texts."""
        codes, names, offset = [], [], 0
        known: dict[int, tuple[Any, int]] = {}  # a source read for two parts: coded once
        for source, at_rows in zip(sources, found.parts, strict=True):
            if isinstance(source, str):
                codes.append(np.full(len(at_rows), offset, dtype=np.int64))
                names.append(pd.Series([source], dtype="str"))
            elif id(source) in known:
                source_codes, start = known[id(source)]
                codes.append(source_codes[at_rows] + start)
                continue
            else:  # the messages' conversation ids: factorized once already by the loader
                source_codes, distinct = factorize_text(source, use_na_sentinel=False)
                known[id(source)] = (source_codes, offset)
                codes.append(source_codes[at_rows] + offset)
                names.append(pd.Series(distinct, dtype="str"))
            offset += len(names[-1])
        # The same text from two sources: one code.
        merged, distinct = pd.factorize(pd.concat(names, ignore_index=True),
                                        use_na_sentinel=False)
        taken = np.concatenate(codes)[order]
        if np.array_equal(merged, np.arange(len(merged))):  # no text from two sources
            return taken, pd.Series(distinct, dtype="str")
        return merged[taken], pd.Series(distinct, dtype="str")

    kind, kinds = coded("message", "message", interactions["kind"])
    conversation, _ = coded(messages["conversation_id"], messages["conversation_id"], "")
    channel, channels = coded(messages["channel"], messages["channel"], "linkedin")
    return ContactCodes(
        person=person, people=pd.Index(people), at=found.at.take(order).reset_index(drop=True),
        kind=kind, kinds=[str(k) for k in kinds.tolist()], from_owner=found.from_owner[order],
        is_group=found.is_group[order], conversation=conversation, channel=channel,
        channels=channels)


def codes_of(events: pd.DataFrame) -> ContactCodes:
    """The :class:`ContactCodes` of a :func:`contact_events` table."""
    import pandas as pd

    person, people = pd.factorize(events["person_id"], use_na_sentinel=False)
    kind, kinds = pd.factorize(events["kind"], use_na_sentinel=False)
    conversation, _ = pd.factorize(events["conversation_id"], use_na_sentinel=False)
    channel, channels = pd.factorize(events["channel"], use_na_sentinel=False)
    return ContactCodes(
        person=person, people=pd.Index(people), at=events["at"].reset_index(drop=True),
        kind=kind, kinds=[str(k) for k in kinds.tolist()],
        from_owner=events["from_owner"].to_numpy(dtype=bool),
        is_group=events["is_group"].to_numpy(dtype=bool), conversation=conversation,
        channel=channel, channels=pd.Series(channels, dtype=events["channel"].dtype))


@dataclass
class _ContactRows:
    """What :func:`contact_events` is made of: the events before sorting (sent, one per
    recipient; received; then recommendations and endorsements), each part read from its
    source at ``parts``' rows, and ``order``, the sorted order without the owner."""

    messages: pd.DataFrame
    interactions: pd.DataFrame
    parts: tuple[Any, Any, Any]
    recipient_ids: Any
    """The person of each sent event (Arrow texts, in the order of ``parts[0]``)."""
    person_rank: Any
    person_names: Any
    at: pd.Series
    from_owner: Any
    is_group: Any
    order: Any

    def person_ids(self) -> pd.Series:
        """The person id of each event, in the sorted order."""
        import numpy as np

        return self.column(self.recipient_ids, self.messages["sender_id"],
                           self.interactions["person_id"],
                           parts=(np.arange(len(self.parts[0])), *self.parts[1:]))

    def column(self, *sources: Any, parts: tuple[Any, Any, Any] | None = None) -> pd.Series:
        """A text column of the events, read from one source per part (a column or one
        value) at ``parts``' rows (default :attr:`parts`), in the sorted order: one Arrow
        take."""
        import numpy as np
        import pandas as pd
        import pyarrow as pa

        chunks: list[Any] = []
        start: dict[int, int] = {}
        index = []
        for source, at_rows in zip(sources, parts or self.parts, strict=True):
            if isinstance(source, str):
                source, at_rows = [source], np.zeros(len(at_rows), dtype=np.int64)
            if id(source) not in start:
                start[id(source)] = sum(len(chunk) for chunk in chunks)
                chunks.extend(_arrow_text(source).chunks)
            index.append(start[id(source)] + at_rows)
        taken = np.concatenate(index)[self.order]
        return pd.Series(pa.chunked_array(chunks, type=pa.large_string()).take(taken),
                         dtype="str")


def _arrow_text(values: Any) -> Any:
    """``values`` as a chunked Arrow array of texts (what pandas' "str" columns hold)."""
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        return values
    found = pa.array(values, type=pa.large_string(), from_pandas=True)
    return found if isinstance(found, pa.ChunkedArray) else pa.chunked_array([found])


def _sent_to(messages: pd.DataFrame, outgoing: Any, owner: str) -> tuple[Any, ...] | None:
    """The recipients of the ``outgoing`` messages as :func:`_sent_to_each` finds them (the
    row of each, and its id as Arrow text), with the code of each id among the distinct ones
    and those ids (in no particular order: :func:`_contact_rows` sorts them): read from
    each distinct recipient tuple once (the column's codes, kept by the loader), not from
    450,000 Python strings (0.03 s on the benchmark export, issue 17).
    None when a recipient value is no tuple or an id no text: :func:`_sent_to_each` reads
    those.

    >>> import numpy as np
    >>> import pandas as pd
    >>> messages = pd.DataFrame({"recipient_ids": [("a", "me"), ("b",), ("a", "me"), ("",)]})
    >>> rows, ids, codes, names = _sent_to(messages, np.array([0, 1, 2, 3]), "me")
    >>> rows.tolist(), ids.to_pylist(), codes.tolist(), names.tolist()
    ([0, 1, 2], ['a', 'b', 'a'], [0, 1, 0], ['a', 'b'])
    >>> _sent_to(pd.DataFrame({"recipient_ids": [("a",), "b"]}), np.array([0, 1]), "me") is None
    True
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from netaudit.model import tuples_at

    found = tuples_at(messages["recipient_ids"], outgoing)
    if found is None:
        return None
    chosen, used, tuples = found
    distinct = [tuples[i] for i in used.tolist()]
    if set(map(type, distinct)) - {tuple}:
        return None
    lengths = np.fromiter(map(len, distinct), dtype=np.int64, count=len(distinct))
    try:
        items = pa.array(list(chain.from_iterable(distinct)), type=pa.large_string(),
                         from_pandas=True)
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        return None
    kept = pc.fill_null(pc.and_(pc.not_equal(items, owner), pc.not_equal(items, "")),
                        False).to_numpy(zero_copy_only=False)
    # Each message's tuple as a run of positions among the items.
    place = np.zeros(len(tuples), dtype=np.int64)
    place[used] = np.arange(len(used))
    counts = lengths[place[chosen]]
    starts = (np.cumsum(lengths) - lengths)[place[chosen]]
    total = int(counts.sum())
    at = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(total)
    named = kept[at]
    at = at[named]
    # Every kept item is some event's (each tuple read is some message's): the events' ids
    # are these, numbered in the items' order rather than the events'.
    item_codes, names = pd.factorize(pd.Series(items.filter(pa.array(kept)), dtype="str"))
    code = np.full(len(items), -1, dtype=np.int64)
    code[np.flatnonzero(kept)] = item_codes
    return (np.repeat(outgoing, counts)[named], pa.chunked_array([items.take(at)]), code[at],
            names)


def _sent_to_each(messages: pd.DataFrame, outgoing: Any, owner: str) -> tuple[Any, Any]:
    """The row of each recipient of the ``outgoing`` messages and its id (Arrow texts), one
    recipient at a time: :func:`_sent_to` where a value is no tuple or an id no text."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    recipients = messages["recipient_ids"].to_numpy(dtype=object)[outgoing].tolist()
    if set(map(type, recipients)) - {tuple}:  # one pass in C rather than a generator
        recipients = [r if isinstance(r, (tuple, list)) else (r,) for r in recipients]
    counts = np.fromiter(map(len, recipients), dtype=np.int64, count=len(recipients))
    to_whom = np.fromiter(chain.from_iterable(recipients), dtype=object, count=counts.sum())
    sent_rows = np.repeat(outgoing, counts)
    try:  # compared in Arrow rather than object by object (0.01 s on 450,000 recipients)
        texts = pa.array(to_whom, type=pa.large_string(), from_pandas=True)
        kept = pc.fill_null(pc.and_(pc.not_equal(texts, owner), pc.not_equal(texts, "")),
                            False)
        recipient_ids = pa.chunked_array([texts.filter(kept)])
        named = kept.to_numpy(zero_copy_only=False)
    except (pa.ArrowTypeError, pa.ArrowInvalid):  # ids that are not all texts: as one by one
        named = pd.notna(to_whom) & (to_whom != owner) & (to_whom != "")
        try:
            recipient_ids = _arrow_text(to_whom[named].tolist())
        except (pa.ArrowTypeError, pa.ArrowInvalid):  # ids that are not text, made text
            recipient_ids = _arrow_text([str(p) for p in to_whom[named].tolist()])
    return sent_rows[named], recipient_ids


def _contact_rows(network: Network, as_of: pd.Timestamp | None) -> _ContactRows | None:
    """The events of :func:`contact_events` before they are put together (None without
    any)."""
    import numpy as np
    import pandas as pd

    from netaudit.model import code_of, factorize_text

    owner = network.owner_id or ""
    messages = network.messages
    # Built from row numbers, each text column put together in Arrow and taken once in the
    # sorted order: filtering, exploding and sorting frames of text columns cost half a
    # second on 500,000 messages (issue 17).
    real = ~(messages["is_draft"].to_numpy(dtype=bool) | messages["is_system"].to_numpy(dtype=bool)
             | messages["is_auto"].to_numpy(dtype=bool))
    if as_of is not None:
        sent_at = messages["sent_at"]
        real &= (sent_at.isna() | (sent_at <= as_of)).to_numpy(dtype=bool)
    by_owner = (messages["sender_id"] == owner).to_numpy(dtype=bool)
    outgoing = np.flatnonzero(real & by_owner)
    incoming = np.flatnonzero(real & ~by_owner)
    # One row per recipient of each outgoing message, in order (as DataFrame.explode: a tuple
    # is its items, any other value itself); missing ids, '' and the owner are dropped.
    sent = _sent_to(messages, outgoing, owner)
    if sent is not None:
        sent_rows, recipient_ids, recipient_codes, recipient_names = sent
    else:
        sent_rows, recipient_ids = _sent_to_each(messages, outgoing, owner)
        recipient_codes, recipient_names = pd.factorize(pd.Series(recipient_ids, dtype="str"))
    interactions = network.interactions
    if as_of is not None:
        interactions = interactions[interactions["at"].isna() | (interactions["at"] <= as_of)]
    if not len(sent_rows) and not len(incoming) and not len(interactions):
        return None
    rows = np.concatenate([sent_rows, incoming])
    found = _ContactRows(
        messages=messages, interactions=interactions,
        parts=(sent_rows, incoming, np.arange(len(interactions))),
        recipient_ids=recipient_ids, person_rank=None, person_names=None,
        at=pd.Series(dtype="datetime64[ns, UTC]"), from_owner=None, is_group=None, order=None)
    # Each event's person as its rank among the sorted ids (-1: missing), from codes of each
    # source's distinct ids (the senders' made once by the loader): the 550,000 ids put
    # together as texts and factorized sorted cost 0.03 s more (issue 17).
    sender_codes, senders = factorize_text(messages["sender_id"])
    interaction_codes, interaction_ids = pd.factorize(interactions["person_id"])
    parts = (recipient_codes, sender_codes[incoming], interaction_codes)
    distinct = (recipient_names, senders, interaction_ids)
    person_rank, person_names = pd.factorize(
        pd.concat([pd.Series(names, dtype="str") for names in distinct], ignore_index=True),
        sort=True)
    codes = np.concatenate(parts)
    missing = codes < 0
    codes += np.repeat(np.cumsum([0, *map(len, distinct[:-1])]), list(map(len, parts)))
    codes[missing] = len(person_rank)  # a missing id: the appended -1
    person_rank = np.append(person_rank, -1)[codes]
    at = pd.concat([messages["sent_at"].iloc[rows], interactions["at"]], ignore_index=True)
    at = pd.to_datetime(at, utc=True).astype("datetime64[ns, UTC]")
    # Sorted by person_id, then date (undated last), keeping the order above among equals,
    # as a stable sort would.
    stamp = np.where(at.isna().to_numpy(), np.iinfo(np.int64).max,
                     at.to_numpy(dtype="datetime64[ns]",
                                 na_value=np.datetime64("NaT")).view(np.int64))
    order = _by_person_then_date(person_rank, stamp)
    owner_rank = code_of(person_names, owner)
    if owner_rank >= 0:
        order = order[person_rank[order] != owner_rank]
    found.order = order
    found.person_rank, found.person_names, found.at = person_rank, person_names, at
    found.from_owner = np.concatenate([np.ones(len(sent_rows), dtype=bool),
                                       np.zeros(len(incoming), dtype=bool),
                                       (interactions["direction"] == "given").to_numpy(
                                           dtype=bool)])
    found.is_group = np.concatenate([messages["is_group"].to_numpy(dtype=bool)[rows],
                                     np.zeros(len(interactions), dtype=bool)])
    return found


def _by_person_then_date(person_rank: Any, stamp: Any) -> Any:
    """The order of events sorted by ``person_rank``, then ``stamp`` (int64 nanoseconds,
    the largest int64 for undated), keeping the given order among equals: ``np.lexsort((
    stamp, person_rank))``.

    One stable sort of one key when the dated stamps are :func:`whole_seconds`: the rank
    times the span, plus the seconds (the undated one past the latest). Else two sorts: the
    events' place in the stable order of dates, then the rank and that place (a third less
    time than lexsort on 550,000 events); one sort saves 0.04 s more (issue 17).

    >>> import numpy as np
    >>> s, undated = 10**9, np.iinfo(np.int64).max
    >>> _by_person_then_date(np.array([1, 0, 1, 0, 1]),
    ...                      np.array([5 * s, undated, 2 * s, 3 * s, 5 * s])).tolist()
    [3, 1, 2, 0, 4]
    >>> _by_person_then_date(np.array([1, 0, 1, 0, 1]),
    ...                      np.array([5 * s, undated, 2 * s + 1, 3 * s, 5 * s])).tolist()
    [3, 1, 2, 0, 4]
    """
    import numpy as np

    rank = person_rank.astype(np.int64)
    dated = stamp != np.iinfo(np.int64).max
    seconds = whole_seconds(stamp[dated])
    if seconds is not None:
        width = (int(seconds.max()) if len(seconds) else 0) + 2
        if len(rank) and max(abs(int(rank.min())), int(rank.max()) + 1) < 2**62 // width:
            steps = np.full(len(stamp), width - 1, dtype=np.int64)  # undated: after all
            steps[dated] = seconds
            return np.argsort(rank * width + steps, kind="stable")
    by_date = np.argsort(stamp, kind="stable")
    place = np.empty(len(stamp), dtype=np.int64)
    place[by_date] = np.arange(len(stamp))
    return np.argsort(rank * len(stamp) + place)


def ego_ties(network: Network, *, as_of: pd.Timestamp | None = None,
             events: pd.DataFrame | ContactCodes | None = None) -> pd.DataFrame:
    """What the data says about the owner's tie with each person: one row per person of the
    network except the owner, columns ``EGO_TIE_COLUMNS``.

    ``messages_from_owner`` / ``messages_to_owner`` count message contacts each way (see
    :func:`contact_events`); ``first_contact`` / ``last_contact`` are the earliest and latest
    dated contact of any kind (ISO 8601, '' when none); ``conversations_1to1`` /
    ``conversations_group`` count distinct conversations; ``invited_by`` is 'owner' or 'them'
    for the latest invitation in Invitations.csv ('' when none). ``events``: the
    :func:`contact_events` (or :func:`contact_codes`) up to ``as_of`` when computed already.

    Examples
    --------
    >>> from netaudit.model import Network
    >>> ego_ties(Network()).shape
    (0, 12)
    """
    return ego_ties_at(network, as_of=as_of, events=events)[0]


def ego_ties_at(network: Network, *, as_of: pd.Timestamp | None = None,
                events: pd.DataFrame | ContactCodes | None = None) -> tuple[pd.DataFrame, Any]:
    """:func:`ego_ties`, and the code of each row's person in the events' people
    (:attr:`ContactCodes.people`; -1 without any event)."""
    import numpy as np
    import pandas as pd

    owner = network.owner_id or ""
    people = network.people
    ids = people.loc[people["person_id"] != owner, "person_id"].astype(str)
    table = pd.DataFrame({"person_id": ids.reset_index(drop=True)})  # Arrow texts kept
    if events is None:
        events = contact_codes(network, as_of=as_of)
    elif not isinstance(events, ContactCodes):
        events = codes_of(events)
    counts = {
        "messages_from_owner": ("message", True),
        "messages_to_owner": ("message", False),
        "recommendations_given": ("recommendation", True),
        "recommendations_received": ("recommendation", False),
        "endorsements_given": ("endorsement", True),
        "endorsements_received": ("endorsement", False),
    }
    # Everything is counted on integer codes of the people in the events (factorized once):
    # filtering a frame of text columns per count costs seconds on 500,000 messages.
    person, people_seen = events.person, events.people
    where = index_in(table["person_id"], people_seen)  # -1: no event at all
    from_owner = events.from_owner

    def per_person(mask: Any) -> Any:
        totals = np.bincount(person[mask], minlength=len(people_seen))
        return np.append(totals, 0)[where]  # where -1 -> the appended 0

    is_kind = {kind: events.is_kind(kind) for kind in ("message", "recommendation",
                                                        "endorsement")}
    for column, (kind, by_owner) in counts.items():
        table[column] = per_person(is_kind[kind] & (from_owner == by_owner))
    firsts, lasts = events.span
    table["first_contact"] = _iso_column(firsts, where)
    table["last_contact"] = _iso_column(lasts, where)
    # Distinct conversations per person; a person's conversation is 1:1 or group as its first
    # event says (the events are sorted by person and date).
    messages = is_kind["message"]
    conversation = events.conversation
    pairs = person[messages].astype(np.int64) * (int(conversation.max(initial=0)) + 1) \
        + conversation[messages]
    _, first_rows = np.unique(pairs, return_index=True)
    first_rows = np.flatnonzero(messages)[first_rows]
    group = events.is_group[first_rows]
    for column, is_group in (("conversations_1to1", False), ("conversations_group", True)):
        chosen = np.zeros(len(events), dtype=bool)
        chosen[first_rows[group == is_group]] = True
        table[column] = per_person(chosen)
    invitations = network.invitations
    if as_of is not None:
        invitations = invitations[invitations["sent_at"].isna()
                                  | (invitations["sent_at"] <= as_of)]
    latest = invitations.sort_values("sent_at", kind="stable", na_position="first")
    latest = latest.drop_duplicates("person_id", keep="last").set_index("person_id")["direction"]
    who = [{"outgoing": "owner", "incoming": "them"}.get(direction, "")
           for direction in latest.tolist()]
    table["invited_by"] = np.array([*who, ""], dtype=object)[
        index_in(table["person_id"], latest.index)].tolist()
    return table[list(EGO_TIE_COLUMNS)].reset_index(drop=True), where


def iter_rows(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> Iterator[Any]:
    """Rows of ``frame`` as named tuples, like ``itertuples(index=False)`` but ten times faster
    on pandas 3 string columns (each column is converted to a list once). Columns whose name is
    not an identifier are reached by position.

    >>> import pandas as pd
    >>> [row.a for row in iter_rows(pd.DataFrame({"a": ["x", "y"], "b": [1, 2]}))]
    ['x', 'y']
    """
    from collections import namedtuple

    names = list(columns) if columns is not None else [str(c) for c in frame.columns]
    row_type = namedtuple("Row", names, rename=True)  # type: ignore[misc]
    lists = [frame[c].tolist() for c in names]
    return map(row_type._make, zip(*lists, strict=True))


#: The widest span :func:`whole_seconds` counts in (136 years): the nanoseconds of such a
#: span fit an int64, and so does a code below 2**30 times it.
MAX_SECONDS = 2**32


def whole_seconds(stamps: Any) -> Any:
    """The whole seconds since the earliest of int64 nanosecond ``stamps`` (numbers ordered
    and equal as the stamps are, found without a sort), or None when a stamp is not a whole
    second (export files give whole seconds) or they span :data:`MAX_SECONDS` or more.

    >>> import numpy as np
    >>> s = 10**9
    >>> whole_seconds(np.array([30 * s, -10 * s, 30 * s])).tolist()
    [40, 0, 40]
    >>> whole_seconds(np.array([30 * s, 5])) is None, whole_seconds(np.array([], dtype=np.int64)).tolist()
    (True, [])
    """
    import numpy as np

    if not len(stamps):
        return np.zeros(0, dtype=np.int64)
    low, high = int(stamps.min()), int(stamps.max())
    if (high - low) // 10**9 >= MAX_SECONDS or (stamps % 10**9).any():
        return None
    return (stamps - low) // 10**9


def texts_at(values: Any, positions: Any) -> Any:
    """The Arrow texts ``values`` at ``positions`` ('' at -1), as one Arrow array: with
    :func:`index_in`, a look-up of texts by id.

    >>> import numpy as np
    >>> import pyarrow as pa
    >>> texts_at(pa.array(["Ana", None]), np.array([1, -1, 0])).to_pylist()
    [None, '', 'Ana']
    """
    import numpy as np
    import pyarrow as pa

    text = pa.large_string()
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    values = pa.concat_arrays([values.cast(text), pa.array([""], type=text)])
    return values.take(np.where(positions >= 0, positions, len(values) - 1))


def index_in(values: pd.Series, among: Any) -> Any:
    """The position of each of ``values`` in ``among`` (distinct values), -1 when absent, as a
    numpy array: ``pd.Index(among).get_indexer(values)``, in Arrow for text (a hash table of
    75,000 ids built once, no Python string per id).

    >>> import pandas as pd
    >>> index_in(pd.Series(["b", "x", "a"], dtype="str"), pd.Index(["a", "b"], dtype="str"))
    array([ 1, -1,  0])
    """
    import numpy as np
    import pandas as pd

    if str(values.dtype) == "str" and str(getattr(among, "dtype", "")) == "str":
        import pyarrow as pa
        import pyarrow.compute as pc

        found = pc.index_in(pa.array(values), value_set=pa.array(among))
        return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
    return pd.Index(among).get_indexer(values)


def contact_span(stamps: pd.Series, person: Any, people: int) -> tuple[pd.Series, pd.Series]:
    """The first and the last dated event of each person code (``stamps``: the date of each
    event, ``person``: its code, ``people`` codes in all), as UTC timestamps, NaT for a
    person without a dated event."""
    import numpy as np
    import pandas as pd

    if str(getattr(stamps.dt, "tz", None)) != "UTC" or stamps.dtype.unit != "ns":
        stamps = pd.to_datetime(stamps, utc=True).astype("datetime64[ns, UTC]")
    ns = stamps.to_numpy(dtype="datetime64[ns]", na_value=np.datetime64("NaT")).view(np.int64)
    dated = ~stamps.isna().to_numpy()
    none = np.iinfo(np.int64).min  # NaT
    firsts = np.full(people, np.iinfo(np.int64).max)
    lasts = np.full(people, none)
    np.minimum.at(firsts, person[dated], ns[dated])
    np.maximum.at(lasts, person[dated], ns[dated])
    firsts[firsts == np.iinfo(np.int64).max] = none

    def utc(values: Any) -> pd.Series:
        return pd.Series(pd.to_datetime(values.view("datetime64[ns]"), utc=True))

    return utc(firsts), utc(lasts)


def _iso_column(stamps: pd.Series, where: Any) -> pd.Series:
    """``_iso`` of ``stamps[code]`` for each code of ``where`` ('' for -1 and for NaT), as a
    text column. Whole seconds in UTC (what the exports hold) are formatted by numpy and
    Arrow at once, with the text ``Timestamp.isoformat`` gives; others one by one."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    dated = stamps.notna().to_numpy()
    naive = stamps[dated].dt.tz_convert(None).to_numpy(dtype="datetime64[ns]")
    seconds = naive.astype("datetime64[s]")
    if str(getattr(stamps.dt, "tz", None)) == "UTC" and (seconds == naive).all():
        # Arrow writes 'YYYY-MM-DD HH:MM:SS' (what numpy's datetime_as_string writes with a
        # 'T') six times faster.
        text = pa.large_string()
        texts = pa.array(seconds).cast(text)
        if len(texts) and pc.min_max(pc.utf8_length(texts)).as_py() == {"min": 19, "max": 19}:
            texts = pc.binary_join_element_wise(
                pc.utf8_slice_codeunits(texts, 0, 10), pa.scalar("T", text),
                pc.utf8_slice_codeunits(texts, 11, 19), pa.scalar("+00:00", text),
                pa.scalar("", text))
        else:
            texts = pc.binary_join_element_wise(
                pa.array(np.datetime_as_string(seconds, unit="s")), "+00:00", ""
            ).cast(text)
    else:
        texts = pa.array(_iso_texts(stamps[dated]), type=pa.large_string())
    # Position of each person's text; '' (appended last) for no date or no event.
    position = np.full(len(stamps) + 1, len(texts))
    position[:-1][dated] = np.arange(len(texts))
    labels = pa.concat_arrays([texts, pa.array([""], type=pa.large_string())])
    return pd.Series(labels.take(position[where]), dtype="str")


def _iso_texts(stamps: pd.Series) -> list[str]:
    """``_iso(stamp)`` of each UTC timestamp. Whole seconds (what the exports hold) are
    formatted by numpy at once, with the text ``Timestamp.isoformat`` gives; others one by
    one."""
    import numpy as np

    if len(stamps) and str(getattr(stamps.dt, "tz", None)) == "UTC":
        naive = stamps.dt.tz_convert(None).to_numpy()
        seconds = naive.astype("datetime64[s]")
        if (seconds == naive).all():
            texts = np.datetime_as_string(seconds, unit="s")
            return [f"{text}+00:00" for text in texts.tolist()]
    return [_iso(value) for value in stamps.tolist()]


def _iso(value: Any) -> str:
    import pandas as pd

    if value is None or pd.isna(value):
        return ""
    return pd.Timestamp(value).isoformat()


def group_ties(network: Network) -> Counter[tuple[str, str]]:
    """Pairs of people (owner excluded) who were together in a group conversation of at most
    ``MAX_GROUP_SIZE`` participants, with the number of such conversations.

    Participants of a conversation are everyone who sent or received one of its messages
    (drafts and system rows excluded). Pairs are sorted tuples of person ids.

    Examples
    --------
    >>> from netaudit.model import Network
    >>> group_ties(Network())
    Counter()
    """
    import numpy as np
    import pandas as pd

    from netaudit.model import factorize_text, factorize_tuples

    owner = network.owner_id or ""
    messages = network.messages
    real = (messages["is_group"].to_numpy(dtype=bool) & ~messages["is_draft"].to_numpy(dtype=bool)
            & ~messages["is_system"].to_numpy(dtype=bool))
    # Codes, not texts: the conversations and senders of the whole columns (factorized once
    # for every stage, see factorize_text) and the recipient tuples; each distinct
    # (conversation, sender) and (conversation, recipients) is then unpacked once, since a
    # conversation repeats the same few (5,000 of 77,000 group messages in the benchmark
    # export): a loop over every message cost twice as much.
    conversation = factorize_text(messages["conversation_id"])[0][real].astype(np.int64)
    members: dict[int, set[str]] = {c: set() for c in pd.unique(conversation).tolist()}
    sender_codes, senders = factorize_text(messages["sender_id"])
    # The recipient lists as the loader coded them (equal lists may have two codes: each
    # adds the same people); hashing the 77,000 tuples again cost 0.004 s (issue 17).
    tuple_codes, tuples = factorize_tuples(messages["recipient_ids"])
    tuple_codes = tuple_codes[real]
    if len(tuple_codes) and tuple_codes.min() < 0:  # a missing value: kept as one, as it is
        tuple_codes, tuples = pd.factorize(
            messages["recipient_ids"].to_numpy(dtype=object)[real], use_na_sentinel=False)
    for codes, values, add in ((sender_codes[real], senders, set.add),
                               (tuple_codes, tuples, set.update)):
        width = len(values) + 1
        keys = pd.unique(conversation * width + (codes.astype(np.int64) + 1))
        code = keys % width - 1
        found = np.asarray(values.take(np.maximum(code, 0)), dtype=object)
        found[code < 0] = np.nan  # a missing sender (code -1), as the column has it
        for c, value in zip((keys // width).tolist(), found.tolist(), strict=True):
            add(members[c], value)
    pairs: Counter[tuple[str, str]] = Counter()
    for people in members.values():
        people.discard(owner)
        people.discard("")
        if 2 <= len(people) <= MAX_GROUP_SIZE:
            pairs.update(combinations(sorted(people), 2))
    return pairs


def employer_ties(people: pd.DataFrame) -> dict[tuple[str, str], str]:
    """Pairs of people with the same current company (see :func:`company_key`), in companies
    of 2 to ``MAX_EMPLOYER_GROUP`` people; owner and hidden profiles excluded.

    Returns ``{(id_a, id_b): company}`` with sorted pairs and the company as first written.
    """
    import numpy as np
    import pandas as pd

    wanted = (~people["is_owner"] & ~people["hidden"] & (people["company"] != "")).to_numpy()
    chosen = people[["person_id", "company"]][wanted]  # the two columns read, then the rows
    # The key once per distinct company, then the people of each key in code: a loop over
    # 75,000 people cost 0.015 s (issue 17). Keys are numbered as the rows first name them
    # (a key's first row is the first row of one of its companies).
    company, companies = pd.factorize(chosen["company"], use_na_sentinel=False)
    named = companies.tolist()
    keys = [company_key(name) for name in named]
    key_codes, distinct = pd.factorize(np.array([*keys, ""], dtype=object))
    key = key_codes[:-1][company]  # the last: '' (no key), whatever the companies are
    sizes = np.bincount(key, minlength=len(distinct))
    sizes[key_codes[-1]] = 0
    chosen_rows = np.flatnonzero(((sizes >= 2) & (sizes <= MAX_EMPLOYER_GROUP))[key])
    pairs: dict[tuple[str, str], str] = {}
    if not len(chosen_rows):
        return pairs
    by_key = chosen_rows[np.argsort(key[chosen_rows], kind="stable")]
    ids = chosen["person_id"].to_numpy(dtype=object)
    starts = np.flatnonzero(np.diff(key[by_key], prepend=-1) != 0)
    for rows in np.split(by_key, starts[1:]):
        name = named[company[rows[0]]]
        for a, b in combinations(sorted(ids[rows].tolist()), 2):
            pairs[(a, b)] = name
    return pairs


@collector_paused()  # 75,000 nodes and edges with their attribute dicts, no cycle
def _two_at_acme() -> Network:
    """The network of the graph docstrings' examples: the owner 'me' and two connections,
    'a' (Ana Ruiz, a recruiter at Acme) and 'b' (Bo Li, at Acme Inc., the same employer
    once the legal suffix is dropped); no message."""
    import pandas as pd

    from netaudit.model import Network, Owner, conform

    people = conform(pd.DataFrame({
        "person_id": ["me", "a", "b"], "name": ["Me", "Ana Ruiz", "Bo Li"],
        "company": ["", "Acme", "Acme Inc."], "position": ["", "Recruiter", ""],
        "is_owner": [True, False, False], "is_connection": [False, True, True]}), "people")
    return Network(people=people, owner=Owner("me", "Me"))


def ego_graph(
    network: Network,
    *,
    strengths: Mapping[str, float] | None = None,
    as_of: pd.Timestamp | None = None,
    ties_between: bool = True,
    rename: Mapping[str, str] | None = None,
    details: bool = True,
    ties: pd.DataFrame | None = None,
) -> nx.Graph:
    """The owner's network as an undirected graph: one node per person (``person_id``), an
    ``owner`` edge to everyone in the data, and, with ``ties_between``, the ``group`` and
    ``employer`` edges between them (see the module docstring).

    Node attributes: name, company, position, location, role (role family of the position),
    profile_url, connected_on (ISO date or ''), is_owner, is_connection, is_contact, hidden.
    E-mail addresses are left out on purpose: graph files get shared. ``rename`` maps person
    ids to the node ids to use (team ids, see :func:`team_graph`); ``strengths`` is keyed by
    the network's own ids. ``details=False`` keeps only name, company and profile URL on the
    nodes and kind and strength on the edges: a team's structure needs no more, in a fraction
    of the memory. ``ties`` is the :func:`ego_ties` table when it was computed already (tie
    strength keeps it as ``TieStrength.ego_ties``); it is computed (with ``as_of``) when not
    given.

    Examples
    --------
    >>> g = ego_graph(_two_at_acme())
    >>> sorted(g.edges(data="kind"))
    [('a', 'b', 'employer'), ('me', 'a', 'owner'), ('me', 'b', 'owner')]
    """
    return _ego_parts(network, strengths=strengths, as_of=as_of, ties_between=ties_between,
                      rename=rename, details=details, ties=ties).graph()


@collector_paused()  # 75,000 nodes and edges, no cycle
def ego_columns(network: Network, *, strengths: Mapping[str, float] | pd.Series | None = None,
                ties: pd.DataFrame | None = None) -> GraphColumns:
    """:func:`ego_graph` (with its details and the ties between people) as the columns a
    graph file is written from (:mod:`netaudit.render.graphfile`), without a networkx
    graph: filling networkx with 76,000 nodes and 82,000 edges, each with its attribute
    dict, and reading the two million values back out cost ``netaudit graph`` about 0.3 s on
    the benchmark export (issue 17). ``to_networkx()`` gives the graph itself.
    ``strengths`` may also be a Series of strengths by person id.

    Examples
    --------
    >>> columns = ego_columns(_two_at_acme())
    >>> list(zip(columns.sources, columns.targets, columns.edge_columns["kind"]))
    [('me', 'a', 'owner'), ('me', 'b', 'owner'), ('a', 'b', 'employer')]
    """
    return _ego_parts(network, strengths=strengths, ties=ties).columns()


@dataclass
class GraphColumns:
    """An undirected graph (no parallel edges) as columns, in the order of ``graph.nodes``
    and ``graph.edges``: what a graph file is written from. An attribute an element lacks
    is None in its column; each edge's ``sources`` end is the end ``graph.edges`` gives
    first. :meth:`to_networkx` builds the graph the columns describe."""

    data: dict[str, Any]
    """The graph's own attributes (``graph.graph``)."""
    nodes: list[Any]
    node_columns: dict[str, list[Any]]
    """Each node attribute, in order of first use."""
    sources: list[Any]
    targets: list[Any]
    edge_columns: dict[str, list[Any]]
    """Each edge attribute, in order of first use (None where an edge lacks it)."""
    build: Callable[[], nx.Graph] = field(repr=False, compare=False)
    """Builds the graph described."""
    complete: bool = False
    """Every node has every attribute of ``node_columns`` (None in them is a value then)."""

    @classmethod
    def of(cls, graph: nx.Graph) -> GraphColumns:
        """The columns of an undirected networkx graph without parallel edges."""
        nodes, node_attrs, sources, targets, edge_attrs = element_data(graph)
        return cls(data=graph.graph, nodes=nodes, node_columns=_attribute_columns(node_attrs),
                   sources=sources, targets=targets,
                   edge_columns=_attribute_columns(edge_attrs), build=lambda: graph)

    def to_networkx(self) -> nx.Graph:
        return self.build()

    def number_of_nodes(self) -> int:
        return len(self.nodes)

    def number_of_edges(self) -> int:
        return len(self.sources)

    def edge_kinds(self) -> Counter[str]:
        """The number of edges of each ``kind`` ('' for an edge without one)."""
        kinds = self.edge_columns.get("kind") or []
        found = Counter(kinds)
        if None in found:
            found[""] += found.pop(None)
        if len(kinds) < len(self.sources):
            found[""] += len(self.sources) - len(kinds)
        return +found


def edge_kind_counts(graph: nx.Graph | GraphColumns) -> Counter[str]:
    """The number of edges of each ``kind`` ('' for an edge without one).

    >>> import networkx as nx
    >>> g = nx.Graph(); g.add_edge("a", "b", kind="owner"); g.add_edge("b", "c")
    >>> sorted(edge_kind_counts(g).items()) == sorted(edge_kind_counts(GraphColumns.of(g)).items())
    True
    """
    if isinstance(graph, GraphColumns):
        return graph.edge_kinds()
    return Counter(kind for _, _, kind in graph.edges(data="kind", default=""))


def _attribute_columns(elements: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """Each attribute of ``elements`` (attribute dicts) as a list, None where an element
    lacks it, in order of first use."""
    return {key: [attrs.get(key) for attrs in elements] for key in attribute_names(elements)}


def attribute_names(elements: Sequence[Mapping[str, Any]]) -> Iterable[str]:
    """The attribute names of ``elements`` in order of first use."""
    if elements:
        # Almost always every element has the first one's names (one set in C says so).
        names = set().union(*elements)
        if len(names) == len(elements[0]):
            return list(elements[0])
    return dict.fromkeys(chain.from_iterable(elements))


def element_data(graph: nx.Graph) -> tuple[list[Any], list[dict[str, Any]], list[Any],
                                             list[Any], list[dict[str, Any]]]:
    """The nodes and their attribute dicts, and the edges' ends and attribute dicts, in the
    order of ``graph.nodes`` and ``graph.edges``."""
    pairs = list(graph.nodes(data=True))
    nodes, node_attrs = [node for node, _ in pairs], [attrs for _, attrs in pairs]
    if graph.is_directed() or graph.is_multigraph():
        edges = list(graph.edges(data=True))
        return nodes, node_attrs, [a for a, _, _ in edges], [b for _, b, _ in edges], \
            [attrs for _, _, attrs in edges]
    import numpy as np

    # graph.edges without a tuple per edge: each edge once, from the first of its ends in
    # node order (a self-loop too), as networkx walks them, with numpy over the flattened
    # neighbour lists.
    adjacency = dict(graph.adjacency())
    neighbours = list(chain.from_iterable(adjacency.values()))
    position = dict(zip(adjacency, range(len(adjacency)), strict=True))
    own = np.repeat(np.arange(len(adjacency)), [len(ends) for ends in adjacency.values()])
    first = np.flatnonzero(np.fromiter(map(position.__getitem__, neighbours), dtype=np.intp,
                                       count=len(neighbours)) >= own)
    values = chain.from_iterable(ends.values() for ends in adjacency.values())
    edge_attrs = objects(values, len(neighbours))[first].tolist()
    sources = objects(adjacency, len(adjacency))[own[first]].tolist()
    targets = objects(neighbours, len(neighbours))[first].tolist()
    return nodes, node_attrs, sources, targets, edge_attrs


def objects(values: Iterable[Any], count: int) -> Any:
    """``values`` as a numpy array of objects, each value one element (a tuple too)."""
    import numpy as np

    return np.fromiter(values, dtype=object, count=count)


def _strengths_of(ids: pd.Series, listed: list[Any],
                  strengths: Mapping[str, float] | pd.Series | None) -> list[float]:
    """``float(strengths.get(id, 0.0))`` for each of ``ids`` (``listed``: the same as a
    list). ``strengths`` may also be a Series of strengths by id: looked up in Arrow
    (:func:`index_in`), not through a dict of 75,000 ids, when the ids are distinct texts.

    >>> import pandas as pd
    >>> ids = pd.Series(["a", "b", "c"], dtype="str")
    >>> by_id = pd.Series([0.5, 1.0], index=pd.Index(["c", "a"], dtype="str"))
    >>> _strengths_of(ids, ids.tolist(), by_id), _strengths_of(ids, ids.tolist(), {"c": 1})
    ([1.0, 0.0, 0.5], [0.0, 0.0, 1.0])
    """
    import numpy as np
    import pandas as pd

    if isinstance(strengths, pd.Series):
        index = strengths.index
        if (str(index.dtype) == "str" and str(ids.dtype) == "str" and not index.hasnans
                and not ids.hasnans and _distinct(index)):
            at = index_in(ids, index)
            return np.append(strengths.to_numpy(dtype=float), 0.0)[at].tolist()
        strengths = dict(zip(index.tolist(), strengths.tolist(), strict=True))
    strengths = strengths or {}
    return [float(strength) for strength in map(strengths.get, listed, repeat(0.0))]


def _distinct(texts: pd.Index) -> bool:
    """Whether the texts are all different, counted in Arrow."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return bool(pc.count_distinct(pa.array(texts), mode="all").as_py() == len(texts))


@dataclass
class _EgoParts:
    """What :func:`ego_graph` is made of, column by column, before it becomes a graph
    (:meth:`graph`) or the columns of one (:meth:`columns`)."""

    owner: str
    """The graph's ``owner`` attribute."""
    nodes: list[Any]
    node_columns: dict[str, list[Any]]
    me: Any
    """The owner's node (None: no owner, no owner edges)."""
    them: list[Any]
    """The other end of each owner edge."""
    star_columns: dict[str, list[Any]]
    """The owner edges' attributes."""
    group: Mapping[tuple[str, str], int]
    employer: Mapping[tuple[str, str], str]
    rename: Mapping[str, str]

    def graph(self) -> nx.Graph:
        import networkx as nx

        graph = nx.Graph(owner=self.owner)
        names = list(self.node_columns)
        _add_nodes(graph, self.nodes, [dict(zip(names, row, strict=True))
                                       for row in zip(*self.node_columns.values(), strict=True)])
        if self.me is not None:
            names = list(self.star_columns)
            _add_star(graph, self.me, self.them, [
                dict(zip(names, row, strict=True))
                for row in zip(*self.star_columns.values(), strict=True)])
            graph.graph["owner"] = self.me
        rename = self.rename
        for (a, b), shared in self.group.items():
            _add_between(graph, rename.get(a, a), rename.get(b, b), EdgeKind.GROUP,
                         group_conversations=shared)
        for (a, b), company in self.employer.items():
            _add_between(graph, rename.get(a, a), rename.get(b, b), EdgeKind.EMPLOYER,
                         same_employer=True, employer=company)
        return graph

    def columns(self) -> GraphColumns:
        """:meth:`graph` as :class:`GraphColumns`, the edges put in the order of
        ``graph.edges`` without the graph (networkx walks the nodes in order and gives each
        edge at the first of its ends, in the order the edges were added to that end)."""
        import numpy as np

        nodes, me, them = self.nodes, self.me, self.them
        position = dict(zip(nodes, range(len(nodes)), strict=False))
        # The graph that _add_nodes and _add_star fill directly, without other nodes:
        # anything else is left to networkx.
        between = self._between() if None not in position else None
        pairs = list(between or ())
        if (between is None or len(position) < len(nodes)
                or not position.keys() >= set(chain.from_iterable(pairs))
                or (me is not None and (me not in position or len(set(them)) < len(them)
                                        or me in set(them)
                                        or not position.keys() >= set(them)))):
            return GraphColumns.of(self.graph())
        star = len(them) if me is not None else 0
        ends = objects(nodes, len(nodes))
        first = np.fromiter(map(position.__getitem__, (a for a, _ in pairs)), dtype=np.intp,
                            count=len(pairs))
        second = np.fromiter(map(position.__getitem__, (b for _, b in pairs)), dtype=np.intp,
                             count=len(pairs))
        low, high = np.minimum(first, second), np.maximum(first, second)
        dicts = list(between.values())
        if not star or position[me] == 0:
            # The owner first (as in every export): its edges first, in the order added,
            # then the others by their first end: no owner edge to look up or reorder.
            by_end = np.lexsort((np.arange(len(low)), low))
            order = np.concatenate([np.arange(star), star + by_end])
            sources = [me] * star + ends[low[by_end]].tolist()
            targets = list(them[:star]) + ends[high[by_end]].tolist()
        else:
            # An owner edge is given from the owner or from the other end, whichever
            # comes first.
            other = np.fromiter(map(position.__getitem__, them), dtype=np.intp, count=star)
            mine = np.full(star, position[me], dtype=np.intp)
            low = np.concatenate([np.minimum(other, mine), low])
            high = np.concatenate([np.maximum(other, mine), high])
            order = np.lexsort((np.arange(len(low)), low))  # by first end, then as added
            sources, targets = ends[low[order]].tolist(), ends[high[order]].tolist()
            by_end = None
        # The attribute names in order of first use: the owner edges all have the same,
        # the others' names as their dicts have them.
        added = [*([tuple(self.star_columns)] if star else []),
                 *(tuple(attrs) for attrs in dicts)]
        rank = np.empty(len(order), dtype=np.intp)
        rank[order] = np.arange(len(order))
        seen: dict[tuple[str, ...], int] = {}
        for keys, at in zip(added, [*([int(rank[:star].min())] if star else []),
                                    *rank[star:].tolist()], strict=True):
            seen[keys] = min(at, seen.get(keys, at))
        firsts = sorted(seen.items(), key=lambda item: item[1])
        names = dict.fromkeys(chain.from_iterable(keys for keys, _ in firsts))
        edge_columns = {}
        in_order = [dicts[i] for i in by_end.tolist()] if by_end is not None else []
        for name in names:
            of_star = self.star_columns.get(name) or [None] * star
            if by_end is not None:
                edge_columns[name] = [*of_star, *(attrs.get(name) for attrs in in_order)]
                continue
            values = objects(chain(of_star, [attrs.get(name) for attrs in dicts]),
                             star + len(dicts))
            edge_columns[name] = values[order].tolist()
        return GraphColumns(data={"owner": me if me is not None else self.owner},
                            nodes=nodes, node_columns=self.node_columns, sources=sources,
                            targets=targets, edge_columns=edge_columns, build=self.graph,
                            complete=True)

    def _between(self) -> dict[tuple[Any, Any], dict[str, Any]] | None:
        """The ``group`` and ``employer`` edges with their attributes, as :meth:`graph` adds
        them, in that order; None when one of them joins an owner edge or is a loop."""
        rename = self.rename
        found: dict[tuple[Any, Any], dict[str, Any]] = {}
        added: Iterator[tuple[Any, Any, EdgeKind, dict[str, Any]]] = chain(
            ((a, b, EdgeKind.GROUP, {"group_conversations": shared})
             for (a, b), shared in self.group.items()),
            ((a, b, EdgeKind.EMPLOYER, {"same_employer": True, "employer": company})
             for (a, b), company in self.employer.items()))
        for a, b, kind, attrs in added:
            a, b = rename.get(a, a), rename.get(b, b)
            if a == b or self.me in (a, b):
                return None
            current = found.get((a, b)) or found.get((b, a))
            if current is not None:
                current.update(attrs)
                continue
            defaults: dict[str, Any] = {"group_conversations": 0, "same_employer": False,
                                        "strength": _BETWEEN_STRENGTH[kind]}
            found[(a, b)] = {"kind": kind.value, **{**defaults, **attrs}}
        return found


def _ego_parts(network: Network, *, strengths: Mapping[str, float] | pd.Series | None = None,
               as_of: pd.Timestamp | None = None, ties_between: bool = True,
               rename: Mapping[str, str] | None = None, details: bool = True,
               ties: pd.DataFrame | None = None) -> _EgoParts:
    """The parts of :func:`ego_graph` (same arguments)."""
    from netaudit.roles import role_family

    people = network.people
    phantoms = system_only_ids(network)
    if phantoms:
        people = people[~people["person_id"].isin(phantoms)]
    rename = rename or {}
    ids = people["person_id"].tolist()
    nodes = [rename.get(pid, pid) for pid in ids] if rename else ids
    # Each attribute column by column: a row-by-row loop over 30,000 connections costs
    # seconds.
    if not details:
        node_columns = {"name": people["name"].tolist(), "company": people["company"].tolist(),
                        "profile_url": people["profile_url"].tolist()}
    else:
        connected_on = iso_dates(people["connected_on"])
        positions = people["position"].tolist()
        roles = {position: role_family(position) for position in set(positions)}
        node_columns = {
            "name": people["name"].tolist(), "company": people["company"].tolist(),
            "position": positions, "location": people["location"].tolist(),
            "role": list(map(roles.__getitem__, positions)),
            "profile_url": people["profile_url"].tolist(), "connected_on": connected_on,
            "is_owner": _bools(people["is_owner"]),
            "is_connection": _bools(people["is_connection"]),
            "is_contact": _bools(people["is_contact"]), "hidden": _bools(people["hidden"])}
    owner = network.owner_id
    me: Any = None
    them: list[Any] = []
    star_columns: dict[str, list[Any]] = {}
    if owner is not None:
        me = rename.get(owner, owner)
        if details:
            table = ties if ties is not None else ego_ties(network, as_of=as_of)
            if phantoms:
                table = table[~table["person_id"].isin(phantoms)]
        else:
            table = people.loc[people["person_id"] != owner, ["person_id"]]
        columns = [c for c in EGO_TIE_COLUMNS if c != "person_id" and c in table.columns]
        others = table["person_id"].tolist()
        them = [rename.get(other, other) for other in others] if rename else others
        count = len(them)
        star_columns = {
            "kind": [EdgeKind.OWNER.value] * count,
            "strength": _strengths_of(table["person_id"], others, strengths),
            "group_conversations": [0] * count, "same_employer": [False] * count,
            **{c: table[c].tolist() for c in columns}}
        if details:
            dated = dict(zip(nodes, node_columns["connected_on"], strict=True))
            star_columns["connected_on"] = list(map(dated.get, them, repeat("")))
    group: Mapping[tuple[str, str], int] = {}
    employer: Mapping[tuple[str, str], str] = {}
    if ties_between:
        group, employer = group_ties(network), employer_ties(people)
    return _EgoParts(owner=network.owner_id or "", nodes=nodes, node_columns=node_columns,
                     me=me, them=them, star_columns=star_columns, group=group,
                     employer=employer, rename=rename)


def between_graph(network: Network) -> nx.Graph:
    """The ties between the owner's people alone: the nodes of :func:`ego_graph` in its order,
    each with its ``role`` only, and its ``group`` and ``employer`` edges with the same
    attributes, in the same order; the owner's node and edges are left out. What the report's
    network map and the introductions read (roles, and who is already tied to whom): the
    owner's edge to each of 30,000 people carries the figures of :func:`ego_ties` and every
    node eleven attributes, which cost the report about a second on the benchmark export
    (issue 17) and are shown nowhere on those pages. :func:`ties_between` gives the same
    without networkx.

    Examples
    --------
    >>> from netaudit.roles import role_family
    >>> g = between_graph(_two_at_acme())
    >>> sorted(g.edges(data="kind")), g.nodes["a"]["role"] == role_family("Recruiter")
    ([('a', 'b', 'employer')], True)
    """
    return ties_between(network).to_networkx()


@collector_paused()  # 75,000 nodes and their roles, no cycle (see collector_paused)
def ties_between(network: Network) -> TiesBetween:
    """:func:`between_graph` as plain dicts (:class:`TiesBetween`), without networkx:
    importing it and adding 75,000 nodes with their role cost the report's network map
    0.3 s of the benchmark export's (issue 17).

    >>> ties = ties_between(_two_at_acme())
    >>> list(ties), ties.edges(), ties.adj["a"]["b"]["employer"], ties.nodes["b"]
    (['a', 'b'], [('a', 'b')], 'Acme', {'role': 'unknown'})
    """
    import numpy as np
    import pandas as pd

    from netaudit.model import text_isin
    from netaudit.roles import role_family

    # Only the columns read here and by employer_ties: filtering rows takes every column.
    people = network.people[["person_id", "position", "company", "is_owner", "hidden"]]
    phantoms = system_only_ids(network)
    if phantoms:
        people = people[~text_isin(people["person_id"], phantoms).to_numpy()]
    # The role family once per distinct position (76,000 people hold a few hundred).
    position, positions = pd.factorize(people["position"], use_na_sentinel=False)
    families = np.array([role_family(p) for p in positions.tolist()], dtype=object)
    roles = dict(zip(people["person_id"].tolist(), families[position].tolist(), strict=True))
    roles.pop(network.owner_id, None)
    # The edges as _add_between adds them to a graph: the group ties (distinct sorted pairs),
    # then the employer ties, one already there updated.
    edges: dict[tuple[str, str], dict[str, Any]] = {
        pair: _between_attrs(EdgeKind.GROUP, group_conversations=shared)
        for pair, shared in group_ties(network).items()}
    for (a, b), company in employer_ties(people).items():
        current = edges.get((a, b)) or edges.get((b, a))
        if current is not None:
            current.update(same_employer=True, employer=company)
            continue
        edges[(a, b)] = _between_attrs(EdgeKind.EMPLOYER, same_employer=True, employer=company)
    return TiesBetween(network.owner_id or "", roles, edges)


@dataclass
class TiesBetween:
    """The graph :func:`between_graph` makes, as dicts: its nodes in order with their role,
    its edges in the order added with their attributes. Reads as that graph does where the
    report's network map and the introductions read it: ``node in ties``, ``iter(ties)``
    (the nodes in order), ``ties.nodes[node]`` (``{"role": ...}``), ``ties.adj[node]``
    (``{neighbour: attributes}``, in the order networkx keeps) and ``ties.edges()``.
    :meth:`to_networkx` makes the graph."""

    owner: str
    roles: dict[str, str]
    """Each node's role family, in the graph's order (the nodes only an edge names follow)."""
    edges_added: dict[tuple[str, str], dict[str, Any]]
    """The edges as ``(a, b) -> attributes``, in the order added."""

    @cached_property
    def _order(self) -> dict[str, None]:
        """The nodes in the graph's order: the people, then anyone only an edge names (as
        ``add_edge`` adds them: first end, then second)."""
        roles = self.roles
        order = dict.fromkeys(roles)
        for a, b in self.edges_added:
            if a not in roles:
                order.setdefault(a)
            if b not in roles:
                order.setdefault(b)
        return order

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __contains__(self, node: object) -> bool:
        return node in self._order

    def __len__(self) -> int:
        return len(self._order)

    @property
    def nodes(self) -> Mapping[str, dict[str, str]]:
        return _NodeRoles(self)

    @cached_property
    def adj(self) -> dict[str, dict[str, dict[str, Any]]]:
        return self.adj_among(self._order)

    def adj_among(self, keep: Collection[str]) -> dict[str, dict[str, dict[str, Any]]]:
        """:attr:`adj` of the nodes of ``keep``, each with its neighbours in ``keep`` alone (in
        the same order): what the report's network map reads of its 150 people. :attr:`adj`
        makes a dict for each of 75,000 nodes, which cost the benchmark export's map 0.05 s,
        and made the garbage collector walk every object of the process (0.08 s more,
        issue 17).

        >>> ties = ties_between(_two_at_acme())
        >>> among = ties.adj_among({"a", "b", "x"})
        >>> sorted((n, list(among[n])) for n in among), among["a"]["b"] is ties.adj["a"]["b"]
        ([('a', ['b']), ('b', ['a'])], True)
        >>> ties.adj_among({"a"})
        {'a': {}}
        """
        order = self._order
        adjacency: dict[str, dict[str, dict[str, Any]]] = {
            node: {} for node in keep if node in order}
        for (a, b), attrs in self.edges_added.items():
            if a in adjacency and b in adjacency:
                adjacency[a][b] = attrs
                adjacency[b][a] = attrs
        return adjacency

    def edges(self, data: bool | str = False, default: Any = None) -> list[tuple[Any, ...]]:
        """The edges as pairs, or with their attributes (``data=True``) or one of them
        (``data=NAME``, ``default`` without it), as ``Graph.edges`` gives them; in the order
        added (networkx lists them by node).

        >>> ties = ties_between(_two_at_acme())
        >>> ties.edges(), ties.edges(data="kind"), ties.edges(data="x", default=0)
        ([('a', 'b')], [('a', 'b', 'employer')], [('a', 'b', 0)])
        """
        if data is False:
            return list(self.edges_added)
        if data is True:
            return [(a, b, attrs) for (a, b), attrs in self.edges_added.items()]
        return [(a, b, attrs.get(data, default)) for (a, b), attrs in self.edges_added.items()]

    def to_networkx(self) -> nx.Graph:
        import networkx as nx

        graph = nx.Graph(owner=self.owner)
        roles = self.roles
        with collector_paused():  # 75,000 nodes and their dicts, no cycle
            # Each node's dict made here and kept (see _add_nodes): add_nodes_from and
            # set_node_attributes cost 0.11 s for 75,000 nodes.
            _add_nodes(graph, list(roles), [{"role": role} for role in roles.values()])
            graph.add_edges_from((a, b, attrs) for (a, b), attrs in self.edges_added.items())
        return graph


class _NodeRoles(Mapping[str, dict[str, str]]):
    """``TiesBetween.nodes``: each node's attributes, ``{"role": ...}`` (``{}`` for a node
    only an edge names), made when read."""

    def __init__(self, ties: TiesBetween) -> None:
        self._ties = ties

    def __getitem__(self, node: str) -> dict[str, str]:
        roles = self._ties.roles
        if node in roles:
            return {"role": roles[node]}
        if node in self._ties:
            return {}
        raise KeyError(node)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ties)

    def __len__(self) -> int:
        return len(self._ties)


@collector_paused()  # thousands of sets and pairs, no cycle (see collector_paused)
def tied_pairs(network: Network) -> set[tuple[str, str]]:
    """The edges of :func:`between_graph` as sorted ``(id, id)`` pairs, without building the
    graph: who is already tied to whom, which is all the introductions read of it (building
    the graph, and importing networkx for it, cost ``introduce`` about 0.3 s at 30,000
    connections, issue 17).

    Examples
    --------
    >>> tied_pairs(_two_at_acme())
    {('a', 'b')}
    """
    people = network.people
    # The people of system_only_ids are neither connections nor contacts and take part in
    # system messages: leaving them out changes the employer ties only when one of those is
    # in a company (it takes 0.04 s to find them among 500,000 messages).
    may_matter = (~people["is_owner"] & ~people["hidden"] & ~people["is_connection"]
                  & ~people["is_contact"] & (people["company"] != "")).to_numpy()
    people = people[["person_id", "company", "is_owner", "hidden"]]
    if may_matter.any() and not _in_system_messages(network).isdisjoint(
            people["person_id"][may_matter].tolist()):
        phantoms = system_only_ids(network)
        if phantoms:
            people = people[~people["person_id"].isin(phantoms)]
    return set(group_ties(network)).union(employer_ties(people))


def _in_system_messages(network: Network) -> set[str]:
    """Everyone who sent or received a system message."""
    messages = network.messages
    system = messages["is_system"].to_numpy(dtype=bool)
    found = set(messages["sender_id"][system].tolist())
    found.update(chain.from_iterable(
        messages["recipient_ids"].to_numpy(dtype=object)[system].tolist()))
    return found


def system_only_ids(network: Network) -> set[str]:
    """People who appear only in sponsored/system messages ('LinkedIn Member' of InMail and
    sponsored conversations): not a connection or contact, in no real message, invitation,
    recommendation or endorsement. They are no one's tie; in a team, one shared 'LinkedIn
    Member' would otherwise join every member's network as a broker.

    Examples
    --------
    >>> import pandas as pd
    >>> from netaudit.model import Network, Owner, conform
    >>> people = conform(pd.DataFrame({"person_id": ["me", "a", "lm"],
    ...     "name": ["Me", "Ana Ruiz", "LinkedIn Member"], "is_owner": [True, False, False]}),
    ...     "people")
    >>> messages = conform(pd.DataFrame({"message_id": ["1", "2"], "sender_id": ["lm", "a"],
    ...     "recipient_ids": [("me",), ("me",)], "is_system": [True, False]}), "messages")
    >>> system_only_ids(Network(people=people, messages=messages, owner=Owner("me", "Me")))
    {'lm'}
    """
    from itertools import chain

    from netaudit.model import text_isin, tuples_at

    people = network.people
    candidates = people.loc[~people["is_owner"] & ~people["is_connection"]
                            & ~people["is_contact"], "person_id"]
    messages = network.messages
    system = messages["is_system"].to_numpy(dtype=bool)
    if not len(candidates) or not system.any():
        return set()
    senders = messages["sender_id"]
    recipients = messages["recipient_ids"].to_numpy(dtype=object)
    found = set(senders[system].tolist())
    found.update(chain.from_iterable(recipients[system].tolist()))
    if str(candidates.dtype) == "str" and not candidates.hasnans:
        # The candidates named there, looked up in Arrow: a set of 45,000 ids cost 0.006 s.
        found = set(candidates[text_isin(candidates, found).to_numpy()].tolist())
    else:
        found &= set(candidates.tolist())
    if not found:
        return found
    # Who of them sent a real message: looked up in Arrow, not by a set of 500,000 senders.
    found -= set(senders[text_isin(senders, found).to_numpy() & ~system].tolist())
    # Who of them received one: read from each distinct recipient list once (the column's
    # codes, kept by the loader), not from 500,000 tuples (0.018 s, issue 17).
    real = tuples_at(messages["recipient_ids"], ~system)
    if real is not None:
        _, used, tuples = real
        found.difference_update(chain.from_iterable([tuples[i] for i in used.tolist()]))
    else:  # a missing value among them: as each row has it
        found.difference_update(chain.from_iterable(recipients[~system].tolist()))
    found -= set(network.interactions["person_id"].tolist())
    found -= set(network.invitations["person_id"].tolist())
    return found


def _date(value: Any) -> str:
    import pandas as pd

    if value is None or pd.isna(value):
        return ""
    return pd.Timestamp(value).date().isoformat()


def iso_dates(values: pd.Series) -> list[str]:
    """:func:`_date` of each value, computed once per distinct value (30,000 connections
    share a few thousand dates)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    if isinstance(uniques, pd.DatetimeIndex):
        # The day of each in its own time zone, by numpy: what Timestamp.date() gives.
        texts = np.datetime_as_string(uniques.tz_localize(None).to_numpy(), unit="D").tolist()
    else:
        texts = [_date(value) for value in uniques]
    return np.array([*texts, ""], dtype=object)[codes].tolist()  # code -1 (missing) -> ""


def _bools(values: pd.Series) -> list[bool]:
    if values.dtype == bool:
        return values.to_numpy().tolist()  # Python bools, in C
    return [bool(v) for v in values.tolist()]


def _add_nodes(graph: nx.Graph, nodes: list[Any], attrs: list[dict[str, Any]]) -> None:
    """``graph.add_nodes_from(zip(nodes, attrs))`` for a graph without nodes yet, each node
    keeping its dict of ``attrs`` (networkx would copy it).

    networkx tries each (node, dict) pair as a node first and takes it apart in an
    exception handler: 0.09 s for 76,000 nodes. This fills the node and adjacency dicts
    (``Graph._node`` and ``Graph._adj``, the structure networkx documents for subclasses)
    as ``add_nodes_from`` does, when ``graph`` is an empty plain :class:`networkx.Graph`
    and the nodes are distinct; otherwise it calls ``add_nodes_from``.

    >>> import networkx as nx
    >>> g = nx.Graph(); _add_nodes(g, ["a", "b"], [{"x": 1}, {}])
    >>> list(g.nodes(data=True)), list(g.adj["a"])
    ([('a', {'x': 1}), ('b', {})], [])
    """
    import networkx as nx

    if (type(graph) is not nx.Graph or len(graph) or None in nodes
            or len(set(nodes)) < len(nodes)):
        graph.add_nodes_from(zip(nodes, attrs, strict=True))
        return
    graph._node.update(zip(nodes, attrs, strict=True))
    graph._adj.update(zip(nodes, [{} for _ in nodes], strict=True))
    graph.add_nodes_from([])  # what networkx does after adding: clear its cached conversions


def _add_star(graph: nx.Graph, center: Any, others: list[Any],
              attrs: list[dict[str, Any]]) -> None:
    """``graph.add_edges_from(zip(repeat(center), others, attrs))``, each edge keeping its
    dict of ``attrs`` (networkx would copy it).

    networkx copies each dict into a new one: 0.09 s for 76,000 edges. This sets each dict
    in the adjacency of both ends (``Graph._adj``) as ``add_edges_from`` does, when
    ``graph`` is a plain :class:`networkx.Graph`, ``center`` has no edge yet and the others
    are distinct nodes of the graph other than ``center``; otherwise it calls
    ``add_edges_from``.

    >>> import networkx as nx
    >>> g = nx.Graph(); g.add_nodes_from(["a", "b"])
    >>> _add_star(g, "me", ["b", "a"], [{"k": 1}, {}])
    >>> list(g.nodes), list(g.edges(data=True))
    (['a', 'b', 'me'], [('a', 'me', {}), ('b', 'me', {'k': 1})])
    """
    import networkx as nx

    if not others:
        return
    distinct = set(others)
    adjacency = graph._adj
    if (type(graph) is not nx.Graph or center is None or adjacency.get(center)
            or len(distinct) < len(others) or center in distinct
            or not distinct <= adjacency.keys()):
        graph.add_edges_from(zip(repeat(center, len(others)), others, attrs, strict=True))
        return
    if center not in adjacency:
        graph.add_node(center)
    adjacency[center].update(zip(others, attrs, strict=True))
    for other, attr in zip(others, attrs, strict=True):
        adjacency[other][center] = attr
    graph.add_nodes_from([])  # clears networkx's cached conversions, as adding edges does


def _add_between(graph: nx.Graph, a: str, b: str, kind: EdgeKind, **attrs: Any) -> None:
    if graph.has_edge(a, b):
        graph.edges[a, b].update(attrs)
        return
    graph.add_edge(a, b, **_between_attrs(kind, **attrs))


def _between_attrs(kind: EdgeKind, **attrs: Any) -> dict[str, Any]:
    """A new edge between two people: its kind, the defaults of every such edge, its
    strength, then ``attrs`` (the one rule of :func:`_add_between` and :func:`ties_between`).

    >>> _between_attrs(EdgeKind.EMPLOYER, same_employer=True, employer="Acme")
    {'kind': 'employer', 'group_conversations': 0, 'same_employer': True, 'strength': 0.02, \
'employer': 'Acme'}
    """
    return {"kind": kind.value, "group_conversations": 0, "same_employer": False,
            "strength": _BETWEEN_STRENGTH[kind], **attrs}


_BETWEEN_STRENGTH = {
    EdgeKind.OWNER: 0.0,
    EdgeKind.GROUP: GROUP_TIE_STRENGTH,
    EdgeKind.EMPLOYER: EMPLOYER_TIE_STRENGTH,
}


def team_identities(networks: Sequence[Network]) -> list[dict[str, str]]:
    """Who is who across several people's networks: for each network, ``{its person_id:
    team person_id}``, merging people by normalized profile URL, then e-mail, then name, with
    :func:`netaudit.identity.resolve` (the rule used for the files of one person).

    A team id is the person_id of one row of each merged person (the first network's that has
    them): path-free (:func:`netaudit.identity.stable_ids`); if two people the rule keeps apart
    share an id (the same name in two networks, unmerged), the later one is
    ``<person_id>-m<index of its network + 1>``.

    Examples
    --------
    >>> import pandas as pd
    >>> from netaudit.model import Network, conform
    >>> def net(*names):
    ...     return Network(people=conform(pd.DataFrame({"person_id": list(names),
    ...                                                 "name": list(names)}), "people"))
    >>> maps = team_identities([net("Ana Ruiz", "Bo Li"), net("Bo Li", "Cy Young")])
    >>> maps[0]["Bo Li"], maps[1]["Bo Li"], maps[1]["Cy Young"]
    ('Bo Li', 'Bo Li', 'Cy Young')
    """
    import pandas as pd

    from netaudit.identity import resolve
    from netaudit.model import Network, conform

    frames = []
    for index, network in enumerate(networks):
        people = network.people.copy()
        people["person_id"] = f"{index}/" + people["person_id"].astype(str)
        frames.append(people)
    people = conform(pd.concat(frames, ignore_index=True), "people")
    ids = people["person_id"].tolist()
    # resolve() rewrites every reference to a merged person; one interaction row per person is
    # the carrier that hands back the old-id -> team-id mapping without a second implementation
    # of the rule.
    carrier = conform(pd.DataFrame({"person_id": ids, "detail": ids}), "interactions")
    merged = resolve(Network(people=people, interactions=carrier), one_owner=False)
    mapping = dict(zip(merged.interactions["detail"].tolist(),
                       merged.interactions["person_id"].tolist(), strict=True))
    # "<index>/<person_id>" (unique while merging) back to the person_id alone.
    plain: dict[str, str] = {}
    taken: set[str] = set()
    for merged_id in dict.fromkeys(mapping.values()):
        index, _, pid = merged_id.partition("/")
        chosen = pid if pid not in taken else f"{pid}-m{int(index) + 1}"
        taken.add(chosen)
        plain[merged_id] = chosen
    mapping = {key: plain[value] for key, value in mapping.items()}
    result: list[dict[str, str]] = []
    for index, network in enumerate(networks):
        prefix = f"{index}/"
        result.append({pid: mapping[prefix + pid] for pid in network.people["person_id"].tolist()})
    return result


def union_graph(graphs: Sequence[nx.Graph], members: Sequence[str]) -> nx.Graph:
    """The union of several ego graphs whose node ids already name the same person the same
    way (see :func:`team_identities`).

    Node attributes: the first non-empty value over the graphs, flags or-ed; ``member`` is True
    for the owners in ``members``. An edge present in several graphs keeps the attributes of
    its strongest kind and, among those, its highest ``strength``; ``members`` lists (sorted,
    '; '-joined) the members whose data has it, and ``group_conversations`` is summed.

    Examples
    --------
    >>> import networkx as nx
    >>> a = nx.Graph(); a.add_edge("A", "x", kind="owner", strength=0.2)
    >>> b = nx.Graph(); b.add_edge("B", "x", kind="owner", strength=0.7)
    >>> b.add_edge("B", "A", kind="owner", strength=0.5)
    >>> a.add_edge("A", "B", kind="owner", strength=0.9)
    >>> u = union_graph([a, b], ["A", "B"])
    >>> u.edges["A", "B"]["strength"], u.edges["A", "B"]["members"]
    (0.9, 'A; B')
    """
    import networkx as nx

    union = nx.Graph(members="; ".join(dict.fromkeys(members)))
    for graph, member in zip(graphs, members, strict=True):
        add_to_union(union, graph.nodes(data=True), graph.edges(data=True), member)
    mark_members(union, members)
    return union


def add_to_union(union: nx.Graph, nodes: Iterable[tuple[str, dict[str, Any]]],
                 edges: Iterable[tuple[str, str, dict[str, Any]]], member: str,
                 rename: Mapping[str, str] | None = None) -> None:
    """Merge ``member``'s ego graph (its nodes and edges with their attributes) into ``union``
    (see :func:`union_graph`), node ids passed through ``rename`` first (team ids,
    :func:`team_identities`)."""
    rename = rename or {}
    for node, attrs in nodes:
        node = rename.get(node, node)
        if node not in union:
            union.add_node(node, **attrs)
            continue
        current = union.nodes[node]
        for key, value in attrs.items():
            if isinstance(value, bool):
                current[key] = bool(current.get(key)) or value
            elif value not in ("", None) and current.get(key) in ("", None):
                current[key] = value
    for a, b, attrs in edges:
        a, b = rename.get(a, a), rename.get(b, b)
        if not union.has_edge(a, b):
            union.add_edge(a, b, **attrs, members=member)
            continue
        current = union.edges[a, b]
        owners = sorted({*current["members"].split("; "), member})
        shared = current.get("group_conversations", 0) + attrs.get("group_conversations", 0)
        if _stronger(attrs, current):
            current.clear()
            current.update(attrs)
        current["members"] = "; ".join(owners)
        current["group_conversations"] = shared
        current["same_employer"] = bool(current.get("same_employer")) or bool(
            attrs.get("same_employer"))


def mark_members(union: nx.Graph, members: Sequence[str]) -> None:
    """Set the node attribute ``member`` (True for the team members)."""
    member_ids = set(members)
    for node, attrs in union.nodes(data=True):
        attrs["member"] = node in member_ids


def _stronger(new: Mapping[str, Any], old: Mapping[str, Any]) -> bool:
    rank_new = _KIND_RANK.get(new.get("kind", ""), 9)
    rank_old = _KIND_RANK.get(old.get("kind", ""), 9)
    if rank_new != rank_old:
        return rank_new < rank_old
    return float(new.get("strength", 0.0)) > float(old.get("strength", 0.0))


def team_graph(
    networks: Sequence[Network],
    *,
    strengths: Sequence[Mapping[str, float]] | None = None,
    details: bool = True,
) -> tuple[nx.Graph, list[dict[str, str]]]:
    """The union graph of several people's networks, one per team member (each network's
    owner), with people merged across networks by :func:`team_identities`.

    ``strengths`` gives, per network, each person's tie strength with that network's owner (in
    that network's ids); ``details`` as in :func:`ego_graph`. Each member's graph is merged in
    as soon as it is built, so only one is held at a time. Returns the graph and the
    per-network id mappings.
    """
    import networkx as nx

    mappings = team_identities(networks)
    members = [mappings[i].get(n.owner_id or "", n.owner_id or "")
               for i, n in enumerate(networks)]
    union = nx.Graph(members="; ".join(dict.fromkeys(members)))
    for index, network in enumerate(networks):
        given = strengths[index] if strengths is not None else None
        graph = ego_graph(network, strengths=given, rename=mappings[index], details=details)
        add_to_union(union, graph.nodes(data=True), graph.edges(data=True), members[index])
    mark_members(union, members)
    return union, mappings
