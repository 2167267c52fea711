"""Leading or loaded wording (W208): phrases that tell the respondent what to answer."""

from __future__ import annotations

import re

LOADED_PHRASES = (
    # presumes the answer
    "obviously",
    "of course",
    "everyone knows",
    "everybody knows",
    "as we all know",
    "undeniably",
    "unquestionably",
    "don't you agree",
    "wouldn't you agree",
    # absolutes that almost nobody can agree with honestly
    "always",
    "never",
    "every single time",
    "all the time",
    # blame built into the question
    "blame",
    "blames",
    "blamed",
    "fail to",
    "fails to",
    "failed to",
    "refuse to",
    "refuses to",
    "refused to",
    "incompetent",
    "selfish",
    "sabotage",
    "sabotages",
    "lazy",
    "arrogant",
    "toxic",
)
_LOADED = re.compile(r"\b(" + "|".join(re.escape(p) for p in LOADED_PHRASES) + r")\b")
# "Clearly" is loaded as a comment on the whole claim ("Clearly, ...") but neutral as
# manner ("explains priorities clearly", "clearly defined roles").
_STANCE_CLEARLY = re.compile(r"(?:^|[.!?;:]\s*)clearly\b|\bclearly\s*,")


def loaded_wording(text: str) -> str | None:
    """The first leading or loaded phrase in ``text``, quoted, else None."""
    lowered = text.lower().replace("’", "'")
    match = _LOADED.search(lowered) or _STANCE_CLEARLY.search(lowered.strip())
    if match is None:
        return None
    return f"'{match.group(0).strip(' ,.;:!?')}'"
