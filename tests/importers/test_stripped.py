"""``stripped``: a column is stripped exactly when stripping changes a cell (issue 17 skips the
copy of every string when no cell is padded). Values written by hand."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from netaudit.importers._read import stripped


def _text(chunks: list[list[str]]) -> pd.Series:
    # Several Arrow chunks, as pyarrow's CSV reader gives for a large file.
    return pd.Series(pa.chunked_array(chunks, type=pa.large_string()).to_pandas(), dtype="str")


def test_unpadded_column_comes_back_unchanged():
    values = _text([["Ana Ruiz", "", "José"], ["Zoë Dubois", "b c"]])
    result = stripped(values)
    assert result.tolist() == ["Ana Ruiz", "", "José", "Zoë Dubois", "b c"]


def test_padding_anywhere_strips_the_whole_column():
    # The padded cell sits in the second chunk: ' Kasia ' -> 'Kasia'; a no-break space
    # (U+00A0, bytes C2 A0) at the end counts as whitespace too, as str.strip says.
    values = _text([["Ana Ruiz", "José"], ["Zoë", " Kasia "], ["Priya\u00a0"]])
    assert stripped(values).tolist() == ["Ana Ruiz", "José", "Zoë", "Kasia", "Priya"]


def test_a_tab_or_line_break_at_an_edge_is_stripped():
    assert stripped(_text([["a\t", "\nb", "c"]])).tolist() == ["a", "b", "c"]


def test_a_sliced_column_is_read_from_its_own_offsets():
    # iloc[2:] of ['  x', 'y', 'z ', 'w']: the padded cells are at positions 0 and 2 of the
    # original, so the slice holds only 'z ' padded -> ['z', 'w'].
    values = _text([["  x", "y", "z ", "w"]]).iloc[2:]
    assert stripped(values).tolist() == ["z", "w"]
    assert stripped(_text([["  x", "y", "z", "w"]]).iloc[1:]).tolist() == ["y", "z", "w"]
