"""``rows_at``: ``values.iloc[rows]`` picked by a mask, chunk by chunk (issue 17: a take on
pyarrow's chunked CSV columns copied the whole column first). Values written by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from netaudit.importers._read import rows_at


def test_rows_across_chunks_keep_their_order_index_and_type():
    values = pd.Series(pa.chunked_array([["a", "b"], ["c"], ["d", "e"]], type=pa.large_string()),
                       index=[10, 11, 12, 13, 14], dtype="str")
    picked = rows_at(values, np.array([1, 2, 4]))
    assert picked.tolist() == ["b", "c", "e"]
    assert picked.index.tolist() == [11, 12, 14]
    assert str(picked.dtype) == "str"


def test_no_row_gives_an_empty_column():
    values = pd.Series(["a", "b"], dtype="str")
    assert rows_at(values, np.array([], dtype=np.int64)).tolist() == []
