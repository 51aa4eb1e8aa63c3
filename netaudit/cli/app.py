"""The ``netaudit`` typer app and its global options; each command module registers its
commands on :data:`app` when imported (see :mod:`netaudit.cli`)."""

from __future__ import annotations

from typing import Annotated

import typer

from netaudit import __version__
from netaudit.cli._common import flag, state

app = typer.Typer(
    name="netaudit",
    help="Audit your existing professional network from the data you can download. "
         "Nothing is sent anywhere: your data stays on this machine.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netaudit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[bool, flag("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool, flag("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    state.debug = debug
    # A fresh run: no key or key file left from a previous command in this process.
    state.anonymize_key = state.anonymize_key_file = None
