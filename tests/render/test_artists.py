"""A command's process defines matplotlib's artists with one-line set() docstrings; the
artists and the files drawn with them are the same."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import types

from netaudit.render import artists


def run_fresh(code: str) -> dict:
    """``code`` in a new interpreter (matplotlib not loaded yet); what it prints as JSON."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


PROBE = """
    import json, sys
    from netaudit.render import artists
    {setup}
    from matplotlib.artist import Artist
    from matplotlib.lines import Line2D
    line = Line2D([0, 1], [0, 1])
    line.set(color="red", lw=3)
    try:
        line.set(bogus=1)
        refused = False
    except AttributeError:
        refused = True
    print(json.dumps({{
        "line_doc": Line2D.set.__doc__, "artist_doc": Artist.set.__doc__[:30],
        "own_set": Line2D.set is not Artist.set, "color": line.get_color(),
        "width": line.get_linewidth(), "refused": refused,
        "watching": artists._WATCH in sys.meta_path}}))
"""


def test_artists_defined_after_the_call_get_the_one_line_docstring_and_work_the_same():
    seen = run_fresh(PROBE.format(setup="took = artists.brief_set_docstrings()"))
    assert seen == {
        "line_doc": artists.SET_DOC,
        # Artist itself was defined before the watch could act: matplotlib's docstring.
        "artist_doc": "Set multiple properties at onc",
        "own_set": True, "color": "red", "width": 3.0, "refused": True,
        "watching": False,  # it stepped aside once it acted
    }


def test_without_the_call_matplotlib_keeps_its_property_list():
    seen = run_fresh(PROBE.format(setup=""))
    assert seen["line_doc"].startswith("Set multiple properties at once.")
    assert "    linewidth: float" in seen["line_doc"].splitlines()
    assert (seen["color"], seen["width"], seen["refused"]) == ("red", 3.0, True)


def test_nothing_changes_once_matplotlibs_artists_are_loaded():
    seen = run_fresh("""
        import json, sys
        import matplotlib.lines
        from netaudit.render import artists
        print(json.dumps({"took": artists.brief_set_docstrings(),
                          "watching": artists._WATCH in sys.meta_path,
                          "doc": matplotlib.lines.Line2D.set.__doc__[:10]}))
    """)
    assert seen == {"took": False, "watching": False, "doc": "Set multip"}


def test_a_matplotlib_without_the_writer_is_left_as_it_is():
    class Artist:
        def set(self, **kwargs):
            """Theirs."""

    module = types.SimpleNamespace(Artist=Artist)
    assert artists._replace_writer(module) is False
    assert Artist.set.__doc__ == "Theirs."


def test_a_chart_drawn_either_way_is_the_same_file():
    code = """
        import io, json, sys
        from netaudit.render import artists, charts
        if sys.argv[1] == "brief":
            artists.brief_set_docstrings()
        fig = charts.draw(charts.growth_chart, {"2019": 4, "2020": 7, "2022": 2})
        svg, png = io.StringIO(), io.BytesIO()
        charts.save(fig, svg, "svg")
        charts.save(fig, png, "png")
        import matplotlib.lines
        print(json.dumps({"svg": svg.getvalue(), "png": png.getvalue().hex(),
                          "brief": matplotlib.lines.Line2D.set.__doc__ == artists.SET_DOC}))
    """
    outputs = {}
    for how in ("brief", "full"):
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), how],
                              capture_output=True, text=True, check=True)
        outputs[how] = json.loads(done.stdout)
    assert (outputs["brief"]["brief"], outputs["full"]["brief"]) == (True, False)
    assert outputs["brief"]["svg"] == outputs["full"]["svg"]
    assert outputs["brief"]["png"] == outputs["full"]["png"]
    assert "<svg" in outputs["brief"]["svg"] and len(outputs["brief"]["png"]) > 2000


def test_a_command_draws_with_the_brief_docstrings(tmp_path):
    from pathlib import Path

    sample = Path(__file__).parents[2] / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"
    seen = run_fresh(f"""
        import contextlib, io, json
        from netaudit.cli import app
        from netaudit.render import artists
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                app(["report", {str(sample)!r}, "-o", {str(tmp_path / "r.html")!r}, "-q"])
            except SystemExit as done:
                code = done.code
        import matplotlib.lines
        print(json.dumps({{"code": code,
                           "brief": matplotlib.lines.Line2D.set.__doc__ == artists.SET_DOC}}))
    """)
    assert seen == {"code": 0, "brief": True}
    assert (tmp_path / "r.html").stat().st_size > 10_000
