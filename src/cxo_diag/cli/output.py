"""Where the commands' rendered text goes: the screen or an --out file, and how wide."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer


def color_wanted(stream: object) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")


def report_width() -> int:
    """The terminal's width (40..120) on a terminal; 100 otherwise, so pipes get fixed bytes.

    Reports are laid out for 60 columns and up; narrower screens still get every number
    (folded, never cropped), so the real width wins down to 40.
    """
    if not sys.stdout.isatty():
        return 100
    import shutil

    return max(40, min(shutil.get_terminal_size().columns, 120))


def screen_height() -> int | None:
    """The terminal's lines, for a screen that must fit without scrolling; None off one."""
    if not sys.stdout.isatty():
        return None
    import shutil

    return shutil.get_terminal_size().lines


def emit(text: str | bytes, out: Path | None, force: bool, *, private: bool = True) -> None:
    """Write to --out (never through a symlink, never over a file without --force) or stdout.

    An --out file is mode 0600, even when overwritten: reports, agendas and exports all hold
    what respondents confided, as their answers files do.
    """
    if out is None and isinstance(text, bytes):
        if sys.stdout.isatty():
            from cxo_diag.errors import UsageError

            raise UsageError("a PDF is not for the screen; add --out FILE.pdf")
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
        return
    if out is None:
        assert isinstance(text, str)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from cxo_diag.paths import write_output

    write_output(out, text, force=force, private=private)
    typer.echo(f"wrote {out}", err=True)
