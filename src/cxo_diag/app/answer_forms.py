"""Ways to answer without a terminal: the offline HTML form and the blank answers file."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from cxo_diag.text import one_line

if TYPE_CHECKING:
    from cxo_diag.bank.model import Bank
    from cxo_diag.bank.registry import ResolvedBank

COMMENT_WIDTH = 92


def offline_form(
    resolved: ResolvedBank, role: str, *, engagement: str | None, respondent: str | None
) -> str:
    """The self-contained HTML questionnaire for one role of ``resolved``."""
    from cxo_diag.bank.registry import check_role
    from cxo_diag.form import FormRequest, build_form
    from cxo_diag.text import check_name

    request = FormRequest(
        bank=resolved.bank,
        bank_hash=resolved.hash,
        role=check_role(resolved.bank, role),
        engagement=check_name(engagement, "engagement") if engagement else None,
        respondent=check_name(respondent, "respondent") if respondent else None,
    )
    return build_form(request)


def _comment(text: str, indent: str = "  # ") -> list[str]:
    """Bank text as YAML comment lines: one line of text each, nothing YAML would read."""
    return textwrap.wrap(
        one_line(text), COMMENT_WIDTH, initial_indent=indent, subsequent_indent=indent
    )


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


def blank_answers(
    resolved: ResolvedBank, role: str, *, engagement: str | None, respondent: str | None
) -> str:
    """A blank answers file for one role: every question and its scale as comments, each
    answer empty (an empty answer is a skip), to fill in with any text editor."""
    from cxo_diag.bank.registry import check_role
    from cxo_diag.text import check_name

    bank = resolved.bank
    role = check_role(bank, role)
    name = check_name(respondent, "respondent") if respondent else ""
    asked = bank.questions_for(role)
    used = list(dict.fromkeys(q.scale for q in asked))
    lines = [
        *_comment(
            f"cxo-diag answers file: {bank.title} ({bank.id} {bank.version}), for the "
            f"{bank.role(role).title}.",
            "# ",
        ),
        "# After each question id, type your answer: a number from the question's scale, n/a",
        "# (not applicable / don't know), or nothing (skipped). Put your name in respondent.",
        "# Then read your report: cxo-diag score THIS-FILE; or send the file to your",
        "# consultant, who adds it with: cxo-diag import ENGAGEMENT THIS-FILE",
        "#",
    ]
    for scale_id in used:
        scale = bank.scale(scale_id)
        lines.append(f"# The answers{f' on scale {scale_id}' if len(used) > 1 else ''}:")
        lines += [line for p in scale.points for line in _comment(f"{p.value}  {p.label}", "#   ")]
        if scale.not_applicable:
            lines.append("#   n/a not applicable / don't know")
    lines += [
        "schema_version: 1",
        f"bank: {{id: {bank.id}, version: {_quoted(bank.version)}, "
        f"hash: {_quoted(resolved.hash)}}}",
        f"respondent: {{name: {_quoted(name)}, role: {role}}}  # your name between the quotes",
    ]
    if engagement:
        lines.append(f"engagement: {_quoted(check_name(engagement, 'engagement'))}")
    lines.append(f"answers:  # {len(asked)} questions")
    dimension = None
    for number, question in enumerate(asked, start=1):
        if question.dimension != dimension:
            dimension = question.dimension
            lines += ["", *_comment(bank.dimension(dimension).title.upper())]
        scale = bank.scale(question.scale)
        values = f"{scale.low}-{scale.high}" + (", n/a" if scale.not_applicable else "")
        named = f", scale {scale.id}" if len(used) > 1 else ""
        lines += [
            *_comment(f"{number}. {question.wording_for(role)} ({values}{named})"),
            f"  {question.id}:",
        ]
    lines += _open_questions(bank, role)
    return "\n".join(lines) + "\n"


def _open_questions(bank: Bank, role: str) -> list[str]:
    """Open questions as comments: answering one is optional, so the file is valid as it
    is, and an answer is a line the respondent un-comments and types after."""
    asked = bank.open_questions_for(role)
    if not asked:
        return []
    lines = [
        "",
        "# IN YOUR OWN WORDS (optional). To answer, remove the # before open_answers: and",
        "# before a question's id, and type your words in the quotes.",
        "# open_answers:",
    ]
    for question in asked:
        lines += [
            *_comment(question.wording_for(role)),
            f'#   {question.id}: ""',
        ]
    return lines
