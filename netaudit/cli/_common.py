"""What every command shares: consoles, error handling, the common options, progress."""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from netaudit import interrupts
from netaudit.encode import Table, json_data, to_data
from netaudit.errors import NetauditError
from netaudit.interrupts import Terminated

if TYPE_CHECKING:
    from rich.console import Console

#: Exit codes, listed in the README.
EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class State:
    debug = False
    quiet = False
    """Set by ``-q/--quiet`` of the running command: warnings are left out too."""
    verbose = False
    """Set by ``-v/--verbose`` of the running command: every file read is listed."""
    anonymize_key_file: Path | None = None
    """``--anonymize-key`` of the running command."""
    anonymize_key: bytes | None = None
    """The pseudonym key of this run: read from that file, else drawn once per run, so that
    every table, file and report of one command numbers people alike."""


state = State()


#: Characters a terminal acts on instead of showing: C0 controls but tab and line feed, DEL,
#: the C1 controls (U+009B is a one-byte CSI on some terminals), the bidirectional overrides,
#: embeddings, isolates and marks (text shown in an order other than its own), and the line
#: and paragraph separators. A name, a cell, a ZIP member or a file name holding ESC could
#: clear the screen, set the window title or plant an OSC 8 link (issue 16).
_TERMINAL_CONTROLS = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x061C,
                      0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
                      0x2028, 0x2029,
                      # Lone surrogates: the bytes of a file name that is not UTF-8 (Python
                      # decodes them so); they cannot be written to a UTF-8 terminal.
                      *range(0xD800, 0xE000)]
_SHOWN = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _TERMINAL_CONTROLS}
_JSON_ESCAPED = {c: f"\\u{c:04x}" for c in _TERMINAL_CONTROLS if c >= 0x7F}
#: The characters of ``_JSON_ESCAPED``, found by one regular-expression scan.
_JSON_ESCAPE = re.compile("[" + "".join(f"\\u{c:04x}" for c in sorted(_JSON_ESCAPED)) + "]")


def escape_json(text: str) -> str:
    r"""``text.translate(_JSON_ESCAPED)``: DEL, the C1 controls, the bidirectional controls,
    the line and paragraph separators and lone surrogates written as their ``\uXXXX``
    escapes. ``str.translate`` looks every character up in the table once its text holds a
    non-ASCII letter: 2.9 s of CPU for the 64 MB of ``ties --json`` on 30,000 connections,
    against 0.2 s for this one scan (issue 17).

    >>> escape_json("Zoë a\u202eb\x85c \ud800!")
    'Zoë a\\u202eb\\u0085c \\ud800!'
    """
    return _JSON_ESCAPE.sub(lambda found: _JSON_ESCAPED[ord(found.group())], text)


def visible(text: str) -> str:
    r"""``text`` with every character a terminal would act on shown as its escape instead.

    >>> visible("Ana\x1b]0;owned\x07 Ruiz \u202eabc\tok\n")
    'Ana\\x1b]0;owned\\x07 Ruiz \\u202eabc\tok\n'
    """
    return text.translate(_SHOWN)


@functools.cache
def _console_class() -> type[Console]:
    """The console class of :func:`out` and :func:`err`, made on first use: rich's import
    (0.03 s of CPU) is paid only by a run that prints through it, not by ``--json -q``."""
    from rich.console import Console
    from rich.segment import Segment

    class _VisibleConsole(Console):
        """A rich Console that shows control characters in the text it prints as escapes
        (:func:`visible`), while its own styling sequences still reach the terminal: the one
        place every table, line, warning, error and progress bar passes through."""

        def print(self, *objects: Any, **options: Any) -> None:
            """Print as rich does, every table first made to fit the terminal without cutting a
            name (:func:`netaudit.render.terminal.fit_table`)."""
            from rich.table import Table

            if not any(isinstance(o, Table) for o in objects):
                return super().print(*objects, **options)
            from netaudit.render.terminal import fit_table

            for item in objects:
                for part in (fit_table(self, item) if isinstance(item, Table) else [item]):
                    super().print(part, **options)
            return None

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(
                segment if segment.control else Segment(visible(segment.text), segment.style)
                for segment in buffer)

    return _VisibleConsole


def out() -> Console:
    """Where results go (stdout)."""
    return _console_class()(soft_wrap=False)


def err() -> Console:
    """Where detection lines, warnings, progress and errors go (stderr)."""
    return _console_class()(stderr=True, soft_wrap=True)


F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def _terminating() -> Iterator[None]:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    # Each signal is recorded too: raised inside a finalizer, its exception would be
    # swallowed and the run would go on (interrupts.check() catches it before a file is put
    # in place, and here at the end).
    stop = interrupts.stop
    numbers = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
               if s is not None]
    # Ctrl-C too, unless it is ignored (a command started in the background by a shell).
    if signal.getsignal(signal.SIGINT) in (signal.default_int_handler, interrupts.stop):
        numbers.append(signal.SIGINT)
    previous = {n: signal.signal(n, stop) for n in numbers}
    previous_hook = sys.unraisablehook

    def quiet_stop(unraisable: Any) -> None:
        # The stop was recorded; Python's "Exception ignored in …" traceback is not shown.
        if not isinstance(unraisable.exc_value, (KeyboardInterrupt, interrupts.Terminated)):
            previous_hook(unraisable)

    sys.unraisablehook = quiet_stop
    try:
        yield
        interrupts.check()
    except Exception:
        # A signal's exception wrapped into another on its way up (raised inside a class
        # body, Python reports "Error calling __set_name__" as a RuntimeError: a SIGTERM
        # during the PDF writer's imports read as an internal error, exit 3): the run was
        # asked to stop, and stops so.
        interrupts.check()
        raise
    finally:
        interrupts.clear()  # the next command run in this process starts afresh
        sys.unraisablehook = previous_hook
        for number, handler in previous.items():
            signal.signal(number, handler)


def handles_errors(func: F) -> F:
    """Turn a NetauditError into one line on stderr and its exit code; any other exception
    into a one-line internal error (exit 3). ``--debug`` shows the traceback instead."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with _terminating():
                result = func(*args, **kwargs)
                # A full disk or /dev/full as stdout shows here, not at exit.
                sys.stdout.flush()
            return result
        except (typer.Exit, typer.Abort):
            raise
        except NetauditError as exc:
            if state.debug:
                raise
            err().print(f"[bold red]error:[/] {_escape(str(exc))}", highlight=False)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err().print("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Terminated as exc:
            err().print(f"terminated ({exc.name})")
            raise typer.Exit(128 + exc.number) from None
        except OSError as exc:
            # A file problem the code did not foresee (a name too long, a disk full, stdout
            # to /dev/full): the file and the system's words, exit 1, as for any input.
            if state.debug:
                raise
            where = exc.filename if exc.filename is not None else "output"
            err().print(f"[bold red]error:[/] {_escape(str(where))}: "
                        f"{_escape(exc.strerror or type(exc).__name__)} (check the path, the "
                        "free space and the permissions)", highlight=False)
            raise typer.Exit(EXIT_INPUT) from None
        except OverflowError as exc:
            # An option value too large for a date or a duration (--as-of 9999-12-31,
            # --window 100000000000): a usage error.
            if state.debug:
                raise
            err().print(f"[bold red]error:[/] a date or number given is out of range "
                        f"({_escape(str(exc))}) (give a date before 9000 and a window of "
                        "fewer days)", highlight=False)
            raise typer.Exit(EXIT_USAGE) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence, shown without traceback
            if state.debug:
                raise
            err().print(
                f"[bold red]internal error:[/] {_escape(type(exc).__name__)}: {_escape(str(exc))} "
                "(this is a bug in netaudit; run again with --debug for the traceback and "
                "report it)",
                highlight=False,
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def print_set_aside(console: Console, counts: dict[str, int]) -> None:
    """One line per kind of row read but set aside (sponsored, system events, …), wrapped at
    the terminal's width like the tables above it (some run to 130 characters)."""
    from netaudit.model import set_aside_lines

    for line in set_aside_lines(counts):
        console.print(line, highlight=False, markup=False)


def print_json(data: Any) -> None:
    """One JSON object on stdout, nothing else there: indented for a person on a terminal,
    on one line when piped or redirected, as ``gh`` does. Python's indenting encoder is pure
    Python: on the 65 MB of ``ties --json`` for 30,000 people it took 3.3 s against 1.2 s.

    A :class:`~netaudit.encode.Table` in ``data`` is written from its JSON pieces, a block
    of rows at a time (a few megabytes, not the whole text at once): the same text
    ``json.dumps`` writes for its list of dicts (issue 17). On a terminal it is indented as
    that list of dicts."""
    indent = 2 if sys.stdout.isatty() else None
    tables: list[Table] = []
    # Where each table goes: a string no data holds (a random part), replaced on writing.
    mark = f"netaudit-table-{os.urandom(8).hex()}-"

    def default(value: Any) -> Any:
        if not isinstance(value, Table):
            return _json_default(value)
        if indent is not None:
            return value.rows()
        tables.append(value)
        return f"{mark}{len(tables) - 1}"

    text = json.dumps(data, indent=indent, ensure_ascii=False, default=default)
    # json escapes C0 controls itself; DEL, C1 and bidirectional controls are escaped here
    # too, so that the text reads back the same and a terminal shows it instead of acting.
    stdout = sys.stdout
    write = stdout.write
    binary = _utf8_bytes(stdout) if tables else None
    for number, table in enumerate(tables):
        before, text = text.split(f'"{mark}{number}"', 1)
        write(escape_json(before))
        if binary is not None:
            # The table's UTF-8 as Arrow put it together, after the text written so far.
            stdout.flush()
            for block in table.json_bytes(escape=escape_json, errors=stdout.errors or "strict"):
                binary.write(block)
            continue
        for piece in table.json_pieces(escape=escape_json):
            write(piece)
    write(escape_json(text) + "\n")


def _utf8_bytes(stream: Any) -> Any:
    """The byte stream under the text stream ``stream`` when it writes UTF-8 (what it would
    write for a text, without translating line breaks: a JSON text holds none), else None."""
    import codecs

    binary = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None)
    try:
        utf8 = encoding is not None and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        utf8 = False
    return binary if utf8 and binary is not None and hasattr(binary, "write") else None


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[Callable[..., None] | None]:
    """A rich progress bar on stderr, handed to the core as the callback
    ``progress(description, done, total)`` (see :mod:`netaudit.audit`).

    What a task counts follows the core's convention: a description that starts with
    ``"reading "`` counts bytes, shown as ``12.0/48.3 MB`` with the time left; any other
    counts steps, shown as ``3 of 12`` with the time spent, or, while ``total`` is None, as a
    pulsing bar (one step of unknown length: "scoring ties"). An optional fourth argument
    ``unit`` ("bytes" or "steps") overrides the convention; three-argument calls stay valid.

    Most readers announce a file (``done`` 0, ``total`` None) and report nothing more: such a
    file is shown as done when the next task starts, since files are read one at a time.
    """
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Amount(ProgressColumn):
        """Bytes for byte tasks; "n of N" for step tasks; nothing while unknown."""

        bytes_done = DownloadColumn()

        def render(self, task: Task) -> Text:
            if task.fields.get("unit") == "bytes":
                if not task.fields.get("sized"):  # a reader that reports no bytes
                    return Text("done" if task.finished else "", style="progress.download")
                return self.bytes_done.render(task)
            if task.total is None:
                return Text("")
            if task.finished and task.total == 1:
                return Text("done", style="progress.download")
            return Text(f"{int(task.completed):,} of {int(task.total):,}",
                        style="progress.download")

    class Time(ProgressColumn):
        """Time left for byte tasks (their rate is steady); time spent for the others."""

        left, spent = TimeRemainingColumn(), TimeElapsedColumn()

        def render(self, task: Task) -> Text:
            return (self.left if task.fields.get("unit") == "bytes" else self.spent).render(task)

    with Progress(
        SpinnerColumn(finished_text="[green]✓[/]"),
        TextColumn("{task.description}"),
        BarColumn(),
        Amount(),
        Time(),
        console=err(),
        transient=True,
        # Each refresh redraws every line while holding the GIL the work needs: 5 a second
        # is lively enough and costs half of rich's default 10.
        refresh_per_second=5,
    ) as progress:
        tasks: dict[str, Any] = {}
        announced: list[Any] = []  # files announced without a size, not finished yet

        def update(description: str, done: int, total: int | None,
                   unit: str | None = None) -> None:
            task_id = tasks.get(description)
            # A new task, or the same file name again (the next team member's export).
            if task_id is None or (total is None and done == 0 and task_id not in announced):
                for announced_id in announced:  # files are read one at a time
                    progress.update(announced_id, total=1, completed=1)
                announced.clear()
                if task_id is not None:
                    progress.remove_task(task_id)
                unit = unit or ("bytes" if description.startswith("reading ") else "steps")
                task_id = tasks[description] = progress.add_task(
                    description, total=total, completed=done, unit=unit,
                    sized=total is not None)
                if unit == "bytes" and total is None:
                    announced.append(task_id)
                return
            if total is not None and task_id in announced:
                announced.remove(task_id)  # the reader reports its bytes after all
                progress.update(task_id, sized=True)
            progress.update(task_id, completed=done, total=total)

        yield update


def parse_map(items: list[str] | None) -> dict[str, str]:
    """``--map "Full Name=name"`` options into a dict."""
    from netaudit.errors import UsageError

    mapping: dict[str, str] = {}
    for item in items or []:
        if "=" not in item:
            raise UsageError(f"--map {item!r} is not COLUMN=field",
                             hint="e.g. --map 'Organisation=company'")
        column, field = item.split("=", 1)
        mapping[column.strip()] = field.strip()
    return mapping


def report_reading(network: Any, quiet: bool, names: Any = None,
                   inputs: list[Path] | None = None) -> None:
    """One line saying what was read (the ``inputs`` given, the rows of each kind, the
    owner), then counted problems, on stderr; ``-v`` lists each file read first, with what
    was detected, and the files of an export netaudit does not use.

    ``names`` (:class:`~netaudit.render.anonymize.Pseudonyms`, with ``--anonymize``) scrubs
    every line of the people in it; the owner is then 'you'."""
    shown: Callable[[str], str] = str
    if names is not None:
        # Paths first (a file name can hold a name; README 'Paths under --anonymize'), then
        # names, e-mails and profile URLs.
        paths = [s.path for s in network.sources] + [p.path for p in network.problems]

        def shown(text: str) -> str:
            return names.scrub(names.paths(text, paths))
    if not quiet:
        from netaudit.render.terminal import owner_how, reading_line

        console = err()
        verbose = state.verbose
        if verbose:
            for source in network.sources:
                console.print(f"[dim]read[/] {_escape(shown(str(source)))}", highlight=False)
            if network.unread:
                count = len(network.unread)
                # An X archive holds 7,500 files netaudit does not use (its viewer and media).
                listed = ", ".join(_member(p) for p in network.unread[:UNREAD_LISTED])
                more = f" and {count - UNREAD_LISTED:,} more" if count > UNREAD_LISTED else ""
                console.print(
                    f"[dim]not read:[/] {count:,} file{'' if count == 1 else 's'} an export "
                    f"holds that netaudit does not use: {_escape(shown(listed))}{more}",
                    highlight=False)
        from netaudit.importers.inputs import shown_path

        given = [shown_path(str(p)) for p in inputs] if inputs else None
        line = _escape(shown(reading_line(network.sources, anonymous=names is not None,
                                          inputs=given,
                                          connections=len(network.connections))))
        if network.owner is not None:
            who = network.owner.name or "unknown"
            if names is not None:
                who = names.person(network.owner.person_id) if network.owner.name else who
            if verbose:
                console.print(f"[dim]owner[/] {_escape(who)} "
                              f"[dim]({_escape(shown(network.owner.how))})[/]",
                              highlight=False)
            # The first reason; all of it when there is no owner (it says to pass --me).
            how = (owner_how(network.owner.how, network.sources) if network.owner.name
                   else network.owner.how)
            line += f"; owner {_escape(who)} [dim]({_escape(shown(how))})[/]"
        # One line, wrapped between words at the terminal's width (issue 15: it was one line
        # of 100-190 characters per file).
        console.print(line.replace("read ", "[dim]read[/] ", 1), highlight=False,
                      soft_wrap=False)
    for problem in network.problems:
        text = str(problem)
        if names is not None:
            # A quoted cell may hold anything (message text in a date column): not shown.
            from netaudit.render.anonymize import hide_quoted

            text = hide_quoted(text)
        warn(shown(text))


#: Files ``-v`` names of those an export holds that netaudit does not use; the rest are
#: counted.
UNREAD_LISTED = 40


def _member(display: str) -> str:
    """A file inside an export by its path in the ZIP or folder (``Jobs/Saved Jobs.csv``)."""
    return display.split(":", 1)[1] if ".zip:" in display.lower() else display


def warn_problems(result: Any) -> None:
    """A warning per line of ``result.problems`` (files the user gave: a names file, a log)."""
    for problem in result.problems:
        warn(problem)


def when_called(module: str, name: str) -> Callable[..., Any]:
    """``module.name``, imported when first called: a renderer or anonymizer that a command
    hands to :meth:`Source.show` costs its imports only when it is used (``--json`` without
    ``--anonymize`` uses neither; issue 17)."""
    from importlib import import_module

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(import_module(module), name)(*args, **kwargs)

    return call


def written_path(path: Any, names: Any = None) -> str:
    """How a file netaudit wrote is named on screen: as given (bytes that are not UTF-8
    escaped), or under ``--anonymize`` by its file name with known names as ``[name]``
    (:meth:`~netaudit.render.anonymize.Pseudonyms.path`). Plain text: escape it before
    printing it with markup."""
    from netaudit.importers.inputs import shown_path

    return names.path(shown_path(str(path))) if names is not None else shown_path(str(path))


def warn(text: str) -> None:
    """A warning line on stderr, unless ``-q/--quiet`` (errors are always shown)."""
    if state.quiet:
        return
    err().print(f"[yellow]warning:[/] {_escape(text)}", highlight=False)


def _remember_quiet(value: bool) -> bool:
    state.quiet = bool(value)
    return value


def _remember_verbose(value: bool) -> bool:
    state.verbose = bool(value)
    return value


def flag(*decls: str, **options: Any) -> Any:
    """A boolean ``--flag`` option. Its help row shows no type column: typer's would be
    ``<bool>``, which reads as if the flag took a value."""
    return typer.Option(*decls, metavar="", **options)


# Options shared by the commands that read data.
Paths = Annotated[
    list[Path],
    typer.Argument(metavar="PATH", help="LinkedIn export ZIP or folder, contacts CSV, vCard, mbox or message CSV; "
                        "several are merged.", show_default=False),
]
#: ``Paths`` for commands that can read a snapshot instead (``--snapshot``).
OptionalPaths = Annotated[
    list[Path] | None,
    typer.Argument(metavar="[PATH]...", help="LinkedIn export ZIP or folder, contacts CSV, "
                   "vCard, mbox or message CSV; several are merged. None with --snapshot.",
                   show_default=False),
]
Snapshot = Annotated[
    str | None,
    typer.Option("--snapshot", metavar="ID|latest",
                 help="Read the network stored by `netaudit history add` (its id, or latest) "
                      "instead of export files; nothing is parsed again."),
]
Db = Annotated[
    Path | None,
    typer.Option("--db", metavar="FILE", envvar="NETAUDIT_DB",
                 help="The history database (default: history.duckdb in your data folder; "
                      "or set NETAUDIT_DB).", show_default=False),
]
Me = Annotated[
    str | None,
    typer.Option("--me", metavar="WHO", help="Your name, profile URL or e-mail, when the data cannot tell."),
]
Format = Annotated[
    str | None,
    typer.Option("--format", metavar="FORMAT",
                 help="Read every input with this importer instead of detecting: linkedin-connections, "
                      "linkedin-messages, linkedin-invitations, linkedin-recommendations, "
                      "linkedin-endorsements, linkedin-profile, vcard, mbox, facebook-friends, "
                      "facebook-messages, facebook-profile, facebook-html, x, telegram, "
                      "whatsapp, message-csv, "
                      "google-contacts, outlook-contacts, contacts-csv."),
]
Map = Annotated[
    list[str] | None,
    typer.Option("--map", metavar="COLUMN=FIELD", help="COLUMN=field for a generic CSV, e.g. 'Organisation=company'. "
                               "Repeatable."),
]
Region = Annotated[
    str | None,
    typer.Option("--region", metavar="CC",
                 help="Country (ISO code, e.g. GB) a phone number written without + is read "
                      "in. Default: your locale's country."),
]
Json = Annotated[bool, flag("--json", help="Print one JSON object on stdout instead.")]
Quiet = Annotated[bool, flag("--quiet", "-q", callback=_remember_quiet,
                                     help="Do not say what was read, nor warnings (errors are "
                                          "still shown).")]
Verbose = Annotated[bool, flag("--verbose", "-v", callback=_remember_verbose,
                               help="List every file read with the form netaudit recognized, "
                                    "and the files of an export it does not use.")]
Anonymize = Annotated[
    bool, flag("--anonymize", help="Show every person as a stable pseudonym "
                                           "('Person 001', the same in every command and "
                                           "report), yourself as 'you'; no names, e-mails, "
                                           "profile URLs or message texts.")
]


def _remember_key(value: Path | None) -> Path | None:
    state.anonymize_key_file = value
    return value


AnonymizeKey = Annotated[
    Path | None,
    typer.Option("--anonymize-key", metavar="FILE", callback=_remember_key,
                 help="With --anonymize, number people with the secret key kept in FILE "
                      "(created, readable by you only, if missing) instead of a new random "
                      "key each run: the same person keeps the same pseudonym across "
                      "commands and reports. Keep FILE private."),
]
AnonymizeCompanies = Annotated[
    bool, flag("--anonymize-companies", help="With --anonymize, also replace "
                                                     "company names ('Company 01').")
]


def check_anonymize(anonymize: bool, companies: bool) -> None:
    """--anonymize-companies or --anonymize-key alone is a usage error (before anything is
    read)."""
    from netaudit.errors import UsageError

    if companies and not anonymize:
        raise UsageError("--anonymize-companies works together with --anonymize",
                         hint="add --anonymize")
    if state.anonymize_key_file is not None and not anonymize:
        raise UsageError("--anonymize-key works together with --anonymize",
                         hint="add --anonymize")


def anonymize_key() -> bytes:
    """This run's pseudonym key (``--anonymize-key`` FILE, else random, drawn once)."""
    if state.anonymize_key is None:
        import secrets

        from netaudit.render.anonymize import KEY_BYTES, key_from_file

        path = state.anonymize_key_file
        state.anonymize_key = (key_from_file(path) if path is not None
                               else secrets.token_bytes(KEY_BYTES))
    return state.anonymize_key


def pseudonyms(people: Any, anonymize: bool, companies: bool, **labels: Any) -> Any:
    """The :class:`~netaudit.render.anonymize.Pseudonyms` of ``people`` when anonymizing
    (under this run's key, so that the same person has the report's pseudonym), else None."""
    if not anonymize:
        return None
    from netaudit.render.anonymize import Pseudonyms

    return Pseudonyms(people, enabled=True, companies=companies, key=anonymize_key(), **labels)


def open_shown(paths: list[Path] | None, me: str | None, fmt: str | None,
               mapping: list[str] | None, quiet: bool, show_progress: bool = True, *,
               anonymize: bool = False, anonymize_companies: bool = False,
               snapshot: str | None = None, db: Path | None = None,
               decisions: Path | None = None, region: str | None = None) -> tuple[Any, Any]:
    """Read the inputs, or the ``snapshot`` of the history ``db`` (with a progress bar) and
    report what was read: the Audit, and the pseudonyms to show people by (None unless
    ``anonymize``); what was read is reported already anonymized."""
    from netaudit.audit import Audit
    from netaudit.errors import UsageError

    if not paths and snapshot is None:
        raise UsageError("no input given", hint="pass an export ZIP, a folder or a file, or "
                         "--snapshot latest to read the history")
    with progress_bar(show_progress and not quiet) as progress:
        from netaudit.history import default_decisions_path

        # The owner's decisions on uncertain joins (netaudit people --review) hold in every run.
        audit = Audit(paths, me=me, fmt=fmt, column_map=parse_map(mapping), progress=progress,
                      snapshot=snapshot, db=db, decisions=decisions or default_decisions_path(),
                      region=region)
        network = audit.network
    if audit.stored is not None and not quiet:
        from netaudit.history import default_path

        stored = audit.stored
        err().print(f"[dim]snapshot[/] {stored.snapshot_id} of {_escape(str(db or default_path()))}"
                    f" [dim](export of {stored.exported_on or 'unknown date'}; "
                    f"{_escape(stored.inputs)})[/]", highlight=False)
    # network.people only when anonymizing: a snapshot reads its tables on first use.
    names = pseudonyms(network.people, anonymize, anonymize_companies) if anonymize else None
    if names is not None:
        names.add_inputs(paths or [])
    # A snapshot's files were read when it was added: only its warnings are repeated.
    report_reading(network, quiet or audit.stored is not None, names, paths)
    return audit, names


def print_shown_json(data: Any, names: Any) -> None:
    """:func:`print_json`, every string scrubbed when anonymizing (the safety net behind the
    per-result anonymizers)."""
    if names is not None:
        from netaudit.render.anonymize import scrub_data

        data = scrub_data(data, names)
    print_json(data)


# Options that turn an audit into action (issue 14), shared by ties, due, introduce, team.
Targets = Annotated[
    Path | None,
    typer.Option("--targets", metavar="FILE",
                 help="Companies or people, one per line (or a CSV with a 'company' column): "
                      "who you know at each, ranked by tie strength, the warmest path when "
                      "nobody there is a live tie, and the targets with nobody."),
]
Export = Annotated[
    tuple[str, Path] | None,
    typer.Option("--export", metavar="vcf|csv FILE",
                 help="Also write the people listed as vCard 4.0 (vcf) or as a CSV with Google "
                      "Contacts' columns (csv), for a contact manager to import."),
]
Force = Annotated[bool, flag("--force", help="Overwrite the output file(s).")]
WithEmail = Annotated[bool, flag("--with-email",
                                 help="With --export, include e-mail addresses when known.")]


def check_exports(anonymize: bool, export: tuple[str, Path] | None, *others: Path | None
                  ) -> Any:
    """The ``--export`` format (checked before reading), or None; files that name people
    for import cannot be anonymized."""
    from netaudit.errors import UsageError

    if anonymize and (export or any(others)):
        raise UsageError("--export and --ics write people's names for a contact manager or a "
                         "calendar; they cannot be anonymized",
                         hint="drop --anonymize, or drop --export/--ics")
    if export is None:
        return None
    from netaudit.render.crm import export_format

    return export_format(export[1], export[0])


def write_export(export: tuple[str, Path], fmt: Any, items: list[dict[str, Any]], people: Any,
                 with_email: bool, force: bool) -> None:
    """Write the ``--export`` file and say so on stderr."""
    from netaudit.render.crm import make_cards, write_cards

    cards = make_cards(items, people, with_email=with_email)
    written = write_cards(cards, export[1], fmt, force=force)
    err().print(f"wrote {_escape(written_path(written))} ({len(cards):,} people, {fmt.value})",
                highlight=False)


MakeFolders = Annotated[bool, flag(
    "--mkdir", help="Create the output's folder if it does not exist (without it, a folder "
                    "that does not exist is an error: a typo is not made into new folders).")]


# -- The shared options, declared once -------------------------------------------------------

#: Each shared option: its parameter name, its annotation (the typer option) and its default.
#: A command names the ones it takes (:data:`READS` for a command that reads one network);
#: they come after its own options, in this order, in ``--help``.
SHARED: dict[str, tuple[Any, Any]] = {
    "me": (Me, None),
    "fmt": (Format, None),
    "mapping": (Map, None),
    "json": (Json, False),
    "quiet": (Quiet, False),
    "verbose": (Verbose, False),
    "anonymize": (Anonymize, False),
    "anonymize_companies": (AnonymizeCompanies, False),
    "anonymize_key": (AnonymizeKey, None),
    "paths": (OptionalPaths, None),
    "snapshot": (Snapshot, None),
    "db": (Db, None),
    "region": (Region, None),
    "mkdir": (MakeFolders, False),
}
#: The options of a command that reads one network: export files or a stored snapshot.
READS = tuple(option for option in SHARED if option != "mkdir")
#: ``READS`` for a command that writes files (-o, --csv, --export, --ics): and ``--mkdir``.
WRITES = (*READS, "mkdir")
#: Of those, the ones that say how a result is shown.
SHOWS = ("json", "quiet", "anonymize", "anonymize_companies", "anonymize_key")
#: What reads export files only (no --snapshot/--db), with required paths.
READS_FILES = ("me", "fmt", "mapping", *SHOWS, "verbose", "paths", "region")


class Source:
    """The shared options of one run of a command (only those the command declares are
    set; the others keep their defaults), and the steps every command shares: :meth:`open`
    the data, :meth:`compute` a result under a progress bar, :meth:`show` it (anonymized,
    as JSON or as a table). :meth:`run` does the three for a command that only shows."""

    def __init__(self, *, me: str | None = None, fmt: str | None = None,
                 mapping: list[str] | None = None, json: bool = False, quiet: bool = False,
                 verbose: bool = False,
                 anonymize: bool = False, anonymize_companies: bool = False,
                 anonymize_key: Path | None = None, paths: list[Path] | None = None,
                 snapshot: str | None = None, db: Path | None = None,
                 region: str | None = None, mkdir: bool = False) -> None:
        self.me, self.fmt, self.mapping = me, fmt, mapping
        self.json, self.quiet, self.verbose = json, quiet, verbose
        self.anonymize, self.anonymize_companies = anonymize, anonymize_companies
        self.anonymize_key = anonymize_key
        self.paths, self.snapshot, self.db = paths, snapshot, db
        self.region = region
        self.mkdir = mkdir
        """``--mkdir``: outputs may create their missing folder (the command runs within
        :func:`netaudit.render.export.making_folders`)."""
        self.audit: Any = None
        """The :class:`~netaudit.audit.Audit`, once :meth:`open` has read the data."""
        self.names: Any = None
        """The pseudonyms people are shown by (None unless ``--anonymize``), once opened."""

    @property
    def silent(self) -> bool:
        """Nothing but the result on the terminal: ``--quiet`` or ``--json``."""
        return self.quiet or self.json

    @property
    def column_map(self) -> dict[str, str]:
        return parse_map(self.mapping)

    def open(self, *, quiet: bool | None = None, decisions: Path | None = None) -> Any:
        """Read the inputs (or the snapshot) with a progress bar and say what was read
        (anonymized): the :class:`~netaudit.audit.Audit`; ``quiet`` (default:
        :attr:`silent`) leaves out the lines saying what was read; ``decisions`` is the file
        of the owner's decisions on uncertain joins (default: the one beside the history)."""
        self.audit, self.names = open_shown(
            self.paths, self.me, self.fmt, self.mapping,
            self.silent if quiet is None else quiet, anonymize=self.anonymize,
            anonymize_companies=self.anonymize_companies, snapshot=self.snapshot, db=self.db,
            decisions=decisions, region=self.region)
        return self.audit

    def compute(self, method: Callable[[Any], R]) -> R:
        """``method(audit)`` under a progress bar (unless :attr:`silent`)."""
        with progress_bar(not self.silent) as progress:
            self.audit.progress = progress
            return method(self.audit)

    def show(self, result: Any, render: Callable[..., None],
             anonymizer: Callable[[Any, Any], Any] | None = None, *,
             before: Callable[[Any], None] | None = None,
             **also: tuple[Any, Callable[..., None] | None, Callable[[Any, Any], Any] | None]
             ) -> Any:
        """The one show step: ``result`` anonymized with ``anonymizer`` when
        ``--anonymize``, then one JSON object on stdout (``--json``) or ``render(console,
        result)``. ``also`` adds results shown after it: ``key=(value, render, anonymizer)``,
        under ``key`` in the JSON (a None value is left out). ``before(shown)`` is done with
        the result as shown before it is printed (write a file from it, warn of its
        problems). Returns ``result`` as shown."""
        parts = [(None, result, render, anonymizer),
                 *((key, *part) for key, part in also.items() if part[0] is not None)]
        shown = [(key, self.hide(value, hide), draw) for key, value, draw, hide in parts]
        if before is not None:
            before(shown[0][1])
        if self.json:
            # Anonymized data is scrubbed string by string: plain data for that.
            data = (json_data if self.names is None else to_data)(shown[0][1])
            data.update({key: to_data(value) for key, value, _ in shown[1:]})
            print_shown_json(data, self.names)
            return shown[0][1]
        console = out()
        for _, value, draw in shown:
            if draw is not None:
                draw(console, value)
        return shown[0][1]

    def hide(self, result: R, anonymizer: Callable[[R, Any], R] | None) -> R:
        """``result`` anonymized with ``anonymizer`` when ``--anonymize``, else itself."""
        if self.names is None or anonymizer is None:
            return result
        with progress_bar(not self.silent) as progress, stage(progress, "anonymizing"):
            return anonymizer(result, self.names)

    def run(self, method: Callable[[Any], Any], render: Callable[..., None],
            anonymizer: Callable[[Any, Any], Any] | None = None) -> None:
        """:meth:`open`, :meth:`compute` ``method``, :meth:`show`: a whole command."""
        self.open()
        self.show(self.compute(method), render, anonymizer)


R = TypeVar("R")


def stage(progress: Any, description: str) -> Any:
    from netaudit.progress import stage as core_stage

    return core_stage(progress, description)
