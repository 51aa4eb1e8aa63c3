"""The one interface every importer implements, and helpers to build a Network fragment."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from netaudit.errors import Problem, quoted
from netaudit.identity import full_name, normalize_email, normalize_name, normalize_url
from netaudit.importers._chats import as_phone
from netaudit.progress import Progress

if TYPE_CHECKING:
    import pandas as pd

    from netaudit.importers.inputs import InputFile
    from netaudit.model import Network, Owner



#: The people fields ``--map COLUMN=field`` can name (see netaudit.importers.csvfile).
MAP_FIELDS = ("name", "first_name", "last_name", "email", "company", "position", "location",
              "connected_on", "profile_url")


@dataclass
class ReadOptions:
    """What the user said about how to read the inputs.

    A ``column_map`` naming a field netaudit lacks is a usage error at once, before any file
    is read (a file it was meant for might otherwise just go unrecognized).
    """

    column_map: dict[str, str] = field(default_factory=dict)
    """``--map COLUMN=field``: a source column name -> a netaudit field, for generic CSVs."""
    progress: Progress | None = None
    known_names: set[str] = field(default_factory=set)
    """Full names holding a comma that connection lists read so far gave ('Dana Reyes, MA'):
    a messages file splits its TO cells against them."""

    def __post_init__(self) -> None:
        from netaudit.errors import UsageError

        for column, name in self.column_map.items():
            if map_field(name) not in MAP_FIELDS:
                raise UsageError(f"--map '{column}={name}': unknown field {name!r}",
                                 hint="valid fields: " + ", ".join(MAP_FIELDS))


def map_field(name: str) -> str:
    """A ``--map`` field as netaudit spells it: any case, spaces or hyphens for underscores.

    >>> map_field("First Name"), map_field("profile-url")
    ('first_name', 'profile_url')
    """
    return "_".join(name.strip().lower().replace("-", " ").split())


class Importer:
    """One source family. ``sniff`` decides from content; ``read`` builds a Network fragment.

    Subclasses set ``name`` (what ``--format`` takes), ``label`` (what the user is told was
    detected), ``channel`` (the network its messages come from) and ``file_names`` (lower-case names this format usually has, used only to warn
    when such a file has a header that is not recognized).
    """

    name: ClassVar[str]
    label: ClassVar[str]
    file_names: ClassVar[tuple[str, ...]] = ()
    #: The network its messages were sent on (``messages.channel``), '' when the format cannot
    #: say (a generic message log may hold anything).
    channel: ClassVar[str] = ""
    #: The network the people it reads belong to when it sends no messages (LinkedIn's
    #: connection list, invitations…); '' means ``channel`` (an address book: none).
    network: ClassVar[str] = ""

    def sniff(self, file: InputFile) -> bool:
        raise NotImplementedError

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        raise NotImplementedError


#: What exports write for "nothing": 'null' as a company in LinkedIn's Contacts.csv,
#: 'FN:N/A' in vCards (docs/formats.md 1). Never a name or a company.
PLACEHOLDERS = frozenset({"null", "n/a", "#n/a", "none", "nil", "undefined"})


def _placeholder_free(value: str) -> str:
    """'' for a placeholder ('null', 'N/A'), else ``value``.

    >>> _placeholder_free("null"), _placeholder_free(" N/A "), _placeholder_free("Acme")
    ('', '', 'Acme')
    """
    return "" if value.strip().lower() in PLACEHOLDERS else value


#: The people columns where a value without a letter or a digit stands for nothing: people
#: fill LinkedIn's required company and position with '-' or '.' (5 companies and 3
#: positions of one published connection list, more in three others), which counted as a
#: company and a role before. A name of symbols alone is kept: it is all a chat shows.
WORK_COLUMNS = ("company", "position")
_HAS_WORD = re.compile(r"[^\W_]")


def no_value(value: str) -> bool:
    """Whether a company or position cell says nothing: empty, a placeholder
    (:data:`PLACEHOLDERS`), or no letter or digit in any script.

    >>> [no_value(v) for v in ("-", " . ", "None", "N/A", "公司", "3M", "")]
    [True, True, True, True, False, False, True]
    """
    return not _HAS_WORD.search(value) or value.strip().lower() in PLACEHOLDERS


def work_free(values: pd.Series) -> pd.Series:
    """``values`` (a company or position column) with each cell that says nothing
    (:func:`no_value`) empty, tested once per distinct value."""
    distinct = values.drop_duplicates()
    empty = distinct[[no_value(v) for v in distinct.tolist()]]
    if not len(empty):
        return values
    return values.mask(values.isin(set(empty.tolist())), "")


def _as_phone(value: Any) -> str:
    """A phone number as one file compares it (:func:`~netaudit.importers._chats.as_phone`),
    '' for anything else."""
    return as_phone(value) if isinstance(value, str) and value else ""


class PeopleBuilder:
    """Collects the people one file mentions, one row per distinct person, with provisional
    ids unique to the file (``prefix``). Rows of the same file that share a URL, an e-mail,
    a phone number or, lacking all three, a name are one row."""

    def __init__(self, prefix: str, source: str) -> None:
        self.prefix = prefix
        self.source = source
        self.rows: list[dict[str, Any]] = []
        self._by_key: dict[str, str] = {}

    def person(
        self,
        *,
        name: str = "",
        first_name: str = "",
        last_name: str = "",
        url: str = "",
        email: str = "",
        **fields: Any,
    ) -> str:
        """Id of the person (created on first mention). Extra ``fields`` are people columns
        (company, position, location, connected_on, is_connection, is_contact, hidden,
        is_owner); a later mention fills what an earlier one left empty."""
        # Empty cells (most of a file's) skip the placeholder test: '' stays ''. Readers call
        # this once per row, 12,000 times for a large export's endorsements (issue 17).
        if name:
            name = _placeholder_free(name)
        if first_name:
            first_name = _placeholder_free(first_name)
        if last_name:
            last_name = _placeholder_free(last_name)
        if fields:
            fields = {k: ("" if k in WORK_COLUMNS and no_value(v) else _placeholder_free(v))
                      if v and isinstance(v, str) else v for k, v in fields.items()}
        name = name.strip() or full_name(first_name, last_name)
        url = normalize_url(url) if url else ""
        email = normalize_email(email) if email else ""
        keys = [f"u:{url}"] if url else []
        if email:
            keys.append(f"e:{email}")
        # A phone number makes one person of one number under two names, and tells two
        # entries of one name apart: an address book's two 'Ola' with two numbers (a
        # published Russian vCard file) are two people; an 'Ola' without a number (a chat's
        # sender) is the first of them.
        number = _as_phone(fields.get("phone")) if fields else ""
        if number:
            keys.append(f"p:{number}")
        by_name = ""
        if not (url or email):
            folded = normalize_name(name)
            by_name = f"n:{folded}" if folded else ""
            if by_name:
                keys.append(by_name)
        for key in keys:
            if key in self._by_key:
                pid = self._by_key[key]
                row = self._row(pid)
                if key == by_name and number and _as_phone(row.get("phone")) not in (
                        "", number):
                    break  # a namesake with another number
                for column, value in (("profile_url", url), ("email", email), ("name", name),
                                      ("first_name", first_name.strip()),
                                      ("last_name", last_name.strip()), *fields.items()):
                    if value and not row.get(column):
                        row[column] = value
                for key2 in keys:
                    self._by_key.setdefault(key2, pid)
                return pid
        pid = f"{self.prefix}:{len(self.rows)}"
        row = {
            "person_id": pid,
            "name": name,
            "first_name": first_name.strip(),
            "last_name": last_name.strip(),
            "profile_url": url,
            "email": email,
            "source": self.source,
            **fields,
        }
        self.rows.append(row)
        for key in keys:
            # Its name stays the first namesake's (one with another number, above).
            self._by_key.setdefault(key, pid)
        return pid

    def _row(self, pid: str) -> dict[str, Any]:
        """The row of the person ``pid`` (its number is the row's position)."""
        return self.rows[int(pid.rsplit(":", 1)[1])]

    def owner(self, pid: str, how: str) -> Owner:
        """Mark the person ``pid`` as the owner, as a file's own rows say (``how``: 'You
        deleted this message.', 'You joined the call.'), and return that owner."""
        from netaudit.model import Owner

        row = self._row(pid)
        row["is_owner"] = True
        return Owner(pid, row.get("name", ""), how)

    def anonymous(self, **fields: Any) -> str:
        """A person row nobody else can match (a hidden connection: only a date is known)."""
        pid = f"{self.prefix}:{len(self.rows)}"
        self.rows.append({"person_id": pid, "source": self.source, **fields})
        return pid

    def frame(self, *, plain: bool = False):  # -> pd.DataFrame
        """The rows as a ``people`` table: what ``conform(pd.DataFrame(rows), "people")``
        gives, built column by column from the rows (the frame of dicts and its conform cost
        1.5 ms a file, most of a small file's reading, issue 17). ``plain``: each name shown
        plain, its credentials moved out, as :func:`netaudit.identity.plain_names` does."""
        import numpy as np
        import pandas as pd

        from netaudit.model import COLUMNS, conform

        rows = self.rows
        spec = COLUMNS["people"]
        columns: dict[str, Any] | None = None
        # Text and flag columns are built here; a row with another field (connected_on)
        # takes conform's conversions.
        if set().union(*rows) <= {c for c, (dtype, _) in spec.items() if dtype in ("str", "bool")}:
            columns = _people_columns(rows, spec)
        if columns is None:
            # A field of another kind (connected_on, a number): the general way.
            frame = conform(pd.DataFrame(rows), "people")
            if plain:
                from netaudit.identity import plain_names

                frame = plain_names(frame)
            return frame
        n = len(rows)
        if plain:
            from netaudit.identity import names_with_credentials

            names, credentials = columns["name"], columns["credentials"]
            for i, name, credential in names_with_credentials(names):
                names[i], credentials[i] = name, credential
        for column, (dtype, _) in spec.items():
            if dtype == "str":
                columns[column] = pd.array(columns[column], dtype="str")
            elif dtype == "bool":
                columns[column] = np.array(columns[column], dtype=bool)
            else:
                columns[column] = pd.Series(pd.NaT, index=pd.RangeIndex(n), dtype=dtype).array
        return pd.DataFrame(columns, index=pd.RangeIndex(n), columns=list(spec))


def _people_columns(rows: list[dict[str, Any]],
                    spec: dict[str, tuple[str, str]]) -> dict[str, list[Any]] | None:
    """The text and flag columns of ``rows`` as lists, a missing cell '' or False (what
    ``conform`` makes of it); None when a cell is of another type (conform's own
    conversions then apply).

    >>> spec = {"name": ("str", ""), "is_owner": ("bool", "")}
    >>> _people_columns([{"name": "Ana", "is_owner": True}, {}], spec)
    {'name': ['Ana', ''], 'is_owner': [True, False]}
    >>> _people_columns([{"name": 3}], spec) is None
    True
    """
    columns: dict[str, list[Any]] = {}
    for column, (dtype, _) in spec.items():
        if dtype == "str":
            values = [row.get(column, "") for row in rows]
            if not all(type(v) is str for v in values):
                return None
        elif dtype == "bool":
            values = [row.get(column, False) for row in rows]
            if not all(type(v) is bool for v in values):
                return None
        else:
            continue
        columns[column] = values
    return columns


def date_problem(file: InputFile, column: str, bad: int, example: str = "") -> list[Problem]:
    if not bad:
        return []
    shown = f" (e.g. {quoted(example)})" if example else ""
    return [Problem(file.display, f"have a '{column}' date netaudit cannot read{shown}; "
                    "those dates were left empty", bad)]
