"""What a flow hands on as it happens (an answer, a note, an open answer), and where it goes.

A ``Sink`` receives each effect the moment it is given: the store for an interview
(``app.interviews.StoreSink``), the answers file for a self-assessment
(``app.self_assessment.AnswersFileSink``), or memory in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from cxo_diag.answers import Answer


@dataclass(frozen=True)
class AnswerGiven:
    question_id: str
    value: Answer
    seconds: float | None


@dataclass(frozen=True)
class NoteWritten:
    question_id: str
    text: str


@dataclass(frozen=True)
class OpenAnswerGiven:
    question_id: str
    text: str


Effect = AnswerGiven | NoteWritten | OpenAnswerGiven


class Sink(Protocol):
    """Where effects go the moment they happen (the store, or memory for assess)."""

    def answer(self, question_id: str, value: Answer, seconds: float | None) -> None: ...

    def note(self, question_id: str, text: str) -> None: ...

    def open_answer(self, question_id: str, text: str) -> None: ...


@dataclass
class MemorySink:
    """Keeps effects in memory (a self-assessment without a store)."""

    answers: dict[str, Answer] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    open_answers: dict[str, str] = field(default_factory=dict)

    def answer(self, question_id: str, value: Answer, seconds: float | None) -> None:
        self.answers[question_id] = value
        if seconds is not None:
            self.seconds[question_id] = seconds

    def note(self, question_id: str, text: str) -> None:
        self.notes.setdefault(question_id, []).append(text)

    def open_answer(self, question_id: str, text: str) -> None:
        self.open_answers[question_id] = text


def apply(effects: list[Effect], sink: Sink) -> None:
    for effect in effects:
        if isinstance(effect, AnswerGiven):
            sink.answer(effect.question_id, effect.value, effect.seconds)
        elif isinstance(effect, OpenAnswerGiven):
            sink.open_answer(effect.question_id, effect.text)
        else:
            sink.note(effect.question_id, effect.text)
