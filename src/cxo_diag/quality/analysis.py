"""Reliability of a bank on real or simulated answers: does each dimension measure one thing?

The unit of analysis is a *form*: one dimension as one role reads it. Its columns are the
items that role is asked, each in that role's wording, and its rows that role's respondents.
The COO's and the CMO's wording of an item are different statements (and even the same words
said by two roles are said about different people, by different populations), so no column
ever pools two wordings and no alpha pools two roles. Leaders of one company answer about
the same relationship and are not independent: keeping roles apart means they never share a
matrix, and the sample a form needs is counted in companies, not respondents
(docs/instrument-quality.md).

Per form (``consistency`` has the formulas): Cronbach's alpha, corrected item-total
correlations, alpha if an item were deleted, items everyone answers the same way.
``analyze_bank`` turns answer sets into a ``ReliabilityReport``; ``report.analysis_view``
renders it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cxo_diag.answers import AnswerSet, check_fits_bank, read_answers_file
from cxo_diag.bank.model import Bank, Question
from cxo_diag.errors import AnswersFileError, CxoDiagError
from cxo_diag.quality.consistency import (
    Matrix,
    alpha_if_deleted,
    column,
    corrected_item_total,
    cronbach_alpha,
    variance,
)
from cxo_diag.scoring.aggregation import item_friction

DEFAULT_MIN_RESPONDENTS = 10
"""Below this many complete respondents alpha is too unstable to say anything."""

SIMULATED_ENGAGEMENT = "simulated-pilot"
"""The engagement name ``cxo-diag pilot`` writes into every answers file it generates."""

SIMULATED_NAME = re.compile(r"simulated-\d{4,}")
"""The respondent names ``cxo-diag pilot`` gives."""

SIMULATED_NOTE = (
    "These answers are simulated (cxo-diag pilot): they prove the machinery works, "
    "not that the bank is reliable. Collect real pilot answers to judge the bank."
)


class TooFewRespondents(CxoDiagError):
    """Not enough answers to compute reliability that means anything."""

    exit_code = 2


# --- reading answers ---------------------------------------------------------------------------

ANSWERS_SUFFIXES = (".yaml", ".yml", ".json")


def answers_files(paths: Sequence[Path]) -> list[Path]:
    """The answers files named, folders walked (hidden files skipped), in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in ANSWERS_SUFFIXES
                    and p.is_file()
                    and not p.name.startswith(".")
                )
            )
        elif path.exists():
            files.append(path)
        else:
            raise AnswersFileError("no such file or folder", where=str(path))
    return files


def read_answer_sets(
    paths: Sequence[Path],
    bank: Bank,
    bank_hash: str,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[AnswerSet]:
    """Every answers file under ``paths``, each checked to fit this exact bank version;
    ``progress(1, total)`` after each file, for a progress bar."""
    answer_sets = []
    files = answers_files(paths)
    for path in files:
        answer_set = read_answers_file(path)
        check_fits_bank(answer_set, bank, bank_hash, str(path))
        answer_sets.append(answer_set)
        if progress is not None:
            progress(1, len(files))
    return answer_sets


# --- who answered, and from which company -------------------------------------------------------


def is_simulated(answer_set: AnswerSet) -> bool:
    """Made by ``cxo-diag pilot``: its engagement name, or (once imported into a store under
    another engagement) its respondent name, simulated-0001 and so on."""
    return answer_set.engagement == SIMULATED_ENGAGEMENT or bool(
        SIMULATED_NAME.fullmatch(answer_set.respondent.name)
    )


def has_answers(answer_set: AnswerSet) -> bool:
    """At least one answer on a scale (not only n/a and skips)."""
    return any(isinstance(value, int) for value in answer_set.answers.values())


def company_keys(answer_sets: Sequence[AnswerSet]) -> list[str]:
    """Which company each answer set comes from: its engagement.

    A set without an engagement name (a self-assessment file) can be grouped with nobody, so
    it counts as a company of its own; so does each simulated respondent, drawn independently
    of every other by ``cxo-diag pilot`` although all of them name one engagement.
    """
    keys = []
    for index, answer_set in enumerate(answer_sets):
        if answer_set.engagement is None or is_simulated(answer_set):
            keys.append(f"#{index}")
        else:
            keys.append(f"engagement:{answer_set.engagement}")
    return keys


# --- one form: a dimension as one role reads it -------------------------------------------------


def form_questions(bank: Bank, dimension_id: str, role_id: str) -> list[Question]:
    """The items of ``dimension_id`` that ``role_id`` is asked, in bank order."""
    asked = bank.asked(role_id)
    return [q for q in bank.questions if q.dimension == dimension_id and q.id in asked]


def dimension_matrix(
    bank: Bank, questions: Sequence[Question], answer_sets: Sequence[AnswerSet]
) -> list[list[float]]:
    """The rows of the respondents who gave a number to every one of ``questions``.

    Alpha needs a complete matrix, so a respondent with a skip or "n/a" in the form is left
    out of that form only.
    """
    return [row for row, _ in _complete_rows(bank, questions, answer_sets)]


def _complete_rows(
    bank: Bank, questions: Sequence[Question], answer_sets: Sequence[AnswerSet]
) -> list[tuple[list[float], int]]:
    """Each complete row of friction values with the index of its answer set."""
    rows: list[tuple[list[float], int]] = []
    for index, answer_set in enumerate(answer_sets):
        row = []
        for question in questions:
            value = answer_set.answers.get(question.id)
            if not isinstance(value, int):
                break
            row.append(item_friction(question, bank.scale(question.scale), value))
        else:
            rows.append((row, index))
    return rows


@dataclass(frozen=True)
class ItemStats:
    """One column of a form: an item in one role's wording, on the friction scale 0..100."""

    question: str
    mean: float
    sd: float
    item_total: float | None
    alpha_if_deleted: float | None
    raises_alpha: bool
    wording: str = ""

    @property
    def constant(self) -> bool:
        """Everyone gave the same answer: the item cannot tell respondents apart."""
        return self.sd == 0


@dataclass(frozen=True)
class FormReliability:
    """One dimension as one role reads it: that role's items, wordings and respondents."""

    dimension: str
    role: str
    role_title: str
    items_asked: int
    respondents: int
    companies: int
    left_out: int
    alpha: float | None
    gated: bool
    """Held to ``--min-alpha``: every leader's form; an observer's when it has answers and
    two items or more (one item has no internal consistency to measure)."""
    items: list[ItemStats] = field(default_factory=list)
    reason: str | None = None
    """Why there is no alpha, when there is none."""
    sd: float | None = None
    """The standard deviation of the respondents' dimension scores (0..100), with alpha."""

    @property
    def answered(self) -> int:
        """This role's respondents with any answer, complete in the form or not."""
        return self.respondents + self.left_out

    @property
    def item_error(self) -> float | None:
        """The error of one item that this form's alpha and sd imply: SEM x sqrt(items)."""
        if self.alpha is None or self.sd is None or not 0 < self.alpha < 1:
            return None
        return self.sd * math.sqrt(1 - self.alpha) * math.sqrt(self.items_asked)


@dataclass(frozen=True)
class DimensionReliability:
    dimension: str
    title: str
    forms: list[FormReliability] = field(default_factory=list)

    @property
    def constant_items(self) -> list[str]:
        return [f"{i.question} ({f.role})" for f in self.forms for i in f.items if i.constant]

    @property
    def items_lowering_alpha(self) -> list[str]:
        return [f"{i.question} ({f.role})" for f in self.forms for i in f.items if i.raises_alpha]


@dataclass(frozen=True)
class ReliabilityReport:
    bank_id: str
    bank_version: str
    bank_hash: str
    respondents: int
    companies: int
    simulated: int
    min_respondents: int
    dimensions: list[DimensionReliability]

    @property
    def all_simulated(self) -> bool:
        return self.simulated == self.respondents

    @property
    def forms(self) -> list[FormReliability]:
        return [form for dim in self.dimensions for form in dim.forms]

    def form(self, dimension_id: str, role_id: str) -> FormReliability:
        return next(f for f in self.forms if (f.dimension, f.role) == (dimension_id, role_id))

    def below(self, min_alpha: float) -> list[FormReliability]:
        """The forms that fail a gate: alpha under ``min_alpha``, or no alpha at all (a gate
        must not pass what it could not check)."""
        return [f for f in self.forms if f.gated and (f.alpha is None or f.alpha < min_alpha)]


def _item_stats(questions: Sequence[Question], role: str, matrix: Matrix) -> list[ItemStats]:
    alpha = cronbach_alpha(matrix)
    correlations = corrected_item_total(matrix)
    deleted = alpha_if_deleted(matrix)
    stats = []
    for index, question in enumerate(questions):
        values = column(matrix, index)
        without = deleted[index]
        stats.append(
            ItemStats(
                question=question.id,
                wording=question.wording_for(role),
                mean=sum(values) / len(values),
                sd=math.sqrt(variance(values)),
                item_total=correlations[index],
                alpha_if_deleted=without,
                raises_alpha=alpha is not None and without is not None and without > alpha,
            )
        )
    return stats


def _too_few(respondents: int, companies: int, needed: int) -> str:
    if companies == respondents:
        return f"only {respondents} respondent(s) answered every item (at least {needed} needed)"
    return (
        f"only {companies} companies among the {respondents} respondents who answered every "
        f"item (at least {needed} needed; colleagues of one company count once)"
    )


def form_reliability(
    bank: Bank,
    dimension_id: str,
    role_id: str,
    answer_sets: Sequence[AnswerSet],
    *,
    companies: Sequence[str],
    min_respondents: int,
) -> FormReliability:
    """Alpha and item statistics of one form, or the reason there are none.

    ``answer_sets`` are this role's, ``companies`` their company keys (``company_keys``).
    """
    role = bank.role(role_id)
    questions = form_questions(bank, dimension_id, role_id)
    complete = _complete_rows(bank, questions, answer_sets)
    matrix = [row for row, _ in complete]
    clusters = len({companies[index] for _, index in complete})
    alpha: float | None = None
    sd: float | None = None
    items: list[ItemStats] = []
    if not answer_sets:
        reason: str | None = f"no {role.title} answered"
    elif len(questions) < 2:
        reason = "one item: internal consistency needs two or more"
    elif clusters < min_respondents:
        reason = _too_few(len(matrix), clusters, min_respondents)
    else:
        alpha = cronbach_alpha(matrix)
        items = _item_stats(questions, role_id, matrix)
        reason = None if alpha is not None else "every respondent has the same total"
        sd = math.sqrt(variance(_scores(questions, matrix)))
    return FormReliability(
        dimension=dimension_id,
        role=role_id,
        role_title=role.title,
        items_asked=len(questions),
        respondents=len(matrix),
        companies=clusters,
        left_out=len(answer_sets) - len(matrix),
        alpha=alpha,
        gated=not role.observer or (bool(answer_sets) and len(questions) >= 2),
        items=items,
        reason=reason,
        sd=sd if alpha is not None else None,
    )


def _scores(questions: Sequence[Question], matrix: Matrix) -> list[float]:
    """Each respondent's dimension score as scoring computes it: the weighted mean friction."""
    weights = [q.weight for q in questions]
    total = sum(weights)
    return [sum(w * v for w, v in zip(weights, row, strict=True)) / total for row in matrix]


# --- the whole bank ---------------------------------------------------------------------------


def analyze_bank(
    bank: Bank,
    bank_hash: str,
    answer_sets: Sequence[AnswerSet],
    *,
    min_respondents: int = DEFAULT_MIN_RESPONDENTS,
) -> ReliabilityReport:
    """Reliability of every form (dimension x role) of ``bank`` on these answers (already
    checked to fit it).

    Respondents who answered nothing are ignored. Refuses (TooFewRespondents) when fewer
    than ``min_respondents`` remain; a form with too few companies answering every item is
    reported without an alpha, with the reason.
    """
    answer_sets = [a for a in answer_sets if has_answers(a)]
    if len(answer_sets) < min_respondents:
        raise TooFewRespondents(
            f"{len(answer_sets)} respondent(s) with answers; reliability needs at least "
            f"{min_respondents} (--min-respondents)"
        )
    keys = company_keys(answer_sets)
    by_role: dict[str, tuple[list[AnswerSet], list[str]]] = {r.id: ([], []) for r in bank.roles}
    for answer_set, key in zip(answer_sets, keys, strict=True):
        sets, companies = by_role[answer_set.respondent.role]
        sets.append(answer_set)
        companies.append(key)
    dimensions = []
    for dimension in bank.dimensions:
        forms = [
            form_reliability(
                bank,
                dimension.id,
                role.id,
                by_role[role.id][0],
                companies=by_role[role.id][1],
                min_respondents=min_respondents,
            )
            for role in bank.roles
            if form_questions(bank, dimension.id, role.id)
        ]
        dimensions.append(DimensionReliability(dimension.id, dimension.title, forms))
    return ReliabilityReport(
        bank_id=bank.id,
        bank_version=bank.version,
        bank_hash=bank_hash,
        respondents=len(answer_sets),
        companies=len(set(keys)),
        simulated=sum(1 for a in answer_sets if is_simulated(a)),
        min_respondents=min_respondents,
        dimensions=dimensions,
    )
