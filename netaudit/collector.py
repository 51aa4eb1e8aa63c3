"""Python's cyclic garbage collector paused while netaudit builds many objects that hold no
cycle.

Reading an export and scoring its ties make hundreds of thousands of containers (recipient
tuples, per-value dictionaries, 75,000 graph nodes, rows and row dicts) that live until the
result is complete. Every few thousand allocations the collector walked every object of the
process again and freed nothing: 0.18 s of CPU in ``load()`` at 500,000 messages and 0.41 s at
1,500,000, and ``TieStrength.to_dict()`` on the benchmark export took 0.69 s with it against
0.47 s without, with the same peak memory (issue 17). Objects are still freed as their last
reference goes; cycles wait until the collector runs again. Nothing of netaudit is imported
here: every layer may use it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block (a context manager or a decorator),
    then as it was before, also after an error.

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
