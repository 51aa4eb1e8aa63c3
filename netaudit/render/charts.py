"""Charts of the audit's results: matplotlib figures in one style, readable in black and white.

Every chart function takes plain results (numbers and labels the analyses computed) and draws
them; none computes a statistic. Each accepts ``fig=`` (a Figure or SubFigure to draw into, so
that the PDF renderer can place a chart on a page) and returns the figure it drew on.

The style (:data:`STYLE`): the Okabe-Ito palette, which stays distinguishable for the common
colour-vision deficiencies; where colour carries meaning a hatch or marker carries it too, so a
greyscale print still reads. Long labels are shortened with an ellipsis. Output is deterministic:
layouts are seeded, SVG ids are salted with a constant and files carry no timestamps.
"""

from __future__ import annotations

import logging
import re
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.backend_bases import FigureCanvasBase
    from matplotlib.figure import Figure, FigureBase
    from matplotlib.typing import RcKeyType


#: Okabe & Ito (2008), "Color Universal Design": blue, orange, bluish green, vermillion,
#: sky blue, reddish purple, yellow, black. Blue and orange differ strongly in lightness too.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442",
             "#000000")
BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW, BLACK = OKABE_ITO
GREY = "#6F6F6F"
LIGHT_GREY = "#D9D9D9"
#: Second carrier of meaning beside colour, in the palette's order.
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

#: A4 portrait page and the default size of a stand-alone chart, in inches.
PAGE_SIZE = (8.27, 11.69)
CHART_SIZE = (7.2, 4.2)

STYLE: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9,
    "axes.labelcolor": "#222222",
    "axes.edgecolor": "#555555",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "axes.grid": False,
    "grid.color": "#E3E3E3",
    "grid.linewidth": 0.8,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "legend.frameon": False,
    "legend.fontsize": 8,
    "hatch.linewidth": 0.7,
    "hatch.color": "#FFFFFF",
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "figure.facecolor": "white",
    # Deterministic files: constant SVG ids, text kept as text (searchable, small).
    "svg.hashsalt": "netaudit",
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    # PNG text from the fonts' outlines, unhinted, as the SVG and PDF draw it: the same
    # widths in every format. FreeType's autohinter, matplotlib's default, re-fitted every
    # glyph to the pixel grid: 0.15-0.3 s of the 1.7-1.8 s of drawing the 13 slides of the
    # benchmark export, for no difference visible at 150 dpi.
    "text.hinting": "none",
}

#: Metadata that keeps saved files free of timestamps and version strings.
NO_METADATA = {
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    "svg": {"Date": None, "Creator": None, "Format": None, "Type": None},
    "png": {"Software": None},
}


@lru_cache(maxsize=1)
def font_families() -> tuple[tuple[str, frozenset[int]], ...]:
    """The fallback fonts of the charts, in chain order, as (family name, characters it
    draws): those the PDF pages use (:func:`netaudit.render.fonts.fallback_files`:
    fonts-noto-core, one file per script, fonts-nanum for Korean and fonts-droid-fallback for
    Chinese and Japanese), registered with matplotlib (with their bold faces where a script has one)."""
    from matplotlib import font_manager

    from netaudit.render.fonts import coverage, fallback_files

    families: dict[str, frozenset[int]] = {}
    for path in fallback_files():
        font_manager.fontManager.addfont(str(path))
        bold = path.with_name(path.name.replace("-Regular", "-Bold"))
        if bold != path and bold.is_file():  # headers and titles in bold where a script has it
            font_manager.fontManager.addfont(str(bold))
        name = font_manager.FontProperties(fname=str(path)).get_name()
        families.setdefault(name, coverage(path))
    return tuple(families.items())


def families_for(text: str) -> list[str] | None:
    """The font family list that draws ``text``: None when DejaVu Sans (:data:`STYLE`) has
    every character, else DejaVu Sans and the fallbacks that have the others. matplotlib
    (3.11+) takes each glyph from the first family of the list that has it and lays each line
    out with libraqm (HarfBuzz, FriBidi): Kannada conjuncts, Arabic joining and right-to-left
    order come out as written, in PNG, PDF and SVG alike. Per text, not in :data:`STYLE`:
    a list of twenty families made every text's font lookup twenty times slower (the sample's
    PDF report took 4.8 s instead of 3.9 s)."""
    base = _base_codepoints()
    missing = {ord(c) for c in text if ord(c) not in base and not c.isspace()}
    if not missing:
        return None
    chosen = []
    for name, codes in font_families():
        if missing & codes:
            chosen.append(name)
            missing -= codes
    if missing:  # drawn as boxes: the report's writer says so once (fonts.uncovered_warning)
        from netaudit.render.fonts import note_uncovered

        note_uncovered("".join(map(chr, missing)))
    return [STYLE["font.family"], *chosen] if chosen else None


@contextmanager
def style() -> Iterator[None]:
    """Apply :data:`STYLE` while drawing and saving (some settings are read at save time)."""
    import warnings

    import matplotlib

    with matplotlib.rc_context(STYLE), warnings.catch_warnings():
        # A glyph no font has is drawn as a box; matplotlib's warning names its internal
        # paths and reached stderr even with --quiet (issue 16).
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        # A fallback without a bold face (Droid Sans Fallback) is used in its regular weight;
        # matplotlib logs that for each one, on stderr.
        logger = logging.getLogger("matplotlib.font_manager")
        logger.addFilter(_no_weight_notes)
        try:
            yield
        finally:
            logger.removeFilter(_no_weight_notes)


def _no_weight_notes(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("findfont: Failed to find font weight")


def load_matplotlib() -> None:
    """Import the parts of matplotlib that drawing a chart and writing it as SVG use (before
    a fork, so that both processes share them, :mod:`netaudit.render.report.aside`)."""
    import matplotlib.backends.backend_svg
    import matplotlib.figure  # noqa: F401


def new_figure(size: tuple[float, float] = CHART_SIZE) -> Figure:
    """A figure with constrained layout, drawn with the Agg canvas (no screen, no pyplot)."""
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout="constrained")


def shorten(label: object, width: int = 28) -> str:
    """``label`` cut to ``width`` characters with an ellipsis, so long names never collide.

    >>> shorten("International Business Machines Corporation", 20)
    'International Busin…'
    >>> shorten("Acme", 20)
    'Acme'
    """
    text = " ".join(str(label).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def wrap(text: str, width: int) -> str:
    """``text`` wrapped to lines of at most ``width`` characters (paragraphs kept)."""
    return "\n".join(textwrap.fill(p, width) if p else "" for p in text.split("\n"))


@lru_cache(maxsize=1)
def _base_codepoints() -> frozenset[int]:
    from matplotlib import font_manager

    from netaudit.render.fonts import _codepoints

    return _codepoints(Path(font_manager.findfont(STYLE["font.family"])))


@lru_cache(maxsize=1)
def _font_codepoints() -> frozenset[int]:
    """Every character some chart font draws (:func:`families_for`)."""
    known = set(_base_codepoints())
    for _, codes in font_families():
        known |= codes
    return frozenset(known)


#: Zero-width joiner and non-joiner: they choose a conjunct or a joining form in Indic and
#: Persian names, so shaping needs them.
_JOINERS = "\u200c\u200d"


def _kept(char: str) -> bool:
    import unicodedata

    if char in "\n\t" or char in _JOINERS:
        return True
    kind = unicodedata.category(char)[0]
    # Controls and format characters (U+FEFF, U+200B, bidi marks) are dropped even when a
    # font maps them: matplotlib lays them out as zero-width glyphs and its PDF backend
    # crashed on one (IndexError, exit 3; issue 16). A symbol no font draws (an emoji of a
    # display name) is dropped; letters, marks and digits are always kept, drawn or not.
    if kind == "C":
        return False
    # The fallbacks are read only for a symbol DejaVu Sans lacks.
    return kind != "S" or ord(char) in _base_codepoints() or ord(char) in _font_codepoints()


def drawable(text: str) -> str:
    """``text`` as the chart fonts (:func:`families_for`) draw it: letters of every script
    kept as written (shaped by matplotlib: 'ಕೃಷ್ಣ', 'فاطمة', '王伟'), never transliterated
    (a Kannada name once came out as 'amghvrs'); symbols and emoji no font has (often part
    of a display name, "🌱 Priya") and control characters dropped, with a space they leave
    doubled.

    >>> drawable("🌱 Priya Patel 👋")
    'Priya Patel'
    >>> drawable("José"), drawable("王伟")
    ('José', '王伟')
    """
    if text.isascii() and text.isprintable() or all(map(_kept, text)):
        return text
    marked = "".join(c if _kept(c) else "\x00" for c in text)
    def gap(m: re.Match[str]) -> str:
        # 'Ana 🌱 Bo' -> 'Ana Bo'; at the start or end of a line the symbol takes its space
        # with it ('🌱 Priya' -> 'Priya'); between two letters nothing is left ('Mi\u200bra').
        edge = m.start() == 0 or m.end() == len(marked) or "\n" in (
            marked[m.start() - 1], marked[m.end()])
        return " " if (m[1] or m[2]) and not edge else ""

    return re.sub(r"( ?)\x00+( ?)", gap, marked)


def clean_texts(fig: FigureBase, scrub: Any = None) -> None:
    """Make every text of ``fig`` drawable (:func:`drawable`), after ``scrub(text)`` if given,
    in fonts that have its characters (:func:`families_for`).

    Category tick labels are regenerated from their formatter at draw time, so the formatter's
    labels are cleaned too.
    """
    from matplotlib.text import Text
    from matplotlib.ticker import FixedFormatter, FuncFormatter

    def fix(text: str) -> str:
        return drawable(scrub(text) if scrub is not None else text)

    texts: list[Text] = []
    axes: list[Any] = []
    _find_texts(fig, texts, axes)
    for text in texts:
        content = text.get_text()
        if content:
            new = fix(content)
            if new != content:
                text.set_text(new)
            families = families_for(new)
            if families:
                text.set_fontfamily(families)
    for ax in axes:
        for axis in (ax.xaxis, ax.yaxis):
            formatter = axis.get_major_formatter()
            # Tick labels are made at draw time: their fonts are set for the axis, from the
            # labels its formatter gives now.
            labels = [str(label) for label in getattr(formatter, "seq", [])]
            if isinstance(formatter, FuncFormatter):
                labels = [str(formatter(x, i)) for i, x in enumerate(axis.get_majorticklocs())]
            families = families_for("".join(fix(label) for label in labels))
            if families:
                axis.set_tick_params(which="both", labelfontfamily=families)
            if isinstance(formatter, FixedFormatter):
                formatter.seq = [fix(str(label)) for label in formatter.seq]
            elif isinstance(formatter, FuncFormatter) and not getattr(formatter, "_cleaned", 0):
                # matplotlib 3.10+ keeps set_ticks(…, labels)'s labels in a FuncFormatter.
                def cleaned(x: Any, pos: Any, func: Any = formatter.func) -> str:
                    return fix(str(func(x, pos)))

                formatter.func = cleaned
                formatter._cleaned = True  # type: ignore[attr-defined]  # netaudit's own mark


def _find_texts(artist: Any, texts: list[Any], axes: list[Any]) -> None:
    """The texts and the axes under ``artist`` (itself included), as ``findobj`` finds them
    (children first), but for the ticks of an axis: an axis' children are its label, its
    offset text and every major and minor tick, which ``get_children`` creates (a tick is a
    dozen artists, about 0.3 ms each) only to be walked. A tick's label gets its text and
    fonts from the axis' formatter and tick parameters when it is drawn, which
    :func:`clean_texts` sets, so the ticks are left to be made when the figure is drawn."""
    from matplotlib.axis import Axis
    from matplotlib.text import Text

    children = ([artist.label, artist.offsetText] if isinstance(artist, Axis)
                else artist.get_children())
    for child in children:
        _find_texts(child, texts, axes)
    if isinstance(artist, Text):
        texts.append(artist)
    elif hasattr(artist, "xaxis") and hasattr(artist, "yaxis"):
        axes.append(artist)


def compact(value: float) -> str:
    """A short axis number: ``1``, ``100``, ``10k``, ``1.5M``.

    >>> [compact(v) for v in (1, 100, 10_000, 1_500_000)]
    ['1', '100', '10k', '1.5M']
    """
    if abs(value) >= 1e6:
        return f"{value / 1e6:g}M"
    if abs(value) >= 1e3:
        return f"{value / 1e3:g}k"
    return f"{value:g}"


def share(part: float, whole: float) -> str:
    """``part`` of ``whole`` as a whole percentage, '<1%' rather than a misleading '0%'.

    >>> share(5, 75390), share(0, 10), share(3, 10)
    ('<1%', '0%', '30%')
    """
    if not whole:
        return "–"
    percent = 100 * part / whole
    return "<1%" if 0 < percent < 0.5 else f"{percent:.0f}%"


def fmt_int(n: float) -> str:
    return f"{int(round(n)):,}"


def _target(fig: FigureBase | None, size: tuple[float, float] = CHART_SIZE) -> FigureBase:
    return fig if fig is not None else new_figure(size)


def _no_data(ax: Any, text: str = "no data") -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", color=GREY, transform=ax.transAxes)


# --------------------------------------------------------------------------------------------
# Growth and invitations


def _bar_axis(ax: Any, *, grid: bool = True) -> None:
    """The look of a horizontal bar chart: labels without tick marks or an axis line on the
    left, and (``grid``) vertical grid lines at the value ticks. Called before the y ticks
    are set, so that the ticks are made without marks: set afterwards, matplotlib changed
    every tick already made (25 on a chart of 25 bars; 0.13 ms each, the file the same)."""
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    if grid:
        ax.grid(axis="x")


def growth_chart(by_year: Mapping[str, int], *, fig: FigureBase | None = None) -> FigureBase:
    """New connections per year (bars) and the running total (line, right axis).

    Years inside the span that gained no connection are drawn as empty bars, so the axis has
    no gaps.
    """
    fig = _target(fig)
    ax = fig.add_subplot()
    if not by_year:
        _no_data(ax, "no connection dates")
        return fig
    counts = {int(y): int(n) for y, n in by_year.items()}
    years = list(range(min(counts), max(counts) + 1))
    new = [counts.get(y, 0) for y in years]
    running = []
    total = 0
    for n in new:
        total += n
        running.append(total)
    ax.bar(years, new, color=BLUE, width=0.7, label="new connections that year")
    ax.set_ylabel("new connections")
    ax.grid(axis="y")
    ax.set_xticks(years, [str(y) for y in years], rotation=45 if len(years) > 10 else 0,
                  ha="right" if len(years) > 10 else "center")
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    twin = ax.twinx()
    twin.plot(years, running, color=BLACK, marker="o", markersize=3.5, linewidth=1.4,
              label="total at year end")
    twin.set_ylabel("total connections")
    twin.set_ylim(0, max(running) * 1.08)
    twin.spines["right"].set_visible(True)
    twin.annotate(fmt_int(running[-1]), (years[-1], running[-1]), textcoords="offset points",
                  xytext=(0, 6), ha="center", fontsize=8)
    handles = [*ax.get_legend_handles_labels()[0], *twin.get_legend_handles_labels()[0]]
    ax.legend(handles=handles, loc="upper left")
    return fig


def stacked_share_chart(
    rows: Sequence[tuple[str, Sequence[int]]],
    parts: Sequence[str],
    *,
    fig: FigureBase | None = None,
) -> FigureBase:
    """One 100% bar per row, split into ``parts`` (each with its own colour and hatch), with
    the count and share written inside each piece wide enough to hold it.

    Used for who asked whom to connect: yours beside the article's.
    """
    fig = _target(fig, (CHART_SIZE[0], 1.2 + 0.6 * len(rows)))
    ax = fig.add_subplot()
    if not rows:
        _no_data(ax)
        return fig
    labels = [shorten(label, 24) for label, _ in rows]
    y = list(range(len(rows)))[::-1]
    left = [0.0] * len(rows)
    for k, part in enumerate(parts):
        shares = []
        for _, values in rows:
            whole = sum(values)
            shares.append(values[k] / whole if whole else 0.0)
        bars = ax.barh(y, shares, left=left, height=0.6, color=OKABE_ITO[k % 8],
                       hatch=HATCHES[k % 8], edgecolor="white", linewidth=0.8, label=part)
        for bar, (_, values), share in zip(bars, rows, shares, strict=True):
            if share >= 0.12:
                whole = sum(values)
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2,
                        f"{values[k]:,} of {whole:,}\n({100 * share:.1f}%)", ha="center",
                        va="center", fontsize=8, color="white" if k % 8 in (0, 3, 7) else "black",
                        bbox={"boxstyle": "round,pad=0.15", "fc": OKABE_ITO[k % 8], "ec": "none"})
        left = [a + b for a, b in zip(left, shares, strict=True)]
    _bar_axis(ax, grid=False)
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(_percent_formatter())
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncols=len(parts))
    return fig


# --------------------------------------------------------------------------------------------
# Rates with intervals


@dataclass(frozen=True)
class Rate:
    """One proportion to draw: ``part`` of ``whole``, with its 95% interval as fractions."""

    label: str
    part: int
    whole: int
    low: float | None = None
    high: float | None = None
    reference: bool = False
    """True for a figure quoted from elsewhere (the article), drawn hollow."""

    @property
    def rate(self) -> float:
        return self.part / self.whole if self.whole else 0.0

    @property
    def few(self) -> bool:
        """Fewer people than :data:`netaudit.analyses.stats.SMALL_SEGMENT`: drawn grey and
        labelled so, never as a plain 100% (2 of 2)."""
        from netaudit.analyses.stats import SMALL_SEGMENT

        return not self.reference and self.whole < SMALL_SEGMENT


def rate_chart(
    rates: Sequence[Rate | str],
    *,
    reference: float | None = None,
    reference_label: str = "",
    xlabel: str = "reply rate",
    fig: FigureBase | None = None,
) -> FigureBase:
    """Proportions as dots with 95% interval bars, one row each, with ``part of whole``.

    A plain string in ``rates`` starts a group: it is drawn as a bold heading row. A vertical
    dashed line marks ``reference`` (e.g. the article's 4.0%). Reference rows (figures quoted
    from elsewhere) are drawn as hollow squares. Rows of fewer than 5 people (:attr:`Rate.few`)
    are not drawn: their label is grey and "n < 5" stands in place of the rate.
    """
    from netaudit.analyses.stats import SMALL_SEGMENT

    fig = _target(fig, (CHART_SIZE[0], max(2.0, 0.9 + 0.3 * len(rates))))
    ax = fig.add_subplot()
    values = [r for r in rates if isinstance(r, Rate)]
    if not values:
        _no_data(ax)
        return fig
    y = list(range(len(rates)))[::-1]
    top = max([r.high if r.high is not None else r.rate for r in values] + [reference or 0])
    top = min(1.0, max(0.05, top * 1.1))
    labels = []
    # One errorbar call per style keeps big segment tables fast to draw.
    points: dict[Any, list[tuple[float, float, float, float]]] = {
        False: [], True: [], "few": []}
    for yi, r in zip(y, rates, strict=True):
        if isinstance(r, str):
            labels.append(shorten(r, 34))
            if yi != y[0]:
                ax.axhline(yi + 0.5, color=LIGHT_GREY, linewidth=0.6)
            continue
        labels.append(shorten(r.label, 30))
        if r.few:
            # No dot and no bar: 2 of 2 drawn at 100% reads as a finding (issue 15).
            people = f"{r.whole:,} {'person' if r.whole == 1 else 'people'}"
            note = f"n < {SMALL_SEGMENT} ({people})"
        else:
            low = r.rate - r.low if r.low is not None else 0.0
            high = r.high - r.rate if r.high is not None else 0.0
            points[r.reference].append((r.rate, yi, low, high))
            note = f"{100 * r.rate:.1f}%  ({r.part:,} of {r.whole:,})"
        ax.annotate(note, (1, yi), xycoords=("axes fraction", "data"), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=7.5,
                    color=GREY if r.few else "black", annotation_clip=False)
    for kind, rows in points.items():
        if not rows:
            continue
        colour = BLACK if kind is True else "#AAAAAA" if kind == "few" else BLUE
        xs, ys, lows, highs = (list(v) for v in zip(*rows, strict=True))
        ax.errorbar(xs, ys, xerr=[lows, highs], fmt="s" if kind is True else "o",
                    markersize=6, color=colour, ecolor=colour, elinewidth=1.3, capsize=3,
                    markerfacecolor="white" if kind is True else colour, linestyle="")
    if reference is not None:
        ax.axvline(reference, color=GREY, linestyle="--", linewidth=1)
        if reference_label:
            ax.annotate(reference_label, (reference, 1), xycoords=("data", "axes fraction"),
                        xytext=(3, 2), textcoords="offset points", fontsize=7.5, color=GREY,
                        va="bottom", annotation_clip=False)
    _bar_axis(ax)
    ax.set_yticks(y, labels)
    for tick, r in zip(ax.get_yticklabels(), rates, strict=True):
        if isinstance(r, str):
            tick.set_fontweight("bold")
        elif r.few:
            tick.set_color(GREY)
    ax.set_ylim(-0.7, len(rates) - 0.3)
    # A little room on both sides, so that a dot at 0% or 100% is not cut in half.
    ax.set_xlim(-0.015 * top, top * 1.015)
    ax.xaxis.set_major_formatter(_percent_formatter())
    ax.set_xlabel(f"{xlabel}: dot, with its 95% Wilson interval: bar")
    return fig


def _percent_formatter() -> Any:
    from matplotlib.ticker import FuncFormatter

    def label(x: float, _: Any) -> str:
        return f"{100 * x:.0f}%" if abs(100 * x - round(100 * x)) < 1e-9 else f"{100 * x:.1f}%"

    return FuncFormatter(label)


# --------------------------------------------------------------------------------------------
# Distributions


def binned_bar_chart(
    bins: Sequence[tuple[str, int]],
    *,
    xlabel: str,
    ylabel: str,
    marks: Sequence[tuple[int, str]] = (),
    fig: FigureBase | None = None,
) -> FigureBase:
    """Counts per named bin (e.g. replies within 1 h, 1–6 h, …), with the count on each bar.

    ``marks`` are ``(bin index, text)`` notes drawn above a bar (e.g. where the median falls).
    """
    fig = _target(fig)
    ax = fig.add_subplot()
    if not bins or not any(n for _, n in bins):
        _no_data(ax)
        return fig
    x = list(range(len(bins)))
    counts = [n for _, n in bins]
    ax.bar(x, counts, color=BLUE, width=0.7)
    for xi, n in zip(x, counts, strict=True):
        if n:
            ax.annotate(f"{n:,}", (xi, n), xytext=(0, 2), textcoords="offset points",
                        ha="center", va="bottom", fontsize=8)
    top = max(counts)
    for index, text in marks:
        ax.annotate(text, (index, top * 1.12), ha="center", va="bottom", fontsize=8,
                    color=VERMILLION, fontweight="bold")
        ax.axvspan(index - 0.4, index + 0.4, color=VERMILLION, alpha=0.10, linewidth=0)
    ax.set_ylim(0, top * 1.3)
    rotate = max(len(label) for label, _ in bins) * len(bins) > 70
    ax.set_xticks(x, [shorten(label, 16) for label, _ in bins], rotation=30 if rotate else 0,
                  ha="right" if rotate else "center")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(axis="y")
    return fig


def lorenz_points(values: Sequence[float]) -> tuple[list[float], list[float]]:
    """The Lorenz curve of ``values`` as points to draw: people sorted from least to most
    active, cumulative share of people (x) against cumulative share of the total (y).

    A way to draw a distribution, like the bars of a histogram; the Gini coefficient itself
    comes from the analysis.

    >>> lorenz_points([0, 0, 1, 3])
    ([0.0, 0.25, 0.5, 0.75, 1.0], [0.0, 0.0, 0.0, 0.25, 1.0])
    """
    ordered = sorted(float(v) for v in values)
    total = sum(ordered)
    n = len(ordered)
    if not n or not total:
        return [], []
    xs, ys = [0.0], [0.0]
    running = 0.0
    for i, v in enumerate(ordered, start=1):
        running += v
        xs.append(i / n)
        ys.append(running / total)
    return xs, ys


def lorenz_chart(
    bins: Sequence[tuple[str, int]],
    lorenz: tuple[Sequence[float], Sequence[float]] | None,
    gini: float | None,
    *,
    xlabel: str = "counted activities per person",
    fig: FigureBase | None = None,
) -> FigureBase:
    """Left: how many people had each number of activities. Right: the Lorenz curve
    (``lorenz`` = cumulative share of people, cumulative share of activity, both from 0 to 1)
    against the line of perfect equality, with the Gini coefficient."""
    fig = _target(fig)
    left, right = fig.subplots(1, 2, width_ratios=[1.4, 1])
    if bins and any(n for _, n in bins):
        x = list(range(len(bins)))
        counts = [n for _, n in bins]
        left.bar(x, counts, color=BLUE, width=0.7)
        for xi, n in zip(x, counts, strict=True):
            if n:
                left.annotate(f"{n:,}", (xi, n), xytext=(0, 2), textcoords="offset points",
                              ha="center", fontsize=7.5)
        left.set_xticks(x, [label for label, _ in bins])
        left.set_ylim(0, max(counts) * 1.15)
        left.set_xlabel(xlabel)
        left.set_ylabel("people")
        left.grid(axis="y")
    else:
        _no_data(left)
    if lorenz is not None and len(lorenz[0]):
        right.plot([0, 1], [0, 1], color=GREY, linestyle="--", linewidth=1,
                   label="everyone equally active")
        right.plot(lorenz[0], lorenz[1], color=VERMILLION, linewidth=2, label="your network")
        right.fill_between(lorenz[0], lorenz[1], lorenz[0], color=VERMILLION, alpha=0.12,
                           hatch="///", edgecolor=VERMILLION, linewidth=0)
        right.set_xlim(0, 1)
        right.set_ylim(0, 1)
        right.set_aspect("equal")
        right.xaxis.set_major_formatter(_percent_formatter())
        right.yaxis.set_major_formatter(_percent_formatter())
        right.set_xlabel("share of people (least active first)")
        right.set_ylabel("share of all activity")
        right.legend(loc="upper left")
        if gini is not None:
            # Above the diagonal stays empty: a Lorenz curve never rises above it.
            right.text(0.04, 0.72, f"Gini = {gini:.2f}", transform=right.transAxes, ha="left",
                       fontsize=10, fontweight="bold")
    else:
        _no_data(right, "no activity to spread")
    return fig


# --------------------------------------------------------------------------------------------
# Counts by category


def count_bars_chart(
    panels: Sequence[tuple[str, Sequence[tuple[str, int]]]],
    *,
    total: int | None = None,
    reference: Sequence[int | None] | None = None,
    reference_label: str = "",
    hatched: bool | Sequence[bool] = False,
    fig: FigureBase | None = None,
) -> FigureBase:
    """One horizontal bar chart per ``(title, [(label, count), ...])`` panel, side by side,
    largest first as given, labels shortened, count (and share of ``total``) at each bar's end.

    ``reference`` gives, per bar of the first panel, a value to mark with a hollow diamond
    (e.g. Dunbar's layer sizes). ``hatched`` (one flag, or one per panel) gives each bar its
    own colour and hatch, for charts where the category itself (a status) carries meaning.
    """
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    rows = max((len(items) for _, items in panels), default=1)
    fig = _target(fig, (CHART_SIZE[0], max(2.2, 0.8 + 0.28 * rows)))
    axes = fig.subplots(1, max(1, len(panels)), squeeze=False)[0]
    flags = [hatched] * len(panels) if isinstance(hatched, bool) else list(hatched)
    for p, (ax, (title, items)) in enumerate(zip(axes, panels, strict=False)):
        ax.set_title(title)
        distinct = p < len(flags) and flags[p]
        if not items:
            _no_data(ax)
            continue
        y = list(range(len(items)))[::-1]
        counts = [n for _, n in items]
        for k, (yi, n) in enumerate(zip(y, counts, strict=True)):
            colour = OKABE_ITO[k % 8] if distinct else BLUE
            ax.barh(yi, n, height=0.7, color=colour, hatch=HATCHES[k % 8] if distinct else "",
                    edgecolor="#333333" if distinct else colour, linewidth=0.5)
            text = f"{n:,}" + (f" ({share(n, total)})" if total else "")
            ax.annotate(text, (n, yi), xytext=(3, 0), textcoords="offset points", va="center",
                        fontsize=7.5)
        if p == 0 and reference:
            for yi, ref in zip(y, reference, strict=False):
                if ref is not None:
                    ax.plot(ref, yi, marker="D", markersize=6, markerfacecolor="white",
                            markeredgecolor=BLACK, linestyle="",
                            label=reference_label if yi == y[0] else None)
            if reference_label:
                ax.legend(loc="lower right")
        width = 22 if len(panels) > 1 else 34
        _bar_axis(ax)
        ax.set_yticks(y, [shorten(label, width) for label, _ in items])
        ax.set_ylim(-0.6, len(items) - 0.4)
        high = max(counts + [r for r in (reference or []) if r is not None and p == 0])
        if min(counts) >= 1 and high / min(counts) > 50:
            # 5 people beside 75,000: on a linear axis the small bars vanish.
            ax.set_xscale("log")
            ax.set_xlim(0.8, high * 6)
            ax.set_xlabel("people (log scale)")
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: compact(v)))
        else:
            ax.set_xlim(0, high * 1.3 if high else 1)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    return fig


def recall_chart(
    people: Sequence[tuple[str, int, int]],
    *,
    best: int | None = 27,
    worst: int | None = 4,
    fig: FigureBase | None = None,
) -> FigureBase:
    """Per participant: connections named from memory (light) and named with a correct
    profession (dark), with the article's best and worst as reference lines."""
    fig = _target(fig, (CHART_SIZE[0], max(2.2, 1.0 + 0.36 * len(people))))
    ax = fig.add_subplot()
    if not people:
        _no_data(ax)
        return fig
    y = list(range(len(people)))[::-1]
    matched = [m for _, m, _ in people]
    with_profession = [p for _, _, p in people]
    ax.barh(y, matched, height=0.7, color=SKY, hatch="///", edgecolor="white",
            label="recognised as a connection")
    ax.barh(y, with_profession, height=0.7, color=BLUE, label="with the right profession")
    for yi, m, p in zip(y, matched, with_profession, strict=True):
        ax.annotate(f"{p} ({m})", (max(m, p), yi), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=8)
    for value, label, line in ((best, "article's best", "--"), (worst, "article's worst", ":")):
        if value is not None:
            ax.axvline(value, color=BLACK, linestyle=line, linewidth=1)
            ax.annotate(f"{label}: {value}", (value, 1), xycoords=("data", "axes fraction"),
                        xytext=(3, 2), textcoords="offset points", fontsize=7.5,
                        va="bottom", annotation_clip=False)
    _bar_axis(ax)
    ax.set_yticks(y, [shorten(label, 24) for label, _, _ in people])
    ax.set_xlim(0, max(matched + [best or 0, worst or 0]) * 1.2 + 1)
    ax.set_xlabel("connections named from memory")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncols=2)
    return fig


# --------------------------------------------------------------------------------------------
# The network map


@dataclass(frozen=True)
class MapNode:
    """A person on the network map: ``ring`` is the circle it sits on (0 = closest to you),
    ``cluster`` picks colour and marker, ``size`` the area (0..1, e.g. tie strength), and
    ``label`` is drawn only when not empty."""

    node: str
    ring: int = 0
    cluster: int = 0
    size: float = 0.5
    label: str = ""


def ring_radius(ring: int, rings: int) -> float:
    """Radius of ring ``ring`` (0 = innermost) of ``rings``: from 0.3 to 0.95; a single ring
    sits at 0.6.

    >>> ring_radius(0, 1), ring_radius(0, 3), ring_radius(2, 3)
    (0.6, 0.3, 0.95)
    """
    if rings <= 1:
        return 0.6
    return round(0.3 + 0.65 * ring / (rings - 1), 6)


def ring_layout(nodes: Sequence[MapNode], rings: int) -> dict[str, tuple[float, float]]:
    """Positions of ``nodes`` on concentric circles around you at (0, 0).

    Ring ``k`` of ``rings`` has radius :func:`ring_radius`; on each ring people are spread
    evenly over the circle but for a gap at the top (where the ring's name is written),
    grouped by cluster and, within a cluster, strongest first. No randomness: the same nodes
    always get the same picture.

    >>> pos = ring_layout([MapNode("a", 0), MapNode("b", 1)], rings=2)
    >>> [round(v, 2) + 0.0 for v in pos["b"]]  # one person: opposite the gap, at the bottom
    [0.0, -0.95]
    """
    import math

    by_ring: dict[int, list[MapNode]] = {}
    for n in nodes:
        by_ring.setdefault(n.ring, []).append(n)
    pos = {}
    for ring, members in by_ring.items():
        radius = ring_radius(ring, rings)
        members.sort(key=lambda n: (n.cluster, -n.size, n.node))
        # People are spread over the circle except a gap at the top, where the ring's name
        # goes (an arc of about 0.25 units, whatever the radius).
        gap = min(1.0, 0.25 / radius)
        start = math.pi / 2 + gap / 2
        for i, n in enumerate(members):
            angle = start + (2 * math.pi - gap) * (i + 0.5) / len(members)
            pos[n.node] = (radius * math.cos(angle), radius * math.sin(angle))
    return pos


def network_map(
    nodes: Sequence[MapNode],
    edges: Sequence[tuple[str, str, float]] = (),
    *,
    ring_names: Sequence[str] = (),
    cluster_names: Sequence[str] = (),
    collapsed: Sequence[tuple[str, int]] = (),
    fig: FigureBase | None = None,
) -> FigureBase:
    """Your network as rings around you (a black star): the closest ring holds your strongest
    ties. Colour and marker = cluster; dot size = ``size``; grey lines = ties between two
    people (``edges``, width by weight 0..1). Labelled people get a number beside their dot,
    off the marker, and the key (number, name) stands to the right of the map, so no name
    covers a dot. ``collapsed`` lists groups of people not drawn, as (what, how many): a
    legend line each.

    The caller decides which people to show (for big networks: the strongest ties only).
    """
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Circle

    fig = _target(fig, (CHART_SIZE[0], CHART_SIZE[0] * 0.8))
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_aspect("equal")
    if not nodes:
        _no_data(ax)
        return fig
    rings = max(len(ring_names), max(n.ring for n in nodes) + 1)
    pos = ring_layout(nodes, rings)
    for k in range(rings):
        radius = ring_radius(k, rings)
        ax.add_patch(Circle((0, 0), radius, fill=False, edgecolor=LIGHT_GREY, linewidth=0.8,
                            linestyle="--", zorder=0))
        if k < len(ring_names):
            ax.text(0, radius + 0.012, ring_names[k], ha="center", va="bottom", fontsize=7,
                    color=GREY, zorder=5,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"})
    drawn = [(pos[a], pos[b], max(0.0, min(1.0, w))) for a, b, w in edges
             if a in pos and b in pos and a != b]
    # Weak ties (weight < 0.5) faint, strong ones darker: a hairball of weak lines must not
    # hide the few ties that matter.
    for strong in (False, True):
        part = [(p, q, w) for p, q, w in drawn if (w >= 0.5) == strong]
        if part:
            ax.add_collection(LineCollection(
                [(p, q) for p, q, _ in part], colors="#6F6F6F" if strong else "#A8A8A8",
                linewidths=[0.4 + 1.4 * w for _, _, w in part], alpha=0.7 if strong else 0.3,
                zorder=1))
    by_cluster: dict[int, list[MapNode]] = {}
    for n in nodes:
        by_cluster.setdefault(n.cluster, []).append(n)
    for cluster in sorted(by_cluster):
        members = by_cluster[cluster]
        name = cluster_names[cluster] if cluster < len(cluster_names) else f"group {cluster + 1}"
        ax.scatter([pos[n.node][0] for n in members], [pos[n.node][1] for n in members],
                   s=[12 + 90 * max(0.0, min(1.0, n.size)) for n in members],
                   c=OKABE_ITO[cluster % 7], marker=MARKERS[cluster % 8],
                   edgecolors="#222222", linewidths=0.4, zorder=2,
                   label=f"{shorten(name, 24)} ({len(members):,})")
    ax.scatter([0], [0], s=220, c=BLACK, marker="*", zorder=3, label="you")
    for what, count in collapsed:
        if count:
            ax.scatter([], [], s=40, facecolors="none", edgecolors=GREY, marker="o",
                       label=f"{shorten(what, 30)} ({count:,}, not drawn)")
    key = []
    for n in nodes:
        if not n.label:
            continue
        key.append(n.label)
        x, y = pos[n.node]
        radius = (x * x + y * y) ** 0.5 or 1.0
        # A number just outside the dot (its radius in points, plus 3), away from the centre:
        # beside the marker, never on it; the name is in the key.
        away = (12 + 90 * max(0.0, min(1.0, n.size))) ** 0.5 / 2 + 4
        ax.annotate(str(len(key)), (x, y), xytext=(away * x / radius, away * y / radius),
                    textcoords="offset points", fontsize=6.5, fontweight="bold", zorder=4,
                    ha="center", va="center",
                    bbox={"boxstyle": "circle,pad=0.15", "fc": "white", "ec": "#444444",
                          "lw": 0.5})
    outer = max(ring_radius(k, rings) for k in range(rings))
    ax.set_xlim(-outer - 0.12, outer + (0.95 if key else 0.12))
    ax.set_ylim(-outer - 0.1, outer + 0.1)
    # The key: one line per person, the number and the name two texts on one baseline, so
    # a right-to-left name (Arabic, Hebrew) is laid out on its own and cannot pull the number
    # to its right, and a tall line (a Kannada conjunct) cannot push the next ones down.
    for i, name in enumerate(key, start=1):
        dy = -7 * 1.45 * i
        ax.annotate(str(i), (outer + 0.18, outer), xytext=(9, dy), textcoords="offset points",
                    ha="right", va="baseline", fontsize=7, zorder=5)
        ax.annotate(shorten(name, 24), (outer + 0.18, outer), xytext=(14, dy),
                    textcoords="offset points", ha="left", va="baseline", fontsize=7,
                    zorder=5, annotation_clip=False)
    # Two rows at most under the map (a third was cut off the page): five columns.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), fontsize=7, markerscale=0.8,
              ncols=5, title="role family (people)", title_fontsize=7.5, columnspacing=1.0,
              handletextpad=0.3)
    return fig


# --------------------------------------------------------------------------------------------
# Saving


def save(fig: FigureBase, stream: Any, fmt: str, *, salt: str = "netaudit") -> None:
    """Write ``fig`` as ``fmt`` ('png', 'svg' or 'pdf') without timestamps; ``salt`` seeds
    the SVG element ids (give each figure of one HTML page its own)."""
    import matplotlib
    from matplotlib.figure import Figure

    assert isinstance(fig, Figure), "a subfigure cannot be saved on its own"
    with style(), matplotlib.rc_context({"svg.hashsalt": salt}), text_sizes_shared(), \
            fonts_from_memory():
        lay_out_once(fig, fmt)
        if fmt == "png":
            _save_png(fig, stream)
        else:
            fig.savefig(stream, format=fmt, metadata=NO_METADATA.get(fmt))


#: zlib's level for PNG files. Measured on the 13 slides of the benchmark export (1920 x
#: 1080): Pillow's default, 6, took 0.47 s for 2.16 MB as RGB; 3 takes 0.34 s for 2.21 MB.
PNG_COMPRESS_LEVEL = 3


def _save_png(fig: Figure, stream: Any) -> None:
    """``fig`` as PNG at ``savefig.dpi``: drawn by savefig (Agg) as raw RGBA, and written by
    Pillow without the alpha channel when every pixel is opaque (a chart on its white
    figure always is), at :data:`PNG_COMPRESS_LEVEL`, with no text chunk.

    matplotlib's own PNG writer keeps the alpha channel and zlib's default level: on the 13
    slides of the benchmark export it took 0.57 s to write 2.40 MB, against 0.34 s for 2.21
    MB here (issue 17). The pixels are the same.
    """
    import io

    import matplotlib
    import numpy as np
    from PIL import Image

    dpi = matplotlib.rcParams["savefig.dpi"]
    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=dpi)
    data = np.frombuffer(raw.getbuffer(), dtype=np.uint8)
    # Agg's canvas is the figure's size in inches times the resolution, cut to whole pixels.
    width = int(fig.get_figwidth() * dpi)
    height, rest = divmod(len(data), 4 * width)
    assert not rest, "Agg's canvas is not as wide as the figure"
    image = Image.frombuffer("RGBA", (width, height), data, "raw", "RGBA", 0, 1)
    if data[3::4].min() == 255:
        image = image.convert("RGB")
    image.save(stream, format="png", compress_level=PNG_COMPRESS_LEVEL, dpi=(dpi, dpi))


#: matplotlib's cached function that opens the fonts of a text (``font_manager._get_font``).
_OPEN = "_get_font"


@contextmanager
def fonts_from_memory() -> Iterator[None]:
    """While the block runs, the fonts texts are measured and drawn in are read from memory.

    matplotlib opens a font file as a Python file object, and FreeType reads it through a
    callback: each time it loads a glyph, or a table for shaping, a ``seek`` and a ``read`` on
    that file, most of them system calls. On the 13 slides of the benchmark export that was
    0.15-0.25 s of the 1.8-2.1 s of CPU their drawing took, and 0.07-0.1 s of the HTML
    report's ten SVG charts (issue 17). Here each font file is read once per process, and
    FreeType reads its bytes (:class:`io.BytesIO`, the same calls without a system call).
    A font keeps its file's name (``fname``), which the PDF writer embeds the font by. The
    pixels, the SVG and the PDF are the same (tests compare them).

    The fonts opened so are kept in a cache of their own (:func:`_memory_fonts`), and
    matplotlib's module and cache are left as they are outside the block. Only where
    matplotlib opens fonts as this expects (matplotlib 3.11 does); with any other matplotlib
    the block runs as without it.
    """
    import matplotlib.font_manager as fm

    opener = _memory_fonts()
    own = getattr(fm, _OPEN, None)
    if opener is None or own is opener:  # another matplotlib, or a block around this one
        yield
        return
    setattr(fm, _OPEN, opener)
    try:
        yield
    finally:
        setattr(fm, _OPEN, own)


@lru_cache(maxsize=1)
def _memory_fonts() -> Any:
    """matplotlib's ``_get_font`` with fonts read from their files' bytes, cached as
    matplotlib caches its own (emptied in a forked child, where FreeType's objects cannot be
    used), or None where ``_get_font`` is not the function this expects."""
    import io
    import os
    import types

    import matplotlib.font_manager as fm
    from matplotlib import ft2font

    opener = getattr(fm, _OPEN, None)
    build = getattr(opener, "__wrapped__", None)
    if not isinstance(build, types.FunctionType):
        return None
    code = build.__code__
    if (getattr(fm, "ft2font", None) is not ft2font
            or not {"ft2font", "FT2Font"} <= set(code.co_names)
            or code.co_varnames[:code.co_argcount + code.co_kwonlyargcount] != (
                "font_filepaths", "_kerning_factor", "thread_id", "enable_last_resort")):
        return None

    @lru_cache(maxsize=64)
    def font_bytes(path: str) -> bytes:
        with open(path, "rb") as file:
            return file.read()

    class FromMemory:
        """``matplotlib.ft2font`` as ``_get_font`` sees it here: a font given by its path is
        opened as before, but the file FT2Font opens (through ``io.open``, looked up as it
        opens the font) is the file's bytes, named as the file."""

        def __getattr__(self, name: str) -> Any:
            return getattr(ft2font, name)

        @staticmethod
        def FT2Font(path: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N802 - as matplotlib's
            if not isinstance(path, str):
                return ft2font.FT2Font(path, *args, **kwargs)
            real_open = io.open

            def open_font(file: Any, mode: str = "r", *more: Any, **options: Any) -> Any:
                if file is not path or mode != "rb" or more or options:
                    return real_open(file, mode, *more, **options)
                stream = io.BytesIO(font_bytes(path))
                stream.name = path
                return stream

            # Only while this font is opened; any other file, and this one opened by anything
            # but FT2Font (another object, another mode), goes to the real open.
            io.open = open_font
            try:
                return ft2font.FT2Font(path, *args, **kwargs)
            finally:
                io.open = real_open

    # A copy of the function whose globals see FromMemory as ft2font: matplotlib's module is
    # left as it is.
    copy = types.FunctionType(code, {**build.__globals__, "ft2font": FromMemory()},
                              build.__name__, build.__defaults__, build.__closure__)
    copy.__kwdefaults__ = build.__kwdefaults__
    cached = lru_cache(maxsize=64)(copy)
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=cached.cache_clear)
    return cached


#: The renderers whose text sizes depend on the text, its font properties and the settings
#: alone (never on the renderer's state): matplotlib's SVG and PDF renderers measure with
#: the font's outlines at a fixed scale (TextToPath, or the PDF's embedded TrueType font).
_SHARED_SIZES = ("matplotlib.backends.backend_svg.RendererSVG",
                 "matplotlib.backends.backend_pdf.RendererPdf")


#: The function through which matplotlib's texts get their sizes (:func:`text_sizes_shared`).
_HOOK = "_get_text_metrics_with_cache"


@contextmanager
def text_sizes_shared() -> Iterator[None]:
    """While the block runs, each text's size and each font's line height are measured
    once: the SVG and PDF renderers share one cache of text sizes (:func:`_sizes_shared`),
    and every renderer one cache of the fonts texts are laid out in
    (:func:`_font_lookups_cached`). The files are the same as without (tests compare them).
    """
    with _font_lookups_cached(), _sizes_shared():
        yield


@contextmanager
def _sizes_shared() -> Iterator[None]:
    """While the block runs, the SVG and PDF renderers share one cache of text sizes.

    matplotlib caches a text's size per renderer object (``matplotlib.text.
    _get_text_metrics_with_cache``), and saving an SVG or PDF with a layout uses two: one to
    lay the figure out, one to write it, so every text was measured twice with the same
    result. The sizes of the renderers in :data:`_SHARED_SIZES` are taken from one cache
    keyed as matplotlib keys its own (text, font properties, math or not, dpi) and the
    renderer's class; every other renderer (Agg, which lays out and draws with one object
    already) keeps matplotlib's own cache. Used only where matplotlib measures text through
    that one function (:func:`_text_sizes_hook`): with any other matplotlib the block runs
    as it would without this, and the files are the same either way (a test compares them).
    """
    hook = _text_sizes_hook()
    if hook is None:
        yield
        return
    import matplotlib.text as mtext

    sizes: dict[tuple[Any, ...], tuple[float, float, float]] = {}

    def measure(renderer: Any, text: str, fontprop: Any, ismath: Any,
                dpi: float) -> tuple[float, float, float]:
        # A mixed-mode renderer (SVG, PDF) hands the call to the renderer drawing now.
        method = renderer.get_text_width_height_descent
        kind = type(getattr(method, "__self__", None))
        if f"{kind.__module__}.{kind.__qualname__}" not in _SHARED_SIZES:
            return hook(renderer, text, fontprop, ismath, dpi)
        key = (kind, text, fontprop.copy(), ismath, dpi)
        size = sizes.get(key)
        if size is None:
            size = sizes[key] = method(text, fontprop, ismath)
        return size

    setattr(mtext, _HOOK, measure)
    try:
        yield
    finally:
        setattr(mtext, _HOOK, hook)


def _text_sizes_hook() -> Any:
    """matplotlib's text size cache function when this matplotlib measures every text
    through it as :func:`text_sizes_shared` expects (matplotlib 3.11 does), else None."""
    import inspect

    import matplotlib.text as mtext

    hook = getattr(mtext, _HOOK, None)
    if hook is None or not callable(hook):
        return None
    try:
        names = list(inspect.signature(hook).parameters)
    except (TypeError, ValueError):
        return None
    if names != ["renderer", "text", "fontprop", "ismath", "dpi"] or not _layout_reads(_HOOK):
        return None
    return hook


def _layout_reads(*names: str) -> bool:
    """Whether matplotlib's ``Text._get_layout`` uses each of ``names`` (the functions and
    attributes :func:`text_sizes_shared` stands in for): with a matplotlib that lays texts
    out another way, the stand-ins are not put in place.

    >>> _layout_reads("get_sfnt_table"), _layout_reads("no_such_name")
    (True, False)
    """
    import matplotlib.text as mtext

    layout = getattr(getattr(mtext.Text, "_get_layout", None), "__code__", None)
    return layout is not None and set(names) <= set(layout.co_names)


#: The font manager's method that finds the font files of font properties.
_FIND = "_find_fonts_by_props"


@contextmanager
def _font_lookups_cached() -> Iterator[None]:
    """While the block runs, the font files of each font properties are looked up once,
    and the tables a text's line height is read from once per font.

    matplotlib finds the font files of a text's font properties
    (``fontManager._find_fonts_by_props``: a copy of the properties and a ``findfont`` per
    family of the fallback list) each time it lays the text out (``Text._get_layout``, for
    its size and again to draw it), and each time Agg measures or draws it; laying it out,
    it then opens the font (``get_font``) and reads two of its tables (``get_sfnt_table``,
    a new dict each time). The report's ten charts lay texts out 1,623 times with about
    twenty distinct font properties: 0.05 s of their 0.54 s (issue 17). Here the font
    manager answers a lookup of font properties alone from what it found before, and
    ``matplotlib.text`` gets each font's tables through :class:`_FontTables`. The lookup
    depends on the properties and the rcParams, which stay as they are while a figure is
    saved (:func:`save` enters this last). Only where ``_get_layout`` finds fonts that way
    (:func:`_font_lookup_names`): with any other matplotlib the block runs as without it.
    """
    names = _font_lookup_names()
    if names is None:
        yield
        return
    import threading

    import matplotlib.text as mtext
    from matplotlib.font_manager import FontProperties

    manager, get_font = names
    find = manager._find_fonts_by_props
    found: dict[Any, list[Any]] = {}
    opened: dict[tuple[int, int], _FontTables] = {}

    def find_once(prop: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or not isinstance(prop, FontProperties):
            return find(prop, *args, **kwargs)
        paths = found.get(prop)
        if paths is None:  # a copy as the key: the text may change its own later
            paths = found[prop.copy()] = find(prop)
        return paths  # the same list each time: matplotlib only reads it

    def tables_of(paths: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or not isinstance(paths, list):
            return get_font(paths, *args, **kwargs)
        # matplotlib keeps one font object per thread (FreeType's are not thread-safe).
        key = (id(paths), threading.get_ident())
        font = opened.get(key)
        if font is None or font.paths is not paths:
            font = opened[key] = _FontTables(paths, get_font(paths))
        return font

    own = manager.__dict__.get(_FIND)  # a block around this one
    setattr(manager, _FIND, find_once)  # on this object: every module's fontManager
    setattr(mtext, "get_font", tables_of)  # noqa: B010 - not in matplotlib's stubs
    try:
        yield
    finally:
        setattr(mtext, "get_font", get_font)  # noqa: B010
        if own is None:
            delattr(manager, _FIND)
        else:
            setattr(manager, _FIND, own)


class _FontTables:
    """A font as ``Text._get_layout`` uses it: its SFNT tables, each read once (the same
    dict each time; matplotlib only reads them); anything else is the font's own."""

    def __init__(self, paths: list[Any], font: Any) -> None:
        self.paths, self.font = paths, font
        self.tables: dict[str, Any] = {}

    def get_sfnt_table(self, name: str) -> Any:
        if name not in self.tables:
            self.tables[name] = self.font.get_sfnt_table(name)
        return self.tables[name]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.font, name)


def _font_lookup_names() -> tuple[Any, Any] | None:
    """matplotlib's font manager and ``matplotlib.text.get_font`` when
    ``Text._get_layout`` finds a text's font through exactly these (matplotlib 3.11 does),
    else None."""
    import matplotlib.font_manager as fm
    import matplotlib.text as mtext

    manager, get_font = getattr(mtext, "fontManager", None), getattr(mtext, "get_font", None)
    if manager is None or manager is not getattr(fm, "fontManager", None) or not callable(
            get_font) or not callable(getattr(manager, _FIND, None)):
        return None
    if not _layout_reads("get_font", "fontManager", _FIND, "get_sfnt_table"):
        return None
    return manager, get_font


def lay_out_once(fig: Any, fmt: str) -> None:
    """Run ``fig``'s constrained layout now, as ``savefig(format=fmt)`` would in its first
    pass, and turn the layout engine off, so that savefig draws the figure once.

    Given a layout engine, savefig draws the whole figure with drawing disabled only to lay
    it out, then draws it again; for PDF and SVG the two passes use two renderers that share
    no text-size cache, so every text (a PDF page's table cells) is measured twice. Laid out
    here with the canvas and resolution savefig's first pass uses (72 dpi for the vector
    formats, ``savefig.dpi`` for PNG), the file has the same bytes. Call it inside
    :func:`style`, just before saving.
    """
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    engine = fig.get_layout_engine() if isinstance(fig, Figure) else None  # not a subfigure
    if not isinstance(engine, ConstrainedLayoutEngine):
        return
    Canvas: type[FigureCanvasBase]
    if fmt == "pdf":
        from matplotlib.backends.backend_pdf import FigureCanvasPdf as Canvas
    elif fmt == "svg":
        from matplotlib.backends.backend_svg import FigureCanvasSVG as Canvas
    elif fmt == "png":
        from matplotlib.backends.backend_agg import FigureCanvasAgg as Canvas
    else:
        return
    Canvas(fig)
    dpi = fig.dpi
    fig.dpi = matplotlib.rcParams["savefig.dpi"] if fmt == "png" else 72
    try:
        if not lay_out_grid(fig, **engine.get()):
            engine.execute(fig)
    finally:
        fig.dpi = dpi
    _snap_layout(fig)
    # None, not 'none': savefig runs its layout pass for any engine, placeholders too.
    fig.set_layout_engine(None)


def grid_edges(ratios: Sequence[float], before: Sequence[float],
               after: Sequence[float]) -> list[tuple[float, float]]:
    """The (start, end) of each cell of a row of cells that fills 0..1: cell ``i`` has
    ``before[i]`` free in front of it and ``after[i]`` behind it (its labels and a pad), and
    the cells share what is left in proportion to ``ratios``, as constrained layout shares
    it. Empty when the margins leave no room.

    >>> grid_edges([1], [0.125], [0.25])
    [(0.125, 0.75)]
    >>> grid_edges([1, 3], [0.25, 0.0], [0.0, 0.25])
    [(0.25, 0.375), (0.375, 0.75)]
    """
    room = 1.0 - sum(before) - sum(after)
    if room <= 0:
        return []
    unit = room / sum(ratios)
    edges = []
    at = 0.0
    for ratio, lead, tail in zip(ratios, before, after, strict=True):
        start = at + lead
        at = start + ratio * unit
        edges.append((start, at))
        at += tail
    return edges


def lay_out_grid(fig: Figure, *, w_pad: float, h_pad: float, wspace: float, hspace: float,
                 rect: Any = (0, 0, 1, 1), compress: bool = False, **_: Any) -> bool:
    """Lay out ``fig`` as constrained layout would, measuring the axes' ticks and labels
    once: False (nothing changed) for a figure it leaves to constrained layout.

    Constrained layout measures every axes' tight box (ticks, labels, legends, texts
    outside it) twice and repositions the axes after each pass, because what sits at data
    or axes coordinates (a count at a bar's end, a legend below the axes) moves with the
    axes' size. The ticks, their labels and the axis labels sit at a fixed distance from
    the axes' edges and cost most of the measuring: here they are measured once, at the
    gridspec's default positions, with everything else; after the axes have moved, the
    rest is measured again, and each side keeps the larger of the two needs (so nothing
    can be cut off), plus constrained layout's pads. Each column (row) gets the room its
    axes' decorations take; the columns share the rest by their width ratios.

    Laid out here: the axes of one gridspec of the figure (a chart), or of each subfigure
    when the figure holds only subfigures with no space between them (a slide: each keeps
    the cell its height ratio gives it, where constrained layout puts it); axes placed by
    hand (``add_axes``) stay where they are, as constrained layout leaves them. A fixed
    aspect (the network map), a figure title or legend or nested gridspecs go to
    constrained layout. ``w_pad`` … ``compress`` are the constrained layout engine's
    settings (:meth:`ConstrainedLayoutEngine.get`): pads in inches, spaces as fractions."""
    def titled(panel: Any) -> bool:
        return bool(panel.legends or panel.get_suptitle() or panel.get_supxlabel()
                    or panel.get_supylabel())

    if compress or tuple(rect) != (0, 0, 1, 1) or titled(fig):
        return False
    panels: list[Any] = [fig]
    if fig.subfigs:
        panels = list(fig.subfigs)
        if wspace or hspace or any(sub.subfigs or titled(sub) for sub in panels) or any(
                ax.get_figure(root=False) is fig for ax in fig.axes):
            return False
    plans = []
    for panel in panels:
        axes = [ax for ax in panel.axes
                if ax.get_in_layout() and ax.get_subplotspec() is not None]
        if not axes:
            continue
        grid: Any = axes[0].get_subplotspec().get_gridspec()
        if getattr(grid, "figure", None) is not panel or any(
                ax.get_subplotspec().get_gridspec() is not grid or ax.get_aspect() != "auto"
                for ax in axes):
            return False  # a gridspec inside a cell of another, or a fixed aspect
        plans.append((panel, axes, grid))
    if not plans:
        return True  # nothing in a gridspec: constrained layout would move nothing either
    original = [(ax, ax.get_position(original=True)) for _, axes, _ in plans for ax in axes]
    places = [_GridPlaces(panel, axes, grid, fig, w_pad=w_pad, h_pad=h_pad, wspace=wspace,
                          hspace=hspace) for panel, axes, grid in plans]
    for decorations in (True, False):
        for place in places:
            place.measure(decorations=decorations)
        if not all(place.place() for place in places):
            for ax, box in original:  # no room left: constrained layout says so
                ax.set_position(box)
                ax.set_in_layout(True)
            return False
    return True


class _GridPlaces:
    """The axes of one gridspec filling ``panel`` (a figure or subfigure), as
    :func:`lay_out_grid` places them: what each column and row needs around its axes, in
    pixels, and the positions that follow."""

    def __init__(self, panel: Any, axes: list[Any], grid: Any, fig: Figure, *, w_pad: float,
                 h_pad: float, wspace: float, hspace: float) -> None:
        self.panel, self.axes, self.grid = panel, axes, grid
        self.rows, self.cols = grid.get_geometry()
        whole = fig.bbox
        # A pad, or half the space between cells where that is wider (constrained layout's
        # rule; its spaces are fractions of the whole figure, its pads inches).
        self.w_pad, self.h_pad = w_pad * fig.dpi, h_pad * fig.dpi
        gap_w = (grid.wspace if grid.wspace is not None else wspace) / 2 / self.cols
        gap_h = (grid.hspace if grid.hspace is not None else hspace) / 2 / self.rows
        self.gap_w = max(gap_w * whole.width, self.w_pad)
        self.gap_h = max(gap_h * whole.height, self.h_pad)
        self.left, self.right = [0.0] * self.cols, [0.0] * self.cols
        self.top, self.bottom = [0.0] * self.rows, [0.0] * self.rows

    def measure(self, *, decorations: bool) -> None:
        """Widen each column's and row's margins to what its axes need now; without
        ``decorations`` the axes' ticks and labels are left out of the measure (they keep
        the room measured with them)."""
        for ax in self.axes:
            spec = ax.get_subplotspec()
            pos = ax.get_position(original=True).transformed(self.panel.transSubfigure)
            shown = [axis for axis in (ax.xaxis, ax.yaxis) if axis.get_visible()]
            if not decorations:
                for axis in shown:
                    axis.set_visible(False)
            try:
                tight = ax.get_tightbbox(for_layout_only=True)
            finally:
                for axis in shown:
                    axis.set_visible(True)
            if tight is None:
                continue
            c0, c1 = spec.colspan.start, spec.colspan.stop - 1
            r0, r1 = spec.rowspan.start, spec.rowspan.stop - 1
            last_c, last_r = self.cols - 1, self.rows - 1
            self.left[c0] = max(self.left[c0], pos.x0 - tight.x0 + (
                self.gap_w if c0 > 0 else self.w_pad))
            self.right[c1] = max(self.right[c1], tight.x1 - pos.x1 + (
                self.gap_w if c1 < last_c else self.w_pad))
            self.top[r0] = max(self.top[r0], tight.y1 - pos.y1 + (
                self.gap_h if r0 > 0 else self.h_pad))
            self.bottom[r1] = max(self.bottom[r1], pos.y0 - tight.y0 + (
                self.gap_h if r1 < last_r else self.h_pad))

    def place(self) -> bool:
        """Move the axes to the cells the margins leave; False when they leave no room."""
        from matplotlib.transforms import Bbox

        box = self.panel.bbox
        xs = grid_edges(self.grid.get_width_ratios() or [1.0] * self.cols,
                        [m / box.width for m in self.left], [m / box.width for m in self.right])
        ys = grid_edges(self.grid.get_height_ratios() or [1.0] * self.rows,
                        [m / box.height for m in self.top],
                        [m / box.height for m in self.bottom])
        if not xs or not ys:
            return False
        for ax in self.axes:
            spec = ax.get_subplotspec()
            x0, x1 = xs[spec.colspan.start][0], xs[spec.colspan.stop - 1][1]
            y1, y0 = ys[spec.rowspan.start][0], ys[spec.rowspan.stop - 1][1]
            ax.set_position(Bbox.from_extents(x0, 1 - y0, x1, 1 - y1))
            ax.set_in_layout(True)  # set_position takes the axes out of layouts
        return True


#: Decimals of an inch that a laid-out subfigure's edges keep (:func:`_snap_layout`): a
#: millionth of a pixel at 150 dpi, far above the layout solver's noise (1e-15 inch).
LAYOUT_DECIMALS = 9


def _snap_layout(fig: Any) -> None:
    """Round the edges of the subfigures of ``fig`` (a slide's chart or table, a chart on a
    PDF page) to :data:`LAYOUT_DECIMALS` decimals of an inch, after either layout.

    The layout's solver (kiwisolver) orders the terms of a constraint by the memory
    addresses of its variables, so the same figure is laid out with different rounding in
    the last bits from one run (or one drawing) to the next, whatever PYTHONHASHSEED is: a
    slide's table, 1.05 inch above the bottom, at 104.99999999999994 or 105.00000000000011
    pixels of 100 dpi. Agg places each glyph at 1/64 pixel, rounding half to even, and a
    text whose line spacing put it on half a 1/64 (a name on the introductions' slide) was
    drawn 1/64 pixel up or down, so the PNG differed between runs. Rounded in inches (1.05,
    not 1.0500000000000012), every run draws from the same numbers. Axes keep their
    positions as laid out: the SVG's clip ids are made from their exact numbers. The
    subfigures :func:`lay_out_grid` leaves where their grid puts them have no such noise;
    they are rounded too, and their slides' glyphs sit where those numbers put them
    (skipping them moved text on five table slides by 1/64 pixel).
    """
    import numpy as np

    size = fig.get_size_inches()
    subfigures = list(fig.subfigs)
    while subfigures:
        sub = subfigures.pop()
        subfigures.extend(sub.subfigs)
        box = sub.bbox_relative
        box.set_points(np.array(
            [[round(float(v) * inches, LAYOUT_DECIMALS) / inches
              for v, inches in zip(point, size, strict=True)]
             for point in box.get_points()]))


def draw(chart: Any, *args: Any, **kwargs: Any) -> Figure:
    """Call a chart function inside :func:`style` on a new figure and return it."""
    with style():
        return chart(*args, **kwargs)


# --------------------------------------------------------------------------------------------
# Slides: a chart or a table standing alone (the report's PNG folder)

#: A slide: 16:9, 1920 x 1080 pixels at savefig.dpi (150).
SLIDE_SIZE = (12.8, 7.2)


def table_chart(columns: Sequence[str], rows: Sequence[Sequence[str]], *,
                numeric: Sequence[bool] = (), note: str = "",
                fig: FigureBase | None = None) -> FigureBase:
    """A table drawn as a figure (a slide of a list of people): a header row, alternate rows
    shaded, long texts wrapped on words to two lines (then cut with an ellipsis), numbers
    right-aligned. As many rows as the figure holds; ``note`` (e.g. 'top 12 of 45') below."""
    from matplotlib.patches import Rectangle

    fig = _target(fig, (SLIDE_SIZE[0], 4.8))
    # The whole (sub)figure, margins aside: the rows are measured in its inches.
    ax = fig.add_axes((0.03, 0.0, 0.94, 1.0))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    numeric = list(numeric) or [False] * len(columns)
    box, dpi = fig.bbox, fig.figure.dpi  # type: ignore[attr-defined]  # Figure or SubFigure
    width_in = 0.94 * box.width / dpi
    height_in = box.height / dpi
    # Column shares from the longest cell (characters), a long column at most 60 characters.
    need = [max([len(c) + 2] + [min(60, len(str(r[i]))) + 2 for r in rows])
            for i, c in enumerate(columns)]
    total = sum(need)
    shares = [n / total for n in need]
    chars_per_in = 13.0  # 9 pt DejaVu Sans: about 13 characters an inch
    wraps = [max(8, int(s * width_in * chars_per_in) - 2) for s in shares]
    line_in = 9 * 1.35 / 72
    room = height_in - 0.35 - (0.3 if note else 0.0)
    y = 1.0
    edges = [0.0]
    for s in shares:
        edges.append(edges[-1] + s)

    def draw_row(cells: Sequence[str], bold: bool, shade: str | None) -> float:
        lines = []
        for i, cell in enumerate(cells):
            wrapped = textwrap.wrap(drawable(str(cell)), wraps[i]) or [""]
            if len(wrapped) > 2:
                wrapped = [wrapped[0], shorten(wrapped[1] + " …", wraps[i])]
            lines.append(wrapped)
        tall = max(len(w) for w in lines) * line_in + 0.1
        h = tall / height_in
        nonlocal y
        if shade:
            ax.add_patch(Rectangle((0, y - h), 1, h, facecolor=shade, edgecolor="none",
                                   transform=ax.transAxes))
        for i, wrapped in enumerate(lines):
            right = numeric[i] if i < len(numeric) else False
            x = edges[i + 1] - 0.006 if right else edges[i] + 0.006
            ax.text(x, y - 0.05 / height_in, "\n".join(wrapped), transform=ax.transAxes,
                    ha="right" if right else "left", va="top", fontsize=9,
                    fontweight="bold" if bold else "normal", linespacing=1.35)
        y -= h
        return tall

    used = draw_row([c[:1].upper() + c[1:] for c in columns], True, "#E8EEF4")
    shown = 0
    for k, row in enumerate(rows):
        cells = [str(c) for c in row]
        tall = max(min(2, len(textwrap.wrap(c, wraps[i]) or [""])) for i, c in
                   enumerate(cells)) * line_in + 0.1
        if used + tall > room:
            break
        used += draw_row(cells, False, "#F5F5F5" if k % 2 else None)
        shown += 1
    if shown < len(rows):
        note = (f"{shown} of these {len(rows)} rows shown; " + note) if note else \
            f"{shown} of {len(rows)} rows shown"
    if note:
        ax.text(0, y - 0.08 / height_in, note, transform=ax.transAxes, ha="left", va="top",
                fontsize=8, color=GREY)
    ax.set_ylim(0, 1)
    return fig


def slide(draw_body: Any, *, title: str, headline: str, caption: str, footer: str,
          scrub: Any = None) -> Figure:
    """A 16:9 slide: the title and headline at the top, ``draw_body(fig=subfigure)`` (a
    chart or :func:`table_chart`) in the middle, a caption and a footer line (date, source)
    at the bottom."""
    fig = new_figure(SLIDE_SIZE)
    fig.set_layout_engine("constrained", w_pad=0.35, h_pad=0.05, hspace=0, wspace=0)
    width, height = SLIDE_SIZE
    top_in, bottom_in = 1.45, 1.05
    grid = fig.add_gridspec(3, 1, height_ratios=[top_in, height - top_in - bottom_in,
                                                 bottom_in])
    draw_body(fig=fig.add_subfigure(grid[1]))
    left = 0.45 / width
    fig.text(left, 1 - 0.3 / height, title, fontsize=20, fontweight="bold", va="top",
             ha="left")
    fig.text(left, 1 - 0.78 / height, wrap(headline, 120), fontsize=12.5, color=BLUE,
             fontweight="bold", va="top", ha="left", linespacing=1.3)
    fig.text(left, 0.95 / height, wrap(caption, 170), fontsize=9, color="#404040", va="top",
             ha="left", linespacing=1.35)
    fig.text(left, 0.22 / height, footer, fontsize=8, color=GREY, va="bottom", ha="left")
    clean_texts(fig, scrub)
    return fig


# --------------------------------------------------------------------------------------------
# The team report (render/report/team.py)


def reach_chart(members: Sequence[tuple[str, int, int]], *,
                fig: FigureBase | None = None) -> FigureBase:
    """One stacked horizontal bar per member: connections only they have, then connections a
    teammate has too; the counts written in each part."""
    fig = fig if fig is not None else new_figure(
        (CHART_SIZE[0], max(1.8, 0.9 + 0.45 * len(members))))
    ax = fig.subplots()
    y = list(range(len(members)))[::-1]
    high = max((u + s for _, u, s in members), default=0) or 1
    for yi, (_, unique, shared) in zip(y, members, strict=True):
        ax.barh(yi, unique, height=0.6, color=BLUE,
                label="only this member" if yi == y[0] else None)
        ax.barh(yi, shared, left=unique, height=0.6, color=SKY,
                label="also a teammate's" if yi == y[0] else None)
        for left, width, ink in ((0, unique, "white"), (unique, shared, "#111111")):
            if width and width / high > 0.06:
                ax.text(left + width / 2, yi, f"{width:,}", ha="center", va="center",
                        color=ink, fontsize=8, fontweight="bold")
        ax.annotate(f"{unique + shared:,}", (unique + shared, yi), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=8)
    _bar_axis(ax)
    ax.set_yticks(y, [shorten(name, 30) for name, _, _ in members])
    ax.set_xlim(0, high * 1.12)
    ax.set_xlabel("connections")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2)
    return fig


def overlap_chart(names: Sequence[str], matrix: Sequence[Sequence[int]], *,
                  fig: FigureBase | None = None) -> FigureBase:
    """The overlap matrix as a grid of shaded cells, each with its count; the diagonal (a
    member's own connections) in grey, so that the shading compares the shared counts."""
    n = len(names)
    fig = fig if fig is not None else new_figure(
        (CHART_SIZE[0], max(2.4, 1.2 + 0.55 * n)))
    ax = fig.subplots()
    off = [matrix[i][j] for i in range(n) for j in range(n) if i != j]
    high = max(off, default=0) or 1
    from matplotlib.colors import to_rgb

    blue = to_rgb(BLUE)
    for i in range(n):
        for j in range(n):
            value = matrix[i][j]
            if i == j:
                colour: Any = LIGHT_GREY
                ink = "#222222"
            else:
                level = value / high
                colour = tuple(1 - level * 0.85 * (1 - c) for c in blue)
                ink = "white" if level > 0.55 else "#222222"
            ax.add_patch(_cell(j, n - 1 - i, colour))
            ax.text(j + 0.5, n - 1 - i + 0.5, f"{value:,}", ha="center", va="center",
                    fontsize=9, color=ink, fontweight="bold" if i != j else "normal")
    short = [shorten(name, 22) for name in names]
    ax.set_xlim(0, n)
    ax.set_ylim(0, n)
    ax.set_aspect("equal")
    ax.set_xticks([j + 0.5 for j in range(n)], [f"{j + 1}" for j in range(n)])
    ax.set_yticks([n - 1 - i + 0.5 for i in range(n)],
                  [f"{i + 1}. {s}" for i, s in enumerate(short)])
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title("shared connections (row member, column member)", pad=18)
    return fig


def _cell(x: float, y: float, colour: Any) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x + 0.03, y + 0.03), 0.94, 0.94, facecolor=colour, edgecolor="none")


def targets_chart(names: Sequence[str], targets: Sequence[tuple[str, Sequence[int]]], *,
                  fig: FigureBase | None = None) -> FigureBase:
    """Per target, one bar per member: the people there among that member's connections."""
    k = max(1, len(names))
    fig = fig if fig is not None else new_figure(
        (CHART_SIZE[0], max(2.2, 1.0 + 0.25 * len(targets) * k)))
    ax = fig.subplots()
    height = 0.8 / k
    high = max((v for _, values in targets for v in values), default=0) or 1
    ticks = []
    for t, (_, values) in enumerate(targets):
        centre = len(targets) - 1 - t
        ticks.append(centre)
        for m, value in enumerate(values):
            y = centre + 0.4 - height * (m + 0.5)
            ax.barh(y, value, height=height * 0.9, color=OKABE_ITO[m % 8],
                    hatch=HATCHES[m % 8], edgecolor="white", linewidth=0,
                    label=shorten(names[m], 26) if t == 0 else None)
            ax.annotate(f"{value:,}", (value, y), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=7.5)
    _bar_axis(ax)
    ax.set_yticks(ticks, [shorten(label, 28) for label, _ in targets])
    ax.set_xlim(0, high * 1.2)
    ax.set_xlabel("people at the target among the member's connections")
    ax.legend(loc="lower right")
    return fig


def brokers_chart(items: Sequence[tuple[str, float]], *,
                  fig: FigureBase | None = None) -> FigureBase:
    """Betweenness of the top brokers, largest first, its value at each bar's end."""
    fig = fig if fig is not None else new_figure(
        (CHART_SIZE[0], max(2.0, 0.8 + 0.28 * len(items))))
    ax = fig.subplots()
    y = list(range(len(items)))[::-1]
    high = max((v for _, v in items), default=0) or 1
    for yi, (_, value) in zip(y, items, strict=True):
        ax.barh(yi, value, height=0.7, color=BLUE)
        ax.annotate(f"{value:.3f}", (value, yi), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=7.5)
    _bar_axis(ax)
    ax.set_yticks(y, [shorten(name, 30) for name, _ in items])
    ax.set_xlim(0, high * 1.2)
    ax.set_xlabel("betweenness (share of shortest paths through the person)")
    return fig
