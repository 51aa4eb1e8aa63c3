"""Run netaudit's scale benchmark and write the results table.

    .venv/bin/python benchmarks/run.py                  # data from benchmarks/generate.py
    .venv/bin/python benchmarks/run.py --generate       # write missing data first (~4 min)
    .venv/bin/python benchmarks/run.py --update-readme  # also refresh README "## Performance"

Every step runs in its own process, so that its peak memory is its own (``os.wait4`` resource
usage of the child: ``ru_maxrss``), and is timed in wall-clock and CPU seconds (on a busy
machine CPU time says more than wall time about netaudit itself). Steps:

- the floor: pandas with the pyarrow engine reading the same CSVs (the preamble skipped as a
  reader must), in a fresh process (interpreter start and imports included, as for netaudit);
- each command on the 30,000-connection / 500,000-message export (``analyze --json`` on the
  folder and on the ZIP, and ``replies``, ``ties``, ``report``, ``team`` where they exist);
- ``analyze --json`` on the ~1 GB mbox beside the time to read its lines;
- ``netaudit --help``, median of 5.

Goals (issue 2): analyze within 2x of the pyarrow read, peak memory under 1.5 GB, ``--help``
under 0.3 s. The table goes to stdout and ``benchmarks/results.md``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
GOAL_RATIO, GOAL_PEAK_MB, GOAL_HELP_S = 2.0, 1.5 * 1024, 0.3
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
    code: int
    stdout: str
    stderr: str


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
        cpu = usage.ru_utime + usage.ru_stime
        if stats.exists():
            fields = stats.read_text().split()[-3:]  # after "Command exited with ..." if any
            peak, cpu = int(fields[0]) / 1024, float(fields[1]) + float(fields[2])
        with open(folder / "out", "rb") as out:
            stdout = out.read(MB).decode(errors="replace")
        with open(folder / "err", "rb") as err:
            err.seek(max(0, (folder / "err").stat().st_size - 20_000))
            stderr = err.read().decode(errors="replace")
    return Run(wall, cpu, peak, os.waitstatus_to_exitcode(status), stdout, stderr)


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
class Row:
    step: str
    input: str
    run: Run | None
    floor: Run | None = None
    note: str = ""

    def cells(self) -> list[str]:
        if self.run is None:
            return [self.step, self.input, "–", "–", "–", "–", self.note]
        run = self.run
        if run.code != 0:
            failed = run.stderr.strip().splitlines()[-1:] or [""]
            return [self.step, self.input, f"{run.wall:.1f}", f"{run.cpu:.1f}",
                    f"{run.peak_mb:,.0f}", "–", f"exit {run.code}: {failed[0][:80]}"]
        ratio = "–"
        if self.floor is not None:
            ratio = (f"{run.wall / self.floor.wall:.1f}x wall, "
                     f"{run.cpu / self.floor.cpu:.1f}x CPU")
        return [self.step, self.input, f"{run.wall:.2f}", f"{run.cpu:.2f}",
                f"{run.peak_mb:,.0f}", ratio, self.note]


def table(rows: list[Row]) -> str:
    head = ["step", "input", "wall s", "CPU s", "peak MB", "vs. pyarrow read", "note"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data")
    parser.add_argument("--generate", action="store_true",
                        help="write missing data with benchmarks/generate.py first")
    parser.add_argument("--update-readme", action="store_true",
                        help="replace the results in README.md's '## Performance' section")
    parser.add_argument("--skip", default="", help="comma-separated steps to leave out "
                        "(e.g. mbox,report)")
    args = parser.parse_args(argv)
    python = sys.executable
    netaudit = str(Path(python).with_name("netaudit"))
    data = args.data.resolve()
    folder = data / "linkedin-export"
    export_zip = data / "Basic_LinkedInDataExport_11-20-2026.zip"
    mbox = data / "mbox" / "All mail Including Spam and Trash.mbox"
    team = sorted((data / "team").glob("member-*/*.zip"))
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}

    if args.generate:
        wanted = [] if not export_zip.exists() else ["--no-export"]
        wanted += ["--mbox-mb", "1024"] if not mbox.exists() else []
        wanted += ["--team", "20"] if not team else []
        if wanted != ["--no-export"]:
            subprocess.run([python, str(ROOT / "benchmarks" / "generate.py"), "--out",
                            str(data), *wanted], check=True)
            team = sorted((data / "team").glob("member-*/*.zip"))
    if not folder.exists():
        raise SystemExit(f"no benchmark data in {data}: run with --generate, or "
                         "python benchmarks/generate.py --out benchmarks/data --mbox-mb 1024 "
                         "--team 20")

    commands = registered_commands(python)
    info = machine()
    rows: list[Row] = []
    truth = json.loads((data / "export_truth.json").read_text(encoding="utf-8"))
    size = (f"{truth['connections']['rows']:,} connections, {truth['messages']['rows']:,} "
            f"messages")

    def step(label: str, where: str, argv: list[str], floor: Run | None = None,
             note: str = "") -> Run:
        print(f"running {label} on {where} ...", file=sys.stderr, flush=True)
        run = measure(argv)
        rows.append(Row(label, where, run, floor, note))
        return run

    names = json.dumps(EXPORT_FILES)
    floor = step("pandas read_csv(engine='pyarrow')", f"folder ({size})",
                 [python, "-c", PYARROW_READ, json.dumps([str(folder)]), names])
    if floor.code != 0:
        raise SystemExit(f"the pyarrow read failed:\n{floor.stderr[-3000:]}")
    found = json.loads(floor.stdout)
    rows[-1].note = (f"{found['read_seconds']:.2f} s of it reading; "
                     + (f"{', '.join(found['newlines_in_values'])} through "
                        "pyarrow.csv.read_csv(newlines_in_values=True) (line breaks in quoted "
                        "fields); " if found["newlines_in_values"] else "")
                     + f"{sum(found['rows'].values()):,} rows")
    floor_zip = step("pandas read_csv(engine='pyarrow')", "ZIP (members inflated in memory)",
                     [python, "-c", PYARROW_READ, json.dumps([str(export_zip)]), names])
    step("netaudit analyze --json", "folder", [netaudit, "analyze", str(folder), "--json"],
         floor)
    step("netaudit analyze --json", "ZIP", [netaudit, "analyze", str(export_zip), "--json"],
         floor_zip)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        if "history" not in skip and "history" in commands:
            # The same export stored once (issue 13), then read back without parsing a CSV.
            db = ["--db", str(out / "history.duckdb")]
            step("netaudit history add", "ZIP", [netaudit, "history", "add", str(export_zip),
                                                 "-q", *db])
            step("netaudit analyze --snapshot latest --json", "history (the ZIP stored)",
                 [netaudit, "analyze", "--snapshot", "latest", "--json", "-q", *db], floor_zip)
        per_command = {
            "replies": [["replies", str(export_zip), "--json"]],
            "ties": [["ties", str(export_zip), "--json"]],
            "report": [["report", str(export_zip), "-o", str(out / "report.pdf")],
                       ["report", str(export_zip), "-o", str(out / "report.html")]],
        }
        for command, variants in per_command.items():
            if command in skip:
                continue
            if command not in commands:
                rows.append(Row(f"netaudit {command}", "ZIP", None, note="not registered yet"))
                continue
            for variant in variants:
                label = " ".join(["netaudit", *[Path(a).name if a.startswith("/") else a
                                                 for a in variant if a != str(export_zip)]])
                step(label, "ZIP", [netaudit, *variant], floor_zip)
        if "team" not in skip and team:
            members = f"{len(team)} exports"
            team_floor = step("pandas read_csv(engine='pyarrow')", members,
                              [python, "-c", PYARROW_READ, json.dumps(list(map(str, team))), names])
            if "team" in commands:
                step("netaudit team --json", members,
                     [netaudit, "team", *map(str, team), "--json"], team_floor)
            else:
                rows.append(Row("netaudit team", members, None, note="not registered yet"))
    if "mbox" not in skip and mbox.exists():
        where = f"mbox ({mbox.stat().st_size / MB:,.0f} MB)"
        lines = step("read every line (Python)", where, [python, "-c", READ_LINES, str(mbox)])
        step("netaudit analyze --json", where, [netaudit, "analyze", str(mbox), "--json"],
             note=f"{rows[-1].run.wall:.1f} s to read its lines" if lines.code == 0 else "")
        rows[-1].floor = None

    helps = [measure([netaudit, "--help"]) for _ in range(5)]
    help_run = Run(statistics.median(r.wall for r in helps),
                   statistics.median(r.cpu for r in helps), max(r.peak_mb for r in helps),
                   max(r.code for r in helps), "", "")
    rows.append(Row("netaudit --help", "median of 5", help_run))

    verdicts = []
    for row in rows:
        if row.run is None or row.run.code != 0:
            continue
        if row.step.startswith("netaudit analyze") and row.floor is not None:
            wall, cpu = row.run.wall / row.floor.wall, row.run.cpu / row.floor.cpu
            verdicts.append(f"analyze ({row.input}) vs. pyarrow read: {wall:.1f}x wall, "
                            f"{cpu:.1f}x CPU (goal {GOAL_RATIO:g}x): "
                            f"{'met' if wall <= GOAL_RATIO else 'MISSED'}")
        if row.step.startswith("netaudit") and row.run.peak_mb > GOAL_PEAK_MB:
            verdicts.append(f"{row.step} ({row.input}): peak {row.run.peak_mb:,.0f} MB "
                            f"(goal < {GOAL_PEAK_MB:,.0f} MB): MISSED")
    peaks = [r.run.peak_mb for r in rows if r.run and r.step.startswith("netaudit")]
    if peaks and max(peaks) <= GOAL_PEAK_MB:
        verdicts.append(f"peak memory of every netaudit step under {GOAL_PEAK_MB:,.0f} MB: "
                        f"met (highest {max(peaks):,.0f} MB)")
    verdicts.append(f"netaudit --help: {help_run.wall:.2f} s (goal < {GOAL_HELP_S} s): "
                    f"{'met' if help_run.wall < GOAL_HELP_S else 'MISSED'}")

    text = "\n".join([
        f"Machine: {info['cpus']} CPUs ({info['cpu']}), {info['memory']} RAM, Python "
        f"{info['python']}; load average during the run {info['load']}; commit "
        f"{info['commit']}, {info['date']}.",
        "",
        table(rows),
        "",
        *[f"- {v}" for v in verdicts],
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
