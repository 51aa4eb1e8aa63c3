"""The facade, and the only orchestrator: read once, compute each result once on first use,
say why a result is missing, and hand results to the renderers.

Every command and the report get their results from here, and so do Python users: the same
methods. Progress: every stage that can take seconds on a large export reports through the
``progress(description, done, total)`` callback the Audit was given (also used while
reading); see :mod:`netaudit.progress`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netaudit.analyses.activity import activity, parse_kinds
from netaudit.analyses.due import change_notes, due_list
from netaudit.analyses.introductions import suggest_introductions
from netaudit.analyses.networks import NetworkSpread, network_spread
from netaudit.analyses.recall import StudyResult, recall
from netaudit.analyses.replies import (
    DEFAULT_WINDOW_DAYS,
    find_outreach,
    find_reached,
    outreach_figures,
    reply_rates,
)
from netaudit.analyses.summary import summarize
from netaudit.analyses.targets import known_at_targets
from netaudit.analyses.team import team_report
from netaudit.analyses.ties import tie_strength
from netaudit.errors import (
    NEEDS_CONNECTIONS,
    NEEDS_LOG,
    NEEDS_MESSAGES,
    NEEDS_NAMES,
    Missing,
    UsageError,
)
from netaudit.graph import (
    GraphColumns,
    between_graph,
    ego_columns,
    ego_graph,
    team_graph,
    team_identities,
    tied_pairs,
    ties_between,
)
from netaudit.importers import load
from netaudit.model import Network
from netaudit.progress import Progress, stage
from netaudit.userfiles import (
    Entries,
    Participant,
    read_activity_log,
    read_groups,
    read_names,
    read_targets,
)
from netaudit.userfiles import read_study as read_study_file

if TYPE_CHECKING:
    from datetime import date

    import networkx as nx
    import pandas as pd

    from netaudit.analyses.activity import ActivityResult
    from netaudit.analyses.diff import NetworkDiff
    from netaudit.analyses.due import DueList
    from netaudit.analyses.introductions import Introductions
    from netaudit.analyses.recall import RecallResult
    from netaudit.analyses.replies import Replies
    from netaudit.analyses.summary import Summary
    from netaudit.analyses.targets import TargetsResult
    from netaudit.analyses.team import TeamReport
    from netaudit.analyses.ties import TieStrength
    from netaudit.analyses.trend import Trend
    from netaudit.graph import TiesBetween
    from netaudit.history import Figures, Snapshot

__all__ = ["Audit", "ReportResults", "Study", "Team", "TeamGraph", "stage"]

NEEDS_EARLIER = ("needs an earlier export of the same person: report OLD NEW, --since OLD, or "
                 "--snapshot with an earlier snapshot in the history")
NEEDS_TARGETS = "needs a targets file: --targets FILE (companies or people, one per line)"
NEEDS_HISTORY = ("needs a history of two snapshots or more: netaudit history add EXPORT, then "
                 "report --snapshot latest")

#: Rows of the report's list tables (re-engage, prune, introduce).
TOP_N = 15


class Audit:
    """An audit of the network found in ``paths``.

    >>> from netaudit import Audit                        # doctest: +SKIP
    >>> audit = Audit(["Basic_LinkedInDataExport_11-20-2026.zip"])  # doctest: +SKIP
    >>> audit.summary.connections                         # doctest: +SKIP
    312

    ``progress`` is called while reading and by every later stage (see the module's
    docstring); a command may replace it after reading, to show later stages in a new bar.
    """

    def __init__(
        self,
        paths: str | Path | Sequence[str | Path] | None = None,
        *,
        network: Network | None = None,
        me: str | None = None,
        fmt: str | None = None,
        column_map: dict[str, str] | None = None,
        progress: Progress | None = None,
        snapshot: str | int | None = None,
        db: str | Path | None = None,
        region: str | None = None,
        decisions: str | Path | None = None,
    ) -> None:
        if isinstance(paths, (str, PathLike)):
            paths = [paths]  # one path, not its characters
        self.paths = [Path(p) for p in (paths or [])]
        self._network = network
        self.me, self.fmt, self.column_map, self.progress = me, fmt, column_map, progress
        self.snapshot, self.db = snapshot, db
        self.region, self.decisions = region, decisions
        self._whole_outreach = False
        self._figures: Figures | None = None
        self.stored: Snapshot | None = None
        """The snapshot read (with ``snapshot``), once :attr:`network` is read."""
        if snapshot is not None and self.paths:
            raise UsageError("give either paths or --snapshot, not both",
                             hint="--snapshot reads the network stored by `netaudit history "
                             "add`; drop the paths or the option")

    @cached_property
    def network(self) -> Network:
        if self._network is not None:
            return self._network
        if self.snapshot is not None:
            from netaudit.history import History

            with stage(self.progress, "reading the snapshot"), History(
                    self.db, create=False, read_only=True) as history:
                self.stored = history.resolve(self.snapshot)
                self._figures = history.figures(self.stored.snapshot_id)
                # Its tables are read when first used: analyze reads none of them.
                return history.load(self.stored.snapshot_id, lazy=True)
        return load(self.paths, me=self.me, fmt=self.fmt, column_map=self.column_map,
                    progress=self.progress, region=self.region, decisions=self.decisions)

    @cached_property
    def outreach_found(self) -> tuple[pd.DataFrame, dict[str, int]]:
        """Every outreach with the default window and period (:func:`find_outreach`), found
        once for :meth:`replies` and, in a report, the headline and :attr:`ties` too (a report
        asked for it three times: 0.83 s at 500,000 messages, issue 17). Part of the stage of
        whichever needs it first."""
        return find_outreach(self.network)

    @cached_property
    def outreach_reached(self) -> pd.DataFrame:
        """The outreach table the headline and :attr:`ties` read: :attr:`outreach_found`'s
        when it is found or wanted (``replies``, a report), else only its columns those read
        (:func:`find_reached`: no message ids or texts gathered, 0.1 s less for ``ties`` on
        500,000 messages, issue 17)."""
        if self._whole_outreach or "outreach_found" in self.__dict__:
            return self.outreach_found[0]
        return find_reached(self.network)

    @cached_property
    def outreach(self) -> dict[str, Any] | None:
        """The headline reply-rate figures with the default window (None without messages),
        from :attr:`outreach_reached`."""
        network = self.network
        with stage(self.progress, "measuring the reply rate"):
            table = self.outreach_reached if not network.messages.empty else None
            return outreach_figures(network, table=table)

    def replies(self, *, window_days: int = 30, since: date | str | None = None,
                until: date | str | None = None, campaign: str | None = None,
                top_companies: int = 10) -> Replies:
        """Experiment 1: the reply rate of your outreach, with time to reply, segments and
        campaigns (definitions in :mod:`netaudit.analyses.replies`)."""
        network = self.network
        with stage(self.progress, "measuring reply rates by segment"):
            found = None
            if (window_days == DEFAULT_WINDOW_DAYS and since is None and until is None
                    and not campaign and not network.messages.empty):
                found = self.outreach_found
            return reply_rates(network, window_days=window_days, since=since, until=until,
                               campaign=campaign, top_companies=top_companies, found=found)

    @property
    def stored_figures(self) -> Figures | None:
        """What ``analyze`` prints, as stored with the snapshot this Audit reads (when it was
        added by this version of the definitions, :data:`netaudit.analyses.summary.DEFINITIONS`);
        None otherwise, and for export files."""
        from netaudit.analyses.summary import DEFINITIONS

        if self.snapshot is None:
            return None
        self.network  # noqa: B018 - reads which snapshot this is, and its stored figures
        figures = self._figures
        return figures if figures is not None and figures.definitions == DEFINITIONS else None

    @cached_property
    def set_aside(self) -> dict[str, int]:
        """Rows read but set aside, by kind (:func:`netaudit.model.set_aside_counts`)."""
        from netaudit.model import SET_ASIDE, set_aside_counts

        stored = self.stored_figures
        if stored is not None:
            # A kind added since the figures were stored has none in them: its rows were not
            # set aside when the snapshot was read.
            return {kind: int(stored.set_aside.get(kind, 0)) for kind in SET_ASIDE}
        return set_aside_counts(self.network)

    @cached_property
    def summary(self) -> Summary:
        stored = self.stored_figures
        if stored is not None:
            from netaudit.analyses.summary import Summary

            return Summary.from_dict(stored.summary)
        outreach = self.outreach
        spread = self.networks
        with stage(self.progress, "summarizing the network"):
            return summarize(self.network, outreach=outreach,
                             networks=spread.to_dict() if spread is not None else None)

    @cached_property
    def networks(self) -> NetworkSpread | None:
        """How your people spread over networks and where the active ties live
        (:mod:`netaudit.analyses.networks`); None when everyone is on one network or none."""
        from netaudit.model import join_networks

        if len(join_networks(self.network.people["networks"].unique().tolist()).split("; ")) < 2:
            return None
        ties = self.ties
        with stage(self.progress, "comparing networks"):
            return network_spread(self.network, ties)

    @cached_property
    def ties(self) -> TieStrength:
        """Tie strength of every tie with the default weights and as-of date (definitions in
        :mod:`netaudit.analyses.ties`)."""
        network = self.network
        with stage(self.progress, "scoring ties"):
            found = self.outreach_reached if not network.messages.empty else None
            return tie_strength(network, outreach=found)

    def tie_strength(self, *, weights: dict[str, float] | None = None,
                     as_of: pd.Timestamp | None = None) -> TieStrength:
        """:attr:`ties` with other weights or another as-of date."""
        if weights is None and as_of is None:
            return self.ties
        network = self.network
        with stage(self.progress, "scoring ties"):
            return tie_strength(network, weights=weights, as_of=as_of)

    def due(self, *, as_of: pd.Timestamp | None = None, cadence: dict[str, float] | None = None,
            weights: dict[str, float] | None = None, limit: int | None = None,
            notes: dict[str, str] | None = None, since: Audit | None = None) -> DueList:
        """Who is due for a message (definitions in :mod:`netaudit.analyses.due`): the
        usual gap from each person's own contacts, else their layer's ``cadence``.

        A reason also says who changed company or position since an earlier export of the
        same person: ``since`` (an Audit of it), else, for an Audit of a snapshot, the
        snapshot before it in the history (:meth:`previous_snapshot`); ``notes`` (``{person_id:
        text}``) win over those."""
        if since is None and self.snapshot is not None:
            since = self.previous_snapshot()
        if since is not None:
            notes = {**change_notes(self.diff(since)), **(notes or {})}
        ties = self.tie_strength(weights=weights, as_of=as_of)
        with stage(self.progress, "finding who is due"):
            return due_list(self.network, ties=ties, as_of=as_of, cadence=cadence, limit=limit,
                            notes=notes)

    def targets(self, targets: Sequence[str] | str | Path, *,
                weights: dict[str, float] | None = None,
                as_of: pd.Timestamp | None = None) -> TargetsResult:
        """Who you know at each target company or person (a list, or a targets file), ranked
        by tie strength, with the warmest path when nobody there is a live tie (definitions in
        :mod:`netaudit.analyses.targets`)."""
        if isinstance(targets, (str, PathLike)):
            targets = read_targets(targets)
        ties = self.tie_strength(weights=weights, as_of=as_of)
        if weights is None and as_of is None:
            drawn = self.graph
        else:
            with stage(self.progress, "building the graph"):
                drawn = ego_graph(self.network, strengths=ties.scores, ties=ties.ego_ties)
        people = self.network.people
        urls = dict(zip(people["person_id"].tolist(), people["profile_url"].tolist(),
                        strict=True))
        with stage(self.progress, "matching targets"):
            return known_at_targets(list(targets), ties.rows, graph=drawn,
                                    owner_id=self.network.owner_id, profile_urls=urls)

    @cached_property
    def graph(self) -> nx.Graph:
        """The owner's ego graph (:func:`netaudit.graph.ego_graph`), tie strengths on the
        owner's edges. Reuses the per-person contact figures of :attr:`ties` (events up to the
        latest date in the data, which are all of them)."""
        ties = self.ties
        with stage(self.progress, "building the graph"):
            return ego_graph(self.network, strengths=ties.scores, ties=ties.ego_ties)

    @cached_property
    def graph_columns(self) -> GraphColumns:
        """:attr:`graph` as the columns a graph file is written from
        (:func:`netaudit.graph.ego_columns`): what ``netaudit graph`` writes, without
        building the networkx graph unless :attr:`graph` was built already (0.3 s on the
        benchmark export, issue 17)."""
        if "graph" in self.__dict__:
            return GraphColumns.of(self.graph)
        ties = self.ties
        with stage(self.progress, "building the graph"):
            return ego_columns(self.network, strengths=ties.score_by_id, ties=ties.ego_ties)

    @cached_property
    def between(self) -> nx.Graph:
        """The ties between the owner's people (:func:`netaudit.graph.between_graph`): what the
        introductions and the report's network map read of :attr:`graph`, without the
        owner's edges and the nodes' details (about a second less at 30,000 connections)."""
        if "graph" in self.__dict__:
            return self.graph
        with stage(self.progress, "building the graph"):
            return between_graph(self.network)

    @cached_property
    def ties_between(self) -> nx.Graph | TiesBetween:
        """:attr:`between` as the report's network map and the introductions read it: that
        graph when it was built already, else the same nodes, roles and edges as dicts
        (:func:`netaudit.graph.ties_between`: no networkx to import, no graph to fill; 0.3 s
        less on the benchmark export, issue 17)."""
        built = self.__dict__
        if "between" in built or "graph" in built:
            return self.between
        with stage(self.progress, "building the graph"):
            return ties_between(self.network)

    def introductions(self, *, limit: int = 20, weights: dict[str, float] | None = None,
                      as_of: pd.Timestamp | None = None) -> Introductions:
        """Pairs of your connections who could help each other, ranked with the tie
        strengths (``weights``, ``as_of`` as in :meth:`tie_strength`) and the ties between
        them (:attr:`between` when it was built already, else the same ties found without
        a graph: :func:`netaudit.graph.tied_pairs`, 0.3 s less at 30,000 connections)."""
        strength = self.tie_strength(weights=weights, as_of=as_of)
        built = self.__dict__
        graph, tied = built.get("ties_between", built.get("between", built.get("graph"))), None
        if graph is None:
            with stage(self.progress, "building the graph"):
                tied = tied_pairs(self.network)
        return self._introductions(limit, strength.score_by_id, graph, tied)

    def _introductions(self, limit: int, strengths: Any, graph: Any,
                       tied: set[tuple[str, str]] | None = None) -> Introductions:
        with stage(self.progress, "finding introductions"):
            return suggest_introductions(self.network, strengths=strengths, graph=graph,
                                         tied=tied, limit=limit)

    def recall(self, names: str | Path | Entries, *, recognition: int = 10, seed: int = 0
               ) -> RecallResult:
        """Score recalled names (a names file or quiz entries) against this network."""
        entries = names if isinstance(names, Entries) else read_names(names)
        return recall(self.network, entries, recognition=recognition, seed=seed)

    def activity(self, log: str | Path | Any | None = None, *, groups: str | Path | Any = None,
                 sample: int | None = None, seed: int = 0, window_days: int = 15,
                 as_of: date | None = None, kinds: Sequence[str] | None = None
                 ) -> ActivityResult:
        """Activity and group membership of (a sample of) the connections; without ``log``,
        activity toward the owner derived from the export. ``log`` and ``groups`` are paths,
        or what :func:`netaudit.userfiles.read_activity_log` / ``read_groups`` returned."""
        if isinstance(log, (str, Path)):
            log = read_activity_log(log)
        if isinstance(groups, (str, Path)):
            groups = read_groups(groups)
        return activity(self.network, log, groups=groups, sample=sample, seed=seed,
                        window_days=window_days, as_of=as_of,
                        kinds=parse_kinds(kinds) if kinds else None)

    @cached_property
    def exported_on(self) -> str | None:
        """When the export was made (ISO date): the snapshot's date, else the date in the
        ZIP's name, else the latest date inside."""
        network = self.network
        if self.stored is not None:
            return self.stored.exported_on
        from netaudit.history import export_date

        return export_date(network)

    @cached_property
    def older_export(self) -> Path | None:
        """Of two exports of one person given together, the older one (the reader kept the
        newer and said so in a warning): what the report's "What changed" page compares
        with. None otherwise."""
        if len(self.paths) < 2:
            return None
        for problem in self.network.problems:
            if problem.message.startswith("not read: an older export"):
                older = {entry.rsplit(" (", 1)[0] for entry in problem.path.split(", ")}
                given = [p for p in self.paths if str(p) in older]
                if len(given) == 1:
                    return given[0]
        return None

    @property
    def label(self) -> str:
        """How the user named this audit's data: the snapshot, else the paths."""
        if self.snapshot is not None:
            return f"snapshot {self.stored.snapshot_id if self.stored else self.snapshot}"
        return ", ".join(str(p) for p in self.paths) or "the network given"

    def diff(self, older: Audit) -> NetworkDiff:
        """What changed since ``older`` (an audit of an earlier export of the same person);
        another person's export is refused (definitions in :mod:`netaudit.analyses.diff`)."""
        from netaudit.analyses.diff import check_same_owner, diff_networks

        old, new = older.network, self.network
        check_same_owner(old, new, older.label, self.label)
        with stage(self.progress, "comparing the two exports"):
            return diff_networks(old, new, old_date=older.exported_on,
                                 new_date=self.exported_on)

    def previous_snapshot(self) -> Audit | None:
        """An Audit of the snapshot before this one in the history (by export date), when
        this Audit reads a snapshot and there is one; else None."""
        if self.snapshot is None:
            return None
        from netaudit.history import History

        self.network  # noqa: B018 - resolves which snapshot this is
        with History(self.db, create=False, read_only=True) as history:
            ids = [s.snapshot_id for s in history.snapshots()]
        mine = ids.index(self.stored.snapshot_id) if self.stored else 0
        if mine == 0:
            return None
        return Audit(snapshot=ids[mine - 1], db=self.db)

    def save_snapshot(self, db: str | Path | None = None) -> tuple[Snapshot, bool]:
        """Store this network in the history file ``db`` (default:
        :func:`netaudit.history.default_path`): (the snapshot, whether it was added; False
        when the same content was already stored)."""
        from netaudit.analyses.summary import DEFINITIONS
        from netaudit.history import Figures, History
        from netaudit.model import set_aside_counts

        network = self.network

        def figures() -> Figures:
            # What analyze prints, stored with the snapshot: analyze --snapshot reads these
            # instead of the 500,000 messages of a large export (issue 17).
            return Figures(DEFINITIONS, self.summary.to_dict(), set_aside_counts(network))

        with stage(self.progress, "storing the snapshot"), History(db) as history:
            return history.add(network, exported_on=self.exported_on,
                               inputs="; ".join(str(p) for p in self.paths), figures=figures)

    @staticmethod
    def trend(db: str | Path | None = None, progress: Progress | None = None) -> Trend:
        """How the network moved over every snapshot of the history file ``db``
        (definitions in :mod:`netaudit.analyses.trend`)."""
        from netaudit.analyses.trend import trend
        from netaudit.history import History

        with stage(progress, "reading the snapshots"), History(
                db, create=False, read_only=True) as history:
            stored = [(s.snapshot_id, s.exported_on, history.load(s.snapshot_id))
                      for s in history.snapshots()]
        with stage(progress, "comparing the snapshots"):
            return trend(stored)

    def report_results(self, *, names: str | Path | None = None,
                       log: str | Path | None = None, groups: str | Path | None = None,
                       top: int = TOP_N, since: Audit | None = None,
                       targets: Sequence[str] | str | Path | None = None) -> ReportResults:
        """Every result the report draws on, each computed once on first use (shared with
        this Audit's own stages), or the reason it is missing; give it to
        :func:`netaudit.render.report.build_report`."""
        # The report draws the replies and the ties, which need the whole outreach table:
        # the headline figures come from it too rather than from a search of their own.
        self._whole_outreach = True
        return ReportResults(self, names=names, log=log, groups=groups, top=top, since=since,
                             targets=targets)

    # -- several exports at once: a team, a recall study ---------------------------------

    @staticmethod
    def team(paths: Sequence[str | Path], *, targets: Sequence[str] = (), seed: int = 42,
             fmt: str | None = None, column_map: dict[str, str] | None = None,
             keep_people: bool = False, progress: Progress | None = None) -> Team:
        """A team's combined network (:func:`netaudit.analyses.team.team_report`), one export
        per member (each export's owner is the member).

        Each export is read when the analysis asks for it and dropped after, so a large team
        never holds every message log in memory at once; ``Team.members`` keeps what was read
        from each (files, problems, owner) and, with ``keep_people``, its people table (to
        make pseudonyms).
        """
        members: list[Network] = []

        def one_at_a_time() -> Iterator[Network]:
            for path in paths:
                network = load([path], fmt=fmt, column_map=column_map, progress=progress)
                kept = {"people": network.people} if keep_people else {}
                members.append(Network(sources=network.sources, problems=network.problems,
                                       owner=network.owner, **kept))
                yield network

        report = team_report(one_at_a_time(), labels=[str(p) for p in paths],
                             targets=list(targets), seed=seed, progress=progress)
        return Team(report, members)

    @staticmethod
    def team_graph(paths: Sequence[str | Path], *, fmt: str | None = None,
                   column_map: dict[str, str] | None = None, me: str | None = None,
                   progress: Progress | None = None) -> TeamGraph:
        """The union of the members' networks as one graph (:func:`netaudit.graph.team_graph`),
        tie strengths on each member's edges."""
        if me:
            raise UsageError("--me does not apply with --team",
                             hint="each export's owner is the team member")
        networks = [load([path], fmt=fmt, column_map=column_map, progress=progress)
                    for path in paths]
        strengths = []
        for done, network in enumerate(networks):
            if progress is not None:
                progress("scoring ties", done, len(networks))
            strengths.append(tie_strength(network).scores)
        if progress is not None:
            progress("scoring ties", len(networks), len(networks))
        with stage(progress, "building the team graph"):
            drawn, mappings = team_graph(networks, strengths=strengths)
        return TeamGraph(drawn, networks, mappings)

    @staticmethod
    def team_identities(networks: Sequence[Network]) -> list[dict[str, str]]:
        """Per member's network, its person ids -> the team's (see
        :func:`netaudit.graph.team_identities`)."""
        return team_identities(networks)

    @staticmethod
    def recall_study(study: str | Path) -> Study:
        """A recall study: each participant's network scored against their names file
        (``STUDY.csv`` with columns participant, network, names)."""
        rows = []
        for person in read_study_file(study):
            audit = Audit([person.network])
            rows.append((person, audit.network, audit.recall(person.names, recognition=0)))
        return Study(rows)


@dataclass
class Team:
    """:meth:`Audit.team`: the report, and what was read from each member's export."""

    report: TeamReport
    members: list[Network]

    @cached_property
    def identities(self) -> list[dict[str, str]]:
        """Per member's network, its person ids -> the team's (see
        :func:`netaudit.graph.team_identities`)."""
        return team_identities(self.members)


@dataclass
class TeamGraph:
    """:meth:`Audit.team_graph`: the graph, the members' networks and their id mappings."""

    graph: nx.Graph
    networks: list[Network]
    mappings: list[dict[str, str]]


@dataclass
class Study:
    """:meth:`Audit.recall_study`: per participant, their row, network and recall."""

    participants: list[tuple[Participant, Network, RecallResult]]

    @property
    def result(self) -> StudyResult:
        return StudyResult([(p.participant, r) for p, _, r in self.participants])


@dataclass
class ReportResults:
    """The results a report draws on (:meth:`Audit.report_results`): ``get(name)`` gives
    one, computed once on first use by the Audit, or raises :class:`~netaudit.errors.Missing`
    saying which input would give it. Names: changes, trend, replies, recall, activity, ties,
    graph, introductions, targets."""

    audit: Audit
    names: str | Path | None = None
    log: str | Path | None = None
    groups: str | Path | None = None
    top: int = TOP_N
    since: Audit | None = None
    """An earlier export of the same person: gives ``changes``."""
    targets: Sequence[str] | str | Path | None = None
    """Target companies or people (a list or a targets file): gives ``targets``."""
    _done: dict[str, Any] = field(default_factory=dict)
    _failed: dict[str, Missing] = field(default_factory=dict)

    @property
    def network(self) -> Network:
        return self.audit.network

    @property
    def summary(self) -> Summary:
        return self.audit.summary

    @property
    def _connected(self) -> bool:
        """Whether the owner has any connection (``network.connections`` not empty, without
        copying those rows: 0.01 s each time on the benchmark export)."""
        return bool(self.network.connection_rows.any())

    def get(self, name: str) -> Any:
        """The result called ``name``; raises :class:`Missing` when it cannot be computed."""
        if name in self._failed:
            raise self._failed[name]
        if name not in self._done:
            try:
                self._done[name] = getattr(self, f"_{name}")()
            except Missing as missing:
                self._failed[name] = missing
                raise
        return self._done[name]

    def _changes(self) -> NetworkDiff:
        older = self.since or self.audit.previous_snapshot()
        if older is None:
            raise Missing(NEEDS_EARLIER)
        return self.audit.diff(older)

    def _targets(self) -> TargetsResult:
        if self.targets is None:
            raise Missing(NEEDS_TARGETS)
        return self.audit.targets(self.targets)

    def _trend(self) -> Trend:
        if self.audit.stored is None:
            raise Missing(NEEDS_HISTORY)
        trend = self.audit.trend(self.audit.db)
        if len(trend.snapshots) < 2:
            raise Missing(NEEDS_HISTORY)
        return trend

    def _replies(self) -> Replies:
        if self.network.messages.empty:
            raise Missing(NEEDS_MESSAGES)
        return self.audit.replies()

    def _recall(self) -> RecallResult:
        if self.names is None:
            raise Missing(NEEDS_NAMES)
        return self.audit.recall(self.names, recognition=0)

    def _activity(self) -> ActivityResult:
        if self.log is None:
            raise Missing(NEEDS_LOG)
        return self.audit.activity(self.log, groups=self.groups)

    def _ties(self) -> TieStrength:
        network = self.network
        if network.messages.empty and network.interactions.empty:
            raise Missing(NEEDS_MESSAGES)
        if not self._connected:
            raise Missing(NEEDS_CONNECTIONS)
        return self.audit.ties

    def _graph(self) -> nx.Graph | TiesBetween:
        # The pages read roles and the ties between people, not the owner's edges.
        self.get("ties")
        return self.audit.ties_between

    def _introductions(self) -> Introductions:
        if not self._connected:
            raise Missing(NEEDS_CONNECTIONS)
        try:
            strengths, graph = self.get("ties").score_by_id, self.get("graph")
        except Missing:
            strengths, graph = None, None
        return self.audit._introductions(self.top, strengths, graph)
