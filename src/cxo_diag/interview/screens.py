"""The screens of a flow, rendered with rich: the question, the open question, the review,
the choice, and the summary at the end. Text from a bank or a respondent is shown with its
control characters made visible (``text.clean``): shown, never obeyed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Group, RenderableType
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from cxo_diag.answers import NOT_APPLICABLE
from cxo_diag.interview.choice import ChoiceFlow
from cxo_diag.interview.flow import InterviewFlow, Mode
from cxo_diag.report.console import capture
from cxo_diag.text import clean


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
    text = Text(clean(" · ".join(parts)), style="dim")
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
        ("›" if current == point.value else " ", str(point.value), clean(point.label))
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
    title = Text(clean(dimension.title), style="bold cyan")
    if level:
        title.no_wrap, title.overflow = True, "ellipsis"
    gap: list[RenderableType] = [] if level else [Text("")]
    body: list[RenderableType] = [
        *gap,
        Text(clean(question.wording_for(flow.role)), style="bold"),
        *gap,
        _options(flow, columns=2 if level >= 2 else 1),
        *gap,
    ]
    if flow.answers.get(question.id, "unset") is None:
        body.append(Text("Skipped so far.", style="yellow"))
    if flow.show_probe and question.probe:
        body.append(Text.assemble(("Probe: ", "bold magenta"), clean(question.probe)))
    for note in flow.notes.get(question.id, []):
        body.append(Text.assemble(("Note: ", "bold"), clean(note)))
    footer: list[RenderableType]
    if flow.mode is Mode.NOTE:
        footer = [
            Text.assemble(("Note (Enter saves, Esc cancels): ", "bold"), clean(flow.note_text))
        ]
    else:
        footer = [Text(flow.keys_help(short=level > 0), style="dim")]
    return Screen([_heading(flow, heading, one_line=level > 0), title, progress], body, footer)


def _open_screen(flow: InterviewFlow, heading: Heading, level: int) -> Screen:
    """An open question: the wording, what was written so far, and a line editor."""
    question = flow.open_question
    total = len(flow.open_questions)
    dimension = flow.bank.dimension(question.dimension)
    # Told before writing: a shareable answer may reach the client's report, unattributed.
    shared = ", may reach the client's report without your name" if question.shareable else ""
    place = Text(
        f"open question {flow.open_step + 1} of {total} · in your own words, never scored{shared}",
        style="bold",
    )
    title = Text(clean(dimension.title), style="bold cyan")
    gap: list[RenderableType] = [] if level else [Text("")]
    body: list[RenderableType] = [
        *gap,
        Text(clean(question.wording_for(flow.role)), style="bold"),
        *gap,
    ]
    written = flow.open_answers.get(question.id)
    if written is not None:
        body.append(Text.assemble(("Your answer: ", "bold"), clean(written)))
    if flow.show_probe and question.probe:
        body.append(Text.assemble(("Probe: ", "bold magenta"), clean(question.probe)))
    footer: list[RenderableType]
    if flow.mode is Mode.OPEN_TEXT:
        footer = [
            Text.assemble(("Answer (Enter saves, Esc cancels): ", "bold"), clean(flow.open_text))
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
            Text(str(number), style="bold"), Text(clean(question.wording_for(flow.role)))
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
    message = [Text(clean(flow.message), style="yellow")] if flow.message else []
    room = None if height is None else max(height - 1, 1)
    for level in COMPACT_LEVELS:
        screen = build(flow, heading, level)
        header = _lines(screen.header, color=color, width=width)
        body = _lines(screen.body, color=color, width=width)
        footer = _lines([*screen.footer, *message], color=color, width=width)
        if room is None or len(header) + len(body) + len(footer) <= room:
            break
    if room is not None and len(header) + len(body) + len(footer) > room:
        # a footer taller than the room is a long line being typed: its end, where the
        # typing goes on, and the message after it stay in view
        fits = max(room - len(header), 0)
        if len(footer) > fits:
            tail = footer[len(footer) - fits :]
            footer = ["…", *tail[1:]] if fits > 1 else tail
        keep = max(room - len(header) - len(footer), 0)
        body = [*body[: keep - 1], "…"] if keep else []
        header = header[:room]
    return "".join(line + "\n" for line in [*header, *body, *footer])


def render_choice(choice: ChoiceFlow, *, color: bool = False, width: int = 100) -> str:
    listing = Table.grid(padding=(0, 2))
    for number, label in enumerate(choice.options, start=1):
        listing.add_row(Text(str(number), style="bold"), Text(clean(label)))
    parts: list[RenderableType] = [
        Text(clean(choice.title), style="bold"),
        listing,
        Text(""),
        Text(f"press 1..{len(choice.options)} · q leave", style="dim"),
    ]
    if choice.message:
        parts.append(Text(clean(choice.message), style="yellow"))
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
            Text(clean(dimension.title)),
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
