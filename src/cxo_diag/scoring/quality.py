"""Answer quality: straight-lining, contradictions, rushed answers, little or nothing usable.

Flags are data, never silently acted on: the report shows each one. Respondents flagged for
straight-lining, answering too fast or giving no usable answers are *set aside*: their answers
count in no score, gap or rule, and the summary names them (``SET_ASIDE``). Contradictions and
mostly-n/a answers are shown as caveats but kept: the coverage floor and the respondent's own
item-sampling error already weigh a thin or inconsistent contribution.
"""

from __future__ import annotations

import statistics
from collections import Counter

from cxo_diag.answers import NOT_APPLICABLE, AnswerSet
from cxo_diag.bank.model import Bank
from cxo_diag.scoring.matrix import Layout, Row, Value
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
    answer_set: AnswerSet, grid: Layout, row: Row, tally: Counter[Value]
) -> QualityFlag | None:
    """``tally``: how often each value occurs in ``row`` (points of a scale, n/a, None)."""
    answered = len(row) - tally[None] - tally[NOT_APPLICABLE]
    if answered < STRAIGHT_LINE_MIN_ANSWERS:
        return None
    if max(tally.values()) / answered < STRAIGHT_LINE_SHARE:
        return None  # no value at all is that frequent, so no point of the scale is
    # answers are plain ints, never bools or floats (answers.AnswerSet), so the tally's
    # int keys are exactly the points of the scale given
    count, negative_value = max((c, -v) for v, c in tally.items() if isinstance(v, int))
    value = -negative_value  # the most frequent answer; the lowest one on a tie
    if count / answered < STRAIGHT_LINE_SHARE:
        return None
    given = [(qid, v) for qid, v in zip(grid.ids, row, strict=True) if v.__class__ is int]
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


def contradictions(bank: Bank, answer_set: AnswerSet, grid: Layout, row: Row) -> list[QualityFlag]:
    """Top-of-scale agreement with both items of a pair the bank declares contradictory
    (``contradictions:``: two statements that cannot both be true). A bank that declares no
    pair gets no such flag: two items keyed opposite ways can both be true (old disputes
    recur, and the next day we work together as usual), so keying alone proves nothing.

    ``Layout.pairs`` holds the declared pairs the role is asked both items of, by position."""
    high = grid.high
    both = [
        (a, b)
        for a, b, first, second in grid.pairs
        if row[first] == high[first] and row[second] == high[second]
    ]
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


def unusable(
    answer_set: AnswerSet, grid: Layout, row: Row, tally: Counter[Value]
) -> QualityFlag | None:
    """No answer on the scale at all, or n/a for much of what was answered.

    Either way the respondent's numbers rest on little or nothing, which the report should
    say rather than show "no concerns" next to an empty or thin contribution.
    """
    not_applicable = tally[NOT_APPLICABLE]
    numeric = len(row) - tally[None] - not_applicable  # the rest are points of a scale
    if numeric and (
        not_applicable < NOT_APPLICABLE_MIN
        or not_applicable / (numeric + not_applicable) < NOT_APPLICABLE_SHARE
    ):
        return None
    answers = answer_set.answers
    marked = [qid for qid, v in zip(grid.ids, row, strict=True) if v == NOT_APPLICABLE]
    who = {"respondent": answer_set.respondent.name, "role": answer_set.respondent.role}
    if not numeric:
        skipped = sum(1 for qid in grid.ids if qid in answers and answers[qid] is None)
        missing = sum(1 for qid in grid.ids if qid not in answers)
        return QualityFlag(
            **who,
            kind="no-usable-answers",
            message=(
                f"gave no answer on the scale to any of {len(grid.ids)} questions "
                f"({not_applicable} n/a, {skipped} skipped, {missing} not reached): "
                "nothing of theirs counts in any score"
            ),
            questions=marked,
        )
    responded = numeric + not_applicable
    return QualityFlag(
        **who,
        kind="mostly-n/a",
        message=(
            f"marked {not_applicable} of {responded} answered questions n/a: their "
            f"scores rest on the other {numeric}, and the role may not fit the bank"
        ),
        questions=marked,
    )


def respondent_flags(
    bank: Bank, answer_set: AnswerSet, grid: Layout, row: Row
) -> list[QualityFlag]:
    """Every flag for one respondent, in a fixed order, each marked when it sets them aside
    (``SET_ASIDE``). ``row``: their answers in the layout's order (``matrix.row_of``)."""
    flags: list[QualityFlag] = []
    tally = Counter(row)  # one pass, for the two checks that count answers
    straight = straight_lining(answer_set, grid, row, tally)
    flags += [straight] if straight is not None else []
    flags += contradictions(bank, answer_set, grid, row)
    fast = too_fast(answer_set) if answer_set.seconds else None
    flags += [fast] if fast is not None else []
    nothing = unusable(answer_set, grid, row, tally)
    flags += [nothing] if nothing is not None else []
    return [
        flag.model_copy(update={"set_aside": True}) if flag.kind in SET_ASIDE else flag
        for flag in flags
    ]
