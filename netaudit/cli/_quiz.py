"""The recall quiz at the terminal: one entry per line, an optional time limit with a countdown.

Prompts go to stderr so that ``--json`` keeps stdout for the one JSON object. On a real
terminal the line is edited here, in cbreak mode (:func:`read_with_countdown`): Left/Right,
Home/End, Backspace/Delete, Ctrl-A/E/K/U, and Up/Down for the lines typed before (kept in
memory for this quiz only, never written to disk: they hold names); with a time limit the
countdown ticks in the prompt while the person types. Otherwise (a pipe, a file) lines are
read as they come, and the time limit is checked as each line arrives.

Not the standard library's ``readline``: it waits for a key with no timeout, and it blocks
Ctrl-C while it redraws the line, so a Ctrl-C pressed then went to another of the process's
threads (Arrow's readers leave a pool of them) and the quiz hung until the next key (1 run
in 6 of the pseudo-terminal test, under load). This editor wakes at least once a second, so
a Ctrl-C is acted on whichever thread received it.

After each line a running count of what was typed ("3 named, 2 with profession": nothing of
the network is shown). Ctrl-C ends the quiz and keeps the lines finished before it
(``ended_by == 'interrupted'``): the command scores and saves them, then exits 130.
"""

from __future__ import annotations

import os
import re
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
    """'empty line', 'end of input' (Ctrl-D), 'time up' or 'interrupted' (Ctrl-C)."""

    @property
    def can_ask_more(self) -> bool:
        return self.ended_by not in ("end of input", "interrupted")


#: Escape sequences a terminal sends for keys (arrows, Home, Delete, F-keys): CSI and SS3.
#: A line read without an editor carries them as text ('Ana\x1b[D Ruiz'); no name has them.
_KEY_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|O[@-~]|.?)")


def without_keys(text: str) -> str:
    """``text`` without the escape sequences of keys and other control characters.

    >>> without_keys("Ana\x1b[D\x1b[C Ruiz\x1bOH - chef\x07")
    'Ana Ruiz - chef'
    """
    text = _KEY_SEQUENCE.sub("", text)
    return "".join(char for char in text if char == "\t" or char >= " " and char != "\x7f")


def tally(lines: list[tuple[int, str]]) -> str:
    """The running count after a line: distinct names typed and how many have a profession.

    A repeated name counts once (as in the score); nothing is matched against the network.

    >>> tally([(1, "Ana Ruiz - chef"), (2, "Bob Smith"), (3, "ana ruiz")])
    '2 named, 1 with profession'
    """
    from netaudit.userfiles import entries_from_lines

    entries = entries_from_lines(lines, "quiz").entries
    with_profession = sum(1 for entry in entries if entry.profession)
    return f"{len(entries):,} named, {with_profession:,} with profession"


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
    """Ask for entries until an empty line, end of input, the end of ``minutes`` or Ctrl-C
    (the lines finished before it are kept: ``ended_by == 'interrupted'``)."""
    stdin = stdin or sys.stdin
    stderr = stderr or sys.stderr
    stderr.write(wrapped(INTRO))
    deadline = clock() + 60 * minutes if minutes else None
    if minutes:  # the deadline is set
        stderr.write(wrapped(f"Time limit: {countdown_text(60 * minutes)} (minutes:seconds)."))
    stderr.write(wrapped("Ctrl-C stops and keeps the lines typed so far."))
    stderr.flush()
    answers = QuizAnswers()
    terminal = _is_terminal(stdin) and _is_terminal(stderr)
    try:
        if terminal and _has_termios():
            read_with_countdown(stdin.fileno(), stderr, deadline, clock, answers)
        else:
            read_lines(stdin, stderr, deadline, clock, answers)
    except KeyboardInterrupt:
        from netaudit import interrupts

        # Handled here: the answers are kept, scored and saved; the command exits 130 after.
        interrupts.forget(interrupts.signal.SIGINT)
        stderr.write("\n" + wrapped(f"interrupted (Ctrl-C): the {_lines(len(answers.lines))} "
                                     "finished before it are kept (a line not ended with Enter is not "
                                     "counted)"))
        stderr.flush()
        answers.ended_by = "interrupted"
    return answers


def _lines(count: int) -> str:
    return f"{count:,} line" + ("" if count == 1 else "s")


def _show_tally(stderr: IO[str], answers: QuizAnswers) -> None:
    stderr.write(f"  ({tally(answers.lines)})\n")
    stderr.flush()


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def read_lines(stdin: IO[str], stderr: IO[str], deadline: float | None,
               clock: Callable[[], float], answers: QuizAnswers | None = None) -> QuizAnswers:
    """Plain line reading; a line that arrives after the deadline is not counted. Key escape
    sequences typed without an editor are dropped from the line."""
    answers = answers if answers is not None else QuizAnswers()
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
        text = without_keys(line.rstrip("\r\n"))
        if not text.strip():
            answers.ended_by = "empty line"
            return answers
        number += 1
        answers.lines.append((number, text))
        if not _is_terminal(stdin):
            stderr.write("\n")  # nothing echoed the line's end
        _show_tally(stderr, answers)


def _has_termios() -> bool:
    try:
        import termios  # noqa: F401 - not on Windows
        import tty  # noqa: F401
    except ImportError:
        return False
    return True


def read_with_countdown(fd: int, stderr: IO[str], deadline: float | None,
                        clock: Callable[[], float] = time.monotonic,
                        answers: QuizAnswers | None = None) -> QuizAnswers:
    """Read lines from terminal ``fd`` in cbreak mode, the prompt ``> text`` (with a
    ``deadline``: ``[m:ss left] > text``, redrawn every second). Keys: Left/Right, Home/End
    (Ctrl-A/Ctrl-E), Backspace, Delete, Ctrl-U (clear the line), Ctrl-K (clear to the end),
    Up/Down through the lines typed in this quiz (kept in memory only), Ctrl-D; Ctrl-C
    interrupts (the terminal still sends it as a signal). The unfinished line at the deadline
    is not counted."""
    import codecs
    import select
    import shutil
    import termios
    import tty

    answers = answers if answers is not None else QuizAnswers()
    saved = termios.tcgetattr(fd)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    typed: list[str] = []
    cursor = 0
    history: list[str] = []
    back = 0  # how many lines up the history the line shown is (0: the line being typed)
    draft = ""
    escape = ""

    def draw() -> None:
        prompt = "> " if deadline is None else f"[{countdown_text(deadline - clock())} left] > "
        width = max(20, shutil.get_terminal_size().columns - len(prompt) - 1)
        start = max(0, cursor - width)
        shown = "".join(typed[start:start + width]).replace("\t", " ")
        left = len(shown) - (cursor - start)
        stderr.write(f"\r\x1b[K{prompt}{shown}" + (f"\x1b[{left}D" if left else ""))
        stderr.flush()

    def finish(line: str) -> bool:
        """Record a finished line; True when it ends the quiz."""
        stderr.write("\r\x1b[K" + ("> " if deadline is None else "  ") + f"{line}\n")
        if not line.strip():
            answers.ended_by = "empty line"
            return True
        answers.lines.append((len(answers.lines) + 1, line))
        history.append(line)
        _show_tally(stderr, answers)
        return False

    def recall_line(step: int) -> None:
        """Show the line ``step`` places up (+1) or down (-1) the history."""
        nonlocal typed, cursor, back, draft
        wanted = min(max(back + step, 0), len(history))
        if wanted == back:
            return
        if back == 0:
            draft = "".join(typed)
        back = wanted
        typed = list(history[-back] if back else draft)
        cursor = len(typed)

    def key(sequence: str) -> None:
        """Apply an escape sequence (arrow keys and the like); others are ignored."""
        nonlocal cursor
        final = sequence[-1]
        if final == "A":
            recall_line(+1)
        elif final == "B":
            recall_line(-1)
        elif final == "D":
            cursor = max(0, cursor - 1)
        elif final == "C":
            cursor = min(len(typed), cursor + 1)
        elif final == "H" or sequence in ("\x1b[1~", "\x1b[7~"):
            cursor = 0
        elif final == "F" or sequence in ("\x1b[4~", "\x1b[8~"):
            cursor = len(typed)
        elif sequence == "\x1b[3~" and cursor < len(typed):
            del typed[cursor]

    # TCSANOW, not the default TCSAFLUSH: what was typed while the network loaded is kept.
    tty.setcbreak(fd, termios.TCSANOW)
    redraw = True
    try:
        while True:
            if deadline is None:
                # No countdown to tick: the timeout only lets a Ctrl-C that reached another
                # thread be acted on (Python runs signal handlers between bytecodes).
                wait = 0.25
            else:
                left = deadline - clock()
                if left <= 0:
                    unfinished = " (the unfinished line was not counted)" if typed else ""
                    stderr.write(f"\r\x1b[K\ntime is up{unfinished}\n")
                    answers.ended_by = "time up"
                    return answers
                # Wake at the next whole second so the countdown ticks evenly.
                wait = min(left, (left % 1.0) or 1.0)
            if deadline is not None or redraw:
                draw()
                redraw = False
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                continue
            redraw = True
            data = os.read(fd, 1024)
            if not data:
                answers.ended_by = "end of input"
                stderr.write("\n")
                return answers
            for char in decoder.decode(data):
                if escape:
                    # An escape sequence: ESC [ ... final letter or ~, or ESC O letter.
                    escape += char
                    if len(escape) == 2 and char not in "[O":
                        escape = ""  # Alt with a key: ignored
                    elif len(escape) > 2 and (escape[1] == "O" or char.isalpha()
                                              or char == "~"):
                        key(escape)
                        escape = ""
                    continue
                if char == "\x1b":
                    escape = char
                elif char in "\r\n":
                    line, typed, cursor, back = "".join(typed), [], 0, 0
                    if finish(line):
                        return answers
                elif char == "\x04":
                    if typed:
                        finish("".join(typed))
                    answers.ended_by = "end of input"
                    stderr.write("\n")
                    return answers
                elif char in "\x7f\x08":
                    if cursor:
                        cursor -= 1
                        del typed[cursor]
                elif char == "\x15":
                    typed, cursor = [], 0
                elif char == "\x0b":
                    del typed[cursor:]
                elif char == "\x01":
                    cursor = 0
                elif char == "\x05":
                    cursor = len(typed)
                elif char == "\t" or char >= " ":
                    typed.insert(cursor, char)
                    cursor += 1
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


YES, NO = ("y", "yes"), ("n", "no")


def _answer(stdin: IO[str]) -> str:
    """One line of ``stdin``; on a terminal, waited for in steps of a quarter second, so that
    a Ctrl-C the kernel handed to another thread is acted on (see the module's docstring):
    a terminal in line mode is readable only once a whole line is typed."""
    if _is_terminal(stdin):
        import select

        while not select.select([stdin], [], [], 0.25)[0]:
            pass
    return stdin.readline()


def ask_recognition(names: list[str], *, stdin: IO[str] | None = None,
                    stderr: IO[str] | None = None) -> int | None:
    """Ask "do you know …?" for each name, a yes/no question: y, yes, n or no in any case;
    anything else (an empty line too) asks again. The number answered yes; None if input ended
    before the last answer. Ctrl-C is not caught here."""
    stdin = stdin or sys.stdin
    stderr = stderr or sys.stderr
    stderr.write("\n" + wrapped("Recognition pass: research finds free recall misses about 20% "
                                "of the people one knows. Do you know these connections you "
                                "exchanged messages with? Answer y or n."))
    known = 0
    for name in names:
        question = wrapped(f"{name}? [y/n]", indent="  ").rstrip("\n") + " "
        while True:
            stderr.write(question)
            stderr.flush()
            answer = _answer(stdin)
            if not answer:
                stderr.write("\n")
                return None
            word = without_keys(answer).strip().lower()
            if word in YES or word in NO:
                break
            question = "  please answer y or n: "
        known += word in YES
    return known
