"""netaudit/cli/_coerce.py: option values converted without pydantic give what typer's
own conversion gives, value for value and error for error (issue 17)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from typer import _coercion
from typer.main import get_command

from netaudit.cli import app

SAMPLE = Path(__file__).parents[2] / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"

#: What a user might type, by the type the option converts to: plain values and the ones
#: whose reading is pydantic's business (signs, spaces, leading zeros, exponents).
TYPED: dict[Any, list[Any]] = {
    str: ["", "abc", " spaced ", "12", "Zoë Åberg", "--json"],
    int: ["0", "7", "15", "007", "-3", "+4", " 5", "5 ", "1_000", "12.0", "abc", "",
          "9" * 19, "99999999999999999", 3, 0],
    float: ["0.5", ".5", "1.", "1e3", "3", "0.05", "0.1", "0.09", "-1", "abc", "nan", "inf",
            "", 0.5, 2.0],
    bool: [True, False, "true", "1", "no"],
}


def _paths(folder: Path) -> list[Any]:
    (folder / "file.csv").write_text("a\n")
    (folder / "folder").mkdir()
    return ["x.csv", "", "-", str(folder / "file.csv"), str(folder / "folder"),
            str(folder / "no" / "such.csv"), Path("p.zip")]


def _parameters() -> Iterator[tuple[str, Any, Any]]:
    root = get_command(app)

    def walk(command: Any, name: str) -> Iterator[tuple[str, Any, Any]]:
        for param in command.params:
            if hasattr(param, "type_descriptor"):
                yield name, command, param
        for sub_name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{name} {sub_name}".strip())

    return walk(root, "")


def _values(annotation: Any, paths: list[Any], default: Any) -> list[Any]:
    def leaf(kind: Any) -> list[Any]:
        return paths if kind is Path else TYPED.get(kind, [])

    origin = get_origin(annotation)
    if origin is list:
        items = leaf(get_args(annotation)[0])
        found: list[Any] = [tuple(items[:1]), tuple(items[:3]), list(items[-2:]), (), "one"]
    elif origin is tuple:
        first, second = (leaf(kind) for kind in get_args(annotation))
        found = [(a, b) for a in first[:3] for b in second] + [(first[0],), "csv"]
    else:
        found = list(leaf(annotation))
    return [*found, default] if default is not None else found


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        result = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as error:  # the error and its message are part of the behaviour
        return type(error).__name__, str(error)
    items = result if isinstance(result, (list, tuple)) else [result]
    return type(result).__name__, [(type(item).__name__, item) for item in items]


def test_every_option_converts_as_typer_does(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    compared = fast = 0
    for name, command, param in _parameters():
        ctx = command.context_class(command, info_name=name or "netaudit")
        descriptor = param.type_descriptor
        ours = param.get_runtime_param()
        typers = _coercion.build_runtime_param(descriptor)
        fast += type(ours).__name__ == "Plain"
        for value in _values(descriptor.annotation, paths, param.default):
            assert _outcome(ours, value, param, ctx) == _outcome(typers, value, param, ctx), (
                name, param.name, value)
            compared += 1
    # Every option of every command was converted both ways, and each one by these rules.
    assert fast == sum(1 for _ in _parameters())
    assert compared > 1000


def test_a_number_out_of_range_is_typers_error() -> None:
    window = next(p for name, _, p in _parameters() if p.name == "window" and name == "replies")
    ctx = get_command(app).context_class(get_command(app), info_name="netaudit")
    assert window.get_runtime_param().coerce("30", param=window, ctx=ctx) == 30
    with pytest.raises(Exception, match="Input should be a valid integer"):
        window.get_runtime_param().coerce("thirty", param=window, ctx=ctx)


def test_a_command_runs_without_importing_pydantic() -> None:
    run = f"""
import sys
from netaudit.cli import app
try:
    app(["analyze", {str(SAMPLE)!r}, "--json", "-q"], standalone_mode=False)
except SystemExit:
    pass
sys.stderr.write(str("pydantic" in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True,
                          check=True)
    assert done.stderr.strip() == "False"
    assert '"connections"' in done.stdout


def test_json_quiet_runs_without_importing_rich_and_an_error_still_shows() -> None:
    # `analyze --json -q` prints JSON only: rich (0.03 s of CPU) is not imported. Under -q an
    # input netaudit cannot read still gets its one-line error, printed through rich.
    run = """
import sys
from netaudit.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
sys.stderr.write("rich imported: " + str("rich.console" in sys.modules))
"""
    clean = subprocess.run([sys.executable, "-c", run, "analyze", str(SAMPLE), "--json", "-q"],
                           capture_output=True, text=True, check=True)
    assert clean.stderr.strip() == "rich imported: False"
    assert '"connections"' in clean.stdout
    shown = subprocess.run([sys.executable, "-c", run, "analyze", str(SAMPLE)],
                           capture_output=True, text=True, check=True)
    assert shown.stderr.strip().endswith("rich imported: True")
    assert "Network audit" in shown.stdout
    bad = Path(__file__).parents[1] / "fixtures" / "bad" / "Connections.csv"
    failed = subprocess.run([sys.executable, "-m", "netaudit", "analyze", str(bad), "--json",
                             "-q"], capture_output=True, text=True)
    assert failed.returncode == 1
    assert failed.stderr.startswith(f"error: {bad}: has LinkedIn's 'Notes:' preamble")
    assert len(failed.stderr.strip().splitlines()) == 1
