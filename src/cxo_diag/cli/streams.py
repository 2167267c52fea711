"""The one output layer under every command: standard output that fails in one line.

Commands write to ``sys.stdout`` (``typer.echo``, ``sys.stdout.write``, rich consoles); this
module puts a guard in its place before any command runs, so that whatever writes:

- a full disk (``> /dev/full``) or any other write error is an :class:`OutputError`, which
  the CLI's one exit path prints as one line with exit 1, instead of a traceback or an
  "Exception ignored" when Python flushes at exit;
- a closed standard output (``>&-``), which Python leaves as ``None``, is the same one line
  at the first write; and file descriptor 1 is kept busy (on ``/dev/null``), so no file the
  command opens, such as the store, can become "standard output" by accident;
- a reader that went away (``| head -1``) ends the command quietly, exit 1, as Unix tools do.

After a failure the descriptor is pointed at ``/dev/null``, so nothing is retried at exit.
Files written with ``--out`` go through ``paths.write_output``, which reports the same way.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import Any, TextIO

from cxo_diag.errors import OutputError

WHERE = "standard output"


class QuietBrokenPipe(BrokenPipeError):
    """The reader of standard output has gone: stop without a word."""


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "cannot write the output: the disk is full"
    if error.errno == errno.EBADF:
        return "cannot write the output: standard output is closed"
    if error.errno == errno.EFBIG:
        return "cannot write the output: the file is over its size limit"
    return f"cannot write the output: {error.strerror or error}"


def _silence(descriptor: int) -> None:
    """Point ``descriptor`` at /dev/null, so buffered text is dropped rather than retried."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    if null != descriptor:
        with contextlib.suppress(OSError):
            os.dup2(null, descriptor)
        os.close(null)


class GuardedStream:
    """A text stream that flushes each write and turns OS errors into one-line errors."""

    def __init__(self, stream: TextIO | None, descriptor: int) -> None:
        self._stream = stream
        self._descriptor = descriptor
        self._failed: Exception | None = None

    def write(self, text: str) -> int:
        if self._stream is None:
            raise OutputError("cannot write the output: standard output is closed")
        if self._failed is not None:
            raise self._failed  # every later write fails alike, even if a caller swallowed one
        if isinstance(text, str) and not text:
            return 0  # nothing to write: no flush, so a probe never meets an old failure
        try:
            written = self._stream.write(text)
            self._stream.flush()
        except OSError as error:
            raise self._failure(error) from None
        return written

    def flush(self) -> None:
        if self._stream is None or self._failed:
            return
        try:
            self._stream.flush()
        except OSError as error:
            raise self._failure(error) from None

    def _failure(self, error: OSError) -> Exception:
        _silence(self._descriptor)
        if isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE:
            self._failed = QuietBrokenPipe()
        else:
            self._failed = OutputError(_reason(error))
        return self._failed

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError(errno.EBADF, "standard output is closed")
        return self._stream.fileno()

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)


def guard_standard_output() -> None:
    """Install the guard on ``sys.stdout`` (and keep descriptors 1 and 2 from being reused)."""
    if sys.stderr is None:
        _silence(2)
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    stream = sys.stdout
    if stream is None:
        _silence(1)
    sys.stdout = GuardedStream(stream, 1)
