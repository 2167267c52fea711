"""A bank's rules, declarative data only: when a condition holds (a dimension's band or score
for a role, a perception gap, a blind spot, a specific answer), add evidence to a practice."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from cxo_diag.bank.fields import Identifier, Score, Strict

Who = Annotated[
    str,
    Field(description="'any' (some role), 'all' (every role), or a role id."),
]


class ScoreCondition(Strict):
    """A dimension's score for a role: in a band, or at least a number."""

    dimension: Identifier
    role: Who = "any"
    band: Identifier | None = None
    at_least: Score | None = None

    @model_validator(mode="after")
    def _band_or_threshold(self) -> ScoreCondition:
        if (self.band is None) == (self.at_least is None):
            raise ValueError("give exactly one of 'band' or 'at_least'")
        return self


class GapCondition(Strict):
    """The perception gap between roles on a dimension, in points of 0..100."""

    dimension: Identifier
    at_least: Score


class BlindSpotCondition(Strict):
    """How far a role's view of itself is from its counterpart's view of it."""

    dimension: Identifier
    at_least: Score
    role: Who = "any"


class AnswerCondition(Strict):
    """A specific answer to a specific question, by some role."""

    question: Identifier
    role: Who = "any"
    at_least: int | None = None
    at_most: int | None = None

    @model_validator(mode="after")
    def _has_threshold(self) -> AnswerCondition:
        if self.at_least is None and self.at_most is None:
            raise ValueError("give 'at_least' or 'at_most'")
        return self


class When(Strict):
    """Exactly one condition. Declarative data only: nothing here is evaluated as code."""

    score: ScoreCondition | None = None
    gap: GapCondition | None = None
    blind_spot: BlindSpotCondition | None = None
    answer: AnswerCondition | None = None

    @property
    def conditions(self) -> list[str]:
        return [name for name in ("score", "gap", "blind_spot", "answer") if getattr(self, name)]

    @property
    def dimension(self) -> str | None:
        for condition in (self.score, self.gap, self.blind_spot):
            if condition is not None:
                return condition.dimension
        return None


class Rule(Strict):
    """When a condition holds, add evidence (with a weight) to a practice."""

    id: Identifier
    when: When
    recommend: Identifier
    weight: float = Field(default=1.0, gt=0, le=10)
