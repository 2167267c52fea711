"""Reliability of a bank on real or simulated answers: does each dimension measure one thing?

Pure functions over plain data, implemented here with the standard library (the formulas
are short; pingouin is GPL and numpy would be a heavy dependency for four sums):

- Cronbach's alpha, alpha = k/(k-1) * (1 - sum of item variances / variance of the total);
- the corrected item-total correlation: each item against the sum of the *other* items;
- alpha if the item were deleted;
- items everyone answers the same way (zero variance: they tell respondents apart in no way).

``analyze_bank`` turns answers files into a ``ReliabilityReport``; ``render_text`` and
``render_json`` turn the report into text. docs/instrument-quality.md explains the choices.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cxo_diag.answers import AnswerSet, BankRef, check_fits_bank, read_answers_file
from cxo_diag.bank.model import Bank, Question
from cxo_diag.errors import AnswersFileError, CxoDiagError
from cxo_diag.scoring import item_friction

if TYPE_CHECKING:
    from cxo_diag.report.model import Diagnosis, NormsSection
    from cxo_diag.store.engine import Store

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


def read_answer_sets(paths: Sequence[Path], bank: Bank, bank_hash: str) -> list[AnswerSet]:
    """Every answers file under ``paths``, each checked to fit this exact bank version."""
    answer_sets = []
    for path in answers_files(paths):
        answer_set = read_answers_file(path)
        check_fits_bank(answer_set, bank, bank_hash, str(path))
        answer_sets.append(answer_set)
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


def _answered(answer_set: AnswerSet) -> bool:
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
    return DimensionReliability(
        dimension=dimension.id,
        title=dimension.title,
        respondents=len(matrix),
        left_out=len(answer_sets) - len(matrix),
        alpha=alpha,
        items=items,
        reason=reason,
    )


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
    answer_sets = [a for a in answer_sets if _answered(a)]
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


# --- rendering --------------------------------------------------------------------------------


def _shown(text: str) -> str:
    """Bank or store text for a rich console: control characters made visible, on one line,
    markup escaped."""
    from rich.markup import escape

    from cxo_diag.text import one_line

    return escape(one_line(text))


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _simulation_line(report: ReliabilityReport) -> str | None:
    if report.all_simulated:
        return SIMULATED_NOTE
    if report.simulated:
        return (
            f"{report.simulated} of {report.respondents} answers files are simulated "
            f"(cxo-diag pilot): mixing them with real answers makes the figures meaningless."
        )
    return None


def render_text(
    report: ReliabilityReport,
    *,
    min_alpha: float | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    """The report for a terminal: one table of items per dimension, then what to look at."""
    from rich.markup import escape
    from rich.table import Table

    from cxo_diag.report.console import capture

    with capture(color=color, width=width) as (console, buffer):
        console.print(
            f"[bold]Reliability of {escape(report.bank_id)} {escape(report.bank_version)}[/] "
            f"({escape(report.bank_hash)}): {report.respondents} respondent(s)"
        )
        simulation = _simulation_line(report)
        if simulation:
            console.print(f"[bold yellow]{escape(simulation)}[/]")
        for dim in report.dimensions:
            console.print()
            console.print(_dimension_heading(dim, min_alpha))
            if dim.reason and not dim.items:
                continue
            table = Table(box=None, pad_edge=False, show_edge=False)
            for column, justify in (
                ("item", "left"),
                ("mean", "right"),
                ("sd", "right"),
                ("item-total r", "right"),
                ("alpha if deleted", "right"),
                ("", "left"),
            ):
                table.add_column(column, justify=justify)  # type: ignore[arg-type]
            for item in dim.items:
                table.add_row(
                    escape(item.question),
                    f"{item.mean:.1f}",
                    f"{item.sd:.1f}",
                    _fmt(item.item_total),
                    _fmt(item.alpha_if_deleted),
                    _item_flag(item),
                )
            console.print(table)
        console.print()
        console.print(_summary(report, min_alpha))
        if simulation:
            console.print(f"[bold yellow]{escape(simulation)}[/]")
    return buffer.getvalue()


def _dimension_heading(dim: DimensionReliability, min_alpha: float | None) -> str:
    from rich.markup import escape

    title = f"[bold]{_shown(dim.title)}[/] ({escape(dim.dimension)})"
    counts = f"n={dim.respondents}" + (f", {dim.left_out} left out" if dim.left_out else "")
    if dim.alpha is None:
        return f"{title}: no alpha, {escape(dim.reason or '')} ({counts})"
    verdict = ""
    if min_alpha is not None:
        verdict = " [green]ok[/]" if dim.alpha >= min_alpha else f" [red]below {min_alpha:g}[/]"
    return f"{title}: alpha {dim.alpha:.2f} ({counts}){verdict}"


def _item_flag(item: ItemStats) -> str:
    if item.constant:
        return "everyone answers the same"
    if item.raises_alpha:
        return "alpha rises without it"
    return ""


def _summary(report: ReliabilityReport, min_alpha: float | None) -> str:
    from rich.markup import escape

    lines = []
    constant = [q for d in report.dimensions for q in d.constant_items]
    lowering = [q for d in report.dimensions for q in d.items_lowering_alpha]
    if constant:
        lines.append("Items everyone answers the same way: " + escape(", ".join(constant)))
    if lowering:
        lines.append("Items whose deletion raises alpha: " + escape(", ".join(lowering)))
    if min_alpha is not None:
        failing = report.below(min_alpha)
        if failing:
            names = escape(", ".join(d.dimension for d in failing))
            lines.append(f"[red]{len(failing)} dimension(s) below alpha {min_alpha:g}: {names}[/]")
        else:
            lines.append(f"[green]Every dimension reaches alpha {min_alpha:g}.[/]")
    return "\n".join(lines) if lines else "No item stands out."


def report_dict(report: ReliabilityReport, *, min_alpha: float | None = None) -> dict[str, object]:
    """The report as plain data, for ``--format json``."""
    return {
        "schema_version": 1,
        "bank": {"id": report.bank_id, "version": report.bank_version, "hash": report.bank_hash},
        "respondents": report.respondents,
        "simulated": report.simulated,
        "note": _simulation_line(report),
        "min_respondents": report.min_respondents,
        "min_alpha": min_alpha,
        "passed": None if min_alpha is None else not report.below(min_alpha),
        "dimensions": [
            {
                "id": d.dimension,
                "title": d.title,
                "respondents": d.respondents,
                "left_out": d.left_out,
                "alpha": d.alpha,
                "reason": d.reason,
                "items": [
                    {
                        "question": i.question,
                        "mean": i.mean,
                        "sd": i.sd,
                        "item_total": i.item_total,
                        "alpha_if_deleted": i.alpha_if_deleted,
                        "constant": i.constant,
                        "raises_alpha": i.raises_alpha,
                    }
                    for i in d.items
                ],
            }
            for d in report.dimensions
        ],
    }


def render_json(report: ReliabilityReport, *, min_alpha: float | None = None) -> str:
    return json.dumps(report_dict(report, min_alpha=min_alpha), indent=2, ensure_ascii=False) + "\n"


# --- local norms ------------------------------------------------------------------------------

MIN_NORM_SAMPLE = 5
"""Fewer earlier engagements than this and a percentile would single out one client: hidden."""

RoleScores = dict[tuple[str, str], float]
"""(dimension id, role id) -> that role's score on that dimension in one engagement."""


def percentile_rank(value: float, reference: Sequence[float]) -> float:
    """The percentage of ``reference`` below ``value``, ties counting half (the mid-rank
    definition, so a value equal to every reference score sits at 50, not 0 or 100)."""
    below = sum(1 for r in reference if r < value)
    equal = sum(1 for r in reference if r == value)
    return 100 * (below + equal / 2) / len(reference)


def role_scores(diagnosis: Diagnosis) -> RoleScores:
    """Every role's score per dimension in a diagnosis (those with too few answers left out)."""
    return {
        (dimension.id, score.role): score.score
        for dimension in diagnosis.dimensions
        for score in dimension.roles
        if score.score is not None
    }


@dataclass(frozen=True)
class Norm:
    """Where one role's score on one dimension sits among earlier engagements."""

    dimension: str
    title: str
    role: str
    score: float | None
    sample: int
    percentile: float | None
    """None when there is no score, or fewer than the minimum earlier engagements."""


@dataclass(frozen=True)
class NormsReport:
    engagement: str | None
    bank_id: str
    bank_version: str
    bank_hash: str
    references: int
    simulated_skipped: int
    min_sample: int
    norms: list[Norm]


@dataclass(frozen=True)
class Reference:
    """The earlier engagements a new one is compared with."""

    scores: list[RoleScores]
    simulated_skipped: int = 0


def place(
    bank: Bank,
    bank_hash: str,
    current: RoleScores,
    reference: Reference,
    *,
    engagement: str | None = None,
    min_sample: int = MIN_NORM_SAMPLE,
) -> NormsReport:
    """Each (dimension, role) score of ``current`` as a percentile among the reference
    engagements that have a score there; hidden when fewer than ``min_sample`` do."""
    norms = []
    for dimension in bank.dimensions:
        for role in bank.roles:
            key = (dimension.id, role.id)
            if key not in current and not any(key in r for r in reference.scores):
                continue
            sample = [r[key] for r in reference.scores if key in r]
            score = current.get(key)
            percentile = None
            if score is not None and len(sample) >= min_sample:
                percentile = percentile_rank(score, sample)
            norms.append(
                Norm(
                    dimension=dimension.id,
                    title=dimension.title,
                    role=role.id,
                    score=score,
                    sample=len(sample),
                    percentile=percentile,
                )
            )
    return NormsReport(
        engagement=engagement,
        bank_id=bank.id,
        bank_version=bank.version,
        bank_hash=bank_hash,
        references=len(reference.scores),
        simulated_skipped=reference.simulated_skipped,
        min_sample=min_sample,
        norms=norms,
    )


Fingerprint = frozenset[tuple[str, str, tuple[tuple[str, int | str], ...]]]
"""Who answered what in one round: (name, role, the answers given), skips left out."""


def answers_fingerprint(answer_sets: Sequence[AnswerSet]) -> Fingerprint:
    """The same respondents giving the same answers: how a round is recognised in a store
    whatever engagement name it was imported under."""
    return frozenset(
        (
            a.respondent.name,
            a.respondent.role,
            tuple(sorted((q, v) for q, v in a.answers.items() if v is not None)),
        )
        for a in answer_sets
        if _answered(a)
    )


def stored_reference(
    store: Store,
    bank_ref: BankRef,
    *,
    before: datetime | None = None,
    exclude: str | None = None,
    exclude_answers: Sequence[AnswerSet] = (),
) -> Reference:
    """The latest round of every stored engagement of this exact bank (id, version, hash),
    created before ``before``, other than ``exclude`` and other than one whose latest round
    holds exactly ``exclude_answers`` (the same round, imported under another name);
    simulated engagements are skipped."""
    from cxo_diag.scoring import diagnose
    from cxo_diag.store import queries
    from cxo_diag.store.sessions import answer_sets, get_engagement, round_numbers

    with store.reading() as connection:
        rows = queries.all_engagements(connection)
    itself = answers_fingerprint(exclude_answers) if exclude_answers else None
    scores: list[RoleScores] = []
    simulated = 0
    for row in rows:
        if row.bank != bank_ref or row.name == exclude:
            continue
        if before is not None and row.created_at >= before:
            continue
        engagement = get_engagement(store, row.name)
        latest = max(round_numbers(store, engagement), default=1)
        sets = [a for a in answer_sets(store, engagement, latest) if _answered(a)]
        if not sets or answers_fingerprint(sets) == itself:
            continue
        if all(is_simulated(a) for a in sets):
            simulated += 1
            continue
        scores.append(role_scores(diagnose(engagement.bank, sets, engagement=row.name)))
    return Reference(scores, simulated)


def engagement_norms(store: Store, name: str, *, min_sample: int = MIN_NORM_SAMPLE) -> NormsReport:
    """The latest round of engagement ``name`` placed among the engagements of the same bank
    version created before it."""
    from cxo_diag.scoring import diagnose
    from cxo_diag.store.sessions import answer_sets, get_engagement, round_numbers

    engagement = get_engagement(store, name)
    latest = max(round_numbers(store, engagement), default=1)
    sets = [a for a in answer_sets(store, engagement, latest) if _answered(a)]
    current = role_scores(diagnose(engagement.bank, sets, engagement=name)) if sets else {}
    reference = stored_reference(
        store, engagement.row.bank, before=engagement.row.created_at, exclude=name
    )
    return place(
        engagement.bank,
        engagement.row.bank.hash,
        current,
        reference,
        engagement=name,
        min_sample=min_sample,
    )


def diagnosis_norms(
    store: Store,
    bank: Bank,
    diagnosis: Diagnosis,
    *,
    min_sample: int = MIN_NORM_SAMPLE,
    before: datetime | None = None,
    answers: Sequence[AnswerSet] = (),
) -> NormsReport:
    """Norms for a report (``--norms STORE``): the diagnosis placed among the stored
    engagements of its bank version (created before ``before``, when given), never
    against itself: the engagement it names is left out, and so is any stored engagement
    whose latest round holds exactly ``answers`` (the answers it was scored from)."""
    header = diagnosis.header
    bank_ref = BankRef(id=header.bank_id, version=header.bank_version, hash=header.bank_hash)
    reference = stored_reference(
        store, bank_ref, before=before, exclude=header.engagement, exclude_answers=answers
    )
    return place(
        bank,
        header.bank_hash,
        role_scores(diagnosis),
        reference,
        engagement=header.engagement,
        min_sample=min_sample,
    )


def norms_section(report: NormsReport) -> NormsSection:
    """The norms as the report shows them: only the scores this engagement has, and the whole
    section hidden when fewer than the minimum engagements are there to compare with."""
    from cxo_diag.report.model import NormRow, NormsSection

    return NormsSection(
        bank_id=report.bank_id,
        bank_version=report.bank_version,
        bank_hash=report.bank_hash,
        references=report.references,
        simulated_skipped=report.simulated_skipped,
        min_sample=report.min_sample,
        hidden=report.references < report.min_sample,
        rows=[
            NormRow(
                dimension=norm.dimension,
                title=norm.title,
                role=norm.role,
                score=norm.score,
                sample=norm.sample,
                percentile=norm.percentile,
            )
            for norm in report.norms
            if norm.score is not None
        ],
    )


def with_norms(
    store: Store,
    bank: Bank,
    diagnosis: Diagnosis,
    *,
    min_sample: int = MIN_NORM_SAMPLE,
    before: datetime | None = None,
    answers: Sequence[AnswerSet] = (),
) -> Diagnosis:
    """The diagnosis with its local norms section (``--norms STORE``); scoring stays pure,
    the norms are added after it. Arguments as for ``diagnosis_norms``."""
    report = diagnosis_norms(
        store, bank, diagnosis, min_sample=min_sample, before=before, answers=answers
    )
    return diagnosis.model_copy(update={"norms": norms_section(report)})


def render_norms_text(report: NormsReport, *, color: bool = False, width: int = 100) -> str:
    """One table: dimension, role, score, percentile among n earlier engagements."""
    from rich.markup import escape
    from rich.table import Table

    from cxo_diag.report.console import capture

    with capture(color=color, width=width) as (console, buffer):
        who = f"{_shown(report.engagement)}: " if report.engagement else ""
        console.print(
            f"[bold]Local norms[/] {who}{escape(report.bank_id)} {escape(report.bank_version)} "
            f"({escape(report.bank_hash)}), among {report.references} earlier engagement(s)"
        )
        if report.simulated_skipped:
            console.print(
                f"{report.simulated_skipped} simulated engagement(s) left out of the norms."
            )
        table = Table(box=None, pad_edge=False, show_edge=False)
        for column, justify in (
            ("dimension", "left"),
            ("role", "left"),
            ("score", "right"),
            ("percentile", "right"),
            ("", "left"),
        ):
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for norm in report.norms:
            table.add_row(
                _shown(norm.title),
                escape(norm.role.upper()),
                _fmt(norm.score, 1),
                "-" if norm.percentile is None else f"{norm.percentile:.0f}",
                _norm_note(norm, report.min_sample),
            )
        console.print(table)
        console.print(
            "Percentile: the share of earlier engagements with a lower score (ties count "
            "half); higher means more friction than usual."
        )
    return buffer.getvalue()


def _norm_note(norm: Norm, min_sample: int) -> str:
    if norm.score is None:
        return "no score"
    if norm.percentile is None:
        return f"hidden: {norm.sample} earlier engagement(s), {min_sample} needed"
    return f"among {norm.sample}"


def norms_dict(report: NormsReport) -> dict[str, object]:
    return {
        "schema_version": 1,
        "engagement": report.engagement,
        "bank": {"id": report.bank_id, "version": report.bank_version, "hash": report.bank_hash},
        "references": report.references,
        "simulated_skipped": report.simulated_skipped,
        "min_sample": report.min_sample,
        "norms": [
            {
                "dimension": n.dimension,
                "role": n.role,
                "score": n.score,
                "sample": n.sample,
                "percentile": n.percentile,
            }
            for n in report.norms
        ],
    }
