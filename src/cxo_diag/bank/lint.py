"""Item-writing lints: the survey-method mistakes a question's wording can carry.

Each check takes a checks.context.Context and yields warnings at the wording's position. They are
heuristics over plain English, chosen to stay quiet on good, neutral items (a false alarm
teaches authors to ignore the linter); docs/instrument-quality.md lists every rule, its word
lists and its known blind spots.

- W205 double-barrelled: two claims joined by "and"/"or";
- W206 double negative;
- W207 reading level above a Flesch-Kincaid grade;
- W208 leading or loaded wording;
- W209 unbalanced scale labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cxo_diag.findings import Code, Finding

if TYPE_CHECKING:
    from cxo_diag.bank.checks.context import Context

# --- words and sentences ----------------------------------------------------------------------

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


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- a small verb lexicon for the double-barrelled check ---------------------------------------

AUXILIARIES = _words(
    "is are was were be been being am do does did has have had can could will would "
    "should must may might shall isn't aren't wasn't weren't don't doesn't didn't hasn't "
    "haven't hadn't can't cannot couldn't won't wouldn't shouldn't"
)
PLURAL_AUXILIARIES = _words("are were have do aren't weren't haven't don't")
COPULAS = _words(
    "is are was were be been am feel feels felt seem seems seemed remain remains remained "
    "stay stays stayed become becomes became"
)
# Verbs that workplace-behaviour items use, in the base form; their -s, -ed and -ing forms
# are derived below. A verb missing here only makes the check quieter, never noisier.
_VERBS = _words(
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
_NOUN_LIKE = _words(
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

SUBJECT_PRONOUNS = _words("i we you he she they it")
DETERMINERS = _words(
    "the a an my our your his her their its this that these those each every some any no both"
)
OBJECT_STARTERS = DETERMINERS | _words(
    "me us him them it what who how whether when why on up out back forward ahead"
)
ADVERBS = _words(
    "also then often still always never rarely seldom sometimes usually even just not "
    "openly fully quickly really together first later again"
)
SUBORDINATORS = _words(
    "when whenever if because although though while unless until after before since that "
    "who which where whether than"
)
PREPOSITIONS = _words("with to about for in on at of from by between against over under into")
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


def _skip_adverbs(words: list[str], start: int) -> int:
    while start < len(words) and _is_adverb(words[start]):
        start += 1
    return start


def _starts_predicate(words: list[str]) -> bool:
    """Do the words after a conjunction open a new predicate (a verb, or subject + verb)?"""
    i = _skip_adverbs(words, 0)
    if i >= len(words):
        return False
    word = words[i]
    if word in SUBJECT_PRONOUNS or word in DETERMINERS:
        # subject: a pronoun, or a determiner and up to three words; then a verb
        limit = i + 1 if word in SUBJECT_PRONOUNS else i + 4
        for j in range(i + 1, min(limit + 1, len(words))):
            k = _skip_adverbs(words, j)
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


# --- double negatives -------------------------------------------------------------------------

NEGATORS = _words("not no never nobody none nothing neither nor nowhere without cannot")
# Words with a negative prefix. "un-" words are negative unless listed as exceptions; the
# other prefixes are too often not negative (discuss, insist, impact) to guess, so listed.
_UN_NOT_NEGATIVE = _words(
    "under understand understands understood understanding undertake undertakes undertaken "
    "undergo underlying unit units union unique unison universal universe university unless "
    "until unto unveil unveils unveiled unpack uniform unify unified unite united unanimous "
    "unanimously"
)
NEGATIVE_PREFIXED = _words(
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
        j = _skip_adverbs(clause, i + 1)
        if j < len(clause) and _is_negative_word(clause[j]):
            return f"'{' '.join(clause[i : j + 1])}'"
    return None


# --- reading level ----------------------------------------------------------------------------

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


# --- leading or loaded wording ----------------------------------------------------------------

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


# --- scales -----------------------------------------------------------------------------------

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


# --- the checks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wording:
    """One wording of a question: its text and where it is in the file."""

    index: int
    question: str
    text: str
    path: tuple[str | int, ...]


def wordings(ctx: Context) -> Iterator[Wording]:
    """Every text of every question, one per role when the wording differs by role."""
    for index, question in enumerate(ctx.bank.questions):
        if isinstance(question.text, str):
            yield Wording(index, question.id, question.text, ("questions", index, "text"))
        else:
            for role, text in question.text.items():
                yield Wording(index, question.id, text, ("questions", index, "text", role))


def _first_per_question(
    ctx: Context, code: Code, detect: Callable[[str], str | None]
) -> Iterator[Finding]:
    """One finding per question: the first wording where ``detect`` finds the problem
    (per-role wordings usually share it; one warning is enough to act on)."""
    flagged: set[str] = set()
    for wording in wordings(ctx):
        if wording.question in flagged:
            continue
        detail = detect(wording.text)
        if detail is not None:
            flagged.add(wording.question)
            yield ctx.at(wording.path, code, question=wording.question, detail=detail)


def check_double_barrelled(ctx: Context) -> Iterator[Finding]:
    yield from _first_per_question(ctx, Code.W205, double_barrelled)


def check_double_negative(ctx: Context) -> Iterator[Finding]:
    yield from _first_per_question(ctx, Code.W206, double_negative)


def check_loaded_wording(ctx: Context) -> Iterator[Finding]:
    yield from _first_per_question(ctx, Code.W208, loaded_wording)


def check_reading_level(ctx: Context) -> Iterator[Finding]:
    flagged: set[str] = set()
    for wording in wordings(ctx):
        if wording.question in flagged:
            continue
        if sum(1 for s in sentences(wording.text) for w in s if is_word(w)) < MIN_WORDS_FOR_GRADE:
            continue
        grade = grade_level(wording.text)
        if grade > MAX_GRADE:
            flagged.add(wording.question)
            yield ctx.at(
                wording.path, Code.W207, question=wording.question, grade=grade, limit=MAX_GRADE
            )


def check_scale_balance(ctx: Context) -> Iterator[Finding]:
    for index, scale in enumerate(ctx.bank.scales):
        ordered = sorted(scale.points, key=lambda p: p.value)
        detail = scale_imbalance([p.label for p in ordered])
        if detail is not None:
            yield ctx.at(("scales", index, "points"), Code.W209, scale=scale.id, detail=detail)


CHECKS: list[Callable[[Context], Iterator[Finding]]] = [
    check_double_barrelled,
    check_double_negative,
    check_reading_level,
    check_loaded_wording,
    check_scale_balance,
]
