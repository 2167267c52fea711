"""One respondent's pass through the questions: a pure state machine, with no terminal and no rich.

``InterviewFlow.press(key)`` changes its state and returns the effects to persist (an
answer, a note, an open answer); ``screens`` turns its state into text; ``runner`` joins a
key source, the screens and a sink. So every key can be unit-tested without a terminal.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable

from cxo_diag.answers import MAX_NOTE, MAX_OPEN_ANSWER, Answer
from cxo_diag.bank.model import Bank, OpenQuestion, Question, Scale
from cxo_diag.interview.effects import AnswerGiven, Effect, NoteWritten, OpenAnswerGiven
from cxo_diag.interview.keys import Key, is_typed_text


class Mode(enum.Enum):
    QUESTION = "question"
    NOTE = "note"
    REVIEW = "review"
    OPEN = "open"  # an open question on screen: command keys
    OPEN_TEXT = "open-text"  # typing the answer to an open question
    DONE = "done"
    QUIT = "quit"
    INTERRUPTED = "interrupted"


ACTIVE_MODES = (Mode.QUESTION, Mode.NOTE, Mode.REVIEW, Mode.OPEN, Mode.OPEN_TEXT)


class InterviewFlow:
    """One respondent's pass through the questions for their role.

    ``answers`` and ``notes`` are what the store already holds: the flow starts at the
    first question without an answer, and shows earlier answers when going back.
    ``revisit`` (a respondent who had finished) starts at question 1 instead of the end.
    ``keeps_answers`` False (assess without --out) makes the legend say that quitting
    keeps nothing.
    """

    def __init__(
        self,
        bank: Bank,
        role: str,
        *,
        answers: dict[str, Answer] | None = None,
        notes: dict[str, list[str]] | None = None,
        clock: Callable[[], float] = time.monotonic,
        revisit: bool = False,
        keeps_answers: bool = True,
        open_answers: dict[str, str] | None = None,
    ) -> None:
        self.bank = bank
        self.quit_help = "q save and quit" if keeps_answers else "q quit (answers not kept)"
        self.role = role
        self.questions: list[Question] = bank.questions_for(role)
        self.answers: dict[str, Answer] = dict(answers or {})
        self.notes: dict[str, list[str]] = {k: list(v) for k, v in (notes or {}).items()}
        self.clock = clock
        self.sequence: list[int] = list(range(len(self.questions)))
        self.revisiting = False
        self.step = 0
        self.mode = Mode.QUESTION
        self.message = ""
        self.show_probe = False
        self.pending = ""
        self.note_text = ""
        self.shown_at = clock()
        # Open questions come after every scale item (docs/bank-format.md says why).
        self.open_questions: list[OpenQuestion] = bank.open_questions_for(role)
        self.open_answers: dict[str, str] = dict(open_answers or {})
        self.open_step = 0
        self.open_text = ""
        self.open_visited = False
        self._start(revisit)

    # --- where we are --------------------------------------------------------------

    def _start(self, revisit: bool) -> None:
        """Start where the respondent stopped: the first question never reached, else the
        skipped ones, else (all answered) the end, or question 1 when revisiting."""
        first = next((i for i, q in enumerate(self.questions) if q.id not in self.answers), None)
        open_first = next(
            (i for i, q in enumerate(self.open_questions) if q.id not in self.open_answers), None
        )
        if first is not None:
            self._go(first)
        elif open_first is not None and not revisit:
            self._open_at(open_first)
        elif self.unanswered():
            self.mode = Mode.REVIEW
        elif revisit and self.questions:
            self._go(0)
            self.message = "every question has an answer; change any, or q to leave"
        else:
            self.mode = Mode.DONE

    @property
    def index(self) -> int:
        """The position of the question on screen in the bank's list for this role."""
        return self.sequence[self.step]

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    @property
    def scale(self) -> Scale:
        return self.bank.scale(self.question.scale)

    def unanswered(self) -> list[Question]:
        """Questions skipped (or never reached): offered again at the end."""
        return [q for q in self.questions if self.answers.get(q.id) is None]

    @property
    def given(self) -> int:
        return sum(1 for q in self.questions if self.answers.get(q.id) is not None)

    def _go(self, index: int) -> None:
        self.step = self.sequence.index(index)
        self._arrive()

    def _arrive(self) -> None:
        self.pending = ""
        self.show_probe = False
        self.shown_at = self.clock()

    # --- keys ------------------------------------------------------------------------

    def press(self, key: str) -> list[Effect]:
        """Apply one key; return what must be saved now."""
        if key == Key.INTERRUPT:
            return self.interrupt()
        if key == Key.END_OF_INPUT:
            kept = self._typed_open_answer()
            self.mode = Mode.QUIT
            return kept
        self.message = ""
        if self.mode is Mode.QUESTION:
            return self._press_question(key)
        if self.mode is Mode.NOTE:
            return self._press_note(key)
        if self.mode is Mode.OPEN:
            return self._press_open(key)
        if self.mode is Mode.OPEN_TEXT:
            return self._press_open_text(key)
        if self.mode is Mode.REVIEW:
            self._press_review(key)
        return []

    def _press_question(self, key: str) -> list[Effect]:
        if key.isdigit() and len(key) == 1:
            return self._digit(key)
        if key == Key.ENTER:
            return self._enter()
        self.pending = ""
        handlers: dict[str, Callable[[], list[Effect]]] = {
            "n": self._not_applicable,
            "s": self._skip,
            "b": self._back,
            "c": self._start_note,
            "?": self._toggle_probe,
            "q": self._quit,
        }
        handler = handlers.get(key.lower() if len(key) == 1 else key)
        if handler is None:
            self.message = "that key does nothing here"  # the legend is on screen already
            return []
        return handler()

    def _values(self) -> list[str]:
        return [str(point.value) for point in self.scale.points]

    def _digit(self, digit: str) -> list[Effect]:
        typed = self.pending + digit
        values = self._values()
        longer = [v for v in values if v.startswith(typed) and v != typed]
        if typed in values and not longer:
            return self._answer(int(typed))
        if longer:
            self.pending = typed
            self.message = f"{typed}… (Enter to confirm {typed})" if typed in values else ""
            return []
        self.pending = ""
        self.message = f"{typed} is not an option; answer {self.scale.low}..{self.scale.high}"
        return []

    def _enter(self) -> list[Effect]:
        if self.pending and self.pending in self._values():
            return self._answer(int(self.pending))
        self.pending = ""
        if self.question.id in self.answers:
            self._advance()
        else:
            self.message = "press a number to answer, or s to skip"
        return []

    def _not_applicable(self) -> list[Effect]:
        if not self.scale.not_applicable:
            self.message = "this question has no 'not applicable' option"
            return []
        return self._answer("n/a")

    def _skip(self) -> list[Effect]:
        if self.answers.get(self.question.id) is not None:
            self._advance()  # an answer already given is kept: skip only moves on
            return []
        return self._answer(None)

    def _back(self) -> list[Effect]:
        if self.step == 0:
            self.message = "this is the first question"
        else:
            self.step -= 1
            self._arrive()
        return []

    def _start_note(self) -> list[Effect]:
        self.mode = Mode.NOTE
        self.note_text = ""
        return []

    def _toggle_probe(self) -> list[Effect]:
        if self.question.probe is None:
            self.message = "this question has no probe"
        else:
            self.show_probe = not self.show_probe
        return []

    def _quit(self) -> list[Effect]:
        self.mode = Mode.QUIT
        return []

    def _answer(self, value: Answer) -> list[Effect]:
        question = self.question
        seconds = round(max(self.clock() - self.shown_at, 0.0), 1)
        self.answers[question.id] = value
        self._advance()
        return [AnswerGiven(question.id, value, seconds)]

    def _advance(self) -> None:
        if self.step + 1 < len(self.sequence):
            self.step += 1
            self._arrive()
            return
        self._end_of_items()

    def _end_of_items(self) -> None:
        """After the last scale item: the open questions once, then the skipped, then done."""
        if self.open_questions and not self.open_visited:
            self._open_at(0)
            return
        self.mode = Mode.REVIEW if self.unanswered() else Mode.DONE

    # --- open questions ------------------------------------------------------------

    @property
    def open_question(self) -> OpenQuestion:
        return self.open_questions[self.open_step]

    def _open_at(self, step: int) -> None:
        self.mode = Mode.OPEN
        self.open_step = step
        self.open_text = ""
        self.show_probe = False

    def _press_open(self, key: str) -> list[Effect]:
        lowered = key.lower() if len(key) == 1 else key
        if lowered in (Key.ENTER, "a"):
            # An answer written before is the line to edit, not a blank to type it again in.
            self.mode = Mode.OPEN_TEXT
            self.open_text = self.open_answers.get(self.open_question.id, "")
        elif lowered == "s":
            self._next_open()
        elif lowered == "b":
            if self.open_step > 0:
                self._open_at(self.open_step - 1)
            elif self.questions:
                self.mode = Mode.QUESTION
                self.step = len(self.sequence) - 1
                self._arrive()
            else:
                self.message = "this is the first question"
        elif lowered == "?":
            if self.open_question.probe is None:
                self.message = "this question has no probe"
            else:
                self.show_probe = not self.show_probe
        elif lowered == "q":
            self.mode = Mode.QUIT
        else:
            self.message = f"that key does nothing here; {self.open_keys_help()}"
        return []

    def _press_open_text(self, key: str) -> list[Effect]:
        if key == Key.ENTER:
            text = self.open_text.strip()
            self.open_text = ""
            if not text:
                self.mode = Mode.OPEN
                self.message = "empty answer not saved"
                return []
            question = self.open_question
            unchanged = self.open_answers.get(question.id) == text
            self.open_answers[question.id] = text
            self._next_open()
            return [] if unchanged else [OpenAnswerGiven(question.id, text)]
        if key == Key.ESCAPE:
            self.mode = Mode.OPEN
            self.open_text = ""
            self.message = "answer not saved"
        elif key == Key.BACKSPACE:
            self.open_text = self.open_text[:-1]
        elif is_typed_text(key):
            if len(self.open_text) < MAX_OPEN_ANSWER:
                self.open_text += key
            else:
                self.message = (
                    f"an answer holds at most {MAX_OPEN_ANSWER:,} characters: Enter saves it"
                )
        return []

    def interrupt(self) -> list[Effect]:
        """Ctrl-C (or a termination signal): stop, keeping an open answer being typed."""
        kept = self._typed_open_answer()
        self.mode = Mode.INTERRUPTED
        return kept

    def _typed_open_answer(self) -> list[Effect]:
        """What is in the open-answer editor, as an answer to save: a person's words are
        never dropped because the session ended while they were typing."""
        if self.mode is not Mode.OPEN_TEXT:
            return []
        text = self.open_text.strip()
        question = self.open_question
        if not text or text == self.open_answers.get(question.id):
            return []
        self.open_answers[question.id] = text
        return [OpenAnswerGiven(question.id, text)]

    def _next_open(self) -> None:
        if self.open_step + 1 < len(self.open_questions):
            self._open_at(self.open_step + 1)
            return
        self.open_visited = True
        self.mode = Mode.REVIEW if self.unanswered() else Mode.DONE

    def open_keys_help(self) -> str:
        return f"Enter write your answer · s skip · b back · ? probe · {self.quit_help}"

    def _press_note(self, key: str) -> list[Effect]:
        if key == Key.ENTER:
            text = self.note_text.strip()
            self.mode = Mode.QUESTION
            self.note_text = ""
            if not text:
                self.message = "empty note not saved"
                return []
            self.notes.setdefault(self.question.id, []).append(text)
            self.message = "note saved"
            return [NoteWritten(self.question.id, text)]
        if key == Key.ESCAPE:
            self.mode = Mode.QUESTION
            self.note_text = ""
            self.message = "note cancelled"
        elif key == Key.BACKSPACE:
            self.note_text = self.note_text[:-1]
        elif is_typed_text(key):
            if len(self.note_text) < MAX_NOTE:
                self.note_text += key
            else:
                self.message = f"a note holds at most {MAX_NOTE:,} characters: Enter saves it"
        return []

    def _press_review(self, key: str) -> None:
        lowered = key.lower() if len(key) == 1 else key
        if lowered in ("y", Key.ENTER):
            self.sequence = [self.questions.index(q) for q in self.unanswered()]
            self.revisiting = True
            self.step = 0
            self.mode = Mode.QUESTION
            self._arrive()
        elif lowered in ("n", Key.ESCAPE):
            self.mode = Mode.DONE
        elif lowered == "q":
            self.mode = Mode.QUIT
        else:
            self.message = f"y to revisit the skipped questions, n to finish, {self.quit_help}"

    def keys_help(self, *, short: bool = False) -> str:
        """The legend of keys; ``short`` fits one line of 60 columns (a small terminal)."""
        scale = self.scale
        parts = [f"{scale.low}-{scale.high}" if short else f"{scale.low}-{scale.high} answer"]
        if scale.not_applicable:
            parts.append("n n/a" if short else "n not applicable")
        parts += ["s skip", "b back", "c note", "? probe", "q quit" if short else self.quit_help]
        return " · ".join(parts)
