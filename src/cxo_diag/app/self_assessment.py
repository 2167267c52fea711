"""A self-assessment's answers file, kept up to date answer by answer.

``AnswersFileSink`` receives each answer and note the moment it is given (as the store does
for an interview) and rewrites the whole answers file at once: a temporary file beside it,
fsync, then an atomic rename, mode 0600. A killed process leaves the file as it was after
the last answer: at most the question on screen is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cxo_diag.answers import Answer, AnswerSet
    from cxo_diag.bank.model import Bank
    from cxo_diag.errors import OutputError


@dataclass(frozen=True)
class Respondent:
    """Who answers which bank version, as the answers file names them."""

    bank: Bank
    bank_hash: str
    name: str
    role: str


def answer_set_of(who: Respondent, sink: AnswersFileSink) -> AnswerSet:
    from cxo_diag.answers import AnswerSet, BankRef
    from cxo_diag.answers import Respondent as FileRespondent

    return AnswerSet(
        bank=BankRef(id=who.bank.id, version=who.bank.version, hash=who.bank_hash),
        respondent=FileRespondent(name=who.name, role=who.role),
        answered_at=datetime.now(UTC).replace(microsecond=0),
        answers=dict(sink.answers),
        notes={qid: "\n".join(texts) for qid, texts in sink.notes.items()},
        seconds=dict(sink.seconds),
    )


@dataclass
class AnswersFileSink:
    """Keeps the answers in memory and, with a path, in the answers file after each one
    (an interview's sink: the flow hands it each answer and note as it is given).

    ``replace`` is whether the file may be replaced from the first write on (--force, or a
    resumed file); after the first write it always is, being this assessment's own file.
    A write that fails (a full disk) is remembered, not raised: the respondent goes on, the
    screen says the file is behind, and every later answer tries again.
    """

    who: Respondent
    path: Path | None = None
    replace: bool = False
    answers: dict[str, Answer] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    failed: OutputError | None = None
    written: int = 0

    def answer(self, question_id: str, value: Answer, seconds: float | None) -> None:
        self.answers[question_id] = value
        if seconds is not None:
            self.seconds[question_id] = seconds
        self.write()

    def note(self, question_id: str, text: str) -> None:
        self.notes.setdefault(question_id, []).append(text)
        self.write()

    def write(self) -> None:
        if self.path is None:
            return
        from cxo_diag.answers import write_answers_file
        from cxo_diag.errors import OutputError

        try:
            write_answers_file(answer_set_of(self.who, self), self.path, force=self.replace)
        except OutputError as error:
            self.failed = error
            return
        self.failed = None
        self.replace = True
        self.written += 1

    def warning(self) -> str:
        """A line for the screen while the file is behind the answers on screen."""
        if self.failed is None:
            return ""
        return f"not saved to {self.path}: {self.failed.message}; answers are kept in memory"
