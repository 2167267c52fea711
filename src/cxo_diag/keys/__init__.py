"""Single keys from the console, on POSIX terminals (termios) and Windows consoles (msvcrt).

``decode`` turns what a console delivers (bytes on POSIX, UTF-16 characters from msvcrt on
Windows) into keys: one character, or an ``interview.Key`` for Enter, Escape, Backspace,
Ctrl-C, end of input and the keys that are not text (arrows, function keys), whose codes
never turn into answers. ``posix`` and ``windows`` put the console in single-key mode and
always restore it. ``TerminalKeys`` is the reader for this platform.
"""

from __future__ import annotations

import sys

if sys.platform == "win32":
    from cxo_diag.keys.windows import WindowsKeys as TerminalKeys
else:
    from cxo_diag.keys.posix import PosixKeys as TerminalKeys

__all__ = ["TerminalKeys"]
