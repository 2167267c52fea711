"""What each finding code means, with an example: what ``cxo-diag explain CODE`` prints.

The message and the fix come from the ``Code`` catalogue in findings.py, the same text
``validate`` prints; this module adds the meaning and an example that triggers the code.
A test keeps the two in step: every code has an explanation, and nothing else has one.
"""

from __future__ import annotations

import difflib
import re
import string
import textwrap
from dataclasses import dataclass

from cxo_diag.findings import Code

WIDTH = 80


@dataclass(frozen=True)
class Explanation:
    title: str
    meaning: str
    example: str


def _x(title: str, meaning: str, example: str) -> Explanation:
    return Explanation(title, meaning, example.strip("\n"))


EXPLANATIONS: dict[str, Explanation] = {
    "E001": _x(
        "yaml-syntax",
        "The file is not valid YAML, so nothing in it can be checked. The position is where "
        "the YAML reader gave up; the mistake is often on the line before.",
        """
questions:
  - id: q1
    text: "Budget talks end badly   # the closing quote is missing
""",
    ),
    "E002": _x(
        "unreadable-file",
        "The file could not be read: no permission, a folder, or bytes that are not UTF-8 "
        "text (a spreadsheet or a PDF saved with a .yaml name).",
        "banks/coo-cmo.yaml saved as UTF-16 or Latin-1 by an old editor",
    ),
    "E003": _x(
        "too-large",
        "The document is larger or more deeply nested than any bank needs (4 MB, 64 levels, "
        "a million nodes); aliases that expand exponentially are refused the same way.",
        """
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]
""",
    ),
    "E004": _x(
        "duplicate-key",
        "A mapping names the same key twice. YAML would keep only the last one without a "
        "word, so the first is lost; cxo-diag refuses to guess which one you meant.",
        """
- id: q1
  text: Budget talks end with one side feeling it lost.
  text: We agree on budgets.
""",
    ),
    "E005": _x(
        "empty-file",
        "The file holds nothing (or only comments): there is no bank to check.",
        "# a bank, to be written",
    ),
    "E006": _x(
        "yaml-tag",
        "A YAML tag asks the reader to build a program object. Banks are plain data; "
        "tags are never loaded, so a file cannot run code when it is read.",
        "title: !!python/object/apply:os.system [echo hi]",
    ),
    "E101": _x(
        "unknown-field",
        "A field the bank format does not define, usually a misspelling. It would be "
        "ignored silently, so it is an error; a close match is suggested ('did you mean').",
        """
questions:
  - id: q1
    porbe: Tell me about the last budget round.   # probe
""",
    ),
    "E102": _x(
        "missing-field",
        "A field that must be there is not. The position is the mapping that lacks it.",
        """
questions:
  - id: q1
    scale: agree5
    text: Budget talks end with one side feeling it lost.   # no dimension
""",
    ),
    "E103": _x(
        "wrong-type",
        "A value of the wrong kind: a number where text is expected, a list where one value "
        "is, a word that is not one of the allowed ones.",
        """
version: 1.0        # a number to YAML: write "1.0"
questions:
  - id: q1
    keyed: sometimes   # friction or harmony
""",
    ),
    "E104": _x(
        "undefined-reference",
        "An id that names something the bank does not define: a question's dimension, "
        "scale or role; a rule's practice, dimension, band or question. A close match is "
        "suggested.",
        """
questions:
  - id: q1
    dimension: resouces   # the dimension is 'resources'
""",
    ),
    "E105": _x(
        "duplicate-id",
        "Two items of one kind share an id, so answers, rules and reports could not tell "
        "them apart.",
        """
questions:
  - {id: q1, dimension: resources, scale: agree5, text: First.}
  - {id: q1, dimension: resources, scale: agree5, text: Second.}
""",
    ),
    "E106": _x(
        "band-overlap",
        "A dimension's severity bands overlap: a score in the overlap would be in two bands.",
        """
bands:
  - {id: healthy, label: Healthy, from: 0, to: 40}
  - {id: strained, label: Strained, from: 35, to: 60}
""",
    ),
    "E107": _x(
        "band-hole",
        "A dimension's bands leave part of 0..100 uncovered: a score there would have no band.",
        """
bands:
  - {id: healthy, label: Healthy, from: 0, to: 35}
  - {id: friction, label: Friction, from: 60, to: 100}
""",
    ),
    "E108": _x(
        "dimension-without-questions",
        "A dimension that no question measures can never have a score.",
        """
dimensions:
  - {id: trust, title: Trust, bands: [...]}
questions: []   # none with dimension: trust
""",
    ),
    "E109": _x(
        "dimension-without-practice",
        "No rule looks at this dimension, so friction found there would lead to no advice.",
        """
rules:
  - id: r1
    when: {score: {dimension: resources, band: friction}}
    recommend: p1
# nothing with dimension: trust
""",
    ),
    "E110": _x(
        "unreachable-practice",
        "A practice defined in the bank that no rule recommends can never be shown.",
        """
practices:
  - {id: standing-one-to-one, title: A standing one-to-one, ...}
rules: []   # no rule with recommend: standing-one-to-one
""",
    ),
    "E111": _x(
        "rule-conditions",
        "A rule's `when` must hold exactly one condition: score, gap, blind_spot or answer.",
        """
rules:
  - id: r1
    when: {}
    recommend: p1
""",
    ),
    "E112": _x(
        "missing-wording",
        "A question worded per role lacks the text for a role that answers it.",
        """
questions:
  - id: q1
    roles: [coo, cmo]
    text: {coo: The CMO weighs costs fairly.}   # no text for cmo
""",
    ),
    "E113": _x(
        "bad-scale",
        "A scale with fewer than two points, or two points with the same value.",
        """
scales:
  - id: agree2
    points: [{value: 1, label: Agree}, {value: 1, label: Disagree}]
""",
    ),
    "E114": _x(
        "bad-include",
        "An `include` that names no file, or a file that is not a practice library.",
        "include: [practises.yaml]   # the file is practices.yaml",
    ),
    "E115": _x(
        "bad-threshold",
        "A rule's threshold that no answer or score can reach: outside the scale's values "
        "or the 0..100 range, or at_least above at_most.",
        """
rules:
  - id: r1
    when: {answer: {question: q1, role: coo, at_least: 9}}   # a 1..5 scale
    recommend: p1
""",
    ),
    "E116": _x(
        "answers-file-not-bank",
        "The file is an answers file (what assess --out writes), not a bank.",
        """
bank: {id: coo-cmo, version: 1.0.0, hash: "sha256:..."}
respondent: {name: Ana, role: coo}
answers: {q1: 4}
""",
    ),
    "E117": _x(
        "observer-question",
        "An observer (the CEO watching the pair) answers only items about the pair ('us'), "
        "not items about their own conduct or a counterpart's.",
        """
roles:
  - {id: ceo, title: Chief Executive Officer, observer: true}
questions:
  - {id: q1, perspective: self, roles: [coo, ceo], ...}
""",
    ),
    "E118": _x(
        "bad-mirror",
        "A 'counterpart' item mirrors the 'self' item that says the same about oneself, so "
        "a blind spot compares like with like. The mirrored item must be a 'self' item of "
        "the same dimension and scale, mirrored by no other item.",
        """
questions:
  - {id: res-02, perspective: self, dimension: resources}
  - id: res-03
    perspective: counterpart
    dimension: trust     # not the dimension of res-02
    mirrors: res-02
""",
    ),
    "E119": _x(
        "rule-on-open-question",
        "An open question is answered in free text: it has no value a rule could compare, so "
        "a rule on it could never fire. Open answers are shown verbatim in the consultant's "
        "report.",
        """
rules:
  - id: r1
    when: {answer: {question: open-01, role: coo, at_least: 4}}  # open
    recommend: p1
""",
    ),
    "E120": _x(
        "bad-contradiction-pair",
        "A declared contradiction pair must be two different scale items that one role "
        "answers, declared once: only then does agreeing fully with both mean an "
        "inconsistent answer.",
        """
contradictions:
  - [res-01, res-01]   # the same item twice
  - [res-04, open-01]  # an open question has no value to contradict
""",
    ),
    "E121": _x(
        "bad-progress-entry",
        "A practice's progress entry names the items whose friction should fall when the "
        "practice works; a re-assessment checks them. Each must be a scale item of this "
        "bank, named once, under one entry per practice.",
        """
progress:
  - {practice: shared-kpis, items: [tim-01, tim-01]}   # the same item twice
""",
    ),
    "W211": _x(
        "no-mirror",
        "A 'counterpart' item without 'mirrors' has no 'self' item to be compared with, so "
        "no blind spot can be found on it.",
        """
questions:
  - id: res-03
    perspective: counterpart   # and no mirrors: field
""",
    ),
    "W212": _x(
        "two-actors-one-answer",
        "The item asks about both leaders' conduct at once ('we each', 'each other'): when "
        "one does it and the other does not, there is no true answer.",
        """
questions:
  - id: com-01
    text: {coo: "We each discount the other's way of making a case."}
""",
    ),
    "W213": _x(
        "no-direction",
        "The item says something is uneven without saying which way, so two opposite "
        "situations get the same answer.",
        """
questions:
  - id: rol-04
    text: {coo: "One of our two voices carries more weight in decisions."}
""",
    ),
    "W214": _x(
        "frequency-on-agreement-scale",
        "The item asks how often, but its scale runs from disagree to agree, so 'disagree' "
        "may mean 'never' or 'not that often'.",
        """
scales:
  - {id: agree5, points: [Strongly disagree, ..., Strongly agree]}
questions:
  - id: agi-01
    scale: agree5
    text: {coo: "We often revisit plans mid-quarter."}
""",
    ),
    "W215": _x(
        "no-progress-items",
        "The bank declares progress items, but a practice its rules recommend has none, so "
        "a re-assessment cannot say whether that practice worked.",
        """
rules:
  - id: r1
    when: {score: {dimension: timelines, at_least: 60}}
    recommend: shared-kpis
progress:   # declared, but shared-kpis has no entry
  - {practice: joint-allocation, items: [res-01, res-04]}
""",
    ),
    "W201": _x(
        "few-questions",
        "A dimension with fewer than three items: one odd answer swings its score.",
        """
questions:
  - {id: q1, dimension: trust, ...}   # the only item on trust
""",
    ),
    "W202": _x(
        "no-reverse-keyed",
        "All items of a dimension are keyed the same way, so someone who agrees with "
        "everything looks like friction (or harmony) there.",
        """
questions:
  - {id: q1, dimension: trust, keyed: friction, ...}
  - {id: q2, dimension: trust, keyed: friction, ...}
""",
    ),
    "W203": _x(
        "role-answers-nothing",
        "A leader's role answers no item of a dimension, so no gap can be measured there.",
        """
questions:
  - {id: q1, dimension: trust, roles: [coo], ...}   # none for the cmo
""",
    ),
    "W204": _x(
        "long-question",
        "A long item is read differently by different people and slows the interview.",
        "text: When we plan the year and when we review it, the two of us always ...",
    ),
    "W205": _x(
        "double-barrelled",
        "An item that asks two things at once cannot be answered for one without the other.",
        "text: The CMO shares data quickly and explains it well.",
    ),
    "W206": _x(
        "double-negative",
        "Two negations in one item make 'disagree' hard to interpret.",
        "text: We never fail to agree on budgets.",
    ),
    "W207": _x(
        "hard-to-read",
        "The item's reading grade (Flesch-Kincaid) is above the limit.",
        "text: Interdepartmental prioritisation is insufficiently operationalised.",
    ),
    "W208": _x(
        "loaded-wording",
        "Words that suggest the expected answer, or that blame, bias the answers.",
        "text: The CMO obviously wastes the budget.",
    ),
    "W209": _x(
        "unbalanced-scale",
        "A scale with more agreeing than disagreeing labels (or the reverse) pushes answers "
        "one way.",
        """
points:
  - {value: 1, label: Disagree}
  - {value: 2, label: Agree}
  - {value: 3, label: Strongly agree}
""",
    ),
    "W210": _x(
        "no-probe",
        "An item without a probe gives the interviewer nothing to follow up with.",
        """
questions:
  - id: q1
    text: Budget talks end with one side feeling it lost.   # no probe: line
""",
    ),
}


def _placeholders(template: str) -> str:
    """A template with its fields as <field>: ``unknown field <field><context>``."""
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        parts.append(literal)
        if name is not None and name not in ("context", "suggestion"):
            parts.append(f"<{name}>")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _normal(text: str) -> str:
    """``e1O1`` is E101: any case, and the letter O typed for a zero after the first letter."""
    upper = text.strip().upper()
    return upper[:1] + upper[1:].replace("O", "0")


def find_code(text: str) -> Code | None:
    """The code named by ``text`` (``e101``, ``E1O1``), or None."""
    return Code.__members__.get(_normal(text))


def close_codes(text: str) -> list[str]:
    """Codes that look like a mistyped one, closest first."""
    return difflib.get_close_matches(_normal(text), list(Code.__members__), n=3)


def explain_code(code: Code) -> str:
    """The code's title, severity, message, meaning, example and fix, as plain text."""
    entry = EXPLANATIONS[code.name]
    example = "\n".join(f"    {line}" for line in entry.example.splitlines())
    return (
        f"{code.name} {entry.title} ({code.severity.value})\n\n"
        f"{_wrap('Message: ' + _placeholders(code.value.template))}\n\n"
        f"{_wrap(entry.meaning)}\n\n"
        f"Example:\n{example}\n\n"
        f"{_wrap('Fix: ' + _placeholders(code.value.hint))}\n"
    )


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=WIDTH, break_long_words=False, break_on_hyphens=False)


def listing() -> str:
    """One line a code: what ``cxo-diag explain`` prints without a code."""
    return "".join(
        f"{code.name}  {code.severity.value:<7}  {EXPLANATIONS[code.name].title}\n" for code in Code
    )
