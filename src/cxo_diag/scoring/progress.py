"""Progress signs: did the items a practice's sign names move beyond measurement error?

A bank names, for each practice, the items whose change shows its progress sign
(``progress:``). A re-assessment round reports, for each practice the earlier round
recommended, the change per role over those items: each respondent's weighted mean friction
over them, unrounded, the same people in both rounds, reliable only beyond the reliable
change index (``rounds.change_over``, the machinery of the dimension changes).

Computed only in a re-assessment, and only for the practices the earlier round listed: the
earlier diagnosis keeps a reference to the answer sets that counted in it (never
serialised), so a first round pays nothing for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cxo_diag.answers import AnswerSet
from cxo_diag.scoring.aggregation import scores_over
from cxo_diag.scoring.engagement import Engagement, who
from cxo_diag.scoring.model import Caveat, Comparison, Diagnosis, PracticeProgress, RoleChange
from cxo_diag.scoring.rounds import change_over, group_figure

ProgressPeople = dict[str, dict[str, dict[str, tuple[float, float]]]]
"""role -> practice -> respondent name -> (score over the practice's items, its error)."""


def progress_people(
    eng: Engagement, by_role: Mapping[str, Sequence[AnswerSet]], practices: Sequence[str]
) -> ProgressPeople:
    """Each counted respondent's unrounded score and error over each practice's items."""
    bank = eng.bank
    named = {entry.practice: set(entry.items) for entry in bank.progress}
    people: ProgressPeople = {}
    for practice_id in practices:
        wanted = named[practice_id]
        for role in bank.roles:
            sets = by_role.get(role.id, [])
            asked = bank.asked(role.id)
            questions = [q for q in bank.questions if q.id in wanted and q.id in asked]
            if not sets or not questions:
                continue
            item_error = max(eng.error(q.dimension).item_error for q in questions)
            scores = scores_over(bank, questions, sets, item_error)
            people.setdefault(role.id, {})[practice_id] = {
                s.respondent.name: figures
                for s, figures in zip(sets, scores, strict=True)
                if figures is not None
            }
    return people


def practice_progress(eng: Engagement, previous: Diagnosis) -> list[PracticeProgress]:
    """For each practice the earlier round listed and the bank names items for, the change
    per role over those items; nothing when the earlier round used other bank content."""
    from cxo_diag.bank.content_hash import content_hash

    bank = eng.bank
    if previous.counted is None or previous.header.bank_hash != content_hash(bank):
        return []
    named = {entry.practice: entry.items for entry in bank.progress}
    listed = [p for p in previous.practices if p.practice.id in named]
    ids = [p.practice.id for p in listed]
    now = progress_people(eng, eng.by_role, ids)
    then = progress_people(eng, previous.counted, ids)
    progress = []
    for ranked in listed:
        practice_id = ranked.practice.id
        roles: list[RoleChange] = []
        for role in bank.roles:
            here = now.get(role.id, {}).get(practice_id)
            there = then.get(role.id, {}).get(practice_id)
            if here is None and there is None:
                continue
            roles.append(
                change_over(
                    role.id,
                    practice_id,
                    after=group_figure(here or {}),
                    before=group_figure(there or {}),
                    people_now=now,
                    people_then=then,
                )
            )
        progress.append(
            PracticeProgress(
                practice=practice_id,
                title=ranked.practice.title,
                sign=ranked.practice.progress_sign,
                items=list(named[practice_id]),
                roles=roles,
            )
        )
    return progress


def progress_caveat(progress: Sequence[PracticeProgress], previous_round: int) -> Caveat | None:
    """One line for page one naming the practices whose sign moved beyond error."""
    moved = [p for p in progress if any(r.reliable for r in p.roles)]
    if not moved:
        return None
    parts = []
    for item in moved:
        less = [who(r.role) for r in item.roles if r.reliable and (r.delta or 0) < 0]
        more = [who(r.role) for r in item.roles if r.reliable and (r.delta or 0) > 0]
        said = []
        if less:
            said.append(f"less friction for {' and '.join(less)}")
        if more:
            said.append(f"more friction for {' and '.join(more)}")
        parts.append(f"{item.title} ({', '.join(item.items)}): {'; '.join(said)}")
    return Caveat(
        kind="progress",
        message=(
            f"Progress signs since round {previous_round}, beyond measurement error: "
            + "; ".join(parts)
            + "."
        ),
    )


def with_progress(
    eng: Engagement, compared: Comparison | None, previous: Diagnosis | None
) -> tuple[Comparison | None, list[Caveat]]:
    """The comparison with the practices' progress added, and the page-one caveat when a
    sign moved beyond error (what ``diagnose`` needs)."""
    if compared is None or previous is None:
        return compared, []
    practices = practice_progress(eng, previous)
    caveat = progress_caveat(practices, previous.header.round)
    return (
        compared.model_copy(update={"practices": practices}),
        [caveat] if caveat is not None else [],
    )
