"""Running an interactive flow on this terminal: the interview's questions, or a choice.

Shared by `interview`, `resume` and `assess`: keys in from the terminal, screens out to it,
SIGTERM treated like Ctrl-C (saved answers stay, the terminal is restored).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from cxo_diag.cli.output import color_wanted, report_width, screen_height

if TYPE_CHECKING:
    from cxo_diag.interview.effects import Sink
    from cxo_diag.interview.flow import InterviewFlow, Mode
    from cxo_diag.interview.screens import Heading


def interrupt_on_terminate() -> None:
    """SIGTERM ends an interview like Ctrl-C: saved answers stay, the terminal is restored."""
    import signal

    def _raise(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _raise)


def run_on_terminal(
    flow: InterviewFlow, heading: Heading, sink: Sink, warning: Callable[[], str] | None = None
) -> Mode:
    """Run the flow on this terminal; ``warning`` gives a line to show where the screen's
    messages go (an answers file that could not be saved, say)."""
    from cxo_diag.interview.runner import run_flow
    from cxo_diag.interview.screens import render_screen
    from cxo_diag.terminal_keys import TerminalKeys, show_screen

    color, width = color_wanted(sys.stdout), report_width()

    def draw(current: InterviewFlow) -> str:
        line = warning() if warning is not None else ""
        if line and not current.message:  # shown where messages go, so the screen still fits
            current.message = line
        return render_screen(current, heading, color=color, width=width, height=screen_height())

    interrupt_on_terminate()
    with TerminalKeys() as keys:
        return run_flow(flow, keys, show_screen, sink, draw)


def choose(title: str, options: list[str]) -> int:
    """The option picked; q leaves the command (exit 0, as asked), Ctrl-C exits 130."""
    from cxo_diag.interview.choice import ChoiceFlow
    from cxo_diag.interview.runner import run_choice
    from cxo_diag.interview.screens import render_choice
    from cxo_diag.terminal_keys import TerminalKeys, show_screen

    color, width = color_wanted(sys.stdout), report_width()
    choice = ChoiceFlow(title, options)
    interrupt_on_terminate()
    with TerminalKeys() as keys:
        chosen = run_choice(
            choice,
            keys,
            show_screen,
            lambda current: render_choice(current, color=color, width=width),
        )
    if chosen is not None:
        return chosen
    typer.echo("")
    if choice.interrupted:
        typer.echo("Interrupted; nothing was asked yet.", err=True)
        raise typer.Exit(130)
    typer.echo("Left before the first question; nothing was kept.", err=True)
    raise typer.Exit(0)
