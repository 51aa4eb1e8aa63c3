"""Every command runs on the four chat networks' exports together (fictional fixtures).

Regression: X and Messenger keep milliseconds, so contact times with and without fractions
mixed and `ties`, `introduce`, `team`, `graph` and `report` stopped with an internal error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from netaudit.cli import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def chats(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("chats")
    shutil.copytree(FIXTURES / "facebook" / "2025", folder / "facebook")
    shutil.copytree(FIXTURES / "twitter", folder / "twitter")
    shutil.copytree(FIXTURES / "whatsapp", folder / "whatsapp")
    shutil.copytree(FIXTURES / "telegram" / "full", folder / "telegram")
    return folder


@pytest.mark.parametrize("args", [
    ["analyze"], ["replies"], ["ties"], ["introduce"], ["team"],
    ["graph", "-o", "{out}/network.graphml"], ["report", "-o", "{out}/report.html"],
])
def test_command_reads_chat_exports(runner, chats, tmp_path, args):
    args = [a.format(out=tmp_path) for a in args]
    result = runner.invoke(app, [args[0], str(chats), *args[1:], "--quiet"])
    assert result.exit_code == 0, result.output[-2000:]


def test_analyze_counts_every_channel(runner, chats):
    import json

    result = runner.invoke(app, ["analyze", str(chats), "--json", "--quiet"])
    summary = json.loads(result.stdout)
    # Messages: Facebook 9 - 1 message request (system) = 8; X 6; WhatsApp 13; Telegram 7:
    # 34 in 3 + 3 + 4 + 3 = 13 conversations.
    assert summary["messages"] == 34
    assert summary["conversations"] == 13
