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
from typing import TYPE_CHECKING

from netaudit.errors import InputError, Problem
from netaudit.importers._mail import is_auto_subject, split_participants, thread_subject
from netaudit.importers._read import (
    find_header,
    head_lines,
    norm_header,
    parse_dates,
    read_table,
    skipped_problem,
    sniff_delimiter,
)
from netaudit.importers.base import Importer, PeopleBuilder, ReadOptions
from netaudit.importers.csvfile import physical_line

if TYPE_CHECKING:
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


class MessageLog(Importer):
    """A generic message-log CSV: ``from``, ``to``, ``date`` and optionally ``conversation``,
    ``subject``, ``body`` (see the module docstring for the synonyms and date forms)."""

    name = "message-csv"
    label = "message log CSV"

    def sniff(self, file: InputFile) -> bool:
        lines = head_lines(file)
        if not lines:
            return False
        return find_header(lines, sniff_delimiter(lines), is_message_log) is not None

    def read(self, file: InputFile, options: ReadOptions) -> Network:
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
        dates, bad = parse_dates(raw_dates, DATE_FORMATS)
        if bad:
            unread = dates.isna() & (raw_dates != "")
            first = int(unread.to_numpy().argmax())
            problems.append(Problem(
                file.display, f"have a '{role['date']}' date that is not ISO 8601 (e.g. "
                f"{raw_dates.iat[first]!r}); those dates were left empty", bad,
                physical_line(table, first)))
        people = PeopleBuilder(file.display, file.display)
        ids: dict[tuple[str, str], str] = {}

        def pid(name: str, address: str) -> str:
            found = ids.get((name, address))
            if found is None:
                found = ids[(name, address)] = people.person(name=name, email=address)
            return found

        senders_cells, to_cells, cc_cells = column("from"), column("to"), column("cc")
        subjects, bodies = column("subject"), column("body")
        conversations = column("conversation")
        has_subject = role["subject"] is not None
        kept: dict[str, list] = {k: [] for k in ("row", "conversation_id", "sender_id",
                                                 "recipient_ids")}
        no_sender, first_no_sender = 0, None
        for i in range(len(frame)):
            sender = split_participants(senders_cells.iat[i])
            if not sender:
                if any(str(v).strip() for v in frame.iloc[i].tolist()):
                    no_sender += 1
                    first_no_sender = first_no_sender or physical_line(table, i)
                continue
            sender_id = pid(*sender[0])
            recipients = tuple(dict.fromkeys(
                pid(*p) for p in split_participants(to_cells.iat[i])
                + split_participants(cc_cells.iat[i])))
            # The file's own ids are prefixed: 'c1' of one tool must not meet a LinkedIn id.
            conversation = "log:" + conversations.iat[i] if conversations.iat[i] else ""
            if not conversation:
                keys = sorted({sender_id, *recipients})
                subject = thread_subject(subjects.iat[i]) if has_subject else ""
                text = "\x1e".join(keys) + "\x1f" + subject
                conversation = "log:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
            kept["row"].append(i)
            kept["conversation_id"].append(conversation)
            kept["sender_id"].append(sender_id)
            kept["recipient_ids"].append(recipients)
        if no_sender:
            problems.append(Problem(file.display, "have no sender; they were skipped",
                                    no_sender, first_no_sender))
        rows = kept["row"]
        subject_values = subjects.iloc[rows].tolist()
        messages = pd.DataFrame({
            "message_id": [f"{file.display}#{i}" for i in rows],
            "conversation_id": kept["conversation_id"],
            "sent_at": dates.iloc[rows].to_numpy(),
            "sender_id": kept["sender_id"],
            "recipient_ids": pd.Series(kept["recipient_ids"], dtype=object),
            "subject": subject_values,
            "body": bodies.iloc[rows].tolist(),
            "is_auto": [is_auto_subject(s) for s in subject_values],
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
