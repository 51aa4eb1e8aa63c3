"""Signals that arrived while netaudit runs, kept so that none is lost.

The command line's handlers for Ctrl-C (SIGINT), SIGTERM and SIGHUP raise where the program
stands, so that temporary files are removed on the way out. But an exception raised inside a
finalizer or a weak-reference callback (the garbage collector runs them at any moment) is
printed by Python as "Exception ignored in …" and the program goes on: one Ctrl-C in 28 sent
during a report's PDF write printed a traceback and exited 0 with the PDF written, and a
SIGTERM did the same (issue 16). So the handlers also record the signal here; writers call
:func:`check` before they put a file in place, and the command line checks once more before
it exits. The core never installs handlers: without the command line nothing is recorded.
"""

from __future__ import annotations

import signal

_pending: list[int] = []


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: raised where the program stands, so that every temporary
    file and folder is removed on the way out (as for Ctrl-C), then exit 128 + signal."""

    def __init__(self, number: int) -> None:
        self.number, self.name = number, signal.Signals(number).name
        super().__init__(self.name)


def arrived(number: int) -> None:
    """Record that signal ``number`` arrived (called by the command line's handlers)."""
    _pending.append(number)


def forget(number: int) -> None:
    """Forget one recorded ``number``: its exception was caught and handled where it was
    raised (the recall quiz keeps the answers typed before Ctrl-C, then writes them).

    >>> arrived(signal.SIGINT); forget(signal.SIGINT); check()
    """
    if number in _pending:
        _pending.remove(number)


def clear() -> None:
    """Forget recorded signals (a new command starts)."""
    _pending.clear()


def error_for(number: int) -> BaseException:
    """The exception a signal stops the run with: KeyboardInterrupt for SIGINT, else
    :class:`Terminated`."""
    return KeyboardInterrupt() if number == signal.SIGINT else Terminated(number)


def stop(number: int, frame: object = None) -> None:
    """A signal handler: record ``number`` and raise its exception (:func:`error_for`)."""
    arrived(number)
    raise error_for(number)


def record_ctrl_c() -> None:
    """Make Ctrl-C recorded as well as raised, from now on (the command line calls it as it
    starts: an interrupt swallowed by an import's bare ``except:`` or a finalizer before the
    command runs is caught by :func:`check` too). Left alone when SIGINT is ignored (a
    command started in the background by a shell) or handled by someone else."""
    import threading

    if (threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is signal.default_int_handler):
        signal.signal(signal.SIGINT, stop)


def check() -> None:
    """Raise for the first signal recorded, if any: the run was asked to stop, even if the
    exception its handler raised was swallowed on the way.

    >>> arrived(signal.SIGTERM); check()
    Traceback (most recent call last):
    ...
    netaudit.interrupts.Terminated: SIGTERM
    >>> clear(); check()
    """
    if _pending:
        raise error_for(_pending[0])
