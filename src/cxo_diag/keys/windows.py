"""The Windows key reader: msvcrt reads the console's keys one by one without echo.

The console also gets virtual-terminal output switched on while keys are read, so the
screens' ANSI sequences (clear screen, styles) work in the classic console (conhost) as
they do in Windows Terminal; its previous mode is restored on the way out.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType

from cxo_diag.keys.decode import WindowsDecoder

ESCAPE_WAIT_SECONDS = 0.05
_VIRTUAL_TERMINAL_PROCESSING = 0x0004
_STD_OUTPUT_HANDLE = -11


class WindowsKeys:
    """A context manager that reads single keys from the Windows console."""

    def __init__(self) -> None:
        self._saved_mode: int | None = None
        self._decoder = WindowsDecoder(self._char, self._ready)

    def __enter__(self) -> WindowsKeys:
        self._saved_mode = _enable_virtual_terminal()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.restore()

    def restore(self) -> None:
        if self._saved_mode is not None:
            _set_output_mode(self._saved_mode)
            self._saved_mode = None

    def _char(self) -> str:
        if sys.platform != "win32":  # pragma: no cover - for mypy on other platforms
            raise OSError("the Windows console is not available here")
        import msvcrt

        return msvcrt.getwch()

    def _ready(self) -> bool:
        if sys.platform != "win32":  # pragma: no cover
            return False
        import msvcrt

        deadline = time.monotonic() + ESCAPE_WAIT_SECONDS
        while not msvcrt.kbhit():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.005)
        return True

    def read_key(self) -> str:
        """The next key: one character, or a Key for Enter, Escape, Backspace, Ctrl-C/Z."""
        return self._decoder.read_key()


def _enable_virtual_terminal() -> int | None:
    """Switch on ANSI sequences for the console's output; its previous mode (None: no
    console, or nothing to change)."""
    if sys.platform != "win32":  # pragma: no cover
        return None
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.GetStdHandle(_STD_OUTPUT_HANDLE)
    mode = wintypes.DWORD()
    if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
        return None
    if mode.value & _VIRTUAL_TERMINAL_PROCESSING:
        return None
    kernel32.SetConsoleMode(handle, mode.value | _VIRTUAL_TERMINAL_PROCESSING)
    return int(mode.value)


def _set_output_mode(mode: int) -> None:
    if sys.platform != "win32":  # pragma: no cover
        return
    import ctypes

    kernel32 = ctypes.windll.kernel32
    kernel32.SetConsoleMode(kernel32.GetStdHandle(_STD_OUTPUT_HANDLE), mode)
