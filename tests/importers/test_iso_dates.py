"""The byte-level readers of 'YYYY-MM-DD HH:MM:SS' dates (2022+ messages.csv) and 'DD Mon
YYYY' dates (2020+ Connections.csv) give what parse_dates gives, and step aside (None) for any
column they cannot read entirely."""

import pandas as pd
import pytest

from netaudit.importers._read import (
    DAY_MONTH_YEAR,
    ISO_SECONDS,
    day_month_year,
    iso_seconds,
    parse_dates,
)
from netaudit.importers.linkedin import CONNECTED_ON_FORMATS, MESSAGE_DATE_FORMATS


def _text(cells):
    return pd.Series(cells, dtype="str")


def test_iso_cells_with_and_without_utc_and_empty_cells():
    got = iso_seconds(_text(["2024-02-29 23:59:59 UTC", "", "2003-01-01 00:00:00",
                             "1999-12-31 12:30:05 UTC"]))
    assert str(got.dtype) == "datetime64[ns, UTC]"
    # Each cell read by hand: leap day 2024, an empty cell, the first second of 2003.
    assert [str(v) for v in got] == ["2024-02-29 23:59:59+00:00", "NaT",
                                     "2003-01-01 00:00:00+00:00", "1999-12-31 12:30:05+00:00"]
    # 2024-02-29 23:59:59 UTC = 19782 days after 1970-01-01 (54 years, 13 leap days:
    # 54*365+13 = 19723 to 2024-01-01, + 31 + 28 = 19782) * 86400 + 86399 seconds.
    assert got.iloc[0].value == (19782 * 86400 + 86399) * 10**9


@pytest.mark.parametrize("cell", [
    "2023-02-29 10:00:00",   # no such day
    "2024-04-31 10:00:00",   # no such day
    "2024-13-01 00:00:00",   # month 13
    "2024-00-10 00:00:00",   # month 0
    "2024-01-00 00:00:00",   # day 0
    "2024-01-01 24:00:00",   # hour 24
    "2024-01-01 00:60:00",
    "2024-01-01 00:00:60",   # a leap second pandas does not read
    "2024-01-01T00:00:00",   # the 2020 form: parse_dates' second format
    "2024/01/01 00:00:00",
    "2024-01-01 00:00",
    "2024-01-01 00:00:00 CET",
    "9999-12-31 00:00:00",   # a placeholder outside pandas' range
    "1677-12-31 00:00:00",
    "2024-1-01 00:00:000",   # 19 characters, a digit out of place
    "２０２４-01-01 00:00:00"[:19],
])
def test_any_other_cell_leaves_the_column_to_the_formats(cell):
    assert iso_seconds(_text(["2024-03-05 14:02:11", cell])) is None


def test_same_instants_as_parse_dates_on_many_dates():
    # Every 7 hours 13 minutes 17 seconds from 2003 to 2026: month ends, leap days and
    # every hour, minute and second value come up; pandas' parser is the reference.
    instants = pd.date_range("2003-01-01", "2026-12-31", freq="26003s", tz="UTC")
    cells = _text(instants.strftime("%Y-%m-%d %H:%M:%S"))
    expected, bad = parse_dates(cells, MESSAGE_DATE_FORMATS)
    assert bad == 0 and MESSAGE_DATE_FORMATS[0] == ISO_SECONDS
    got = iso_seconds(cells)
    assert got is not None
    pd.testing.assert_series_equal(got, expected)
    assert (got.to_numpy() == instants.to_numpy()).all()


def test_a_sliced_column_is_read_from_its_own_offsets():
    cells = _text(["junk", "2024-03-05 14:02:11 UTC", "", "2025-12-31 00:00:01"]).iloc[1:]
    assert [str(v) for v in iso_seconds(cells)] == [
        "2024-03-05 14:02:11+00:00", "NaT", "2025-12-31 00:00:01+00:00"]
    assert iso_seconds(_text(["", ""])) is None  # nothing to read: the formats decide


# 'DD Mon YYYY' (2020+ Connections.csv 'Connected On', docs/formats.md 2.2).

def test_day_month_year_cells_by_hand():
    got = day_month_year(_text(["04 Jul 2023", "", "29 FEB 2024", "31 dec 2003"]))
    assert str(got.dtype) == "datetime64[ns, UTC]"
    assert [str(v) for v in got] == ["2023-07-04 00:00:00+00:00", "NaT",
                                     "2024-02-29 00:00:00+00:00", "2003-12-31 00:00:00+00:00"]
    # 04 Jul 2023 = 19542 days after 1970-01-01 (53 years with 13 leap days: 19358 to
    # 2023-01-01, + 31+28+31+30+31+30 = 181 to Jul 1, + 3).
    assert got.iloc[0].value == 19542 * 86400 * 10**9


@pytest.mark.parametrize("cell", [
    "4 Jul 2023x",   # 11 characters, one-digit day
    "29 Feb 2023",   # no such day
    "00 Jan 2024",
    "31 Jun 2024",
    "04 Jly 2023",
    "04 J@l 2023",
    "04-Jul-2023",
    "04 Jul 23  ",
    "04 Jul 1677",
    "04 Jul 9999",
    "04 Jul 2023 UTC",
    "4 Jul 2023",    # one-digit day: pandas reads it, the byte reader leaves it
])
def test_any_other_connected_on_cell_leaves_the_column_to_the_formats(cell):
    assert day_month_year(_text(["19 Nov 2026", cell])) is None


def test_day_month_year_same_days_as_parse_dates():
    days = pd.date_range("2003-01-01", "2026-12-31", freq="D", tz="UTC")
    written = days.strftime("%d %b %Y").tolist()
    # Every month name in upper and lower case too.
    cells = _text(written + [w.upper() for w in written[::13]] + [w.lower() for w in written[::7]])
    expected, bad = parse_dates(cells, CONNECTED_ON_FORMATS)
    assert bad == 0 and CONNECTED_ON_FORMATS[0] == DAY_MONTH_YEAR
    pd.testing.assert_series_equal(day_month_year(cells), expected)
