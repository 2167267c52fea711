"""A rich console that renders into a string, so that the core never prints."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO

from rich.console import Console


@contextmanager
def capture(*, color: bool = False, width: int = 100) -> Iterator[tuple[Console, StringIO]]:
    buffer = StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    yield console, buffer
