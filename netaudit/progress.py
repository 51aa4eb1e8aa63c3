"""The progress callback every long step reports through, and :func:`stage` for a step of
unknown length.

``progress(description, done, total)``: a description starting with ``"reading "`` counts
bytes of a file (``total`` None while the size is unknown); any other description counts steps
("writing PDF pages", 3 of 13), or, with ``total`` None, is one step whose length is unknown
("scoring ties"), finished by a last call with ``done == total == 1``. The core never draws
anything; the CLI passes the update function of a progress bar. See docs/design.md, "Progress".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: progress(description, done, total): bytes or steps done so far; total None when unknown.
Progress = Callable[[str, int, "int | None"], None]


@contextmanager
def stage(progress: Progress | None, description: str) -> Iterator[None]:
    """Report one step of unknown length: ``progress(description, 0, None)`` before it,
    ``progress(description, 1, 1)`` after it (not when it fails); nothing without a callback.

    >>> calls = []
    >>> with stage(lambda *call: calls.append(call), "scoring ties"):
    ...     pass
    >>> calls
    [('scoring ties', 0, None), ('scoring ties', 1, 1)]
    """
    if progress is None:
        yield
        return
    progress(description, 0, None)
    yield
    progress(description, 1, 1)
