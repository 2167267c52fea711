"""AU: who reads the report. The client's report (the default for html, markdown and the
agenda) shows no note and no individual answer; the consultant's shows both, the notes
under their questions; the organisation stored with the engagement heads every medium.

AU001 client html, markdown and agenda: no note, no answer label of a talking point
AU002 --audience consultant: the notes under their questions, each answer
AU003 --organisation given at the interview titles html, markdown, terminal and agenda
AU004 a self-assessment (one answers file) speaks to "you": no gap column, no talking points
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from cxo_diag.answers import AnswerSet, BankRef, Respondent, write_answers_file
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app
from tests.helpers import runner

BANK = Path(__file__).resolve().parents[1] / "fixtures" / "sessions" / "two-gaps.yaml"
NOTE = "Ana sighed: the budget fight is personal"


def _write(folder: Path, name: str, role: str, answers: dict[str, int], **notes: str) -> Path:
    resolved = open_bank(str(BANK))
    ref = BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)
    path = folder / f"{name.lower()}.yaml"
    answer_set = AnswerSet(
        bank=ref,
        respondent=Respondent(name=name, role=role),
        answers=answers,
        notes={k.replace("_", "-"): v for k, v in notes.items()},
    )
    write_answers_file(answer_set, path)
    return path


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def store(tmp_path: Path) -> str:
    """Engagement 'acme' of organisation 'Acme Holdings': Ana (COO) with a note, Bo (CMO)."""
    path = str(tmp_path / "store.sqlite")
    ana = _write(
        tmp_path,
        "Ana",
        "coo",
        {"style-01": 3, "style-02": 3, "money-01": 5, "money-02": 1},
        money_01=NOTE,
    )
    bo = _write(tmp_path, "Bo", "cmo", {"style-01": 2, "style-02": 4, "money-01": 1, "money-02": 5})
    run("interview", "acme", "--bank", str(BANK), "--answers", str(ana), "--store", path,
        "--organisation", "Acme Holdings")  # fmt: skip
    run("import", "acme", str(bo), "--store", path)
    return path


def _answer_words(text: str) -> list[str]:
    """The scale labels the two-gaps bank uses for single answers."""
    return [w for w in ("Strongly agree", "Strongly disagree") if w in text]


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_au001_client_report_has_no_note_and_no_answer__ok(store: str, fmt: str) -> None:
    text = html.unescape(run("report", "acme", "--format", fmt, "--store", store))
    assert NOTE not in text
    assert _answer_words(text) == []
    assert "One leader's answer signals far more friction here than the other's" in text


def test_au001_client_agenda_has_no_note_and_no_answer__ok(store: str) -> None:
    text = run("agenda", "acme", "--store", store)
    assert NOTE not in text
    assert "answered" not in text
    assert _answer_words(text) == []
    assert "One leader's answer signals far more friction" in text


@pytest.mark.parametrize("fmt", ["html", "markdown", "terminal"])
def test_au002_consultant_report_has_the_notes_under_their_question__ok(
    store: str, fmt: str
) -> None:
    text = run("report", "acme", "--format", fmt, "--store", store, "--audience", "consultant")
    flat = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    assert NOTE in flat
    notes_at = flat.index("Interview notes, under their questions")
    assert flat.index("money-01", notes_at) < flat.index(NOTE, notes_at)
    assert _answer_words(text) != []


def test_au002_consultant_agenda_has_answers_and_notes__ok(store: str) -> None:
    text = run("agenda", "acme", "--store", store, "--audience", "consultant")
    assert NOTE in text
    assert "COO read" in text and "answered Strongly" in text


def test_au002_terminal_defaults_to_the_consultant__ok(store: str) -> None:
    assert NOTE in " ".join(run("report", "acme", "--store", store).split())


@pytest.mark.parametrize("fmt", ["html", "markdown", "terminal"])
def test_au003_the_organisation_titles_every_medium__ok(store: str, fmt: str) -> None:
    text = run("report", "acme", "--format", fmt, "--store", store)
    if fmt == "html":
        assert "<title>Acme Holdings · cxo-diag diagnosis</title>" in text
    else:
        assert text.lstrip("# ").startswith("Acme Holdings · cxo-diag diagnosis")
    assert "Engagement acme" in text


def test_au003_the_organisation_titles_the_agenda__ok(store: str) -> None:
    text = run("agenda", "acme", "--store", store)
    assert text.startswith("# Joint workshop agenda: Acme Holdings\n")


def test_au003_score_takes_the_organisation__ok(tmp_path: Path) -> None:
    ana = _write(tmp_path, "Ana", "coo", {"style-01": 3, "style-02": 3, "money-01": 5})
    bo = _write(tmp_path, "Bo", "cmo", {"style-01": 2, "style-02": 4, "money-01": 1})
    text = run("score", str(ana), str(bo), "--bank", str(BANK), "-f", "markdown",
               "--organisation", "Initech")  # fmt: skip
    assert text.startswith("# Initech · cxo-diag diagnosis")


@pytest.mark.parametrize("fmt", ["html", "markdown", "terminal"])
def test_au004_a_self_assessment_speaks_to_you__ok(tmp_path: Path, fmt: str) -> None:
    ana = _write(
        tmp_path,
        "Ana",
        "coo",
        {"style-01": 3, "style-02": 3, "money-01": 5, "money-02": 1},
        money_01=NOTE,
    )
    text = run("score", str(ana), "--bank", str(BANK), "--format", fmt)
    flat = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    assert "Your self-assessment" in flat
    assert "You answered as COO" in flat
    assert "Gap" not in flat
    assert "Talking points" not in flat
    assert "observer" not in flat
    assert NOTE in flat  # their own note, in their own report
    assert "Untitled engagement" not in flat
