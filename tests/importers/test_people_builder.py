"""PeopleBuilder.frame builds the people table column by column: the same table as the frame of
its rows conformed (and, with ``plain``, as plain_names of it), dtypes included."""

from __future__ import annotations

import pandas as pd
import pandas.testing as pdt

from netaudit.identity import plain_names
from netaudit.importers.base import PeopleBuilder
from netaudit.model import conform


def _builders() -> list[PeopleBuilder]:
    empty = PeopleBuilder("e.csv", "e.csv")
    mixed = PeopleBuilder("m.csv", "m.csv")
    mixed.person(name="Dana Reyes, MA, BFA", url="https://www.linkedin.com/in/dana")
    mixed.person(first_name="Bo", last_name="Li (MBA)", company="Kestrel", position="CTO")
    mixed.person(name="Dana Reyes, MA, BFA", email="Dana@Example.com")  # a row of its own
    mixed.person(first_name="Ana", last_name="Ruiz", location="Porto", is_owner=True)
    mixed.person(name="Wei, MA", is_connection=True, hidden=False)
    mixed.anonymous(is_connection=True, hidden=True)
    mixed.person(name="null", company="N/A")
    odd = PeopleBuilder("o.csv", "o.csv")
    odd.person(name="Tom Baker (ACIPM, HRPL)", company=3)  # a number in a text column
    odd.person(name="Ned Hale PHRi™", is_contact="")
    return [empty, mixed, odd]


def test_frame_is_the_conformed_rows() -> None:
    for builder in _builders():
        expected = conform(pd.DataFrame(builder.rows), "people")
        got = builder.frame()
        pdt.assert_frame_equal(got, expected, check_exact=True)
        assert list(got.dtypes.astype(str)) == list(expected.dtypes.astype(str))


def test_plain_frame_is_plain_names_of_the_rows() -> None:
    for builder in _builders():
        expected = plain_names(conform(pd.DataFrame(builder.rows), "people"))
        pdt.assert_frame_equal(builder.frame(plain=True), expected, check_exact=True)
    names = _builders()[1].frame(plain=True)[["name", "credentials"]].values.tolist()
    assert names == [["Dana Reyes", "MA, BFA"], ["Bo Li", "MBA"], ["Dana Reyes", "MA, BFA"],
                     ["Ana Ruiz", ""], ["Wei, MA", ""], ["", ""], ["", ""]]


def test_a_date_field_takes_the_general_way() -> None:
    builder = PeopleBuilder("d.csv", "d.csv")
    builder.person(name="Ana Ruiz", connected_on=pd.Timestamp("2024-03-05", tz="UTC"))
    builder.person(name="Bo Li")
    expected = conform(pd.DataFrame(builder.rows), "people")
    pdt.assert_frame_equal(builder.frame(), expected, check_exact=True)
