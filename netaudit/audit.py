"""The facade: read once, compute each stage once on first use, hand results to renderers.

Progress: every stage that can take seconds on a large export reports through the
``progress(description, done, total)`` callback the Audit was given (also used while
reading). The description says what is counted: tasks that read files start with
``"reading "`` and count bytes (the importers); every other task counts steps ("writing PDF
pages", 3 of 13), or, with ``total`` None, is one step whose length is unknown ("scoring
ties"), finished by a last call with ``done == total == 1``. See :func:`stage`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date

    import networkx as nx
    import pandas as pd

    from netaudit.analyses.activity import ActivityResult
    from netaudit.analyses.recall import RecallResult
    from netaudit.analyses.replies import Replies
    from netaudit.analyses.summary import Summary
    from netaudit.analyses.ties import TieStrength
    from netaudit.importers.base import Progress
    from netaudit.model import Network
    from netaudit.render.report import Report
    from netaudit.userfiles import Entries


@contextmanager
def stage(progress: Callable[[str, int, int | None], None] | None, description: str
          ) -> Iterator[None]:
    """Report one step of unknown length: ``progress(description, 0, None)`` before it,
    ``progress(description, 1, 1)`` after it (not when it fails); nothing without a callback.

    >>> calls = []
    >>> with stage(lambda *call: calls.append(call), "scoring ties"):
    ...     pass
    >>> calls
    [('scoring ties', 0, None), ('scoring ties', 1, 1)]
    """
    if progress is None:
        yield
        return
    progress(description, 0, None)
    yield
    progress(description, 1, 1)


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
    ) -> None:
        if isinstance(paths, (str, PathLike)):
            paths = [paths]  # one path, not its characters
        self.paths = [Path(p) for p in (paths or [])]
        self._network = network
        self.me, self.fmt, self.column_map, self.progress = me, fmt, column_map, progress

    @cached_property
    def network(self) -> Network:
        if self._network is not None:
            return self._network
        from netaudit.importers import load

        return load(self.paths, me=self.me, fmt=self.fmt, column_map=self.column_map,
                    progress=self.progress)

    @cached_property
    def outreach(self) -> dict[str, Any] | None:
        """The headline reply-rate figures with the default window (None without messages)."""
        try:
            from netaudit.analyses.replies import outreach_figures
        except ImportError:  # until the replies analysis lands
            return None
        with stage(self.progress, "measuring the reply rate"):
            return outreach_figures(self.network)

    def replies(self, *, window_days: int = 30, since: date | str | None = None,
                until: date | str | None = None, campaign: str | None = None,
                top_companies: int = 10) -> Replies:
        """Experiment 1: the reply rate of your outreach, with time to reply, segments and
        campaigns (definitions in :mod:`netaudit.analyses.replies`)."""
        from netaudit.analyses.replies import reply_rates

        network = self.network
        with stage(self.progress, "measuring reply rates by segment"):
            return reply_rates(network, window_days=window_days, since=since, until=until,
                               campaign=campaign, top_companies=top_companies)

    @cached_property
    def summary(self) -> Summary:
        from netaudit.analyses.summary import summarize

        outreach = self.outreach
        with stage(self.progress, "summarizing the network"):
            return summarize(self.network, outreach=outreach)

    @cached_property
    def ties(self) -> TieStrength:
        """Tie strength of every tie with the default weights and as-of date (definitions in
        :mod:`netaudit.analyses.ties`)."""
        from netaudit.analyses.ties import tie_strength

        network = self.network
        with stage(self.progress, "scoring ties"):
            return tie_strength(network)

    def tie_strength(self, *, weights: dict[str, float] | None = None,
                     as_of: pd.Timestamp | None = None) -> TieStrength:
        """:attr:`ties` with other weights or another as-of date."""
        if weights is None and as_of is None:
            return self.ties
        from netaudit.analyses.ties import tie_strength

        network = self.network
        with stage(self.progress, "scoring ties"):
            return tie_strength(network, weights=weights, as_of=as_of)

    @cached_property
    def graph(self) -> nx.Graph:
        """The owner's ego graph (:func:`netaudit.graph.ego_graph`), tie strengths on the
        owner's edges. Reuses the per-person contact figures of :attr:`ties` (events up to the
        latest date in the data, which are all of them)."""
        from netaudit.graph import ego_graph

        ties = self.ties
        with stage(self.progress, "building the graph"):
            return ego_graph(self.network, strengths=ties.scores, ties=ties.ego_ties)

    def recall(self, names: str | Path | Entries, *, recognition: int = 10, seed: int = 0
               ) -> RecallResult:
        """Score recalled names (a names file or quiz entries) against this network."""
        from netaudit.analyses.recall import recall
        from netaudit.userfiles import Entries, read_names

        entries = names if isinstance(names, Entries) else read_names(names)
        return recall(self.network, entries, recognition=recognition, seed=seed)

    def activity(self, log: str | Path | None = None, *, groups: str | Path | None = None,
                 sample: int | None = None, seed: int = 0, window_days: int = 15,
                 as_of: date | None = None, kinds: Sequence[str] | None = None
                 ) -> ActivityResult:
        """Activity and group membership of (a sample of) the connections; without ``log``,
        activity toward the owner derived from the export."""
        from netaudit.analyses.activity import activity, parse_kinds
        from netaudit.userfiles import read_activity_log, read_groups

        return activity(
            self.network,
            read_activity_log(log) if log is not None else None,
            groups=read_groups(groups) if groups is not None else None,
            sample=sample, seed=seed, window_days=window_days, as_of=as_of,
            kinds=parse_kinds(kinds) if kinds else None,
        )

    def report(self, **options: Any) -> Report:
        """The report's content (cover, sections, what was left out), to render with
        :func:`netaudit.render.report.write_report`; ``options`` are the fields of
        :class:`~netaudit.render.report.ReportOptions` (title, anonymize, names, log, ...)."""
        from netaudit.render.report import ReportOptions, build_report

        return build_report(self, ReportOptions(**options))

    def to_file(self, path: str | Path, *, force: bool = False, **options: Any) -> Path:
        """Write the report to ``path``: ``.pdf``, ``.html``, or a folder of PNG charts.

        >>> Audit(["export.zip"]).to_file("audit.pdf", anonymize=True)  # doctest: +SKIP
        PosixPath('audit.pdf')
        """
        from netaudit.render.report import write_report

        return write_report(self.report(**options), Path(path), force=force)
