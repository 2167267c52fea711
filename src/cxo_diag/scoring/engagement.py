"""One round's answer sets, checked against the bank and grouped by role, and its header."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from cxo_diag.answers import NOT_APPLICABLE, AnswerSet, check_fits_bank
from cxo_diag.bank.content_hash import content_hash
from cxo_diag.bank.model import Bank, Perspective, Question, Role
from cxo_diag.errors import AnswersFileError
from cxo_diag.identity import person_key
from cxo_diag.scoring.aggregation import (
    ALL,
    COVERAGE_FLOOR,
    MIN_GROUP_SIZE,
    Aggregate,
    ColumnSums,
    DimensionError,
    aggregate,
    agreement,
    column_sums,
    dimension_error,
    dimension_scores,
    tallied_sums,
)
from cxo_diag.scoring.matrix import Layout, RoleAnswers, Row, Value, layout, role_answers, row_of
from cxo_diag.scoring.model import Header, RespondentInfo, RoleInfo
from cxo_diag.text import who

__all__ = ["Engagement", "by_role", "check_inputs", "group", "header", "respondent_info", "who"]


@dataclass
class Engagement:
    """The answer sets that count, grouped by role in bank order, respondents sorted by name.

    ``set_aside`` holds those left out for answer quality; they appear in the header and the
    caveats, never in a figure. Aggregates are computed once per role, dimension and view.
    """

    bank: Bank
    by_role: dict[str, list[AnswerSet]]
    set_aside: list[AnswerSet] = field(default_factory=list)
    _aggregates: dict[tuple[str, str], dict[str, Aggregate]] = field(default_factory=dict)
    _errors: dict[str, DimensionError] = field(default_factory=dict)
    _agreement: dict[tuple[str, str], float | None] = field(default_factory=dict)
    _layouts: dict[str, Layout] = field(default_factory=dict)
    _answers: dict[str, RoleAnswers] = field(default_factory=dict)
    #: each answer set's row (``matrix.row_of``) by id(), laid out by the quality checks;
    #: taken out as its role's columns are made, so rows and columns are not both kept
    #: (the rows of set-aside respondents stay until the engagement goes)
    rows: dict[int, Row] = field(default_factory=dict)
    #: item views by (question, role), filled by items.item_view (answer rules ask again)
    views: dict[tuple[str, str], object] = field(default_factory=dict)

    @property
    def present_roles(self) -> list[Role]:
        return [r for r in self.bank.roles if self.by_role.get(r.id)]

    @property
    def present_leaders(self) -> list[Role]:
        return [r for r in self.present_roles if not r.observer]

    @property
    def present_observers(self) -> list[Role]:
        return [r for r in self.present_roles if r.observer]

    def sets(self, role_id: str) -> list[AnswerSet]:
        return self.by_role.get(role_id, [])

    def error(self, dimension_id: str) -> DimensionError:
        if dimension_id not in self._errors:
            self._errors[dimension_id] = dimension_error(
                self.bank, self.bank.dimension(dimension_id)
            )
        return self._errors[dimension_id]

    def questions(self, role_id: str, dimension_id: str) -> list[Question]:
        return [q for q in self.bank.questions_for(role_id) if q.dimension == dimension_id]

    def layout(self, role_id: str) -> Layout:
        if role_id not in self._layouts:
            self._layouts[role_id] = layout(self.bank, role_id)
        return self._layouts[role_id]

    def answers(self, role_id: str) -> RoleAnswers:
        """The role's answer sets as columns (``matrix``), in ``sets`` order. Made once;
        takes the role's rows out of ``rows`` as it makes them."""
        if role_id not in self._answers:
            grid, rows = self.layout(role_id), self.rows
            self._answers[role_id] = role_answers(
                grid,
                [
                    known if (known := rows.pop(id(s), None)) is not None else row_of(grid, s)
                    for s in self.sets(role_id)
                ],
            )
        return self._answers[role_id]

    def column_sums(self, role_id: str, position: int) -> ColumnSums:
        """The frictions of the role's answers to the question at ``position``, summed: from
        the column's tally where the sums are exact whatever the order, else in order."""
        grid, answers = self.layout(role_id), self.answers(role_id)
        if grid.whole[position]:
            return tallied_sums(answers.tally(position), grid.friction[position])
        return column_sums(answers.friction_columns[position])

    def agreement(self, role_id: str, dimension_id: str) -> float | None:
        """rwg(j) of the role's members on the dimension (None under two members)."""
        key = (role_id, dimension_id)
        if key not in self._agreement:
            members = len(self.sets(role_id))
            if members < 2:
                self._agreement[key] = None
            else:
                grid = self.layout(role_id)
                questions = self.questions(role_id, dimension_id)
                self._agreement[key] = agreement(
                    [self.column_sums(role_id, grid.index[q.id]) for q in questions],
                    [len(self.bank.scale(q.scale).points) for q in questions],
                    members,
                )
        return self._agreement[key]

    def role_aggregate(
        self, role_id: str, dimension_id: str, view: Perspective | None = None
    ) -> Aggregate:
        """A role's aggregate on a dimension: over all its items, or its 'us' items only
        (what an observer answers, so leaders and observer compare like with like)."""
        name = view.value if view is not None else ALL
        key = (role_id, dimension_id)
        computed = self._aggregates.setdefault(key, {})
        if name not in computed:
            grid = self.layout(role_id)
            items = [
                (grid.index[q.id], q.weight)
                for q in self.questions(role_id, dimension_id)
                if view is None or q.perspective is view
            ]
            answers = self.answers(role_id)
            scores = dimension_scores(
                answers.friction_columns,
                answers.respondents,
                items,
                self.error(dimension_id).item_error,
            )
            computed[name] = aggregate(scores)
        return computed[name]


def _fitting(
    bank: Bank, role: str
) -> tuple[frozenset[tuple[str, object]], frozenset[str], frozenset[str]]:
    """Every (question, answer) the role may give, the ids it may note or time, and its
    open questions."""
    pairs: set[tuple[str, object]] = set()
    for question in bank.questions_for(role):
        scale = bank.scale(question.scale)
        pairs.update((question.id, value) for value in scale.values)
        pairs.add((question.id, None))
        if scale.not_applicable:
            pairs.add((question.id, NOT_APPLICABLE))
    open_ids = frozenset(q.id for q in bank.open_questions_for(role))
    return frozenset(pairs), frozenset(bank.asked(role)) | open_ids, open_ids


def check_inputs(bank: Bank, answer_sets: Sequence[AnswerSet]) -> None:
    """Every set fits this bank version; one respondent once; one round at a time.

    A set that fits passes a few set comparisons (each answer against every answer the
    role may give); one that does not goes through ``check_fits_bank``, which says why."""
    bank_hash = content_hash(bank)
    fitting = {r.id: _fitting(bank, r.id) for r in bank.roles}
    seen: set[tuple[str, str]] = set()
    for answer_set in answer_sets:
        ref, respondent = answer_set.bank, answer_set.respondent
        fits = fitting.get(respondent.role)
        if (
            fits is None
            or ref.id != bank.id
            or ref.version != bank.version
            or ref.hash != bank_hash
            or not answer_set.open_answers.keys() <= fits[2]
            or not answer_set.answers.items() <= fits[0]
            or not answer_set.notes.keys() <= fits[1]
            or not answer_set.seconds.keys() <= fits[1]
        ):
            where = f"answers of {respondent.name} ({respondent.role})"
            check_fits_bank(answer_set, bank, bank_hash, where)
        key = (respondent.role, person_key(respondent.name))
        if key in seen:
            raise AnswersFileError(
                f"two answer sets for {respondent.name} ({key[0]}); give each respondent once",
                where="answers",
            )
        seen.add(key)
    rounds = sorted({s.round for s in answer_sets})
    if len(rounds) > 1:
        listed = ", ".join(str(r) for r in rounds)
        raise AnswersFileError(
            f"answers come from different rounds ({listed}); score one round at a time",
            where="answers",
        )


def by_role(bank: Bank, answer_sets: Sequence[AnswerSet]) -> dict[str, list[AnswerSet]]:
    """The roles that answered, in bank order, each one's sets by respondent name: the order
    of every list a diagnosis shows. Sorted here once. The roles are the bank's
    (``check_inputs``)."""
    grouped: dict[str, list[AnswerSet]] = {r.id: [] for r in bank.roles}
    for answer_set in answer_sets:
        grouped[answer_set.respondent.role].append(answer_set)
    return {
        role: sorted(sets, key=lambda s: s.respondent.name)
        for role, sets in grouped.items()
        if sets
    }


def group(bank: Bank, ordered: dict[str, list[AnswerSet]], set_aside: set[str]) -> Engagement:
    """The sets that count (``ordered``: ``by_role``); respondents named in ``set_aside`` (by
    ``role/name``) are kept apart, in the same order."""
    counted: dict[str, list[AnswerSet]] = {}
    aside: list[AnswerSet] = []
    for role, sets in ordered.items():
        for answer_set in sets:
            if f"{role}/{answer_set.respondent.name}" in set_aside:
                aside.append(answer_set)
            else:
                counted.setdefault(role, []).append(answer_set)
    return Engagement(bank, counted, aside)


def respondent_info(bank: Bank, answer_set: AnswerSet, set_aside: bool = False) -> RespondentInfo:
    """How far the respondent got."""
    role = answer_set.respondent.role
    asked = len(bank.asked(role))
    # every answer is to a question the role is asked and on its scale, n/a or None
    # (check_inputs): the answers given are len(answers) of them, the rest were not reached
    values: list[Value] = list(answer_set.answers.values())
    given = len(values)
    not_applicable = values.count(NOT_APPLICABLE)
    answered = given - values.count(None) - not_applicable  # the rest are points of a scale
    return RespondentInfo(
        name=answer_set.respondent.name,
        role=role,
        asked=asked,
        answered=answered,
        not_applicable=not_applicable,
        skipped=given - answered - not_applicable,
        not_reached=asked - given,
        set_aside=set_aside,
    )


def header(
    bank: Bank,
    ordered: dict[str, list[AnswerSet]],
    set_aside: Sequence[AnswerSet],
    engagement: str | None,
    generated_at: datetime | None,
) -> Header:
    """Who answered what (``ordered``: ``by_role``). Set-aside respondents are listed (the
    header is about who took part) but their roles count only the others."""
    answer_sets = [s for sets in ordered.values() for s in sets]
    names = sorted({s.engagement for s in answer_sets if s.engagement})
    dates = sorted(s.answered_at for s in answer_sets if s.answered_at is not None)
    aside = {(s.respondent.role, s.respondent.name) for s in set_aside}
    kept = {
        role: sum(1 for s in sets if (role, s.respondent.name) not in aside)
        for role, sets in ordered.items()
    }
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
            RoleInfo(id=r.id, title=r.title, observer=r.observer, respondents=kept[r.id])
            for r in bank.roles
            if kept.get(r.id)
        ],
        respondents=[
            respondent_info(bank, s, (s.respondent.role, s.respondent.name) in aside)
            for s in answer_sets
        ],
        coverage_floor=COVERAGE_FLOOR,
        min_group_size=MIN_GROUP_SIZE,
        set_aside=[f"{s.respondent.name} ({who(s.respondent.role)})" for s in set_aside],
    )
