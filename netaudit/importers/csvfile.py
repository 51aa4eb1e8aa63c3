"""Contact lists as CSV: Google Contacts (both header families), Outlook (English, German and
French headers), and any other connections/contacts CSV whose columns say what they hold.

Headers are compared without case, spaces or underscores (``First_Name`` = ``first name`` =
``FirstName``). Each netaudit field has a list of header names in order of preference; for each
row the first non-empty one is used, so an Outlook row whose ``E-mail Address`` is empty but
``E-mail 2 Address`` is not still has an e-mail. ``--map COLUMN=field`` (``ReadOptions.
column_map``) names the column of a field outright and wins over detection.

Connections or contacts? A row of a file that has a connection-date column (``Connected On``,
``Date Added``, ``Since``…) is a connection (``is_connection`` and ``is_contact``); a row of a
plain address book (Google, Outlook, a CSV without such a column) is a contact only
(``is_contact``): it adds e-mail addresses and places to the connections it matches, and takes
part in messages, but is not counted among connections. See docs/formats.md, "Supported inputs".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from netaudit.errors import InputError, Problem, UsageError
from netaudit.identity import normalize_email, normalize_url, plain_names
from netaudit.importers._mail import display_name
from netaudit.importers._read import (
    Table,
    date_problems,
    has_header,
    norm_header,
    parse_dates,
    physical_line,
    read_table,
    skipped_problem,
)
from netaudit.importers.base import MAP_FIELDS, Importer, PeopleBuilder, ReadOptions, map_field

if TYPE_CHECKING:
    import pandas as pd

    from netaudit.importers.inputs import InputFile
    from netaudit.model import Network

#: The netaudit fields ``--map`` can name, in the order the README lists them.
#: What a contacts file is read for: the fields ``--map`` can name, and a phone number where
#: the file's own header says which column holds it (Google's 'Phone 1 - Value', Outlook's
#: 'Mobile Phone'): a key of a file's people (two namesakes with two numbers are two).
FIELDS = (*MAP_FIELDS, "phone")

#: A header name, or a pattern for numbered families ('E-mail 2 - Value'), per field.
Vocabulary = dict[str, tuple["str | re.Pattern[str]", ...]]

#: Connection dates in the generic CSV, tried on the whole column (see :func:`_dates`):
#: ISO first, then LinkedIn's own forms and what spreadsheets write.
CONNECTED_ON_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%z",
    "%d %b %Y",
    "%m/%d/%y, %I:%M %p",
    "%b %d, %Y",
    "%d.%m.%Y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%Y/%m/%d",
    "%m/%d/%Y",
    "%d/%m/%Y",
)
_DAY_FIRST, _MONTH_FIRST = "%d/%m/%Y", "%m/%d/%Y"
_PROFILE_URL = re.compile(r"(?:^|[/.])(?:linkedin\.com/(?:in|pub)/|xing\.com/profile/)",
                          re.IGNORECASE)
_MULTI = " ::: "
_EMAIL_SPLIT = re.compile(r" ::: |[;,\s]+")
#: Starts only where blanks start, possessive: each '(' or blank is tried once (issue 16).
_DISPLAY_EMAIL = re.compile(r"(?<!\s)\s*+\(([^()@]*+@[^()]*+)\)\s*+$")


def squash(header: str) -> str:
    """A header as compared: :func:`norm_header`, then without spaces.

    >>> squash(" First_Name "), squash("E-mail 1 - Value"), squash("FirstName")
    ('firstname', 'e-mail1-value', 'firstname')
    """
    return norm_header(header).replace(" ", "")


def validate_column_map(mapping: dict[str, str]) -> dict[str, str]:
    """``--map`` as {squashed column: field}; raises UsageError for a field netaudit lacks.

    Fields are accepted in any case, with spaces or hyphens for underscores.

    >>> validate_column_map({"Organisation": "Company", "Given": "first name"})
    {'organisation': 'company', 'given': 'first_name'}
    >>> validate_column_map({"X": "phone"})
    Traceback (most recent call last):
    ...
    netaudit.errors.UsageError: --map 'X=phone': unknown field 'phone' (valid fields: name, \
first_name, last_name, email, company, position, location, connected_on, profile_url)
    """
    out = {}
    for column, field in mapping.items():
        key = map_field(field)
        if key not in MAP_FIELDS:
            raise UsageError(f"--map '{column}={field}': unknown field {field!r}",
                             hint="valid fields: " + ", ".join(MAP_FIELDS))
        out[squash(column)] = key
    return out


def _names(*names: str) -> tuple[str, ...]:
    return tuple(squash(n) for n in names)


GENERIC: Vocabulary = {
    "name": _names("name", "full name", "display name", "contact name"),
    "first_name": _names("first name", "given name", "firstname", "forename"),
    "last_name": _names("last name", "surname", "family name", "lastname"),
    "email": _names("email", "e-mail", "e-mail address", "email address", "e-mail 1 - value",
                    "emails", "mail", "primary email", "work email"),
    "company": _names("company", "organization", "organisation", "employer", "companies",
                      "organization name", "organization 1 - name", "company name"),
    "position": _names("position", "title", "job title", "role", "occupation",
                       "organization title", "organization 1 - title"),
    "location": _names("location", "city", "town", "region", "business city", "home city",
                       "address 1 - city", "address", "country"),
    "connected_on": _names("connected on", "date connected", "connected", "date added", "since",
                           "connection date", "connected at"),
    # 'Person Linkedin Url': Apollo-style contact exports (docs/formats.md 5).
    "profile_url": _names("profile url", "linkedin url", "linkedin profile", "linkedin",
                          "public profile url", "person linkedin url", "profile", "url"),
}

GOOGLE: Vocabulary = {
    "name": _names("name", "file as"),
    "first_name": _names("given name", "first name"),
    "last_name": _names("family name", "last name"),
    "email": (re.compile(r"^e-mail\d+-value$"),),
    "company": (re.compile(r"^organization\d+-name$"), *_names("organization name")),
    "position": (re.compile(r"^organization\d+-title$"), *_names("organization title",
                                                                  "occupation")),
    "location": (re.compile(r"^address\d+-city$"), re.compile(r"^address\d+-region$"),
                 re.compile(r"^address\d+-country$"), *_names("location"),
                 re.compile(r"^organization\d+-location$")),
    "profile_url": (re.compile(r"^website\d+-value$"),),
    "phone": (re.compile(r"^phone\d+-value$"),),
}

OUTLOOK: Vocabulary = {
    # 'Title' is the honorific (Mr., Dr.) in Outlook, never the job.
    "name": _names("e-mail display name", "e-mail: angezeigter name",
                   "nom complet de l'adresse de messagerie"),
    "first_name": _names("first name", "vorname", "prénom"),
    "last_name": _names("last name", "nachname", "nom"),
    "email": _names("e-mail address", "e-mail 2 address", "e-mail 3 address",
                    "e-mail-adresse", "e-mail 2: adresse", "e-mail 3: adresse",
                    "adresse de messagerie", "adresse de messagerie 2",
                    "adresse de messagerie 3"),
    "company": _names("company", "firma", "société"),
    # French Outlook calls both the honorific and the job 'Titre'; the job comes second.
    "position": _names("job title", "position", "fonction", "titre.1"),
    "location": _names("business city", "home city", "other city",
                       "ort geschäftlich", "ort privat", "weiterer ort",
                       "ville (bureau)", "ville (domicile)", "ville (autre)",
                       "business country/region", "home country/region",
                       "land/region geschäftlich", "pays/région (bureau)", "location", "ort"),
    "profile_url": _names("web page", "webseite", "page web"),
    "phone": _names("mobile phone", "business phone", "home phone", "business phone 2",
                    "home phone 2", "other phone"),
}

#: Headers that only LinkedIn export files (or profile sections of them) have: a generic
#: reader must never take the owner's profile, languages or certifications for contacts.
_NOT_CONTACTS = frozenset(_names(
    "conversation id", "sender profile url", "direction", "folder", "skill name", "headline",
    "geo location", "maiden name", "inviterprofileurl", "inviteeprofileurl", "endorsement date",
    "started on", "finished on", "proficiency", "authority", "license number", "published on",
    "issued on", "publisher",
))
_LINKEDIN_CONNECTIONS = frozenset(_names(
    "first name", "last name", "url", "email address", "company", "position", "connected on"))


class ContactsCsv(Importer):
    """Base of the contact CSV readers: a vocabulary, a header test, one way of reading."""

    vocabulary: ClassVar[Vocabulary] = GENERIC
    #: Only these fields are kept from website-like columns: a profile URL, never a home page.
    profile_urls_only: ClassVar[bool] = True

    def accepts(self, cells: set[str]) -> bool:
        """True for a header (squashed cells) this reader recognizes."""
        raise NotImplementedError

    def family(self, cells: set[str]) -> str:
        """What the user is told about the header it found."""
        return ""

    def sniff(self, file: InputFile) -> bool:
        return has_header(file, lambda cells: self.accepts({squash(c) for c in cells}))

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        import pandas as pd

        from netaudit.model import Network, SourceFile

        mapping = validate_column_map(options.column_map)

        def accept(cells: set[str]) -> bool:
            squashed = {squash(c) for c in cells}
            return self.accepts(squashed) or bool(mapping and set(mapping) & squashed)

        table = read_table(file, accept, expect=self._expect())
        frame = table.frame
        columns = self._columns(list(frame.columns), mapping)
        problems = skipped_problem(file, table)
        missing = sorted(c for c in mapping if c not in {squash(x) for x in frame.columns})
        if missing:
            problems.append(Problem(file.display, f"--map names columns this file lacks "
                                    f"({', '.join(missing)}); 0 rows used them"))
        if not (columns["name"] or columns["first_name"] or columns["last_name"]
                or columns["email"]):
            raise InputError(
                "has no name or e-mail column",
                hint=f"its columns are {', '.join(table.header[:12])}; say which holds what "
                     "with --map, e.g. --map 'Kontakt=name'",
                path=file.display,
            )
        connections = bool(columns["connected_on"])
        dates, date_problems = _dates(file, table, columns["connected_on"])
        problems += date_problems
        get = self._getter(frame, columns)
        people = PeopleBuilder(file.display, file.display)
        skipped, first_skipped, hidden = 0, None, 0
        for i in range(len(frame)):
            email = get("email", i, first_email)
            name, first, last = get("name", i), get("first_name", i), get("last_name", i)
            fields = {
                "company": get("company", i),
                "position": get("position", i),
                "location": get("location", i),
                "connected_on": dates.iat[i],
                "is_contact": True,
                "is_connection": connections,
            }
            url = self._profile_url(get("profile_url", i))
            phone = get("phone", i)
            if phone:
                fields["phone"] = phone
            if name or first or last or email or phone:
                # First and last name over a full-name column: Google's 'Name' and Outlook's
                # display name carry middle names and addresses that other sources lack.
                if first or last:
                    name = ""
                elif not (name or email):
                    name = phone  # a number alone: shown as the number, as a vCard's
                people.person(name=display_name(name, email), first_name=first, last_name=last,
                              email=email, url=url, **fields)
            elif connections and (url or fields["company"] or fields["position"]):
                people.person(url=url, **fields)
            elif connections and pd.notna(fields["connected_on"]):
                hidden += 1
                people.anonymous(hidden=True, **fields)
            elif any(v.strip() for v in frame.iloc[i].tolist()):
                skipped += 1
                if first_skipped is None:
                    first_skipped = physical_line(table, i)
        if skipped:
            problems.append(Problem(file.display, "have no name, e-mail address or phone "
                                    "number and were skipped", skipped, first_skipped))
        frame_people = plain_names(people.frame())
        kind = "connections" if connections else "contacts only, no connection date"
        note = f"{len(frame_people):,} {kind}"
        if hidden:
            note += f", {hidden:,} hidden profiles"
        family = self.family({squash(c) for c in frame.columns})
        if family and not mapping:
            note = f"{family}; {note}"
        else:  # a header of the user's own making: say which column was read as what
            used = ", ".join(f"{', '.join(c)}→{f}" for f, c in columns.items() if c)
            note = f"{note}; columns {used}"
        return Network(people=frame_people,
                       sources=[SourceFile(file.display, self.label, len(frame), note)],
                       problems=problems)

    def _expect(self) -> str:
        return "a header with a name or e-mail column"

    def _columns(self, available: Sequence[str], mapping: dict[str, str]) -> dict[str, list[str]]:
        """Per field, the file's columns that hold it, in order of preference."""
        by_key = {squash(c): c for c in available}
        columns: dict[str, list[str]] = {f: [] for f in FIELDS}
        mapped: dict[str, list[str]] = {}
        for key, field in mapping.items():
            if key in by_key:
                mapped.setdefault(field, []).append(by_key[key])
        taken = {c for cols in mapped.values() for c in cols}
        for field in FIELDS:
            if field in mapped:
                columns[field] = mapped[field]
                continue
            for candidate in self.vocabulary.get(field, ()):
                if isinstance(candidate, str):
                    hits = [by_key[candidate]] if candidate in by_key else []
                else:
                    hits = [by_key[k] for k in by_key if candidate.match(k)]
                for hit in hits:
                    if hit not in taken:
                        columns[field].append(hit)
                        taken.add(hit)
        return columns

    @staticmethod
    def _getter(frame: pd.DataFrame, columns: dict[str, list[str]]
                ) -> Callable[..., str]:
        arrays = {field: [frame[c].tolist() for c in cols] for field, cols in columns.items()}

        def get(field: str, row: int, clean: Callable[[str], str] | None = None) -> str:
            for values in arrays[field]:
                value = str(values[row]).strip()
                if value:
                    value = clean(value) if clean else first_value(value)
                    if value:
                        return value
            return ""

        return get

    def _profile_url(self, value: str) -> str:
        if not value:
            return ""
        if self.profile_urls_only:
            return value if _PROFILE_URL.search(value) else ""
        # A generic file's URL column names people; a bare domain is a company's home page.
        return value if "/" in normalize_url(value) else ""


def first_value(cell: str) -> str:
    """The first of Google's ' ::: '-joined values.

    >>> first_value("* myContacts ::: * starred"), first_value("Acme")
    ('* myContacts', 'Acme')
    """
    return cell.split(_MULTI, 1)[0].strip() if _MULTI in cell else cell


def first_email(cell: str) -> str:
    """The first valid address of a cell that may list several (' ::: ', ';', ',', spaces).

    >>> first_email("not-one ::: Ana@Example.org ; b@example.org")
    'ana@example.org'
    >>> first_email("Ana Ruiz (ana@example.org)")
    'ana@example.org'
    """
    for piece in _EMAIL_SPLIT.split(cell):
        address = normalize_email(piece.strip("()"))
        if address:
            return address
    return ""


def _dates(file: InputFile, table: Table, columns: list[str]) -> tuple[pd.Series, list[Problem]]:
    """Connection dates of the first date column: the format that reads the most values is
    chosen for the whole column (explicit formats only, never a locale guess); when day-first
    and month-first read the same values, month-first (US) wins and a warning says so."""
    import pandas as pd

    frame = table.frame
    if not columns:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns, UTC]"), []
    values = frame[columns[0]].astype(str).str.strip()
    sample = values[values != ""]
    if sample.empty:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns, UTC]"), []
    scores = {fmt: int(pd.to_datetime(sample, format=fmt, errors="coerce", utc=True).notna().sum())
              for fmt in CONNECTED_ON_FORMATS}
    best = max(CONNECTED_ON_FORMATS, key=lambda f: (scores[f], -CONNECTED_ON_FORMATS.index(f)))
    problems: list[Problem] = []
    if best in (_DAY_FIRST, _MONTH_FIRST) and scores[_DAY_FIRST] == scores[_MONTH_FIRST]:
        best = _MONTH_FIRST
        problems.append(Problem(file.display, f"have a '{columns[0]}' date that reads both "
                                "day-first and month-first; read month-first (US) — rename or "
                                "reformat the column as YYYY-MM-DD if that is wrong",
                                scores[_MONTH_FIRST]))
    others = [f for f in CONNECTED_ON_FORMATS if f != best and {f, best} != {_DAY_FIRST,
                                                                            _MONTH_FIRST}]
    dates, _ = parse_dates(values, [best, *others])
    dates, more = date_problems(file.display, table, values, dates, columns[0])
    return dates, problems + more


# ------------------------------------------------------------------------------------------
# The three readers


def _any(cells: set[str], names: Iterable[str]) -> bool:
    return any(n in cells for n in names)


class GoogleContacts(ContactsCsv):
    """Google Contacts CSV, both header families (docs/formats.md 3): the legacy 'Google CSV'
    (``Name,Given Name,…,E-mail 1 - Value,…``, UTF-16LE with BOM) and the current one
    (``First Name,Middle Name,Last Name,Phonetic …,File As,…,Labels,E-mail 1 - Label,…``).
    Multi-valued cells (``a ::: b``) give their first value. Website values are kept only when
    they are LinkedIn or XING profiles. Birthdays and labels are not used."""

    name = "google-contacts"
    label = "Google Contacts CSV"
    vocabulary = GOOGLE

    def accepts(self, cells: set[str]) -> bool:
        legacy = {"name", "givenname", "familyname"} <= cells and _any(
            cells, ("groupmembership", "e-mail1-value", "yominame"))
        current = {"firstname", "lastname"} <= cells and (
            _any(cells, ("phoneticfirstname", "fileas"))
            or {"labels", "e-mail1-value"} <= cells)
        return legacy or current

    def family(self, cells: set[str]) -> str:
        return "legacy Google CSV" if "givenname" in cells else "current Google CSV"

    def _expect(self) -> str:
        return "a Google Contacts header (Name,Given Name,… or First Name,…,File As,…)"


class OutlookContacts(ContactsCsv):
    """Outlook contacts CSV: outlook.com and desktop Outlook, with English, German or French
    headers (docs/formats.md 4). The honorific ``Title``/``Anrede`` is not a position; ``Job
    Title``/``Position``/``Fonction`` are. The first of E-mail 1-3 that holds an address is
    used (Exchange ``EX`` entries hold none). The place is the business city, else home,
    else other city, else the country."""

    name = "outlook-contacts"
    label = "Outlook contacts CSV"
    vocabulary = OUTLOOK

    def accepts(self, cells: set[str]) -> bool:
        english = {"firstname", "lastname", "e-mailaddress"} <= cells and _any(
            cells, ("middlename", "e-mailtype", "businessstreet", "homestreet", "jobtitle",
                    "e-mail2address"))
        german = {"vorname", "nachname", "e-mail-adresse"} <= cells
        french = {"prénom", "nom", "adressedemessagerie"} <= cells
        return english or german or french

    def family(self, cells: set[str]) -> str:
        if "vorname" in cells:
            return "German headers"
        if "prénom" in cells:
            return "French headers"
        return "English headers"

    def _expect(self) -> str:
        return "an Outlook header (First Name,…,E-mail Address,… or Vorname,… or Prénom,…)"

    @staticmethod
    def _getter(frame: pd.DataFrame, columns: dict[str, list[str]]) -> Callable[..., str]:
        # 'E-mail Display Name' reads 'Ana Ruiz (ana@example.org)': a name once the address
        # is cut off.
        get = ContactsCsv._getter(frame, columns)

        def outlook_get(field: str, row: int, clean: Callable[[str], str] | None = None) -> str:
            value = get(field, row, clean)
            if field == "name":
                value = _DISPLAY_EMAIL.sub("", value).strip()
            return value

        return outlook_get


class GenericContacts(ContactsCsv):
    """Any other connections or contacts CSV whose header says what it holds: a name (or first
    and last name) or an e-mail column, found by the synonyms in ``GENERIC``; ``--map`` adds or
    overrides columns. With a connection-date column its rows are connections, else contacts.
    LinkedIn's own files (the connection list, messages, profile sections) are never taken,
    nor are message logs (``from``/``to`` columns)."""

    name = "contacts-csv"
    label = "contacts CSV"
    vocabulary = GENERIC
    profile_urls_only = False

    def accepts(self, cells: set[str]) -> bool:
        if cells & _NOT_CONTACTS or {"from", "to"} <= cells:
            return False
        if {"text", "creationdate", "status"} <= cells or {"confirmed", "primary"} <= cells:
            return False  # LinkedIn recommendations, the owner's e-mail addresses
        if {"status", "fullname"} <= cells and len(cells) <= 3:
            return False  # LinkedIn Member_Follows.csv: people the owner follows
        if "connectedon" in cells and cells <= _LINKEDIN_CONNECTIONS:
            return False  # LinkedIn Connections.csv has its own reader
        has = {field: _any(cells, [c for c in names if isinstance(c, str)])
               for field, names in GENERIC.items()}
        # A lone 'Name' column is a list of skills or languages more often than of people.
        both_names = has["first_name"] and has["last_name"]
        other = any(has[f] for f in ("company", "position", "location", "connected_on",
                                     "profile_url"))
        return has["email"] or both_names or (has["name"] and other)
