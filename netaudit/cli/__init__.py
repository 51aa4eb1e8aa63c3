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
    """The ``netaudit`` command: run it, then leave without tearing the interpreter down."""
    try:
        app()
    except SystemExit as exc:
        leave(exc.code)
    leave(0)


def leave(code: object) -> None:
    """Exit with ``code`` as ``sys.exit`` would, but skip freeing every object one by one.

    By the time a command returns, its files are written and closed (each output is put in
    place atomically, every file and database is closed by a ``with``), so what a normal exit
    still does is the ``atexit`` handlers (temporary folders, multiprocessing, logging), the
    flush of stdout and stderr, and freeing the loaded export object by object: 0.2 s of CPU
    at 500,000 messages (issue 17). The first two are done here, then ``os._exit``. With a
    thread other than the main one still running, the normal exit joins it: ``sys.exit``."""
    import atexit
    import os
    import sys
    import threading

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): the message on stderr, status 1
        sys.stderr.write(f"{code}\n")
        status = 1
    if threading.active_count() > 1:
        raise SystemExit(status)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except (OSError, ValueError):  # a closed pipe (`| head`) or stream: as Python's own exit
        status = status or 120
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(status)
