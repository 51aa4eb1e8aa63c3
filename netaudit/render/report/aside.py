"""Work done in a second process while this one does the rest (issue 17: the 30,000-connection
report in 5 seconds on a 2-core machine).

:class:`Aside` forks the process: the child inherits the loaded export and every result
computed so far (nothing is read again or sent to it), runs one function and sends back what
it returned, pickled through a pipe. The report uses it to build the pages that need the tie
scores, the graph and the introductions (about 1.5 s at 30,000 connections) while the parent
builds the reply pages and draws their charts.

It only ever saves time: the parent does the work itself, as if there were no second
process, whenever the child fails (an exception, a result that cannot be pickled, a crash,
a kill), so a page and its error messages are the same either way. The child never writes
to the terminal (what it prints or warns is sent back and repeated by the parent, in
order), never calls the progress bar (the parent's bar keeps running; its lock may be held
by the bar's refresh thread at the moment of the fork), ignores Ctrl-C (the parent stops
it) and leaves with ``os._exit`` (no ``atexit`` handler, no temporary file of the parent is
touched). Forking is used only where it pays: on a machine (or ``taskset``) with one core
the work is done in line, as before.
"""

from __future__ import annotations

import gc
import io
import os
import pickle
import select
import signal
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: How long :meth:`Aside.result` waits for the child at least (seconds), and at most this
#: many times as long as the parent spent on its own share since the fork: the child's share
#: is smaller (about 1.5 s of the benchmark's 4), so only a child that is stuck (a lock held
#: by another thread at the moment of the fork, say) waits that long; it is then stopped and
#: the parent builds its pages itself.
WAIT_AT_LEAST = 60.0
WAIT_FACTOR = 10.0

#: Below this many rows (connections plus messages) the work is done in line: a fork costs
#: about 10-30 ms, and a small export's pages take less.
MIN_ROWS = 20_000


@contextmanager
def existing_objects_left_alone() -> Iterator[None]:
    """While the block runs, garbage collections skip the objects that exist when it starts
    (``gc.freeze``): they are the loaded export and the report, none of which the block
    makes garbage, while drawing charts and writing pages makes many short-lived objects
    whose collections would walk them all again and again (writing the benchmark's PDF:
    1.54 -> 1.27 s of CPU). They are collected as usual afterwards. Nothing changes when
    objects are frozen already (by :class:`Aside` meanwhile, or by the caller): their
    owner unfreezes them.

    >>> with existing_objects_left_alone():
    ...     gc.get_freeze_count() > 0
    True
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def cores() -> int:
    """CPU cores this process may run on (``taskset`` and cgroup affinity count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def worth_it(rows: int) -> bool:
    """Whether to fork for work on ``rows`` rows: a fork exists, there is a second core to
    run on, and the export is large enough (:data:`MIN_ROWS`)."""
    return hasattr(os, "fork") and cores() > 1 and rows >= MIN_ROWS


#: How much of a core must be free, on average over the last minute, for a second process
#: to start by itself (:func:`idle_core`).
IDLE_SHARE = 0.5


def idle_core() -> bool:
    """Whether a second process would find a core to run on: the load average over the
    last minute is below the cores this process may use by :data:`IDLE_SHARE` (a core
    at least half idle). When other programs keep every core busy the two processes take
    turns and finish later than one (an HTML report with three busy programs on two cores:
    5.69 s against 4.51 s). False where the system gives no load average.

    A 2-core machine running netaudit's benchmark, one step after another, has a load of
    about 1: a core is free.
    """
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return False
    return load <= cores() - IDLE_SHARE


class Aside:
    """``work()`` run in a forked child; :meth:`result` waits for what it returned.

    >>> aside = Aside(lambda: sum(range(10)))
    >>> aside.result()
    (True, 45)
    """

    def __init__(self, work: Callable[[], Any]) -> None:
        self.pid = 0
        read, write = os.pipe()
        # Buffered output written before the fork would be written twice.
        sys.stdout.flush()
        sys.stderr.flush()
        # The objects that exist now are left out of the child's garbage collections: a
        # collection walks and writes every object's header, so each page of the parent's
        # memory the child shares would be copied (Python's advice for gc.freeze). The
        # parent leaves them out of its own until the child is done (:meth:`_reap`): it
        # builds pages and draws charts meanwhile, whose many short-lived objects set off
        # collections that would walk the whole loaded export each time (0.1-0.2 s of CPU
        # over the benchmark's charts); one that becomes garbage meanwhile is collected then.
        gc.freeze()
        try:
            pid = os.fork()
        except BaseException:
            gc.unfreeze()
            raise
        if pid == 0:  # the child: never returns
            os.close(read)
            _child(work, write)
        os.close(write)
        self.pid, self._read = pid, read
        self._started = time.monotonic()

    def result(self, timeout: float | None = None) -> tuple[bool, Any]:
        """``(True, value)``, or ``(False, None)`` when the child failed: then the caller
        does the work itself. What the child printed or warned is repeated here.

        ``timeout``: the seconds to wait for the child's answer; by default
        :data:`WAIT_AT_LEAST`, or :data:`WAIT_FACTOR` times the time since the fork if longer.
        A child that has not answered by then is stopped and counts as failed."""
        if not self.pid:
            return False, None
        if timeout is None:
            timeout = max(WAIT_AT_LEAST, WAIT_FACTOR * (time.monotonic() - self._started))
        deadline = time.monotonic() + timeout
        chunks = []
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([self._read], [], [], left)[0]:
                    self.cancel()  # stuck: stopped, and the parent does the work
                    return False, None
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        except BaseException:  # Ctrl-C while waiting: the child is stopped, not awaited
            self.cancel()
            raise
        os.close(self._read)
        self._reap()
        try:
            ok, value, out, err, caught = pickle.loads(b"".join(chunks))
        except Exception:  # the child died before it wrote (killed, out of memory)
            return False, None
        if not ok:
            return False, None
        sys.stdout.write(out)
        sys.stderr.write(err)
        for message in caught:
            warnings.warn_explicit(message.message, message.category, message.filename,
                                   message.lineno)
        return True, value

    def cancel(self) -> None:
        """Stop the child (the parent is leaving early: an error, Ctrl-C)."""
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover - already gone
                pass
            try:
                os.close(self._read)
            except OSError:
                pass
            self._reap()

    def _reap(self) -> None:
        pid, self.pid = self.pid, 0
        if pid:
            os.waitpid(pid, 0)
            gc.unfreeze()  # the parent's objects are collected as usual again


def _child(work: Callable[[], Any], fd: int) -> None:
    """Run ``work`` and write (ok, value, stdout, stderr, warnings) pickled to ``fd``; exit."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for number in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, signal.SIG_DFL)
        out, err = io.StringIO(), io.StringIO()
        sys.stdout, sys.stderr = out, err
        with warnings.catch_warnings(record=True) as caught:  # the parent's filters
            try:
                value = work()
                data = pickle.dumps((True, value, out.getvalue(), err.getvalue(),
                                     [_plain_warning(w) for w in caught]), protocol=5)
            except BaseException:  # noqa: BLE001 - the parent does the work again
                data = pickle.dumps((False, None, "", "", []))
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
    except BaseException:  # noqa: BLE001 - the parent reads an empty pipe: does the work
        code = 1
    finally:
        os._exit(code)


def _plain_warning(caught: warnings.WarningMessage) -> warnings.WarningMessage:
    """A warning that pickles: its message as text when the original object does not."""
    try:
        pickle.dumps(caught.message)
        message: Any = caught.message
    except Exception:
        message = str(caught.message)
    return warnings.WarningMessage(message, caught.category, caught.filename, caught.lineno)
