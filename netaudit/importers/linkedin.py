"""LinkedIn "Get a copy of your data" files, every era from 2018 to 2026.

Each file family is one importer. Columns are mapped by name (case-insensitive), never by
position; see docs/formats.md (section 2) for the evidence behind each era's quirks. Every date column
is parsed with the explicit formats its file used in some era; a date before LinkedIn existed
(2003) or after today is counted as a problem and left empty rather than trusted.
"""

from __future__ import annotations

import hashlib
import html
import re
import string
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from netaudit.errors import Problem, quoted
from netaudit.identity import (
    is_credential,
    normalize_name,
    normalize_url,
    normalize_urls,
    one_space,
    plain_names,
)
from netaudit.importers._read import (
    DAY_MONTH_YEAR,
    EARLIEST_DATE,
    ISO_SECONDS,
    Table,
    date_problems,
    day_month_year,
    has_header,
    holding_bytes,
    iso_seconds,
    numbered_text,
    parse_dates,
    physical_line,
    read_table,
    repeated_text,
    rows_at,
    skipped_problem,
    stripped,
)
from netaudit.importers.base import Importer, PeopleBuilder, ReadOptions, work_free
from netaudit.model import ASSISTANT, INVITATIONS_KIND

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from netaudit.importers.inputs import InputFile
    from netaudit.model import Network

#: Connected On: 2020+ '04 Jul 2023'; 2018 '7/4/18, 9:05 AM'; spreadsheet re-saves
#: '06-May-22' / '5-Jan-26' and '04.07.2023'; ISO as a last resort.
CONNECTED_ON_FORMATS = (
    DAY_MONTH_YEAR,
    "%m/%d/%y, %I:%M %p",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%m/%d/%y",
)
#: messages DATE: 2022+ '2024-03-05 14:02:11 UTC'; Feb 2020 '2019-11-06T02:08:20';
#: 2018 '11/6/18, 2:08 AM'. A trailing ' UTC' is cut before parsing (see ``_dates``).
#: Excel re-saves write '4/22/2023 8:18' (M/D/YYYY H:MM, no seconds, no zone; docs/formats.md 2.9),
#: read as UTC like the file they came from.
MESSAGE_DATE_FORMATS = (
    ISO_SECONDS,
    "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%y, %I:%M %p",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%y %H:%M",
)
#: Invitations 'Sent At', Recommendations 'Creation Date': '4/6/26, 2:12 PM' (unpadded; no zone
#: stated, read as UTC wall time). The others are spreadsheet re-saves.
MDY_TIME_FORMATS = (
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%y %H:%M",
    "%m/%d/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%m/%d/%y",
)
#: Endorsement Date: '2024/03/05 14:02:11 UTC' in every era (' UTC' cut before parsing).
ENDORSEMENT_DATE_FORMATS = (
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d",
)
#: LinkedIn launched in May 2003: an earlier date in one of its files is a misread or a
#: re-save that went wrong, not a fact.
LINKEDIN_FOUNDED = EARLIEST_DATE


def sniff_header(file: InputFile, accept: Callable[[set[str]], bool]) -> bool:
    """True when one of the first lines of ``file`` is a header ``accept`` recognizes."""
    return has_header(file, accept)


# ------------------------------------------------------------------------------------------
# Shared helpers


def _column(frame: pd.DataFrame, name: str, *, strip: bool = True) -> pd.Series:
    """The column ``name`` as text (stripped), or '' everywhere when the era lacks it."""
    import pandas as pd

    if name in frame.columns:
        values = frame[name].astype("str")
        return stripped(values) if strip else values
    return pd.Series("", index=frame.index, dtype="str")


def _dates(
    file: InputFile, table: Table, column: str, label: str, formats: Iterable[str]
) -> tuple[pd.Series, list[Problem]]:
    """Parse ``column`` with ``formats``; count unreadable and implausible dates as problems
    (with the first line where each occurs) and leave them empty."""
    values = _column(table.frame, column)
    formats = tuple(formats)
    # 2022+ messages ('YYYY-MM-DD HH:MM:SS UTC') and 2020+ connections ('DD Mon YYYY'): the
    # dates computed from the bytes when every cell has the file's first format.
    fast = {ISO_SECONDS: iso_seconds, DAY_MONTH_YEAR: day_month_year}.get(formats[0])
    dates = fast(values) if fast else None
    if dates is None:
        # '2024-03-05 14:02:11 UTC': without the suffix the ISO fast path of pandas applies
        # (0.2 s instead of 1.7 s for 500,000 dates); the zone it states is the one assumed.
        stated_utc = values.str.endswith(" UTC")
        if stated_utc.all():
            dates, _ = parse_dates(values.str.slice(0, -4), formats)
        elif stated_utc.any():
            dates, _ = parse_dates(values.str.removesuffix(" UTC"), formats)
        else:
            dates, _ = parse_dates(values, formats)
    return date_problems(file.display, table, values, dates, label,
                         too_early="before LinkedIn existed (2003)")


def _network(
    file: InputFile,
    label: str,
    table: Table,
    note: str,
    problems: list[Problem],
    **tables: Any,
) -> Network:
    from netaudit.model import Network, SourceFile, conform

    # Credentials leave the displayed name only now: TO cells were split against the full
    # names as written (issue 10). A PeopleBuilder's table comes conformed and plain.
    shaped = {name: (frame.frame(plain=True) if isinstance(frame, PeopleBuilder)
                     else conform(frame, name)) for name, frame in tables.items()}
    if "people" in shaped and not isinstance(tables["people"], PeopleBuilder):
        shaped["people"] = plain_names(shaped["people"])
    return Network(
        **shaped,
        sources=[SourceFile(file.display, label, len(table.frame), note)],
        problems=skipped_problem(file, table) + problems,
    )


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


# ------------------------------------------------------------------------------------------
# Files of an export that name people but are not contacts


#: Headers of export files that hold names and e-mails but no contacts (docs/formats.md 2.8):
#: payments with the owner's own name and address (Receipts.csv, Receipts_v2.csv), the
#: owner's identity check (Verifications.csv), and the 2018 'Imported Contacts.csv' (the
#: address book the owner once uploaded: junk rows 'A', 'Test', the owner's own address).
_NOT_CONTACTS = (
    ("receipts", lambda cells: {"invoice number", "transaction made at"} <= cells),
    ("verifications", lambda cells: {"verification type", "verified date"} <= cells),
    ("imported address book", lambda cells: {"bookmarked at", "instant message handles",
                                             "created at"} <= cells),
)


def non_contact_kind(file: InputFile) -> str | None:
    """What kind of non-contact export file ``file`` is ('receipts', …), or None.

    >>> import io
    >>> from netaudit.importers.inputs import InputFile
    >>> data = b"First Name,Last Name,Transaction Made At,Invoice Number\\nAna,Ruiz,x,1\\n"
    >>> non_contact_kind(InputFile("R.csv", "R.csv", len(data), lambda: io.BytesIO(data)))
    'receipts'
    """
    if not file.name.lower().endswith((".csv", ".txt")):
        return None
    for kind, accept in _NOT_CONTACTS:
        if sniff_header(file, accept):
            return kind
    return None


#: Files a LinkedIn export holds that netaudit does not read (docs/formats.md 2.1: the file
#: lists of Basic 2023-07 and 2026-10 and Complete 2025-08 exports, and the 2018 names; a 2018
#: export's Videos.csv, a 2022 one's Reviews.csv and Job Applicant Saved Answers.csv, a 2024
#: one's Member Hashtags.csv, Online Job Postings.csv, Profile Summary.csv and Whatsapp Phone
#: Numbers.csv), by :func:`_file_key`. Met inside an export they are expected, not a
#: warning: ``-v`` counts them. Only what is shown depends on the name; no file is read or
#: left unread by it.
EXPORT_FILES_NOT_READ = frozenset({
    "adtargeting", "adsclicked", "accountstatushistory", "articles", "calendar",
    "causesyoucareabout",
    "certifications", "coachmessages", "comments", "companyfollows", "contacts", "courses",
    "education", "emailaddresses", "events", "guidemessages", "hashtagfollows", "honors",
    "importedcontacts", "inferencesaboutyou", "jobapplicantsavedanswers",
    "jobapplicantsavedscreeningquestionresponses", "jobapplications", "jobseekerpreferences",
    "languages", "lanadsengagement", "learning", "learningcoachmessages",
    "learningroleplaymessages", "logins", "memberfollows", "memberhashtags",
    "onlinejobpostings", "organizations", "patents", "phonenumbers", "positions",
    "privateidentityasset", "profilesummary", "projects", "publications", "reactions",
    "receipts", "receiptsv2", "registration", "reviews", "richmedia", "savedjobalerts",
    "savedjobs", "saveditems", "searchqueries", "securitychallenges", "shares", "skills",
    "testscores", "verifications", "videos", "volunteering", "votes", "whatsappphonenumbers",
})


def _file_key(name: str) -> str:
    """A file name without its extension, numeric suffix, case, spaces and underscores.

    >>> _file_key("Rich Media.csv"), _file_key("Shares_9999999999.csv"), _file_key("Ad_Targeting.csv")
    ('richmedia', 'shares', 'adtargeting')
    """
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return re.sub(r"[\s_\-]+", "", re.sub(r"_\d+$", "", stem)).lower()


def is_export_file_not_read(file: InputFile) -> bool:
    """Whether ``file`` is one LinkedIn exports hold that netaudit does not read (an article
    under ``Articles/`` too): expected in an export, so not worth a warning.

    >>> import io
    >>> from netaudit.importers.inputs import InputFile
    >>> def named(display):
    ...     return InputFile(display, display.rsplit("/", 1)[-1], 0, lambda: io.BytesIO())
    >>> is_export_file_not_read(named("x.zip:Jobs/Saved Jobs.csv"))
    True
    >>> is_export_file_not_read(named("x.zip:Articles/Articles/2017-12-09 04:54:08.html"))
    True
    >>> is_export_file_not_read(named("x.zip:my notes.csv"))
    False
    """
    if "articles/" in file.display.replace("\\", "/").lower():
        return True
    return _file_key(file.name) in EXPORT_FILES_NOT_READ


# ------------------------------------------------------------------------------------------
# Connections.csv


#: Connections.csv's columns as LinkedIn writes them, by their names without spaces: a
#: spreadsheet or a script may have taken the spaces out (``FirstName,LastName,EmailAddress,
#: Company,Position,ConnectedOn`` with ``04-May-22`` dates: a 2022 export shared for a course).
_CONNECTION_COLUMNS = {name.replace(" ", ""): name for name in (
    "first name", "last name", "url", "email address", "company", "position", "connected on")}


def _connection_column(cell: str) -> str:
    """A header cell of a connection list under LinkedIn's own name for it.

    >>> _connection_column("connectedon"), _connection_column("first name")
    ('connected on', 'first name')
    >>> _connection_column("notes")
    'notes'
    """
    return _CONNECTION_COLUMNS.get(cell.replace(" ", ""), cell)


def _is_connections(cells: set[str]) -> bool:
    if "connected on" in cells:
        return bool(cells & {"first name", "last name", "company"})
    # Without spaces, LinkedIn's columns and no other: the header the contacts reader leaves
    # to this one ('FirstName,…,Title,Location,ConnectedOn' is a contacts CSV, its e-mail,
    # title and place read there).
    squashed = {c.replace(" ", "") for c in cells}
    return ("connectedon" in squashed and squashed <= _CONNECTION_COLUMNS.keys()
            and bool(squashed & {"firstname", "lastname", "company"}))


class Connections(Importer):
    """``Connections.csv``: one row per connection.

    Eras: 2018 six columns and ``M/D/YY, h:mm AM``; 2020-2023 ``DD Mon YYYY`` behind a 3-line
    ``Notes:`` preamble (from late 2020); mid-2023 on, a ``URL`` column. Spreadsheet re-saves
    (BOM, CRLF, ``Notes:,,`` padding, ``;`` with ``dd.mm.yyyy``, ``dd-Mon-yy``, cp1252, dropped
    columns) read the same way. Rows holding only a date are hidden/closed profiles: they count
    as connections, flagged ``hidden``.
    """

    name = "linkedin-connections"
    network = "linkedin"
    label = "LinkedIn connections"
    file_names = ("connections.csv",)

    def sniff(self, file: InputFile) -> bool:
        return sniff_header(file, _is_connections)

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        table = read_table(
            file, _is_connections, expect="'First Name,Last Name,…,Connected On' header"
        )
        frame = table.frame
        squashed = any(_connection_column(c) != c for c in frame.columns)
        if squashed:
            frame = table.frame = frame.rename(columns=_connection_column)
        r_written = _written_by_r(frame)
        if r_written:
            frame = table.frame = frame.replace(R_MISSING, "")
        dates, problems = _dates(file, table, "connected on", "Connected On",
                                 CONNECTED_ON_FORMATS)
        import pandas as pd

        from netaudit.identity import normalize_email

        # One people row per data row, built column-wise (30,000 rows is LinkedIn's cap): a
        # connection list names each connection once, and identity.resolve merges whatever
        # else is the same person.
        # Each column stripped once, for the hidden rows and for the people columns.
        text = {c: _column(frame, c) for c in frame.columns if c != "connected on"}

        def column(name: str) -> pd.Series:
            return text[name] if name in text else _column(frame, name)

        hidden = pd.Series(True, index=frame.index)
        for values in text.values():
            hidden &= values == ""
        first, last = column("first name"), column("last name")
        written = one_space(first + " " + last)
        name, credentials = _credentials_as_last_name(first, last, written)
        people = pd.DataFrame({
            "person_id": numbered_text(file.display + ":", frame.index),
            "name": name,
            "first_name": first,
            "last_name": last,
            "credentials": credentials,
            "profile_url": _profile_urls(column("url").tolist()),
            "email": [normalize_email(e) if e else ""
                      for e in column("email address").tolist()],
            "company": work_free(column("company")),
            "position": work_free(column("position")),
            "connected_on": dates,
            "is_connection": True,
            "hidden": hidden,
            "source": file.display,
        }, index=frame.index)
        # As messages' TO lists write them, credentials included ('Dana Lee CEC, SPHR').
        options.known_names.update(written[written.str.contains(",", regex=False)].tolist())
        note = _connections_era(table, frame["connected on"], squashed=squashed,
                                r_written=r_written)
        if hidden.any():
            note += f", {_plural(int(hidden.sum()), 'hidden profile')}"
        return _network(file, self.label, table, note, problems, people=people)


def _credentials_as_last_name(first: pd.Series, last: pd.Series, written: pd.Series
                              ) -> tuple[pd.Series, pd.Series]:
    """The names and credentials of a connection list's rows: ``written`` (first and last
    name) and '', except where the Last Name holds only credentials
    (:func:`netaudit.identity.credentials_only`: 'Mark' + 'M.S. Ed.'), whose name is the
    first name and whose credentials are that field. Only last names with a comma, a dot, a
    qualifier or a listed credential are looked at."""
    import pandas as pd

    from netaudit.identity import LISTED, MAY_BE_CREDENTIALS_ONLY, credentials_only

    credentials = pd.Series("", index=last.index, dtype="str")
    maybe = (last.str.contains(MAY_BE_CREDENTIALS_ONLY, case=False, regex=True)
             | last.str.lower().isin(LISTED)) & (first != "")
    if not maybe.any():
        return written, credentials
    rows = maybe[maybe].index
    rows = rows[[credentials_only(text) for text in last[rows].tolist()]]
    if not len(rows):
        return written, credentials
    name = written.copy()
    credentials[rows] = one_space(last[rows])
    name[rows] = one_space(first[rows])
    return name, credentials


#: What R's write.csv writes for a missing value.
R_MISSING = "NA"


def _written_by_r(frame: pd.DataFrame) -> bool:
    """Whether a connection list was written by R (``write.csv``), which writes ``NA`` for
    every empty cell: a published 2024 list had no empty cell and ``NA`` as the e-mail of 3,037
    of its 3,130 rows, the company of 159, the last name of 25 (first names alone). LinkedIn
    leaves most e-mails empty and never writes ``NA`` for one; when half of them or more are
    ``NA`` and none is empty, each cell that is ``NA`` alone is empty.

    >>> import pandas as pd
    >>> _written_by_r(pd.DataFrame({"email address": ["NA", "NA", "a@b.org"]}, dtype="str"))
    True
    >>> _written_by_r(pd.DataFrame({"email address": ["NA", "", ""]}, dtype="str"))
    False
    """
    if "email address" not in frame.columns or not len(frame):
        return False
    emails = frame["email address"].astype("str").str.strip()
    return not (emails == "").any() and int((emails == R_MISSING).sum()) * 2 >= len(frame)


def _connections_era(table: Table, dates: pd.Series, *, squashed: bool = False,
                     r_written: bool = False) -> str:
    """What the detection line says: the LinkedIn era, or what a spreadsheet changed
    (``squashed``: the header's names were written without their spaces; ``r_written``:
    ``NA`` stood for empty cells)."""
    sample = next((d.strip() for d in dates.head(50).tolist() if d.strip()), "")
    resave = ["headers without spaces"] if squashed else []
    if r_written:
        resave.append("'NA' for empty cells (written by R)")
    if table.delimiter != ",":
        resave.append(f"{table.delimiter!r}-separated")
    if sample and not re.fullmatch(r"\d{2} [A-Za-z]{3} \d{4}|\d{1,2}/\d{1,2}/\d{2}, .*", sample):
        resave.append(f"dates like {quoted(sample)}")
    if table.encoding not in ("utf-8", "utf-8-sig"):
        resave.append(table.encoding)
    if resave:
        return "spreadsheet re-save: " + ", ".join(resave)
    if "url" in table.frame.columns:
        return "2023+ form with URL"
    if "/" in sample:
        return "2018 form: M/D/YY dates"
    return "2020-2023 form without URL"


# ------------------------------------------------------------------------------------------
# messages.csv


def _is_messages(cells: set[str]) -> bool:
    return {"from", "to", "date", "content"} <= cells and bool(
        cells & {"folder", "conversation id", "direction"}
    )


#: Sibling files with the messages header that hold conversations with LinkedIn's AI coaches
#: (Complete exports, 2025+): every row is a system row. The header cannot tell them apart.
_ASSISTANT_FILES = re.compile(r"(coach|guide|role_?play)[_ ]?messages", re.IGNORECASE)
#: LinkedIn's own senders: 'Sara from LinkedIn', 'Team @ LinkedIn Learning', localized
#: 'Anna från LinkedIn', 'LinkedIn Premium'. A name that starts or ends with LinkedIn is
#: never a person's.
_SYSTEM_SENDER = re.compile(r"^linkedin\b|\blinkedin(\s+learning)?\s*$", re.IGNORECASE)
_SYSTEM_NAMES = frozenset({"linkedin member", "linkedin"})
#: 2023+ RECIPIENT PROFILE URLS joins URLs with ',' and no space; a URL never has a comma
#: unescaped, so split only where a new URL starts.
_URL_SPLIT = re.compile(r"(?<!\s)\s*+,\s*+(?=(?:https?://|www\.|[a-z]{2,3}\.linkedin\.com|linkedin\.com))",
                        re.IGNORECASE)
#: Where a block of HTML ends a line of text; every other tag (and comment) just goes.
_BLOCK_END = re.compile(r"</(?:p|div|li|ul|ol|tr|h[1-6])\s*>|<br\s*/?>", re.IGNORECASE)
_MARKUP = r"<[a-zA-Z/!]|&(?:[a-zA-Z]{2,8}|#[0-9]{1,6}|#x[0-9a-fA-F]{1,6});"
_SUBJECT_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|wg|sv|vs|tr)\s*:\s*)+", re.IGNORECASE)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def split_profile_urls(text: str) -> list[str]:
    """Profile URLs of a ``RECIPIENT PROFILE URLS`` cell (group conversations list several).

    >>> split_profile_urls("https://www.linkedin.com/in/a,https://www.linkedin.com/in/b")
    ['https://www.linkedin.com/in/a', 'https://www.linkedin.com/in/b']
    >>> split_profile_urls("")
    []
    """
    text = text.strip()
    if not text:
        return []
    # The export's own form, URLs joined by bare commas, each starting 'https://': every
    # comma is a place _URL_SPLIT splits, so a plain split gives the same list (the regex
    # cost 3 µs a cell: 0.02 s for 5,400 group cells of a large export, issue 17).
    parts = text.split(",")
    if all(part.startswith(("https://", "http://")) for part in parts) and (
            len(text.split()) == 1):
        return parts
    return [u for u in _URL_SPLIT.split(text) if u]


@lru_cache(maxsize=100_000)
def _is_credential(fragment: str) -> bool:
    """True when ``fragment`` (what follows a comma in a TO cell) holds only post-nominals:
    'MBA', 'Ph.D.', 'M.B.A.', 'PHRi™', 'PhD (abd)', '{MBA, CIPM, TAPcert.}' (2018-2022 TO
    lists, docs/formats.md 2.3)."""
    return is_credential(fragment)


#: Brackets inside which a comma never separates two names: 'Tom Baker (ACIPM, HRPL)',
#: '{MBA, CIPM, TAPcert.}'.
_BRACKETS = {"(": ")", "{": "}", "[": "]"}


def _fragments(text: str) -> list[str]:
    """``text`` split at commas outside brackets.

    >>> _fragments("Ana Ruiz, MBA,Tom Baker (ACIPM, HRPL)"), _fragments("a,b)")
    (['Ana Ruiz', ' MBA', 'Tom Baker (ACIPM, HRPL)'], ['a', 'b)'])
    """
    if "(" not in text and "{" not in text and "[" not in text:
        return text.split(",")  # no bracket opens: every comma separates
    out, depth, start, closing = [], 0, 0, []
    for i, ch in enumerate(text):
        if ch in _BRACKETS:
            closing.append(_BRACKETS[ch])
            depth += 1
        elif closing and ch == closing[-1]:
            closing.pop()
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


def split_names(text: str, known: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Names of a ``TO`` cell. Group names are joined with ',' and no space, but one name can
    hold ', MBA': full names the export already knows (``known``: every FROM value of the
    file) are taken first, longest first; then a fragment that is only credentials (with or
    without a space after the comma: ', ACIPM,AISMN') stays with its name, and a comma inside
    brackets never separates. A fragment with no letter or digit is never a name.

    >>> split_names("Ana Ruiz, MBA,Bo Li")
    ('Ana Ruiz, MBA', 'Bo Li')
    >>> split_names("Kim Lee, CSCP, PMP")
    ('Kim Lee, CSCP, PMP',)
    >>> split_names("Dana Reyes, MA, BFA, PhD (abd),Li Wei, Ph.D.")
    ('Dana Reyes, MA, BFA, PhD (abd)', 'Li Wei, Ph.D.')
    >>> split_names("Ana Ruiz,Bo Li,Cy", frozenset({"Ana Ruiz,Bo Li"}))
    ('Ana Ruiz,Bo Li', 'Cy')
    >>> split_names("")
    ()
    """
    return _split_names(text, known)


@lru_cache(maxsize=16)
def _known_starts(known: frozenset[str]) -> frozenset[str]:
    """What each known full name holds before its first comma (left-stripped): a run of
    fragments can only be a known name when its first fragment starts so."""
    return frozenset(name.split(",", 1)[0].lstrip() for name in known)


@lru_cache(maxsize=100_000)
def _split_names(text: str, known: frozenset[str]) -> tuple[str, ...]:
    fragments = _fragments(text)
    names: list[str] = []
    index = 0
    count = len(fragments)
    starts = _known_starts(known) if known else frozenset()
    while index < count:
        # Every run tried below holds a comma, so its text before the first comma is its
        # first fragment's: most fragments start no known name, and the runs (one join
        # each, quadratic in the fragments of a long group's TO) need not be built.
        if known and fragments[index].split(",", 1)[0].lstrip() in starts:
            # The longest run of fragments that is a full name the file knows.
            for end in range(count, index + 1, -1):
                candidate = ",".join(fragments[index:end]).strip()
                if candidate in known:
                    names.append(candidate)
                    index = end
                    break
            else:
                end = 0
            if end:
                continue
        fragment = fragments[index]
        index += 1
        if names and fragment.strip() and _is_credential(fragment):
            names[-1] += "," + fragment
        elif any(ch.isalnum() for ch in fragment):
            names.append(fragment)
        elif names:
            names[-1] += ","  # a name that ends in a comma ('Ana,')
    return tuple(n.strip().rstrip(",").strip() for n in names
                 if any(ch.isalnum() for ch in n))


_TAG_START = frozenset(string.ascii_letters + "/")


def strip_tags(text: str) -> str:
    """``text`` without its tags (``<`` + a letter or ``/`` up to the next ``>``) and comments
    (``<!--`` up to the next ``-->``), in one pass.

    What ``re.sub(r"<[a-zA-Z/][^>]*>|<!--.*?-->", "", text, flags=re.DOTALL)`` does, without
    its quadratic time: each unclosed ``<a`` or ``<!--`` scanned the rest of the text again
    (a body of 300,000 ``<a`` took more than 120 s; issue 16). Once no ``>`` or ``-->`` is
    left, none is looked for again.

    >>> strip_tags("<p>a<b>b</b><!-- c -->d<e</p> 1 < 2 <!-- x")
    'abd 1 < 2 <!-- x'
    """
    out: list[str] = []
    done = at = 0
    comments_end = True  # a later '-->' may exist
    while (at := text.find("<", at)) >= 0:
        if text[at + 1:at + 2] in _TAG_START:
            end = text.find(">", at + 2)
            if end < 0:
                break  # no '>' after: no tag and no comment can close
            out.append(text[done:at])
            done = at = end + 1
        elif comments_end and text.startswith("<!--", at):
            end = text.find("-->", at + 4)
            if end < 0:
                comments_end = False
                at += 1
                continue
            out.append(text[done:at])
            done = at = end + 3
        else:
            at += 1
    out.append(text[done:])
    return "".join(out)


def plain_text(body: str) -> str:
    """Message body with HTML tags removed (line breaks where blocks end) and entities
    unescaped; plain text passes through unchanged.

    >>> plain_text('<p class="x">Hi %FIRSTNAME%,</p><p>Caf&eacute; &amp; more</p>')
    'Hi %FIRSTNAME%,\\nCafé & more'
    >>> plain_text("2 < 3 and 4 > 1")
    '2 < 3 and 4 > 1'
    """
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", body)))
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line) if len(lines) > 1 else text.strip()


#: The form nearly every profile URL of an export has; it normalizes by cutting the prefix.
_PLAIN_PROFILE = re.compile(r"https://www\.linkedin\.com/(in/[a-z0-9-]+)/?")


@lru_cache(maxsize=200_000)
def profile_url(url: str) -> str:
    """:func:`netaudit.identity.normalize_url` with a shortcut for the plain lower-case
    ``https://www.linkedin.com/in/<slug>`` form (60,000 distinct people in a large export).

    >>> profile_url("https://www.linkedin.com/in/ana-ruiz-7")
    'linkedin.com/in/ana-ruiz-7'
    >>> profile_url("https://www.linkedin.com/in/Jos%C3%A9")
    'linkedin.com/in/josé'
    """
    plain = _PLAIN_PROFILE.fullmatch(url)
    return "linkedin.com/" + plain.group(1) if plain else normalize_url(url)


def _conversation_key(keys: Iterable[str], subject: str) -> str:
    """Stable id of a conversation for eras without CONVERSATION ID (2018, 2020): the same
    unordered set of participants and the same subject ('Re:' removed) is one conversation.
    A hash, so that the id is identical in every run and on every machine."""
    subject = _SUBJECT_PREFIX.sub("", subject).strip().lower()
    text = "\x1e".join(sorted(set(keys))) + "\x1f" + subject
    return "derived:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _factorize_stripped(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """:func:`pandas.factorize` of ``values`` stripped (see :func:`stripped`), stripping
    only the distinct values: 45,000 names instead of 500,000 cells (issue 17). Values that
    differ only by padding ('Ana', 'Ana ') are one; codes count in order of first appearance.

    >>> import pandas as pd
    >>> codes, distinct = _factorize_stripped(pd.Series(["Ana ", "Bo", "Ana", " Bo"], dtype="str"))
    >>> codes.tolist(), distinct.tolist()
    ([0, 1, 0, 1], ['Ana', 'Bo'])
    """
    import pandas as pd

    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    distinct = pd.Series(distinct)
    clean = stripped(distinct)
    if clean is distinct:
        return codes, distinct
    # Padding made two cells of one value distinct: number the stripped values again (in
    # the order the raw ones first appeared, so in order of first appearance).
    merged, clean_distinct = pd.factorize(clean, use_na_sentinel=False)
    return merged[codes], pd.Series(clean_distinct)


def _factorize_pairs(first: pd.Series, second: pd.Series
                     ) -> tuple[np.ndarray, list[str], list[str]]:
    """Codes of the distinct (first, second) pairs, numbered in order of first appearance,
    and the pairs' first and second values (stripped): :func:`pandas.factorize` of the two
    stripped columns joined, without building 500,000 joined strings (each column is
    factorized alone, then the code pairs)."""
    import numpy as np
    import pandas as pd

    a_codes, a_values = _factorize_stripped(first)
    b_codes, b_values = _factorize_stripped(second)
    width = max(len(b_values), 1)
    codes, combined = pd.factorize(a_codes.astype(np.int64) * width + b_codes)
    a_of, b_of = np.divmod(np.asarray(combined, dtype=np.int64), width)
    a_list = np.asarray(a_values, dtype=object)[a_of].tolist()
    b_list = np.asarray(b_values, dtype=object)[b_of].tolist()
    return codes, a_list, b_list


#: _PLAIN_PROFILE for Arrow's RE2, whose '$' is the end of the text.
_PLAIN_PROFILE_RE2 = r"^https://www\.linkedin\.com/(in/[a-z0-9-]+)/?$"


def _profile_urls(urls: list[str]) -> list[str]:
    """:func:`profile_url` of each of ``urls`` ('' for ''), with array operations: the plain
    form's prefix cut in Arrow, every other URL by :func:`netaudit.identity.normalize_urls`
    (which made one Python string per distinct URL of 58,000 in a large messages.csv:
    0.045 s, issue 17).

    >>> _profile_urls(["https://www.linkedin.com/in/ana-7/", "", "www.linkedin.com/in/Bo"])
    ['linkedin.com/in/ana-7', '', 'linkedin.com/in/bo']
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if not urls:
        return []
    column = pa.array(urls, type=pa.large_string())
    plain = pc.match_substring_regex(column, _PLAIN_PROFILE_RE2).to_numpy(zero_copy_only=False)
    # 'https://www.' cut and the one '/' a plain URL may end with (RE2's replace: 2x slower).
    cut = pc.utf8_rtrim(pc.utf8_slice_codeunits(column, len("https://www.")), characters="/")
    out: list[str] = cut.to_pylist()  # pandas' tolist took 1.5 times as long
    rest = [i for i in np.flatnonzero(~plain).tolist() if urls[i]]
    for i, normalized in zip(rest, normalize_urls([urls[i] for i in rest]), strict=True):
        out[i] = normalized
    return out


class _Mentions:
    """People of one messages file, keyed like :class:`PeopleBuilder` (URL, else name).

    :meth:`rows` takes every (name, URL) mention of the file at once, in the order the file
    mentions them, and numbers people in order of first mention: 95,000 mentions in a large
    export cost a few array operations, not a Python call each.
    """

    def __init__(self, prefix: str, source: str) -> None:
        self.prefix, self.source = prefix, source
        #: Each person's key and name, one Arrow array / object array per :meth:`rows` call:
        #: kept as arrays, since :meth:`frame` builds its columns from them (80,000 keys made
        #: into Python strings and back into Arrow: 0.02 s at 1,500,000 messages, issue 17).
        self._keys: list[Any] = []
        self._names: list[np.ndarray] = []
        self._key_list: list[str] = []
        self.count = 0
        self.owner: set[int] = set()
        self._all_ids: list[str] = []

    def rows(self, names: list[str], urls: list[str]) -> np.ndarray:
        """Row of the person each (name, normalized URL) mention is: the URL, else
        the normalized name (every mention with neither is one unnamed person). A person's
        name is the first non-empty name among its mentions."""
        import numpy as np
        import pandas as pd
        import pyarrow as pa
        import pyarrow.compute as pc

        count = len(names)
        if not count:
            return np.empty(0, dtype=np.int64)
        # The keys made and numbered in Arrow: 280,000 'u:' strings made and hashed in
        # Python cost 0.08 s of CPU at 1,500,000 messages (issue 17).
        column = pa.array(urls, type=pa.large_string())
        has_url = pc.not_equal(column, "")
        text = pa.large_string()
        keys = pc.if_else(has_url, pc.binary_join_element_wise(
            pa.scalar("u:", text), column, pa.scalar("", text)), pa.scalar("", text))
        no_url = np.flatnonzero(~has_url.to_numpy(zero_copy_only=False))
        if len(no_url):
            folded = {name: normalize_name(name) for name in {names[i] for i in no_url}}
            unlinked = np.zeros(count, dtype=bool)
            unlinked[no_url] = True
            keys = pc.replace_with_mask(keys, pa.array(unlinked), pa.array(
                [("n:" + f) if (f := folded[names[i]]) else "" for i in no_url], type=text))
        codes, distinct = pd.factorize(pd.Series(keys, dtype="str"))
        first = self.count
        distinct_keys = pa.array(distinct.array, type=text)
        if isinstance(distinct_keys, pa.ChunkedArray):
            distinct_keys = distinct_keys.combine_chunks()
        self._keys.append(distinct_keys)
        self.count += len(distinct)
        rows = codes.astype(np.int64) + first
        # First non-empty name per person: the earliest mention that has one.
        every_name = np.array(names, dtype=object)
        named = np.flatnonzero(every_name != "")
        found, where = np.unique(codes[named], return_index=True)
        people_names = np.full(len(distinct), "", dtype=object)
        people_names[found] = every_name[named[where]]
        self._names.append(people_names)
        return rows

    def ids(self, rows: Iterable[int]) -> list[str]:
        prefix = self.prefix
        return [f"{prefix}:{row}" for row in rows]

    def all_ids(self) -> list[str]:
        """The id of every person so far, made once (the reader and :meth:`frame` both
        need all 80,000 of a large export's)."""
        if len(self._all_ids) != self.count:
            self._all_ids = self.ids(range(self.count))
        return self._all_ids

    def mark_owner(self, pid: str) -> None:
        self.owner.add(int(pid.rsplit(":", 1)[1]))

    def key_of(self, pid: str) -> str:
        if len(self._key_list) != self.count:  # only files without CONVERSATION ID ask
            self._key_list = [key for chunk in self._keys for key in chunk.to_pylist()]
        return self._key_list[int(pid.rsplit(":", 1)[1])]

    def frame(self) -> pd.DataFrame:
        import numpy as np
        import pandas as pd
        import pyarrow as pa
        import pyarrow.compute as pc

        from netaudit.model import conform

        count = self.count
        # Text columns built as Arrow text, the URL cut from each 'u:' key in Arrow: lists of
        # 80,000 Python strings cost 0.04 s more in conform's conversions (issue 17).
        keys = (pa.concat_arrays(self._keys) if self._keys
                else pa.array([], type=pa.large_string()))
        urls = pc.if_else(pc.starts_with(keys, "u:"), pc.utf8_slice_codeunits(keys, 2), "")
        is_owner = np.zeros(count, dtype=bool)
        is_owner[sorted(self.owner)] = True
        return conform(pd.DataFrame({
            "person_id": numbered_text(self.prefix + ":", pd.RangeIndex(count)),
            "name": pd.Series(np.concatenate(self._names) if self._names else [],
                              dtype="str"),
            "profile_url": pd.Series(urls, dtype="str"),
            "source": self.source,
            "is_owner": is_owner,
        }), "people")


class _Senders:
    """What the senders of one file tell about the people they write to: the name each
    profile URL sent under, and (built only when a recipient has no URL) the URL each name
    sent from."""

    def __init__(self, names: list[str], urls: list[str], normalized: list[str], *,
                 by_name: bool, also: set[str] | None = None) -> None:
        self.names, self.urls, self.by_name = names, urls, by_name
        self.name_of_url: dict[str, str] = {}
        for name, url, norm in zip(names, urls, normalized, strict=True):
            if url and name and norm not in self.name_of_url:
                self.name_of_url[norm] = name
        self._urls_of_name: dict[str, set[str]] | None = None
        #: Every FROM value: the full names a TO cell is split against first.
        self.full_names = frozenset({n.strip() for n in names if "," in n and n.strip()}
                                    | (also or set()))
        #: Mentions of 'LinkedIn Member' and nameless fragments left out of TO lists.
        self.members_dropped = 0

    def name_for(self, url: str, default: str = "") -> str:
        return self.name_of_url.get(profile_url(url), default)

    def url_for(self, name: str) -> str:
        """The URL a name sent from, if exactly one (2022 TO names have no URLs)."""
        if not self.by_name:
            return ""
        if self._urls_of_name is None:
            self._urls_of_name = {}
            for sender, url in zip(self.names, self.urls, strict=True):
                if url and sender:
                    self._urls_of_name.setdefault(normalize_name(sender), set()).add(url)
        known = self._urls_of_name.get(normalize_name(name), set())
        return next(iter(known)) if len(known) == 1 else ""


def _messages_era(table: Table, file: InputFile) -> str:
    columns = set(table.frame.columns)
    if "conversation id" not in columns:
        if all(c.strip() == c.strip().upper() for c in table.header if c.strip()):
            return "2020 form: 7 upper-case columns, ISO dates, Direction"
        return "2018 form: 7 columns, M/D/YY dates, Direction"
    if "recipient profile urls" not in columns:
        return "2022 form: 9 columns, no recipient URLs"
    extras = [c.upper() for c in ("is message draft", "is conversation draft", "attachments")
              if c in columns]
    quoted = file.head(256).lstrip(b"\xef\xbb\xbf")[:1] == b'"'
    text = f"{len(table.header)} columns"
    if extras:
        text += " with " + ", ".join(extras)
    if quoted:
        return f"2026 form: {text}, every field quoted"
    if "attachments" in columns:
        return f"2025 form: {text}"
    if extras:
        return f"2024 form: {text}"
    return f"2023+ form: {text}, recipient URLs"


#: LinkedIn's own marketing senders, wherever 'LinkedIn' stands in the name: 'Cassie from
#: LinkedIn Premium', 'Angela from Linkedin Premium', 'Melissa & teamet bakom LinkedIn
#: Premium', 'The LinkedIn Team', 'Lisa Nolan at LinkedIn Jobs', 'Kate Mallord, LinkedIn'; and
#: the 2018 truncation 'Angela from' (docs/formats.md 2.3).
_MARKETING_SENDER = re.compile(r"\blinked\s?in\b|\s(?:from|från|von|de)$", re.IGNORECASE)
#: What every name _MARKETING_SENDER matches also matches, in Arrow's RE2: Python's
#: IGNORECASE also takes 'İ' and 'ı' for 'i', '\s' any one character, and '\b' only narrows.
_MAYBE_MARKETING = r"(?is)l[iİı]nked.?[iİı]n|(?:from|fr.n|von|de)\n?$"
#: A mail-merge template whose paragraphs were flattened: 'Hi Abhishek,Based on your recent
#: activity', 'Hi&nbsp;Sajiah,With the increasing' (2018-2022 company pages and Premium);
#: in a 2021 export also 'Greetings Ana Ruiz,My name is' and, after a leading space,
#: '&nbsp;Hi Ana Ruiz,I'm reaching out'.
_FLATTENED_GREETING = re.compile(
    r"^(?:\s|&nbsp;|\xa0)*(?i:hi|hello|dear|hey|greetings)(?:\s|&nbsp;|\xa0)+[^\s,]+"
    r"(?: [^\s,]+)?,(?:&nbsp;)?[A-Z]")


#: What every text Python finds 'linkedin' in, ignoring case, holds for Arrow's RE2: Python
#: also takes 'İ' and 'ı' for 'i' (RE2 does not); both take the Kelvin sign for 'k'.
_MAYBE_LINKEDIN = r"(?i)l[iİı]nked[iİı]n"


def _holding_linkedin(names: list[str]) -> list[int]:
    """Positions of the ``names`` that may hold 'linkedin' in some case, found by Arrow: the
    only ones LinkedIn's own sender names and 'LinkedIn Member' can be among (Python looked
    at 45,000 names and 35,000 TO cells of a large export one by one, issue 17).

    >>> _holding_linkedin(["Ana", "LinkedIn Member", "Sara from LİNKEDIN", "Linked In"])
    [1, 2]
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if not names:
        return []
    found = pc.match_substring_regex(pa.array(names, type=pa.large_string()), _MAYBE_LINKEDIN)
    return np.flatnonzero(found.to_numpy(zero_copy_only=False)).tolist()


def _sponsored_title(titles: pd.Series) -> pd.Series:
    """Rows whose CONVERSATION TITLE is 'Sponsored Conversation' (any case): only titles of
    its 22 characters are lower-cased (all 1,500,000 of them took 0.1 s).

    >>> import pandas as pd
    >>> _sponsored_title(pd.Series(["Sponsored Conversation", "Lunch", "SPONSORED CONVERSATION"],
    ...                            dtype="str")).tolist()
    [True, False, True]
    """
    import numpy as np
    import pandas as pd

    wanted = "sponsored conversation"
    found = (titles.str.len() == len(wanted)).to_numpy(dtype=bool, copy=True)
    if found.any():
        # Set by position in numpy: a masked assignment on the Series aligned the two first
        # (0.009 s on 500,000 rows).
        rows = np.flatnonzero(found)
        found[rows] = (rows_at(titles, rows).str.lower() == wanted).to_numpy(dtype=bool)
    return pd.Series(found, index=titles.index)


def _marketing_names(names: pd.Series) -> np.ndarray:
    """Mask of the ``names`` _MARKETING_SENDER finds: Python's regex runs only on the few
    names that Arrow's RE2 finds with the looser _MAYBE_MARKETING (0.05 s of CPU for 45,000
    senders, one Python call each, issue 17).

    >>> import pandas as pd
    >>> _marketing_names(pd.Series(["Cassie from", "Ana LİNKEDIN", "Linkedinfluencer", "Bo"],
    ...                            dtype="str")).tolist()
    [True, True, False, False]
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    found = np.zeros(len(names), dtype=bool)
    if not len(names):
        return found
    maybe = pc.match_substring_regex(pa.array(names.array), _MAYBE_MARKETING)
    candidates = np.flatnonzero(maybe.to_numpy(zero_copy_only=False))
    found[candidates] = [bool(_MARKETING_SENDER.search(names.iat[i])) for i in candidates]
    return found


def _sponsored(title_sponsored, pair_names, pair_urls, sender_codes, content, conversations):
    """Rows that are sponsored or marketing messages, not a person writing (docs/formats.md 2.3).

    - the conversation is a 'Sponsored Conversation';
    - the body is LinkedIn's campaign editor (``spinmail-quill-editor``) and the sender has no
      profile URL: in every 2022-2026 export measured, each such body had an empty sender URL
      and no row with a sender URL had one;
    - the sender's name holds 'LinkedIn' (not 'LinkedIn Member', a deleted account) or ends
      in 'from' (2018 cut 'Angela from LinkedIn Premium' to 'Angela from');
    - a sender without URL who sent one such row: every row of that name without URL (a
      company page's plain-text message beside its campaign ones);
    - the body is a flattened mail-merge greeting ('Hi Ana,Based on…') from a sender without
      URL in a conversation nobody else wrote in.
    """
    import numpy as np
    import pandas as pd

    # Names and URLs are tested once per distinct (FROM, SENDER PROFILE URL) pair, bodies only
    # where the sender has no URL (a large export: 500,000 rows, 45,000 pairs, few URL-less
    # senders); every mask is a numpy array over the rows (pandas masks cost 0.03 s more).
    names = pd.Series(pair_names, dtype="str")
    member_of = (names.str.lower() == "linkedin member").to_numpy(dtype=bool)
    named_of = _marketing_names(names) & ~member_of
    no_url_of = np.array([url == "" for url in pair_urls], dtype=bool)
    unlinked_of = no_url_of & ~member_of & (names != "").to_numpy(dtype=bool)
    no_url, unlinked = no_url_of[sender_codes], unlinked_of[sender_codes]
    sponsored = title_sponsored.to_numpy(dtype=bool) | named_of[sender_codes]
    if no_url.any():
        rows = np.flatnonzero(no_url)
        sponsored[rows] |= rows_at(content, rows).str.contains(
            "spinmail-quill-editor", regex=False).to_numpy(dtype=bool)
    pages = {pair_names[code] for code in np.unique(sender_codes[sponsored & unlinked])}
    if pages:
        sponsored |= unlinked_of[sender_codes] & np.array(
            [name in pages for name in pair_names], dtype=bool)[sender_codes]
    template = np.zeros(len(sender_codes), dtype=bool)
    if unlinked.any():
        rows = np.flatnonzero(unlinked)
        template[rows] = rows_at(content, rows).str.contains(
            _FLATTENED_GREETING, regex=True).to_numpy(dtype=bool)
    if template.any():
        senders_per = pd.Series(sender_codes).groupby(
            pd.Series(conversations).to_numpy()).transform("nunique")
        sponsored |= template & (senders_per.to_numpy() == 1)
    return pd.Series(sponsored, index=title_sponsored.index)


_SECONDS = re.compile(r"\d:\d\d:\d\d")


def _order_within_minutes(dates, conversations, raw, rows=None):
    """Dates of a file that states minutes, not seconds (2018 ``M/D/YY, h:mm AM``; Excel
    re-saves), with messages of one conversation in the same minute ordered as the file
    lists them: newest first, so the row listed earlier gets the later second. Without this
    a reply written in the same minute would tie with (and so count as before) the message
    it answers. Rows equal in every column (``rows``: one hash per row) keep one date, so
    they stay exact repeats.

    >>> import pandas as pd
    >>> d = pd.Series(pd.to_datetime(["2018-11-06 10:15", "2018-11-06 10:15"], utc=True))
    >>> [t.second for t in _order_within_minutes(d, pd.Series(["c", "c"]),
    ...                                          pd.Series(["11/6/18, 10:15 AM"] * 2))]
    [1, 0]
    """
    import numpy as np
    import pandas as pd

    # One format per file: its first thousand dates tell whether it states seconds.
    if not len(dates) or raw.head(1000).str.contains(_SECONDS, regex=True).any():
        return dates
    if callable(rows):
        rows = rows()
    frame = pd.DataFrame({
        "c": pd.Series(conversations).to_numpy(), "d": dates.to_numpy(),
        "h": np.arange(len(dates)) if rows is None else np.asarray(rows)},
        index=dates.index)
    known = frame["d"].notna()
    if not frame[known].duplicated(["c", "d"]).any():
        return dates
    distinct = frame[known].drop_duplicates(["c", "d", "h"])
    later = distinct.groupby(["c", "d"], sort=False).cumcount(ascending=False).clip(upper=59)
    offsets = frame[known].merge(distinct.assign(_later=later.to_numpy()),
                                 on=["c", "d", "h"], how="left")["_later"].to_numpy()
    shifted = dates.copy()
    shifted[known] = dates[known] + pd.to_timedelta(offsets, unit="s")
    return shifted


#: What a messages row's ``set_aside`` code stands for (see Messages.read).
_SET_ASIDE = ["", "linkedin member", "sponsored", "system event", ASSISTANT]


class Messages(Importer):
    """``messages.csv`` (2018 ``Messages.csv``): one row per message, every era.

    Eras (docs/formats.md 2.3): 2018 ``From,To,Date,Subject,Content,Direction,Folder`` with
    ``M/D/YY, h:mm AM``; 2020 the same upper-case with ISO dates; 2022 nine columns with
    CONVERSATION ID and SENDER PROFILE URL; 2023+ ten with RECIPIENT PROFILE URLS; then IS
    MESSAGE DRAFT / IS CONVERSATION DRAFT or ATTACHMENTS; from 2026 every field quoted with
    real line breaks in bodies.

    How the fields are decided:

    - ``conversation_id``: CONVERSATION ID; 2018/2020 have none, so a stable hash of the
      unordered set of participants and the subject (``Re:`` removed) stands in for it.
    - recipients: the RECIPIENT PROFILE URLS list (split where a new URL starts). TO names
      cannot be split safely (``"Surname, MBA"``), so they only name those URLs: paired in
      order when the counts agree, else by the name each URL sent under in this file, else
      (one URL) the whole TO. Without URLs (2018-2022, deleted accounts) TO is split on commas
      keeping credential fragments with their name; in files without the URL column
      (2018-2022) a name that sent from exactly one URL in this file gets that URL.
    - ``is_system``: a 'Sponsored Conversation', FROM or TO 'LinkedIn Member' (InMail and the
      owner's answers to it), senders whose name starts or ends with LinkedIn ('… from
      LinkedIn', 'LinkedIn Learning'), and every row of the AI-coach sibling files.
    - ``is_draft``: IS MESSAGE DRAFT = Yes, or (2022+) no FOLDER and no recipient at all.
    - 2018/2020 Direction names the owner: the sender of the OUTGOING rows is marked
      ``is_owner``. Later eras leave the owner to :func:`netaudit.identity.find_owner`.
    """

    name = "linkedin-messages"
    label = "LinkedIn messages"
    channel = "linkedin"
    file_names = ("messages.csv", "coach_messages.csv", "guide_messages.csv",
                  "learning_coach_messages.csv", "learning_role_play_messages.csv")

    def sniff(self, file: InputFile) -> bool:
        return sniff_header(file, _is_messages)

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        import numpy as np
        import pandas as pd
        import pyarrow as pa
        import pyarrow.compute as pc

        from netaudit.model import factorize_text, remember_tuples

        table = read_table(file, _is_messages,
                           expect="'FROM,TO,DATE,…,CONTENT,FOLDER' messages header")
        frame = table.frame
        n = len(frame)
        era = _messages_era(table, file)
        dates, problems = _dates(file, table, "date", "DATE", MESSAGE_DATE_FORMATS)
        # Stripped by _factorize_pairs, value by value.
        sender_name = _column(frame, "from", strip=False)
        sender_url = _column(frame, "sender profile url", strip=False)
        to = _column(frame, "to", strip=False)
        to_urls = _column(frame, "recipient profile urls", strip=False)
        subject = _column(frame, "subject")
        people = _Mentions(file.display, file.display)

        # Senders: one mention per distinct (FROM, SENDER PROFILE URL); recipients: the
        # mentions of each distinct (TO, RECIPIENT PROFILE URLS).
        sender_codes, pair_names, pair_urls = _factorize_pairs(sender_name, sender_url)
        to_codes, to_names, to_url_cells = _factorize_pairs(to, to_urls)
        # Every sender URL and single recipient URL normalized in one pass (mostly the same
        # people both ways).
        singles = [u if "," not in u else "" for u in to_url_cells]
        profiles = _profile_urls(pair_urls + singles)
        pair_profiles, single = profiles[:len(pair_urls)], profiles[len(pair_urls):]
        # Where TO has no URL column (2018-2022), a name that sent from one URL gets it; from
        # 2023 a recipient without URL is a deleted account or one LinkedIn did not list.
        known = _Senders(pair_names, pair_urls, pair_profiles,
                         by_name="recipient profile urls" not in frame.columns,
                         also=options.known_names)
        # Only names holding 'linkedin' (in any case) can be LinkedIn's: Python looks at those.
        sender_candidates = _holding_linkedin(pair_names)
        system_pair = np.zeros(max(len(pair_names), 1), dtype=bool)
        system_pair[sender_candidates] = [
            name.lower() in _SYSTEM_NAMES or bool(_SYSTEM_SENDER.search(name))
            for name in (pair_names[i] for i in sender_candidates)]

        # Every mention, senders first, numbered at once.
        mention_names, mention_urls = list(pair_names), list(pair_profiles)
        bounds = [len(mention_names)]
        # Bound once: 35,000 cells of a large export go round this loop.
        add_name, add_url, add_bound = mention_names.append, mention_urls.append, bounds.append
        name_of_url = known.name_of_url.get
        for names, urls, normalized in zip(to_names, to_url_cells, single, strict=True):
            if urls and "," not in urls:  # one recipient URL: nearly every row
                add_name(name_of_url(normalized, names))
                add_url(normalized)
            else:
                for nm, u in self._recipients(names, urls, known):
                    add_name(nm)
                    add_url(profile_url(u) if u else "")
            add_bound(len(mention_names))
        rows = people.rows(mention_names, mention_urls)
        mention_ids = np.array(people.all_ids(), dtype=object)[rows].tolist()
        sender_pids = pd.Series(mention_ids[:bounds[0]] or [""], dtype="str")
        # A take on the distinct ids keeps the column as Arrow text: no 500,000 objects.
        senders = sender_pids.take(sender_codes).set_axis(frame.index)
        if to_names:
            # Made straight into the object array: setting 35,000 cells one by one cost more.
            recipient_tuples = np.fromiter(
                ((mention_ids[begin],) if end - begin == 1
                 else tuple(dict.fromkeys(mention_ids[begin:end]))
                 for begin, end in pairwise(bounds)), dtype=object, count=len(to_names))
        else:
            recipient_tuples = np.empty(1, dtype=object)
            recipient_tuples[0] = ()
        recipients = recipient_tuples[to_codes] if n else np.empty(0, dtype=object)


        # Conversations.
        if "conversation id" in frame.columns:
            conversations = _column(frame, "conversation id")
            missing = conversations == ""
        else:
            conversations = pd.Series("", index=frame.index, dtype=object)
            missing = pd.Series(True, index=frame.index)
        if missing.any():
            conversations = conversations.astype(object)
            keyed = pd.DataFrame({"s": sender_codes, "r": to_codes, "subject": subject})[
                missing.to_numpy()]
            combos = keyed.drop_duplicates()
            derived = {
                (s, r, subj): _conversation_key(
                    [people.key_of(p) for p in (sender_pids.iat[s], *recipient_tuples[r])], subj)
                for s, r, subj in combos.itertuples(index=False)
            }
            conversations.loc[missing] = [
                derived[key] for key in keyed.itertuples(index=False, name=None)
            ]

        # Flags.
        content = _column(frame, "content", strip=False)
        sponsored = _sponsored(_sponsored_title(_column(frame, "conversation title")),
                               pair_names, pair_urls, sender_codes, content, conversations)
        # Tested once per distinct (FROM, SENDER PROFILE URL) and (TO, RECIPIENT PROFILE URLS)
        # pair, as numpy masks over the rows (lower-casing 540,000 cells twice: 40 ms).
        member_to = np.zeros(len(to_names), dtype=bool)
        to_candidates = _holding_linkedin(to_names)
        member_to[to_candidates] = [to_names[i].lower() == "linkedin member"
                                    for i in to_candidates]
        member_from = np.zeros(len(pair_names), dtype=bool)
        member_from[sender_candidates] = [pair_names[i].lower() == "linkedin member"
                                          for i in sender_candidates]
        member = member_to[to_codes] | member_from[sender_codes]
        named_system = system_pair[sender_codes]
        # System events (docs/formats.md 2.3): FROM and SENDER PROFILE URL empty ('X left the
        # conversation', 'Message request accepted', empty content), 17-68 rows per export.
        nobody = np.array([not name and not url for name, url in zip(pair_names, pair_urls,
                                                                       strict=True)],
                          dtype=bool)[sender_codes]
        system = sponsored.to_numpy() | member | named_system | nobody
        # Why each row is set aside, as a code into _SET_ASIDE: a later reason wins.
        reason = np.zeros(n, dtype=np.int8)
        reason[member | named_system] = 1
        reason[sponsored.to_numpy()] = 2
        reason[nobody] = 3
        if _ASSISTANT_FILES.search(file.name):
            system[:] = True
            reason[:] = 4
        set_aside = pd.Series(pa.array(_SET_ASIDE, pa.large_string()).take(reason),
                              index=frame.index, dtype="str")
        if "is message draft" in frame.columns:
            draft = _column(frame, "is message draft").str.lower().isin(
                ["yes", "true"]).to_numpy(dtype=bool, copy=True)
        else:
            draft = np.zeros(n, dtype=bool)
        if "conversation id" in frame.columns:
            no_recipient = np.flatnonzero(np.array(
                [not t and not u for t, u in zip(to_names, to_url_cells, strict=True)],
                dtype=bool)[to_codes])
            # FOLDER looked at only on the rows without a recipient (a few drafts).
            # FOLDER alone: a row selection of the frame joined each column's chunks (the
            # bodies' too) into one copy first.
            folder = rows_at(_column(frame, "folder", strip=False), no_recipient)
            draft[no_recipient] |= (stripped(folder) == "").to_numpy(dtype=bool)

        # Bodies: only rows that hold markup go through the HTML cleaner, each distinct text
        # once (templated InMail and newsletters repeat: 15,409 such rows, 122 texts).
        # Markup needs a '<' or an '&': the regex runs only on the bodies holding one.
        markup = holding_bytes(content, b"<&")
        if markup is None:
            markup = content.str.contains(_MARKUP, regex=True).to_numpy(dtype=bool)
        elif markup.any():
            found = np.flatnonzero(markup)
            markup[found] = rows_at(content, found).str.contains(_MARKUP, regex=True).to_numpy(
                dtype=bool)
        body = content
        if markup.any():
            codes, texts = pd.factorize(content[markup], use_na_sentinel=False)
            plain = pa.array([plain_text(v) for v in texts.tolist()], type=pa.large_string())
            # Each row's cleaned text (null where it holds no markup) over the content, in
            # one Arrow pass: Series.where took twice as long on 1,500,000 bodies.
            which = np.full(n, -1, dtype=np.int64)
            which[markup] = codes
            cleaned = plain.take(pa.array(which, mask=which < 0))
            body = pd.Series(pc.coalesce(cleaned, pa.array(content.array)), index=frame.index,
                             dtype="str")

        self._mark_owner_by_direction(frame, people, senders, recipients)
        # Whether a cell states seconds does not depend on padding: the column unstripped.
        dates = _order_within_minutes(dates, conversations, _column(frame, "date", strip=False),
                                      lambda: pd.util.hash_pandas_object(frame, index=False))
        message_ids = numbered_text(file.display + "#", frame.index)
        # Series on one index, not numpy arrays: turning UTC timestamps into numpy objects
        # costs more than the whole CSV parse.
        messages = pd.DataFrame({
            "message_id": message_ids,
            "conversation_id": conversations,
            "sent_at": dates,
            "sender_id": senders,
            "recipient_ids": pd.Series(recipients, index=frame.index, dtype=object),
            # The two columns conform would add (model.derive_message_fields fills them):
            # with them the table already conforms, and conform copies no column.
            "direction": pd.Series("", index=frame.index, dtype="str"),
            "subject": subject,
            "body": body,
            "is_group": np.zeros(n, dtype=bool),
            "is_system": system,
            "set_aside": set_aside,
            "is_draft": draft,
            "is_auto": False,
            "channel": repeated_text(self.channel, frame.index),
            "source": repeated_text(file.display, frame.index),
        }, index=frame.index)
        # Counted from the codes model.derive_message_fields needs too (factorize_text keeps
        # them while the column is unchanged).
        conversation_count = len(factorize_text(messages["conversation_id"])[1])
        if n:
            # The rows' recipients are the tuples of the (TO, RECIPIENT PROFILE URLS) pairs:
            # resolve's rewrite of the ids groups by those codes (hashing 500,000 tuples
            # cost 0.025 s), while the table is handed on unchanged.
            remember_tuples(messages["recipient_ids"], to_codes, recipient_tuples)
        note = (f"{era}; {_plural(conversation_count, 'conversation')}, "
                f"{_plural(int(system.sum()), 'system/sponsored row')}, "
                f"{_plural(int(draft.sum()), 'draft')}")
        network = _network(file, self.label, table, note, problems,
                           people=people.frame(), messages=messages)
        if known.members_dropped:
            network.set_aside["linkedin_member_in_lists"] = known.members_dropped
        return network

    @staticmethod
    def _recipients(names: str, urls: str, known: _Senders) -> list[tuple[str, str]]:
        profile_urls = split_profile_urls(urls)
        if not profile_urls:
            split = split_names(names, known.full_names)
            if len(split) > 1:
                # 'LinkedIn Member' beside other names is a deleted account (2018-2022): no
                # person, recipient or tie. Alone it stays, to mark the row as InMail.
                kept = tuple(n for n in split if n.lower() not in _SYSTEM_NAMES)
                known.members_dropped += len(split) - len(kept)
                split = kept
            return [(name, "" if name.lower() in _SYSTEM_NAMES else known.url_for(name))
                    for name in split]
        if len(profile_urls) == 1:
            return [(known.name_for(profile_urls[0], names), profile_urls[0])]
        named = [known.name_of_url.get(profile_url(u), "") for u in profile_urls]
        if all(named):
            # Every URL sent a message under a name, and senders are mentioned first: that
            # name is the person's whatever TO says, so TO need not be split (5,400 group
            # cells of a large export: 0.07 s of CPU, issue 17).
            return list(zip(named, profile_urls, strict=True))
        split = split_names(names, known.full_names)
        if len(split) == len(profile_urls):
            return list(zip(split, profile_urls, strict=True))
        return [(known.name_for(u), u) for u in profile_urls]

    @staticmethod
    def _mark_owner_by_direction(frame, people: _Mentions, senders, recipients) -> None:
        """2018/2020: OUTGOING rows (2018 also the SENT folder) were sent by the owner."""
        import pandas as pd

        if "direction" not in frame.columns:
            return
        direction = _column(frame, "direction").str.upper()
        outgoing = (direction == "OUTGOING") | (_column(frame, "folder").str.upper() == "SENT")
        if outgoing.any():
            owner = senders[outgoing].mode().iat[0]
            people.mark_owner(owner)
            return
        incoming = (direction == "INCOMING").to_numpy()
        alone = [r[0] for r in recipients[incoming] if len(r) == 1]
        if alone:
            people.mark_owner(pd.Series(alone).mode().iat[0])


# ------------------------------------------------------------------------------------------
# Invitations.csv


def _is_invitations(cells: set[str]) -> bool:
    # 'Date Sent': a hand-made invitations sheet (docs/formats.md 2.4) names the date so.
    return {"from", "to", "direction"} <= cells and bool(cells & {"sent at", "date sent"})


class Invitations(Importer):
    """``Invitations.csv``: pending and recent invitations, both ways.

    Eras: ``From,To,Sent At,Message,Direction`` (2018-2022); + ``inviterProfileUrn``,
    ``inviteeProfileUrn`` (mid-2023: member urns, which are not profile URLs and are ignored);
    + ``inviterProfileUrl``, ``inviteeProfileUrl`` (2024+). The counterpart is the side that is
    not the owner: From for INCOMING, To for OUTGOING. The owner's side is kept as a person (it
carries the owner's profile URL from 2024 on) but not marked as the owner.
    """

    name = "linkedin-invitations"
    network = "linkedin"
    label = INVITATIONS_KIND
    file_names = ("invitations.csv",)

    def sniff(self, file: InputFile) -> bool:
        return sniff_header(file, _is_invitations)

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        import pandas as pd

        table = read_table(file, _is_invitations,
                           expect="'From,To,Sent At,Message,Direction' header")
        frame = table.frame
        date_column = "sent at" if "sent at" in frame.columns else "date sent"
        dates, problems = _dates(file, table, date_column, "Sent At", MDY_TIME_FORMATS)
        direction = _column(frame, "direction").str.lower().tolist()
        sides = {
            "from": (_column(frame, "from").tolist(),
                     _column(frame, "inviterprofileurl").tolist()),
            "to": (_column(frame, "to").tolist(), _column(frame, "inviteeprofileurl").tolist()),
        }
        message = _column(frame, "message").tolist()
        people = PeopleBuilder(file.display, file.display)
        rows, unknown, first_unknown = [], 0, None
        # Every date boxed at once: one .iat a row cost 5 us (issue 17).
        sent = dates.tolist()
        for i, way in enumerate(direction):
            if way not in ("incoming", "outgoing"):
                unknown += 1
                first_unknown = i if first_unknown is None else first_unknown
                continue
            them, me = ("from", "to") if way == "incoming" else ("to", "from")
            person = people.person(name=sides[them][0][i], url=sides[them][1][i])
            if sides[me][0][i] or sides[me][1][i]:
                # The owner's side, for its profile URL; who the owner is stays with
                # Profile.csv / --me (find_owner would otherwise name this file as the source).
                people.person(name=sides[me][0][i], url=sides[me][1][i])
            rows.append({"person_id": person, "direction": way, "sent_at": sent[i],
                         "message": message[i], "source": file.display})
        if unknown:
            problems.append(Problem(file.display, "have a Direction that is neither INCOMING "
                                    "nor OUTGOING; they were skipped", unknown,
                                    physical_line(table, first_unknown or 0)))
        columns = set(frame.columns)
        # The form's era, said as such: '2018-2023' alone read as the dates the file
        # covers (a published file's invitations ran 2021-10 to 2022-01).
        if "inviterprofileurl" in columns:
            era = "2024+ form with profile URLs"
        elif "inviterprofileurn" in columns:
            era = ("mid-2023 form with member urns (not used: they are not profile "
                   "URLs)")
        else:
            era = "2018-2023 form, names only"
        invitations = pd.DataFrame(rows, columns=["person_id", "direction", "sent_at",
                                                  "message", "source"])
        if len(invitations):
            invitations["sent_at"] = pd.to_datetime(invitations["sent_at"], utc=True)
        counts = invitations["direction"].value_counts()
        note = (f"{era}; {counts.get('incoming', 0):,} incoming, "
                f"{counts.get('outgoing', 0):,} outgoing")
        return _network(file, self.label, table, note, problems,
                        people=people, invitations=invitations)


# ------------------------------------------------------------------------------------------
# Recommendations_Given.csv / Recommendations_Received.csv


def _is_recommendations(cells: set[str]) -> bool:
    return {"first name", "last name", "text", "creation date"} <= cells


class Recommendations(Importer):
    """``Recommendations_Given.csv`` and ``Recommendations_Received.csv``.

    Both files share one header (``First Name,Last Name,Company,Job Title,Text,Creation
    Date,Status``), so the content cannot tell given from received: this is the one place
    netaudit decides from the file name ('given' / 'received' in it). A renamed file is taken
    as received, and the detection line says so.
    """

    name = "linkedin-recommendations"
    network = "linkedin"
    label = "LinkedIn recommendations"
    file_names = ("recommendations_given.csv", "recommendations_received.csv")

    def sniff(self, file: InputFile) -> bool:
        return sniff_header(file, _is_recommendations)

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        import pandas as pd

        table = read_table(file, _is_recommendations,
                           expect="'First Name,Last Name,Company,Job Title,Text,Creation Date' "
                           "header")
        frame = table.frame
        dates, problems = _dates(file, table, "creation date", "Creation Date",
                                 MDY_TIME_FORMATS)
        lowered = file.name.lower()
        if "given" in lowered:
            direction, how = "given", "given: decided from the file name"
        elif "receiv" in lowered:
            direction, how = "received", "received: decided from the file name"
        else:
            direction = "received"
            how = ("taken as received: the header cannot tell given from received and the "
                   "file name says neither")
        people = PeopleBuilder(file.display, file.display)
        first, last = _column(frame, "first name").tolist(), _column(frame, "last name").tolist()
        company, title = _column(frame, "company").tolist(), _column(frame, "job title").tolist()
        ids = [people.person(first_name=first[i], last_name=last[i], company=company[i],
                             position=title[i]) for i in range(len(frame))]
        interactions = pd.DataFrame({
            "person_id": ids,
            "kind": "recommendation",
            "direction": direction,
            "at": dates,
            "detail": _column(frame, "status").to_numpy(),
            "source": file.display,
        })
        return _network(file, self.label, table, how, problems,
                        people=people, interactions=interactions)


# ------------------------------------------------------------------------------------------
# Endorsement_Received_Info.csv / Endorsement_Given_Info.csv


def _is_endorsements(cells: set[str]) -> bool:
    return {"endorsement date", "skill name"} <= cells and bool(
        cells & {"endorser first name", "endorsee first name"}
    )


class Endorsements(Importer):
    """``Endorsement_Received_Info.csv`` / ``Endorsement_Given_Info.csv``.

    Eras: 2022 received with 5 columns (no URL); 2023+ with ``Endorser Public Url`` (and the
    given file's ``Endorsee Public Url``) written without scheme (``www.linkedin.com/in/…``);
    the legacy ``Endorsement Received Info.csv`` (2022 Complete) is UTF-16LE, tab-separated,
    quoted, with a Display Status column. Given or received is read from the header (Endorser
    vs Endorsee columns). ``detail`` is the skill.
    """

    name = "linkedin-endorsements"
    network = "linkedin"
    label = "LinkedIn endorsements"
    file_names = ("endorsement_received_info.csv", "endorsement_given_info.csv",
                  "endorsement received info.csv", "endorsement given info.csv")

    def sniff(self, file: InputFile) -> bool:
        return sniff_header(file, _is_endorsements)

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        import pandas as pd

        table = read_table(file, _is_endorsements,
                           expect="'Endorsement Date,Skill Name,Endorser First Name,…' header")
        frame = table.frame
        dates, problems = _dates(file, table, "endorsement date", "Endorsement Date",
                                 ENDORSEMENT_DATE_FORMATS)
        role, direction = (("endorser", "received") if "endorser first name" in frame.columns
                           else ("endorsee", "given"))
        first = _column(frame, f"{role} first name").tolist()
        last = _column(frame, f"{role} last name").tolist()
        url = _column(frame, f"{role} public url").tolist()
        people = PeopleBuilder(file.display, file.display)
        # One call per distinct person: someone endorses several skills (7,078 rows of the
        # benchmark export name 3,506 people), and calling again with the same cells returns
        # the same id and changes nothing.
        known: dict[tuple[str, str, str], str] = {}
        ids = []
        for cells in zip(first, last, url, strict=True):
            pid = known.get(cells)
            if pid is None:
                pid = known[cells] = people.person(first_name=cells[0], last_name=cells[1],
                                                   url=cells[2])
            ids.append(pid)
        interactions = pd.DataFrame({
            "person_id": ids,
            "kind": "endorsement",
            "direction": direction,
            "at": dates,
            "detail": _column(frame, "skill name").to_numpy(),
            "source": file.display,
        })
        if table.encoding.startswith("utf-16") and table.delimiter == "\t":
            era = "legacy UTF-16 tab-separated (2022 Complete)"
        elif f"{role} public url" in frame.columns:
            era = "2023+ with public URLs"
        else:
            era = "2022 without URLs"
        return _network(file, self.label, table, f"{direction}, {era}", problems,
                        people=people, interactions=interactions)


# ------------------------------------------------------------------------------------------
# Profile.csv


def _is_profile(cells: set[str]) -> bool:
    return {"first name", "last name", "headline"} <= cells and bool(
        cells & {"geo location", "maiden name", "summary"}
    )


class Profile(Importer):
    """``Profile.csv``: the owner's own profile (2018 15 columns; 2022+ 13 columns).

    Emits the owner's people row (``is_owner``) with the headline as position and the geo
    location as location, so the owner is known without ``--me``.
    """

    name = "linkedin-profile"
    network = "linkedin"
    label = "LinkedIn profile (the owner)"
    file_names = ("profile.csv",)

    def sniff(self, file: InputFile) -> bool:
        return sniff_header(file, _is_profile)

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        table = read_table(file, _is_profile,
                           expect="'First Name,Last Name,…,Headline,…' profile header")
        frame = table.frame
        people = PeopleBuilder(file.display, file.display)
        first, last = _column(frame, "first name"), _column(frame, "last name")
        named = (first != "") | (last != "")
        problems: list[Problem] = []
        note = "no owner name in it"
        if named.any():
            i = int(named.to_numpy().argmax())
            people.person(first_name=first.iat[i], last_name=last.iat[i],
                          position=_column(frame, "headline").iat[i],
                          location=_column(frame, "geo location").iat[i], is_owner=True)
            era = "2018" if "contact instructions" in frame.columns else "2022+"
            note = f"{era}; owner {people.rows[0]['name']}"
        else:
            problems.append(Problem(file.display, "without a First Name or Last Name: the "
                                    "owner was not taken from this file", max(len(frame), 1)))
        return _network(file, self.label, table, note, problems, people=people)
