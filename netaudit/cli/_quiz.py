"""The recall quiz at the terminal: one entry per line, an optional time limit with a countdown.

Prompts go to stderr so that ``--json`` keeps stdout for the one JSON object. With a time limit
on a real terminal, the line is edited here (cbreak mode) so that the countdown can tick in the
prompt while the person types; otherwise lines are read as the terminal or pipe gives them and
the time limit is checked as each line arrives.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

INTRO = (
    "Name as many of your connections as you can, without looking: one per line, "
    "'Name - profession' (the profession may be left out). An empty line or Ctrl-D ends."
)


@dataclass
class QuizAnswers:
    """The lines typed, numbered from 1, and how the quiz ended."""

    lines: list[tuple[int, str]] = field(default_factory=list)
    ended_by: str = "empty line"
    """'empty line', 'end of input' (Ctrl-D) or 'time up'."""

    @property
    def can_ask_more(self) -> bool:
        return self.ended_by != "end of input"


def wrapped(text: str, indent: str = "") -> str:
    """``text`` word-wrapped to the terminal's width (80 columns when it cannot be told),
    one paragraph per line of ``text``, ending with a newline; ``indent`` before the first
    line of each paragraph, twice that before the others.

    >>> import os; os.environ["COLUMNS"] = "30"
    >>> print(wrapped("Name as many of your connections as you can, without looking."), end="")
    Name as many of your
    connections as you can,
    without looking.
    >>> del os.environ["COLUMNS"]
    """
    import shutil
    import textwrap

    # One column short of the edge: some terminals wrap early when the last column is written.
    width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
    return "".join(textwrap.fill(line, width, break_on_hyphens=False, initial_indent=indent,
                                 subsequent_indent=indent * 2) + "\n"
                   for line in text.splitlines())


def countdown_text(seconds_left: float) -> str:
    """``'4:05'`` for 245 seconds; never negative.

    >>> countdown_text(245.2), countdown_text(-3)
    ('4:06', '0:00')
    """
    import math

    whole = max(0, math.ceil(seconds_left))
    return f"{whole // 60}:{whole % 60:02d}"


def run_quiz(minutes: float | None, *, stdin: IO[str] | None = None,
             stderr: IO[str] | None = None,
             clock: Callable[[], float] = time.monotonic) -> QuizAnswers:
    """Ask for entries until an empty line, end of input or the end of ``minutes``."""
    stdin = stdin or sys.stdin
    stderr = stderr or sys.stderr
    stderr.write(wrapped(INTRO))
    deadline = clock() + 60 * minutes if minutes else None
    if minutes:  # the deadline is set
        stderr.write(wrapped(f"Time limit: {countdown_text(60 * minutes)} (minutes:seconds)."))
    stderr.flush()
    if deadline is not None and _is_terminal(stdin) and _is_terminal(stderr):
        return read_with_countdown(stdin.fileno(), stderr, deadline, clock)
    return read_lines(stdin, stderr, deadline, clock)


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def read_lines(stdin: IO[str], stderr: IO[str], deadline: float | None,
               clock: Callable[[], float]) -> QuizAnswers:
    """Plain line reading; a line that arrives after the deadline is not counted."""
    answers = QuizAnswers()
    number = 0
    while True:
        left = f"[{countdown_text(deadline - clock())} left] " if deadline is not None else ""
        stderr.write(f"{left}> ")
        stderr.flush()
        line = stdin.readline()
        if deadline is not None and clock() > deadline:
            stderr.write("\n" + wrapped("time is up; that last line came too late and was not "
                                        "counted"))
            answers.ended_by = "time up"
            return answers
        if not line:
            stderr.write("\n")
            answers.ended_by = "end of input"
            return answers
        text = line.rstrip("\r\n")
        if not text.strip():
            answers.ended_by = "empty line"
            return answers
        number += 1
        answers.lines.append((number, text))


def read_with_countdown(fd: int, stderr: IO[str], deadline: float,
                        clock: Callable[[], float]) -> QuizAnswers:
    """Read lines from terminal ``fd`` in cbreak mode, redrawing ``[m:ss left] > text`` every
    second. Backspace, Ctrl-U (clear the line) and Ctrl-D work; arrow keys are ignored; Ctrl-C
    still interrupts. The unfinished line at the deadline is not counted."""
    import codecs
    import os
    import select
    import shutil
    import termios
    import tty

    answers = QuizAnswers()
    saved = termios.tcgetattr(fd)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    typed: list[str] = []
    escape = ""

    def draw() -> None:
        prompt = f"[{countdown_text(deadline - clock())} left] > "
        width = max(20, shutil.get_terminal_size().columns - len(prompt) - 1)
        shown = "".join(typed).replace("\t", " ")[-width:]
        stderr.write(f"\r\x1b[K{prompt}{shown}")
        stderr.flush()

    def finish(line: str) -> bool:
        """Record a finished line; True when it ends the quiz."""
        stderr.write("\r\x1b[K" + f"  {line}\n")
        if not line.strip():
            answers.ended_by = "empty line"
            return True
        answers.lines.append((len(answers.lines) + 1, line))
        return False

    # TCSANOW, not the default TCSAFLUSH: what was typed while the network loaded is kept.
    tty.setcbreak(fd, termios.TCSANOW)
    try:
        while True:
            left = deadline - clock()
            if left <= 0:
                unfinished = " (the unfinished line was not counted)" if typed else ""
                stderr.write(f"\r\x1b[K\ntime is up{unfinished}\n")
                answers.ended_by = "time up"
                return answers
            draw()
            # Wake at the next whole second so the countdown ticks evenly.
            ready, _, _ = select.select([fd], [], [], min(left, (left % 1.0) or 1.0))
            if not ready:
                continue
            data = os.read(fd, 1024)
            if not data:
                answers.ended_by = "end of input"
                stderr.write("\n")
                return answers
            for char in decoder.decode(data):
                if escape:
                    # Skip an escape sequence (arrow keys): ESC [ ... final letter or ~.
                    escape += char
                    if len(escape) > 1 and (char.isalpha() or char == "~"):
                        escape = ""
                    continue
                if char == "\x1b":
                    escape = char
                elif char in "\r\n":
                    line, typed = "".join(typed), []
                    if finish(line):
                        return answers
                elif char == "\x04":
                    if typed:
                        finish("".join(typed))
                    answers.ended_by = "end of input"
                    stderr.write("\n")
                    return answers
                elif char in "\x7f\x08":
                    if typed:
                        typed.pop()
                elif char == "\x15":
                    typed = []
                elif char == "\t" or char >= " ":
                    typed.append(char)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def ask_recognition(names: list[str], *, stdin: IO[str] | None = None,
                    stderr: IO[str] | None = None) -> int | None:
    """Ask "do you know …?" for each name; the number answered yes (None if input ended)."""
    stdin = stdin or sys.stdin
    stderr = stderr or sys.stderr
    stderr.write("\n" + wrapped("Recognition pass: research finds free recall misses about 20% "
                                "of the people one knows. Do you know these connections you "
                                "exchanged messages with?"))
    known = 0
    for name in names:
        stderr.write(wrapped(f"{name}? [y/N]", indent="  ").rstrip("\n") + " ")
        stderr.flush()
        answer = stdin.readline()
        if not answer:
            stderr.write("\n")
            return None
        if answer.strip().lower() in ("y", "yes"):
            known += 1
    return known
