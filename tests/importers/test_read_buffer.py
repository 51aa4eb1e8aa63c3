"""InputFile.read_buffer: a file on disk is mapped, not copied; the bytes are the same."""

from __future__ import annotations

import mmap
import zipfile
from pathlib import Path

from netaudit.importers.inputs import iter_inputs, regular_file

TEXT = b"First Name,Last Name\r\nAna,Ruiz\r\n"


def test_a_file_on_disk_is_mapped(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(TEXT)
    data = regular_file(path).read_buffer()
    assert isinstance(data, mmap.mmap)
    assert data[:] == TEXT and len(data) == len(TEXT) and b"\x00" not in data
    assert path.read_bytes() == TEXT  # read only: the file is as it was


def test_an_empty_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert regular_file(path).read_buffer() == b""


def test_a_zip_member_is_read_as_bytes(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("Connections.csv", TEXT)
    [member] = iter_inputs([archive], [])
    assert member.read_buffer() == TEXT
