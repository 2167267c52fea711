"""Whom an item asks about and how often: two actors in one answer, an imbalance with no
direction, frequency words, and agreement scales. Word lists over plain English;
docs/instrument-quality.md (W212-W214) lists them and their blind spots."""

from __future__ import annotations

import re
from collections.abc import Callable

from cxo_diag.bank.english.scale_labels import label_polarity


def _phrases(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(patterns) + r")\b")


# Two actors, one answer. "between us" and "the two of us disagree" are left alone: they
# describe the relationship, or a joint act, not each person's own conduct.
_TWO_ACTORS = _phrases(
    r"we each",
    r"each of (?:us|them|you)",
    r"each other(?:'s)?",
    r"one another(?:'s)?",
    r"we both",
    r"both of (?:us|them)",
    r"(?:they|you) (?:each|both)",
    r"each leader(?:'s)?",
    r"each (?:of the two|side)(?:'s)?",
)
# Something uneven, with no word for which way.
_NO_DIRECTION = _phrases(
    r"one of (?:our|their|your) two \w+",
    r"one of the two",
    r"one of (?:us|them)",
    r"one (?:side|party|leader|voice)",
    r"(?:either|the other) side",
)
# Explicit words of frequency or recurrence.
_FREQUENCY = _phrases(
    r"how often",
    r"often",
    r"frequently",
    r"usually",
    r"regularly",
    r"rarely",
    r"seldom",
    r"sometimes",
    r"occasionally",
    r"repeatedly",
    r"every time",
    r"each time",
    r"whenever",
    r"at each",
    r"(?:comes?|came) (?:up|back) again",
    r"again and again",
    r"times? a (?:week|month|quarter|year)",
)


def _found(pattern: re.Pattern[str]) -> Callable[[str], str | None]:
    def detect(text: str) -> str | None:
        match = pattern.search(text.lower().replace("’", "'"))
        return None if match is None else f"'{match.group(0)}'"

    return detect


double_barrelled_by_actor = _found(_TWO_ACTORS)
no_direction = _found(_NO_DIRECTION)
frequency_wording = _found(_FREQUENCY)


def is_agreement_scale(labels: list[str]) -> bool:
    """Labels that run from disagree to agree (or their kin): not a frequency scale."""
    return any(label_polarity(label) in ("-", "+") for label in labels)
