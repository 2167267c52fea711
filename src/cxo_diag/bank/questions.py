"""A bank's questions: scale items (who answers, how keyed, from which perspective, which
item they mirror) and open questions (answered in free text, never scored)."""

from __future__ import annotations

import enum
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from cxo_diag.bank.fields import Identifier, Strict, Text


class Perspective(enum.StrEnum):
    SELF = "self"
    COUNTERPART = "counterpart"
    US = "us"


class Keyed(enum.StrEnum):
    FRICTION = "friction"
    HARMONY = "harmony"


class Question(Strict):
    """One item. ``keyed: harmony`` items are reverse-keyed: agreeing signals harmony."""

    id: Identifier
    type: Literal["scale"] = Field(
        default="scale",
        exclude=True,
        description="'scale' (the default): answered on a scale and scored. See OpenQuestion.",
    )
    dimension: Identifier
    scale: Identifier
    perspective: Perspective = Perspective.US
    keyed: Keyed = Keyed.FRICTION
    weight: float = Field(default=1.0, gt=0, le=10)
    roles: list[Identifier] | None = Field(
        default=None,
        description=(
            "Who answers. Default: every role for 'us' items, every non-observer role for "
            "'self' and 'counterpart' items."
        ),
    )
    text: Text | dict[Identifier, Text] = Field(
        description="One wording for everyone, or one per role id."
    )
    probe: Text | None = Field(default=None, description="A follow-up for the interviewer.")
    mirrors: Identifier | None = Field(
        default=None,
        description=(
            "On a 'counterpart' item: the id of the 'self' item it mirrors (the same "
            "statement, said about the other leader). Blind spots and talking points compare "
            "the two."
        ),
    )

    def wording_for(self, role: str) -> str:
        if isinstance(self.text, str):
            return self.text
        return self.text.get(role, next(iter(self.text.values())))


OpenText = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class OpenQuestion(Strict):
    """A question answered in the respondent's own words: never scored, shown verbatim.

    Written among the ``questions`` with ``type: open``; the bank keeps them apart from the
    scale items (``Bank.open_questions``), so no score, gap or rule can ever read one.
    """

    id: Identifier
    type: Literal["open"] = Field(description="'open': answered in free text, never scored.")
    dimension: Identifier = Field(description="The dimension the answers are reported under.")
    perspective: Perspective = Perspective.US
    roles: list[Identifier] | None = Field(
        default=None,
        description="Who answers. Default: every role for 'us' items, every leader otherwise.",
    )
    text: OpenText | dict[Identifier, OpenText] = Field(
        description="One wording for everyone, or one per role id."
    )
    probe: Text | None = Field(default=None, description="A follow-up for the interviewer.")
    shareable: bool = Field(
        default=False,
        description=(
            "Show the answers, unattributed, in a report for the client too. Default: only "
            "the consultant's report and agenda show them."
        ),
    )

    def wording_for(self, role: str) -> str:
        if isinstance(self.text, str):
            return self.text
        return self.text.get(role, next(iter(self.text.values())))


def split_open_questions(data: Any) -> Any:
    """Move ``type: open`` entries of ``questions`` to ``open_questions`` (file order kept)."""
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        return data
    items = data["questions"]
    is_open = [isinstance(q, dict) and q.get("type") == "open" for q in items]
    if not any(is_open):
        return data
    split = dict(data)
    split["questions"] = [q for q, opened in zip(items, is_open, strict=True) if not opened]
    split["open_questions"] = [
        *(data.get("open_questions") or []),
        *(q for q, opened in zip(items, is_open, strict=True) if opened),
    ]
    return split
