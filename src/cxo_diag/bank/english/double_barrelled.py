"""Double-barrelled wording (W205): two claims joined by "and"/"or", found with a small
verb lexicon so that a pair inside one claim ("between you and me") stays quiet."""

from __future__ import annotations

import re

from cxo_diag.bank.english.words import _CLAUSE_BREAK, is_word, sentences, word_set

AUXILIARIES = word_set(
    "is are was were be been being am do does did has have had can could will would "
    "should must may might shall isn't aren't wasn't weren't don't doesn't didn't hasn't "
    "haven't hadn't can't cannot couldn't won't wouldn't shouldn't"
)
PLURAL_AUXILIARIES = word_set("are were have do aren't weren't haven't don't")
COPULAS = word_set(
    "is are was were be been am feel feels felt seem seems seemed remain remains remained "
    "stay stays stayed become becomes became"
)
# Verbs that workplace-behaviour items use, in the base form; their -s, -ed and -ing forms
# are derived below. A verb missing here only makes the check quieter, never noisier.
_VERBS = word_set(
    "accept act address adjust admit agree align allow answer apologise apologize approve "
    "argue ask cut fund hire invest judge launch measure prioritise prioritize review weigh "
    "assume attend avoid behave blame block bring build care challenge clash collaborate "
    "commit communicate compete complain compromise concede consider consult contribute "
    "cooperate coordinate criticise criticize deal decide defend deliver depend describe "
    "disagree discuss dismiss dominate doubt engage escalate expect explain feel fight find "
    "follow forget get give go hear help hide hold honour honor ignore include inform insist "
    "interrupt involve keep know learn leave let like listen make manage mean meet mention move "
    "plan "
    "negotiate notice object offer override overrule own prefer prepare present pretend "
    "promise protect push put raise reach react read receive recognise recognize refuse "
    "reject rely remember resent resist resolve respect respond reveal say see seek send "
    "settle share show speak spend stay stick support take talk tell tend think threaten "
    "tolerate treat trust try understand undermine use value wait want welcome win withhold "
    "worry"
)
# Base forms that are also common nouns in these items ("goals and plans", "our support"):
# with no subject before them they count as verbs only when an object follows.
_NOUN_LIKE = word_set(
    "act address answer blame care challenge clash cut deal doubt fight help hold launch move "
    "object offer review "
    "plan "
    "present promise push raise reach read respect share show support talk trust use value "
    "wait want welcome worry"
)
_IRREGULAR = {
    "bring": "brought",
    "build": "built",
    "deal": "dealt",
    "feel": "felt",
    "fight": "fought",
    "find": "found",
    "forget": "forgot forgotten",
    "get": "got gotten",
    "give": "gave given",
    "go": "went gone goes",
    "hear": "heard",
    "hide": "hid hidden",
    "hold": "held",
    "keep": "kept",
    "know": "knew known",
    "leave": "left",
    "make": "made",
    "mean": "meant",
    "meet": "met",
    "say": "said",
    "see": "saw seen",
    "seek": "sought",
    "send": "sent",
    "speak": "spoke spoken",
    "spend": "spent",
    "stick": "stuck",
    "take": "took taken",
    "tell": "told",
    "think": "thought",
    "understand": "understood",
    "win": "won",
    "withhold": "withheld",
}


def _inflections(base: str) -> set[str]:
    """The regular -s, -ed and -ing forms of a verb, and its irregular ones."""
    forms = {base}
    if base.endswith(("s", "sh", "ch", "x", "o")):
        forms.add(base + "es")
    elif base.endswith("y") and base[-2] not in "aeiou":
        forms.add(base[:-1] + "ies")
    else:
        forms.add(base + "s")
    if base.endswith("e"):
        forms |= {base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2] not in "aeiou":
        forms |= {base[:-1] + "ied", base + "ing"}
    else:
        forms |= {base + "ed", base + "ing"}
    forms |= set(_IRREGULAR.get(base, "").split())
    return forms


VERB_FORMS: dict[str, str] = {form: base for base in sorted(_VERBS) for form in _inflections(base)}

SUBJECT_PRONOUNS = word_set("i we you he she they it")
DETERMINERS = word_set(
    "the a an my our your his her their its this that these those each every some any no both"
)
OBJECT_STARTERS = DETERMINERS | word_set(
    "me us him them it what who how whether when why on up out back forward ahead"
)
ADVERBS = word_set(
    "also then often still always never rarely seldom sometimes usually even just not "
    "openly fully quickly really together first later again"
)
SUBORDINATORS = word_set(
    "when whenever if because although though while unless until after before since that "
    "who which where whether than"
)
PREPOSITIONS = word_set("with to about for in on at of from by between against over under into")
# Two words that make one idea; removed before the double-barrelled check.
FIXED_PAIRS = (
    "research and development",
    "profit and loss",
    "sales and marketing",
    "mergers and acquisitions",
    "supply and demand",
    "trial and error",
    "give and take",
    "back and forth",
    "pros and cons",
    "rules and regulations",
    "terms and conditions",
    "more and more",
    "now and then",
    "again and again",
    "by and large",
    "up and running",
    "more or less",
    "sooner or later",
    "whether or not",
    "one or two",
    "two or three",
    "and so on",
)
CONJUNCTIONS = frozenset({"and", "or"})
# A conjunction after one of these joins a pair inside one claim ("between you and me",
# "both the COO and the CMO", "either now or never").
PAIR_OPENERS = frozenset({"between", "both", "either", "whether", "neither"})


def _is_adverb(word: str) -> bool:
    return word in ADVERBS or (word.endswith("ly") and len(word) > 4 and word not in VERB_FORMS)


def _is_verb(word: str) -> bool:
    return word in AUXILIARIES or word in VERB_FORMS


def _without_fixed_pairs(text: str) -> str:
    lowered = text.lower().replace("’", "'")
    for pair in FIXED_PAIRS:
        lowered = re.sub(rf"\b{re.escape(pair)}\b", pair.replace(" ", "_"), lowered)
    return lowered


def skip_adverbs(words: list[str], start: int) -> int:
    while start < len(words) and _is_adverb(words[start]):
        start += 1
    return start


def _starts_predicate(words: list[str]) -> bool:
    """Do the words after a conjunction open a new predicate (a verb, or subject + verb)?"""
    i = skip_adverbs(words, 0)
    if i >= len(words):
        return False
    word = words[i]
    if word in SUBJECT_PRONOUNS or word in DETERMINERS:
        # subject: a pronoun, or a determiner and up to three words; then a verb
        limit = i + 1 if word in SUBJECT_PRONOUNS else i + 4
        for j in range(i + 1, min(limit + 1, len(words))):
            k = skip_adverbs(words, j)
            if k < len(words) and _is_verb(words[k]) and not words[k].endswith("ing"):
                return word in SUBJECT_PRONOUNS or not _compound_subject(words[j - 1], words[k])
        return False
    if word.endswith("ing") or not _is_verb(word):
        return False
    if VERB_FORMS.get(word) in _NOUN_LIKE:
        following = words[i + 1] if i + 1 < len(words) else ""
        return following in OBJECT_STARTERS
    return True


def _compound_subject(noun: str, verb: str) -> bool:
    """ "(the COO) and the CMO argue": a singular noun with a plural verb is the second half
    of one subject, not a new clause."""
    plural_verb = verb in PLURAL_AUXILIARIES or VERB_FORMS.get(verb) == verb
    return plural_verb and not noun.endswith("s")


def _paired_predicates(left: list[str], right: list[str]) -> bool:
    """ "Budgets are fair and transparent": a copula, one predicate word, the conjunction,
    one more predicate word, then the clause ends or a preposition follows."""
    copula = max((i for i, w in enumerate(left) if w in COPULAS), default=None)
    if copula is None:
        return False
    between = [w for w in left[copula + 1 :] if not _is_adverb(w)]
    if len(between) != 1 or between[0] in DETERMINERS or between[0] in PREPOSITIONS:
        return False
    rest = [w for w in right if not _is_adverb(w)]
    if not rest or rest[0] in DETERMINERS or rest[0] in SUBJECT_PRONOUNS:
        return False
    return len(rest) == 1 or rest[1] in PREPOSITIONS


def double_barrelled(text: str) -> str | None:
    """The joining words when ``text`` makes two claims at once, else None.

    Heuristic: within one clause, "and"/"or" joins two predicates when the words before it
    contain a verb and the words after it open a new one ("shares information and respects
    my decisions", "we plan and the CMO decides"), or when a copula is followed by two
    one-word predicates ("is fair and transparent"). Subject pairs ("the COO and I agree"),
    noun pairs ("goals and plans"), fixed pairs ("research and development") and pairs
    after "between", "both" or "either" are left alone.
    """
    for sentence in sentences(_without_fixed_pairs(text)):
        start = 0
        for index, token in enumerate(sentence):
            if token in _CLAUSE_BREAK or token in SUBORDINATORS:
                start = index + 1
                continue
            if token not in CONJUNCTIONS:
                continue
            left = [w for w in sentence[start:index] if is_word(w)]
            if not left and start > 0 and not is_word(sentence[start - 1]):
                left = _previous_clause(sentence, start - 1)
            right = _until_break(sentence, index + 1)
            if any(w in PAIR_OPENERS for w in left):
                start = index + 1
                continue
            has_verb = any(_is_verb(w) for w in left)
            if (has_verb and _starts_predicate(right)) or _paired_predicates(left, right):
                return f"'{_as_written(text, [*left[-2:], token, *right[:3]])}'"
            start = index + 1
    return None


def _previous_clause(sentence: list[str], end: int) -> list[str]:
    """The words of the clause that ends at ``end`` (", and ..." joins to it)."""
    start = end
    while start > 0 and is_word(sentence[start - 1]):
        start -= 1
    return sentence[start:end]


def _until_break(sentence: list[str], start: int) -> list[str]:
    words = []
    for token in sentence[start:]:
        if not is_word(token) or token in CONJUNCTIONS:
            break
        words.append(token)
    return words


def _as_written(text: str, words: list[str]) -> str:
    """These (lower-cased) words as the author wrote them, with their case and commas."""
    parts = [re.escape(w) for word in words for w in word.split("_")]
    found = re.search(r"\b" + r"[\W_]+".join(parts) + r"\b", text, re.IGNORECASE)
    return found.group(0) if found else " ".join(words).replace("_", " ")
