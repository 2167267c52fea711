"""The reliability block a methodology owner pastes under a dimension of the bank.

The bank declares one reliability per dimension and scoring applies it to every role, while
``analyze`` measures each form (a dimension as one role reads it) on its own: the block is
the least precise form's, so the error scoring derives from it is never smaller than any
role's reading showed. docs/instrument-quality.md explains the choice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cxo_diag.quality.analysis import DimensionReliability, ReliabilityReport


@dataclass(frozen=True)
class ReliabilityBlock:
    """What to paste under a dimension of the bank: ``reliability: {alpha, sd, n, source}``.

    The bank declares one reliability per dimension, and scoring applies it to every role, so
    the block is the form with the largest error of one item (the least precise reading of
    the dimension), and only when every leader's form has a usable alpha. Rounded the cautious
    way, so the pasted figures never promise more precision than the pilot showed: alpha down
    to two decimals, sd up to one.
    """

    dimension: str
    role: str
    alpha: float
    sd: float
    n: int
    source: str

    def yaml(self) -> str:
        return (
            f"reliability: {{alpha: {self.alpha:.2f}, sd: {self.sd:.1f}, n: {self.n}, "
            f'source: "{self.source}"}}'
        )


def dimension_block(
    report: ReliabilityReport, dim: DimensionReliability
) -> ReliabilityBlock | None:
    """The block for one dimension, or None (simulated answers, or a form without one)."""
    if report.simulated:
        return None
    gated = [f for f in dim.forms if f.gated]
    usable = [f for f in dim.forms if f.item_error is not None]
    if not gated or any(f.item_error is None for f in gated):
        return None
    worst = max(usable, key=lambda f: f.item_error or 0.0)
    assert worst.alpha is not None and worst.sd is not None
    alpha = math.floor(worst.alpha * 100) / 100
    sd = math.ceil(worst.sd * 10) / 10
    if alpha <= 0 or sd <= 0:
        return None
    roles = ", ".join(f.role.upper() for f in usable)
    source = (
        f"cxo-diag analyze: {worst.respondents} {worst.role.upper()} respondents, "
        f"{report.bank_id} {report.bank_version}"
    )
    if len(usable) > 1:
        source += f"; the largest error of {roles}"
    return ReliabilityBlock(dim.dimension, worst.role, alpha, sd, worst.respondents, source)


def reliability_blocks(report: ReliabilityReport) -> list[ReliabilityBlock]:
    """The blocks to paste, one per dimension that has one; none from simulated answers
    (they prove the machinery, and are never evidence about the bank)."""
    blocks = [dimension_block(report, dim) for dim in report.dimensions]
    return [block for block in blocks if block is not None]
