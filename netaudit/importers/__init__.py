"""Reading every source a person has into one :class:`~netaudit.model.Network`.

``REGISTRY`` lists the importers in the order detection tries them; each decides from a file's
content (``sniff``), never its name. :func:`load` walks the paths (folders, ZIPs, files), reads
what it recognizes, merges the people across files and works out whose network it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from netaudit.collector import collector_paused
from netaudit.errors import (
    OWNER_SENT_NOTHING,
    InputError,
    Problem,
    UnrecognizedInput,
    UsageError,
)
from netaudit.importers.base import Importer, Progress, ReadOptions
from netaudit.importers.csvfile import GenericContacts, GoogleContacts, OutlookContacts
from netaudit.importers.facebook import (
    INSTAGRAM_LABEL,
    FacebookFriends,
    FacebookHtml,
    FacebookMessages,
    FacebookProfile,
    download_file_not_read,
    holds_download,
)
from netaudit.importers.inputs import InputFile, iter_inputs, shown_path
from netaudit.importers.linkedin import (
    Connections,
    Endorsements,
    Invitations,
    Messages,
    Profile,
    Recommendations,
    is_export_file_not_read,
    non_contact_kind,
)
from netaudit.importers.mbox import Mbox
from netaudit.importers.messagelog import MessageLog
from netaudit.importers.telegram import Telegram
from netaudit.importers.twitter import (
    Twitter,
    archive_file_not_read,
    archive_roots,
    archive_viewer_or_media,
    mutual_follows,
)
from netaudit.importers.vcard import VCard
from netaudit.importers.whatsapp import WhatsApp

if TYPE_CHECKING:
    from netaudit.model import Network, Owner

#: Detection order matters only where two formats could both claim a file: the specific
#: LinkedIn files come before the generic CSV readers.
REGISTRY: list[Importer] = [
    Connections(),
    Messages(),
    Invitations(),
    Recommendations(),
    Endorsements(),
    Profile(),
    # Other sources: mail and vCard cannot be mistaken for a CSV; the message log before the
    # contact readers, the generic contacts CSV last of all.
    VCard(),
    Mbox(),
    # Chat networks: JSON, X's JavaScript and WhatsApp's text lines cannot be mistaken for a
    # CSV, but the generic readers below must never get the chance to try.
    FacebookFriends(),
    FacebookProfile(),
    FacebookMessages(),
    FacebookHtml(),
    Twitter(),
    Telegram(),
    WhatsApp(),
    MessageLog(),
    GoogleContacts(),
    OutlookContacts(),
    GenericContacts(),
]


def importer_named(name: str) -> Importer:
    for importer in REGISTRY:
        if importer.name == name:
            return importer
    names = ", ".join(i.name for i in REGISTRY)
    raise UsageError(f"unknown format {name!r}", hint=f"use one of: {names}")


def detect(file: InputFile) -> Importer | None:
    """The first importer that recognizes ``file``'s content, or None."""
    for importer in REGISTRY:
        if importer.sniff(file):
            return importer
    return None


def read_paths(
    paths: Sequence[str | Path],
    *,
    fmt: str | None = None,
    options: ReadOptions | None = None,
    once: _ReadOnce | None = None,
) -> list[Network]:
    """One Network fragment per recognized file (people not yet merged across files);
    ``once`` learns which fragments come from files with the same bytes.

    A file named directly that nothing recognizes is an error; inside a folder or ZIP such
    files are skipped (an export holds many files netaudit has no use for) and counted. A path
    under which nothing at all is recognized is an error.
    """
    options = options or ReadOptions()
    forced = importer_named(fmt) if fmt else None
    fragments: list[Network] = []
    later_skipped = later_not_contacts = 0
    later_unread: list[str] = []
    later_names: list[str] = []
    for raw in paths:
        path = Path(raw)
        problems: list[Problem] = []
        files = iter_inputs([path], problems)
        direct = path.is_file() and len(files) == 1 and files[0].display == shown_path(path)
        # 'netaudit analyze *.csv' on a Complete export names 40 files: one that is not for
        # netaudit is skipped and counted, as inside a folder. Alone it is an error.
        among_many = direct and len(paths) > 1
        direct = direct and not among_many
        read_here = 0
        ignored = 0
        skipped: list[str] = []
        unread: list[str] = []
        not_contacts = 0
        misnamed: list[int] = []  # the problems of files named like a known file
        # Connection lists first: their names (with their commas, 'Reyes, MA, PhD') split
        # the TO cells of a messages file without recipient URLs (issue 10).
        if not forced and len(files) > 1:
            files = sorted(files, key=lambda f: not Connections().sniff(f))
        x_roots = archive_roots([f.display for f in files]) if not forced else ()
        facebook = not forced and holds_download([f.name for f in files])
        for file in files:
            if not forced and archive_viewer_or_media(file, x_roots):
                unread.append(file.display)  # never an export: not even looked at
                continue
            kind = None if forced else non_contact_kind(file)
            if kind:
                if direct:
                    raise UnrecognizedInput(
                        f"is LinkedIn's {kind} file: it names you, not your contacts",
                        hint="pass the export ZIP or folder, or its Connections.csv",
                        path=file.display)
                not_contacts += 1
                unread.append(file.display)  # named by -v: the count alone said not which
                continue
            importer = forced or detect(file)
            if importer is None:
                if direct:
                    why, hint = _why_unrecognized(file)
                    raise UnrecognizedInput(why, hint=hint, path=file.display)
                skipped.append(_inside(file.display, shown_path(path)))
                if file.name.lower() in _KNOWN_NAMES:
                    ignored += 1
                    misnamed.append(len(problems))
                    problems.append(Problem(
                        file.display,
                        f"is named like {_article(_KNOWN_NAMES[file.name.lower()])} "
                        f"{_KNOWN_NAMES[file.name.lower()]} file but its header is not one "
                        "netaudit knows; it was ignored", unit="file",
                    ))
                elif (is_export_file_not_read(file) or (facebook and download_file_not_read(file))
                      or archive_file_not_read(file, x_roots)):
                    # Skills.csv, Registration.csv…, a Facebook download's settings and
                    # photos, an X archive's viewer: expected in an export, not a warning
                    # (issue 15); -v lists them.
                    skipped.pop()
                    unread.append(file.display)
                else:
                    ignored += 1
                continue
            if options.progress:
                options.progress(f"reading {file.name}", 0, None)
            fragment = importer.read(file, options)
            if once is not None:
                once.note(file, fragment)
            if importer.channel and len(fragment.messages):
                unset = fragment.messages["channel"] == ""
                if unset.any():
                    fragment.messages.loc[unset, "channel"] = importer.channel
            if len(fragment.people):
                fragment.people["networks"] = _network_of(importer, fragment)
            fragments.append(fragment)
            read_here += 1
        if read_here == 0 and among_many:
            later_skipped += ignored
            later_names.extend(skipped)
            later_unread.extend(unread)
            later_not_contacts += not_contacts
            continue
        if read_here == 0:
            # A file named like one netaudit reads says more than the count (its warning
            # without 'it was ignored').
            first = problems[misnamed[0]] if misnamed else None
            raise UnrecognizedInput(
                f"contains nothing netaudit can read ({len(files)} "
                f"file{'' if len(files) == 1 else 's'} looked at"
                + (f"; {first.path} {first.message.split(';')[0]}" if first else "") + ")",
                hint="pass a LinkedIn export (ZIP or folder), a contacts CSV, a vCard, an mbox, "
                "or a Facebook, X, WhatsApp or Telegram export",
                path=shown_path(path),
            )
        if fragments:
            fragments[-1].problems.extend(problems)
            fragments[-1].unread.extend(unread)
            if not_contacts:
                fragments[-1].set_aside["non_contact_files"] = (
                    fragments[-1].set_aside.get("non_contact_files", 0) + not_contacts)
            if ignored:
                fragments[-1].problems.append(
                    Problem(shown_path(path), _skipped_what(skipped), ignored, unit="file")
                )
    if not fragments:
        raise UnrecognizedInput(
            f"none of the {len(paths)} files given is one netaudit can read",
            hint="pass a LinkedIn export (ZIP or folder), a contacts CSV, a vCard or an mbox",
            path=str(paths[0]))
    fragments[-1].unread.extend(later_unread)
    if later_skipped:
        fragments[-1].problems.append(Problem(
            "input", _skipped_what(later_names), later_skipped, unit="file"))
    if later_not_contacts:
        fragments[-1].set_aside["non_contact_files"] = (
            fragments[-1].set_aside.get("non_contact_files", 0) + later_not_contacts)
    return fragments


@dataclass
class _Read:
    """A file :class:`_ReadOnce` noted: its SHA-256 (computed once another file has its
    size) and the first file noted with the same bytes (itself when none)."""

    file: InputFile
    first: InputFile
    digest: bytes | None = None


class _ReadOnce:
    """Files given twice with the same bytes, counted once.

    People unzip their export into the folder that holds the ZIP and pass the folder, or
    pass the ZIP and the folder: every file comes twice. Rows with nothing to join them by
    were then counted twice: on a published 2023 export (1,860 connections) the folder
    holding its ZIP and the extracted CSVs read as 1,910 connections, its 41 hidden profiles
    as 82, and 17 system rows as 34. Of the files :func:`one_owner` keeps, one with the same
    bytes as a file kept before it adds nothing: its fragment is dropped, and one line per
    export says how many files were taken from where. This comes after :func:`one_owner`,
    which needs every export whole: two exports of one person made months apart often hold
    the same ``Profile.csv``, and the newer one must keep its own. Files are compared only
    when their sizes are equal (by SHA-256 of their content), so an export given once costs
    nothing more; a file without a row (a header alone, which ``Recommendations_Given.csv``
    and ``Recommendations_Received.csv`` share) is always kept. A LinkedIn file that holds
    the same rows as another in another layout (a copy re-saved by a spreadsheet) is left
    out too (:meth:`_drop_resaved`); files whose rows differ are both kept, and their
    repeated rows merged (:func:`drop_repeated_rows`).
    """

    def __init__(self) -> None:
        self._by_size: dict[int, list[_Read]] = {}
        #: id() of each fragment noted -> what was noted of its file.
        self._of: dict[int, _Read] = {}

    def note(self, file: InputFile, fragment: Network) -> None:
        """Remember that ``fragment`` was read from ``file``."""
        seen = self._by_size.setdefault(file.size, [])
        read = _Read(file, file, _digest(file) if seen else None)
        for other in seen:
            if other.digest is None:
                other.digest = _digest(other.file)
            if other.digest == read.digest:
                read.first = other.first
                break
        seen.append(read)
        self._of[id(fragment)] = read

    def drop_copies(self, fragments: list[Network]) -> list[Network]:
        """``fragments`` without those whose file has the same bytes as another one's, and a
        line per export saying how many were dropped. Of each set of copies, the one kept is
        in the export met first (its ZIP or folder), so that the copies of one export all
        point the same way: with files sorted connection lists first, a folder's
        Connections.csv comes before its ZIP's, and the ZIP's messages.csv before the
        folder's, which read as two warnings pointing opposite ways. What reading a path
        added to a dropped fragment (files skipped or not read, and their warnings) moves
        to the fragment kept in its place."""
        rank: dict[str, int] = {}
        for fragment in fragments:
            read = self._of.get(id(fragment))
            if read is not None:
                rank.setdefault(export_of(read.file.display), len(rank))
        keeper: dict[int, Network] = {}  # id() of the first file with those bytes -> kept
        for fragment in fragments:
            read = self._of.get(id(fragment))
            if read is None or not any(len(table) for table in (
                    fragment.people, fragment.messages, fragment.invitations,
                    fragment.interactions)):
                # Nothing in it to count twice: a header alone, which files of different
                # kinds can share (Recommendations_Given.csv and _Received.csv).
                continue
            held = keeper.get(id(read.first))
            if held is None or rank[export_of(read.file.display)] < rank[
                    export_of(self._of[id(held)].file.display)]:
                keeper[id(read.first)] = fragment
        kept: list[Network] = []
        copies: dict[tuple[str, str], list[tuple[InputFile, InputFile]]] = {}
        for fragment in fragments:
            read = self._of.get(id(fragment))
            instead = keeper.get(id(read.first)) if read is not None else None
            if read is None or instead is None or instead is fragment:
                kept.append(fragment)
                continue
            its_file = self._of[id(instead)].file
            _move_path_notes(fragment, instead, read.file.display)
            key = (export_of(read.file.display), export_of(its_file.display))
            copies.setdefault(key, []).append((read.file, its_file))
        for (copy, original), pairs in copies.items():
            if len(pairs) == 1:
                file, its_file = pairs[0]
                problem = Problem(file.display, f"left out: the same bytes as "
                                  f"{its_file.display}", unit="file")
            else:
                problem = Problem(copy, f"left out: the same bytes as files read from "
                                  f"{original}", len(pairs), unit="file")
            kept[-1].problems.append(problem)
        return self._drop_resaved(kept, rank)

    def _drop_resaved(self, fragments: list[Network], rank: dict[str, int]) -> list[Network]:
        """``fragments`` without the files that hold the same rows as another one, written
        differently: a copy saved again by a spreadsheet beside the file it was opened from.

        Excel writes a BOM, CRLF and its own quoting, ``12-Jan-23`` for ``12 Jan 2023`` and
        ``4/22/2023 8:18`` for ``2023-04-22 08:18:53`` (docs/formats.md): the bytes differ,
        so :meth:`drop_copies` keeps both. Their rows with a profile URL merged, but the
        hidden profiles of a connection list counted twice (the sample's 7 as 14), and every
        message of a messages.csv twice (1,496 as 2,972), as a date cut to the minute no
        longer matches its original. Files of one kind with as many rows in each table are
        compared by what a re-save leaves as it was once read (:func:`_resave_digest`); of
        two with the same rows, the one with dates to the second is kept (the original),
        then one that is not itself a re-save, then the one met first. Only LinkedIn's
        files, whose re-saves are a measured fact; the people other files share merge by
        their address."""
        buckets: dict[tuple[object, ...], list[int]] = {}
        for at, fragment in enumerate(fragments):
            if self._of.get(id(fragment)) is None or len(fragment.sources) != 1 \
                    or not fragment.sources[0].kind.startswith("LinkedIn"):
                continue
            sizes = tuple(len(getattr(fragment, name)) for name in _RESAVE_KEYS)
            if any(sizes):
                buckets.setdefault((fragment.sources[0].kind, *sizes), []).append(at)

        def preference(at: int) -> tuple[int, bool, int, int]:
            """Of files with the same rows, the one to keep sorts first."""
            fragment = fragments[at]
            display = self._of[id(fragment)].file.display
            return (-_seconds_given(fragment),
                    fragment.sources[0].note.startswith("spreadsheet re-save"),
                    rank.get(export_of(display), len(rank)), at)

        dropped: dict[int, int] = {}  # position of a copy -> position of the file kept
        for positions in buckets.values():
            by_rows: dict[bytes, list[int]] = {}
            for at in positions if len(positions) > 1 else ():
                digest = _resave_digest(fragments[at])
                if digest is not None:
                    by_rows.setdefault(digest, []).append(at)
            for same in by_rows.values():
                keep, *copies = sorted(same, key=preference)
                dropped.update(dict.fromkeys(copies, keep))
        if not dropped:
            return fragments
        kept = [f for at, f in enumerate(fragments) if at not in dropped]
        for at, keep in sorted(dropped.items()):
            file = self._of[id(fragments[at])].file
            _move_path_notes(fragments[at], fragments[keep], file.display)
            kept[-1].problems.append(Problem(
                file.display, "left out: the same rows as "
                f"{self._of[id(fragments[keep])].file.display}, saved again in another layout "
                "(a copy re-saved by a spreadsheet)", unit="file"))
        return kept


#: Per table, the columns :func:`_resave_digest` compares: what a spreadsheet's re-save of a
#: file leaves as it was once read (ids, URLs and e-mails are ASCII; flags), and the dates, to
#: the minute. Names, companies and message text are left out: saved as "CSV" rather than
#: "CSV UTF-8", Excel writes what cp1252 lacks as '?'.
_RESAVE_KEYS: dict[str, tuple[str, ...]] = {
    "people": ("profile_url", "email", "connected_on", "hidden", "is_connection", "is_owner"),
    "messages": ("conversation_id", "sent_at"),
    "invitations": ("direction", "sent_at"),
    "interactions": ("kind", "direction", "at"),
}
#: Per table, the columns of which one at least must be set in every row for
#: :func:`_resave_digest` to tell files apart by them: two address books of names alone, as
#: many in each, would otherwise look like copies of one another.
_RESAVE_TELLING: dict[str, tuple[str, ...]] = {
    "people": ("profile_url", "email", "connected_on"),
    "messages": ("conversation_id", "sent_at"),
    "invitations": ("sent_at",),
    "interactions": ("at",),
}


def _resave_digest(fragment: Network) -> bytes | None:
    """A digest of ``fragment``'s rows by :data:`_RESAVE_KEYS`, in any order (a sorted
    spreadsheet is still a copy), the same for a file and its re-saves; None when some row
    has none of :data:`_RESAVE_TELLING`. The people of a file of messages are not compared:
    they are who its messages name."""
    import hashlib

    import numpy as np
    import pandas as pd

    digest = hashlib.sha256()
    for name, columns in _RESAVE_KEYS.items():
        table = getattr(fragment, name)
        if not len(table) or (name == "people" and len(fragment.messages)):
            # A message file's people are who its rows name: the rows say it already, and
            # some have no URL (a sponsored sender, 'LinkedIn Member').
            continue
        keys = pd.DataFrame(index=table.index)
        telling = np.zeros(len(table), dtype=bool)
        for column in columns:
            values = table[column]
            if isinstance(values.dtype, pd.DatetimeTZDtype):
                values = values.dt.floor("min")
                set_ = values.notna()
            elif values.dtype == bool:
                set_ = pd.Series(False, index=table.index)
            else:
                values = values.astype(str).str.casefold()
                set_ = values != ""
            if column in _RESAVE_TELLING[name]:
                telling |= set_.to_numpy(dtype=bool)
            keys[column] = values
        if not telling.all():
            return None
        hashed = np.sort(pd.util.hash_pandas_object(keys, index=False).to_numpy())
        digest.update(name.encode() + hashed.tobytes())
    return digest.digest()


def _seconds_given(fragment: Network) -> int:
    """How many of ``fragment``'s dates say more than the minute: the original of a file
    re-saved by a spreadsheet, which writes none."""
    import pandas as pd

    count = 0
    for name, columns in _RESAVE_KEYS.items():
        table = getattr(fragment, name)
        for column in columns:
            values = table[column] if len(table) else None
            if values is not None and isinstance(values.dtype, pd.DatetimeTZDtype):
                count += int((values.dt.second.fillna(0) != 0).sum())
    return count


def _move_path_notes(dropped: Network, kept: Network, display: str) -> None:
    """Move to ``kept`` what :func:`read_paths` attached to ``dropped`` about the path it was
    read from, not about its own file (``display``): files skipped or not read, and the
    warnings about them."""
    kept.problems.extend(p for p in dropped.problems if p.path != display)
    kept.unread.extend(dropped.unread)
    files = dropped.set_aside.get("non_contact_files", 0)
    if files:
        kept.set_aside["non_contact_files"] = kept.set_aside.get("non_contact_files", 0) + files


def _digest(file: InputFile) -> bytes:
    import hashlib

    return hashlib.sha256(file.read_buffer()).digest()


def _network_of(importer: Importer, fragment: Network) -> str:
    """The network a file's people were seen on: its messages' one channel (Instagram's
    threads are read by the Messenger reader), else the reader's network."""
    if len(fragment.messages):
        # The distinct values, not every row's as a Python text (0.03 s on 500,000).
        channels = set(fragment.messages["channel"].unique().tolist()) - {""}
        if len(channels) == 1:
            return channels.pop()
    return importer.network or importer.channel


_KNOWN_NAMES = {
    name: importer.label for importer in REGISTRY for name in importer.file_names
}


def _inside(display: str, container: str) -> str:
    """A file's name inside the export it came from: ``Jobs/notes.csv`` for
    ``export.zip:Jobs/notes.csv`` or ``export/Jobs/notes.csv``; the whole name otherwise.

    >>> _inside("a/export.zip:Jobs/notes.csv", "a/export.zip"), _inside("e/Videos.csv", "e")
    ('Jobs/notes.csv', 'Videos.csv')
    """
    for sep in (":", "/", "\\"):
        if display.startswith(container + sep) and len(display) > len(container) + 1:
            return display[len(container) + 1:]
    return display


def _article(label: str) -> str:
    """'a' or 'an' before ``label`` as it is read aloud ('an X/Twitter', 'a LinkedIn').

    >>> _article("X/Twitter archive"), _article("LinkedIn connections"), _article("mbox mail")
    ('an', 'a', 'an')
    """
    return "an" if label[:1].upper() in "AEIOX" or label.lower().startswith("mbox") else "a"


def _skipped_what(names: list[str]) -> str:
    """The warning for files skipped, naming them (up to three) so that the user can look.

    >>> _skipped_what(["notes.csv"])
    'skipped (not a format netaudit reads): notes.csv'
    >>> _skipped_what(["a.csv", "b.csv", "c.csv", "d.csv", "e.csv"])
    'skipped (not a format netaudit reads): a.csv, b.csv, c.csv and 2 more'
    """
    shown = ", ".join(names[:3])
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return f"skipped (not a format netaudit reads): {shown}{more}" if names else \
        "skipped (not a format netaudit reads)"


#: What to pass instead of a file netaudit does not recognize.
_PASS_INSTEAD = ("pass a LinkedIn export (ZIP or folder), a contacts CSV, a vCard, an mbox, or a "
                 "Facebook, X, WhatsApp or Telegram export; for another CSV say which column is "
                 "what with --map")


#: The names of the X archive's files netaudit reads (:mod:`.twitter`).
_X_FILE = re.compile(r"(?:follower|following|direct-messages(?:-group)?|account)"
                     r"(?:-part\d++)?\.js")


def _why_unrecognized(file: InputFile) -> tuple[str, str]:
    """Why no importer took ``file`` (named on its own), and the hint."""
    from netaudit.importers._read import (
        MAX_COLUMNS,
        decode,
        head_lines,
        looks_binary,
        sniff_delimiter,
        too_wide,
    )

    head = file.head()
    if not head.strip() or not decode(head)[0].strip("\x00\ufeff \t\r\n"):
        return "is empty", _PASS_INSTEAD
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "is a PNG image, not a data file", _PASS_INSTEAD
    if looks_binary(head):
        return "is not a text file netaudit can read", _PASS_INSTEAD
    if decode(head)[0].lstrip("\ufeff").startswith("Notes:"):
        # What a LinkedIn export cut short (or re-saved without its data) looks like.
        return ("has LinkedIn's 'Notes:' preamble but no header row netaudit recognizes after "
                "it", _PASS_INSTEAD)
    if _X_FILE.fullmatch(file.name):
        # A published archive's follower.js began 'vers = [': its first line had been cut.
        stem, _, part = file.name.split(".")[0].partition("-part")
        return (f"is named like an X archive's file but does not start with "
                f"'window.YTD.{stem.replace('-', '_')}.part{part or 0} = [' as those do",
                "was its first line edited or cut? Put that line back, or pass the file as "
                "the archive's ZIP holds it")
    lines = head_lines(file)
    delimiter = sniff_delimiter(lines)
    if any(too_wide(line, delimiter) for line in lines):
        return (f"has a header of more than {MAX_COLUMNS:,} columns",
                f"netaudit reads tables of at most {MAX_COLUMNS:,} columns; this is not an export")
    return "has no header or structure netaudit recognizes", _PASS_INSTEAD


@collector_paused()  # hundreds of thousands of objects, no cycle (netaudit/collector.py)
def load(
    paths: str | Path | Sequence[str | Path],
    *,
    me: str | None = None,
    fmt: str | None = None,
    column_map: dict[str, str] | None = None,
    progress: Progress | None = None,
    region: str | None = None,
    decisions: str | Path | None = None,
) -> Network:
    """Read ``paths`` into one Network: detect, read, merge people, find the owner.

    Parameters
    ----------
    paths:
        LinkedIn export ZIPs or folders, contact files, vCards, mboxes, message CSVs; one path
        or a list of them.
    me:
        The owner's name, profile URL or e-mail, when the data cannot tell.
    fmt:
        Force one importer (its ``name``) instead of detecting.
    column_map:
        ``{"source column": "netaudit field"}`` for generic CSVs.
    region:
        The country (ISO code, 'GB') a phone number without '+' is read in; default the
        locale's (:func:`netaudit.identity.default_region`).
    decisions:
        The file of the owner's decisions on uncertain joins (``netaudit people --review``).
    """
    from netaudit.identity import (
        default_region,
        find_owner,
        mark_owner_accounts,
        own_second_accounts,
        read_decisions,
        resolve,
        stable_ids,
    )
    from netaudit.model import concat, derive_message_fields

    if isinstance(paths, (str, PathLike)):
        paths = [paths]  # one path, not its characters
    if not paths:
        raise UsageError("no input given", hint="pass an export ZIP, a folder or a file")
    options = ReadOptions(column_map=dict(column_map or {}), progress=progress)
    once = _ReadOnce()
    fragments = mutual_follows(count_hidden_once(once.drop_copies(one_owner(read_paths(
        paths, fmt=fmt, options=options, once=once)))))
    network = concat(fragments)
    network.owner = _first_stated_owner(fragments)
    region = default_region() if region is None else region.upper()
    stated = bool(network.people["is_owner"].any()) if len(network.people) else False
    found_in = mark_owner_accounts(network, me, region)
    # The merged people get their stable ids (issue 15) in the rewrite that merges them.
    network = resolve(network, region=region,
                      decisions=read_decisions(decisions) if decisions else None, stable=True)
    drop_repeated_rows(network)
    contacts_as_connections(network)
    network.owner = find_owner(network, me)
    _say_joined_accounts(network, found_in, stated or bool(me))
    own_second_accounts(network)
    name_by_address(network)
    # Ids without the local path, the same from a ZIP or its folder (issue 15): only the
    # owner's row find_owner added, and the '-2' of a person merged away above, change here.
    stable_ids(network)
    derive_message_fields(network)
    _say_owner_wrote_nothing(network)
    return network


def _say_owner_wrote_nothing(network: Network) -> None:
    """A warning when messages were read and the owner sent none of them: a published mbox
    of a mailing list's commit notices (232 messages, all to the list) took the list's
    address for the owner and scored 26 committers as ties, all one-way, without a word."""
    from netaudit.model import code_of, factorize_text, real_messages

    owner = network.owner
    if owner is None or not len(network.messages):
        return
    real = real_messages(network)
    count = int(real.sum())
    if not count:
        return
    # By the senders' codes derive_message_fields made: a Python string of each of 500,000
    # senders cost 0.03 s.
    codes, senders = factorize_text(network.messages["sender_id"])
    mine = code_of(senders, owner.person_id)
    if mine >= 0 and bool((codes[real] == mine).any()):
        return
    who = owner.name or "the owner"
    network.problems.append(Problem(
        "input", f"were read and {who}, {OWNER_SENT_NOTHING}: replies and outreach cannot be "
        "measured; if that is not you, pass --me with your name or address", count,
        unit="message"))


def count_hidden_once(fragments: list[Network]) -> list[Network]:
    """``fragments`` with each hidden profile counted once over LinkedIn's connection lists.

    A hidden profile is a row of ``Connections.csv`` that holds only its connection date
    (docs/formats.md): nothing tells it from another hidden profile but that date, so two
    lists of one person's connections counted it twice. A published export's folder held
    ``Connections.csv`` (1,457 connections, 28 hidden profiles) beside an edited copy
    (1,429 rows, a column added, 1 hidden profile) and an Excel re-save: read together they
    made 1,486 connections and 57 hidden profiles, and once the re-save was taken for a
    copy (:meth:`_ReadOnce.drop_copies`) still 1,458 and 29. The lists given are of one
    person (:func:`one_owner`), so a hidden profile connected on a day another list gives
    one is that one: of the hidden rows of a list with a given date, as many as an earlier
    list holds are left out, and only those beyond count (the n-th row of a day repeats the
    n-th of the same day elsewhere, as :func:`drop_repeated_rows` does for undated
    messages). A warning per list says how many.
    """
    import pandas as pd

    held: dict[object, int] = {}  # a day -> the most hidden rows one list gave it so far
    first: dict[object, str] = {}  # a day -> the list that gave it first
    for fragment in fragments:
        if len(fragment.sources) != 1 or fragment.sources[0].kind != "LinkedIn connections":
            continue
        people = fragment.people
        hidden = people["hidden"].to_numpy(dtype=bool)
        if not hidden.any():
            continue
        days = people.loc[hidden, "connected_on"]
        keys = days.dt.floor("D").astype(object).where(days.notna(), None)
        nth = keys.groupby(keys, dropna=False, sort=False).cumcount()
        earlier = keys.map(lambda day: held.get(day, 0)).astype(int)
        repeats = nth < earlier
        lists = sorted({first[day] for day in keys[repeats.to_numpy()]})
        path = fragment.sources[0].path
        for day, count in keys.value_counts(dropna=False).items():
            key = None if pd.isna(day) else day
            held[key] = max(held.get(key, 0), int(count))
            first.setdefault(key, path)
        if repeats.any():
            fragment.people = people.drop(index=repeats.index[repeats.to_numpy()]).reset_index(
                drop=True)
            fragment.problems.append(Problem(
                path, "counted once: connected the same day as a hidden profile of "
                + (lists[0] if len(lists) == 1 else f"{len(lists)} other connection lists"),
                int(repeats.sum()), unit="hidden profile"))
    return fragments


def _first_stated_owner(fragments: list[Network]) -> Owner | None:
    """The owner an export states, of the first network in :data:`NETWORKS` order (then by
    file): not the first file given, so the owner line does not depend on the order."""
    from netaudit.model import NETWORKS

    def rank(fragment: Network) -> tuple[int, str]:
        nets = fragment.people["networks"].iat[0] if len(fragment.people) else ""
        first = nets.split("; ")[0]
        return (NETWORKS.index(first) if first in NETWORKS else len(NETWORKS),
                fragment.sources[0].path if fragment.sources else "")

    stated = [f for f in fragments if f.owner is not None or f.people["is_owner"].any()]
    # LinkedIn's Profile.csv states no Owner of its own: find_owner then names the profile.
    return min(stated, key=rank).owner if stated else None


def _say_joined_accounts(network: Network, found_in: dict[str, int], stated: bool) -> None:
    """The owner line says how the owner was found on networks that do not name them, and
    which networks' accounts were joined as the owner."""
    owner = network.owner
    if owner is None:
        return
    row = network.people[network.people["person_id"] == owner.person_id]
    if not len(row):
        return
    everywhere = ", ".join(f"{n:,} of {n:,} conversations on {channel}"
                           for channel, n in found_in.items())
    if found_in and not stated:
        owner.how = f"present in {everywhere}"
        if len(found_in) == 1:
            count = next(iter(found_in.values()))
            owner.how = f"present in {count:,} of {count:,} conversations"
    nets = str(row["networks"].iat[0]).split("; ")
    if "owner" in str(row["joined_by"].iat[0]) and len(nets) > 1:
        owner.how += f"; your accounts on {', '.join(nets)} joined as you"
        if found_in and stated:
            owner.how += "; " + "; ".join(f"on {channel}: present in {n:,} of {n:,} "
                                           "conversations" for channel, n in found_in.items())


def name_by_address(network: Network) -> None:
    """A person known only by an e-mail address (a contact, a mail correspondent) is shown
    by that address, not as a blank name."""
    people = network.people
    if len(people):
        blank = (people["name"] == "") & (people["email"] != "")
        if blank.any():
            people.loc[blank, "name"] = people.loc[blank, "email"]
        # An X account no file names (follow lists and DMs hold ids only) is shown by its
        # profile URL, not as '(no name)'.
        unnamed = (people["name"] == "") & people["profile_url"].str.startswith("x.com/")
        if unnamed.any():
            people.loc[unnamed, "name"] = people.loc[unnamed, "profile_url"]
            if network.owner is not None and not network.owner.name:
                owner = people[people["person_id"] == network.owner.person_id]
                if len(owner):
                    network.owner.name = str(owner["name"].iat[0])


_EXPORT_DATE = re.compile(r"_(\d{2})-(\d{2})-(\d{4})\.zip", re.IGNORECASE)


def export_of(display: str) -> str:
    """The export a file belongs to: its ZIP (the innermost one), else its folder.

    >>> export_of("a/Basic_LinkedInDataExport_07-11-2023.zip:messages.csv")
    'a/Basic_LinkedInDataExport_07-11-2023.zip'
    >>> export_of("a/b/Connections.csv")
    'a/b'
    """
    if ".zip:" in display.lower():
        cut = display.lower().rindex(".zip:") + len(".zip")
        return display[:cut]
    return str(Path(display).parent)


def _export_date(export: str, fragments: list[Network]) -> tuple[str, str]:
    """When an export was made, as a sortable ISO date and where it came from: the date in
    the ZIP's name (``…_MM-DD-YYYY.zip``, docs/formats.md 2.1), else the latest date inside."""
    import pandas as pd

    named = _EXPORT_DATE.findall(export)
    if named:
        month, day, year = named[-1]
        return f"{year}-{month}-{day}", "the ZIP's name"
    latest = []
    for fragment in fragments:
        for table, column in (("messages", "sent_at"), ("people", "connected_on"),
                              ("invitations", "sent_at"), ("interactions", "at")):
            values = getattr(fragment, table)[column]
            if values.notna().any():
                latest.append(values.max())
    return (pd.Timestamp(max(latest)).date().isoformat() if latest else "",
            "its latest date")


def one_owner(fragments: list[Network]) -> list[Network]:
    """Refuse exports of different people given together; of several exports of one person
    keep the newest.

    People download their export again and again, and agencies keep clients' exports side by
    side (issue 10): merging them would make one network of two people. Exports are told
    apart by their ZIP or folder. Two exports are of different people when their
    ``Profile.csv`` names differ, or (without a profile) when their connection lists share
    fewer than half of the smaller list. Of several exports of the same person, the newest
    (by :func:`_export_date`) is read and a note names the others; files that belong to no
    export with a connection list or profile (a contacts CSV, an mbox) are kept.
    """
    from netaudit.identity import normalize_name

    groups: dict[str, list[Network]] = {}
    for fragment in fragments:
        path = fragment.sources[0].path if fragment.sources else ""
        groups.setdefault(export_of(path), []).append(fragment)
    stated = {export for export, read_from_export in groups.items()
              for fragment in read_from_export for source in fragment.sources
              if source.kind in ("LinkedIn profile (the owner)", "LinkedIn connections")}
    if len(stated) < 2:
        # One export (or none): nothing to compare, and the keys of its 30,000 connections
        # cost 0.06 s.
        return fragments
    owners: dict[str, str] = {}
    lists: dict[str, set[str]] = {}
    for export, read_from_export in groups.items():
        for fragment in read_from_export:
            marked = fragment.people[fragment.people["is_owner"]]
            kinds = {s.kind for s in fragment.sources}
            if "LinkedIn profile (the owner)" in kinds and len(marked):
                owners[export] = str(marked["name"].iat[0])
            if "LinkedIn connections" in kinds:
                people = fragment.people
                keys = people["profile_url"].where(people["profile_url"] != "",
                                                   people["name"].map(normalize_name))
                lists.setdefault(export, set()).update(k for k in keys.tolist() if k)
    exports = list(dict.fromkeys([*owners, *lists]))
    if len(exports) < 2:
        return fragments
    by_person: dict[str, list[str]] = {}
    for export in exports:
        key = normalize_name(owners[export]) if export in owners else ""
        if not key:
            # No profile: the same person when the connection list overlaps one already seen.
            mine = lists.get(export, set())
            for other, members in by_person.items():
                theirs = set().union(*(lists.get(e, set()) for e in members))
                if mine and theirs and len(mine & theirs) >= min(len(mine), len(theirs)) / 2:
                    key = other
                    break
            key = key or f"export:{export}"
        by_person.setdefault(key, []).append(export)
    if len(by_person) > 1:
        named = []
        for members in by_person.values():
            export = members[0]
            more = f" and {len(members) - 1} more" if len(members) > 1 else ""
            if export in owners:
                named.append(f"{owners[export]} ({export}{more})")
            else:
                named.append(f"the connection list of {export}{more} (no Profile.csv)")
        if len(named) > 4:
            named = [*named[:3], f"{len(named) - 3} more"]
        why = ""
        if any(m[0] not in owners for m in by_person.values()):
            # How much the two first people's lists share, beside the rule that parted them.
            first, second = (set().union(*(lists.get(e, set()) for e in m))
                             for m in list(by_person.values())[:2])
            if first and second:
                why = (f" (connection lists sharing fewer than half of the smaller one are "
                       f"different people's; here {len(first & second):,} of "
                       f"{min(len(first), len(second)):,})")
        raise InputError(
            f"exports of {len(by_person)} different people given together: "
            + "; ".join(named) + why,
            hint="pass one person's export (with their contacts or mail); to compare "
            "several people's networks use `netaudit team EXPORT...`",
            path="input")
    members = next(iter(by_person.values()))
    if len(members) == 1:
        return fragments
    dated = {e: _export_date(e, groups[e]) for e in members}
    if len({d for d, _ in dated.values()}) == 1:
        return fragments  # the same export twice (a ZIP and its folder): merged as one
    newest = max(members, key=lambda e: (dated[e][0], -members.index(e)))
    dropped = [e for e in members if e != newest]
    kept = [f for e, group in groups.items() if e not in dropped for f in group]
    owner = owners.get(newest) or "the same person"
    # An export whose connection list is the newest's, row for row, is mostly that export
    # unpacked beside its ZIP (a published folder held both; the folder, dated by its
    # latest date, read as two days older than the ZIP's name): not an older export.
    same = [e for e in dropped if lists.get(e) and lists.get(e) == lists.get(newest)]
    older = [e for e in dropped if e not in same]
    if older:
        kept[0].problems.append(Problem(
            ", ".join(f"{e} ({dated[e][0]})" for e in older),
            f"not read: an older export of {owner}; the newest, {newest} (dated "
            f"{dated[newest][0]} by {dated[newest][1]}), was read instead", len(older),
            unit="export"))
    if same:
        kept[0].problems.append(Problem(
            ", ".join(same), f"not read: the same connection list as {newest}, which was read "
            "(a copy of that export, unpacked, or one downloaded the same days)", len(same),
            unit="export"))
    return kept


def contacts_as_connections(network: Network) -> None:
    """With no connection list at all, the address book is the network: its people count as
    connections (and the user is told so). With a connection list, contacts only add e-mails,
    places and employers to the connections they match."""
    people = network.people
    if len(people) and not people["is_connection"].any() and people["is_contact"].any():
        people["is_connection"] = people["is_contact"]
        network.problems.append(Problem(
            "input", "counted as your connections (no connection list was given, so the "
            "address book is the network)", int(people["is_contact"].sum()), unit="contact"))


#: Kinds of file (``SourceFile.kind``, the importers' labels) whose rows are each a message
#: of its own, never a repeat of another row of the same file (:func:`drop_repeated_rows`).
ONE_ROW_ONE_MESSAGE = frozenset([*(importer.label for importer in (
    Mbox, WhatsApp, Telegram, Twitter, FacebookMessages)), INSTAGRAM_LABEL])


def drop_repeated_rows(network: Network) -> None:
    """Drop rows that two files (or the same file given twice) both hold, and rows of one
    file equal to an earlier row of it in every column.

    A 2022 Complete export holds endorsements twice (``Endorsement_Received_Info.csv`` in UTF-8
    and the legacy UTF-16 ``Endorsement Received Info.csv``), people pass an export's ZIP
    and its folder together, and one real 2021 messages.csv held 22 rows twice. Rows are the
    same when every column but ``source`` (and, for messages, the derived id) is equal, after
    people were merged. A date left empty (unreadable or implausible) hides what the file
    said, so two such rows of one file are never taken for one another (issue 17: 790
    distinct messages were dropped that way); the n-th of them can still repeat the n-th
    equal one of another file (the same export given twice). An mbox's rows are never
    repeats of each other: its repeated Message-IDs were left out when it was read and the
    rest are distinct messages. Nor are a chat export's (:data:`ONE_ROW_ONE_MESSAGE`): each
    line of a WhatsApp chat, each entry of a Telegram, X or Messenger file is a message
    sent. A published WhatsApp chat of 13,261 messages lost 23 that way: 'Si', an emoji or
    two photos sent twice within one second, which the chat's one-second times wrote alike.
    """
    import numpy as np
    import pandas as pd

    # Files whose every row is a message of its own (see the docstring).
    each_own = {s.path for s in network.sources if s.kind in ONE_ROW_ONE_MESSAGE}
    for name, ignore, date in (("invitations", {"source"}, "sent_at"),
                               ("interactions", {"source"}, "at"),
                               ("messages", {"source", "message_id"}, "sent_at")):
        table = getattr(network, name)
        if len(table) < 2:
            continue
        key = [c for c in table.columns if c not in ignore]
        # A cheap key first: only rows that share it can be repeated, and usually none do.
        cheap = [c for c in ("person_id", "sender_id", "conversation_id", "sent_at", "at")
                 if c in key]
        # The date alone before that: rows that share no date share no cheap key, and one
        # column of integers is hashed in 0.01 s where three columns of 500,000 messages,
        # two of them text, took 0.07 s.
        # Masks as numpy arrays: reindexing the cheap key's answer onto 1,500,000 messages
        # cost 0.02 s (issue 17).
        dated = table[date].duplicated(keep=False).to_numpy(dtype=bool)
        if not dated.any():
            continue
        candidates = np.zeros(len(table), dtype=bool)
        candidates[np.flatnonzero(dated)] = table.loc[dated, cheap].duplicated(
            keep=False).to_numpy(dtype=bool)
        if not candidates.any():
            continue
        subset = table.loc[candidates, key]
        if "recipient_ids" in key:
            subset = subset.astype({"recipient_ids": str})
        # A row whose date was left empty is the n-th such row of its file: it can repeat
        # the n-th equal row of another file (the same export given twice), never an
        # earlier row of its own file.
        undated = subset[date].isna()
        nth = subset.assign(_source=table.loc[candidates, "source"]).groupby(
            [*key, "_source"], sort=False, dropna=False).cumcount()
        subset = subset.assign(_nth=nth.where(undated, -1))
        repeated = subset.duplicated().reindex(table.index, fill_value=False)
        if not repeated.any():
            continue
        # Which file each repeat's first copy is in: the same file (an in-file duplicate) or
        # another one.
        sources = table["source"]
        group = subset.groupby([*key, "_nth"], sort=False, dropna=False).ngroup().to_numpy()
        rows = subset.index.to_numpy()
        first_row = pd.Series(rows).groupby(group).transform("first").to_numpy()
        same = pd.Series(sources.loc[first_row].to_numpy() == sources.loc[rows].to_numpy(),
                         index=subset.index, dtype=bool).reindex(table.index, fill_value=False)
        if each_own:
            repeated &= ~(same & sources.isin(each_own))
        if not repeated.any():
            continue
        in_file = int((repeated & same).sum())
        across = int((repeated & ~same).sum())
        setattr(network, name, table[~repeated].reset_index(drop=True))
        if in_file:
            files = sorted(set(sources[repeated & same].tolist()))
            shown = files[0] if len(files) == 1 else f"{len(files)} files"
            network.problems.append(Problem(
                "input", f"counted once ({'an' if name[0] in 'aeiou' else 'a'} {name[:-1]} "
                f"equal in every column to an earlier "
                f"row of {shown})", in_file))
        if across:
            network.problems.append(Problem(
                "input", f"counted once (the same {name[:-1]} appears in two files)", across))


__all__ = ["REGISTRY", "Importer", "InputError", "ReadOptions", "detect", "load", "read_paths"]
