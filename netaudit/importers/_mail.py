"""What mail-like sources share: encoded words, addresses, subjects, auto-replies and bounces.

Used by the mbox importer and the generic message-log CSV. Every function is pure and cheap:
an mbox of 2 GB calls them hundreds of thousands of times.
"""

from __future__ import annotations

import re
from functools import lru_cache

from netaudit.identity import CREDENTIALS, fold, normalize_email

_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
_SPACE = re.compile(r"\s+")


def decode_words(value: str) -> str:
    """Header text with RFC 2047 encoded words decoded and folding whitespace collapsed.

    Unknown charsets and broken encodings decode with replacement characters instead of
    failing: one bad header must not lose the message.

    >>> decode_words("=?UTF-8?Q?=C3=85pnet,Kategori:_Reklame?=")
    'Åpnet,Kategori: Reklame'
    >>> decode_words("=?iso-8859-1?q?Ren=E9?= <rene@example.com>")
    'René <rene@example.com>'
    >>> decode_words("Café =?utf-8?q?=E2=82=AC?= 5")
    'Café € 5'
    >>> decode_words("=?utf-8?b?Q?= x")  # broken base64: the text is kept as it is
    '=?utf-8?b?Q?= x'
    >>> decode_words("plain\\r\\n  text")
    'plain text'
    """
    # ' '.join(split()) is _SPACE.sub(' ', value).strip(): both split on str.isspace().
    if "=?" not in value or not _ENCODED_WORD.search(value):
        return " ".join(value.split())
    # The email package (7 ms to import) only for the headers that need it: a LinkedIn
    # export never does.
    from email.errors import HeaderParseError
    from email.header import decode_header

    try:
        parts = decode_header(value)
    except (HeaderParseError, ValueError, IndexError, LookupError):  # broken base64 word
        return " ".join(value.split())
    text = []
    for chunk, charset in parts:
        if isinstance(chunk, str):
            text.append(chunk)
            continue
        if charset is None:  # plain text between encoded words, as decode_header returns it
            text.append(chunk.decode("raw-unicode-escape", errors="replace"))
            continue
        try:
            text.append(chunk.decode(charset, errors="replace"))
        except (LookupError, ValueError):  # unknown charset, or a name with a NUL in it
            text.append(chunk.decode("utf-8", errors="replace"))
    return " ".join("".join(text).split())


def display_name(name: str, email: str = "") -> str:
    """A person's name as a mail header or contact cell gives it, made comparable with the
    names of other sources: quotes removed, ``'Last, First'`` turned around, an address
    used as a name dropped.

    >>> display_name('"Ruiz, Ana"')
    'Ana Ruiz'
    >>> display_name("'Ana Ruiz'")
    'Ana Ruiz'
    >>> display_name("Ruiz, MBA")
    'Ruiz, MBA'
    >>> display_name("ana@example.com", "ana@example.com")
    ''
    """
    text = _SPACE.sub(" ", name).strip().strip("\"'").strip()
    if not text or "@" in text and normalize_email(text):
        return ""
    if email and text.lower() == email.lower():
        return ""
    if text.count(",") == 1:
        last, first = (p.strip() for p in text.split(","))
        words = fold(first).replace(".", "").split()
        credentials = words and all(w in CREDENTIALS for w in words)
        if first and last and not credentials and len(first.split()) <= 2 \
                and len(last.split()) <= 2:
            return f"{first} {last}"
    return text


#: Every repeat possessive and no two of them able to take the same characters, so that a
#: failing match fails in one pass: the lazy name and the blanks around it took 87 s on a
#: 100 KB header of spaces (issue 16). The name keeps its trailing blanks (stripped after).
_SIMPLE_ADDRESS = re.compile(r'^\s*+(?:([^",()<>;:@]*+)<([^<>,\s@]++@[^<>,\s]++)>|'
                             r'([^\s<>",;:@]++@[^\s<>",;:]++))\s*+$')


_ARCHIVE_ADDRESS = re.compile(
    r"^\s*([A-Za-z0-9._%+-]{1,64}) at ([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})"
    r"\s*(?:\(([^()]{0,200})\))?\s*$")


@lru_cache(maxsize=65_536)
def parse_addresses(value: str) -> tuple[tuple[str, str], ...]:
    """``(name, email)`` pairs of an address header (``To``, ``Cc``), names decoded; entries
    with neither a name nor a valid address (``undisclosed-recipients:;``) are left out.

    >>> parse_addresses('"Ruiz, Ana" <Ana@Example.com>, =?utf-8?q?Jos=C3=A9?= <jose@example.com>')
    (('Ana Ruiz', 'ana@example.com'), ('José', 'jose@example.com'))
    >>> parse_addresses("Bo Li <BO@example.org>"), parse_addresses("bo@example.org")
    ((('Bo Li', 'bo@example.org'),), (('', 'bo@example.org'),))
    >>> parse_addresses("undisclosed-recipients:;")
    ()
    """
    if not value.strip():
        return ()
    archived = _ARCHIVE_ADDRESS.match(value)
    if archived:
        # Mailing-list archives (pipermail): 'jgb at gsyc.es (Jesús G. B.)'.
        address = normalize_email(f"{archived.group(1)}@{archived.group(2)}")
        if address:
            return ((display_name(decode_words(archived.group(3) or ""), address), address),)
    # One plain 'Name <address>' or address: most headers, parsed without the slow, general
    # parser (the same few thousand values recur over a mailbox: hence also the cache).
    simple = _SIMPLE_ADDRESS.match(value) if "=?" not in value else None
    if simple:
        address = normalize_email(simple.group(2) or simple.group(3))
        name = display_name((simple.group(1) or "").strip(), address)
        return ((name, address),) if address or name else ()
    found = []
    from email.utils import getaddresses

    # Names are decoded after splitting: a decoded name may hold a comma.
    try:
        pairs = getaddresses([value])
    except RecursionError:
        # The standard parser recurses once per nested '(' comment: a header of 100,000 '('
        # is no list of addresses (issue 16).
        return ()
    for raw_name, raw_address in pairs:
        address = normalize_email(raw_address)
        name = display_name(decode_words(raw_name), address)
        if address or (name and not raw_address.strip().endswith(":")):
            if not address and ("@" in name or name.endswith(":;")):
                continue
            found.append((name, address))
    return tuple(found)


@lru_cache(maxsize=65_536)
def split_participants(cell: str) -> tuple[tuple[str, str], ...]:
    """``(name, email)`` pairs of a message-log cell: ``;``-separated if it holds a ``;``,
    else ``,``-separated; each entry ``Name <email>``, an address, or a bare name.

    >>> split_participants("Ana Ruiz <ana@example.com>; bo@example.com; Chen Li")
    (('Ana Ruiz', 'ana@example.com'), ('', 'bo@example.com'), ('Chen Li', ''))
    >>> split_participants('"Ruiz, Ana" <ana@example.com>, Bo <bo@example.com>')
    (('Ana Ruiz', 'ana@example.com'), ('Bo', 'bo@example.com'))
    >>> split_participants("")
    ()
    """
    cell = cell.strip()
    if not cell:
        return ()
    if ";" in cell:
        items = cell.split(";")
    elif "<" in cell:
        return parse_addresses(cell)
    else:
        items = cell.split(",")
    found = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        match = _NAME_ADDRESS.match(item)
        if match:
            address = normalize_email(match.group(2))
            found.append((display_name(match.group(1).strip(), address), address))
        elif normalize_email(item):
            found.append(("", normalize_email(item)))
        else:
            found.append((display_name(item), ""))
    return tuple(found)


#: The name possessive up to the '<' (stripped after): a lazy name before '\s*' was
#: quadratic on a cell of blanks.
_NAME_ADDRESS = re.compile(r"^([^<]*+)<([^<>]++)>$")

#: Reply and forward prefixes in the languages mail clients write them: Re, Fwd, German
#: AW/WG, Nordic SV/VS, Dutch Antw, Polish Odp, French TR, Italian R/RIF, Portuguese RES/ENC,
#: Turkish YNT, Chinese 回复/答复/转发, with counters like 'Re[2]:' and full-width colons.
_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|aw|wg|sv|vs|antw|odp|tr|rif|r|res|enc|ynt|回复|答复|转发)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*|\[[^\]]{1,40}\]\s*)+",
    re.IGNORECASE,
)


def thread_subject(subject: str) -> str:
    """Subject reduced for threading: reply/forward prefixes and list tags removed, case and
    whitespace folded.

    >>> thread_subject("RE: AW: [team] Fwd:  Budget 2024")
    'budget 2024'
    >>> thread_subject("Re[2]: Hello")
    'hello'
    """
    return _SPACE.sub(" ", _SUBJECT_PREFIX.sub("", subject)).strip().casefold()


#: Subjects of out-of-office and automatic replies, as Outlook/Exchange, Gmail and common
#: servers write them in English, German, French, Spanish, Italian, Dutch, Portuguese, the
#: Nordic languages, Polish and Finnish.
_AUTO_SUBJECT = re.compile(
    r"out of (?:the )?office|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response"
    r"|automatische antwort|abwesenheitsnotiz|abwesenheit|nicht im büro"
    r"|réponse automatique|reponse automatique|absence du bureau|absent du bureau"
    r"|respuesta automática|respuesta automatica|fuera de la oficina"
    r"|risposta automatica|fuori sede|fuori ufficio"
    r"|automatisch antwoord|afwezigheidsbericht|niet op kantoor"
    r"|resposta automática|resposta automatica|ausente do escritório"
    r"|automatiskt svar|automatisk svar|autosvar|frånvaro|fraværende"
    r"|odpowiedź automatyczna|poza biurem|automaattinen vastaus|poissa toimistolta",
    re.IGNORECASE,
)
#: Subjects of delivery failures (bounces) whose sender is not MAILER-DAEMON.
_BOUNCE_SUBJECT = re.compile(
    r"^(?:undeliverable|undelivered mail|delivery status notification \(failure\)"
    r"|mail delivery failed|returned mail|delivery failure|failure notice"
    r"|unzustellbar|non remis|onbestelbaar|no se puede entregar|non recapitabile)",
    re.IGNORECASE,
)
_BOUNCE_SENDER = re.compile(r"^(?:mailer-daemon|postmaster)(?:@|$)", re.IGNORECASE)
#: Senders nobody can answer: notifications and newsletters ('noreply@', 'do-not-reply@').
#: Also 'googlecommunityteam-noreply@' and 'noreply-12ab@' (Takeout, docs/formats.md 7).
_NO_REPLY_SENDER = re.compile(
    r"^(?:[^@]*[-_.+])?(?:no-?reply|do-?not-?reply|donotreply)(?:[-_.+][^@]*)?@",
    re.IGNORECASE)


def is_auto_subject(subject: str) -> bool:
    """True for the subject of an out-of-office/automatic reply or a delivery failure.

    >>> is_auto_subject("Automatische Antwort: Ihre Anfrage")
    True
    >>> is_auto_subject("Réponse automatique : Re: devis")
    True
    >>> is_auto_subject("Undeliverable: Hello")
    True
    >>> is_auto_subject("Re: office move next week")
    False
    """
    return bool(_AUTO_SUBJECT.search(subject) or _BOUNCE_SUBJECT.search(subject.strip()))


def is_bounce_sender(address: str) -> bool:
    """``MAILER-DAEMON@…`` or ``postmaster@…``.

    >>> is_bounce_sender("MAILER-DAEMON@googlemail.com"), is_bounce_sender("post@example.com")
    (True, False)
    """
    return bool(_BOUNCE_SENDER.match(address))


def is_no_reply_sender(address: str) -> bool:
    """An address nobody reads (``noreply@``, ``do-not-reply@``): automated mail.

    >>> is_no_reply_sender("no-reply@accounts.example.com"), is_no_reply_sender("nora@x.org")
    (True, False)
    >>> is_no_reply_sender("team-noreply@x.org"), is_no_reply_sender("noreply-7f@x.org")
    (True, True)
    """
    return bool(_NO_REPLY_SENDER.match(address))
