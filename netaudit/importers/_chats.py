"""What the chat-network importers (Facebook, X, WhatsApp, Telegram) share: reading a JSON
document with a size cap and a one-line error, Facebook's escaped UTF-8, phone numbers.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from netaudit.errors import InputError

if TYPE_CHECKING:
    from netaudit.importers.inputs import InputFile

#: A JSON document larger than this is refused: ``json`` holds the whole tree in memory (about
#: ten times the file), and the biggest real exports seen are far smaller (a Telegram
#: ``result.json`` of years of chats is tens of MB, a Messenger page at most a few MB).
MAX_JSON_BYTES = 512 * 1024**2
#: A WhatsApp chat text larger than this is refused (a decade of a busy group is ~50 MB).
MAX_TEXT_BYTES = 1024**3
#: Meta's AI assistant as chats name it as sender: two published Messenger threads held 5
#: and 4 of its rows without listing it as a participant (other parsers model a thread of
#: one person with it, "Jane and Meta AI", listed), a published WhatsApp group 78 lines
#: 'Meta AI: …' answering '@Meta AI' mentions. It is no participant, member gone or tie:
#: its messages, and the owner's to it alone, are set aside (``set_aside`` 'assistant').
ASSISTANT_NAME = "Meta AI"

#: X/Twitter archives wrap each JSON array in a JavaScript assignment:
#: ``window.YTD.direct_messages.part0 = [ ...`` (``window.__THAR_CONFIG = {`` in manifest.js).
#: Possessive blanks: '\s*' on both sides of the optional BOM tried every split of a file
#: of blanks (quadratic; issue 16).
YTD_PREFIX = re.compile(rb"^\s*+(?:\xef\xbb\xbf)?\s*+window\.(?:YTD\.([A-Za-z0-9_]+)\.part(\d+)|"
                        rb"__THAR_CONFIG)\s*+=\s*+")


def too_large(file: InputFile, limit: int, what: str) -> None:
    """Refuse ``file`` before reading it when it is larger than ``limit`` bytes."""
    if file.size > limit:
        raise InputError(
            f"refused: {file.size:,} bytes is more than netaudit reads in one {what} "
            f"({limit:,} bytes)",
            hint="this is far larger than any real export; pass the export's own files",
            path=file.display)


def load_json(file: InputFile, what: str, *, strip_ytd: bool = False) -> Any:
    """The parsed JSON of ``file`` (an X ``window.YTD…=`` prefix removed when ``strip_ytd``).

    Raises InputError naming the line where the JSON breaks (a cut download, an edited file).
    """
    too_large(file, MAX_JSON_BYTES, what)
    data = file.read_bytes()
    if strip_ytd:
        found = YTD_PREFIX.match(data)
        if found:
            data = data[found.end():]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"is not UTF-8 text (byte {exc.start:,})",
                         hint=f"a {what} is UTF-8 JSON; download the export again",
                         path=file.display) from exc
    text = text.rstrip().removesuffix(";")
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise InputError("is nested too deeply to be an export",
                         hint=f"expected a {what}", path=file.display) from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"is not valid JSON ({exc.msg}, column {exc.colno})",
                         hint=f"the {what} looks cut short or edited; download the export again",
                         path=file.display, row=exc.lineno) from exc


def head_text(file: InputFile, size: int = 4096) -> str:
    """The first bytes of ``file`` as text (BOM dropped, a cut character ignored)."""
    return file.head(size).decode("utf-8", errors="ignore").lstrip("\ufeff")


def repair_mojibake(text: str) -> str:
    """Facebook's JSON writes each UTF-8 byte as its own ``\\u00XX`` escape, so the parsed
    string is the bytes read as Latin-1; this turns it back into the text meant.

    A string that is not such bytes (a character above U+00FF, or bytes that are not UTF-8)
    is left as it is, so repairing twice does no harm.

    >>> repair_mojibake("\\u00f0\\u009f\\u0098\\u00a0")
    '😠'
    >>> repair_mojibake("Jos\\u00c3\\u00a9 Garc\\u00c3\\u00ada")
    'José García'
    >>> repair_mojibake("José")  # already text: é is not the start of a UTF-8 sequence here
    'José'
    """
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


_PHONE = re.compile(r"^\+?[\d\s().\-\u00a0\u202f\u2011]{6,}$")


def as_phone(text: str) -> str:
    """``text`` as '+' and digits when it is a phone number and nothing else, else ''.

    WhatsApp names a sender who is not in the owner's address book by their number
    (``+44 7123 456789``), Telegram's contacts carry ``phone_number``. Numbers are not
    normalized per country here: a number without ``+`` keeps its digits as written.

    >>> as_phone("+44 7123 456789"), as_phone("+1 (415) 555-0100"), as_phone("Ana Ruiz")
    ('+447123456789', '+14155550100', '')
    >>> as_phone("0171 1234567"), as_phone("2024")
    ('01711234567', '')
    """
    text = text.strip().strip("\u200e\u200f\u202a\u202c")
    if not _PHONE.match(text):
        return ""
    digits = re.sub(r"\D", "", text)
    if len(digits) < 6:
        return ""
    return ("+" if text.startswith("+") else "") + digits


def text_of(value: Any) -> str:
    """A message text that is a string, or a list of strings and ``{"text": …}`` pieces
    (Telegram's rich text), as one string.

    >>> text_of(["See ", {"type": "link", "text": "https://example.org"}, "!"])
    'See https://example.org!'
    >>> text_of(None)
    ''
    """
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(v if isinstance(v, str) else text_of(v.get("text"))
                       if isinstance(v, dict) else "" for v in value)
    return ""
