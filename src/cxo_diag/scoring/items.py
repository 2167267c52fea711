"""Talking points: statements the leaders answered far apart, compared like with like.

An ``us`` item is the same statement for every leader, so their answers compare directly. A
``self`` item is compared only with the ``counterpart`` item that mirrors it, answered by the
other leader: "I stay calm when challenged" (the COO about the COO) against "The COO stays
calm when I challenge them" (the CMO about the COO). Unmirrored self and counterpart items are
never set against each other: under one id the two leaders read different statements.
"""

from __future__ import annotations

from cxo_diag.bank.model import Perspective, Question
from cxo_diag.scoring.aggregation import MIN_GROUP_SIZE, round1
from cxo_diag.scoring.engagement import Engagement
from cxo_diag.scoring.model import ItemGap, ItemRoleView

TOP_DISAGREEMENTS = 5
"""How many talking points the report lists."""

MIN_SCALE_STEPS = 2
"""An item difference is a talking point only from this many scale points apart: one step
is within what the same person answers on another day."""


def item_view(eng: Engagement, question: Question, role_id: str) -> ItemRoleView | None:
    """A role's view of an item, or None when nobody answered it or too few to show.

    One respondent in a role is that person's answer (the report names them). A role shared
    by several respondents shows only a mean over at least MIN_GROUP_SIZE answers, so no
    individual's answer can be read off it.
    """
    key = (question.id, role_id)
    if key not in eng.views:
        eng.views[key] = _item_view(eng, question, role_id)
    view = eng.views[key]
    return view if isinstance(view, ItemRoleView) else None


def _item_view(eng: Engagement, question: Question, role_id: str) -> ItemRoleView | None:
    sets = eng.sets(role_id)
    position = eng.layout(role_id).index.get(question.id)
    if position is None:  # not asked of this role: nobody in it answered
        return None
    n, frictions, _ = eng.column_sums(role_id, position)
    if not n or (len(sets) > 1 and n < MIN_GROUP_SIZE):
        return None
    scale = eng.bank.scale(question.scale)
    # the answers that are points of the item's scale are its only ints (n/a, None besides)
    tally = eng.answers(role_id).tally(position)
    mean_answer = sum(v * count for v, count in tally.items() if isinstance(v, int)) / n
    label = scale.label_of(int(mean_answer)) if mean_answer.is_integer() else None
    friction = frictions / n
    return ItemRoleView(
        role=role_id,
        question=question.id,
        wording=question.wording_for(role_id),
        friction=round1(friction),
        answer=round1(mean_answer),
        answer_label=label,
        n=n,
    )


def _step(eng: Engagement, question: Question) -> float:
    """The distance on 0..100 between two neighbouring points of the item's scale."""
    return 100 / (len(eng.bank.scale(question.scale).points) - 1)


def _us_point(eng: Engagement, question: Question) -> ItemGap | None:
    answering = set(eng.bank.answering_roles(question))
    views = [
        view
        for role in eng.present_roles
        if role.id in answering and (view := item_view(eng, question, role.id)) is not None
    ]
    leaders = {r.id for r in eng.present_leaders}
    frictions = [v.friction for v in views if v.role in leaders]
    if len(frictions) < 2:
        return None
    return _point(
        eng,
        question,
        ids=[question.id],
        about=None,
        views=views,
        gap=max(frictions) - min(frictions),
    )


def _mirror_points(eng: Engagement, own: Question, mirror: Question) -> list[ItemGap]:
    """For each leader A: A's answer to the self item against the others' to its mirror."""
    points = []
    for role in eng.present_leaders:
        if role.id not in eng.bank.answering_roles(own):
            continue
        mine = item_view(eng, own, role.id)
        if mine is None:
            continue
        theirs = [
            view
            for other in eng.present_leaders
            if other.id != role.id
            and other.id in eng.bank.answering_roles(mirror)
            and (view := item_view(eng, mirror, other.id)) is not None
        ]
        if not theirs:
            continue
        gap = max(abs(mine.friction - v.friction) for v in theirs)
        points.append(
            _point(eng, own, ids=[own.id, mirror.id], about=role.id, views=[mine, *theirs], gap=gap)
        )
    return points


def _point(
    eng: Engagement,
    question: Question,
    *,
    ids: list[str],
    about: str | None,
    views: list[ItemRoleView],
    gap: float,
) -> ItemGap:
    return ItemGap(
        question=question.id,
        questions=ids,
        about=about,
        dimension=question.dimension,
        dimension_title=eng.bank.dimension(question.dimension).title,
        perspective=question.perspective,
        keyed=question.keyed.value,
        probe=question.probe,
        views=views,
        gap=round1(gap),
    )


def talking_points(eng: Engagement) -> list[ItemGap]:
    """The widest like-with-like differences of two scale points or more, widest first, ties
    in bank order (the self item's place for a mirrored pair, then the leader's)."""
    order = {q.id: i for i, q in enumerate(eng.bank.questions)}
    by_id = {q.id: q for q in eng.bank.questions}
    leaders = [r.id for r in eng.bank.roles]
    found: list[ItemGap] = []
    for question in eng.bank.questions:
        if question.perspective is Perspective.US:
            point = _us_point(eng, question)
            found += [point] if point is not None else []
        elif question.perspective is Perspective.COUNTERPART and question.mirrors in by_id:
            found += _mirror_points(eng, by_id[question.mirrors], question)
    kept = [p for p in found if p.gap >= MIN_SCALE_STEPS * _step(eng, by_id[p.question]) - 1e-9]
    kept.sort(key=lambda p: (-p.gap, order[p.question], leaders.index(p.about) if p.about else -1))
    return kept[:TOP_DISAGREEMENTS]
