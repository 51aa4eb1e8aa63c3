"""Writing tables and files safely: atomically, without overwriting, formula-safe CSV.

A CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by spreadsheets (OWASP "CSV injection"); such cells are written with a leading ``'``.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from netaudit import interrupts
from netaudit.errors import MissingFolder, OutputError, OutputExists

if TYPE_CHECKING:
    import pandas as pd


#: What starts a formula in a spreadsheet, and the full-width forms (U+FF1D, U+FF0B, U+FF0D,
#: U+FF20) that East Asian spreadsheet input turns into them (issue 16: '＝1+1' passed).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralize(value: Any) -> Any:
    """A cell value a spreadsheet will not execute.

    >>> neutralize("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralize("-5"), neutralize(-5), neutralize("Ana")
    ("'-5", -5, 'Ana')
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell and every column name neutralized.

    Columns are taken by position (a table may repeat a name) and categorical text counts
    as text: a company column made categorical must not carry a formula through.

    >>> import pandas as pd
    >>> frame = pd.DataFrame([["=1+1", "-2", 3]], columns=["a", "@b", "a"])
    >>> frame["a"] = frame["a"].astype("category")
    >>> safe_frame(frame).to_csv(index=False).splitlines()
    ["a,'@b,a", "'=1+1,'-2,3"]
    """
    import numpy as np
    import pandas as pd

    safe = frame.copy()
    for position in range(safe.shape[1]):
        values = safe.iloc[:, position]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(object)
        if str(values.dtype) in ("str", "string"):
            # Texts only: found by one vectorized test (a cell at a time cost 0.5 s for the
            # 80,000 rows of a graph's edge list).
            risky = np.asarray(values.str.startswith(FORMULA_START).fillna(False), dtype=bool)
            if risky.any():
                safe.isetitem(position, values.where(~risky, "'" + values))
        elif values.dtype == object:
            safe.isetitem(position, values.map(neutralize))
    safe.columns = [neutralize(column) for column in safe.columns]
    return safe


def check_writable(path: Path, force: bool) -> None:
    """Raise unless ``path`` may be written: it does not exist, or it is a regular file (or a
    symbolic link, which is replaced, never followed) and ``force`` is given.

    ``--force`` replaces regular files only: a device node or a FIFO at the output path was
    replaced by a regular file (as root, ``/dev/full``; issue 16), so anything else is a
    usage error. A dangling symbolic link counts as existing: it was replaced without
    ``--force``.
    """
    try:
        mode = path.lstat().st_mode
    except OSError:
        return  # nothing there (or nothing netaudit can see): writing says what is wrong
    if stat.S_ISDIR(mode):
        raise OutputError("is a folder", hint="give a file name", path=path)
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        from netaudit.errors import UsageError

        raise UsageError("is not a regular file (a device, pipe or socket); netaudit replaces "
                         "regular files only, even with --force",
                         hint="give the path of a file to write", path=str(path))
    if not force:
        what = "already exists" if stat.S_ISREG(mode) else "already exists (a symbolic link)"
        raise OutputExists(what, hint="pass --force to overwrite it", path=path)


#: Whether writing an output may create the folders it lacks (the CLI's ``--mkdir``). Off by
#: default: ``-o /typo/dir/r.pdf`` used to create /typo/dir silently (issue 15).
MAKE_FOLDERS: ContextVar[bool] = ContextVar("netaudit_make_folders", default=False)


@contextmanager
def making_folders(allowed: bool) -> Iterator[None]:
    """Within the block, outputs may (``allowed``) or may not create their missing folders."""
    token = MAKE_FOLDERS.set(allowed)
    try:
        yield
    finally:
        MAKE_FOLDERS.reset(token)


def check_folder(path: Path) -> None:
    """Raise :class:`~netaudit.errors.MissingFolder` now if writing ``path`` would need a
    folder that does not exist and :data:`MAKE_FOLDERS` does not allow creating it; creates
    nothing. Commands call it before reading, so a typo in ``-o`` fails at once rather than
    after reading a large export."""
    folder = path.parent
    if not (folder.is_dir() or os.path.lexists(folder) or MAKE_FOLDERS.get()):
        raise MissingFolder(f"the folder {folder} does not exist",
                            hint="check the path, or pass --mkdir to create it", path=path)


def make_parent(path: Path) -> None:
    """Make sure ``path``'s folder exists: it does, or :data:`MAKE_FOLDERS` allows creating
    it; else :class:`~netaudit.errors.MissingFolder` (exit 2) naming the folder."""
    folder = path.parent
    if folder.is_dir() or os.path.lexists(folder):
        return  # there (or a file in the way: creating the output says what is wrong)
    check_folder(path)
    folder.mkdir(parents=True, exist_ok=True)


@contextmanager
def atomic_path(path: Path, *, force: bool = False) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it only if the block succeeds."""
    check_writable(path, force)
    try:
        make_parent(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot be written ({exc.strerror})",
                          hint="choose another folder with -o/--out", path=path) from exc
    os.close(fd)
    try:
        yield Path(tmp)
        # mkstemp makes the file private (0600); the result gets the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        # A stop asked for while writing (its exception may have been swallowed by a
        # finalizer) puts nothing in place.
        interrupts.check()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, writer: Callable[[IO[Any]], object], *, binary: bool = False,
                 force: bool = False) -> Path:
    """Write ``path`` through ``writer(stream)``; a failure leaves no half-written file."""
    with atomic_path(path, force=force) as tmp:
        mode = "wb" if binary else "w"
        kwargs: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
        with open(tmp, mode, **kwargs) as stream:
            writer(stream)
    return path


def write_csv(frame: pd.DataFrame, path: Path, *, force: bool = False) -> Path:
    """``frame`` as a formula-safe UTF-8 CSV, written atomically."""
    safe = safe_frame(frame)
    # CRLF rows (RFC 4180) make csv quote every cell that holds a CR: with LF rows a bare CR
    # inside a cell is written unquoted, and spreadsheets start a new row there, one that
    # can begin with a formula.
    return write_atomic(
        path, lambda stream: safe.to_csv(stream, index=False, lineterminator="\r\n"),
        force=force,
    )


#: The bytes of UTF-8 that never make the csv module quote a field (all but , " CR LF).
_CSV_PLAIN_BYTES = bytes(sorted(set(range(256)) - {ord(c) for c in ',"\r\n'}))


def write_csv_columns(columns: Mapping[str, Any], texts: Collection[str], path: Path, *,
                      force: bool = False) -> Path:
    r"""Columns of texts (Arrow string arrays of equal length, at least one) as the bytes
    :func:`write_csv` writes for a frame of the same cells, written atomically: the column
    names neutralized and a header line; in the ``texts`` columns (the frame's text cells)
    each cell neutralized (a formula start gets a leading ``'``); a cell with a comma,
    quote, CR or LF quoted with its quotes doubled (the csv module's minimal quoting); CRLF
    rows. The other columns are taken as written (numbers written as ``to_csv`` does).

    The cells are made safe and joined in Arrow: :func:`write_csv` on a frame calls
    :func:`neutralize` per cell and pandas' ``to_csv`` formats row by row (0.5 s for the
    80,000 rows of a graph's edge list).

    >>> import pyarrow as pa, tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = write_csv_columns({"@a": pa.array(["=1", 'x,"y']), "n": pa.array(["-2", "3"])},
    ...                       {"@a"}, path)
    >>> path.read_bytes()
    b'\'@a,n\r\n\'=1,-2\r\n"x,""y",3\r\n'
    """
    import csv
    import io

    import pyarrow as pa
    import pyarrow.compute as pc

    header = io.StringIO()
    csv.writer(header, lineterminator="\r\n").writerow([neutralize(name) for name in columns])
    starts = pa.array(FORMULA_START, type=pa.string())
    parts: list[Any] = []
    for name, column in columns.items():
        if name in texts:
            risky = pc.is_in(pc.utf8_slice_codeunits(column, 0, 1), value_set=starts)
            if pc.any(risky).as_py():
                column = pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)
        data = column.buffers()[2]
        if data is not None and bytes(data).translate(None, _CSV_PLAIN_BYTES):
            quote = pc.match_substring_regex(column, '[,"\r\n]')
            column = pc.if_else(quote, pc.binary_join_element_wise(
                '"', pc.replace_substring(column, '"', '""'), '"', ""), column)
        parts += [column, ","]
    parts[-1] = "\r\n"

    def write(stream: IO[bytes]) -> None:
        stream.write(header.getvalue().encode("utf-8"))
        write_rows(stream, parts)

    return write_atomic(path, write, binary=True, force=force)


def write_rows(stream: IO[bytes], parts: Sequence[Any]) -> None:
    """Write rows, one after the other, each the join of ``parts``: Arrow string columns of
    equal length and texts the same in every row. The rows are joined in Arrow and its UTF-8
    data written as it is (no Python string per cell or row)."""
    import pyarrow.compute as pc

    from netaudit.encode import text_bytes

    merged: list[Any] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    data = text_bytes(pc.binary_join_element_wise(*merged, ""))
    if len(data):
        stream.write(data)
