"""Writing: an item short enough to read at a glance, with a probe for the interviewer; the
same for open questions, with their own word limit."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from cxo_diag.bank.checks.context import Context
from cxo_diag.bank.model import OpenQuestion, Question
from cxo_diag.findings import Code, Finding

MAX_WORDS = 30


def length_and_probe(
    ctx: Context, section: str, questions: Sequence[Question | OpenQuestion], limit: int
) -> Iterator[Finding]:
    """W204 for wording (in any role's text) longer than ``limit`` words, W210 for a question
    without a probe; ``section`` is where in the bank the questions are."""
    for index, question in enumerate(questions):
        texts = question.text.values() if isinstance(question.text, dict) else [question.text]
        words = max(len(text.split()) for text in texts)
        if words > limit:
            yield ctx.at(
                (section, index, "text"),
                Code.W204,
                question=question.id,
                words=words,
                limit=limit,
            )
        if question.probe is None:
            yield ctx.at((section, index, "id"), Code.W210, question=question.id)


def check_question_length(ctx: Context) -> Iterator[Finding]:
    return length_and_probe(ctx, "questions", ctx.bank.questions, MAX_WORDS)


CHECKS = [check_question_length]
