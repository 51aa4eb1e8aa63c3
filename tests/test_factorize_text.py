"""``factorize_text``: pandas.factorize of a text column, kept while the column's Arrow array
lives (issue 17: the sender and conversation columns were factorized by every stage). Values
written by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from netaudit.model import factorize_text


def _column(values: list[str | None]) -> pd.Series:
    return pd.Series(values, dtype="str")


def test_codes_count_in_order_of_first_appearance():
    codes, uniques = factorize_text(_column(["c2", "c1", "c2", "c3"]))
    assert codes.tolist() == [0, 1, 0, 2]
    assert uniques.tolist() == ["c2", "c1", "c3"]


def test_the_same_column_is_factorized_once_and_its_codes_cannot_be_changed():
    column = _column(["a", "b", "a"])
    codes, _ = factorize_text(column)
    assert factorize_text(column)[0] is codes
    # Another frame holding the same column (no copy of its Arrow array) shares them.
    assert factorize_text(pd.DataFrame({"x": column})["x"])[0] is codes
    with pytest.raises(ValueError):
        codes[0] = 5


def test_a_column_given_new_values_is_factorized_again():
    frame = pd.DataFrame({"x": _column(["a", "b", "a"])})
    first, _ = factorize_text(frame["x"])
    frame["x"] = _column(["b", "b", "a"])
    codes, uniques = factorize_text(frame["x"])
    assert codes.tolist() == [0, 0, 1] and uniques.tolist() == ["b", "a"]
    assert first.tolist() == [0, 1, 0]


def test_a_missing_value_follows_the_sentinel_choice():
    column = _column(["a", None, "a"])
    assert factorize_text(column)[0].tolist() == [0, -1, 0]
    codes, uniques = factorize_text(column, use_na_sentinel=False)
    assert codes.tolist() == [0, 1, 0] and len(uniques) == 2
    # Without a missing value both choices give the same codes.
    full = _column(["a", "b"])
    assert factorize_text(full, use_na_sentinel=False)[0] is factorize_text(full)[0]


def test_chunked_and_object_columns_give_what_pandas_gives():
    chunked = pd.Series(pa.chunked_array([["x", "y"], ["x", "z"]], type=pa.large_string()),
                        dtype="str")
    assert factorize_text(chunked)[0].tolist() == [0, 1, 0, 2]
    plain = pd.Series(np.array(["q", "p", "q"], dtype=object))
    codes, uniques = factorize_text(plain)
    assert codes.tolist() == [0, 1, 0] and list(uniques) == ["q", "p"]
