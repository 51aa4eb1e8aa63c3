"""Turning the paths a user gives into the files inside them, without extracting anything.

A path may be a file, a folder (searched recursively, wrapper folders included) or a ZIP
(``Basic_LinkedInDataExport_….zip``, also ``….zip.zip`` and ZIPs inside folders or ZIPs). ZIP
members are read as streams, never written to disk; members with absolute or ``..`` names are
ignored, and a member whose declared size or compression ratio is absurd is refused before a
byte of it is inflated.
"""

from __future__ import annotations

import io
import mmap
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import IO, BinaryIO, cast

from netaudit.errors import InputError, Problem

#: A member larger than this, once inflated, is refused (a real messages.csv is far smaller).
MAX_MEMBER_BYTES = 4 * 1024**3
#: A member that inflates more than this many times its compressed size, and to more than
#: ``RATIO_FLOOR_BYTES``, is refused as a zip bomb (CSV text compresses 5-20x).
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 64 * 1024**2
#: How deep ZIPs inside ZIPs are opened.
MAX_NESTING = 2
#: An archive declaring more members than this is refused before its directory is parsed: an
#: export holds a few dozen files and a mail Takeout a few thousand, while parsing millions of
#: entries takes minutes and gigabytes (300,000 empty members: 19 s and 366 MB).
MAX_MEMBERS = 200_000
#: A folder or archive holding more files than this is refused before any is read: an export
#: holds about 100, while 10,000 one-row CSVs took 69 s and 100,000 more than 120 s (issue 16).
MAX_FILES = 10_000
#: A ZIP inside a ZIP up to this size is inflated in memory. A larger one is read through the
#: outer member's stream instead: memory stays bounded, but every seek backwards inflates the
#: outer member again from its start.
NESTED_IN_MEMORY_BYTES = 256 * 1024**2
#: How many times each member may be inflated in all (detection reads a head, the importer
#: the whole, an encoding fallback once more): the archive's budget is this many times the
#: sum of its members' declared sizes. Overlapping entries are refused outright, so declared
#: sizes cannot be counted twice; the budget stops whatever re-reads the same bytes anyway.
MAX_PASSES = 4
HEAD_BYTES = 64 * 1024

try:
    from lzma import LZMAError
except ImportError:  # a Python built without lzma cannot open such members anyway
    LZMAError = OSError  # type: ignore[assignment,misc]

#: What opening or reading a damaged or exotic archive can raise besides OSError: zlib.error
#: for a corrupt deflate stream, RuntimeError for a password-protected member,
#: NotImplementedError (a RuntimeError) for a compression method zipfile lacks, ValueError
#: (UnicodeDecodeError) for a member name flagged UTF-8 that is not, struct.error for a
#: mangled header.
READ_ERRORS = (OSError, EOFError, ValueError, zipfile.BadZipFile, zlib.error, LZMAError,
               RuntimeError, struct.error)


@dataclass
class InputFile:
    """One file to read: on disk, or a member of a (possibly nested) ZIP."""

    display: str
    """How to name it to the user: ``path`` or ``archive.zip:member``."""
    name: str
    """Base name of the file (``Connections.csv``)."""
    size: int
    opener: Callable[[], BinaryIO] = field(repr=False)
    _head: bytes | None = field(default=None, repr=False)
    header_cells: list[set[str]] | None = field(default=None, repr=False, compare=False)
    """The header cells of the first lines, once detection has split them
    (:func:`netaudit.importers._read.has_header`)."""
    inflater: Callable[[], bytearray | None] | None = field(default=None, repr=False,
                                                            compare=False)
    """For a ZIP member: inflates the whole member into one buffer (:func:`_inflate`), or
    returns None where that path does not apply and :meth:`open`'s stream reads it."""

    def open(self) -> BinaryIO:
        """A binary stream of the whole content (the caller closes it)."""
        try:
            return self.opener()
        except READ_ERRORS as exc:
            if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
                raise InputError(
                    "is password-protected",
                    hint="unzip the archive with its password and pass the folder",
                    path=self.display,
                ) from exc
            raise InputError(
                f"cannot be read ({exc})", hint="check that the file is complete", path=self.display
            ) from exc

    def head(self, size: int = HEAD_BYTES) -> bytes:
        """The first ``size`` bytes (cached): what detection looks at."""
        if self._head is None or len(self._head) < min(size, self.size):
            with self.open() as stream:
                self._head = self._read(stream, size)
        return self._head[:size]

    def read_buffer(self) -> bytes | bytearray | mmap.mmap:
        """The whole content, to read only: a file on disk mapped into memory, a ZIP member
        inflated into one buffer (:func:`_inflate`), anything else read as bytes. Reading the
        benchmark's messages.csv (160 MB) into bytes cost 0.10-0.16 s of CPU and 39,000 page
        faults for a copy of what the system already holds; mapping it 0.04 s and 2,500
        faults (issue 17). Raises InputError as :meth:`read_bytes` does. A file that another
        program cuts short while it is being parsed ends the process (SIGBUS) where a copy
        would have read what was there: a file still being written is not an export to
        read."""
        if self.inflater is not None:
            try:
                inflated = self.inflater()
            except READ_ERRORS as exc:
                raise self._damaged(exc) from exc
            if inflated is not None:
                return inflated
        with self.open() as stream:
            try:
                descriptor = stream.fileno()
            except (OSError, AttributeError, ValueError):  # io.UnsupportedOperation is both
                descriptor = None
            if descriptor is not None:
                try:
                    # Kept mapped after the file is closed; unmapped when no longer used.
                    return mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ)
                except (OSError, ValueError):  # an empty file, a system without mmap
                    pass
            return self._read(stream)

    def read_bytes(self) -> bytes:
        """The whole content. Raises InputError when the archive is damaged."""
        with self.open() as stream:
            return self._read(stream)

    def _read(self, stream: BinaryIO, size: int = -1) -> bytes:
        """``size`` bytes of ``stream`` (all with -1); InputError when the archive is
        damaged."""
        try:
            return stream.read(size)
        except READ_ERRORS as exc:
            raise self._damaged(exc) from exc

    def _damaged(self, exc: BaseException) -> InputError:
        return InputError(
            f"cannot be read ({exc})",
            hint="the archive looks truncated or damaged; download it again",
            path=self.display,
        )


class _Budget:
    """Bytes an archive may still inflate, shared by every stream opened on its members."""

    def __init__(self, left: int, display: str) -> None:
        self.left, self.display = left, display

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise InputError(
                f"refused: inflating it took more than {MAX_PASSES} times the size its "
                "members declare",
                hint="the archive is damaged or malicious; unzip it and pass the folder",
                path=self.display,
            )


class _Limited(io.RawIOBase):
    """A stream that fails once more than ``limit`` bytes come out (declared sizes can lie),
    or once its archive's :class:`_Budget` is spent."""

    def __init__(self, raw: IO[bytes], limit: int, display: str,
                 budget: _Budget | None = None) -> None:
        self.raw, self.left, self.display, self.budget = raw, limit, display, budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(min(len(buffer), self.left + 1))
        self._count(data)
        buffer[: len(data)] = data
        return len(data)

    def readall(self) -> bytes:
        """The rest at once, as ``read()`` of the buffered stream asks: the default reads
        8 KiB per call, and those 20,000 calls and copies of a 160 MB messages.csv cost 0.07 s
        of CPU more than inflating it in one call (issue 17)."""
        data = self.raw.read(self.left + 1)
        self._count(data)
        return data

    def _count(self, data: bytes) -> None:
        if len(data) > self.left:
            raise InputError(
                "inflates to more than its declared size",
                hint="the archive is damaged or malicious; it was not read",
                path=self.display,
            )
        self.left -= len(data)
        if self.budget is not None:
            self.budget.spend(len(data))

    def close(self) -> None:
        self.raw.close()
        super().close()


def is_zip(head: bytes) -> bool:
    return head[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return not (path.is_absolute() or ".." in path.parts or name.endswith("/") or not path.name)


def _zip_members(
    archive: zipfile.ZipFile, display: str, depth: int, problems: list[Problem]
) -> Iterator[InputFile]:
    wanted = []
    for info in archive.infolist():
        member = f"{display}:{info.filename}"
        if info.is_dir():
            continue
        if not _safe_member(info.filename):
            problems.append(Problem(member, "ignored: absolute or '..' member name"))
            continue
        _refuse_bomb(info.file_size, info.compress_size, member, "declares")
        wanted.append(info)
    # Many members each just under the per-member floor (a "42.zip") are a bomb too: the
    # same test applies to the archive as a whole, before any member is read.
    if len(wanted) > MAX_FILES:
        raise InputError(
            f"holds {len(wanted):,} files; netaudit reads at most {MAX_FILES:,} in one archive",
            hint="unzip it and pass the files netaudit reads",
            path=display,
        )
    _refuse_overlaps(archive.infolist(), display)
    declared = sum(i.file_size for i in wanted)
    _refuse_bomb(declared, sum(i.compress_size for i in wanted),
                 display, f"its {len(wanted):,} members declare", limit=None)
    budget = _Budget(MAX_PASSES * (declared + HEAD_BYTES * len(wanted)), display)
    for info in wanted:
        member = f"{display}:{info.filename}"

        def opener(info: zipfile.ZipInfo = info, member: str = member) -> BinaryIO:
            raw = archive.open(info)
            return io.BufferedReader(_Limited(raw, info.file_size, member, budget))

        def inflater(info: zipfile.ZipInfo = info) -> bytearray | None:
            return _inflate(archive, info, budget)

        name = PurePosixPath(info.filename.replace("\\", "/")).name
        entry = InputFile(member, name, info.file_size, opener, inflater=inflater)
        if depth < MAX_NESTING and name.lower().endswith(".zip") and is_zip(entry.head(4)):
            if info.file_size <= NESTED_IN_MEMORY_BYTES:
                inner: IO[bytes] = io.BytesIO(entry.read_bytes())
            else:
                # zipfile's member streams are seekable: the inner archive reads through it.
                inner = archive.open(info)
            yield from _open_zip(inner, member, depth + 1, problems)
            continue
        yield entry


#: A ZIP member's local header (APPNOTE.TXT 4.3.7): signature, version, flags, method, time,
#: date, CRC-32, sizes, then the lengths of the name and of the extra field.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
#: Flag bits :func:`_inflate` leaves to zipfile: encrypted (0), patched data (5), strong
#: encryption (6).
_NOT_PLAIN = 0x1 | 0x20 | 0x40
#: :func:`_inflate` hands zlib this many compressed bytes at a time, and takes back at most
#: :data:`INFLATE_OUT` bytes per call: a member that inflates a thousand times (a bomb that
#: lies about its size) holds at most that much beside the buffer.
INFLATE_IN = 64 * 1024
INFLATE_OUT = 4 * 1024**2


def _deflate_engine() -> tuple[ModuleType, type[BaseException] | tuple[()]]:
    """The zlib-compatible module :func:`_inflate` inflates and checks a member with, and the
    error it raises on a stream it refuses (none to catch for zlib itself).

    isal (PSF-2.0) is Intel's ISA-L behind zlib's interface: the benchmark's 160 MB
    messages.csv (14.5 MB deflated) inflated and its CRC-32 computed in 0.15-0.17 s of CPU
    against zlib's 0.38-0.42 s (3 runs each in one process, of which zlib's CRC-32 alone is
    0.08 s), the same bytes. zlib where isal is not installed.
    """
    try:
        from isal import isal_zlib
    except ImportError:
        return zlib, ()
    # isal's stubs declare ``error`` an Exception instance; it is the class IsalError.
    return isal_zlib, cast("type[BaseException]", isal_zlib.error)


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
             budget: _Budget | None) -> bytearray | None:
    """The member ``info`` of ``archive`` inflated into one buffer of its declared size, as
    zipfile reads it: what comes out beyond the declared size is dropped, a member that ends
    early is shorter, and the CRC-32 of the result must match (zipfile.BadZipFile otherwise,
    with zipfile's words). None where zipfile's own stream must read it: another method
    than deflate, an encrypted or patched member, a local header that does not match the
    central directory (zipfile then says what is wrong).

    zipfile inflates a member read whole into a list of growing blocks and joins them into
    a new bytes object: the 160 MB messages.csv of the benchmark ZIP took 82,500 page
    faults and 0.24-0.26 s of CPU. Inflated straight into its buffer: 43,800 faults and
    0.19-0.20 s (issue 17). Inflated and checked by ISA-L where isal is installed
    (:func:`_deflate_engine`); a stream it refuses goes to zipfile (None), whose zlib then
    reads it or says what is wrong in its own words.
    """
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & _NOT_PLAIN:
        return None
    stream = archive.fp
    if stream is None or not stream.seekable():
        return None
    stream.seek(info.header_offset)
    header = stream.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size:
        return None
    fields = _LOCAL_HEADER.unpack(header)
    signature, flags, name_length, extra_length = fields[0], fields[3], fields[10], fields[11]
    if signature != b"PK\x03\x04" or flags & _NOT_PLAIN:
        return None
    raw_name = stream.read(name_length)
    encoding = "utf-8" if flags & 0x800 else (getattr(archive, "metadata_encoding", None)
                                                or "cp437")
    if raw_name.decode(encoding, errors="replace") != info.orig_filename:
        return None
    stream.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    compressed = stream.read(info.compress_size)
    if len(compressed) < info.compress_size:
        raise EOFError  # as zipfile's stream does on an archive cut short
    size = info.file_size
    out = bytearray(size)
    view = memoryview(out)
    at = 0
    engine, refused = _deflate_engine()
    inflate = engine.decompressobj(-15)
    # Views of the compressed bytes, not copies of each piece.
    source = memoryview(compressed)
    try:
        for start in range(0, len(compressed), INFLATE_IN):
            pending: bytes | memoryview = source[start:start + INFLATE_IN]
            while pending and at < size:
                piece = inflate.decompress(pending, min(size - at, INFLATE_OUT))
                view[at:at + len(piece)] = piece
                at += len(piece)
                if budget is not None:
                    budget.spend(len(piece))
                pending = inflate.unconsumed_tail
            if at >= size or inflate.eof:
                break
        if at < size and not inflate.eof:
            rest = inflate.flush()[:size - at]
            view[at:at + len(rest)] = rest
            at += len(rest)
    except refused:
        return None  # zipfile's zlib reads it, or raises zlib.error with its message
    finally:
        view.release()
        source.release()
    if at < size:
        del out[at:]
    if engine.crc32(out) != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
    return out


def _refuse_overlaps(infos: list[zipfile.ZipInfo], display: str) -> None:
    """Raise when two central-directory entries share or overlap their data.

    Each member's local header (30 bytes at least, APPNOTE.TXT 4.3.7) and compressed data
    must end before the next member's header starts. Entries pointing into one member make
    each declared size look honest while the same bytes inflate once per entry (20 entries
    on one 20 MB member: 3 GB inflated from a 5.6 MB file, issue 16).
    """
    spans = sorted((i.header_offset, i.header_offset + 30 + i.compress_size, i.filename)
                   for i in infos)
    for (start, end, name), (next_start, _, next_name) in zip(spans, spans[1:], strict=False):
        if next_start < end:
            how = "the same data as" if next_start == start else "data overlapping"
            raise InputError(
                f"refused: its members {name!r} and {next_name!r} point at {how} each other",
                hint="an export never does this; the archive is damaged or a zip bomb, "
                "it was not inflated",
                path=display,
            )


def _refuse_bomb(size: int, compressed: int, display: str, what: str,
                 limit: int | None = MAX_MEMBER_BYTES) -> None:
    """Raise when ``size`` bytes inflate from ``compressed`` at an absurd ratio, or exceed
    ``limit`` (a whole Takeout archive may be larger than any one member may be)."""
    ratio = size / max(compressed, 1)
    if (limit is not None and size > limit) or (size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO):
        raise InputError(
            f"refused: {what} {size:,} bytes from {compressed:,} compressed "
            f"(ratio {ratio:,.0f}:1)",
            hint="this looks like a zip bomb, not an export; it was not inflated",
            path=display,
        )


def declared_members(stream: IO[bytes]) -> int | None:
    """How many members a ZIP's end-of-central-directory record declares (ZIP64 included),
    read from the archive's last bytes; None when the record is not found. The stream is left
    at its start.

    >>> import io, zipfile
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as archive:
    ...     for i in range(3):
    ...         archive.writestr(f"{i}.txt", "x")
    >>> declared_members(buffer)
    3
    """
    size = stream.seek(0, os.SEEK_END)
    tail_size = min(size, 22 + 0xFFFF)  # the record, and a comment of at most 65,535 bytes
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    total: int | None = None
    if at >= 0 and len(tail) - at >= 22:
        total = struct.unpack_from("<H", tail, at + 10)[0]
        if total == 0xFFFF and at >= 20 and tail[at - 20:at - 16] == b"PK\x06\x07":
            stream.seek(struct.unpack_from("<Q", tail, at - 12)[0])
            record = stream.read(56)
            if len(record) == 56 and record[:4] == b"PK\x06\x06":
                total = struct.unpack_from("<Q", record, 32)[0]
    stream.seek(0)
    return total


def _open_zip(
    source: str | os.PathLike[str] | IO[bytes], display: str, depth: int, problems: list[Problem]
) -> Iterator[InputFile]:
    try:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as stream:
                members = declared_members(stream)
        else:
            members = declared_members(source)
        if members is not None and members > MAX_MEMBERS:
            raise InputError(
                f"refused: the archive declares {members:,} members (netaudit opens at most "
                f"{MAX_MEMBERS:,})",
                hint="unzip it and pass the files netaudit reads (the export's CSVs, the .mbox, "
                "the contacts file)",
                path=display,
            )
        archive = zipfile.ZipFile(source)
    except READ_ERRORS as exc:
        raise InputError(
            f"is not a readable ZIP archive ({exc})",
            hint="the download may be incomplete; download the export again or unzip it and "
            "pass the folder",
            path=display,
        ) from exc
    yield from _zip_members(archive, display, depth, problems)


def _special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse_special(path: Path | str, mode: int, hint: str) -> None:
    kind = _special_kind(mode)
    if kind is not None:
        raise InputError(f"is {kind}, not a regular file; netaudit reads files only",
                         hint=hint, path=str(path))


def _open_regular(path: Path, hint: str) -> BinaryIO:
    # Non-blocking, so that a file swapped for a FIFO after it was checked cannot hang the
    # open; checked again on the open descriptor.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        _refuse_special(path, os.fstat(descriptor).st_mode, hint)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def regular_file(path: Path, hint: str = "save the data to a file and pass the file") -> InputFile:
    """``path`` as an :class:`InputFile`, or InputError when it is a pipe, a device or a
    socket: reading a FIFO blocks for ever and ``/dev/zero`` never ends (issue 16)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", hint="check the path",
                         path=str(path)) from None
    _refuse_special(path, mode, hint)
    return InputFile(shown_path(path), shown_path(path.name), path.stat().st_size,
                     lambda: _open_regular(path, hint))


def shown_path(path: Path | str) -> str:
    r"""``path`` as text that can be printed and stored: the bytes of a name that is not UTF-8
    (which Python keeps as lone surrogates) shown as ``\xe9`` escapes (a Latin-1 name made
    every command fail with an internal error; issue 16).

    >>> shown_path(os.fsdecode(b"/tmp/caf\xe9.csv"))
    '/tmp/caf\\xe9.csv'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _file(path: Path) -> InputFile:
    return regular_file(path)


def iter_inputs(paths: list[Path], problems: list[Problem]) -> list[InputFile]:
    """Every file under ``paths``, ZIP members included, in a stable order.

    Raises InputError for a missing path or a damaged ZIP.
    """
    found: list[InputFile] = []
    for path in paths:
        if not path.exists():
            raise InputError(
                "no such file or folder",
                hint="check the path; pass the export ZIP, its folder or a CSV",
                path=path,
            )
        walked = path.is_dir()
        if walked:
            files = sorted(
                (p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")),
                key=lambda p: str(p).lower(),
            )
        else:
            files = [path]
        if len(files) > MAX_FILES:
            raise InputError(
                f"holds {len(files):,} files; netaudit reads at most {MAX_FILES:,} under one path",
                hint="pass the export's folder or ZIP, or the files netaudit reads",
                path=path,
            )
        for file in files:
            entry = _file(file)
            try:
                head = entry.head(4)
            except InputError:
                raise
            if is_zip(head) and (not walked or _archive_name(file.name)):
                found.extend(_open_zip(file, shown_path(file), 1, problems))
            else:
                found.append(entry)
    return found


def _archive_name(name: str) -> bool:
    """Whether a file found in a folder is opened as an archive when its content is a ZIP:
    a ``.zip`` name (``….zip.zip`` too), or a name without a suffix (a download whose
    suffix was lost). Office documents, Power BI files (``.pbix``), spreadsheets and jars are
    ZIPs as well: a published 2021 export's folder held a ``.pbix`` report, whose 19 parts
    were listed one by one as files netaudit skipped, and a damaged ``.xlsx`` beside an export
    stopped the whole run. Given by its own path, a file is opened by its content whatever
    its name.

    >>> [_archive_name(n) for n in ("Basic_LinkedInDataExport_07-11-2023.zip", "x.ZIP",
    ...                             "export", "Report.pbix", "notes.xlsx")]
    [True, True, True, False, False]
    """
    return name.lower().endswith(".zip") or "." not in name
