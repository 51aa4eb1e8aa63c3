"""Who writes back when you write first: the reply rate of the owner's outreach (experiment 1).

Definitions (the README's ``### replies`` section repeats them):

- Only real messages count: sponsored/InMail/system rows (``is_system``) and drafts
  (``is_draft``) are dropped first, and a person who ever sent a system row (``LinkedIn
  Member``) is never a recipient or a replier. Messages without a date are left out (counted in
  ``notes``).
- An **outreach** is a message from the owner to a person that is not an answer: the person
  sent no message in that conversation during the ``window_days`` before it (a message of the
  person at the very same instant counts as before it). In a group conversation every
  recipient receives the outreach and is judged separately. Auto-replies and bounces
  (``is_auto``) are not the person writing: they neither make the owner's next message an
  answer nor count as a reply.
- The person **replied** to an outreach if they sent a message (not an auto-reply) in the same
  conversation strictly after it and at most ``window_days`` after it (exactly 30 days later is
  inside the window; 30 days and 1 second is not).
- ``reached``: distinct people who received at least one outreach dated within
  [``since``, ``until``] (both whole days, UTC; replies may come after ``until``). ``replied``:
  those of them who replied to at least one of those outreaches; each person counts once
  however many outreaches they received. ``reply_rate = replied / reached``; ``ci95`` is the
  Wilson 95% interval (:func:`netaudit.analyses.stats.wilson_interval`).
- **Time to reply**, per person who replied: from their first outreach in the period to their
  first reply to one of those outreaches. ``median_hours_to_reply`` is the median over those
  people; ``within_24h`` / ``within_7d`` the share of them at or under 24 hours / 168 hours.
- **Segments** split ``reached`` by: who asked whom to connect (earliest invitation on record),
  connection year, company (the ``top_companies`` most reached, the rest "other"), role family
  (:func:`netaudit.analyses.roles.role_family`) and the kind of conversation (1:1 only, group
  only, both). Each split gets one test of "same reply rate in every segment"
  (:func:`netaudit.analyses.stats.compare_proportions`).
- **Campaigns**: outreach texts are normalized (a first-line greeting "Hi/Hello/Dear/Hey
  <Name>," removed, the recipient's first name removed anywhere, case, punctuation and runs of
  whitespace folded). Equal normalized texts sent with gaps of at most 7 days form a burst; a
  burst is a campaign when some 7-day span of it reached 10 or more distinct people. Each
  campaign has its own reached / replied, counting replies to the campaign's messages only.
- ``campaign`` (``--campaign TEXT``) keeps only outreach whose text or subject contains TEXT
  (case-insensitive) before anything is counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from netaudit.analyses.stats import Comparison, compare_proportions, wilson_interval
from netaudit.errors import InputError

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

#: A greeting word and up to three words of name, ended by a comma, colon, "!", dash, line
#: break or the end: "Hi Anna,", "Dear Dr. Ruiz:", "Hello Bo --". "Hey there I have" is no
#: greeting line (no ending within three words) and stays.
_GREETING = r"(?i)^\s*(?:hi|hello|dear|hey)\b(?:[ \t]+[^\s,!:]+){0,3}[ \t]*(?:[,\n!:]|-+|$)"


class Segmentation(StrEnum):
    """The ways ``reached`` is split into segments."""

    INVITED = "invited"
    CONNECTION_YEAR = "connection_year"
    COMPANY = "company"
    ROLE_FAMILY = "role_family"
    CONVERSATION = "conversation"

    @property
    def label(self) -> str:
        """How the split is named to a reader."""
        return SEGMENTATION_TITLES[self]


SEGMENTATION_TITLES: dict[Segmentation, str] = {
    Segmentation.INVITED: "Who asked whom to connect",
    Segmentation.CONNECTION_YEAR: "Connection year",
    Segmentation.COMPANY: "Company",
    Segmentation.ROLE_FAMILY: "Role family",
    Segmentation.CONVERSATION: "Conversation",
}

THEY_INVITED, YOU_INVITED, NO_INVITATION = (
    "they invited you", "you invited them", "no invitation on record")
NOT_CONNECTION, DATE_UNKNOWN = "not a connection", "date unknown"
OTHER, UNKNOWN = "other", "unknown"
ONE_TO_ONE, GROUP, BOTH = "1:1", "group", "1:1 and group"


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

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "segments": [s.to_dict() for s in self.segments],
                **self.comparison.to_dict()}


@dataclass
class Campaign:
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

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "first_sent": self.first_sent, "last_sent": self.last_sent,
                "messages": self.messages, "reached": self.reached, "replied": self.replied,
                "reply_rate": self.reply_rate, "ci95": self.ci95}


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
            "replied_within_7d": self.replied_within_7d,
            "within_7d": self.within_7d,
            "window_open": self.window_open,
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

    Returns the table and counts used for notes (``answers``: owner message/recipient pairs
    in the period that were answers, not outreach; ``undated``: messages without a date;
    ``log_end``: not a count, the latest message time as ns since the epoch, or -1).

    Columns: ``message_id``, ``conversation_id``, ``person_id``, ``sent_at``, ``is_group``,
    ``text`` (body, else subject), ``replied`` (bool), ``reply_at`` (the person's first
    message after it, NaT unless ``replied``).

    Examples
    --------
    >>> from netaudit.model import Network
    >>> table, counts = find_outreach(Network())
    >>> len(table), counts["answers"]
    (0, 0)
    """
    import numpy as np
    import pandas as pd

    _check_window(window_days)
    start = _day_start(since, "--since")
    end = _day_start(until, "--until")
    window = pd.Timedelta(days=window_days)
    owner = network.owner_id
    messages = network.messages
    columns = ["message_id", "conversation_id", "person_id", "sent_at", "is_group", "text",
               "replied", "reply_at"]
    counts = {"answers": 0, "undated": int(messages["sent_at"].isna().sum()), "log_end": -1}

    system_people = set(messages.loc[messages["is_system"], "sender_id"])
    usable = messages[~messages["is_system"] & ~messages["is_draft"]
                      & messages["sent_at"].notna()]
    if len(usable):
        counts["log_end"] = int(usable["sent_at"].max().value)
    excluded = system_people | {owner, ""}
    by_owner = (usable["sender_id"] == owner).to_numpy()
    sent = usable[by_owner]

    # One row per (owner message, recipient), built without a per-row Python loop over frames.
    recipients = sent["recipient_ids"].tolist()
    lengths = np.fromiter((len(r) for r in recipients), dtype=np.int64, count=len(recipients))
    flat = [p for r in recipients for p in r]
    rows = np.repeat(np.arange(len(sent)), lengths)
    out = pd.DataFrame({
        "message_id": sent["message_id"].to_numpy()[rows],
        "conversation_id": sent["conversation_id"].to_numpy()[rows],
        "person_id": pd.array(flat, dtype=object) if flat else np.array([], dtype=object),
        "sent_at": sent["sent_at"].array.take(rows),
        "is_group": sent["is_group"].to_numpy()[rows],
        "text": _message_text(sent).to_numpy()[rows],
    })
    out = out[~out["person_id"].isin(excluded)]

    heard = usable[~by_owner & ~usable["is_auto"].to_numpy()
                   & ~usable["sender_id"].isin(excluded).to_numpy()]
    incoming = pd.DataFrame({
        "conversation_id": heard["conversation_id"].to_numpy(),
        "person_id": heard["sender_id"].to_numpy(),
        "sent_at": heard["sent_at"].array,
    })

    # One integer per (conversation, person) so merge_asof can match on a single key.
    conv_codes, conv_values = pd.factorize(
        pd.concat([out["conversation_id"], incoming["conversation_id"]], ignore_index=True))
    person_codes, person_values = pd.factorize(
        pd.concat([out["person_id"], incoming["person_id"]], ignore_index=True))
    key = conv_codes.astype(np.int64) * max(len(person_values), 1) + person_codes
    out["key"] = key[:len(out)]
    incoming["key"] = key[len(out):]

    out = out.sort_values("sent_at", kind="stable")
    heard_at = incoming.sort_values("sent_at", kind="stable").rename(
        columns={"sent_at": "at"})[["key", "at"]]
    heard_at["sent_at"] = heard_at["at"]

    # An answer: the person wrote in this conversation at most `window` before (same instant
    # included, as files give whole seconds and cannot order them).
    before = pd.merge_asof(out, heard_at, on="sent_at", by="key", direction="backward",
                           allow_exact_matches=True)
    is_answer = (before["sent_at"] - before["at"] <= window).to_numpy()
    outreach = out[~is_answer]
    answers = out[is_answer]

    in_period = _in_period(outreach["sent_at"], start, end)
    counts["answers"] = int(_in_period(answers["sent_at"], start, end).sum())
    outreach = outreach[in_period]
    if campaign:
        wanted = outreach["text"].str.contains(campaign, case=False, regex=False)
        outreach = outreach[wanted.to_numpy()]

    after = pd.merge_asof(outreach, heard_at, on="sent_at", by="key", direction="forward",
                          allow_exact_matches=False)
    replied = (after["at"] - after["sent_at"] <= window).to_numpy()
    outreach = outreach.assign(replied=replied)
    outreach["reply_at"] = after["at"].where(replied).array
    return outreach[columns].reset_index(drop=True), counts


def _in_period(times: pd.Series, start: pd.Timestamp | None, end: pd.Timestamp | None):
    import numpy as np
    import pandas as pd

    keep = np.ones(len(times), dtype=bool)
    if start is not None:
        keep &= (times >= start).to_numpy()
    if end is not None:
        keep &= (times < end + pd.Timedelta(days=1)).to_numpy()
    return keep


def _message_text(messages: pd.DataFrame) -> pd.Series:
    body = messages["body"].astype(str)
    subject = messages["subject"].astype(str)
    return body.where(body.str.strip() != "", subject)


# --------------------------------------------------------------------------------------------
# Headline, time to reply, segments, campaigns


def outreach_figures(network: Network, window_days: int = DEFAULT_WINDOW_DAYS
                     ) -> dict[str, Any] | None:
    """The headline reply rate for ``netaudit analyze`` (None when there is no message log).

    Examples
    --------
    >>> from netaudit.model import Network
    >>> outreach_figures(Network()) is None
    True
    """
    if network.messages.empty:
        return None
    table, _ = find_outreach(network, window_days=window_days)
    reached = int(table["person_id"].nunique())
    replied = int(table.loc[table["replied"], "person_id"].nunique())
    rate, ci = _rate(replied, reached)
    return {"reached": reached, "replied": replied, "reply_rate": rate,
            "window_days": window_days, "ci95": ci}


def reply_rates(
    network: Network,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    campaign: str | None = None,
    top_companies: int = DEFAULT_TOP_COMPANIES,
) -> Replies:
    """The reply rate of the owner's outreach, with time to reply, segments and campaigns.

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
    table, counts = find_outreach(network, window_days=window_days, since=since, until=until,
                                  campaign=campaign)
    people = _per_person(table)
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
    grouped = table.groupby("person_id", sort=True)
    people = grouped.agg(
        replied=("replied", "any"),
        first_outreach=("sent_at", "min"),
        last_outreach=("sent_at", "max"),
        first_reply=("reply_at", "min"),
        any_group=("is_group", "any"),
        all_group=("is_group", "all"),
    ).reset_index()
    people["hours_to_reply"] = (
        (people["first_reply"] - people["first_outreach"]) / pd.Timedelta(hours=1)
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
    if not (messages["sender_id"] == network.owner_id).any():
        who = network.owner.name if network.owner and network.owner.name else "the owner"
        notes.append(f"{who} sent none of the messages read; if that is not you, name "
                     "yourself with --me")
    if counts["undated"]:
        notes.append(f"{counts['undated']:,} messages without a date were left out")
    drafts = int(messages["is_draft"].sum())
    system = int(messages["is_system"].sum())
    auto = int(messages["is_auto"].sum())
    if drafts or system or auto:
        notes.append(f"not counted: {drafts:,} drafts, {system:,} sponsored/system rows, "
                     f"{auto:,} auto-replies or bounces")
    if window_open:
        notes.append(f"{window_open:,} people reached have not replied yet but their "
                     f"{window_days}-day window runs past the last message in the data")
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
    from netaudit.analyses.roles import role_family

    if people.empty:
        return []
    info = network.people.set_index("person_id")
    ids = people["person_id"]
    connected = ids.map(info["is_connection"] & ~info["is_owner"]).fillna(False).astype(bool)
    dates = ids.map(info["connected_on"])
    years = dates.dt.year.astype("Int64").astype(str).where(dates.notna(), DATE_UNKNOWN)
    years = years.where(connected, NOT_CONNECTION)
    company = ids.map(info["company"]).fillna("").astype(str).str.strip()
    company = company.where(company != "", UNKNOWN)
    ranked = company[company != UNKNOWN].value_counts()
    ranked = ranked.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    top = set(ranked.index[:top_companies])
    company = company.where(company.isin(top) | (company == UNKNOWN), OTHER)
    positions = ids.map(info["position"]).fillna("").astype(str)
    roles = positions.map({p: role_family(p) for p in positions.unique()})
    labels = {
        Segmentation.INVITED: (_labels_invited(network, ids),
                               [THEY_INVITED, YOU_INVITED, NO_INVITATION]),
        Segmentation.CONNECTION_YEAR: (years, None),
        Segmentation.COMPANY: (company, None),
        Segmentation.ROLE_FAMILY: (roles, None),
        Segmentation.CONVERSATION: (people["conversation"], [ONE_TO_ONE, GROUP, BOTH]),
    }
    tables = []
    for segmentation in Segmentation:
        label, order = labels[segmentation]
        tables.append(_segment_table(segmentation, label, people["replied"], order))
    return tables


def _segment_table(segmentation: Segmentation, label: pd.Series, replied: pd.Series,
                   order: list[str] | None) -> SegmentTable:
    import pandas as pd

    frame = pd.DataFrame({"label": label.to_numpy(), "replied": replied.to_numpy()})
    stats = frame.groupby("label")["replied"].agg(["size", "sum"])
    last = (OTHER, UNKNOWN, DATE_UNKNOWN, NOT_CONNECTION, NO_INVITATION)
    if order is None:
        if segmentation is Segmentation.CONNECTION_YEAR:
            names = sorted(n for n in stats.index if n not in last)
        else:
            ranked = stats.drop(index=[n for n in last if n in stats.index])
            ranked = ranked.sort_index().sort_values("size", ascending=False, kind="stable")
            names = list(ranked.index)
        names += [n for n in last if n in stats.index]
    else:
        names = [n for n in order if n in stats.index]
    segments = [Segment(str(n), int(stats.at[n, "size"]), int(stats.at[n, "sum"]))
                for n in names]
    comparison = compare_proportions([s.replied for s in segments],
                                     [s.reached for s in segments])
    return SegmentTable(segmentation, segments, comparison)


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
    """
    import pandas as pd

    def fold(series: pd.Series) -> pd.Series:
        series = series.astype(str).str.lower()
        series = series.str.replace(r"[^\w\s]|_", " ", regex=True)
        return series.str.replace(r"\s+", " ", regex=True).str.strip()

    text = fold(texts.astype(str).str.replace(_GREETING, "", regex=True))
    names = fold(first_names.fillna(""))
    cleaned = []
    for t, name in zip(text.tolist(), names.tolist(), strict=True):
        if name:
            padded = f" {t} "
            target = f" {name} "
            # Twice: adjacent repeats share the separating space.
            t = padded.replace(target, " ").replace(target, " ").strip()
        cleaned.append(t)
    return pd.Series(cleaned, index=texts.index, dtype=object)


def detect_campaigns(table: pd.DataFrame, people: pd.DataFrame, *,
                     min_recipients: int = CAMPAIGN_MIN_RECIPIENTS,
                     span_days: int = CAMPAIGN_SPAN_DAYS) -> list[Campaign]:
    """Bursts of near-identical outreach in ``table`` (from :func:`find_outreach`), largest
    first. See the module docstring for the definition."""
    import numpy as np
    import pandas as pd

    if table.empty:
        return []
    names = people.set_index("person_id")
    first = names["first_name"].where(names["first_name"].str.strip() != "",
                                      names["name"].str.split().str[0])
    normalized = normalize_outreach_text(table["text"],
                                         table["person_id"].map(first).fillna(""))
    frame = pd.DataFrame({"norm": normalized.to_numpy(), "sent_at": table["sent_at"].array,
                          "person_id": table["person_id"].to_numpy(),
                          "message_id": table["message_id"].to_numpy(),
                          "replied": table["replied"].to_numpy()})
    frame = frame[frame["norm"] != ""]
    # A text sent to fewer people than a campaign needs can never be one.
    spread = frame.groupby("norm")["person_id"].transform("nunique")
    frame = frame[(spread >= min_recipients).to_numpy()]
    if frame.empty:
        return []
    frame = frame.sort_values(["norm", "sent_at"], kind="stable").reset_index(drop=True)
    span = pd.Timedelta(days=span_days)
    new_text = frame["norm"].ne(frame["norm"].shift())
    gap = frame["sent_at"].diff() > span
    frame["burst"] = (new_text | gap).cumsum()

    # Distinct recipients within any `span` of a burst: each person's first message in the
    # burst, then for each such message how many others follow within `span` (searchsorted on
    # burst * 1e10 + seconds keeps bursts apart: seconds stay below 1e10).
    firsts = frame.drop_duplicates(["burst", "person_id"])
    seconds = ((firsts["sent_at"] - frame["sent_at"].min()) // pd.Timedelta(seconds=1)
               ).to_numpy(dtype=np.int64)
    position = firsts["burst"].to_numpy(dtype=np.int64) * 10**10 + seconds
    reach = np.searchsorted(position, position + span_days * 86400, side="right") - np.arange(
        len(position))
    best = pd.Series(reach, index=firsts.index).groupby(firsts["burst"].to_numpy()).max()
    chosen = best.index[best.to_numpy() >= min_recipients]
    rows = frame[frame["burst"].isin(chosen).to_numpy()]
    if rows.empty:
        return []
    grouped = rows.groupby("burst")
    summary = grouped.agg(norm=("norm", "first"), first_sent=("sent_at", "min"),
                          last_sent=("sent_at", "max"), messages=("message_id", "nunique"),
                          reached=("person_id", "nunique"))
    answered = rows[rows["replied"].to_numpy()].groupby("burst")["person_id"].nunique()
    summary["replied"] = answered.reindex(summary.index, fill_value=0)
    campaigns = [
        Campaign(text=_excerpt(r.norm), first_sent=_iso(r.first_sent),
                 last_sent=_iso(r.last_sent), messages=int(r.messages), reached=int(r.reached),
                 replied=int(r.replied))
        for r in summary.itertuples()
    ]
    campaigns.sort(key=lambda c: (-c.reached, c.first_sent))
    return campaigns


def _excerpt(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
