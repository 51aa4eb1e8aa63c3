"""Chart functions draw exactly the numbers they are given, in one deterministic style."""

from __future__ import annotations

import io
import os

import pytest
from matplotlib.figure import Figure

from netaudit.render import charts
from netaudit.render.charts import MapNode, Rate


def bars(ax):
    return [p for c in ax.containers if c.__class__.__name__ == "BarContainer" for p in c]


def texts(fig):
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def test_growth_chart_fills_empty_years_and_draws_the_running_total():
    fig = charts.draw(charts.growth_chart, {"2020": 2, "2022": 3})
    assert isinstance(fig, Figure)
    ax, twin = fig.axes
    # 2021 gained nobody: three bars 2, 0, 3 at x = 2020, 2021, 2022.
    assert [(b.get_x() + b.get_width() / 2, b.get_height()) for b in bars(ax)] == [
        (2020, 2), (2021, 0), (2022, 3)]
    # Running total by hand: 2, 2 + 0 = 2, 2 + 3 = 5.
    (line,) = twin.get_lines()
    assert list(line.get_ydata()) == [2, 2, 5]
    assert "5" in texts(fig)


def test_stacked_share_chart_splits_each_row_into_shares():
    fig = charts.draw(charts.stacked_share_chart, [("You", (15, 5)), ("Article", (990, 60))],
                      ["they asked", "you asked"])
    (ax,) = fig.axes
    widths = sorted(round(b.get_width(), 4) for b in bars(ax))
    # 15/20 = 0.75, 5/20 = 0.25, 990/1050 = 0.9429, 60/1050 = 0.0571.
    assert widths == [0.0571, 0.25, 0.75, 0.9429]
    assert "15 of 20\n(75.0%)" in texts(fig)


def test_rate_chart_draws_dots_intervals_and_group_headings():
    rates = [Rate("Your outreach", 42, 1050, 0.0297, 0.0536), "Role family",
             Rate("recruiting", 3, 7, 0.16, 0.75), Rate("Article", 42, 1050, 0.0297, 0.0536,
                                                        reference=True)]
    fig = charts.draw(charts.rate_chart, rates, reference=0.04, reference_label="article")
    (ax,) = fig.axes
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Your outreach", "Role family", "recruiting", "Article"]
    assert [t.get_fontweight() for t in ax.get_yticklabels()][1] == "bold"
    dots = sorted((round(x, 4), y) for line in ax.get_lines() if line.get_marker() in ("o", "s")
                  for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True))
    # Rows from the top: y = 3, 2 (heading, no dot), 1, 0. 42/1050 = 0.04, 3/7 = 0.4286.
    assert dots == [(0.04, 0), (0.04, 3), (0.4286, 1)]
    assert "4.0%  (42 of 1,050)" in texts(fig)
    assert "42.9%  (3 of 7)" in texts(fig)


def test_binned_bar_chart_labels_each_bar_with_its_count():
    fig = charts.draw(charts.binned_bar_chart, [("within 24 hours", 18), ("1 to 7 days", 7),
                                                ("7 to 30 days", 1)],
                      xlabel="time", ylabel="people", marks=[(0, "median: 17 hours")])
    (ax,) = fig.axes
    assert [b.get_height() for b in bars(ax)] == [18, 7, 1]
    assert {"18", "7", "1", "median: 17 hours"} <= set(texts(fig))


def test_lorenz_points_by_hand():
    # Sorted 0, 0, 1, 3 (total 4): cumulative shares 0, 0, 1/4, 4/4.
    assert charts.lorenz_points([3, 0, 1, 0]) == (
        [0.0, 0.25, 0.5, 0.75, 1.0], [0.0, 0.0, 0.0, 0.25, 1.0])
    assert charts.lorenz_points([0, 0]) == ([], [])


def test_lorenz_chart_draws_the_distribution_the_curve_and_the_gini():
    lorenz = ([0.0, 0.5, 1.0], [0.0, 0.2, 1.0])
    fig = charts.draw(charts.lorenz_chart, [("0", 5), ("1", 3), ("2+", 2)], lorenz, 0.4)
    left, right = fig.axes
    assert [b.get_height() for b in bars(left)] == [5, 3, 2]
    curves = {line.get_label(): list(line.get_ydata()) for line in right.get_lines()}
    assert curves["your network"] == [0.0, 0.2, 1.0]
    assert curves["everyone equally active"] == [0, 1]
    assert "Gini = 0.40" in texts(fig)


def test_count_bars_chart_shortens_long_labels_and_shows_shares():
    long_name = "International Business Machines Corporation of the Americas"
    fig = charts.draw(charts.count_bars_chart,
                      [("Top companies", [(long_name, 30), ("Acme", 10)]),
                       ("Status", [("active", 3), ("dormant", 1)])],
                      total=100, hatched=(False, True))
    left, right = fig.axes
    assert [b.get_width() for b in bars(left)] == [30, 10]
    labels = [t.get_text() for t in left.get_yticklabels()]
    # Side-by-side panels shorten to 22 characters: 21 of the name and the ellipsis.
    assert labels == ["International Busines…", "Acme"]
    assert {"30 (30%)", "10 (10%)", "3 (3%)", "1 (1%)"} <= set(texts(fig))
    # Colour carries meaning in the status panel only, so only there is each bar hatched.
    assert [str(b.get_hatch() or "") for b in bars(right)] == ["", "///"]
    assert all(not b.get_hatch() for b in bars(left))


def test_recall_chart_draws_both_bars_and_the_article_lines():
    fig = charts.draw(charts.recall_chart, [("You", 12, 9)], best=27, worst=4)
    (ax,) = fig.axes
    assert sorted(b.get_width() for b in bars(ax)) == [9, 12]
    assert {"article's best: 27", "article's worst: 4", "9 (12)"} <= set(texts(fig))


def test_ring_layout_by_hand():
    import math

    # Two rings: radius 0.3 and 0.95. Ring 0 leaves a gap of min(1, 0.25 / 0.3) = 0.8333 rad
    # at the top; its two people sit at pi/2 + gap/2 + (2 pi - gap) * (i + 0.5) / 2.
    people = [MapNode("a", 0), MapNode("b", 0), MapNode("c", 1)]
    pos = charts.ring_layout(people, rings=2)
    gap = 0.25 / 0.3
    for i, node in enumerate("ab"):
        angle = math.pi / 2 + gap / 2 + (2 * math.pi - gap) * (i + 0.5) / 2
        assert pos[node] == pytest.approx((0.3 * math.cos(angle), 0.3 * math.sin(angle)))
    # A ring with one person puts them opposite the gap: straight down.
    assert pos["c"] == pytest.approx((0.0, -0.95))


def test_network_map_names_only_labelled_people():
    nodes = [MapNode("a", 0, 0, 0.9, "Ana Ruiz"), MapNode("b", 1, 1, 0.4, ""),
             MapNode("c", 1, 1, 0.3, "")]
    fig = charts.draw(charts.network_map, nodes, [("a", "b", 0.5), ("a", "zz", 1.0)],
                      ring_names=["top 5", "top 15"], cluster_names=["recruiting", "design"],
                      collapsed=[("no role family", 27)])
    (ax,) = fig.axes
    offsets = sum(len(c.get_offsets()) for c in ax.collections
                  if c.__class__.__name__ == "PathCollection")
    assert offsets == 4  # three people and you
    (lines,) = [c for c in ax.collections if c.__class__.__name__ == "LineCollection"]
    assert len(lines.get_segments()) == 1  # the tie to an unknown node is not drawn
    shown = texts(fig)
    # The labelled person is numbered beside the dot; the name is in the key, not on the map:
    # once, right of the outer ring (radius 0.95, see test_ring_layout_by_hand), beside its
    # number on the same baseline.
    (name,) = [t for t in ax.texts if t.get_text() == "Ana Ruiz"]
    numbers = [t for t in ax.texts if t.get_text() == "1"]
    assert name.xy[0] > 0.95 and len(numbers) == 2  # beside the dot, and in the key
    assert [t.xyann[1] for t in numbers if t.xy == name.xy] == [name.xyann[1]]
    assert "top 15" in shown
    assert "recruiting (1)" in shown and "design (2)" in shown
    # People collapsed into a count: a legend line, no dot.
    assert "no role family (27, not drawn)" in shown


@pytest.mark.parametrize("chart, args", [
    (charts.growth_chart, ({},)),
    (charts.rate_chart, ([],)),
    (charts.count_bars_chart, ([("Top companies", [])],)),
    (charts.network_map, ([],)),
])
def test_charts_without_data_say_so(chart, args):
    fig = charts.draw(chart, *args)
    assert any("no " in t for t in texts(fig))


def test_drawable_drops_emoji_and_keeps_every_letter():
    # Names in other scripts are kept and shaped (tests/render/test_chart_scripts.py).
    assert charts.drawable("🌱 Priya Patel") == "Priya Patel"
    assert charts.drawable("王伟") == "王伟"
    assert charts.drawable("Søren Ørsted, José") == "Søren Ørsted, José"


def test_saved_charts_are_byte_identical_across_runs():
    outputs = []
    for _ in range(2):
        fig = charts.draw(charts.growth_chart, {"2019": 4, "2020": 7})
        svg, png = io.StringIO(), io.BytesIO()
        charts.save(fig, svg, "svg")
        charts.save(fig, png, "png")
        outputs.append((svg.getvalue(), png.getvalue()))
    assert outputs[0] == outputs[1]
    assert "Date" not in outputs[0][0] and "<dc:date>" not in outputs[0][0]


def test_png_has_matplotlibs_pixels_without_the_alpha_channel_of_an_opaque_figure():
    # The same chart through matplotlib's own PNG writer (an independent encoder, with the
    # alpha channel) and through save(): the same 1080 x 630 pixels (7.2 x 4.2 in at 150
    # dpi), every one opaque, written as RGB with a pHYs chunk of 150 dpi and no text chunk.
    import matplotlib
    import numpy as np
    from PIL import Image

    def drawn():
        return charts.draw(charts.growth_chart, {"2019": 4, "2020": 7, "2022": 2})

    theirs = io.BytesIO()
    fig = drawn()
    with charts.style():
        charts.lay_out_once(fig, "png")
        fig.savefig(theirs, format="png", dpi=matplotlib.rcParams["savefig.dpi"])
    ours = io.BytesIO()
    charts.save(drawn(), ours, "png")
    reference, image = Image.open(theirs), Image.open(ours)
    assert (reference.mode, reference.size) == ("RGBA", (1080, 630))
    assert (image.mode, image.size) == ("RGB", (1080, 630))
    assert image.info["dpi"] == pytest.approx((150, 150), abs=0.02)
    assert image.text == {}
    pixels = np.asarray(reference)
    assert pixels[..., 3].min() == 255
    assert np.array_equal(np.asarray(image), pixels[..., :3])


def test_png_of_a_see_through_figure_keeps_its_alpha_channel():
    # A figure without a face (facecolor 'none') is transparent where nothing is drawn: the
    # corners of a 1 x 1 in figure, 150 x 150 pixels, around a black square in its middle.
    import numpy as np
    from matplotlib.patches import Rectangle
    from PIL import Image

    fig = Figure(figsize=(1, 1), facecolor="none")
    fig.add_artist(Rectangle((0.4, 0.4), 0.2, 0.2, transform=fig.transFigure,
                             facecolor="black", edgecolor="none", antialiased=False))
    stream = io.BytesIO()
    charts.save(fig, stream, "png")
    image = Image.open(stream)
    assert (image.mode, image.size) == ("RGBA", (150, 150))
    pixels = np.asarray(image)
    assert pixels[0, 0, 3] == 0 and pixels[149, 149, 3] == 0
    assert tuple(pixels[75, 75]) == (0, 0, 0, 255)


def test_png_text_has_the_widths_of_the_svg_text():
    # STYLE draws PNG text unhinted, from the outlines the SVG measures: a 38-character name
    # at 9 pt and 72 dpi is 184.455 px wide in the SVG, and Agg (whole 1/64 px) is within
    # 0.05 px of it. FreeType's autohinter, matplotlib's default, made it 184.67 px.
    import io

    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_svg import RendererSVG
    from matplotlib.font_manager import FontProperties

    text = "Mónica Ivanova, Granite Peak Consulting"

    def widths(**settings):
        with charts.style(), matplotlib.rc_context(settings):
            agg = FigureCanvasAgg(Figure(dpi=72)).get_renderer()
            svg = RendererSVG(100, 100, io.StringIO())
            prop = FontProperties(family="DejaVu Sans", size=9)
            return (agg.get_text_width_height_descent(text, prop, False)[0],
                    svg.get_text_width_height_descent(text, prop, False)[0])

    assert charts.STYLE["text.hinting"] == "none"
    png, svg = widths()
    assert svg == pytest.approx(184.455, abs=0.001)
    assert abs(png - svg) < 0.05
    hinted, _ = widths(**{"text.hinting": "force_autohint"})
    assert abs(hinted - svg) > 0.1


def test_palette_is_okabe_ito_and_distinct_in_greyscale():
    # Okabe & Ito's first two colours, blue and orange, differ in lightness (Rec. 601 luma),
    # so a two-series chart survives a black-and-white print.
    def luma(hex_colour):
        r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    assert charts.OKABE_ITO[:2] == ("#0072B2", "#E69F00")
    assert luma(charts.OKABE_ITO[1]) - luma(charts.OKABE_ITO[0]) > 60


def test_segments_under_5_people_are_grey_and_say_so():
    # 2 of 2 is "100%" with a 95% interval of 34%-100%: shown as "n < 5" with no dot and no
    # bar (issue 15: never a bare 100%). 5 people or a quoted reference are drawn as usual.
    from netaudit.render.charts import GREY, rate_chart

    small, five = Rate("1:1 and group", 2, 2, 0.342, 1.0), Rate("1:1", 5, 5, 0.566, 1.0)
    article = Rate("Article", 1, 1, reference=True)
    assert (small.few, five.few, article.few) == (True, False, False)
    fig = rate_chart([small, five])
    ax = fig.axes[0]
    notes = [t.get_text() for t in ax.texts]
    assert "n < 5 (2 people)" in notes
    assert not any("2 of 2" in note for note in notes)
    assert "100.0%  (5 of 5)" in notes
    # One dot drawn: the row of 5 (an errorbar container per drawn style).
    assert [len(c.lines[0].get_xdata()) for c in ax.containers] == [1]
    labels = {t.get_text(): t.get_color() for t in ax.get_yticklabels()}
    assert labels["1:1 and group"] == GREY and labels["1:1"] != GREY


def test_find_texts_walks_every_text_but_makes_no_ticks():
    # The title, an axis label, an annotation, a legend's label and a figure text are found;
    # the ticks (made by get_children, a dozen artists each) are left to be made at draw time.
    fig = charts.new_figure()
    ax = fig.add_subplot()
    ax.bar([0, 1], [3, 4], label="bars")
    ax.set_title("title")
    ax.set_xlabel("x label")
    ax.annotate("note", (0, 3))
    ax.legend()
    fig.text(0.5, 0.5, "figure text")
    from matplotlib.text import Text

    made = len(ax.xaxis.majorTicks)  # the first tick is made when the list is first read
    found, axes = [], []
    charts._find_texts(fig, found, axes)
    assert {t.get_text() for t in found} >= {"title", "x label", "note", "bars",
                                             "figure text"}
    assert axes == [ax]
    assert len(ax.xaxis.majorTicks) == made  # none made by the walk
    every = fig.findobj(Text)  # makes a tick per tick location
    assert len(ax.xaxis.majorTicks) > made
    ticks = {id(t) for axis in (ax.xaxis, ax.yaxis) for tick in axis.majorTicks + axis.minorTicks
             for t in (tick.label1, tick.label2)}
    assert {id(t) for t in found} == {id(t) for t in every} - ticks


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_shared_text_sizes_give_the_same_bytes(fmt, monkeypatch):
    # text_sizes_shared measures each text once for the layout and the file (matplotlib's
    # cache is per renderer); without its hook (another matplotlib) the file is the same.
    assert charts._text_sizes_hook() is not None  # this matplotlib: the shared path is taken

    def saved():
        fig = charts.draw(charts.rate_chart, [
            "group", Rate("王伟 and 𝑥", 3, 40, 0.02, 0.2), Rate("Ana", 2, 2)],
            reference=0.04, reference_label="article: 4.0%")
        stream = io.StringIO() if fmt == "svg" else io.BytesIO()
        charts.save(fig, stream, fmt)
        return stream.getvalue()

    shared = saved()
    monkeypatch.setattr(charts, "_text_sizes_hook", lambda: None)
    assert saved() == shared


def _texts_in_many_fonts():
    """A chart whose texts take every path of matplotlib's text layout: one and several
    lines, four sizes, bold, a fallback font for Chinese and for a math letter."""
    with charts.style():
        fig = charts.new_figure()
        ax = fig.add_subplot()
        ax.barh([0, 1, 2], [3, 40, 12])
        ax.set_yticks([0, 1, 2], ["王伟 and 𝑥", "Ana Ruiz", "two\nlines"])
        ax.set_title("A title\nover two lines")
        ax.set_xlabel("people", fontsize=7)
        ax.annotate("bold note", (40, 1), fontsize=12, fontweight="bold")
        fig.text(0.99, 0.01, "small print", fontsize=6, ha="right")
    return fig


def _saved_texts(fmt):
    """:func:`_texts_in_many_fonts` saved as ``fmt``: the file's text or bytes."""
    stream = io.StringIO() if fmt == "svg" else io.BytesIO()
    charts.save(_texts_in_many_fonts(), stream, fmt)
    return stream.getvalue()


@pytest.mark.parametrize("fmt", ["svg", "pdf", "png"])
def test_cached_font_lookups_give_the_same_bytes(fmt, monkeypatch):
    # _font_lookups_cached looks each text's font up once; without it (another matplotlib)
    # every text is laid out, and the file written, the same.
    assert charts._font_lookup_names() is not None  # this matplotlib: the cache is used
    cached = _saved_texts(fmt)
    monkeypatch.setattr(charts, "_font_lookup_names", lambda: None)
    assert _saved_texts(fmt) == cached


@pytest.mark.parametrize("fmt", ["svg", "pdf", "png"])
def test_fonts_read_from_memory_give_the_same_bytes(fmt, monkeypatch):
    # fonts_from_memory has FreeType read the fonts' bytes; without it (another matplotlib)
    # FreeType reads the files, and every glyph comes out the same.
    assert charts._memory_fonts() is not None  # this matplotlib: the fonts come from memory
    from_memory = _saved_texts(fmt)
    monkeypatch.setattr(charts, "_memory_fonts", lambda: None)
    assert _saved_texts(fmt) == from_memory


def test_a_font_opened_in_the_block_is_read_from_memory_and_keeps_its_file_name(tmp_path):
    # Once opened in the block, the font draws from the bytes read then: its file may be
    # overwritten with zeros and the text still measures as in the untouched font, where a
    # font FreeType reads from its file (matplotlib's own) no longer does. Its name is still
    # the file's, which the PDF writer embeds it by.
    import shutil

    import matplotlib.font_manager as fm
    from matplotlib import ft2font

    def measured(font):
        font.set_size(12, 72)
        font.set_text("Ada Obi")
        return font.get_width_height()

    original = fm.findfont("DejaVu Sans")
    expected = measured(ft2font.FT2Font(original))
    own = fm._get_font
    in_memory, on_disk = tmp_path / "InMemory.ttf", tmp_path / "OnDisk.ttf"
    shutil.copyfile(original, in_memory)
    shutil.copyfile(original, on_disk)
    with charts.fonts_from_memory():
        assert fm._get_font is not own
        font = fm.get_font(str(in_memory))
        assert font.fname == str(in_memory)
    assert fm._get_font is own
    from_file = fm.get_font(str(on_disk))
    for path in (in_memory, on_disk):
        path.write_bytes(bytes(path.stat().st_size))
    assert measured(font) == expected
    assert measured(from_file) != expected  # the check above could fail


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_fonts_from_memory_are_opened_again_in_a_forked_child():
    # FreeType's objects cannot be used across a fork (matplotlib empties its own font cache
    # in the child): the fonts opened from memory are forgotten there too.
    import matplotlib.font_manager as fm

    with charts.fonts_from_memory():
        fm.get_font(fm.findfont("DejaVu Sans"))
    opener = charts._memory_fonts()
    assert opener.cache_info().currsize >= 1
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report the size of its cache, and leave
        os.close(read)
        os.write(write, str(opener.cache_info().currsize).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as stream:
        in_child = stream.read()
    os.waitpid(pid, 0)
    assert in_child == "0"
    assert opener.cache_info().currsize >= 1  # the parent keeps its fonts


def test_fonts_from_memory_in_a_block_inside_another():
    import matplotlib.font_manager as fm

    own = fm._get_font
    with charts.fonts_from_memory():
        opener = fm._get_font
        with charts.fonts_from_memory():
            assert fm._get_font is opener
        assert fm._get_font is opener  # the inner block leaves the outer one's in place
    assert fm._get_font is own


def test_texts_have_matplotlibs_sizes_with_cached_font_lookups():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    def extents():
        fig = _texts_in_many_fonts()
        renderer = FigureCanvasAgg(fig).get_renderer()
        return [tuple(text.get_window_extent(renderer).bounds) for text in fig.findobj(
            lambda artist: hasattr(artist, "get_text") and artist.get_text())]

    with charts.style():
        plain = extents()
        with charts.text_sizes_shared():
            cached = extents()
    assert len(plain) >= 8
    assert cached == plain


def test_font_lookups_are_matplotlibs_again_after_the_block():
    import matplotlib.text as mtext

    before = (mtext.fontManager, mtext.get_font)
    with pytest.raises(RuntimeError), charts.text_sizes_shared():
        assert (mtext.fontManager, mtext.get_font) != before
        raise RuntimeError("a chart failed")
    assert (mtext.fontManager, mtext.get_font) == before
    assert "_find_fonts_by_props" not in vars(mtext.fontManager)  # the class's own again


def test_font_lookups_cached_in_a_block_inside_another():
    import matplotlib.text as mtext

    alone = _saved_texts("svg")  # save() enters a block of its own
    before = (mtext.fontManager, mtext.get_font)
    with charts.text_sizes_shared():
        outer = mtext.get_font
        assert _saved_texts("svg") == alone
        assert mtext.get_font is outer  # the outer block's stand-in is back
    assert (mtext.fontManager, mtext.get_font) == before
    assert "_find_fonts_by_props" not in vars(mtext.fontManager)


def _laid_out(draw_chart, fmt="svg"):
    """A chart laid out as save() lays it out, and its renderer."""
    with charts.style(), charts.text_sizes_shared():
        fig = draw_chart()
        charts.lay_out_once(fig, fmt)
        fig.dpi = 72
        return fig, fig.canvas.get_renderer() if fmt == "png" else None


def _engine(fig):
    engine = fig.get_layout_engine()
    assert engine is not None
    return engine.get()


def test_grid_layout_by_hand():
    # Margins of 0.125 and 0.25 around one cell; two cells 1:3 share the half left.
    assert charts.grid_edges([1], [0.125], [0.25]) == [(0.125, 0.75)]
    assert charts.grid_edges([1, 3], [0.25, 0.0], [0.0, 0.25]) == [(0.25, 0.375),
                                                                    (0.375, 0.75)]
    assert charts.grid_edges([1], [0.5], [0.5]) == []  # no room: left to constrained layout


def test_one_pass_layout_leaves_room_for_a_long_label():
    label = "W" * 40
    with charts.style(), charts.text_sizes_shared():
        fig = charts.new_figure()
        ax = fig.add_subplot()
        ax.barh([0, 1], [3, 5])
        ax.set_yticks([0, 1], [label, "x"])
        charts.lay_out_once(fig, "svg")
    assert fig.get_layout_engine() is None
    # By hand: DejaVu Sans draws a W 2025/2048 of an em wide, so the label at 9 pt is
    # 40 * 9 * 2025 / 2048 = 355.96 pt; the tick (3.5 pt), its pad (3.5 pt) and constrained
    # layout's pad (3 pt) come on top, left of the axes.
    left = ax.get_position().x0 * charts.CHART_SIZE[0] * 72
    assert 355.96 + 3.5 + 3.5 + 3 - 0.05 <= left <= 355.96 + 3.5 + 3.5 + 3 + 2
    # On the right, only the pad and half of the last x tick label.
    assert charts.CHART_SIZE[0] * 72 - ax.get_position().x1 * charts.CHART_SIZE[0] * 72 < 15


def _laid_out_with(grid: bool, make, *args):
    """:func:`_laid_out` of ``make`` with the one-pass layout (``grid``) or with constrained
    layout alone."""
    original = charts.lay_out_grid
    if not grid:
        charts.lay_out_grid = lambda fig, **_: False
    try:
        return _laid_out(make, *args)
    finally:
        charts.lay_out_grid = original


@pytest.mark.parametrize("chart", ["rates", "bars", "shares", "growth"])
def test_one_pass_layout_matches_constrained_layout_and_cuts_nothing(chart):
    rates: list[Rate | str] = [Rate("You: 1:1 to connections", 1851, 10348, 0.17, 0.19), "Group",
             Rate("a name far too long to fit on the left of any chart " * 2, 5, 9, 0.3, 0.8),
             Rate("Ⅽompany 王伟 ಕೃಷ್ಣ فاطمة", 1340, 1340, 0.99, 1.0)]
    make = {
        "rates": lambda: charts.rate_chart(rates, reference=0.04, reference_label="article",
                                           fig=charts.new_figure()),
        "bars": lambda: charts.count_bars_chart(
            [("Top companies", [("International Business Machines Corporation", 845),
                                ("王伟 Holdings", 5)]),
             ("Role families", [("founder/executive", 7565), ("sales", 654)])],
            total=30000, fig=charts.new_figure()),
        "shares": lambda: charts.stacked_share_chart(
            [("Your invitations", [1368, 632]), ("Article (2010)", [990, 60])],
            ["they asked", "you asked"], fig=charts.new_figure()),
        "growth": lambda: charts.growth_chart({str(y): 100 * (y - 2000) for y in
                                               range(2005, 2027)}, fig=charts.new_figure()),
    }[chart]
    boxes = []
    for grid in (True, False):
        fig, _ = _laid_out_with(grid, make)
        boxes.append([ax.get_position().extents * 518.4 for ax in fig.axes])
        whole = fig.bbox
        for ax in fig.axes:  # nothing sticks out of the figure
            tight = ax.get_tightbbox()
            assert tight.x0 >= whole.x0 - 0.01 and tight.y0 >= whole.y0 - 0.01
            assert tight.x1 <= whole.x1 + 0.01 and tight.y1 <= whole.y1 + 0.01
    for mine, constrained in zip(*boxes, strict=True):
        # Within 6 points of constrained layout's places (a legend below the axes keeps
        # the room its first measure asked for).
        assert abs(mine - constrained).max() < 6


def test_fixed_aspect_charts_and_nested_subfigures_keep_constrained_layout():
    with charts.style():
        fig = charts.new_figure()
        fig.add_subplot().set_aspect("equal")
        assert not charts.lay_out_grid(fig, **_engine(fig))
        fig = charts.new_figure()
        fig.add_subfigure(fig.add_gridspec(1, 1)[0]).add_subfigure(
            fig.add_gridspec(1, 1)[0]).add_subplot()
        assert not charts.lay_out_grid(fig, **_engine(fig))
        fig = charts.new_figure()  # space between subfigures: constrained layout's to share
        fig.add_subfigure(fig.add_gridspec(2, 1)[0]).add_subplot()
        assert not charts.lay_out_grid(fig, **_engine(fig))


def test_a_slide_keeps_its_rows_and_lays_out_its_chart_inside():
    def slide():
        return charts.slide(
            lambda fig: charts.count_bars_chart(
                [("Top companies", [("International Business Machines Corporation", 845),
                                    ("王伟 Holdings", 5)])], total=900, fig=fig),
            title="Companies", headline="Where they work", caption="Counted from the export.",
            footer="netaudit")

    boxes = []
    for grid in (True, False):
        fig, _ = _laid_out_with(grid, slide, "png")
        (body,) = fig.subfigs
        # The chart's row: 1.45 in from the top, 1.05 in from the bottom (7.2 in high).
        assert body.bbox.y1 == pytest.approx((7.2 - 1.45) * 72)
        assert body.bbox.y0 == pytest.approx(1.05 * 72)
        (ax,) = fig.axes
        inner = ax.get_tightbbox()
        assert body.bbox.x0 <= inner.x0 and inner.x1 <= body.bbox.x1
        assert body.bbox.y0 <= inner.y0 and inner.y1 <= body.bbox.y1
        boxes.append(ax.get_position().extents)
    # The same places as constrained layout's, within a point.
    assert abs(boxes[0] - boxes[1]).max() * 12.8 * 72 < 1


#: The sample's introductions (12-introduce.png): "Giulia Sørensen" stands on half a 1/64
#: pixel.
INTRODUCTIONS = [
    ["Giulia Sørensen", "Gökhan Patel", "hiring manager and professional in the same field: "
     "Giulia Sørensen (Co-Founder & CTO at Brightwater Labs); Gökhan Patel (ML Engineer at "
     "Oktopus Data)", "0.45"],
    ["Giulia Sørensen", "Raúl Jónsdóttir", "hiring manager and professional in the same field: "
     "Giulia Sørensen (Co-Founder & CTO at Brightwater Labs); Raúl Jónsdóttir (DevOps "
     "Engineer at Cobalt & Finch)", "0.45"],
]


def test_slide_png_does_not_depend_on_the_last_bits_of_the_layout(monkeypatch):
    # The layout solver (kiwisolver) orders each constraint's terms by the memory addresses
    # of its variables, so a run lays a slide out a few units in the last place apart from
    # another (a table at 104.99999999999994 or 105.00000000000011 pixels). Agg places glyphs
    # at 1/64 pixel, rounding half to even: a text on half a 1/64 was drawn 1/64 pixel up or
    # down and the PNG's bytes depended on the run. Here the solver's noise is made on
    # purpose, both ways: the PNG is the same. The table slide itself is placed without
    # constrained layout (lay_out_grid); the slides left to it (the network map's fixed
    # aspect) are the ones at risk, so the table is sent there too.
    from functools import partial

    import numpy as np
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    execute = ConstrainedLayoutEngine.execute
    monkeypatch.setattr(charts, "lay_out_grid", lambda fig, **settings: False)
    calls = []

    def png(ulps):
        def noisy(engine, fig):
            calls.append(ulps)
            execute(engine, fig)
            for sub in fig.subfigs:
                points = sub.bbox_relative.get_points()
                sub.bbox_relative.set_points(points + ulps * np.spacing(points))

        monkeypatch.setattr(ConstrainedLayoutEngine, "execute", noisy)
        body = partial(charts.table_chart, ["Person", "could meet", "Why", "score"],
                       INTRODUCTIONS, numeric=[False, False, False, True])
        fig = charts.draw(charts.slide, body, title="Introductions", headline="",
                          caption="", footer="")
        stream = io.BytesIO()
        charts.save(fig, stream, "png")
        return stream.getvalue()

    assert png(-8) == png(0) == png(8)
    assert calls == [-8, 0, 8]
