"""The shared options are declared once (``@command`` in cli/app.py, ``Source`` in
cli/_common.py): a command names the ones it takes and receives them as one Source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer.main import get_command

from netaudit.cli import app
from netaudit.cli._common import READS, Source
from netaudit.cli.app import command

#: The twelve options of a command that reads one network, as the user types them (PATH
#: aside).
SHARED_FLAGS = {"--me", "--format", "--map", "--json", "--quiet", "--anonymize",
                "--anonymize-companies", "--anonymize-key", "--snapshot", "--db", "--region",
                "--verbose"}


def _options(name: str) -> dict[str, Any]:
    found = get_command(app).commands[name]  # type: ignore[attr-defined]
    return {decl: p for p in found.params for decl in p.opts if decl.startswith("--")}


def test_every_command_reading_one_network_takes_the_same_shared_options():
    helps = {}
    for name in ("analyze", "replies", "recall", "activity", "ties", "introduce", "graph",
                 "report"):
        options = _options(name)
        assert SHARED_FLAGS <= set(options), name
        for flag in SHARED_FLAGS:
            helps.setdefault(flag, set()).add(options[flag].help)
    # One declaration: one help text per option across the eight commands.
    assert all(len(texts) == 1 for texts in helps.values())


def _new_app(seen: list[Source]) -> typer.Typer:
    """A command written as docs/design.md says: one parameter annotated Source and its own
    options; nothing else."""
    fresh = typer.Typer()

    @command("two-way", typer_app=fresh)
    def two_way(src: Source, limit: int = 15) -> None:
        seen.append(src)
        print(f"limit {limit}")

    @command("other", typer_app=fresh)  # a second command, so that 'two-way' is a subcommand
    def other(src: Source) -> None:
        pass

    return fresh


def test_a_new_command_gets_the_shared_options_as_one_source(runner):
    seen: list[Source] = []
    result = runner.invoke(_new_app(seen), ["two-way", "export.zip", "more.csv", "--me",
                                            "Ana Ruiz", "--json", "--map", "Org=company",
                                            "--limit", "3", "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "limit 3\n"
    [src] = seen
    assert src.paths == [Path("export.zip"), Path("more.csv")]
    assert (src.me, src.json, src.quiet, src.silent) == ("Ana Ruiz", True, True, True)
    assert src.column_map == {"Org": "company"}
    assert (src.anonymize, src.snapshot, src.db) == (False, None, None)


def test_a_new_command_has_every_shared_option_in_its_help(runner):
    result = runner.invoke(_new_app([]), ["two-way", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert all(flag in result.stdout for flag in [*SHARED_FLAGS, "--limit", "PATH"])
    assert len(READS) == 13


def test_anonymize_companies_alone_is_refused_before_the_command_runs(runner):
    seen: list[Source] = []
    result = runner.invoke(_new_app(seen), ["two-way", "x.zip", "--anonymize-companies"])
    assert result.exit_code == 2
    assert "--anonymize-companies works together with --anonymize" in result.stderr
    assert seen == []


def test_a_command_takes_only_the_shared_options_it_names(runner):
    # recall-study reads a study file, not one network: no --me, --snapshot, --db, --map.
    options = set(_options("recall-study"))
    assert options & SHARED_FLAGS == {"--json", "--quiet", "--anonymize",
                                      "--anonymize-companies", "--anonymize-key"}
