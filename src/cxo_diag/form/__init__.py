"""The offline HTML questionnaire: one self-contained file an executive opens in a browser.

``build_form`` fills ``template.html`` with its stylesheet, its script and the questions for
one role as JSON data; nothing is fetched from the network. Everything from the bank or the
respondent reaches the page as data: the JSON is escaped so it cannot close its script
element, the script writes it with ``textContent`` only, and the page's
Content-Security-Policy runs no script or style but the two inline ones, by hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import uuid
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cxo_diag.bank.model import Bank, OpenQuestion, Question

#: The answers-file field the form writes open answers to.
OPEN_ANSWERS_FIELD = "open_answers"


@dataclass(frozen=True)
class FormRequest:
    """What a form is for: one role of one bank version, optionally an engagement and name."""

    bank: Bank
    bank_hash: str
    role: str
    engagement: str | None = None
    respondent: str | None = None


def _resource(name: str) -> str:
    return files("cxo_diag.form").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _script_safe_json(data: object) -> str:
    """JSON that stays data inside a <script> element: no '<', '>' or '&' in the text, so
    '</script>' or '<!--' in a bank's wording cannot end or change the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _question_data(bank: Bank, question: Question, role: str) -> dict[str, object]:
    scale = bank.scale(question.scale)
    return {
        "id": question.id,
        "type": "scale",
        "dimension": bank.dimension(question.dimension).title,
        "text": question.wording_for(role),
        "probe": question.probe,
        "scale": {
            "low": scale.low,
            "high": scale.high,
            "not_applicable": scale.not_applicable,
            "points": [{"value": p.value, "label": p.label} for p in scale.points],
        },
    }


def _open_question_data(bank: Bank, question: OpenQuestion, role: str) -> dict[str, object]:
    return {
        "id": question.id,
        "type": "open",
        "dimension": bank.dimension(question.dimension).title,
        "text": question.wording_for(role),
        "probe": question.probe,
        "shareable": question.shareable,
    }


def _questions(bank: Bank, role: str) -> list[dict[str, object]]:
    """The role's questions in the bank's order, each open question right after the last
    scale question of its dimension (in context), or at the end when it has none."""
    entries = [_question_data(bank, q, role) for q in bank.questions_for(role)]
    dimensions = [q.dimension for q in bank.questions_for(role)]
    for question in bank.open_questions_for(role):
        entry = _open_question_data(bank, question, role)
        if question.dimension in dimensions:
            at = len(dimensions) - dimensions[::-1].index(question.dimension)
        else:
            at = len(dimensions)
        entries.insert(at, entry)
        dimensions.insert(at, question.dimension)
    return entries


def form_data(request: FormRequest, form_id: str) -> dict[str, object]:
    """What the page's script works from: the bank reference, the role and its questions."""
    bank = request.bank
    role = bank.role(request.role)
    return {
        "form_id": form_id,
        "title": bank.title,
        "description": bank.description,
        "bank": {"id": bank.id, "version": bank.version, "hash": request.bank_hash},
        "role": {"id": role.id, "title": role.title},
        "engagement": request.engagement,
        "respondent": request.respondent,
        "open_answers_field": OPEN_ANSWERS_FIELD,
        "questions": _questions(bank, role.id),
    }


def build_form(request: FormRequest, *, form_id: str | None = None) -> str:
    """The whole HTML file. ``form_id`` names where the browser keeps this form's answers
    (a new random one by default, so two forms never share answers)."""
    from cxo_diag import __version__

    style, script = _resource("form.css"), _resource("form.js")
    data = _script_safe_json(form_data(request, form_id or uuid.uuid4().hex))
    page = _resource("template.html")
    # One pass, so a placeholder-like text inside the data is never substituted.
    values = {
        "@STYLE_HASH@": _csp_hash(style),
        "@SCRIPT_HASH@": _csp_hash(script),
        "@VERSION@": html.escape(__version__),
        "@TITLE@": html.escape(request.bank.title),
        "@STYLE@": style,
        "@DATA@": data,
        "@SCRIPT@": script,
    }
    return re.sub(r"@[A-Z_]+@", lambda found: values.get(found[0], found[0]), page)
