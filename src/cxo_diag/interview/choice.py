"""A one-key choice among a few options (the bank, the role), as a pure state machine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cxo_diag.interview.keys import Key


@dataclass
class ChoiceFlow:
    """Pick one of a few options by its number (assess asks for the role this way)."""

    title: str
    options: Sequence[str]
    chosen: int | None = None
    cancelled: bool = False
    interrupted: bool = False
    pending: str = ""
    message: str = ""

    @property
    def active(self) -> bool:
        return self.chosen is None and not self.cancelled

    def press(self, key: str) -> None:
        self.message = ""
        if key in (Key.INTERRUPT, Key.END_OF_INPUT) or key.lower() == "q":
            self.cancelled = True
            self.interrupted = key == Key.INTERRUPT  # Ctrl-C, not a chosen way out
            return
        numbers = [str(i) for i in range(1, len(self.options) + 1)]
        if key == Key.ENTER and self.pending in numbers:
            self.chosen = int(self.pending) - 1
            return
        if not (len(key) == 1 and key.isdigit()):
            self.pending = ""
            self.message = f"press 1..{len(self.options)}, or q to leave"
            return
        typed = self.pending + key
        longer = [n for n in numbers if n.startswith(typed) and n != typed]
        if typed in numbers and not longer:
            self.chosen = int(typed) - 1
        elif longer:
            self.pending = typed
        else:
            self.pending = ""
            self.message = f"{typed} is not an option"
