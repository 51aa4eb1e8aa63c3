"""Address books in vCard format (.vcf): versions 2.1, 3.0 and 4.0, one or many cards per file.

What real files do (docs/formats.md 6): lines are folded (a line break followed by one
space or tab continues the line, RFC 6350 3.2); vCard 2.1 writes ``ENCODING=QUOTED-PRINTABLE;
CHARSET=UTF-8`` values whose lines end in ``=`` soft breaks (Android, old Outlook); Google
Takeout writes vCard 3.0 with CRLF, no UID, often no FN, labels as ``CATEGORIES`` and Apple-style
grouped ``item1.EMAIL`` / ``item1.X-ABLabel``; iCloud writes LF; Outlook may put a UTF-8 BOM first.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netaudit.errors import InputError, Problem
from netaudit.identity import plain_names
from netaudit.importers._chats import as_phone
from netaudit.importers._read import decode, looks_binary
from netaudit.importers.base import Importer, PeopleBuilder, ReadOptions

if TYPE_CHECKING:
    from netaudit.importers.inputs import InputFile
    from netaudit.model import Network

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_UNESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}
#: Profile URLs worth keeping: a URL property may also be a company's home page, which must
#: never become a person's identity (two colleagues would merge).
_PROFILE_URL = re.compile(r"(?:^|[/.])(?:linkedin\.com/(?:in|pub)/|xing\.com/profile/)",
                          re.IGNORECASE)


@dataclass
class Card:
    """What netaudit reads from one vCard."""

    line: int
    """1-based line of its BEGIN:VCARD, counting folded lines as one."""
    version: str = ""
    formatted_name: str = ""
    family_name: str = ""
    given_name: str = ""
    emails: list[str] = field(default_factory=list)
    """In file order, the preferred one (TYPE=pref or PREF=1) first."""
    phones: list[str] = field(default_factory=list)
    """TEL values, in the same order."""
    company: str = ""
    position: str = ""
    location: str = ""
    profile_url: str = ""
    categories: list[str] = field(default_factory=list)
    closed: bool = True
    """False when the file ended before END:VCARD."""


def unfold_bytes(data: bytes) -> bytes:
    """Folded lines joined before decoding: writers fold at 75 *octets*, so a fold may fall
    between the bytes of one UTF-8 character, and a line decoded on its own would fail (and
    take the whole file down to a cp1252 guess). UTF-16 files are left to :func:`logical_lines`.

    >>> unfold_bytes(b"NOTE:portugu\\xc3\\r\\n \\xaas\\r\\n").decode("utf-8")
    'NOTE:português\\r\\n'
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data
    return re.sub(rb"\r?\n[ \t]", b"", data)


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(first physical line, unfolded line) pairs.

    Folding: a line starting with a space or tab continues the previous one (that one
    character removed). Quoted-printable values continue on the next line while they end in
    a soft break ``=`` (the ``=`` removed).

    >>> list(logical_lines("FN:Ana\\r\\n  Ruiz\\r\\nNOTE;ENCODING=QUOTED-PRINTABLE:a=\\r\\nb\\r\\n"))
    [(1, 'FN:Ana Ruiz'), (3, 'NOTE;ENCODING=QUOTED-PRINTABLE:ab')]
    """
    current: list[str] = []
    start = 0
    quoted_printable = False
    for number, line in enumerate(_LINE_BREAK.split(text), 1):
        if current and line[:1] in (" ", "\t"):
            current.append(line[1:])
            continue
        if current and quoted_printable and current[-1].endswith("="):
            current[-1] = current[-1][:-1]
            current.append(line)
            continue
        if current:
            yield start, "".join(current)
        if not line.strip():
            current = []
            continue
        current, start = [line], number
        head = line.split(":", 1)[0].upper()
        quoted_printable = "QUOTED-PRINTABLE" in head
    if current:
        yield start, "".join(current)


def split_property(line: str) -> tuple[str, dict[str, list[str]], str]:
    """(NAME without group, parameters, raw value) of one logical line.

    Parameters are upper-cased names with their values; vCard 2.1's bare ``;WORK;PREF`` are
    TYPE values. A colon inside a quoted parameter value does not end the name part.

    >>> split_property('item1.EMAIL;type=INTERNET;type=pref:ana@example.com')
    ('EMAIL', {'TYPE': ['INTERNET', 'PREF']}, 'ana@example.com')
    >>> split_property('N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ruiz;Ana;;;')
    ('N', {'CHARSET': ['UTF-8'], 'ENCODING': ['QUOTED-PRINTABLE']}, 'Ruiz;Ana;;;')
    >>> split_property('X-SOCIALPROFILE;TYPE="a:b":x')
    ('X-SOCIALPROFILE', {'TYPE': ['A:B']}, 'x')
    """
    quoted = False
    cut = len(line)
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            cut = index
            break
    head, value = line[:cut], line[cut + 1:]
    pieces = _split_outside_quotes(head, ";")
    name = pieces[0].strip().upper().rsplit(".", 1)[-1]
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        key, equals, text = piece.partition("=")
        if not equals:
            key, text = ("ENCODING", piece) if piece.upper() in (
                "QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT") else ("TYPE", piece)
        values = [v.strip().strip('"').upper() for v in _split_outside_quotes(text, ",")]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    return name, params, value


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def decode_value(value: str, params: dict[str, list[str]]) -> str:
    """The value with its transfer encoding undone (quoted-printable or base64, in the
    CHARSET given, UTF-8 by default).

    >>> decode_value("Ren=C3=A9", {"ENCODING": ["QUOTED-PRINTABLE"], "CHARSET": ["UTF-8"]})
    'René'
    >>> decode_value("Ren=E9", {"ENCODING": ["QUOTED-PRINTABLE"], "CHARSET": ["ISO-8859-1"]})
    'René'
    """
    encoding = (params.get("ENCODING") or [""])[0]
    charset = (params.get("CHARSET") or ["UTF-8"])[0]
    if encoding in ("QUOTED-PRINTABLE", "QP"):
        data = quopri.decodestring(value.encode("utf-8"))
    elif encoding in ("B", "BASE64"):
        try:
            data = base64.b64decode("".join(value.split()), validate=False)
        except (binascii.Error, ValueError):
            return ""
    else:
        return value
    try:
        return data.decode(charset, errors="replace")
    except (LookupError, ValueError):  # unknown charset, or a name with a NUL in it
        return data.decode("utf-8", errors="replace")


def split_components(value: str, separator: str = ";") -> list[str]:
    """Components split on unescaped ``separator``, then unescaped (``\\,`` ``\\;`` ``\\n``).

    >>> split_components(r"Ruiz;Ana;;Dr.;")
    ['Ruiz', 'Ana', '', 'Dr.', '']
    >>> split_components(r"Acme\\, Inc.;Sales")
    ['Acme, Inc.', 'Sales']
    >>> split_components("work,Friends\\\\, old", ",")
    ['work', 'Friends, old']
    """
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            current.append(_UNESCAPED.get(following, "\\" + following))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts]


def iter_cards(text: str) -> Iterator[Card]:
    """The cards of a vCard file, in order. Lines outside BEGIN/END are ignored, nested
    cards (vCard 2.1 AGENT) are skipped with their parent's content kept, and a card the file
    cuts off is returned with ``closed=False``."""
    card: Card | None = None
    depth = 0
    addresses: list[tuple[bool, str]] = []
    for number, line in logical_lines(text.lstrip("\ufeff")):
        name, params, raw = split_property(line)
        if name == "BEGIN" and raw.strip().upper() == "VCARD":
            depth += 1
            if depth == 1:
                card, addresses = Card(number), []
            continue
        if name == "END" and raw.strip().upper() == "VCARD":
            depth = max(depth - 1, 0)
            if depth == 0 and card is not None:
                yield _finish(card, addresses)
                card = None
            continue
        if card is None or depth != 1:
            continue
        value = decode_value(raw, params)
        _apply(card, name, params, value, addresses)
    if card is not None:
        card.closed = False
        yield _finish(card, addresses)


def _apply(card: Card, name: str, params: dict[str, list[str]], value: str,
           addresses: list[tuple[bool, str]]) -> None:
    types = set(params.get("TYPE", []))
    preferred = "PREF" in types or params.get("PREF", [""])[0] == "1"
    if name == "VERSION":
        card.version = value.strip()
    elif name == "FN":
        card.formatted_name = card.formatted_name or split_components(value, "\x00")[0]
    elif name == "N" and not (card.family_name or card.given_name):
        parts = split_components(value) + ["", ""]
        card.family_name, card.given_name = parts[0], parts[1]
    elif name == "EMAIL":
        address = value.strip()
        if address:
            if preferred:
                card.emails.insert(0, address)
            else:
                card.emails.append(address)
    elif name == "TEL":
        # 'TEL;TYPE=CELL:+7 912 345-67-89'; vCard 4.0 'TEL;VALUE=uri:tel:+1-555-555-0100'.
        number = value.strip().removeprefix("tel:").split(";")[0].strip()
        if number:
            if preferred:
                card.phones.insert(0, number)
            else:
                card.phones.append(number)
    elif name == "ORG" and not card.company:
        card.company = split_components(value)[0]
    elif name == "TITLE" and not card.position:
        card.position = split_components(value, "\x00")[0]
    elif name == "ROLE" and not card.position:
        card.position = split_components(value, "\x00")[0]
    elif name == "ADR":
        parts = split_components(value) + [""] * 7
        place = next((p for p in (parts[3], parts[4], parts[6]) if p), "")
        if place:
            addresses.append(("WORK" in types, place))
    elif name in ("URL", "X-SOCIALPROFILE", "X-LINKEDIN") and not card.profile_url:
        url = split_components(value, "\x00")[0]
        if _PROFILE_URL.search(url):
            card.profile_url = url
    elif name == "CATEGORIES":
        card.categories.extend(c for c in split_components(value, ",") if c)


def _finish(card: Card, addresses: list[tuple[bool, str]]) -> Card:
    if addresses:
        work = [place for is_work, place in addresses if is_work]
        card.location = (work or [place for _, place in addresses])[0]
    return card


class VCard(Importer):
    """A vCard file (.vcf): one or many cards, versions 2.1, 3.0 and 4.0.

    Each card with a name, an e-mail or a phone number becomes a person marked ``is_contact``
    (an address-book entry is not a connection: a card has no connection date; a number alone
    is shown as the name, as a chat shows it). Read: FN (else N's given and family name), the
    preferred or first EMAIL, the preferred or first TEL (two cards of one name with two
    numbers are two people), ORG's first component, TITLE (else ROLE), the
    city of the work address (else of the first address; else its region, else its country),
    and a LinkedIn or XING profile URL from URL/X-SOCIALPROFILE (other URLs are company pages
    more often than not and are ignored). CATEGORIES are read but not yet used. Birthdays are
    ignored.
    """

    name = "vcard"
    label = "vCard address book"
    file_names = ("all contacts.vcf", "contacts.vcf")

    def sniff(self, file: InputFile) -> bool:
        head = file.head(4096)
        if looks_binary(head):
            return False
        text, _ = decode(head)
        return text.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD"

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        from netaudit.model import Network, SourceFile

        data = file.read_bytes()
        if looks_binary(data[:4096]):
            raise InputError("is not a text file", hint="expected a vCard (BEGIN:VCARD …)",
                             path=file.display)
        text, _ = decode(unfold_bytes(data))
        people = PeopleBuilder(file.display, file.display)
        versions: dict[str, int] = {}
        cards = skipped = unclosed = 0
        first_skipped = first_unclosed = None
        for card in iter_cards(text):
            cards += 1
            versions[card.version or "?"] = versions.get(card.version or "?", 0) + 1
            if not card.closed:
                unclosed += 1
                first_unclosed = first_unclosed or card.line
            email = next((e for e in card.emails if "@" in e), "")
            phone = next((p for p in card.phones if as_phone(p)), "")
            name = card.formatted_name
            if not (name or card.given_name or card.family_name or email or phone):
                skipped += 1
                first_skipped = first_skipped or card.line
                continue
            if not (name or card.given_name or card.family_name or email):
                name = phone  # a number alone: shown as the number, as a chat shows it
            people.person(
                name=name, first_name=card.given_name, last_name=card.family_name,
                email=email, url=card.profile_url, company=card.company,
                position=card.position, location=card.location, is_contact=True,
                phone=phone,
            )
        if cards == 0:
            raise InputError("holds no vCard", hint="expected BEGIN:VCARD … END:VCARD blocks",
                             path=file.display)
        problems = []
        if skipped:
            problems.append(Problem(file.display, "have no name, e-mail address or phone "
                                    "number and were skipped", skipped, first_skipped,
                                    unit="card"))
        if unclosed:
            problems.append(Problem(file.display, "are cards the file cuts off before "
                                    "END:VCARD; what they hold was read", unclosed,
                                    first_unclosed))
        shown = ", ".join(f"{v} ×{n:,}" if len(versions) > 1 else v
                          for v, n in sorted(versions.items()))
        frame = plain_names(people.frame())  # FN 'Zoë Dubois\, MBA' shown as 'Zoë Dubois'
        note = f"version {shown}, {len(frame):,} {'person' if len(frame) == 1 else 'people'}"
        return Network(people=frame, sources=[SourceFile(file.display, self.label, cards, note)],
                       problems=problems)
