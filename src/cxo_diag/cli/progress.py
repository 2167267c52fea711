"""Progress bars for long work, on stderr, only when stderr is a terminal.

Piped or redirected (a script, CI), nothing is drawn, so stderr holds only what went wrong.
The core reports progress through a plain callback, ``advance(done, total)``; this module
turns it into a rich bar, created on the first call once the total is known.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

LONG_WORK = 50
"""Items (files, engagements, rounds) from which work is long enough to draw a bar for."""

Advance = Callable[[int, int], None]
"""``advance(done, total)``: ``done`` more items of ``total`` are finished."""


def _nothing(_done: int, _total: int) -> None:
    """Progress nobody watches."""


@contextmanager
def progress_bar(description: str, *, minimum: int = 1) -> Iterator[Advance]:
    """A callback drawing a bar on stderr while the block runs, for work of at least
    ``minimum`` items on a terminal; a callback doing nothing otherwise. The bar is
    removed when the block ends, so the command's own output reads as before."""
    if not sys.stderr.isatty():
        yield _nothing
        return
    state: dict[str, Any] = {}

    def advance(done: int, total: int) -> None:
        if total < minimum:
            return
        bar = state.get("bar")
        if bar is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            bar = state["bar"] = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            bar.start()
            state["task"] = bar.add_task(description, total=total)
        bar.update(state["task"], advance=done, total=total)

    try:
        yield advance
    finally:
        if "bar" in state:
            state["bar"].stop()
