"""Reading level (W207): the Flesch-Kincaid grade of a wording."""

from __future__ import annotations

import re

from cxo_diag.bank.english.words import _TOKEN, sentences

MAX_GRADE = 14.0
"""The Flesch-Kincaid grade above which an item is flagged: past the second year of
university. Executives read well, but they answer quickly, between meetings, and a hard item
is answered as what they guess it means."""
MIN_WORDS_FOR_GRADE = 6
"""Below this many words the formula says more about one long word than about the item."""

_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """Syllables of an English word, by a heuristic good enough for a readability grade.

    Vowel groups (a, e, i, o, u, y) count one each; a silent final "e" (but not "-le" after a
    consonant) and an "-es"/"-ed" that adds no sound are dropped first ("-es" is sounded after
    s, z, x, c, g, ch, sh: uses, changes; "-ed" after t, d: wanted); "io" counts
    two unless in "-ion". Capitalised
    acronyms (CMO, KPI) count one, like any familiar word; parts of a hyphenated word add up.
    Examples: "the" 1, "budget" 2, "decisions" 3, "table" 2, "priorities" 4, "CMO" 1.
    """
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    if word.isupper() and 1 < len(word) <= 5 and word.isalpha():
        return 1
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    if w.endswith("e") and not (w.endswith("le") and w[-3] not in "aeiouy"):
        w = w[:-1]
    elif (w.endswith("es") and w[-3] not in "szxcgh") or (w.endswith("ed") and w[-3] not in "td"):
        w = w[:-2]
    groups = _VOWEL_GROUP.findall(w)
    # "io" is two sounds (pri-or-i-ty, pe-ri-od) except in "-ion" (de-ci-sion)
    hiatus = len(re.findall(r"(?<![aeiouy])io(?![nu])", w))
    return max(1, len(groups) + hiatus)


def grade_level(text: str) -> float:
    """The Flesch-Kincaid grade: 0.39 * words/sentence + 11.8 * syllables/word - 15.59.

    A hyphenated compound counts as its words ("short-sighted" is two easy words, not one
    hard one), and a possessive as its stem ("CMO's" is "CMO")."""
    words = [
        part
        for token in _TOKEN.findall(text)
        if token[0].isalnum()
        for part in token.replace("’", "'").split("'")[0].split("-")
        if part
    ]
    count = len(sentences(text))
    if not words or not count:
        return 0.0
    total = sum(syllables(w) for w in words)
    return 0.39 * len(words) / count + 11.8 * total / len(words) - 15.59
