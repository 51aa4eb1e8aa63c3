"""``netaudit batch`` on 20 and 200 fictional exports of 1,500 connections: CPU per export with
``--jobs 1`` and ``--jobs 2``, in interleaved rounds, medians (issue 17: target ≤ 0.3 s).

    .venv/bin/python benchmarks/bench_batch.py                     # 20 (5 rounds) and 200 (1)
    .venv/bin/python benchmarks/bench_batch.py --sizes 20 --rounds 3

The exports come from ``generate.py``'s team writer (``write_team``: one LinkedIn export per
member with its own owner, 1,500 Connections.csv rows, the message density of the scale
benchmark, 16.7 messages and 2 conversations per connection: 25,000 messages), written once to
``benchmarks/data/batch-<N>/`` (ignored by git) and reused.

Each run is ``netaudit batch <every export> --out <fresh folder> --jobs J --json -q`` in its
own process; its CPU is user + system time of that process and its workers (``os.wait4``
counts the children it waited for), interpreter start and imports included, divided by the
number of exports. In each round the two ``--jobs`` values run one after the other, the order
swapped every round, so that a busy spell of the shared machine falls on both. The 200-export
batch runs once per ``--jobs`` value by default (``--large-rounds``): it takes minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_team  # noqa: E402  (the repo root is added just above)

TARGET_CPU_PER_EXPORT = 0.3
CONNECTIONS = 1_500
#: The scale benchmark's density: 500,000 messages and 60,000 conversations for 30,000.
MESSAGES_PER_CONNECTION = 500_000 / 30_000
CONVERSATIONS_PER_CONNECTION = 60_000 / 30_000


def exports(data: Path, count: int, seed: int) -> list[Path]:
    """The ``count`` export ZIPs in ``data/batch-<count>/``, written first if missing."""
    folder = data / f"batch-{count}"
    found = sorted(folder.glob("team/member-*/*.zip"))
    if len(found) != count:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        started = time.perf_counter()
        write_team(folder, members=count, size=CONNECTIONS, seed=seed, era="2026",
                   messages_per_connection=MESSAGES_PER_CONNECTION,
                   conversations_per_connection=CONVERSATIONS_PER_CONNECTION)
        print(f"wrote {count} exports in {time.perf_counter() - started:.0f} s")
        found = sorted(folder.glob("team/member-*/*.zip"))
    return found


def run(paths: list[Path], out: Path, jobs: int) -> tuple[float, float, dict]:
    """(wall s, CPU s, the run's --json) of one batch into a fresh ``out``."""
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)  # batch makes -o DIR, not its parent
    netaudit = str(Path(sys.executable).with_name("netaudit"))
    argv = [netaudit, "batch", *map(str, paths), "--out", str(out), "--jobs", str(jobs),
            "--json", "-q"]
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    text = child.stdout.read() if child.stdout else b""
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"netaudit batch --jobs {jobs} failed ({status})")
    return wall, usage.ru_utime + usage.ru_stime, json.loads(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "batch")
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 200])
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the small batches")
    parser.add_argument("--large-rounds", type=int, default=1,
                        help="rounds of batches of 100 exports or more")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    rows = []
    for size in args.sizes:
        paths = exports(args.data, size, args.seed)
        rounds = args.large_rounds if size >= 100 else args.rounds
        samples: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
        for number in range(rounds):
            for jobs in ((1, 2) if number % 2 == 0 else (2, 1)):
                wall, cpu, summary = run(paths, args.out / f"jobs{jobs}", jobs)
                if summary["done"] != size:
                    raise SystemExit(f"{summary['done']} of {size} exports done: "
                                     f"{summary['failures'][:3]}")
                inside = summary["cpu_seconds_per_export"]
                samples[jobs].append((wall, cpu / size, inside))
                print(f"{size} exports, --jobs {jobs}, round {number + 1}: {wall:6.1f} s wall, "
                      f"{cpu / size:.3f} s CPU per export ({inside:.3f} s inside the worker)",
                      flush=True)
        for jobs, runs in samples.items():
            per = [r[1] for r in runs]
            rows.append((size, jobs, len(runs), statistics.median(r[0] for r in runs),
                         statistics.median(per), min(per), max(per),
                         statistics.median(r[2] for r in runs)))
    print()
    print("| exports | --jobs | runs | wall s (median) | CPU s per export (median) | range "
          "| in the worker |")
    print("| ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for size, jobs, n, wall, cpu, low, high, inside in rows:
        print(f"| {size} | {jobs} | {n} | {wall:.1f} | {cpu:.3f} | {low:.3f}-{high:.3f} "
              f"| {inside:.3f} |")
    worst = max(r[4] for r in rows)
    verdict = "met" if worst <= TARGET_CPU_PER_EXPORT else "NOT met"
    print(f"\ntarget ≤ {TARGET_CPU_PER_EXPORT} s CPU per export: {verdict} "
          f"(worst median {worst:.3f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
