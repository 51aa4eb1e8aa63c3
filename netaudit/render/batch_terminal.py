"""Terminal rendering of a ``netaudit batch`` run: how many exports were done, skipped and
failed, and one line per failure (the path as given, and why)."""

from __future__ import annotations

from typing import Any

from rich.console import Console


def render_batch(console: Console, run: dict[str, Any]) -> None:
    """Print the run summary ``run`` (``BatchResult.to_dict()``)."""
    exports = run["exports"]
    parts = [f"{run['done']:,} done", f"{run['skipped']:,} already in {run['out']}"]
    if run["duplicate"]:
        parts.append(f"{run['duplicate']:,} the same bytes as another given")
    parts.append(f"{run['failed']:,} failed")
    line = f"{exports:,} export{'s' if exports != 1 else ''}: " + ", ".join(parts)
    if run["cpu_seconds_per_export"] is not None:
        line += (f" ({run['cpu_seconds_per_export']:.2f} s CPU per export done, "
                 f"{run['wall_seconds']:.1f} s in all)")
    # Wrapped between words at the terminal's width (a path longer than a line is folded).
    console.print(line, highlight=False, markup=False, soft_wrap=False)
    for failure in run["failures"]:
        console.print(f"failed: {failure['path']}: {failure['reason']}", highlight=False,
                      markup=False, soft_wrap=True)
    if run["failed"]:
        console.print(f"failures listed in {run['out']}/failures.parquet; run the same command "
                      "again to retry them (what is done is skipped)", highlight=False,
                      markup=False, soft_wrap=True)
