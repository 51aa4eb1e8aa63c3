"""The role families' keyword matcher against its definition.

:class:`netaudit.roles._Keywords` finds keywords by the first two letters of each word, for
speed; :func:`netaudit.roles._pattern` is what a keyword means (a regular expression). Both
must find the same places in any folded text, for every keyword of every family and tag.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netaudit import roles

KEYWORDS = sorted({k for keys in (*roles.ROLE_FAMILIES.values(), *roles.ROLE_TAGS.values())
                   for k in keys})
#: Texts made of keyword pieces, letters and separators, so that keywords touch, overlap and
#: sit inside longer words as they do in positions ('systemutvecklare', 'vdi', 'co-cto').
PIECES = st.sampled_from([k.strip(" ~") for k in KEYWORDS] + list("abs -,&/1") + ["en", "s"])


def spans_by_regex(keyword: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in roles._pattern(keyword).finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=12))
def test_the_matcher_finds_what_each_keywords_pattern_finds(pieces):
    text = f" {''.join(pieces)} "
    starts = roles.word_starts(text)
    for keyword in KEYWORDS:
        found = sorted(roles._Keywords([keyword]).spans(text, starts))
        assert found == spans_by_regex(keyword, text), (keyword, text)


def test_every_keyword_by_hand():
    # Hand-picked texts where the word boundaries decide.
    cases = {
        ("vd ", " vd och grundare "): [(1, 3)],
        ("vd ", " vdi "): [],
        ("~chef", " enhetschef "): [(7, 11)],
        ("~chef", " chef "): [],
        ("~chef", " chefredaktor "): [],
        ("engineer", " reengineer "): [],
        ("engineer", " engineering "): [(1, 9)],
        ("intern ", " internal audit "): [],
        ("intern ", " summer intern "): [(8, 14)],
        ("socio ", " socionom "): [],
        ("socio ", " socio-director "): [(1, 6)],
    }
    for (keyword, text), expected in cases.items():
        assert roles._Keywords([keyword]).spans(text, roles.word_starts(text)) == expected
        assert spans_by_regex(keyword, text) == expected


def test_a_long_position_of_repeated_phrases_takes_linear_time():
    # Each keyword match was checked against the phrase matches before it: 10,000 'product
    # manager' in one position took 3.7 s (5 x 10^7 comparisons), 40,000 would take a
    # minute. Now about a tenth of a second.
    import time

    started = time.process_time()
    assert roles.role_family("product manager " * 10_000) == "product"
    assert roles.role_family("manager of product manager " * 8_000) == "hiring manager"
    assert time.process_time() - started < 5
