"""Item-writing lints (double-barrelled items, double negatives, reading level, ...).

Filled in by the instrument-quality work; each check takes a check.Context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from cxo_diag.findings import Finding

CHECKS: list[Callable[[Any], Iterator[Finding]]] = []
