"""The diagnosis as JSON, for scripts and archives: everything the other formats show.

``schema_version`` changes when a field is renamed or removed (adding one does not).
Texts are kept exactly as given (JSON escapes control characters itself).
"""

from __future__ import annotations

from typing import Any

from cxo_diag.report import audience as aud
from cxo_diag.report.audience import Audience
from cxo_diag.report.model import Diagnosis
from cxo_diag.text import to_json

REPORT_SCHEMA_VERSION = 1

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
