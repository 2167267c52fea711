"""Scale balance (W209): whether a scale's labels disagree as much as they agree."""

from __future__ import annotations

import re

_NEUTRAL_LABEL = re.compile(r"\b(neither|neutral|undecided|unsure|not sure|mixed|in between)\b")
_NEGATIVE_LABEL = re.compile(
    r"\b(disagree\w*|dissatisfied|unsatisfied|unlikely|untrue|false|inaccurate|unhappy)\b"
)
_POSITIVE_LABEL = re.compile(r"\b(agree\w*|satisfied|likely|true|accurate|happy)\b")


def label_polarity(label: str) -> str | None:
    """'-', '0' or '+' for a bipolar label (disagree, neutral, agree), None if it is neither."""
    lowered = label.lower()
    if _NEUTRAL_LABEL.search(lowered):
        return "0"
    if _NEGATIVE_LABEL.search(lowered):
        return "-"
    if _POSITIVE_LABEL.search(lowered):
        return "+"
    return None


def scale_imbalance(labels: list[str]) -> str | None:
    """Why a bipolar scale (labels ordered low to high) is unbalanced, else None.

    Only scales whose labels say agree/disagree (or satisfied, likely, true, accurate and
    their opposites) are judged: as many negative as positive labels, all negatives at one
    end, and at most one midpoint between them. Unipolar scales (never ... always) pass.
    """
    polarity = [label_polarity(label) for label in labels]
    marked = [p for p in polarity if p is not None]
    if "-" not in marked and "+" not in marked:
        return None
    negative, positive, neutral = marked.count("-"), marked.count("+"), marked.count("0")
    if negative != positive:
        return f"{negative} disagreeing and {positive} agreeing label(s)"
    if neutral > 1:
        return f"{neutral} midpoint labels; give at most one"
    expected = sorted(marked, key="-0+".index)
    if marked not in (expected, expected[::-1]):
        return "the disagreeing labels are not all at one end with the midpoint between"
    return None
