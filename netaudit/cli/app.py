"""The ``netaudit`` typer app and its global options; each command module registers its
commands on :data:`app` when imported (see :mod:`netaudit.cli`)."""

from __future__ import annotations

import functools
import inspect
import types
import typing
from collections.abc import Callable, Iterable
from typing import Annotated, Any, TypeVar

import typer
import typer.core

from netaudit import __version__
from netaudit.allocator import keep_freed_memory
from netaudit.cli._coerce import install as convert_plain_values
from netaudit.cli._common import (
    READS,
    SHARED,
    Source,
    check_anonymize,
    flag,
    handles_errors,
    state,
)
from netaudit.render.artists import brief_set_docstrings
from netaudit.threads import one_blas_thread

F = TypeVar("F", bound=Callable[..., Any])

def _plain_help_placeholders() -> None:
    """--help without typer's type placeholders (issue 15): typer 0.29 adds a type column
    (``<bool>`` for --help, ``<list[Path]>`` beside PATH, whose name already says it) and
    writes a required argument as ``{PATH}...`` in the usage line. A flag or an argument
    shows no type, another option click's word (PATH, TEXT, INTEGER); the usage reads
    ``PATH...`` (required) or ``[PATH]...`` as click writes it.
    tests/cli/test_help.py checks every command's --help for these placeholders."""
    from typer import core

    def argument_type(self: Any, ctx: Any) -> str | None:
        return None

    def usage_name(self: Any) -> str:
        name = self.display_name_raw
        if not self.required and not name.startswith("["):
            name = f"[{name}]"
        if self.nargs != 1 and not name.endswith("..."):
            name += "..."
        return name

    option_type = core.TyperOption.display_type_rich

    words = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER"}

    def flag_type(self: Any, ctx: Any) -> str | None:
        if self.is_flag:
            return None
        shown = option_type(self, ctx)
        # An option without a metavar: <path> -> PATH, <int> -> INTEGER, <list[str]> -> TEXT.
        if shown and shown.startswith("<") and shown.endswith(">"):
            inner = shown[1:-1].removeprefix("list[").removesuffix("]")
            return words.get(inner, inner.upper())
        return shown

    core.TyperArgument.display_type_rich = argument_type  # type: ignore[method-assign]
    core.TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]
    core.TyperOption.display_type_rich = flag_type  # type: ignore[method-assign]


_plain_help_placeholders()
convert_plain_values()

#: The commands of `netaudit --help`, in the order of README's "Commands" table (from the
#: one-screen audit to many exports at once; tests/cli/test_help_text.py compares the two).
ORDER = ("analyze", "replies", "recall", "recall-study", "activity", "ties", "due", "introduce",
         "team", "graph", "report", "diff", "history", "people", "trend", "batch")


class _InReadmeOrder(typer.core.TyperGroup):
    """The command group listing its commands in :data:`ORDER` (typer lists them in the
    order their modules were imported)."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))


def reflow(doc: str | None) -> str | None:
    r"""A docstring as help: each paragraph on one line, for rich to wrap at the terminal's
    width (typer keeps a docstring's own line breaks after the first paragraph: at 80
    columns 'type one 'Name - profession' per' stood alone on its line).

    >>> reflow("First line\n    goes on.\n\n    Example: netaudit analyze x.zip\n")
    'First line goes on.\n\nExample: netaudit analyze x.zip'
    """
    if doc is None:
        return None
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


app = typer.Typer(
    name="netaudit",
    help="Audit your existing professional network from the data you can download. "
         "Nothing is sent anywhere: your data stays on this machine.",
    no_args_is_help=True,
    cls=_InReadmeOrder,
    # --install-completion / --show-completion (README 'Shell completion').
    add_completion=True,
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
    state.verbose = False


def command(name: str | None = None, *, options: Iterable[str] = READS,
            paths: Any = None, typer_app: Any = None) -> Callable[[F], F]:
    """Register a command on the app, with the shared ``options`` (names of :data:`SHARED`)
    declared once: the function takes one parameter annotated :class:`Source` (which
    receives them) and its own options; ``paths`` replaces the PATH argument's annotation
    (e.g. required paths). Errors are handled as :func:`handles_errors` says.

    >>> @command("two-way")                                        # doctest: +SKIP
    ... def two_way(src: Source, limit: Limit = 15) -> None:
    ...     src.run(lambda audit: audit.two_way(), render_two_way, anonymous_two_way)
    """
    chosen = list(options)

    def decorate(func: F) -> F:
        signature = inspect.signature(func, eval_str=True)
        own = [p for p in signature.parameters.values() if p.annotation is not Source]
        holder = [p.name for p in signature.parameters.values() if p.annotation is Source]
        if len(holder) != 1:
            raise TypeError(f"{func.__name__}: one parameter must be annotated Source")
        shared = [inspect.Parameter(option, inspect.Parameter.KEYWORD_ONLY,
                                    annotation=(paths if option == "paths" and paths is not None
                                                else SHARED[option][0]),
                                    default=(inspect.Parameter.empty
                                             if option == "paths" and paths is not None
                                             and _required(paths) else SHARED[option][1]))
                  for option in chosen]
        # Keyword-only: a required one may follow one with a default.
        params = [*(p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own), *shared]

        @functools.wraps(func)
        def wrapper(**kwargs: Any) -> Any:
            # A command's process reuses the memory it frees (netaudit/allocator.py), starts
            # no idle BLAS thread (threads.py) and defines matplotlib's artists without their
            # long docstrings (render/artists.py).
            keep_freed_memory()
            one_blas_thread()
            brief_set_docstrings()
            src = Source(**{option: kwargs.pop(option) for option in chosen})
            check_anonymize(src.anonymize, src.anonymize_companies)
            from netaudit.render.export import making_folders

            with making_folders(src.mkdir):
                _check_outputs(kwargs)
                return func(**{holder[0]: src}, **kwargs)

        wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        registered = handles_errors(wrapper)
        (typer_app or app).command(name, help=reflow(func.__doc__))(registered)
        return func

    return decorate


#: A command's own options that name a file it writes: checked before anything is read (a
#: missing folder, an existing file without --force), so that a typo fails at once, not after
#: reading a large export (30 s on a 500,000-message one). ``--export`` is (format, FILE).
FILE_OUTPUTS = ("csv", "ics", "export", "save")
#: Options that name a file or a folder (report -o DIR writes PNG slides, analyze -o DIR its
#: charts): only their folder is checked here; the command checks the rest itself.
ANY_OUTPUTS = ("output", "output_file", "out_dir", "out_alias", "old_out")


def _check_outputs(kwargs: dict[str, Any]) -> None:
    """Fail before reading when an output named in ``kwargs`` cannot be written."""
    from pathlib import Path

    from netaudit.render.export import check_folder, check_writable

    for name in (*FILE_OUTPUTS, *ANY_OUTPUTS):
        value = kwargs.get(name)
        path = value[-1] if isinstance(value, tuple) and value else value
        if not isinstance(path, Path):
            continue
        check_folder(path)
        if name in FILE_OUTPUTS:
            check_writable(path, bool(kwargs.get("force", False)))


def _required(annotation: Any) -> bool:
    """Whether an Annotated PATH argument is required (its type does not allow None)."""
    inner = typing.get_args(annotation)[0] if typing.get_origin(annotation) is Annotated \
        else annotation
    return not (isinstance(inner, types.UnionType) and type(None) in typing.get_args(inner))
