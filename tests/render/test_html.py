"""The HTML writer's text handling."""

from __future__ import annotations

from netaudit.render import html


def test_html_chars_agrees_with_the_forbidden_characters_for_every_ascii_text():
    # The byte-table fast path for ASCII texts replaces exactly what the regular expression
    # does: each ASCII character alone, and beside other text.
    for code in range(0x80):
        char = chr(code)
        for text in (char, f"a{char}b", f"{char}\n{char}"):
            assert html.html_chars(text) == html._NOT_HTML.sub("\ufffd", text), code
    assert html.html_chars("<svg>\x00\x1f</svg>") == "<svg>\ufffd\ufffd</svg>"
    # Beyond ASCII: C1 controls and noncharacters.
    assert html.html_chars("é\x9f\ufdd0\U0010ffff") == "é\ufffd\ufffd\ufffd"
