"""A self-assessment's answers file, kept up to date answer by answer.

``AnswersFileSink`` receives each answer, note and open answer the moment it is given (as the
store does for an interview) and rewrites the whole answers file at once: a temporary file
beside it, fsync, then an atomic rename, mode 0600. A killed process leaves the file as it was after
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
    from cxo_diag.bank.registry import BankEntry
    from cxo_diag.errors import OutputError
    from cxo_diag.scoring.model import Diagnosis


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
        open_answers=dict(sink.open_answers),
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
    open_answers: dict[str, str] = field(default_factory=dict)
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

    def open_answer(self, question_id: str, text: str) -> None:
        self.open_answers[question_id] = text
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


def bank_for_role(name: str | None, role: str | None) -> tuple[Bank, str] | list[BankEntry]:
    """The bank named (and its hash), or the banks to choose from: with ``role``, only those
    that have the role (any case), so a role no bank has is refused before anything is
    asked."""
    from cxo_diag.bank.registry import banks_with_role, check_role, open_bank

    if name is None:
        return banks_with_role(role)
    resolved = open_bank(name)
    if role is not None:
        check_role(resolved.bank, role)
    return resolved.bank, resolved.hash


def chosen_bank(entry: BankEntry) -> tuple[Bank, str]:
    """The bank picked from a list of ``bank_for_role``, and its hash."""
    from cxo_diag.bank.registry import open_bank

    resolved = open_bank(str(entry.path))
    return resolved.bank, resolved.hash


def resume_assessment(path: Path) -> AnswersFileSink:
    """The sink of a saved self-assessment: its respondent, answers so far and file, checked
    to fit the very bank it was answered on."""
    from cxo_diag.answers import check_fits_bank, read_answers_file
    from cxo_diag.bank.registry import open_bank

    saved = read_answers_file(path)
    resolved = open_bank(saved.bank.id)
    check_fits_bank(saved, resolved.bank, resolved.hash, str(path))
    who = Respondent(resolved.bank, resolved.hash, saved.respondent.name, saved.respondent.role)
    return AnswersFileSink(
        answers=dict(saved.answers),
        notes={question: [text] for question, text in saved.notes.items()},
        seconds=dict(saved.seconds),
        open_answers=dict(saved.open_answers),
        who=who,
        path=path,
        replace=True,  # the file being continued is the one to update
    )


def login_name() -> str:
    """The name an answers file offers by default: the login name, else 'respondent'."""
    import getpass

    try:
        return getpass.getuser() or "respondent"
    except (OSError, KeyError):  # no login name in the environment or the password file
        return "respondent"


def diagnose_assessment(sink: AnswersFileSink) -> Diagnosis:
    """The private report's diagnosis of the answers given so far."""
    from cxo_diag.app.context import with_context
    from cxo_diag.scoring import diagnose

    answer_set = answer_set_of(sink.who, sink)
    diagnosis = diagnose(sink.who.bank, [answer_set], generated_at=answer_set.answered_at)
    return with_context(diagnosis, sink.who.bank, [answer_set])
