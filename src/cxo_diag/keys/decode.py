"""Key decoding, apart from any console: fed the bytes or characters a console delivers.

Each decoder pulls from a ``read`` function and asks ``ready`` whether more input is already
waiting (an escape sequence arrives at once; a lone Escape key has nothing behind it). So
the unit tests replay recorded sequences from real consoles, for both platforms.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

from cxo_diag.interview.keys import Key

#: Control characters that are keys, on both platforms.
_CONTROL_KEYS = {
    "\r": Key.ENTER,
    "\n": Key.ENTER,
    "\x7f": Key.BACKSPACE,
    "\x08": Key.BACKSPACE,
    "\x03": Key.INTERRUPT,
    "\x04": Key.END_OF_INPUT,
}
#: Windows: Ctrl-Z is the console's end of input, as Ctrl-D is a terminal's.
_WINDOWS_CONTROL_KEYS = {**_CONTROL_KEYS, "\x1a": Key.END_OF_INPUT}
#: Windows: msvcrt.getwch() gives one of these, then a scan code, for a key that is not text
#: (arrows, F1..F12, Home, Insert, Delete, ...).
_WINDOWS_PREFIXES = ("\x00", "\xe0")


class PosixDecoder:
    """Keys from a terminal's bytes: UTF-8 text, control keys and ANSI escape sequences."""

    def __init__(self, read: Callable[[], bytes], ready: Callable[[], bool]) -> None:
        self._read = read
        self._ready = ready
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending: list[str] = []

    def read_key(self) -> str:
        while not self._pending:
            byte = self._read()
            if not byte:
                return Key.END_OF_INPUT
            if byte == b"\x1b":
                self._decoder.reset()  # a character cut short is dropped, not glued to a key
                return self._escape()
            # Nothing while in the middle of a multi-byte character; a broken one decodes as
            # U+FFFD together with the next character: each is a key of its own.
            self._pending.extend(self._decoder.decode(byte))
        text = self._pending.pop(0)
        return _CONTROL_KEYS.get(text, text)

    def _escape(self) -> str:
        """A lone Escape, or a whole escape sequence (reported as OTHER, never as text)."""
        if not self._ready():
            return Key.ESCAPE
        second = self._read()
        if second not in (b"[", b"O"):
            return Key.OTHER  # Alt+key: ESC then the key; neither is an answer
        while self._ready():
            final = self._read()
            if not final or 0x40 <= final[0] <= 0x7E:
                break
        return Key.OTHER


class WindowsDecoder:
    """Keys from msvcrt.getwch(): UTF-16 code units, and two-unit codes for special keys."""

    def __init__(self, read: Callable[[], str], ready: Callable[[], bool]) -> None:
        self._read = read
        self._ready = ready

    def read_key(self) -> str:
        char = self._read()
        if not char:
            return Key.END_OF_INPUT
        if char in _WINDOWS_PREFIXES:
            self._read()  # the scan code: an arrow or a function key, never an answer
            return Key.OTHER
        if char == "\x1b":
            return self._escape()
        if "\ud800" <= char <= "\udbff":  # a character beyond the BMP comes in two halves
            low = self._read() if self._ready() else ""
            if "\udc00" <= low <= "\udfff":
                return (char + low).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
            return "\ufffd"
        if "\udc00" <= char <= "\udfff":
            return "\ufffd"  # a lone second half
        return _WINDOWS_CONTROL_KEYS.get(char, char)

    def _escape(self) -> str:
        """Escape; or, when the console sends VT sequences (Windows Terminal), the whole
        sequence as OTHER, as on POSIX."""
        if not self._ready():
            return Key.ESCAPE
        second = self._read()
        if second not in ("[", "O"):
            return Key.OTHER
        while self._ready():
            final = self._read()
            if not final or "\x40" <= final <= "\x7e":
                break
        return Key.OTHER
