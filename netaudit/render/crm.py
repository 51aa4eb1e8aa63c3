"""Lists a calendar or a contact manager can import: the due list as iCalendar reminders
(``--ics``), people as vCard 4.0 or as a CSV with Google Contacts' header (``--export``).

What each file holds, and what it never holds:

- ``.ics`` (RFC 5545, written with the ``icalendar`` library): one all-day ``VEVENT`` per
  person on the day they fall due (``DTSTART;VALUE=DATE``, ``DTEND`` the next day, free time),
  ``SUMMARY`` "Get in touch with NAME", ``DESCRIPTION`` the reason, layer and company, and the
  profile URL, and a ``VALARM`` at 9:00 on the day. Never an e-mail address or message text. ``UID`` is a hash of the person's
  identity (profile URL, else e-mail, else name), so importing a newer file updates the
  reminder instead of adding a second one; ``DTSTAMP`` is the as-of day, so the same data
  gives the same bytes.
- ``.vcf`` (RFC 6350, vCard 4.0, CRLF, lines folded at 75 octets): ``FN``, ``N`` when the
  export gives first and last names, ``EMAIL`` only when asked (``--with-email``), ``ORG``,
  ``TITLE``, ``URL`` (the LinkedIn profile), ``NOTE`` (reason and layer), ``CATEGORIES``
  (``netaudit`` and the tie's status), a stable ``UID``.
- ``.csv`` with the column names of Google Contacts' own export (First Name, Last Name,
  Organization Name, Organization Title, Notes, Labels, E-mail 1 - Value, Website 1 - Value,
  …), which Google Contacts, and tools that read its format, import as they are. Cells are
  formula-neutralised like every CSV netaudit writes.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from netaudit.errors import UsageError
from netaudit.render.export import write_atomic, write_csv

if TYPE_CHECKING:
    import pandas as pd

    from netaudit.analyses.due import DueList
    from netaudit.analyses.introductions import Introductions
    from netaudit.analyses.ties import TieStrength

PRODID = "-//netaudit//due list//EN"
#: Namespace of the vCard UIDs (uuid5 of the person's identity key).
_UID_NAMESPACE = uuid.UUID("5b0f4a7e-3f51-4c55-9e7c-6e6574617564")


class ExportFormat(StrEnum):
    """``--export`` formats."""

    VCF = "vcf"
    CSV = "csv"


@dataclass(frozen=True)
class Card:
    """One person as a contact manager sees them."""

    key: str
    """The identity the UIDs hash: normalized profile URL, else e-mail, else name."""
    name: str
    first_name: str
    last_name: str
    company: str
    position: str
    profile_url: str
    """``https://www.linkedin.com/in/…`` ('' when unknown)."""
    email: str
    """Empty unless asked for (``--with-email``)."""
    note: str
    categories: tuple[str, ...]


def profile_link(url: str) -> str:
    """A normalized profile URL as a link a browser opens.

    >>> profile_link("linkedin.com/in/ana-ruiz"), profile_link("")
    ('https://www.linkedin.com/in/ana-ruiz', '')
    """
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("linkedin.com/"):
        return "https://www." + url
    return "https://" + url


def make_cards(items: Iterable[Mapping[str, Any]], people: pd.DataFrame, *,
               with_email: bool = False) -> list[Card]:
    """A :class:`Card` per item (``person_id``, ``note``, ``status``), its name, company,
    position, profile URL and (``with_email``) e-mail from ``people``."""
    table = people.set_index("person_id")
    cards = []
    for item in items:
        pid = item["person_id"]
        person = table.loc[pid] if pid in table.index else None

        def field(column: str, person: Any = person, item: Mapping[str, Any] = item) -> str:
            if column in item and item[column]:
                return str(item[column])
            if person is None or column not in person.index:
                return ""
            value = person[column]
            return "" if value is None or value != value else str(value)

        url, email = field("profile_url"), field("email")
        key = url or email or field("name")
        cards.append(Card(
            key=key, name=field("name") or "(no name)", first_name=field("first_name"),
            last_name=field("last_name"), company=field("company"),
            position=field("position"), profile_url=profile_link(url),
            email=email if with_email else "", note=str(item.get("note", "")),
            categories=tuple(c for c in ("netaudit", *item.get("categories", ())) if c)))
    return cards


def due_items(due: DueList) -> list[dict[str, Any]]:
    """What ``due --export`` writes per person: the reason and layer as the note, the tie's
    status and ``due`` as categories."""
    return [{"person_id": p.person_id, "note": f"{p.reason} (layer {p.layer})",
             "categories": (p.status, "due")} for p in due.due]


def ties_items(ties: TieStrength) -> list[dict[str, Any]]:
    """What ``ties --export`` writes per person scored: score, layer and last contact as the
    note, the status as the category."""
    rows = ties.rows
    items = []
    for pid, score, layer, status, last in zip(
            rows["person_id"].tolist(), rows["score"].tolist(), rows["layer"].tolist(),
            rows["status"].tolist(), rows["last_contact"].tolist(), strict=True):
        when = f"; last contact {str(last)[:10]}" if last else "; no contact on record"
        items.append({"person_id": pid, "categories": (status,),
                      "note": f"tie score {score:.2f} (layer {layer}, {status}){when}"})
    return items


def introduction_items(result: Introductions, statuses: Mapping[str, str]
                       ) -> list[dict[str, Any]]:
    """What ``introduce --export`` writes: each person of the pairs once, the note naming whom
    to introduce them to and why; categories their tie status and ``introduce``."""
    notes: dict[str, list[str]] = {}
    for pair in result.pairs:
        for one, other in ((pair.a, pair.b), (pair.b, pair.a)):
            notes.setdefault(one.person_id, []).append(
                f"introduce to {other.name}: {pair.reason}")
    return [{"person_id": pid, "note": "; ".join(texts),
             "categories": (statuses.get(pid, ""), "introduce")}
            for pid, texts in notes.items()]


def stable_uid(key: str, kind: str) -> str:
    """A UID that is the same for the same person in every run and reveals nothing.

    >>> uid = stable_uid("linkedin.com/in/ana-ruiz", "due")
    >>> uid == stable_uid("linkedin.com/in/ana-ruiz", "due"), len(uid), "ana" in uid
    (True, 29, False)
    """
    digest = hashlib.sha256(f"{kind}\x00{key}".encode()).hexdigest()[:16]
    return f"{kind}-{digest}@netaudit"


# --- iCalendar -------------------------------------------------------------------------------


def identity_keys(people: pd.DataFrame) -> dict[str, str]:
    """``{person_id: normalized profile URL, else e-mail, else name}``: what a UID hashes
    (person ids are not the same from one export to the next)."""
    return {str(pid): str(url or email or name)
            for pid, url, email, name in zip(people["person_id"].tolist(),
                                             people["profile_url"].tolist(),
                                             people["email"].tolist(),
                                             people["name"].tolist(), strict=True)}


def due_calendar(due: DueList, keys: Mapping[str, str] | None = None, *,
                 today: date | None = None) -> bytes:
    """The due list as an iCalendar file: one all-day event per person of the list, due
    (``due.due``) or not yet (``due.upcoming``), on the later of their due day and ``today``.

    A reminder dated in the past is one no calendar shows again: a person already due is
    reminded on ``today`` (default: the as-of day; the CLI passes the day the file is
    written unless ``--as-of`` is given), and the description keeps the due day.
    ``keys`` maps person ids to the identity the UID hashes (:func:`identity_keys`; default
    the person id).
    """
    from datetime import UTC, datetime, timedelta

    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "netaudit: who is due")
    stamp_day = date.fromisoformat(due.as_of) if due.as_of else date(1970, 1, 1)
    stamp = datetime(stamp_day.year, stamp_day.month, stamp_day.day, tzinfo=UTC)
    today = today or stamp_day
    for person in [*due.due, *due.upcoming]:
        due_on = date.fromisoformat(person.due_on)
        day = max(due_on, today)
        event = Event()
        event.add("uid", stable_uid((keys or {}).get(person.person_id, person.person_id), "due"))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"Get in touch with {person.name}")
        at = ", ".join(p for p in (person.position, person.company) if p)
        lines = [person.reason + ".",
                 f"Due {'since' if due_on < day else 'on'} {due_on.isoformat()}; layer "
                 f"{person.layer}; tie {person.status}."]
        if at:
            lines.append(at if at.endswith(".") else at + ".")
        link = profile_link(person.profile_url)
        if link:
            lines.append(link)
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["netaudit"])
        # A reminder at 9:00 on the day (9 hours after the start of the all-day event), for
        # the calendars that import alarms; the others keep the event.
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Get in touch with {person.name}")
        alarm.add("trigger", timedelta(hours=9))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def write_calendar(data: bytes, path: Path, *, force: bool = False) -> Path:
    """Write ``data`` (:func:`due_calendar`) to ``path`` atomically."""
    if Path(path).suffix.lower() != ".ics":
        raise UsageError(f"--ics {path}: the file name must end in .ics",
                         hint="e.g. --ics due.ics")
    def write(stream: IO[bytes]) -> None:
        stream.write(data)

    return write_atomic(Path(path), write, binary=True, force=force)


# --- vCard 4.0 -------------------------------------------------------------------------------


def _escape(text: str) -> str:
    r"""A vCard text value (RFC 6350 3.4): backslash, comma, semicolon and line breaks escaped.

    >>> _escape("a,b;c\\d\ne")
    'a\\,b\\;c\\\\d\\ne'
    """
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    r"""``line`` folded at 75 octets (RFC 6350 3.2), never inside a UTF-8 character nor
    inside an escape such as ``\;`` (unfolding rejoins it, but naive readers would not).

    >>> [len(part) for part in _fold("NOTE:" + "a" * 69 + "\\;b").split("\r\n")]
    [74, 4]
    """
    import re

    out: list[str] = []
    current, size = "", 0
    for unit in re.findall(r"\\.|.", line, flags=re.DOTALL):
        width = len(unit.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += unit
        size += width
    out.append(current)
    return "\r\n".join(out)


def vcard_text(cards: Sequence[Card]) -> str:
    """The cards as one vCard 4.0 file (CRLF)."""
    lines: list[str] = []
    for card in cards:
        lines += ["BEGIN:VCARD", "VERSION:4.0", f"FN:{_escape(card.name)}"]
        if card.first_name or card.last_name:
            lines.append(f"N:{_escape(card.last_name)};{_escape(card.first_name)};;;")
        lines.append(f"UID:urn:uuid:{uuid.uuid5(_UID_NAMESPACE, card.key or card.name)}")
        if card.email:
            lines.append(f"EMAIL;TYPE=work:{_escape(card.email)}")
        if card.company:
            lines.append(f"ORG:{_escape(card.company)}")
        if card.position:
            lines.append(f"TITLE:{_escape(card.position)}")
        if card.profile_url:
            # A URI value: not text-escaped (RFC 6350 6.7.8).
            lines.append(f"URL;TYPE=work:{card.profile_url}")
        if card.note:
            lines.append(f"NOTE:{_escape(card.note)}")
        if card.categories:
            lines.append("CATEGORIES:" + ",".join(_escape(c) for c in card.categories))
        lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


# --- Google Contacts CSV ---------------------------------------------------------------------

#: Columns of Google Contacts' current export that netaudit fills, with their exact names
#: (docs/formats.md section 3): an import maps columns by these names.
GOOGLE_COLUMNS = (
    "First Name", "Middle Name", "Last Name", "File As", "Organization Name",
    "Organization Title", "Notes", "Labels", "E-mail 1 - Label", "E-mail 1 - Value",
    "Website 1 - Label", "Website 1 - Value",
)


def google_rows(cards: Sequence[Card]) -> list[dict[str, str]]:
    """One Google Contacts row per card; the name goes to First/Last Name when the export
    gave them, else to First Name whole (never split by guess). Labels are joined with
    Google's ``' ::: '``."""
    rows = []
    for card in cards:
        first, last = card.first_name, card.last_name
        if not (first or last):
            first = card.name
        rows.append({
            "First Name": first, "Middle Name": "", "Last Name": last, "File As": card.name,
            "Organization Name": card.company, "Organization Title": card.position,
            "Notes": card.note, "Labels": " ::: ".join(card.categories),
            "E-mail 1 - Label": "Work" if card.email else "",
            "E-mail 1 - Value": card.email,
            "Website 1 - Label": "LinkedIn" if card.profile_url else "",
            "Website 1 - Value": card.profile_url,
        })
    return rows


def export_format(path: Path, fmt: str) -> ExportFormat:
    """The ``--export`` format, checked against the file's suffix.

    >>> export_format(Path("due.vcf"), "vcf").value
    'vcf'
    """
    try:
        chosen = ExportFormat(fmt.strip().lower())
    except ValueError:
        raise UsageError(f"--export {fmt!r} is not a format",
                         hint="use --export vcf FILE.vcf or --export csv FILE.csv") from None
    if Path(path).suffix.lower() != f".{chosen.value}":
        raise UsageError(f"--export {chosen.value} {path}: the file name must end in "
                         f".{chosen.value}", hint=f"e.g. --export {chosen.value} "
                                                  f"contacts.{chosen.value}")
    return chosen


def write_cards(cards: Sequence[Card], path: Path, fmt: ExportFormat, *,
                force: bool = False) -> Path:
    """Write ``cards`` as vCard 4.0 or Google Contacts CSV, atomically."""
    if fmt is ExportFormat.VCF:
        text = vcard_text(cards)

        def write(stream: IO[str]) -> None:
            stream.write(text)

        return write_atomic(Path(path), write, force=force)
    if fmt is ExportFormat.CSV:
        import pandas as pd

        # write_csv: formula-neutralised, CRLF rows, atomic, like every CSV netaudit writes.
        frame = pd.DataFrame(google_rows(cards), columns=list(GOOGLE_COLUMNS))
        return write_csv(frame, Path(path), force=force)
    raise AssertionError(fmt)  # every ExportFormat is handled above
