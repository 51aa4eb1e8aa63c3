"""The least CPU time matplotlib needs for the report's charts, against issue 17's 3x goal.

    .venv/bin/python benchmarks/bench_chart_floor.py --data /work/bench-data [--rounds 5]

`report -o slides/` and `report -o x.html` missed the goal of 3x the read floor's CPU in every
run of ``benchmarks/run.py`` (4.3x and 3.4x at 418fdb3). This script asks whether any amount
of work on netaudit's own pages can reach it with matplotlib drawing the charts. It measures,
in N interleaved rounds (each step its own process, medians):

- the floor: pandas (pyarrow engine) reading the benchmark ZIP's CSVs, as ``run.py`` does;
- ``netaudit ties --json`` on the ZIP: reading the export, the outreach and the tie scores,
  which every report needs (its tie pages, the re-engage, prune and introduction lists);
- the smallest charts that can stand for the report's: as many as the report draws (13
  slides, 10 SVGs on the benchmark export), each one bar chart of 8 labelled bars, drawn and
  saved by netaudit's own code (:func:`netaudit.render.charts.slide` and
  :func:`~netaudit.render.charts.save`: 1920 x 1080 PNG slides, SVG with text kept as
  text). Their CPU time is measured inside the process, from after pandas and numpy are
  imported (the ``ties`` step has paid for those) to the last chart saved, matplotlib's
  import included.

A lower bound of each report's CPU is then ``ties --json`` plus the smallest charts, since
the report also reads the export, scores the ties and draws at least that many charts of at
least that much; it leaves out the reply analyses, the introductions and the network map.
When that bound alone is over 3x the floor, the goal cannot be met while matplotlib draws the
charts. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import EXPORT_FILES, GOAL_OTHER_RATIO, PYARROW_READ, measure  # noqa: E402

#: Charts the report draws on the benchmark export: 13 PNG slides, 10 SVGs in the HTML file.
SLIDES, SVGS = 13, 10


def worker(kind: str, count: int) -> None:
    """Draw ``count`` smallest charts as ``kind`` ('png' or 'svg'); print the CPU seconds."""
    import numpy  # noqa: F401 - paid for by any netaudit command before it draws
    import pandas  # noqa: F401

    start = time.process_time()
    from netaudit.render.charts import load_matplotlib, new_figure, save, slide

    load_matplotlib()
    labels = [f"Segment {i + 1}" for i in range(8)]

    def bars(fig):
        ax = fig.subplots()
        ax.barh(labels, range(8, 0, -1))
        ax.set_xlabel("people")

    sizes = 0
    for number in range(count):
        if kind == "png":
            figure = slide(bars, title=f"Slide {number + 1}", headline="Who answers",
                           caption="One bar chart.", footer="2026-12-07")
        else:
            figure = new_figure()
            bars(figure)
        buffer = io.BytesIO() if kind == "png" else io.StringIO()
        save(figure, buffer, kind, salt=f"chart{number}")
        sizes += len(buffer.getvalue())
    print(json.dumps({"cpu": time.process_time() - start, "bytes": sizes}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True,
                        help="the folder benchmarks/generate.py wrote")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker[0], int(args.worker[1]))
        return 0
    export = next(args.data.glob("Basic_LinkedInDataExport_*.zip"))
    python = sys.executable
    netaudit = str(Path(python).with_name("netaudit"))
    steps = {
        "floor": [python, "-c", PYARROW_READ, json.dumps([str(export)]),
                  json.dumps(EXPORT_FILES)],
        "ties": [netaudit, "ties", str(export), "--json", "-q"],
        "png": [python, __file__, "--data", str(args.data), "--worker", "png", str(SLIDES)],
        "svg": [python, __file__, "--data", str(args.data), "--worker", "svg", str(SVGS)],
    }
    cpu: dict[str, list[float]] = {key: [] for key in steps}
    for number in range(args.rounds):
        for key, command in steps.items():
            run = measure(command)
            if run.code:
                sys.exit(f"{key} failed: {run.stderr[-2000:]}")
            cpu[key].append(json.loads(run.stdout)["cpu"] if key in ("png", "svg")
                            else run.cpu)
        print(f"round {number + 1}: " + ", ".join(f"{k} {v[-1]:.2f}" for k, v in cpu.items()),
              file=sys.stderr)
    median = {key: statistics.median(values) for key, values in cpu.items()}
    spread = {key: f"{min(v):.2f}-{max(v):.2f}" for key, v in cpu.items()}
    print(f"| step | CPU s, median of {args.rounds} (range) | x floor |")
    print("| --- | --- | --- |")
    rows = [("floor: pandas read_csv(engine='pyarrow'), ZIP", "floor"),
            ("netaudit ties --json, ZIP", "ties"),
            (f"{SLIDES} smallest slides (PNG, 1920 x 1080), matplotlib's import included",
             "png"),
            (f"{SVGS} smallest SVG charts, matplotlib's import included", "svg")]
    for label, key in rows:
        print(f"| {label} | {median[key]:.2f} ({spread[key]}) | "
              f"{median[key] / median['floor']:.2f}x |")
    for kind, name in (("png", "report -o slides/"), ("svg", "report -o x.html")):
        bound = (median["ties"] + median[kind]) / median["floor"]
        verdict = "over" if bound > GOAL_OTHER_RATIO else "under"
        print(f"- {name}: at least {bound:.2f}x the floor's CPU (ties --json plus the smallest "
              f"charts), {verdict} the goal of {GOAL_OTHER_RATIO:g}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
