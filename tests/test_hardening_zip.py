"""Archives from strangers: never extracted, never trusted about names or sizes.

Each hostile ZIP is built here, byte by byte where zipfile would refuse to write it, so that the
test shows exactly which lie netaudit must survive (issue 6, "Hostile input").
"""

from __future__ import annotations

import builtins
import io
import json
import struct
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pandas  # noqa: F401 - imported here so that tracemalloc measures reading, not imports
import pytest

import netaudit
from netaudit.cli import app
from netaudit.errors import InputError
from netaudit.importers import inputs

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice..."\n\n'


def connections_csv(count: int, prefix: str = "p") -> str:
    rows = "".join(
        f"Ana{i},Ruiz,https://www.linkedin.com/in/{prefix}-{i},,Acme,Engineer,04 Jul 2023\n"
        for i in range(count)
    )
    return PREAMBLE + HEADER + rows


def write_zip(path: Path, members: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 11, 20, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    return path


def zip_bytes(members: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def patch_member(path: Path, member: str, *, declared_size: int | None = None,
                 flags_or: int = 0, local_header: bool = True) -> None:
    """Rewrite what the local header (unless told not to) and the central directory say
    about ``member``.

    Offsets from APPNOTE.TXT 4.3.7 / 4.3.12: local header flags at +6, uncompressed size at
    +22; central directory flags at +8, uncompressed size at +24, header offset at +42.
    """
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(member)
    local = info.header_offset
    raw_name = member.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
    central = 0
    while True:
        central = data.index(b"PK\x01\x02", central)
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_len] == raw_name:
            break
        central += 4
    headers = [(local, 6, 22)] if local_header else []
    for offset, flags_at, size_at in [*headers, (central, 8, 24)]:
        if declared_size is not None:
            struct.pack_into("<I", data, offset + size_at, declared_size)
        flags = struct.unpack_from("<H", data, offset + flags_at)[0]
        struct.pack_into("<H", data, offset + flags_at, flags | flags_or)
    path.write_bytes(bytes(data))


class _RepeatingDeflate:
    """A deflate compressor for zipfile that compresses each distinct chunk once.

    Every chunk ends with a full flush, which byte-aligns the output and forgets the history,
    so the same compressed block can be written again for the same chunk: a 1 GiB member is
    built in a fraction of a second instead of seconds. zipfile still writes the headers,
    sizes and CRC-32 (reading the member back in full verifies them).
    """

    def __init__(self) -> None:
        self.blocks: dict[bytes, bytes] = {}

    def compress(self, data: bytes) -> bytes:
        if data not in self.blocks:
            deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
            self.blocks[data] = deflate.compress(data) + deflate.flush(zlib.Z_FULL_FLUSH)
        return self.blocks[data]

    def flush(self) -> bytes:
        return zlib.compressobj(9, zlib.DEFLATED, -15).flush()


def stream_member(path: Path, name: str, first: bytes, chunk: bytes, count: int) -> None:
    """Write ``first`` then ``count`` times ``chunk`` into member ``name`` of a new ZIP."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(name, "w", force_zip64=True) as member:
            if hasattr(member, "_compressor"):  # CPython's writer; otherwise deflate for real
                member._compressor = _RepeatingDeflate()
            if first:
                member.write(first)
            for _ in range(count):
                member.write(chunk)


def error_line(result) -> str:
    return result.output.strip().replace("\n", " ")


@pytest.fixture(scope="module")
def gib_of_zeros(tmp_path_factory) -> Path:
    """A ZIP holding one 1 GiB member of zeros, streamed in so the test never holds it:
    ~1 MB on disk (deflate tops out near 1032:1)."""
    path = tmp_path_factory.mktemp("bomb") / "Basic_LinkedInDataExport_11-20-2026.zip"
    stream_member(path, "Connections.csv", b"", bytes(1 << 20), 1024)
    return path


def test_zip_bomb_is_refused_fast_with_bounded_memory(gib_of_zeros):
    assert gib_of_zeros.stat().st_size < 5 * 1024**2
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(InputError) as caught:
            netaudit.load([gib_of_zeros])
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Generous guards: refusing must not inflate. Inflating 1 GiB takes seconds and 1 GiB.
    assert elapsed < 5.0
    assert peak < 64 * 1024**2
    error = caught.value
    assert error.path == f"{gib_of_zeros}:Connections.csv"
    assert "declares 1,073,741,824 bytes" in error.message
    assert "zip bomb" in error.hint


def test_zip_bomb_on_the_command_line_is_one_line_exit_1(runner, gib_of_zeros):
    result = runner.invoke(app, ["analyze", str(gib_of_zeros)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line = error_line(result)
    assert line.startswith(f"error: {gib_of_zeros}:Connections.csv: refused")


def test_bomb_declaring_a_small_size_is_cut_at_that_size(tmp_path):
    # 100 MiB of connection rows (they compress ~1000:1) whose headers claim 5 MiB: the size
    # and ratio checks pass, so the reader itself must stop at the declared size, and the
    # CRC-32 then gives the lie away. Memory stays near the declared size, not the real one.
    liar = tmp_path / "liar.zip"
    row = b"Ana,Ruiz,https://www.linkedin.com/in/ana,,Acme,Engineer,04 Jul 2023\n"
    chunk = row * ((1 << 20) // len(row))
    stream_member(liar, "Connections.csv", HEADER.encode(), chunk, 100)
    patch_member(liar, "Connections.csv", declared_size=5 * 1024**2)
    with zipfile.ZipFile(liar) as archive:
        assert archive.getinfo("Connections.csv").file_size == 5 * 1024**2
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(InputError) as caught:
            netaudit.load([liar])
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 5.0
    assert peak < 64 * 1024**2
    assert caught.value.path == f"{liar}:Connections.csv"
    assert "Bad CRC-32" in caught.value.message


def test_many_members_just_under_the_floor_are_a_bomb_too(tmp_path):
    # 40 members of 60 MiB of connection rows each (under the 64 MiB per-member floor): the
    # archive as a whole declares 2.4 GB from ~2 MB and is refused before any member is read.
    path = tmp_path / "export.zip"
    row = b"Ana,Ruiz,https://www.linkedin.com/in/ana,,Acme,Engineer,04 Jul 2023\n"
    chunk = row * ((1 << 20) // len(row))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(40):
            with archive.open(f"part{number:02d}/Connections.csv", "w") as member:
                member._compressor = _RepeatingDeflate()
                member.write(HEADER.encode())
                for _ in range(60):
                    member.write(chunk)
    with zipfile.ZipFile(path) as archive:
        sizes = [info.file_size for info in archive.infolist()]
    assert max(sizes) < inputs.RATIO_FLOOR_BYTES < sum(sizes)
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        netaudit.load([path])
    assert time.perf_counter() - started < 5.0
    assert caught.value.path == str(path)
    assert caught.value.message.startswith("refused: its 40 members declare")
    assert "zip bomb" in caught.value.hint


def test_member_larger_than_declared_is_an_input_error(tmp_path):
    # 2,000 real rows, headers claiming 1,000 bytes: reading stops at 1,000 bytes and the
    # CRC-32 of those bytes does not match; the user gets a one-line "damaged" error.
    path = write_zip(tmp_path / "export.zip", {"Connections.csv": connections_csv(2000)})
    patch_member(path, "Connections.csv", declared_size=1000)
    with pytest.raises(InputError) as caught:
        netaudit.load([path])
    assert caught.value.path == f"{path}:Connections.csv"
    assert "cannot be read" in caught.value.message


def test_limited_stream_refuses_bytes_beyond_the_declared_size():
    # Defence in depth under zipfile's own cut: _Limited raises once more comes out.
    stream = io.BufferedReader(inputs._Limited(io.BytesIO(b"x" * 100), 10, "a.zip:b.csv"))
    with pytest.raises(InputError, match="more than its declared size"):
        stream.read()


def test_unsafe_member_names_are_ignored_and_nothing_is_written(tmp_path, monkeypatch):
    # One good member (2 rows) and three that try to leave the archive (5 rows each).
    path = write_zip(tmp_path / "export.zip", {
        "export/Connections.csv": connections_csv(2, "good"),
        "../Connections.csv": connections_csv(5, "dotdot"),
        "/etc/Connections.csv": connections_csv(5, "absolute"),
        "a/../../Connections.csv": connections_csv(5, "nested-dotdot"),
    })
    with zipfile.ZipFile(path) as archive:  # zipfile keeps the hostile names as written
        assert "../Connections.csv" in archive.namelist()
        assert "/etc/Connections.csv" in archive.namelist()
    before = sorted(p.name for p in tmp_path.parent.rglob("*"))

    real_open = builtins.open

    def read_only_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            raise AssertionError(f"netaudit wrote {file!r} while reading a ZIP")
        return real_open(file, mode, *args, **kwargs)

    def no_extract(*args, **kwargs):
        raise AssertionError("a ZIP member was extracted to disk")

    monkeypatch.setattr(builtins, "open", read_only_open)
    monkeypatch.setattr(zipfile.ZipFile, "extract", no_extract)
    monkeypatch.setattr(zipfile.ZipFile, "extractall", no_extract)
    network = netaudit.load([path])
    monkeypatch.undo()

    assert len(network.connections) == 2
    assert set(network.connections["profile_url"]) == {
        "linkedin.com/in/good-0", "linkedin.com/in/good-1"}
    ignored = sorted(p.path for p in network.problems if "absolute or '..'" in p.message)
    assert ignored == sorted(f"{path}:{name}" for name in (
        "../Connections.csv", "/etc/Connections.csv", "a/../../Connections.csv"))
    assert sorted(p.name for p in tmp_path.parent.rglob("*")) == before


def test_only_unsafe_members_is_nothing_readable(tmp_path):
    path = write_zip(tmp_path / "evil.zip", {"../../Connections.csv": connections_csv(3)})
    with pytest.raises(InputError) as caught:
        netaudit.load([path])
    assert caught.value.path == str(path)
    assert "nothing netaudit can read" in caught.value.message


def test_nested_zip_is_read(tmp_path):
    inner = zip_bytes({"Connections.csv": connections_csv(3)})
    outer = write_zip(tmp_path / "takeout.zip",
                      {"Basic_LinkedInDataExport_11-20-2026.zip": inner})
    network = netaudit.load([outer])
    assert len(network.connections) == 3
    assert network.sources[0].path == (
        f"{outer}:Basic_LinkedInDataExport_11-20-2026.zip:Connections.csv")


def test_large_nested_zip_is_read_through_the_outer_stream(tmp_path, monkeypatch):
    # Above NESTED_IN_MEMORY_BYTES the inner archive is not inflated into memory: it is read
    # through the outer member's (seekable) stream, with the same result.
    inner = zip_bytes({"Connections.csv": connections_csv(3), "notes.txt": "hello"})
    outer = write_zip(tmp_path / "takeout.zip", {"export.zip": inner})
    monkeypatch.setattr(inputs, "NESTED_IN_MEMORY_BYTES", 0)
    read_into_memory = []
    original = inputs.InputFile.read_bytes
    monkeypatch.setattr(inputs.InputFile, "read_bytes",
                        lambda self: read_into_memory.append(self.display) or original(self))
    network = netaudit.load([outer])
    assert len(network.connections) == 3
    assert network.sources[0].path == f"{outer}:export.zip:Connections.csv"
    assert f"{outer}:export.zip" not in read_into_memory


def test_archive_declaring_too_many_members_is_refused_before_parsing(runner, tmp_path,
                                                                     monkeypatch):
    monkeypatch.setattr(inputs, "MAX_MEMBERS", 5)
    five = write_zip(tmp_path / "five.zip", {f"{i}.txt": "x" for i in range(4)}
                     | {"Connections.csv": connections_csv(2)})
    assert len(netaudit.load([five]).connections) == 2
    six = write_zip(tmp_path / "six.zip", {f"{i}.txt": "x" for i in range(6)})
    parsed = []
    monkeypatch.setattr(inputs.zipfile, "ZipFile",
                        lambda *a, **k: parsed.append(a) or pytest.fail("directory parsed"))
    result = runner.invoke(app, ["analyze", str(six)])
    assert result.exit_code == 1
    assert error_line(result) == (
        f"error: {six}: refused: the archive declares 6 members (netaudit opens at most 5) "
        "(unzip it and pass the files netaudit reads (the export's CSVs, the .mbox, the "
        "contacts file))")
    assert parsed == []


def test_declared_members_reads_the_zip64_record():
    # 70,000 members exceed the 16-bit count (65,535): zipfile writes 0xFFFF in the classic
    # record and the real count in the ZIP64 record, which must be the one read.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(70_000):
            archive.writestr(f"{i}", b"")
    data = buffer.getvalue()
    eocd = data.rfind(b"PK\x05\x06")
    assert struct.unpack_from("<H", data, eocd + 10)[0] == 0xFFFF
    assert inputs.declared_members(io.BytesIO(data)) == 70_000
    assert inputs.declared_members(io.BytesIO(b"not a zip at all")) is None


def test_double_zip_suffix_is_read_by_content(tmp_path):
    # A browser download named '….zip.zip' that is one ZIP...
    single = tmp_path / "Complete_LinkedInDataExport_08-26-2025.zip.zip"
    single.write_bytes(zip_bytes({"Connections.csv": connections_csv(4)}))
    assert len(netaudit.load([single]).connections) == 4
    # ...and one that really is a ZIP inside a ZIP.
    double = tmp_path / "Basic_LinkedInDataExport_07-11-2023.zip.zip"
    double.write_bytes(zip_bytes({
        "Basic_LinkedInDataExport_07-11-2023.zip": zip_bytes({"Connections.csv":
                                                              connections_csv(2)})}))
    assert len(netaudit.load([double]).connections) == 2


def test_office_files_beside_an_export_are_files_not_archives(runner, tmp_path):
    # A published 2021 export's folder held a Power BI report (.pbix, a ZIP inside): its 19
    # parts were listed one by one as skipped files. A damaged .xlsx beside an export
    # stopped the run with "not a readable ZIP archive".
    folder = tmp_path / "Downloads"
    folder.mkdir()
    (folder / "Connections.csv").write_text(connections_csv(4), encoding="utf-8")
    (folder / "Report.pbix").write_bytes(zip_bytes({"Version": b"1.28",
                                                    "Report/Layout": b"{}"}))
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04" + bytes(40))
    result = runner.invoke(app, ["analyze", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["connections"] == 4
    said = " ".join(runner.invoke(app, ["analyze", str(folder)]).output.split())
    assert (f"{folder}: 2 files skipped (not a format netaudit reads): notes.xlsx, Report.pbix"
            in said)
    # Named on the command line, a ZIP is opened whatever its name.
    renamed = tmp_path / "export.pbix"
    renamed.write_bytes(zip_bytes({"Connections.csv": connections_csv(3)}))
    assert len(netaudit.load([renamed]).connections) == 3


def test_deep_nesting_stops_without_recursing_forever(tmp_path):
    # Six ZIPs deep: netaudit opens MAX_NESTING levels and treats what is deeper as a file it
    # cannot read, so the input is "nothing readable", quickly.
    data = zip_bytes({"Connections.csv": connections_csv(1)})
    for level in range(6):
        data = zip_bytes({f"level{level}.zip": data})
    path = tmp_path / "deep.zip"
    path.write_bytes(data)
    assert inputs.MAX_NESTING < 7
    started = time.perf_counter()
    with pytest.raises(InputError, match="nothing netaudit can read"):
        netaudit.load([path])
    assert time.perf_counter() - started < 5.0


def test_truncated_zip_names_the_file(runner, tmp_path):
    whole = zip_bytes({"Connections.csv": connections_csv(500)})
    path = tmp_path / "Basic_LinkedInDataExport_11-20-2026.zip"
    path.write_bytes(whole[: len(whole) // 2])
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 1
    assert error_line(result).startswith(f"error: {path}: is not a readable ZIP archive")
    assert "Traceback" not in result.output


def test_corrupt_deflate_stream_is_an_input_error(runner, tmp_path):
    path = write_zip(tmp_path / "export.zip", {"Connections.csv": connections_csv(3000)})
    data = bytearray(path.read_bytes())
    for i in range(2000, 2100):  # inside the compressed data of the only member
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 1, result.output
    assert error_line(result).startswith(f"error: {path}:Connections.csv: cannot be read")


def test_password_protected_member_says_so(runner, tmp_path):
    # zipfile cannot write encrypted members; setting general-purpose flag bit 0 is what an
    # encrypted member looks like to a reader.
    path = write_zip(tmp_path / "export.zip", {"Connections.csv": connections_csv(3)})
    patch_member(path, "Connections.csv", flags_or=0x1)
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 1, result.output
    line = error_line(result)
    assert line.startswith(f"error: {path}:Connections.csv: is password-protected")
    assert "unzip the archive with its password" in line


def test_member_name_flagged_utf8_that_is_not(tmp_path):
    # Flag bit 11 says the name is UTF-8; b'\xff' is not, and zipfile raises
    # UnicodeDecodeError while opening the archive.
    path = write_zip(tmp_path / "export.zip", {"ConnectionsX.csv": connections_csv(1)})
    path.write_bytes(path.read_bytes().replace(b"ConnectionsX.csv", b"Connections\xff.csv"))
    patch_member(path, b"Connections\xff.csv".decode("cp437"), flags_or=0x800)
    with pytest.raises(InputError) as caught:
        netaudit.load([path])
    assert caught.value.path == str(path)
    assert "is not a readable ZIP archive" in caught.value.message


# --- A member inflated straight into its buffer (inputs._inflate) reads as zipfile reads it


def _zipfile_reads(path: Path, name: str) -> bytes | str:
    """What zipfile's own stream gives for the member: its bytes, or its error's words."""
    with zipfile.ZipFile(path) as archive:
        try:
            with archive.open(name) as stream:
                return stream.read()
        except zipfile.BadZipFile as exc:
            return str(exc)


@pytest.fixture(params=["isal", "zlib"])
def deflate_engine(request, monkeypatch) -> str:
    """Runs a test with the members inflated by isal (ISA-L) and again by zlib, its
    fallback."""
    if request.param == "isal":
        pytest.importorskip("isal")
    else:
        monkeypatch.setattr(inputs, "_deflate_engine", lambda: (zlib, ()))
    return request.param


def _inflated(path: Path, name: str, budget: inputs._Budget | None = None
              ) -> bytes | str | None:
    with zipfile.ZipFile(path) as archive:
        try:
            out = inputs._inflate(archive, archive.getinfo(name), budget)
        except zipfile.BadZipFile as exc:
            return str(exc)
    return None if out is None else bytes(out)


def test_inflated_members_are_what_zipfile_reads(tmp_path, deflate_engine):
    # Pseudo-random lines compress about 2:1: 10.9 MB from 5.9 MB, some 90 compressed pieces
    # of 64 KB and outputs of up to 4 MB; zeros inflate ~1000 times per piece; an empty
    # member; names in UTF-8 (flag bit 11) and in cp437.
    import random

    rng = random.Random(7)
    text = "".join(f"{rng.getrandbits(64):x},{rng.random()}\n" for _ in range(300_000))
    members = {"messages.csv": text.encode(), "zeros.bin": bytes(9 * 1024**2),
               "empty.csv": b"", "Zoë/Connections.csv": connections_csv(50).encode(),
               "plain.csv": connections_csv(3)}
    path = write_zip(tmp_path / "export.zip", members)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("messages.csv").compress_size > 80 * inputs.INFLATE_IN
        assert archive.getinfo("messages.csv").file_size > 2 * inputs.INFLATE_OUT
        assert archive.getinfo("Zoë/Connections.csv").flag_bits & 0x800
    for name, data in members.items():
        expected = data.encode() if isinstance(data, str) else data
        assert _zipfile_reads(path, name) == expected
        assert _inflated(path, name) == expected, name


def test_inflating_spends_the_archive_budget(tmp_path, deflate_engine):
    path = write_zip(tmp_path / "export.zip", {"Connections.csv": connections_csv(100)})
    size = len(connections_csv(100))
    budget = inputs._Budget(10 * size, "export.zip")
    assert isinstance(_inflated(path, "Connections.csv", budget), bytes)
    assert budget.left == 9 * size
    with pytest.raises(InputError, match="refused: inflating it took more than"):
        _inflated(path, "Connections.csv", inputs._Budget(size - 1, "export.zip"))


def test_a_member_larger_than_declared_is_cut_and_fails_its_crc_as_in_zipfile(tmp_path, deflate_engine):
    path = write_zip(tmp_path / "export.zip", {"Connections.csv": connections_csv(2000)})
    patch_member(path, "Connections.csv", declared_size=1000)
    words = _zipfile_reads(path, "Connections.csv")
    assert words == "Bad CRC-32 for file 'Connections.csv'"
    assert _inflated(path, "Connections.csv") == words


def test_a_member_shorter_than_declared_is_read_whole_as_in_zipfile(tmp_path, deflate_engine):
    # The declared size lies upwards and the CRC-32 is the real one: zipfile gives the real
    # bytes without complaint, and so does the buffer (cut to what came out).
    content = connections_csv(300).encode()
    path = write_zip(tmp_path / "export.zip", {"Connections.csv": content})
    patch_member(path, "Connections.csv", declared_size=len(content) + 5000)
    assert _zipfile_reads(path, "Connections.csv") == content
    assert _inflated(path, "Connections.csv") == content


def test_a_corrupt_member_fails_as_zipfile_fails(tmp_path, deflate_engine):
    path = write_zip(tmp_path / "export.zip", {"Connections.csv": connections_csv(3000)})
    data = bytearray(path.read_bytes())
    for i in range(2000, 2100):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        with pytest.raises(zlib.error) as theirs:
            archive.read("Connections.csv")
        if deflate_engine == "zlib":
            with pytest.raises(zlib.error) as ours:
                inputs._inflate(archive, archive.getinfo("Connections.csv"), None)
            assert str(ours.value) == str(theirs.value)
        else:  # ISA-L refuses it in its own words: left to zipfile, which says what is wrong
            assert inputs._inflate(archive, archive.getinfo("Connections.csv"), None) is None
    entry = next(e for e in inputs._zip_members(zipfile.ZipFile(path), str(path), 0, [])
                 if e.name == "Connections.csv")
    with pytest.raises(InputError) as read:
        entry.read_buffer()
    assert read.value.message == f"cannot be read ({theirs.value})"


def test_members_zipfile_must_read_are_left_to_it(tmp_path):
    # Stored (not deflated), encrypted (flag bit 0), and a local header whose name differs
    # from the central directory's: zipfile's stream reads them, or says what is wrong.
    stored = tmp_path / "stored.zip"
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Connections.csv", connections_csv(3))
    assert _inflated(stored, "Connections.csv") is None
    locked = write_zip(tmp_path / "locked.zip", {"Connections.csv": connections_csv(3)})
    patch_member(locked, "Connections.csv", flags_or=0x1)
    assert _inflated(locked, "Connections.csv") is None
    renamed = write_zip(tmp_path / "renamed.zip", {"Connections.csv": connections_csv(3)})
    data = renamed.read_bytes()
    first = data.index(b"Connections.csv")  # the local header's copy comes first
    renamed.write_bytes(data[:first] + b"Connexions.csv" + data[first + 14:])
    assert _inflated(renamed, "Connections.csv") is None
    assert "differ" in _zipfile_reads(renamed, "Connections.csv")


def test_an_archive_cut_inside_the_member_is_an_input_error(tmp_path, deflate_engine):
    # The central directory kept (appended again after the cut) but the member's compressed
    # bytes end early: zipfile's stream and the buffer both stop with EOFError.
    path = write_zip(tmp_path / "export.zip", {"Connections.csv": connections_csv(3000)})
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("Connections.csv")
        start = info.header_offset + 30 + len(info.filename)
    data = path.read_bytes()
    directory = data[data.index(b"PK\x01\x02"):]
    cut = start + info.compress_size // 2
    moved = bytearray(directory)
    end = moved.index(b"PK\x05\x06")
    struct.pack_into("<I", moved, end + 16, cut)  # where the central directory now starts
    path.write_bytes(data[:cut] + bytes(moved))
    with zipfile.ZipFile(path) as archive:
        with pytest.raises(EOFError):
            archive.read("Connections.csv")
        with pytest.raises(EOFError):
            inputs._inflate(archive, archive.getinfo("Connections.csv"), None)
    entry = next(e for e in inputs._zip_members(zipfile.ZipFile(path), str(path), 0, [])
                 if e.name == "Connections.csv")
    with pytest.raises(InputError, match="cannot be read"):
        entry.read_buffer()


def test_members_with_a_data_descriptor_inflate_as_zipfile_reads_them(tmp_path):
    # A ZIP written as a stream (macOS's Archive Utility, a download made on the fly) gives
    # each member flag bit 3: the sizes and CRC-32 follow the data, and the local header has
    # zeros where they would be. The central directory holds them, which is what is read.
    class Unseekable(io.RawIOBase):
        def __init__(self, target):
            self.target = target

        def writable(self):
            return True

        def write(self, data):
            return self.target.write(data)

    path = tmp_path / "streamed.zip"
    content = connections_csv(400).encode()
    with open(path, "wb") as raw, zipfile.ZipFile(Unseekable(raw), "w",
                                                  zipfile.ZIP_DEFLATED) as archive:
        with archive.open("Connections.csv", "w") as member:
            member.write(content)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("Connections.csv").flag_bits & 0x8
    assert _zipfile_reads(path, "Connections.csv") == content
    assert _inflated(path, "Connections.csv") == content
