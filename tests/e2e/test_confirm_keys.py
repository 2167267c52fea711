"""The delete confirmation in a real pseudo-terminal: Ctrl-C and Ctrl-D cancel with one line
and exit 130, stray input is asked again, and nothing is deleted unless y is typed."""

from __future__ import annotations

import json

import pytest

from cxo_diag.cli import app
from tests.e2e.conftest import MINI, Key, Terminal, expect_screen, finish, press, write_mini_answers
from tests.helpers import runner

PROMPT = "This cannot be undone [y/N]: "


@pytest.fixture
def acme(terminal: Terminal) -> Terminal:
    """An engagement acme with one imported respondent in the terminal's store."""
    path = write_mini_answers(terminal.home / "ana.yaml", "Ana", "coo", {"res-01": 3})
    store = str(terminal.store)
    result = runner.invoke(
        app, ["interview", "acme", "--bank", str(MINI), "--answers", str(path), "--store", store]
    )
    assert result.exit_code == 0, result.stderr
    return terminal


def names(terminal: Terminal) -> list[str]:
    result = runner.invoke(app, ["engagements", "--format", "json", "--store", str(terminal.store)])
    assert result.exit_code == 0, result.stderr
    return [e["name"] for e in json.loads(result.stdout)]


@pytest.mark.parametrize("key", [Key.CTRL_C, "\x04"], ids=["ctrl-c", "ctrl-d"])
def test_cancelling_the_delete_confirmation_exits_130_and_keeps_it(
    acme: Terminal, key: str
) -> None:
    child = acme.spawn("delete", "acme")
    expect_screen(child, "Delete engagement acme and the answers of 1 respondent?", PROMPT)
    press(child, key)
    expect_screen(child, "error: delete: cancelled; nothing was deleted")
    rest = child.read()
    assert finish(child) == 130
    assert "Aborted" not in rest and "Traceback" not in rest
    assert names(acme) == ["acme"]


def test_stray_input_is_asked_again_and_enter_means_no(acme: Terminal) -> None:
    child = acme.spawn("delete", "acme")
    expect_screen(child, PROMPT)
    press(child, "x", Key.ENTER)
    expect_screen(child, "Please type y (yes) or n (no)", PROMPT)
    press(child, Key.ENTER)
    expect_screen(child, "Nothing deleted.")
    assert finish(child) == 1
    assert names(acme) == ["acme"]


def test_y_deletes(acme: Terminal) -> None:
    child = acme.spawn("delete", "acme")
    expect_screen(child, PROMPT)
    press(child, "y", Key.ENTER)
    expect_screen(child, "deleted acme")
    assert finish(child) == 0
    assert names(acme) == []
