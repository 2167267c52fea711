"""Running a flow: show a screen, read a key, hand what it gave to the sink; until it ends.

Whatever shows the screens and reads the keys is given (``cli/terminal.py`` passes the
terminal's), so a flow runs the same on a real terminal and in a test.
"""

from __future__ import annotations

from collections.abc import Callable

from cxo_diag.interview.choice import ChoiceFlow
from cxo_diag.interview.effects import Sink, apply
from cxo_diag.interview.flow import ACTIVE_MODES, InterviewFlow, Mode
from cxo_diag.interview.keys import KeySource


def run_flow(
    flow: InterviewFlow,
    keys: KeySource,
    show: Callable[[str], None],
    sink: Sink,
    draw: Callable[[InterviewFlow], str],
) -> Mode:
    """Show a screen, read a key, save what it gave; until done, quit or interrupted.

    Each effect reaches the sink before the next key is read, so whatever has been
    answered is saved even if the process is killed on the next screen.
    """
    try:
        while flow.mode in ACTIVE_MODES:
            show(draw(flow))
            apply(flow.press(keys.read_key()), sink)
    except KeyboardInterrupt:
        apply(flow.interrupt(), sink)
    return flow.mode


def run_choice(
    choice: ChoiceFlow,
    keys: KeySource,
    show: Callable[[str], None],
    draw: Callable[[ChoiceFlow], str],
) -> int | None:
    try:
        while choice.active:
            show(draw(choice))
            choice.press(keys.read_key())
    except KeyboardInterrupt:
        choice.cancelled = True
        choice.interrupted = True
    return choice.chosen
