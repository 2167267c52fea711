"""What every bank model is built from: ids, texts and scores as constrained types, and the
strict base (no unknown field, frozen) each model of the format derives from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64),
    Field(description="A short lower-case id: letters, digits, '-' and '_'."),
]

Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]

Score = Annotated[float, Field(ge=0, le=100)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy without the cached lookups of the original, which ``update`` may stale."""
        copy = super().model_copy(update=update, deep=deep)
        for key in [k for k in copy.__dict__ if k not in type(self).model_fields]:
            del copy.__dict__[key]
        return copy
