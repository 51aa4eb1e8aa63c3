"""LinkedIn "Get a copy of your data" files, every era from 2018 to 2026.

Each file family is one importer. Columns are mapped by name (case-insensitive), never by
position; see ../shared/formats.md for the evidence behind each era's quirks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netaudit.importers._read import head_lines, parse_dates, read_table, skipped_problem
from netaudit.importers._read import find_header as _find_header
from netaudit.importers._read import sniff_delimiter as _sniff_delimiter
from netaudit.importers.base import Importer, PeopleBuilder, ReadOptions, date_problem

if TYPE_CHECKING:
    from netaudit.importers.inputs import InputFile
    from netaudit.model import Network

#: Connected On: 2020+ '04 Jul 2023'; 2018 '7/4/18, 9:05 AM'; spreadsheet re-saves
#: '06-May-22' / '5-Jan-26' and '04.07.2023'; ISO as a last resort.
CONNECTED_ON_FORMATS = (
    "%d %b %Y",
    "%m/%d/%y, %I:%M %p",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%m/%d/%y",
)


def sniff_header(file: InputFile, accept) -> bool:
    """True when one of the first lines of ``file`` is a header ``accept`` recognizes."""
    lines = head_lines(file)
    if not lines:
        return False
    return _find_header(lines, _sniff_delimiter(lines), accept) is not None


def _is_connections(cells: set[str]) -> bool:
    return "connected on" in cells and bool(cells & {"first name", "last name", "company"})


class Connections(Importer):
    """``Connections.csv``: one row per connection.

    Eras: 2018 six columns and ``M/D/YY, h:mm AM``; 2020-2023 ``DD Mon YYYY`` behind a 3-line
    ``Notes:`` preamble (from late 2020); mid-2023 on, a ``URL`` column. Rows holding only a
    date are hidden/closed profiles: they count as connections, flagged ``hidden``.
    """

    name = "linkedin-connections"
    label = "LinkedIn connections"
    file_names = ("connections.csv",)

    def sniff(self, file: InputFile) -> bool:
        return sniff_header(file, _is_connections)

    def read(self, file: InputFile, options: ReadOptions) -> Network:
        from netaudit.model import Network, SourceFile

        table = read_table(
            file, _is_connections, expect="'First Name,Last Name,…,Connected On' header"
        )
        frame = table.frame
        get = lambda col: frame[col] if col in frame else None  # noqa: E731
        dates, bad = parse_dates(frame["connected on"], CONNECTED_ON_FORMATS)
        people = PeopleBuilder(f"{file.display}", file.display)
        text_cols = [c for c in frame.columns if c != "connected on"]
        first = get("first name")
        last = get("last name")
        url = get("url")
        email = get("email address")
        company = get("company")
        position = get("position")
        hidden = 0
        for i in range(len(frame)):
            fields = {
                "company": company.iat[i].strip() if company is not None else "",
                "position": position.iat[i].strip() if position is not None else "",
                "connected_on": dates.iat[i],
                "is_connection": True,
            }
            if not any(frame[c].iat[i].strip() for c in text_cols):
                hidden += 1
                people.anonymous(hidden=True, **fields)
                continue
            people.person(
                first_name=first.iat[i] if first is not None else "",
                last_name=last.iat[i] if last is not None else "",
                url=url.iat[i] if url is not None else "",
                email=email.iat[i] if email is not None else "",
                **fields,
            )
        era = "with URL (2023+)" if url is not None else "without URL (2018-2023)"
        note = f"{era}, {hidden:,} hidden profiles" if hidden else era
        example = ""
        if bad:
            nonempty = frame["connected on"].str.strip() != ""
            example = frame["connected on"][dates.isna() & nonempty].iat[0]
        return Network(
            people=people.frame(),
            sources=[SourceFile(file.display, self.label, len(frame), note)],
            problems=skipped_problem(file, table)
            + date_problem(file, "Connected On", bad, example),
        )
