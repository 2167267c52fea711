"""The diagnosis as JSON, for scripts and archives: everything the other formats show.

``schema_version`` changes when a field is renamed or removed (adding one does not); version
2 turned each dimension's ``gap`` into an object and added the summary and the errors.
Texts are kept exactly as given (JSON escapes control characters itself).
``schemas/report.schema.json`` is the JSON Schema of this output (``report_schema``), kept
current by a test: ``python -m cxo_diag.report.json_report > schemas/report.schema.json``.
"""

from __future__ import annotations

import json
from typing import Any

from cxo_diag.report import audience as aud
from cxo_diag.report.audience import Audience
from cxo_diag.scoring.model import Diagnosis
from cxo_diag.text import to_json

REPORT_SCHEMA_VERSION = 2

#: what the client's JSON leaves out: notes, each answer and each person's figures
_PER_PERSON = {"answered", "not_applicable", "skipped", "not_reached", "asked"}
_CLIENT_EXCLUDE: dict[str, Any] = {
    "notes": True,
    "header": {"respondents": {"__all__": _PER_PERSON}},
    "disagreements": {"__all__": {"views": {"__all__": {"answer", "answer_label", "friction"}}}},
    "quality": {"__all__": {"respondent", "message", "questions"}},
}


def render_json(diagnosis: Diagnosis, audience: Audience = "consultant") -> str:
    """The diagnosis as JSON; ``norms`` appears only when the report was asked for them
    (``--norms STORE``), so a report without them reads as before. For the client, the
    notes, each answer and each person's figures are left out."""
    exclude: dict[str, Any] = {}
    if diagnosis.norms is None:
        exclude["norms"] = True
    people = aud.shows_people(diagnosis, audience)
    if not people:
        exclude |= _CLIENT_EXCLUDE
    data = diagnosis.model_dump(mode="json", exclude=exclude or None)
    # The consultant's copy has every open answer; a client's only shareable, unattributed ones.
    data["open_answers"] = [
        q.model_dump(mode="json") for q in aud.open_answers_for(diagnosis, audience)
    ]
    if not people:  # an answer rule's sentence quotes the answer: say which question only
        for ranked, dumped in zip(diagnosis.practices, data["practices"], strict=True):
            for evidence, out in zip(ranked.evidence, dumped["evidence"], strict=True):
                out["because"] = aud.evidence_text(evidence, people)
                if evidence.kind == "answer":
                    del out["value"]  # the answer itself
    payload = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "kind": "cxo-diag-diagnosis",
        "audience": audience,
        **data,
    }
    return to_json(payload) + "\n"


def _optional(node: Any) -> Any:
    """The schema without ``required`` below the top level: the client's report leaves out
    each person's figures, so a field there may be absent."""
    if isinstance(node, dict):
        return {k: _optional(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [_optional(v) for v in node]
    return node


def report_schema() -> dict[str, Any]:
    """The JSON Schema of what ``render_json`` writes, for every audience."""
    schema = Diagnosis.model_json_schema(mode="serialization")
    properties = {
        "schema_version": {"const": REPORT_SCHEMA_VERSION},
        "kind": {"const": "cxo-diag-diagnosis"},
        "audience": {"enum": ["client", "consultant"]},
        **schema["properties"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://cxo-diag.example/schemas/report.schema.json",
        "title": "cxo-diag diagnosis report (JSON)",
        **_optional(schema),
        "properties": _optional(properties),
        "required": ["schema_version", "kind", *schema.get("required", [])],
    }


if __name__ == "__main__":  # python -m cxo_diag.report.json_report > schemas/report.schema.json
    print(json.dumps(report_schema(), indent=2, ensure_ascii=False))
