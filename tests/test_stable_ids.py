"""Person ids name nothing of the machine (issue 15): ``--json``'s ``person_id`` and the node
ids of ``graph -o`` were ``<path of the export>:Connections.csv:<row>``, so they carried the
local folder and changed when the export was moved or unzipped. They are now derived from the
person (profile URL, e-mail, phone, name; the file name and row for a hidden profile), the
same from two copies in different folders and from the ZIP or its folder."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from netaudit.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"
TEAM = ROOT / "samples" / "team"


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """The sample ZIP in two folders of different names, and unzipped in a third."""
    first = tmp_path_factory.mktemp("alpha-copy") / SAMPLE.name
    second = tmp_path_factory.mktemp("beta") / "renamed" / "mine.zip"
    second.parent.mkdir()
    shutil.copy(SAMPLE, first)
    shutil.copy(SAMPLE, second)
    folder = tmp_path_factory.mktemp("gamma") / "unzipped"
    with zipfile.ZipFile(SAMPLE) as archive:
        archive.extractall(folder)
    return first, second, folder


def _ids_by_person(path: Path) -> dict[tuple[str, str, str], str]:
    from netaudit.audit import Audit

    people = Audit([path]).network.people
    return {(name, url, email): pid for pid, name, url, email in zip(
        people["person_id"], people["name"], people["profile_url"], people["email"],
        strict=True)}


def _no_path(ids, *folders: Path) -> None:
    for pid in ids:
        assert os.sep not in pid and ":" not in pid, pid
        for folder in folders:
            assert folder.name not in pid, pid


def test_same_ids_from_any_folder_zip_or_unzipped(copies):
    first, second, folder = copies
    ids = [_ids_by_person(path) for path in copies]
    # 300 connections and the owner and everyone messaged: one id per person, same in all.
    assert ids[0] == ids[1] == ids[2]
    assert len(set(ids[0].values())) == len(ids[0])
    _no_path(ids[0].values(), first.parent, second.parent, folder)


def test_id_is_the_hash_of_the_profile_url(copies):
    ids = _ids_by_person(copies[0])
    (name, url, _), pid = next((key, pid) for key, pid in ids.items() if key[1])
    # 'p' and the first 16 hex digits of SHA-256 of 'url ' + the normalized URL.
    assert pid == "p" + hashlib.sha256(f"url {url}".encode()).hexdigest()[:16]


def test_json_and_graph_files_hold_no_path(runner, copies, tmp_path):
    first, second, _ = copies
    shown = []
    for path in (first, second):
        result = runner.invoke(app, ["ties", str(path), "--json"])
        assert result.exit_code == 0, result.output
        json.loads(result.stdout)
        shown.append(sorted(re.findall(r'"person_id": "([^"]*)"', result.stdout)))
    assert shown[0] == shown[1] and len(shown[0]) >= 300
    _no_path(shown[0], first.parent, second.parent)
    for suffix in ("graphml", "gexf", "csv"):
        out = tmp_path / f"g.{suffix}"
        result = runner.invoke(app, ["graph", str(first), "-o", str(out)])
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        # Before: 1,859 occurrences of the export's path in the sample's GraphML.
        assert str(first.parent) not in text and first.parent.name not in text


def test_team_ids_are_path_free_and_the_same_from_another_folder(runner, tmp_path):
    moved = tmp_path / "elsewhere"
    shutil.copytree(TEAM, moved)
    runs = []
    for base in (TEAM, moved):
        paths = sorted(str(p) for p in base.glob("*/*.zip"))
        result = runner.invoke(app, ["team", *paths, "--json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        runs.append(sorted(m["person_id"] for m in data["members"])
                    + sorted(b["person_id"] for b in data["brokers"]["top"]))
    assert runs[0] == runs[1]
    _no_path(runs[0], moved, TEAM)
