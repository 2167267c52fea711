"""Answer quality: straight-lining, contradictions, rushed answers, little or nothing usable.

Flags are data, never silently acted on: the report shows each one. Respondents flagged for
straight-lining, answering too fast or giving no usable answers are *set aside*: their answers
count in no score, gap or rule, and the summary names them (``SET_ASIDE``). Contradictions and
mostly-n/a answers are shown as caveats but kept: the coverage floor and the respondent's own
item-sampling error already weigh a thin or inconsistent contribution.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from cxo_diag.answers import NOT_APPLICABLE, AnswerSet
from cxo_diag.bank.model import Bank, Question
from cxo_diag.scoring.model import QualityFlag, QualityKind

STRAIGHT_LINE_MIN_ANSWERS = 5
STRAIGHT_LINE_SHARE = 0.8
FAST_MEDIAN_SECONDS = 2.0
FAST_MIN_TIMED = 3
#: a respondent is flagged when n/a is this share or more of the questions they answered
#: (n/a included), and at least NOT_APPLICABLE_MIN of them: their scores rest on little
NOT_APPLICABLE_SHARE = 0.5
NOT_APPLICABLE_MIN = 3

SET_ASIDE: frozenset[QualityKind] = frozenset({"straight-lining", "too-fast", "no-usable-answers"})
"""The flags whose respondent's answers are left out of every figure."""


def straight_lining(
    bank: Bank, answer_set: AnswerSet, asked_ids: Sequence[str] | None = None
) -> QualityFlag | None:
    if asked_ids is None:
        asked_ids = [q.id for q in bank.questions_for(answer_set.respondent.role)]
    answers = answer_set.answers
    values = [v for qid in asked_ids if isinstance(v := answers.get(qid), int)]
    if len(values) < STRAIGHT_LINE_MIN_ANSWERS:
        return None
    # list.count over the few distinct values: cheaper than a Counter for every respondent
    count, negative_value = max((values.count(v), -v) for v in set(values))
    value = -negative_value  # the most frequent answer; the lowest one on a tie
    if count / len(values) < STRAIGHT_LINE_SHARE:
        return None
    given = [(qid, v) for qid in asked_ids if isinstance(v := answers.get(qid), int)]
    return QualityFlag(
        respondent=answer_set.respondent.name,
        role=answer_set.respondent.role,
        kind="straight-lining",
        message=(
            f"gave the same answer ({value}) to {count} of {len(given)} questions, "
            "reverse-keyed ones included: the scores may say more about haste than about "
            "the relationship"
        ),
        questions=[qid for qid, v in given if v == value],
    )


def scale_tops(bank: Bank, role: str) -> list[tuple[str, int, Question]]:
    """The role's questions with the top value of each one's scale, looked up once a role."""
    return [(q.id, bank.scale(q.scale).high, q) for q in bank.questions_for(role)]


def contradictions(
    bank: Bank, answer_set: AnswerSet, tops: Sequence[tuple[str, int, Question]] | None = None
) -> list[QualityFlag]:
    """Top-of-scale agreement with both items of a pair the bank declares contradictory
    (``contradictions:``: two statements that cannot both be true). A bank that declares no
    pair gets no such flag: two items keyed opposite ways can both be true (old disputes
    recur, and the next day we work together as usual), so keying alone proves nothing."""
    if not bank.contradictions:
        return []
    if tops is None:
        tops = scale_tops(bank, answer_set.respondent.role)
    answers = answer_set.answers
    at_top = {question_id for question_id, high, _ in tops if answers.get(question_id) == high}
    both = [(a, b) for a, b in bank.contradictions if a in at_top and b in at_top]
    if not both:
        return []
    pairs = "; ".join(f"{a} and {b}" for a, b in both)
    return [
        QualityFlag(
            respondent=answer_set.respondent.name,
            role=answer_set.respondent.role,
            kind="contradiction",
            message=(
                "agreed as strongly as the scale allows with statements that cannot both be "
                f"true: {pairs}"
            ),
            questions=list(dict.fromkeys(q for pair in both for q in pair)),
        )
    ]


def too_fast(answer_set: AnswerSet) -> QualityFlag | None:
    timed = sorted(
        (qid, seconds)
        for qid, seconds in answer_set.seconds.items()
        if isinstance(answer_set.answers.get(qid), int)
    )
    if len(timed) < FAST_MIN_TIMED:
        return None
    median = statistics.median(seconds for _, seconds in timed)
    if median >= FAST_MEDIAN_SECONDS:
        return None
    return QualityFlag(
        respondent=answer_set.respondent.name,
        role=answer_set.respondent.role,
        kind="too-fast",
        message=(
            f"answered in a median of {median:.1f} s a question over {len(timed)} timed "
            f"answers (under {FAST_MEDIAN_SECONDS:g} s): probably not read in full"
        ),
        questions=[qid for qid, seconds in timed if seconds < FAST_MEDIAN_SECONDS],
    )


def unusable(answer_set: AnswerSet, asked_ids: Sequence[str]) -> QualityFlag | None:
    """No answer on the scale at all, or n/a for much of what was answered.

    Either way the respondent's numbers rest on little or nothing, which the report should
    say rather than show "no concerns" next to an empty or thin contribution.
    """
    answers = answer_set.answers
    numeric = [qid for qid in asked_ids if isinstance(answers.get(qid), int)]
    not_applicable = [qid for qid in asked_ids if answers.get(qid) == NOT_APPLICABLE]
    who = {"respondent": answer_set.respondent.name, "role": answer_set.respondent.role}
    if not numeric:
        skipped = sum(1 for qid in asked_ids if qid in answers and answers[qid] is None)
        missing = sum(1 for qid in asked_ids if qid not in answers)
        return QualityFlag(
            **who,
            kind="no-usable-answers",
            message=(
                f"gave no answer on the scale to any of {len(asked_ids)} questions "
                f"({len(not_applicable)} n/a, {skipped} skipped, {missing} not reached): "
                "nothing of theirs counts in any score"
            ),
            questions=not_applicable,
        )
    responded = len(numeric) + len(not_applicable)
    if (
        len(not_applicable) < NOT_APPLICABLE_MIN
        or len(not_applicable) / responded < NOT_APPLICABLE_SHARE
    ):
        return None
    return QualityFlag(
        **who,
        kind="mostly-n/a",
        message=(
            f"marked {len(not_applicable)} of {responded} answered questions n/a: their "
            f"scores rest on the other {len(numeric)}, and the role may not fit the bank"
        ),
        questions=not_applicable,
    )


def respondent_flags(
    bank: Bank, answer_set: AnswerSet, tops: Sequence[tuple[str, int, Question]]
) -> list[QualityFlag]:
    """Every flag for one respondent, in a fixed order, each marked when it sets them aside."""
    asked_ids = [question_id for question_id, _, _ in tops]
    flags: list[QualityFlag] = []
    straight = straight_lining(bank, answer_set, asked_ids)
    flags += [straight] if straight is not None else []
    flags += contradictions(bank, answer_set, tops)
    fast = too_fast(answer_set)
    flags += [fast] if fast is not None else []
    nothing = unusable(answer_set, asked_ids)
    flags += [nothing] if nothing is not None else []
    return [
        flag.model_copy(update={"set_aside": True}) if flag.kind in SET_ASIDE else flag
        for flag in flags
    ]
