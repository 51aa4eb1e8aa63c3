"""The import graph of netaudit/ runs one way: no cycle, no arrow from a lower layer to a
higher one. Every ``import`` counts, at the top of a file, inside a function or under
``if TYPE_CHECKING:`` alike (see docs/design.md, "Layers")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "netaudit"

#: Lowest first; a module may import its own layer and the layers before it. The first
#: matching prefix decides (``netaudit.roles`` is not ``netaudit.analyses``).
LAYERS: list[tuple[str, ...]] = [
    ("netaudit.errors", "netaudit.progress", "netaudit.encode", "netaudit.interrupts",
     "netaudit.collector", "netaudit.allocator", "netaudit.threads"),
    ("netaudit.model",),
    ("netaudit.identity", "netaudit.roles", "netaudit.matching"),
    ("netaudit.importers", "netaudit.userfiles"),
    ("netaudit.graph",),
    ("netaudit.analyses", "netaudit.history"),
    ("netaudit.audit", "netaudit.batch"),
    ("netaudit.render",),
    ("netaudit.cli", "netaudit.__main__"),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> int:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def imports(path: Path, module: str | None = None) -> set[str]:
    """Every netaudit module ``path`` (the module ``module``) imports, wherever the import
    statement is."""
    module = module or module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from netaudit.render import charts` imports the module netaudit.render.charts
            found.update(f"{base}.{alias.name}" for alias in node.names
                         if (PACKAGE.parent / f"{base}.{alias.name}".replace(".", "/")
                             ).with_suffix(".py").exists())
    return {name for name in found if name.split(".")[0] == "netaudit"}


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    # The package itself (netaudit/__init__.py) is the public face: it imports lazily from
    # every layer and nothing may import it but for its version and errors re-export.
    return {name: {m for m in imports(path) if m in modules and m not in ("netaudit", name)}
            for name, path in modules.items() if name != "netaudit"}


def test_every_module_is_in_a_layer() -> None:
    for module in graph():
        layer(module)


def test_no_arrow_from_a_lower_layer_to_a_higher_one() -> None:
    upward = sorted(f"{a} -> {b}" for a, targets in graph().items() for b in targets
                    if layer(b) > layer(a))
    assert upward == []


def test_no_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*path[path.index(target):], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert cycles == []


@pytest.mark.parametrize(("source", "expected"), [
    ("from netaudit.render import charts\n", {"netaudit.render", "netaudit.render.charts"}),
    ("def f():\n    from . import model\n", {"netaudit", "netaudit.model"}),
])
def test_imports_are_found_inside_functions_and_relative(tmp_path: Path, source: str,
                                                         expected: set[str]) -> None:
    # The checker itself can fail: an import inside a function and a relative one count.
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    assert imports(path, "netaudit.probe") == expected
