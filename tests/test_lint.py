"""The lint commands: ``ruff check netaudit tests`` and ``mypy`` pass (docs/design.md,
"Checks").

The rules live in pyproject.toml ([tool.ruff], [tool.mypy]); these tests only run them, and
each is skipped where its tool is not installed (both come with the ``test`` extra).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> list[str] | None:
    beside = Path(sys.executable).with_name(name)  # the venv running the tests
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    return [found] if found else None


def test_ruff_check_passes():
    ruff = _tool("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    result = subprocess.run([*ruff, "check", "--no-cache", "netaudit", "tests"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def test_mypy_passes():
    mypy = _tool("mypy")
    if mypy is None:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    # mypy's incremental cache (.mypy_cache/, ignored by git) checks what changed: 4.5 s CPU
    # for the whole package from scratch, about 1 s again.
    result = subprocess.run(mypy, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def _core_modules() -> list[Path]:
    package = ROOT / "netaudit"
    return sorted(p for p in package.rglob("*.py")
                  if p.relative_to(package).parts[0] not in ("cli", "render"))


def test_the_core_never_prints_and_never_imports_typer_or_rich():
    # docs/design.md, "Layers": only cli/ and render/ show anything.
    import ast

    found = []
    for path in _core_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    node.func.id == "print":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: print()")
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: import {name}"
                      for name in names if name.split(".")[0] in ("typer", "rich", "click")]
    assert len(_core_modules()) > 20  # the walk found the package
    assert found == []
