"""Time ``netaudit team --json`` on 20 exports of 5,000 connections, and check its overlap.

    .venv/bin/python benchmarks/bench_team.py [--members 20] [--size 5000] [--data DIR]

The exports come from ``benchmarks/generate.py --team N --team-size M`` (written into
``DIR/team`` when missing; ``--regenerate`` forces it). Then, each in its own process so that
its peak memory is its own (``os.wait4``):

1. ``netaudit team EXPORT... --json --target COMPANY``: wall time, CPU time, peak memory;
2. the same work in one process, with the time of each stage: reading the exports (one at a
   time, as the command does), tie strength and graph per member, merging people and the union
   graph with the warm paths, communities, and brokers/Burt/bridges.

The overlap netaudit reports is checked against ``team_truth.json`` written by the generator
(there, owners count as connections of their colleagues; netaudit leaves teammates out, and
counts date-only rows, which the truth does not).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024

STAGES = r"""
import json, resource, sys, time
from pathlib import Path
paths = [Path(p) for p in json.loads(sys.argv[1])]
marks = {}

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

from netaudit.analyses.team import team_report
from netaudit.importers import load
reading = [0.0]

def one_at_a_time():
    # As the command does: each export is read when the analysis asks for it.
    for path in paths:
        started = time.perf_counter()
        network = load([path])
        reading[0] += time.perf_counter() - started
        yield network

names = {"tie strength": "tie strength and graph of every member",
         "merging people": "merge people, union graph, overlap, warm paths",
         "communities": "communities (Louvain on the folded core)",
         "brokers": "brokers, Burt, local bridges"}
state = {"step": None, "since": time.perf_counter()}

def close(now):
    if state["step"] is not None:
        name = names[state["step"]]
        seconds = marks.get(name, [0.0, 0.0])[0] + now - state["since"]
        marks[name] = [seconds, peak_mb()]
    state["since"] = now

def progress(step, done, total):
    if step != state["step"]:
        close(time.perf_counter())
        state["step"] = step

team_report(one_at_a_time(), labels=[str(p) for p in paths], targets=[sys.argv[2]],
            progress=progress)
close(time.perf_counter())
first = names["tie strength"]
marks[first][0] -= reading[0]
marks = {"read the exports (netaudit.load, one at a time)": [reading[0], None], **marks}
print(json.dumps(marks))
"""


def measure(argv: list[str]) -> tuple[float, float, float, int, str, str]:
    """(wall s, CPU s, peak MB, exit code, stdout, stderr) of a child process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    peak = usage.ru_maxrss / (MB if sys.platform == "darwin" else 1024)
    return (wall, usage.ru_utime + usage.ru_stime, peak, os.waitstatus_to_exitcode(status),
            stdout, stderr)


def exports(data: Path, members: int, size: int, regenerate: bool) -> list[Path]:
    """The exports of ``benchmarks/generate.py --team`` in ``data/team`` (written if missing)."""
    team = data / "team"
    found = sorted(team.glob("member-*/*.zip"))
    truth = team / "team_truth.json"
    fits = False
    if truth.exists() and len(found) == members:
        rows = json.loads(truth.read_text(encoding="utf-8"))["members"]
        fits = all(row["connection_rows"] == size for row in rows)
    if regenerate or not fits:
        print(f"generating {members} exports of {size:,} connections in {team} ...",
              file=sys.stderr, flush=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--out",
                        str(data), "--no-export", "--team", str(members), "--team-size",
                        str(size)], check=True, cwd=ROOT)
        found = sorted(team.glob("member-*/*.zip"))
    return found


def unique_owner_exports(data: Path, members: int, size: int, regenerate: bool,
                         seed: int = 2026) -> list[Path]:
    """Like ``generate.py --team`` (a quarter of each network from a shared pool, members
    connected to each other), but every owner has a name nobody else in the data has.

    generate.py draws owners from the same small name lists as everyone else, so most owners
    have a namesake with another profile URL among their own connections; Profile.csv gives
    no URL, so the owner is then not recognized in their own messages (see the report of
    this benchmark). Unique names keep that apart from the timing.
    """
    sys.path.insert(0, str(ROOT / "samples"))
    from make_samples import People, build_export, owner_person

    team = data / "team-unique-owners"
    found = sorted(team.glob("member-*/*.zip"))
    truth_path = team / "team_truth.json"
    if not regenerate and len(found) == members and truth_path.exists() and json.loads(
            truth_path.read_text(encoding="utf-8"))["size"] == size:
        return found
    people = People(seed)
    hidden = round(size * 0.023)
    named = size - hidden
    pool = list(range(round(0.3125 * named)))
    take = round(0.25 * named)
    owner_ids = [50_000_000 + i for i in range(members)]
    for i, idx in enumerate(owner_ids):
        person = owner_person((f"Member{i + 1:02d}", "Benchmark"), seed + i)
        person.idx = idx
        people._cache[idx] = person
    url_sets = []
    for i in range(members):
        print(f"writing member {i + 1}/{members} ...", file=sys.stderr, flush=True)
        rng = random.Random(seed * 1000 + i)
        own = [100_000_000 * (i + 1) + j for j in range(named - take - (members - 1))]
        ids = rng.sample(pool, take) + own + [owner_ids[j] for j in range(members) if j != i]
        owner = people[owner_ids[i]]
        export = build_export(team / f"member-{i + 1:02d}", n_connections=size,
                              # generate.py's ratios: 500,000 messages and 60,000
                              # conversations for 30,000 connections
                              n_conversations=2 * size, n_messages=round(size * 50 / 3),
                              seed=seed + 101 * (i + 1), people=people, connection_ids=ids,
                              owner=(owner.first, owner.last), owner_slug=owner.slug)
        url_sets.append(sorted({p.url for p, _ in export.connections if p is not None}))
    truth_path.write_text(json.dumps({"size": size, "hidden": hidden, "urls": url_sets}),
                          encoding="utf-8")
    return sorted(team.glob("member-*/*.zip"))


def check_overlap(result: dict, people: list[set[str]], hidden: list[int]) -> list[str]:
    """Differences between netaudit's overlap and the one counted from the Connections.csv
    files directly (:func:`truth_lists`). There, owners count as connections of their colleagues and date-only
    rows are left out; netaudit leaves teammates out and counts date-only rows."""
    members = len(people)
    problems = []
    got = result["overlap"]["matrix"]
    for i in range(members):
        for j in range(members):
            want = len(people[i] & people[j])
            if i == j:
                want = want - (members - 1) + hidden[i]
            else:
                want -= members - 2            # every other member is in both lists
            if got[i][j] != want:
                problems.append(f"overlap[{i}][{j}] = {got[i][j]:,}, expected {want:,}")
    return problems


def truth_lists(paths: list[Path]) -> tuple[list[set[str]], list[int]]:
    """Per export, the people of its Connections.csv as written (a person is a profile URL,
    and URLs that share an e-mail address are one person, as netaudit's rule says: the
    generator gives two namesakes the same address when their numbers end alike), and the
    number of date-only rows."""
    import csv
    import io
    import zipfile

    rows_of, hidden = [], []
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            text = archive.read("Connections.csv").decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text[text.index("First Name"):])))
        rows_of.append([(row["URL"], row["Email Address"].strip().lower()) for row in rows
                        if row["URL"]])
        hidden.append(sum(1 for row in rows if not (row["First Name"] or row["Last Name"]
                                                    or row["URL"])))
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for rows in rows_of:
        for url, email in rows:
            if email:
                parent[find(url)] = find("mail:" + email)
    return [{find(url) for url, _ in rows} for rows in rows_of], hidden


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--size", type=int, default=5_000, help="connections per export")
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data")
    parser.add_argument("--target", default="Kestrel Robotics",
                        help="the --target of the run (a company of the fictional data)")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--unique-owners", action="store_true",
                        help="write and use exports whose owners have unique names, instead of "
                             "those of generate.py --team")
    args = parser.parse_args()

    if args.unique_owners:
        paths = unique_owner_exports(args.data, args.members, args.size, args.regenerate)
    else:
        paths = exports(args.data, args.members, args.size, args.regenerate)
    netaudit = str(Path(sys.executable).with_name("netaudit"))
    print(f"running netaudit team on {len(paths)} exports ...", file=sys.stderr, flush=True)
    wall, cpu, peak, code, stdout, stderr = measure(
        [netaudit, "team", *map(str, paths), "--json", "--target", args.target])
    if code != 0:
        raise SystemExit(f"netaudit team failed ({code}):\n{stderr[-3000:]}")
    result = json.loads(stdout)
    print("running the stages in one process ...", file=sys.stderr, flush=True)
    s_wall, s_cpu, s_peak, s_code, s_out, s_err = measure(
        [sys.executable, "-c", STAGES, json.dumps(list(map(str, paths))), args.target])
    if s_code != 0:
        raise SystemExit(f"the staged run failed ({s_code}):\n{s_err[-3000:]}")
    stages = json.loads(s_out.strip().splitlines()[-1])

    problems = check_overlap(result, *truth_lists(paths))
    cpu_name = platform.processor() or platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo"
                                                                        ).exists() else []:
        if line.startswith("model name"):
            cpu_name = line.split(":", 1)[1].strip()
            break
    graph = result["graph"]
    print(f"\nnetaudit team, {len(paths)} exports x {args.size:,} connections "
          f"({result['reach']['total_distinct']:,} distinct people reached, graph of "
          f"{graph['nodes']:,} people and {graph['edges']:,} ties); {os.cpu_count()} CPUs "
          f"({cpu_name}), Python {platform.python_version()}\n")
    print("| step | wall s | CPU s | peak MB |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| `netaudit team --json --target` | {wall:.1f} | {cpu:.1f} | {peak:,.0f} |")
    print(f"| the same in stages, one process | {s_wall:.1f} | {s_cpu:.1f} | {s_peak:,.0f} |")
    for name, (seconds, peak_so_far) in stages.items():
        so_far = f"{peak_so_far:,.0f} so far" if peak_so_far is not None else ""
        print(f"| - {name} | {seconds:.1f} | | {so_far} |")
    print(f"\nbrokers: {result['brokers']['method']}")
    print(f"communities: {result['communities']['count']:,}; local bridges: "
          f"{result['local_bridges']['count']:,}")
    reaching = result["targets"][0]["members_reaching"] if result["targets"] else 0
    print(f"target {args.target!r}: reachable by {reaching} of {len(paths)} members")
    owners = [m["name"] for m in result["members"]]
    print(f"members recognized as the owner of their export: {len(owners)} distinct")
    if problems:
        print(f"\noverlap differs from the count in the CSV files in {len(problems)} cells, "
              "e.g.:\n  " + "\n  ".join(problems[:5]))
        raise SystemExit(1)
    print("overlap matrix: equal to the count in the CSV files (by profile URL and e-mail; "
          "teammates and date-only rows accounted for)")


if __name__ == "__main__":
    main()
