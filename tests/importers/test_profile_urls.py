"""normalize_urls (the array form used by the LinkedIn importers) equals normalize_url on every
input, including the ones it hands back to normalize_url."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netaudit.identity import normalize_url, normalize_urls

EDGE_CASES = [
    "https://www.linkedin.com/in/ana-ruiz-7",
    "https://www.linkedin.com/in/ana-ruiz-7/",
    "https://www.linkedin.com/in/Ana-Ruiz",                  # upper case
    "https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa",     # UTF-8 escapes
    "https://www.linkedin.com/in/JOS%c3%a9",                 # lower-case hex
    "https://www.linkedin.com/in/%CE%A3%CE%9F%CE%A3",        # Greek final sigma when lowered
    "https://www.linkedin.com/in/bad%C3",                    # a cut UTF-8 sequence
    "https://www.linkedin.com/in/a%2Fb",                     # an escaped '/'
    "https://www.linkedin.com/in/a%3Fx",                     # an escaped '?'
    "https://www.linkedin.com/in/a%20",                      # an escaped trailing blank
    "https://www.linkedin.com/in/a%20b",                     # an inner blank
    "https://www.linkedin.com/in/a%0A",                      # an escaped line break
    "https://www.linkedin.com/in/%E2%80%A8x",                # U+2028
    "https://www.linkedin.com/in/a//",                       # two slashes
    "https://www.linkedin.com/in/a%ZZ",                      # not an escape
    "https://de.linkedin.com/in/ana",
    "http://www.linkedin.com/in/ana?trk=x",
    "www.linkedin.com/in/ana",
    " https://www.linkedin.com/in/ana ",
    "",
]


def test_edge_cases():
    assert normalize_urls(EDGE_CASES) == [normalize_url(u) for u in EDGE_CASES]
    # By hand for two of them: the escapes decoded and lowered; a repeated URL gives the same.
    assert normalize_urls([EDGE_CASES[3], EDGE_CASES[3]]) == ["linkedin.com/in/josé-garcía"] * 2
    assert normalize_urls([EDGE_CASES[5]]) == ["linkedin.com/in/σος"]


_SLUG_PART = st.one_of(
    st.text(alphabet="abcXYZ09-%/? ", min_size=1, max_size=3),
    st.binary(min_size=1, max_size=3).map(lambda b: "".join(f"%{x:02X}" for x in b)),
    st.text(min_size=1, max_size=2).map(lambda t: "".join(f"%{x:02x}" for x in t.encode())),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.builds(lambda parts, slash: "https://www.linkedin.com/in/" + "".join(parts)
                          + slash, st.lists(_SLUG_PART, min_size=1, max_size=4),
                          st.sampled_from(["", "/"])), max_size=8))
def test_same_as_normalize_url(urls):
    assert normalize_urls(urls) == [normalize_url(u) for u in urls]
