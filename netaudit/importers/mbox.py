"""Mail archives in mbox format (Gmail Takeout first): who wrote to whom, when, in which thread.

The file is **streamed**: it is read line by line and each message is reduced, as soon as it
ends, to its addresses, date, subject, thread keys and the first characters of its text. Of a
message's body at most ``BODY_BYTES`` are ever held (attachments are skipped, not read into
memory), and only ``BODY_CHARS`` characters of text are kept, so memory grows with the number
of messages, not with the size of the file (a 2 GB Takeout holds a few tens of thousands).

Format facts (docs/formats.md 7):

- Separator: Takeout writes ``From <X-GM-THRID>@xxx Mon Nov 06 04:42:58 +0000 2017``. When the
  first line has that shape only lines of that exact shape separate messages, so an unescaped
  ``From `` line in a body cannot split a message. Other mboxes use the classic ``From addr
  asctime`` line, recognized after an empty line.
- Lines end in CRLF in Takeout; both CRLF and LF are read.
- Headers may be RFC 2047 encoded; ``X-Gmail-Labels`` is comma-separated, localized
  (``Messages envoyés``) and may itself be encoded.
- Threads: ``X-GM-THRID``; else ``References``/``In-Reply-To``; else the subject without
  ``Re:``/``AW:``… among the same participants.
"""

from __future__ import annotations

import binascii
import csv
import hashlib
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from time import time
from typing import TYPE_CHECKING, BinaryIO

from netaudit.errors import InputError, Problem
from netaudit.importers._mail import (
    decode_words,
    is_auto_subject,
    is_bounce_sender,
    is_no_reply_sender,
    parse_addresses,
    thread_subject,
)
from netaudit.importers.base import Importer, PeopleBuilder, ReadOptions

if TYPE_CHECKING:
    from netaudit.importers.inputs import InputFile
    from netaudit.model import Network

#: Takeout's separator line (docs/formats.md 7), strict: digits@xxx, asctime with a zone.
TAKEOUT_SEPARATOR = re.compile(
    rb"^From \d+@xxx [A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d\d:\d\d:\d\d [+-]\d{4} \d{4}\r?\n?$"
)
#: Any other mbox: 'From <address or -> <a date with a time and a year at the end>', i.e.
#: ``^From \S+ +.*\b\d{1,2}:\d\d(?::\d\d)?\b.*\b\d{4}\s*$``, checked in three linear steps
#: (:func:`general_separator`): that pattern's two '.*' took 73 s on a 200 KB line starting
#: 'From ' (issue 16).
_SEPARATOR_TIME = re.compile(rb"\b\d{1,2}:\d\d(?::\d\d)?\b")
_SEPARATOR_YEAR = re.compile(rb"\b\d{4}\s*+\Z")


def general_separator(line: bytes) -> bool:
    """Whether ``line`` is a classic mbox separator: ``From``, a word, blanks, then a time and,
    at the end, a year.

    >>> general_separator(b"From ana@example.com Thu Nov  6 04:42:58 2017\\n")
    True
    >>> general_separator(b"From here on, at 10:30 we meet in 2017 rooms\\n")
    False
    >>> general_separator(b"From 10:30 2017\\n"), general_separator(b"From a 10:302017\\n")
    (False, False)
    """
    if not line.startswith(b"From ") or line[5:6].isspace() or not line[5:6]:
        return False
    blank = line.find(b" ", 5)
    tab = line.find(b"\t", 5)
    # '\S+ +': the first word ends at the first blank, which must be a space.
    if blank < 0 or (0 <= tab < blank) or any(c in b"\r\n\v\f" for c in line[5:blank]):
        return False
    year = _SEPARATOR_YEAR.search(line, blank + 1)
    if year is None:
        return False
    time = _SEPARATOR_TIME.search(line, blank + 1)
    return time is not None and time.end() <= year.start()
#: At most this much of a message's header block and body are held while it is read.
HEADER_BYTES = 1024 * 1024
BODY_BYTES = 128 * 1024
#: Characters of text kept per message (campaign detection compares the opening lines).
BODY_CHARS = 2000
#: How often (bytes read) the progress callback is called.
PROGRESS_STEP = 4 * 1024 * 1024

#: Gmail's system labels as Takeout writes them, in the languages seen or documented
#: (suitenumerique/messages#162 for French); compared case-insensitively.
SENT_LABELS = frozenset({
    "sent", "sent mail", "sent messages", "messages envoyés", "mails envoyés", "envoyés",
    "gesendet", "gesendete objekte", "enviados", "correo enviado", "enviadas", "e-mails enviados",
    "inviati", "posta inviata", "verzonden", "verzonden items", "skickat", "skickade", "sendt",
    "sendte", "lähetetyt", "wysłane", "odeslané", "отправленные", "送信済み", "已发邮件",
})
DRAFT_LABELS = frozenset({
    "draft", "drafts", "brouillon", "brouillons", "entwurf", "entwürfe", "borrador",
    "borradores", "bozze", "concepten", "rascunhos", "utkast", "kladder", "luonnokset",
    "wersje robocze", "черновики", "下書き", "草稿",
})
SPAM_LABELS = frozenset({"spam", "junk", "pourriel", "indésirables"})

_WANTED = frozenset({
    "from", "to", "cc", "bcc", "date", "subject", "message-id", "in-reply-to", "references",
    "x-gm-thrid", "x-gmail-labels", "auto-submitted", "x-autoreply", "x-autorespond",
    "precedence", "content-type", "content-transfer-encoding", "x-failed-recipients",
    "content-disposition", "delivered-to", "x-original-to",
})
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_STYLE_OPEN = re.compile(r"<(style|script|head)\b", re.IGNORECASE)
_STYLE_CLOSE = {name: re.compile(rf"</{name}\s*+>", re.IGNORECASE)
                for name in ("style", "script", "head")}


def drop_elements(text: str, by: str = " ") -> str:
    r"""``text`` with each ``<style>``, ``<script>`` and ``<head>`` element, up to its closing
    tag, replaced by ``by``; an element never closed stays.

    What ``re.sub(r"<(style|script|head)\b.*?</\1\s*>", by, text, flags=re.I | re.S)`` does,
    in linear time: there, each unclosed ``<style`` scanned the rest of the text again (five
    mails of 18,000 ``<style `` took 77 s; issue 16). Once an element's closing tag is not
    found, it is not looked for again.

    >>> drop_elements("a<style x>b</STYLE >c<script>d<head>e</head>")
    'a c<script>d '
    """
    out: list[str] = []
    done = at = 0
    unclosed: set[str] = set()
    while (found := _STYLE_OPEN.search(text, at)) is not None:
        name = found.group(1).lower()
        close = None if name in unclosed else _STYLE_CLOSE[name].search(text, found.end())
        if close is None:
            unclosed.add(name)
            at = found.end()
            if len(unclosed) == len(_STYLE_CLOSE):
                break
            continue
        out.append(text[done:found.start()])
        out.append(by)
        done = at = close.end()
    out.append(text[done:])
    return "".join(out)
_QUOTED_FROM = re.compile(r"^>(>*From )", re.MULTILINE)
_EARLIEST = datetime(1971, 1, 1, tzinfo=UTC)
_TWO_DAYS = 2 * 86400


# ------------------------------------------------------------------------------------------
# Splitting the stream into messages


@dataclass(slots=True)
class RawMessage:
    """One message as cut from the stream: its separator line, header block and the first
    ``BODY_BYTES`` of its body (``truncated`` when more followed)."""

    separator: bytes
    line: int
    """1-based physical line of the separator in the file."""
    header: bytes
    body: bytes
    size: int
    """Bytes the whole message took in the file (separator included)."""
    truncated: bool


class _Collecting:
    """The message being cut: its header block (up to ``HEADER_BYTES``) and the first
    ``BODY_BYTES`` of its body; what follows is counted, not kept."""

    __slots__ = ("body", "head", "in_header", "line", "separator", "size", "truncated")

    def __init__(self, separator: bytes, line: int) -> None:
        self.separator, self.line, self.size = separator, line, len(separator)
        self.head = bytearray()
        self.body = bytearray()
        self.in_header, self.truncated = True, False

    def feed(self, block: bytes) -> None:
        self.size += len(block)
        if self.in_header:
            head = self.head
            blank = _BLANK_START.match(block) if not head and block[:1] in (b"\n", b"\r") else None
            if blank:
                self.in_header = False  # no header at all
                self._body(block[blank.end():])
                return
            tail = bytes(head[-3:])
            probe = tail + block[:HEADER_BYTES]
            end = _BLANK_LINE.search(probe)
            if end is None:
                room = HEADER_BYTES - len(head)
                head += block[:room]
                if len(block) > room:  # a header block this long is not one: stop here
                    self.in_header = False
                    self.truncated = True
                return
            cut = end.start() + 1 - len(tail)  # the last header line keeps its line end
            if cut >= 0:
                head += block[:cut]
            else:
                del head[len(head) + cut:]
            self.in_header = False
            block = block[max(end.end() - len(tail), 0):]
        self._body(block)

    def _body(self, block: bytes) -> None:
        room = BODY_BYTES - len(self.body)
        if room > 0:
            self.body += block[:room]
        if len(block) > room:
            self.truncated = True

    def finish(self) -> RawMessage:
        return RawMessage(self.separator, self.line, bytes(self.head), bytes(self.body),
                          self.size, self.truncated)


_BLANK_LINE = re.compile(rb"\n\r?\n")
_BLANK_START = re.compile(rb"\r?\n")
#: Bytes read at a time; a partial last line is carried over to the next read.
CHUNK_BYTES = 1024 * 1024
#: A line longer than this cannot be a separator: it is passed on without being held whole.
LONG_LINE = 64 * 1024


def iter_raw_messages(
    stream: BinaryIO, progress: Callable[[int], None] | None = None
) -> Iterator[RawMessage]:
    """Cut an mbox stream into messages, one at a time (a generator: nothing accumulates).

    The stream is read in ``CHUNK_BYTES`` blocks and separators are searched for in each block
    at once (attachments make up most of a mailbox: they are skipped at C speed, never split
    into Python lines). ``progress(bytes_read)`` is called every ``PROGRESS_STEP`` bytes and at
    the end. Bytes before the first separator are skipped.

    >>> import io
    >>> data = (b"From 1@xxx Mon Nov 06 04:42:58 +0000 2017\\r\\nSubject: a\\r\\n\\r\\n"
    ...         b"From me, hi\\r\\n\\r\\nFrom 2@xxx Tue Nov 07 04:42:58 +0000 2017\\r\\n"
    ...         b"Subject: b\\r\\n\\r\\nbody\\r\\n")
    >>> [(m.line, m.header, m.body) for m in iter_raw_messages(io.BytesIO(data))]
    [(1, b'Subject: a\\r\\n', b'From me, hi\\r\\n\\r\\n'), (6, b'Subject: b\\r\\n', b'body\\r\\n')]
    """
    strict: bool | None = None
    current: _Collecting | None = None
    data = b""
    line_base = 1  # line number of data[0]
    mid_line = False  # data[0] continues a line begun in an earlier block
    previous_blank = True  # the line before data[0] was empty (or there was none)
    done = 0
    report_at = PROGRESS_STEP
    eof = False
    while not eof:
        chunk = stream.read(CHUNK_BYTES)
        eof = not chunk
        done += len(chunk)
        data = data + chunk if data else chunk
        lines = _LineEnds(data)
        position = 0  # data[:position] is handed on already
        counted, line = 0, line_base  # line number at data[counted]
        search = 0
        while True:
            if search == 0 and not mid_line and data[:5] == b"From ":
                candidate = 0
            else:
                found = lines.next_from(max(search - 1, 0))
                if found < 0:
                    break
                candidate = found + 1
            end = data.find(b"\n", candidate)
            if end < 0 and not eof:
                break  # the candidate line is incomplete: wait for the next block
            separator = data[candidate:] if end < 0 else data[candidate:end + 1]
            search = candidate + 1 if end < 0 else end + 1
            if candidate == 0:
                blank = previous_blank
            else:
                start = data.rfind(b"\n", 0, candidate - 1) + 1
                blank = (start > 0 or not mid_line) and data[start:candidate] in (b"\n", b"\r\n")
            if not _is_separator(separator, strict, blank):
                continue
            if strict is None:
                strict = TAKEOUT_SEPARATOR.match(separator) is not None
            if current is not None:
                current.feed(data[position:candidate])
                yield current.finish()
            line += lines.count(counted, candidate)
            counted = candidate
            current = _Collecting(separator, line)
            position = search
            if end < 0:
                position = len(data)
        # Keep the last, possibly partial, line (it may be a separator cut in two).
        keep = len(data) if eof else data.rfind(b"\n", position) + 1
        if keep == 0 and len(data) - position > LONG_LINE:
            keep = len(data)  # no line end in sight: pass it on, it is no separator
        if keep < position:
            keep = position
        if current is not None and keep > position:
            current.feed(data[position:keep])
        if keep > 0:
            previous_blank = data[:keep].endswith((b"\n\n", b"\n\r\n")) or (
                data[:keep] in (b"\n", b"\r\n") and not mid_line)
            mid_line = data[keep - 1:keep] != b"\n"
        line_base = line + lines.count(counted, keep)
        data = data[keep:]
        if progress is not None and done >= report_at:
            progress(done)
            report_at = done + PROGRESS_STEP
    if current is not None:
        yield current.finish()
    if progress is not None:
        progress(done)


class _LineEnds:
    """The line ends of one block and the lines among them that begin with 'From ', found in
    one numpy pass: ``bytes.find`` for each separator and ``bytes.count`` for line numbers
    each went over the whole file, and took as long as the rest of the cutting."""

    __slots__ = ("ends", "froms")

    def __init__(self, data: bytes) -> None:
        import numpy as np

        array = np.frombuffer(data, dtype=np.uint8)
        self.ends = np.flatnonzero(array == 10)
        ends = self.ends[self.ends + 6 <= len(data)]  # room for '\nFrom '
        starts = array[ends + 1] == 70  # F r o m space
        for offset, byte in ((2, 114), (3, 111), (4, 109), (5, 32)):
            starts &= array[ends + offset] == byte
        self.froms: list[int] = ends[starts].tolist()

    def next_from(self, start: int) -> int:
        """``data.find(b"\\nFrom ", start)``."""
        froms = self.froms
        index = bisect_left(froms, start)
        return froms[index] if index < len(froms) else -1

    def count(self, start: int, end: int) -> int:
        """``data.count(b"\\n", start, end)``."""
        if end <= start:
            return 0
        found = self.ends.searchsorted((start, end))
        return int(found[1] - found[0])


def _is_separator(line: bytes, strict: bool | None, previous_blank: bool) -> bool:
    if strict:
        return TAKEOUT_SEPARATOR.match(line) is not None
    if strict is None:
        return bool(TAKEOUT_SEPARATOR.match(line) or general_separator(line))
    return previous_blank and general_separator(line)


# ------------------------------------------------------------------------------------------
# One message


@dataclass(slots=True)
class Mail:
    """What netaudit keeps of one message."""

    line: int
    sender: tuple[str, str]
    """(display name, lower-case address)."""
    recipients: tuple[tuple[str, str], ...]
    """To, Cc and Bcc, in that order."""
    sent_at: datetime | None
    subject: str
    message_id: str
    parents: tuple[str, ...]
    """References then In-Reply-To ids (the first reference is the thread's first message)."""
    thread_id: str
    """Gmail's X-GM-THRID ('' when absent)."""
    labels: tuple[str, ...]
    is_auto: bool
    is_system: bool
    body: str
    date_problem: str = ""
    """'unreadable' or 'implausible' when the Date header could not be used."""
    delivered_to: str = ""
    """The address the message was delivered to (``Delivered-To``, else ``X-Original-To``):
    Takeout puts the owner's on every message."""

    @property
    def label_set(self) -> frozenset[str]:
        return frozenset(label.casefold() for label in self.labels)


def parse_headers(block: bytes) -> dict[str, str]:
    """The headers netaudit uses, unfolded and decoded (first occurrence wins).

    >>> parse_headers(b"Subject: =?utf-8?q?Caf=C3=A9?=\\r\\n  menu\\r\\nX-Other: 1\\r\\n")
    {'subject': 'Café menu'}
    """
    data = b"\n" + block
    if b"\n\r" in data or b"\n\n" in data:
        # A line that is empty once its CRs are gone ends no header: line by line.
        found = _headers_line_by_line(block)
    else:
        # One C-level scan finds every field with its folded lines; other fields cost nothing.
        found = {}
        for name, value in _FIELD.findall(data):
            key = _WANTED_NAMES.get(name.strip().lower())
            if key is not None and key not in found:
                found[key] = [part.strip() for part in value.split(b"\n")] \
                    if b"\n" in value else [value.strip()]
    return {key: (_value if key in _UNIQUE else _recurring_value)(b" ".join(parts))
            for key, parts in found.items()}


def _value(value: bytes) -> str:
    return decode_words(_text(value))


#: Fields whose values differ from message to message; the others (names and addresses,
#: subjects, labels, content types) recur and are decoded once per distinct value.
_UNIQUE = frozenset({"date", "message-id", "in-reply-to", "references", "x-gm-thrid"})
_recurring_value = lru_cache(maxsize=16_384)(_value)


#: A header field: its name (a line not begun by folding white space) and its value with
#: the folded lines that continue it.
_FIELD = re.compile(rb"\n(?![ \t])([^:\n]*):([^\n]*(?:\n[ \t][^\n]*)*)")
_WANTED_NAMES = {name.encode("ascii"): name for name in _WANTED}


def _headers_line_by_line(block: bytes) -> dict[str, list[bytes]]:
    found: dict[str, list[bytes]] = {}
    current: list[bytes] | None = None
    for raw in block.split(b"\n"):
        line = raw.rstrip(b"\r")
        if not line:
            continue
        if line[:1] in (b" ", b"\t"):
            if current is not None:
                current.append(line.strip())
            continue
        name, colon, value = line.partition(b":")
        key = name.strip().lower().decode("ascii", errors="replace")
        if colon and key in _WANTED and key not in found:
            current = found[key] = [value.strip()]
        else:
            current = None
    return found


def _text(value: bytes) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("cp1252", errors="replace")


def parse_message(raw: RawMessage) -> Mail:
    """Reduce one raw message to a :class:`Mail`."""
    headers = parse_headers(raw.header)
    get = headers.get
    senders = parse_addresses(get("from", ""))
    sender = senders[0] if senders else ("", "")
    recipients = tuple(
        pair for key in ("to", "cc", "bcc") for pair in parse_addresses(get(key, ""))
    )
    sent_at, date_problem = _date(get("date", ""), raw.separator)
    subject = get("subject", "")
    message_ids = _MESSAGE_ID.findall(get("message-id", ""))
    message_id = message_ids[0] if message_ids else get("message-id", "").strip()
    parents = tuple(dict.fromkeys(
        _MESSAGE_ID.findall(get("references", "")) + _MESSAGE_ID.findall(get("in-reply-to", ""))
    ))
    labels = _labels(get("x-gmail-labels", ""))
    content_type = get("content-type", "text/plain")
    auto_submitted = get("auto-submitted", "").strip().lower()
    precedence = get("precedence", "").strip().lower()
    is_auto = bool(
        (auto_submitted and not auto_submitted.startswith("no"))
        or "x-autoreply" in headers
        or "x-autorespond" in headers
        or precedence == "auto_reply"
        or "x-failed-recipients" in headers
        or is_bounce_sender(sender[1])
        or _is_delivery_report(content_type)
        or is_auto_subject(subject)
    )
    # A MAILER-DAEMON is a system, not a participant of the thread it bounces in.
    is_system = (precedence in ("bulk", "junk") or is_no_reply_sender(sender[1])
                 or is_bounce_sender(sender[1]))
    body = _body_text(content_type, get("content-transfer-encoding", ""), raw.body)
    delivered = parse_addresses(get("delivered-to", "") or get("x-original-to", ""))
    return Mail(raw.line, sender, recipients, sent_at, subject, message_id, parents,
                get("x-gm-thrid", "").strip(), labels, is_auto, is_system, body, date_problem,
                delivered[0][1] if delivered else "")


def _labels(value: str) -> tuple[str, ...]:
    """X-Gmail-Labels split on commas outside quotes ('"Work, 2024",Inbox')."""
    if not value:
        return ()
    row = next(csv.reader([value], skipinitialspace=True), [])
    return tuple(label.strip() for label in row if label.strip())


def _is_delivery_report(content_type: str) -> bool:
    lowered = content_type.lower()
    return lowered.startswith("multipart/report") and "delivery-status" in lowered


def _date(value: str, separator: bytes) -> tuple[datetime | None, str]:
    """The Date header in UTC; the separator's date when the header is missing or unreadable.
    Dates before 1971 or more than two days ahead are not trusted."""
    problem = ""
    when = None
    if value.strip():
        try:
            when = _header_date(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            when, problem = None, "unreadable"
    if when is None:
        when = _separator_date(separator)
        if when is not None:
            problem = ""
        elif not problem:
            problem = "unreadable"
    if when is None:
        return None, problem
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    elif when.tzinfo is not UTC:
        when = when.astimezone(UTC)
    # time() rather than datetime.now(): this runs for every message.
    if when < _EARLIEST or when.timestamp() > time() + _TWO_DAYS:
        return None, "implausible"
    return when, problem


#: The Date form nearly every mailer writes (RFC 5322 3.3 without comments or zone names):
#: 'Sat, 26 Jul 2014 08:15:34 +0000', 'Thu, 7 Jun 2012 10:58:07 -0500'.
_COMMON_DATE = re.compile(
    r"(?:[A-Za-z]{3}, )?([0-9]{1,2}) ([A-Za-z]{3}) ((?:19|20)[0-9][0-9]) "
    r"([0-9][0-9]):([0-9][0-9]):([0-9][0-9]) ([+-])([0-9][0-9])([0-9][0-9])"
)
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def _header_date(value: str) -> datetime:
    """``email.utils.parsedate_to_datetime`` with a shortcut for the common form, which it
    gives in UTC, read the way that function reads it (a zone's minutes are not checked:
    '+0060' is one hour).

    >>> _header_date("Thu, 7 Jun 2012 10:58:07 -0130")
    datetime.datetime(2012, 6, 7, 12, 28, 7, tzinfo=datetime.timezone.utc)
    >>> _header_date("Thu, 7 Jun 2012 10:58:07 +0000 (UTC)")  # the general parser
    datetime.datetime(2012, 6, 7, 10, 58, 7, tzinfo=datetime.timezone.utc)
    """
    found = _COMMON_DATE.fullmatch(value)
    if found:
        day, month, year, hour, minute, second, sign, zone_hours, zone_minutes = found.groups()
        number = _MONTHS.get(month.lower())
        offset = int(zone_hours) * 3600 + int(zone_minutes) * 60
        if number and offset < 86400:  # a zone of a day or more: the general parser's error
            try:
                when = datetime(int(year), number, int(day), int(hour), int(minute),
                                int(second), tzinfo=UTC)
            except ValueError:
                pass  # the general parser says what is wrong, as before
            else:
                return when + timedelta(seconds=offset) if sign == "-" \
                    else when - timedelta(seconds=offset)
    from email.utils import parsedate_to_datetime

    return parsedate_to_datetime(value)


def _separator_date(separator: bytes) -> datetime | None:
    words = separator.decode("ascii", errors="replace").split()[2:]
    text = " ".join(words)
    for fmt in ("%a %b %d %H:%M:%S %z %Y", "%a %b %d %H:%M:%S %Y"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _body_text(content_type: str, transfer_encoding: str, body: bytes) -> str:
    """The first ``BODY_CHARS`` characters of the message's text: its first text/plain part
    that is not an attachment, else its first text/html part with the markup removed.

    MIME parts are found by their boundaries and only the chosen part is decoded: running
    the standard library's parser over attachments cost ten times the rest of the import.

    >>> body = (b'--b\\r\\nContent-Type: text/html\\r\\n\\r\\n<p>Hi</p>\\r\\n--b\\r\\n'
    ...         b'Content-Type: text/plain; charset=utf-8\\r\\nContent-Transfer-Encoding: '
    ...         b'quoted-printable\\r\\n\\r\\nCaf=C3=A9\\r\\n--b--\\r\\n')
    >>> _body_text('multipart/alternative; boundary="b"', "", body)
    'Café'
    """
    found = _text_part(content_type, transfer_encoding, body, 0)
    if found is None:
        return ""
    subtype, charset, encoding, payload = found
    # Enough encoded bytes for BODY_CHARS characters of text (HTML needs more: markup).
    budget = BODY_CHARS * (64 if subtype == "html" else 8)
    data = _decode_transfer(encoding, payload[:budget], cut=len(payload) > budget)
    try:
        text = data.decode(charset or "utf-8", errors="replace")
    except (LookupError, ValueError):  # unknown charset, or a name with a NUL in it
        text = data.decode("utf-8", errors="replace")
    return _opening_text(text, subtype == "html")


#: Text is first made of this many characters of a decoded body, then of twice as many, and
#: so on: BODY_CHARS characters of text rarely need more than the first few kB of a 128 kB
#: newsletter, and removing markup from all of it was a third of the import's time.
FIRST_CUT = {False: 3 * BODY_CHARS, True: 4 * BODY_CHARS}
#: A cut inside markup: an element _STYLE drops that is not closed before the cut, or a '<'
#: whose '>' is not before the next '<' (a tag, or a tag inside a comment, cut in two).
_OPEN_MARKUP = re.compile(r"<(?:style|script|head)\b|<[^>]*(?:<|\Z)", re.IGNORECASE)


def _opening_text(text: str, html: bool) -> str:
    """``_whole_text(text, html).strip()[:BODY_CHARS]``, computed from as short a start of
    ``text`` as gives the same result.

    The start is cut where no markup and no line straddles the cut: after a line end (plain
    text), or before a '<' with every element, tag and comment before it closed (HTML; the
    text's last line, which may go on after the cut, is then left out). Each step of
    ``_whole_text`` (dropping style elements, tags, entities, blank lines, '>From' quoting)
    then acts on the start as it does on the whole, so the start's text is the whole's text
    up to where the start's ends; it is used only when it holds more than BODY_CHARS
    characters.

    >>> html = "<p>" + "word " * 2000 + "</p>\\n<p>more</p>"
    >>> _opening_text(html, True) == _whole_text(html, True).strip()[:BODY_CHARS]
    True
    """
    size = FIRST_CUT[html]
    while size < len(text):
        if html:
            cut = text.find("<", size)
            line_end = text.find("\n", size, cut if cut >= 0 else len(text)) + 1
            cut = line_end or cut
            if cut <= 0:
                break
            start = drop_elements(text[:cut])
            comment = start.rfind("<!--")
            if _OPEN_MARKUP.search(start) is None and (
                    comment < 0 or start.find("-->", comment + 4) >= 0):
                found = _whole_text(start, html, markup_removed=True)
                found = found[:found.rfind("\n") + 1].strip()
                if len(found) > BODY_CHARS:
                    return found[:BODY_CHARS]
        else:
            cut = text.find("\n", size) + 1
            if cut == 0:
                break
            found = _whole_text(text[:cut], html).strip()
            if len(found) > BODY_CHARS:
                return found[:BODY_CHARS]
        size *= 2
    return _whole_text(text, html).strip()[:BODY_CHARS]


def _whole_text(text: str, html: bool, *, markup_removed: bool = False) -> str:
    """A body's decoded text with HTML reduced to its text, line ends made LF and mboxrd
    '>From ' quoting undone (``markup_removed``: style elements are gone already)."""
    if html:
        from netaudit.importers.linkedin import plain_text

        text = plain_text(text if markup_removed else drop_elements(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _QUOTED_FROM.sub(r"\1", text) if ">From " in text else text


_PARAM = re.compile(r';\s*([\w.*-]+)\s*=\s*(?:"([^"]*)"|([^;\s]+))')


def _content_type(value: str) -> tuple[str, dict[str, str]]:
    """('maintype/subtype' lower-cased, {param: value}) of a Content-Type header.

    >>> _content_type('Multipart/Mixed; boundary="=_x y"; charset=UTF-8')
    ('multipart/mixed', {'boundary': '=_x y', 'charset': 'UTF-8'})
    """
    kind = value.split(";", 1)[0].strip().lower() or "text/plain"
    params = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
              for m in _PARAM.finditer(value)}
    return kind, params


def _text_part(
    content_type: str, encoding: str, body: bytes, depth: int
) -> tuple[str, str, str, bytes] | None:
    """(subtype, charset, transfer encoding, encoded payload) of the part to read."""
    kind, params = _content_type(content_type or "text/plain")
    if kind.startswith("text/"):
        subtype = kind[5:]
        return (subtype, params.get("charset", ""), encoding.strip().lower(), body) \
            if subtype in ("plain", "html") else None
    boundary = params.get("boundary", "")
    if not kind.startswith("multipart/") or not boundary or depth > 8:
        return None
    html = None
    for part in _parts(body, boundary.encode("utf-8", "replace")):
        header, blank, content = _split_head(part)
        if not blank:
            continue
        headers = parse_headers(header)
        if headers.get("content-disposition", "").lower().startswith("attachment"):
            continue
        found = _text_part(headers.get("content-type", "text/plain"),
                           headers.get("content-transfer-encoding", ""), content, depth + 1)
        if found is not None:
            if found[0] == "plain":
                return found
            html = html or found
    return html


def _parts(body: bytes, boundary: bytes) -> Iterator[bytes]:
    """The parts of a multipart body, lazily: the search stops at the part the caller wants
    and never walks the attachments after it. Found with ``bytes.find`` (C speed).

    >>> list(_parts(b"pre\\n--b\\nA\\n--b\\r\\nB\\r\\n--b--\\nepilogue", b"b"))
    [b'A', b'B\\r']
    """
    marker = b"\n--" + boundary
    # 'position' is where the line end before a delimiter is (-1: the body starts with one).
    position = -1 if body.startswith(marker[1:]) else body.find(marker)
    if position == -1 and not body.startswith(marker[1:]):
        return
    while True:
        start = position + len(marker)
        if body[start:start + 2] == b"--":
            return  # the closing delimiter
        line_end = body.find(b"\n", start)
        if line_end < 0:
            return
        following = body.find(marker, line_end)
        yield body[line_end + 1: following if following >= 0 else len(body)]
        if following < 0:
            return
        position = following


def _split_head(part: bytes) -> tuple[bytes, bool, bytes]:
    """A MIME part's header block and content (the part may have no header at all)."""
    if part[:1] == b"\n" or part[:2] == b"\r\n":
        return b"", True, part[part.index(b"\n") + 1:]
    end = _BLANK_LINE.search(part)
    if end is None:
        return part, False, b""
    return part[:end.start() + 1], True, part[end.end():]


def _decode_transfer(encoding: str, payload: bytes, *, cut: bool = False) -> bytes:
    """Undo base64 or quoted-printable; ``cut`` says the payload was cut short, so that a
    quoted-printable escape cut in two is dropped rather than misread."""
    if encoding == "base64":
        compact = b"".join(payload.split())
        compact = compact[: len(compact) // 4 * 4]
        try:
            return binascii.a2b_base64(compact)
        except binascii.Error:
            return b""
    if encoding == "quoted-printable":
        if cut and b"=" in payload[-2:]:
            payload = payload[:payload.rindex(b"=")]
        return binascii.a2b_qp(payload)
    return payload


def iter_mail(
    stream: BinaryIO, progress: Callable[[int], None] | None = None
) -> Iterator[Mail]:
    """Parsed messages of an mbox stream, one at a time (see :func:`iter_raw_messages`)."""
    for raw in iter_raw_messages(stream, progress):
        yield parse_message(raw)


# ------------------------------------------------------------------------------------------
# Threads and owner


class _Threads:
    """Union-find over thread keys: a Gmail thread id, Message-IDs, or a subject among the
    same participants."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self.parent
        root = parent.setdefault(key, key)
        while root != parent[root]:
            parent[root] = parent[parent[root]]
            root = parent[root]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def assign_threads(mails: list[Mail]) -> list[str]:
    """One conversation id per message: the Gmail thread (``gmail:<X-GM-THRID>``), else the
    chain of References/In-Reply-To, else the subject without reply prefixes among the same
    set of addresses. Ids are stable across runs (a hash of the thread's first Message-ID).

    >>> m = lambda i, parents=(), subject="Hi": Mail(1, ("", "a@x.org"), (("", "b@x.org"),),
    ...     None, subject, i, parents, "", (), False, False, "")
    >>> ids = assign_threads([m("<1@x>"), m("<2@x>", ("<1@x>",)), m("<3@x>", (), "Re: hi"),
    ...                       m("<4@x>", (), "Other")])
    >>> ids[0] == ids[1] == ids[2], ids[3] == ids[0]
    (True, False)
    """
    threads = _Threads()
    nodes = []
    for index, mail in enumerate(mails):
        node = f"#{index}"
        nodes.append(node)
        if mail.thread_id:
            threads.union(node, "t:" + mail.thread_id)
            if mail.message_id:
                threads.union(node, "m:" + mail.message_id)
            continue
        if mail.message_id:
            threads.union(node, "m:" + mail.message_id)
        for parent in mail.parents:
            threads.union(node, "m:" + parent)
        if not mail.parents:
            subject = thread_subject(mail.subject)
            if subject:
                people = sorted({a for _, a in (mail.sender, *mail.recipients) if a})
                threads.union(node, "s:" + subject + "\x1f" + "\x1e".join(people))
    # Name each thread by what every copy of it shares: the Gmail id, else its first message.
    names: dict[str, str] = {}
    for index, mail in enumerate(mails):
        root = threads.find(nodes[index])
        if mail.thread_id:
            hint = "0" + mail.thread_id
        elif mail.parents:
            hint = "1" + mail.parents[0]
        elif mail.message_id:
            hint = "1" + mail.message_id
        else:
            hint = "2" + root
        if root not in names or hint < names[root]:
            names[root] = hint
    ids = {}
    for root, hint in names.items():
        if hint[0] == "0":
            ids[root] = "gmail:" + hint[1:]
        else:
            ids[root] = "mail:" + hashlib.sha1(hint[1:].encode("utf-8")).hexdigest()[:16]
    return [ids[threads.find(node)] for node in nodes]


def _nobody(address: str) -> bool:
    return is_no_reply_sender(address) or is_bounce_sender(address)


def find_mail_owner(mails: list[Mail]) -> tuple[str, frozenset[str], str]:
    """The owner's address, every address the owner sent from, and how it was decided.

    The sender of the messages Gmail labels Sent (in any language) is the owner, and every
    address of such a message's From is one of the owner's addresses. Without Sent labels, the
    owner is the address present (as sender or recipient) in the most messages: in an inbox
    the owner is a recipient of nearly everything, in a sent-mail folder the sender, while a
    newsletter, however frequent, is only ever a sender.

    >>> m = lambda s, r, labels=(): Mail(1, ("", s), tuple(("", a) for a in r), None, "", "",
    ...     (), "", labels, False, False, "")
    >>> find_mail_owner([m("me@x.org", ["a@x.org"], ("Sent",)), m("a@x.org", ["me@x.org"])])[0]
    'me@x.org'
    >>> find_mail_owner([m("news@x.org", ["me@x.org"]), m("news@x.org", ["me@x.org"]),
    ...                  m("a@x.org", ["me@x.org"])])[0]
    'me@x.org'
    """
    sent = Counter(m.sender[1] for m in mails if m.sender[1] and m.label_set & SENT_LABELS
                   and not _nobody(m.sender[1]))
    if sent:
        owner, count = sent.most_common(1)[0]
        total = sum(sent.values())
        return owner, frozenset(sent), f"sender of {count:,} of {total:,} messages labelled Sent"
    # Takeout writes Delivered-To (the owner's address) on every message (issue 10).
    delivered = Counter(m.delivered_to for m in mails
                        if m.delivered_to and not _nobody(m.delivered_to))
    if delivered:
        owner, count = delivered.most_common(1)[0]
        return owner, frozenset({owner}), (f"Delivered-To of {count:,} of {len(mails):,} "
                                           "messages")
    present: Counter[str] = Counter()
    for mail in mails:
        # In order (not a set) so that a tie goes to the address met first, on every run.
        # A no-reply sender or a MAILER-DAEMON is never the owner.
        present.update(dict.fromkeys((a for _, a in (mail.sender, *mail.recipients)
                                      if a and not _nobody(a)), 1))
    if not present:
        return "", frozenset(), ""
    owner, count = present.most_common(1)[0]
    return owner, frozenset({owner}), f"address in {count:,} of {len(mails):,} messages"


# ------------------------------------------------------------------------------------------
# The importer


def _sniff(head: bytes) -> bool:
    head = head.removeprefix(b"\xef\xbb\xbf")
    first, _, rest = head.partition(b"\n")
    line = first + b"\n"
    if not (TAKEOUT_SEPARATOR.match(line) or general_separator(first)):
        return False
    return re.search(rb"^[!-9;-~]+:[ \t]", rest, re.MULTILINE) is not None


class Mbox(Importer):
    """An mbox mail archive: Gmail Takeout's ``All mail Including Spam and Trash.mbox``, or
    any mbox (Thunderbird, Apple Mail export, ``mailbox.mbox``).

    - People: every From/To/Cc/Bcc address (name from the header). The owner is ``--me``, else
      the sender of the messages labelled Sent (any language; all such From addresses are
      the owner's), else the address present in the most messages.
    - ``is_auto``: Auto-Submitted other than 'no', X-Autoreply, X-Autorespond, Precedence
      auto_reply, an out-of-office subject (several languages), and bounces: MAILER-DAEMON or
      postmaster senders, X-Failed-Recipients, multipart/report delivery-status.
    - ``is_system``: Precedence bulk/junk, no-reply senders (newsletters, notifications) and
      MAILER-DAEMON/postmaster (a bounce is also ``is_auto``).
    - ``is_draft``: labelled Draft(s). Spam-labelled messages are left out (counted in the
      note); a message whose Message-ID was already read is left out as a duplicate.
    """

    name = "mbox"
    label = "mbox mail archive"
    channel = "mail"
    file_names = ("all mail including spam and trash.mbox",)

    def sniff(self, file: InputFile) -> bool:
        return _sniff(file.head(4096))

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        description = f"reading {file.name}"
        report = options.progress

        def progress(done: int) -> None:
            if report is not None:
                report(description, done, file.size)

        mails: list[Mail] = []
        seen: set[str] = set()
        spam = duplicates = 0
        takeout = False
        with file.open() as stream:
            for mail in iter_mail(stream, progress):
                if not mails and not spam and not duplicates:
                    takeout = mail.thread_id != "" or bool(mail.labels)
                if mail.label_set & SPAM_LABELS:
                    spam += 1
                    continue
                if mail.message_id:
                    if mail.message_id in seen:
                        duplicates += 1
                        continue
                    seen.add(mail.message_id)
                mails.append(mail)
        del seen
        if not mails and not spam and not duplicates:
            raise InputError("holds no mail message",
                             hint="expected an mbox: messages each starting with a 'From …' "
                                  "line, as Gmail Takeout writes them",
                             path=file.display)
        return self._network(file, mails, spam, duplicates, takeout)

    def _network(
        self, file: InputFile, mails: list[Mail], spam: int, duplicates: int, takeout: bool
    ) -> Network:
        import pandas as pd

        from netaudit.model import Network, SourceFile, conform

        owner_address, aliases, how = find_mail_owner(mails)
        people = PeopleBuilder(file.display, file.display)
        ids: dict[tuple[str, str], str] = {}

        def pid(name: str, address: str) -> str:
            if address in aliases:
                address = owner_address
            key = (name, address)
            found = ids.get(key)
            if found is None:
                found = ids[key] = people.person(name=name, email=address)
            return found

        problems: list[Problem] = []
        no_sender = [m for m in mails if not m.sender[1] and not m.sender[0]]
        if no_sender:
            problems.append(Problem(file.display, "are messages without a sender address; "
                                    "they were skipped", len(no_sender), no_sender[0].line))
            mails = [m for m in mails if m.sender[1] or m.sender[0]]
        for kind, text in (("unreadable", "have a Date netaudit cannot read"),
                           ("implausible", "have a Date before 1971 or in the future")):
            bad = [m for m in mails if m.date_problem == kind]
            if bad:
                problems.append(Problem(file.display, f"are messages that {text}; their date "
                                        "was left empty", len(bad), bad[0].line))

        conversations = assign_threads(mails)
        senders, recipients = [], []
        for mail in mails:
            senders.append(pid(*mail.sender))
            recipients.append(tuple(dict.fromkeys(pid(n, a) for n, a in mail.recipients)))
        owner = None
        if owner_address:
            owner = people.owner(pid("", owner_address), f"{how} in {file.display}")
        drafts = [bool(m.label_set & DRAFT_LABELS) for m in mails]
        messages = pd.DataFrame({
            "message_id": [f"{file.display}#{m.line}" for m in mails],
            "conversation_id": conversations,
            "sent_at": pd.to_datetime([m.sent_at for m in mails], utc=True),
            "sender_id": senders,
            "recipient_ids": pd.Series(recipients, dtype=object),
            "subject": [m.subject for m in mails],
            "body": [m.body for m in mails],
            "is_system": [m.is_system for m in mails],
            "is_draft": drafts,
            "is_auto": [m.is_auto for m in mails],
            "source": file.display,
        })
        auto = int(messages["is_auto"].sum())
        parts = ["Gmail Takeout" if takeout else "mbox",
                 _plural(messages["conversation_id"].nunique(), "thread"),
                 f"{auto:,} auto-replies/bounces"]
        if spam:
            parts.append(f"{spam:,} spam left out")
        if duplicates:
            parts.append(f"{_plural(duplicates, 'duplicate')} left out")
        return Network(
            people=people.frame(),
            messages=conform(messages, "messages"),
            owner=owner,
            sources=[SourceFile(file.display, self.label, len(messages), ", ".join(parts))],
            problems=problems,
        )


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"
