"""What a report shows besides the scores: the client's name, the interview notes and the
answers to open questions.

Scoring works from answers alone; the organisation lives with the engagement in the store
and the notes and open answers beside the answers. ``with_context`` adds them to a diagnosis
after scoring,
like ``cxo_diag.quality.norms.with_norms`` adds the norms, so scoring stays a function of answers.
"""

from __future__ import annotations

from collections.abc import Sequence

from cxo_diag.answers import AnswerSet
from cxo_diag.bank.model import Bank
from cxo_diag.scoring.model import Diagnosis, Note, OpenAnswer, OpenAnswers, QuestionNotes


def collect_notes(bank: Bank, answer_sets: Sequence[AnswerSet]) -> list[QuestionNotes]:
    """Every non-blank note, under its question in bank order, respondents in input order."""
    dimensions = {d.id: d.title for d in bank.dimensions}
    found: list[QuestionNotes] = []
    for question in bank.questions:
        notes = [
            Note(respondent=s.respondent.name, role=s.respondent.role, text=text)
            for s in answer_sets
            if (text := s.notes.get(question.id, "")).strip()
        ]
        if not notes:
            continue
        found.append(
            QuestionNotes(
                question=question.id,
                dimension=question.dimension,
                dimension_title=dimensions.get(question.dimension, question.dimension),
                wording=question.wording_for(notes[0].role),
                notes=notes,
            )
        )
    return found


def collect_open_answers(bank: Bank, answer_sets: Sequence[AnswerSet]) -> list[OpenAnswers]:
    """Every non-blank open answer, verbatim, under its question in bank order, respondents
    in input order. Never scored: this is the only place that reads them for a report."""
    dimensions = {d.id: d.title for d in bank.dimensions}
    found: list[OpenAnswers] = []
    for question in bank.open_questions:
        answers = [
            OpenAnswer(respondent=s.respondent.name, role=s.respondent.role, text=text)
            for s in answer_sets
            if (text := s.open_answers.get(question.id, "")).strip()
        ]
        if not answers:
            continue
        found.append(
            OpenAnswers(
                question=question.id,
                dimension=question.dimension,
                dimension_title=dimensions.get(question.dimension, question.dimension),
                wording=question.wording_for(answers[0].role),
                shareable=question.shareable,
                answers=answers,
            )
        )
    return found


def with_context(
    diagnosis: Diagnosis,
    bank: Bank,
    answer_sets: Sequence[AnswerSet],
    *,
    organisation: str | None = None,
) -> Diagnosis:
    """The diagnosis with the organisation in its header, and the notes and open answers of
    these answers."""
    header = diagnosis.header.model_copy(update={"organisation": organisation or None})
    return diagnosis.model_copy(
        update={
            "header": header,
            "notes": collect_notes(bank, answer_sets),
            "open_answers": collect_open_answers(bank, answer_sets),
        }
    )
