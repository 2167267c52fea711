"""What every bank check is given: the bank and where each of its parts was written.

Apart from the checks themselves so that every check module imports it, and it none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from cxo_diag.bank.load import LoadedBank
from cxo_diag.bank.model import Bank
from cxo_diag.bank.yamlpos import PathKey, Positions
from cxo_diag.findings import Code, Finding


@dataclass
class Context:
    bank: Bank
    loaded: LoadedBank

    @property
    def positions(self) -> Positions:
        return self.loaded.positions

    def at(self, path: PathKey, code: Code, *, key: bool = False, **fields: Any) -> Finding:
        line, col = self.positions.of(path, key=key)
        return Finding.make(code, self.loaded.display, line, col, **fields)

    def at_practice(self, practice_id: str, tail: PathKey, code: Code, **fields: Any) -> Finding:
        display, positions, index = self.loaded.practice_sources.get(
            practice_id, (self.loaded.display, self.positions, 0)
        )
        line, col = positions.of(("practices", index, *tail))
        return Finding.make(code, display, line, col, **fields)

    def is_inline(self, practice_id: str) -> bool:
        source = self.loaded.practice_sources.get(practice_id)
        return source is None or source[0] == self.loaded.display


Check = Callable[[Context], Iterator[Finding]]


def known(ids: Iterable[str]) -> str:
    """The ids a reference may name, for its message: sorted, at most twelve."""
    listed = sorted(ids)
    return ", ".join(listed[:12]) + (" ..." if len(listed) > 12 else "") if listed else "(none)"


def known_all(ids: Iterable[str]) -> str:
    """Every id a reference may name, sorted (the open-question and contradiction checks)."""
    return ", ".join(sorted(ids)) or "(none)"


def unknown(ref: str, ids: Iterable[str], *, every: bool = False) -> dict[str, Any]:
    """The fields of an E104 finding: the id, the ids it could be, and the closest one."""
    from cxo_diag.findings import did_you_mean

    listed = list(ids)
    shown = known_all(listed) if every else known(listed)
    return {"ref": ref, "known": shown, "suggestion": did_you_mean(ref, listed)}
