"""What changed between two exports of one person: who joined, left, hid their profile or
changed jobs, and how messages and the reply rate moved.

Definitions (the README repeats them under "What the numbers mean"):

- Connections of OLD and NEW are **matched** by normalized profile URL, then by e-mail, then
  by name (:func:`netaudit.identity.normalize_name`) when that name belongs to exactly one
  connection left unmatched on each side. Date-only rows (hidden profiles) hold no name:
  a hidden row of OLD and one of NEW with the same connection date are the same
  still-hidden connection.
- ``became_hidden``: a connection visible in OLD, matched to nothing in NEW, whose
  connection date NEW holds on exactly one row, a date-only one, and no other unmatched
  connection of OLD has that date. It was not removed.
- ``connections_added``: visible connections of NEW matched to nobody in OLD.
  ``connections_removed``: connections of OLD matched to nobody in NEW (and not hidden).
  ``hidden_unexplained``: date-only rows of NEW that the rule above cannot tie to one
  connection of OLD (another row of NEW has the same date): neither added nor removed.
- ``company_changed``: matched connections whose current company differs in the two
  exports (compared without case or repeated spaces); the position may differ too.
  ``position_changed``: the same company, a different position. A company or position left
  empty in either export (LinkedIn leaves it empty when the person shows none) is no change.
- Messages and the reply rate of each export are those of the whole export (LinkedIn's
  messages.csv holds every message since the account began); ``messages_since`` counts the
  messages of NEW sent after OLD's last message.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from netaudit.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from netaudit.model import Network

#: The lists of a diff, in the order they are shown, with their heading.
LISTS = {
    "connections_added": "Connections added",
    "connections_removed": "Connections removed",
    "became_hidden": "Became hidden (profile hidden or closed; not removed)",
    "company_changed": "Changed company",
    "position_changed": "New position, same company",
    "hidden_unexplained": "Hidden rows not tied to anyone of the older export",
}


@dataclass
class Change:
    """One person in a list of a diff: their name and the company and position in each
    export ('' where the person is not in that export)."""

    name: str
    connected_on: str | None
    old_company: str = ""
    old_position: str = ""
    new_company: str = ""
    new_position: str = ""
    matched_by: str = ""
    old_id: str = ""
    new_id: str = ""


@dataclass
class ExportFigures:
    """One export's side of a diff."""

    exported_on: str | None
    connections: int
    hidden: int
    messages: int
    first_message: str | None
    last_message: str | None
    outreach: dict[str, Any] | None


@dataclass
class NetworkDiff:
    """Result of :func:`diff_networks`; see the module docstring for each definition."""

    owner: str
    old: ExportFigures
    new: ExportFigures
    matched: dict[str, int]
    messages_since: int
    connections_added: list[Change] = field(default_factory=list)
    connections_removed: list[Change] = field(default_factory=list)
    became_hidden: list[Change] = field(default_factory=list)
    company_changed: list[Change] = field(default_factory=list)
    position_changed: list[Change] = field(default_factory=list)
    hidden_unexplained: list[Change] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in LISTS}

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "owner": self.owner, "old": asdict(self.old), "new": asdict(self.new),
            "matched": dict(self.matched), "messages_since": self.messages_since,
            "counts": self.counts(),
        }
        for name in LISTS:
            data[name] = {"count": len(getattr(self, name)),
                          "people": [_person(c) for c in getattr(self, name)]}
        return data


def _person(change: Change) -> dict[str, Any]:
    data = asdict(change)
    del data["old_id"], data["new_id"]
    return data


def owner_key(network: Network) -> str:
    """The owner's name reduced for comparison ('' when the data names no owner).

    >>> from netaudit.model import Network, Owner
    >>> owner_key(Network(owner=Owner("p1", "José García, MBA")))
    'jose garcia'
    """
    from netaudit.identity import normalize_name

    return normalize_name(network.owner.name) if network.owner and network.owner.name else ""


def connection_keys(network: Network) -> set[str]:
    """Each visible connection's profile URL, else its normalized name."""
    from netaudit.identity import normalize_name

    people = network.connections
    people = people[~people["hidden"]]
    keys = people["profile_url"].where(people["profile_url"] != "",
                                       people["name"].map(normalize_name))
    return {k for k in keys.tolist() if k}


def same_owner(a: Network, b: Network) -> bool:
    """Whether two networks are one person's, by the rule :func:`netaudit.importers.one_owner`
    applies to exports given together: the owners' names when both exports name one, else
    connection lists sharing at least half of the smaller one.

    >>> from netaudit.model import Network, Owner
    >>> same_owner(Network(owner=Owner("a", "Rosa Quintero")), Network(owner=Owner("b", "rosa quintero")))
    True
    """
    key_a, key_b = owner_key(a), owner_key(b)
    if key_a and key_b:
        return key_a == key_b
    mine, theirs = connection_keys(a), connection_keys(b)
    if not mine or not theirs:
        return True  # nothing to tell them apart by
    return len(mine & theirs) >= min(len(mine), len(theirs)) / 2


def check_same_owner(old: Network, new: Network, old_label: str, new_label: str) -> None:
    """Raise :class:`InputError` (exit 1) when ``old`` and ``new`` are different people's."""
    if same_owner(old, new):
        return

    def who(network: Network, label: str) -> str:
        name = network.owner.name if network.owner and network.owner.name else "someone"
        return f"{name} ({label})"

    raise InputError(
        f"these are exports of two different people: {who(old, old_label)} and "
        f"{who(new, new_label)}",
        hint="compare two exports of the same person; to compare several people's networks "
        "use `netaudit team EXPORT...`", path="input")


def _text(value: str) -> str:
    return " ".join(value.split()).casefold()


def _day(value: Any) -> str | None:
    import pandas as pd

    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def export_figures(network: Network, exported_on: str | None) -> ExportFigures:
    """Connections, messages and the headline reply rate of one export."""
    from netaudit.analyses.replies import outreach_figures

    connections = network.connections
    messages = network.messages
    real = messages[~(messages["is_draft"] | messages["is_system"])]
    dates = real["sent_at"].dropna()
    return ExportFigures(
        exported_on=exported_on,
        connections=len(connections),
        hidden=int(connections["hidden"].sum()),
        messages=len(real),
        first_message=_day(dates.min()) if len(dates) else None,
        last_message=_day(dates.max()) if len(dates) else None,
        outreach=outreach_figures(network),
    )


def diff_networks(old: Network, new: Network, *, old_date: str | None = None,
                  new_date: str | None = None) -> NetworkDiff:
    """Compare two exports of one person (see the module docstring for the rules).

    ``old_date`` and ``new_date`` are the exports' dates as the caller knows them (the ZIP's
    name, a snapshot's date); they are only shown.

    Examples
    --------
    >>> import pandas as pd
    >>> from netaudit.model import Network, conform
    >>> def net(*rows):
    ...     return Network(people=conform(pd.DataFrame(rows), "people"))
    >>> day = pd.Timestamp("2024-03-01", tz="UTC")
    >>> old = net({"person_id": "a", "name": "Ana Berg", "company": "Acme",
    ...            "is_connection": True, "connected_on": day})
    >>> new = net({"person_id": "b", "name": "", "hidden": True, "is_connection": True,
    ...            "connected_on": day})
    >>> diff_networks(old, new).counts()["became_hidden"]
    1
    """
    old_connections = old.connections
    new_connections = new.connections
    result = NetworkDiff(
        owner=(new.owner.name if new.owner else "") or (old.owner.name if old.owner else ""),
        old=export_figures(old, old_date), new=export_figures(new, new_date),
        matched={"profile URL": 0, "e-mail": 0, "name": 0, "hidden (same date)": 0},
        messages_since=_messages_since(old, new),
    )
    pairs = _match(old_connections, new_connections, result.matched)
    for old_index, new_index in pairs:
        before, after = old_connections.loc[old_index], new_connections.loc[new_index]
        if before["hidden"] or after["hidden"]:
            continue
        change = _change(before, after, pairs[(old_index, new_index)])
        companies = _text(before["company"]), _text(after["company"])
        positions = _text(before["position"]), _text(after["position"])
        if all(companies) and companies[0] != companies[1]:
            result.company_changed.append(change)
        elif all(positions) and positions[0] != positions[1]:
            result.position_changed.append(change)
    matched_old = {o for o, _ in pairs}
    matched_new = {n for _, n in pairs}
    left_old = old_connections.drop(index=list(matched_old))
    left_new = new_connections.drop(index=list(matched_new))
    new_days = new_connections["connected_on"].map(_day).value_counts()
    old_days = left_old.loc[~left_old["hidden"], "connected_on"].map(_day).value_counts()
    hidden_new = left_new[left_new["hidden"]]
    claimed: set[Any] = set()
    for _, row in left_old.iterrows():
        day = _day(row["connected_on"])
        if row["hidden"] or day is None:
            result.connections_removed.append(_change(row, None, ""))
            continue
        candidates = hidden_new[hidden_new["connected_on"].map(_day) == day]
        if (new_days.get(day, 0) == 1 and len(candidates) == 1 and old_days.get(day, 0) == 1
                and candidates.index[0] not in claimed):
            claimed.add(candidates.index[0])
            result.became_hidden.append(_change(row, candidates.iloc[0], "date"))
        else:
            result.connections_removed.append(_change(row, None, ""))
    for index, row in left_new.iterrows():
        if index in claimed:
            continue
        if row["hidden"]:
            result.hidden_unexplained.append(_change(None, row, ""))
        else:
            result.connections_added.append(_change(None, row, ""))
    for name in LISTS:
        getattr(result, name).sort(key=lambda c: (c.connected_on or "", c.name))
    return result


def _match(old: pd.DataFrame, new: pd.DataFrame, counts: dict[str, int]
           ) -> dict[tuple[Any, Any], str]:
    """(old index, new index) -> how the two rows were matched."""
    from netaudit.identity import normalize_name

    pairs: dict[tuple[Any, Any], str] = {}
    old_visible = old[~old["hidden"]]
    new_visible = new[~new["hidden"]]
    left_old, left_new = set(old_visible.index), set(new_visible.index)
    keys = {
        "profile URL": (old_visible["profile_url"], new_visible["profile_url"]),
        "e-mail": (old_visible["email"], new_visible["email"]),
        "name": (old_visible["name"].map(normalize_name), new_visible["name"].map(normalize_name)),
    }
    for how, (old_keys, new_keys) in keys.items():
        # A key matches only when it names one unmatched row on each side.
        mine = old_keys[old_keys.index.isin(left_old) & (old_keys != "")]
        theirs = new_keys[new_keys.index.isin(left_new) & (new_keys != "")]
        mine = mine[~mine.duplicated(keep=False)]
        theirs = theirs[~theirs.duplicated(keep=False)]
        where = {key: index for index, key in theirs.items()}
        for index, key in mine.items():
            if key in where:
                pairs[(index, where[key])] = how
                left_old.discard(index)
                left_new.discard(where[key])
                counts[how] += 1
    # Hidden rows: one of OLD and one of NEW with the same date are one still-hidden person.
    old_hidden = old[old["hidden"]]
    new_hidden = new[new["hidden"]]
    waiting: dict[str | None, list[Any]] = {}
    for index, value in new_hidden["connected_on"].items():
        waiting.setdefault(_day(value), []).append(index)
    for index, value in old_hidden["connected_on"].items():
        day = _day(value)
        if day is not None and waiting.get(day):
            pairs[(index, waiting[day].pop(0))] = "hidden (same date)"
            counts["hidden (same date)"] += 1
    return pairs


def _change(before: pd.Series | None, after: pd.Series | None, how: str) -> Change:
    # The visible side names the person; a hidden row removed (nothing after) is its own.
    either = before if before is not None and (after is None or not before["hidden"]) else after
    assert either is not None
    name = str(either["name"]) if not either["hidden"] else ""
    return Change(
        name=name or "(hidden profile)",
        connected_on=_day(either["connected_on"]),
        old_company=str(before["company"]) if before is not None else "",
        old_position=str(before["position"]) if before is not None else "",
        new_company=str(after["company"]) if after is not None else "",
        new_position=str(after["position"]) if after is not None else "",
        matched_by=how,
        old_id=str(before["person_id"]) if before is not None else "",
        new_id=str(after["person_id"]) if after is not None else "",
    )


def _messages_since(old: Network, new: Network) -> int:
    """Messages of NEW (no drafts, no sponsored or system rows) sent after OLD's last one."""
    def real(network: Network) -> pd.DataFrame:
        messages = network.messages
        return messages[~(messages["is_draft"] | messages["is_system"])]

    before = real(old)["sent_at"].dropna()
    after = real(new)["sent_at"].dropna()
    if not len(before):
        return len(after)
    return int((after > before.max()).sum())
