"""How active connections really are, against how many groups they joined.

Definitions (the README repeats them):

- Population: the connections of the network, hidden profiles left out (nothing identifies
  them in a log). ``sampled``: ``sample`` of them drawn uniformly without replacement with
  ``random.Random(seed).sample`` over the population in the network's order; everyone when
  ``sample`` is None or not smaller than the population.
- An activity counts when its kind is counted (:data:`COUNTED_BY_DEFAULT` unless ``kinds``
  says otherwise) and its day lies in the window: after ``as_of - window_days`` days, up to and
  including ``as_of`` (so a 15-day window ending 2010-03-15 is 2010-03-01 .. 2010-03-15).
  ``as_of`` defaults to the latest date of an activity that could count (a connection's row
  of a counted kind with a date; rows of kinds never counted, such as ``connect``, do not
  move it), else the latest date in the log.
- ``mean_groups``: mean number of distinct groups per sampled person (people absent from the
  groups file: 0). ``mean_activity``: mean number of counted activities per sampled person
  (absent: 0). ``mean_activity_ci95``: percentile bootstrap interval of that mean, from
  ``resamples`` resamples of the sampled people with replacement (numpy
  ``default_rng(seed)``; drawn as multinomial counts over the distinct values, which is the same
  distribution and stays fast on 30,000 people). ``seed`` is the seed of that bootstrap and of
  the ``--sample`` draw, reported always: the interval depends on it even without a sample.
- ``inactive_share``: share of sampled people with 0 counted activities;
  ``inactive_share_ci95``: its Wilson 95% interval.
- ``gini``: of the activity counts, sorted ascending x1..xn:
  G = sum((2i - n - 1) * xi) / (n * sum(x)); None when nobody did anything.
- ``participation``: share of all counted activity done by the most active 1% of the sampled
  people, the next 9% and the remaining 90%. Group sizes: top = ceil(n / 100), top and next
  together = ceil(n / 10), the rest = n - ceil(n / 10) (n = 100: 1 / 9 / 90).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from netaudit.analyses.stats import wilson_interval
from netaudit.errors import InputError, Problem, UsageError, quoted

if TYPE_CHECKING:
    import pandas as pd

    from netaudit.model import Network
    from netaudit.userfiles import ActivityLog, Memberships

#: The essay's experiment 3, and research figures to compare with.
ARTICLE = {
    "sampled": 100,
    "window_days": 15,
    "mean_groups": 23.4,
    "mean_activity": 1.2,
    "enterprise_median_groups": 19,
    "enterprise_median_active_groups": 2,
    "participation_rule": "90-9-1",
}
DEFAULT_WINDOW_DAYS = 15
BOOTSTRAP_RESAMPLES = 10_000


class ActivityKind(StrEnum):
    """Kinds of activity an activity log may name."""

    QUESTION = "question"
    ANSWER = "answer"
    DISCUSSION = "discussion"
    COMMENT = "comment"
    POST = "post"
    RECOMMENDATION = "recommendation"
    MESSAGE = "message"
    CONNECT = "connect"
    LIKE = "like"
    REACTION = "reaction"
    ENDORSEMENT = "endorsement"
    FOLLOW = "follow"
    VIEW = "view"


#: What the essay calls activity (asking or answering a question, starting or joining a
#: discussion, writing or commenting a blog post, recommending someone), plus a message sent
#: to the owner, which only the export-derived mode produces.
COUNTED_BY_DEFAULT = frozenset({
    ActivityKind.QUESTION, ActivityKind.ANSWER, ActivityKind.DISCUSSION, ActivityKind.COMMENT,
    ActivityKind.POST, ActivityKind.RECOMMENDATION, ActivityKind.MESSAGE,
})

#: Other spellings of each kind, folded (plural forms are handled separately).
KIND_SYNONYMS: dict[str, ActivityKind] = {
    "blog": ActivityKind.POST, "blog post": ActivityKind.POST, "article": ActivityKind.POST,
    "asked question": ActivityKind.QUESTION, "ask": ActivityKind.QUESTION,
    "reply": ActivityKind.ANSWER, "discussion started": ActivityKind.DISCUSSION,
    "recommend": ActivityKind.RECOMMENDATION, "connection": ActivityKind.CONNECT,
    "invitation": ActivityKind.CONNECT, "endorse": ActivityKind.ENDORSEMENT,
    "react": ActivityKind.REACTION, "profile view": ActivityKind.VIEW,
}


def parse_kind(text: str) -> ActivityKind | None:
    """The kind a log cell names, or None when it names none netaudit knows.

    >>> parse_kind(" Comments "), parse_kind("blog-post"), parse_kind("share")
    (<ActivityKind.COMMENT: 'comment'>, <ActivityKind.POST: 'post'>, None)
    """
    from netaudit.identity import fold

    word = " ".join(fold(text).replace("_", " ").replace("-", " ").split())
    for candidate in (word, word[:-1] if word.endswith("s") else word):
        try:
            return ActivityKind(candidate)
        except ValueError:
            if candidate in KIND_SYNONYMS:
                return KIND_SYNONYMS[candidate]
    return None


def parse_kinds(names: Iterable[str]) -> frozenset[ActivityKind]:
    """``--kinds`` values (each may be comma-separated) as kinds; UsageError on an unknown one.

    >>> sorted(k.value for k in parse_kinds(["question,connect", "like"]))
    ['connect', 'like', 'question']
    """
    kinds = set()
    for value in names:
        for name in value.split(","):
            if not name.strip():
                continue
            kind = parse_kind(name)
            if kind is None:
                known = ", ".join(k.value for k in ActivityKind)
                raise UsageError(f"--kinds: unknown kind {name.strip()!r}", hint=f"use {known}")
            kinds.add(kind)
    return frozenset(kinds)


def gini(values: Sequence[float]) -> float | None:
    """Gini coefficient: sort ascending, G = sum((2i - n - 1) x_i) / (n sum x), i = 1..n.

    None for no values or a zero total.

    >>> gini([3, 0, 1, 0])      # sorted 0,0,1,3: (-3*0 - 1*0 + 1*1 + 3*3) / (4*4)
    0.625
    >>> gini([2, 2, 2]), gini([0, 0]), gini([])
    (0.0, None, None)
    """
    xs = sorted(values)
    n, total = len(xs), sum(xs)
    if n == 0 or total == 0:
        return None
    return sum((2 * i - n - 1) * x for i, x in enumerate(xs, start=1)) / (n * total)


def participation_split(values: Sequence[float]) -> dict[str, dict[str, Any]]:
    """Share of all activity from the top 1%, the next 9% and the remaining 90% of people.

    Group sizes: ceil(n/100), ceil(n/10) - ceil(n/100), n - ceil(n/10).

    >>> split = participation_split([10, 5, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0])  # n=12: 1 / 1 / 10
    >>> [(g["people"], g["share"]) for g in split.values()]
    [(1, 0.5), (1, 0.25), (10, 0.25)]
    """
    xs = sorted(values, reverse=True)
    n, total = len(xs), sum(xs)
    top = math.ceil(n / 100)
    top_ten = math.ceil(n / 10)
    bounds = {"top_1pct": (0, top), "next_9pct": (top, top_ten), "bottom_90pct": (top_ten, n)}
    return {
        label: {"people": end - start,
                "activities": sum(xs[start:end]),
                "share": (sum(xs[start:end]) / total) if total else None}
        for label, (start, end) in bounds.items()
    }


def bootstrap_mean_ci(values: Sequence[int], *, resamples: int = BOOTSTRAP_RESAMPLES,
                      seed: int = 0) -> tuple[float, float] | None:
    """95% percentile bootstrap interval of the mean (None for no values).

    >>> bootstrap_mean_ci([2, 2, 2])
    (2.0, 2.0)
    """
    import numpy as np

    if not len(values):
        return None
    distinct, counts = np.unique(np.asarray(values, dtype=float), return_counts=True)
    n = int(counts.sum())
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(n, counts / n, size=resamples)
    means = draws @ distinct / n
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


@dataclass
class ActivityResult:
    """Figures of :func:`activity`; see the module docstring for each definition."""

    source: str
    population: int
    sampled: int
    seed: int | None
    mean_groups: float | None
    median_groups: float | None
    mean_activity: float | None
    median_activity: float | None
    mean_activity_ci95: tuple[float, float] | None
    resamples: int
    inactive: int
    inactive_share: float | None
    inactive_share_ci95: list[float] | None
    gini: float | None
    window_days: int
    window_start: str | None
    as_of: str | None
    counted_kinds: list[str]
    activities: int
    by_kind: dict[str, int]
    participation: dict[str, dict[str, Any]]
    rows: dict[str, int]
    problems: list[str] = field(default_factory=list)
    per_person: pd.DataFrame | None = field(default=None, repr=False)
    """One row per sampled person: person_id, name, groups, activities (for charts)."""

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "per_person"}
        data["mean_activity_ci95"] = (list(self.mean_activity_ci95)
                                      if self.mean_activity_ci95 else None)
        data["article"] = dict(ARTICLE)
        return data


#: The longest window: 100 years of days; with --as-of from 1800 to 2200, the window stays
#: inside the dates pandas counts (1677 to 2262).
MAX_WINDOW_DAYS = 36_500


class _PersonResolver:
    """Which connection a log's person cell names: profile URL, then e-mail, then name."""

    def __init__(self, connections: pd.DataFrame) -> None:
        from netaudit.matching import NameIndex

        self.by_url = {u: i for i, u in enumerate(connections["profile_url"]) if u}
        self.by_email = {e: i for i, e in enumerate(connections["email"]) if e}
        self.names = NameIndex(connections)
        self._cache: dict[str, int | str] = {}

    def __call__(self, text: str) -> int | str:
        """A row, or 'not in network' / 'ambiguous'."""
        if text not in self._cache:
            self._cache[text] = self._resolve(text.strip())
        return self._cache[text]

    def _resolve(self, text: str) -> int | str:
        from netaudit.identity import normalize_email, normalize_url

        if not text:
            return "not in network"
        email = normalize_email(text) if "@" in text else ""
        if email:
            return self.by_email.get(email, "not in network")
        if "/" in text or "linkedin" in text.lower():
            return self.by_url.get(normalize_url(text), "not in network")
        match = self.names.match(text)
        if match.status == "matched":
            return match.rows[0]
        return "ambiguous" if match.status == "ambiguous" else "not in network"


#: :func:`activity`'s row code of a person cell that names no connection, and of one that
#: names several equally (a connection's code is its position, 0 or more).
NOT_IN_NETWORK = -1
AMBIGUOUS = -2


def _row_code(found: int | str) -> int:
    """A :class:`_PersonResolver` answer as a row code."""
    if isinstance(found, int):
        return found
    return AMBIGUOUS if found == "ambiguous" else NOT_IN_NETWORK


def _rows_of_ids(ids: pd.Series, among: pd.Series) -> Any:
    """The position of each of ``ids`` in ``among`` (the population's ids, each its last
    position), NOT_IN_NETWORK when absent, as a numpy array.

    >>> import pandas as pd
    >>> _rows_of_ids(pd.Series(["b", "x", None], dtype="str"),
    ...              pd.Series(["a", "b"], dtype="str")).tolist()
    [1, -1, -1]
    >>> _rows_of_ids(pd.Series([7, 5]), pd.Series([5, 7, 5])).tolist()
    [1, 2]
    """
    import numpy as np

    if (str(ids.dtype) == "str" and str(among.dtype) == "str" and among.is_unique
            and not among.hasnans):
        from netaudit.graph import index_in

        return index_in(ids, among)
    by_id = {pid: i for i, pid in enumerate(among)}
    return np.array([by_id.get(p, NOT_IN_NETWORK) for p in ids], dtype=np.int64)


def _distinct_texts(values: pd.Series) -> tuple[Any, list[str]]:
    """``[str(v) for v in values]`` as a code per value into a list of the distinct texts.

    >>> import pandas as pd
    >>> codes, texts = _distinct_texts(pd.Series(["b", "a", None, "b"], dtype="str"))
    >>> codes.tolist(), texts
    ([0, 1, 2, 0], ['b', 'a', 'nan'])
    >>> codes, texts = _distinct_texts(pd.Series([1, 1.0, True, "1"], dtype=object))
    >>> codes.tolist(), texts
    ([0, 1, 2, 0], ['1', '1.0', 'True'])
    """
    import numpy as np
    import pandas as pd

    # Arrow texts are factorized as they are (a missing one gives 'nan' as str() did); other
    # values become their texts first, so that 1 and 1.0 stay two kinds.
    texts = values if str(values.dtype) == "str" else np.array([str(v) for v in values],
                                                               dtype=object)
    codes, distinct = pd.factorize(texts, use_na_sentinel=False)
    return codes, [str(v) for v in distinct.tolist()]


def activity(
    network: Network,
    log: ActivityLog | None = None,
    *,
    groups: Memberships | None = None,
    sample: int | None = None,
    seed: int = 0,
    window_days: int = DEFAULT_WINDOW_DAYS,
    as_of: date | None = None,
    kinds: Iterable[ActivityKind] | None = None,
    resamples: int = BOOTSTRAP_RESAMPLES,
) -> ActivityResult:
    """Measure the activity and group membership of (a sample of) the connections.

    Parameters
    ----------
    network:
        The owner's network; its connections are the population.
    log:
        An activity log (:func:`netaudit.userfiles.read_activity_log`). None: activity toward
        the owner derived from the export (messages they sent the owner, recommendations and
        endorsements they gave), labelled as such.
    groups:
        Group memberships (:func:`netaudit.userfiles.read_groups`), or None.
    sample, seed:
        Draw ``sample`` people (everyone when None or >= the population).
    window_days, as_of:
        The window: days after ``as_of - window_days``, up to and including ``as_of``
        (default: the latest date in the log).
    kinds:
        The kinds to count (default :data:`COUNTED_BY_DEFAULT`).

    Examples
    --------
    >>> import pandas as pd
    >>> from netaudit.model import Network, conform
    >>> from netaudit.userfiles import ActivityLog
    >>> people = conform(pd.DataFrame({"person_id": ["a", "b"], "name": ["Ana Ruiz", "Bo Li"],
    ...     "is_connection": [True, True]}), "people")
    >>> rows = pd.DataFrame({"person": ["Ana Ruiz", "Ana Ruiz", "Bo Li"],
    ...     "date": pd.to_datetime(["2010-03-15", "2010-02-28", "2010-03-01"], utc=True),
    ...     "kind": ["answer", "answer", "like"], "group": "", "line": [2, 3, 4]})
    >>> r = activity(Network(people=people), ActivityLog(rows, "log.csv"))
    >>> r.as_of, r.activities, r.mean_activity, r.inactive_share
    ('2010-03-15', 1, 0.5, 0.5)
    """
    import random

    import numpy as np
    import pandas as pd

    if window_days <= 0:
        raise UsageError(f"--window {window_days} is not a number of days",
                         hint="pass a whole number of days, e.g. --window 15")
    if window_days > MAX_WINDOW_DAYS:
        # pandas counts time in nanoseconds: 100,000,000,000 days overflowed it and ended
        # as an internal error (issue 16).
        raise UsageError(f"--window {window_days:,} is more days than netaudit counts",
                         hint=f"pass at most {MAX_WINDOW_DAYS:,} days (100 years)")
    if sample is not None and sample <= 0:
        raise UsageError(f"--sample {sample} draws nobody", hint="pass a positive number")
    counted = frozenset(kinds) if kinds is not None else COUNTED_BY_DEFAULT
    population = network.connections
    population = population[~population["hidden"]].reset_index(drop=True)
    n = len(population)
    if n == 0:
        raise InputError("the network has no connections to measure",
                         hint="pass an export with a connection list (Connections.csv)")
    if sample is None or sample >= n:
        chosen = list(range(n))
    else:
        chosen = sorted(random.Random(seed).sample(range(n), sample))
    in_sample = np.zeros(n, dtype=bool)
    in_sample[chosen] = True
    resolver: _PersonResolver | None = None  # built when a name is to be matched
    problems: list[Problem] = []

    if log is not None:
        events = log.rows
        source_path = log.path
        label = f"activity log {log.path}"
        problems.extend(log.problems)
    else:
        events = _events_from_export(network)
        source_path = "the export"
        label = "activity toward you, derived from the export (messages, recommendations, " \
                "endorsements)"
    # Each row's connection as its position in the population, or NOT_IN_NETWORK / AMBIGUOUS;
    # each kind parsed once per distinct text (issue 17: per row, 2 s on 500,000 messages).
    if "person_id" in events:
        # Derived from the export: the people are known by id already.
        row = _rows_of_ids(events["person_id"], population["person_id"])
    else:
        resolver = _PersonResolver(population)
        row = np.array([_row_code(resolver(str(p))) for p in events["person"]],
                       dtype=np.int64)
    kind_codes, kind_texts = _distinct_texts(events["kind"])
    # Plain values, not enum members: pandas would turn a column of str members into strings.
    parsed = [parse_kind(text) for text in kind_texts]
    kind_value = np.array([k.value if k else None for k in parsed], dtype=object)[kind_codes]
    counted_values = {k.value for k in counted}
    is_counted = np.array([bool(k and k.value in counted_values) for k in parsed],
                          dtype=bool)[kind_codes]
    unknown_kind = np.array([k is None for k in parsed], dtype=bool)[kind_codes]
    dated = events["date"].notna().to_numpy(dtype=bool)
    sampled_row = (row >= 0) & in_sample[np.maximum(row, 0)]
    not_in_network = row == NOT_IN_NETWORK
    ambiguous = row == AMBIGUOUS
    if as_of is None:
        # The window ends at the latest activity that could count (a connection's row of a
        # counted kind, with a date), not at the latest row of any kind: one late `connect`
        # row, which is never counted, must not move the window past every activity. The
        # same for every --sample, so samples share one window.
        could_count = dated & is_counted & ~not_in_network & ~ambiguous
        ending = could_count if could_count.any() else dated
        last = events.loc[ending, "date"].max() if ending.any() else None
        as_of_ts = last if last is not None and not pd.isna(last) else None
    else:
        as_of_ts = pd.Timestamp(as_of, tz="UTC")
        if not 1800 <= as_of_ts.year <= 2200:
            # pandas' dates end in 1677 and 2262: --as-of 0001-01-01 ended as an internal
            # error (issue 16).
            raise UsageError(f"--as-of {as_of} is outside the dates netaudit counts",
                             hint="give a date from 1800 to 2200")
    start_ts = as_of_ts - pd.Timedelta(days=window_days) if as_of_ts is not None else None
    if as_of_ts is not None:
        inside = ((events["date"] > start_ts) & (events["date"] <= as_of_ts)).to_numpy(
            dtype=bool)
    else:
        inside = np.zeros(len(events), dtype=bool)
    # Each row is counted once, at the first reason it is left out: the reasons add up to
    # the rows read.
    rows = {"read": len(events)}
    remaining = np.ones(len(events), dtype=bool)
    for reason, out in (("not_in_network", not_in_network), ("ambiguous_name", ambiguous),
                        ("unknown_kind", unknown_kind), ("without_date", ~dated),
                        ("kind_not_counted", ~is_counted), ("outside_window", ~inside),
                        ("not_sampled", ~sampled_row)):
        hit = remaining & out
        rows[reason] = int(hit.sum())
        remaining &= ~hit
    usable = remaining
    rows["counted"] = int(usable.sum())
    index = events.index
    problems.extend(_row_problems(
        source_path, events, pd.Series(not_in_network, index=index),
        pd.Series(ambiguous, index=index),
        pd.Series(unknown_kind & ~not_in_network & ~ambiguous, index=index)))

    counts = np.bincount(row[usable], minlength=n)
    by_kind = pd.Series(kind_value[usable], dtype=object).value_counts()
    per_person = pd.DataFrame({
        "person_id": population["person_id"].iloc[chosen].to_numpy(),
        "name": population["name"].iloc[chosen].to_numpy(),
        "activities": counts[chosen].tolist(),
    })
    group_counts = None
    if groups is not None:
        resolver = resolver or _PersonResolver(population)
        group_counts, group_problems = _group_counts(groups, resolver)
        problems.extend(groups.problems + group_problems)
        per_person["groups"] = [int(group_counts.get(r, 0)) for r in chosen]

    acts = per_person["activities"].tolist()
    m = len(acts)
    ci = bootstrap_mean_ci(acts, resamples=resamples, seed=seed)
    inactive = sum(a == 0 for a in acts)
    inactive_ci = wilson_interval(inactive, m)
    return ActivityResult(
        source=label,
        population=n,
        sampled=m,
        seed=seed,
        mean_groups=float(per_person["groups"].mean()) if group_counts is not None else None,
        median_groups=float(per_person["groups"].median()) if group_counts is not None else None,
        mean_activity=sum(acts) / m,
        median_activity=float(per_person["activities"].median()),
        mean_activity_ci95=ci,
        resamples=resamples,
        inactive=inactive,
        inactive_share=inactive / m,
        inactive_share_ci95=list(inactive_ci) if inactive_ci else None,
        gini=gini(acts),
        window_days=window_days,
        window_start=(start_ts + pd.Timedelta(days=1)).date().isoformat()
        if start_ts is not None else None,
        as_of=as_of_ts.date().isoformat() if as_of_ts is not None else None,
        counted_kinds=[k.value for k in ActivityKind if k in counted],
        activities=sum(acts),
        by_kind={str(k): int(v) for k, v in by_kind.items()},
        participation=participation_split(acts),
        rows=rows,
        problems=[str(p) for p in problems],
        per_person=per_person,
    )


def _row_problems(path: str, events: pd.DataFrame, not_in_network: pd.Series,
                  ambiguous: pd.Series, unknown: pd.Series) -> list[Problem]:
    problems = []
    for mask, message in (
        (not_in_network, "name people who are not connections in the network and were left "
                         "out"),
        (ambiguous, "name several connections equally and were left out (use the profile URL)"),
        (unknown, "have a kind netaudit does not know and were left out"),
    ):
        if mask.any():
            first = int(events.loc[mask, "line"].iat[0]) if "line" in events else None
            example = ""
            if mask is unknown:
                # At most QUOTE_CHARS characters of the cell (issue 16: a kind cell may
                # hold message text); none under --anonymize (render.anonymize).
                example = f" (e.g. {quoted(events.loc[mask, 'kind'].iat[0])})"
            problems.append(Problem(path, message + example, int(mask.sum()), first))
    return problems


def _group_counts(groups: Memberships, resolver: _PersonResolver
                  ) -> tuple[dict[int, int], list[Problem]]:
    from netaudit.identity import fold

    path = groups.path
    frame = groups.rows
    rows = [resolver(str(p)) for p in frame["person"]]
    names = [fold(str(g)) for g in frame["group"]]
    memberships: dict[int, set[str]] = {}
    missing = ambiguous = 0
    first_missing = first_ambiguous = None
    lines = frame["line"].tolist() if "line" in frame else [None] * len(frame)
    for row, group, line in zip(rows, names, lines, strict=True):
        if row == "not in network":
            missing += 1
            first_missing = first_missing or line
        elif row == "ambiguous":
            ambiguous += 1
            first_ambiguous = first_ambiguous or line
        elif group:
            memberships.setdefault(int(row), set()).add(group)
    problems = []
    if missing:
        problems.append(Problem(path, "name people who are not connections in the network and "
                                "were left out", missing, first_missing))
    if ambiguous:
        problems.append(Problem(path, "name several connections equally and were left out",
                                ambiguous, first_ambiguous))
    return {row: len(g) for row, g in memberships.items()}, problems


def _events_from_export(network: Network) -> pd.DataFrame:
    """Activity toward the owner: messages connections sent the owner (drafts, system rows and
    auto-replies excluded), recommendations and endorsements they gave the owner."""
    import pandas as pd

    # Only the columns read: filtering every column of 500,000 messages cost 0.04 s.
    messages, interactions = network.messages, network.interactions
    real = messages.loc[(messages["direction"] == "incoming") & ~messages["is_system"]
                        & ~messages["is_draft"] & ~messages["is_auto"], ["sender_id", "sent_at"]]
    received = interactions.loc[interactions["direction"] == "received",
                                ["person_id", "at", "kind"]]

    def ids(values: pd.Series) -> Any:
        # Arrow texts as they are (the list of them is inferred as the same column).
        return values if str(values.dtype) == "str" else values.tolist()

    frames = [
        pd.DataFrame({"person_id": ids(real["sender_id"]),
                      "date": real["sent_at"].dt.normalize(), "kind": "message"}),
        pd.DataFrame({"person_id": ids(received["person_id"]),
                      "date": received["at"].dt.normalize(), "kind": received["kind"]}),
    ]
    return pd.concat(frames, ignore_index=True)
