"""A role's answer sets laid out once as columns of plain tuples, by question position.

Scoring reads every answer several times (quality checks, dimension scores, agreement, item
views, blind spots). Looking each one up by question id in each set's dict, and each item's
scale and keying in the bank, again for every respondent, was most of the cost of a large
engagement. Here the bank is read once a role (``Layout``: the questions asked, in bank
order, with each one's friction by answer value, keying applied) and the answers once a
question (``RoleAnswers``: one tuple per question across the respondents, and the frictions
they give), transposed from each set's row (``row_of``), which the quality checks read first
and which is dropped once the columns are made.

Answer sets are checked against the bank before they get here (``engagement.check_inputs``):
every answer belongs to a question the role is asked and is on its scale, n/a or None.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from cxo_diag.answers import AnswerSet
from cxo_diag.bank.model import Bank, Keyed

Value = int | str | None
Row = tuple[Value, ...]
Frictions = tuple[float | None, ...]


@dataclass(frozen=True)
class Layout:
    """The questions a role is asked, in bank order, and what each answer to them gives."""

    ids: tuple[str, ...]
    index: dict[str, int]
    #: per question: answer value -> friction 0..100 (``aggregation.item_friction``)
    friction: tuple[dict[int, float], ...]
    #: per question: the top value of its scale
    high: tuple[int, ...]
    #: per question: whether every friction its answers give is a whole number (scales
    #: whose points minus one divide 100: 2, 3, 5, 6, 11 points), so sums are exact
    whole: tuple[bool, ...] = ()
    #: the contradictory pairs the bank declares whose two items the role is asked, in
    #: bank order: (first id, second id, first position, second position)
    pairs: tuple[tuple[str, str, int, int], ...] = ()


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
        index=index,
        friction=tuple(tables),
        high=tuple(bank.scale(q.scale).high for q in questions),
        whole=tuple(all(f.is_integer() for f in table.values()) for table in tables),
    )


def row_of(grid: Layout, answer_set: AnswerSet) -> Row:
    """The set's answers in the layout's order; None where skipped or not reached."""
    return tuple(map(answer_set.answers.get, grid.ids))


@dataclass(frozen=True)
class RoleAnswers:
    """One role's answer sets (in the engagement's order) as columns: per question, every
    respondent's answer, and the friction each answer gives.

    Only columns are kept, never rows as well: every step that reads a respondent's answers
    across questions (dimension scores) walks the few columns it needs side by side, so one
    copy of the answers serves all: two tuple slots an answer, its value and its friction."""

    respondents: int
    #: per question, every respondent's answer (n/a and None included)
    columns: list[Row]
    #: per question, every respondent's friction (None where n/a, skipped or not reached)
    friction_columns: list[Frictions]
    _tallies: dict[int, Counter[Value]] = field(default_factory=dict, repr=False)

    def tally(self, position: int) -> Counter[Value]:
        """How often each answer (points of the scale, n/a, None) occurs in the column of
        the question at ``position``; counted once."""
        if position not in self._tallies:
            self._tallies[position] = Counter(self.columns[position])
        return self._tallies[position]


def role_answers(grid: Layout, rows: Sequence[Row]) -> RoleAnswers:
    """Lay the sets' rows (``row_of``, in order) out by column: one transposition, then one
    C-level pass a column for the frictions. The caller may drop the rows after."""
    columns: list[Row] = list(zip(*rows, strict=True)) if rows else [() for _ in grid.ids]
    frictions = [
        tuple(map(table.get, column))  # type: ignore[arg-type]
        for table, column in zip(grid.friction, columns, strict=True)
    ]
    return RoleAnswers(len(rows), columns, frictions)
