"""Every check on a loaded bank, in one list: references, structure and writing (one family
a module in ``bank/checks/``), then the item-writing lints and the open-question checks.

Each check yields findings; none stops the others, so an author sees every problem at once.
"""

from __future__ import annotations

from cxo_diag.bank.checks import dimensions, ids, practices, questions, rules, scales, writing
from cxo_diag.bank.checks.context import Check, Context
from cxo_diag.bank.load import LoadedBank
from cxo_diag.findings import Finding

CHECKS: list[Check] = [
    *ids.CHECKS,
    *questions.CHECKS,
    *scales.CHECKS,
    *dimensions.CHECKS,
    *rules.CHECKS,
    *practices.CHECKS,
    *writing.CHECKS,
]
"""References and structure, family by family (the order does not matter: findings are
sorted by place)."""


def extra_checks() -> list[Check]:
    """The item-writing lints, the open-question, contradiction-pair and progress-item
    checks, loaded only when a bank is checked (the wording lints bring the English toolkit)."""
    from cxo_diag.bank.checks import contradictions, item_lints, open_questions, progress, wording

    return [
        *wording.CHECKS,
        *item_lints.CHECKS,
        *open_questions.CHECKS,
        *contradictions.CHECKS,
        *progress.CHECKS,
    ]


def check_bank(loaded: LoadedBank) -> list[Finding]:
    """Every finding for a loaded bank, in file order."""
    if loaded.bank is None:
        return sorted(set(loaded.findings))
    ctx = Context(loaded.bank, loaded)
    findings = list(loaded.findings)
    for check in [*CHECKS, *extra_checks()]:
        findings.extend(check(ctx))
    return sorted(set(findings))
