"""netaudit/allocator.py: the command line keeps freed memory for reuse (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from netaudit import allocator


def _glibc() -> bool:
    try:
        return (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")
    except (ValueError, OSError):
        return False


# A 48 MB block (above glibc's largest own threshold, 32 MB) allocated, zeroed, freed, then
# again: how many page faults the second one takes. Without the setting glibc gives the
# block back when it is freed and the second one faults in all of its 12,288 pages again;
# with it the freed block is reused.
REUSE = """
import resource, sys
from netaudit.allocator import keep_freed_memory
taken = keep_freed_memory() if sys.argv[1] == "on" else False
block = bytearray(48 * 1024 * 1024); del block
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
block = bytearray(48 * 1024 * 1024); del block
print(taken, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(not (sys.platform.startswith("linux") and _glibc()), reason="glibc only")
def test_glibc_reuses_a_freed_block() -> None:
    def faults(setting: str) -> tuple[str, int]:
        out = subprocess.run([sys.executable, "-c", REUSE, setting], capture_output=True,
                             text=True, check=True).stdout.split()
        return out[0], int(out[1])

    taken, with_it = faults("on")
    _, without = faults("off")
    assert taken == "True"
    assert without >= 12_000  # every page of the 48 MB block again
    assert with_it < 1_000


def test_other_systems_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert allocator.keep_freed_memory() is False


def test_a_command_sets_it_before_reading(monkeypatch: pytest.MonkeyPatch, runner,
                                          tmp_path) -> None:
    from netaudit.cli import app

    module = sys.modules["netaudit.cli.app"]
    calls: list[str] = []
    monkeypatch.setattr(module, "keep_freed_memory", lambda: calls.append("set") or True)
    result = runner.invoke(app, ["analyze", str(tmp_path / "missing.zip")])
    assert result.exit_code == 1, result.output  # no such file: after the setting
    assert calls == ["set"]
