"""Time ``netaudit report`` on a 30,000-connection LinkedIn export (goal: under 15 s).

    .venv/bin/python benchmarks/bench_report.py [--export ZIP] [--formats pdf,html,png]
                                                [--anonymize] [--end-to-end]

Uses ``benchmarks/data/Basic_LinkedInDataExport_11-20-2026.zip`` (30,000 connections, 60,000
conversations, 500,000 messages), writing it first with ``benchmarks/generate.py`` when it is
not there. Then, in one process, each stage on its own, wall clock and CPU time:

1. import: reading the export into a Network (the importers' work, not the report's);
2. analyses: building the report's content (summary, replies with segments and campaigns,
   tie strength, the graph, introductions), i.e. ``build_report(audit.report_results())``;
3. render: writing each format from that content (PDF, HTML, PNG folder);

and with ``--end-to-end`` the whole command ``netaudit report ZIP -o FILE.pdf`` in a fresh
process. The machine's load is printed too: on a busy machine wall time exceeds CPU time.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EXPORT = ROOT / "benchmarks" / "data" / "Basic_LinkedInDataExport_11-20-2026.zip"
GOAL_SECONDS = 15.0


@contextmanager
def timed(label: str, results: list[tuple[str, float, float]]):
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    results.append((label, time.perf_counter() - wall, time.process_time() - cpu))
    print(f"{label:<28} {results[-1][1]:7.2f} s wall  {results[-1][2]:7.2f} s cpu", flush=True)


def ensure_export(path: Path) -> Path:
    if path.exists():
        return path
    print(f"writing {path} with benchmarks/generate.py ...", flush=True)
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--out",
                    str(path.parent)], check=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, default=DEFAULT_EXPORT)
    parser.add_argument("--formats", default="pdf,html,png")
    parser.add_argument("--stages", action="store_true",
                        help="also time each analysis the report uses, one by one")
    parser.add_argument("--anonymize", action="store_true")
    parser.add_argument("--end-to-end", action="store_true",
                        help="also time the whole command in a fresh process")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the reports into this folder (kept) instead of a temporary "
                             "one")
    args = parser.parse_args()
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795132800")
    export = ensure_export(args.export)
    print(f"export {export} ({export.stat().st_size / 1e6:.1f} MB); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    from netaudit.audit import Audit
    from netaudit.render.report import write_report

    results: list[tuple[str, float, float]] = []
    audit = Audit([export])
    with timed("import (not the report)", results):
        network = audit.network
    print(f"  {len(network.connections):,} connections, {len(network.messages):,} messages")
    stage_results: list[tuple[str, float, float]] = []
    if args.stages:
        # The Audit caches summary, ties and graph, so the report below reuses them; replies
        # and introductions are computed again inside the report (each ReportResults computes
        # its own), so "report content" still holds them: the stage lines are a breakdown, and
        # only the cached stages are added to the total.
        stages = audit.report_results()
        for name in ("summary", "replies", "ties", "graph", "introductions"):
            with timed(f"  stage {name}", stage_results):
                audit.summary if name == "summary" else stages.get(name)
    cached = [(w, c) for label, w, c in stage_results
              if label.split()[-1] in ("summary", "ties", "graph")]
    with timed("analyses + report content", results):
        from netaudit.render.report import ReportOptions, build_report

        content = build_report(audit.report_results(), ReportOptions(anonymize=args.anonymize))
    print(f"  {len(content.sections)} sections; left out: "
          + (", ".join(m.title for m in content.left_out) or "nothing"))
    suffixes = {"pdf": "report.pdf", "html": "report.html", "png": "charts"}
    with tempfile.TemporaryDirectory(prefix="netaudit-bench-report-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for fmt in args.formats.split(","):
            target = Path(folder) / suffixes[fmt.strip()]
            with timed(f"render {fmt}", results):
                write_report(content, target, force=True)
            size = (sum(p.stat().st_size for p in target.iterdir()) if target.is_dir()
                    else target.stat().st_size)
            print(f"  {target.name}: {size / 1e6:.2f} MB")
        pdf = [(w, c) for label, w, c in results if label == "render pdf"]
        parts = [(w, c) for _, w, c in results[1:2]] + cached + pdf[:1]
        report_wall = sum(w for w, _ in parts)
        report_cpu = sum(c for _, c in parts)
        print(f"report generation (analyses + PDF): {report_wall:.2f} s wall, "
              f"{report_cpu:.2f} s cpu")
        whole_wall, whole_cpu = report_wall + results[0][1], report_cpu + results[0][2]
        print(f"with the import (the whole report, in-process): {whole_wall:.2f} s wall, "
              f"{whole_cpu:.2f} s cpu; goal {GOAL_SECONDS:.0f} s: "
              + ("met" if whole_wall < GOAL_SECONDS else "NOT met")
              + " (wall time; on a busy machine compare CPU time)")
        if args.end_to_end:
            target = Path(folder) / "end-to-end.pdf"
            command = [sys.executable, "-m", "netaudit", "report", str(export), "-o", str(target),
                       "--force",
                       "-q"]
            wall = time.perf_counter()
            before = os.times()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            after = os.times()
            cpu = (after.children_user - before.children_user
                   + after.children_system - before.children_system)
            print(f"{'netaudit report (whole)':<28} {time.perf_counter() - wall:7.2f} s wall  "
                  f"{cpu:7.2f} s cpu")


if __name__ == "__main__":
    main()
