"""Time and memory of importing a large Gmail-Takeout-style mbox (the importer streams it).

    .venv/bin/python benchmarks/bench_mbox.py [--mb 200] [--dir /tmp/netaudit-bench-mbox]
    .venv/bin/python benchmarks/bench_mbox.py --file "benchmarks/data/mbox/All mail Including Spam and Trash.mbox"

Writes an mbox of about ``--mb`` MB with ``benchmarks/generate.py``'s Takeout writer (CRLF,
X-GM-THRID, labels, auto-replies, bounces, newsletters, base64 attachments), unless one of
that size is already there, then measures, each in its own process so that peak memory is
that step's alone (``os.wait4`` resource usage of the child):

1. the floor: reading every line of the file and doing nothing with it;
2. the importer alone (``netaudit.importers.mbox.Mbox().read``);
3. the whole ``netaudit analyze FILE --json``.

It also checks the importer's counts against the generator's truth (messages, auto-replies
plus bounces; ``mbox_truth.json`` beside the file or its folder, when there is one) and
prints the importer's peak memory per message beside the file's size per message: memory
must follow the number of messages, not the size of their attachments. Not part of the
test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

FLOOR = """
import sys
with open(sys.argv[1], "rb") as f:
    for line in f:
        pass
"""

IMPORT = """
import json, sys
from pathlib import Path
from netaudit.importers.base import ReadOptions
from netaudit.importers.inputs import iter_inputs
from netaudit.importers.mbox import Mbox
[file] = iter_inputs([Path(sys.argv[1])], [])
network = Mbox().read(file, ReadOptions())
m = network.messages
print(json.dumps({"messages": len(m), "threads": int(m["conversation_id"].nunique()),
                  "auto": int(m["is_auto"].sum()), "people": len(network.people),
                  "owner": network.owner.name if network.owner else "",
                  "owner_how": network.owner.how if network.owner else ""}))
"""


def measure(label: str, argv: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak RSS in MB and stdout of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             cwd=ROOT)
    output = child.stdout.read().decode() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if child.stdout:
        child.stdout.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{label} failed with exit code {code}")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = usage.ru_maxrss / (MB if sys.platform == "darwin" else 1024)
    return seconds, usage.ru_utime + usage.ru_stime, peak, output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200, help="size of the mbox in MB")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/netaudit-bench-mbox"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--file", type=Path, help="measure this mbox instead of writing one")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from benchmarks.generate import write_mbox

    if args.file:
        target = args.file.resolve()
        truth_path = next((p / "mbox_truth.json" for p in (target.parent, target.parent.parent)
                           if (p / "mbox_truth.json").exists()), None)
    else:
        out = args.dir / f"{args.mb:g}MB"
        target = out / "mbox" / "All mail Including Spam and Trash.mbox"
        truth_path = out / "mbox_truth.json"
        if not (target.exists() and truth_path.exists()):
            write_mbox(out, megabytes=args.mb, seed=args.seed)
    truth = json.loads(truth_path.read_text(encoding="utf-8")) if truth_path else None
    size = target.stat().st_size
    python = sys.executable
    netaudit = str(Path(python).with_name("netaudit"))

    rows = []
    *floor, _ = measure("floor", [python, "-c", FLOOR, str(target)])
    rows.append(("read every line (floor)", *floor))
    *imported, output = measure("import", [python, "-c", IMPORT, str(target)])
    rows.append(("importer (Mbox.read)", *imported))
    found = json.loads(output)
    *analyzed, _ = measure("analyze", [netaudit, "analyze", str(target), "--json"])
    rows.append(("netaudit analyze --json", *analyzed))

    written = (f"{truth['messages']:,} messages written ({truth['attachments']:,} with "
               "attachments)") if truth else "no mbox_truth.json"
    print(f"mbox: {size / MB:,.1f} MB, {written}, {target}")
    # CPU time too: on a busy machine wall time says more about the neighbours.
    print(f"{'step':<26} {'wall s':>8} {'CPU s':>8} {'peak RSS MB':>12} {'MB/CPU s':>9}")
    for label, seconds, cpu, peak in rows:
        print(f"{label:<26} {seconds:8.1f} {cpu:8.1f} {peak:12.0f} {size / MB / cpu:9.1f}")
    print(f"imported: {found['messages']:,} messages, {found['threads']:,} threads, "
          f"{found['auto']:,} auto, {found['people']:,} people; owner {found['owner']} "
          f"({found['owner_how']})")
    messages = max(found["messages"], 1)
    print(f"per message: {size / messages / 1024:,.1f} kB of file, importer peak "
          f"{rows[1][3] * 1024 / messages:,.1f} kB (interpreter and pandas included)")
    if truth is None:
        return 0
    expected_auto = truth["auto_replies"] + truth["bounces"]
    ok = found["messages"] == truth["messages"] and found["auto"] == expected_auto
    print(f"truth: {truth['messages']:,} messages, {expected_auto:,} auto: "
          + ("counts match" if ok else "COUNTS DIFFER"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
