"""Single keys from a terminal, with the terminal always restored afterwards.

``TerminalKeys`` puts the terminal in cbreak mode (keys arrive one by one, not echoed;
Ctrl-C still raises KeyboardInterrupt) and gives each key as a character or an
``interview.Key``. Escape sequences (arrow keys, function keys) are read whole and
reported as ``Key.OTHER`` so their bytes never turn into answers.
"""

from __future__ import annotations

import codecs
import os
import select
import sys
import termios
import tty
from types import TracebackType
from typing import Any, TextIO

from cxo_diag.errors import NoTerminal
from cxo_diag.interview import Key

CLEAR_SCREEN = "\x1b[H\x1b[2J\x1b[3J"
_ESCAPE_WAIT_SECONDS = 0.05
_SPECIAL_BYTES = {
    "\r": Key.ENTER,
    "\n": Key.ENTER,
    "\x7f": Key.BACKSPACE,
    "\x08": Key.BACKSPACE,
    "\x03": Key.INTERRUPT,
    "\x04": Key.END_OF_INPUT,
}


def has_terminal(stdin: TextIO | None = None, stdout: TextIO | None = None) -> bool:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    return bool(stdin and stdin.isatty() and stdout and stdout.isatty())


def require_terminal(command: str, instead: str) -> None:
    """Refuse an interactive command without a terminal, naming the way without one."""
    if not has_terminal():
        raise NoTerminal(f"{command} needs a terminal to ask its questions; {instead}")


class TerminalKeys:
    """A context manager that reads single keys from a terminal file descriptor."""

    def __init__(self, fd: int | None = None) -> None:
        self.fd = sys.stdin.fileno() if fd is None else fd
        self._saved: list[Any] | None = None
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending: list[str] = []

    def __enter__(self) -> TerminalKeys:
        self._saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd, termios.TCSANOW)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.restore()

    def restore(self) -> None:
        if self._saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
            self._saved = None

    def _byte(self) -> bytes:
        return os.read(self.fd, 1)

    def _ready(self) -> bool:
        readable, _, _ = select.select([self.fd], [], [], _ESCAPE_WAIT_SECONDS)
        return bool(readable)

    def read_key(self) -> str:
        """The next key: one character, or a Key for Enter, Escape, Backspace, Ctrl-C/D."""
        while not self._pending:
            byte = self._byte()
            if not byte:
                return Key.END_OF_INPUT
            if byte == b"\x1b":
                self._decoder.reset()  # a character cut short is dropped, not glued to a key
                return self._escape()
            # Nothing while in the middle of a multi-byte character; a broken one decodes as
            # U+FFFD together with the next character: each is a key of its own.
            self._pending.extend(self._decoder.decode(byte))
        text = self._pending.pop(0)
        return _SPECIAL_BYTES.get(text, text)

    def _escape(self) -> str:
        """A lone Escape, or a whole escape sequence (reported as OTHER, never as text)."""
        if not self._ready():
            return Key.ESCAPE
        second = self._byte()
        if second not in (b"[", b"O"):
            return Key.OTHER
        while self._ready():
            final = self._byte()
            if not final or 0x40 <= final[0] <= 0x7E:
                break
        return Key.OTHER


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
