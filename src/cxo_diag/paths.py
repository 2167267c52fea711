"""Where output may be written: never through a symlink or over a file without --force."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from cxo_diag.errors import OutputError

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def safe_output_path(path: Path, *, force: bool = False) -> Path:
    """The path to write to, refusing symlinks, directories and (without force) overwrites."""
    if path.is_symlink():
        raise OutputError("is a symbolic link; refusing to write through it", where=str(path))
    if path.is_dir():
        raise OutputError("is a directory; give a file name", where=str(path))
    if path.exists() and not path.is_file():  # a pipe would hang the write, a device eat it
        raise OutputError("is not a regular file; give a file name", where=str(path))
    if path.exists() and not force:
        raise OutputError("already exists; add --force to overwrite it", where=str(path))
    if not path.parent.is_dir():
        raise OutputError("its folder does not exist", where=str(path))
    return path


def write_output(
    path: Path, text: str | bytes, *, force: bool = False, private: bool = False
) -> None:
    """Write ``text`` to ``path`` after ``safe_output_path``, and hold to it while writing.

    The file is opened without following a symlink and, without ``force``, only if it does
    not exist yet, so a link or file that appears between the check and the write is refused
    too. ``private`` files (answers, exports) get mode 0600, even when overwriting.
    """
    target = safe_output_path(path, force=force)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NO_FOLLOW | (0 if force else os.O_EXCL)
    where = str(path)
    try:
        descriptor = os.open(target, flags, 0o600 if private else 0o666)
    except FileExistsError:
        raise OutputError("already exists; add --force to overwrite it", where=where) from None
    except OSError as error:
        reason = (
            "is a symbolic link; refusing to write through it"
            if error.errno == errno.ELOOP
            else error.strerror or str(error)
        )
        raise OutputError(reason, where=where) from None
    try:
        if private:
            os.fchmod(descriptor, 0o600)
        if isinstance(text, bytes):
            with os.fdopen(descriptor, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
    except OSError as error:
        raise OutputError(error.strerror or str(error), where=where) from None
