"""The one-screen audit: how big the network is, how it grew, and how much of it is alive.

Definitions (the README repeats them):

- ``connections``: rows of the connection list(s), one per person after merging files; rows
  that hold only a date (hidden profiles) count.
- ``hidden_profiles``: those date-only rows. ``with_email``: connections with an e-mail.
- ``connections_by_year``: connections by the year of their connection date (rows without a
  date are left out of this table only).
- ``invitations``: rows of Invitations.csv by direction (LinkedIn keeps only recent ones).
- ``messaged``: connections who sent the owner, or received from the owner, at least one
  message (group conversations included; drafts and sponsored/system rows excluded).
- ``messages``: messages that are neither drafts nor sponsored/system rows;
  ``conversations``: conversations holding at least one of them.
- ``dormant``: connections with no recorded interaction of any kind: no message either way,
  no recommendation or endorsement either way. Hidden profiles are dormant.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from netaudit.model import Network

#: The version of the definitions of what ``analyze`` prints (this module's figures, the
#: headline reply rate of :func:`netaudit.analyses.replies.outreach_figures`, the spread over
#: networks, :func:`netaudit.model.set_aside_counts`). A snapshot stores its figures with
#: this number (docs/history.md, table ``figures``) and they are used only while it is the
#: same: raise it whenever one of those figures changes meaning or value for the same data.
#: 2 (2026-12-07): role families (whole-word C-suite titles, analysts of a field, a legal
#: family), a namesake of the owner kept as a connection, the reaction_notices count.
#: 3 (2026-12-08): WhatsApp lines of more languages and Android's marked messages, a
#: changed number one person; '-', '.', 'None' as a company or position empty; companies
#: counted without case, 'Freelance' and 'Self-employed' one row; role families in Dutch, French, Russian, Turkish and more;
#: Messenger calls and activity rows set aside (the activity_notices count).
#: 4 (2026-12-08): Meta AI's Messenger rows and LinkedIn's coach rows counted as an
#: assistant's (assistant_messages); on X a connection is a mutual follow (the
#: x_one_way_follows count); a snapshot stored before keeps its one-way follows and Meta
#: AI's rows as they were read until the export is added again.
DEFINITIONS = 4

#: What :attr:`Summary.missing` says when no invitation list was read.
NO_INVITATIONS = "who asked whom to connect: no Invitations.csv was found"


@dataclass
class Summary:
    """Figures of :func:`summarize`; see the module docstring for each definition."""

    owner: str
    owner_how: str
    connections: int
    hidden_profiles: int
    with_email: int
    connections_by_year: dict[str, int]
    invitations: dict[str, int]
    messaged: int
    dormant: int
    first_connection: str | None
    last_connection: str | None
    messages: int
    conversations: int
    top_companies: list[tuple[str, int]] = field(default_factory=list)
    top_roles: list[tuple[str, int]] = field(default_factory=list)
    outreach: dict[str, Any] | None = None
    missing: list[str] = field(default_factory=list)
    networks: dict[str, Any] | None = None
    """Across networks (:mod:`netaudit.analyses.networks`), when people are on two or more."""

    @property
    def message_log(self) -> bool:
        """Whether any message was read (drafts and system rows aside, as
        :func:`netaudit.model.has_message_log` says from the network). Without one,
        ``messaged`` is 0 and ``dormant`` counts every connection without a recommendation
        or endorsement: figures of the data read, not of who you are in touch with, and
        shown as not measured.

        >>> Summary("", "", 2, 0, 0, {}, {}, 0, 2, None, None, 0, 0).message_log
        False
        """
        return self.messages > 0

    @property
    def invitation_list(self) -> bool:
        """Whether an invitation list was read (its rows may be none). Without one, the
        invitations are not measured: shown as '–', not as '0 in / 0 out'.

        >>> Summary("", "", 2, 0, 0, {}, {}, 0, 2, None, None, 0, 0,
        ...         missing=[NO_INVITATIONS]).invitation_list
        False
        """
        return NO_INVITATIONS not in self.missing

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["top_companies"] = [{"company": c, "connections": n} for c, n in self.top_companies]
        data["top_roles"] = [{"role": r, "connections": n} for r, n in self.top_roles]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Summary:
        """The Summary :meth:`to_dict` gave (read back from JSON, as a snapshot stores it).

        >>> s = Summary("Ana", "profile", 2, 0, 1, {"2024": 2}, {"incoming": 1, "outgoing": 0},
        ...             1, 1, "2024-01-02", "2024-03-04", 5, 2, [("Acme", 2)], [("Engineering", 1)])
        >>> Summary.from_dict(s.to_dict()) == s
        True
        """
        data = dict(data)
        data["top_companies"] = [(c["company"], c["connections"]) for c in data["top_companies"]]
        data["top_roles"] = [(r["role"], r["connections"]) for r in data["top_roles"]]
        return cls(**data)


def messaged_ids(network: Network) -> set[str]:
    """People who exchanged at least one message with the owner, either way, group
    conversations included; drafts and sponsored/system rows excluded (owner left out).

    Examples
    --------
    >>> from netaudit.model import Network
    >>> messaged_ids(Network())
    set()
    """
    from itertools import chain

    import numpy as np

    from netaudit.model import factorize_text, factorize_tuples, real_messages

    messages = network.messages
    mask = real_messages(network)
    # Senders as integer codes of the distinct ids and recipients as a set of distinct tuples:
    # filtering the Arrow text column and its unique() took 0.2 s on 500,000 messages.
    codes, senders = factorize_text(messages["sender_id"], use_na_sentinel=False)
    used = np.bincount(codes[mask], minlength=len(senders)) > 0
    ids: set[str] = set(np.asarray(senders, dtype=object)[used].tolist())
    # Recipients: the distinct tuples of the rows kept, by the codes the reader or the last
    # rewrite of the ids already has (a set of 500,000 tuples cost 0.025 s, issue 17).
    tuple_codes, tuples = factorize_tuples(messages["recipient_ids"])
    kept = tuple_codes[mask]
    seen = np.bincount(kept[kept >= 0], minlength=len(tuples)) > 0
    ids.update(chain.from_iterable(np.asarray(tuples, dtype=object)[seen].tolist()))
    ids.discard(network.owner_id or "")
    return ids


def interacted_ids(network: Network) -> set[str]:
    """:func:`messaged_ids` plus everyone with a recommendation or endorsement either way."""
    return messaged_ids(network) | set(network.interactions["person_id"].tolist())


def connections_by_year(connections: pd.DataFrame) -> dict[str, int]:
    """New connections per calendar year, every year from the first to the last listed, so a
    year without new connections shows 0 instead of vanishing (a real 2017-2022 export had
    none in 2021, and its growth table jumped from 2020 to 2022).

    >>> import pandas as pd
    >>> dates = pd.to_datetime(["2019-05-01", "2019-06-01", "2021-01-02"], utc=True)
    >>> connections_by_year(pd.DataFrame({"connected_on": dates}))
    {'2019': 2, '2020': 0, '2021': 1}
    """
    years = connections["connected_on"].dropna().dt.year.value_counts()
    if years.empty:
        return {}
    first, last = int(years.index.min()), int(years.index.max())
    return {str(y): int(years.get(y, 0)) for y in range(first, last + 1)}


#: What people write as their company when they work for themselves (case aside): one row
#: of the company table, :data:`SELF_EMPLOYED_ROW`, when more than one of them is written.
SELF_EMPLOYED = frozenset({"self-employed", "self employed", "selfemployed", "freelance",
                           "freelancer", "freelancing"})
SELF_EMPLOYED_ROW = "Self-employed"


def _top_companies(company: pd.Series, top: int) -> list[tuple[str, int]]:
    """The ``top`` companies by connections, a company written in several cases or spacings
    counted once under its most frequent spelling: a published list wrote 'Self-employed'
    12 times and 'Self-Employed' 4 times, two rows of the table before.

    Working for oneself is one row too, 'Self-employed', whichever word says it: the same list wrote 37
    such companies in 7 spellings ('Self-employed' 12, 'Freelance' 10, 'Freelancer' 7, …),
    three employers of its table.

    >>> import pandas as pd
    >>> _top_companies(pd.Series(["Self-employed", "self-Employed ", "Acme", "Self-employed",
    ...                           "", "Acme  Corp", "acme corp"]), 2)
    [('Self-employed', 3), ('Acme Corp', 2)]
    >>> _top_companies(pd.Series(["Freelance", "Freelancer", "Self Employed", "Acme"]), 2)
    [('Self-employed', 3), ('Acme', 1)]
    """
    import pandas as pd

    from netaudit.identity import one_space

    spelled = one_space(company)
    spelled = spelled[spelled != ""]
    if not len(spelled):
        return []
    keys = spelled.str.casefold()
    own = keys.isin(SELF_EMPLOYED)
    if own.any() and keys[own].nunique() > 1:
        keys = keys.mask(own, SELF_EMPLOYED_ROW.casefold())
        spelled = spelled.mask(own, SELF_EMPLOYED_ROW)
    pairs = pd.DataFrame({"key": keys, "spelling": spelled})
    # Each company's count, and its spelling written most often (the first seen on a tie).
    counts = pairs["key"].value_counts().head(top)
    spellings = pairs.groupby(["key", "spelling"], sort=False).size().sort_values(
        ascending=False, kind="stable").reset_index().drop_duplicates("key").set_index(
        "key")["spelling"]
    return [(str(spellings[key]), int(n)) for key, n in counts.items()]


def summarize(network: Network, *, top: int = 10, outreach: dict[str, Any] | None = None,
              networks: dict[str, Any] | None = None) -> Summary:
    """Compute the audit's headline figures.

    ``outreach`` is the reply-rate figure computed by :mod:`netaudit.analyses.replies`, passed
    in so that this module does not decide what an outreach is; ``networks`` likewise the
    figures across networks (:mod:`netaudit.analyses.networks`).
    """
    import numpy as np

    from netaudit.model import factorize_text, real_messages
    from netaudit.roles import UNKNOWN, role_family

    connections = network.connections
    n = len(connections)
    messaged = messaged_ids(network)
    ids = messaged | set(network.interactions["person_id"].tolist())  # interacted_ids, computed once
    # The two columns read of visible profiles: a row filter of the frame takes all 19.
    visible = connections.loc[~connections["hidden"].to_numpy(dtype=bool), ["company", "position"]]
    # Set lookups of the ids as Python strings: an Arrow is_in first builds its value set
    # from every string of ``ids`` (60,000 at 500,000 messages).
    connection_ids = connections["person_id"].to_numpy(dtype=object).tolist()
    is_messaged = np.fromiter(map(messaged.__contains__, connection_ids), dtype=bool, count=n)
    dormant = n - sum(map(ids.__contains__, connection_ids))
    invitations = network.invitations["direction"].value_counts()
    dates = connections["connected_on"].dropna()
    companies = _top_companies(visible["company"], top)
    positions = visible["position"]
    roles = positions.map({p: role_family(p) for p in positions.unique()})  # once per title
    roles = roles[roles != UNKNOWN].value_counts().head(top)
    missing = _missing(network, connections)
    owner = network.owner
    messages = network.messages
    real = real_messages(network)
    # The conversations counted from their codes (factorize_text: made once when the
    # messages were read): filtering and hashing 1,500,000 ids again took 0.04 s (issue 17).
    conversation_codes, conversation_ids = factorize_text(messages["conversation_id"])
    kept = conversation_codes[real]
    conversations = int(np.count_nonzero(np.bincount(kept[kept >= 0],
                                                     minlength=len(conversation_ids))))
    return Summary(
        owner=owner.name if owner else "",
        owner_how=owner.how if owner else "",
        connections=n,
        hidden_profiles=int(connections["hidden"].sum()),
        with_email=int((connections["email"] != "").sum()),
        connections_by_year=connections_by_year(connections),
        invitations={"incoming": int(invitations.get("incoming", 0)),
                     "outgoing": int(invitations.get("outgoing", 0))},
        messaged=int(is_messaged.sum()),
        dormant=dormant,
        first_connection=dates.min().date().isoformat() if len(dates) else None,
        last_connection=dates.max().date().isoformat() if len(dates) else None,
        messages=int(real.sum()),
        conversations=conversations,
        top_companies=companies,
        top_roles=[(str(r), int(k)) for r, k in roles.items()],
        outreach=outreach,
        missing=missing,
        networks=networks,
    )


def _missing(network: Network, connections: pd.DataFrame) -> list[str]:
    """Which figures could not be computed, and which file would enable them
    (``connections``: ``network.connections``, found once by the caller)."""
    from netaudit.model import INVITATIONS_KIND, has_message_log

    notes = []
    if connections.empty:
        notes.append("connections: no connection list (LinkedIn Connections.csv or a contacts "
                     "CSV) was found")
    if not has_message_log(network):
        notes.append("messages, ever messaged, dormant share, outreach reply rate: no message "
                     "log (messages.csv, an mbox, a chat export or a message CSV) was found, "
                     "so who you are in touch with is not measured")
    if network.invitations.empty and not any(
            source.kind == INVITATIONS_KIND for source in network.sources):
        notes.append(NO_INVITATIONS)
    if network.interactions.empty:
        notes.append("recommendations and endorsements: none were found")
    return notes
