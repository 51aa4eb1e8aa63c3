"""Who writes back when you write first: the reply rate of the owner's outreach (experiment 1).

Definitions (the README's ``### replies`` section repeats them):

- Only real messages count: sponsored/InMail/system rows (``is_system``) and drafts
  (``is_draft``) are dropped first. Sponsored is a property of a row, not of a person: only a
  sender every message of whom is a sponsored/system row (``LinkedIn Member``, a no-reply
  address) is never a recipient or a replier; a recruiter who sent one sponsored row and later
  wrote normally counts like anyone else. Messages without a date are left out (counted in
  ``notes``).
- An **outreach** is a message from the owner to a person that is not an answer: the person
  sent no message in that conversation during the ``window_days`` before it (a message of the
  person at the very same instant counts as before it). In a group conversation every
  recipient receives the outreach and is judged separately. Auto-replies and bounces
  (``is_auto``) are not the person writing: they neither make the owner's next message an
  answer nor count as a reply. ``answers``: the owner's messages in the period that were an
  answer to every recipient (counted in messages, like ``outreach_messages``: one group
  message answering 3 people is 1; a message that is outreach to anyone is outreach).
- The person **replied** to an outreach if they sent a message (not an auto-reply) in the same
  conversation strictly after it and at most ``window_days`` after it (exactly 30 days later is
  inside the window; 30 days and 1 second is not).
- ``reached``: distinct people who received at least one outreach dated within
  [``since``, ``until``] (both whole days, UTC; replies may come after ``until``). ``replied``:
  those of them who replied to at least one of those outreaches; each person counts once
  however many outreaches they received. ``reply_rate = replied / reached``; ``ci95`` is the
  Wilson 95% interval (:func:`netaudit.analyses.stats.wilson_interval`).
- **Time to reply**, per person who replied: from the outreach their first reply answered
  (the latest outreach in the period that this reply came after, within the window) to
  that reply; an earlier outreach that went unanswered does not count.
  ``median_hours_to_reply`` is the median over those people; ``within_24h`` / ``within_7d`` the share of them at or under 24 hours / 168 hours,
  each with its Wilson 95% interval (``within_24h_ci95`` / ``within_7d_ci95``).
- ``one_to_one_connections``: the figure comparable with the essay's (one message to each
  connection): the same counts over outreach that went to one person alone, and only to
  connections; ``reached`` / ``replied`` / ``reply_rate`` / ``ci95`` as above.
- **Segments** split ``reached`` by: who asked whom to connect (earliest invitation on record),
  connection year, company (the ``top_companies`` most reached, the rest "other"), role family
  (:func:`netaudit.roles.role_family`) and 1:1 vs group (reached only by messages to
  them alone, only by messages to several people at once, or both; system senders and the
  owner are not counted as recipients) and the network written on (the channel of the
  conversations of their outreach, ``several networks`` when more than one). Each split gets one test of "same reply rate in
  every segment" (:func:`netaudit.analyses.stats.compare_proportions`), with its result in
  plain words (``meaning``, :func:`netaudit.analyses.stats.plain_words`).
- **Campaigns**: outreach texts are normalized (a first-line greeting "Hi/Hello/Dear/Hey
  <Name>," removed, the recipient's first name removed anywhere, case, punctuation and runs of
  whitespace folded). Equal normalized texts sent with gaps of at most 7 days form a burst; a
  burst is a campaign when some 7-day span of it reached 10 or more distinct people (every
  message of the burst counts, not only each person's first). Each
  campaign has its own reached / replied, counting replies to the campaign's messages only.
- ``campaign`` (``--campaign TEXT``) keeps only outreach whose text or subject contains TEXT
  (case-insensitive) before anything is counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import chain
from typing import TYPE_CHECKING, Any

from netaudit.analyses.stats import Comparison, compare_proportions, wilson_interval
from netaudit.encode import Fields
from netaudit.errors import OWNER_SENT_NOTHING, InputError
from netaudit.model import (
    ACTIVITY_NOTICE,
    NETWORKS,
    PERSON_NOTICES,
    REACTION_NOTICE,
    code_of,
    factorize_objects,
    factorize_text,
)

if TYPE_CHECKING:
    import pandas as pd

    from netaudit.model import Network

DEFAULT_WINDOW_DAYS = 30
#: A campaign: this many distinct recipients of one normalized text ...
CAMPAIGN_MIN_RECIPIENTS = 10
#: ... within this many days.
CAMPAIGN_SPAN_DAYS = 7
DEFAULT_TOP_COMPANIES = 10

#: The essay's experiment 1: he wrote to all 1,050 connections; 42 replied.
ARTICLE_REACHED = 1050
ARTICLE_REPLIED = 42
#: The essay all of netaudit's comparison figures come from (docs/essay.md), named wherever
#: one of them is shown.
ESSAY = ('"Second wave of social media, Part 2 – Professional social networks and Open '
         'networking", RecruitingBlogs, March 2010')

#: A greeting word and up to three words of name, ended by a comma, colon, "!", dash, line
#: break or the end: "Hi Anna,", "Dear Dr. Ruiz:", "Hello Bo --". "Hey there I have" is no
#: greeting line (no ending within three words) and stays; "History" is no greeting either
#: (after the word comes a blank or an ending, which is the word boundary). Written in the
#: subset where Python's re and RE2 (pyarrow) agree: explicit blanks, no \s, \w or \b.
_GREETING = (r"(?i)^[ \t\r\n]*(?:hi|hello|dear|hey)(?:[ \t]+[^ \t\r\n,!:]+){0,3}[ \t]*"
             r"(?:[,\n!:]|-+|$)")
#: Runs of anything but letters and digits (any script). Python's [\W_] and RE2's
#: [^\p{L}\p{N}] are the same class: \w in Python is letters, digits and "_".
_NON_WORD_PY = r"[\W_]+"
_NON_WORD_RE2 = r"[^\p{L}\p{N}]+"


class Segmentation(StrEnum):
    """The ways ``reached`` is split into segments."""

    INVITED = "invited"
    CONNECTION_YEAR = "connection_year"
    COMPANY = "company"
    ROLE_FAMILY = "role_family"
    CONVERSATION = "conversation"
    NETWORK = "network"

    @property
    def label(self) -> str:
        """How the split is named to a reader."""
        return SEGMENTATION_TITLES[self]


SEGMENTATION_TITLES: dict[Segmentation, str] = {
    Segmentation.INVITED: "Who asked whom to connect",
    Segmentation.CONNECTION_YEAR: "Connection year",
    Segmentation.COMPANY: "Company",
    Segmentation.ROLE_FAMILY: "Role family",
    Segmentation.CONVERSATION: "1:1 or group",
    Segmentation.NETWORK: "Network written on",
}

THEY_INVITED, YOU_INVITED, NO_INVITATION = (
    "they invited you", "you invited them", "no invitation on record")
NOT_CONNECTION, DATE_UNKNOWN = "not a connection", "date unknown"
#: Everyone's connection year when no connection list was read (messages alone): whether
#: they are connections is not known, so none is "not a connection".
NO_CONNECTION_LIST = "no connection list"
OTHER, UNKNOWN = "other", "unknown"
ONE_TO_ONE, GROUP, BOTH = "1:1", "group", "1:1 and group"
SEVERAL_NETWORKS = "several networks"


def _rate(replied: int, reached: int) -> tuple[float | None, list[float] | None]:
    interval = wilson_interval(replied, reached)
    return (replied / reached if reached else None,
            list(interval) if interval is not None else None)


@dataclass
class Segment:
    """One segment of the people reached, with its own reply rate."""

    name: str
    reached: int
    replied: int
    reply_rate: float | None = None
    ci95: list[float] | None = None

    def __post_init__(self) -> None:
        self.reply_rate, self.ci95 = _rate(self.replied, self.reached)

    def to_dict(self) -> dict[str, Any]:
        return {"segment": self.name, "reached": self.reached, "replied": self.replied,
                "reply_rate": self.reply_rate, "ci95": self.ci95}


@dataclass
class SegmentTable:
    """One way of splitting the people reached, and the test across its segments."""

    segmentation: Segmentation
    segments: list[Segment]
    comparison: Comparison

    @property
    def title(self) -> str:
        return self.segmentation.label

    @property
    def shown(self) -> bool:
        """Whether tables and reports show this split: the network split only when the
        people reached were written to on two networks or more (on one network it repeats
        the headline); every other split always. JSON has them all."""
        return self.segmentation is not Segmentation.NETWORK or len(self.segments) > 1

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "segments": [s.to_dict() for s in self.segments],
                **self.comparison.to_dict()}


@dataclass
class Campaign(Fields):
    """A burst of near-identical outreach (see the module docstring)."""

    text: str
    first_sent: str
    last_sent: str
    messages: int
    reached: int
    replied: int
    reply_rate: float | None = None
    ci95: list[float] | None = None

    def __post_init__(self) -> None:
        self.reply_rate, self.ci95 = _rate(self.replied, self.reached)



def article_figure() -> dict[str, Any]:
    """The essay's figure, for comparison beside the user's.

    >>> fig = article_figure()
    >>> fig["replied"], fig["reached"], fig["reply_rate"]
    (42, 1050, 0.04)
    """
    rate, ci = _rate(ARTICLE_REPLIED, ARTICLE_REACHED)
    return {"reached": ARTICLE_REACHED, "replied": ARTICLE_REPLIED, "reply_rate": rate,
            "ci95": ci,
            "what": "the 2010 essay: one message to each of 1,050 connections, 42 replied"}


@dataclass
class Replies:
    """Figures of :func:`reply_rates`; see the module docstring for each definition.

    ``outreach`` is the table of :func:`find_outreach` the figures come from (one row per
    outreach and recipient), for charts; it is not part of :meth:`to_dict`.
    """

    reached: int
    replied: int
    window_days: int
    since: str | None
    until: str | None
    campaign_filter: str | None
    outreach_messages: int
    answers: int
    first_outreach: str | None
    last_outreach: str | None
    median_hours_to_reply: float | None
    replied_within_24h: int
    replied_within_7d: int
    window_open: int
    one_to_one_connections: dict[str, Any] = field(default_factory=dict)
    segments: list[SegmentTable] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    outreach: Any = field(default=None, repr=False)

    @property
    def reply_rate(self) -> float | None:
        return self.replied / self.reached if self.reached else None

    @property
    def ci95(self) -> list[float] | None:
        return _rate(self.replied, self.reached)[1]

    @property
    def within_24h(self) -> float | None:
        return self.replied_within_24h / self.replied if self.replied else None

    @property
    def within_7d(self) -> float | None:
        return self.replied_within_7d / self.replied if self.replied else None

    @property
    def within_24h_ci95(self) -> list[float] | None:
        return _rate(self.replied_within_24h, self.replied)[1]

    @property
    def within_7d_ci95(self) -> list[float] | None:
        return _rate(self.replied_within_7d, self.replied)[1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "reached": self.reached,
            "replied": self.replied,
            "reply_rate": self.reply_rate,
            "ci95": self.ci95,
            "window_days": self.window_days,
            "since": self.since,
            "until": self.until,
            "campaign_filter": self.campaign_filter,
            "outreach_messages": self.outreach_messages,
            "answers": self.answers,
            "first_outreach": self.first_outreach,
            "last_outreach": self.last_outreach,
            "median_hours_to_reply": self.median_hours_to_reply,
            "replied_within_24h": self.replied_within_24h,
            "within_24h": self.within_24h,
            "within_24h_ci95": self.within_24h_ci95,
            "replied_within_7d": self.replied_within_7d,
            "within_7d": self.within_7d,
            "within_7d_ci95": self.within_7d_ci95,
            "window_open": self.window_open,
            "one_to_one_connections": self.one_to_one_connections,
            "segments": {t.segmentation.value: t.to_dict() for t in self.segments},
            "campaigns": [c.to_dict() for c in self.campaigns],
            "article": article_figure(),
            "notes": list(self.notes),
        }


# --------------------------------------------------------------------------------------------
# Finding outreach and replies


def _day_start(value: dt.date | str | None, option: str) -> pd.Timestamp | None:
    import pandas as pd

    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError:
            from netaudit.errors import UsageError

            raise UsageError(f"{option} {value!r} is not a date", hint="use YYYY-MM-DD") from None
    return pd.Timestamp(value.isoformat(), tz="UTC")


def _check_window(window_days: int) -> None:
    if window_days <= 0:
        from netaudit.errors import UsageError

        raise UsageError(f"the reply window must be at least 1 day, got {window_days}",
                         hint="e.g. --window 30")


def find_outreach(
    network: Network,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    campaign: str | None = None,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Every outreach of the owner in the period, one row per (message, recipient).

    Returns the table and counts used for notes (``answers``: owner messages in the period
    that were an answer to every recipient, so outreach to nobody; ``undated``: messages without a date;
    ``log_end``: not a count, the latest message time in ns since the epoch, or -1).

    Columns: ``message_id``, ``conversation_id``, ``person_id``, ``sent_at``, ``is_group``
    (the message went to two or more people), ``text`` (body, else subject), ``replied``
    (bool), ``reply_at`` (the person's first message after it, NaT unless ``replied``).

    Examples
    --------
    >>> from netaudit.model import Network
    >>> table, counts = find_outreach(Network())
    >>> len(table), counts["answers"]
    (0, 0)
    """
    return _find_outreach(network, window_days=window_days, since=since, until=until,
                          campaign=campaign, people_only=False)


def find_reached(network: Network, *, window_days: int = DEFAULT_WINDOW_DAYS) -> pd.DataFrame:
    """:func:`find_outreach`'s table with only the columns ``person_id``, ``sent_at``,
    ``is_group``, ``replied`` and ``reply_at``, in no particular order: what the headline
    reply rate (:func:`outreach_figures`) and the tie strengths read, found without
    gathering the messages' ids and texts.

    Examples
    --------
    >>> from netaudit.model import Network
    >>> list(find_reached(Network()).columns)
    ['person_id', 'sent_at', 'is_group', 'replied', 'reply_at']
    """
    return _find_outreach(network, window_days=window_days, since=None, until=None,
                          campaign=None, people_only=True)[0]


def _find_outreach(network: Network, *, window_days: int, since: dt.date | str | None,
                   until: dt.date | str | None, campaign: str | None, people_only: bool
                   ) -> tuple[pd.DataFrame, dict[str, int]]:
    """:func:`find_outreach`; with ``people_only`` the table has only ``person_id``,
    ``sent_at``, ``is_group``, ``replied`` and ``reply_at``, in no particular order (all the
    headline figure and the tie strengths need: the message ids and texts are not gathered)."""
    import numpy as np
    import pandas as pd

    _check_window(window_days)
    start = _day_start(since, "--since")
    end = _day_start(until, "--until")
    window = pd.Timedelta(days=window_days).value
    owner = network.owner_id
    messages = network.messages
    counts = {"answers": 0, "undated": int(messages["sent_at"].isna().sum()), "log_end": -1}

    # Everything below works on integer codes and int64 nanoseconds: string columns are
    # only touched again for the rows of the final table.
    times = _nanoseconds(messages["sent_at"])
    is_system = messages["is_system"].to_numpy(dtype=bool)
    usable = ~is_system & ~messages["is_draft"].to_numpy(dtype=bool) & (times != _NAT)
    if usable.any():
        counts["log_end"] = int(times[usable].max())
    # One code per person across senders and recipients (factorizing the Arrow-backed
    # sender column directly; only the recipients' tuples are Python objects).
    sender_codes, sender_ids = factorize_text(messages["sender_id"])
    recipients = messages["recipient_ids"].to_numpy(dtype=object)
    owner_code = code_of(sender_ids, owner)
    from_owner = sender_codes == owner_code
    sent_rows = np.flatnonzero(usable & from_owner)
    heard_rows = np.flatnonzero(usable & ~from_owner & ~messages["is_auto"].to_numpy(dtype=bool))
    # The owner's messages repeat a few recipient tuples: each distinct one is unpacked once
    # (in order of first appearance, so people are numbered as in the rows' order) and each
    # message's recipients are its tuple's slice of them, laid out flat (factorizing every
    # recipient of 500,000 messages as Python objects took 0.11 s of CPU, issue 17); the
    # tuples are grouped by object first (factorize_objects: one hash per distinct one).
    tuple_codes, tuples = factorize_objects(recipients[sent_rows])
    sizes = np.fromiter(map(len, tuples), dtype=np.int64, count=len(tuples))
    lengths = sizes[tuple_codes]
    out_rows = np.repeat(sent_rows, lengths)
    # One factorize of the distinct senders followed by every recipient: the senders keep
    # their codes and a recipient who never sent gets the next free one.
    person_codes, person_ids = pd.factorize(np.concatenate([
        np.asarray(sender_ids, dtype=object),
        np.fromiter(chain.from_iterable(tuples), dtype=object, count=int(sizes.sum()))]))
    person_ids = pd.Index(person_ids, dtype=object)
    members = person_codes[len(sender_ids):]
    starts = np.cumsum(sizes) - sizes
    out_person = members[np.repeat(starts[tuple_codes] - (np.cumsum(lengths) - lengths), lengths)
                         + np.arange(len(out_rows))]
    in_person = person_codes[:len(sender_ids)][sender_codes[heard_rows]]
    # Sponsored is a property of a row, not of a person: only a sender every usable message
    # of whom is a sponsored/system row ("LinkedIn Member", a no-reply address) is never a
    # recipient or a replier; a recruiter who sent one sponsored row and later wrote normally
    # counts like anyone else.
    live = ~messages["is_draft"].to_numpy(dtype=bool)
    by_system = is_system & live
    if by_system.any():
        # A reaction notice is set aside, but a person sent it: no system sender.
        rows = np.flatnonzero(by_system)
        by_system[rows[messages["set_aside"].iloc[rows].isin(PERSON_NOTICES).to_numpy(
            dtype=bool)]] = False
    system_only = np.flatnonzero(_has_rows(sender_codes[by_system], len(sender_ids))
                                 & ~_has_rows(sender_codes[usable], len(sender_ids)))
    never = {owner, "", *sender_ids[system_only]}
    excluded = person_ids.isin(list(never))
    keep_out = ~excluded[out_person]
    out_rows, out_person = out_rows[keep_out], out_person[keep_out]
    keep_in = ~excluded[in_person]
    heard_rows, in_person = heard_rows[keep_in], in_person[keep_in]
    person_ids = person_ids.to_numpy(dtype=object)
    # 1:1 or group is decided per message, from the people it really went to: a bounce's
    # MAILER-DAEMON or a system sender in the thread does not make a conversation a group.
    to_many = np.bincount(out_rows, minlength=len(messages))[out_rows] > 1

    conv_codes = factorize_text(messages["conversation_id"])[0].astype(np.int64)
    pair = np.concatenate([
        conv_codes[out_rows] * len(person_ids) + out_person,
        conv_codes[heard_rows] * len(person_ids) + in_person,
    ]).astype(np.int64)
    out_t, in_t = times[out_rows], times[heard_rows]

    # Sort the people's messages by (conversation+person, time) and find, for each owner
    # message, the person's last message at or before it and first message after it. Times
    # are replaced by small numbers in the same order (_time_steps) so that the pair and the
    # time fit in one sortable int64 (the pairs too are renumbered 0, 1, ... when their codes
    # would not fit).
    ranks = _time_steps(np.concatenate([out_t, in_t]))
    scale = int(ranks.max()) + 1 if len(ranks) else 1
    if len(pair) and int(pair.max()) >= 2**62 // scale:
        pair = pd.factorize(pair)[0].astype(np.int64)
    out_pair, in_pair = pair[:len(out_rows)], pair[len(out_rows):]
    out_key = out_pair * scale + ranks[:len(out_t)]
    in_key = in_pair * scale + ranks[len(out_t):]
    order = np.argsort(in_key, kind="stable")
    in_key, in_pair_sorted, in_t_sorted = in_key[order], in_pair[order], in_t[order]
    after = np.searchsorted(in_key, out_key, side="right")
    if len(in_key):
        prev = np.maximum(after - 1, 0)
        has_before = (after > 0) & (in_pair_sorted[prev] == out_pair)
        prev_t = in_t_sorted[prev]
        following = np.minimum(after, len(in_key) - 1)
        has_after = (after < len(in_key)) & (in_pair_sorted[following] == out_pair)
        next_t = in_t_sorted[following]
    else:
        has_before = has_after = np.zeros(len(out_key), dtype=bool)
        prev_t = next_t = np.zeros(len(out_key), dtype=np.int64)
    # The person's message at the very instant of the owner's counts as before it (files
    # give whole seconds and cannot order two messages of one second), so this is an answer.
    is_answer = has_before & (out_t - prev_t <= window)
    replied = has_after & (next_t - out_t <= window)
    reply_t = np.where(replied, next_t, _NAT)
    in_period = _in_period(out_t, start, end)
    chosen = ~is_answer & in_period
    # Answers are counted in messages, like outreach: one group message answering 3 people is
    # 1 answer. A message that is outreach to anyone is outreach, not an answer.
    counts["answers"] = int((_has_rows(out_rows[is_answer & in_period], len(messages))
                             & ~_has_rows(out_rows[chosen], len(messages))).sum())
    if people_only and not campaign:
        return pd.DataFrame({
            "person_id": person_ids[out_person[chosen]],
            "sent_at": pd.to_datetime(out_t[chosen], unit="ns", utc=True),
            "is_group": to_many[chosen], "replied": replied[chosen],
            "reply_at": pd.to_datetime(reply_t[chosen], unit="ns", utc=True)}), counts
    texts = None
    # Only the columns the table shows: a row filter of the whole frame takes every column.
    wanted_columns = messages[["message_id", "conversation_id", "body", "subject"]]
    if campaign:
        texts = _message_text(wanted_columns.iloc[out_rows[chosen]])
        wanted = texts.str.contains(campaign, case=False, regex=False).to_numpy(dtype=bool)
        chosen[np.flatnonzero(chosen)[~wanted]] = False
        texts = texts[wanted]

    rows = out_rows[chosen]
    order = np.argsort(out_t[chosen], kind="stable")
    rows = rows[order]
    picked = wanted_columns.iloc[rows]
    text = texts.iloc[order] if texts is not None else _message_text(picked)
    table = pd.DataFrame({
        "message_id": picked["message_id"].array,
        "conversation_id": picked["conversation_id"].array,
        "person_id": person_ids[out_person[chosen][order]],
        "sent_at": pd.to_datetime(out_t[chosen][order], unit="ns", utc=True),
        "is_group": to_many[chosen][order],
        "text": text.array,
        "replied": replied[chosen][order],
        "reply_at": pd.to_datetime(reply_t[chosen][order], unit="ns", utc=True),
    })
    return table, counts


def _has_rows(codes, size: int):
    """Mask of the ``size`` codes that occur in ``codes`` (non-negative ints): a set
    difference of two such masks needs no sort (np.unique and setdiff1d sorted 500,000 codes).

    >>> import numpy as np
    >>> _has_rows(np.array([3, 1, 3]), 5).tolist()
    [False, True, False, True, False]
    """
    import numpy as np

    return np.bincount(codes, minlength=size).astype(bool)


def _time_steps(values):
    """Non-negative int64 numbers ordered and equal as the int64 nanosecond ``values`` are:
    :func:`~netaudit.graph.whole_seconds` when it finds them (what export files give), else
    the dense rank. The seconds need no sort: ranking 500,000 times sorted them, 0.018 s
    (issue 17).

    >>> import numpy as np
    >>> s = 10**9
    >>> _time_steps(np.array([30 * s, 10 * s, 30 * s, 20 * s])).tolist()
    [20, 0, 20, 10]
    >>> _time_steps(np.array([30 * s, 10 * s + 5, 30 * s, 20 * s])).tolist()
    [2, 0, 2, 1]
    """
    from netaudit.graph import whole_seconds

    steps = whole_seconds(values)
    return steps if steps is not None else _dense_rank(values)


def _dense_rank(values):
    """0-based rank of each int64 value among the distinct values (equal values, equal rank).

    >>> import numpy as np
    >>> _dense_rank(np.array([30, 10, 30, 20])).tolist()
    [2, 0, 2, 1]
    """
    import numpy as np

    # Equal values get one rank whatever their order: no stable sort needed (twice as fast).
    order = np.argsort(values)
    ordered = values[order]
    steps = np.empty(len(values), dtype=np.int64)
    if len(values):
        steps[0] = 0
        steps[1:] = np.cumsum(ordered[1:] != ordered[:-1])
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[order] = steps
    return ranks


#: NaT seen as an int64 (numpy and pandas use the smallest int64).
_NAT = -(2**63)


def _nanoseconds(times: pd.Series):
    """int64 nanoseconds since the epoch (NaT as ``_NAT``), whatever the column's unit."""
    import numpy as np

    return times.dt.as_unit("ns").to_numpy(dtype="datetime64[ns]").view(np.int64)


def _in_period(times, start: pd.Timestamp | None, end: pd.Timestamp | None):
    """Mask of int64-ns ``times`` on or after ``start`` and before the day after ``end``."""
    import numpy as np

    keep = np.ones(len(times), dtype=bool)
    if start is not None:
        keep &= times >= start.value
    if end is not None:
        keep &= times < (end + dt.timedelta(days=1)).value
    return keep


def _message_text(messages: pd.DataFrame) -> pd.Series:
    body = messages["body"].astype(str)
    subject = messages["subject"].astype(str)
    return body.where(body.str.strip() != "", subject)


# --------------------------------------------------------------------------------------------
# Headline, time to reply, segments, campaigns


def outreach_figures(network: Network, window_days: int = DEFAULT_WINDOW_DAYS, *,
                     table: pd.DataFrame | None = None) -> dict[str, Any] | None:
    """The headline reply rate for ``netaudit analyze`` (None when there is no message log).

    ``table``: the :func:`find_outreach` table of this network with ``window_days``, when
    the caller has it already; else only the people reached are gathered.

    Examples
    --------
    >>> from netaudit.model import Network
    >>> outreach_figures(Network()) is None
    True
    """
    return outreach_and_people(network, window_days, table=table)[0]


#: Columns of the per-person table of :func:`outreach_and_people`.
OUTREACH_PEOPLE_COLUMNS = ("person_id", "is_connection", "outreach", "outreach_one_to_one",
                           "replied", "replied_one_to_one")


def outreach_and_people(network: Network, window_days: int = DEFAULT_WINDOW_DAYS, *,
                        table: pd.DataFrame | None = None
                        ) -> tuple[dict[str, Any] | None, pd.DataFrame]:
    """:func:`outreach_figures` and, from the same outreach table, one row per person reached
    (``table`` as in :func:`outreach_figures`).

    Columns (``OUTREACH_PEOPLE_COLUMNS``): ``person_id``; ``is_connection``; ``outreach``:
    outreach messages the person received (a group message counts once for each recipient);
    ``outreach_one_to_one``: those of them sent to the person alone; ``replied``: the person
    replied to at least one of them (within ``window_days``); ``replied_one_to_one``: to at
    least one sent to them alone. So ``reached`` is the number of rows, ``replied`` the rows
    with ``replied``, and ``one_to_one_connections`` counts the rows with ``is_connection``
    and ``outreach_one_to_one > 0`` (and ``replied_one_to_one`` for its replies).

    Examples
    --------
    >>> from netaudit.model import Network
    >>> figures, people = outreach_and_people(Network())
    >>> figures is None, list(people.columns) == list(OUTREACH_PEOPLE_COLUMNS), len(people)
    (True, True, 0)
    """
    import numpy as np
    import pandas as pd

    if network.messages.empty:
        empty = pd.DataFrame({c: pd.Series(dtype=object if c == "person_id" else
                                           "int64" if c.startswith("outreach") else bool)
                              for c in OUTREACH_PEOPLE_COLUMNS})
        return None, empty
    if table is None:
        table = find_reached(network, window_days=window_days)
    codes, ids = pd.factorize(table["person_id"], sort=True)
    alone = ~table["is_group"].to_numpy(dtype=bool)
    answered = table["replied"].to_numpy(dtype=bool)
    size = len(ids)
    per_person = pd.DataFrame({
        "person_id": np.asarray(ids, dtype=object),
        "is_connection": _are_connections(network, ids),
        "outreach": np.bincount(codes, minlength=size).astype("int64"),
        "outreach_one_to_one": np.bincount(codes[alone], minlength=size).astype("int64"),
        "replied": np.bincount(codes[answered], minlength=size) > 0,
        "replied_one_to_one": np.bincount(codes[answered & alone], minlength=size) > 0,
    })
    reached, replied = len(per_person), int(per_person["replied"].sum())
    rate, ci = _rate(replied, reached)
    # The essay's comparable figure from the same rows (see one_to_one_connections).
    like = per_person["is_connection"].to_numpy() & (per_person["outreach_one_to_one"] > 0)
    like_reached = int(like.sum())
    like_replied = int((like & per_person["replied_one_to_one"]).sum())
    like_rate, like_ci = _rate(like_replied, like_reached)
    figures = {"reached": reached, "replied": replied, "reply_rate": rate,
               "window_days": window_days, "ci95": ci,
               "one_to_one_connections": {"reached": like_reached, "replied": like_replied,
                                          "reply_rate": like_rate, "ci95": like_ci}}
    return figures, per_person


def _are_connections(network: Network, ids: Any) -> Any:
    """Boolean array: is each of ``ids`` a connection of the owner (the owner is not)."""
    import pandas as pd

    from netaudit.graph import index_in

    people = network.people
    keep = (people["is_connection"] & ~people["is_owner"]).to_numpy(dtype=bool)
    # All ids looked up at once in Arrow (person ids are unique): a Python test per id took
    # 18 ms for 20,000 people, pandas' isin of text 110 ms.
    return index_in(pd.Series(ids), people["person_id"][keep]) >= 0


def _reach(table: pd.DataFrame) -> tuple[int, int]:
    """(people reached, people who replied to at least one of their outreach rows)."""
    reached = int(table["person_id"].nunique())
    replied = int(table.loc[table["replied"].to_numpy(dtype=bool), "person_id"].nunique())
    return reached, replied


def one_to_one_connections(network: Network, table: pd.DataFrame) -> dict[str, Any]:
    """The figure comparable with the essay's (one message to each connection): only outreach
    that went to one person alone, and only to connections. ``reached``: connections who got
    at least one such message; ``replied``: those who replied to one of them.

    Examples
    --------
    >>> import pandas as pd
    >>> from netaudit.model import Network
    >>> empty = pd.DataFrame({"person_id": [], "replied": [], "is_group": []})
    >>> one_to_one_connections(Network(), empty)["reached"]
    0
    """
    import numpy as np
    import pandas as pd

    keep = ~table["is_group"].to_numpy(dtype=bool)
    codes, ids = pd.factorize(table["person_id"])
    is_connection = _are_connections(network, ids)
    keep &= is_connection[codes] if len(ids) else np.zeros(len(table), dtype=bool)
    reached, replied = _reach(table[keep])
    rate, ci = _rate(replied, reached)
    return {"reached": reached, "replied": replied, "reply_rate": rate, "ci95": ci}


def reply_rates(
    network: Network,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    campaign: str | None = None,
    top_companies: int = DEFAULT_TOP_COMPANIES,
    found: tuple[pd.DataFrame, dict[str, int]] | None = None,
) -> Replies:
    """The reply rate of the owner's outreach, with time to reply, segments and campaigns.

    ``found`` is what :func:`find_outreach` gave for this network with the same window, period
    and campaign, when the caller already has it (the Audit shares it with the tie
    strengths); it is not computed again.

    Raises :class:`~netaudit.errors.InputError` when the network has no messages at all.
    See the module docstring for every definition.
    """
    import pandas as pd

    if network.messages.empty:
        raise InputError(
            "no message log was found in the inputs, and the reply rate is computed from "
            "messages",
            hint="add LinkedIn's messages.csv (it is in the export ZIP), an mbox or a message "
                 "CSV with from, to and date columns",
        )
    start, end = _day_start(since, "--since"), _day_start(until, "--until")
    if start is not None and end is not None and start > end:
        from netaudit.errors import UsageError

        raise UsageError(f"--since {start.date()} is after --until {end.date()}",
                         hint="swap the two dates")
    table, counts = found if found is not None else find_outreach(
        network, window_days=window_days, since=since, until=until, campaign=campaign)
    people = _per_person(table)
    people["network"] = _networks_written_on(network, table, people["person_id"])
    reached = len(people)
    replied = int(people["replied"].sum())
    hours = people.loc[people["replied"], "hours_to_reply"]
    window_open = 0
    if counts["log_end"] >= 0 and reached:
        log_end = pd.Timestamp(counts["log_end"], tz="UTC")
        open_ = ~people["replied"] & (people["last_outreach"] + pd.Timedelta(days=window_days)
                                      > log_end)
        window_open = int(open_.sum())
    notes = _notes(network, table, counts, window_open, window_days)
    in_groups = int((people["conversation"] == GROUP).sum())
    if reached and in_groups * 2 > reached:
        # A published 41-person school group chat read as 31 of 32 replied (96.9%): any
        # member who posted within the window had 'replied' to a message to the group.
        notes.append(f"{in_groups:,} of the {reached:,} people reached were reached only in "
                     "group conversations, where a message counts as outreach to each member "
                     f"and any message of theirs within {window_days} days as a reply; the "
                     "1:1 rate is the essay's kind")
    return Replies(
        reached=reached,
        replied=replied,
        window_days=window_days,
        since=start.date().isoformat() if start is not None else None,
        until=end.date().isoformat() if end is not None else None,
        campaign_filter=campaign or None,
        outreach_messages=int(table["message_id"].nunique()),
        answers=counts["answers"],
        first_outreach=_iso(table["sent_at"].min()) if len(table) else None,
        last_outreach=_iso(table["sent_at"].max()) if len(table) else None,
        median_hours_to_reply=float(hours.median()) if len(hours) else None,
        replied_within_24h=int((hours <= 24).sum()),
        replied_within_7d=int((hours <= 24 * 7).sum()),
        window_open=window_open,
        one_to_one_connections=one_to_one_connections(network, table),
        segments=segment_tables(network, people, top_companies=top_companies),
        campaigns=detect_campaigns(table, network.people),
        notes=notes,
        outreach=table,
    )


def _iso(value: Any) -> str:
    return value.isoformat()


def _per_person(table: pd.DataFrame) -> pd.DataFrame:
    """One row per person reached: replied, first/last outreach, hours to first reply, and
    whether they were reached in 1:1 conversations, group ones or both."""
    import pandas as pd

    if table.empty:
        return pd.DataFrame(columns=["person_id", "replied", "first_outreach", "last_outreach",
                                     "hours_to_reply", "conversation"]).astype(
                                         {"replied": bool, "hours_to_reply": float})
    # Grouped by each id's code among the sorted ids, found once: grouping by the texts
    # sorted them again for each of the three groupings (0.018 -> 0.011 s, issue 17).
    codes, ids = pd.factorize(table["person_id"], sort=True)
    known = codes >= 0
    if not known.all():  # rows without an id: in no group, as pandas leaves them out
        table, codes = table[known], codes[known]
    grouped = table.groupby(codes, sort=True)
    people = grouped.agg(
        replied=("replied", "any"),
        first_outreach=("sent_at", "min"),
        last_outreach=("sent_at", "max"),
        first_reply=("reply_at", "min"),
        any_group=("is_group", "any"),
        all_group=("is_group", "all"),
    ).reset_index(drop=True)
    people.insert(0, "person_id", ids)
    # Time to reply runs from the outreach the first reply answers: the latest outreach that
    # this same reply message answered (sent before it, within the window), not the first
    # outreach, which may have gone unanswered weeks earlier.
    first_reply = grouped["reply_at"].transform("min")
    answers_it = table["replied"].to_numpy(dtype=bool) & (table["reply_at"] == first_reply)
    answered_at = table["sent_at"].where(answers_it).groupby(codes, sort=True).max()
    people["answered_outreach"] = answered_at.reset_index(drop=True)
    people["hours_to_reply"] = (
        (people["first_reply"] - people["answered_outreach"]) / pd.Timedelta(hours=1)
    ).astype(float)
    kind = pd.Series(BOTH, index=people.index, dtype=object)
    kind[~people["any_group"]] = ONE_TO_ONE
    kind[people["all_group"]] = GROUP
    people["conversation"] = kind
    return people


def _notes(network: Network, table: pd.DataFrame, counts: dict[str, int], window_open: int,
           window_days: int) -> list[str]:
    notes = []
    messages = network.messages
    # Among the distinct senders (factorized once for every stage that groups by them).
    # Said once: load() has already warned of it when it read the files.
    if code_of(factorize_text(messages["sender_id"])[1], network.owner_id) < 0 and not any(
            OWNER_SENT_NOTHING in problem.message for problem in network.problems):
        who = network.owner.name if network.owner and network.owner.name else "the owner"
        notes.append(f"{who} sent none of the messages read; if that is not you, name "
                     "yourself with --me")
    if counts["undated"]:
        notes.append(f"{counts['undated']:,} messages without a date were left out")
    drafts = int(messages["is_draft"].sum())
    system = int(messages["is_system"].sum())
    reactions = int((messages["set_aside"] == REACTION_NOTICE).sum()) if system else 0
    activity = int((messages["set_aside"] == ACTIVITY_NOTICE).sum()) if system else 0
    auto = int(messages["is_auto"].sum())
    if drafts or system or auto:
        notes.append(f"not counted: {drafts:,} drafts, {system - reactions - activity:,} "
                     f"sponsored/system rows, {auto:,} auto-replies or bounces"
                     + (f", {reactions:,} reaction notice{'s' if reactions != 1 else ''} (a "
                        "reaction is not a reply)" if reactions else "")
                     + (f", {activity:,} call or activity notice"
                        f"{'s' if activity != 1 else ''} (a call, a poll vote, a new theme: "
                        "not a message)" if activity else ""))
    if window_open:
        notes.append(f"{window_open:,} "
                     + ("person reached has" if window_open == 1 else "people reached have")
                     + f" not replied yet but their {window_days}-day window runs past the "
                     "last message in the data")
    return notes


def _labels_invited(network: Network, ids: pd.Series) -> pd.Series:
    invitations = network.invitations
    if invitations.empty:
        return ids.map(lambda _: NO_INVITATION)
    first = invitations.sort_values("sent_at", na_position="last", kind="stable")
    first = first.drop_duplicates("person_id").set_index("person_id")["direction"]
    label = first.map({"incoming": THEY_INVITED, "outgoing": YOU_INVITED})
    return ids.map(label).fillna(NO_INVITATION).astype(object)


def segment_tables(network: Network, people: pd.DataFrame, *,
                   top_companies: int = DEFAULT_TOP_COMPANIES) -> list[SegmentTable]:
    """Split the people reached (rows of the per-person table) every way in
    :class:`Segmentation`, each with its reply rates and a significance test."""
    from netaudit.graph import index_in
    from netaudit.roles import role_family

    if people.empty:
        return []
    import numpy as np
    import pandas as pd

    info = network.people
    ids = people["person_id"]
    # Each person's row in the people table, found once in Arrow (-1: not a person of the
    # network; person ids are unique): a dict of 75,000 ids cost 20 ms.
    rows = index_in(ids, info["person_id"])
    found = rows >= 0

    def looked_up(column: str, missing: Any) -> pd.Series:
        values = pd.Series(info[column].array.take(rows, allow_fill=True), index=ids.index)
        return values.where(found, missing)

    is_connection = (info["is_connection"] & ~info["is_owner"]).to_numpy(dtype=bool)
    # Row -1 reads the False appended.
    connected = pd.Series(np.append(is_connection, False)[rows], index=ids.index)
    dates = looked_up("connected_on", pd.NaT)
    years = dates.dt.year.astype("Int64").astype(str).where(dates.notna(), DATE_UNKNOWN)
    years = years.where(connected, NOT_CONNECTION if not network.connections.empty
                        else NO_CONNECTION_LIST)
    company = looked_up("company", "").astype(str).str.strip()
    company = company.where(company != "", UNKNOWN)
    ranked = company[company != UNKNOWN].value_counts()
    ranked = ranked.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    top = set(ranked.index[:top_companies])
    company = company.where(company.isin(top) | (company == UNKNOWN), OTHER)
    positions = looked_up("position", "").astype(str)
    roles = positions.map({p: role_family(p) for p in positions.unique()})
    labels = {
        Segmentation.INVITED: (_labels_invited(network, ids),
                               [THEY_INVITED, YOU_INVITED, NO_INVITATION]),
        Segmentation.CONNECTION_YEAR: (years, None),
        Segmentation.COMPANY: (company, None),
        Segmentation.ROLE_FAMILY: (roles, None),
        Segmentation.CONVERSATION: (people["conversation"], [ONE_TO_ONE, GROUP, BOTH]),
        Segmentation.NETWORK: (
            people["network"] if "network" in people else ids.map(lambda _: OTHER),
            [*NETWORKS, OTHER, SEVERAL_NETWORKS]),
    }
    tables = []
    for segmentation in Segmentation:
        label, order = labels[segmentation]
        tables.append(_segment_table(segmentation, label, people["replied"], order))
    return tables


def _networks_written_on(network: Network, table: pd.DataFrame, ids: pd.Series) -> pd.Series:
    """Per person reached, the network of the conversations their outreach was in ('other'
    for a message log that names none), or 'several networks'."""
    import pandas as pd

    if table.empty:
        return pd.Series([], dtype=object, index=ids.index)
    messages = network.messages
    channels = messages["channel"].unique()
    if len(channels) == 1:  # one network in the whole log (a LinkedIn export): everyone's
        only = channels[0]
        return pd.Series(OTHER if pd.isna(only) or only == "" else only, index=ids.index,
                         dtype=object)
    # The channel of each conversation's first message, from the two columns alone (a
    # drop_duplicates of the whole frame took every column of 500,000 rows).
    conversations = messages["conversation_id"]
    first = ~conversations.duplicated().to_numpy()
    channel_of = pd.Series(messages["channel"].array[first], index=conversations.array[first])
    pairs = pd.DataFrame({"person_id": table["person_id"].to_numpy(),
                          "channel": table["conversation_id"].map(channel_of).fillna("")
                          .replace("", OTHER).to_numpy()}).drop_duplicates()
    grouped = pairs.groupby("person_id")["channel"]
    label = grouped.first().where(grouped.size() == 1, SEVERAL_NETWORKS)
    return ids.map(label).fillna(OTHER).astype(object)


def _segment_table(segmentation: Segmentation, label: pd.Series, replied: pd.Series,
                   order: list[str] | None) -> SegmentTable:
    import numpy as np
    import pandas as pd

    # People and replies per label by code (a missing label is in no segment, as groupby
    # drops it): a groupby per segmentation cost 0.015 s for the six (issue 17).
    codes, labels = pd.factorize(label.to_numpy())
    counted = codes >= 0
    sizes = np.bincount(codes[counted], minlength=len(labels)).tolist()
    replies = np.bincount(codes[counted], weights=replied.to_numpy(dtype=bool)[counted],
                          minlength=len(labels)).tolist()
    stats = {name: (int(size), int(total))
             for name, size, total in zip(labels.tolist(), sizes, replies, strict=True)}
    last = (OTHER, UNKNOWN, DATE_UNKNOWN, NOT_CONNECTION, NO_CONNECTION_LIST, NO_INVITATION)
    if order is None:
        ranked = sorted(n for n in stats if n not in last)
        if segmentation is not Segmentation.CONNECTION_YEAR:  # the most reached first
            ranked.sort(key=lambda n: -stats[n][0])
        names = [*ranked, *(n for n in last if n in stats)]
    else:
        names = [n for n in order if n in stats]
    segments = [Segment(str(n), *stats[n]) for n in names]
    comparison = compare_proportions([s.replied for s in segments],
                                     [s.reached for s in segments])
    return SegmentTable(segmentation, segments, comparison)


def fold_text(texts: Sequence[str] | Any, *, strip_greeting: bool = True) -> list[str]:
    """Lower case, runs of punctuation and whitespace to one space, and (by default) a
    first-line greeting removed.

    Uses pyarrow's vectorized string kernels when pyarrow is installed (pandas' own string
    methods fall back to a Python loop for these patterns), and Python's ``re`` otherwise;
    both give the same result.

    Examples
    --------
    >>> fold_text(["Hi Anna, Would you like a DEMO?!", "History  of\tart"])
    ['would you like a demo', 'history of art']
    """
    if not len(texts):
        return []
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - exercised by forcing the fallback in tests
        return _fold_text_python([str(t) for t in texts], strip_greeting)
    # pandas' Arrow-backed strings convert without a Python loop.
    array = pa.array(texts, from_pandas=True).cast(pa.large_string())
    if strip_greeting:
        array = pc.replace_substring_regex(array, _GREETING, "", max_replacements=1)
    array = pc.replace_substring_regex(pc.utf8_lower(array), _NON_WORD_RE2, " ")
    return pc.utf8_trim(array, " ").to_pylist()


def _fold_text_python(values: list[str], strip_greeting: bool = True) -> list[str]:
    import re

    greeting = re.compile(_GREETING)
    non_word = re.compile(_NON_WORD_PY)
    out = []
    for text in values:
        if strip_greeting:
            text = greeting.sub("", text, count=1)
        out.append(non_word.sub(" ", text.lower()).strip(" "))
    return out


def normalize_outreach_text(texts: pd.Series, first_names: pd.Series) -> pd.Series:
    """Texts reduced so that one template sent to many people compares equal: the first-line
    greeting ("Hi Anna," ...) removed, the recipient's first name removed anywhere, lower case,
    punctuation and runs of whitespace folded to one space.

    Examples
    --------
    >>> import pandas as pd
    >>> texts = pd.Series(["Hi Anna, would you like a DEMO? Anna, reply!",
    ...                    "Hello Bo -- would you like a demo, Bo?"])
    >>> normalize_outreach_text(texts, pd.Series(["Anna", "Bo"])).tolist()
    ['would you like a demo reply', 'would you like a demo']
    >>> normalize_outreach_text(pd.Series(["Hi Bo, Bo?", "Bo, Al", "Hi Bo, Bo?", "Al"]),
    ...                         pd.Series(["Bo", None, "Al", "Bo"])).tolist()
    ['', 'bo al', 'bo', 'al']
    """
    import numpy as np
    import pandas as pd

    # Fold each distinct text and name once: a group message repeats per recipient.
    text_codes, text_values = pd.factorize(texts.astype(str))
    name_codes, name_values = pd.factorize(first_names.fillna("").astype(str))
    folded_texts = fold_text(text_values)
    folded_names = fold_text(name_values, strip_greeting=False)
    # Each distinct (text, name) pair once: 34,000 outreach rows of the benchmark export hold
    # 11,000 (a code of -1, no text or no name, kept as such).
    width = len(name_values) + 1
    pair_codes, pairs = pd.factorize(text_codes.astype(np.int64) * width + name_codes + 1)
    cleaned = []
    for pair in pairs.tolist():
        t_code, n_code = divmod(pair, width)
        text = folded_texts[t_code]
        name = folded_names[n_code - 1] if n_code >= 1 else ""
        if name and name in text:
            target = f" {name} "
            # Twice: adjacent repeats share the separating space.
            text = f" {text} ".replace(target, " ").replace(target, " ").strip(" ")
        cleaned.append(text)
    return pd.Series(np.array(cleaned, dtype=object)[pair_codes], index=texts.index,
                     dtype=object)


def _first_names(ids: pd.Series, people: pd.DataFrame) -> pd.Series:
    """The first name of the person of each of ``ids`` ('' for nobody known, or no name):
    ``first_name``, else the first word of ``name``.

    >>> import pandas as pd
    >>> people = pd.DataFrame({"person_id": ["a", "b", "c"], "first_name": [" Ana ", "", ""],
    ...                        "name": ["Ana Ruiz", "Bo  Li", " "]}, dtype="str")
    >>> _first_names(pd.Series(["b", "x", "a", "c", "b"], dtype="str"), people).tolist()
    ['Bo', '', 'Ana', '', 'Bo']
    """
    import numpy as np
    import pandas as pd

    from netaudit.graph import _distinct, index_in, texts_at
    from netaudit.model import text_isin

    # Only the people written to: the name split below was most of this on 76,000 people.
    names = people[["person_id", "first_name", "name"]]
    names = names[text_isin(names["person_id"], ids).to_numpy()]
    names = names.set_index("person_id")
    given = names["first_name"].astype(str).str.strip()
    blank = given == ""
    # The first word of the full name where no first name is given (split only those, as
    # pandas' str.split() splits: Python's, and no word is NaN).
    full = names["name"][blank].astype(str).tolist()
    first_words = [words[0] if isinstance(name, str) and (words := name.split()) else np.nan
                   for name in full]
    values = given.to_numpy(dtype=object)
    values[blank.to_numpy(dtype=bool)] = first_words
    first = pd.Series(values, index=names.index, dtype="str")
    if str(ids.dtype) == "str" and str(first.index.dtype) == "str" and _distinct(first.index):
        import pyarrow as pa

        # Each id's position in Arrow rather than Series.map (0.008 s for 34,000 ids); ''
        # for nobody known and for no name.
        found = texts_at(pa.array(first), index_in(ids, first.index)).fill_null("")
        return pd.Series(found, index=ids.index, dtype="str")
    return ids.map(first).fillna("")


def detect_campaigns(table: pd.DataFrame, people: pd.DataFrame, *,
                     min_recipients: int = CAMPAIGN_MIN_RECIPIENTS,
                     span_days: int = CAMPAIGN_SPAN_DAYS) -> list[Campaign]:
    """Bursts of near-identical outreach in ``table`` (from :func:`find_outreach`), largest
    first. See the module docstring for the definition."""
    import numpy as np
    import pandas as pd

    if table.empty:
        return []
    normalized = normalize_outreach_text(table["text"], _first_names(table["person_id"], people))
    text_codes, text_values = pd.factorize(normalized)
    person_codes, _ = pd.factorize(table["person_id"])
    # A text sent to fewer distinct people than a campaign needs can never be one.
    pairs = pd.unique(text_codes.astype(np.int64) * (person_codes.max() + 1) + person_codes)
    reach = np.bincount(pairs // (person_codes.max() + 1), minlength=len(text_values))
    candidate = (reach >= min_recipients) & (np.asarray(text_values, dtype=object) != "")
    keep = candidate[text_codes]
    if not keep.any():
        return []
    frame = pd.DataFrame({
        "text": text_codes[keep],
        "sent_at": _nanoseconds(table["sent_at"])[keep],
        "person": person_codes[keep],
        "message_id": table["message_id"].to_numpy(dtype=object)[keep],
        "replied": table["replied"].to_numpy(dtype=bool)[keep],
    }).sort_values(["text", "sent_at"], kind="stable").reset_index(drop=True)
    span = pd.Timedelta(days=span_days).value
    times = frame["sent_at"].to_numpy()
    text = frame["text"].to_numpy()
    new_burst = np.ones(len(frame), dtype=bool)
    new_burst[1:] = (text[1:] != text[:-1]) | (times[1:] - times[:-1] > span)
    frame["burst"] = np.cumsum(new_burst)

    chosen = _bursts_reaching(frame["burst"].to_numpy(), times, frame["person"].to_numpy(),
                              span, min_recipients)
    rows = frame[chosen[frame["burst"].to_numpy()]]
    if rows.empty:
        return []
    summary = rows.groupby("burst").agg(
        text=("text", "first"), first_sent=("sent_at", "min"), last_sent=("sent_at", "max"),
        messages=("message_id", "nunique"), reached=("person", "nunique"))
    answered = rows[rows["replied"].to_numpy()].groupby("burst")["person"].nunique()
    summary["replied"] = answered.reindex(summary.index, fill_value=0)
    campaigns = [
        Campaign(text=_excerpt(text_values[r.text]),
                 first_sent=_iso(pd.Timestamp(r.first_sent, tz="UTC")),
                 last_sent=_iso(pd.Timestamp(r.last_sent, tz="UTC")), messages=int(r.messages),
                 reached=int(r.reached), replied=int(r.replied))
        for r in summary.itertuples()
    ]
    campaigns.sort(key=lambda c: (-c.reached, c.first_sent))
    return campaigns


def _bursts_reaching(bursts, times, persons, span: int, least: int):
    """Mask over burst numbers (``bursts`` counts from 1, rows sorted by burst, then time):
    did some ``span`` (ns) of the burst reach ``least`` distinct people?

    A burst with fewer people in all cannot; one sent within a single span reached all of
    its people; only the others are scanned window by window (:func:`_most_people_within`,
    a Python loop that took 0.05 s over every row of the benchmark's bursts).

    >>> import numpy as np
    >>> day = 86_400 * 10**9
    >>> # burst 1: 3 people in 2 days; burst 2: a, b on day 0, c, d on day 10 (2 a span)
    >>> bursts, times = np.array([1, 1, 1, 2, 2, 2, 2]), np.array([0, 1, 2, 0, 0, 10, 10]) * day
    >>> _bursts_reaching(bursts, times, np.array([0, 1, 2, 0, 1, 2, 3]), 7 * day, 3).tolist()
    [False, True, False]
    >>> # a, b, c on days 0, 8, 9 and a again on day 10: a, b and c within days 3-10
    >>> _bursts_reaching(np.array([1] * 4), np.array([0, 8, 9, 10]) * day,
    ...                  np.array([0, 1, 2, 0]), 7 * day, 3).tolist()
    [False, True]
    """
    import numpy as np
    import pandas as pd

    size = int(bursts.max()) + 1
    stride = int(persons.max()) + 1
    pairs = pd.unique(bursts.astype(np.int64) * stride + persons)
    people = np.bincount(pairs // stride, minlength=size)
    first = np.full(size, np.iinfo(np.int64).max)
    last = np.full(size, np.iinfo(np.int64).min)
    np.minimum.at(first, bursts, times)
    np.maximum.at(last, bursts, times)
    reaching = people >= least
    scan = reaching & (last - first > span)
    # Written to once each, the people of a span are its messages: counted by binary search.
    once = scan & (np.bincount(bursts, minlength=size) == people)
    starts = np.searchsorted(bursts, np.arange(size + 1))
    for burst in np.flatnonzero(once).tolist():
        sent = times[starts[burst]:starts[burst + 1]]
        within = np.arange(1, len(sent) + 1) - np.searchsorted(sent, sent - span)
        reaching[burst] = within.max() >= least
    rows = (scan & ~once)[bursts]
    if rows.any():
        best = _most_people_within(bursts[rows], times[rows], persons[rows], span)
        for burst, most in best.items():
            reaching[burst] = most >= least
    return reaching


def _most_people_within(bursts, times, persons, span: int) -> dict[int, int]:
    """Per burst, the most distinct people whose messages fall within one ``span`` (ns).

    Every message counts, not only each person's first of the burst: a person written to on
    day 0 and again on day 10 is among the people of the span days 8-15. Rows are sorted by
    burst, then time; a window ending at each message (two pointers) covers every span.

    >>> import numpy as np
    >>> day = 86_400 * 10**9
    >>> # a: days 0 and 10; b..d: days 8, 9, 14 -> days 8-15 hold a, b, c, d.
    >>> _most_people_within(np.array([1] * 5), np.array([0, 8, 9, 10, 14]) * day,
    ...                     np.array([0, 1, 2, 0, 3]), 7 * day)
    {1: 4}
    """
    from collections import Counter

    best: dict[int, int] = {}
    held: Counter[int] = Counter()
    bursts, times, persons = bursts.tolist(), times.tolist(), persons.tolist()
    low = 0
    for high, burst in enumerate(bursts):
        if high and burst != bursts[high - 1]:
            held.clear()
            low = high
        held[persons[high]] += 1
        while times[high] - times[low] > span:
            held[persons[low]] -= 1
            if not held[persons[low]]:
                del held[persons[low]]
            low += 1
        best[burst] = max(best.get(burst, 0), len(held))
    return best


def _excerpt(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
