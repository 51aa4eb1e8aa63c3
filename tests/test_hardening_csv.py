"""CSVs that spreadsheets, editors and LinkedIn itself mangle: parse what can be parsed, count
and report the rest (issue 6, "Hostile input"). Every expected number is counted by hand from
the rows written in the test."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

import netaudit
from netaudit.importers import _read

PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice..."\n\n'
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
MESSAGES_HEADER = ('"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
                   '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"\n')


def row(first: str, last: str, company: str = "Acme", date: str = "04 Jul 2023") -> str:
    slug = f"{first}-{last}".lower()
    return f"{first},{last},https://www.linkedin.com/in/{slug},,{company},Engineer,{date}\n"


def message(conversation: str, sender: str, to: str, content: str,
            date: str = "2024-03-05 10:00:00 UTC", attachment: str = "") -> str:
    sender_url = f"https://www.linkedin.com/in/{sender.lower().replace(' ', '-')}"
    to_url = f"https://www.linkedin.com/in/{to.lower().replace(' ', '-')}"
    return (f'"{conversation}","","{sender}","{sender_url}","{to}","{to_url}","{date}","",'
            f'{content},"INBOX","{attachment}"\n')


def write(tmp_path: Path, name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


def connection_names(network) -> list[str]:
    return sorted(network.connections["name"])


def problems(network) -> list[str]:
    return [str(p) for p in network.problems]


def test_nul_bytes_are_dropped_and_rows_kept(tmp_path):
    # A stray NUL inside a name and a line of NULs (a damaged re-save): 3 real rows.
    text = PREAMBLE + HEADER + row("Ana", "Ru\x00iz") + "\x00\x00\n" + row("Bo", "Li") + row(
        "Cy", "Do")
    network = netaudit.load([write(tmp_path, "Connections.csv", text)])
    assert connection_names(network) == ["Ana Ruiz", "Bo Li", "Cy Do"]


def test_unbalanced_quote_skips_one_row_and_keeps_the_rest(tmp_path):
    # Row 2 opens a quote it never closes (physical line 6 after the 3-line preamble and the
    # header): only that row is lost; the two after it are kept.
    text = (PREAMBLE + HEADER + row("Ana", "Ruiz") + 'Bo,"Li,https://x,,Beta,CEO,05 Jul 2023\n'
            + row("Cy", "Do") + row("Dee", "Eck"))
    network = netaudit.load([write(tmp_path, "Connections.csv", text)])
    assert connection_names(network) == ["Ana Ruiz", "Cy Do", "Dee Eck"]
    assert problems(network) == [
        f"{tmp_path / 'Connections.csv'} (first at line 6): 1 row could not be parsed (wrong "
        "number of fields or broken quoting) and was skipped"]


def test_overlong_field_cap(tmp_path):
    # csv's default field limit is 128 KiB; netaudit raises it to FIELD_LIMIT so a 1 MiB field
    # is kept, and refuses one just above the cap (an unbalanced quote that would otherwise
    # swallow gigabytes). The row with 10 fields forces the row-by-row reader.
    assert _read.FIELD_LIMIT == 16 * 1024 * 1024
    long_company = "C" * (1024 * 1024)
    text = (HEADER + row("Ana", "Ruiz")                                      # line 2: kept
            + row("Bo", "Li", company=long_company)                          # line 3: kept
            + "Cy,Do,https://x,,Gamma,CEO,06 Jul 2023,extra,more,fields\n"   # line 4: skipped
            + 'Dee,"' + "x" * (_read.FIELD_LIMIT + 1) + "\n"                  # line 5: skipped
            + row("Eve", "Fox"))                                             # line 6: kept
    started = time.perf_counter()
    network = netaudit.load([write(tmp_path, "Connections.csv", text)])
    assert time.perf_counter() - started < 30  # a generous guard against quadratic reading
    assert connection_names(network) == ["Ana Ruiz", "Bo Li", "Eve Fox"]
    companies = dict(zip(network.connections["name"], network.connections["company"],
                         strict=True))
    assert len(companies["Bo Li"]) == 1024 * 1024
    assert problems(network) == [
        f"{tmp_path / 'Connections.csv'} (first at line 4): 2 rows could not be parsed (wrong "
        "number of fields or broken quoting) and were skipped"]


def test_mixed_line_endings(tmp_path):
    # CRLF, LF and a lone CR (classic Mac) in one file, as after copy-pasting between editors.
    text = ("Notes:\r\n\r\n" + HEADER.replace("\n", "\r\n") + row("Ana", "Ruiz").replace(
        "\n", "\r\n") + row("Bo", "Li") + row("Cy", "Do").replace("\n", "\r") + row("Dee", "Eck"))
    network = netaudit.load([write(tmp_path, "Connections.csv", text)])
    assert connection_names(network) == ["Ana Ruiz", "Bo Li", "Cy Do", "Dee Eck"]
    assert problems(network) == []


def test_form_feed_in_preamble_does_not_shift_the_header(tmp_path):
    # str.splitlines() splits at \x0c; the header must still be found at its real offset, and
    # the first data row must not be taken for it.
    text = "Notes:\x0c more notes\n" + HEADER + row("Ana", "Ruiz") + row("Bo", "Li")
    network = netaudit.load([write(tmp_path, "Connections.csv", text)])
    assert connection_names(network) == ["Ana Ruiz", "Bo Li"]


def test_backslash_escaped_quotes_count_the_row_that_splits(tmp_path):
    # Comments.csv style: quotes escaped as \" instead of "". Without a comma after the escaped
    # quote the row still has 11 fields and is kept; with one ("hello, world") it splits into
    # 12 fields, the last one not empty (an attachment URL), and is skipped and counted
    # (line 3). 3 messages written, 2 kept.
    text = (MESSAGES_HEADER
            + message("c1", "Ana Ruiz", "Bo Li", '"Hello there"')
            + message("c1", "Bo Li", "Ana Ruiz", '"He said \\"hello, world\\" twice"',
                      attachment="https://www.linkedin.com/dms/prv/a1")
            + message("c1", "Ana Ruiz", "Bo Li", '"She said \\"hi\\" once"'))
    network = netaudit.load([write(tmp_path, "messages.csv", text)], me="Ana Ruiz")
    assert len(network.messages) == 2
    assert problems(network) == [
        f"{tmp_path / 'messages.csv'} (first at line 3): 1 row could not be parsed (wrong "
        "number of fields or broken quoting) and was skipped"]


def test_shares_style_line_breaks_stay_inside_one_message(tmp_path):
    # Shares.csv writes each line break as ""<newline>"" inside a quoted field: after parsing,
    # the text holds a literal quote before and after the newline, and it is still one row.
    text = (MESSAGES_HEADER
            + message("c1", "Ana Ruiz", "Bo Li", '"line one""\n""line two"')
            + message("c1", "Bo Li", "Ana Ruiz", '"ok"'))
    network = netaudit.load([write(tmp_path, "messages.csv", text)], me="Ana Ruiz")
    assert len(network.messages) == 2
    assert problems(network) == []


def test_wrong_encodings_are_decoded_not_refused(tmp_path):
    # cp1252 (a spreadsheet re-save), UTF-16 with BOM and tab-separated (2018 style), and a
    # UTF-8 file with one stray cp1252 byte (decoded as cp1252 as a whole).
    names = ["José García", "Søren Ærø"]
    rows = row("Søren", "Ærø") + row("José", "García")
    cp1252 = netaudit.load([write(tmp_path, "a.csv", HEADER + rows, "cp1252")])
    utf16 = netaudit.load([write(tmp_path, "b.csv", (HEADER + rows).replace(",", "\t"),
                                 "utf-16")])
    mixed = write(tmp_path, "c.csv", (HEADER + rows).encode("utf-8") + b"Zo\xe9,Ng,,,,,"
                  b"05 Jul 2023\n")
    assert connection_names(cp1252) == names
    assert connection_names(utf16) == names
    assert len(netaudit.load([mixed]).connections) == 3


def test_implausible_and_unreadable_dates_are_counted_not_fatal(tmp_path):
    # 6 rows: 2 good dates, one in 2099 and one in 1999 (before LinkedIn, 2003), one
    # impossible (31 Feb) and one that is no date. All 6 stay connections; 4 dates are empty.
    text = (PREAMBLE + HEADER + row("Ana", "Ruiz", date="04 Jul 2023")
            + row("Bo", "Li", date="05 Jul 2023") + row("Cy", "Do", date="01 Jan 2099")
            + row("Dee", "Eck", date="01 Jan 1999") + row("Eve", "Fox", date="31 Feb 2023")
            + row("Fay", "Gu", date="sometime"))
    path = write(tmp_path, "Connections.csv", text)
    network = netaudit.load([path])
    assert len(network.connections) == 6
    dated = network.connections.set_index("name")["connected_on"]
    assert dated.notna().sum() == 2
    assert dated["Ana Ruiz"] == pd.Timestamp("2023-07-04", tz="UTC")
    found = problems(network)
    assert any(p.startswith(f"{path}") and ": 2 rows have a 'Connected On' date netaudit "
               "cannot read" in p for p in found), found
    assert any(": 2 rows have a 'Connected On' date before LinkedIn existed (2003) or in the "
               "future" in p for p in found), found


def test_dates_beyond_what_pandas_can_hold_are_counted(tmp_path):
    # 9999-12-31 (a placeholder some tools write) does not fit a nanosecond timestamp.
    text = (MESSAGES_HEADER
            + message("c1", "Ana Ruiz", "Bo Li", '"hi"', date="9999-12-31 23:59:59 UTC")
            + message("c1", "Bo Li", "Ana Ruiz", '"hello"'))
    network = netaudit.load([write(tmp_path, "messages.csv", text)], me="Ana Ruiz")
    assert len(network.messages) == 2
    assert network.messages["sent_at"].isna().sum() == 1
    assert any("1 row has a 'DATE' date netaudit cannot read" in p
               or "date netaudit cannot read" in p for p in problems(network))
