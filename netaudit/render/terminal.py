"""Terminal rendering with rich: every figure with its denominator.

rich is imported by the functions that draw: ``analyze --json`` reads this module for the
summary's renderer but prints no table, and saves rich's import (0.03 s of CPU).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netaudit.errors import NEEDS_A_MESSAGE_LOG
from netaudit.model import X_FOLLOWERS, X_FOLLOWING

if TYPE_CHECKING:
    from rich.console import Console

    from netaudit.analyses.summary import Summary


def pct(part: int, whole: int, *, of: bool = True) -> str:
    """``'42 of 1,050 (4.0%)'``; a dash for the percentage when there is no denominator.
    Without ``of`` the denominator is left to a heading or a caption: ``'42 (4.0%)'``.

    >>> pct(42, 1050), pct(42, 1050, of=False)
    ('42 of 1,050 (4.0%)', '42 (4.0%)')
    >>> pct(0, 0)
    '0 of 0 (–)'
    """
    share = f"{100 * part / whole:.1f}%" if whole else "–"
    return f"{part:,} of {whole:,} ({share})" if of else f"{part:,} ({share})"


def pct_ci(part: int, whole: int, ci95: list[float] | tuple[float, float] | None) -> str:
    """:func:`pct` with the 95% interval of the share, for figures that are estimates.

    >>> pct_ci(42, 1050, [0.0297, 0.0536])
    '42 of 1,050 (4.0%, 95% CI 3.0%–5.4%)'
    >>> pct_ci(0, 0, None)
    '0 of 0 (–)'
    """
    if not whole or not ci95:
        return pct(part, whole)
    return (f"{part:,} of {whole:,} ({100 * part / whole:.1f}%, "
            f"95% CI {100 * ci95[0]:.1f}%–{100 * ci95[1]:.1f}%)")


def render_summary(console: Console, summary: Summary) -> None:
    from rich.measure import Measurement
    from rich.table import Table

    n = summary.connections
    title = "Network audit" + (f" of {summary.owner}" if summary.owner else "")
    table = Table(title=title, title_justify="left", show_header=True, header_style="bold")
    table.add_column("Figure")
    table.add_column("Value", justify="right")
    table.add_column("Definition", style="dim")
    span = ""
    if summary.first_connection:  # X's follow lists have no dates: nothing to add then
        span = f"; {summary.first_connection} to {summary.last_connection}"
    table.add_row("Connections", f"{n:,}", f"rows of the connection list(s), one per person{span}")
    table.add_row("Hidden profiles", pct(summary.hidden_profiles, n),
                  "rows holding only a connection date")
    table.add_row("With e-mail address", pct(summary.with_email, n),
                  "connections whose e-mail the export includes")
    inv = summary.invitations
    # Without an invitation list or a message log, the figure is not measured (not 0).
    table.add_row("Invitations", f"{inv['incoming']:,} in / {inv['outgoing']:,} out"
                  if summary.invitation_list else "–",
                  "pending/recent invitations only (LinkedIn keeps no full history)"
                  + ("" if summary.invitation_list else "; needs Invitations.csv"))
    # Without a message read, who you are in touch with is not measured (not 0% and 100%).
    measured, needs = summary.message_log, "; " + NEEDS_A_MESSAGE_LOG
    table.add_row("Ever messaged", pct(summary.messaged, n) if measured else "–",
                  "connections you exchanged at least one message with, either way"
                  + ("" if measured else needs))
    table.add_row("Dormant", pct(summary.dormant, n) if measured else "–",
                  "no message, recommendation or endorsement either way"
                  + ("" if measured else needs))
    if summary.outreach:
        from netaudit.analyses.replies import ESSAY

        o = summary.outreach
        like = o.get("one_to_one_connections")
        if like:
            table.add_row("Reply rate, 1:1 to connections",
                          pct_ci(like["replied"], like["reached"], like["ci95"]),
                          "connections you wrote to first, one to one, who wrote back within "
                          f"{o['window_days']} days (the essay's kind: 42 of 1,050, 4.0%, in "
                          f"{ESSAY})")
        table.add_row("Reply rate, all outreach", pct_ci(o["replied"], o["reached"], o["ci95"]),
                      f"everyone you wrote to first (group messages and people who are not "
                      f"connections included) who wrote back within {o['window_days']} days")
    else:
        table.add_row("Outreach reply rate", "–", NEEDS_A_MESSAGE_LOG)
    conversations = "conversation" if summary.conversations == 1 else "conversations"
    table.add_row("Messages", f"{summary.messages:,} in {summary.conversations:,} {conversations}"
                  if measured else "–",
                  "drafts and sponsored/system rows excluded" + ("" if measured else needs))
    console.print(table)

    if summary.connections_by_year:
        dated = sum(summary.connections_by_year.values())
        growth = Table(title="Connections by year", title_justify="left", header_style="bold")
        growth.add_column("Year")
        growth.add_column("New", justify="right")
        growth.add_column("Total", justify="right")
        growth.add_column("")
        top = max(summary.connections_by_year.values())
        total = 0
        for year, count in summary.connections_by_year.items():
            total += count
            bar = "█" * max(1, round(30 * count / top)) if count else ""
            growth.add_row(year, f"{count:,}", f"{total:,}", f"[cyan]{bar}[/]")
        console.print(growth)
        console.print(f"[dim]New: connections by the year of their connection date; Total: the "
                      f"running sum. {pct(dated, n)} connections have a date.[/]",
                      highlight=False)

    if summary.top_companies or summary.top_roles:
        tops = _tops_table(summary, n, compact=False)
        wide = console.options.update_width(10_000)  # what it needs, not what it gets
        if Measurement.get(console, wide, tops).maximum > console.width:
            # Every share has the same denominator, which the line below the table says: the
            # rows of a large network fit 80 columns instead of taking two lines each.
            tops = _tops_table(summary, n, compact=True)
        console.print(tops)
        console.print(f"[dim]Current company (one row for its spellings, and one for "
                      f"working for oneself), and role family of the position (keywords, "
                      f"netaudit.roles), of the {n - summary.hidden_profiles:,} "
                      f"connections with a visible profile; the largest of each, as shares of "
                      f"all {n:,} connections.[/]", highlight=False)

    if summary.networks:
        render_networks(console, summary.networks)

    for note in summary.missing:
        console.print(f"[yellow]missing:[/] {note}", highlight=False)
    render_next_steps(console)


def _tops_table(summary: Summary, n: int, *, compact: bool) -> Any:
    """The largest companies and role families as a table, each count a share of the ``n``
    connections: ``845 of 30,000 (2.8%)``, or with ``compact`` ``845 (2.8%)`` (the line
    under the table names the denominator)."""
    from rich.table import Table

    def share(count: int | str) -> str:
        return "" if count == "" else pct(int(count), n, of=not compact)

    tops = Table(title="Where they work and what they do", title_justify="left",
                 header_style="bold")
    tops.add_column("Company")
    tops.add_column("Connections", justify="right")
    tops.add_column("Role family")
    tops.add_column("Connections", justify="right")
    for i in range(max(len(summary.top_companies), len(summary.top_roles))):
        c = summary.top_companies[i] if i < len(summary.top_companies) else ("", "")
        r = summary.top_roles[i] if i < len(summary.top_roles) else ("", "")
        tops.add_row(str(c[0]), share(c[1]), str(r[0]), share(r[1]))
    return tops


#: What to run after the one-screen audit (issue 15: analyze ends with the next steps).
NEXT_STEPS = (
    ("netaudit ties PATH...", "who to re-engage, who to prune"),
    ("netaudit replies PATH...", "the reply rate beside the essay's 4.0%"),
    ("netaudit introduce PATH...", "who should meet whom"),
    ("netaudit report PATH... -o audit.pdf", "a report to read or hand on"),
)


def render_next_steps(console: Console) -> None:
    """The closing lines of ``analyze``: the commands that answer the next questions, with the
    same PATH... the audit was given."""
    console.print("[bold]Next steps[/] (the same PATH... as above):", highlight=False)
    width = max(len(command) for command, _ in NEXT_STEPS)
    for command, what in NEXT_STEPS:
        console.print(f"  [cyan]{command.ljust(width)}[/]  {what}", highlight=False)


def render_networks(console: Console, spread: dict) -> None:
    """The 'Across networks' section of analyze (README "What the numbers mean")."""
    from rich.table import Table

    people, active = spread["people"], spread["active_ties"]
    table = Table(title=f"Across networks: {len(spread['networks'])} networks",
                  title_justify="left", header_style="bold")
    table.add_column("Network")
    table.add_column("People", justify="right")
    table.add_column("Ever talked to there", justify="right")
    table.add_column("Active ties living there", justify="right")
    for row in spread["per_network"]:
        table.add_row(row["network"], f"{row['people']:,}",
                      pct(row["talked_to"], row["people"]),
                      pct(spread["active_by_network"].get(row["network"], 0), active))
    console.print(table)
    console.print(
        f"[dim]People: on that network's files (you left out); ever talked to: exchanged a "
        f"message with you on that network; an active tie lives on the network of its last "
        f"contact.[/]\nOn two or more networks: {pct(spread['on_several'], people)} people. "
        f"Active ties with no contact on LinkedIn: "
        f"{pct(spread['active_only_off_linkedin'], active)}.", highlight=False)


# -- What was read, in one line (issue 15) -------------------------------------------------

#: What one row of each reader's file is (singular, plural), for the one line saying what
#: was read, in the order the line lists them. A file of the owner alone (Profile.csv,
#: account.js) is not counted: the owner is named after.
ROW_UNITS = {
    "LinkedIn connections": ("connection", "connections"),
    "Facebook friends": ("friend", "friends"),
    "Facebook friend requests": ("friend request", "friend requests"),
    "Facebook removed friends": ("removed friend", "removed friends"),
    "vCard address book": ("contact", "contacts"),
    "Google Contacts CSV": ("contact", "contacts"),
    "Outlook contacts CSV": ("contact", "contacts"),
    "contacts CSV": ("contact", "contacts"),
    "LinkedIn messages": ("message", "messages"),
    "message log CSV": ("message", "messages"),
    "WhatsApp chat": ("message", "messages"),
    "Telegram export": ("message", "messages"),
    "Facebook Messenger thread": ("message", "messages"),
    "Instagram conversation": ("message", "messages"),
    "mbox mail archive": ("e-mail", "e-mails"),
    "LinkedIn invitations": ("invitation", "invitations"),
    "LinkedIn recommendations": ("recommendation", "recommendations"),
    "LinkedIn endorsements": ("endorsement", "endorsements"),
}
#: Units of lists of people: two files of one (a connection list and an edited copy of it)
#: name many people twice, so the line says how many lists its count sums.
LISTS = {ROW_UNITS["LinkedIn connections"], ROW_UNITS["Facebook friends"],
         ROW_UNITS["contacts CSV"]}
_X_UNITS = {X_FOLLOWERS: ("X follower", "X followers"),
            X_FOLLOWING: ("X account followed", "X accounts followed")}


def _unit(source: Any) -> tuple[str, str] | None:
    """The words for one row of ``source`` (a :class:`~netaudit.model.SourceFile`), None
    for a file of the owner alone."""
    label, note = source.kind, source.note
    if label.endswith("(the owner)") or note.startswith("the owner"):
        return None
    if label == "X/Twitter archive":
        return next((words for start, words in _X_UNITS.items() if note.startswith(start)),
                    ("message", "messages"))
    return ROW_UNITS.get(label, (f"row of {label}", f"rows of {label}"))


def _root(display: str) -> str:
    """The input a file was found in: the ZIP of a member, else the file itself.

    >>> _root("exports/a.zip:Jobs/Saved Jobs.csv"), _root("folder/Connections.csv")
    ('exports/a.zip', 'folder/Connections.csv')
    """
    import re

    found = re.match(r"(.*?\.zip):", display, re.IGNORECASE)
    return found.group(1) if found else display


def read_what(displays: list[str]) -> str:
    """How the inputs read are named on the one line: the ZIP, folder or file they share.

    >>> read_what(["x/Basic.zip:Connections.csv", "x/Basic.zip:messages.csv"])
    'Basic.zip'
    >>> read_what(["s/networks/x/data/account.js", "s/networks/linkedin/Connections.csv"])
    'networks'
    >>> read_what(["a.vcf", "b/c.mbox"])
    '2 inputs'
    """
    import os

    roots = list(dict.fromkeys(_root(d) for d in displays))
    if len(roots) == 1:
        return os.path.basename(roots[0].rstrip("/\\")) or roots[0]
    try:
        common = os.path.commonpath(roots)
    except ValueError:
        common = ""
    name = os.path.basename(common.rstrip("/\\"))
    return name if name and name != "." else f"{len(roots):,} inputs"


def inputs_named(inputs: list[str]) -> str:
    """The inputs given, by their names (a ZIP, a folder, a file), or their number when
    that would be long.

    >>> inputs_named(["samples/Basic.zip"]), inputs_named(["n/x", "n/linkedin/"])
    ('Basic.zip', 'x, linkedin')
    >>> inputs_named([f"exports/client-{i:02d}.zip" for i in range(6)])
    '6 inputs'
    """
    import os

    names = [os.path.basename(i.rstrip("/\\")) or i for i in inputs]
    joined = ", ".join(names)
    return joined if len(joined) <= 48 or len(names) == 1 else f"{len(names):,} inputs"


def reading_line(sources: list[Any], anonymous: bool = False,
                 inputs: list[str] | None = None, connections: int | None = None) -> str:
    """What was read, summed per kind of row: people first, then messages, then the rest;
    the ``inputs`` given named by :func:`inputs_named` (without them, the files by
    :func:`read_what`; ``anonymous``: by their number of files).

    >>> from netaudit.model import SourceFile
    >>> reading_line([SourceFile("B.zip:Recommendations_Given.csv", "LinkedIn recommendations", 4),
    ...               SourceFile("B.zip:Connections.csv", "LinkedIn connections", 300),
    ...               SourceFile("B.zip:Recommendations_Received.csv", "LinkedIn recommendations", 5),
    ...               SourceFile("B.zip:messages.csv", "LinkedIn messages", 1),
    ...               SourceFile("B.zip:Profile.csv", "LinkedIn profile (the owner)", 1)])
    'read B.zip: 300 connections, 1 message, 9 recommendations'

    Lists of people given twice or more overlap: their rows are summed here, and said to be
    (the audit counts each person once):

    >>> reading_line([SourceFile("x/Connections.csv", "LinkedIn connections", 1457),
    ...               SourceFile("x/Connections copy.csv", "LinkedIn connections", 1429)])
    'read x: 2,886 connections in 2 lists'

    With ``connections``, the people those lists hold (the network's connections), when no
    other list of people was read:

    >>> reading_line([SourceFile("x/Connections.csv", "LinkedIn connections", 150),
    ...               SourceFile("x/audited.csv", "LinkedIn connections", 250)], connections=250)
    'read x: 400 connections in 2 lists, 250 people'
    """
    counts: dict[tuple[str, str], int] = {}
    files_of: dict[tuple[str, str], int] = {}
    for source in sources:
        unit = _unit(source)
        if unit is not None:
            counts[unit] = counts.get(unit, 0) + source.rows
            files_of[unit] = files_of.get(unit, 0) + 1
    order = list(dict.fromkeys(ROW_UNITS.values()))
    ranked = sorted(counts, key=lambda u: order.index(u) if u in order else len(order))
    # The people of several lists of connections, when they are all the lists of people.
    linkedin = ROW_UNITS["LinkedIn connections"]
    people = (f", {connections:,} people" if connections is not None
              and {u for u in counts if u in LISTS} == {linkedin} else "")
    what = ", ".join(f"{counts[u]:,} {u[counts[u] != 1]}"
                     + (f" in {files_of[u]:,} lists" + (people if u == linkedin else "")
                        if u in LISTS and files_of[u] > 1 else "")
                     for u in ranked)
    if not sources:
        files = "nothing"
    elif anonymous:  # an input's name may be a person's ('WhatsApp Chat with …')
        files = f"{len(sources):,} file{'' if len(sources) == 1 else 's'}"
    elif inputs:
        files = inputs_named(inputs)
    else:
        files = read_what([s.path for s in sources])
    return f"read {files}: {what or 'no rows'}"


def owner_how(how: str, sources: list[Any]) -> str:
    """How the owner was found, short: the first reason, file paths by their file name.

    >>> owner_how("profile in x/B.zip:Profile.csv; your accounts on linkedin, x joined", [])
    'Profile.csv'
    >>> owner_how("present in 3 of 3 conversations", [])
    'present in 3 of 3 conversations'
    """
    import re

    first = how.split(";", 1)[0].strip()
    # A path (a ZIP member, a file in a folder): its last part.
    first = re.sub(r"\S*[/\\:](\S+)", lambda m: m.group(1).rsplit("/", 1)[-1], first)
    return first.removeprefix("profile in ")


# -- Tables that fit the terminal (issue 15) ------------------------------------------------
#
# One rule for every table, applied where everything is printed (cli._common's console):
# a name is never cut. Each column gets at least its longest word (a number its whole
# width); when even that is too wide for the terminal, the columns marked droppable go, the
# lowest priority first, and one dim line says which; a column of definitions marked as
# footnotes (any column headed 'Definition' is) moves under the table when it would be
# squeezed narrower than FOOTNOTE_WIDTH.

#: Narrower than this, a definitions column is printed under its table instead.
FOOTNOTE_WIDTH = 40

#: A column of words (a name) gets at least this width (or its widest cell) when the others
#: can give way, and before a droppable column is kept.
NAME_WIDTH = 24

_DROP = "_netaudit_drop"
_FOOTNOTE = "_netaudit_footnote"


def droppable(table: Any, *headers: str) -> Any:
    """Mark columns of ``table`` (by header) that a narrow terminal may hide, the first
    named hidden first. Returns ``table``."""
    for column in table.columns:
        if column.header in headers:
            setattr(column, _DROP, headers.index(column.header))
    return table


def footnote(table: Any, header: str) -> Any:
    """Mark the definitions column ``header`` of ``table``: under a narrow terminal its cells
    are printed under the table, each after its row's first cell. Returns ``table``."""
    for column in table.columns:
        if column.header == header:
            setattr(column, _FOOTNOTE, True)
    return table


def _is_number(text: str) -> bool:
    """A cell never wrapped: digits with their separators, signs, percents and dashes, and
    shares ('13 of 14 (92.9%)').

    >>> _is_number("1,496"), _is_number("-0.25"), _is_number("13 of 14 (92.9%)")
    (True, True, True)
    >>> _is_number("Ana"), _is_number("19 of 100 (19.0%, 95% CI 12.5%–27.8%)")
    (False, False)
    """
    import re

    return bool(text.strip()) and re.fullmatch(r"(?:[\d\s.,%+\-–—:/()×]|of)+",
                                               text.strip()) is not None


def _spread(ceilings: list[int], floors: list[int], room: int) -> list[int]:
    """Column widths within ``room``: each at most its ceiling, at least its floor, the
    widest narrowed first (as rich does, but never below a floor).

    Here 178 - 70 = 108 cells too many: 110 -> 38 (72), both 38s -> 30 (16), the three
    30s -> 24 (18), then the first two lose the last 2.

    >>> _spread([30, 38, 110], [12, 12, 14], 70)
    [23, 23, 24]
    >>> _spread([5, 10], [5, 4], 30)
    [5, 10]
    """
    widths = list(ceilings)
    excess = sum(widths) - room
    while excess > 0:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widest = max(widths[i] for i in shrinkable)
        for i in shrinkable:
            if widths[i] == widest and excess > 0:
                widths[i] -= 1
                excess -= 1
    return widths


def fit_table(console: Any, table: Any, width: int | None = None) -> list[Any]:
    """``table`` made to fit ``width`` (default: the console's) without cutting a word,
    and what to print after it: the definitions moved under it, the note of hidden columns.
    The table is changed in place (columns removed, widths set)."""
    from rich.measure import Measurement
    from rich.text import Text

    width = width or console.width
    if table.width is not None or not table.columns:
        return [table]
    options = console.options.update_width(max(width, 1000))

    def plain(cell: Any) -> str:
        if isinstance(cell, str):
            return console.render_str(cell).plain
        return cell.plain if isinstance(cell, Text) else ""

    # Columns never wrapped: those the code said so of, and numbers and shares (until a
    # share must wrap after all, below).
    atomic = {id(c) for c in table.columns if c.no_wrap or (
        c._cells and all(_is_number(plain(x)) for x in c._cells if plain(x).strip()))}
    code_said = {id(c) for c in table.columns if c.no_wrap}

    def bounds(column: Any) -> tuple[int, int]:
        """(floor, ceiling): the longest word (an atomic cell's whole width), the widest
        cell; a header wraps between its words."""
        whole = id(column) in atomic
        low = high = 0
        for cell in column._cells:
            if cell == "" or cell is None:
                continue
            measured = Measurement.get(console, options, cell)
            low = max(low, measured.maximum if whole else measured.minimum)
            high = max(high, measured.maximum)
        if table.show_header and column.header:
            measured = Measurement.get(console, options, column.header)
            low, high = max(low, measured.minimum), max(high, measured.maximum)
        return low, high

    def reindex() -> None:
        for index, column in enumerate(table.columns):
            column._index = index

    def overhead() -> int:
        return table._extra_width + sum(table._get_padding_width(i)
                                        for i in range(len(table.columns)))

    measured = {id(c): bounds(c) for c in table.columns}

    def floors_fit() -> bool:
        return sum(measured[id(c)][0] for c in table.columns) + overhead() <= width

    def widths() -> list[int]:
        ceilings = [measured[id(c)][1] for c in table.columns]
        floors = [measured[id(c)][0] for c in table.columns]
        room = width - overhead()
        # Columns of words (left-aligned; a right-aligned one holds figures) keep up to
        # NAME_WIDTH while the others can give way: the first (it names the row: a person,
        # a figure), then the shortest first (a name, a status), so that long texts
        # (positions, reasons) take the squeeze.
        words = [i for i, c in enumerate(table.columns)
                 if id(c) not in atomic and c.justify == "left"]
        for i in words[:1] + sorted(words[1:], key=lambda i: ceilings[i]):
            wide = [*floors]
            wide[i] = max(floors[i], min(ceilings[i], NAME_WIDTH))
            if sum(wide) <= room:
                floors = wide
        return _spread(ceilings, floors, room)

    def finish(after: list[Any]) -> list[Any]:
        for column in table.columns:
            # Never '…'; only a word wider than a line folds. A number stays whole by its
            # column's width (its floor), and its header can still wrap between words.
            if not column.no_wrap:
                column.overflow = "fold"
        return [table, *after]

    if sum(measured[id(c)][1] for c in table.columns) + overhead() <= width:
        return finish([])
    after: list[Any] = []
    for column in [c for c in table.columns
                   if getattr(c, _FOOTNOTE, False) or c.header == "Definition"]:
        given = widths()[table.columns.index(column)]
        if given < min(measured[id(column)][1], FOOTNOTE_WIDTH) and len(table.columns) > 1:
            keys = [plain(c) for c in table.columns[0]._cells]
            for key, text in zip(keys, [plain(c) for c in column._cells], strict=False):
                if text.strip():
                    after.append(Text.assemble((f"{key}: " if key else "", "dim"),
                                               (text, "dim")))
            table.columns.remove(column)
            reindex()

    def cramped() -> bool:
        # Too wide even at the floors, or a column of words that stays (a name) squeezed
        # under NAME_WIDTH while a droppable one is still shown.
        return not floors_fit() or any(
            getattr(c, _DROP, None) is None and id(c) not in atomic
            and given < min(measured[id(c)][1], NAME_WIDTH)
            for c, given in zip(table.columns, widths(), strict=True))

    hidden: list[str] = []
    while cramped():
        marked = [c for c in table.columns if getattr(c, _DROP, None) is not None]
        if not marked:
            break
        gone = min(marked, key=lambda c: getattr(c, _DROP))
        hidden.append(str(gone.header))
        table.columns.remove(gone)
        reindex()
    while not floors_fit():
        # Still too wide: shares ('13 of 14 (92.9%)') wrap between their words too, the
        # widest column of them first.
        shares = [c for c in table.columns if id(c) in atomic and id(c) not in code_said]
        if not shares:
            break
        widest = max(shares, key=lambda c: measured[id(c)][0])
        atomic.discard(id(widest))
        measured[id(widest)] = bounds(widest)
    if not floors_fit():
        # Even so too wide: the longest words give way (a path or a URL, folded), the
        # longest first; a short name keeps its width.
        room = width - overhead()
        floors = _spread([measured[id(c)][0] for c in table.columns],
                         [1] * len(table.columns), room)
        for column, floor in zip(table.columns, floors, strict=True):
            low, high = measured[id(column)]
            measured[id(column)] = (floor, high if floor == low else floor)
    for column, given in zip(table.columns, widths(), strict=True):
        column.width = max(given, 1)
    if hidden:
        names = ", ".join(f"'{h}'" for h in hidden)
        after.append(Text(f"narrow terminal: {'column' if len(hidden) == 1 else 'columns'} "
                          f"{names} hidden; --json or a wider terminal shows "
                          f"{'it' if len(hidden) == 1 else 'them'}", style="dim"))
    return finish(after)
