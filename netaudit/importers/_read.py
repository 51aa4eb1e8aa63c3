"""Low-level reading shared by every CSV-like importer: encoding, delimiter, header row.

Exports arrive in UTF-8 with or without BOM, UTF-16LE with BOM (2018 LinkedIn files, legacy
Google contacts) and, after a spreadsheet re-save, cp1252. The header is found by its content,
not its position: LinkedIn puts a 3-line ``Notes:`` preamble above it since late 2020 and
spreadsheets pad it with ``Notes:,,`` lines.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from netaudit.errors import InputError, Problem, quoted

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from netaudit.importers.inputs import InputFile

DELIMITERS = (",", ";", "\t", "|")
HEADER_SEARCH_LINES = 15
HEAD_CHARS = 65536
#: csv's default field limit (128 KiB) is too small for 2026 HTML message bodies; this cap
#: keeps a file with an unbalanced quote from swallowing gigabytes into one field.
FIELD_LIMIT = 16 * 1024 * 1024
#: A header with more columns than this is refused: contact exports have about 90 (Google,
#: Outlook), while 1,000,000 columns took more than 120 s and 2.3 GB (issue 16).
MAX_COLUMNS = 1_000
#: A cell longer than this many characters is cut there and counted: no field netaudit reads
#: comes near it (a 2026 HTML message body is a few dozen kB), while a 500 MB cell was kept
#: whole and echoed into --json (issue 16).
MAX_CELL_CHARS = 2 * 1024 * 1024
_SPACES = re.compile(r"[\s_]+")


def norm_header(cell: str) -> str:
    """Header cell as compared: lower case, BOM/quotes stripped, spaces and underscores folded.

    >>> norm_header('\\ufeff"Connected  On" ')
    'connected on'
    >>> norm_header("IS_MESSAGE_DRAFT")
    'is message draft'
    """
    return _SPACES.sub(" ", cell.replace("\ufeff", "").strip().strip('"').strip().lower())


#: Bytes 0-8 and 14-31: the control bytes no text holds (TAB, LF, VT, FF and CR are text).
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)


def looks_binary(head: bytes) -> bool:
    """True for content that is no text in any encoding netaudit reads (PNG, garbage).

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    True
    >>> looks_binary("Name,Email\\n".encode("utf-16"))
    False
    >>> looks_binary(b"First Name,Last Name\\nAna,Ru\\x00iz\\n")
    False
    """
    if not head:
        return False
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:3] == b"\xef\xbb\xbf":
        return False
    sample = head[:4096]
    nuls = sample.count(0)
    # UTF-16 without BOM: every other byte is NUL, in a regular pattern.
    if nuls and (sample[1::2].count(0) > 0.9 * len(sample[1::2])):
        return False
    # NULs count as control bytes: a stray NUL in a damaged re-save does not make a CSV binary,
    # while images and garbage have far more than 5% control bytes.
    # Counted by deleting them in C: a loop over the bytes in Python cost 5 ms of the 0.35 s
    # of CPU reading a small export takes (112 heads looked at, issue 17).
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 0.05 * len(sample)


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: BOMs first, then UTF-8, then cp1252.

    >>> decode("Søren".encode("utf-8"))
    ('Søren', 'utf-8')
    >>> decode("Søren".encode("cp1252"))
    ('Søren', 'cp1252')
    >>> decode("\\ufeffName".encode("utf-16"))[1]
    'utf-16'
    """
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace").lstrip("\ufeff"), "utf-16"
    if data[1:4096:2].count(0) > 0.9 * len(data[1:4096:2]) and data[:1] != b"\x00":
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of a head sample is still UTF-8.
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8"), "utf-8"
    return data.decode("cp1252", errors="replace"), "cp1252"


#: Byte offsets of the undecodable bytes met by the last decode with "netaudit-replace".
_REPLACED_AT: list[int] = []


def _replace_and_count(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)  # registered for decoding only
    _REPLACED_AT.append(error.start)
    return "\ufffd", error.end


codecs.register_error("netaudit-replace", _replace_and_count)


def decode_counted(data: bytes) -> tuple[str, str, list[int]]:
    """A whole file as text, the encoding read, and the 1-based lines where bytes that are
    not text in that encoding were replaced with U+FFFD (one entry per replacement).

    BOMs first, then strict UTF-8. A file that is not valid UTF-8 is UTF-8 with a few bad
    bytes when it holds at least as many well-formed non-ASCII characters as bad bytes (a
    stray byte in an otherwise UTF-8 export), or when it holds a well-formed U+FFFD: only a
    program writing UTF-8 writes that character, after it has lost others (a published
    connection list had 35 of them beside 120 bytes 0xFD, four for each emoji or styled letter
    it could not keep, which cp1252 would show as "ýýýý Noor"). Otherwise it is cp1252 (a
    spreadsheet re-save), whose five undefined bytes are replaced too.

    >>> decode_counted("Søren\\nZoé\\n".encode("utf-8") + b"Zo\\xe9\\n")
    ('Søren\\nZoé\\nZo\\ufffd\\n', 'utf-8', [3])
    >>> decode_counted("Søren\\nZoé\\n".encode("cp1252"))
    ('Søren\\nZoé\\n', 'cp1252', [])
    >>> decode_counted("Lind\\ufffd\\n".encode("utf-8") + b"\\xfd\\xfd Noor\\n")
    ('Lind\\ufffd\\n\\ufffd\\ufffd Noor\\n', 'utf-8', [2, 2])
    """
    del _REPLACED_AT[:]
    skip = 0
    if data[:3] == b"\xef\xbb\xbf":
        skip, encoding = 3, "utf-8-sig"
        text = data[3:].decode("utf-8", errors="netaudit-replace")
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff") or (
            data[1:4096:2].count(0) > 0.9 * len(data[1:4096:2]) and data[:1] != b"\x00"):
        text, encoding = decode(data)  # UTF-16: lines of its replacements are not counted
        return text, encoding, []
    else:
        try:
            return data.decode("utf-8"), "utf-8", []
        except UnicodeDecodeError:
            pass
        text = data.decode("utf-8", errors="netaudit-replace")
        bad = len(_REPLACED_AT)
        wellformed = len(text) - len(text.encode("ascii", errors="ignore")) - bad
        encoding = "utf-8"
        lost_before = text.count("\ufffd") - bad  # U+FFFD written as such, in UTF-8
        if (wellformed < bad or wellformed == 0) and not lost_before:
            del _REPLACED_AT[:]
            text = data.decode("cp1252", errors="netaudit-replace")
            encoding = "cp1252"
    offsets = [skip + at for at in _REPLACED_AT]
    del _REPLACED_AT[:]
    return text, encoding, _line_numbers(data, offsets)


def _line_numbers(data: bytes, offsets: list[int]) -> list[int]:
    """1-based line of each byte offset of an 8-bit or UTF-8 ``data`` (CR, LF or CRLF)."""
    if not offsets:
        return []
    import numpy as np

    raw = np.frombuffer(data, dtype=np.uint8)
    # A line ends at every LF, and at every CR not followed by LF.
    ends = np.flatnonzero((raw == 10) | ((raw == 13) & (np.append(raw[1:], 0) != 10)))
    return (np.searchsorted(ends, np.asarray(offsets), side="right") + 1).tolist()


def head_lines(file: InputFile, count: int = HEADER_SEARCH_LINES) -> list[str]:
    """The first physical lines of a text file ([] when it is binary), for detection."""
    head = file.head()
    if looks_binary(head):
        return []
    text, _ = decode(head)
    return split_head(text, count)[0]


_LINE_END = re.compile(r"\r\n|\r|\n")


def split_head(text: str, count: int = HEADER_SEARCH_LINES) -> tuple[list[str], list[int]]:
    """The first ``count`` physical lines of ``text`` and the offset at which each starts.

    Only CR, LF and CRLF end a line, as in a CSV parser: ``str.splitlines`` also splits at form
    feeds and U+2028, which can sit inside a preamble line, and would then put the header at the
    wrong offset (a data row read as the header) or past the end.

    >>> split_head("Notes:\\x0cx\\rA,B\\r\\n1,2")
    (['Notes:\\x0cx', 'A,B', '1,2'], [0, 9, 14])
    """
    lines: list[str] = []
    starts: list[int] = []
    start = 0
    for match in _LINE_END.finditer(text):
        if len(lines) == count:
            return lines, starts
        lines.append(text[start:match.start()])
        starts.append(start)
        start = match.end()
    if len(lines) < count and start < len(text):
        lines.append(text[start:])
        starts.append(start)
    return lines, starts


def sniff_delimiter(lines: Iterable[str]) -> str:
    """The delimiter that splits the most lines into the same number (>1) of fields.

    >>> sniff_delimiter(["a;b;c", "1;2;3"])
    ';'
    >>> sniff_delimiter(["Notes:", "x", "First Name,Last Name,URL", "A,B,C"])
    ','
    """
    best, best_score = ",", 0
    rows = [line for line in lines if line.strip()]
    for delimiter in DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=delimiter), [])) for line in rows]
        score = max((counts.count(c) * c for c in set(counts) if c > 1), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def split_line(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def find_header(
    lines: list[str], delimiter: str, accept: Callable[[set[str]], bool]
) -> int | None:
    """Index of the first line whose normalized cells ``accept`` takes, or None.

    A Markdown table row (``| name | email |``) is never a header: notes and READMEs that
    people keep beside their exports are documents, not data.

    >>> find_header(["| name | email |", "|---|---|"], "|", lambda cells: "name" in cells)
    >>> find_header(["x", "name,email"], ",", lambda cells: "name" in cells)
    1
    """
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        cells = _header_cells(line, delimiter)
        if cells and accept(cells):
            return index
    return None


def _header_cells(line: str, delimiter: str) -> set[str]:
    """The normalized non-empty cells of ``line`` as a header, none for a Markdown row."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|"):
        return set()
    return {norm_header(c) for c in split_line(line, delimiter)} - {""}


def too_wide(line: str, delimiter: str) -> bool:
    """Whether ``line`` has more cells than a table netaudit reads (:data:`MAX_COLUMNS`).

    >>> too_wide("name," * 1_000 + "email", ","), too_wide("name,email", ",")
    (True, False)
    """
    return line.count(delimiter) >= MAX_COLUMNS and len(split_line(line, delimiter)) > MAX_COLUMNS


#: How a JSON document or a JavaScript assignment of one starts (an object, an array of
#: objects, strings or arrays, ``window.YTD.x.part0 = [``): never a CSV, whatever its lines
#: look like split at a delimiter.
_SCRIPT_OR_JSON = re.compile(r"\{|\[\s*+(?:[\[{\"\]]|$)|window\.[\w$.]++\s*+=")


def _script_or_json(lines: list[str]) -> bool:
    """Whether the text whose first lines are ``lines`` is JSON or a JavaScript assignment.

    >>> _script_or_json(['{', '  "name" : "Example"']), _script_or_json(["window.YTD.x.part0 = ["])
    (True, True)
    >>> _script_or_json(["[", '  {']), _script_or_json(["name,email"]), _script_or_json(["[Name],[Email]"])
    (True, False, False)
    """
    first = next((line.lstrip("\ufeff \t") for line in lines if line.strip()), "")
    return bool(_SCRIPT_OR_JSON.match(first))


def has_header(file: InputFile, accept: Callable[[set[str]], bool]) -> bool:
    """True when one of the first lines of ``file`` is a header ``accept`` recognizes: what
    :func:`find_header` finds in :func:`head_lines` split at :func:`sniff_delimiter`'s pick.

    The lines are split once per file and kept on it: detection asks each file with the
    headers of up to 19 formats, and splitting its head again for each took 14 ms of the
    0.33 s of CPU reading a small LinkedIn export costs (92 asks of 11 files, issue 17).

    >>> import io
    >>> from netaudit.importers.inputs import InputFile
    >>> data = b"Notes:\\n| a | b |\\nFirst Name;Last Name\\nAna;Ruiz\\n"
    >>> file = InputFile("x.csv", "x.csv", len(data), lambda: io.BytesIO(data))
    >>> has_header(file, lambda cells: "first name" in cells)
    True
    >>> [sorted(cells) for cells in file.header_cells]
    [['notes:'], ['first name', 'last name'], ['ana', 'ruiz']]
    """
    if file.header_cells is None:
        lines = head_lines(file)
        delimiter = sniff_delimiter(lines)
        # A JSON document is no CSV: an X archive's pretty-printed connected-application.js
        # ('"name" : "…",' lines) passed for a contacts CSV of 6 people. Nor is a line wider
        # than any table read_table takes a header: the archive's viewer (assets/js/main.….js,
        # one minified line of 1,147 comma-separated pieces, 'name' among them) passed for
        # one, and read_table's refusal of it stopped the whole archive. Such files, inside a
        # folder or ZIP, are skipped like any other.
        file.header_cells = [] if _script_or_json(lines) else [
            cells for line in lines[:HEADER_SEARCH_LINES]
            if not too_wide(line, delimiter) and (cells := _header_cells(line, delimiter))]
    return any(accept(cells) for cells in file.header_cells)


@dataclass
class Table:
    """A CSV read as text: rows as strings, the header as found, and where it stood."""

    frame: pd.DataFrame
    """Every column as str ('' for empty), columns renamed with :func:`norm_header`."""
    header: list[str]
    header_line: int
    """0-based physical line of the header."""
    encoding: str
    delimiter: str
    skipped: int = 0
    first_skipped_line: int | None = None
    replaced_lines: int = 0
    """Physical lines where bytes that are not text in ``encoding`` were replaced."""
    first_replaced_line: int | None = None
    cut_cells: int = 0
    """Cells longer than MAX_CELL_CHARS, cut to that length."""


def read_table(
    file: InputFile,
    accept: Callable[[set[str]], bool],
    *,
    escapechar: str | None = None,
    expect: str = "a header row",
) -> Table:
    """Read ``file`` as a CSV whose header row ``accept`` recognizes.

    The fast path is pyarrow's CSV reader (when installed), then pandas' C parser; when both
    reject the file (unbalanced quotes, rows with too many fields), the csv module reads it row
    by row and the rows that cannot be parsed are counted in ``skipped``, never dropped
    silently.
    """
    data = file.read_buffer()
    if looks_binary(bytes(data[:4096])):
        raise InputError(
            "is not a text file",
            # Some callers' ``expect`` already reads "a CSV with …".
            hint=f"expected {'' if expect.startswith('a CSV') else 'a CSV with '}{expect}",
            path=file.display,
        )
    # The header is looked for in the head only: csv refuses a line longer than its field
    # limit, and a file without line breaks would otherwise be one huge line.
    head, encoding = decode(bytes(data[:HEAD_CHARS]))
    lines, starts = split_head(head.replace("\x00", ""))
    delimiter = sniff_delimiter(lines[:HEADER_SEARCH_LINES])
    index = find_header(lines, delimiter, accept)
    if index is None:
        raise InputError(
            "has no header row netaudit recognizes",
            hint=f"expected {expect} within the first {HEADER_SEARCH_LINES} lines",
            path=file.display,
        )
    header = split_line(lines[index], delimiter)
    if len(header) > MAX_COLUMNS:
        # The head holds at most HEAD_CHARS characters of the header line: a lower bound.
        raise InputError(
            f"has a header of more than {MAX_COLUMNS:,} columns",
            hint="netaudit reads tables of at most 1,000 columns; this is not an export",
            path=file.display,
        )
    columns = _unique([norm_header(c) for c in header])
    skipped, first_skipped = 0, None
    frame = None
    # find, not 'in': a mapped file has no fast 'in' (1.4 s on 160 MB, find 5 ms).
    if encoding in ("utf-8", "utf-8-sig") and data.find(b"\x00") < 0:
        # Most exports are UTF-8: the parsers take the original bytes from the header on,
        # without decoding 100+ MB to text and encoding it back. A byte that is not UTF-8
        # further down makes them refuse, and the full decode below (cp1252) takes over.
        offset = (3 if encoding == "utf-8-sig" else 0) + len(head[:starts[index]].encode())
        # A view, not a slice: copying 160 MB of messages cost 0.08 s of CPU (issue 17).
        frame = _read_fast(memoryview(data)[offset:], delimiter, columns, escapechar)
    replaced: list[int] = []
    if frame is None:
        text, encoding, replaced = decode_counted(bytes(data))
        text = text.replace("\x00", "")
        lines, starts = split_head(text[:HEAD_CHARS])
        body = text[starts[index]:]
        frame = _read_fast(body.encode("utf-8"), delimiter, columns, escapechar)
        if frame is None:
            frame, skipped, first_skipped = _read_slowly(body, delimiter, columns, escapechar)
            if first_skipped is not None:
                first_skipped += index
    frame = frame.fillna("")
    cut = _cut_long_cells(frame) if len(data) > MAX_CELL_CHARS else 0
    return Table(frame, header, index, encoding, delimiter, skipped, first_skipped,
                 len(set(replaced)), min(replaced, default=None), cut)


def _text_buffers(values: pd.Series, *, combine: bool = False
                  ) -> list[tuple[np.ndarray, np.ndarray]] | None:
    """The Arrow buffers of a text column, chunk by chunk: each chunk's offsets (int64, one
    more than its cells, into its data) and its data bytes, no Python string made; one
    chunk with ``combine``. None when the column is not Arrow text: the caller falls back
    to pandas.

    >>> import pandas as pd
    >>> [(o.tolist(), d.tobytes()) for o, d in _text_buffers(pd.Series(["ab", "", "c"],
    ...                                                                 dtype="str"))]
    [([0, 2, 2, 3], b'abc')]
    """
    import numpy as np
    import pyarrow as pa

    if str(values.dtype) != "str":
        return None
    try:
        column = pa.array(values.array)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    if combine and isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks else pa.array([], pa.string())
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    out = []
    for chunk in chunks:
        if not (pa.types.is_large_string(chunk.type) or pa.types.is_string(chunk.type)):
            return None
        _, offsets_buffer, data_buffer = chunk.buffers()
        if offsets_buffer is None:  # an empty chunk may have none
            offsets = np.zeros(1, dtype=np.int64)
        else:
            width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
            offsets = np.frombuffer(offsets_buffer, dtype=width)[
                chunk.offset:chunk.offset + len(chunk) + 1].astype(np.int64, copy=False)
        data = (np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None
                else np.zeros(0, dtype=np.uint8))
        out.append((offsets, data))
    return out


def stripped(values: pd.Series) -> pd.Series:
    """``values.str.strip()``, or ``values`` itself when stripping would change no cell.

    Stripping a 500,000-row column writes a new copy of every string (about 0.4 s of CPU for
    the columns of a large messages.csv, issue 17) although exports hardly ever pad a cell.
    The first and last byte of each cell are read from the Arrow buffers instead: only a cell
    that starts or ends with a byte that can belong to whitespace (ASCII space and controls,
    or any byte of a multi-byte character, such as a no-break space) is compared with its
    stripped self, and the column is stripped only when one of them differs.

    >>> import pandas as pd
    >>> stripped(pd.Series(["a", "b c", "José"], dtype="str")).tolist()
    ['a', 'b c', 'José']
    >>> stripped(pd.Series(["a", " b", "c\u00a0"], dtype="str")).tolist()
    ['a', 'b', 'c']
    """
    import numpy as np

    buffers = _text_buffers(values)
    if buffers is None:
        return values.str.strip()
    positions = []
    start = 0
    for offsets, data in buffers:
        if len(data):
            # Every cell's first and last byte at once (an empty cell reads a neighbour's,
            # then drops out): printable ASCII is 0x21-0x7E, which the wrapped difference
            # maps below 0x5E. Pyarrow's CSV reader makes one chunk per MB, so the fewer
            # numpy calls per chunk the better (0.005 s -> 0.002 s a column).
            begin, end = offsets[:-1], offsets[1:]
            first = data.take(begin, mode="clip") - np.uint8(0x21)
            last = data.take(end - 1, mode="clip") - np.uint8(0x21)
            suspect = ((first >= 0x5E) | (last >= 0x5E)) & (end > begin)
            positions.append(np.flatnonzero(suspect) + start)
        start += len(offsets) - 1
    suspects = np.concatenate(positions) if positions else np.zeros(0, dtype=np.int64)
    if not len(suspects):
        return values
    sample = rows_at(values, suspects)
    if (sample.str.strip() != sample).any():
        return values.str.strip()
    return values


def rows_at(values: pd.Series, rows: np.ndarray) -> pd.Series:
    """``values.iloc[rows]`` for ascending, distinct positions ``rows``, selected by a
    mask: pyarrow's CSV reader makes one chunk per MB and a take first joins every chunk
    into one copy of the whole column (0.14 s of CPU to pick 17,000 of the 1,500,000
    bodies of a large messages.csv), where a mask filters chunk by chunk (0.004 s; issue 17).

    >>> import numpy as np, pandas as pd
    >>> rows_at(pd.Series(["a", "b", "c"], index=[5, 6, 7], dtype="str"), np.array([0, 2]))
    5    a
    7    c
    dtype: str
    """
    import numpy as np

    mask = np.zeros(len(values), dtype=bool)
    mask[rows] = True
    return values[mask]


def holding_bytes(values: pd.Series, wanted: bytes) -> np.ndarray | None:
    """Mask of the cells of a text column that hold one of the ASCII bytes ``wanted``, read
    from the Arrow buffers (one pass over the bytes, no regex, no Python string); None when
    the column is not Arrow text, and the caller looks at every cell.

    A filter before a regex that can only match where such a byte stands: RE2 took 0.04 s to
    look for markup in the 500,000 bodies of a large messages.csv, this 0.007 s (issue 17).

    >>> import pandas as pd
    >>> holding_bytes(pd.Series(["a<b", "", "café", "x&", "plain"], dtype="str"), b"<&").tolist()
    [True, False, False, True, False]
    """
    import numpy as np

    if any(byte >= 0x80 for byte in wanted):
        return None
    buffers = _text_buffers(values)
    if buffers is None:
        return None
    masks = []
    for offsets, data in buffers:
        found = np.zeros(len(offsets) - 1, dtype=bool)
        masks.append(found)
        if not len(data) or not len(found):
            continue
        data = data[offsets[0]:offsets[-1]]
        hit = data == wanted[0]
        for byte in wanted[1:]:
            hit |= data == byte
        # A byte of a multi-byte character is never ASCII, so a hit is the byte itself.
        rows = np.searchsorted(offsets, np.flatnonzero(hit) + offsets[0], side="right") - 1
        found[rows] = True
    return np.concatenate(masks) if masks else np.zeros(0, dtype=bool)


def repeated_text(value: str, index: pd.Index) -> pd.Series:
    """A text column holding ``value`` on every row of ``index``, built from two Arrow
    buffers: pandas makes one Python string per row first (0.1 s of CPU for a file's path
    on 540,000 messages, issue 17).

    >>> repeated_text("a.csv", __import__("pandas").RangeIndex(2)).tolist()
    ['a.csv', 'a.csv']
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    raw = value.encode("utf-8", "surrogatepass")
    offsets = np.arange(len(index) + 1, dtype=np.int64) * len(raw)
    column = pa.Array.from_buffers(pa.large_string(), len(index),
                                   [None, pa.py_buffer(offsets), pa.py_buffer(raw * len(index))])
    return pd.Series(column, index=index, dtype="str")


def numbered_text(prefix: str, index: pd.Index) -> pd.Series:
    """``prefix`` followed by each row's number (0, 1, …) as a text column on ``index``,
    its Arrow buffers written by numpy: the numbers of each width are one byte matrix
    (prefix, then one column per digit), laid end to end. pandas turned 500,000 numbers
    into Python strings first (0.018 s for the message ids of a large messages.csv), and
    Arrow's cast and join took 0.014 s; this 0.005 s (issue 17).

    >>> numbered_text("a.csv#", __import__("pandas").RangeIndex(3)).tolist()
    ['a.csv#0', 'a.csv#1', 'a.csv#2']
    >>> ids = numbered_text("é:", __import__("pandas").RangeIndex(101)).tolist()
    >>> ids[9:11], ids[99:]
    (['é:9', 'é:10'], ['é:99', 'é:100'])
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    raw = np.frombuffer(prefix.encode("utf-8"), dtype=np.uint8)
    count = len(index)
    # Numbers of 1, 2, … digits: [low, high) each, written straight into one buffer.
    bounds = [0, *(10 ** width for width in range(1, len(str(max(count - 1, 0))))), count]
    sizes = [(high - low) * (len(raw) + width)
             for width, (low, high) in enumerate(pairwise(bounds), 1)]
    data = np.empty(sum(sizes), dtype=np.uint8)
    offsets = np.empty(count + 1, dtype=np.int64)
    offsets[0] = 0
    at = 0
    for width, (low, high) in enumerate(pairwise(bounds), 1):
        if high <= low:
            continue
        size = len(raw) + width
        block = data[at:at + (high - low) * size].reshape(high - low, size)
        block[:, :len(raw)] = raw
        for digit in range(width):
            # The digit worth ``power`` runs through 0-9, each held for ``power`` numbers:
            # repeated, not divided out of every number (int64 division cost twice as much).
            power = 10 ** (width - 1 - digit)
            digits = np.arange(low // power, (high - 1) // power + 1) % 10 + 48
            start = low % power
            block[:, len(raw) + digit] = np.repeat(digits.astype(np.uint8), power)[
                start:start + high - low]
        offsets[low + 1:high + 1] = np.arange(at + size, at + (high - low + 1) * size, size)
        at += (high - low) * size
    column = pa.Array.from_buffers(pa.large_string(), count,
                                   [None, pa.py_buffer(offsets), pa.py_buffer(data)])
    return pd.Series(column, index=index, dtype="str")


def _cut_long_cells(frame: pd.DataFrame) -> int:
    """Cut every cell of ``frame`` longer than MAX_CELL_CHARS to that length (in place);
    how many were cut. Only a file larger than the cap can hold such a cell."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cut = 0
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position]
        try:
            # A cell holds at most as many characters as bytes: the byte lengths come from
            # the offsets alone, where counting characters reads every byte (0.1 s of CPU on
            # a 160 MB messages.csv, issue 17).
            longest = pc.max(pc.binary_length(pa.array(values.array))).as_py()
            if longest is None or longest <= MAX_CELL_CHARS:
                continue
        except (pa.ArrowException, TypeError):
            pass
        lengths = values.str.len()
        long = lengths > MAX_CELL_CHARS
        if long.any():
            cut += int(long.sum())
            frame.isetitem(position, values.where(~long, values.str.slice(0, MAX_CELL_CHARS)))
    return cut


def _read_fast(
    raw: bytes | memoryview, delimiter: str, columns: list[str], escapechar: str | None
) -> pd.DataFrame | None:
    """The strict parsers on UTF-8 ``raw`` (header line first): pyarrow when installed, five
    times faster than pandas' C parser, which reads bytes twice as fast as text. None when both
    refuse (rows with too many fields, broken quoting, bytes that are not UTF-8)."""
    import pandas as pd

    frame = _read_with_pyarrow(raw, delimiter, columns) if escapechar is None else None
    if frame is not None:
        return frame
    try:
        frame = pd.read_csv(
            io.BytesIO(raw),
            encoding="utf-8",
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            escapechar=escapechar,
            header=0,
            names=columns,
            skip_blank_lines=True,
            engine="c",
            on_bad_lines="error",
        )
    except (pd.errors.ParserError, ValueError, csv.Error):
        return None
    # When every row is one field longer than the header, pandas takes the first column as
    # the index instead of refusing the rows: let the row-by-row reader decide and count.
    if not isinstance(frame.index, pd.RangeIndex):
        return None
    return frame


#: The largest block pyarrow's CSV reader takes (a 32-bit size): a larger file is read in
#: blocks of this size.
MAX_BLOCK = (1 << 31) - 1


def _read_with_pyarrow(raw: bytes | memoryview, delimiter: str, columns: list[str]
                       ) -> pd.DataFrame | None:
    """The strict fast path, when pyarrow is installed: every column as text, '' for empty,
    quoted line breaks kept. None when pyarrow is missing or refuses the file (a row with
    another number of fields), so that the lenient readers decide what to keep."""
    try:
        import pyarrow as pa
        import pyarrow.csv as pa_csv
    except ImportError:
        return None
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(pa.py_buffer(raw)),  # the bytes themselves, not a copy
            # One thread: the parallel parse of the benchmark's messages.csv (160 MB) took
            # 0.23 s of CPU against 0.15 s on one thread, for the same wall time on two
            # busy cores, and 40 MB more at the peak (issue 17).
            # One block, so one chunk per column: pandas filters and takes on a column of
            # several chunks by a slow path (a 90% row filter of the benchmark's messages:
            # 0.74 s with the 155 chunks of the default 1 MB blocks, 0.07 s with one).
            read_options=pa_csv.ReadOptions(skip_rows=1, column_names=columns,
                                            use_threads=False,
                                            block_size=max(1 << 20, min(len(raw) + 1,
                                                                        MAX_BLOCK))),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            # large_string is what pandas' "str" columns hold: parsed as plain string,
            # to_pandas casts every column (0.17-0.53 s of CPU against 0.16 s for the
            # benchmark's messages.csv). `analyze` on that folder: 1.80 -> 1.69 s of user
            # time, the peak 638 -> 673 MB, as the frame now keeps the parser's own
            # buffers (9 interleaved rounds; issue 17).
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(columns, pa.large_string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    frame = table.to_pandas()
    del table
    # The parser's blocks are free now, but Arrow's allocator (mimalloc) hands memory back to
    # the system only after a delay: the next steps would stack their peak on top of it
    # (+50 MB on a 160 MB messages.csv). Ask for it back at once.
    pa.default_memory_pool().release_unused()
    return frame


def _unique(columns: list[str]) -> list[str]:
    """Make repeated header names unique (Ad_Targeting has 'Company Names' three times)."""
    seen: dict[str, int] = {}
    out = []
    for column in columns:
        count = seen.get(column, 0)
        seen[column] = count + 1
        out.append(column if count == 0 else f"{column}.{count}")
    return out


def _read_slowly(
    body: str, delimiter: str, columns: list[str], escapechar: str | None
) -> tuple[pd.DataFrame, int, int | None]:
    """Row by row with the csv module. A row with more fields than the header is skipped. A
    row that cannot be a row at all is skipped and reading resumes on its second line, so
    that the rows after it are kept: a field beyond FIELD_LIMIT (csv raises), and a quote
    that is never closed, which lenient csv does not report but turns into one field holding
    the rest of the file. Returns the rows, how many were skipped and the 1-based line of
    ``body`` where the first skipped row starts."""
    import pandas as pd

    csv.field_size_limit(FIELD_LIMIT)
    # Universal newlines: a lone CR ends a line for readline() as it does for csv.
    stream = io.StringIO(body, newline=None)
    stream.readline()  # the header
    consumed = 1  # lines of body read so far

    def lines() -> Iterator[str]:
        nonlocal consumed
        while line := stream.readline():
            consumed += 1
            yield line

    rows: list[list[str]] = []
    skipped, first = 0, None
    width = len(columns)

    def skip(line: int) -> None:
        nonlocal skipped, first
        skipped += 1
        first = line if first is None else first

    while True:
        start, start_line = stream.tell(), consumed + 1
        last_start = last_line = -1
        kept_last = False
        try:
            for row in csv.reader(lines(), delimiter=delimiter, escapechar=escapechar):
                last_start, last_line = start, start_line
                start, start_line = stream.tell(), consumed + 1
                kept_last = False
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                if len(row) > width and not any(row[width:]):
                    row = row[:width]
                if len(row) > width:
                    skip(last_line)
                    continue
                rows.append(row + [""] * (width - len(row)))
                kept_last = True
        except csv.Error:
            broken_at, broken_line = start, start_line
        else:
            if last_start < 0 or start_line - last_line < 2 or not _unterminated(
                body, last_start, delimiter, escapechar
            ):
                break
            # The last row swallowed the rest of the file: an unbalanced quote.
            if kept_last:
                rows.pop()
            elif skipped:  # already counted as a row with too many fields
                skipped -= 1
            broken_at, broken_line = last_start, last_line
        skip(broken_line)
        stream.seek(broken_at)
        stream.readline()
        consumed = broken_line
    return pd.DataFrame(rows, columns=columns, dtype=object), skipped, first


_EOF_MARK = "\uffffnetaudit end of file\uffff"


def _unterminated(body: str, start: int, delimiter: str, escapechar: str | None) -> bool:
    """True when the record starting at ``start`` (the last one) ends inside a quoted field:
    text appended after it then lands in its last field instead of a row of its own."""
    tail = io.StringIO(body[start:] + "\n" + _EOF_MARK + "\n", newline=None)
    rows = list(csv.reader(tail, delimiter=delimiter, escapechar=escapechar))
    return bool(rows) and rows[-1] != [_EOF_MARK] and _EOF_MARK in rows[-1][-1]


def skipped_problem(file: InputFile, table: Table) -> list[Problem]:
    """The rows ``read_table`` could not parse, and the lines whose bytes it could not decode
    (kept, with U+FFFD where those bytes stood)."""
    problems = []
    if table.replaced_lines:
        encoding = "UTF-8" if table.encoding.startswith("utf-8") else table.encoding
        problems.append(Problem(
            file.display,
            f"have bytes that are not {encoding} text; the lines were kept with '\ufffd' "
            "in place of those bytes",
            table.replaced_lines, table.first_replaced_line, unit="line"))
    if table.cut_cells:
        problems.append(Problem(
            file.display,
            f"were longer than {MAX_CELL_CHARS:,} characters and were cut there",
            table.cut_cells, unit="cell"))
    if table.skipped:
        problems.append(Problem(
            file.display,
            "could not be parsed (wrong number of fields or broken quoting) and were skipped",
            table.skipped,
            table.first_skipped_line,
        ))
    return problems


def parse_dates(
    values: pd.Series,
    formats: Iterable[str],
    *,
    utc_suffix: bool = False,
) -> tuple[pd.Series, int]:
    """Parse text dates with explicit formats, trying each in turn; never guess a locale.

    Returns UTC timestamps (NaT where nothing parsed) and the number of non-empty values that
    no format matched. ``utc_suffix`` strips a trailing ' UTC' first.

    >>> import pandas as pd
    >>> s, bad = parse_dates(pd.Series(["04 Jul 2023", "", "31 Feb 2023"]), ["%d %b %Y"])
    >>> [str(v) for v in s], bad
    (['2023-07-04 00:00:00+00:00', 'NaT', 'NaT'], 1)
    >>> parse_dates(pd.Series(["9999-12-31"]), ["%Y-%m-%d"])[1]
    1
    """
    import pandas as pd

    text = stripped(values.astype(str))
    if utc_suffix:
        text = text.str.replace(r"\s*UTC$", "", regex=True)
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns, UTC]")
    pending = text != ""
    for fmt in formats:
        if not pending.any():
            break
        # The usual case, every value in one format: no subset taken, nothing set by label
        # (each cost as much as the parse itself on 500,000 message dates).
        whole = bool(pending.all())
        parsed = pd.to_datetime(text if whole else text[pending], format=fmt, errors="coerce",
                                utc=True)
        if parsed.dtype != result.dtype:
            # pandas 3 keeps a date outside 1677-2262 (a '9999-12-31' placeholder) at a coarser
            # unit: it fits no nanosecond column, so it counts as unreadable.
            lo, hi = pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC")
            parsed = parsed.where((parsed >= lo) & (parsed <= hi)).astype(result.dtype)
        ok = parsed.notna()
        if whole:
            result = parsed.rename(None)
            pending = ~ok
            continue
        result.loc[parsed.index[ok]] = parsed[ok]
        pending.loc[parsed.index[ok]] = False
    return result, int(pending.sum())


#: The one date format of 2022+ LinkedIn messages ('2024-03-05 14:02:11 UTC', ' UTC' cut).
ISO_SECONDS = "%Y-%m-%d %H:%M:%S"
#: The 'Connected On' format of 2020+ LinkedIn connection lists ('04 Jul 2023').
DAY_MONTH_YEAR = "%d %b %Y"
#: Where each two-digit number of 'YYYY-MM-DD HH:MM:SS' starts, and the separators.
_ISO_NUMBERS = [0, 2, 5, 8, 11, 14, 17]
_ISO_SEPARATOR_AT = [4, 7, 10, 13, 16]
_ISO_SEPARATORS = list(b"-- ::")
#: What pandas' '%b' reads (the C locale's abbreviations, in any case), as lower-case bytes.
_MONTHS = [name.encode() for name in
           "jan feb mar apr may jun jul aug sep oct nov dec".split()]


def _cell_bytes(values: pd.Series, width: int, suffix: bytes = b""
                ) -> tuple[np.ndarray, np.ndarray] | None:
    """The non-empty cells of a text column as a (cells, ``width``) byte matrix, and their
    rows; None unless every non-empty cell is ``width`` bytes long, or that plus ``suffix``,
    or when no cell is filled. Read from the Arrow buffers: no Python string is made."""
    import numpy as np

    buffers = _text_buffers(values, combine=True)
    if buffers is None:
        return None
    [(offsets, data)] = buffers
    lengths = np.diff(offsets)
    filled = np.flatnonzero(lengths)
    long = width + len(suffix)
    if not len(filled) or not np.isin(lengths[filled], (width, long)).all():
        return None
    tail = np.frombuffer(suffix, dtype=np.uint8)
    if len(filled) == len(lengths) and (lengths == lengths[0]).all():
        # Every cell as long (the usual case): the bytes are a matrix as they lie.
        cells = data[offsets[0]:offsets[-1]].reshape(len(lengths), int(lengths[0]))
        if cells.shape[1] == long and (cells[:, width:] != tail).any():
            return None
        return cells[:, :width], filled
    starts = offsets[filled]
    suffixed = starts[lengths[filled] == long]
    if len(suffix) and (data[suffixed[:, None] + np.arange(width, long)] != tail).any():
        return None
    return data[starts[:, None] + np.arange(width)], filled


def _two_digits(cells: np.ndarray, at: int) -> np.ndarray | None:
    """The number written by the two digit bytes at column ``at`` of each row; None when a
    byte is no digit."""
    import numpy as np

    tens, units = cells[:, at] - np.uint8(48), cells[:, at + 1] - np.uint8(48)
    if (tens > 9).any() or (units > 9).any():  # a byte below '0' wraps above 9
        return None
    return tens.astype(np.int32) * 10 + units


def _utc_instants(rows: int, filled: np.ndarray, year, month, day, seconds=0
                  ) -> pd.Series | None:
    """UTC timestamps of (year, month, day) + ``seconds`` at the rows ``filled`` of ``rows``
    (NaT elsewhere); None when one is no calendar day or lies outside the whole years of
    pandas' nanosecond range (1677-09-21 to 2262-04-11), which parse_dates treats apart."""
    import numpy as np
    import pandas as pd

    if not ((year >= 1678) & (year <= 2261) & (month >= 1) & (month <= 12)).all():
        return None
    months = (year - 1970) * 12 + month - 1
    # The first day of each month in the file's span, looked up per cell: numpy's calendar
    # conversions on every cell cost 0.009 s for 500,000 message dates (issue 17).
    low = int(months.min())
    starts = np.arange(low, int(months.max()) + 2).astype("datetime64[M]").astype(
        "datetime64[D]").astype(np.int64)
    at = months - low
    first_day = starts[at]
    if not ((day >= 1) & (day <= np.diff(starts)[at])).all():
        return None
    stamps = np.full(rows, np.datetime64("NaT"), dtype="datetime64[ns]")
    stamps[filled] = (((first_day + day - 1) * 86_400 + seconds) * 1_000_000_000
                      ).astype("datetime64[ns]")
    return pd.Series(stamps).dt.tz_localize("UTC")


def iso_seconds(values: pd.Series) -> pd.Series | None:
    """UTC dates of a text column whose every cell is empty or 'YYYY-MM-DD HH:MM:SS', with
    or without ' UTC' after it, and a valid date from 1678 to 2261; None when any cell is
    otherwise, and the caller parses the column with its formats (:func:`parse_dates`).

    What ``parse_dates`` makes of such a column with ISO_SECONDS first, read from the Arrow
    buffers with array arithmetic: pandas' parser took 0.08 s of CPU and its checks 0.03 s
    for the 500,000 dates of a large messages.csv (issue 17).

    >>> import pandas as pd
    >>> [str(d) for d in iso_seconds(pd.Series(["2024-02-29 23:59:59 UTC", ""], dtype="str"))]
    ['2024-02-29 23:59:59+00:00', 'NaT']
    >>> iso_seconds(pd.Series(["2023-02-29 10:00:00"], dtype="str")) is None  # no such day
    True
    """
    import numpy as np

    found = _cell_bytes(values, 19, b" UTC")
    if found is None:
        return None
    cells, filled = found
    if (cells[:, _ISO_SEPARATOR_AT] != _ISO_SEPARATORS).any():
        return None
    numbers = [number for at in _ISO_NUMBERS if (number := _two_digits(cells, at)) is not None]
    if len(numbers) < len(_ISO_NUMBERS):
        return None
    century, year, month, day, hour, minute, second = numbers
    if not ((hour < 24).all() and (minute < 60).all() and (second < 60).all()):
        return None
    dates = _utc_instants(len(values), filled, century * 100 + year, month, day,
                          hour.astype(np.int64) * 3_600 + minute * 60 + second)
    return None if dates is None else dates.set_axis(values.index)


def day_month_year(values: pd.Series) -> pd.Series | None:
    """UTC dates of a text column whose every cell is empty or 'DD Mon YYYY' ('04 Jul
    2023', the month in any case) naming a day from 1678 to 2261; None otherwise, and the
    caller parses the column with its formats. What ``parse_dates`` makes of such a column
    with DAY_MONTH_YEAR first, without pandas' strptime (0.05 s for 30,000 connections).

    >>> import pandas as pd
    >>> [str(d) for d in day_month_year(pd.Series(["29 Feb 2024", "", "01 DEC 2003"],
    ...                                           dtype="str"))]
    ['2024-02-29 00:00:00+00:00', 'NaT', '2003-12-01 00:00:00+00:00']
    >>> day_month_year(pd.Series(["4 Jul 2023"], dtype="str")) is None  # one digit: pandas
    True
    """
    import numpy as np

    found = _cell_bytes(values, 11)
    if found is None:
        return None
    cells, filled = found
    if (cells[:, 2] != ord(" ")).any() or (cells[:, 6] != ord(" ")).any():
        return None
    day, century, year = (_two_digits(cells, at) for at in (0, 7, 9))
    if day is None or century is None or year is None:
        return None
    # Each cell's three month bytes as one number, lowered: b | 0x20 is a lower-case letter
    # only when b is that letter or its ASCII upper case.
    lower = (cells[:, 3:6] | np.uint8(0x20)).astype(np.int32)
    keys = lower[:, 0] << 16 | lower[:, 1] << 8 | lower[:, 2]
    month = np.zeros(len(keys), dtype=np.int32)
    for number, name in enumerate(_MONTHS, 1):
        month[keys == (name[0] << 16 | name[1] << 8 | name[2])] = number
    if (month == 0).any():
        return None
    dates = _utc_instants(len(values), filled, century * 100 + year, month, day)
    return None if dates is None else dates.set_axis(values.index)


#: LinkedIn launched in May 2003: an earlier date in one of its files (or in a connection list)
#: is a misread or a re-save that went wrong, not a fact.
EARLIEST_DATE = "2003-01-01"


def implausible_dates(dates: pd.Series) -> pd.Series:
    """Mask of the dates before 2003 or after tomorrow (UTC; a file written east of UTC can
    be a day ahead). Importers count them as problems and leave them empty.

    >>> import pandas as pd
    >>> implausible_dates(pd.Series(pd.to_datetime(
    ...     ["1999-05-05", "2023-07-04", "2099-01-01", None], utc=True))).tolist()
    [True, False, True, False]
    """
    import pandas as pd

    latest = pd.Timestamp.now(tz="UTC") + pd.Timedelta(days=1)
    return dates.notna() & ((dates < pd.Timestamp(EARLIEST_DATE, tz="UTC")) | (dates > latest))


def physical_line(table: Table, position: int) -> int:
    """1-based line of the file where data row ``position`` starts: the header's line, the
    rows before it, and the line breaks inside their quoted cells (Google's multi-line
    addresses and notes, 2026 message bodies)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    before = table.frame.iloc[:position]
    breaks = 0
    for column in before.columns:
        values = before[column]
        try:
            # A literal count in Arrow: pandas' str.count is a regex count, 10x slower (0.19 s
            # for the rows before row 400,000 of a 500,000-message file, for one warning).
            counted = pc.sum(pc.count_substring(pa.array(values.array), "\n")).as_py()
        except (pa.ArrowException, TypeError):
            counted = values.astype(str).str.count("\n").sum()
        breaks += int(counted or 0)
    return table.header_line + 2 + position + breaks


def date_problems(
    display: str, table: Table, values: pd.Series, dates: pd.Series, label: str, *,
    unreadable: str = "netaudit cannot read", too_early: str = "before 2003",
) -> tuple[pd.Series, list[Problem]]:
    """The warnings every importer gives about a parsed date column, and the dates to keep.

    ``values`` are the cells as written and ``dates`` what parsing made of them. A cell that
    parsed to nothing is counted as unreadable; a date before 2003 or in the future (see
    :func:`implausible_dates`) is counted and left empty. Each warning names ``label`` (the
    file's column), an example cell and the first line. The rows themselves are kept.
    """
    problems: list[Problem] = []
    unread = dates.isna() & (values != "")
    if unread.any():
        first = int(unread.to_numpy().argmax())
        problems.append(Problem(
            display, f"have a '{label}' date {unreadable} (e.g. {quoted(values.iat[first])}); "
            "those dates were left empty", int(unread.sum()), physical_line(table, first)))
    wrong = implausible_dates(dates)
    if wrong.any():
        first = int(wrong.to_numpy().argmax())
        problems.append(Problem(
            display, f"have a '{label}' date {too_early} or in the future "
            f"(e.g. {quoted(values.iat[first])}); those dates were left empty",
            int(wrong.sum()), physical_line(table, first)))
        dates = dates.mask(wrong)
    return dates, problems
