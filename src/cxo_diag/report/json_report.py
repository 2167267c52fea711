"""The diagnosis as JSON, for scripts and archives: everything the other formats show.

``schema_version`` changes when a field is renamed or removed (adding one does not).
Texts are kept exactly as given (JSON escapes control characters itself).
"""

from __future__ import annotations

from cxo_diag.report.model import Diagnosis
from cxo_diag.text import to_json

REPORT_SCHEMA_VERSION = 1


def render_json(diagnosis: Diagnosis) -> str:
    """The diagnosis as JSON; ``norms`` appears only when the report was asked for them
    (``--norms STORE``), so a report without them reads as before."""
    exclude = {"norms"} if diagnosis.norms is None else None
    payload = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "kind": "cxo-diag-diagnosis",
        **diagnosis.model_dump(mode="json", exclude=exclude),
    }
    return to_json(payload) + "\n"
