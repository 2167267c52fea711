"""The keys a flow understands: a character, or a ``Key`` for the keys that are not text.

Reading them from a console (termios on POSIX, msvcrt on Windows) is ``cxo_diag.keys``'
job; a flow is given them one at a time by a ``KeySource``.
"""

from __future__ import annotations

import enum
import unicodedata
from typing import Protocol


class Key(enum.StrEnum):
    """Keys that are not plain characters, as the key reader reports them."""

    ENTER = "<enter>"
    ESCAPE = "<escape>"
    BACKSPACE = "<backspace>"
    INTERRUPT = "<ctrl-c>"
    END_OF_INPUT = "<eof>"
    OTHER = "<other>"


def is_typed_text(key: str) -> bool:
    """A key that adds to a line of text (not a command key or a control character)."""
    return len(key) == 1 and not unicodedata.category(key).startswith("C")


class KeySource(Protocol):
    def read_key(self) -> str: ...
