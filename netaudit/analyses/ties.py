"""How strong is each tie: an explainable score in [0, 1] per person, a layer, a status, and who
to re-engage or prune.

The score follows the dimensions research found predictive of tie strength (Granovetter 1973;
Gilbert & Karahalios 2009): each component is a number in [0, 1] computed from the data, and
the score is their weighted mean. Nothing is fitted; every constant is documented here and in
the README, and ``--weights`` overrides the weights.

Components (``d`` = days, ``x / (x + h)`` is a saturating count that is 1/2 at ``h``):

- **recency** = 0.5 ** (days since the last contact / ``HALF_LIFE_DAYS``); 0 without contact.
- **frequency** = 0.5 * r / (r + ``RECENT_HALF``) + 0.5 * e / (e + ``EVER_HALF``), where r
  counts message contacts in the ``RECENT_DAYS`` days up to the as-of date and e all of them.
- **reciprocity** = 0.5 * (1 when both sides wrote at least one message, else 0) + 0.5 * the
  share of your outreach to them that they answered within 30 days (the definition of
  :mod:`netaudit.analyses.replies`; taken as "both wrote" when you never wrote first).
- **duration** = d / (d + ``DURATION_HALF_DAYS``), d = days from the first contact to as-of.
- **services** = 0.5 * g / (g + ``SERVICES_HALF``) + 0.5 * r / (r + ``SERVICES_HALF``), where g
  and r are points given and received: an endorsement 1 point, a recommendation 2.
- **intimacy** = 1 with at least one 1:1 conversation, ``GROUP_ONLY_INTIMACY`` when you only
  met in group conversations, 0 without messages.

A *contact* is a message either way (drafts, sponsored/system rows and auto-replies excluded)
or a recommendation or endorsement either way (see :func:`netaudit.graph.contact_events`).
The *as-of* date is the latest timestamp in the data unless given, so a result is reproducible;
events after it are ignored.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING, Any, overload

from netaudit.analyses.replies import find_outreach
from netaudit.collector import collector_paused
from netaudit.encode import Column, Repeated, Table, to_data
from netaudit.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd

    from netaudit.graph import ContactCodes
    from netaudit.model import Network


class Component(StrEnum):
    """The parts of the tie-strength score."""

    RECENCY = "recency"
    FREQUENCY = "frequency"
    RECIPROCITY = "reciprocity"
    DURATION = "duration"
    SERVICES = "services"
    INTIMACY = "intimacy"


#: What each component measures; walked by a test so that none is left undocumented.
COMPONENT_MEANING: dict[Component, str] = {
    Component.RECENCY: "how recently you were in contact (halves every 180 days of silence)",
    Component.FREQUENCY: "how many messages, in the last 90 days and ever",
    Component.RECIPROCITY: "whether both of you write (and answer each other)",
    Component.DURATION: "how long ago your first contact was",
    Component.SERVICES: "recommendations and endorsements, given and received",
    Component.INTIMACY: "1:1 conversations rather than group conversations only",
}

#: Weights of the weighted mean. Recency and duration come first: they were the strongest
#: single predictors in Gilbert & Karahalios (2009).
DEFAULT_WEIGHTS: dict[str, float] = {
    Component.RECENCY.value: 0.30,
    Component.DURATION.value: 0.20,
    Component.FREQUENCY.value: 0.15,
    Component.RECIPROCITY.value: 0.15,
    Component.INTIMACY.value: 0.10,
    Component.SERVICES.value: 0.10,
}

HALF_LIFE_DAYS = 180.0
RECENT_DAYS = 90
RECENT_HALF = 3.0
EVER_HALF = 20.0
DURATION_HALF_DAYS = 365.0
SERVICES_HALF = 2.0
RECOMMENDATION_POINTS = 2
GROUP_ONLY_INTIMACY = 0.25

#: A tie is fading once the silence is longer than FADING_FACTOR times its usual gap between
#: contact days (Levin, Walter & Murnighan: a tie is at risk after several usual gaps).
FADING_FACTOR = 3.0
#: The usual gap is the median gap between distinct contact days, but never below this (two
#: messages a day apart do not make a tie "fading" after three days of silence).
MIN_USUAL_GAP_DAYS = 30.0
#: Prune candidates: connections without any contact this long after connecting.
PRUNE_AFTER_DAYS = 365
#: Re-engage candidates: fading ties whose score without recency is at least this.
REENGAGE_MIN_PAST = 0.35


class Layer(StrEnum):
    """Rings by rank of score, like Dunbar's layers of about 5 / 15 / 50 / 150 people. Each
    ring is named by the ranks it holds (not cumulative): "ranks 6-15" holds ranks 6 to 15
    only, so a 4-person network has everyone in "ranks 1-5" and nobody in "ranks 6-15"."""

    TOP_5 = "ranks 1-5"
    TOP_15 = "ranks 6-15"
    TOP_50 = "ranks 16-50"
    TOP_150 = "ranks 51-150"
    REST = "rest"


#: The largest rank of each layer; REST takes everyone else and every score of 0.
LAYER_LIMIT: dict[Layer, int | None] = {
    Layer.TOP_5: 5,
    Layer.TOP_15: 15,
    Layer.TOP_50: 50,
    Layer.TOP_150: 150,
    Layer.REST: None,
}


class Status(StrEnum):
    """Where a tie stands now."""

    ACTIVE = "active"
    FADING = "fading"
    DORMANT = "dormant"
    ONE_WAY = "one-way"


STATUS_MEANING: dict[Status, str] = {
    Status.ACTIVE: "in contact, silence not longer than 3 times the usual gap",
    Status.FADING: "silence longer than 3 times the tie's usual gap between contacts",
    Status.DORMANT: "no contact ever: no message, recommendation or endorsement either way",
    Status.ONE_WAY: "messages went one way only: they write and you never answer, or the reverse",
}


@dataclass(frozen=True)
class Suggestion:
    """One person on an action list, with the reason in words."""

    person_id: str
    name: str
    company: str
    position: str
    reason: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "name": self.name, "company": self.company,
                "position": self.position, "score": self.score, "reason": self.reason}


class _WhenRead:
    """A field of :class:`TieStrength` that may be given as a function of no arguments, called
    when the field is first read: the re-engage and prune lists cost 0.1 s on the benchmark
    export, and ``graph``, ``due`` or ``introduce`` never read them (issue 17). Reading,
    comparing, ``replace`` and ``asdict`` see the list as if it had been given."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_{name}_value"

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> None: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> list[Suggestion]: ...

    def __get__(self, instance: object, owner: type | None = None) -> list[Suggestion] | None:
        if instance is None:  # the dataclass's default (None: an empty list)
            return None
        value = instance.__dict__.get(self.slot)
        if value is None:
            value = instance.__dict__[self.slot] = []
        elif callable(value):
            value = instance.__dict__[self.slot] = value()
        return value

    def __set__(self, instance: Any,
                value: list[Suggestion] | Callable[[], list[Suggestion]] | None) -> None:
        instance.__dict__[self.slot] = value


@dataclass(frozen=True)
class _Listing:
    """A list of suggestions made when read (a field of :class:`TieStrength`, see
    :class:`_WhenRead`): ``make(head)`` gives its first ``head`` items (all of them for None)
    and how many it has. Called, the whole list."""

    make: Callable[[int | None], tuple[list[Suggestion], int]]

    def __call__(self) -> list[Suggestion]:
        return self.make(None)[0]


@dataclass
class TieStrength:
    """Result of :func:`tie_strength`. ``rows`` has one row per person (see ``ROW_COLUMNS``)."""

    as_of: str | None
    weights: dict[str, float]
    reciprocity: str
    rows: pd.DataFrame
    layers: dict[str, int]
    statuses: dict[str, int]
    connections: int
    unknown_network: int
    reengage: _WhenRead = _WhenRead()
    """Strong in the past, fading now (see :class:`_WhenRead`)."""
    prune: _WhenRead = _WhenRead()
    """Candidates to prune (see :class:`_WhenRead`)."""
    ego_ties: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    """The :func:`netaudit.graph.ego_ties` table the scores were computed from (everyone but
    the owner, events up to ``as_of``), so that :func:`netaudit.graph.ego_graph` need not
    compute the contact events a second time. Not part of ``to_dict()``."""
    events: ContactCodes | None = field(default=None, repr=False, compare=False)
    """The contact events the scores were computed from (:func:`netaudit.graph.contact_codes`
    up to ``as_of``), for :func:`netaudit.analyses.due.due_list`. Not part of ``to_dict()``."""
    message_log: bool = True
    """Whether any message was read (:func:`netaudit.model.has_message_log`). Without
    one nobody is known to be out of touch: the prune list leaves out the connections with
    no contact (a connection list alone would put nearly all of them there). Not part of
    ``to_dict()``: the lists say it by what they hold."""

    def first(self, name: str, head: int) -> tuple[list[Suggestion], int]:
        """The first ``head`` suggestions of the list ``name`` ('reengage' or 'prune') and
        how many it has: ``(listed[:head], len(listed))``, without making the whole list
        when it is not made yet (the report shows 15 people of the benchmark export's
        25,000 and 2,000: making them all cost 0.06 s, issue 17)."""
        if name not in ("reengage", "prune"):
            raise ValueError(f"no list of suggestions called {name!r}")
        made = self.__dict__.get(f"_{name}_value")
        if not isinstance(made, _Listing) or head < 0:
            listed = getattr(self, name)
            return listed[:head], len(listed)
        known = self.__dict__.setdefault(f"_{name}_first", {})
        for count, (items, total) in known.items():
            if count >= head:
                return items[:head], total
        known[head] = made.make(head)
        return known[head]

    @property
    def scores(self) -> dict[str, float]:
        """``{person_id: score}``."""
        return self.scores_of()

    def scores_of(self, ids: Collection[str] | None = None) -> dict[str, float]:
        """:attr:`scores` of the people of ``ids`` alone (everyone for None), without a dict
        of everyone (the report's re-engage page reads 15 of the benchmark export's 75,000)."""
        rows = self.rows
        if ids is not None:
            rows = rows[rows["person_id"].isin(list(ids)).to_numpy()]
        return dict(zip(rows["person_id"].tolist(), rows["score"].tolist(), strict=True))

    @property
    def score_by_id(self) -> pd.Series:
        """:attr:`scores` as a Series indexed by person_id (no dict of 75,000 ids)."""
        import pandas as pd

        return pd.Series(self.rows["score"].to_numpy(dtype=float),
                         index=pd.Index(self.rows["person_id"]))

    @property
    def status_of(self) -> dict[str, str]:
        """``{person_id: status}`` (the values of :class:`Status`)."""
        return dict(zip(self.rows["person_id"].tolist(), self.rows["status"].tolist(),
                        strict=True))

    def to_dict(self) -> dict[str, Any]:
        with collector_paused():  # 75,000 row dicts, no cycle among them
            return to_data(self.json_data())

    def json_data(self) -> dict[str, Any]:
        """:meth:`to_dict` with its rows and suggestions kept as
        :class:`~netaudit.encode.Table`, which ``--json`` writes column by column (issue
        17)."""
        with collector_paused():
            return {
                "as_of": self.as_of,
                "weights": self.weights,
                "reciprocity": self.reciprocity,
                "people": len(self.rows),
                "connections": self.connections,
                "layers": self.layers,
                "statuses": self.statuses,
                "unknown_network": {"dormant_connections": self.unknown_network,
                                    "connections": self.connections,
                                    "share": (self.unknown_network / self.connections
                                              if self.connections else None)},
                "reengage": _suggestion_table(self.reengage),
                "prune": _suggestion_table(self.prune),
                "rows": _row_table(self.rows),
            }


def _suggestion_table(suggestions: list[Suggestion]) -> Table:
    """``[s.to_dict() for s in suggestions]`` as a :class:`~netaudit.encode.Table` (of
    Arrow columns: 24,000 suggestions on the benchmark export)."""
    return Table({key: Column.of(list(map(attrgetter(key), suggestions)))
                  for key in ("person_id", "name", "company", "position", "score", "reason")})


def _row_table(rows: pd.DataFrame) -> Table:
    """The ``rows`` of ``to_dict()``, one dict per person, column by column: each column an
    Arrow array (:class:`~netaudit.encode.Column`) that ``--json`` writes without a Python
    object per value (issue 17)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    def column(name: str) -> Column:
        return Column(pa.array(rows[name]))

    def rounded(name: str, digits: int = 4) -> Column:
        return Column(pa.array(round_array(rows[name].to_numpy(dtype=float), digits)))

    def maybe(name: str) -> Column:  # rounded to 1 digit, None for NaN
        return Column(pa.array(round_array(rows[name].to_numpy(dtype=float), 1),
                               from_pandas=True))

    def or_none(name: str) -> Column:  # None for ''
        values = pa.array(rows[name])
        return Column(pc.if_else(pc.equal(values, ""), pa.scalar(None, values.type), values))

    def counts(name: str) -> Column:
        return Column(pa.array(rows[name].to_numpy(dtype=np.int64)))

    return Table({
        "person_id": column("person_id"), "name": column("name"),
        "company": column("company"), "position": column("position"),
        "is_connection": Column(pa.array(rows["is_connection"].to_numpy(dtype=bool))),
        "score": rounded("score"),
        "components": Table({c.value: rounded(c.value) for c in Component}),
        "layer": column("layer"), "status": column("status"),
        "messages_from_owner": counts("messages_from_owner"),
        "messages_to_owner": counts("messages_to_owner"),
        "messages_last_90_days": counts("messages_last_90_days"),
        "first_contact": or_none("first_contact"), "last_contact": or_none("last_contact"),
        "days_since_last_contact": maybe("days_since_last_contact"),
        "usual_gap_days": maybe("usual_gap_days"),
        # 75,000 people share a few thousand of these texts: each converted once for JSON.
        "last_contact_by_network": Repeated(pa.array(rows["last_contact_by_network"]),
                                            _by_network),
        "on_paper": Repeated(pa.array(rows["on_paper"]), _listed),
    })


def round_all(values: Any, digits: int) -> list[float]:
    """:func:`round_array` as a list."""
    return round_array(values, digits).tolist()


def round_array(values: Any, digits: int) -> Any:
    """``[round(v, digits) for v in values]`` (a float array) by numpy: Python's ``round``
    costs a fifth of a microsecond a value (0.1 s for the 7 score columns of 75,000 people).

    ``round`` rounds the exact binary value to the nearest multiple of 10**-digits (ties to
    even), and ``k / 10**digits`` with the integer ``k`` it picks is what numpy divides too;
    numpy's ``k`` (``rint`` of the product) differs only where the product, off by half a
    unit in its last place, lies that close to halfway between two integers, or past 2**52:
    those values are rounded by Python.

    >>> round_array(__import__("numpy").array([2.675, 0.125, 0.00015, -1e-05, float("nan")]),
    ...             2).tolist()
    [2.67, 0.12, 0.0, -0.0, nan]
    """
    import numpy as np

    scale = 10.0 ** digits
    scaled = values * scale
    out = np.rint(scaled) / scale
    with np.errstate(invalid="ignore"):  # NaN and infinities are rounded by numpy alike
        near_half = (np.abs(scaled - np.floor(scaled) - 0.5) <= np.abs(scaled) * 2.0 ** -50)
        exact = near_half | ((np.abs(scaled) >= 2.0 ** 52) & np.isfinite(values))
    out[exact] = [round(value, digits) for value in values[exact].tolist()]
    return out


def last_contact_by_network(events: pd.DataFrame) -> dict[str, str]:
    """Per person, the date of the last contact on each network, most recent first:
    ``'whatsapp 2026-01-05; linkedin 2024-03-01'`` ('other' for a message log that does not
    say its network). Undated contacts count for no network's date.

    >>> import pandas as pd
    >>> events = pd.DataFrame({"person_id": ["a", "a", "a"], "channel": ["linkedin",
    ...     "whatsapp", "linkedin"], "at": pd.to_datetime(["2024-03-01", "2026-01-05",
    ...     "2023-01-01"], utc=True)})
    >>> last_contact_by_network(events)
    {'a': 'whatsapp 2026-01-05; linkedin 2024-03-01'}
    """
    import pandas as pd

    person, people = pd.factorize(events["person_id"], use_na_sentinel=False)
    channel, channels = pd.factorize(events["channel"], use_na_sentinel=False)
    texts, _ = _last_contact_texts(events["at"], channel,
                                   pd.Series(channels, dtype=events["channel"].dtype),
                                   person, len(people))
    return {str(p): text for p, text in zip(people.tolist(), texts, strict=True) if text}


def _last_contact_texts(at: pd.Series, channel: Any, channels: pd.Series, person: Any,
                        people: int) -> tuple[list[str], list[str]]:
    """:func:`last_contact_by_network` per person code (``at``: the date of each event,
    ``channel``: the code of its network in ``channels``, ``person``: the code of its person,
    ``people`` codes in all; '' without a dated contact), and the networks it names in its
    order, '; '-joined. Networks with the same last date keep the order of their first
    contact in the events."""
    import numpy as np
    import pandas as pd

    dated = at.notna().to_numpy()
    stamps = pd.to_datetime(at, utc=True).dt.tz_convert(None).to_numpy(
        dtype="datetime64[ns]")[dated].view(np.int64)
    # '' (a message log that does not say its network) is 'other', one network with any
    # 'other' named as such.
    merged, names = pd.factorize(channels.replace("", "other"), use_na_sentinel=False)
    channel = merged[np.asarray(channel)[dated]]
    who = person[dated]
    if len(channel) and (channel == channel[0]).all():
        # One network (a LinkedIn export): each person's last date, in one pass.
        last_of = np.full(people, np.iinfo(np.int64).min)
        np.maximum.at(last_of, who, stamps)
        seen = np.zeros(people, dtype=bool)
        seen[who] = True
        label = str(names.tolist()[channel[0]])
        # Each distinct day written once (a few thousand days for 60,000 people).
        days, which = np.unique(last_of[seen].view("datetime64[ns]").astype("datetime64[D]"),
                                return_inverse=True)
        texts = np.array([f"{label} {day}" for day in np.datetime_as_string(days).tolist()],
                         dtype=object)
        out_texts = np.full(people, "", dtype=object)
        out_texts[seen] = texts[which.reshape(-1)]
        named_texts = np.full(people, "", dtype=object)
        named_texts[seen] = label
        return out_texts.tolist(), named_texts.tolist()
    pair = who.astype(np.int64) * max(len(names), 1) + channel
    pairs, first_seen, which = np.unique(pair, return_index=True, return_inverse=True)
    last = np.full(len(pairs), np.iinfo(np.int64).min)
    np.maximum.at(last, which, stamps)
    pair_person = pairs // max(len(names), 1)
    order = np.lexsort((first_seen, -last, pair_person))
    days = np.datetime_as_string(last[order].view("datetime64[ns]"), unit="D").tolist()
    labels = [str(name) for name in names.tolist()]
    out = [""] * people
    named = [""] * people
    for code, kind, day in zip(pair_person[order].tolist(), (pairs[order] % max(len(names), 1)
                                                             ).tolist(), days, strict=True):
        if out[code]:
            out[code] = f"{out[code]}; {labels[kind]} {day}"
            named[code] = f"{named[code]}; {labels[kind]}"
        else:
            out[code], named[code] = f"{labels[kind]} {day}", labels[kind]
    return out, named


def _by_network(value: Any) -> dict[str, str]:
    if not value:
        return {}
    return dict(part.split(" ", 1) for part in str(value).split("; ") if part)


def _listed(value: Any) -> list[str]:
    return [part for part in str(value).split("; ") if part]


#: Columns of ``TieStrength.rows`` (and of the ``--csv`` file), in order.
ROW_COLUMNS = (
    "person_id", "name", "company", "position", "is_connection", "connected_on", "score",
    *(c.value for c in Component),
    "layer", "status", "messages_from_owner", "messages_to_owner", "messages_last_90_days",
    "first_contact", "last_contact", "days_since_last_contact", "usual_gap_days",
    "conversations_1to1", "conversations_group", "recommendations_given",
    "recommendations_received", "endorsements_given", "endorsements_received", "invited_by",
    "networks", "last_contact_by_network", "on_paper",
)


def parse_weights(text: str | None) -> dict[str, float]:
    """``"recency=0.5,services=0"`` -> the default weights with those replaced.

    Examples
    --------
    >>> parse_weights("recency=0.5, services=0")["recency"]
    0.5
    >>> parse_weights("warmth=1")
    Traceback (most recent call last):
    ...
    netaudit.errors.UsageError: --weights: unknown component 'warmth' (valid names: recency, frequency, reciprocity, duration, services, intimacy)
    """
    weights = dict(DEFAULT_WEIGHTS)
    valid = ", ".join(c.value for c in Component)
    for item in (text or "").split(","):
        if not item.strip():
            continue
        name, sep, value = item.partition("=")
        name = name.strip().lower()
        if not sep:
            raise UsageError(f"--weights: {item.strip()!r} is not NAME=NUMBER",
                             hint=f"e.g. --weights recency=0.4,services=0.2; names: {valid}")
        if name not in weights:
            raise UsageError(f"--weights: unknown component {name!r}",
                             hint=f"valid names: {valid}")
        try:
            number = float(value)
        except ValueError:
            raise UsageError(f"--weights: {value.strip()!r} is not a number for {name}",
                             hint="weights are numbers >= 0, e.g. recency=0.4") from None
        if not math.isfinite(number) or number < 0:
            raise UsageError(f"--weights: {name}={value.strip()} is negative or not finite",
                             hint="weights are numbers >= 0")
        weights[name] = number
    if sum(weights.values()) <= 0:
        raise UsageError("--weights: every weight is 0", hint="give at least one weight above 0")
    return weights


def parse_as_of(text: str | None) -> pd.Timestamp | None:
    """``--as-of YYYY-MM-DD`` as the end of that day in UTC (None when not given).

    >>> str(parse_as_of("2026-01-31"))
    '2026-01-31 23:59:59.999999+00:00'
    """
    import pandas as pd

    if text is None or not text.strip():
        return None
    try:
        day = pd.Timestamp(text.strip())
    except ValueError:
        raise UsageError(f"--as-of {text!r} is not a date",
                         hint="write it as YYYY-MM-DD, e.g. --as-of 2026-01-31") from None
    if day.tzinfo is None:
        day = day.tz_localize("UTC")
    return day.normalize() + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)


def latest_timestamp(network: Network) -> pd.Timestamp | None:
    """The latest date anywhere in the data: messages (drafts excluded), invitations,
    recommendations/endorsements, connection dates. The default as-of date."""
    import pandas as pd

    messages = network.messages
    candidates = [
        messages.loc[~messages["is_draft"], "sent_at"].max(),
        network.invitations["sent_at"].max(),
        network.interactions["at"].max(),
        network.people["connected_on"].max(),
    ]
    dated = [pd.Timestamp(c) for c in candidates if c is not None and not pd.isna(c)]
    return max(dated) if dated else None


@collector_paused()  # its tables and lists hold no cycle (see collector_paused)
def tie_strength(
    network: Network,
    *,
    weights: Mapping[str, float] | None = None,
    as_of: pd.Timestamp | None = None,
    outreach: pd.DataFrame | None = None,
) -> TieStrength:
    """Score every tie of the owner; see the module docstring for each component.

    ``outreach``: the table :func:`~netaudit.analyses.replies.find_outreach` gives for this
    network with its defaults, when the caller has it (used only when ``as_of`` is not given,
    i.e. is the latest date in the data, so that no outreach or reply lies after it).

    The people scored are the connections, the address-book contacts, and anyone else with at
    least one contact; the owner is left out. Connections made after ``as_of`` are left out.

    Layers: people are ranked by score (ties broken by the more recent last contact, then name,
    then id); each ring is named by the ranks it holds: "ranks 1-5", "ranks 6-15", "ranks 16-50",
    "ranks 51-150" (not cumulative); everyone
    else, and every score of 0, is "rest".

    Status: *dormant* without any contact; *one-way* when messages went only one way; *fading*
    when the days since the last contact exceed ``FADING_FACTOR`` times the usual gap (the
    median gap between distinct contact days, at least ``MIN_USUAL_GAP_DAYS``); else *active*.

    Examples
    --------
    >>> import pandas as pd
    >>> from netaudit.model import Network, Owner, conform
    >>> people = conform(pd.DataFrame({"person_id": ["me", "a"], "name": ["Me", "Ana"],
    ...     "is_owner": [True, False], "is_connection": [False, True],
    ...     "connected_on": ["2020-01-01", "2020-01-01"]}), "people")
    >>> result = tie_strength(Network(people=people, owner=Owner("me", "Me")))
    >>> result.rows[["name", "score", "layer", "status"]].values.tolist()
    [['Ana', 0.0, 'rest', 'dormant']]
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from netaudit.graph import contact_codes, ego_ties_at, index_in, iso_dates, texts_at
    from netaudit.model import has_message_log

    weights = dict(weights) if weights is not None else dict(DEFAULT_WEIGHTS)
    message_log = has_message_log(network)
    # Up to the latest date in the data the outreach search finds what it finds without an
    # end date: the caller's table serves then.
    shared = outreach if as_of is None else None
    if as_of is None:
        as_of = latest_timestamp(network)
    events = contact_codes(network, as_of=as_of)
    ego_table, code = ego_ties_at(network, as_of=as_of, events=events)
    people = network.people.set_index("person_id")
    described = ["name", "company", "position", "is_connection", "is_contact", "hidden",
                 "connected_on"]
    if _unique(people.index):
        # The ego table's rows are the people but the owner, in their order: side by side.
        others = (network.people["person_id"] != (network.owner_id or "")).to_numpy(dtype=bool)
        table = pd.concat([ego_table, people[described][others].reset_index(drop=True)],
                          axis=1)
        person_row = np.flatnonzero(others)  # each row's place in ``people``
    else:
        table = ego_table.join(people[described], on="person_id")
        code = index_in(table["person_id"], events.people)
        person_row = None
    # Every figure per person is computed on integer codes of the people in the events (one
    # array per figure, read at each row's code, -1 for no event at all): filtering and
    # grouping the 550,000 events by their text ids cost a second (issue 17).
    person, people_seen = events.person, events.people
    contacted = code >= 0
    in_scope = (table["is_connection"] | table["is_contact"]).to_numpy(dtype=bool) | contacted
    if as_of is not None:
        in_scope &= (table["connected_on"].isna() | (table["connected_on"] <= as_of)).to_numpy(
            dtype=bool)
    table = table[in_scope].reset_index(drop=True)
    code, contacted = code[in_scope], contacted[in_scope]
    if person_row is not None:
        person_row = person_row[in_scope]

    def per_row(values: Any, missing: Any) -> Any:
        """``values`` (one per person code) at each row's code, ``missing`` without one."""
        return np.append(np.asarray(values), missing)[code]

    firsts, lasts = events.span

    def days_to_as_of(stamps: pd.Series) -> pd.Series:
        if as_of is None:
            return pd.Series(np.nan, index=table.index)
        at = pd.Series(per_row(stamps.to_numpy(dtype="datetime64[ns]",
                                               na_value=np.datetime64("NaT")),
                               np.datetime64("NaT", "ns")), index=table.index)
        at = at.dt.tz_localize("UTC")
        # The arithmetic of the ISO texts of first/last contact read back: whole microseconds
        # are read as microseconds (a day count can differ in its last bit otherwise).
        ns = at.to_numpy(dtype="datetime64[ns]", na_value=np.datetime64("NaT")).view(np.int64)
        if (ns[at.notna().to_numpy()] % 1000 == 0).all():
            at = at.dt.as_unit("us")
        return (as_of - at).dt.total_seconds() / 86400.0

    since_last = days_to_as_of(lasts)
    since_first = days_to_as_of(firsts)
    is_message = events.is_kind("message")
    recent = np.zeros(len(people_seen), dtype=np.int64)
    if as_of is not None:
        recent_from = as_of - pd.Timedelta(days=RECENT_DAYS)
        is_recent = is_message & (events.at > recent_from).to_numpy(dtype=bool)
        recent = np.bincount(person[is_recent], minlength=len(people_seen))
    table["messages_last_90_days"] = per_row(recent, 0).astype(int)
    ever = table["messages_from_owner"] + table["messages_to_owner"]

    table[Component.RECENCY.value] = (0.5 ** (since_last / HALF_LIFE_DAYS)).fillna(0.0)
    r = table["messages_last_90_days"]
    table[Component.FREQUENCY.value] = (0.5 * r / (r + RECENT_HALF)
                                        + 0.5 * ever / (ever + EVER_HALF))
    both_wrote = ((table["messages_from_owner"] > 0)
                  & (table["messages_to_owner"] > 0)).astype(float)
    answered, reciprocity_source = _answered_share(network, as_of, shared)
    share = pd.Series(np.append(answered.to_numpy(dtype=float), np.nan)[
        index_in(table["person_id"], answered.index)], index=table.index)
    table[Component.RECIPROCITY.value] = 0.5 * both_wrote + 0.5 * share.fillna(both_wrote)
    d = since_first.clip(lower=0)
    table[Component.DURATION.value] = (d / (d + DURATION_HALF_DAYS)).fillna(0.0)
    given = table["endorsements_given"] + RECOMMENDATION_POINTS * table["recommendations_given"]
    got = (table["endorsements_received"]
           + RECOMMENDATION_POINTS * table["recommendations_received"])
    table[Component.SERVICES.value] = (0.5 * given / (given + SERVICES_HALF)
                                       + 0.5 * got / (got + SERVICES_HALF))
    table[Component.INTIMACY.value] = np.where(
        table["conversations_1to1"] > 0, 1.0,
        np.where(table["conversations_group"] > 0, GROUP_ONLY_INTIMACY, 0.0))
    total = sum(weights.values())
    table["score"] = sum(table[name] * w for name, w in weights.items()) / total

    table["days_since_last_contact"] = since_last
    table["usual_gap_days"] = per_row(_usual_gaps(events.at, person, len(people_seen)), np.nan)
    table["status"] = _statuses(table, contacted)
    table["layer"] = _layers(table)
    # The connection day as a timestamp, for the prune list (what its ISO date reads back as).
    table["connected_day"] = table["connected_on"].dt.floor("D").dt.as_unit("us")
    table["connected_on"] = iso_dates(table["connected_on"])
    # The text columns put together in Arrow, read at each row's position ('' for -1).
    networks = people["networks"]
    by_network, channels = _last_contact_texts(events.at, events.channel, events.channels,
                                               person, len(people_seen))
    if person_row is None:
        person_row = index_in(table["person_id"], networks.index)
    nets = texts_at(pa.array(networks), person_row)
    last_by_network = texts_at(pa.array(by_network, type=pa.large_string()), code)
    table["networks"] = pd.Series(nets, dtype="str", index=table.index)
    table["last_contact_by_network"] = pd.Series(last_by_network, dtype="str",
                                                 index=table.index)
    table["on_paper"] = pd.Series(_on_paper(nets, last_by_network, texts_at(
        pa.array(channels, type=pa.large_string()), code)), dtype="str", index=table.index)
    # The rows in rank order (each rank once: no sort needed); the lists below sort what
    # they pick by rank themselves, so the whole table is not reordered.
    order = np.empty(len(table), dtype=np.int64)
    order[table["rank_order"].to_numpy()] = np.arange(len(table))
    rows = table[list(ROW_COLUMNS)].take(order).reset_index(drop=True)

    connections = table[table["is_connection"]]
    dormant_connections = int((connections["status"] == Status.DORMANT.value).sum())
    return TieStrength(
        as_of=as_of.isoformat() if as_of is not None else None,
        weights=weights,
        reciprocity=reciprocity_source,
        rows=rows,
        layers={layer.value: int((rows["layer"] == layer.value).sum()) for layer in Layer},
        statuses={status.value: int((rows["status"] == status.value).sum())
                  for status in Status},
        connections=len(connections),
        unknown_network=dormant_connections,
        # When first read: graph, due and introduce never read them.
        reengage=_Listing(partial(_reengage, table, weights)),
        prune=_Listing(partial(_prune, table, as_of, with_dormant=message_log)),
        ego_ties=ego_table,
        events=events,
        message_log=message_log,
    )


def _unique(index: pd.Index) -> bool:
    """``index.is_unique``, counted in Arrow for texts (pandas builds a hash table of Python
    strings: 0.015 s for 75,000 ids).

    >>> import pandas as pd
    >>> _unique(pd.Index(["a", "b"], dtype="str")), _unique(pd.Index(["a", None, None], dtype="str"))
    (True, False)
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if str(index.dtype) != "str":
        return bool(index.is_unique)
    return bool(pc.count_distinct(pa.array(index), mode="all").as_py() == len(index))


def _on_paper(networks: Any, last_by_network: Any, channels: Any) -> Any:
    """The networks a person is on without any dated contact there, per row (Arrow arrays
    of texts in, one out): each of ``networks`` not named in ``last_by_network``.
    ``channels`` lists the networks named there without their dates: the answer depends on
    it and ``networks`` only (a network's name has no digit, so it cannot match in a date),
    and is worked out once for each pair (75,000 people share a few dozen), from the first
    row with that pair."""
    import numpy as np
    import pyarrow as pa

    nets = networks.dictionary_encode(null_encoding="encode")
    named = channels.dictionary_encode(null_encoding="encode")
    pair = (nets.indices.to_numpy().astype(np.int64) * max(len(named.dictionary), 1)
            + named.indices.to_numpy())
    _, first, which = np.unique(pair, return_index=True, return_inverse=True)
    texts = ["; ".join(n for n in listed.split("; ") if n and n + " " not in last + " ")
             for listed, last in zip(networks.take(first).to_pylist(),
                                     last_by_network.take(first).to_pylist(), strict=True)]
    return pa.array(texts, type=pa.large_string()).take(which)


def _answered_share(network: Network, as_of: pd.Timestamp | None,
                    found: pd.DataFrame | None = None) -> tuple[pd.Series, str]:
    """Per person (the index), the share of the owner's outreach they answered (the definition
    of :mod:`netaudit.analyses.replies`, replies after ``as_of`` not counted), and the
    definition of reciprocity used."""
    import pandas as pd

    if found is not None:
        table = found
    else:
        table, _ = find_outreach(network, until=as_of.date() if as_of is not None else None)
    none = pd.Series(dtype=float, index=pd.Index([], dtype="str"))
    if table.empty:
        return none, ANSWERED_RECIPROCITY
    # Only the columns read: the outreach table carries the text of every message.
    table = table[["person_id", "sent_at", "replied", "reply_at"]]
    answered = table["replied"].to_numpy()
    if as_of is not None:
        table = table[(table["sent_at"] <= as_of).to_numpy()]
        answered = (table["replied"] & (table["reply_at"] <= as_of).fillna(False)).to_numpy()
        if table.empty:
            return none, ANSWERED_RECIPROCITY
    share = table.assign(answered=answered).groupby("person_id")["answered"].mean()
    return share.astype(float), ANSWERED_RECIPROCITY


ANSWERED_RECIPROCITY = ("half 'both sides wrote', half the share of your outreach they answered "
                        "within 30 days (replies definition)")


def _usual_gaps(at: pd.Series, person: Any, people: int) -> Any:
    """Median gap in days between distinct contact days, per person code (``at``: the date of
    each event, ``person``: its code, ``people`` codes in all); NaN with fewer than two
    days."""
    import numpy as np
    import pandas as pd

    dated = at.notna().to_numpy()
    stamps = at.to_numpy(dtype="datetime64[ns]", na_value=np.datetime64("NaT"))
    day = stamps[dated].view(np.int64) // (86_400 * 10**9)  # the UTC day (floored)
    who = person[dated]
    if not (np.all(np.diff(who) >= 0) and np.all((np.diff(day) >= 0) | (np.diff(who) > 0))):
        # Not grouped by person and sorted by date (contact_events' order): sort them.
        order = np.lexsort((day, who))
        who, day = who[order], day[order]
    gap = np.diff(day)
    same = np.diff(who) == 0
    # Gaps between distinct days of the same person (0: the same day again, not a gap).
    chosen = same & (gap > 0)
    medians = pd.Series(gap[chosen].astype(float)).groupby(who[1:][chosen]).median()
    out = np.full(people, np.nan)
    out[medians.index.to_numpy()] = medians.to_numpy()
    return out


def _statuses(table: pd.DataFrame, contacted: Any) -> pd.Series:
    """The status of each row; ``contacted`` says who has at least one contact event."""
    import numpy as np

    messaged = (table["messages_from_owner"] + table["messages_to_owner"]) > 0
    one_way = messaged & ((table["messages_from_owner"] == 0) | (table["messages_to_owner"] == 0))
    usual = table["usual_gap_days"].fillna(0.0).clip(lower=MIN_USUAL_GAP_DAYS)
    # Contacts without any date cannot be called fading: the silence is unknown.
    fading = table["days_since_last_contact"] > FADING_FACTOR * usual
    status = np.select(
        [~contacted, one_way, fading],
        [Status.DORMANT.value, Status.ONE_WAY.value, Status.FADING.value],
        default=Status.ACTIVE.value,
    )
    return status


def _layers(table: pd.DataFrame) -> Any:
    """Sets ``rank_order`` on ``table`` (0-based order by score: the higher score, then the
    more recent last contact, then the name, then the id) and returns the layer per row."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from netaudit.identity import normalize_name

    def text_rank(values: list[str]) -> Any:
        """The code of each text in the sorted distinct texts (``pd.factorize(sort=True)``),
        sorted by Arrow: UTF-8 bytes sort as Python sorts their characters."""
        try:
            found = pa.array(values, type=pa.large_string())
        except (pa.ArrowTypeError, pa.ArrowInvalid, UnicodeEncodeError):  # not UTF-8 texts
            return pd.factorize(np.array(values, dtype=object), sort=True)[0]
        return pc.rank(found, tiebreaker="dense").to_numpy().astype(np.int64) - 1

    def runs(same: Any) -> tuple[Any, Any]:
        """The run of equal rows each sorted row is in, and which rows share theirs."""
        run = np.concatenate([[0], np.cumsum(~same)])
        tied = np.zeros(len(same) + 1, dtype=bool)
        tied[1:] |= same
        tied[:-1] |= same
        return run, tied

    def equal(values: Any) -> Any:
        """Each sorted value equal to the one before (NaNs equal, as they sort)."""
        return (values[1:] == values[:-1]) | (np.isnan(values[1:]) & np.isnan(values[:-1]))

    score = table["score"].to_numpy(dtype=float)
    last = table["days_since_last_contact"].fillna(math.inf).to_numpy()
    # np.lexsort((name, last, -score)), the name read only where the score and the last
    # contact tie (a sixth of the rows): normalizing and sorting 75,000 names cost 0.03 s.
    order = np.lexsort((last, -score))
    run, tied = runs(equal(score[order]) & equal(last[order]))
    name = np.full(len(order), -1, dtype=np.int64)
    if tied.any():
        at = order[tied]
        name[at] = text_rank(list(map(normalize_name, table["name"].iloc[at].tolist())))
        order[tied] = at[np.lexsort((name[at], run[tied]))]
    # The id decides only between rows equal in all three: sorted within each such run.
    same = ((score[order][1:] == score[order][:-1]) & (last[order][1:] == last[order][:-1])
            & (name[order][1:] == name[order][:-1]))
    if same.any():
        run, tied = runs(same)
        ids = table["person_id"].iloc[order[tied]].tolist()
        order[tied] = order[tied][np.lexsort((text_rank(ids), run[tied]))]
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    table["rank_order"] = rank
    limits = [(layer, limit) for layer, limit in LAYER_LIMIT.items() if limit is not None]
    return np.select([score <= 0, *(rank + 1 <= limit for _, limit in limits)],
                     [Layer.REST.value, *(layer.value for layer, _ in limits)],
                     default=Layer.REST.value)


def layer_of(rank: int, score: float) -> str:
    """The layer of the person ranked ``rank`` (1-based) with ``score``.

    >>> layer_of(5, 0.4), layer_of(6, 0.4), layer_of(151, 0.9), layer_of(1, 0.0)
    ('ranks 1-5', 'ranks 6-15', 'rest', 'rest')
    """
    if score <= 0:
        return Layer.REST.value
    for layer, limit in LAYER_LIMIT.items():
        if limit is not None and rank <= limit:
            return layer.value
    return Layer.REST.value


def _past_strength(table: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """The score without its recency component (the other weights renormalized)."""
    others = {k: w for k, w in weights.items() if k != Component.RECENCY.value}
    total = sum(others.values())
    if total <= 0:
        return table["score"] * 0.0
    return sum(table[name] * w for name, w in others.items()) / total


def _reengage(table: pd.DataFrame, weights: Mapping[str, float],
              head: int | None = None) -> tuple[list[Suggestion], int]:
    """The re-engage list (its first ``head`` people; all for None) and its length."""
    import numpy as np

    past = _past_strength(table, weights)
    read = [*_SUGGESTION_COLUMNS, "messages_from_owner", "messages_to_owner",
            "conversations_1to1", "usual_gap_days", "first_contact", "last_contact",
            "days_since_last_contact"]
    # The columns read, then the rows: filtering or sorting the whole table takes every
    # column of it (issue 17). Each column read as one list, the reasons by one
    # comprehension (a named tuple per row cost as much as the rest).
    wanted = ((table["status"] == Status.FADING.value) & (past >= REENGAGE_MIN_PAST)).to_numpy()
    chosen = table[[*read, "rank_order"]][wanted].assign(past_strength=past[wanted])
    chosen = chosen.sort_values(["past_strength", "rank_order"], ascending=[False, True],
                                kind="stable")
    total = len(chosen)
    if head is not None:  # the reasons only of the people shown
        chosen = chosen.head(head)
    # Parsed for all rows at once: one Timestamp pair per person cost 25,774 parses (issue 17).
    spans = _spans(chosen["first_contact"], chosen["last_contact"])
    sent, received, one_to_one, last, silent = _lists(chosen, [
        "messages_from_owner", "messages_to_owner", "conversations_1to1", "last_contact",
        "days_since_last_contact"])
    # _usual_gap of each (fmax: the larger, the minimum for NaN), for all rows at once.
    gap = np.fmax(chosen["usual_gap_days"].to_numpy(dtype=float), MIN_USUAL_GAP_DAYS).tolist()
    reasons = [f"{s + r:,} messages {'1:1' if o else 'in group conversations'} over {span}, "
               f"last {at[:10]}; silent {days:,.0f} days against a usual gap of "
               f"{g:,.0f} days"
               for s, r, o, span, at, days, g in zip(sent, received, one_to_one, spans, last,
                                                     silent, gap, strict=True)]
    return _suggestions(chosen, reasons, chosen["past_strength"]), total


def _spans(first: pd.Series, last: pd.Series) -> list[str]:
    """How long each first-to-last contact lasted, in words ('20 days', '3.2 years', 'an
    unknown time' when a date is missing).

    >>> import pandas as pd
    >>> _spans(pd.Series(["2024-03-12T10:00:00+00:00", "", "2020-01-01T00:00:00+00:00"]),
    ...        pd.Series(["2024-04-01T10:00:00+00:00", "2024-04-01T10:00:00+00:00",
    ...                   "2023-01-01T00:00:00+00:00"]))
    ['20 days', 'an unknown time', '3.0 years']
    >>> _spans(pd.Series(["2022-03-06T08:40:13+00:00"]), pd.Series(["2026-11-18T05:43:46+00:00"]))
    ['4.7 years']
    """
    import pandas as pd

    def stamps(values: pd.Series) -> pd.Series:
        return pd.to_datetime(values.astype(object).replace("", None), utc=True,
                              format="ISO8601")

    days = ((stamps(last) - stamps(first)).dt.total_seconds() / 86400.0).tolist()
    return ["an unknown time" if math.isnan(d) else f"{d / 365.25:.1f} years" if d >= 365
            else f"{d:,.0f} days" for d in days]


def _prune(table: pd.DataFrame, as_of: pd.Timestamp | None,
           head: int | None = None, *, with_dormant: bool = True) -> tuple[list[Suggestion], int]:
    """The prune list (its first ``head`` people; all for None) and its length. The
    connections without contact come after the one-way pitches only with ``with_dormant`` (some
    message was read: else nobody is known to be out of touch) and an ``as_of``."""
    import pandas as pd

    # The columns read, then the rows (see _reengage).
    read = [*_SUGGESTION_COLUMNS, "messages_to_owner", "invited_by", "first_contact", "score"]
    wanted = ((table["status"] == Status.ONE_WAY.value) & (table["messages_from_owner"] == 0)
              & table["is_connection"]).to_numpy()
    pitches = table[[*read, "rank_order"]][wanted].sort_values(
        ["messages_to_owner", "rank_order"], ascending=[False, True], kind="stable")
    total = len(pitches)
    if head is not None:  # the reasons only of the people shown
        pitches = pitches.head(head)
        head -= len(pitches)
    received, invited_by, first = _lists(pitches, ["messages_to_owner", "invited_by",
                                                   "first_contact"])
    reasons = [f"{n:,} message{'s' if n != 1 else ''} from them since {at[:10]}, you never "
               f"answered{'; they asked to connect' if who == 'them' else ''}"
               for n, who, at in zip(received, invited_by, first, strict=True)]
    out = _suggestions(pitches, reasons, pitches["score"])
    if as_of is None or not with_dormant:
        return out, total
    cutoff = as_of - pd.Timedelta(days=PRUNE_AFTER_DAYS)
    # The day of the connection (midnight UTC), as its ISO date in ``connected_on`` reads.
    connected = table["connected_day"]
    wanted = ((table["status"] == Status.DORMANT.value) & table["is_connection"]
              & ~table["hidden"] & (connected <= cutoff)).to_numpy()
    dormant = table[[*_SUGGESTION_COLUMNS, "connected_on", "score", "rank_order"]][wanted]
    dormant = dormant.assign(connected_at=connected[wanted]).sort_values(
        ["connected_at", "rank_order"], kind="stable")
    total += len(dormant)
    if head is not None:
        dormant = dormant.head(head)
    # For all rows at once (pandas' total_seconds gives the Timedelta's, bit for bit).
    years = ((as_of - dormant["connected_at"]).dt.total_seconds() / 86400.0 / 365.25).tolist()
    day = as_of.date()
    reasons = [f"connected {on} ({since:.1f} years before {day}), no message, "
               "recommendation or endorsement since"
               for on, since in zip(dormant["connected_on"].tolist(), years, strict=True)]
    return out + _suggestions(dormant, reasons, dormant["score"]), total


#: What :func:`_suggestions` reads of a row besides the reason and the score.
_SUGGESTION_COLUMNS = ("person_id", "name", "company", "position")


def _lists(frame: pd.DataFrame, columns: list[str]) -> list[list[Any]]:
    """Each of ``columns`` of ``frame`` as a list (one conversion per column)."""
    return [frame[column].tolist() for column in columns]


def _suggestions(rows: pd.DataFrame, reasons: list[str], scores: pd.Series) -> list[Suggestion]:
    """One :class:`Suggestion` per row of ``rows`` (its ``_SUGGESTION_COLUMNS``), with its
    reason and its score rounded to 4 digits."""
    person_id, name, company, position = _lists(rows, list(_SUGGESTION_COLUMNS))
    return list(map(Suggestion, person_id, [n or "(no name)" for n in name], company, position,
                    reasons, round_all(scores.to_numpy(dtype=float), 4)))
