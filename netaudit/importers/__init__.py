"""Reading every source a person has into one :class:`~netaudit.model.Network`.

``REGISTRY`` lists the importers in the order detection tries them; each decides from a file's
content (``sniff``), never its name. :func:`load` walks the paths (folders, ZIPs, files), reads
what it recognizes, merges the people across files and works out whose network it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from netaudit.errors import InputError, Problem, UnrecognizedInput, UsageError
from netaudit.importers.base import Importer, Progress, ReadOptions
from netaudit.importers.csvfile import GenericContacts, GoogleContacts, OutlookContacts
from netaudit.importers.inputs import InputFile, iter_inputs
from netaudit.importers.linkedin import (
    Connections,
    Endorsements,
    Invitations,
    Messages,
    Profile,
    Recommendations,
)
from netaudit.importers.mbox import Mbox
from netaudit.importers.messagelog import MessageLog
from netaudit.importers.vcard import VCard

if TYPE_CHECKING:
    from netaudit.model import Network

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
) -> list[Network]:
    """One Network fragment per recognized file (people not yet merged across files).

    A file named directly that nothing recognizes is an error; inside a folder or ZIP such
    files are skipped (an export holds many files netaudit has no use for) and counted. A path
    under which nothing at all is recognized is an error.
    """
    options = options or ReadOptions()
    forced = importer_named(fmt) if fmt else None
    fragments: list[Network] = []
    for raw in paths:
        path = Path(raw)
        problems: list[Problem] = []
        files = iter_inputs([path], problems)
        direct = path.is_file() and len(files) == 1 and files[0].display == str(path)
        read_here = 0
        ignored = 0
        for file in files:
            importer = forced or detect(file)
            if importer is None:
                if direct:
                    raise UnrecognizedInput(
                        _why_unrecognized(file),
                        hint="pass a LinkedIn export (ZIP or folder), a contacts CSV, a vCard "
                        "or an mbox; for another CSV say which column is what with --map",
                        path=file.display,
                    )
                ignored += 1
                if file.name.lower() in _KNOWN_NAMES:
                    problems.append(Problem(
                        file.display,
                        f"is named like a {_KNOWN_NAMES[file.name.lower()]} file but its header "
                        "is not one netaudit knows; it was ignored",
                    ))
                continue
            if options.progress:
                options.progress(f"reading {file.name}", 0, None)
            fragment = importer.read(file, options)
            fragments.append(fragment)
            read_here += 1
        if read_here == 0:
            raise UnrecognizedInput(
                f"contains nothing netaudit can read ({len(files)} "
                f"file{'' if len(files) == 1 else 's'} looked at)",
                hint="pass a LinkedIn export (ZIP or folder), a contacts CSV, a vCard or an mbox",
                path=str(path),
            )
        if fragments:
            fragments[-1].problems.extend(problems)
            if ignored:
                fragments[-1].problems.append(
                    Problem(str(path), "skipped (not a format netaudit reads)", ignored,
                            unit="file")
                )
    return fragments


_KNOWN_NAMES = {
    name: importer.label for importer in REGISTRY for name in importer.file_names
}


def _why_unrecognized(file: InputFile) -> str:
    from netaudit.importers._read import decode, looks_binary

    head = file.head()
    if not head.strip() or not decode(head)[0].strip("\x00\ufeff \t\r\n"):
        return "is empty"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "is a PNG image, not a data file"
    if looks_binary(head):
        return "is not a text file netaudit can read"
    if decode(head)[0].lstrip("\ufeff").startswith("Notes:"):
        # What a LinkedIn export cut short (or re-saved without its data) looks like.
        return "has LinkedIn's 'Notes:' preamble but no header row netaudit recognizes after it"
    return "has no header or structure netaudit recognizes"


def load(
    paths: str | Path | Sequence[str | Path],
    *,
    me: str | None = None,
    fmt: str | None = None,
    column_map: dict[str, str] | None = None,
    progress: Progress | None = None,
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
    """
    from netaudit.identity import find_owner, resolve
    from netaudit.model import concat, derive_message_fields

    if isinstance(paths, (str, PathLike)):
        paths = [paths]  # one path, not its characters
    if not paths:
        raise UsageError("no input given", hint="pass an export ZIP, a folder or a file")
    options = ReadOptions(column_map=dict(column_map or {}), progress=progress)
    network = concat(read_paths(paths, fmt=fmt, options=options))
    network = resolve(network)
    drop_repeated_rows(network)
    contacts_as_connections(network)
    network.owner = find_owner(network, me)
    derive_message_fields(network)
    return network


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


def drop_repeated_rows(network: Network) -> None:
    """Drop rows that two files (or the same file given twice) both hold.

    A 2022 Complete export holds endorsements twice (``Endorsement_Received_Info.csv`` in UTF-8
    and the legacy UTF-16 ``Endorsement Received Info.csv``), and people pass an export's ZIP
    and its folder together. Rows are the same when every column but ``source`` (and, for
    messages, the derived id) is equal, after people were merged.
    """
    for name, ignore in (("invitations", {"source"}), ("interactions", {"source"}),
                         ("messages", {"source", "message_id"})):
        table = getattr(network, name)
        if len(table) < 2:
            continue
        key = [c for c in table.columns if c not in ignore]
        # A cheap key first: only rows that share it can be repeated, and usually none do.
        cheap = [c for c in ("person_id", "sender_id", "conversation_id", "sent_at", "at")
                 if c in key]
        candidates = table.duplicated(subset=cheap, keep=False)
        if not candidates.any():
            continue
        subset = table.loc[candidates, key]
        if "recipient_ids" in key:
            subset = subset.astype({"recipient_ids": str})
        repeated = subset.duplicated().reindex(table.index, fill_value=False)
        if repeated.any():
            count = int(repeated.sum())
            setattr(network, name, table[~repeated].reset_index(drop=True))
            network.problems.append(Problem(
                "input", f"counted once (the same {name[:-1]} appears in two files)",
                count))


__all__ = ["REGISTRY", "Importer", "InputError", "ReadOptions", "detect", "load", "read_paths"]
