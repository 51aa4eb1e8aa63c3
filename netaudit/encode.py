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
import math
from collections.abc import Mapping
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
