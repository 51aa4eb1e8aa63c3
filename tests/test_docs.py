"""Docs that cannot drift: every command has help and a README row, every figure a definition,
and the README's Quick start is what CI runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from netaudit.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
DOCS = ROOT / "docs"


def section(title: str, level: int = 2) -> str:
    """The README text under the heading ``title`` up to the next heading of that level."""
    marks = "#" * level
    match = re.search(rf"^{marks} {re.escape(title)}\s*$(.*?)(?=^{marks} |\Z)", README,
                      flags=re.MULTILINE | re.DOTALL)
    assert match, f"README has no '{marks} {title}' section"
    return match.group(1)


def _commands() -> dict[str, object]:
    from typer.main import get_command

    return dict(get_command(app).commands)


COMMANDS = sorted(_commands())


def test_every_command_in_the_registry_is_a_typer_command():
    names = {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands}
    names |= {g.name for g in app.registered_groups}  # `netaudit history add|list|...`
    assert names == set(COMMANDS)
    assert "analyze" in names


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_every_option_too(name):
    command = _commands()[name]
    # A group (`netaudit history`) and each of its commands.
    for label, each in [(name, command), *((f"{name} {sub}", c) for sub, c in
                                           getattr(command, "commands", {}).items())]:
        assert (each.help or "").strip(), f"netaudit {label} has no help text"
        missing = [param.name for param in each.params if not (getattr(param, "help", "") or
                                                                "").strip()]
        assert missing == [], f"netaudit {label}: options without help: {missing}"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_a_row_in_the_readme_commands_table(name):
    rows = [line for line in section("Commands").splitlines() if line.startswith("|")]
    assert any(re.match(rf"\| `netaudit {re.escape(name)}( |`)", row) for row in rows), (
        f"README '## Commands' table has no row for `netaudit {name}`")


def test_readme_commands_table_names_only_real_commands():
    rows = section("Commands").splitlines()
    named = {match.group(1) for row in rows if (match := re.match(r"\| `netaudit ([a-z-]+)", row))}
    assert named <= set(COMMANDS), f"README lists commands that do not exist: {named - set(COMMANDS)}"


def _bash_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL)]


def test_quick_start_is_exactly_two_bash_commands():
    blocks = _bash_blocks(section("Quick start"))
    assert len(blocks) == 2, blocks
    assert all("\n" not in block for block in blocks), "each block is one copy-pasteable line"


def test_quick_start_first_command_analyzes_a_bundled_sample():
    first = _bash_blocks(section("Quick start"))[0]
    steps = [shlex.split(step) for step in first.split(" && ")]
    analyze = steps[-1]
    assert analyze[:2] == ["netaudit", "analyze"]
    for path in analyze[2:]:
        assert (ROOT / path).exists(), f"Quick start names {path}, which is not in the repository"


def _ci_test_command() -> str:
    lines = [line.strip() for line in CI.splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    return lines[-1]


def test_quick_start_second_command_is_what_ci_runs():
    # README: 'python3 -m venv .venv && . .venv/bin/activate && <test command>'; .ci/run makes
    # its own fresh venv, then runs <test command> word for word as its last line.
    second = _bash_blocks(section("Quick start"))[1]
    steps = second.split(" && ")
    setup, test_command = steps[:2], " && ".join(steps[2:])
    assert setup == ["python3 -m venv .venv", ". .venv/bin/activate"]
    assert test_command == _ci_test_command()
    assert "python3 -m venv" in CI and "activate" in CI, ".ci/run starts from a fresh venv"
    # ... and installs the pinned versions (issue 16: no lock, so a new release could break a
    # fresh install unseen).
    assert test_command.startswith("pip install -c constraints.txt ")


def test_constraints_pin_every_dependency_exactly():
    # Every package the test install needs is pinned with '==' (read from pyproject by name).
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    names = {re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0].lower().replace("_", "-")
             for spec in wanted}
    lines = [line for line in (ROOT / "constraints.txt").read_text().splitlines()
             if line and not line.startswith("#")]
    pinned = {line.split("==")[0].lower().replace("_", "-") for line in lines}
    assert all("==" in line for line in lines)
    assert names <= pinned, names - pinned


@pytest.mark.parametrize("name", COMMANDS)
def test_command_figures_are_defined_in_the_readme(name):
    # Every command's figures have a '### `name`' subsection under "What the numbers mean".
    meanings = section("What the numbers mean")
    assert re.search(rf"^### `{re.escape(name)}`", meanings, flags=re.MULTILINE), (
        f"README 'What the numbers mean' has no '### `{name}`' subsection")


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_a_row_in_the_design_command_table(name):
    # docs/design.md "Commands": which module, Audit method and renderer each command uses.
    design = (DOCS / "design.md").read_text(encoding="utf-8")
    table = re.search(r"^## Commands\s*$(.*?)(?=^## |\Z)", design, flags=re.MULTILINE | re.DOTALL)
    assert table, "docs/design.md has no '## Commands' section"
    rows = [line for line in table.group(1).splitlines() if line.startswith("|")]
    assert any(row.startswith(f"| `netaudit {name}` |") for row in rows), (
        f"docs/design.md '## Commands' has no row for `netaudit {name}`")


def test_docs_link_only_to_files_that_exist():
    for page in sorted(DOCS.glob("*.md")) + [ROOT / "README.md"]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def test_the_python_guide_runs_on_the_bundled_sample(tmp_path, monkeypatch):
    # docs/python.md is a notebook: its python blocks run in order, in one namespace, from a
    # folder holding the repository's samples (the report it writes lands in tmp_path).
    blocks = re.findall(r"```python\n(.*?)```", (DOCS / "python.md").read_text(encoding="utf-8"),
                        flags=re.DOTALL)
    assert len(blocks) >= 8
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    for number, block in enumerate(blocks, start=1):
        code = compile(block, f"docs/python.md, python block {number}", "exec")
        exec(code, namespace)
    assert (tmp_path / "audit.html").exists()
