"""Scoring: answers × bank → Diagnosis. Pure functions over plain data, deterministic.

The path is item → respondent's dimension score → role score → gaps and blind spots →
rules → ranked practices, plus answer-quality flags and, for a re-assessment, the change
since the previous round. docs/scoring.md gives every formula and a worked example.

Determinism: every list is built by walking the bank in its own order (roles, dimensions,
questions, rules) or by sorting explicitly with ties broken by id; scores are rounded to one
decimal before bands, gaps and rules use them, so what a report shows is what was tested;
the clock is never read here (``generated_at`` is passed in).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from cxo_diag.answers import NOT_APPLICABLE, AnswerSet, check_fits_bank
from cxo_diag.bank.load import content_hash
from cxo_diag.bank.model import (
    AnswerCondition,
    Bank,
    BlindSpotCondition,
    Dimension,
    GapCondition,
    Keyed,
    Perspective,
    Question,
    Role,
    Rule,
    Scale,
    ScoreCondition,
)
from cxo_diag.errors import AnswersFileError
from cxo_diag.identity import person_key
from cxo_diag.report.model import (
    BandInfo,
    BlindSpot,
    Comparison,
    Diagnosis,
    DimensionChange,
    DimensionResult,
    Evidence,
    Header,
    ItemGap,
    ItemRoleView,
    QualityFlag,
    RankedPractice,
    RespondentInfo,
    RoleChange,
    RoleInfo,
    RoleScore,
)
from cxo_diag.text import who

__all__ = [
    "COVERAGE_FLOOR",
    "MIN_GROUP_SIZE",
    "SCORING_VERSION",
    "Diagnosis",
    "diagnose",
    "item_friction",
]

SCORING_VERSION = "1"
"""Names what this scoring computes. Change it with any change to a role's dimension score,
so the round summaries the store keeps (``norms`` reads them) are recomputed rather than
mixed with new ones; tests/golden/test_scoring_version.py fails until it is changed."""

COVERAGE_FLOOR = 0.5
"""Below this share of a dimension's item weight answered, a score is "not enough answers"."""

MIN_GROUP_SIZE = 3
"""A role shared by several respondents shows item-level answers only from this many."""

TOP_DISAGREEMENTS = 5
"""How many items the report lists as talking points."""

STRAIGHT_LINE_MIN_ANSWERS = 5
STRAIGHT_LINE_SHARE = 0.8
FAST_MEDIAN_SECONDS = 2.0
FAST_MIN_TIMED = 3
#: a respondent is flagged when n/a is this share or more of the questions they answered
#: (n/a included), and at least NOT_APPLICABLE_MIN of them: their scores rest on little
NOT_APPLICABLE_SHARE = 0.5
NOT_APPLICABLE_MIN = 3


def _round(value: float) -> float:
    """One decimal, the precision every report shows; -0.0 becomes 0.0."""
    return round(value, 1) + 0.0


def _mean(values: Sequence[float]) -> float:
    """The arithmetic mean of a non-empty list (statistics.fmean is slower on hot paths)."""
    return float(sum(values) / len(values))


# --- items ----------------------------------------------------------------------------------


def item_friction(question: Question, scale: Scale, value: int) -> float:
    """Friction 0..100 from the answer's position on its scale; reverse-keyed items flipped.

    The lowest point is 0 and the highest 100, evenly spaced by rank (so a scale 1..5 gives
    0, 25, 50, 75, 100). For ``keyed: harmony`` items agreement signals harmony: 100 - that.
    """
    position = scale.positions[value]
    return 100 - position if question.keyed is Keyed.HARMONY else position


class _Partial(NamedTuple):
    """A weighted mean over some items for one respondent, with its coverage.

    A NamedTuple rather than a dataclass: thousands are made per engagement.
    """

    score: float | None
    coverage: float
    asked: bool


_ALL = "all"


def _scores_by_view(
    bank: Bank, questions: Sequence[Question], answer_sets: Sequence[AnswerSet]
) -> dict[str, list[_Partial]]:
    """Each respondent's weighted mean friction over ``questions``: over all of them, and
    over the 'self' and the 'counterpart' items alone (for blind spots).

    One pass over each answer set serves the three views, and the items' weights and
    friction positions are looked up once: an engagement may hold thousands of sets, so the
    loop keeps its sums in local variables.
    """
    self_view, counterpart_view = Perspective.SELF, Perspective.COUNTERPART
    items = [
        (
            q.id,
            q.weight,
            bank.scale(q.scale).positions,
            q.keyed is Keyed.HARMONY,
            q.perspective is self_view,
            q.perspective is counterpart_view,
        )
        for q in questions
    ]
    total_all = sum(item[1] for item in items)
    total_self = sum(item[1] for item in items if item[4])
    total_counterpart = sum(item[1] for item in items if item[5])
    all_items: list[_Partial] = []
    self_items: list[_Partial] = []
    counterpart_items: list[_Partial] = []
    for answer_set in answer_sets:
        answers = answer_set.answers
        w_all = s_all = w_self = s_self = w_cp = s_cp = 0.0
        for question_id, weight, positions, harmony, is_self, is_counterpart in items:
            value = answers.get(question_id)
            if value.__class__ is int:
                position = positions[value]
                friction = weight * (100 - position if harmony else position)
                w_all += weight
                s_all += friction
                if is_self:
                    w_self += weight
                    s_self += friction
                elif is_counterpart:
                    w_cp += weight
                    s_cp += friction
        all_items.append(_partial(total_all, w_all, s_all))
        self_items.append(_partial(total_self, w_self, s_self))
        counterpart_items.append(_partial(total_counterpart, w_cp, s_cp))
    return {
        _ALL: all_items,
        self_view.value: self_items,
        counterpart_view.value: counterpart_items,
    }


def _partial(total: float, answered_weight: float, weighted_sum: float) -> _Partial:
    """Weighted mean friction over the answered items; None below the coverage floor.

    N/A and skipped items are left out of the mean and count as unanswered for coverage.
    """
    if total == 0:
        return _Partial(None, 0.0, asked=False)
    coverage = answered_weight / total
    if answered_weight == 0 or coverage < COVERAGE_FLOOR:
        return _Partial(None, coverage, asked=True)
    return _Partial(weighted_sum / answered_weight, coverage, asked=True)


@dataclass(frozen=True)
class _Aggregate:
    score: float | None
    coverage: float
    n: int
    spread: float | None
    asked: bool


def _aggregate(partials: Sequence[_Partial]) -> _Aggregate:
    """A role's score: the mean of its respondents' scores, with the spread (max - min)."""
    scores = [p.score for p in partials if p.score is not None]
    asked = any(p.asked for p in partials)
    coverage = _mean([p.coverage for p in partials]) if partials else 0.0
    if not scores:
        return _Aggregate(None, coverage, 0, None, asked)
    spread = _round(max(scores) - min(scores)) if len(scores) > 1 else None
    return _Aggregate(_round(_mean(scores)), coverage, len(scores), spread, asked)


# --- the engagement ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Engagement:
    """The answer sets grouped by role, in bank order, respondents sorted by name."""

    bank: Bank
    by_role: dict[str, list[AnswerSet]]
    #: Aggregates by (role, dimension) and view, computed once (see _role_partial).
    partials: dict[tuple[str, str], dict[str, _Aggregate]] = field(default_factory=dict)

    @property
    def present_roles(self) -> list[Role]:
        return [r for r in self.bank.roles if self.by_role.get(r.id)]

    @property
    def present_leaders(self) -> list[Role]:
        return [r for r in self.present_roles if not r.observer]

    def sets(self, role_id: str) -> list[AnswerSet]:
        return self.by_role.get(role_id, [])


def _group(bank: Bank, answer_sets: Sequence[AnswerSet]) -> _Engagement:
    by_role: dict[str, list[AnswerSet]] = {}
    seen: set[tuple[str, str]] = set()
    for answer_set in answer_sets:
        key = (answer_set.respondent.role, person_key(answer_set.respondent.name))
        if key in seen:
            raise AnswersFileError(
                f"two answer sets for {answer_set.respondent.name} ({key[0]}); "
                "give each respondent once",
                where="answers",
            )
        seen.add(key)
        by_role.setdefault(key[0], []).append(answer_set)
    for sets in by_role.values():
        sets.sort(key=lambda s: s.respondent.name)
    return _Engagement(bank, by_role)


def _check_inputs(bank: Bank, answer_sets: Sequence[AnswerSet]) -> None:
    bank_hash = content_hash(bank)
    for answer_set in answer_sets:
        where = f"answers of {answer_set.respondent.name} ({answer_set.respondent.role})"
        check_fits_bank(answer_set, bank, bank_hash, where)
    rounds = sorted({s.round for s in answer_sets})
    if len(rounds) > 1:
        listed = ", ".join(str(r) for r in rounds)
        raise AnswersFileError(
            f"answers come from different rounds ({listed}); score one round at a time",
            where="answers",
        )


# --- header -----------------------------------------------------------------------------------


def _respondent_info(bank: Bank, answer_set: AnswerSet) -> RespondentInfo:
    asked = bank.questions_for(answer_set.respondent.role)
    present = [q.id for q in asked if q.id in answer_set.answers]
    values = [answer_set.answers[question] for question in present]
    answered = sum(1 for v in values if isinstance(v, int))
    not_applicable = sum(1 for v in values if v == NOT_APPLICABLE)
    return RespondentInfo(
        name=answer_set.respondent.name,
        role=answer_set.respondent.role,
        asked=len(asked),
        answered=answered,
        not_applicable=not_applicable,
        skipped=sum(1 for v in values if v is None),
        not_reached=len(asked) - len(present),
    )


def _header(
    eng: _Engagement,
    answer_sets: Sequence[AnswerSet],
    engagement: str | None,
    generated_at: datetime | None,
) -> Header:
    bank = eng.bank
    names = sorted({s.engagement for s in answer_sets if s.engagement})
    dates = sorted(s.answered_at for s in answer_sets if s.answered_at is not None)
    return Header(
        engagement=engagement if engagement is not None else (names[0] if names else None),
        bank_id=bank.id,
        bank_version=bank.version,
        bank_hash=content_hash(bank),
        bank_title=bank.title,
        round=answer_sets[0].round if answer_sets else 1,
        generated_at=generated_at,
        answered_at=dates[-1] if dates else None,
        roles=[
            RoleInfo(id=r.id, title=r.title, observer=r.observer, respondents=len(eng.sets(r.id)))
            for r in eng.present_roles
        ],
        respondents=[_respondent_info(bank, s) for r in eng.present_roles for s in eng.sets(r.id)],
        coverage_floor=COVERAGE_FLOOR,
        min_group_size=MIN_GROUP_SIZE,
    )


# --- dimensions -------------------------------------------------------------------------------


def _bands(dimension: Dimension) -> list[BandInfo]:
    count = len(dimension.bands)
    return [
        BandInfo(id=b.id, label=b.label, start=b.from_, end=b.to, index=i, count=count)
        for i, b in enumerate(dimension.bands)
    ]


def _role_partial(
    eng: _Engagement, role_id: str, dimension: str, view: Perspective | None = None
) -> _Aggregate:
    """A role's aggregate on a dimension: over all its items, or one perspective's items."""
    key = (role_id, dimension)
    if key not in eng.partials:
        questions = [q for q in eng.bank.questions_for(role_id) if q.dimension == dimension]
        eng.partials[key] = {
            name: _aggregate(partials)
            for name, partials in _scores_by_view(eng.bank, questions, eng.sets(role_id)).items()
        }
    return eng.partials[key][view.value if view is not None else _ALL]


def _role_score(eng: _Engagement, role: Role, dimension: Dimension) -> RoleScore:
    agg = _role_partial(eng, role.id, dimension.id)
    band = None
    if agg.score is not None:
        chosen = dimension.band_for(agg.score)
        band = next(b for b in _bands(dimension) if b.id == chosen.id)
    return RoleScore(
        role=role.id,
        asked=agg.asked,
        score=agg.score,
        coverage=round(agg.coverage, 3),
        n=agg.n,
        respondents=len(eng.sets(role.id)),
        spread=agg.spread,
        band=band,
    )


def _gap(
    scores: Sequence[RoleScore], leaders: set[str]
) -> tuple[float | None, str | None, str | None]:
    """Max minus min over the leader roles that have a score; observers are not a side."""
    scored = [s for s in scores if s.role in leaders and s.score is not None]
    if len(scored) < 2:
        return None, None, None
    high = max(scored, key=lambda s: s.score or 0.0)  # first in bank order on ties
    low = min(scored, key=lambda s: s.score or 0.0)
    return _round((high.score or 0.0) - (low.score or 0.0)), high.role, low.role


def _blind_spot(eng: _Engagement, role: Role, dimension: str) -> BlindSpot:
    """|role's own 'self' items − the other leaders' 'counterpart' items (their view of it)|."""
    own = _role_partial(eng, role.id, dimension, Perspective.SELF)
    views = [
        _role_partial(eng, other.id, dimension, Perspective.COUNTERPART)
        for other in eng.present_leaders
        if other.id != role.id
    ]
    view_scores = [v.score for v in views if v.score is not None]
    others = _round(statistics.fmean(view_scores)) if view_scores else None
    gap = _round(abs(own.score - others)) if own.score is not None and others is not None else None
    return BlindSpot(role=role.id, self_score=own.score, others_view=others, gap=gap)


def _dimension_result(eng: _Engagement, dimension: Dimension) -> DimensionResult:
    scores = [_role_score(eng, role, dimension) for role in eng.present_roles]
    gap, high, low = _gap(scores, {r.id for r in eng.present_leaders})
    return DimensionResult(
        id=dimension.id,
        title=dimension.title,
        description=dimension.description,
        bands=_bands(dimension),
        roles=scores,
        gap=gap,
        gap_high=high,
        gap_low=low,
        blind_spots=[_blind_spot(eng, role, dimension.id) for role in eng.present_leaders],
    )


# --- items ------------------------------------------------------------------------------------


def _item_view(eng: _Engagement, question: Question, role_id: str) -> ItemRoleView | None:
    """A role's view of an item, or None when nobody answered it or too few to show.

    One respondent in a role is that person's answer (the report names them). A role shared
    by several respondents shows only a mean over at least MIN_GROUP_SIZE answers, so no
    individual's answer can be read off it.
    """
    sets = eng.sets(role_id)
    values = [v for s in sets if isinstance(v := s.answers.get(question.id), int)]
    if not values or (len(sets) > 1 and len(values) < MIN_GROUP_SIZE):
        return None
    scale = eng.bank.scale(question.scale)
    mean_answer = _mean(values)
    label = scale.label_of(int(mean_answer)) if mean_answer.is_integer() else None
    return ItemRoleView(
        role=role_id,
        wording=question.wording_for(role_id),
        friction=_round(_mean([item_friction(question, scale, v) for v in values])),
        answer=_round(mean_answer),
        answer_label=label,
        n=len(values),
    )


def _item_gap(eng: _Engagement, question: Question) -> ItemGap | None:
    answering = set(eng.bank.answering_roles(question))
    views = [
        view
        for role in eng.present_roles
        if role.id in answering and (view := _item_view(eng, question, role.id)) is not None
    ]
    leaders = {r.id for r in eng.present_leaders}
    frictions = [v.friction for v in views if v.role in leaders]
    if len(frictions) < 2:
        return None
    return ItemGap(
        question=question.id,
        dimension=question.dimension,
        dimension_title=eng.bank.dimension(question.dimension).title,
        perspective=question.perspective,
        keyed=question.keyed.value,
        probe=question.probe,
        views=views,
        gap=_round(max(frictions) - min(frictions)),
    )


def _disagreements(eng: _Engagement) -> list[ItemGap]:
    """The items with the widest leader gap, widest first, ties in bank order."""
    order = {q.id: i for i, q in enumerate(eng.bank.questions)}
    gaps = [g for q in eng.bank.questions if (g := _item_gap(eng, q)) is not None and g.gap > 0]
    gaps.sort(key=lambda g: (-g.gap, order[g.question]))
    return gaps[:TOP_DISAGREEMENTS]


# --- answer quality ---------------------------------------------------------------------------


def _straight_lining(
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


def _scale_tops(bank: Bank, role: str) -> list[tuple[str, int, Question]]:
    """The role's questions with the top value of each one's scale, looked up once a role."""
    return [(q.id, bank.scale(q.scale).high, q) for q in bank.questions_for(role)]


def _contradictions(
    bank: Bank, answer_set: AnswerSet, tops: Sequence[tuple[str, int, Question]] | None = None
) -> list[QualityFlag]:
    """Top-of-scale agreement with both a friction-keyed and a harmony-keyed item of a dimension."""
    flags: list[QualityFlag] = []
    at_top: dict[str, list[Question]] = {}
    answers = answer_set.answers
    for question_id, high, q in (
        tops if tops is not None else _scale_tops(bank, answer_set.respondent.role)
    ):
        if answers.get(question_id) == high:
            at_top.setdefault(q.dimension, []).append(q)
    if not at_top:
        return flags
    for dimension in bank.dimensions:
        top = at_top.get(dimension.id)
        if top is None or len(top) < 2:
            continue
        friction = [q.id for q in top if q.keyed is Keyed.FRICTION]
        harmony = [q.id for q in top if q.keyed is Keyed.HARMONY]
        if friction and harmony:
            flags.append(
                QualityFlag(
                    respondent=answer_set.respondent.name,
                    role=answer_set.respondent.role,
                    kind="contradiction",
                    message=(
                        f"agreed as strongly as the scale allows with opposite statements on "
                        f"{dimension.title}: {', '.join(friction)} (signals friction) and "
                        f"{', '.join(harmony)} (signals harmony)"
                    ),
                    questions=[q.id for q in top],
                )
            )
    return flags


def _too_fast(answer_set: AnswerSet) -> QualityFlag | None:
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


def _unusable(answer_set: AnswerSet, asked_ids: Sequence[str]) -> QualityFlag | None:
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


def _quality(eng: _Engagement) -> list[QualityFlag]:
    flags: list[QualityFlag] = []
    for role in eng.present_roles:
        tops = _scale_tops(eng.bank, role.id)
        asked_ids = [question_id for question_id, _, _ in tops]
        for answer_set in eng.sets(role.id):
            straight = _straight_lining(eng.bank, answer_set, asked_ids)
            fast = _too_fast(answer_set)
            flags += [straight] if straight is not None else []
            flags += _contradictions(eng.bank, answer_set, tops)
            flags += [fast] if fast is not None else []
            unusable = _unusable(answer_set, asked_ids)
            flags += [unusable] if unusable is not None else []
    return flags


# --- rules ------------------------------------------------------------------------------------


def _candidates(eng: _Engagement, role: str) -> list[str]:
    """The roles a condition is about: 'any'/'all' mean the leaders, else the one role named."""
    if role in ("any", "all"):
        return [r.id for r in eng.present_leaders]
    return [role] if eng.sets(role) else []


def _pick(
    role: str, values: dict[str, float | None], meets: Callable[[float], bool], severest: bool
) -> tuple[str, float] | None:
    """Which role a condition fires for, and with what value; None when it does not fire.

    'any' and a named role fire for the severest matching role (first in bank order on
    ties); 'all' needs every candidate to have a value that meets it and reports the mildest.
    """
    if not values:
        return None
    if role == "all":
        if any(v is None or not meets(v) for v in values.values()):
            return None
        present = [(r, v) for r, v in values.items() if v is not None]
        mildest = (min if severest else max)(present, key=lambda rv: rv[1])
        return "all", mildest[1]
    matching = [(r, v) for r, v in values.items() if v is not None and meets(v)]
    if not matching:
        return None
    return (max if severest else min)(matching, key=lambda rv: rv[1])


def _score_evidence(
    rule: Rule, cond: ScoreCondition, eng: _Engagement, dims: dict[str, DimensionResult]
) -> Evidence | None:
    result = dims[cond.dimension]
    values = {
        r: (rs.score if (rs := result.role_score(r)) is not None else None)
        for r in _candidates(eng, cond.role)
    }
    band = next((b for b in result.bands if b.id == cond.band), None)

    def meets(score: float) -> bool:
        if band is not None:
            return result.bands[_band_index(result, score)].id == band.id
        return score >= (cond.at_least or 0.0)

    picked = _pick(cond.role, values, meets, severest=True)
    if picked is None:
        return None
    role, value = picked
    subject = "Every leader's score" if role == "all" else f"{who(role)}'s score"
    lowest = " (lowest)" if role == "all" else ""
    if band is not None:
        test = f"in the {band.label} band ({band.start:g} to {band.end:g})"
    else:
        test = f"at least {cond.at_least:g}"
    return Evidence(
        rule=rule.id,
        kind="score",
        weight=rule.weight,
        dimension=cond.dimension,
        role=role,
        value=value,
        band=cond.band,
        at_least=cond.at_least,
        because=f"{subject} on {result.title} is {value:g}{lowest}: {test}.",
    )


def _band_index(result: DimensionResult, score: float) -> int:
    for band in result.bands:
        if score < band.end:
            return band.index
    return len(result.bands) - 1


def _gap_evidence(
    rule: Rule, cond: GapCondition, dims: dict[str, DimensionResult]
) -> Evidence | None:
    result = dims[cond.dimension]
    if result.gap is None or result.gap < cond.at_least or not result.gap_high:
        return None
    high = result.role_score(result.gap_high)
    low = result.role_score(result.gap_low or "")
    assert high is not None and low is not None  # both named by _gap from the scores
    return Evidence(
        rule=rule.id,
        kind="gap",
        weight=rule.weight,
        dimension=cond.dimension,
        value=result.gap,
        at_least=cond.at_least,
        because=(
            f"{who(high.role)} ({high.score:g}) and {who(low.role)} ({low.score:g}) see "
            f"{result.title} {result.gap:g} points apart: at least {cond.at_least:g}."
        ),
    )


def _blind_spot_evidence(
    rule: Rule, cond: BlindSpotCondition, eng: _Engagement, dims: dict[str, DimensionResult]
) -> Evidence | None:
    result = dims[cond.dimension]
    spots = {b.role: b for b in result.blind_spots}
    values = {r: (spots[r].gap if r in spots else None) for r in _candidates(eng, cond.role)}
    picked = _pick(cond.role, values, lambda v: v >= cond.at_least, severest=True)
    if picked is None:
        return None
    role, value = picked
    if role == "all":
        because = (
            f"Every leader's view of their own conduct on {result.title} is at least "
            f"{value:g} points from how the others see it: at least {cond.at_least:g}."
        )
    else:
        spot = spots[role]
        because = (
            f"{who(role)} rates their own conduct on {result.title} at {spot.self_score:g}; "
            f"the other leaders rate it at {spot.others_view:g}: a blind spot of {value:g}, "
            f"at least {cond.at_least:g}."
        )
    return Evidence(
        rule=rule.id,
        kind="blind_spot",
        weight=rule.weight,
        dimension=cond.dimension,
        role=role,
        value=value,
        at_least=cond.at_least,
        because=because,
    )


def _answer_evidence(rule: Rule, cond: AnswerCondition, eng: _Engagement) -> Evidence | None:
    question = next((q for q in eng.bank.questions if q.id == cond.question), None)
    if question is None:
        return None
    answering = set(eng.bank.answering_roles(question))
    values: dict[str, float | None] = {}
    for role in _candidates(eng, cond.role):
        if role in answering:
            view = _item_view(eng, question, role)
            values[role] = view.answer if view is not None else None

    def meets(answer: float) -> bool:
        return (cond.at_least is None or answer >= cond.at_least) and (
            cond.at_most is None or answer <= cond.at_most
        )

    picked = _pick(cond.role, values, meets, severest=cond.at_least is not None)
    if picked is None:
        return None
    role, value = picked
    tests = []
    if cond.at_least is not None:
        tests.append(f"at least {cond.at_least}")
    if cond.at_most is not None:
        tests.append(f"at most {cond.at_most}")
    subject = "Every leader" if role == "all" else who(role)
    label = eng.bank.scale(question.scale).label_of(int(value)) if value.is_integer() else None
    shown = f"{value:g} ({label})" if label else f"{value:g}"
    return Evidence(
        rule=rule.id,
        kind="answer",
        weight=rule.weight,
        dimension=question.dimension,
        question=question.id,
        role=role,
        value=value,
        at_least=cond.at_least,
        at_most=cond.at_most,
        because=(
            f"{subject} answered {shown} to {question.id} "
            f"(\u201c{question.wording_for(role if role != 'all' else '')}\u201d): "
            f"{' and '.join(tests)}."
        ),
    )


def _evidence(rule: Rule, eng: _Engagement, dims: dict[str, DimensionResult]) -> Evidence | None:
    when = rule.when
    if when.score is not None:
        return _score_evidence(rule, when.score, eng, dims)
    if when.gap is not None:
        return _gap_evidence(rule, when.gap, dims)
    if when.blind_spot is not None:
        return _blind_spot_evidence(rule, when.blind_spot, eng, dims)
    if when.answer is not None:
        return _answer_evidence(rule, when.answer, eng)
    return None


def _practices(eng: _Engagement, dims: dict[str, DimensionResult]) -> list[RankedPractice]:
    """Each fired rule adds its weight to its practice; rank by the sum, ties by practice id."""
    collected: dict[str, list[Evidence]] = {}
    for rule in eng.bank.rules:
        evidence = _evidence(rule, eng, dims)
        if evidence is not None:
            collected.setdefault(rule.recommend, []).append(evidence)
    known = {p.id for p in eng.bank.practices}
    scored = sorted(
        (
            (_round_weight(sum(e.weight for e in items)), practice_id, items)
            for practice_id, items in collected.items()
            if practice_id in known
        ),
        key=lambda t: (-t[0], t[1]),
    )
    return [
        RankedPractice(
            rank=rank,
            practice=eng.bank.practice(practice_id),
            score=score,
            evidence=sorted(items, key=lambda e: (-e.weight, e.rule)),
        )
        for rank, (score, practice_id, items) in enumerate(scored, start=1)
    ]


def _round_weight(value: float) -> float:
    return round(value, 2) + 0.0


# --- rounds -----------------------------------------------------------------------------------


def _delta(before: float | None, after: float | None) -> float | None:
    return _round(after - before) if before is not None and after is not None else None


def _comparison(current: list[DimensionResult], previous: Diagnosis) -> Comparison:
    earlier = {d.id: d for d in previous.dimensions}
    changes = []
    for dim in current:
        old = earlier.get(dim.id)
        roles = []
        for rs in dim.roles:
            before_rs = old.role_score(rs.role) if old is not None else None
            before = before_rs.score if before_rs is not None else None
            roles.append(
                RoleChange(
                    role=rs.role, before=before, after=rs.score, delta=_delta(before, rs.score)
                )
            )
        gap_before = old.gap if old is not None else None
        changes.append(
            DimensionChange(
                dimension=dim.id,
                title=dim.title,
                roles=roles,
                gap_before=gap_before,
                gap_after=dim.gap,
                gap_delta=_delta(gap_before, dim.gap),
            )
        )
    return Comparison(
        previous_round=previous.header.round,
        previous_bank_version=previous.header.bank_version,
        previous_answered_at=previous.header.answered_at,
        dimensions=changes,
    )


# --- the whole ------------------------------------------------------------------------------


def diagnose(
    bank: Bank,
    answer_sets: Sequence[AnswerSet],
    *,
    engagement: str | None = None,
    generated_at: datetime | None = None,
    previous: Diagnosis | None = None,
) -> Diagnosis:
    """Score one round of an engagement: one answer set per respondent, all for ``bank``.

    Raises AnswersFileError when a set does not fit the bank (id, version, hash, role,
    question or scale), when a respondent appears twice, or when rounds are mixed.
    ``previous`` (the diagnosis of an earlier round) adds the change since then.
    """
    _check_inputs(bank, answer_sets)
    eng = _group(bank, answer_sets)
    dimensions = [_dimension_result(eng, d) for d in bank.dimensions]
    by_id = {d.id: d for d in dimensions}
    return Diagnosis(
        header=_header(eng, answer_sets, engagement, generated_at),
        dimensions=dimensions,
        disagreements=_disagreements(eng),
        quality=_quality(eng),
        practices=_practices(eng, by_id),
        comparison=_comparison(dimensions, previous) if previous is not None else None,
    )
