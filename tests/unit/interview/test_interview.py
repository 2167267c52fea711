"""The interview state machine, its screens, and the key reader: every key, no terminal."""

from __future__ import annotations

import os
import pty
import termios
from collections.abc import Iterator
from typing import Any

import pytest

from cxo_diag.answers import MAX_NOTE, AnswerSet, BankRef, Respondent
from cxo_diag.bank.model import Bank
from cxo_diag.interview.choice import ChoiceFlow
from cxo_diag.interview.effects import AnswerGiven, MemorySink, NoteWritten
from cxo_diag.interview.flow import InterviewFlow, Mode
from cxo_diag.interview.keys import Key
from cxo_diag.interview.runner import run_flow
from cxo_diag.interview.screens import Heading, render_screen, render_summary, tally
from cxo_diag.terminal_keys import TerminalKeys

HEADING = Heading(respondent="Ana", role_title="Chief Operating Officer", engagement="acme")


def tiny_bank(**overrides: Any) -> Bank:
    """Three questions on two dimensions; both roles answer all of them."""
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": "tiny",
        "version": "1.0.0",
        "title": "Tiny bank",
        "roles": [{"id": "coo", "title": "COO"}, {"id": "cmo", "title": "CMO"}],
        "scales": [
            {
                "id": "agree5",
                "points": [{"value": v, "label": f"label {v}"} for v in range(1, 6)],
            }
        ],
        "dimensions": [
            {
                "id": "money",
                "title": "Money",
                "bands": [{"id": "ok", "label": "OK", "from": 0, "to": 100}],
            },
            {
                "id": "talk",
                "title": "Talk",
                "bands": [{"id": "ok", "label": "OK", "from": 0, "to": 100}],
            },
        ],
        "questions": [
            {
                "id": "q1",
                "dimension": "money",
                "scale": "agree5",
                "text": "First?",
                "probe": "Why first?",
            },
            {
                "id": "q2",
                "dimension": "money",
                "scale": "agree5",
                "text": {"coo": "Second for the COO?", "cmo": "Second for the CMO?"},
            },
            {"id": "q3", "dimension": "talk", "scale": "agree5", "text": "Third?"},
        ],
        "rules": [
            {"id": "r", "when": {"gap": {"dimension": "money", "at_least": 10}}, "recommend": "p"}
        ],
        "practices": [],
    }
    data.update(overrides)
    return Bank.model_validate(data)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def flow_for(bank: Bank | None = None, **kwargs: Any) -> InterviewFlow:
    return InterviewFlow(bank or tiny_bank(), "coo", clock=FakeClock(), **kwargs)


def mode_of(flow: InterviewFlow) -> Mode:
    return flow.mode


def press_all(flow: InterviewFlow, keys: list[str]) -> list[Any]:
    effects: list[Any] = []
    for key in keys:
        effects += flow.press(key)
    return effects


def test_a_digit_answers_and_moves_to_the_next_question() -> None:
    clock = FakeClock()
    flow = InterviewFlow(tiny_bank(), "coo", clock=clock)
    clock.now += 7.25
    assert flow.press("4") == [AnswerGiven("q1", 4, 7.2)]
    assert flow.question.id == "q2"


def test_the_flow_starts_at_the_first_question_without_an_answer() -> None:
    flow = flow_for(answers={"q1": 2})
    assert flow.question.id == "q2"
    assert "question 2 of 3" in render_screen(flow, HEADING)


def test_a_digit_off_the_scale_answers_nothing_and_says_so() -> None:
    flow = flow_for()
    assert flow.press("7") == []
    assert flow.question.id == "q1"
    assert "7 is not an option; answer 1..5" in render_screen(flow, HEADING)


def test_n_answers_not_applicable() -> None:
    flow = flow_for()
    assert flow.press("n") == [AnswerGiven("q1", "n/a", 0.0)]


def test_n_is_refused_on_a_scale_without_not_applicable() -> None:
    bank = tiny_bank(
        scales=[
            {
                "id": "agree5",
                "not_applicable": False,
                "points": [{"value": v, "label": f"label {v}"} for v in range(1, 6)],
            }
        ]
    )
    flow = flow_for(bank)
    assert flow.press("n") == []
    assert "no 'not applicable' option" in flow.message
    assert "n not applicable" not in render_screen(flow, HEADING)


def test_s_records_a_skip_and_b_goes_back_to_it() -> None:
    flow = flow_for()
    assert flow.press("s") == [AnswerGiven("q1", None, 0.0)]
    flow.press("b")
    assert flow.question.id == "q1"
    assert "Skipped so far." in render_screen(flow, HEADING)


def test_going_back_shows_the_answer_and_enter_keeps_it() -> None:
    flow = flow_for()
    press_all(flow, ["2", "b"])
    screen = render_screen(flow, HEADING)
    assert "›  2  label 2" in screen
    assert flow.press(Key.ENTER) == []
    assert flow.question.id == "q2"


def test_skip_on_an_answered_question_keeps_the_answer() -> None:
    flow = flow_for()
    press_all(flow, ["2", "b"])
    assert flow.press("s") == []
    assert flow.answers["q1"] == 2


def test_back_on_the_first_question_stays_there() -> None:
    flow = flow_for()
    flow.press("b")
    assert flow.question.id == "q1"
    assert flow.message == "this is the first question"


def test_a_note_is_typed_edited_and_saved_for_the_question_on_screen() -> None:
    flow = flow_for()
    effects = press_all(flow, ["c", "b", "u", "x", Key.BACKSPACE, "d", " ", "é", Key.ENTER])
    assert effects == [NoteWritten("q1", "bud é")]
    assert flow.mode is Mode.QUESTION
    assert flow.question.id == "q1"
    assert "Note: bud é" in render_screen(flow, HEADING)


def test_note_keys_are_text_not_commands() -> None:
    flow = flow_for()
    effects = press_all(flow, ["c", "q", "5", "s", Key.ENTER])
    assert effects == [NoteWritten("q1", "q5s")]
    assert flow.mode is Mode.QUESTION


def test_escape_cancels_a_note_and_an_empty_note_is_not_saved() -> None:
    flow = flow_for()
    assert press_all(flow, ["c", "x", Key.ESCAPE]) == []
    assert press_all(flow, ["c", " ", Key.ENTER]) == []
    assert flow.notes == {}


def test_a_note_as_long_as_an_answers_file_keeps_is_typed_whole_and_stays_in_view() -> None:
    flow = flow_for()
    flow.press("c")
    typed = ("word " * MAX_NOTE)[: MAX_NOTE - 1] + "!"
    press_all(flow, list(typed))
    assert flow.message == ""
    flow.press("x")  # one more than a note holds: refused, and the screen says so
    assert flow.message == f"a note holds at most {MAX_NOTE:,} characters: Enter saves it"
    screen = render_screen(flow, HEADING, width=60, height=20).splitlines()
    assert len(screen) == 19  # nothing scrolls off: the end being typed and the message show
    assert screen[-1] == flow.message and screen[-2].endswith("word!")
    assert press_all(flow, [Key.ENTER]) == [NoteWritten("q1", typed)]
    exported = AnswerSet(  # what `export` writes of it reads back whole
        bank=BankRef(id="tiny", version="1.0.0", hash="sha256:0"),
        respondent=Respondent(name="Ana", role="coo"),
        notes={"q1": flow.notes["q1"][0]},
    )
    assert AnswerSet.model_validate_json(exported.model_dump_json()).notes["q1"] == typed


def test_question_mark_shows_the_probe_and_hides_it_again() -> None:
    flow = flow_for()
    flow.press("?")
    assert "Probe: Why first?" in render_screen(flow, HEADING)
    flow.press("?")
    assert "Probe:" not in render_screen(flow, HEADING)


def test_a_question_without_a_probe_says_so() -> None:
    flow = flow_for(answers={"q1": 1})
    flow.press("?")
    assert flow.message == "this question has no probe"


def test_q_quits_and_ctrl_c_interrupts_without_effects() -> None:
    quitting = flow_for()
    assert quitting.press("q") == []
    assert quitting.mode is Mode.QUIT
    stopping = flow_for()
    assert stopping.press(Key.INTERRUPT) == []
    assert stopping.mode is Mode.INTERRUPTED


def test_the_end_offers_the_skipped_questions_and_revisits_only_them() -> None:
    flow = flow_for()
    press_all(flow, ["s", "3", "s"])
    assert mode_of(flow) is Mode.REVIEW
    screen = render_screen(flow, HEADING)
    assert "2 questions without an answer" in screen
    assert "First?" in screen and "Third?" in screen and "Second" not in screen
    flow.press("y")
    assert flow.question.id == "q1"
    assert "question 1 of 3 · skipped question 1 of 2" in render_screen(flow, HEADING)
    assert press_all(flow, ["5", "1"]) == [AnswerGiven("q1", 5, 0.0), AnswerGiven("q3", 1, 0.0)]
    assert mode_of(flow) is Mode.DONE


def test_declining_the_revisit_finishes_with_the_skips() -> None:
    flow = flow_for()
    press_all(flow, ["s", "3", "3", "n"])
    assert flow.mode is Mode.DONE
    assert tally(flow).skipped == 1


def test_a_flow_with_every_answer_given_ends_without_review() -> None:
    flow = flow_for()
    press_all(flow, ["1", "2", "3"])
    assert flow.mode is Mode.DONE
    summary = render_summary(flow, HEADING)
    assert "3 of 3 answered, 0 not applicable, 0 skipped, 0 notes." in summary


def test_the_wording_is_the_one_for_the_role() -> None:
    flow = InterviewFlow(tiny_bank(), "cmo", answers={"q1": 3}, clock=FakeClock())
    assert "Second for the CMO?" in render_screen(flow, HEADING)


def test_two_digit_values_wait_for_the_second_digit_or_enter() -> None:
    bank = tiny_bank(
        scales=[{"id": "agree5", "points": [{"value": v, "label": f"p{v}"} for v in range(11)]}]
    )
    flow = flow_for(bank)
    assert flow.press("1") == []
    assert flow.press("0") == [AnswerGiven("q1", 10, 0.0)]
    assert flow.press("1") == []
    assert flow.press(Key.ENTER) == [AnswerGiven("q2", 1, 0.0)]
    assert flow.press("7") == [AnswerGiven("q3", 7, 0.0)]


def test_bank_text_is_shown_literally_never_as_markup_or_escape_codes() -> None:
    bank = tiny_bank(
        questions=[
            {
                "id": "q1",
                "dimension": "money",
                "scale": "agree5",
                "text": "[bold red]Loud[/bold red] \x1b[31mred\x1b[0m \u202eevil",
                "probe": "[link=http://x]click[/link]",
            }
        ],
        dimensions=[
            {
                "id": "money",
                "title": "[blink]M[/]",
                "bands": [{"id": "ok", "label": "OK", "from": 0, "to": 100}],
            }
        ],
    )
    flow = flow_for(bank)
    press_all(flow, ["c", "\x1b", "[", "2", "J", "[", "i", "]", Key.ENTER, "?"])
    screen = render_screen(flow, HEADING, color=True)
    assert "[bold red]Loud[/bold red]" in screen
    assert "[link=http://x]click[/link]" in screen
    assert "[blink]M[/]" in screen
    assert "\x1b[31m" not in screen and "\x1b[2J" not in screen
    assert "\\x1b[31mred" in screen
    assert "\u202e" not in screen and "\\u202eevil" in screen
    assert "[2J[i]" in screen


class ScriptedKeys:
    def __init__(self, keys: list[str], interrupt_after: bool = False) -> None:
        self.keys = iter(keys)
        self.interrupt_after = interrupt_after

    def read_key(self) -> str:
        key = next(self.keys, None)
        if key is None:
            if self.interrupt_after:
                raise KeyboardInterrupt
            return Key.END_OF_INPUT
        return key


def test_run_flow_saves_each_answer_before_the_next_key() -> None:
    flow = flow_for()
    sink = MemorySink()
    screens: list[str] = []
    mode = run_flow(
        flow,
        ScriptedKeys(["4", "c", "h", "i", Key.ENTER, "2"], interrupt_after=True),
        screens.append,
        sink,
        lambda f: render_screen(f, HEADING),
    )
    assert mode is Mode.INTERRUPTED
    assert sink.answers == {"q1": 4, "q2": 2}
    assert sink.notes == {"q2": ["hi"]}
    assert "question 1 of 3" in screens[0]
    assert "question 3 of 3" in screens[-1]


def test_end_of_input_quits_like_q() -> None:
    flow = flow_for()
    mode = run_flow(flow, ScriptedKeys(["5"]), lambda _: None, MemorySink(), lambda f: "")
    assert mode is Mode.QUIT


def test_a_choice_is_made_with_its_number() -> None:
    choice = ChoiceFlow("Your role?", ["COO", "CMO"])
    choice.press("3")
    assert choice.active and "3 is not an option" in choice.message
    choice.press("2")
    assert choice.chosen == 1


def test_a_choice_can_be_left_with_q() -> None:
    choice = ChoiceFlow("Your role?", ["COO", "CMO"])
    choice.press("q")
    assert choice.cancelled and choice.chosen is None
    assert not choice.interrupted


def test_ctrl_c_at_a_choice_is_an_interruption_not_a_choice_to_leave() -> None:
    choice = ChoiceFlow("Your role?", ["COO", "CMO"])
    choice.press(Key.INTERRUPT)
    assert choice.cancelled and choice.interrupted and choice.chosen is None


def test_the_legend_says_when_quitting_keeps_nothing() -> None:
    assert "q save and quit" in flow_for().keys_help()
    unkept = flow_for(keeps_answers=False)
    assert "q quit (answers not kept)" in unkept.keys_help()
    assert "save" not in unkept.keys_help()


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, int]]:
    master, slave = pty.openpty()
    try:
        yield master, slave
    finally:
        os.close(master)
        os.close(slave)


def test_terminal_keys_reads_single_keys_and_restores_the_terminal(
    pty_pair: tuple[int, int],
) -> None:
    master, slave = pty_pair
    before = termios.tcgetattr(slave)
    with TerminalKeys(slave) as keys:
        assert not termios.tcgetattr(slave)[3] & termios.ICANON
        os.write(master, "3\r\x1b[A\x7fé?".encode())
        read = [keys.read_key() for _ in range(6)]
    assert read == ["3", Key.ENTER, Key.OTHER, Key.BACKSPACE, "é", "?"]
    assert termios.tcgetattr(slave) == before


def test_terminal_keys_restores_the_terminal_after_an_error(pty_pair: tuple[int, int]) -> None:
    _master, slave = pty_pair
    before = termios.tcgetattr(slave)
    with pytest.raises(RuntimeError), TerminalKeys(slave):
        raise RuntimeError("boom")
    assert termios.tcgetattr(slave) == before


def test_a_lone_escape_is_escape(pty_pair: tuple[int, int]) -> None:
    master, slave = pty_pair
    with TerminalKeys(slave) as keys:
        os.write(master, b"\x1b")
        assert keys.read_key() == Key.ESCAPE


def test_a_respondent_who_answered_everything_but_did_not_finish_is_done() -> None:
    flow = flow_for(answers={"q1": 1, "q2": "n/a", "q3": 5})
    assert flow.mode is Mode.DONE


def test_revisiting_a_finished_respondent_starts_at_question_one() -> None:
    flow = flow_for(answers={"q1": 1, "q2": "n/a", "q3": 5}, revisit=True)
    assert flow.question.id == "q1"
    assert "every question has an answer" in render_screen(flow, HEADING)


def test_resuming_with_only_skips_left_opens_the_review() -> None:
    flow = flow_for(answers={"q1": 1, "q2": None, "q3": 5})
    assert flow.mode is Mode.REVIEW


def test_a_key_that_does_nothing_gets_one_short_line_not_the_legend_again() -> None:
    flow = flow_for()
    flow.press(Key.OTHER)
    assert flow.message == "that key does nothing here"
    flow.press(Key.ENTER)
    assert flow.message == "press a number to answer, or s to skip"
    screen = render_screen(flow, HEADING)
    assert screen.count("s skip · b back") == 1  # the legend, once


def test_the_header_names_the_round_of_an_interview() -> None:
    heading = Heading(respondent="Ana", role_title="COO", engagement="acme", round_number=3)
    assert render_screen(flow_for(), heading).startswith("acme · round 3 · Ana (COO) · Tiny bank")


def test_a_short_terminal_gets_a_screen_one_line_shorter_that_keeps_the_header() -> None:
    long_probe = " ".join(["Why is it first, and who said so?"] * 12)
    plain_bank = tiny_bank()
    questions = [q.model_dump(by_alias=True, exclude_none=True) for q in plain_bank.questions]
    questions[0]["probe"] = long_probe
    flow = flow_for(tiny_bank(questions=questions))
    flow.press("?")
    flow.press(Key.OTHER)
    for height in (14, 10, 6):
        screen = render_screen(flow, HEADING, width=60, height=height)
        lines = screen.splitlines()
        assert len(lines) <= height - 1, (height, screen)
        assert lines[0].startswith("acme · Ana (Chief Operating Officer)")
        assert lines[1] == "Money" and lines[2].startswith("question 1 of 3")
    tall = render_screen(flow, HEADING, width=60, height=40)
    assert long_probe.split()[-1] in tall  # room enough: the probe whole
    short = render_screen(flow, HEADING, width=60, height=14).splitlines()
    assert "…" in short and short[-1] == "that key does nothing here"
    assert "1-5 · n n/a · s skip · b back · c note · ? probe · q quit" in short


def test_a_screen_without_a_height_is_laid_out_in_full() -> None:
    flow = flow_for()
    assert render_screen(flow, HEADING).splitlines()[3] == ""  # the blank line before the text
