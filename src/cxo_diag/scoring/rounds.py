"""Change since an earlier round, from unrounded scores, reliable only beyond the RCI.

A change is read off the same people: when a role's respondents differ between the rounds,
the change is computed over those who answered both (``overlap``), if they are at least three
(fewer would show someone's own scores); otherwise the two scores are shown but no change is
claimed (``different``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cxo_diag.scoring import error
from cxo_diag.scoring.aggregation import MIN_GROUP_SIZE, round1
from cxo_diag.scoring.engagement import who
from cxo_diag.scoring.model import (
    ChangeBasis,
    Comparison,
    Diagnosis,
    DimensionChange,
    DimensionResult,
    RoleChange,
    RoleScore,
)

People = Mapping[str, Mapping[str, Mapping[str, tuple[float, float]]]]


def _names(people: People, role: str) -> set[str]:
    return {name for by_name in people.get(role, {}).values() for name in by_name}


def _basis(before: set[str], after: set[str]) -> ChangeBasis:
    if before == after:
        return "same"
    return "overlap" if before & after else "different"


def _exact(score: RoleScore | None) -> tuple[float, float] | None:
    if score is None or score.score is None:
        return None
    value = score.exact if score.exact is not None else score.score
    se = score.exact_se if score.exact_se is not None else (score.se or 0.0)
    return value, se


def _over(people: Mapping[str, tuple[float, float]], names: set[str]) -> tuple[float, float]:
    chosen = [people[n] for n in sorted(names)]
    return (
        sum(s for s, _ in chosen) / len(chosen),
        error.se_of_group_mean([e for _, e in chosen]),
    )


def group_figure(people: Mapping[str, tuple[float, float]]) -> tuple[float, float] | None:
    """A role's unrounded mean over its respondents' scores, with its error; None if none."""
    return _over(people, set(people)) if people else None


def role_change(
    role: str,
    dimension: str,
    *,
    now: RoleScore,
    then: RoleScore | None,
    people_now: People,
    people_then: People,
) -> RoleChange:
    return change_over(
        role,
        dimension,
        after=_exact(now),
        before=_exact(then),
        people_now=people_now,
        people_then=people_then,
    )


def change_over(
    role: str,
    key: str,
    *,
    after: tuple[float, float] | None,
    before: tuple[float, float] | None,
    people_now: People,
    people_then: People,
) -> RoleChange:
    """The change of a role's figure on ``key`` (a dimension, or a practice's progress items),
    over the same people, tested against the reliable change index."""
    basis = _basis(_names(people_then, role), _names(people_now, role))
    if basis == "overlap":
        here = people_now.get(role, {}).get(key, {})
        there = people_then.get(role, {}).get(key, {})
        common = set(here) & set(there)
        if len(common) < MIN_GROUP_SIZE:
            # Fewer than three in common: their figures would be someone's own. The role's
            # scores are shown, as for different people, but no change is claimed.
            basis = "different"
        else:
            after, before = _over(here, common), _over(there, common)
    if after is None or before is None:
        return RoleChange(
            role=role,
            before=before[0] if before else None,
            after=after[0] if after else None,
            delta=None,
            basis=basis,
        )
    delta = after[0] - before[0]
    rci = None
    reliable = False
    if basis != "different" and (before[1] > 0 or after[1] > 0):
        rci = error.reliable_change_index(before[0], after[0], before[1], after[1])
        reliable = abs(rci) > error.Z95
    return RoleChange(
        role=role,
        before=round1(before[0]),
        after=round1(after[0]),
        delta=round1(delta),
        rci=round(rci, 2) + 0.0 if rci is not None else None,
        reliable=reliable,
        basis=basis,
        beyond_error=reliable if rci is not None else None,
    )


def comparison(
    current: Sequence[DimensionResult], people_now: People, previous: Diagnosis
) -> Comparison:
    earlier = {d.id: d for d in previous.dimensions}
    changes = []
    for dim in current:
        old = earlier.get(dim.id)
        roles = [
            role_change(
                rs.role,
                dim.id,
                now=rs,
                then=old.role_score(rs.role) if old is not None else None,
                people_now=people_now,
                people_then=previous.people,
            )
            for rs in dim.roles
        ]
        gap_before = old.gap.value if old is not None and old.gap is not None else None
        gap_after = dim.gap.value if dim.gap is not None else None
        changes.append(
            DimensionChange(
                dimension=dim.id,
                title=dim.title,
                roles=roles,
                gap_before=gap_before,
                gap_after=gap_after,
                gap_delta=round1(gap_after - gap_before)
                if gap_before is not None and gap_after is not None
                else None,
            )
        )
    all_roles = sorted(set(people_now) | set(previous.people))
    moved = [
        (r, _names(previous.people, r), _names(people_now, r))
        for r in all_roles
        if _names(previous.people, r) != _names(people_now, r)
    ]
    note = None
    if moved:
        parts = []
        for role, before, after in moved:
            gone, new = sorted(before - after), sorted(after - before)
            said = []
            if gone:
                said.append(f"{', '.join(gone)} not in this round")
            if new:
                said.append(f"{', '.join(new)} new")
            parts.append(f"{who(role)}: {'; '.join(said)}")
        note = (
            f"The respondents differ from round {previous.header.round} ("
            + "; ".join(parts)
            + "). Changes compare the people who answered both rounds; where nobody did, "
            "the two scores are shown but no change is claimed."
        )
    return Comparison(
        previous_round=previous.header.round,
        previous_bank_version=previous.header.bank_version,
        previous_answered_at=previous.header.answered_at,
        dimensions=changes,
        respondents_changed=bool(moved),
        note=note,
    )
