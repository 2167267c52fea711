"""The POSIX key reader: the terminal in cbreak mode (keys one by one, not echoed; Ctrl-C
still raises KeyboardInterrupt), restored on the way out whatever happens."""

from __future__ import annotations

import os
import select
import sys
import termios
import tty
from types import TracebackType
from typing import Any

from cxo_diag.keys.decode import PosixDecoder

#: How long the byte after an Escape may take to count as the same key (a sequence).
ESCAPE_WAIT_SECONDS = 0.05


class PosixKeys:
    """A context manager that reads single keys from a terminal file descriptor."""

    def __init__(self, fd: int | None = None) -> None:
        self.fd = sys.stdin.fileno() if fd is None else fd
        self._saved: list[Any] | None = None
        self._decoder = PosixDecoder(self._byte, self._ready)

    def __enter__(self) -> PosixKeys:
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
        readable, _, _ = select.select([self.fd], [], [], ESCAPE_WAIT_SECONDS)
        return bool(readable)

    def read_key(self) -> str:
        """The next key: one character, or a Key for Enter, Escape, Backspace, Ctrl-C/D."""
        return self._decoder.read_key()
