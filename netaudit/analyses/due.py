"""Who is due for a message now: per person, the usual gap between your contacts, the days
since the last one, and the day a message falls due.

Definitions (the README's "`due`" repeats them):

- A **contact** is what :mod:`netaudit.analyses.ties` counts (:func:`netaudit.graph.contact_events`):
  a message either way (group conversations included; drafts, sponsored/system rows and
  auto-replies excluded) or a recommendation or endorsement either way, dated, up to as-of.
- **Contact days**: the distinct calendar days (UTC) holding at least one contact.
- **Usual gap**: with ``MIN_HISTORY_DAYS`` (3) contact days or more, the median of the gaps in
  days between consecutive contact days ("history"); never below ``MIN_GAP_DAYS`` (7): a
  reminder sooner than a week after the last contact is noise. With fewer contact days, the
  cadence of the person's layer (``--cadence``, default ranks 1-5 every 14 days, 6-15 every 30,
  16-50 every 90, 51-150 every 180; "layer"). People of the ``rest`` layer with too little
  history have no cadence unless ``rest=N`` is given, and are never due.
- **Days since**: the as-of day minus the last contact day. **Due on**: the last contact day
  plus the usual gap (rounded up to whole days). A person is **due** once that day is reached
  (days since >= usual gap) and until the tie has **faded**: days since > 3 x the usual gap
  (at least 30 days), the fading rule of ``ties`` (``FADING_FACTOR``, ``MIN_USUAL_GAP_DAYS``)
  applied to this gap; faded ties are counted, not listed (``ties`` lists those worth
  re-engaging): a burst of messages years ago sets no rhythm to keep today.
  **Overdue ratio** = days since / usual gap; the list is ranked by **priority** = tie score
  (``ties``) x overdue ratio, highest first.
- Left out: people you never reached out to (every contact came from them: a pitch is not a
  relationship to keep), counted in ``never_from_you``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from netaudit.analyses.ties import FADING_FACTOR, MIN_USUAL_GAP_DAYS, Layer
from netaudit.encode import Fields
from netaudit.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd

    from netaudit.analyses.diff import NetworkDiff
    from netaudit.analyses.ties import TieStrength
    from netaudit.model import Network

#: Contact days needed for a person's own usual gap (two gaps at least: one gap is a single
#: interval, not a habit).
MIN_HISTORY_DAYS = 3
#: The shortest usual gap: people you write daily are not "due" two days later.
MIN_GAP_DAYS = 7.0

#: Days between contacts per layer when a person's own history is too short (``--cadence``).
DEFAULT_CADENCE: dict[str, float] = {
    Layer.TOP_5.value: 14.0,
    Layer.TOP_15.value: 30.0,
    Layer.TOP_50.value: 90.0,
    Layer.TOP_150.value: 180.0,
}

#: ``--cadence`` keys: the largest rank of each layer, as Dunbar's numbers, or ``rest``.
_CADENCE_KEYS: dict[str, str] = {
    "5": Layer.TOP_5.value,
    "15": Layer.TOP_15.value,
    "50": Layer.TOP_50.value,
    "150": Layer.TOP_150.value,
    "rest": Layer.REST.value,
}


@dataclass(frozen=True)
class DuePerson(Fields):
    """One person who is due, with the figures behind it and the reason in words."""

    person_id: str
    name: str
    company: str
    position: str
    profile_url: str
    layer: str
    status: str
    score: float
    contact_days: int
    usual_gap_days: float
    gap_from: str
    """``history`` (their own median gap) or ``layer`` (the cadence of their layer)."""
    last_contact: str
    days_since: int
    due_on: str
    overdue_ratio: float
    priority: float
    reason: str


@dataclass
class DueList:
    """Result of :func:`due_list`; see the module docstring for each definition."""

    as_of: str | None
    cadence: dict[str, float]
    people: int
    """People with at least one dated contact (the denominator of ``due_count``)."""
    due_count: int
    """Everyone due; ``due`` holds the first ``limit`` of them."""
    not_yet: int
    no_cadence: int
    never_from_you: int
    faded: int = 0
    due: list[DuePerson] = field(default_factory=list)
    upcoming: list[DuePerson] = field(default_factory=list)
    """The people not yet due, soonest due day first (the first ``limit``): the calendar
    holds their next due day too."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of, "cadence": self.cadence, "people_with_contact": self.people,
            "due_count": self.due_count, "not_yet_due": self.not_yet,
            "no_cadence": self.no_cadence, "never_from_you": self.never_from_you,
            "faded": self.faded,
            "shown": len(self.due), "due": [p.to_dict() for p in self.due],
            "upcoming": [p.to_dict() for p in self.upcoming],
        }


def parse_cadence(text: str | None) -> dict[str, float]:
    """``"5=14,15=30"`` -> the default cadence with those layers replaced (days).

    Keys are the largest rank of a layer (5, 15, 50, 150) or ``rest``.

    Examples
    --------
    >>> parse_cadence("5=7, rest=365")["ranks 1-5"], parse_cadence("rest=365")["rest"]
    (7.0, 365.0)
    >>> parse_cadence("20=30")
    Traceback (most recent call last):
    ...
    netaudit.errors.UsageError: --cadence: unknown layer '20' (layers: 5, 15, 50, 150, rest)
    """
    cadence = dict(DEFAULT_CADENCE)
    valid = ", ".join(_CADENCE_KEYS)
    for item in (text or "").split(","):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        key = key.strip().lower()
        if not sep:
            raise UsageError(f"--cadence: {item.strip()!r} is not LAYER=DAYS",
                             hint="e.g. --cadence 5=14,15=30,50=90,150=180")
        if key not in _CADENCE_KEYS:
            raise UsageError(f"--cadence: unknown layer {key!r}", hint=f"layers: {valid}")
        try:
            days = float(value)
        except ValueError:
            raise UsageError(f"--cadence: {value.strip()!r} is not a number of days for {key}",
                             hint="e.g. --cadence 5=14") from None
        if not math.isfinite(days) or days < 1:
            raise UsageError(f"--cadence: {key}={value.strip()} is below 1 day",
                             hint="a cadence is a number of days, 1 or more")
        cadence[_CADENCE_KEYS[key]] = days
    return cadence


def every(days: float) -> str:
    """A gap in words: weeks when it is a whole number of weeks up to 8, else days.

    >>> every(21), every(7), every(14), every(30), every(1), every(21.5)
    ('3 weeks', 'week', '2 weeks', '30 days', 'day', '21.5 days')
    """
    if days == 1:
        return "day"
    if days % 7 == 0 and days <= 56:
        weeks = int(days // 7)
        return "week" if weeks == 1 else f"{weeks} weeks"
    return f"{days:g} days"


def _day_words(day: str | None) -> str | None:
    """``2025-12-06`` -> ``6 Dec 2025`` (None when not a date)."""
    from datetime import date

    try:
        value = date.fromisoformat(str(day))
    except ValueError:
        return None
    return f"{value.day} {value:%b %Y}"


def change_notes(diff: NetworkDiff) -> dict[str, str]:
    """What an earlier export says changed for each person of the newer one, as a note for
    :func:`due_list`'s reasons (a new job is the best reason there is to write): ``{person_id
    of the newer export: text}``, from ``diff``'s ``company_changed`` and ``position_changed``
    (:mod:`netaudit.analyses.diff`). The change happened between the two exports' dates,
    which the note gives; the diff cannot tell the day.

    >>> from netaudit.analyses.diff import Change, ExportFigures, NetworkDiff
    >>> figures = [ExportFigures(d, 1, 0, 0, None, None, None) for d in ("2025-05-10",
    ...            "2025-12-06")]
    >>> diff = NetworkDiff("me", *figures, {}, 0, company_changed=[Change("Cara Diaz", None,
    ...     "Delta", "Designer", "Echo", "Designer", new_id="c")], position_changed=[
    ...     Change("Dev Eng", None, "Foxtrot", "Developer", "Foxtrot", "Lead Developer",
    ...            new_id="d")])
    >>> change_notes(diff)["c"]
    'changed company from Delta to Echo between 10 May 2025 and 6 Dec 2025'
    >>> change_notes(diff)["d"]
    'new position at Foxtrot (Lead Developer) between 10 May 2025 and 6 Dec 2025'
    """
    old, new = _day_words(diff.old.exported_on), _day_words(diff.new.exported_on)
    when = (f"between {old} and {new}" if old and new
            else f"since the export of {old}" if old else "since the earlier export")
    notes: dict[str, str] = {}
    for change in diff.company_changed:
        if change.new_id:
            notes[change.new_id] = (f"changed company from {change.old_company} to "
                                    f"{change.new_company} {when}")
    for change in diff.position_changed:
        if change.new_id:
            notes[change.new_id] = (f"new position at {change.new_company} "
                                    f"({change.new_position}) {when}")
    return notes


def _iso_days(days: Any) -> list[str]:
    """Whole days since 1970-01-01 (a numpy array) as ISO dates.

    >>> import numpy as np
    >>> _iso_days(np.array([0, -1, 19_723]))
    ['1970-01-01', '1969-12-31', '2024-01-01']
    """
    import numpy as np

    return np.datetime_as_string(days.astype("datetime64[D]")).tolist()


def _median_gaps(person: Any, day: Any, people: int) -> Any:
    """Per person code 0..people-1, the median of the gaps between consecutive ``day``
    values (NaN with no gap); ``person`` and ``day`` sorted by person, then day.

    >>> import numpy as np
    >>> _median_gaps(np.array([0, 0, 0, 0, 2, 2, 2]), np.array([1, 3, 9, 10, 0, 5, 6]), 3).tolist()
    [2.0, nan, 3.0]
    """
    import numpy as np

    same = person[1:] == person[:-1]
    gaps = (day[1:] - day[:-1])[same]
    owner = person[1:][same]
    order = np.lexsort((gaps, owner))
    gaps, owner = gaps[order], owner[order]
    sizes = np.bincount(owner, minlength=people)
    starts = np.cumsum(sizes) - sizes
    median = np.full(people, np.nan)
    has = sizes > 0
    low = starts[has] + (sizes[has] - 1) // 2
    high = starts[has] + sizes[has] // 2
    median[has] = (gaps[low] + gaps[high]) / 2.0
    return median


def due_list(
    network: Network,
    *,
    ties: TieStrength | None = None,
    as_of: pd.Timestamp | None = None,
    cadence: Mapping[str, float] | None = None,
    limit: int | None = None,
    notes: Mapping[str, str] | None = None,
) -> DueList:
    """Who is due for a message as of ``as_of``, ranked by tie score x overdue ratio.

    Parameters
    ----------
    network:
        The owner's network.
    ties:
        :func:`netaudit.analyses.ties.tie_strength` of ``network`` at the same ``as_of``
        (computed when not given): the score and layer of each person.
    as_of:
        The end of the day to judge from; default: the latest date in the data.
    cadence:
        Days per layer for people with too little history (:data:`DEFAULT_CADENCE`).
    limit:
        Keep the first ``limit`` due people (``due_count`` still counts all), and the first
        ``limit`` not yet due (``upcoming``; ``not_yet`` counts all).
    notes:
        ``{person_id: text}`` appended to a reason ("she changed company in March").

    Examples
    --------
    Written on 1, 22 Jan and 12 Feb 2024 (gaps 21 and 21 days: median 21), and the as-of day
    is 23 April, 71 days after 12 Feb (17 + 31 + 23): due since 4 March, 71 / 21 = 3.38.

    >>> import pandas as pd
    >>> from netaudit.model import Network, Owner, conform, derive_message_fields
    >>> people = conform(pd.DataFrame({"person_id": ["me", "ana"], "name": ["Me", "Ana Ruiz"],
    ...     "is_owner": [True, False], "is_connection": [False, True]}), "people")
    >>> days = ["2024-01-01", "2024-01-22", "2024-02-12"]
    >>> messages = conform(pd.DataFrame({"message_id": ["1", "2", "3"],
    ...     "conversation_id": "c", "sent_at": pd.to_datetime(days, utc=True),
    ...     "sender_id": "me", "recipient_ids": [("ana",)] * 3}), "messages")
    >>> network = Network(people=people, messages=messages, owner=Owner("me", "Me"))
    >>> derive_message_fields(network)
    >>> result = due_list(network, as_of=pd.Timestamp("2024-04-23 23:59", tz="UTC"))
    >>> person = result.due[0]
    >>> person.reason, person.due_on, round(person.overdue_ratio, 2)
    ('you wrote every 3 weeks; last contact 71 days ago', '2024-03-04', 3.38)
    """
    import numpy as np
    import pandas as pd

    from netaudit.analyses.ties import latest_timestamp, tie_strength
    from netaudit.graph import contact_codes, index_in

    if as_of is None:
        as_of = latest_timestamp(network)
    chosen = dict(DEFAULT_CADENCE if cadence is None else cadence)
    if ties is None:
        ties = tie_strength(network, as_of=as_of)
    if as_of is None:  # no date anywhere in the data: nobody can be due
        return DueList(None, chosen, 0, 0, 0, 0, 0)
    today = as_of.tz_convert("UTC").normalize()
    # Columnar, one value per person code (issue 17: a row lookup per person cost 3.4 s at
    # 60,000 people). Days are whole days (UTC) since 1970.
    # The events the tie scores were computed from, when they are of this as-of day.
    events = ties.events
    if events is None or ties.as_of != as_of.isoformat():
        events = contact_codes(network, as_of=as_of)
    ids = events.people
    kept = events.at.notna().to_numpy()
    if ids.hasnans:  # no person id: not a person (the groupby before left these out)
        kept &= ~ids.isna()[events.person]
    person = np.asarray(events.person, dtype=np.int64)[kept]
    day = (events.at[kept].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()
           .astype("datetime64[D]").astype(np.int64))
    from_owner = np.asarray(events.from_owner, dtype=bool)[kept]
    people = len(ids)
    contacted = np.bincount(person, minlength=people) > 0
    reached_out = np.bincount(person, weights=from_owner, minlength=people) > 0
    only_owner = np.bincount(person, weights=~from_owner, minlength=people) == 0
    # The distinct contact days of each person, in order of person then day (contact_codes'
    # order already, but for a table without person ids).
    step = np.diff(person)
    if not ((step >= 0).all() and ((step > 0) | (np.diff(day) >= 0)).all()):
        order = np.lexsort((day, person))
        person, day = person[order], day[order]
    new = np.ones(len(person), dtype=bool)
    new[1:] = (person[1:] != person[:-1]) | (day[1:] != day[:-1])
    person, day = person[new], day[new]
    day_counts = np.bincount(person, minlength=people)
    last_day = np.zeros(people, dtype=np.int64)
    last_day[person] = day  # sorted by day within a person: the last write is the latest
    median_gap = _median_gaps(person, day, people)

    rows = ties.rows
    at = index_in(pd.Series(ids, dtype=ids.dtype), rows["person_id"])
    listed = contacted & (at >= 0)
    never = listed & ~reached_out
    candidate = listed & reached_out
    # The cadence of each person's layer (NaN: none), read once per distinct layer.
    layer_codes, layer_names = pd.factorize(rows["layer"])  # missing: -1, the appended NaN
    cadences = np.array([float(chosen[layer]) if layer in chosen else np.nan
                         for layer in layer_names.tolist()] + [np.nan])
    layer_gap = np.append(cadences[layer_codes], np.nan)[np.where(at >= 0, at, len(rows))]
    history = day_counts >= MIN_HISTORY_DAYS
    gap = np.where(history, np.maximum(median_gap, MIN_GAP_DAYS), layer_gap)
    has_gap = candidate & (history | ~np.isnan(layer_gap))
    today_day = int(np.datetime64(today.tz_localize(None).date(), "D").astype(np.int64))
    since = today_day - last_day
    early = has_gap & (since < gap)
    gone = has_gap & ~early & (since > FADING_FACTOR * np.maximum(gap, MIN_USUAL_GAP_DAYS))
    shown = np.flatnonzero(has_gap & ~gone)

    shown_ids = pd.Series(ids.take(shown), dtype=ids.dtype)
    profiles = network.people["profile_url"]
    url_at = index_in(shown_ids, network.people["person_id"])
    urls = profiles.take(np.where(url_at >= 0, url_at, 0)).tolist() if len(profiles) else []
    take = at[shown]
    notes = notes or {}
    found: list[DuePerson] = []
    later: list[DuePerson] = []
    for (pid, name, company, job, layer, status, score, count, usual, only, days, last_on,
         due_on, from_history, url, has_url) in zip(
            shown_ids.tolist(), *(rows[c].take(take).tolist() for c in (
                "name", "company", "position", "layer", "status", "score")),
            day_counts[shown].tolist(), gap[shown].tolist(), only_owner[shown].tolist(),
            since[shown].tolist(), _iso_days(last_day[shown]),
            _iso_days(last_day[shown] + np.ceil(gap[shown]).astype(np.int64)),
            history[shown].tolist(), urls or [""] * len(shown), (url_at >= 0).tolist(),
            strict=True):
        ratio = days / usual
        if from_history:
            source = "history"
            said = f"{'you wrote' if only else 'in touch'} every {every(usual)}"
        else:
            source = "layer"
            said = (f"{count} contact day{'s' if count != 1 else ''} on record, so the "
                    f"cadence of {layer} (every {every(usual)})")
        reason = f"{said}; last contact {days:,} day{'s' if days != 1 else ''} ago"
        if notes.get(pid):
            reason += f"; {notes[pid]}"
        score = float(score)
        (later if days < usual else found).append(DuePerson(
            person_id=str(pid), name=name or "(no name)", company=company,
            position=job, profile_url=str((url if has_url else "") or ""),
            layer=layer, status=status, score=round(score, 4),
            contact_days=count, usual_gap_days=usual, gap_from=source,
            last_contact=last_on, days_since=days, due_on=due_on,
            overdue_ratio=round(ratio, 4), priority=round(score * ratio, 4), reason=reason))
    not_yet, faded = int(early.sum()), int(gone.sum())
    no_cadence, never_from_you = int((candidate & ~has_gap).sum()), int(never.sum())
    found.sort(key=lambda p: (-p.priority, -p.days_since, p.name, p.person_id))
    later.sort(key=lambda p: (p.due_on, -p.priority, p.name, p.person_id))
    return DueList(
        as_of=today.date().isoformat(), cadence=chosen, people=int(contacted.sum()),
        due_count=len(found), not_yet=not_yet, no_cadence=no_cadence,
        never_from_you=never_from_you, faded=faded,
        due=found[:limit] if limit is not None else found,
        upcoming=later[:limit] if limit is not None else later)
