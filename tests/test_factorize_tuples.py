"""``factorize_tuples`` / ``remember_tuples``: the codes a rewrite of ``messages.recipient_ids``
knew, kept for the array the column holds (issue 17). Values written by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from netaudit.model import factorize_tuples, remember_tuples


def _tuples(values: list[tuple[str, ...]]) -> np.ndarray:
    return np.fromiter(values, dtype=object, count=len(values))


def test_without_codes_told_it_is_pandas_factorize():
    codes, tuples = factorize_tuples(pd.Series(_tuples([("b",), ("a", "c"), ("b",)])))
    assert codes.tolist() == [0, 1, 0]
    assert tuples.tolist() == [("b",), ("a", "c")]


def test_the_codes_told_are_given_back_while_the_column_holds_the_same_array():
    frame = pd.DataFrame({"n": [1, 2, 3]})
    # Two codes for equal tuples: a grouping, as a rewrite that renamed two ids alike makes.
    tuples, codes = _tuples([("x",), ("y",), ("x",)]), np.array([0, 1, 2])
    frame["r"] = tuples[codes]
    remember_tuples(frame["r"], codes, tuples)
    got_codes, got_tuples = factorize_tuples(frame["r"])
    assert got_codes is codes and got_tuples is tuples
    with pytest.raises(ValueError):
        got_codes[0] = 1
    # Rows selected make a new array: factorized by value again.
    assert factorize_tuples(frame[[True, False, True]]["r"])[0].tolist() == [0, 0]
    # New values in the column: factorized by value again.
    frame["r"] = _tuples([("z",), ("z",), ("y",)])
    again, distinct = factorize_tuples(frame["r"])
    assert again.tolist() == [0, 0, 1] and distinct.tolist() == [("z",), ("y",)]


def test_codes_with_a_missing_value_are_not_kept():
    frame = pd.DataFrame({"n": [1, 2]})
    tuples = _tuples([("x",), ("y",)])
    frame["r"] = tuples[[0, 1]]
    remember_tuples(frame["r"], np.array([0, -1]), tuples)
    assert factorize_tuples(frame["r"])[0].tolist() == [0, 1]
