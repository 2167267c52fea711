"""Answers × bank → Diagnosis: the whole path, in one function over plain data.

item → respondent's dimension score ± error → role → gaps, blind spots and changes beyond
error → rules → evidence → ranked practices → summary. Respondents whose answers fail the
quality checks are set aside first, so nothing of theirs reaches a figure.

Determinism: every list is built by walking the bank in its own order (roles, dimensions,
questions, rules) or sorted explicitly with ties broken by bank order; scores are rounded to
one decimal before bands, gaps and rules use them (changes between rounds use the unrounded
ones); the clock is never read here (``generated_at`` is passed in).
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from datetime import datetime

from cxo_diag.answers import AnswerSet
from cxo_diag.bank.model import Bank
from cxo_diag.scoring import quality as answer_quality
from cxo_diag.scoring.dimensions import dimension_result
from cxo_diag.scoring.engagement import Engagement, by_role, check_inputs, group, header
from cxo_diag.scoring.items import talking_points
from cxo_diag.scoring.matrix import Row, layout, row_of
from cxo_diag.scoring.model import Caveat, Diagnosis, Evidence, QualityFlag
from cxo_diag.scoring.progress import with_progress
from cxo_diag.scoring.ranking import rank
from cxo_diag.scoring.rounds import comparison
from cxo_diag.scoring.rules import Context, evaluate
from cxo_diag.scoring.summary import summary


def _quality(
    bank: Bank, ordered: dict[str, list[AnswerSet]]
) -> tuple[list[QualityFlag], dict[int, Row]]:
    """Every respondent's flags (``ordered``: ``by_role``); and each set's row (``matrix``),
    laid out here once, from which the engagement makes its columns."""
    flags: list[QualityFlag] = []
    rows: dict[int, Row] = {}
    for role, sets in ordered.items():
        grid = layout(bank, role)
        for answer_set in sets:
            row = rows[id(answer_set)] = row_of(grid, answer_set)
            flags += answer_quality.respondent_flags(bank, answer_set, grid, row)
    return flags, rows


def _people(eng: Engagement) -> dict[str, dict[str, dict[str, tuple[float, float]]]]:
    people: dict[str, dict[str, dict[str, tuple[float, float]]]] = {}
    for role in eng.present_roles:
        names = [s.respondent.name for s in eng.sets(role.id)]
        for dimension in eng.bank.dimensions:
            agg = eng.role_aggregate(role.id, dimension.id)
            people.setdefault(role.id, {})[dimension.id] = {
                name: figures
                for name, figures in zip(names, agg.people, strict=True)
                if figures is not None
            }
    return people


def diagnose(
    bank: Bank,
    answer_sets: Sequence[AnswerSet],
    *,
    engagement: str | None = None,
    generated_at: datetime | None = None,
    previous: Diagnosis | None = None,
) -> Diagnosis:
    """Score one round of an engagement: one answer set per respondent, all for ``bank``.

    Raises AnswersFileError when a set does not fit the bank (id, version, hash, role,
    question or scale), when a respondent appears twice, or when rounds are mixed.
    ``previous`` (the diagnosis of an earlier round) adds the change since then.

    The cyclic garbage collector is paused meanwhile: scoring makes many small tuples and
    no cycles, and each full collection would walk every object alive, the answer sets
    included, so with many sets the collections grew faster than the work (reference
    counting still frees everything as usual; the collector resumes after).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _diagnose(
            bank, answer_sets, engagement=engagement, generated_at=generated_at, previous=previous
        )
    finally:
        if paused:
            gc.enable()


def _diagnose(
    bank: Bank,
    answer_sets: Sequence[AnswerSet],
    *,
    engagement: str | None,
    generated_at: datetime | None,
    previous: Diagnosis | None,
) -> Diagnosis:
    check_inputs(bank, answer_sets)
    ordered = by_role(bank, answer_sets)
    flags, rows = _quality(bank, ordered)
    aside = {f"{f.role}/{f.respondent}" for f in flags if f.set_aside}
    eng = group(bank, ordered, aside)
    eng.rows = rows
    del rows  # the engagement empties it as it makes each role's columns: read it no more
    dimensions = [dimension_result(eng, d) for d in bank.dimensions]
    ctx = Context(eng, {d.id: d for d in dimensions})
    collected: dict[str, list[Evidence]] = {}
    for rule in bank.rules:
        evidence = evaluate(rule, ctx)
        if evidence is not None:
            collected.setdefault(rule.recommend, []).append(evidence)
    ranked = rank(bank, collected)
    people = _people(eng)
    compared = comparison(dimensions, people, previous) if previous is not None else None
    extra = (
        [Caveat(kind="respondents-changed", message=compared.note)]
        if compared is not None and compared.note
        else []
    )
    compared, moved = with_progress(eng, compared, previous)
    extra += moved
    page_one = summary(bank, ctx, dims=dimensions, ranked=ranked, quality=flags, extra=extra)
    listed = set(page_one.start_here) | set(page_one.also_consider)
    chosen = [p for p in ranked if p.practice.id in listed]
    chosen.sort(
        key=lambda p: (
            0 if p.practice.id in page_one.start_here else 1,
            (page_one.start_here + page_one.also_consider).index(p.practice.id),
        )
    )
    disagreements = talking_points(eng)
    counted, set_aside = eng.by_role, eng.set_aside
    # The engagement's answer columns go before the header makes an entry for every
    # respondent, so that the two never take memory at once.
    del ctx, eng
    return Diagnosis(
        header=header(bank, ordered, set_aside, engagement, generated_at),
        summary=page_one,
        dimensions=dimensions,
        disagreements=disagreements,
        quality=flags,
        practices=[p.model_copy(update={"rank": i}) for i, p in enumerate(chosen, start=1)],
        comparison=compared,
        considered=[p.practice.id for p in ranked],
        people=people,
        counted=counted,
    )
