"""An answers file saved by quitting early, imported, is continued with `resume` in a real
pseudo-terminal, and only then counts as finished."""

from __future__ import annotations

import json

from cxo_diag.cli import app
from tests.e2e.conftest import (
    MINI,
    Terminal,
    expect_screen,
    finish,
    press,
    skip_open_questions,
    write_mini_answers,
)
from tests.helpers import runner


def respondents(terminal: Terminal) -> dict[str, tuple[int, bool]]:
    result = runner.invoke(app, ["engagements", "--format", "json", "--store", str(terminal.store)])
    assert result.exit_code == 0, result.stderr
    (entry,) = json.loads(result.stdout)
    return {p["name"]: (p["answered"], p["finished"]) for p in entry["respondents"]}


def test_a_partial_import_is_resumed_at_its_first_unanswered_question(terminal: Terminal) -> None:
    path = write_mini_answers(terminal.home / "bo.yaml", "Bo", "cmo", {"res-01": 5})
    store = str(terminal.store)
    created = runner.invoke(
        app, ["interview", "acme", "--bank", str(MINI), "--answers", str(path), "--store", store]
    )
    assert created.exit_code == 0, created.stderr
    assert "1 of 3 answered, not finished: cxo-diag resume acme --respondent Bo" in created.stdout
    assert respondents(terminal) == {"Bo": (1, False)}
    child = terminal.spawn("resume", "acme", "--respondent", "Bo")
    expect_screen(child, "question 2 of 3")
    press(child, "2")
    expect_screen(child, "question 3 of 3")
    press(child, "4")
    skip_open_questions(child)
    expect_screen(child, "Thank you: the interview is complete.")
    assert finish(child) == 0
    assert respondents(terminal) == {"Bo": (3, True)}
