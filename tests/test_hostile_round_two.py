"""Hostile input, round two (issue 16): each promise of README "Privacy" and "Safety" under the
attack that broke it. Every input is generated here (never a stored multi-megabyte file), and
every attack runs under a time limit and a memory ceiling stated in its test (:func:`limits`:
wall time by SIGALRM, so that a hang fails instead of blocking the suite; memory by
tracemalloc's peak of Python allocations, where inflated and decoded data live).
"""

from __future__ import annotations

import io
import signal
import struct
import time
import tracemalloc
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pandas  # noqa: F401 - imported before tracemalloc starts: measure the attack, not imports
import pytest

import netaudit
from netaudit.errors import InputError
from netaudit.importers import inputs

MB = 1024**2
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice..."\n\n'


@contextmanager
def limits(seconds: float, megabytes: float):
    """Fail when the block runs longer than ``seconds`` (interrupting a hang) or its Python
    allocations peak above ``megabytes``."""

    def expire(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        tracemalloc.stop()
    assert time.perf_counter() - started < seconds
    assert peak < megabytes * MB, f"peak {peak / MB:,.0f} MB"


# --- 1. Zip bomb by overlapping entries ------------------------------------------------------


def connections_text(count: int) -> str:
    # Distinct URLs and companies keep the text from compressing much (about 4:1, as a real
    # export does), so the ratio check alone cannot catch the overlap.
    rows = "".join(f"Ana{i},Ruiz{i * 7919 % 10007},https://www.linkedin.com/in/p-{i * 31337},,"
                   f"Acme{i % 977},Engineer,04 Jul 2023\n" for i in range(count))
    return PREAMBLE + HEADER + rows


def overlapping_zip(entries: int, rows: int) -> bytes:
    """A ZIP of one real member whose central directory lists it ``entries`` times under
    different names, every entry pointing at the same local header (APPNOTE.TXT 4.3.12: the
    central header's name length at +28, extra and comment lengths at +30/+32, name at +46;
    end record 4.3.16: entries at +8/+10, directory size at +12, offset at +16)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", connections_text(rows))
    data = buffer.getvalue()
    end = data.rindex(b"PK\x05\x06")
    directory_at = struct.unpack_from("<I", data, end + 16)[0]
    central = data[directory_at:end]
    name_len = struct.unpack_from("<H", central, 28)[0]
    assert central[46:46 + name_len] == b"Connections.csv"
    copies = []
    for number in range(entries):
        name = f"part{number:04d}/Connections.csv".encode()
        copy = bytearray(central[:46]) + name + central[46 + name_len:]
        struct.pack_into("<H", copy, 28, len(name))
        copies.append(bytes(copy))
    directory = b"".join(copies)
    record = bytearray(data[end:end + 22])
    struct.pack_into("<HHII", record, 8, entries, entries, len(directory), directory_at)
    return data[:directory_at] + directory + bytes(record)


def test_overlapping_entries_are_refused_before_inflating(tmp_path):
    # 20 entries on one member of 40,000 rows: each entry's ratio is honest, the archive's
    # (20 x the member over 20 x its compressed size) too; before the fix all 20 were inflated
    # and read (20 x ~2.9 MB = ~58 MB of text parsed, no error).
    path = tmp_path / "export.zip"
    path.write_bytes(overlapping_zip(20, 40_000))
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    assert len(infos) == 20 and len({i.header_offset for i in infos}) == 1
    ratio = sum(i.file_size for i in infos) / sum(i.compress_size for i in infos)
    assert ratio < inputs.MAX_RATIO
    with limits(seconds=3, megabytes=30), pytest.raises(InputError) as caught:
        netaudit.load([path])
    assert caught.value.path == str(path)
    assert caught.value.message == ("refused: its members 'part0000/Connections.csv' and "
                                    "'part0001/Connections.csv' point at the same data as "
                                    "each other")
    assert "zip bomb" in caught.value.hint


def test_two_thousand_overlapping_entries_are_refused_in_bounded_time(tmp_path):
    # The second archive: 2,000 entries on one member (41 GB declared there).
    path = tmp_path / "export.zip"
    path.write_bytes(overlapping_zip(2_000, 2_000))
    with limits(seconds=3, megabytes=30), pytest.raises(InputError, match="same data"):
        netaudit.load([path])


def test_an_archive_inflates_at_most_max_passes_times_what_it_declares(tmp_path):
    # One honest member of 2,000 rows read over and over (as a reader that re-opened a member
    # in a loop would): the 5th full read passes 4 x (its size + one 64 KiB head allowance)
    # only when the member is larger than the allowance; here 2,000 rows ~ 150 KB > 64 KiB.
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", connections_text(2_000))
    (member,) = inputs.iter_inputs([path], [])
    assert member.size > inputs.HEAD_BYTES
    # Budget = 4 x (size + 65,536); k full reads spend k x size: the largest k allowed is
    # floor(4 x (size + 65,536) / size), 5 for this size (4 x (1 + 65,536/size) < 6).
    allowed = (4 * (member.size + inputs.HEAD_BYTES)) // member.size
    assert allowed == 5
    with limits(seconds=3, megabytes=30):
        for _ in range(allowed):
            assert len(member.read_bytes()) == member.size
        with pytest.raises(InputError, match="more than 4 times the size its members declare"):
            member.read_bytes()
