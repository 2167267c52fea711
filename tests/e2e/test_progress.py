"""Long work draws a progress bar on stderr when it is a terminal, and nothing when it is
not: `pilot` writing many files and `store copy` of many engagements, in a real terminal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pexpect

from tests.e2e.conftest import MINI, TIMEOUT, Terminal, cli_path, expect_screen, finish


def clock_at(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def test_pilot_of_many_files_shows_a_bar_on_a_terminal(terminal: Terminal) -> None:
    out = terminal.home / "pilot"
    child = terminal.spawn(
        "pilot", "coo-cmo", "--respondents", "300", "--out", str(out), with_store=False
    )
    expect_screen(child, "writing answers files", "/300", "wrote 300 simulated answers files")
    assert finish(child) == 0


def test_nothing_is_drawn_when_stderr_is_not_a_terminal(terminal: Terminal) -> None:
    out, err = terminal.home / "pilot", terminal.home / "err.txt"
    command = f"{cli_path()} pilot coo-cmo --respondents 300 --out {out} 2>{err}"
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", command],
        env=terminal.env(),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 100),
    )
    terminal.children.append(child)
    expect_screen(child, "wrote 300 simulated answers files")
    assert finish(child) == 0
    assert err.read_text(encoding="utf-8") == ""
    assert "writing answers files" not in (child.before or "")


def test_store_copy_of_many_engagements_shows_a_bar_then_its_summary(
    terminal: Terminal, tmp_path: Path
) -> None:
    from cxo_diag.app import engagements
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.store.engine import open_store

    bank = open_bank(str(MINI))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with open_store(terminal.store) as store:
        for index in range(120):
            day = start + timedelta(days=index)
            engagements.ensure_engagement(
                store, f"client-{index:03d}", bank=bank, clock=clock_at(day)
            )
    target = tmp_path / "copy.sqlite"
    child = terminal.spawn("store", "copy", str(terminal.store), str(target), with_store=False)
    expect_screen(child, "copying engagements", "/120", "copied client-000", "verified:")
    assert finish(child) == 0
