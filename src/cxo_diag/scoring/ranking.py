"""Evidence → ranked practices, normalised per dimension.

Each piece of evidence has a *signal*: its severity (the friction, gap or blind spot as a
share of the 0..100 scale; for an answer, its friction) strengthened by agreement, ×1.5 for
each further person around the table who reports it. A dimension's *mass* is its strongest
signal. The dimension shares that mass out among the practices its fired rules recommend, in
proportion to each practice's heaviest fired rule there, so a dimension counts once however
many rules it has, and a practice does not gain by having several rules on one dimension. A
practice's strength is the sum of its shares over the dimensions. Ties are broken by agreement,
then severity, then the practice library's own order (its ``sequence``, else the order the
practices are written in), never by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cxo_diag.bank.model import Bank
from cxo_diag.scoring.model import Evidence, RankedPractice

AGREEMENT_BOOST = 0.5
"""Each further person reporting the same friction adds half its severity again."""


def severity(bank: Bank, evidence: Evidence) -> float:
    """The evidence's size on 0..1: score, gap or blind spot / 100; an answer's friction."""
    if evidence.kind != "answer" or evidence.question is None:
        return max(0.0, min(evidence.value / 100, 1.0))
    question = next(q for q in bank.questions if q.id == evidence.question)
    scale = bank.scale(question.scale)
    share = (evidence.value - scale.low) / (scale.high - scale.low)
    return 1 - share if question.keyed.value == "harmony" else share


def signal(bank: Bank, evidence: Evidence) -> float:
    return severity(bank, evidence) * (1 + AGREEMENT_BOOST * (evidence.agreement - 1))


@dataclass(frozen=True)
class _Candidate:
    practice: str
    strength: float
    agreement: int
    severity: float
    order: int
    evidence: list[Evidence]


def practice_order(bank: Bank) -> dict[str, int]:
    """The order ties fall back on: the bank's ``sequence`` first, then writing order."""
    order = {pid: i for i, pid in enumerate(bank.sequence)}
    for practice in bank.practices:
        order.setdefault(practice.id, len(order))
    return order


def rank(bank: Bank, collected: dict[str, list[Evidence]]) -> list[RankedPractice]:
    """Every practice with evidence, strongest first (see the module's docstring)."""
    known = {p.id for p in bank.practices}
    collected = {p: e for p, e in collected.items() if p in known and e}
    mass: dict[str, float] = {}
    heaviest: dict[tuple[str, str], float] = {}
    for practice_id, items in collected.items():
        for e in items:
            d = e.dimension or ""
            mass[d] = max(mass.get(d, 0.0), signal(bank, e))
            key = (practice_id, d)
            heaviest[key] = max(heaviest.get(key, 0.0), e.weight)
    weight: dict[str, float] = {}
    for (_, d), w in heaviest.items():
        weight[d] = weight.get(d, 0.0) + w
    order = practice_order(bank)
    candidates = []
    for practice_id, items in collected.items():
        strength = 0.0
        for d in sorted({e.dimension or "" for e in items}):
            strength += mass[d] * heaviest[(practice_id, d)] / weight[d]
        candidates.append(
            _Candidate(
                practice=practice_id,
                strength=round(strength, 3) + 0.0,
                agreement=max(e.agreement for e in items),
                severity=round(max(severity(bank, e) for e in items), 3),
                order=order[practice_id],
                evidence=sorted(items, key=lambda e: (-signal(bank, e), -e.weight, e.rule)),
            )
        )
    candidates.sort(key=lambda c: (-c.strength, -c.agreement, -c.severity, c.order))
    dimension_order = {d.id: i for i, d in enumerate(bank.dimensions)}
    return [
        RankedPractice(
            rank=number,
            practice=bank.practice(c.practice),
            score=c.strength,
            evidence=c.evidence,
            dimensions=sorted(
                {e.dimension for e in c.evidence if e.dimension},
                key=lambda d: dimension_order.get(d, len(dimension_order)),
            ),
        )
        for number, c in enumerate(candidates, start=1)
    ]


def renumber(practices: Sequence[RankedPractice]) -> list[RankedPractice]:
    return [p.model_copy(update={"rank": i}) for i, p in enumerate(practices, start=1)]
