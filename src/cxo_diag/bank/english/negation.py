"""Double negatives (W206): two negations in one clause."""

from __future__ import annotations

from cxo_diag.bank.english.double_barrelled import skip_adverbs
from cxo_diag.bank.english.words import clauses, sentences, word_set

NEGATORS = word_set("not no never nobody none nothing neither nor nowhere without cannot")
# Words with a negative prefix. "un-" words are negative unless listed as exceptions; the
# other prefixes are too often not negative (discuss, insist, impact) to guess, so listed.
_UN_NOT_NEGATIVE = word_set(
    "under understand understands understood understanding undertake undertakes undertaken "
    "undergo underlying unit units union unique unison universal universe university unless "
    "until unto unveil unveils unveiled unpack uniform unify unified unite united unanimous "
    "unanimously"
)
NEGATIVE_PREFIXED = word_set(
    "disagree disagrees disagreed disagreement dislike dislikes dissatisfied distrust "
    "distrusts disrespect disrespects disregard disregards disapprove disapproves dishonest "
    "disloyal disorganised disorganized impossible impractical improper impatient inaccurate "
    "inadequate incorrect inconsistent ineffective inefficient insufficient inappropriate "
    "incompetent incomplete irrelevant irresponsible irrational illegal illogical "
    "nonexistent"
)


def _is_negator(word: str) -> bool:
    return word in NEGATORS or word.endswith("n't")


def _is_negative_word(word: str) -> bool:
    if word in NEGATIVE_PREFIXED:
        return True
    return (
        word.startswith("un")
        and not word.startswith("under")
        and len(word) > 4
        and word not in _UN_NOT_NEGATIVE
    )


def double_negative(text: str) -> str | None:
    """The words of a double negative in ``text``, else None.

    Within one clause (split at punctuation and at "and", "but", "or", "because",
    "although"): two negators ("not ... no", "never ... not", "without ... nothing"), or a
    negator directly followed (adverbs skipped) by a negative-prefixed word ("not unfair",
    "don't disagree"). "neither ... nor" counts as one negation.
    """
    breaks = frozenset({"and", "but", "or", "because", "although", "though", "while"})
    for sentence in sentences(text):
        for clause in clauses(sentence, breaks):
            found = _negation_pair(clause)
            if found:
                return found
    return None


def _negation_pair(clause: list[str]) -> str | None:
    negators = [i for i, w in enumerate(clause) if _is_negator(w)]
    if "neither" in clause:
        negators = [i for i in negators if clause[i] != "nor"]
    if len(negators) >= 2:
        return f"'{clause[negators[0]]} ... {clause[negators[1]]}'"
    for i in negators:
        j = skip_adverbs(clause, i + 1)
        if j < len(clause) and _is_negative_word(clause[j]):
            return f"'{' '.join(clause[i : j + 1])}'"
    return None
