"""Where output may be written: never through a symlink or over a file without --force."""

from __future__ import annotations

from pathlib import Path

from cxo_diag.errors import OutputError


def safe_output_path(path: Path, *, force: bool = False) -> Path:
    """The path to write to, refusing symlinks, directories and (without force) overwrites."""
    if path.is_symlink():
        raise OutputError("is a symbolic link; refusing to write through it", where=str(path))
    if path.is_dir():
        raise OutputError("is a directory; give a file name", where=str(path))
    if path.exists() and not force:
        raise OutputError("already exists; add --force to overwrite it", where=str(path))
    if not path.parent.is_dir():
        raise OutputError("its folder does not exist", where=str(path))
    return path
