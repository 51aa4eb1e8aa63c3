"""A WhatsApp chat export: the ``.txt`` WhatsApp writes per chat ("Export chat"), alone or
inside the ``.zip`` it shares (with or without media).

Facts (README "WhatsApp"; each seen in published exports or parsers' bug reports):

- Android: ``12/31/23, 9:41 PM - Name: text`` (US), ``31/12/2023, 21:41 - Name: text``,
  ``31.12.23, 21:41 - Name: text`` (German), ``20/6/2017 8:28 p. m. - Name: text`` (Spanish,
  no comma, Pustur/whatsapp-chat-parser#224, 2021).
- iOS: ``[31.12.23, 21:41:05] Name: text``, ``[17/10/2020, 1:50:32 pm] Name: text``,
  ``[31/12/2019, 2:14:40 a.m.]`` (BryceStevenWilley/visioning_texts#24, 2020).
- Since early 2023 a narrow no-break space (U+202F) stands before AM/PM
  (Pustur/whatsapp-chat-parser#248, 2023-02; lucasrodes/whatstk#140, 2023-12); other
  exports have a no-break space (U+00A0) there.
- iOS starts media lines and system lines with a left-to-right mark (U+200E), often before
  the ``[`` too (joweich/chat-miner#42, 2022): ``‎<attached: 00000008-PHOTO-….jpg>``,
  ``‎image omitted``; Android writes ``<Media omitted>``.
- A message runs on over the following lines until the next line that starts with a date.
- System lines: Android writes them without ``Name:`` (``… - Messages and calls are
  end-to-end encrypted. …``, ``… - Ana added Bo``); iOS writes them after the chat's name
  with the text starting with U+200E. They are not messages.
- A sender not in the phone's address book is written as their number
  (``+44 7123 456789``, whatstk#140): kept as the name and, as digits, in ``phone``.
- Dates are the phone's local time, with no zone: kept as written (UTC wall time). Day and
  month order are not stated: a date whose first number is above 12 settles day-first, a
  second number above 12 month-first; a file whose dates never tell is read month-first when
  it writes ``M/D/YY`` with AM/PM (the US form), else day-first, and a warning says so.
- The owner is not named in a chat: across several chats, the person present in every chat
  (the owner-finding of netaudit.identity); with one chat only, pass ``--me``. Two facts of
  published iOS group chats help: the exporter's own deleted messages read ``You deleted
  this message.`` (``Du hast diese Nachricht gelöscht.``), others' ``This message was
  deleted.``, so the one sender of the first is the owner; and a sender outside the
  exporter's address book is shown as ``~`` + U+202F + the name they chose, or as their
  number, so is not the owner (:attr:`netaudit.model.Network.strangers`); and system lines
  call the exporter 'you' ('You added Bo', 'Ana added you'), so whoever they name acting or
  being added is not the owner either (:attr:`netaudit.model.Network.not_exporters`).
- Media lines are written in the phone's language: ``image omitted``, ``Bild
  weggelassen``, ``imagen omitida``, ``afbeelding weggelaten`` (see :data:`_MEDIA`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netaudit.errors import InputError, Problem
from netaudit.importers._chats import ASSISTANT_NAME, MAX_TEXT_BYTES, as_phone, too_large
from netaudit.importers.base import Importer, PeopleBuilder, ReadOptions
from netaudit.model import ASSISTANT

if TYPE_CHECKING:
    from netaudit.importers.inputs import InputFile
    from netaudit.model import Network

#: Marks WhatsApp puts in lines (direction marks, BOM) and spaces it writes before AM/PM.
_MARKS = str.maketrans({"\u200e": "", "\u200f": "", "\ufeff": "", "\u202a": "", "\u202c": "",
                        "\u202f": " ", "\u00a0": " ", "\u2009": " "})
_DATE = r"(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
_TIME = (r"(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
         r"(?:\s?(?P<ampm>[AaPp]\.?\s?[Mm]\.?))?")
IOS_LINE = re.compile(r"^\[" + _DATE + r",?\s" + _TIME + r"\]\s(?P<rest>.*)$")
#: French Android writes 'à' between the date and the time: ``24/03/2019 à 20:19 - Name: text``
#: (a published 35-person group chat of 14,225 lines, none of which was read before).
ANDROID_LINE = re.compile(r"^" + _DATE + r"(?:,|\sà)?\s" + _TIME + r"\s[-–]\s(?P<rest>.*)$")
#: A sender is a name before ': ' (names with ': ' inside are not seen in exports).
_SENDER = re.compile(r"^(?P<name>[^:]{1,80}?):\s(?P<text>.*)$", re.DOTALL)
#: iOS writes media as these texts after a U+200E mark: they are messages, not system lines.
#: In the phone's language: German ('Bild weggelassen', 'x.pdf • 1 Seite Dokument
#: weggelassen': 2,700 lines of a published 41-person group chat were left out as system
#: lines before; a shared contact, 'Kontaktkarte ausgelassen': 14 lines of a published 1:1
#: chat), Spanish ('imagen omitida', 'sticker omitido': a published group chat) and
#: Dutch ('afbeelding weggelaten', 'sticker weggelaten', and a poll, 'PEILING:' followed by
#: its question and options: 12 of a published family group's 111 messages).
#: iOS names an attachment kept in the export's ZIP in the phone's language too: '<adjunto:
#: 00000043-AUDIO-….opus>' (Spanish: chats quoted in several Spanish-language projects),
#: and by other parsers' lists '<anexado: …>', '<Anhang: …>', '<pièce jointe : …>',
#: '<allegato: …>'; a poll starts 'POLL:', 'ENCUESTA:', 'ENQUETE:', 'UMFRAGE:', 'SONDAGE:',
#: 'SONDAGGIO:' (the same lists) or 'PEILING:' (the Dutch chat). Brazilian Portuguese
#: writes 'figurinha omitida', 'imagem ocultada', 'GIF omitido', 'áudio ocultado', 'vídeo
#: omitido', 'Cartão do contato omitido' (2,461 of a published group chat's 12,251
#: messages were left out as system lines before). A shared place is 'Location:
#: https://maps.google.com/?q=…' (93 lines of a published chat), in the lists' other
#: languages 'Ubicación:', 'Localização:', 'Standort:', 'Localisation :', 'Posizione:'. A
#: view-once photo or video, which the export leaves out, reads in Italian 'Hai ricevuto un
#: messaggio visualizzabile una volta. …' under its sender's name (a published group chat).
_MEDIA = re.compile(r"^(<(?:attached|adjunto|anexado|Anhang|pi[eè]ce jointe ?|allegato): "
                    r"[^>]*>"
                    r"|(?:POLL|ENCUESTA|ENQUETE|UMFRAGE|SONDAGE|SONDAGGIO):"
                    r"|(image|video|audio|sticker|GIF|document|"
                    r"Contact card) omitted|.* document omitted|.*• \d+ pages? "
                    r"document omitted"
                    r"|(Bild|Video|Audio|Sticker|GIF|Videonotiz) weggelassen"
                    r"|Kontaktkarte ausgelassen"
                    r"|.* Dokument weggelassen"
                    r"|(imagen omitida|(video|audio|sticker) omitido)"
                    r"|(afbeelding|video|audio|sticker|GIF) weggelaten|PEILING:"
                    r"|(?:figurinha|GIF|v[ií]deo|documento) omitid[oa]|.* documento omitido"
                    r"|(?:imagem|[aá]udio) ocultad[oa]|Cart[aã]o do contato omitido"
                    r"|(?:Location|Ubicaci[oó]n|Localiza[cç][aã]o|Standort|Localisation ?"
                    r"|Posizione): https?://\S++"
                    r"|Hai ricevuto un messaggio visualizzabile una volta\.[^\n]*+)\s*$",
                    re.IGNORECASE)
#: What iOS writes in place of a message its sender deleted, when the sender is the one who
#: exported the chat (others' read 'This message was deleted.'): English, and German (134
#: such lines of one sender in the published group chat above); Spanish, Portuguese, French
#: and Italian as other parsers list them. A system line, and the exporter's own; compared
#: without the full stop iOS puts after it.
OWN_DELETIONS = ("You deleted this message", "Du hast diese Nachricht gelöscht",
                 "Eliminaste este mensaje", "Você apagou esta mensagem",
                 "Vous avez supprimé ce message", "Hai eliminato questo messaggio",
                 # Russian (9 lines of one sender in a published Android group chat)
                 "Вы удалили данное сообщение")
#: What stands in place of a message its sender deleted when the sender is not the
#: exporter: English, German, Dutch and Italian (iOS chats), French, Russian and Turkish
#: (Android chats: 213, 94, 21 and 3 such lines, which Android writes without a mark and
#: which were messages). A system line; its sender did not export the chat.
OTHERS_DELETIONS = ("This message was deleted", "Diese Nachricht wurde gelöscht",
                    "Dit bericht is verwijderd", "Questo messaggio è stato eliminato",
                    "Ce message a été supprimé", "Данное сообщение удалено",
                    "Bu mesaj silindi")
#: iOS shows a sender missing from the exporter's address book as '~' and a narrow no-break
#: space before the name they chose ('~ Teo'); such a sender, like one shown as a bare
#: phone number, is not the exporter.
_STRANGER = "~ "
#: The notice WhatsApp puts at the top of every chat since 2016, in the export's language:
#: English (published chats), German (an iOS chat in another parser's tests, and parsers'
#: lists), Portuguese in its two wordings and French (Android chats in other projects'
#: tests). iOS writes it under the chat's name, which names the other person of a chat;
#: a notice in another language is still a system line by its mark (U+200E).
ENCRYPTION_NOTICES = ("Messages and calls are end-to-end encrypted",
                      "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
                      "As mensagens e as chamadas são protegidas com a criptografia de ponta",
                      "As mensagens e ligações são protegidas com a criptografia de ponta",
                      "Les messages et les appels sont chiffrés de bout en bout",
                      # Italian: a published iOS group chat.
                      "I messaggi e le chiamate sono crittografati end-to-end")


@dataclass
class _Line:
    number: int
    date: str
    time: str
    ampm: str
    rest: str
    """What follows the date: 'Name: text' or a system text; a U+200E right after 'Name: '
    (an iOS media or system line) is ``_MARKED``."""
    android: bool = False
    """Written by Android ('31/12/2023, 21:41 - …'), where a U+200E after 'Name: ' starts
    a message, not a system line (see :meth:`WhatsApp.read`)."""
    extra: list[str] = field(default_factory=list)


#: Stands in for a U+200E right after "Name: " once the marks are removed from the text.
_MARKED = "\x01"


def _unmarked(text: str) -> str:
    """``text`` without direction marks and with plain spaces, an iOS U+200E after
    ``Name: `` kept as ``_MARKED`` (it tells media and system lines from messages)."""
    return text.replace(": \u200e", ": " + _MARKED).translate(_MARKS)


def _header(line: str) -> re.Match[str] | None:
    """The header match of a line already passed through :func:`_unmarked`."""
    line = line.rstrip("\r")
    return IOS_LINE.match(line) or ANDROID_LINE.match(line)


#: System lines that make people members of a group, in the phone's language: English
#: ('Ana added Bo, Cy and Di'; on iOS with a serial comma, 'Ana added ~ Bo, ~ Cy, and 8
#: others. Tap to see all.': a published 60-person group chat), German ('Ana hat Bo und ~ Cy
#: hinzugefügt.', 'Du hast Bo hinzugefügt.', '… und 4 weitere Personen hinzugefügt. Tippe,
#: um alle zu sehen.': a published 41-person group chat), Dutch ('Papa heeft Mam
#: toegevoegd', '~ Ana heeft je toegevoegd': a published family group) and Spanish ('+51 912
#: 345 678 se unió usando el enlace de invitación de este grupo': a published group chat).
_ADDED = (re.compile(r"^(?P<who>.+?) added (?P<whom>.+?)(?:\. Tap to see all)?\.?$"),
          # Italian: 'Ana ha aggiunto Bo' ('Ana ti ha aggiunto.': added the exporter).
          re.compile(r"^(?P<who>.+?) ha aggiunto (?P<whom>.+?)\.?$"),
          re.compile(r"^(?P<whom>.+?) se unió usando el enlace de invitación"),
          # English: '+1 555 0100 joined using this group's invite link' (164 such lines of a
          # published 285-person group chat: 63 people who never wrote).
          re.compile(r"^(?P<whom>.+?) joined using this group's invite link"),
          # French 'Ana a ajouté Bo' ('Ana vous a ajouté': added the exporter), Russian
          # 'Ана добавил(-а) контакт Бо, Кир и Дина' ('… добавил(-а) вас': the exporter),
          # Indonesian 'Ana menambahkan Bo' ('… menambahkan Anda'): published group chats.
          re.compile(r"^(?P<who>.+?) a ajouté (?P<whom>.+?)\.?$"),
          re.compile(r"^(?P<who>.+?) добавил(?:\(-а\)|а)? (?:контакт )?(?P<whom>.+?)\.?$"),
          re.compile(r"^(?P<who>.+?) menambahkan (?P<whom>.+?)\.?$"))
#: The end of a Turkish 'added' line; who added stands before the line's first comma.
_TURKISH_ADDED = re.compile(r" kişisini ekledi\.?$")
#: The German and Dutch lines, 'WHO hat|hast WHOM hinzugefügt.' and 'WHO heeft|hebt WHOM
#: toegevoegd': the line's last word found first, then the line split at the first verb
#: before it, as two lazy groups around a verb take quadratic time on a line of repeated
#: verbs (100,000 characters of 'a heeft ': 12 s).
_ADDED_SPLIT = (((" hat ", " hast "), re.compile(r" hinzugefügt\.(?: |$)")),
                ((" heeft ", " hebt "), re.compile(r" toegevoegd\.?$")),
                # Turkish, 'Ana, +90 555 010 0000 kişisini ekledi' (a published group chat).
                ((", ",), _TURKISH_ADDED))
#: How those lines list several people, and what stands for the exporter or for people
#: the line does not name.
_LISTED = re.compile(r",? and |, | und | en | et | и | dan ")
_NOT_NAMED = re.compile(r"^(?:you|dich|je|te|вас|anda|\d++ others?|\d++ weitere(?: \w+)?)$",
                        re.IGNORECASE)
#: A system line names the exporter 'you' ('You added Bo', 'Du hast …', 'Je hebt …'): who
#: it names in the third person did not export the chat. The actor of such a line, in the
#: wordings seen in published group chats: English 'Ana added …', 'removed …', 'pinned a
#: message', 'changed …', 'turned on …', 'joined using this group's invite link', 'left';
#: German 'Ana hat …'; Dutch 'Ana heeft …'; Italian 'Ana ha …'; French 'Ana a ajouté …',
#: 'a retiré …', 'est parti(e)'; Russian 'Ана добавил(-а) …', 'покинул(-а) группу',
#: 'удалил(-а) …', 'создал(-а) группу …'; Indonesian 'Ana membuat grup …', 'menambahkan …'.
_ACTOR = re.compile(r"^(?P<who>.+?) (?:(?:added|removed|pinned|changed|turned|joined) "
                    r"|left$|hat |heeft |(?:ti )?ha |(?:vous )?a (?:ajouté|retiré)(?: |$)"
                    r"|est parti|(?:добавил|покинул|удалил|создал)|membuat |menambahkan )")
#: WhatsApp tells a member when the security code of another one changed ('Your security
#: code with Ana changed. Tap to learn more.', 'Ana's security code changed.', French
#: 'Votre code de sécurité avec Ana a changé.': published English and French group chats),
#: never of the exporter's own.
_SECURITY_CODE = re.compile(r"^(?:Your security code with (?P<a>.+?) changed"
                            r"|(?P<b>.+?)'s security code changed"
                            r"|Votre code de sécurité avec (?P<c>.+?) a changé)")
#: An Android line telling that a member's number changed: '+974 5555 0101 changed to
#: +971 55 555 0101' (50 such lines of a published group chat, where 9 people then wrote
#: under both numbers). The two numbers are one person.
_NUMBER = r"\+[\d()-]++(?: [\d()-]++)*+"
NUMBER_CHANGED = re.compile(rf"^(?P<old>{_NUMBER}) changed to (?P<new>{_NUMBER})$")
# ('Je hebt …' and 'Du hast …' are the exporter's own: no actor.)


def joined(line: str) -> list[str]:
    """The people a system line makes members of a group ('' for none), as written.

    >>> joined("Ana added Bo, Cy and you"), joined("Du hast ~ Bo und Cy Lind hinzugefügt.")
    (['Bo', 'Cy'], ['~ Bo', 'Cy Lind'])
    >>> joined("~ Ana hat ~ Bo, ~ Cy und 4 weitere Personen hinzugefügt. Tippe, um alle zu sehen.")
    ['~ Bo', '~ Cy']
    >>> joined("Ana added ~ Bo, ~ Cy, and 8 others. Tap to see all."), joined("Ana added Bo, Cy, and Di")
    (['~ Bo', '~ Cy'], ['Bo', 'Cy', 'Di'])
    >>> joined("Papa heeft Mam en ~ Bo toegevoegd"), joined("~ Ana heeft je toegevoegd")
    (['Mam', '~ Bo'], [])
    >>> joined("+51 912 345 678 se unió usando el enlace de invitación de este grupo")
    ['+51 912 345 678']
    >>> joined("Ana hat dich hinzugefügt."), joined("Ana changed the subject")
    ([], [])
    """
    listed = _added_split(line)
    if listed is None:
        for pattern in _ADDED:
            event = pattern.match(line)
            if event:
                listed = event["whom"]
                break
    return _people_listed(listed) if listed is not None else []


def _people_listed(listed: str) -> list[str]:
    """The people a system line lists ('Bo, Cy and you'), as written, without those it does
    not name (:data:`_NOT_NAMED`)."""
    return [whom.strip() for whom in _LISTED.split(listed)
            if whom.strip() and not _NOT_NAMED.fullmatch(whom.strip())]


#: Lines that remove people from a group, whom the exporter is not ('Ana removed you', 'Ana
#: vous a retiré', 'Ольга удалил(-а) вас' when they are): English, French and Russian, as
#: published group chats write them.
_REMOVED = (re.compile(r"^.+? removed (?P<whom>.+?)\.?$"),
            re.compile(r"^.+? a retiré (?P<whom>.+?)\.?$"),
            re.compile(r"^.+? удалил(?:\(-а\)|а)? (?P<whom>.+?)\.?$"))


def removed(line: str) -> list[str]:
    """The people a system line says were removed from the group ('' for none), as written.

    >>> removed("Ana removed Bo"), removed("Paul a retiré Hugo"), removed("Ana removed you")
    (['Bo'], ['Hugo'], [])
    """
    for pattern in _REMOVED:
        event = pattern.match(line)
        if event:
            return _people_listed(event["whom"])
    return []


def _added_split(line: str) -> str | None:
    """Whom a German or Dutch 'added' line lists (:data:`_ADDED_SPLIT`), else None.

    >>> _added_split("Ana hat Bo und Cy hinzugefügt. Tippe, um alle zu sehen."), _added_split("Je hebt Bo toegevoegd")
    ('Bo und Cy', 'Bo')
    >>> _added_split("Ana hat Hunger"), _added_split("a heeft " * 3)
    (None, None)
    """
    for verbs, last in _ADDED_SPLIT:
        end = last.search(line)
        if end is None:
            continue
        head = line[:end.start()]
        found = [(at, verb) for verb in verbs if (at := head.find(verb)) > 0]
        if found:
            at, verb = min(found)
            return head[at + len(verb):]
    return None


def actor(line: str) -> str:
    """Who a system line says did something, or whose security code changed, named in the
    third person ('' for none or for the exporter, 'You' / 'Du' / 'Je').

    >>> actor("~ Ana Lind added Bo"), actor("Papa heeft Mam toegevoegd"), actor("You added Bo")
    ('~ Ana Lind', 'Papa', '')
    >>> actor("Du hast Bo hinzugefügt."), actor("Messages and calls are end-to-end encrypted.")
    ('', '')
    >>> actor("Ana Riva ti ha aggiunto."), actor("Leo ha fissato un messaggio."), actor("Hai aggiunto Bo")
    ('Ana Riva', 'Leo', '')
    >>> actor("Ana vous a ajouté"), actor("Бо покинул(-а) группу"), actor("Ana menambahkan Anda")
    ('Ana', 'Бо', 'Ana')
    >>> actor("Your security code with Ana Lind changed. Tap to learn more."), actor("Bo left")
    ('Ana Lind', 'Bo')
    >>> actor("Ana, +90 555 010 0000 kişisini ekledi"), actor("You joined using this group's invite link")
    ('Ana', '')
    """
    code = _SECURITY_CODE.match(line)
    if code is not None:
        return (code["a"] or code["b"] or code["c"]).strip()
    if _TURKISH_ADDED.search(line) and (comma := line.find(", ")) > 0:
        return line[:comma].strip()
    found = _ACTOR.match(line)
    if found is None or found["who"].lower() in ("you", "du", "je"):
        return ""
    return found["who"].strip()


def _without_marker(name: str) -> str:
    """``name`` without iOS's stranger marker (:data:`_STRANGER`, its narrow no-break space
    already a space), which is no part of it.

    >>> _without_marker("~ Teo"), _without_marker("Teo"), _without_marker("~ ")
    ('Teo', 'Teo', '~')
    """
    if name.startswith(_STRANGER) and name[len(_STRANGER):].strip():
        return name[len(_STRANGER):].strip()
    return name.strip()


def _numbers_now(lines: list[_Line]) -> dict[str, str]:
    """Each number a member changed from (:data:`NUMBER_CHANGED`) and the number they use
    last: their messages under both are one person's, shown under the last.

    >>> def line(rest): return _Line(1, "1/2/20", "4:54", "PM", rest, True)
    >>> sorted(_numbers_now([line("+1 555 0100 changed to +1 555 0101"), line("Ana: hi"),
    ...                      line("+1 555 0101 changed to +1 555 0102")]).items())
    [('+1 555 0100', '+1 555 0102'), ('+1 555 0101', '+1 555 0102')]
    >>> _numbers_now([line("+1 555 0100 changed to +1 555 0101"),
    ...               line("+1 555 0101 changed to +1 555 0100")])
    {'+1 555 0101': '+1 555 0100'}
    """
    changes = [(found["old"].strip(), found["new"].strip()) for line in lines
               if "changed to +" in line.rest
               and (found := NUMBER_CHANGED.match(line.rest.strip()))]
    # The numbers one member used, linked by their changes (a member may change back: 6
    # pairs of a published chat did), each shown under the number changed to last.
    root: dict[str, str] = {}

    def find(number: str) -> str:
        while root.setdefault(number, number) != number:
            number = root[number]
        return number

    for old, new in changes:
        root[find(old)] = find(new)
    last = {find(new): new for _, new in changes}
    return {number: last[find(number)] for number in root if number != last[find(number)]}


def looks_like_chat(text: str) -> bool:
    """True when the first non-empty line of ``text`` is a WhatsApp message or system line.

    >>> looks_like_chat("12/31/23, 9:41\\u202fPM - Ana Ruiz: hi\\n")
    True
    >>> looks_like_chat("\\u200e[31.12.23, 21:41:05] Ana: \\u200eimage omitted")
    True
    >>> looks_like_chat("First Name,Last Name,Connected On\\n")
    False
    """
    for line in _unmarked(text).splitlines()[:5]:
        if line.strip():
            return _header(line) is not None
    return False


def _day_first(dates: list[tuple[int, int, int, str]], twelve_hour: bool) -> tuple[str, bool]:
    """'ymd', 'dmy' or 'mdy' for the file's numeric dates, and whether it was a guess."""
    if any(a > 31 for a, _, _, _ in dates):
        return "ymd", False
    if any(a > 12 for a, _, _, _ in dates):
        return "dmy", False
    if any(b > 12 for _, b, _, _ in dates):
        return "mdy", False
    us = all(sep == "/" and c < 100 for _, _, c, sep in dates) and twelve_hour
    return ("mdy" if us else "dmy"), True


class _Clock:
    """Turns a line's date and time strings into a datetime, each distinct date and time
    parsed once (a chat repeats the same few hundred dates)."""

    def __init__(self, order: str) -> None:
        self.order = order
        self.dates: dict[str, tuple[int, int, int]] = {}
        self.times: dict[tuple[str, str], tuple[int, int, int] | None] = {}

    def _date(self, text: str) -> tuple[int, int, int]:
        found = self.dates.get(text)
        if found is None:
            a, b, c = (int(p) for p in re.split(r"[./-]", text))
            year, month, day = {"ymd": (a, b, c), "mdy": (c, a, b), "dmy": (c, b, a)}[self.order]
            found = self.dates[text] = (year + 2000 if year < 100 else year, month, day)
        return found

    def _time(self, text: str, ampm: str) -> tuple[int, int, int] | None:
        key = (text, ampm)
        if key not in self.times:
            pieces = [int(p) for p in re.split(r"[:.]", text)]
            hour, minute = pieces[0], pieces[1]
            second = pieces[2] if len(pieces) > 2 else 0
            if ampm:
                if not 1 <= hour <= 12:
                    self.times[key] = None
                    return None
                hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
            self.times[key] = (hour, minute, second)
        return self.times[key]

    def __call__(self, line: _Line):  # -> datetime | None
        from datetime import datetime

        clock = self._time(line.time, line.ampm)
        if clock is None:
            return None
        try:
            return datetime(*self._date(line.date), *clock)
        except ValueError:
            return None


#: What a chat's file or ZIP is called before the chat's name, in the phone's language:
#: Android's file ``WhatsApp Chat with Noa Levi.txt``, iOS's ZIP ``WhatsApp Chat - Noa
#: Levi.zip`` (English, both seen in published exports); German ``WhatsApp Chat mit`` and
#: Portuguese ``Conversa do WhatsApp com`` (files and ZIPs of real chats named in other
#: projects' tests and notes); Spanish ``Chat de WhatsApp con`` (folders an app reads);
#: French ``Discussion WhatsApp avec``, Italian ``Chat WhatsApp con``, Dutch ``WhatsApp-chat
#: met`` and German ``WhatsApp-Chat mit`` (a chat converter's list of the names it takes).
CHAT_NAME_PREFIXES = ("WhatsApp Chat with ", "WhatsApp Chat - ", "WhatsApp Chat mit ",
                      "WhatsApp-Chat mit ", "Conversa do WhatsApp com ",
                      "Chat de WhatsApp con ", "Chat WhatsApp con ", "Discussion WhatsApp avec ",
                      "WhatsApp-chat met ")
_PREFIX = "(?:" + "|".join(map(re.escape, CHAT_NAME_PREFIXES)) + ")"
#: The chat's file, and the ZIP (or the folder it was unpacked into) that holds it.
_CHAT_FILE = re.compile(_PREFIX + r"(?P<name>.+)\.txt", re.IGNORECASE)
_CHAT_ZIP = re.compile(_PREFIX + r"(?P<name>[^/\\:]+?)(?:\.zip)?[/\\:][^/\\:]+$", re.IGNORECASE)


def chat_named(file: InputFile) -> list[str]:
    """The names ``file``'s chat was exported under: ``WhatsApp Chat with Noa Levi.txt``
    (Android) or the ZIP ``WhatsApp Chat - Noa Levi.zip`` it lies in (iOS), or the folder
    that ZIP was unpacked into, in any language of :data:`CHAT_NAME_PREFIXES`.

    >>> import io
    >>> from netaudit.importers.inputs import InputFile
    >>> def named(display):
    ...     return InputFile(display, display.rsplit("/", 1)[-1].rsplit(":", 1)[-1], 0,
    ...                      lambda: io.BytesIO())
    >>> chat_named(named("a/WhatsApp Chat with Noa Levi.txt"))
    ['Noa Levi']
    >>> chat_named(named("a/WhatsApp Chat - Noa Levi.zip:_chat.txt")), chat_named(named("_chat.txt"))
    (['Noa Levi'], [])
    >>> chat_named(named("a/WhatsApp Chat - Noa Levi/_chat.txt"))
    ['Noa Levi']
    >>> chat_named(named("WhatsApp Chat mit Noa Levi.txt"))
    ['Noa Levi']
    >>> chat_named(named("a/Conversa do WhatsApp com Noa Levi.zip:Conversa do WhatsApp com Noa Levi.txt"))
    ['Noa Levi']
    """
    found = [m["name"].strip() for m in (_CHAT_FILE.fullmatch(file.name),
                                         _CHAT_ZIP.search(file.display)) if m]
    return list(dict.fromkeys(found))


class WhatsApp(Importer):
    """One WhatsApp chat (``_chat.txt`` from iOS, ``WhatsApp Chat with ….txt`` from Android).

    Every message line's sender is a person; the chat is one conversation; a message's
    recipients are the chat's other participants (everyone who wrote, and everyone a system
    line says was added). System lines are counted and left out.
    """

    name = "whatsapp"
    label = "WhatsApp chat"
    channel = "whatsapp"
    file_names = ("_chat.txt",)

    def sniff(self, file: InputFile) -> bool:
        head = file.head(4096)
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 3:
                return False
            text = head[:exc.start].decode("utf-8")
        return looks_like_chat(text)

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        import pandas as pd

        from netaudit.model import Network, SourceFile, conform

        too_large(file, MAX_TEXT_BYTES, "WhatsApp chat")
        # Marks removed from the whole text at once: per line it cost a third of the time.
        text = _unmarked(file.read_bytes().decode("utf-8", errors="replace"))
        lines: list[_Line] = []
        before_first = 0
        report = options.progress
        raw_lines = text.split("\n")
        for number, raw in enumerate(raw_lines, start=1):
            if report is not None and number % 100_000 == 0:
                report(f"reading {file.name}", file.size * number // len(raw_lines), file.size)
            # Only a line starting with a digit or "[" can be a message line.
            found = _header(raw) if raw[:1].isdigit() or raw[:1] == "[" else None
            if found is None:
                if lines:
                    lines[-1].extra.append(raw.rstrip("\r"))
                elif raw.strip():
                    before_first += 1
                continue
            lines.append(_Line(number, found["date"], found["time"], found["ampm"] or "",
                               found["rest"], found.re is ANDROID_LINE))
        if not lines:
            raise InputError("holds no WhatsApp message line",
                             hint="expected lines like '12/31/23, 9:41 PM - Name: text' or "
                                  "'[31.12.23, 21:41:05] Name: text' (WhatsApp > chat > "
                                  "Export chat)", path=file.display)
        numbers = []
        for line in lines:
            parts = re.split(r"([./-])", line.date)
            numbers.append((int(parts[0]), int(parts[2]), int(parts[4]), parts[1]))
        order, guessed = _day_first(numbers, any(line.ampm for line in lines))

        people = PeopleBuilder(file.display, file.display)
        ids: dict[str, str] = {}

        strangers: list[str] = []
        numbers_now = _numbers_now(lines)

        def pid(name: str) -> str:
            name = numbers_now.get(name, name)
            found = ids.get(name)
            if found is None:
                shown = _without_marker(name)
                if shown != name:
                    strangers.append(shown)
                phone = as_phone(shown)
                if phone:
                    strangers.append(shown)
                found = ids[name] = people.person(name=shown, phone=phone)
            return found

        conversation = "whatsapp:" + file.display
        named = chat_named(file)
        rows = []
        system = unreadable = 0
        first_unreadable = None
        members: list[str] = []
        assistant = ""  # Meta AI's person, when it wrote: no member of the chat
        named_in_events: list[str] = []
        deleted_by: dict[str, str] = {}  # sender: the notice they wrote
        clock = _Clock(order)
        for line in lines:
            rest = line.rest
            sender = _SENDER.match(rest)
            said = sender["text"] if sender else ""
            marked = said.startswith(_MARKED)
            said = said.replace(_MARKED, "")
            notice = any(text in rest for text in ENCRYPTION_NOTICES)
            # Android writes system lines without 'Name: ' ('… - Ana added Bo'); what it
            # marks after a name is a message: an attached file ('Ana.vcf (fichier joint)',
            # 47 shared contacts '(файл добавлен)' of a published Russian group chat), a
            # group's invite card ('Open this link to join my WhatsApp Group: https://…',
            # English and Russian chats), a text its sender began with a direction mark.
            # Those were left out as system lines before. A deletion notice is a system line
            # on either, marked (iOS) or not (Android).
            plain = said.strip().removesuffix(".") if sender and not line.extra else ""
            own_deletion, others_deletion = plain in OWN_DELETIONS, plain in OTHERS_DELETIONS
            is_system = (sender is None or notice or own_deletion or others_deletion
                         or (marked and not (line.android or _MEDIA.match(said.strip()))))
            if is_system:
                system += 1
                if sender is not None and own_deletion:
                    deleted_by[sender["name"].strip()] = said.strip()
                elif sender is not None and others_deletion:
                    # Only the exporter's own deleted messages read 'You deleted …'.
                    named_in_events.append(sender["name"].strip())
                if sender is not None and notice:
                    # iOS writes the notice under the chat's name: the other person of a
                    # one-to-one chat.
                    named.append(sender["name"].strip())
                event = (said if sender else rest).strip()
                added = joined(event)
                members.extend(pid(whom) for whom in added)
                # The exporter is 'you' in system lines: whom they name is somebody else.
                named_in_events.extend([*added, actor(event), *removed(event)])
                continue
            assert sender is not None  # not a system line
            when = clock(line)
            if when is None:
                unreadable += 1
                first_unreadable = first_unreadable or line.number
            body = "\n".join([said, *line.extra]).replace(_MARKED, "").strip()
            sender_id = pid(sender["name"].strip())
            bot = sender["name"].strip() == ASSISTANT_NAME
            if bot:
                assistant = sender_id
            else:
                members.append(sender_id)
            rows.append({"message_id": f"{file.display}#{line.number}",
                         "conversation_id": conversation, "sent_at": when,
                         "sender_id": sender_id, "body": body, "source": file.display,
                         "is_system": bot, "set_aside": ASSISTANT if bot else ""})
        members = list(dict.fromkeys(members))
        others = {m: tuple(o for o in members if o != m) for m in members}
        for row in rows:
            if row["is_system"]:  # the assistant's: to the chat's people
                row["recipient_ids"] = tuple(members)
                continue
            row["recipient_ids"] = others[row["sender_id"]]
            if not row["recipient_ids"] and assistant:
                # Written to the assistant alone (a chat with Meta AI).
                row["recipient_ids"], row["is_system"] = (assistant,), True
                row["set_aside"] = ASSISTANT
        frame = pd.DataFrame(rows)
        if len(frame):
            frame["recipient_ids"] = pd.Series([r["recipient_ids"] for r in rows], dtype=object)
            frame["sent_at"] = pd.to_datetime(frame["sent_at"], utc=True)
        problems = []
        if guessed:
            problems.append(Problem(
                file.display, f"have dates that read both day-first and month-first; read "
                f"{'month-first (the US form)' if order == 'mdy' else 'day-first'}",
                len(rows), unit="message"))
        if unreadable:
            problems.append(Problem(file.display, "have a date or time that does not exist; "
                                    "those dates were left empty", unreadable, first_unreadable,
                                    unit="message"))
        if before_first:
            problems.append(Problem(file.display, "come before the first message line; they "
                                    "were skipped", before_first, 1, unit="line"))
        note = (f"{len(members):,} participants, {'group' if len(members) > 2 else '1:1'}, "
                f"dates {'/'.join(order.upper())}")
        if system:
            note += f", {system:,} system line{'s' if system != 1 else ''} left out"
        owner = None
        if len(deleted_by) == 1:
            # Only the exporter's own deleted messages read 'You deleted this message.'.
            ((exporter, said),) = deleted_by.items()
            owner = people.owner(pid(exporter), f"'{said}' in {file.display}: only the "
                                 "exporter's own deleted messages read so")
        return Network(
            people=people.frame(),
            messages=conform(frame, "messages"),
            sources=[SourceFile(file.display, self.label, len(rows), note)],
            problems=problems,
            chat_names=list(dict.fromkeys(n for n in named if n)),
            owner=owner,
            strangers=list(dict.fromkeys(strangers)),
            not_exporters=list(dict.fromkeys(
                shown for name in named_in_events
                if (shown := _without_marker(numbers_now.get(name, name))))),
        )
