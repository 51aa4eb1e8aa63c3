"""One encoder from results to JSON-ready data: what ``--json`` prints and what
``to_dict()`` returns for a result whose dict only copies its fields.

A result that reshapes (renames, rounds, adds shares and totals) keeps its own
``to_dict()``, which this encoder calls; any other dataclass becomes a dict of its fields in
their order, recursively; dates, paths, enums, numpy scalars, sets and DataFrames (as a list
of row dicts) become plain JSON values. Nothing of netaudit is imported here: every layer
may use it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import math
import operator
from collections.abc import Callable, Iterator, Mapping
from itertools import repeat
from json.encoder import encode_basestring
from pathlib import PurePath
from typing import Any


def to_data(value: Any) -> Any:
    """``value`` as JSON-ready data (dicts, lists, str, int, float, bool, None).

    >>> import datetime, enum, pathlib
    >>> from dataclasses import dataclass, field
    >>> class Kind(enum.Enum):
    ...     ACTIVE = "active"
    >>> @dataclass
    ... class Row:
    ...     name: str
    ...     when: datetime.date
    ...     kind: Kind
    ...     tags: tuple[str, ...] = ()
    ...     where: pathlib.Path | None = None
    ...     cache: dict = field(default_factory=dict, repr=False)
    >>> to_data(Row("Ana", datetime.date(2026, 3, 1), Kind.ACTIVE, ("a", "b"),
    ...             pathlib.Path("x/y.csv")))
    {'name': 'Ana', 'when': '2026-03-01', 'kind': 'active', 'tags': ['a', 'b'], 'where': 'x/y.csv'}

    A field declared with ``repr=False`` (a cache, a table kept for later stages) is left out.
    """
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Table):
        return value.rows()
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None and not _is_pandas(value) and callable(to_dict):
        return to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return fields_data(value)
    if isinstance(value, Mapping):
        return {key: to_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_data(item) for item in value]
    if isinstance(value, enum.Enum):
        return to_data(value.value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if _is_pandas(value):
        return _pandas(value)
    if hasattr(value, "isoformat"):  # pandas Timestamp, numpy datetime64 wrappers
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return to_data(value.item())
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def json_data(value: Any) -> Any:
    """What ``--json`` writes for ``value``: :func:`to_data`, except that a result with a
    ``json_data()`` method gives that instead: the same data with its big tables kept as
    :class:`Table`, which the JSON writer encodes column by column."""
    method = getattr(value, "json_data", None)
    return method() if callable(method) else to_data(value)


class Table:
    """A list of row dicts held column by column: ``columns`` maps each key, in order, to the
    value of every row (a list of JSON-ready values, or an Arrow array as a :class:`Column`),
    to a :class:`Repeated` column or to a nested Table (a dict per row). At least one column.

    :meth:`rows` gives the list of dicts (what :func:`to_data` gives); :meth:`json_pieces`
    gives the JSON text of that list, character for character what ``json.dumps(rows,
    ensure_ascii=False)`` writes, a block of rows at a time, with one builtin call per column
    instead of the encoder's walk through a dict per row (``ties --json``: 74,000 rows of 18
    keys, issue 17); when every column is a :class:`Column` (or a :class:`Repeated` of an
    Arrow array), each block is put together by Arrow.

    >>> table = Table({"name": ["Zoë", None], "score": [0.5, 1.25], "n": [3, 0],
    ...                "parts": Table({"ok": [True, False]}),
    ...                "on": Repeated(["a; b", ""], lambda text: text.split("; ") if text else [])})
    >>> table.rows()
    [{'name': 'Zoë', 'score': 0.5, 'n': 3, 'parts': {'ok': True}, 'on': ['a', 'b']}, \
{'name': None, 'score': 1.25, 'n': 0, 'parts': {'ok': False}, 'on': []}]
    >>> list(table.json_pieces(rows=1))
    ['[{"name": "Zoë", "score": 0.5, "n": 3, "parts": {"ok": true}, "on": ["a", "b"]}', \
', {"name": null, "score": 1.25, "n": 0, "parts": {"ok": false}, "on": []}]']
    """

    def __init__(self, columns: Mapping[str, list[Any] | Column | Repeated | Table]) -> None:
        if len(set(map(len, columns.values()))) != 1:
            raise ValueError("a Table needs at least one column, all of the same length")
        self.columns = dict(columns)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values())))

    def rows(self) -> list[dict[str, Any]]:
        keys = list(self.columns)
        values = [column.rows() if isinstance(column, Table | Column | Repeated) else column
                  for column in self.columns.values()]
        return [dict(zip(keys, row, strict=True)) for row in zip(*values, strict=True)]

    def json_pieces(self, rows: int = 5_000, escape: Callable[[str], str] | None = None
                    ) -> Iterator[str]:
        """The JSON text of :meth:`rows`, ``rows`` rows at a time.

        ``escape``: a function that rewrites DEL and non-ASCII characters of a text, each on
        its own and never as a line break (``print_json``'s escapes); applied column by
        column, a column of ASCII without DEL (numbers, most ids and dates) left as it is
        without reading it character by character."""
        for piece in self._pieces(rows, escape):
            yield piece if isinstance(piece, str) else str(piece, "utf-8")

    def json_bytes(self, rows: int = 5_000, escape: Callable[[str], str] | None = None,
                   errors: str = "strict") -> Iterator[bytes]:
        """:meth:`json_pieces` encoded in UTF-8 (``errors`` as ``str.encode`` takes it): the
        blocks Arrow puts together are its bytes already, not decoded and encoded again
        (50 MB for ``ties --json``)."""
        for piece in self._pieces(rows, escape):
            yield piece.encode("utf-8", errors) if isinstance(piece, str) else piece

    def _pieces(self, rows: int, escape: Callable[[str], str] | None
                ) -> Iterator[str | bytes]:
        """The pieces of :meth:`json_pieces`: texts, or the UTF-8 bytes of a block Arrow put
        together."""
        parts = self._parts()
        if escape is not None:
            parts = [escape(part) if isinstance(part, str) else _escaped(part, escape)
                     if isinstance(part, list) else part.escaped(escape) for part in parts]
        starts = range(0, len(self), rows)
        if not starts:
            yield "[]"
        arrays = [part if isinstance(part, str) else part.texts for part in parts
                  if isinstance(part, str | _ArrowTexts)]
        if len(arrays) == len(parts):
            # Each block joined by Arrow: no Python text per value (issue 17).
            yield from _arrow_pieces(arrays, starts, rows, len(self))
            return
        lists = [part.texts.to_pylist() if isinstance(part, _ArrowTexts) else part
                 for part in parts]
        for start in starts:
            # strict=False: the texts repeat without end, the columns are of one length.
            texts = map("".join, zip(*(
                repeat(part) if isinstance(part, str) else part[start:start + rows]
                for part in lists), strict=False))
            yield (("[" if start == 0 else ", ") + ", ".join(texts)
                   + ("]" if start + rows >= len(self) else ""))

    def _parts(self) -> list[str | list[str] | _ArrowTexts]:
        """What each row's text joins, in order: a text the same in every row (keys, braces,
        separators) or a list of one text per row (a column's values), a nested table's parts
        in line: '{"name": ', ['"Ana"', ...], ', "parts": {"ok": ', ['true', ...], '}}'."""
        parts: list[str | list[str] | _ArrowTexts] = []

        def add(part: str | list[str] | _ArrowTexts) -> None:
            if isinstance(part, str) and parts and isinstance(parts[-1], str):
                parts[-1] += part
            else:
                parts.append(part)

        add("{")
        for number, (key, column) in enumerate(self.columns.items()):
            add((", " if number else "") + encode_basestring(key) + ": ")
            if isinstance(column, Table):
                for part in column._parts():
                    add(part)
            else:
                texts = (column.texts() if isinstance(column, Column | Repeated)
                         else value_texts(column))
                quoted = isinstance(texts, _ArrowTexts) and texts.quoted
                if quoted:  # the quotes of a text column in the texts around it
                    add('"')
                add(texts)
                if quoted:
                    add('"')
        add("}")
        return parts


def _escaped(texts: list[str], escape: Callable[[str], str]) -> list[str]:
    """``escape`` (see :meth:`Table.json_pieces`) of each of ``texts``, by one call on them
    joined by line breaks (a JSON text holds none: json writes ``\\n``); none when they are
    ASCII without DEL (a flag read and one character searched, not a scan per character)."""
    joined = "\n".join(texts)
    if joined.isascii() and "\x7f" not in joined:
        return texts
    return escape(joined).split("\n")


@dataclasses.dataclass(frozen=True)
class Repeated:
    """A column of :class:`Table` whose rows hold a few distinct ``keys`` (a list, or an
    Arrow array of texts): each row's value is ``convert(key)``. :meth:`texts` encodes each
    distinct key once; :meth:`rows` converts once per row, so that no two rows share a list
    or a dict."""

    keys: Any
    convert: Callable[[Any], Any]

    def __len__(self) -> int:
        return len(self.keys)

    def rows(self) -> list[Any]:
        keys = self.keys
        return list(map(self.convert, keys if isinstance(keys, list) else _values(keys)))

    def texts(self) -> list[str] | _ArrowTexts:
        if not isinstance(self.keys, list):
            import pyarrow as pa

            found = _combined(self.keys).dictionary_encode()
            texts = [_dumps(self.convert(key)) for key in _values(found.dictionary)]
            return _ArrowTexts(pa.array(texts, type=pa.large_string()).take(found.indices))
        known = {key: _dumps(self.convert(key)) for key in set(self.keys)}
        return list(map(known.__getitem__, self.keys))


class Column:
    r"""A column of :class:`Table` held as one Arrow array of texts, integers, floats or
    booleans (a null is None): its JSON texts are made by Arrow, a Python text only for a
    distinct float or a text that needs escaping, where a list of 75,000 values costs a
    Python object and a type test per value (issue 17).

    >>> import pyarrow as pa
    >>> table = Table({"name": Column(pa.array(['Zoë "Z"', None, "a\tb"])),
    ...                "n": Column(pa.array([1, 2, -3])),
    ...                "x": Column(pa.array([0.5, -0.0, float("nan")])),
    ...                "on": Column(pa.array([True, None, False]))})
    >>> table.rows()[0], table.rows()[2]["x"]
    ({'name': 'Zoë "Z"', 'n': 1, 'x': 0.5, 'on': True}, nan)
    >>> list(table.json_pieces()) == [json.dumps(table.rows(), ensure_ascii=False)]
    True
    """

    def __init__(self, values: Any) -> None:
        self.values = _combined(values)

    @classmethod
    def of(cls, values: list[Any]) -> Column | list[Any]:
        """``values`` (a list) as a Column when they are all texts, all integers, all
        floats or all booleans (None among them is a null), else the list itself: ``1``
        among floats stays ``1`` in JSON, a text that is not UTF-8 stays a text.

        >>> Column.of(["a", None]).values.type, Column.of([1, 2.5])
        (DataType(large_string), [1, 2.5])
        """
        import pyarrow as pa

        kinds = set(map(type, values)) - {type(None)}
        kind = {str: pa.large_string(), int: pa.int64(), float: pa.float64(),
                bool: pa.bool_()}.get(next(iter(kinds))) if len(kinds) == 1 else None
        if kind is None:
            return values
        try:
            return cls(pa.array(values, type=kind))
        except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeEncodeError, OverflowError):
            return values  # integers past 64 bits, lone surrogates

    def __len__(self) -> int:
        return len(self.values)

    def rows(self) -> list[Any]:
        return _values(self.values)

    def texts(self) -> _ArrowTexts:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        values, text = self.values, pa.large_string()
        kind = values.type
        if pa.types.is_null(kind):  # no value at all (an empty column read as one)
            return _ArrowTexts(pa.array(["null"] * len(values), type=text), ascii=True)
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            return _text_texts(values.cast(text))
        if pa.types.is_boolean(kind):
            texts = pc.if_else(values, pa.scalar("true", text), pa.scalar("false", text))
        elif pa.types.is_integer(kind):
            texts = values.cast(text)
        elif pa.types.is_floating(kind):
            # Each distinct value written once (rounded scores repeat), told apart by its
            # bits: 0.0 and -0.0 are written differently.
            floats = values.cast(pa.float64()).to_numpy(zero_copy_only=False)
            bits = pa.array(floats.view(np.int64), mask=values.is_null().to_numpy(
                zero_copy_only=False)).dictionary_encode()
            distinct = bits.dictionary.to_numpy().view(np.float64)
            write = float.__repr__ if np.isfinite(distinct).all() else _float_text
            texts = pa.array(list(map(write, distinct.tolist())), type=text).take(bits.indices)
        else:
            raise TypeError(f"no JSON texts for a column of {kind}")
        return _ArrowTexts(pc.fill_null(texts, "null"), ascii=True)


def _text_texts(values: Any) -> _ArrowTexts:
    """The JSON texts of an Arrow array of texts (``large_string``): json's escapes
    (quotes, backslashes, C0 controls) written in Python for the values that need them,
    found by one look at the bytes of all of them; the others as they are. Without a null
    the quotes are left out (``quoted``): the values need no copy then."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.large_string()
    # A null is written null, so with one each text carries its own quotes.
    own_quotes = values.null_count > 0
    texts = values
    if own_quotes:
        quote = pa.scalar('"', text)
        texts = pc.binary_join_element_wise(quote, values, quote, pa.scalar("", text))
    data = values.buffers()[2]  # all values' bytes (a slice's neighbours too: no harm)
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    if ((raw < 0x20) | (raw == ord('"')) | (raw == ord("\\"))).any():
        special = pc.fill_null(pc.match_substring_regex(values, r'["\\\x00-\x1f]'), False)
        chosen = list(map(encode_basestring, _values(values.filter(special))))
        if chosen:
            texts = pc.replace_with_mask(texts, special, pa.array(
                chosen if own_quotes else [found[1:-1] for found in chosen], type=text))
    return _ArrowTexts(pc.fill_null(texts, "null") if own_quotes else texts,
                       quoted=not own_quotes)


@dataclasses.dataclass(frozen=True)
class _ArrowTexts:
    """The JSON text of each row of a column, as an Arrow array of texts; ``ascii``: all of
    them are ASCII without DEL (numbers, booleans), nothing to escape; ``quoted``: each
    text is to be written between double quotes (a text column without a null)."""

    texts: Any
    ascii: bool = False
    quoted: bool = False

    def __len__(self) -> int:
        return len(self.texts)

    def escaped(self, escape: Callable[[str], str]) -> _ArrowTexts:
        """``escape`` (see :meth:`Table.json_pieces`) of each text: none when all bytes are
        ASCII without DEL (one look at the bytes); else by one call on them all joined by
        line breaks (as :func:`_escaped`), the texts rebuilt only when it changed one."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        texts = self.texts
        data = None if self.ascii else texts.buffers()[2]
        if data is None or not (np.frombuffer(data, dtype=np.uint8) >= 0x7F).any():
            return _ArrowTexts(texts, ascii=True, quoted=self.quoted)
        text = pa.large_string()
        joined = pc.binary_join(pa.LargeListArray.from_arrays(
            pa.array([0, len(texts)], pa.int64()), texts), pa.scalar("\n", text))[0].as_py()
        changed = escape(joined)
        if changed != joined:
            texts = pa.array(changed.split("\n"), type=text)
        return _ArrowTexts(texts, ascii=True, quoted=self.quoted)


def _arrow_pieces(parts: list[Any], starts: range, rows: int, total: int
                  ) -> Iterator[bytes]:
    """:meth:`Table.json_pieces` of ``parts`` (texts the same in every row, or Arrow arrays
    of one JSON text per row), as UTF-8: each block of rows joined by Arrow into one text,
    its bytes read where Arrow holds them."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.large_string()
    nothing, comma = pa.scalar("", text), pa.scalar(", ", text)
    for start in starts:
        texts = pc.binary_join_element_wise(
            *(pa.scalar(part, text) if isinstance(part, str) else part.slice(start, rows)
              for part in parts), nothing)
        block = pc.binary_join(pa.LargeListArray.from_arrays(
            pa.array([0, len(texts)], pa.int64()), texts), comma)
        yield b"".join((b"[" if start == 0 else b", ", text_bytes(block),
                        b"]" if start + rows >= total else b""))


def text_bytes(texts: Any) -> memoryview:
    """The UTF-8 of the values of ``texts`` (an Arrow string or large_string array), one
    after the other, read where Arrow holds them (no copy).

    >>> import pyarrow as pa
    >>> bytes(text_bytes(pa.array(["ab", "", "é", "z"]).slice(1, 2)))
    b'\xc3\xa9'
    """
    import numpy as np
    import pyarrow as pa

    _, offsets, data = texts.buffers()
    if data is None or not len(texts):
        return memoryview(b"")
    width = np.int64 if pa.types.is_large_string(texts.type) else np.int32
    begin, end = np.frombuffer(offsets, dtype=width)[[texts.offset, texts.offset + len(texts)]]
    return memoryview(data)[begin:end]


def _combined(values: Any) -> Any:
    """``values`` as one Arrow array (a chunked array put together; anything else given to
    ``pyarrow.array``)."""
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks()
    return values if isinstance(values, pa.Array) else pa.array(values)


def _values(array: Any) -> list[Any]:
    """The Python values of an Arrow array (None for a null)."""
    if array.null_count:
        return array.to_pylist()
    return list(array.to_numpy(zero_copy_only=False).tolist())


def value_texts(values: list[Any]) -> list[str]:
    r"""The JSON text of each of ``values`` (JSON-ready), as ``json.dumps`` writes it inside a
    document: one builtin over the whole list when all are strings, all ints or all finite
    floats, else value by value.

    >>> value_texts(['1 "a"', "ë"]), value_texts([2, 3]), value_texts([0.1, 1e16])
    (['"1 \\"a\\""', '"ë"'], ['2', '3'], ['0.1', '1e+16'])
    >>> value_texts([None, True, 2.5, float("nan"), ["x"]])
    ['null', 'true', '2.5', 'NaN', '["x"]']
    >>> value_texts([0.0, -0.0, None]), value_texts([0.25, float("inf"), 0.25])
    (['0.0', '-0.0', 'null'], ['0.25', 'Infinity', '0.25'])
    """
    kinds = set(map(type, values))
    if kinds <= {str}:
        return list(map(encode_basestring, values))
    if kinds == {int}:
        return list(map(int.__repr__, values))
    if kinds == {float}:
        return _float_texts(values)
    if len(kinds) == 2 and type(None) in kinds:  # a column with gaps: the others at once
        texts = iter(value_texts([value for value in values if value is not None]))
        return ["null" if value is None else next(texts) for value in values]
    return [_SCALAR_TEXT.get(type(value), _dumps)(value) for value in values]


def _float_texts(values: list[float]) -> list[str]:
    """:func:`value_texts` of floats. Rounded scores repeat: each distinct value is written
    once (``repr`` costs a third of a microsecond), unless 0.0 and -0.0 are both there (equal
    as keys, written differently: ``filter(not_)`` keeps the zeros) or a value is not finite
    (``NaN``, ``Infinity``)."""
    distinct = set(values)
    if (not all(map(math.isfinite, distinct))
            or (0.0 in distinct and len(set(map(float.__repr__, filter(operator.not_, values)))) > 1)):
        return list(map(_float_text, values))
    known = {value: float.__repr__(value) for value in distinct}
    return list(map(known.__getitem__, values))


def _dumps(value: Any) -> str:
    return _ENCODER.encode(value)


#: ``json.dumps(value, ensure_ascii=False)``, without making an encoder at each call.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _float_text(value: float) -> str:
    return float.__repr__(value) if math.isfinite(value) else _dumps(value)


_SCALAR_TEXT: dict[type, Callable[[Any], str]] = {
    str: encode_basestring, int: int.__repr__, float: _float_text,
    bool: lambda value: "true" if value else "false", type(None): lambda value: "null"}


def fields_data(value: Any) -> dict[str, Any]:
    """A dataclass as a dict of its fields in their order, each through :func:`to_data`;
    a field declared with ``repr=False`` is left out."""
    return {f.name: to_data(getattr(value, f.name))
            for f in dataclasses.fields(value) if f.repr}


class Fields:
    """A result whose JSON is its fields: ``to_dict()`` is :func:`fields_data`.

    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class Step(Fields):
    ...     name: str
    ...     member: bool
    >>> Step("Ana", True).to_dict()
    {'name': 'Ana', 'member': True}
    """

    def to_dict(self) -> dict[str, Any]:
        return fields_data(self)


def _is_pandas(value: Any) -> bool:
    return type(value).__module__.split(".")[0] == "pandas" and hasattr(value, "columns")


def _pandas(frame: Any) -> list[dict[str, Any]]:
    """A DataFrame as one dict per row; missing values (NaN, NaT, NA) as None."""
    columns = [str(c) for c in frame.columns]
    rows = zip(*(frame[c].tolist() for c in frame.columns), strict=True)
    return [{c: _cell(v) for c, v in zip(columns, row, strict=True)} for row in rows]


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    return to_data(value)
