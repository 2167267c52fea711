"""Ids: no two roles, scales, dimensions, questions, rules or practices share one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cxo_diag.bank.checks.context import Context
from cxo_diag.findings import Code, Finding


def check_duplicate_ids(ctx: Context) -> Iterator[Finding]:
    groups: dict[str, list[Any]] = {
        "role": list(ctx.bank.roles),
        "scale": list(ctx.bank.scales),
        "dimension": list(ctx.bank.dimensions),
        "question": list(ctx.bank.questions),
        "rule": list(ctx.bank.rules),
    }
    section = {
        "role": "roles",
        "scale": "scales",
        "dimension": "dimensions",
        "question": "questions",
        "rule": "rules",
    }
    for kind, items in groups.items():
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            path = (section[kind], index, "id")
            if item.id in first:
                yield ctx.at(path, Code.E105, kind=kind, id=item.id, first_line=first[item.id])
            else:
                first[item.id] = ctx.positions.of(path)[0]
    yield from _duplicate_practices(ctx)


def _duplicate_practices(ctx: Context) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, practice in enumerate(ctx.bank.practices):
        if practice.id in seen:
            yield ctx.at(
                ("practices", index, "id"),
                Code.E105,
                kind="practice",
                id=practice.id,
                first_line=seen[practice.id],
            )
        else:
            seen[practice.id] = ctx.positions.of(("practices", index, "id"))[0]


CHECKS = [check_duplicate_ids]
