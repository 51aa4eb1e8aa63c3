"""Run netaudit's scale benchmark in interleaved rounds and write the results table.

    .venv/bin/python benchmarks/generate.py --out /work/bench-data           # 500k messages
    .venv/bin/python benchmarks/generate.py --out /work/bench-data/m1500k --messages 1500000 \
        --conversations 180000                                               # 1.5M messages
    .venv/bin/python benchmarks/run.py --data /work/bench-data --rounds 5
    .venv/bin/python benchmarks/run.py --data /work/bench-data --update-readme

Every step runs in its own process, so that its peak memory is its own (GNU time's maximum
resident set, else ``os.wait4``'s ``ru_maxrss``), timed in wall-clock and CPU seconds. A
single sample on a shared machine swings 2-4x, so the steps run in N interleaved rounds
(``--rounds``, default 5: round 1 runs every step once, then round 2, ...), and the table gives
the median and the range (min-max) of each figure over the rounds. A step's ratio to its floor
is computed within each round (the step's time over the floor's time of the same round, both
under the same load) and the median of those ratios is reported. Steps:

- the floor: pandas with the pyarrow engine reading the same CSVs (the preamble skipped as a
  reader must), in a fresh process (interpreter start and imports included, as for netaudit),
  on the folder and on the ZIP;
- ``analyze --json`` on the folder and on the ZIP; on the ZIP every other command that reads
  an export and needs no other input: ``replies``, ``ties``, ``introduce``, ``due``,
  ``activity`` and ``people`` (each ``--json``), ``graph -o graph.graphml``, ``history add``
  (into an empty database each round), and ``report`` as a PDF, an HTML file and a folder of
  PNG slides;
- ``analyze --snapshot latest --json`` on a history database the export was stored in once
  (``history add``, timed once before the rounds);
- ``netaudit --help``;
- with ``--large`` (default DATA/m1500k when it exists) the floor and ``analyze --json`` on
  a 1.5M-message folder, so that the growth of the ratio with size shows;
- the team of 20 exports and the 1 GB mbox when their data exists (``--skip team,mbox``).

Goals (issue 17): analyze <= 2.0x the floor at 500k and at 1.5M messages, peak memory <= 1.5x
the floor's, ``report -o x.pdf`` <= 5 s wall at load about 1, every other command <= 3x the
floor, ``--help`` <= 0.2 s, ``analyze --snapshot latest`` <= 0.5 s. The table goes to stdout
and ``benchmarks/results.md``; ``--update-readme`` also refreshes README "## Performance".
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
GOAL_RATIO, GOAL_OTHER_RATIO, GOAL_PEAK_RATIO = 2.0, 3.0, 1.5
GOAL_REPORT_S, GOAL_HELP_S, GOAL_SNAPSHOT_S = 5.0, 0.2, 0.5
START = "<!-- benchmark results: written by benchmarks/run.py --update-readme -->"
END = "<!-- end of benchmark results -->"

#: What ``analyze`` reads from an export; the floor reads exactly these with pyarrow.
EXPORT_FILES = ("Connections.csv", "messages.csv", "Invitations.csv", "Profile.csv",
                "Recommendations_Given.csv", "Recommendations_Received.csv",
                "Endorsement_Given_Info.csv", "Endorsement_Received_Info.csv")

PYARROW_READ = r"""
import io, json, sys, time, zipfile
from pathlib import Path
import pandas as pd

names = set(json.loads(sys.argv[2]))

def header_line(data):
    # LinkedIn puts a 3-line 'Notes:' preamble above the header of Connections.csv.
    for number, line in enumerate(data[:65536].split(b"\n")):
        if line.strip() and not line.startswith((b"Notes:", b'"When', b"\r")):
            return number
    return 0

def sources(path):
    path = Path(path)
    if path.is_dir():
        for name in sorted(names):
            if (path / name).exists():
                yield name, (path / name).read_bytes()
    else:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if Path(info.filename).name in names:
                    yield info.filename, archive.read(info)

def read(data):
    skip = header_line(data)
    try:
        return pd.read_csv(io.BytesIO(data), engine="pyarrow", dtype=str, skiprows=skip), False
    except pd.errors.ParserError:
        # pandas' pyarrow engine cannot take line breaks inside quoted fields (2026
        # messages.csv bodies); pyarrow itself can, when told to.
        import pyarrow.csv as pa_csv
        table = pa_csv.read_csv(
            io.BytesIO(data), read_options=pa_csv.ReadOptions(skip_rows=skip),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True))
        return table.to_pandas(), True

started = time.perf_counter()
rows, direct = {}, set()
for path in json.loads(sys.argv[1]):
    for name, data in sources(path):
        frame, needed_pyarrow = read(data)
        rows[name] = rows.get(name, 0) + len(frame)
        if needed_pyarrow:
            direct.add(Path(name).name)
print(json.dumps({"read_seconds": time.perf_counter() - started, "rows": rows,
                  "newlines_in_values": sorted(direct)}))
"""

READ_LINES = r"""
import sys
with open(sys.argv[1], "rb") as stream:
    for line in stream:
        pass
"""


@dataclass
class Run:
    """One measured child process."""

    wall: float
    cpu: float
    peak_mb: float
    system: float
    """System time alone, part of ``cpu``: on a virtual machine whose host takes back free
    memory it depends on the step before (benchmarks/README.md)."""
    code: int
    stdout: str
    stderr: str

    @property
    def user(self) -> float:
        """CPU time less system time: what the process itself computed, which the order
        of the steps does not move (benchmarks/README.md)."""
        return self.cpu - self.system


GNU_TIME = Path("/usr/bin/time")


def measure(argv: list[str], cwd: Path = ROOT) -> Run:
    """Wall and CPU seconds, peak RSS and output (stdout's first MB, stderr's last 20 KB) of
    one child process.

    The peak comes from GNU time when it is installed: a child's own ``ru_maxrss`` starts at
    its parent's peak on Linux (fork, then exec keeps the high-water mark), so the runner's
    memory would leak into every figure; GNU time is a few megabytes.
    """
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        stats = folder / "time.txt"
        wrapped = argv
        if GNU_TIME.exists():
            wrapped = [str(GNU_TIME), "-f", "%M %U %S", "-o", str(stats), *argv]
        with open(folder / "out", "wb") as out, open(folder / "err", "wb") as err:
            started = time.perf_counter()
            child = subprocess.Popen(wrapped, stdout=out, stderr=err, cwd=cwd,
                                     env={**os.environ, "COLUMNS": "100"})
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - started
        # ru_maxrss is in kilobytes on Linux, bytes on macOS.
        peak = usage.ru_maxrss / (MB if sys.platform == "darwin" else 1024)
        cpu, system = usage.ru_utime + usage.ru_stime, usage.ru_stime
        if stats.exists():
            fields = stats.read_text().split()[-3:]  # after "Command exited with ..." if any
            peak, cpu = int(fields[0]) / 1024, float(fields[1]) + float(fields[2])
            system = float(fields[2])
        with open(folder / "out", "rb") as out:
            stdout = out.read(MB).decode(errors="replace")
        with open(folder / "err", "rb") as err:
            err.seek(max(0, (folder / "err").stat().st_size - 20_000))
            stderr = err.read().decode(errors="replace")
    return Run(wall, cpu, peak, system, os.waitstatus_to_exitcode(status), stdout, stderr)


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(line.split(":", 1)[1].strip()
                      for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
        memory = f"{int(memory.split()[0]) / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown"
    try:
        load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:
        load = "unknown"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    return {"cpus": str(os.cpu_count()), "cpu": cpu, "memory": memory,
            "python": platform.python_version(), "load": load, "commit": commit or "?",
            "date": datetime.date.today().isoformat()}


def registered_commands(python: str) -> set[str]:
    run = measure([python, "-c", "from typer.main import get_command\n"
                   "from netaudit.cli import app\n"
                   "print('\\n'.join(get_command(app).commands))"])
    return set(run.stdout.split())


@dataclass
class Step:
    """One command measured in every round (or once, for a setup step)."""

    key: str
    label: str
    input: str
    argv: list[str]
    floor: str | None = None
    """Key of the step whose time of the same round is this step's denominator."""
    goal: str = ""
    """Which goal of issue 17 applies: analyze, report-pdf, snapshot, help or other."""
    runs: list[Run] = field(default_factory=list)
    note: str = ""
    fresh: Path | None = None
    """A file removed before each run (the database ``history add`` writes into)."""

    def ok(self) -> list[Run]:
        return [run for run in self.runs if run.code == 0]


def _spread(values: list[float], digits: int, *, thousands: bool = False) -> str:
    """Median and range: '1.36 (1.30-1.52)'."""
    if not values:
        return "–"
    fmt = f"{{:,.{digits}f}}" if thousands else f"{{:.{digits}f}}"
    median = fmt.format(statistics.median(values))
    if len(values) == 1:
        return median
    return f"{median} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def ratios(step: Step, floor: Step, field_name: str) -> list[float]:
    """``step``'s time over ``floor``'s, round by round (both measured under one load)."""
    return [getattr(mine, field_name) / getattr(base, field_name)
            for mine, base in zip(step.runs, floor.runs, strict=False)
            if mine.code == 0 and base.code == 0 and getattr(base, field_name) > 0]


def table(steps: list[Step], by_key: dict[str, Step]) -> str:
    head = ["step", "input", "rounds", "wall s", "CPU s", "of which system s", "peak MB",
            "x floor (wall)", "x floor (CPU)", "x floor (user)", "note"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for step in steps:
        good = step.ok()
        note = step.note
        failed = [run for run in step.runs if run.code != 0]
        if failed:
            last = failed[-1].stderr.strip().splitlines()[-1:] or [""]
            note = (note + "; " if note else "") + (
                f"{len(failed)} of {len(step.runs)} runs failed: exit {failed[-1].code}: "
                f"{last[0][:80]}")
        floor = by_key.get(step.floor or "")
        wall_ratio = cpu_ratio = user_ratio = "–"
        if floor is not None:
            wall_ratio = _spread(ratios(step, floor, "wall"), 1) + "x" if good else "–"
            cpu_ratio = _spread(ratios(step, floor, "cpu"), 1) + "x" if good else "–"
            user_ratio = _spread(ratios(step, floor, "user"), 1) + "x" if good else "–"
        lines.append("| " + " | ".join([
            step.label, step.input, f"{len(good)}/{len(step.runs)}",
            _spread([r.wall for r in good], 2), _spread([r.cpu for r in good], 2),
            _spread([r.system for r in good], 2),
            _spread([r.peak_mb for r in good], 0, thousands=True), wall_ratio, cpu_ratio,
            user_ratio, note]) + " |")
    return "\n".join(lines)


def verdicts(steps: list[Step], by_key: dict[str, Step]) -> list[str]:
    """Each goal of issue 17 checked on the medians."""
    said: list[str] = []

    def median(values: list[float]) -> float:
        return statistics.median(values) if values else float("nan")

    for step in steps:
        good = step.ok()
        if not good:
            continue
        floor = by_key.get(step.floor or "")
        wall, cpu = median([r.wall for r in good]), median([r.cpu for r in good])
        if step.goal == "analyze" and floor is not None:
            wall_x, cpu_x = median(ratios(step, floor, "wall")), median(ratios(step, floor, "cpu"))
            peak_x = median([r.peak_mb for r in good]) / median([r.peak_mb for r in floor.ok()])
            user_x = median(ratios(step, floor, "user"))
            said.append(f"{step.label} ({step.input}): {cpu_x:.2f}x the floor's CPU, "
                        f"{wall_x:.2f}x its wall (goal {GOAL_RATIO:g}x): "
                        f"{'met' if cpu_x <= GOAL_RATIO else 'MISSED'} ({user_x:.2f}x by user "
                        f"time); peak {peak_x:.2f}x the floor's (goal {GOAL_PEAK_RATIO:g}x): "
                        f"{'met' if peak_x <= GOAL_PEAK_RATIO else 'MISSED'}")
        elif step.goal == "report-pdf":
            said.append(f"{step.label}: {wall:.2f} s wall, {cpu:.2f} s CPU (goal {GOAL_REPORT_S:g} "
                        f"s wall at load about 1): "
                        f"{'met' if wall <= GOAL_REPORT_S else 'MISSED'}")
        elif step.goal == "snapshot":
            said.append(f"{step.label}: {wall:.2f} s wall, {cpu:.2f} s CPU (goal "
                        f"{GOAL_SNAPSHOT_S:g} s): {'met' if wall <= GOAL_SNAPSHOT_S else 'MISSED'}")
        elif step.goal == "help":
            said.append(f"{step.label}: {wall:.2f} s wall, {cpu:.2f} s CPU (goal {GOAL_HELP_S:g} s): "
                        f"{'met' if wall <= GOAL_HELP_S else 'MISSED'}")
        elif step.goal == "other" and floor is not None:
            cpu_x = median(ratios(step, floor, "cpu"))
            user_x = median(ratios(step, floor, "user"))
            said.append(f"{step.label} ({step.input}): {cpu_x:.2f}x the floor's CPU (goal "
                        f"{GOAL_OTHER_RATIO:g}x): {'met' if cpu_x <= GOAL_OTHER_RATIO else 'MISSED'}"
                        f" ({user_x:.2f}x by user time)")
    return said


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data")
    parser.add_argument("--large", type=Path, default=None,
                        help="a 1.5M-message data folder (default DATA/m1500k when present)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--update-readme", action="store_true",
                        help="replace the results in README.md's '## Performance' section")
    parser.add_argument("--skip", default="", help="comma-separated steps to leave out "
                        "(floor, analyze, snapshot, replies, ties, introduce, due, activity, "
                        "people, graph, history, report, help, large, team, mbox)")
    args = parser.parse_args(argv)
    python = sys.executable
    netaudit = str(Path(python).with_name("netaudit"))
    data = args.data.resolve()
    folder = data / "linkedin-export"
    zips = sorted(data.glob("Basic_LinkedInDataExport_*.zip"))
    large = (args.large or data / "m1500k").resolve()
    mbox = data / "mbox" / "All mail Including Spam and Trash.mbox"
    team = sorted((data / "team").glob("member-*/*.zip"))
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if not folder.exists() or not zips:
        raise SystemExit(f"no benchmark data in {data}: python benchmarks/generate.py --out "
                         f"{data}")
    export_zip = zips[0]

    commands = registered_commands(python)
    info = machine()
    truth = json.loads((data / "export_truth.json").read_text(encoding="utf-8"))
    size = (f"{truth['connections']['rows']:,} connections, {truth['messages']['rows']:,} "
            f"messages")
    names = json.dumps(EXPORT_FILES)
    scratch = Path(tempfile.mkdtemp(prefix="netaudit-bench-"))
    db = scratch / "history.duckdb"
    steps: list[Step] = []
    setup: list[Step] = []

    def add(key: str, label: str, where: str, argv: list[str], floor: str | None = None,
            *, command: str = "", goal: str = "", fresh: Path | None = None) -> None:
        part = key.split("-")[0]
        if part in skip or (command and command not in commands):
            return
        steps.append(Step(key, label, where, argv, floor, goal=goal, fresh=fresh))

    add("floor", "pandas read_csv(engine='pyarrow')", f"folder ({size})",
        [python, "-c", PYARROW_READ, json.dumps([str(folder)]), names])
    add("floor-zip", "pandas read_csv(engine='pyarrow')", "ZIP (members inflated in memory)",
        [python, "-c", PYARROW_READ, json.dumps([str(export_zip)]), names])
    add("analyze", "netaudit analyze --json", "folder",
        [netaudit, "analyze", str(folder), "--json", "-q"], "floor", goal="analyze")
    add("analyze-zip", "netaudit analyze --json", "ZIP",
        [netaudit, "analyze", str(export_zip), "--json", "-q"], "floor-zip", goal="analyze")
    if "snapshot" not in skip and "history" in commands:
        setup.append(Step("history", "netaudit history add", "ZIP (once, before the rounds)",
                          [netaudit, "history", "add", str(export_zip), "-q", "--db", str(db)]))
        add("snapshot", "netaudit analyze --snapshot latest --json", "history (the ZIP stored)",
            [netaudit, "analyze", "--snapshot", "latest", "--json", "-q", "--db", str(db)],
            "floor-zip", goal="snapshot")
    add("replies", "netaudit replies --json", "ZIP",
        [netaudit, "replies", str(export_zip), "--json", "-q"], "floor-zip", command="replies",
        goal="other")
    add("ties", "netaudit ties --json", "ZIP",
        [netaudit, "ties", str(export_zip), "--json", "-q"], "floor-zip", command="ties",
        goal="other")
    for name in ("introduce", "due", "activity", "people"):
        add(name, f"netaudit {name} --json", "ZIP",
            [netaudit, name, str(export_zip), "--json", "-q"], "floor-zip", command=name,
            goal="other")
    add("graph", "netaudit graph -o graph.graphml", "ZIP",
        [netaudit, "graph", str(export_zip), "-o", str(scratch / "graph.graphml"), "-q",
         "--force"], "floor-zip", command="graph", goal="other")
    if "history" in commands:
        added = scratch / "added.duckdb"
        add("history-add", "netaudit history add", "ZIP (into an empty database)",
            [netaudit, "history", "add", str(export_zip), "-q", "--db", str(added)],
            "floor-zip", goal="other", fresh=added)
    add("report-pdf", "netaudit report -o report.pdf", "ZIP",
        [netaudit, "report", str(export_zip), "-o", str(scratch / "report.pdf"), "-q",
         "--force"], "floor-zip", command="report", goal="report-pdf")
    add("report-html", "netaudit report -o report.html", "ZIP",
        [netaudit, "report", str(export_zip), "-o", str(scratch / "report.html"), "-q",
         "--force"], "floor-zip", command="report", goal="other")
    add("report-png", "netaudit report -o slides/ (PNG)", "ZIP",
        [netaudit, "report", str(export_zip), "-o", str(scratch / "slides"), "-q", "--force"],
        "floor-zip", command="report", goal="other")
    add("help", "netaudit --help", "", [netaudit, "--help"], goal="help")
    if (large / "linkedin-export").exists() and (large / "export_truth.json").exists():
        big = json.loads((large / "export_truth.json").read_text(encoding="utf-8"))
        where = (f"folder ({big['connections']['rows']:,} connections, "
                 f"{big['messages']['rows']:,} messages)")
        add("large-floor", "pandas read_csv(engine='pyarrow')", where,
            [python, "-c", PYARROW_READ, json.dumps([str(large / "linkedin-export")]), names])
        add("large-analyze", "netaudit analyze --json", where,
            [netaudit, "analyze", str(large / "linkedin-export"), "--json", "-q"], "large-floor",
            goal="analyze")
    if team:
        members = f"{len(team)} exports"
        add("team-floor", "pandas read_csv(engine='pyarrow')", members,
            [python, "-c", PYARROW_READ, json.dumps(list(map(str, team))), names])
        add("team", "netaudit team --json", members,
            [netaudit, "team", *map(str, team), "--json", "-q"], "team-floor", command="team",
            goal="other")
    if mbox.exists():
        where = f"mbox ({mbox.stat().st_size / MB:,.0f} MB)"
        add("mbox-floor", "read every line (Python)", where, [python, "-c", READ_LINES, str(mbox)])
        add("mbox", "netaudit analyze --json", where, [netaudit, "analyze", str(mbox), "--json",
                                                      "-q"], "mbox-floor")

    loads: list[float] = []
    for step in setup:
        print(f"setup: {step.label} ...", file=sys.stderr, flush=True)
        step.runs.append(measure(step.argv))
        if step.runs[-1].code != 0:
            raise SystemExit(f"{step.label} failed:\n{step.runs[-1].stderr[-3000:]}")
    for number in range(1, args.rounds + 1):
        for step in steps:
            loads.append(os.getloadavg()[0])
            print(f"round {number}/{args.rounds}: {step.label} on {step.input or '-'} ...",
                  file=sys.stderr, flush=True)
            if step.fresh is not None:
                step.fresh.unlink(missing_ok=True)
                step.fresh.with_name(step.fresh.name + ".wal").unlink(missing_ok=True)
            step.runs.append(measure(step.argv))
    shutil.rmtree(scratch, ignore_errors=True)

    by_key = {step.key: step for step in steps}
    floor = by_key.get("floor")
    if floor and floor.ok():
        found = json.loads(floor.ok()[-1].stdout)
        floor.note = (", ".join(found["newlines_in_values"]) + " through pyarrow.csv.read_csv("
                      "newlines_in_values=True) (line breaks in quoted fields); "
                      if found["newlines_in_values"] else "") + (
                      f"{sum(found['rows'].values()):,} rows")
    text = "\n".join([
        f"Machine: {info['cpus']} CPUs ({info['cpu']}), {info['memory']} RAM, Python "
        f"{info['python']}; commit {info['commit']}, {info['date']}. {args.rounds} interleaved "
        f"rounds; each figure is the median over the rounds and (in brackets) the lowest and "
        f"highest; a ratio is taken within each round, then its median. Load average (1 min) "
        f"when each step started: median {statistics.median(loads) if loads else 0:.1f}, "
        f"{min(loads, default=0):.1f}-{max(loads, default=0):.1f} (the machine is shared; "
        f"this benchmark alone adds about 1).",
        "",
        table(setup + steps, by_key),
        "",
        *[f"- {v}" for v in verdicts(steps, by_key)],
    ])
    print(text)
    (ROOT / "benchmarks" / "results.md").write_text(
        "# Benchmark results\n\nWritten by `benchmarks/run.py`; see `benchmarks/README.md`.\n\n"
        + text + "\n", encoding="utf-8")
    if args.update_readme:
        readme = ROOT / "README.md"
        content = readme.read_text(encoding="utf-8")
        if START in content and END in content:
            before, rest = content.split(START, 1)
            _, after = rest.split(END, 1)
            readme.write_text(before + START + "\n\n" + text + "\n\n" + END + after,
                              encoding="utf-8")
        else:
            print("README.md has no benchmark markers; results.md was written",
                  file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
