"""How a network moved over its snapshots: size, growth, who left, hid or changed jobs between
one export and the next, the state of its ties, and the reply rate per quarter.

Definitions (the README repeats them under "What the numbers mean"):

- Per snapshot: ``connections`` and ``hidden`` as ``netaudit analyze`` counts them;
  ``growth``: connections minus those of the previous snapshot; ``added``, ``removed``,
  ``became_hidden``, ``company_changed``, ``position_changed``: the lists of
  :mod:`netaudit.analyses.diff` against the previous snapshot (None for the first);
  ``messages``: messages that are neither drafts nor sponsored/system rows;
  ``active``, ``fading``, ``dormant``, ``one_way``: connections by tie status as
  ``netaudit ties`` computes it for that snapshot, as of its latest date (they add up to
  ``connections``). A snapshot stored without a message log (``messages`` 0) has every
  connection dormant by that definition: ``message_log`` is False, and the terminal and the
  report show its tie shares as not measured (``--json`` keeps the counts, as ``analyze``
  does).
- Per quarter: outreach as ``netaudit replies`` defines it (people the owner wrote to
  first; replied: wrote back within 30 days), from the newest snapshot's messages (LinkedIn
  exports hold every message since the account began); the quarter is that of the outreach
  message; a person reached in two quarters counts in each. 95% Wilson interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netaudit.encode import Fields

if TYPE_CHECKING:
    from netaudit.model import Network

#: Said when there is a single snapshot.
ONE_SNAPSHOT = ("one snapshot only: add a later export (netaudit history add EXPORT) to see "
                "who joined, left, hid their profile or changed jobs between the two, and "
                "how the network grew")


@dataclass
class TrendPoint:
    """One snapshot's figures (see the module docstring)."""

    snapshot_id: int
    exported_on: str | None
    connections: int
    hidden: int
    growth: int | None
    added: int | None
    removed: int | None
    became_hidden: int | None
    company_changed: int | None
    position_changed: int | None
    messages: int
    active: int
    fading: int
    dormant: int
    one_way: int

    @property
    def message_log(self) -> bool:
        """Whether this snapshot holds any message (drafts and system rows aside); without
        one its tie statuses say nothing of who is in touch.

        >>> TrendPoint(1, None, 3, 0, None, None, None, None, None, None, 0, 0, 0, 3, 0
        ...            ).message_log
        False
        """
        return self.messages > 0


@dataclass
class QuarterRate:
    """Outreach of one quarter and how much of it was answered."""

    quarter: str
    reached: int
    replied: int
    reply_rate: float | None
    ci95: list[float] | None


@dataclass
class Trend(Fields):
    """Result of :func:`trend`."""

    owner: str
    snapshots: list[TrendPoint] = field(default_factory=list)
    quarters: list[QuarterRate] = field(default_factory=list)
    note: str | None = None


def trend(snapshots: Sequence[tuple[int, str | None, Network]]) -> Trend:
    """Figures per snapshot and the reply rate per quarter.

    ``snapshots`` are ``(id, export date, network)`` in date order (oldest first).

    Examples
    --------
    >>> from netaudit.model import Network
    >>> result = trend([(1, "2025-01-31", Network())])
    >>> [(p.snapshot_id, p.connections, p.growth) for p in result.snapshots], result.note[:19]
    ([(1, 0, None)], 'one snapshot only: ')
    """
    from netaudit.analyses.diff import diff_networks
    from netaudit.analyses.ties import tie_strength
    from netaudit.model import text_isin

    owner = ""
    result = Trend(owner="")
    previous: Network | None = None
    for sid, exported_on, network in snapshots:
        owner = (network.owner.name if network.owner else "") or owner
        connections = network.connections
        messages = network.messages
        statuses: dict[str, int] = {}
        if len(connections):
            rows = tie_strength(network).rows
            mine = rows[text_isin(rows["person_id"], set(connections["person_id"]))]
            statuses = {str(k): int(v) for k, v in mine["status"].value_counts().items()}
        counts: dict[str, int] | None = None
        if previous is not None:
            counts = diff_networks(previous, network).counts()
        point = TrendPoint(
            snapshot_id=sid, exported_on=exported_on, connections=len(connections),
            hidden=int(connections["hidden"].sum()),
            growth=None if previous is None else len(connections) - len(previous.connections),
            added=counts["connections_added"] if counts else None,
            removed=counts["connections_removed"] if counts else None,
            became_hidden=counts["became_hidden"] if counts else None,
            company_changed=counts["company_changed"] if counts else None,
            position_changed=counts["position_changed"] if counts else None,
            messages=int((~(messages["is_draft"] | messages["is_system"])).sum()),
            active=int(statuses.get("active", 0)), fading=int(statuses.get("fading", 0)),
            dormant=int(statuses.get("dormant", 0)), one_way=int(statuses.get("one-way", 0)),
        )
        result.snapshots.append(point)
        previous = network
    result.owner = owner
    if previous is not None:
        result.quarters = quarterly_reply_rates(previous)
    if len(result.snapshots) == 1:
        result.note = ONE_SNAPSHOT
    return result


def quarterly_reply_rates(network: Network) -> list[QuarterRate]:
    """The reply rate of the owner's outreach per calendar quarter of the outreach message.

    >>> from netaudit.model import Network
    >>> quarterly_reply_rates(Network())
    []
    """
    from netaudit.analyses.replies import find_outreach
    from netaudit.analyses.stats import wilson_interval

    table, _ = find_outreach(network)
    table = table[table["sent_at"].notna()]
    if table.empty:
        return []
    quarters = table["sent_at"].dt.tz_convert(None).dt.to_period("Q").astype(str)
    out = []
    for quarter, rows in table.groupby(quarters.to_numpy(), sort=True):
        reached = int(rows["person_id"].nunique())
        replied = int(rows.loc[rows["replied"].to_numpy(dtype=bool), "person_id"].nunique())
        interval = wilson_interval(replied, reached)
        out.append(QuarterRate(str(quarter), reached, replied,
                               replied / reached if reached else None,
                               list(interval) if interval is not None else None))
    return out
