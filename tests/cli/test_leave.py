"""The command leaves with os._exit once its work is done (netaudit.cli.leave, issue 17): what
it printed arrives whole, exit codes are those of sys.exit, atexit handlers still run, and a
thread still running is waited for."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from typer.testing import CliRunner

from netaudit.cli import app

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=120)


def test_a_long_json_output_arrives_whole_through_a_pipe():
    # ties --json of the sample: 300 connections' rows, far more than a pipe's 64 KB buffer.
    piped = subprocess.run([sys.executable, "-m", "netaudit", "ties", str(SAMPLE), "--json"],
                           capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0
    assert len(piped.stdout) > 65_536
    in_process = CliRunner().invoke(app, ["ties", str(SAMPLE), "--json"])
    assert piped.stdout == in_process.stdout
    assert len(json.loads(piped.stdout)["rows"]) == 331  # one row per person of the sample


def test_exit_codes_are_those_of_sys_exit():
    assert _python("from netaudit.cli import leave; leave(None)").returncode == 0
    assert _python("from netaudit.cli import leave; leave(3)").returncode == 3
    said = _python("from netaudit.cli import leave; leave('stopped: why')")
    assert (said.returncode, said.stderr) == (1, "stopped: why\n")
    missing = subprocess.run([sys.executable, "-m", "netaudit", "analyze", "no-such-export.zip"],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: no-such-export.zip: no such file")


def test_atexit_handlers_run_and_buffered_output_is_flushed():
    done = _python("""
        import atexit, sys
        from netaudit.cli import leave
        atexit.register(lambda: sys.stdout.write("handler ran\\n"))
        sys.stdout.write("buffered, no newline")
        leave(0)
    """)
    assert (done.returncode, done.stdout) == (0, "buffered, no newlinehandler ran\n")


def test_a_running_thread_is_waited_for():
    done = _python("""
        import threading, time
        from netaudit.cli import leave
        threading.Thread(target=lambda: (time.sleep(0.3), print("thread done"))).start()
        leave(0)
    """)
    assert (done.returncode, done.stdout) == (0, "thread done\n")
