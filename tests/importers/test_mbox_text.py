"""mbox: the fast paths of message parsing give exactly what the slow, general paths give.

Body text is made from a short start of the body when that start is enough; header values,
addresses and dates skip the general parsers when they have the common plain form. Each test
states by hand what the text must be; the limits are made small so that the cuts fall where
each test wants them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from netaudit.importers import mbox
from netaudit.importers.mbox import _body_text, _date, parse_headers


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


# ------------------------------------------------------------------------------------------
# Header fields


def test_folded_fields_in_crlf_and_lf_give_the_same_values():
    block = (b"Subject: A long\r\n\tsubject line\r\n   folded twice\r\n"
             b"X-Other: x\r\n continued other\r\n"
             b"To: Ana <ana@example.com>,\r\n Bo <bo@example.org>\r\n")
    expected = {"subject": "A long subject line folded twice",
                "to": "Ana <ana@example.com>, Bo <bo@example.org>"}
    assert parse_headers(block) == expected
    assert parse_headers(block.replace(b"\r\n", b"\n")) == expected


def test_first_field_wins_and_names_are_matched_without_case_or_spaces():
    block = (b"SUBJECT : first\n continued\nSubject: second\n folded second\n"
             b"from:ana@example.com\nX-Subject: not this one\n")
    assert parse_headers(block) == {"subject": "first continued", "from": "ana@example.com"}


def test_lines_that_are_no_field_end_the_field_before_them():
    # 'garbage' has no colon: the folded line after it continues nothing; a block that
    # begins with folding white space has nothing to continue either.
    block = b" From: ghost@example.com\nSubject: kept\ngarbage\n lost fold\nTo: a@example.com\n"
    assert parse_headers(block) == {"subject": "kept", "to": "a@example.com"}


def test_a_line_of_only_carriage_returns_does_not_end_a_folded_field():
    # '\r\r' lines (broken CR CR LF mailers) are skipped: the fold after one still counts.
    block = b"Subject: one\r\n\r\r\n two\r\nTo: a@example.com\r\n"
    assert parse_headers(block) == {"subject": "one two", "to": "a@example.com"}


def test_encoded_words_in_several_charsets():
    block = (
        b"Subject: =?ISO-8859-1?Q?Caf=E9_cr=E8me?=\n"            # Latin-1 Q: 'Café crème'
        b"From: =?UTF-8?B?0JDQvdC90LAg0JLQvtC70LrQvtCy0LA=?= <anna@example.ru>\n"  # Анна Волкова
        b"To: =?koi8-r?b?8NLJ18XU?= <privet@example.ru>\n"       # KOI8-R 'Привет'
        b"Cc: =?shift_jis?b?k/qWe4zq?= <nihongo@example.jp>\n"    # Shift-JIS '日本語'
        b"X-Gmail-Labels: =?UTF-8?Q?Messages_envoy=C3=A9s?=,Important\n"
    )
    assert parse_headers(block) == {
        "subject": "Café crème",
        "from": "Анна Волкова <anna@example.ru>",
        "to": "Привет <privet@example.ru>",
        "cc": "日本語 <nihongo@example.jp>",
        "x-gmail-labels": "Messages envoyés,Important",
    }


def test_encoded_words_split_across_folds_join_without_the_space_between_them():
    # RFC 2047 6.2: white space between two encoded words is dropped; 'Caf' + 'é' = 'Café'.
    block = b"Subject: =?utf-8?q?Caf?=\r\n =?utf-8?q?=C3=A9?= ouvert\r\n"
    assert parse_headers(block) == {"subject": "Café ouvert"}


def test_undecodable_bytes_fall_back_to_cp1252_per_field():
    # 0xE9 alone is no UTF-8: this field is read as cp1252 ('é'); the next one is UTF-8.
    block = b"Subject: Ren\xe9\nFrom: Jos\xc3\xa9 <jose@example.org>\n"
    assert parse_headers(block) == {"subject": "René", "from": "José <jose@example.org>"}


# ------------------------------------------------------------------------------------------
# Dates

TAKEOUT_SEPARATOR = b"From 1001@xxx Mon Nov 06 04:42:58 +0000 2017\r\n"


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


@pytest.mark.parametrize(("value", "expected"), [
    # The common form, zones converted by hand: 10:58:07 -0130 is 12:28:07 UTC.
    ("Thu, 7 Jun 2012 10:58:07 -0130", utc(2012, 6, 7, 12, 28, 7)),
    ("Sat, 26 Jul 2014 08:15:34 +0000", utc(2014, 7, 26, 8, 15, 34)),
    ("sat, 26 JUL 2014 08:15:34 +0200", utc(2014, 7, 26, 6, 15, 34)),
    ("26 Jul 2014 08:15:34 -0000", utc(2014, 7, 26, 8, 15, 34)),   # no weekday; '-0000'
    ("Sat, 26 Jul 2014 00:15:34 +0100", utc(2014, 7, 25, 23, 15, 34)),  # the day before
    ("Sat, 26 Jul 2014 08:15:34 +0060", utc(2014, 7, 26, 7, 15, 34)),   # '60 minutes'
    # Forms only the general parser reads: comments, zone names, two-digit years, no seconds.
    ("Sat, 26 Jul 2014 08:15:34 +0000 (UTC)", utc(2014, 7, 26, 8, 15, 34)),
    ("Sat, 26 Jul 2014 08:15:34 EST", utc(2014, 7, 26, 13, 15, 34)),
    ("Sat, 26 Jul 14 08:15 GMT", utc(2014, 7, 26, 8, 15)),
])
def test_readable_dates_in_utc(value, expected):
    assert _date(value, TAKEOUT_SEPARATOR) == (expected, "")


@pytest.mark.parametrize("value", [
    "Sat, 31 Feb 2014 08:15:34 +0000",   # no such day
    "Sat, 26 Jul 2014 25:15:34 +0000",   # no such hour
    "Sat, 26 Jul 2014 08:15:34 +2400",   # a zone of a whole day
    "yesterday",
])
def test_unreadable_dates_fall_back_to_the_separator(value):
    # The separator's date: Mon Nov 06 04:42:58 +0000 2017.
    assert _date(value, TAKEOUT_SEPARATOR) == (utc(2017, 11, 6, 4, 42, 58), "")
    # Without a dated separator the Date is counted as unreadable.
    assert _date(value, b"From -\n") == (None, "unreadable")


def test_a_missing_date_is_the_separator_date_and_implausible_dates_are_dropped():
    assert _date("", TAKEOUT_SEPARATOR) == (utc(2017, 11, 6, 4, 42, 58), "")
    assert _date("", b"From x\n") == (None, "unreadable")
    assert _date("Wed, 31 Dec 1969 23:59:59 +0000", TAKEOUT_SEPARATOR) == (None, "implausible")
    assert _date("Sat, 1 Jan 2100 00:00:00 +0000", TAKEOUT_SEPARATOR) == (None, "implausible")
    tomorrow = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    assert _date(format_datetime(tomorrow), TAKEOUT_SEPARATOR) == (tomorrow, "")


# ------------------------------------------------------------------------------------------
# Cutting the stream


def test_line_ends_agree_with_bytes_find_and_count():
    from netaudit.importers.mbox import _LineEnds

    data = b"a\nFrom x\nFrom\nFrom y\r\n\nFrom "
    lines = _LineEnds(data)
    # By hand: '\nFrom ' at 1, 13 and 22 (not 8: '\nFrom\n'); line ends at 1, 8, 13, 21, 22.
    assert [lines.next_from(s) for s in (0, 2, 14, 23)] == [1, 13, 22, -1]
    assert lines.count(0, len(data)) == 5
    # And everywhere, as the bytes methods they replace say.
    for start in range(len(data) + 1):
        assert lines.next_from(start) == data.find(b"\nFrom ", start)
        for end in range(len(data) + 1):
            assert lines.count(start, end) == data.count(b"\n", start, end)
