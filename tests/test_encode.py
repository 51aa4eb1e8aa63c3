"""One generic encoder (netaudit/encode.py) for results whose to_dict only copied fields."""

from __future__ import annotations

import datetime as dt
import enum
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from netaudit.encode import Table, to_data


class Status(enum.Enum):
    ACTIVE = "active"


@dataclass
class Inner:
    name: str
    score: float


@dataclass
class Outer:
    count: np.int64
    when: pd.Timestamp
    people: list[Inner]
    status: Status
    where: Path
    tags: frozenset[str]
    table: pd.DataFrame
    cache: dict = field(default_factory=dict, repr=False)


def test_a_dataclass_becomes_its_fields_in_order_recursively():
    value = Outer(count=np.int64(3), when=pd.Timestamp("2026-11-20T08:00:00Z"),
                  people=[Inner("Ana", 0.5)], status=Status.ACTIVE, where=Path("a/b.csv"),
                  tags=frozenset({"x"}),
                  table=pd.DataFrame({"a": [1, 2], "b": [None, 1.5]}),
                  cache={"hidden": 1})
    data = to_data(value)
    assert list(data) == ["count", "when", "people", "status", "where", "tags", "table"]
    assert data == {"count": 3, "when": "2026-11-20T08:00:00+00:00",
                    "people": [{"name": "Ana", "score": 0.5}], "status": "active",
                    "where": "a/b.csv", "tags": ["x"],
                    # b: None, 1.5 -> NaN (pandas) -> None again.
                    "table": [{"a": 1, "b": None}, {"a": 2, "b": 1.5}]}
    assert type(data["count"]) is int
    json.dumps(data)  # plain JSON, no default= needed


def test_a_result_that_reshapes_keeps_its_own_to_dict():
    class Shaped:
        def to_dict(self):
            return {"share": 1 / 4}

    assert to_data({"x": Shaped(), "d": dt.date(2026, 1, 2)}) == {"x": {"share": 0.25},
                                                                  "d": "2026-01-02"}


def test_an_unknown_object_is_an_error_not_its_repr():
    with pytest.raises(TypeError, match="not JSON serializable: object"):
        to_data(object())


def test_a_table_in_pieces_is_the_json_of_its_rows():
    # Three rows in pieces of two: the first piece opens the list, the second starts with
    # the separator before the third row and closes it; a nested dict and a tab (escaped by
    # json as \t) in a string.
    table = Table({"id": ["a", "b\tc", "d"], "n": [1, 2, 3],
                   "parts": Table({"x": [0.5, None, 2.0], "y": [True, False, True]})})
    pieces = list(table.json_pieces(rows=2))
    assert pieces == [
        '[{"id": "a", "n": 1, "parts": {"x": 0.5, "y": true}}, '
        '{"id": "b\\tc", "n": 2, "parts": {"x": null, "y": false}}',
        ', {"id": "d", "n": 3, "parts": {"x": 2.0, "y": true}}]',
    ]
    assert "".join(pieces) == json.dumps(table.rows(), ensure_ascii=False)


def test_an_empty_table_is_an_empty_list():
    assert list(Table({"id": []}).json_pieces()) == ["[]"]
    with pytest.raises(ValueError, match="same length"):
        Table({"id": ["a"], "n": []})


def test_a_table_of_arrow_columns_writes_what_json_writes_for_its_rows():
    # Texts that json escapes (a quote, a backslash, a tab, a line break), non-ASCII text and
    # DEL for the escape, None in a text column and in a float column, 0.0 beside -0.0,
    # infinities and NaN, integers and booleans; in blocks of two rows, with and without an
    # escape, and the same columns as lists (the Python path) beside them.
    import pyarrow as pa

    from netaudit.encode import Column, Repeated

    names = ['Zoë "Z"', "back\\slash", "tab\there", "line\nbreak", "del\x7f", "plain", "Ünal"]
    ids = ["a", "b", "c", "d", "e", "f", "g"]
    gaps = [0.0, -0.0, None, 1e16, 0.1, 2.5, 0.1]
    scores = [0.5, float("inf"), float("nan"), -float("inf"), 1e-05, 0.0, -0.0]
    counts = [1, -2, 3, 0, 10**12, 7, 8]
    flags = [True, False, True, True, False, None, True]
    places = ["a; b", "", "a; b", "c", "", "c", "ü"]

    def split(text: str) -> list[str]:
        return text.split("; ") if text else []

    def escape(text: str) -> str:  # DEL and ü, as print_json's escapes do
        return text.replace("\x7f", "\\u007f").replace("ü", "\\u00fc")

    arrow = Table({"id": Column(pa.array(ids)), "name": Column(pa.array(names)),
                   "parts": Table({"gap": Column(pa.array(gaps)),
                                   "score": Column(pa.array(scores))}),
                   "n": Column(pa.array(counts)), "ok": Column(pa.array(flags)),
                   "on": Repeated(pa.array(places), split)})
    lists = Table({"id": ids, "name": names, "parts": Table({"gap": gaps, "score": scores}),
                   "n": counts, "ok": flags, "on": Repeated(places, split)})
    mixed = Table({**arrow.columns, "id": ids})
    expected = json.dumps(lists.rows(), ensure_ascii=False)
    assert json.dumps(arrow.rows(), ensure_ascii=False) == expected
    for table in (arrow, lists, mixed):
        assert "".join(table.json_pieces(rows=2)) == expected
        assert "".join(table.json_pieces(rows=2, escape=escape)) == escape(expected)
        assert b"".join(table.json_bytes(rows=3, escape=escape)) == escape(expected).encode()
    assert list(arrow.json_pieces(rows=4))[1].startswith(', {"id": "e", "name": "del\x7f"')
    assert '"gap": -0.0, "score": Infinity' in expected
    assert '"name": "line\\nbreak"' in expected and '"ok": null' in expected
