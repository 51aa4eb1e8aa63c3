"""mbox: the fast paths of message parsing give exactly what the slow, general paths give.

Body text is made from a short start of the body when that start is enough; header values,
addresses and dates skip the general parsers when they have the common plain form. Each test
states by hand what the text must be; the limits are made small so that the cuts fall where
each test wants them.
"""

from __future__ import annotations

import pytest

from netaudit.importers import mbox
from netaudit.importers.mbox import _body_text


@pytest.fixture
def small_limits(monkeypatch):
    """10 characters of text kept; the first cut after 5 characters of body."""
    monkeypatch.setattr(mbox, "BODY_CHARS", 10)
    monkeypatch.setattr(mbox, "FIRST_CUT", {False: 5, True: 5})


def html(text: str) -> str:
    return _body_text("text/html; charset=utf-8", "", text.encode("utf-8"))


def plain(text: str) -> str:
    return _body_text("text/plain; charset=utf-8", "", text.encode("utf-8"))


def test_a_cut_inside_an_unclosed_head_or_style_waits_for_its_end(small_limits):
    # The first cuts fall inside <head><style>…: the CSS lines are not text. Text: 'Hello
    # there friend', 'more' -> 'Hello there friend\nmore', first 10 characters 'Hello ther'.
    body = ("<head><style>\np{color:red}\n.x{margin:0}\n</style></head>\n"
            "<p>Hello there friend</p><p>more</p>")
    assert html(body) == "Hello ther"
    assert html("<SCRIPT>var a = 1 < 2;</script ><p>Hello there friend</p>") == "Hello ther"


def test_a_comment_open_at_the_cut_is_not_text(small_limits):
    # '<!-- a > b' is open at the first cuts ('>' inside it); it closes after 'c -->'.
    body = "<p>ab</p><!-- a > b <br>\nline one\nline two\n c --><p>Hello there friend</p>"
    assert html(body) == "ab\nHello t"


def test_a_tag_cut_in_two_is_not_text(small_limits):
    # The tag spans three lines: cuts after its line ends are inside it.
    body = "<p\nclass=wide\nstyle=bold\n>Hello there friend</p>"
    assert html(body) == "Hello ther"


def test_a_quoted_from_line_split_by_a_tag_is_unquoted_whole(small_limits):
    # '>Fr<b>om x' is '>From x' once the tag is gone: mboxrd quoting removed -> 'From x'.
    # A cut falls before '<b>': the line goes on after it.
    assert html("<p>abcdefg</p>\n<p>>Fr<b>om x</b></p>") == "abcdefg\nFr"
    body = "<p>ab</p>\n<p>>Fr<b>om x and more text</b></p>"
    assert html(body) == "ab\nFrom x "


def test_html_on_one_line_is_cut_before_a_tag(small_limits):
    body = "<p>one two</p><p>three four</p><p>five six</p><p>seven</p>"
    assert html(body) == "one two\nth"


def test_plain_text_with_leading_blank_lines_and_quoted_from(small_limits):
    # Leading blank lines are stripped; '>From' lines unquoted; '>>From' loses one '>'.
    body = "\r\n\r\n  \r\n>From me\r\n>>From you\r\nmore\r\n"
    assert plain(body) == "From me\n>F"
    assert plain("short\r\n") == "short"
    assert plain("a\rb\rc\rd\re\rf\rg\r") == "a\nb\nc\nd\ne\n"
