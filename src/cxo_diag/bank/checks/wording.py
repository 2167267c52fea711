"""Item-writing lints: the survey-method mistakes a question's wording can carry.

Each check takes the bank's Context and yields warnings at the wording's position. They are
heuristics over plain English, chosen to stay quiet on good, neutral items (a false alarm
teaches authors to ignore the linter); docs/instrument-quality.md lists every rule, its word
lists and its known blind spots. The English toolkit they use is ``cxo_diag.bank.english``.

- W205 double-barrelled: two claims joined by "and"/"or";
- W206 double negative;
- W207 reading level above a Flesch-Kincaid grade;
- W208 leading or loaded wording;
- W209 unbalanced scale labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cxo_diag.bank.english.double_barrelled import double_barrelled
from cxo_diag.bank.english.loaded import loaded_wording
from cxo_diag.bank.english.negation import double_negative
from cxo_diag.bank.english.reading_level import MAX_GRADE, MIN_WORDS_FOR_GRADE, grade_level
from cxo_diag.bank.english.scale_labels import scale_imbalance
from cxo_diag.bank.english.words import is_word, sentences
from cxo_diag.findings import Code, Finding

if TYPE_CHECKING:
    from cxo_diag.bank.checks.context import Context


@dataclass(frozen=True)
class Wording:
    """One wording of a question: its text and where it is in the file."""

    index: int
    question: str
    text: str
    path: tuple[str | int, ...]


def wordings(ctx: Context) -> Iterator[Wording]:
    """Every text of every question, one per role when the wording differs by role."""
    for index, question in enumerate(ctx.bank.questions):
        if isinstance(question.text, str):
            yield Wording(index, question.id, question.text, ("questions", index, "text"))
        else:
            for role, text in question.text.items():
                yield Wording(index, question.id, text, ("questions", index, "text", role))


def _first_per_question(
    ctx: Context, code: Code, detect: Callable[[str], str | None]
) -> Iterator[Finding]:
    """One finding per question: the first wording where ``detect`` finds the problem
    (per-role wordings usually share it; one warning is enough to act on)."""
    flagged: set[str] = set()
    for wording in wordings(ctx):
        if wording.question in flagged:
            continue
        detail = detect(wording.text)
        if detail is not None:
            flagged.add(wording.question)
            yield ctx.at(wording.path, code, question=wording.question, detail=detail)


def check_double_barrelled(ctx: Context) -> Iterator[Finding]:
    yield from _first_per_question(ctx, Code.W205, double_barrelled)


def check_double_negative(ctx: Context) -> Iterator[Finding]:
    yield from _first_per_question(ctx, Code.W206, double_negative)


def check_loaded_wording(ctx: Context) -> Iterator[Finding]:
    yield from _first_per_question(ctx, Code.W208, loaded_wording)


def check_reading_level(ctx: Context) -> Iterator[Finding]:
    flagged: set[str] = set()
    for wording in wordings(ctx):
        if wording.question in flagged:
            continue
        if sum(1 for s in sentences(wording.text) for w in s if is_word(w)) < MIN_WORDS_FOR_GRADE:
            continue
        grade = grade_level(wording.text)
        if grade > MAX_GRADE:
            flagged.add(wording.question)
            yield ctx.at(
                wording.path, Code.W207, question=wording.question, grade=grade, limit=MAX_GRADE
            )


def check_scale_balance(ctx: Context) -> Iterator[Finding]:
    for index, scale in enumerate(ctx.bank.scales):
        ordered = sorted(scale.points, key=lambda p: p.value)
        detail = scale_imbalance([p.label for p in ordered])
        if detail is not None:
            yield ctx.at(("scales", index, "points"), Code.W209, scale=scale.id, detail=detail)


CHECKS: list[Callable[[Context], Iterator[Finding]]] = [
    check_double_barrelled,
    check_double_negative,
    check_reading_level,
    check_loaded_wording,
    check_scale_balance,
]
