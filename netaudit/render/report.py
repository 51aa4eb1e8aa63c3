"""What a report shows: its cover and sections, each a finding in words with its evidence.

This module decides WHAT goes into a report; :mod:`netaudit.render.pdf`,
:mod:`netaudit.render.html` and :func:`write_png_folder` decide HOW it looks. A section is a
headline (the finding, in words), a figure (a function that draws on a matplotlib figure), the
definition and denominator of what is shown, and optionally a table. Sections whose data is
missing are left out of the report, each replaced by one line saying which input would enable
it (shown on the cover).

Figures come from the result objects of the analyses; nothing here computes a statistic. An
analysis that has not been run (its input is missing) or is not part of this installation
simply leaves its section out.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netaudit.errors import OutputError, UsageError

if TYPE_CHECKING:
    from matplotlib.figure import FigureBase

    from netaudit.audit import Audit
    from netaudit.importers.base import Progress
    from netaudit.render.anonymize import Pseudonyms

#: The article's figures (../shared/article.md), shown beside the user's.
ARTICLE_CONNECTIONS = 1050
ARTICLE_ASKED_HIM = 990
ARTICLE_REPLIED = 42
ARTICLE_REPLY_CI = (0.0297, 0.0536)
ARTICLE_RECALL_BEST, ARTICLE_RECALL_WORST = 27, 4
ARTICLE_MEAN_GROUPS = 23.4
ARTICLE_MEAN_ACTIVITY = 1.2
ARTICLE_ACTIVITY_DAYS = 15

#: Rows shown in a list table (re-engage, prune, introduce).
TOP_N = 15
#: Campaigns shown (chart and table share one page).
CAMPAIGN_ROWS = 10


class ReportFormat(StrEnum):
    """What ``-o`` writes, chosen by its suffix."""

    PDF = "pdf"
    HTML = "html"
    PNG = "png"


#: Output suffix -> format; a path without suffix (or an existing folder) is a PNG folder.
SUFFIXES: dict[str, ReportFormat] = {".pdf": ReportFormat.PDF, ".html": ReportFormat.HTML,
                                     ".htm": ReportFormat.HTML}

#: What each format is, in the user's words (also walked by a test).
FORMAT_MEANING: dict[ReportFormat, str] = {
    ReportFormat.PDF: "a multi-page PDF, one section per page",
    ReportFormat.HTML: "one self-contained HTML file (charts inline, no external resources)",
    ReportFormat.PNG: "a folder of PNG charts, one per figure",
}


def format_for(path: Path) -> ReportFormat:
    """The report format ``path`` asks for.

    >>> format_for(Path("audit.pdf")).value, format_for(Path("a.HTML")).value
    ('pdf', 'html')
    >>> format_for(Path("reports/charts")).value
    'png'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if path.is_dir() or not suffix:
        return ReportFormat.PNG
    raise UsageError(f"cannot write a report as {suffix!r}",
                     hint="end -o with .pdf or .html, or give a folder name for PNG charts",
                     path=path)


@dataclass(frozen=True)
class Table:
    """Rows of text cells; ``numeric`` marks right-aligned columns."""

    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)
    note: str = ""
    """A line under the table, e.g. 'top 15 of 212'."""


@dataclass
class Section:
    """One page of the PDF, one section of the HTML, one PNG (if it has a figure)."""

    key: str
    title: str
    headline: str
    definition: str
    figure: Callable[..., Any] | None = None
    """``figure(fig=...)`` draws on the given matplotlib Figure/SubFigure."""
    table: Table | None = None
    figure_height: float = 4.2
    """Preferred height of the figure in inches at full page width."""


@dataclass(frozen=True)
class LeftOut:
    """A section the report does not contain, and what would enable it."""

    title: str
    needs: str

    def __str__(self) -> str:
        return f"{self.title}: {self.needs}"


@dataclass
class Cover:
    title: str
    owner: str
    sources: list[tuple[str, list[str]]]
    """(file or archive, [what was read in it, one line per file])."""
    date_range: str
    generated: str
    anonymized: bool

    @property
    def whose(self) -> str:
        """The line under the title saying whose network this is."""
        if self.anonymized:
            return "Anonymized: people are shown as pseudonyms"
        if self.owner:
            return f"Network of {self.owner}"
        return "Whose network this is was not found in the data (name yourself with --me)"


@dataclass
class Report:
    """A report's content, independent of its format."""

    cover: Cover
    sections: list[Section]
    left_out: list[LeftOut]
    scrub: Callable[[str], str] | None = None
    """Applied to every text drawn in a figure (the anonymizer's safety net), or None."""
    set_aside: dict[str, int] = field(default_factory=dict)
    """What was read but set aside (:func:`netaudit.model.set_aside_counts`)."""

    def left_out_lines(self) -> list[str]:
        """One line per missing input: the sections it would add, then what it is."""
        by_need: dict[str, list[str]] = {}
        for missing in self.left_out:
            by_need.setdefault(missing.needs, []).append(missing.title)
        return [f"{'; '.join(titles)}: {need}" for need, titles in by_need.items()]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.cover.title,
            "anonymized": self.cover.anonymized,
            "generated": self.cover.generated,
            "sections": [{"key": s.key, "title": s.title, "headline": s.headline}
                         for s in self.sections],
            "left_out": [{"title": m.title, "needs": m.needs} for m in self.left_out],
            "set_aside": dict(self.set_aside),
        }

    def draw(self, section: Section, fig: FigureBase | None = None, *,
             titled: bool = False) -> FigureBase:
        """Draw ``section``'s figure (on ``fig`` or a new figure), scrubbing its texts;
        ``titled`` adds the section title above it (for a chart that stands alone)."""
        from netaudit.render.charts import clean_texts, new_figure, style

        if section.figure is None:
            raise ValueError(f"section {section.key!r} has no figure")
        with style():
            target = fig if fig is not None else new_figure((7.2, section.figure_height))
            section.figure(fig=target)
            if titled:
                target.suptitle(section.title, x=0.01, ha="left", fontsize=12,
                                fontweight="bold")
            clean_texts(target, self.scrub)
        return target


@dataclass
class ReportOptions:
    """What the user asked the report to contain."""

    title: str = "Network audit"
    anonymize: bool = False
    anonymize_companies: bool = False
    anonymize_key: bytes | None = None
    """The pseudonym key (:func:`~netaudit.render.anonymize.key_from_file`); default: a random
    one for this report."""
    names: Path | None = None
    log: Path | None = None
    groups: Path | None = None
    top: int = TOP_N
    generated: date | None = None
    """The date printed on the cover; default: ``SOURCE_DATE_EPOCH`` if set, else today."""


def generated_on() -> date:
    """Today (UTC), or the date of ``SOURCE_DATE_EPOCH`` when set, for reproducible output.

    >>> import os; os.environ["SOURCE_DATE_EPOCH"] = "1779235200"
    >>> generated_on().isoformat()
    '2026-05-20'
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp",
                             hint="set it to whole seconds since 1970, or unset it") from None
    return datetime.now(tz=UTC).date()


def pct(part: int, whole: int) -> str:
    """``'42 of 1,050 (4.0%)'``.

    >>> pct(42, 1050)
    '42 of 1,050 (4.0%)'
    """
    share = f"{100 * part / whole:.1f}%" if whole else "–"
    return f"{part:,} of {whole:,} ({share})"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``'1 person'``, ``'2 people'``, ``'1,050 campaigns'``.

    >>> plural(1, "person", "people"), plural(2, "person", "people"), plural(1050, "campaign")
    ('1 person', '2 people', '1,050 campaigns')
    """
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def interval(ci: Sequence[float] | None) -> str:
    """``'95% interval 2.97%–5.36%'`` from fractions ('' when there is none).

    >>> interval((0.0297, 0.0536))
    '95% interval 2.97%–5.36%'
    """
    if not ci:
        return ""
    return f"95% interval {100 * ci[0]:.2f}%–{100 * ci[1]:.2f}%"


# ---------------------------------------------------------------------------------------------
# Gathering results: each analysis once, on first use; None (with the reason) when its input
# or its module is missing


class Missing(Exception):
    """An analysis cannot run: its input (or its module) is missing; ``needs`` says which."""

    def __init__(self, needs: str) -> None:
        super().__init__(needs)
        self.needs = needs


NEEDS_MESSAGES = ("needs a message log: LinkedIn's messages.csv (in the export ZIP), an mbox "
                  "or a message CSV")
NEEDS_NAMES = ("needs --names FILE: the connections you can name from memory, one per line "
               "as 'Name - profession'")
NEEDS_LOG = "needs --log ACTIVITY.csv (columns person, date, kind) of your connections' activity"


def _not_installed(what: str) -> Missing:
    return Missing(f"needs the {what} analysis, which this version of netaudit does not have")


class Results:
    """The results a report draws on, each computed once on first use.

    Uses the Audit's own stage when it has one, so that a report and a command computed from
    the same Audit share the work.
    """

    def __init__(self, audit: Audit, options: ReportOptions) -> None:
        self.audit = audit
        self.options = options
        self._failed: dict[str, Missing] = {}

    def get(self, name: str) -> Any:
        """The result called ``name``; raises :class:`Missing` when it cannot be computed."""
        if name in self._failed:
            raise self._failed[name]
        try:
            return getattr(self, f"_{name}")
        except Missing as missing:
            self._failed[name] = missing
            raise

    @property
    def network(self) -> Any:
        return self.audit.network

    @cached_property
    def names(self) -> Pseudonyms:
        from netaudit.render.anonymize import Pseudonyms

        return Pseudonyms(self.network.people, enabled=self.options.anonymize,
                          companies=self.options.anonymize_companies,
                          key=self.options.anonymize_key)

    @property
    def summary(self) -> Any:
        return self.audit.summary

    def person(self, person_id: str) -> str:
        return self.names.person(person_id)

    def company(self, name: str) -> str:
        return self.names.company(name)

    @cached_property
    def _replies(self) -> Any:
        if self.network.messages.empty:
            raise Missing(NEEDS_MESSAGES)
        if hasattr(self.audit, "replies"):
            return _value(self.audit.replies)
        try:
            from netaudit.analyses.replies import reply_rates
        except ImportError:
            raise _not_installed("replies") from None
        return reply_rates(self.network)

    @cached_property
    def _recall(self) -> Any:
        if self.options.names is None:
            raise Missing(NEEDS_NAMES)
        if hasattr(self.audit, "recall"):
            return self.audit.recall(self.options.names, recognition=0)
        try:
            from netaudit.analyses.recall import recall
            from netaudit.userfiles import read_names
        except ImportError:
            raise _not_installed("recall") from None
        return recall(self.network, read_names(self.options.names), recognition=0)

    @cached_property
    def _activity(self) -> Any:
        if self.options.log is None:
            raise Missing(NEEDS_LOG)
        if hasattr(self.audit, "activity"):
            return self.audit.activity(self.options.log, groups=self.options.groups)
        try:
            from netaudit.analyses.activity import activity
            from netaudit.userfiles import read_activity_log, read_groups
        except ImportError:
            raise _not_installed("activity") from None
        groups = read_groups(self.options.groups) if self.options.groups else None
        return activity(self.network, read_activity_log(self.options.log), groups=groups)

    @cached_property
    def _ties(self) -> Any:
        network = self.network
        if network.messages.empty and network.interactions.empty:
            raise Missing(NEEDS_MESSAGES)
        if network.connections.empty:
            raise Missing("needs a connection list (LinkedIn Connections.csv or a contacts file)")
        if hasattr(self.audit, "ties"):
            return _value(self.audit.ties)
        try:
            from netaudit.analyses.ties import tie_strength
        except ImportError:
            raise _not_installed("tie-strength") from None
        return tie_strength(network)

    @cached_property
    def _graph(self) -> Any:
        ties = self.get("ties")
        if hasattr(self.audit, "graph"):
            return _value(self.audit.graph)
        try:
            from netaudit.graph import ego_graph
        except ImportError:
            raise _not_installed("graph") from None
        return ego_graph(self.network, strengths=ties.scores)

    @cached_property
    def _introductions(self) -> Any:
        if self.network.connections.empty:
            raise Missing("needs a connection list (LinkedIn Connections.csv or a contacts file)")
        if hasattr(self.audit, "introductions"):
            return _value(self.audit.introductions)
        try:
            from netaudit.analyses.introductions import suggest_introductions
        except ImportError:
            raise _not_installed("introductions") from None
        from netaudit.audit import stage

        try:
            strengths, graph = self.get("ties").scores, self.get("graph")
        except Missing:
            strengths, graph = None, None
        with stage(getattr(self.audit, "progress", None), "finding introductions"):
            return suggest_introductions(self.network, strengths=strengths, graph=graph,
                                         limit=self.options.top)


def _value(stage: Any) -> Any:
    """An Audit stage: a cached property's value, or a method called with its defaults."""
    return stage() if callable(stage) else stage


def needs(title: str, r: Results, *names: str) -> LeftOut | None:
    """A LeftOut for ``title`` if any of the results ``names`` cannot be computed."""
    for name in names:
        try:
            r.get(name)
        except Missing as missing:
            return LeftOut(title, missing.needs)
    return None


def _rate(label: str, part: int, whole: int, ci: Sequence[float] | None,
          reference: bool = False) -> Any:
    from netaudit.render.charts import Rate

    low, high = (ci[0], ci[1]) if ci else (None, None)
    return Rate(label, int(part), int(whole), low, high, reference)


def _p_value(comparison: Any) -> str:
    """The result in plain words first, then the test that gave it."""
    if comparison is None or comparison.p_value is None:
        return getattr(comparison, "note", "") or "no test"
    p = comparison.p_value
    shown = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    text = f"{comparison.meaning} ({comparison.test.label}, {shown}"
    return text + (f"; {comparison.note})" if comparison.note else ")")


# ---------------------------------------------------------------------------------------------
# Sections: each builder returns a Section, or a LeftOut saying what would enable it


def _summary(r: Results) -> Section:
    s = r.summary
    n = s.connections
    rows = [["Connections", f"{n:,}", f"{ARTICLE_CONNECTIONS:,}"]]
    inv = s.invitations
    if inv.get("incoming", 0) + inv.get("outgoing", 0):
        total = inv["incoming"] + inv["outgoing"]
        rows.append(["They asked you to connect", pct(inv["incoming"], total) + " invitations",
                     pct(ARTICLE_ASKED_HIM, ARTICLE_CONNECTIONS) + " connections"])
    rows.append(["Ever messaged", pct(s.messaged, n), "–"])
    rows.append(["Dormant (no interaction at all)", pct(s.dormant, n), "–"])
    outreach = s.outreach
    like = (outreach or {}).get("one_to_one_connections") or {}
    if outreach and outreach.get("reached"):
        if like.get("reached"):
            rows.append(["Reply rate, 1:1 to connections", pct(like["replied"], like["reached"]),
                         pct(ARTICLE_REPLIED, ARTICLE_CONNECTIONS)])
            rows.append(["   95% interval", interval(like.get("ci95")).replace(
                "95% interval ", ""), interval(ARTICLE_REPLY_CI).replace("95% interval ", "")])
        rows.append(["Reply rate, all outreach", pct(outreach["replied"], outreach["reached"]),
                     "–"])
        rows.append(["   95% interval", interval(outreach.get("ci95")).replace(
            "95% interval ", ""), "–"])
    else:
        rows.append(["Outreach reply rate", "– (needs a message log)",
                     pct(ARTICLE_REPLIED, ARTICLE_CONNECTIONS)])
    try:
        rec = r.get("recall")
        rows.append(["Named from memory, with profession",
                     pct(rec.matched_with_profession, rec.network_size),
                     f"best {ARTICLE_RECALL_BEST}, worst {ARTICLE_RECALL_WORST} (of 500+)"])
    except Missing:
        pass
    try:
        act = r.get("activity")
        if act.mean_activity is not None:
            ci = act.mean_activity_ci95
            rows.append([f"Mean activities in {act.window_days} days",
                         f"{act.mean_activity:.1f} ({act.sampled:,} people)"
                         + (f"; 95% interval {ci[0]:.1f}–{ci[1]:.1f}" if ci else ""),
                         f"{ARTICLE_MEAN_ACTIVITY} ({ARTICLE_ACTIVITY_DAYS} days, 100 people)"])
        if act.mean_groups is not None:
            rows.append(["Mean groups per person", f"{act.mean_groups:.1f}",
                         f"{ARTICLE_MEAN_GROUPS}"])
    except Missing:
        pass
    headline = f"Your network has {n:,} connections"
    if like.get("reached"):
        rate = like["replied"] / like["reached"]
        compare = "above" if rate > ARTICLE_REPLIED / ARTICLE_CONNECTIONS else "at or below"
        headline += (f"; {pct(like['replied'], like['reached'])} of the connections you wrote "
                     f"to first, one to one, replied, {compare} the article's 4.0%.")
    elif outreach and outreach.get("reached"):
        headline += (f"; {pct(outreach['replied'], outreach['reached'])} of the people you "
                     "wrote to first replied (none of them a connection written to one to one, "
                     "so there is nothing to set beside the article's 4.0%).")
    else:
        headline += f"; {pct(s.dormant, n)} show no interaction with you at all."
    definition = ("Key figures of your data beside the article's (2010: one LinkedIn network "
                  "of 1,050 connections). Connections: rows of the connection list(s), one per "
                  "person. Ever messaged: connections you exchanged at least one message with. "
                  "Dormant: no message, recommendation or endorsement either way. Reply rate: "
                  "people who wrote back within the window after you wrote first, of the "
                  "people you wrote to first, with the Wilson 95% interval; '1:1 to "
                  "connections' counts only messages to one connection alone, like the "
                  "article's one message to each connection, 'all outreach' also group "
                  "messages and people who are not connections. The pages that follow define "
                  "each figure in detail.")
    figure = None
    if outreach and outreach.get("reached"):
        from netaudit.render import charts

        ci = outreach.get("ci95")
        rates = []
        if like.get("reached"):
            rates.append(_rate("You: 1:1 to connections", like["replied"], like["reached"],
                               like.get("ci95")))
        rates += [_rate("You: all outreach", outreach["replied"], outreach["reached"], ci),
                  _rate("Article (2010)", ARTICLE_REPLIED, ARTICLE_CONNECTIONS,
                        ARTICLE_REPLY_CI, reference=True)]
        figure = partial(charts.rate_chart, rates)
    return Section("summary", "Summary", headline, definition, figure=figure,
                   table=Table(["Figure", "Your network", "Article (2010)"], rows,
                               [False, True, True]), figure_height=1.9)


def _growth(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    s = r.summary
    if not s.connections_by_year:
        return LeftOut("Network growth by year",
                       "needs connection dates (LinkedIn Connections.csv)")
    by_year = s.connections_by_year
    best_year = max(by_year, key=lambda y: (by_year[y], y))
    dated = sum(by_year.values())
    undated = s.connections - dated
    headline = (f"You added {s.connections:,} connections between {min(by_year)} and "
                f"{max(by_year)}; the busiest year was {best_year} with {by_year[best_year]:,}.")
    definition = ("Bars: connections made in each calendar year (the connection date of "
                  "Connections.csv). Line: the running total at the end of each year. "
                  f"{dated:,} of {s.connections:,} connections have a date")
    definition += f"; {undated:,} without a date are not drawn." if undated else "."
    return Section("growth", "Network growth by year", headline, definition,
                   figure=partial(charts.growth_chart, by_year), figure_height=4.0)


def _who_asked(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    inv = r.summary.invitations
    incoming, outgoing = inv.get("incoming", 0), inv.get("outgoing", 0)
    if not incoming + outgoing:
        return LeftOut("Who asked whom to connect",
                       "needs Invitations.csv (part of the LinkedIn export)")
    total = incoming + outgoing
    article = pct(ARTICLE_ASKED_HIM, ARTICLE_CONNECTIONS)
    headline = (f"Of the {total:,} invitations on record, {pct(incoming, total)} were sent to "
                f"you; in the article, {article} of the author's connections had asked him.")
    definition = ("Rows of Invitations.csv by direction: 'they asked' = the other person sent "
                  "the invitation, 'you asked' = you sent it. LinkedIn keeps only pending and "
                  "recent invitations, so this is not the full history of how your network was "
                  "built. The article's row counts connections, not invitations.")
    rows = [("Your invitations", (incoming, outgoing)),
            ("Article (2010)", (ARTICLE_ASKED_HIM, ARTICLE_CONNECTIONS - ARTICLE_ASKED_HIM))]
    table = Table(["", "they asked", "you asked", "total"],
                  [[label, f"{a:,}", f"{b:,}", f"{a + b:,}"] for label, (a, b) in rows],
                  [False, True, True, True])
    return Section("who_asked", "Who asked whom to connect", headline, definition,
                   figure=partial(charts.stacked_share_chart, rows, ["they asked", "you asked"]),
                   table=table, figure_height=2.4)


def _segment_label(r: Results, segmentation: str, name: str) -> str:
    return r.company(name) if segmentation == "company" else name


def _segment_rates(r: Results, tables: Sequence[Any]) -> tuple[list[Any], list[str]]:
    rates: list[Any] = []
    tests = []
    for table in tables:
        rates.append(table.title)
        rates.extend(_rate(_segment_label(r, table.segmentation.value, seg.name), seg.replied,
                           seg.reached, seg.ci95) for seg in table.segments)
        tests.append(f"{table.title}: {_p_value(table.comparison)}")
    return rates, tests


#: Segmentations on the first reply-rate page; the others get the second.
FIRST_SEGMENTS = ("invited", "conversation", "role_family")


def _reply_rate(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    title = "Outreach reply rate"
    if (missing := needs(title, r, "replies")) is not None:
        return missing
    rep = r.get("replies")
    if not rep.reached:
        return LeftOut(title, "no outreach found: the message log has no message you wrote "
                       "first (check --me if the owner was not recognised)")
    like = rep.one_to_one_connections
    rates: list[Any] = []
    if like.get("reached"):
        rates.append(_rate("You: 1:1 to connections", like["replied"], like["reached"],
                           like["ci95"]))
    rates += [
        _rate("You: all outreach", rep.replied, rep.reached, rep.ci95),
        _rate("Article (2010)", ARTICLE_REPLIED, ARTICLE_CONNECTIONS, ARTICLE_REPLY_CI,
              reference=True),
    ]
    first = [t for t in rep.segments if t.segmentation.value in FIRST_SEGMENTS]
    segment_rates, tests = _segment_rates(r, first)
    rates += segment_rates
    article_rate = ARTICLE_REPLIED / ARTICLE_CONNECTIONS
    everyone = (f"All outreach, group messages and people who are not connections included: "
                f"{pct(rep.replied, rep.reached)}.")
    if like.get("reached"):
        ratio = like["replied"] / like["reached"] / article_rate
        compare = (f"{ratio:.1f} times the article's 4.0%" if ratio >= 1
                   else "below the article's 4.0%")
        headline = (f"{pct(like['replied'], like['reached'])} of the connections you wrote to "
                    f"first, one to one as in the article, replied within {rep.window_days} "
                    f"days: {compare}. {everyone}")
    else:
        headline = (f"{pct(rep.replied, rep.reached)} of the people you wrote to first replied "
                    f"within {rep.window_days} days; none was a connection written to one to "
                    "one, so there is no figure like the article's 4.0% to compare.")
    definition = (f"An outreach is a message you sent to a person who had not written to you "
                  f"in that conversation in the {rep.window_days} days before; the person "
                  f"replied if they wrote in the same conversation within {rep.window_days} "
                  "days after it (auto-replies, bounces, drafts and sponsored messages never "
                  f"count). Reached: {rep.reached:,} distinct people you wrote to first"
                  + (f" between {rep.first_outreach[:10]} and {rep.last_outreach[:10]}"
                     if rep.first_outreach and rep.last_outreach else "")
                  + "; each counts once. '1:1 to connections' keeps only messages to one "
                  "connection alone, like the article's one message to each connection. Bars: "
                  "Wilson 95% intervals; grey: fewer than 5 people, too few to read on their "
                  "own. Tests of 'same rate in every segment': " + "; ".join(tests) + "."
                  + (" " + " ".join(n[0].upper() + n[1:] + "." for n in rep.notes)
                     if rep.notes else ""))
    return Section("reply_rate", title, headline, definition,
                   figure=partial(charts.rate_chart, rates, reference=article_rate,
                                  reference_label="article: 4.0%"),
                   figure_height=min(7.0, 1.0 + 0.24 * len(rates)))


def _reply_segments(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    title = "Reply rate by company and connection year"
    if (missing := needs(title, r, "replies")) is not None:
        return missing
    rep = r.get("replies")
    rest = [t for t in rep.segments if t.segmentation.value not in FIRST_SEGMENTS]
    if not rep.reached or not rest:
        return LeftOut(title, "no outreach found in the message log")
    rates, tests = _segment_rates(r, rest)
    best = max((x for x in rates if not isinstance(x, str) and x.whole >= 5),
               key=lambda x: (x.rate, x.whole), default=None)
    tested = [t for t in rest if t.comparison.p_value is not None]
    significant = [t for t in tested if t.comparison.p_value < 0.05]
    if significant:
        headline = ("Reply rates really differ by " + " and by ".join(
            t.title.lower() for t in significant) + " (p < 0.05: unlikely to be chance).")
    elif tested:
        headline = ("No clear difference in reply rate between companies or between "
                    "connection years (every p ≥ 0.05: too few people, or gaps that often "
                    "come by chance).")
    else:
        headline = "Too few people were reached to compare companies or connection years."
    if best is not None:
        headline += (f" Highest among segments of 5 or more people: {best.label}, "
                     f"{pct(best.part, best.whole)}.")
    definition = ("The same people reached as on the previous page, split by their current "
                  "company (the most reached companies; the rest are 'other') and by the year "
                  "you connected. Small segments have wide intervals: read them as hints, not "
                  "findings. " + "; ".join(tests) + ".")
    return Section("reply_segments", title, headline, definition,
                   figure=partial(charts.rate_chart, rates,
                                  reference=ARTICLE_REPLIED / ARTICLE_CONNECTIONS,
                                  reference_label="article: 4.0%"),
                   figure_height=min(7.2, 1.0 + 0.24 * len(rates)))


def _time_to_reply(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    title = "Time to reply"
    if (missing := needs(title, r, "replies")) is not None:
        return missing
    rep = r.get("replies")
    if not rep.replied:
        return LeftOut(title, "nobody replied to your outreach, so there is no time to show")
    day, week = rep.replied_within_24h, rep.replied_within_7d
    bins = [("within 24 hours", day), ("1 to 7 days", week - day),
            (f"7 to {rep.window_days} days", rep.replied - week)]
    median = rep.median_hours_to_reply
    median_bin = 0 if median <= 24 else 1 if median <= 24 * 7 else 2
    median_text = (f"{median:.1f} hours" if median < 10 else f"{median:.0f} hours"
                   if median < 48 else f"{median / 24:.1f} days")
    headline = (f"The median time to reply was {median_text}; {pct(day, rep.replied)} of the "
                f"people who replied did so within 24 hours ({interval(rep.within_24h_ci95)}).")
    definition = (f"For each of the {rep.replied:,} people who replied: the time from the "
                  "outreach their first reply answered (your latest message to them before it) "
                  "to that reply; an earlier message that went unanswered does not count. "
                  "Median: "
                  f"{median_text} (marked). Within 7 days: {pct(week, rep.replied)} "
                  f"({interval(rep.within_7d_ci95)}, Wilson). Replies "
                  f"later than {rep.window_days} days do not count as replies.")
    return Section("time_to_reply", title, headline, definition,
                   figure=partial(charts.binned_bar_chart, bins, xlabel="time to first reply",
                                  ylabel="people who replied",
                                  marks=[(median_bin, f"median: {median_text}")]),
                   figure_height=3.4)


def _campaigns(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    title = "Campaigns"
    if (missing := needs(title, r, "replies")) is not None:
        return missing
    rep = r.get("replies")
    if not rep.campaigns:
        return LeftOut(title, "none found: no text went to 10 or more people within 7 days")
    # At most 10: the page holds the chart and the table of texts it refers to.
    shown = rep.campaigns[: min(r.options.top, CAMPAIGN_ROWS)]
    anonymous = r.options.anonymize

    def label(i: int, c: Any) -> str:
        # The text is the owner's own words, but it may quote people: not shown anonymized.
        return f"Campaign {i}" if anonymous else f"{i}. {c.text}"

    rows = [[label(i, c), c.first_sent[:10], f"{c.messages:,}", f"{c.reached:,}",
             f"{c.replied:,}", f"{100 * c.reply_rate:.1f}%" if c.reply_rate is not None else "–",
             interval(c.ci95).replace("95% interval ", "")]
            for i, c in enumerate(shown, start=1)]
    note = f"{len(shown)} of {len(rep.campaigns)} campaigns" if len(shown) < len(
        rep.campaigns) else ""
    best = max(rep.campaigns, key=lambda c: (c.reply_rate or 0, c.reached))
    headline = (f"You sent {plural(len(rep.campaigns), 'campaign')}; the best answered was "
                + (f"campaign {rep.campaigns.index(best) + 1}" if anonymous
                   else f"'{charts.shorten(best.text, 40)}'")
                + f" with {pct(best.replied, best.reached)}.")
    definition = ("A campaign is a burst of near-identical outreach: the same text once the "
                  "greeting and the recipient's first name are removed, sent to 10 or more "
                  "people within 7 days. Each campaign's reply rate counts replies to its own "
                  "messages only." + (" Texts are not shown in an anonymized report."
                                      if anonymous else ""))
    # The chart names campaigns by number; their texts are in the table below it.
    rates = [_rate(f"campaign {i}", c.replied, c.reached, c.ci95)
             for i, c in enumerate(shown, start=1)]
    return Section(
        "campaigns", title, headline, definition,
        figure=partial(charts.rate_chart, rates, reference=rep.reply_rate,
                       reference_label="all outreach"),
        table=Table(["Campaign", "first sent", "messages", "reached", "replied", "rate",
                     "95% interval"], rows, [False, False, True, True, True, True, True], note),
        figure_height=min(5.0, 1.0 + 0.3 * len(rates)))


def _recall(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    title = "Recall: who you can name from memory"
    if (missing := needs(title, r, "recall")) is not None:
        return missing
    rec = r.get("recall")
    headline = (f"You named {rec.matched_with_profession:,} of your {rec.network_size:,} "
                f"connections from memory with their profession "
                f"({100 * (rec.recall_rate or 0):.1f}%); the article's participants managed "
                f"{ARTICLE_RECALL_WORST} to {ARTICLE_RECALL_BEST}.")
    definition = (f"Entries: {rec.named:,} distinct names listed. Matched: {rec.matched:,} "
                  "named exactly one connection (accents, 'Last, First', common nicknames "
                  "confirmed by the surname); never guessed: "
                  f"{len(rec.unmatched):,} matched nobody and {len(rec.ambiguous):,} several "
                  "people equally. With profession: the profession given matches the "
                  "connection's position or company. Recall rate, with profession = with "
                  f"profession / all {rec.network_size:,} connections "
                  f"({pct(rec.matched_with_profession, rec.network_size)}); names only = "
                  f"matched / all connections ({pct(rec.matched, rec.network_size)}). Research: free recall misses about 20% "
                  "of the people one knows.")
    anonymous = r.options.anonymize
    rows = []
    for m in rec.matches[: r.options.top]:
        who = r.names.scrub(m.connection) if anonymous else m.connection
        rows.append([who, "yes" if m.profession_ok else "no", m.rule])
    columns = ["Connection named", "profession right", "matched by"]
    note = (f"{len(rows)} of {rec.matched} matches" if rec.matched > len(rows) else "")
    return Section("recall", title, headline, definition,
                   figure=partial(charts.recall_chart,
                                  [("You", rec.matched, rec.matched_with_profession)],
                                  best=ARTICLE_RECALL_BEST, worst=ARTICLE_RECALL_WORST),
                   table=Table(columns, rows, [False, False, False], note) if rows else None,
                   figure_height=2.2)


def _activity(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    title = "Activity of your connections"
    if (missing := needs(title, r, "activity")) is not None:
        return missing
    act = r.get("activity")
    per_person = act.per_person
    counts = [int(v) for v in per_person["activities"]] if per_person is not None else []
    top = 10
    bins = [(str(k), sum(1 for c in counts if c == k)) for k in range(top)]
    bins.append((f"{top}+", sum(1 for c in counts if c >= top)))
    while len(bins) > 2 and bins[-2][1] == 0 and bins[-1][1] == 0:
        bins.pop(-2)
    lorenz = getattr(act, "lorenz", None) or charts.lorenz_points(counts)
    ci = act.mean_activity_ci95
    headline = (f"{pct(act.inactive, act.sampled)} of the connections measured did nothing "
                f"counted in {act.window_days} days ({interval(act.inactive_share_ci95)}); "
                f"mean {act.mean_activity:.1f} activities per person"
                + (f" (95% interval {ci[0]:.1f}–{ci[1]:.1f})" if ci else "")
                + f" (article: {ARTICLE_MEAN_ACTIVITY}).")
    part = act.participation
    split = ""
    if part:
        # Named by the people each group holds: with 10 people the "top 1%" is 1 person.
        people = " / ".join(f"{v['people']:,}" for v in part.values())
        shares = [f"{100 * (v.get('share') or 0):.0f}%" for v in part.values()]
        split = (f" Share of all activity by the most active {people} of the "
                 f"{act.sampled:,} people (about 1% / 9% / 90%): " + " / ".join(shares)
                 + " (Nielsen's 90-9-1 rule).")
    definition = (f"Counted activity: {', '.join(act.counted_kinds)} in the {act.window_days} "
                  f"days {act.window_start} to {act.as_of} ({act.source}). Left: people by number of counted "
                  "activities. Right: the Lorenz curve (people sorted from least to most "
                  "active; the further below the diagonal, the more unequal) and the Gini "
                  "coefficient (0 = everyone equally active, 1 = one person does everything)."
                  + (f" Mean {act.mean_activity:.2f}, bootstrap 95% interval "
                     f"{ci[0]:.2f}–{ci[1]:.2f} ({act.resamples:,} resamples, seed "
                     f"{act.seed})." if ci else "") + split
                  + (f" Mean groups per person: {act.mean_groups:.1f} (article: "
                     f"{ARTICLE_MEAN_GROUPS})." if act.mean_groups is not None else ""))
    return Section("activity", title, headline, definition,
                   figure=partial(charts.lorenz_chart, bins, lorenz, act.gini),
                   figure_height=3.6)


def _ties(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    title = "Tie strength: layers and status"
    if (missing := needs(title, r, "ties")) is not None:
        return missing
    ties = r.get("ties")
    layers = [(str(k), int(v)) for k, v in ties.layers.items()]
    statuses = [(str(k), int(v)) for k, v in ties.statuses.items()]
    total = sum(v for _, v in statuses)
    status = dict(statuses)
    active = status.get("active", 0)
    headline = (f"{pct(active, total)} of your ties are active; {pct(ties.unknown_network, ties.connections)} "
                "of your connections are an unknown network: no interaction at all.")
    definition = ("Each person gets a tie-strength score from 0 to 1: a weighted mean of "
                  "recency, frequency, reciprocity, duration, reciprocal services "
                  "(recommendations, endorsements) and intimacy (1:1 rather than group "
                  "conversations); weights: " + ", ".join(
                      f"{k} {v:.2f}" for k, v in ties.weights.items())
                  + ". Layers rank people by score like Dunbar's circles (5 / 15 / 50 / 150); "
                  "each ring holds only its own ranks ('ranks 6-15' is the 10 people after "
                  "the first 5, not the first 15); a score of 0 is always 'rest'. Status: active (in touch), fading (silence "
                  "longer than 3 times the tie's usual gap), dormant (no contact ever), one-way "
                  f"(messages went one way only). As of {(ties.as_of or 'the latest date')[:10]}; "
                  f"{total:,} people, {ties.connections:,} of them connections.")
    panels = [("Layers (people per ring)", layers), ("Status", statuses)]
    return Section("ties", title, headline, definition,
                   figure=partial(charts.count_bars_chart, panels, total=total,
                                  hatched=(False, True)),
                   figure_height=3.0)


def _companies_roles(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    s = r.summary
    if not s.top_companies and not s.top_roles:
        return LeftOut("Top companies and role families",
                       "needs companies or positions (LinkedIn Connections.csv or a contacts "
                       "file with company and title)")
    companies = [(r.company(c), n) for c, n in s.top_companies]
    parts = []
    if companies:
        parts.append(f"the biggest employer is {companies[0][0]} ({companies[0][1]:,})")
    if s.top_roles:
        parts.append(f"the largest role family is {s.top_roles[0][0]} ({s.top_roles[0][1]:,})")
    headline = ("Where your network works: " + "; ".join(parts) + ".") if parts else ""
    definition = (f"Current company and role family of the {s.connections - s.hidden_profiles:,} "
                  "connections with a visible profile; shares are of all "
                  f"{s.connections:,} connections. Role families come from keywords in the "
                  "position (netaudit/analyses/roles.py); positions that match no family are "
                  "'other', empty ones are left out.")
    panels = [("Top companies", companies), ("Role families", list(s.top_roles))]
    return Section("companies_roles", "Top companies and role families", headline, definition,
                   figure=partial(charts.count_bars_chart, panels, total=s.connections),
                   figure_height=max(3.0, 0.9 + 0.3 * max(len(companies), len(s.top_roles))))


#: The network map shows at most this many people (the strongest ties) ...
MAP_NODES = 150
#: ... and names this many of them.
MAP_LABELS = 12


def _network_map(r: Results) -> Section | LeftOut:
    from netaudit.render import charts

    title = "Network map"
    if (missing := needs(title, r, "ties", "graph")) is not None:
        return missing
    ties = r.get("ties")
    graph = r.get("graph")
    rows = ties.rows
    ranked = rows[rows["score"] > 0].sort_values(["score", "person_id"],
                                                 ascending=[False, True], kind="stable")
    shown = ranked.head(MAP_NODES)
    if shown.empty:
        return LeftOut(title, "no tie has any interaction to draw; " + NEEDS_MESSAGES)
    ids = list(shown["person_id"])
    scores = dict(zip(shown["person_id"], shown["score"], strict=True))
    roles = {pid: graph.nodes[pid].get("role", "") if pid in graph else "" for pid in ids}
    # Colour = role family (the most common few; the rest share one colour).
    counts: dict[str, int] = {}
    for role in roles.values():
        counts[role or "unknown"] = counts.get(role or "unknown", 0) + 1
    common = sorted(counts, key=lambda k: (-counts[k], k))[:6]
    cluster_names = [*common, "other roles"] if len(counts) > len(common) else common
    cluster = {pid: common.index(roles[pid] or "unknown") if (roles[pid] or "unknown") in common
               else len(common) for pid in ids}
    labelled = set(ids[:MAP_LABELS])
    layers = dict(zip(shown["person_id"], shown["layer"].astype(str), strict=True))
    from netaudit.analyses.ties import Layer

    ring_names = [name for name in dict.fromkeys(
        [layer.value for layer in Layer]) if name in set(layers.values())]
    nodes = [charts.MapNode(pid, ring_names.index(layers[pid]), cluster[pid],
                            float(scores[pid]), r.person(pid) if pid in labelled else "")
             for pid in ids]
    keep = set(ids)
    edges = [(a, b, 0.6 if data.get("kind") == "group" else 0.1)
             for a, b, data in graph.edges(data=True) if a in keep and b in keep]
    between = len(edges)
    headline = (f"Your {len(ids):,} strongest ties"
                + (f" (of {len(ranked):,} with any interaction)" if len(ranked) > len(ids)
                   else "")
                + (f", with {between:,} ties between them." if between
                   else "; the data shows no ties between them."))
    definition = ("You (star) in the centre and the people with the highest tie strength on "
                  "rings by layer: the inner ring holds your 5 strongest ties, then the next 10, "
                  "35 and 100 (Dunbar's 5 / 15 / 50 / 150). Dot size = tie strength; colour and "
                  "shape = role family of the position. Grey lines join two people who were in "
                  "a group conversation together (thicker) or share a current employer (thin). "
                  f"Only the {len(labelled)} strongest are named.")
    return Section("network_map", title, headline, definition,
                   figure=partial(charts.network_map, nodes, edges, ring_names=ring_names,
                                  cluster_names=cluster_names),
                   figure_height=6.0)


def _suggestions(r: Results, items: Sequence[Any]) -> list[list[str]]:
    return [[r.person(s.person_id), r.company(s.company) or "–", r.names.scrub(s.reason)
             if r.options.anonymize else s.reason, f"{s.score:.2f}"]
            for s in items[: r.options.top]]


def _suggestion_section(key: str, title: str, headline: str, definition: str,
                        rows: list[list[str]], total: int) -> Section:
    """A re-engage or prune page: the top rows of a list of people, with their reasons."""
    note = f"top {len(rows)} of {total:,}" if total > len(rows) else ""
    return Section(key, title, headline, definition,
                   table=Table(["Person", "Company", "Why", "score"], rows,
                               [False, False, False, True], note))


def _reengage(r: Results) -> Section | LeftOut:
    title = "Re-engage: strong ties that are fading"
    if (missing := needs(title, r, "ties")) is not None:
        return missing
    ties = r.get("ties")
    if not ties.reengage:
        return LeftOut(title, "nobody: no tie with a strong past has gone quiet")
    rows = _suggestions(r, ties.reengage)
    # The list's own score is the past strength (without recency); today's is the tie
    # strength `netaudit ties` shows, recency included. Both, each under its own name.
    today = ties.scores
    rows = [[*row, f"{today.get(s.person_id, 0.0):.2f}"]
            for row, s in zip(rows, ties.reengage, strict=False)]
    first = rows[0][0]
    headline = (f"{plural(len(ties.reengage), 'person', 'people')} you were close to "
                f"{'has' if len(ties.reengage) == 1 else 'have'} gone quiet; start with {first}.")
    definition = ("People whose tie was strong (score without recency at least 0.35) and whose "
                  "silence is now longer than 3 times your usual gap between contacts. Research "
                  "(Levin, Walter & Murnighan 2011): revived dormant ties give fresh, useful "
                  "advice. Past: the tie-strength score without recency (the other weights "
                  "renormalized), what made the tie strong; today: the tie strength as "
                  "the ties command shows it, recency included.")
    note = f"top {len(rows)} of {len(ties.reengage):,}" if len(ties.reengage) > len(rows) else ""
    return Section("reengage", title, headline, definition,
                   table=Table(["Person", "Company", "Why", "past", "today"], rows,
                               [False, False, False, True, True], note))


def _prune(r: Results) -> Section | LeftOut:
    title = "Prune candidates"
    if (missing := needs(title, r, "ties")) is not None:
        return missing
    ties = r.get("ties")
    if not ties.prune:
        return LeftOut(title, "nobody: every connection has had some contact")
    rows = _suggestions(r, ties.prune)
    headline = (f"{pct(len(ties.prune), ties.connections)} connections are candidates to "
                "prune: never in touch a year after connecting, or one-way pitches.")
    definition = ("Connections without any contact more than a year after connecting, and "
                  "connections whose messages only ever went one way (unanswered pitches). "
                  "Pruning is your call: the list is a prompt, not a verdict.")
    return _suggestion_section("prune", title, headline, definition, rows, len(ties.prune))


def _introduce(r: Results) -> Section | LeftOut:
    title = "Introductions: who should meet whom"
    if (missing := needs(title, r, "introductions")) is not None:
        return missing
    result = r.get("introductions")
    pairs = list(getattr(result, "pairs", result) or [])
    if not pairs:
        return LeftOut(title, "no pair of your connections fits: add locations (a contacts "
                       "file or vCards) or more positions")
    rows = []
    for p in pairs[: r.options.top]:
        reason = r.names.scrub(p.reason) if r.options.anonymize else p.reason
        rows.append([r.person(p.a.person_id), r.person(p.b.person_id), reason,
                     f"{p.score:.2f}"])
    headline = (f"{len(pairs):,} pairs of your connections could help each other; the best "
                f"fit: {rows[0][0]} and {rows[0][1]}.")
    definition = ("Pairs of your connections who are not connected in the data and could help "
                  "each other: the same locality, complementary roles (recruiter and job "
                  "seeker, founder and investor, hiring manager and engineer) or the same "
                  "industry. Ranked by your tie strength to both and the fit.")
    note = f"top {len(rows)} of {len(pairs):,}" if len(pairs) > len(rows) else ""
    return Section("introduce", title, headline, definition,
                   table=Table(["Person", "could meet", "Why", "score"], rows,
                               [False, False, False, True], note))


#: Report order. Each builder returns a Section or a LeftOut.
BUILDERS: dict[str, Callable[[Results], Section | LeftOut]] = {
    "summary": _summary,
    "growth": _growth,
    "who_asked": _who_asked,
    "reply_rate": _reply_rate,
    "reply_segments": _reply_segments,
    "time_to_reply": _time_to_reply,
    "campaigns": _campaigns,
    "recall": _recall,
    "activity": _activity,
    "ties": _ties,
    "companies_roles": _companies_roles,
    "network_map": _network_map,
    "reengage": _reengage,
    "prune": _prune,
    "introduce": _introduce,
}

#: Sections that ``netaudit analyze --out`` writes as PNG.
SUMMARY_CHARTS = ("growth", "who_asked", "companies_roles", "reply_rate")


def _cover(r: Results, options: ReportOptions) -> Cover:
    s = r.summary
    network = r.network
    sources: dict[str, list[str]] = {}
    for src in network.sources:
        what = f"{src.kind}, {src.rows:,} row{'' if src.rows == 1 else 's'}"
        if options.anonymize:
            # File names can carry a person's name; the kind of data says enough.
            sources.setdefault("input files", []).append(what)
            continue
        container, _, member = src.path.rpartition(":")
        if not container or len(container) < 3:  # a Windows drive letter, not an archive
            container, member = str(Path(src.path).parent), Path(src.path).name
        sources.setdefault(container, []).append(
            f"{member}: {what}" + (f" ({src.note})" if src.note else ""))
    owner = "anonymized" if options.anonymize else s.owner
    span = (f"connections made {s.first_connection} to {s.last_connection}"
            if s.first_connection else "no connection dates")
    generated = (options.generated or generated_on()).isoformat()
    return Cover(options.title, owner, list(sources.items()), span, generated,
                 options.anonymize)


def build_report(audit: Audit, options: ReportOptions | None = None, *,
                 only: Sequence[str] | None = None) -> Report:
    """The report's content for ``audit``: cover, sections in order, and what was left out.

    ``only`` restricts the report to those section keys (see :data:`BUILDERS`). The Audit's
    ``progress`` callback hears "building the report" (sections done of all), besides the
    stages the sections compute.
    """
    options = options or ReportOptions()
    results = Results(audit, options)
    sections: list[Section] = []
    left_out: list[LeftOut] = []
    progress = getattr(audit, "progress", None)
    chosen = [(key, builder) for key, builder in BUILDERS.items()
              if only is None or key in only]
    for done, (_key, builder) in enumerate(chosen):
        if progress is not None:
            progress("building the report", done, len(chosen))
        built = builder(results)
        if isinstance(built, LeftOut):
            left_out.append(built)
        else:
            sections.append(built)
    from netaudit.model import set_aside_counts, set_aside_lines

    report = Report(_cover(results, options), sections, left_out)
    report.set_aside = set_aside_counts(results.network)
    if any(report.set_aside.values()):
        report.cover.sources.append(("set aside", set_aside_lines(report.set_aside)))
    if options.anonymize:
        _scrub_report(report, results.names)
    if progress is not None:
        progress("building the report", len(chosen), len(chosen))
    return report


def summary_report(audit: Audit) -> Report:
    """The report reduced to the sections whose charts ``netaudit analyze --out DIR`` writes."""
    return build_report(audit, ReportOptions(generated=date(1970, 1, 1)), only=SUMMARY_CHARTS)


def _scrub_report(report: Report, names: Pseudonyms) -> None:
    """Run every text of the report through the anonymizer (the builders already show
    pseudonyms; this catches names inside free text such as an analysis's reason)."""
    scrub = names.scrub
    report.scrub = scrub
    cover = report.cover
    cover.title = scrub(cover.title)
    cover.sources = [(scrub(c), [scrub(s) for s in lines]) for c, lines in cover.sources]
    for section in report.sections:
        section.title = scrub(section.title)
        section.headline = scrub(section.headline)
        section.definition = scrub(section.definition)
        if section.table is not None:
            t = section.table
            section.table = Table([scrub(c) for c in t.columns],
                                  [[scrub(c) for c in row] for row in t.rows], t.numeric,
                                  scrub(t.note))
    report.left_out = [LeftOut(m.title, scrub(m.needs)) for m in report.left_out]


# ---------------------------------------------------------------------------------------------
# Writing


def check_output(path: Path, *, force: bool = False) -> ReportFormat:
    """The format of ``path``, after checking that it can be written: call it before the
    data is read, so that a report that cannot be written fails at once."""
    from netaudit.render.export import check_writable

    fmt = format_for(path)
    if fmt is ReportFormat.PNG:
        if path.exists() and not path.is_dir():
            raise OutputError("exists and is not a folder",
                              hint="give a folder name, or a name ending in .pdf or .html",
                              path=path)
    else:
        check_writable(Path(path), force)
    return fmt


def write_report(report: Report, path: Path, *, force: bool = False,
                 progress: Progress | None = None) -> Path:
    """Write ``report`` to ``path`` in the format its suffix asks for (see :func:`format_for`).

    Atomic: a failed run leaves no half-written file or folder behind. Refuses to overwrite
    an existing output unless ``force``. ``progress(description, done, total)`` hears the
    pages written ("writing PDF pages") or the charts drawn ("drawing charts").
    """
    path = Path(path)
    fmt = format_for(path)
    writer = _writer(fmt)
    return writer(report, path, force=force, progress=progress)


def describe_written(report: Report, path: Path) -> str:
    """What :func:`write_report` wrote at ``path``, counted from the file or folder on disk
    (not from the report's content): PDF pages, HTML sections and charts, PNG files.

    >>> from pathlib import Path; import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> report = Report(Cover("t", "", [], "", "", False),
    ...                 [Section("summary", "S", "", "", figure=print), Section("prune", "P", "", "")], [])
    >>> _ = (folder / "01-summary.png").write_bytes(b"")
    >>> describe_written(report, folder)
    'a folder of PNG charts, one per figure: 1 PNG file (1 of the 2 sections is a table without a chart)'
    """
    import re

    path = Path(path)
    fmt = format_for(path)
    what = FORMAT_MEANING[fmt]
    if fmt is ReportFormat.PDF:
        # matplotlib writes each page object uncompressed: '/Type /Page' (not '/Pages').
        pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", path.read_bytes()))
        return f"{what}: {plural(pages, 'page')} (cover and {plural(pages - 1, 'section')})"
    if fmt is ReportFormat.HTML:
        document = path.read_text(encoding="utf-8")
        return (f"{what}: {plural(document.count('<section id='), 'section')}, "
                f"{plural(document.count('<figure>'), 'chart')}")
    written = sum(1 for name, _ in png_names(report) if (path / name).is_file())
    tables = len(report.sections) - len(png_names(report))
    text = f"{what}: {plural(written, 'PNG file')}"
    if tables:
        text += (f" ({tables:,} of the {plural(len(report.sections), 'section')} "
                 f"{'is a table' if tables == 1 else 'are tables'} without a chart)")
    return text


def _writer(fmt: ReportFormat) -> Callable[..., Path]:
    if fmt is ReportFormat.PDF:
        from netaudit.render.pdf import write_pdf

        return write_pdf
    if fmt is ReportFormat.HTML:
        from netaudit.render.html import write_html

        return write_html
    if fmt is ReportFormat.PNG:
        return write_png_folder
    raise AssertionError(f"unhandled report format {fmt}")  # pragma: no cover


def png_names(report: Report) -> list[tuple[str, Section]]:
    """``NN-key.png`` file names for the sections that have a figure, in report order."""
    drawn = [s for s in report.sections if s.figure is not None]
    return [(f"{i:02d}-{s.key.replace('_', '-')}.png", s) for i, s in enumerate(drawn, start=1)]


def write_png_folder(report: Report, folder: Path, *, force: bool = False,
                     progress: Progress | None = None) -> Path:
    """One PNG per figure in ``folder`` (``progress`` hears "drawing charts", n of N).

    A new folder is written under a temporary name beside it and renamed when complete. Into
    an existing folder each file is written atomically; a file that exists already is only
    replaced with ``force``, and nothing else in the folder is touched.
    """
    import shutil
    import tempfile

    from netaudit.render.charts import save

    folder = Path(folder)
    files = png_names(report)
    if folder.exists() and not folder.is_dir():
        raise OutputError("exists and is not a folder",
                          hint="give a folder name, or a name ending in .pdf or .html",
                          path=folder)
    if folder.is_dir():
        from netaudit.render.export import check_writable

        for name, _ in files:
            if os.path.lexists(folder / name):
                check_writable(folder / name, force=True)  # a device or FIFO: never replaced
    if folder.is_dir() and not force:
        clash = [name for name, _ in files if os.path.lexists(folder / name)]
        if clash:
            raise OutputError(f"already holds {clash[0]}" + (
                f" and {len(clash) - 1} more chart{'s' if len(clash) > 2 else ''}"
                if len(clash) > 1 else ""),
                hint="pass --force to overwrite them, or choose another folder",
                path=folder)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp",
                                        dir=folder.parent))
    except OSError as exc:
        raise OutputError(f"cannot be written ({exc.strerror})",
                          hint="choose another folder with -o", path=folder) from exc
    try:
        for done, (name, section) in enumerate(files):
            if progress is not None:
                progress("drawing charts", done, len(files))
            figure = report.draw(section, titled=True)
            with open(staging / name, "wb") as stream:
                save(figure, stream, "png")
        if progress is not None:
            progress("drawing charts", len(files), len(files))
        if folder.is_dir():
            for name, _ in files:
                os.replace(staging / name, folder / name)
            staging.rmdir()
        else:
            # mkdtemp makes the folder private (0700); the result gets the usual permissions.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(staging, 0o777 & ~umask)
            os.rename(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder
