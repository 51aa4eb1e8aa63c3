"""What can go wrong, said so a person knows what to do next.

Every failure netaudit expects is a :class:`NetauditError` carrying the file it concerns and a
hint. Only the CLI turns these into exit codes (see ``netaudit.cli``); the core raises them and
never prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


class NetauditError(Exception):
    """Root of every error netaudit raises on purpose.

    Parameters
    ----------
    message:
        What happened, in one sentence.
    hint:
        What the user can do about it.
    path:
        The file (or ``archive.zip:member``) concerned, if any.
    row:
        The 1-based physical line in that file, if it helps.
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        path: str | Path | None = None,
        row: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = str(path) if path is not None else None
        self.row = row

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}"
            if self.row is not None:
                where += f", line {self.row}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(NetauditError):
    """A file could not be read or was not what netaudit expects."""


class UnrecognizedInput(InputError):
    """Nothing netaudit knows how to read was found at a path."""


class UsageError(NetauditError):
    """The options given do not make sense together (exit code 2)."""

    exit_code = 2


class OutputError(NetauditError):
    """An output file could not be written (exists, or the folder is not writable)."""


class OutputExists(OutputError):
    """The output is already there and ``--force`` was not given: the command line asked for
    something netaudit refuses, a usage error (exit code 2), as issue 15 asks."""

    exit_code = 2


class MissingFolder(OutputError):
    """The output's folder does not exist and ``--mkdir`` was not given (exit code 2): a
    typo in ``-o /typo/dir/r.pdf`` is not silently made into a new folder tree."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """A counted, non-fatal problem met while reading: rows skipped, dates that made no sense.

    ``count`` rows of ``path`` had the problem ``message``; ``example_row`` is the first such
    physical line, when known.
    """

    path: str
    message: str
    count: int = 1
    example_row: int | None = None
    unit: str = "row"

    def __str__(self) -> str:
        where = self.path
        if self.example_row is not None:
            where += f" (first at line {self.example_row})"
        unit = self.unit if self.count == 1 else f"{self.unit}s"
        return f"{where}: {self.count:,} {unit} {_agree(self.message, self.count)}"


#: How many characters of a cell a message quotes: enough to recognise a date or a value,
#: too few to carry a message's text (a 3 KB date cell of message text was quoted whole;
#: issue 16). ``--anonymize`` quotes none (:data:`QUOTED_CELL`).
QUOTE_CHARS = 40
#: What a quoted cell looks like in a message, so that ``--anonymize`` can take it out.
QUOTED_CELL = re.compile(r"\(e\.g\. (?:'(?:[^'\\\n]|\\.){0,160}'|\"(?:[^\"\\\n]|\\.){0,160}\")(?:…)?")


def quoted(cell: object) -> str:
    """``cell`` as a message quotes it: its repr, cut to QUOTE_CHARS characters ("…" after).

    >>> quoted("32/13/2023"), quoted("x" * 50)
    ("'32/13/2023'", "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'…")
    """
    text = str(cell)
    return repr(text[:QUOTE_CHARS]) + ("…" if len(text) > QUOTE_CHARS else "")


_SINGULAR = {"have": "has", "are": "is", "were": "was"}
_PLURAL = {v: k for k, v in _SINGULAR.items()}


def _agree(message: str, count: int) -> str:
    """``message``'s verbs (its first word, and one after " and ") agreeing with ``count``:
    messages are written for any count, "1 row have" reads wrong.

    >>> _agree("have no sender and were skipped", 1)
    'has no sender and was skipped'
    >>> _agree("has no sender", 3)
    'have no sender'
    """
    verbs = _SINGULAR if count == 1 else _PLURAL
    first, _, rest = message.partition(" ")
    if first in verbs:
        message = f"{verbs[first]} {rest}" if rest else verbs[first]
    for verb, agreeing in verbs.items():
        message = message.replace(f" and {verb} ", f" and {agreeing} ", 1)
    return message


class Missing(Exception):  # noqa: N818  (not an error: a result that cannot be computed)
    """A result cannot be computed because its input is missing; ``needs`` says which input
    would give it (shown by the report in place of the section)."""

    def __init__(self, needs: str) -> None:
        super().__init__(needs)
        self.needs = needs


#: What the warning of :func:`netaudit.importers.load` says when the owner sent none of the
#: messages read: every command shows it, so ``replies`` leaves out its own note then.
OWNER_SENT_NOTHING = "taken for the owner, sent none of them"


#: What a figure that needs messages says when none was read (a table cell's note).
NEEDS_A_MESSAGE_LOG = "needs a message log"
NEEDS_MESSAGES = (f"{NEEDS_A_MESSAGE_LOG}: LinkedIn's messages.csv (in the export ZIP), an "
                  "mbox, a chat export or a message CSV")
NEEDS_NAMES = ("needs --names FILE: the connections you can name from memory, one per line "
               "as 'Name - profession'")
NEEDS_LOG = "needs --log ACTIVITY.csv (columns person, date, kind) of your connections' activity"
NEEDS_CONNECTIONS = "needs a connection list (LinkedIn Connections.csv or a contacts file)"
