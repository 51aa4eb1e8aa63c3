"""A message log as CSV from any tool: who wrote to whom, when, optionally in which
conversation, with which subject and text.

Columns (compared without case, spaces or underscores; the first synonym present wins):

- sender: ``from``, ``sender``, ``from address``, ``from email``, ``author``
- recipients: ``to``, ``recipient(s)``, ``to address``, ``to email``; ``cc`` is added when present.
  A cell lists people separated by ``;`` (or by ``,`` when it holds no ``;``), each as
  ``Name <address>``, an address, or a name.
- date: ``date``, ``sent``, ``sent at``, ``timestamp``, ``time``, ``datetime``, ``date sent``,
  ``sent on``: ISO 8601 with or without a zone (``2024-03-05T14:02:11+01:00``, ``…Z``,
  ``2024-03-05 14:02``, ``2024-03-05``); a time without a zone is taken as UTC.
- optional: ``conversation`` / ``conversation id`` / ``thread`` / ``thread id``; ``subject``;
  ``body`` / ``text`` / ``message`` / ``content``.

Without a conversation column, messages among the same people (and, when there is a subject
column, with the same subject once ``Re:``/``AW:``… are removed) form one conversation.
LinkedIn's own ``messages.csv`` and ``Invitations.csv`` have their own readers and are never
taken for a message log.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from netaudit.errors import InputError, Problem
from netaudit.importers._mail import is_auto_subject, split_participants, thread_subject
from netaudit.importers._read import (
    date_problems,
    has_header,
    norm_header,
    parse_dates,
    physical_line,
    read_table,
    skipped_problem,
)
from netaudit.importers.base import Importer, PeopleBuilder, ReadOptions

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from netaudit.importers.inputs import InputFile
    from netaudit.model import Network


def _squash(header: str) -> str:
    return norm_header(header).replace(" ", "")


def _names(*names: str) -> tuple[str, ...]:
    return tuple(_squash(n) for n in names)


COLUMNS: dict[str, tuple[str, ...]] = {
    "from": _names("from", "sender", "from address", "from email", "sender email", "author"),
    "to": _names("to", "recipients", "recipient", "to address", "to email", "recipient email"),
    "cc": _names("cc"),
    "date": _names("date", "sent", "sent at", "timestamp", "time", "datetime", "date sent",
                   "sent on", "date time"),
    "conversation": _names("conversation", "conversation id", "thread", "thread id", "chat",
                           "chat id"),
    "subject": _names("subject", "topic"),
    "body": _names("body", "text", "message", "content", "message text"),
}
#: ISO 8601 forms, with and without a zone, tried in turn (explicit formats, never a guess).
DATE_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%d %H:%M:%S.%f%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M%z",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
)
#: LinkedIn messages.csv (every era) and Invitations.csv have these; a generic log does not.
_LINKEDIN = frozenset(_names("folder", "direction", "sender profile url",
                             "recipient profile urls", "conversation title",
                             "inviterprofileurl", "inviteeprofileurl"))


def _pick(cells: set[str], role: str) -> str | None:
    return next((c for c in COLUMNS[role] if c in cells), None)


def is_message_log(cells: set[str]) -> bool:
    """True for a header (normalized cells) with a sender, a recipient and a date column that
    is not one of LinkedIn's own files.

    >>> is_message_log({"from", "to", "date", "subject"})
    True
    >>> is_message_log({"from", "to", "sent at", "message", "direction"})  # Invitations.csv
    False
    """
    squashed = {_squash(c) for c in cells}
    if squashed & _LINKEDIN:
        return False
    return all(_pick(squashed, role) for role in ("from", "to", "date"))


def _distinct(column: pd.Series) -> tuple[np.ndarray, list[Any]]:
    """(code of each row, the distinct values): ``values[codes[i]]`` is row i's value."""
    import pandas as pd

    codes, values = pd.factorize(column, use_na_sentinel=False)
    # Python strs: Arrow elements are slow one by one.
    return codes, values.tolist()


def _rows(
    *codes: np.ndarray, progress: Callable[[int, int], None] | None = None
) -> Iterator[tuple[int, tuple[int, ...]]]:
    """(row, its codes) for every row, as Python ints: converted a block at a time, since a
    list of a million Python ints costs 36 MB and numpy scalars are slow one by one.
    ``progress(rows done, rows)`` is called before each block and at the end."""
    block = 65_536
    total = len(codes[0])
    for start in range(0, total, block):
        if progress is not None:
            progress(start, total)
        yield from enumerate(zip(*(c[start:start + block].tolist() for c in codes),
                                 strict=True), start)
    if progress is not None:
        progress(total, total)


class MessageLog(Importer):
    """A generic message-log CSV: ``from``, ``to``, ``date`` and optionally ``conversation``,
    ``subject``, ``body`` (see the module docstring for the synonyms and date forms)."""

    name = "message-csv"
    label = "message log CSV"

    def sniff(self, file: InputFile) -> bool:
        return has_header(file, is_message_log)

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        import numpy as np
        import pandas as pd

        from netaudit.model import Network, SourceFile, conform

        table = read_table(file, is_message_log,
                           expect="a header with from, to and date columns")
        frame = table.frame
        by_key = {_squash(c): c for c in frame.columns}
        role = {r: by_key.get(_pick(set(by_key), r) or "") for r in COLUMNS}

        def column(name: str) -> pd.Series:
            source = role[name]
            if source is None:
                return pd.Series("", index=frame.index, dtype=object)
            return frame[source].astype(str).str.strip()

        problems = skipped_problem(file, table)
        raw_dates = column("date")
        dates, _ = parse_dates(raw_dates, DATE_FORMATS)
        dates, more = date_problems(file.display, table, raw_dates, dates, role["date"] or "date",
                                    unreadable="that is not ISO 8601")
        problems += more
        people = PeopleBuilder(file.display, file.display)
        ids: dict[tuple[str, str], str] = {}

        def pid(name: str, address: str) -> str:
            found = ids.get((name, address))
            if found is None:
                found = ids[(name, address)] = people.person(name=name, email=address)
            return found

        # Cells repeat (the same sender, the same recipients, the same thread): each distinct
        # value is parsed once, and the loop over rows handles integer codes. Reading cells
        # with .iat cost about 20 us each, two minutes for a million-row log.
        report = options.progress

        def progress(done: int, rows: int) -> None:
            # The rows' share of the file: the bar counts bytes, as for every other input.
            if report is not None and rows:
                report(f"reading {file.name}", file.size * done // rows, file.size)

        from_codes, from_values = _distinct(column("from"))
        to_codes, to_values = _distinct(column("to"))
        cc_codes, cc_values = _distinct(column("cc"))
        subjects = column("subject")
        subject_codes, subject_values = _distinct(subjects)
        conversation_codes, conversation_values = _distinct(column("conversation"))
        bodies = column("body")
        from_parts = [split_participants(v) for v in from_values]
        to_parts = [split_participants(v) for v in to_values]
        cc_parts = [split_participants(v) for v in cc_values]
        # The file's own ids are prefixed: 'c1' of one tool must not meet a LinkedIn id.
        conversation_ids = ["log:" + v if v else "" for v in conversation_values]
        has_subject = role["subject"] is not None
        thread_subjects = [thread_subject(v) if has_subject else "" for v in subject_values]
        sender_ids: list[str | None] = [None] * len(from_values)
        recipients_of: dict[tuple[int, int], tuple[str, ...]] = {}
        derived: dict[tuple[int, int, int, int], str] = {}
        kept: dict[str, list] = {k: [] for k in ("conversation_id", "sender_id",
                                                 "recipient_ids")}
        kept_rows = array("q")
        no_sender, first_no_sender = 0, None
        for i, (f, t, c, s, conv) in _rows(from_codes, to_codes, cc_codes, subject_codes,
                                           conversation_codes, progress=progress):
            sender = from_parts[f]
            if not sender:
                if any(str(v).strip() for v in frame.iloc[i].tolist()):
                    no_sender += 1
                    first_no_sender = first_no_sender or physical_line(table, i)
                continue
            # People get their ids in the order they first appear (sender, To, Cc per row).
            sender_id = sender_ids[f]
            if sender_id is None:
                sender_id = sender_ids[f] = pid(*sender[0])
            recipients = recipients_of.get((t, c))
            if recipients is None:
                recipients = recipients_of[(t, c)] = tuple(dict.fromkeys(
                    pid(*p) for p in to_parts[t] + cc_parts[c]))
            conversation = conversation_ids[conv]
            if not conversation:
                key = (f, t, c, s)
                conversation = derived.get(key, "")
                if not conversation:
                    keys = sorted({sender_id, *recipients})
                    text = "\x1e".join(keys) + "\x1f" + thread_subjects[s]
                    conversation = derived[key] = \
                        "log:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
            kept_rows.append(i)
            kept["conversation_id"].append(conversation)
            kept["sender_id"].append(sender_id)
            kept["recipient_ids"].append(recipients)
        if no_sender:
            problems.append(Problem(file.display, "have no sender; they were skipped",
                                    no_sender, first_no_sender))
        rows = np.frombuffer(kept_rows, dtype=np.int64)
        auto = np.array([is_auto_subject(v) for v in subject_values], dtype=bool)
        messages = pd.DataFrame({
            # Built as Arrow text, not a Python str per row (a million rows: 100+ MB).
            "message_id": file.display + "#" + pd.Series(rows).astype("str"),
            "conversation_id": kept["conversation_id"],
            # Arrays, not lists of Python objects (a Timestamp per row is 100+ bytes).
            "sent_at": dates.iloc[rows].array,
            "sender_id": kept["sender_id"],
            "recipient_ids": pd.Series(kept["recipient_ids"], dtype=object),
            "subject": subjects.iloc[rows].array,
            "body": bodies.iloc[rows].array,
            "is_auto": auto[subject_codes[rows]],
            "source": file.display,
        })
        if not len(messages) and len(frame):
            raise InputError("has no message with a sender",
                             hint=f"the '{role['from']}' column is empty in every row",
                             path=file.display)
        used = ", ".join(f"{source}→{name}" for name, source in role.items() if source)
        threads = messages["conversation_id"].nunique()
        note = f"{threads:,} conversations; columns {used}"
        return Network(
            people=people.frame(),
            messages=conform(messages, "messages"),
            sources=[SourceFile(file.display, self.label, len(messages), note)],
            problems=problems,
        )
