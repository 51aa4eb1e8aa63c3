"""``analyze --snapshot latest`` against ``analyze`` on the export's CSVs, in interleaved rounds.

    .venv/bin/python benchmarks/bench_history.py                       # benchmarks/data
    .venv/bin/python benchmarks/bench_history.py --export DIR --db FILE --rounds 5

The export is the 30,000-connection / 500,000-message folder that ``generate.py`` writes.
First ``netaudit history add`` stores it (timed once) in a fresh database file; then each
round runs ``netaudit analyze --json`` on the folder and ``netaudit analyze --snapshot latest
--json`` on the database, one after the other, each in its own process (interpreter start and
imports included). Rounds alternate the order, so that a busy spell of the machine falls on
both. Printed: every round, then the median wall and CPU seconds (``os.wait4``) of each, and
whether the two JSON outputs are equal.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, bytes]:
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = child.stdout.read() if child.stdout else b""
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(argv)} failed with status {status}")
    return wall, usage.ru_utime + usage.ru_stime, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--export", type=Path, default=ROOT / "benchmarks" / "data" /
                        "linkedin-export")
    parser.add_argument("--db", type=Path, default=ROOT / "benchmarks" / "data" /
                        "history.duckdb")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    netaudit = str(Path(sys.executable).with_name("netaudit"))
    env = {**os.environ, "NETAUDIT_DB": str(args.db)}
    if args.db.exists():
        args.db.unlink()
    wall, cpu, _ = measure([netaudit, "history", "add", str(args.export), "-q"], env)
    print(f"history add: {wall:.2f} s wall, {cpu:.2f} s CPU; "
          f"database {args.db.stat().st_size / 1e6:.1f} MB")
    csv_run = [netaudit, "analyze", str(args.export), "--json", "-q"]
    snapshot_run = [netaudit, "analyze", "--snapshot", "latest", "--json", "-q"]
    times: dict[str, list[tuple[float, float]]] = {"csv": [], "snapshot": []}
    outputs: dict[str, bytes] = {}
    for number in range(args.rounds):
        order = [("csv", csv_run), ("snapshot", snapshot_run)]
        if number % 2:
            order.reverse()
        for name, command in order:
            wall, cpu, out = measure(command, env)
            times[name].append((wall, cpu))
            outputs[name] = out
            print(f"round {number + 1}: {name:8} {wall:6.2f} s wall {cpu:6.2f} s CPU",
                  flush=True)
    for name, runs in times.items():
        print(f"median {name:8} {statistics.median(w for w, _ in runs):6.2f} s wall "
              f"{statistics.median(c for _, c in runs):6.2f} s CPU ({len(runs)} rounds)")
    print("same JSON:", outputs["csv"] == outputs["snapshot"])
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
