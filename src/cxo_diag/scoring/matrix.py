"""A role's answer sets laid out once as rows of plain tuples, by question position.

Scoring reads every answer several times (quality checks, dimension scores, agreement, item
views, blind spots). Looking each one up by question id in each set's dict, and each item's
scale and keying in the bank, again for every respondent, was most of the cost of a large
engagement. Here the bank is read once a role (``Layout``: the questions asked, in bank
order, with each one's friction by answer value, keying applied) and each answer set once
(its values as a tuple in that order, and the frictions they give); the columns (one tuple
per question across the respondents) come from one transposition.

Answer sets are checked against the bank before they get here (``engagement.check_inputs``):
every answer belongs to a question the role is asked and is on its scale, n/a or None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from cxo_diag.answers import AnswerSet
from cxo_diag.bank.model import Bank, Keyed, Question

Value = int | str | None
Row = tuple[Value, ...]
Frictions = tuple[float | None, ...]


@dataclass(frozen=True)
class Layout:
    """The questions a role is asked, in bank order, and what each answer to them gives."""

    ids: tuple[str, ...]
    questions: tuple[Question, ...]
    index: dict[str, int]
    #: per question: answer value -> friction 0..100 (``aggregation.item_friction``)
    friction: tuple[dict[int, float], ...]
    #: per question: the top value of its scale
    high: tuple[int, ...]
    #: per question: its weight
    weight: tuple[float, ...]
    #: the contradictory pairs the bank declares whose two items the role is asked, in
    #: bank order: (first id, second id, first position, second position)
    pairs: tuple[tuple[str, str, int, int], ...] = ()

    def positions(self, questions: Sequence[Question]) -> list[int]:
        return [self.index[q.id] for q in questions]

    def whole(self, positions: Sequence[int]) -> bool:
        """Whether every friction the questions at ``positions`` can give is a whole number:
        then their sums are whole numbers far below 2**53, exact in any order."""
        return all(f.is_integer() for p in positions for f in self.friction[p].values())


def layout(bank: Bank, role_id: str) -> Layout:
    questions = tuple(bank.questions_for(role_id))
    tables = []
    for question in questions:
        positions = bank.scale(question.scale).positions
        harmony = question.keyed is Keyed.HARMONY
        tables.append({value: (100 - p if harmony else p) for value, p in positions.items()})
    index = {q.id: i for i, q in enumerate(questions)}
    return Layout(
        pairs=tuple(
            (a, b, index[a], index[b]) for a, b in bank.contradictions if a in index and b in index
        ),
        ids=tuple(q.id for q in questions),
        questions=questions,
        index=index,
        friction=tuple(tables),
        high=tuple(bank.scale(q.scale).high for q in questions),
        weight=tuple(q.weight for q in questions),
    )


def row_of(grid: Layout, answer_set: AnswerSet) -> Row:
    """The set's answers in the layout's order; None where skipped or not reached."""
    return tuple(map(answer_set.answers.get, grid.ids))


def frictions_of(grid: Layout, row: Row) -> Frictions:
    """Each answer's friction; None where there is no answer on the scale (n/a, skipped)."""
    return tuple(map(dict.get, grid.friction, row))  # type: ignore[arg-type]


@dataclass
class RoleAnswers:
    """One role's answer sets (in the engagement's order) as rows, with their columns."""

    grid: Layout
    rows: list[Row]
    frictions: list[Frictions] = field(init=False)

    def __post_init__(self) -> None:
        grid = self.grid
        self.frictions = [frictions_of(grid, row) for row in self.rows]

    @cached_property
    def columns(self) -> list[Row]:
        """Per question, every respondent's answer (n/a and None included)."""
        if not self.rows:
            return [() for _ in self.grid.ids]
        return list(zip(*self.rows, strict=True))

    @cached_property
    def friction_columns(self) -> list[Frictions]:
        if not self.frictions:
            return [() for _ in self.grid.ids]
        return list(zip(*self.frictions, strict=True))
