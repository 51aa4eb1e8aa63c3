"""Across networks: how many networks, who is on each, who is on several, how much of each
you ever talked to, and which network your active ties live on (issue 18, the essay's
"17 social networks").

Definitions (the README's ``### analyze`` section repeats them):

- A person is **on** a network when a file of that network names them (``people.networks``:
  a LinkedIn connection list, invitation or message; a Facebook friend or Messenger thread; an
  X follow or DM; a Telegram contact or chat; a WhatsApp chat; a mail). Address books and
  message logs name no network. The owner is left out.
- ``networks``: the networks at least one person is on, in the fixed order of
  :data:`netaudit.model.NETWORKS`.
- ``people``: distinct people on at least one network; ``on_several``: those on two or more.
- Per network: ``people`` on it; ``talked_to``: those of them who exchanged at least one
  message with the owner *on that network* (either way, group conversations included;
  drafts, sponsored/system rows and auto-replies excluded); ``share = talked_to / people``.
- ``active_ties``: ties whose status is *active* (:mod:`netaudit.analyses.ties`); each
  **lives on** the network of its most recent dated contact; ``active_by_network`` counts
  them per network, and ``active_only_off_linkedin`` counts the active ties with no contact
  on LinkedIn at all.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netaudit.analyses.ties import TieStrength
    from netaudit.model import Network


@dataclass
class NetworkFigures:
    """One network's people and how many of them you ever talked to there."""

    network: str
    people: int
    talked_to: int


@dataclass
class NetworkSpread:
    """Figures of :func:`network_spread`; see the module docstring for each definition."""

    networks: list[str]
    people: int
    on_several: int
    per_network: list[NetworkFigures] = field(default_factory=list)
    active_ties: int = 0
    active_by_network: dict[str, int] = field(default_factory=dict)
    active_only_off_linkedin: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["per_network"] = [
            {**asdict(f), "share": round(f.talked_to / f.people, 4) if f.people else None}
            for f in self.per_network]
        return data


def talked_to_on(network: Network) -> dict[str, set[str]]:
    """Per channel, the people who exchanged a real message with the owner on it.

    >>> from netaudit.model import Network
    >>> talked_to_on(Network())
    {}
    """
    messages = network.messages
    if messages.empty:
        return {}
    owner = network.owner_id or ""
    real = messages[~(messages["is_draft"] | messages["is_system"] | messages["is_auto"])]
    found: dict[str, set[str]] = {}
    for channel, sender, recipients in zip(real["channel"].tolist(), real["sender_id"].tolist(),
                                           real["recipient_ids"].tolist(), strict=True):
        if sender == owner:
            found.setdefault(channel, set()).update(recipients)
        elif owner in recipients:
            found.setdefault(channel, set()).add(sender)
    for people in found.values():
        people.discard(owner)
    return found


def network_spread(network: Network, ties: TieStrength | None = None) -> NetworkSpread:
    """How the owner's people spread over networks, and where the active ties live.

    Examples
    --------
    >>> import pandas as pd
    >>> from netaudit.model import Network, Owner, conform
    >>> people = conform(pd.DataFrame({"person_id": ["me", "a", "b"],
    ...     "is_owner": [True, False, False],
    ...     "networks": ["linkedin; whatsapp", "linkedin; whatsapp", "linkedin"]}), "people")
    >>> spread = network_spread(Network(people=people, owner=Owner("me", "Me")))
    >>> spread.networks, spread.people, spread.on_several
    (['linkedin', 'whatsapp'], 2, 1)
    """
    from netaudit.model import NETWORKS

    people = network.people[~network.people["is_owner"]]
    on: dict[str, set[str]] = {}
    several = 0
    listed = 0
    for pid, nets in zip(people["person_id"].tolist(), people["networks"].tolist(),
                         strict=True):
        names = [n for n in nets.split("; ") if n]
        listed += bool(names)
        several += len(names) > 1
        for name in names:
            on.setdefault(name, set()).add(pid)
    talked = talked_to_on(network)
    order = [n for n in NETWORKS if n in on]
    spread = NetworkSpread(
        networks=order, people=listed, on_several=several,
        per_network=[NetworkFigures(n, len(on[n]), len(on[n] & talked.get(n, set())))
                     for n in order])
    if ties is not None:
        rows = ties.rows
        active = rows[rows["status"] == "active"]
        spread.active_ties = len(active)
        for by_network in active["last_contact_by_network"].tolist():
            if not by_network:
                continue
            latest = by_network.split("; ")[0].split(" ")[0]
            spread.active_by_network[latest] = spread.active_by_network.get(latest, 0) + 1
            if not any(p.startswith("linkedin ") for p in by_network.split("; ")):
                spread.active_only_off_linkedin += 1
        spread.active_by_network = {n: spread.active_by_network[n]
                                    for n in [*NETWORKS, "other"]
                                    if n in spread.active_by_network}
    return spread
