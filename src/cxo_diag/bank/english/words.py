"""Words and sentences of plain English: tokens, sentences, clauses, word sets."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[A-Za-z0-9_]+(?:['’-][A-Za-z0-9_]+)*|[.,;:!?()\"“”—–]")
_SENTENCE_END = frozenset(".!?")
_CLAUSE_BREAK = frozenset(',;:()"“”—–')


def tokens(text: str) -> list[str]:
    """Words (lower case, apostrophes straightened) and punctuation marks, in order."""
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def is_word(token: str) -> bool:
    return token[0].isalnum()


def sentences(text: str) -> list[list[str]]:
    """The words of each sentence; a sentence ends at . ! or ?."""
    result: list[list[str]] = []
    current: list[str] = []
    for token in tokens(text):
        if token in _SENTENCE_END:
            if current:
                result.append(current)
            current = []
        else:
            current.append(token)
    if current:
        result.append(current)
    return result


def clauses(words: list[str], breaks: frozenset[str]) -> list[list[str]]:
    """Split a token list at punctuation and at the given joining words."""
    result: list[list[str]] = [[]]
    for token in words:
        if token in _CLAUSE_BREAK or token in _SENTENCE_END or token in breaks:
            result.append([])
        else:
            result[-1].append(token)
    return [c for c in result if c]


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())
