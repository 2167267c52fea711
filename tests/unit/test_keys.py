"""Key decoding on both platforms, replayed from byte sequences recorded on real consoles.

KD001 POSIX (xterm, GNOME Terminal, the Linux console): text, control keys, and escape
      sequences for arrows and function keys, which never become answers.
KD002 Windows (msvcrt.getwch in conhost and Windows Terminal): text, control keys, the
      two-unit codes of special keys, and characters beyond the BMP in two halves.
KD003 On Windows the key reader never imports termios.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from cxo_diag.interview.keys import Key
from cxo_diag.keys.decode import PosixDecoder, WindowsDecoder


def posix_keys(recorded: bytes, count: int) -> list[str]:
    """Replay ``recorded`` as a terminal delivers it: everything typed so far is waiting."""
    pending = [recorded[i : i + 1] for i in range(len(recorded))]
    decoder = PosixDecoder(lambda: pending.pop(0) if pending else b"", lambda: bool(pending))
    return [decoder.read_key() for _ in range(count)]


def windows_keys(recorded: str, count: int) -> list[str]:
    pending = list(recorded)
    decoder = WindowsDecoder(lambda: pending.pop(0) if pending else "", lambda: bool(pending))
    return [decoder.read_key() for _ in range(count)]


@pytest.mark.parametrize(
    ("recorded", "keys"),
    [
        (b"3", ["3"]),
        (b"\r", [Key.ENTER]),  # Enter in cbreak mode
        (b"\x7f", [Key.BACKSPACE]),  # Backspace (xterm, GNOME)
        (b"\x08", [Key.BACKSPACE]),  # Ctrl-H
        (b"\x03", [Key.INTERRUPT]),
        (b"\x04", [Key.END_OF_INPUT]),
        (b"\x1b", [Key.ESCAPE]),  # Escape alone: nothing behind it
        (b"\x1b[A5", [Key.OTHER, "5"]),  # arrow up, then an answer
        (b"\x1bOP4", [Key.OTHER, "4"]),  # F1 (SS3)
        (b"\x1b[15~2", [Key.OTHER, "2"]),  # F5
        (b"\x1b[3~n", [Key.OTHER, "n"]),  # Delete
        (b"\x1b[1;5C1", [Key.OTHER, "1"]),  # Ctrl+Right
        (b"\x1bx", [Key.OTHER]),  # Alt+x
        ("é?".encode(), ["é", "?"]),
        ("😀".encode(), ["😀"]),
        (b"\xc35", ["\ufffd", "5"]),  # a character cut short, then 5
        (b"", [Key.END_OF_INPUT]),
    ],
)
def test_kd001_posix_sequences_decode_to_keys(recorded: bytes, keys: list[str]) -> None:
    assert posix_keys(recorded, len(keys)) == keys


@pytest.mark.parametrize(
    ("recorded", "keys"),
    [
        ("3", ["3"]),
        ("\r", [Key.ENTER]),
        ("\x08", [Key.BACKSPACE]),
        ("\x03", [Key.INTERRUPT]),
        ("\x1a", [Key.END_OF_INPUT]),  # Ctrl-Z
        ("\x1b", [Key.ESCAPE]),
        ("\xe0H5", [Key.OTHER, "5"]),  # arrow up, then an answer
        ("\xe0P\xe0K\xe0M", [Key.OTHER] * 3),  # down, left, right
        ("\x00;4", [Key.OTHER, "4"]),  # F1
        ("\xe0\x86n", [Key.OTHER, "n"]),  # F12
        ("\xe0S", [Key.OTHER]),  # Delete
        ("\x003", [Key.OTHER]),  # Alt+N's code is not the digit 3
        ("\x1b[A2", [Key.OTHER, "2"]),  # Windows Terminal with VT input
        ("é?", ["é", "?"]),
        ("\ud83d\ude00s", ["😀", "s"]),  # U+1F600 as two UTF-16 halves
        ("\ude00", ["\ufffd"]),
        ("", [Key.END_OF_INPUT]),
    ],
)
def test_kd002_windows_sequences_decode_to_keys(recorded: str, keys: list[str]) -> None:
    assert windows_keys(recorded, len(keys)) == keys


def test_kd003_the_windows_reader_is_chosen_without_termios() -> None:
    script = (
        "import sys; import cxo_diag.interview.screens\n"  # its libraries load as anywhere
        "sys.platform = 'win32'; sys.modules['termios'] = None\n"
        "from cxo_diag.terminal_keys import TerminalKeys\n"
        "print(TerminalKeys.__name__, 'termios' in sys.modules and sys.modules['termios'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["WindowsKeys", "None"]
