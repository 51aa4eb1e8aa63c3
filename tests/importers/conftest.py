"""Helpers for the importer tests: detect and read one file the way ``netaudit`` does."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _detected(path: Path) -> str | None:
    """The name of the importer that claims ``path`` (None if nothing does)."""
    from netaudit.importers import detect
    from netaudit.importers.inputs import iter_inputs

    [file] = iter_inputs([path], [])
    importer = detect(file)
    return importer.name if importer else None


def _read_one(path: Path, *, column_map: dict[str, str] | None = None, progress=None,
             fmt: str | None = None):
    """The Network fragment of one file, read by the importer detection picks (or ``fmt``)."""
    from netaudit.importers import detect, importer_named
    from netaudit.importers.base import ReadOptions
    from netaudit.importers.inputs import iter_inputs

    [file] = iter_inputs([path], [])
    importer = importer_named(fmt) if fmt else detect(file)
    assert importer is not None, f"nothing recognizes {path}"
    network = importer.read(file, ReadOptions(column_map=column_map or {}, progress=progress))
    network.validate()
    return network


@pytest.fixture
def write(tmp_path):
    """write(name, text_or_bytes, encoding='utf-8') -> Path, inside tmp_path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode(encoding)
        path.write_bytes(content)
        return path

    return _write


def _people_by_name(network) -> dict[str, dict]:
    """People rows as dicts keyed by name (or e-mail when nameless)."""
    rows = network.people.to_dict("records")
    return {r["name"] or r["email"]: r for r in rows}


@pytest.fixture
def detected():
    """detected(path) -> name of the importer detection picks, or None."""
    return _detected


@pytest.fixture
def read_one():
    """read_one(path, column_map=None, progress=None, fmt=None) -> validated Network."""
    return _read_one


@pytest.fixture
def by_name():
    """by_name(network) -> {name or e-mail: people row as a dict}."""
    return _people_by_name
