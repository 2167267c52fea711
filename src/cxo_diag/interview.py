"""The interactive flow: one question a screen, single keys, every answer saved as given.

The flow is a pure state machine: ``InterviewFlow.press(key)`` changes its state and returns
the effects to persist (an answer, a note); ``render_screen`` turns its state into text. The
terminal (raw keys, clearing the screen) lives in ``terminal_keys.py`` and the store in
``store/``; ``run_flow`` joins them. So every key can be unit-tested without a terminal.
"""

from __future__ import annotations

import enum
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rich.console import Group, RenderableType
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from cxo_diag.answers import NOT_APPLICABLE, Answer
from cxo_diag.bank.model import Bank, OpenQuestion, Question, Scale
from cxo_diag.report.console import capture
from cxo_diag.text import clean

MAX_NOTE = 2000


class Key(enum.StrEnum):
    """Keys that are not plain characters, as the key reader reports them."""

    ENTER = "<enter>"
    ESCAPE = "<escape>"
    BACKSPACE = "<backspace>"
    INTERRUPT = "<ctrl-c>"
    END_OF_INPUT = "<eof>"
    OTHER = "<other>"


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
MAX_OPEN_ANSWER = 2000


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


def plain(text: str) -> str:
    """Text from a bank or a respondent, with control characters (ANSI escapes, bidi
    overrides) made visible and harmless, as in every report: shown, never obeyed."""
    return clean(text)


def is_typed_text(key: str) -> bool:
    """A key that adds to a line of text (not a command key or a control character)."""
    return len(key) == 1 and not unicodedata.category(key).startswith("C")


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
        elif is_typed_text(key) and len(self.open_text) < MAX_OPEN_ANSWER:
            self.open_text += key
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
        elif is_typed_text(key) and len(self.note_text) < MAX_NOTE:
            self.note_text += key
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


# --- a one-key choice (the role, the bank) --------------------------------------------


@dataclass
class ChoiceFlow:
    """Pick one of a few options by its number (assess asks for the role this way)."""

    title: str
    options: Sequence[str]
    chosen: int | None = None
    cancelled: bool = False
    interrupted: bool = False
    pending: str = ""
    message: str = ""

    @property
    def active(self) -> bool:
        return self.chosen is None and not self.cancelled

    def press(self, key: str) -> None:
        self.message = ""
        if key in (Key.INTERRUPT, Key.END_OF_INPUT) or key.lower() == "q":
            self.cancelled = True
            self.interrupted = key == Key.INTERRUPT  # Ctrl-C, not a chosen way out
            return
        numbers = [str(i) for i in range(1, len(self.options) + 1)]
        if key == Key.ENTER and self.pending in numbers:
            self.chosen = int(self.pending) - 1
            return
        if not (len(key) == 1 and key.isdigit()):
            self.pending = ""
            self.message = f"press 1..{len(self.options)}, or q to leave"
            return
        typed = self.pending + key
        longer = [n for n in numbers if n.startswith(typed) and n != typed]
        if typed in numbers and not longer:
            self.chosen = int(typed) - 1
        elif longer:
            self.pending = typed
        else:
            self.pending = ""
            self.message = f"{typed} is not an option"


# --- screens -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """Who and what the screen is about (shown on every screen)."""

    respondent: str
    role_title: str
    engagement: str | None = None
    extra: list[str] = field(default_factory=list)
    #: The engagement's round the answers go to (an interview; a self-assessment has none).
    round_number: int | None = None


def _heading(flow: InterviewFlow, heading: Heading, *, one_line: bool = False) -> Text:
    parts = [heading.engagement] if heading.engagement else []
    if heading.round_number is not None:
        parts.append(f"round {heading.round_number}")
    parts += [f"{heading.respondent} ({heading.role_title})", flow.bank.title]
    text = Text(plain(" · ".join(parts)), style="dim")
    if one_line:
        text.no_wrap, text.overflow = True, "ellipsis"
    return text


@dataclass
class Screen:
    """A screen in three parts: the header (who, where, how far) is never cut; the body is
    shortened from the bottom when the terminal is too small; the footer (keys, message)
    stays last."""

    header: list[RenderableType]
    body: list[RenderableType]
    footer: list[RenderableType]


#: How much a screen gives up to fit a short terminal, step by step: 0 nothing; 1 blank
#: lines, a one-line header and a short legend; 2 the options in two columns.
COMPACT_LEVELS = (0, 1, 2)


def _options(flow: InterviewFlow, *, columns: int) -> Table:
    question, scale = flow.question, flow.scale
    current = flow.answers.get(question.id, "unset")
    cells: list[tuple[str, str, str]] = [
        ("›" if current == point.value else " ", str(point.value), plain(point.label))
        for point in scale.points
    ]
    if scale.not_applicable:
        label = "Not applicable / don't know" if columns == 1 else "Not applicable"
        cells.append(("›" if current == NOT_APPLICABLE else " ", "n", label))
    options = Table.grid(padding=(0, 2 if columns == 1 else 1))
    rows = -(-len(cells) // columns)
    for row in range(rows):
        line: list[RenderableType] = []
        for column in range(columns):
            index = column * rows + row
            marker, key, label = cells[index] if index < len(cells) else ("", "", "")
            line += [marker, Text(key, style="bold"), Text(label)]
        options.add_row(*line)
    return options


def _question_screen(flow: InterviewFlow, heading: Heading, level: int) -> Screen:
    question = flow.question
    total = len(flow.questions)
    dimension = flow.bank.dimension(question.dimension)
    place = f"question {flow.index + 1} of {total}"
    if flow.revisiting:
        place += f" · skipped question {flow.step + 1} of {len(flow.sequence)}"
    progress = Table.grid(padding=(0, 2))
    progress.add_row(
        Text(place, style="bold"),
        ProgressBar(total=max(total, 1), completed=flow.given, width=30),
        Text(f"{flow.given} answered"),
    )
    title = Text(plain(dimension.title), style="bold cyan")
    if level:
        title.no_wrap, title.overflow = True, "ellipsis"
    gap: list[RenderableType] = [] if level else [Text("")]
    body: list[RenderableType] = [
        *gap,
        Text(plain(question.wording_for(flow.role)), style="bold"),
        *gap,
        _options(flow, columns=2 if level >= 2 else 1),
        *gap,
    ]
    if flow.answers.get(question.id, "unset") is None:
        body.append(Text("Skipped so far.", style="yellow"))
    if flow.show_probe and question.probe:
        body.append(Text.assemble(("Probe: ", "bold magenta"), plain(question.probe)))
    for note in flow.notes.get(question.id, []):
        body.append(Text.assemble(("Note: ", "bold"), plain(note)))
    footer: list[RenderableType]
    if flow.mode is Mode.NOTE:
        footer = [
            Text.assemble(("Note (Enter saves, Esc cancels): ", "bold"), plain(flow.note_text))
        ]
    else:
        footer = [Text(flow.keys_help(short=level > 0), style="dim")]
    return Screen([_heading(flow, heading, one_line=level > 0), title, progress], body, footer)


def _open_screen(flow: InterviewFlow, heading: Heading, level: int) -> Screen:
    """An open question: the wording, what was written so far, and a line editor."""
    question = flow.open_question
    total = len(flow.open_questions)
    dimension = flow.bank.dimension(question.dimension)
    place = Text(
        f"open question {flow.open_step + 1} of {total} · in your own words, never scored",
        style="bold",
    )
    title = Text(plain(dimension.title), style="bold cyan")
    gap: list[RenderableType] = [] if level else [Text("")]
    body: list[RenderableType] = [
        *gap,
        Text(plain(question.wording_for(flow.role)), style="bold"),
        *gap,
    ]
    written = flow.open_answers.get(question.id)
    if written is not None:
        body.append(Text.assemble(("Your answer: ", "bold"), plain(written)))
    if flow.show_probe and question.probe:
        body.append(Text.assemble(("Probe: ", "bold magenta"), plain(question.probe)))
    footer: list[RenderableType]
    if flow.mode is Mode.OPEN_TEXT:
        footer = [
            Text.assemble(("Answer (Enter saves, Esc cancels): ", "bold"), plain(flow.open_text))
        ]
    else:
        footer = [Text(flow.open_keys_help(), style="dim")]
    return Screen([_heading(flow, heading, one_line=level > 0), title, place], body, footer)


def _review_screen(flow: InterviewFlow, heading: Heading, level: int) -> Screen:
    skipped = flow.unanswered()
    listing = Table.grid(padding=(0, 2))
    for question in skipped:
        number = flow.questions.index(question) + 1
        listing.add_row(
            Text(str(number), style="bold"), Text(plain(question.wording_for(flow.role)))
        )
    noun = "question" if len(skipped) == 1 else "questions"
    return Screen(
        [
            _heading(flow, heading, one_line=level > 0),
            Text(f"{len(skipped)} {noun} without an answer:", style="bold"),
        ],
        [listing] if level else [listing, Text("")],
        [Text(f"Revisit them now?  y yes · n no, finish · {flow.quit_help}", style="bold")],
    )


def _lines(parts: list[RenderableType], *, color: bool, width: int) -> list[str]:
    if not parts:
        return []
    with capture(color=color, width=width) as (console, buffer):
        console.print(Group(*parts))
    return buffer.getvalue().splitlines()


def render_screen(
    flow: InterviewFlow,
    heading: Heading,
    *,
    color: bool = False,
    width: int = 100,
    height: int | None = None,
) -> str:
    """The screen for the flow's current state, as text (with ANSI styles when color).

    With ``height`` (the terminal's lines) the screen fits in one line fewer, so printing it
    never scrolls: it gets more compact step by step, then the body (the probe and notes
    last on it) is cut short with "…". The header is never cut.
    """
    build = (
        _review_screen
        if flow.mode is Mode.REVIEW
        else _open_screen
        if flow.mode in (Mode.OPEN, Mode.OPEN_TEXT)
        else _question_screen
    )
    message = [Text(plain(flow.message), style="yellow")] if flow.message else []
    room = None if height is None else max(height - 1, 1)
    for level in COMPACT_LEVELS:
        screen = build(flow, heading, level)
        header = _lines(screen.header, color=color, width=width)
        body = _lines(screen.body, color=color, width=width)
        footer = _lines([*screen.footer, *message], color=color, width=width)
        if room is None or len(header) + len(body) + len(footer) <= room:
            break
    if room is not None and len(header) + len(body) + len(footer) > room:
        footer = footer[: max(room - len(header), 0)]
        keep = max(room - len(header) - len(footer), 0)
        body = [*body[: keep - 1], "…"] if keep else []
        header = header[:room]
    return "".join(line + "\n" for line in [*header, *body, *footer])


def render_choice(choice: ChoiceFlow, *, color: bool = False, width: int = 100) -> str:
    listing = Table.grid(padding=(0, 2))
    for number, label in enumerate(choice.options, start=1):
        listing.add_row(Text(str(number), style="bold"), Text(plain(label)))
    parts: list[RenderableType] = [
        Text(plain(choice.title), style="bold"),
        listing,
        Text(""),
        Text(f"press 1..{len(choice.options)} · q leave", style="dim"),
    ]
    if choice.message:
        parts.append(Text(plain(choice.message), style="yellow"))
    with capture(color=color, width=width) as (console, buffer):
        console.print(Group(*parts))
    return buffer.getvalue()


@dataclass(frozen=True)
class Tally:
    questions: int
    answered: int
    not_applicable: int
    skipped: int
    notes: int
    open_answers: int = 0


def tally(flow: InterviewFlow) -> Tally:
    values = [flow.answers.get(q.id) for q in flow.questions]
    return Tally(
        questions=len(values),
        answered=sum(1 for v in values if isinstance(v, int)),
        not_applicable=sum(1 for v in values if v == NOT_APPLICABLE),
        skipped=sum(1 for v in values if v is None),
        notes=sum(len(texts) for texts in flow.notes.values()),
        open_answers=sum(1 for q in flow.open_questions if q.id in flow.open_answers),
    )


def render_summary(
    flow: InterviewFlow, heading: Heading, *, color: bool = False, width: int = 100
) -> str:
    """The respondent's summary at the end: how much was answered, per dimension."""
    table = Table(title="Answers by dimension", title_justify="left")
    for column in ("dimension", "answered", "not applicable", "skipped"):
        table.add_column(column, justify="left" if column == "dimension" else "right")
    for dimension in flow.bank.dimensions:
        mine = [flow.answers.get(q.id) for q in flow.questions if q.dimension == dimension.id]
        if not mine:
            continue
        table.add_row(
            Text(plain(dimension.title)),
            f"{sum(1 for v in mine if isinstance(v, int))} of {len(mine)}",
            str(sum(1 for v in mine if v == NOT_APPLICABLE)),
            str(sum(1 for v in mine if v is None)),
        )
    counts = tally(flow)
    notes = "1 note" if counts.notes == 1 else f"{counts.notes} notes"
    line = (
        f"{counts.answered} of {counts.questions} answered, {counts.not_applicable} not "
        f"applicable, {counts.skipped} skipped, {notes}."
    )
    if flow.open_questions:
        line += f" {counts.open_answers} of {len(flow.open_questions)} open questions answered."
    with capture(color=color, width=width) as (console, buffer):
        console.print(
            Group(
                _heading(flow, heading),
                Text("Thank you: the interview is complete.", style="bold green"),
                Text(line),
                table,
            )
        )
    return buffer.getvalue()


# --- running a flow -----------------------------------------------------------------------


class KeySource(Protocol):
    def read_key(self) -> str: ...


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


def run_flow(
    flow: InterviewFlow,
    keys: KeySource,
    show: Callable[[str], None],
    sink: Sink,
    draw: Callable[[InterviewFlow], str],
) -> Mode:
    """Show a screen, read a key, save what it gave; until done, quit or interrupted.

    Each effect reaches the sink before the next key is read, so whatever has been
    answered is saved even if the process is killed on the next screen.
    """
    try:
        while flow.mode in ACTIVE_MODES:
            show(draw(flow))
            apply(flow.press(keys.read_key()), sink)
    except KeyboardInterrupt:
        apply(flow.interrupt(), sink)
    return flow.mode


def run_choice(
    choice: ChoiceFlow,
    keys: KeySource,
    show: Callable[[str], None],
    draw: Callable[[ChoiceFlow], str],
) -> int | None:
    try:
        while choice.active:
            show(draw(choice))
            choice.press(keys.read_key())
    except KeyboardInterrupt:
        choice.cancelled = True
        choice.interrupted = True
    return choice.chosen
