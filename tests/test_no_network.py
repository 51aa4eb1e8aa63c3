"""netaudit never opens a network connection: the whole CLI runs with sockets disabled.

Every command registered on the typer app is run in-process on the bundled sample export
(with ``--out`` into a temporary folder where the command writes files), while any attempt to
create a socket or resolve a name is recorded and refused.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from netaudit.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_ZIP = ROOT / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"


@pytest.fixture
def network_attempts(monkeypatch) -> list[str]:
    """Sockets, connections and name lookups all raise; each attempt is recorded, so that
    code which swallows the OSError is caught too."""
    attempts: list[str] = []

    def refuse(what: str):
        def refused(*args, **kwargs):
            attempts.append(f"{what}{args!r}")
            raise OSError(f"network disabled in tests: {what}")
        return refused

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            refuse("socket.socket")(*args, **kwargs)

    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "socketpair", "create_server"):
        monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
    return attempts


def test_the_guard_refuses(network_attempts):
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(OSError):
        socket.getaddrinfo("example.com", 443)
    assert len(network_attempts) == 3


def _commands() -> list[str]:
    return sorted(command.name or command.callback.__name__.replace("_", "-")
                  for command in app.registered_commands)


def _options(command: str) -> set[str]:
    from typer.main import get_command

    params = get_command(app).commands[command].params
    return {opt for param in params for opt in getattr(param, "opts", [])}


def _output_args(command: str, folder: Path) -> list[str]:
    """Where the command writes, when it writes: ``--out DIR`` or ``--output FILE.html``
    (the PDF renderer draws the same figures and is run by test_outputs_safe)."""
    options = _options(command)
    if command == "graph":  # -o/--output since issue 15 (was --output-file)
        return ["--output", str(folder / "network.graphml")]
    if "--out" in options:
        return ["--out", str(folder / "out")]
    if "--output" in options:
        return ["--output", str(folder / "report.html")]
    return []


@pytest.mark.skipif(not SAMPLE_ZIP.exists(), reason="sample export not generated")
@pytest.mark.parametrize("command", _commands())
def test_command_runs_without_network(runner, tmp_path, network_attempts, command):
    args = [command, str(SAMPLE_ZIP), *_output_args(command, tmp_path)]
    # input="" ends interactive quizzes at once.
    result = runner.invoke(app, args, input="")
    assert network_attempts == []
    assert result.exit_code in (0, 1, 2), result.output[-3000:]
    assert "internal error" not in result.output
    if command == "analyze" or "--output" in _options(command):
        assert result.exit_code == 0, result.output[-3000:]


@pytest.mark.skipif(not SAMPLE_ZIP.exists(), reason="sample export not generated")
def test_analyze_json_and_help_without_network(runner, network_attempts):
    assert runner.invoke(app, ["--help"]).exit_code == 0
    for command in _commands():
        assert runner.invoke(app, [command, "--help"]).exit_code == 0
    result = runner.invoke(app, ["analyze", str(SAMPLE_ZIP), "--json"])
    assert result.exit_code == 0
    assert network_attempts == []
