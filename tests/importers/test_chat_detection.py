"""Detection of the chat networks' files by content, and no false detection of the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from netaudit.importers import detect
from netaudit.importers.inputs import iter_inputs

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CHAT_FOLDERS = ("facebook", "twitter", "whatsapp", "telegram")
CHAT_FORMATS = {"facebook-friends", "facebook-messages", "facebook-html", "facebook-profile",
                "x", "whatsapp", "telegram"}
#: Chat exports among the real-data facts (tests/importers/test_real_facts.py).
REAL_CHAT_EXPORTS = [FIXTURES / "real-facts" / d for d in (
    "x-archive-whole", "x-public-account", "facebook-unavailable", "whatsapp-same-second",
    "whatsapp-one-chat", "whatsapp-german-group", "whatsapp-strangers",
    "facebook-namesake-friends", "messenger-one-thread", "instagram-reactions", "whatsapp-added-english",
    "whatsapp-dutch-group", "whatsapp-spanish-attachments", "whatsapp-portuguese-media",
    "whatsapp-italian-group", "whatsapp-french-android", "whatsapp-russian-android",
    "whatsapp-indonesian-group", "whatsapp-english-invites", "whatsapp-german-card",
    "messenger-activity", "messenger-meta-ai", "whatsapp-meta-ai")]
#: samples/networks (samples/make_networks.py) holds one person's chat exports beside LinkedIn's.
SAMPLE_CHATS = [ROOT / "samples" / "networks" / d for d in ("facebook", "x", "whatsapp",
                                                              "telegram")]


def _files(folder: Path):
    return iter_inputs([folder], [])


def _other_files():
    from netaudit.errors import InputError

    found = []
    paths = [p for p in sorted(FIXTURES.rglob("*")) if p.is_file()
             and p.relative_to(FIXTURES).parts[0] not in CHAT_FOLDERS
             and not any(p.is_relative_to(d) for d in REAL_CHAT_EXPORTS)]
    samples = sorted(p for p in (ROOT / "samples").rglob("*") if p.is_file()
                     and not any(p.is_relative_to(d) for d in SAMPLE_CHATS))
    for path in [*paths, *samples]:
        try:
            found += _files(path)
        except InputError:  # the damaged ZIPs of tests/fixtures/bad
            continue
    return found


@pytest.mark.parametrize("file", _other_files(), ids=lambda f: f.display.split("/", 1)[-1])
def test_no_other_file_is_taken_for_a_chat_export(file):
    importer = detect(file)
    assert importer is None or importer.name not in CHAT_FORMATS


def _expected(file) -> str | None:
    name = file.name
    if name.endswith(".html"):
        return "facebook-html"
    if name == "autofill_information.json":
        return "facebook-profile"
    if name.startswith("message_"):
        return "facebook-messages"
    if "friend" in name:
        return "facebook-friends"
    if name.endswith(".js"):
        return "x"
    if name == "result.json":
        return "telegram"
    if name.endswith(".txt"):
        return "whatsapp"
    return None  # the photo inside WhatsApp's ZIP


@pytest.mark.parametrize("file", [*(f for d in CHAT_FOLDERS for f in _files(FIXTURES / d)),
                                  *(f for d in SAMPLE_CHATS for f in _files(d))],
                         ids=lambda f: f.display.split("fixtures/", 1)[-1])
def test_every_chat_fixture_is_detected_as_its_format(file):
    importer = detect(file)
    assert (importer.name if importer else None) == _expected(file)


def test_renamed_files_are_still_detected(tmp_path):
    source = FIXTURES / "whatsapp" / "android-24h" / "WhatsApp Chat with Mei Chen.txt"
    renamed = tmp_path / "chat-backup.log"
    renamed.write_bytes(source.read_bytes())
    [file] = iter_inputs([renamed], [])
    assert detect(file).name == "whatsapp"
    friends = FIXTURES / "facebook" / "2025" / "connections" / "friends" / "your_friends.json"
    other = tmp_path / "f.json"
    other.write_bytes(friends.read_bytes())
    [file] = iter_inputs([other], [])
    assert detect(file).name == "facebook-friends"
