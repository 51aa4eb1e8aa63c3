"""The column-wise shortcuts of a messages read (issue 17) give what the slow ways give.

``holding_bytes`` finds the cells that hold a byte, ``split_profile_urls`` takes bare-comma
lists without its regex, and the month lookup of the byte-level date readers knows each
month's length. Expected values written by hand.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from netaudit.importers._read import day_month_year, holding_bytes, iso_seconds
from netaudit.importers.linkedin import split_profile_urls


def _text(chunks: list[list[str]]) -> pd.Series:
    # Several Arrow chunks, as pyarrow's CSV reader gives for a large file.
    return pd.Series(pa.chunked_array(chunks, type=pa.large_string()).to_pandas(), dtype="str")


def test_holding_bytes_over_chunks_and_empty_cells():
    found = holding_bytes(_text([["<p>", "", "Café"], ["", "a & b", "plain"], ["x<"]]), b"<&")
    assert found is not None
    assert found.tolist() == [True, False, False, False, True, False, True]


def test_holding_bytes_of_a_slice_reads_its_own_cells():
    # iloc[1:] of ['<a', 'b', 'c&']: the '<' of the first cell is outside the slice.
    found = holding_bytes(_text([["<a", "b", "c&"]]).iloc[1:], b"<&")
    assert found is not None
    assert found.tolist() == [False, True]


def test_holding_bytes_steps_aside_for_object_columns():
    assert holding_bytes(pd.Series(["<a"], dtype=object), b"<") is None


def test_bare_comma_lists_split_at_every_comma():
    assert split_profile_urls(" https://www.linkedin.com/in/a,http://linkedin.com/in/b ") == [
        "https://www.linkedin.com/in/a", "http://linkedin.com/in/b"]


def test_other_lists_keep_the_regex_rules():
    # A space after the comma, a second URL without scheme, a comma inside a URL.
    assert split_profile_urls("https://www.linkedin.com/in/a, https://www.linkedin.com/in/b"
                              ) == ["https://www.linkedin.com/in/a",
                                    "https://www.linkedin.com/in/b"]
    assert split_profile_urls("https://x.com/in/a,www.linkedin.com/in/b") == [
        "https://x.com/in/a", "www.linkedin.com/in/b"]
    assert split_profile_urls("https://www.linkedin.com/in/a,b") == [
        "https://www.linkedin.com/in/a,b"]


def test_month_lengths_at_the_end_of_a_files_span():
    # The last month of the span is February 2024 (29 days), the first December 2023.
    got = iso_seconds(pd.Series(["2023-12-31 23:59:59", "2024-02-29 00:00:00"], dtype="str"))
    assert got is not None
    assert [str(v) for v in got] == ["2023-12-31 23:59:59+00:00", "2024-02-29 00:00:00+00:00"]
    assert iso_seconds(pd.Series(["2023-12-31 23:59:59", "2024-02-30 00:00:00"],
                                 dtype="str")) is None
    assert day_month_year(pd.Series(["29 Feb 2023"], dtype="str")) is None
    got = day_month_year(pd.Series(["31 Jan 2000", "29 Feb 2000"], dtype="str"))
    assert got is not None
    assert [str(v) for v in got] == ["2000-01-31 00:00:00+00:00", "2000-02-29 00:00:00+00:00"]


def test_profile_urls_cut_the_plain_form_and_normalize_the_rest():
    from netaudit.importers.linkedin import _profile_urls

    urls = ["https://www.linkedin.com/in/ana-ruiz-7/", "https://www.linkedin.com/in/Jos%C3%A9",
            "", "https://www.linkedin.com/in/bo-li", "https://www.linkedin.com/in/a/b",
            "https://www.linkedin.com/in/a\n"]
    assert _profile_urls(urls) == ["linkedin.com/in/ana-ruiz-7", "linkedin.com/in/josé", "",
                                   "linkedin.com/in/bo-li", "linkedin.com/in/a/b",
                                   "linkedin.com/in/a"]


def test_linkedin_names_are_found_in_every_case_python_folds():
    from netaudit.importers.linkedin import _holding_linkedin

    # 'İ' (U+0130), 'ı' (U+0131) and the Kelvin sign (U+212A) match 'i' / 'k' in Python's
    # IGNORECASE; 'Linked In' holds no 'linkedin'.
    names = ["Bo", "L\u0130NKEDIN", "l\u0131n\u212aedin Learning", "Linked In", "Ana"]
    assert _holding_linkedin(names) == [1, 2]
    assert _holding_linkedin([]) == []
