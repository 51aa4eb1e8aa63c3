"""Issue 15's CLI items: --help without typer's type placeholders, -o/--output in every
command that writes one file or folder, no silent folder creation (--mkdir), and "already
exists (pass --force)" as a usage error (exit 2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from netaudit.cli import app

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin-2026"


def _commands() -> list[list[str]]:
    """Every command and subcommand, as the words typed before --help."""
    root = typer.main.get_command(app)
    found: list[list[str]] = [[]]

    def walk(group: object, prefix: list[str]) -> None:
        # A group (click's, vendored by typer 0.29 as typer._click) has .commands.
        for name, command in getattr(group, "commands", {}).items():
            found.append([*prefix, name])
            walk(command, [*prefix, name])

    walk(root, [])
    return found


# Before (typer 0.29): '--help -h <bool>', 'PATH <list[Path]>', 'Usage: netaudit due [OPTIONS]
# {PATH}...', 'diff [OPTIONS] {OLD} {NEW}', 'activity --kinds <list[str]>', 'report --names <path>'.
PLACEHOLDER = re.compile(r"<(bool|int|str|float|path|list\[[^\]]*\])>|\{[A-Z_]+\}")


def test_the_command_list_is_complete():
    # 16 commands and 4 history subcommands, plus the top level: 21 help pages. A command
    # added later shows up here (and is then checked below).
    names = {" ".join(words) for words in _commands()}
    assert {"", "analyze", "replies", "report", "graph", "due", "ties", "introduce", "history",
            "history add", "history export", "batch", "diff", "trend"} <= names


@pytest.mark.parametrize("words", _commands(), ids=lambda w: " ".join(w) or "netaudit")
def test_help_has_no_type_placeholders(runner, words):
    result = runner.invoke(app, [*words, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "Usage: netaudit" in result.output
    assert [m.group(0) for m in PLACEHOLDER.finditer(result.output)] == []


def test_the_placeholder_check_can_fail():
    text = "│ --help -h <bool> │ PATH <list[Path]> │ Usage: netaudit due [OPTIONS] {PATH}..."
    assert [m.group(0) for m in PLACEHOLDER.finditer(text)] == ["<bool>", "<list[Path]>",
                                                                "{PATH}"]


def test_required_and_optional_paths_read_as_click_writes_them(runner):
    batch = runner.invoke(app, ["batch", "--help"], env={"COLUMNS": "120"}).output
    analyze = runner.invoke(app, ["analyze", "--help"], env={"COLUMNS": "120"}).output
    assert "Usage: netaudit batch [OPTIONS] PATH..." in batch
    assert "Usage: netaudit analyze [OPTIONS] [PATH]..." in analyze


@pytest.mark.parametrize("words", [["report"], ["analyze"]])
def test_the_output_option_is_dash_o_dash_dash_output(runner, words):
    text = runner.invoke(app, [*words, "--help"], env={"COLUMNS": "120"}).output
    assert re.search(r"--output\s+-o\b", text), text
    assert "--output-file" not in text and re.search(r"--out\b", text) is None


def test_old_output_names_still_work(runner, tmp_path):
    analyze = runner.invoke(app, ["analyze", str(FIXTURE), "--out", str(tmp_path / "a"), "-q"])
    assert analyze.exit_code == 0, analyze.output
    assert (tmp_path / "a" / "top_companies.csv").is_file()


@pytest.mark.parametrize(("words", "name"), [(["graph"], "g.graphml"), (["report"], "r.html"),
                                             (["ties", "--csv"], "ties.csv")])
def test_a_missing_folder_is_not_created_without_mkdir(runner, tmp_path, words, name):
    target = tmp_path / "typo" / "dir" / name
    option = [] if words[0] == "ties" else ["-o"]
    result = runner.invoke(app, [words[0], str(FIXTURE), *option[:1], *words[1:], str(target),
                                 "-q"])
    assert result.exit_code == 2, result.output
    assert (f"error: {target}: the folder {target.parent} does not exist (check the path, "
            "or pass --mkdir to create it)") in result.stderr
    assert not (tmp_path / "typo").exists()
    made = runner.invoke(app, [words[0], str(FIXTURE), *option[:1], *words[1:], str(target),
                               "-q", "--mkdir"])
    assert made.exit_code == 0, made.output
    assert target.is_file()


def test_analyze_output_folder_is_made_but_not_its_parent(runner, tmp_path):
    # -o DIR names the folder to write in: DIR itself is created, a missing parent is not.
    ok = runner.invoke(app, ["analyze", str(FIXTURE), "-o", str(tmp_path / "new"), "-q"])
    assert ok.exit_code == 0, ok.output
    refused = runner.invoke(app, ["analyze", str(FIXTURE), "-o", str(tmp_path / "no" / "new"),
                                  "-q"])
    assert refused.exit_code == 2
    assert not (tmp_path / "no").exists()


def test_already_exists_is_a_usage_error(runner, tmp_path):
    target = tmp_path / "g.csv"
    target.write_text("mine\n", encoding="utf-8")
    result = runner.invoke(app, ["graph", str(FIXTURE), "-o", str(target), "-q"])
    assert result.exit_code == 2
    assert f"error: {target}: already exists (pass --force to overwrite it)" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(("words", "name"), [
    (["graph", "-o"], "g.graphml"), (["ties", "--csv"], "t.csv"), (["due", "--ics"], "d.ics"),
    (["ties", "--export", "vcf"], "p.vcf"), (["recall", "--save"], "s.txt"),
    (["analyze", "-o"], "charts"), (["report", "-o"], "r.pdf"), (["report", "-o"], "slides"),
    (["batch", "-o"], "tables")])
def test_an_output_that_cannot_be_written_fails_before_the_export_is_read(runner, tmp_path,
                                                                           words, name):
    # The export is not one (4 bytes of junk): reading it would fail with exit 1 and "has no
    # header or structure". The output's folder does not exist, and that is said first, with
    # exit 2: a typo in -o fails at once instead of after reading 500,000 messages.
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"junk")
    target = tmp_path / "typo" / name
    result = runner.invoke(app, [words[0], str(broken), *words[1:], str(target), "-q"])
    assert result.exit_code == 2, result.output
    assert (f"error: {target}: the folder {target.parent} does not exist (check the path, "
            "or pass --mkdir to create it)") in result.stderr
    assert "no header or structure" not in result.stderr


@pytest.mark.parametrize(("words", "name"), [
    (["graph", "-o"], "g.graphml"), (["ties", "--csv"], "t.csv"), (["due", "--ics"], "d.ics"),
    (["ties", "--export", "csv"], "p.csv"), (["report", "-o"], "r.html")])
def test_an_existing_output_is_refused_before_the_export_is_read(runner, tmp_path, words, name):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"junk")
    target = tmp_path / name
    target.write_text("mine\n", encoding="utf-8")
    result = runner.invoke(app, [words[0], str(broken), *words[1:], str(target), "-q"])
    assert result.exit_code == 2, result.output
    assert f"error: {target}: already exists (pass --force to overwrite it)" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"
