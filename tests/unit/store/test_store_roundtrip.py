"""Property: whatever answers and notes are saved, the store gives the same AnswerSet back,
on SQLite and on PostgreSQL (one store per backend; each example is its own engagement)."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.helpers import MINI

from cxo_diag.answers import Answer
from cxo_diag.app import engagements, interviews
from cxo_diag.bank.registry import open_bank
from cxo_diag.errors import UsageError
from cxo_diag.store.engine import open_store
from cxo_diag.text import check_name

QUESTIONS = ["res-01", "res-02", "res-03"]
EXAMPLES = itertools.count()

answers_strategy = st.dictionaries(
    st.sampled_from(QUESTIONS),
    st.one_of(st.integers(1, 5), st.just("n/a"), st.none()),
)
notes_strategy = st.dictionaries(
    st.sampled_from(QUESTIONS),
    st.lists(
        # NUL is refused in notes (test_store.py); every other character must come back.
        st.text(
            st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
            min_size=1,
            max_size=40,
        ).filter(str.strip),
        min_size=1,
        max_size=3,
    ),
)


@settings(
    max_examples=30,
    deadline=None,
    # One store serves every example: each example gets an engagement of its own.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(answers=answers_strategy, notes=notes_strategy, name=st.text(min_size=1, max_size=30))
def test_saved_answers_and_notes_come_back_unchanged(
    store_location: str, answers: dict[str, Answer], notes: dict[str, list[str]], name: str
) -> None:
    bank = open_bank(str(MINI))
    try:
        person = check_name(name, "respondent")
    except UsageError:
        return  # names a person could not type are refused, tested elsewhere
    engagement = f"acme-{next(EXAMPLES)}"
    with open_store(store_location) as store:
        target = interviews.start_interview(
            store, engagement, bank=bank, respondent=person, role="cmo"
        )
        for question_id, value in answers.items():
            interviews.record_answer(store, target.respondent.id, question_id, value)
        for question_id, texts in notes.items():
            for text in texts:
                interviews.record_note(store, target.respondent.id, question_id, text)
        (back,) = engagements.answer_sets(store, target.engagement, 1)
    assert back.respondent.name == person
    assert back.answers == answers
    assert back.notes == {qid: "\n".join(texts) for qid, texts in notes.items()}
