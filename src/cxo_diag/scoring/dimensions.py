"""Per dimension: each role's score with its error, the perception gap between the leaders and
each leader's blind spot, each a finding only beyond the critical difference."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial

from cxo_diag.bank.model import Dimension, Perspective, Question, Role
from cxo_diag.scoring import error
from cxo_diag.scoring.aggregation import MIN_GROUP_SIZE, once_each, round1
from cxo_diag.scoring.engagement import Engagement
from cxo_diag.scoring.model import BandInfo, BlindSpot, DimensionResult, Gap, RoleScore


def bands(dimension: Dimension) -> list[BandInfo]:
    count = len(dimension.bands)
    return [
        BandInfo(id=b.id, label=b.label, start=b.from_, end=b.to, index=i, count=count)
        for i, b in enumerate(dimension.bands)
    ]


def band_index(infos: list[BandInfo], score: float) -> int:
    for band in infos:
        if score < band.end:
            return band.index
    return len(infos) - 1


def role_score(eng: Engagement, role: Role, dimension: Dimension) -> RoleScore:
    agg = eng.role_aggregate(role.id, dimension.id)
    infos = bands(dimension)
    band = None
    se = ci = None
    if agg.score is not None and agg.se is not None:
        band = infos[band_index(infos, round1(agg.score))]
        low, high = error.interval(agg.score, agg.se)
        se, ci = round1(agg.se), (round1(low), round1(high))
    sets = eng.sets(role.id)
    rwg = eng.agreement(role.id, dimension.id)
    return RoleScore(
        role=role.id,
        asked=agg.asked,
        score=round1(agg.score) if agg.score is not None else None,
        se=se,
        ci=ci,
        coverage=round(agg.coverage, 3),
        n=agg.n,
        respondents=len(sets),
        spread=round1(agg.spread) if agg.spread is not None else None,
        agreement=round(rwg, 2) if rwg is not None and len(sets) >= MIN_GROUP_SIZE else None,
        band=band,
        exact=agg.score,
        exact_se=agg.se,
    )


def low_agreement(eng: Engagement, role_id: str, dimension_id: str) -> float | None:
    """The role's rwg(j) on the dimension when it is below the agreement floor, else None."""
    rwg = eng.agreement(role_id, dimension_id)
    return rwg if rwg is not None and rwg < error.LOW_AGREEMENT else None


def gap(eng: Engagement, scores: list[RoleScore], dimension_id: str) -> Gap | None:
    """Highest minus lowest leader score. On a tie the roles keep bank order; the wording
    then names both (see rules and ranking), never one side alone."""
    leaders = {r.id for r in eng.present_leaders}
    scored = [s for s in scores if s.role in leaders and s.score is not None]
    if len(scored) < 2:
        return None
    high = max(scored, key=lambda s: s.score or 0.0)
    low = min(scored, key=lambda s: s.score or 0.0)
    value = round1((high.score or 0.0) - (low.score or 0.0))
    critical = round1(error.critical_difference(high.exact_se or 0.0, low.exact_se or 0.0))
    unsettled = [
        r for r in (high.role, low.role) if low_agreement(eng, r, dimension_id) is not None
    ]
    return Gap(
        value=value,
        high=high.role,
        low=low.role,
        critical=critical,
        beyond_error=value > critical,
        unsettled=unsettled,
    )


@dataclass(frozen=True)
class _View:
    score: float
    se: float


def _mirrored(eng: Engagement, dimension_id: str) -> list[tuple[Question, Question]]:
    """The dimension's (self, counterpart) pairs that the bank declares mirrors of each other."""
    by_id = {q.id: q for q in eng.bank.questions}
    return [
        (by_id[q.mirrors], q)
        for q in eng.bank.questions
        if q.dimension == dimension_id
        and q.perspective is Perspective.COUNTERPART
        and q.mirrors in by_id
    ]


def _pair_view(eng: Engagement, role_id: str, questions: list[Question]) -> _View | None:
    """A role's mean friction over ``questions`` (one per pair, equal weights), with its
    error; a role of several people counts the mean over those who answered all of them.

    A respondent's figures depend only on their frictions on these few items, so they are
    computed once for each combination that occurs (a handful), not once a respondent."""
    if not questions:
        return None
    item_error = eng.error(questions[0].dimension).item_error
    grid = eng.layout(role_id)
    if any(q.id not in grid.index for q in questions):
        return None  # an item the role is not asked: none of them answered them all
    columns = eng.answers(role_id).friction_columns
    k = len(questions)
    measurement = error.sem_of_mean(item_error, [1.0] * k)
    rows = zip(*(columns[grid.index[q.id]] for q in questions), strict=True)
    viewed = once_each(rows, partial(_respondent_pair_view, measurement=measurement))
    counted = [figures for figures in viewed if figures is not None]
    scores = [score for score, _ in counted]
    errors = [se for _, se in counted]
    if not scores or (len(eng.sets(role_id)) > 1 and len(scores) < MIN_GROUP_SIZE):
        return None
    return _View(sum(scores) / len(scores), error.se_of_group_mean(errors))


def _respondent_pair_view(
    frictions: tuple[float | None, ...], measurement: float
) -> tuple[float, float] | None:
    """One respondent's mean friction over the items and its error; None unless all answered."""
    k = len(frictions)
    total = squares = 0.0
    for friction in frictions:
        if friction is None:
            return None
        total += friction
        squares += friction * friction
    mean = total / k
    spread = math.sqrt(max(squares - k * mean * mean, 0.0) / (k - 1)) if k > 1 else 0.0
    return mean, max(measurement, spread / math.sqrt(k))


def blind_spot(eng: Engagement, role: Role, dimension_id: str) -> BlindSpot:
    """|role's answers to its mirrored self items − the other leaders' answers to the mirrors|,
    over the pairs both sides answered, beyond error or not."""
    others = [r for r in eng.present_leaders if r.id != role.id]
    pairs = [
        (own, mirror)
        for own, mirror in _mirrored(eng, dimension_id)
        if role.id in eng.bank.answering_roles(own)
        and _answered_by(eng, role.id, own)
        and any(
            o.id in eng.bank.answering_roles(mirror) and _answered_by(eng, o.id, mirror)
            for o in others
        )
    ]
    own_view = _pair_view(eng, role.id, [own for own, _ in pairs])
    views = [v for o in others if (v := _pair_view(eng, o.id, [m for _, m in pairs])) is not None]
    if own_view is None or not views:
        return BlindSpot(
            role=role.id,
            self_score=round1(own_view.score) if own_view else None,
            others_view=None,
            gap=None,
            questions=[own.id for own, _ in pairs],
        )
    others_score = sum(v.score for v in views) / len(views)
    others_se = error.se_of_group_mean([v.se for v in views])
    self_score, others_rounded = round1(own_view.score), round1(others_score)
    value = round1(abs(self_score - others_rounded))
    critical = round1(error.critical_difference(own_view.se, others_se))
    return BlindSpot(
        role=role.id,
        self_score=self_score,
        others_view=others_rounded,
        gap=value,
        critical=critical,
        beyond_error=value > critical,
        questions=[own.id for own, _ in pairs],
    )


def _answered_by(eng: Engagement, role_id: str, question: Question) -> bool:
    position = eng.layout(role_id).index.get(question.id)
    if position is None:
        return False
    return any(v.__class__ is int for v in eng.answers(role_id).columns[position])


def dimension_result(eng: Engagement, dimension: Dimension) -> DimensionResult:
    scores = [role_score(eng, role, dimension) for role in eng.present_roles]
    return DimensionResult(
        id=dimension.id,
        title=dimension.title,
        description=dimension.description,
        bands=bands(dimension),
        roles=scores,
        gap=gap(eng, scores, dimension.id),
        blind_spots=[blind_spot(eng, role, dimension.id) for role in eng.present_leaders],
        reliability="declared" if eng.error(dimension.id).declared else "default",
    )
