"""Small hand-built Networks for the tie, introduction, team and graph tests.

Networks are built straight from DataFrames (``netaudit.model.conform``), so the tests do not
depend on any importer and every number in them can be worked out by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from netaudit.model import Network, Owner, conform, derive_message_fields

ME = "me"
AS_OF = pd.Timestamp("2024-07-01 00:00:00", tz="UTC")
DAY = pd.Timedelta(days=1)


def days_ago(days: float) -> pd.Timestamp:
    return AS_OF - pd.Timedelta(days=days)


def msg(conv: str, at: pd.Timestamp, sender: str, to: str | Iterable[str], **flags: Any
        ) -> dict[str, Any]:
    """One message row; ``to`` is a person id or several."""
    to = (to,) if isinstance(to, str) else tuple(to)
    return {"conversation_id": conv, "sent_at": at, "sender_id": sender, "recipient_ids": to,
            **flags}


def build(
    messages: Iterable[Mapping[str, Any]] = (),
    *,
    people: Mapping[str, Mapping[str, Any]] | None = None,
    invitations: Iterable[Mapping[str, Any]] = (),
    interactions: Iterable[Mapping[str, Any]] = (),
    owner: str = ME,
    owner_name: str = "Me",
) -> Network:
    """A Network owned by ``owner``. Every id mentioned becomes a person: a connection (named
    after its id) unless ``people`` says otherwise."""
    messages = [dict(m) for m in messages]
    invitations = [dict(i) for i in invitations]
    interactions = [dict(i) for i in interactions]
    found = {pid: dict(row) for pid, row in (people or {}).items()}
    found.setdefault(owner, {"name": owner_name})
    for m in messages:
        for pid in (m["sender_id"], *m["recipient_ids"]):
            found.setdefault(pid, {})
    for row in (*invitations, *interactions):
        found.setdefault(row["person_id"], {})
    rows = []
    for pid, row in found.items():
        row = dict(row)
        rows.append({"person_id": pid, "name": row.pop("name", pid.title()),
                     "is_owner": pid == owner,
                     "is_connection": row.pop("is_connection", pid != owner), **row})
    frame = pd.DataFrame(messages)
    if len(frame):
        frame["message_id"] = [f"m{i}" for i in range(len(frame))]
    network = Network(
        people=conform(pd.DataFrame(rows), "people"),
        messages=conform(frame, "messages"),
        invitations=conform(pd.DataFrame(invitations), "invitations"),
        interactions=conform(pd.DataFrame(interactions), "interactions"),
        owner=Owner(owner, found[owner].get("name", owner_name), "test"),
    )
    derive_message_fields(network)
    network.validate()
    return network
