"""Findings about a bank: every problem ``validate`` reports, as data.

Each code has a stable identifier, a severity, a message template, a one-line hint on how
to fix it and an anchor in docs/bank-format.md that explains the rule. Wording lives here
only; the checks fill in the template's fields.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

DOCS_URL = "docs/bank-format.md"


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class CodeInfo:
    severity: Severity
    template: str
    hint: str


E = Severity.ERROR
W = Severity.WARNING


class Code(enum.Enum):
    """Every finding cxo-diag can report. The value is (code, severity, template, hint)."""

    # Files and YAML
    E001 = CodeInfo(E, "YAML syntax error: {detail}", "Fix the YAML syntax at this position.")
    E002 = CodeInfo(E, "cannot read the file: {detail}", "Give a readable UTF-8 YAML file.")
    E003 = CodeInfo(
        E,
        "the document is too large or too deeply nested: {detail}",
        "Banks are small text files; remove the anchors/aliases or the nesting.",
    )
    E004 = CodeInfo(
        E,
        "duplicate key {key!r} (first at line {first_line})",
        "Remove one of the two entries; YAML keeps only the last silently.",
    )
    E005 = CodeInfo(E, "the file is empty", "Start from a built-in bank: cxo-diag show coo-cmo.")
    E006 = CodeInfo(
        E,
        "unsupported YAML tag {tag!r}",
        "Use plain YAML values; tags such as !!python/object are never loaded.",
    )
    # Structure
    E101 = CodeInfo(
        E,
        "unknown field {field!r}{context}{suggestion}",
        "Remove it or check its spelling: {expected}.",
    )
    E102 = CodeInfo(E, "missing required field {field!r}{context}", "Add the field.")
    E103 = CodeInfo(E, "{detail}{context}", "See the field's type in the bank format.")
    E104 = CodeInfo(
        E,
        "{kind} {ref!r} is not defined{context}{suggestion}",
        "Define it, or use one of: {known}.",
    )
    E105 = CodeInfo(
        E,
        "duplicate {kind} id {id!r} (first at line {first_line})",
        "Give each {kind} a unique id.",
    )
    E106 = CodeInfo(
        E,
        "band {band!r} overlaps the band before it ({detail})",
        "Make each band start where the previous one ends.",
    )
    E107 = CodeInfo(
        E,
        "bands of dimension {dimension!r} leave a hole: {detail}",
        "Bands must cover 0 to 100 without gaps.",
    )
    E108 = CodeInfo(
        E,
        "dimension {dimension!r} has no questions",
        "Add questions for it, or remove the dimension.",
    )
    E109 = CodeInfo(
        E,
        "dimension {dimension!r} leads to no practice: no rule looks at it",
        "Add a rule on this dimension that recommends a practice.",
    )
    E110 = CodeInfo(
        E,
        "practice {practice!r} can never be recommended: no rule names it",
        "Add a rule that recommends it, or remove it.",
    )
    E111 = CodeInfo(
        E,
        "rule {rule!r} must have exactly one condition, found {found}",
        "Use one of: score, gap, blind_spot, answer.",
    )
    E112 = CodeInfo(
        E,
        "question {question!r} has no wording for role {role!r}",
        "Add a text for this role, or leave it out of the question's roles.",
    )
    E113 = CodeInfo(E, "scale {scale!r}: {detail}", "A scale needs 2+ points with unique values.")
    E114 = CodeInfo(
        E,
        "cannot include {path!r}: {detail}",
        "Give a path relative to the bank file, to a practice library.",
    )
    E115 = CodeInfo(
        E,
        "rule {rule!r}: {detail}",
        "Check the rule's thresholds against the scale or the 0..100 range.",
    )
    E116 = CodeInfo(
        E,
        "the file is an answers file, not a bank",
        "Validate banks; score answers files with cxo-diag score FILE.",
    )
    E117 = CodeInfo(
        E,
        "role {role!r} is an observer and answers only 'us' items, not this {perspective!r} "
        "question {question!r}",
        "Leave the observer out of the question's roles, or make it an 'us' item.",
    )
    E118 = CodeInfo(
        E,
        "question {question!r} cannot mirror {mirrored!r}: {detail}",
        "A 'counterpart' item mirrors one 'self' item of the same dimension and scale.",
    )
    E119 = CodeInfo(
        E,
        "rule {rule!r} looks at open question {question!r}, which is answered in free text",
        "Point the rule at a scale item; open answers are shown verbatim, never scored.",
    )
    E120 = CodeInfo(
        E,
        "contradiction pair {first!r} and {second!r}: {detail}",
        "Pair two scale items that one role answers and that cannot both be true, so that "
        "agreeing fully with both is inconsistent: 'We settle budget disputes between "
        "ourselves' and 'Our budget disputes end up with the CEO'.",
    )
    E121 = CodeInfo(
        E,
        "progress of practice {practice!r}: {detail}",
        "Name scale items of this bank whose friction falls when the practice works, once "
        "each, under one entry per practice.",
    )
    # Quality warnings
    W201 = CodeInfo(
        W,
        "dimension {dimension!r} has only {count} question(s)",
        "Three or more items make a score that one odd answer cannot swing.",
    )
    W202 = CodeInfo(
        W,
        "dimension {dimension!r} has no reverse-keyed question",
        "Add an item keyed 'harmony' so agreeing with everything does not read as friction.",
    )
    W203 = CodeInfo(
        W,
        "role {role!r} answers no question in dimension {dimension!r}",
        "Give this role at least one item here, or the gap cannot be measured.",
    )
    W204 = CodeInfo(
        W,
        "question {question!r} is long ({words} words, limit {limit})",
        "Keep an item under {limit} words: one short behavioural statement.",
    )
    W205 = CodeInfo(
        W,
        "question {question!r} may ask two things at once ({detail})",
        "Split it into two items, one claim each.",
    )
    W206 = CodeInfo(
        W,
        "question {question!r} contains a double negative ({detail})",
        "Reword it positively; keep the reverse keying instead.",
    )
    W207 = CodeInfo(
        W,
        "question {question!r} is hard to read (grade {grade:.1f}, limit {limit})",
        "Use shorter words and sentences.",
    )
    W208 = CodeInfo(
        W,
        "question {question!r} uses leading or loaded wording ({detail})",
        "Use neutral words that do not suggest the expected answer.",
    )
    W209 = CodeInfo(
        W,
        "scale {scale!r} is not balanced: {detail}",
        "Give as many agreeing as disagreeing labels, around an optional midpoint.",
    )
    W210 = CodeInfo(
        W,
        "question {question!r} has no interviewer probe",
        "Add a probe: the follow-up an interviewer asks.",
    )
    W211 = CodeInfo(
        W,
        "counterpart question {question!r} names no 'mirrors': blind spots leave it out",
        "Add 'mirrors: ID' naming the 'self' item that makes the same statement about oneself.",
    )
    W212 = CodeInfo(
        W,
        "question {question!r} asks about two people's conduct in one answer ({detail})",
        "Ask about one person: a 'self' item (I ...) and a mirrored 'counterpart' item about "
        "the other leader (The CMO ...), or a statement about the pair as a whole.",
    )
    W213 = CodeInfo(
        W,
        "question {question!r} says something is uneven without saying which way ({detail})",
        "Name who in each role's wording (my voice, the CMO's voice), so that opposite "
        "situations get different answers.",
    )
    W214 = CodeInfo(
        W,
        "question {question!r} asks how often on an agreement scale ({detail})",
        "Put it on a frequency scale (never .. always) with a stated period, or reword it "
        "as a claim one can agree or disagree with.",
    )
    W215 = CodeInfo(
        W,
        "practice {practice!r} is recommended here but names no items for its progress sign",
        "Add it under 'progress:' with the items whose change shows its sign, so that a "
        "re-assessment can say whether the practice worked.",
    )

    @property
    def severity(self) -> Severity:
        return self.value.severity

    @property
    def anchor(self) -> str:
        return f"{DOCS_URL}#{self.name.lower()}"

    @property
    def explain_command(self) -> str:
        """What a user runs to read this code's meaning, an example and the fix."""
        return f"cxo-diag explain {self.name}"

    def format(self, **fields: Any) -> tuple[str, str]:
        """The message and the hint for these fields (``suggestion`` is optional)."""
        fields.setdefault("suggestion", "")
        return self.value.template.format(**fields), self.value.hint.format(**fields)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``; did you mean 'probe'?`` for the closest candidate to a misspelt word, or ''."""
    import difflib

    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean {found[0]!r}?" if found else ""


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in one file, at one position (1-based line and column).

    Findings sort by file, position and code; two different messages at one position (two
    missing fields of one mapping, say) are two findings.
    """

    file: str
    line: int
    col: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=True)
    hint: str = field(compare=False, default="")
    anchor: str = field(compare=False, default="")

    @classmethod
    def make(cls, code: Code, file: str, line: int, col: int, **fields: Any) -> Finding:
        message, hint = code.format(**fields)
        return cls(
            file=file,
            line=line,
            col=col,
            code=code.name,
            severity=code.severity,
            message=message,
            hint=hint,
            anchor=code.anchor,
        )

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
