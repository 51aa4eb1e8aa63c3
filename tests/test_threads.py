"""netaudit/threads.py: a command starts no idle OpenBLAS thread (issue 17)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from netaudit import threads

# numpy imported in a fresh interpreter, after one_blas_thread() or not: what the call
# returned, the variable numpy's OpenBLAS saw, and the threads of the process then.
PROBE = """
import json, os, sys
from netaudit.threads import one_blas_thread
took = one_blas_thread() if sys.argv[1] == "on" else None
import numpy
print(json.dumps({"took": took, "variable": os.environ.get("OPENBLAS_NUM_THREADS"),
                  "threads": len(os.listdir("/proc/self/task"))}))
"""


def probe(setting: str, **env: str) -> dict:
    clean = {k: v for k, v in os.environ.items()
             if k not in threads.BLAS_THREAD_VARIABLES}
    done = subprocess.run([sys.executable, "-c", PROBE, setting], capture_output=True,
                          text=True, check=True, env={**clean, **env})
    return json.loads(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="threads read from /proc")
def test_numpy_loads_without_a_blas_worker_thread() -> None:
    on, off = probe("on"), probe("off")
    assert (on["took"], on["variable"]) == (True, "1")
    # OpenBLAS adds no thread of its own; without the setting it adds one per further core
    # (none on a one-core machine).
    assert off["variable"] is None
    assert on["threads"] <= off["threads"]
    assert on["threads"] < off["threads"] or os.cpu_count() == 1


def test_a_thread_count_the_user_chose_is_kept() -> None:
    for name in threads.BLAS_THREAD_VARIABLES:
        seen = probe("on", **{name: "3"})
        assert seen["took"] is False
        assert seen["variable"] == ("3" if name == "OPENBLAS_NUM_THREADS" else None)


def test_too_late_once_numpy_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in threads.BLAS_THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setitem(sys.modules, "numpy", sys.modules.get("numpy") or object())
    assert threads.one_blas_thread() is False
    assert "OPENBLAS_NUM_THREADS" not in os.environ
