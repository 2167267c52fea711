"""Reliability of a bank on real or simulated answers: does each dimension measure one thing?

Pure functions over plain data, implemented here with the standard library (the formulas
are short; pingouin is GPL and numpy would be a heavy dependency for four sums):

- Cronbach's alpha, alpha = k/(k-1) * (1 - sum of item variances / variance of the total);
- the corrected item-total correlation: each item against the sum of the *other* items;
- alpha if the item were deleted;
- items everyone answers the same way (zero variance: they tell respondents apart in no way).

``analyze_bank`` turns answers files into a ``ReliabilityReport``; ``report.analysis_view``
renders it. docs/instrument-quality.md explains the choices.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cxo_diag.answers import AnswerSet, check_fits_bank, read_answers_file
from cxo_diag.bank.model import Bank, Question
from cxo_diag.errors import AnswersFileError, CxoDiagError
from cxo_diag.scoring.aggregation import item_friction

if TYPE_CHECKING:
    pass

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

Matrix = Sequence[Sequence[float]]
"""Rows are respondents, columns are items; every cell answered."""


class TooFewRespondents(CxoDiagError):
    """Not enough answers to compute reliability that means anything."""

    exit_code = 2


# --- the formulas -----------------------------------------------------------------------------


def variance(values: Sequence[float]) -> float:
    """The sample variance (divisor n - 1); 0 for fewer than two values."""
    n = len(values)
    if n < 2:
        return 0.0
    mean = sum(values) / n
    return sum((v - mean) ** 2 for v in values) / (n - 1)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation; None when either side does not vary (it is undefined)."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def _column(matrix: Matrix, index: int) -> list[float]:
    return [row[index] for row in matrix]


def _totals(matrix: Matrix, skip: int | None = None) -> list[float]:
    return [sum(v for i, v in enumerate(row) if i != skip) for row in matrix]


def cronbach_alpha(matrix: Matrix) -> float | None:
    """Cronbach's alpha of the items (columns); None with fewer than two items or respondents,
    or when the total score does not vary (the ratio is undefined)."""
    if len(matrix) < 2:
        return None
    k = len(matrix[0])
    if k < 2:
        return None
    total_variance = variance(_totals(matrix))
    if total_variance == 0:
        return None
    item_variances = sum(variance(_column(matrix, i)) for i in range(k))
    return k / (k - 1) * (1 - item_variances / total_variance)


def corrected_item_total(matrix: Matrix) -> list[float | None]:
    """For each item, its correlation with the sum of the other items (the item itself left
    out, so it does not correlate with itself); None where either side does not vary."""
    if not matrix:
        return []
    k = len(matrix[0])
    if k < 2:
        return [None] * k
    return [pearson(_column(matrix, i), _totals(matrix, skip=i)) for i in range(k)]


def alpha_if_deleted(matrix: Matrix) -> list[float | None]:
    """For each item, the alpha of the remaining items."""
    if not matrix:
        return []
    k = len(matrix[0])
    return [
        cronbach_alpha([[v for j, v in enumerate(row) if j != i] for row in matrix])
        for i in range(k)
    ]


# --- from answers to a matrix -----------------------------------------------------------------


def dimension_matrix(
    bank: Bank, questions: Sequence[Question], answer_sets: Sequence[AnswerSet]
) -> list[list[float]]:
    """The rows of the respondents who gave a number to every one of ``questions``.

    Alpha needs a complete matrix, so a respondent with a skip or "n/a" in the dimension (or
    whose role is not asked one of its items) is left out of that dimension only.
    """
    rows: list[list[float]] = []
    for answer_set in answer_sets:
        row = []
        for question in questions:
            value = answer_set.answers.get(question.id)
            if not isinstance(value, int):
                break
            row.append(item_friction(question, bank.scale(question.scale), value))
        else:
            rows.append(row)
    return rows


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


# --- the report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemStats:
    """One item of a dimension, on the friction scale 0..100."""

    question: str
    mean: float
    sd: float
    item_total: float | None
    alpha_if_deleted: float | None
    raises_alpha: bool

    @property
    def constant(self) -> bool:
        """Everyone gave the same answer: the item cannot tell respondents apart."""
        return self.sd == 0


@dataclass(frozen=True)
class DimensionReliability:
    dimension: str
    title: str
    respondents: int
    left_out: int
    alpha: float | None
    items: list[ItemStats] = field(default_factory=list)
    reason: str | None = None
    """Why there is no alpha, when there is none."""
    sd: float | None = None
    """The standard deviation of the respondents' dimension scores (0..100), with alpha."""

    @property
    def constant_items(self) -> list[str]:
        return [item.question for item in self.items if item.constant]

    @property
    def items_lowering_alpha(self) -> list[str]:
        return [item.question for item in self.items if item.raises_alpha]


@dataclass(frozen=True)
class ReliabilityReport:
    bank_id: str
    bank_version: str
    bank_hash: str
    respondents: int
    simulated: int
    min_respondents: int
    dimensions: list[DimensionReliability]

    @property
    def all_simulated(self) -> bool:
        return self.simulated == self.respondents

    def below(self, min_alpha: float) -> list[DimensionReliability]:
        """The dimensions that fail a gate: alpha under ``min_alpha``, or no alpha at all
        (a gate must not pass what it could not check)."""
        return [d for d in self.dimensions if d.alpha is None or d.alpha < min_alpha]


def is_simulated(answer_set: AnswerSet) -> bool:
    """Made by ``cxo-diag pilot``: its engagement name, or (once imported into a store under
    another engagement) its respondent name, simulated-0001 and so on."""
    return answer_set.engagement == SIMULATED_ENGAGEMENT or bool(
        SIMULATED_NAME.fullmatch(answer_set.respondent.name)
    )


def has_answers(answer_set: AnswerSet) -> bool:
    """At least one answer on a scale (not only n/a and skips)."""
    return any(isinstance(value, int) for value in answer_set.answers.values())


def _item_stats(question_ids: Sequence[str], matrix: Matrix) -> list[ItemStats]:
    alpha = cronbach_alpha(matrix)
    correlations = corrected_item_total(matrix)
    deleted = alpha_if_deleted(matrix)
    stats = []
    for index, question_id in enumerate(question_ids):
        column = _column(matrix, index)
        without = deleted[index]
        stats.append(
            ItemStats(
                question=question_id,
                mean=sum(column) / len(column),
                sd=math.sqrt(variance(column)),
                item_total=correlations[index],
                alpha_if_deleted=without,
                raises_alpha=alpha is not None and without is not None and without > alpha,
            )
        )
    return stats


def dimension_reliability(
    bank: Bank, dimension_id: str, answer_sets: Sequence[AnswerSet], min_respondents: int
) -> DimensionReliability:
    """Alpha and item statistics of one dimension, or the reason there are none."""
    dimension = bank.dimension(dimension_id)
    questions = [q for q in bank.questions if q.dimension == dimension_id]
    matrix = dimension_matrix(bank, questions, answer_sets)
    alpha: float | None = None
    sd: float | None = None
    items: list[ItemStats] = []
    if len(questions) < 2:
        reason: str | None = "fewer than 2 items"
    elif len(matrix) < min_respondents:
        reason = (
            f"only {len(matrix)} respondent(s) answered every item "
            f"(at least {min_respondents} needed)"
        )
    else:
        alpha = cronbach_alpha(matrix)
        items = _item_stats([q.id for q in questions], matrix)
        reason = None if alpha is not None else "every respondent has the same total"
        sd = math.sqrt(variance(_scores(questions, matrix)))
    return DimensionReliability(
        dimension=dimension.id,
        title=dimension.title,
        respondents=len(matrix),
        left_out=len(answer_sets) - len(matrix),
        alpha=alpha,
        items=items,
        reason=reason,
        sd=sd if alpha is not None else None,
    )


def _scores(questions: Sequence[Question], matrix: Matrix) -> list[float]:
    """Each respondent's dimension score as scoring computes it: the weighted mean friction."""
    weights = [q.weight for q in questions]
    total = sum(weights)
    return [sum(w * v for w, v in zip(weights, row, strict=True)) / total for row in matrix]


@dataclass(frozen=True)
class ReliabilityBlock:
    """What to paste under a dimension of the bank: ``reliability: {alpha, sd, n, source}``.

    Rounded the cautious way, so the pasted figures never promise more precision than the
    pilot showed: alpha down to two decimals, sd up to one.
    """

    dimension: str
    alpha: float
    sd: float
    n: int
    source: str

    def yaml(self) -> str:
        return (
            f"reliability: {{alpha: {self.alpha:.2f}, sd: {self.sd:.1f}, n: {self.n}, "
            f'source: "{self.source}"}}'
        )


def reliability_blocks(report: ReliabilityReport) -> list[ReliabilityBlock]:
    """The blocks to paste, one per dimension with a usable alpha; none from simulated answers
    (they prove the machinery, and are never evidence about the bank)."""
    if report.simulated:
        return []
    source = f"cxo-diag analyze: {report.respondents} respondents, {report.bank_id} "
    source += report.bank_version
    blocks = []
    for dim in report.dimensions:
        if dim.alpha is None or dim.sd is None:
            continue
        alpha = math.floor(dim.alpha * 100) / 100
        sd = math.ceil(dim.sd * 10) / 10
        if alpha <= 0 or alpha >= 1 or sd <= 0:
            continue
        blocks.append(ReliabilityBlock(dim.dimension, alpha, sd, dim.respondents, source))
    return blocks


def analyze_bank(
    bank: Bank,
    bank_hash: str,
    answer_sets: Sequence[AnswerSet],
    *,
    min_respondents: int = DEFAULT_MIN_RESPONDENTS,
) -> ReliabilityReport:
    """Reliability of every dimension of ``bank`` on these answers (already checked to fit it).

    Respondents who answered nothing are ignored. Refuses (TooFewRespondents) when fewer
    than ``min_respondents`` remain;
    a dimension with too few complete answers is reported without an alpha, with the reason.
    """
    answer_sets = [a for a in answer_sets if has_answers(a)]
    if len(answer_sets) < min_respondents:
        raise TooFewRespondents(
            f"{len(answer_sets)} respondent(s) with answers; reliability needs at least "
            f"{min_respondents} (--min-respondents)"
        )
    return ReliabilityReport(
        bank_id=bank.id,
        bank_version=bank.version,
        bank_hash=bank_hash,
        respondents=len(answer_sets),
        simulated=sum(1 for a in answer_sets if is_simulated(a)),
        min_respondents=min_respondents,
        dimensions=[
            dimension_reliability(bank, d.id, answer_sets, min_respondents) for d in bank.dimensions
        ],
    )
