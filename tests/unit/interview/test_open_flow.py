"""Open questions in the interview flow (the keys, without a terminal).

OF01 open questions come after every scale item, then the skipped items, then the end.
OF02 Enter opens a line editor; Enter saves the text (an effect to persist now), Esc and an
     empty line save nothing; s skips; b goes back, past the first open question to the last
     scale item.
OF03 a resumed flow starts at the first open question without an answer and shows what was
     written; hostile text is shown as typed.
OF04 nothing typed is lost: the editor opens on the answer written before (Esc keeps it,
     an unchanged Enter saves no duplicate, an edit is a new answer), and Ctrl-C or the end
     of input while typing saves the line typed so far.
OF04 an open answer as long as an answers file keeps is typed whole; a key past that is
     refused with a message, never dropped unsaid.
OF05 a shareable open question says on its screen that its answer may reach the client,
     unattributed.
"""

from __future__ import annotations

from cxo_diag.answers import MAX_OPEN_ANSWER
from cxo_diag.bank.registry import open_bank
from cxo_diag.interview.effects import OpenAnswerGiven
from cxo_diag.interview.flow import InterviewFlow, Mode
from cxo_diag.interview.keys import Key
from cxo_diag.interview.screens import Heading, render_screen

HEADING = Heading(respondent="Ana", role_title="Chief Operating Officer", engagement="acme")


def flow(**kwargs: object) -> InterviewFlow:
    return InterviewFlow(open_bank("mini").bank, "coo", **kwargs)  # type: ignore[arg-type]


def mode_of(f: InterviewFlow) -> Mode:
    """The mode now (a call, so that mypy does not keep a narrowed mode across presses)."""
    return f.mode


def test_of01_open_questions_after_the_scale_items_then_review() -> None:
    f = flow()
    f.press("4")
    f.press("s")
    f.press("2")
    assert mode_of(f) is Mode.OPEN
    assert "open question 1 of 3" in render_screen(f, HEADING)
    for _ in range(3):
        f.press("s")
    assert mode_of(f) is Mode.REVIEW  # res-02 was skipped: offered again after the open ones
    f.press("n")
    assert mode_of(f) is Mode.DONE


def test_of02_line_editor_saves_on_enter_only() -> None:
    f = flow(answers={"res-01": 4, "res-02": 2, "res-03": 5})
    assert mode_of(f) is Mode.OPEN and f.open_question.id == "res-open"
    f.press(Key.ENTER)
    assert mode_of(f) is Mode.OPEN_TEXT
    for key in "Say no":
        f.press(key)
    f.press(Key.ESCAPE)
    assert mode_of(f) is Mode.OPEN and f.open_answers == {}
    f.press(Key.ENTER)
    assert f.press(Key.ENTER) == [] and "empty answer not saved" in f.message
    f.press("a")
    for key in "Agree the criteria":
        f.press(key)
    effects = f.press(Key.ENTER)
    assert effects == [OpenAnswerGiven("res-open", "Agree the criteria")]
    assert f.open_question.id == "res-open-criteria"
    f.press("b")
    f.press("b")
    assert mode_of(f) is Mode.QUESTION and f.question.id == "res-03"


def test_of03_resume_starts_at_the_first_unanswered_open_question_text_shown_as_typed() -> None:
    hostile = "<script>x</script> [bold]y[/] \x1b[31m"
    f = flow(
        answers={"res-01": 4, "res-02": 2, "res-03": 5},
        open_answers={"res-open": hostile},
    )
    assert f.open_question.id == "res-open-criteria"
    f.press("b")
    screen = render_screen(f, HEADING)
    assert "Your answer: <script>x</script> [bold]y[/]" in screen
    assert "\x1b[31m" not in screen  # the escape is made visible, never obeyed


def test_of04_a_written_answer_is_edited_not_retyped() -> None:
    f = flow(answers={"res-01": 4, "res-02": 2, "res-03": 5}, open_answers={"res-open": "Ask"})
    f.press("b")  # from res-open-criteria back to the answered one
    assert f.open_question.id == "res-open"
    f.press(Key.ENTER)
    assert f.open_text == "Ask"
    for _ in "Ask":
        f.press(Key.BACKSPACE)
    f.press(Key.ESCAPE)  # cancelled: the answer written before stays
    assert f.open_answers == {"res-open": "Ask"}
    f.press(Key.ENTER)
    assert f.press(Key.ENTER) == []  # unchanged: nothing new to save
    assert f.open_question.id == "res-open-criteria"
    f.press("b")
    f.press(Key.ENTER)
    for key in " first":
        f.press(key)
    assert f.press(Key.ENTER) == [OpenAnswerGiven("res-open", "Ask first")]


def test_of04_ctrl_c_or_end_of_input_while_typing_keeps_the_words() -> None:
    for stop, mode in ((Key.INTERRUPT, Mode.INTERRUPTED), (Key.END_OF_INPUT, Mode.QUIT)):
        f = flow(answers={"res-01": 4, "res-02": 2, "res-03": 5})
        f.press(Key.ENTER)
        for key in "Half a thought":
            f.press(key)
        assert f.press(stop) == [OpenAnswerGiven("res-open", "Half a thought")]
        assert mode_of(f) is mode
    f = flow(answers={"res-01": 4, "res-02": 2, "res-03": 5})
    assert f.press(Key.INTERRUPT) == []  # nothing being typed: nothing to save


def test_of04_an_open_answer_as_long_as_an_answers_file_keeps_is_typed_whole() -> None:
    f = flow(answers={"res-01": 4, "res-02": 2, "res-03": 5})
    f.press(Key.ENTER)
    typed = ("We agree " * MAX_OPEN_ANSWER)[:MAX_OPEN_ANSWER]
    for key in typed:
        f.press(key)
    assert f.message == ""
    f.press("x")
    assert f.message == f"an answer holds at most {MAX_OPEN_ANSWER:,} characters: Enter saves it"
    assert f.press(Key.ENTER) == [OpenAnswerGiven("res-open", typed.strip())]


def test_of05_the_screen_says_when_an_answer_may_reach_the_client() -> None:
    f = flow(answers={"res-01": 4, "res-02": 2, "res-03": 5})
    assert f.open_question.id == "res-open"  # not shareable
    assert "client" not in render_screen(f, HEADING, width=200)
    f.press("s")
    assert f.open_question.id == "res-open-criteria"  # shareable: true
    assert "may reach the client's report without your name" in render_screen(f, HEADING, width=200)
