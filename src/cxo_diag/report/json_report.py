"""The diagnosis as JSON, for scripts and archives: everything the other formats show.

``schema_version`` changes when a field is renamed or removed (adding one does not).
Texts are kept exactly as given (JSON escapes control characters itself).
"""

from __future__ import annotations

import json

from cxo_diag.report.model import Diagnosis

REPORT_SCHEMA_VERSION = 1


def render_json(diagnosis: Diagnosis) -> str:
    payload = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "kind": "cxo-diag-diagnosis",
        **diagnosis.model_dump(mode="json"),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
