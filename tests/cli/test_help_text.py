"""Help that helps (issue 15): an example in every command's help that runs on the bundled
data, paragraphs that wrap at the terminal's width, commands in the README's order, -o/--output
for every output, and shell completion."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest
import typer.main
from rich.cells import cell_len

from netaudit.cli import app
from tests.cli.test_help_and_outputs import _commands

ROOT = Path(__file__).resolve().parents[2]
PAGES = [words for words in _commands() if words]


def _help(words: list[str], width: int = 400) -> str:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [*words, "--help"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.output


def _examples(words: list[str]) -> list[str]:
    return re.findall(r"Example: (netaudit [^\n]*?)\s*$", _help(words), re.MULTILINE)


@pytest.mark.parametrize("words", PAGES, ids=" ".join)
def test_every_command_has_an_example_of_itself(words):
    examples = _examples(words)
    assert examples, words
    for example in examples:
        typed = shlex.split(example)
        # A group's example names one of its commands (history add …).
        assert typed[1:1 + len(words)] == words or typed[1] == words[0], example
        # Every file or folder of the repository it names exists (a shell pattern names
        # some).
        for word in typed:
            if word.startswith(("samples/", "tests/")):
                assert list(ROOT.glob(word)) if "*" in word else (ROOT / word).exists(), (
                    example, word)


@pytest.mark.parametrize("words", PAGES, ids=" ".join)
def test_every_example_parses_as_its_command_would(words):
    # The example's options and arguments are those the command takes (click parses them
    # as on a real run, without running it: no file is written).
    root = typer.main.get_command(app)
    for example in _examples(words):
        typed = shlex.split(example)[1:]
        command, rest = root, typed
        while hasattr(command, "commands") and rest and rest[0] in command.commands:
            command, rest = command.commands[rest[0]], rest[1:]
        with command.make_context(" ".join(typed[:1]), [*rest], resilient_parsing=False):
            pass


@pytest.mark.parametrize("words", [["analyze"], ["recall"], ["recall-study"], ["introduce"],
                                   ["diff"], ["team"], ["people"]], ids=" ".join)
def test_the_examples_that_only_read_run(runner, monkeypatch, words):
    # Those that write no file, run from the repository as a reader would from a clone.
    monkeypatch.chdir(ROOT)
    example = _examples(words)[0]
    result = runner.invoke(app, [*shlex.split(example)[1:], "-q"])
    assert result.exit_code == 0, (example, result.output[-2000:])
    assert result.stdout.strip()


def test_paragraphs_wrap_at_the_terminals_width():
    # Before: recall --help at 80 columns kept the docstring's own line breaks: 'type one
    # 'Name - profession' per' (51 cells) stood alone, 'surname first' (15) too. A line
    # that ends a paragraph may be short; the others fill the 80 columns (less rich's margin
    # and a word that did not fit: at least 60).
    for words in PAGES:
        text = _help(words, width=80).split("╭")[0]
        for paragraph in re.split(r"\n\s*\n", text):
            lines = [line.rstrip() for line in paragraph.splitlines() if line.strip()]
            if lines and lines[0].lstrip().startswith("Example:"):
                continue  # a command line breaks where its paths let it
            for line in lines[:-1]:
                if not line.lstrip().startswith("Usage:"):
                    assert cell_len(line) >= 60, (words, line)


def test_usage_lines_name_arguments_in_capitals():
    # team's read 'Usage: netaudit team [OPTIONS] paths...'.
    for words in PAGES:
        usage = next(line for line in _help(words).splitlines() if "Usage:" in line)
        assert not re.search(r"\b[a-z_]+\.\.\.", usage), usage


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `netaudit ([a-z-]+)", table, re.MULTILINE)


def test_commands_are_listed_in_the_readmes_order():
    listed = re.findall(r"^│ ([a-z-]+)\s{2,}", _help([]).split("Commands")[1], re.MULTILINE)
    assert listed == _readme_commands()
    assert len(listed) == 16


@pytest.mark.parametrize("words", [["graph"], ["batch"], ["analyze"], ["report"]])
def test_every_output_is_dash_o_dash_dash_output(words):
    text = _help(words)
    assert re.search(r"--output\s+-o\b", text), text
    assert "--output-file" not in text and re.search(r"--out\b", text) is None


def test_the_old_output_names_still_work(runner, tmp_path):
    sample = str(ROOT / "tests" / "fixtures" / "linkedin-2026")
    graph = runner.invoke(app, ["graph", sample, "--output-file", str(tmp_path / "g.csv"), "-q"])
    assert graph.exit_code == 0, graph.output
    assert (tmp_path / "g.csv").is_file()
    missing = runner.invoke(app, ["graph", sample, "-q"])
    assert missing.exit_code == 2
    assert "missing option -o/--output FILE" in missing.stderr


def test_completion_is_offered_and_its_scripts_are_written(runner):
    assert "--install-completion" in _help([]) and "--show-completion" in _help([])
    # What README 'Shell completion' tells to put in each shell's start-up file.
    for shell, start in (("bash", "_netaudit_completion()"), ("zsh", "#compdef netaudit"),
                         ("fish", "complete --command netaudit")):
        result = runner.invoke(app, [], env={"_NETAUDIT_COMPLETE": f"source_{shell}"},
                               prog_name="netaudit")
        assert result.exit_code == 0
        assert result.output.lstrip().startswith(start), (shell, result.output[:200])
    # And the completion it drives: commands by their first letters.
    result = runner.invoke(app, [], prog_name="netaudit",
                           env={"_NETAUDIT_COMPLETE": "complete_bash",
                                "COMP_WORDS": "netaudit re", "COMP_CWORD": "1"})
    assert result.output.split() == ["replies", "recall", "recall-study", "report"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shells")
def test_the_readme_documents_completion_for_three_shells():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Shell completion", 1)[1].split("\n## ", 1)[0]
    for shell in ("bash", "zsh", "fish"):
        assert f"_NETAUDIT_COMPLETE=source_{shell} netaudit" in section
