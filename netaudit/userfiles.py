"""Reading the files a person writes or collects for the experiments: a list of recalled names,
a recall study, an activity log and a list of group memberships.

These are not exports, so they are read here rather than by an importer; like the importers,
they never print: odd lines are counted as :class:`~netaudit.errors.Problem` s, and a file that
cannot be used raises :class:`~netaudit.errors.InputError` naming what is missing.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from netaudit.errors import InputError, Problem, quoted

if TYPE_CHECKING:
    import pandas as pd

    from netaudit.importers.inputs import InputFile

#: The separator the README asks for, then the ones people type instead, in the order tried.
#: A comma is never a separator: ``"Ruiz, Ana"`` is a name written surname first.
STANDARD_SEPARATOR = " - "
#: Each starts only where a run of blanks starts, possessive: otherwise every blank of a
#: long run is tried and scans the run to its end (quadratic; issue 16).
_SEPARATORS: list[tuple[str, re.Pattern[str]]] = [
    (" - ", re.compile(r"(?<!\s)\s++-++\s++")),
    (" – ", re.compile(r"(?<!\s)\s*+–\s*+")),
    (" — ", re.compile(r"(?<!\s)\s*+—\s*+")),
    ("tab", re.compile(r"\t+")),
    (":", re.compile(r"(?<!\s)\s*+:\s*+")),
]
_NAME_HEADERS = {"name", "full name", "person"}
_PROFESSION_HEADERS = {"profession", "job", "occupation", "position", "title", "role"}


@dataclass(frozen=True)
class Entry:
    """One recalled connection: the name as typed and the profession ('' when not given)."""

    name: str
    profession: str = ""
    line: int = 0

    @property
    def text(self) -> str:
        return f"{self.name} - {self.profession}" if self.profession else self.name


@dataclass
class Entries:
    """The distinct entries of a names file or a quiz, and what was odd about them."""

    entries: list[Entry] = field(default_factory=list)
    duplicates: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def split_entry(line: str) -> tuple[str, str, str]:
    """``(name, profession, separator)`` of one typed line; separator '' when there is none.

    >>> split_entry("Ana Ruiz - recruiter")
    ('Ana Ruiz', 'recruiter', ' - ')
    >>> split_entry("José García – CFO at Beta")
    ('José García', 'CFO at Beta', ' – ')
    >>> split_entry("Anna-Lena Berg")
    ('Anna-Lena Berg', '', '')
    """
    text = line.strip().lstrip("\ufeff").strip()
    for label, pattern in _SEPARATORS:
        # The leading space lets " - recruiter" (no name) be seen as a separator too.
        parts = pattern.split(" " + text, maxsplit=1)
        if len(parts) == 2:
            return parts[0].strip(), parts[1].strip(), label
    return text, "", ""


def entries_from_lines(lines: Iterable[tuple[int, str]], source: str) -> Entries:
    """Entries from ``(line number, text)`` pairs: blank lines skipped, other separators than
    ``' - '`` accepted, a name repeated (same words in any order, any case or accents) counted
    once; each kind of oddity is one counted Problem.
    """
    from netaudit.matching import key_of_entry

    result = Entries()
    blank: list[int] = []
    no_name: list[int] = []
    odd: dict[str, list[int]] = {}
    seen: set[tuple[str, ...]] = set()
    for number, raw in lines:
        if not raw.strip().lstrip("\ufeff").strip():
            blank.append(number)
            continue
        name, profession, separator = split_entry(raw)
        if separator and separator != STANDARD_SEPARATOR:
            odd.setdefault(separator, []).append(number)
        key = tuple(sorted(key_of_entry(name).words))
        if not key:
            no_name.append(number)
            continue
        entry = Entry(name, profession, number)
        if key in seen:
            result.duplicates.append(entry)
            continue
        seen.add(key)
        result.entries.append(entry)
    if blank:
        result.problems.append(Problem(source, "were blank and ignored", len(blank), blank[0]))
    for separator, numbers in odd.items():
        result.problems.append(Problem(
            source, f"used {separator!r} instead of ' - ' between name and profession "
            "(read all the same)", len(numbers), numbers[0]))
    if no_name:
        result.problems.append(Problem(source, "had no name and were ignored", len(no_name),
                                       no_name[0]))
    if result.duplicates:
        first = result.duplicates[0]
        result.problems.append(Problem(source, "repeated an earlier name and were counted once",
                                       len(result.duplicates), first.line))
    return result


def read_names(path: str | Path) -> Entries:
    """The recalled names in ``path``: one ``Name - profession`` per line, or a CSV with a
    ``name`` column and an optional ``profession`` column. BOM, UTF-16 and cp1252 are read."""
    from netaudit.importers._read import decode, looks_binary, sniff_delimiter, split_line

    expect = "a names file (one 'Name - profession' per line)"
    file = _input_file(path, expect)
    data = file.read_bytes()
    if looks_binary(data[:4096]):
        raise InputError("is not a text file", hint=f"pass {expect}", path=file.display)
    text, _ = decode(data)
    lines = text.splitlines()
    numbered = [(i + 1, line) for i, line in enumerate(lines)]
    content = [(n, line) for n, line in numbered if line.strip()]
    if not content:
        raise InputError("has no names", hint="write one 'Name - profession' per line",
                         path=file.display)
    first_number, first_line = content[0]
    delimiter = sniff_delimiter([line for _, line in content[:15]])
    cells = [_norm(c) for c in split_line(first_line, delimiter)]
    if set(cells) & _NAME_HEADERS:
        return _names_from_csv(file.display, numbered, first_number, cells, delimiter)
    if _norm(split_entry(first_line)[0]) in _NAME_HEADERS:
        # A heading line such as "Name - profession".
        numbered = [(n, line) for n, line in numbered if n != first_number]
    return entries_from_lines(numbered, file.display)


def _names_from_csv(display: str, numbered: list[tuple[int, str]], header_number: int,
                    cells: list[str], delimiter: str) -> Entries:
    name_at = next(i for i, c in enumerate(cells) if c in _NAME_HEADERS)
    job_at = next((i for i, c in enumerate(cells) if c in _PROFESSION_HEADERS), None)
    body = [(n, line) for n, line in numbered if n > header_number]
    # One row per line: a quote left open must not pull the next lines into one row (one
    # name per line is the format; csv over all lines made fewer rows than lines).
    rows = [next(csv.reader([line], delimiter=delimiter), []) for _, line in body]
    lines = []
    for (number, _), row in zip(body, rows, strict=True):
        name = row[name_at].strip() if len(row) > name_at else ""
        job = row[job_at].strip() if job_at is not None and len(row) > job_at else ""
        # Joined with the standard separator so that one code path counts duplicates.
        lines.append((number, f"{name} - {job}" if name and job else name))
    return entries_from_lines(lines, display)


def _norm(cell: str) -> str:
    from netaudit.importers._read import norm_header

    return norm_header(cell)


def _input_file(path: str | Path, expect: str) -> InputFile:
    from netaudit.importers.inputs import regular_file

    path = Path(path)
    if not path.exists():
        raise InputError("no such file", hint=f"pass {expect}", path=path)
    if path.is_dir():
        raise InputError("is a folder", hint=f"pass {expect}", path=path)
    return regular_file(path, hint=f"pass {expect}, saved as a file")


# --- recall study --------------------------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    """One row of a recall study: who, their network export, their names file."""

    participant: str
    network: Path
    names: Path


def read_study(path: str | Path) -> list[Participant]:
    """The rows of a recall study CSV (columns participant, network, names); the paths are
    relative to the CSV's folder."""
    frame, _ = _read_csv(path, ("participant", "network", "names"),
                         "a study CSV with columns participant, network, names")
    folder = Path(path).parent
    participants = []
    for _, row in frame.iterrows():
        if not row["participant"].strip() and not row["network"].strip():
            continue
        participants.append(Participant(row["participant"].strip(),
                                        folder / row["network"].strip(),
                                        folder / row["names"].strip()))
    if not participants:
        raise InputError("has no participants", hint="add one row per participant", path=path)
    return participants


# --- activity log and groups ------------------------------------------------------------------

#: Date forms read in an activity log, tried in order; day-first or month-first numeric dates
#: (03/04/2010) are refused rather than guessed.
ACTIVITY_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
                         "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M", "%d %b %Y", "%d %B %Y")


@dataclass
class ActivityLog:
    """An activity log: one row per activity (``person``, ``date`` as UTC day or NaT, ``kind``,
    ``group``, ``line``), and the rows whose date could not be read, counted."""

    rows: pd.DataFrame
    path: str
    problems: list[Problem] = field(default_factory=list)


def read_activity_log(path: str | Path) -> ActivityLog:
    """Read ACTIVITY.csv: columns person, date, kind and an optional group."""
    from netaudit.importers._read import parse_dates

    frame, problems = _read_csv(path, ("person", "date", "kind"),
                                "a CSV with columns person, date, kind (and optionally group)",
                                optional=("group",))
    dates, bad = parse_dates(frame["date"], ACTIVITY_DATE_FORMATS)
    frame["date"] = dates.dt.normalize()
    if bad:
        nonempty = frame["date"].isna() & (frame["_raw_date"].str.strip() != "")
        example = frame.loc[nonempty, "_raw_date"].iat[0]
        first = int(frame.loc[nonempty, "line"].iat[0])
        problems.append(Problem(str(path), f"had a date netaudit cannot read (e.g. {quoted(example)}; "
                                "use YYYY-MM-DD) and were left out", bad, first))
    empty = int((frame["_raw_date"].str.strip() == "").sum())
    if empty:
        first = int(frame.loc[frame["_raw_date"].str.strip() == "", "line"].iat[0])
        problems.append(Problem(str(path), "had no date and were left out", empty, first))
    return ActivityLog(frame.drop(columns="_raw_date"), str(path), problems)


@dataclass
class Memberships:
    """Group memberships: one row per (``person``, ``group``, ``line``)."""

    rows: pd.DataFrame
    path: str
    problems: list[Problem] = field(default_factory=list)


def read_groups(path: str | Path) -> Memberships:
    """Read GROUPS.csv: columns person, group; one row per membership."""
    frame, problems = _read_csv(path, ("person", "group"), "a CSV with columns person, group")
    return Memberships(frame, str(path), problems)


def _read_csv(path: str | Path, required: tuple[str, ...], expect: str,
              optional: tuple[str, ...] = ()) -> tuple[pd.DataFrame, list[Problem]]:
    """A user CSV with its header anywhere in the first lines; a one-line error naming the
    first required column that is missing. Adds ``line`` (1-based physical line); rows that
    cannot be parsed are counted, not dropped silently."""
    from netaudit.importers._read import read_table, skipped_problem

    wanted = set(required) | set(optional)
    file = _input_file(path, expect)
    accept: Callable[[set[str]], bool] = lambda cells: bool(cells & wanted)  # noqa: E731
    table = read_table(file, accept, expect=expect)
    frame = table.frame
    missing = [c for c in required if c not in frame.columns]
    if missing:
        found = ", ".join(c for c in frame.columns) or "none"
        raise InputError(f"has no '{missing[0]}' column (columns found: {found})",
                         hint=f"expected {expect}", path=file.display)
    for column in optional:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[list(required) + list(optional)].astype(str)
    if "date" in frame:
        frame["_raw_date"] = frame["date"]
    # Physical line numbers: exact when no row spans several lines and no blank line sits
    # between rows, which is how these files are written.
    frame["line"] = range(table.header_line + 2, table.header_line + 2 + len(frame))
    return frame.reset_index(drop=True), skipped_problem(file, table)


# --- targets ---------------------------------------------------------------------------------

_TARGET_HEADERS = ("company", "target", "organization", "organisation", "name", "person")


def read_targets(path: str | Path) -> list[str]:
    """The targets in ``path`` (companies or people), in file order, each once (compared
    without case): one per line, or a CSV whose header names a ``company``, ``target``,
    ``organization`` or ``name`` column (the first found in that order is read; a CSV of one
    column is read whole). Blank lines and lines starting with ``#`` are skipped.
    BOM, UTF-16 and cp1252 are read."""
    from netaudit.importers._read import decode, looks_binary, sniff_delimiter, split_line

    expect = "a targets file (one company or person per line, or a CSV with a company column)"
    file = _input_file(path, expect)
    data = file.read_bytes()
    if looks_binary(data[:4096]):
        raise InputError("is not a text file", hint=f"pass {expect}", path=file.display)
    text, _ = decode(data)
    lines = [line for line in text.splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise InputError("has no targets", hint="write one company or person per line",
                         path=file.display)
    delimiter = sniff_delimiter(lines[:15])
    header = [_norm(c) for c in split_line(lines[0], delimiter)]
    column = next((header.index(h) for h in _TARGET_HEADERS if h in header), None)
    if column is not None:
        values = [row[column] if len(row) > column else ""
                  for row in (next(csv.reader([line], delimiter=delimiter), [])
                              for line in lines[1:])]
    else:
        # One target per line: a company name may hold a comma ("Acme, Inc.").
        values = lines
    seen: dict[str, str] = {}
    for value in values:
        value = value.strip()
        if value:
            seen.setdefault(value.casefold(), value)
    if not seen:
        raise InputError("has no targets", hint="write one company or person per line",
                         path=file.display)
    return list(seen.values())
