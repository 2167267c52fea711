"""Scoring: answers × bank → Diagnosis. Pure functions over plain data, deterministic.

The package follows the path of the data, one seam a module:

- ``aggregation``: item friction, respondent and role scores with their error;
- ``error``: SEM, intervals, critical differences, RCI and rwg(j) (the formulas);
- ``quality``: answer-quality flags, and who is set aside;
- ``dimensions``: role scores, gaps and blind spots, beyond error or not;
- ``items``: talking points, like with like;
- ``rules``: one evaluator per rule kind, in a table;
- ``ranking`` and ``summary``: practices normalised per dimension, and page one;
- ``rounds``: change since an earlier round, with the reliable change index;
- ``model``: the Diagnosis every report reads.

docs/scoring.md gives every formula, its reference and a worked example.
"""

from __future__ import annotations

from cxo_diag.scoring.aggregation import COVERAGE_FLOOR, MIN_GROUP_SIZE, item_friction
from cxo_diag.scoring.diagnose import diagnose
from cxo_diag.scoring.model import Diagnosis

__all__ = [
    "COVERAGE_FLOOR",
    "MIN_GROUP_SIZE",
    "SCORING_VERSION",
    "Diagnosis",
    "diagnose",
    "item_friction",
]

SCORING_VERSION = "2"
"""Names what this scoring computes. Change it with any change to a role's dimension score,
so the round summaries the store keeps (``norms`` reads them) are recomputed rather than
mixed with new ones; tests/golden/test_scoring_version.py fails until it is changed.
Version 2: respondents flagged for answer quality are set aside."""
