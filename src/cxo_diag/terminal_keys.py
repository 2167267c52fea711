"""The console around an interactive flow: is there a terminal, show a screen, ask a line.

Single keys come from ``cxo_diag.keys`` (termios on POSIX, msvcrt on Windows);
``TerminalKeys`` is re-exported here for the callers that read them.
"""

from __future__ import annotations

import sys
from typing import TextIO

from cxo_diag.errors import NoTerminal
from cxo_diag.keys import TerminalKeys

__all__ = ["CLEAR_SCREEN", "TerminalKeys", "ask_line", "confirm", "has_terminal", "show_screen"]

CLEAR_SCREEN = "\x1b[H\x1b[2J\x1b[3J"


def has_terminal(stdin: TextIO | None = None, stdout: TextIO | None = None) -> bool:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    return bool(stdin and stdin.isatty() and stdout and stdout.isatty())


def require_terminal(command: str, instead: str) -> None:
    """Refuse an interactive command without a terminal, naming the way without one."""
    if not has_terminal():
        raise NoTerminal(f"{command} needs a terminal to ask its questions; {instead}")


def show_screen(text: str, stream: TextIO | None = None) -> None:
    """Replace what is on the terminal with one screen."""
    out = stream or sys.stdout
    out.write(CLEAR_SCREEN + text)
    out.flush()


def ask_line(prompt: str, *, cancelled: str, stream: TextIO | None = None) -> str:
    """One line typed on the terminal (its echo and line editing are the terminal's own).

    Ctrl-C or Ctrl-D (end of input) raise Interrupted with ``cancelled``: the caller's
    one line saying what did not happen, and exit code 130 like every other Ctrl-C.
    """
    from cxo_diag.errors import Interrupted

    out = stream or sys.stdout
    out.write(prompt)
    out.flush()
    try:
        line = sys.stdin.readline()
    except KeyboardInterrupt:
        line = ""
    if not line:  # Ctrl-D, or Ctrl-C above: end the prompt's line before the error line
        out.write("\n")
        out.flush()
        raise Interrupted(cancelled)
    return line.rstrip("\r\n")


def confirm(question: str, *, cancelled: str, stream: TextIO | None = None) -> bool:
    """Ask a yes/no question; No unless y or yes is typed. Anything else asks again."""
    out = stream or sys.stdout
    while True:
        typed = ask_line(f"{question} [y/N]: ", cancelled=cancelled, stream=out).strip().lower()
        if typed in ("y", "yes"):
            return True
        if typed in ("", "n", "no"):
            return False
        out.write("Please type y (yes) or n (no); Enter means no.\n")
        out.flush()
