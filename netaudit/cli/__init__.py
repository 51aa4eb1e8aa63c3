"""The ``netaudit`` command line: the only place that prints, parses options or exits.

Each command family lives in its own module and registers itself on ``app``. Exit codes:
0 success, 1 bad or unreadable input, 2 usage error, 3 internal error (a bug), 130 interrupted.
"""

from __future__ import annotations

from importlib import import_module

from netaudit import interrupts

# First, before the imports that take time on a loaded machine: a Ctrl-C swallowed there is
# still seen when the command ends (README Safety, 'Stopping leaves nothing behind').
interrupts.record_ctrl_c()

try:
    from netaudit.cli.app import app
except KeyboardInterrupt:  # Ctrl-C while the command line loads: one word, no traceback
    import sys

    sys.stderr.write("interrupted\n")
    raise SystemExit(130) from None

#: Command modules (`netaudit --help` lists their commands in app.ORDER, README's order).
COMMAND_MODULES = ("analyze", "recall", "activity", "ties", "due", "team", "graph", "replies",
                   "report", "history", "batch", "people")


def _register() -> None:
    # Each module adds its commands to `app` when imported.
    for name in COMMAND_MODULES:
        import_module(f"netaudit.cli.{name}")


try:
    _register()
except KeyboardInterrupt:
    import sys

    sys.stderr.write("interrupted\n")
    raise SystemExit(130) from None


def main() -> None:
    app()
