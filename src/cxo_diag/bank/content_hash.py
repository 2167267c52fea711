"""The content hash of a bank: a stable digest of what it means, not of how it is written.

Engagements and answers files record it, so a change here changes which stored rounds match
their bank. Fields added to the format later are left out while unset (``LATER_DEFAULTS``,
``_LATER_FIELDS``) so that older banks keep the hash they were first stored under.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cxo_diag.bank.model import Bank

#: Fields added to the format after banks were first hashed, with their default. Left out of
#: the hash while at the default, so a bank (or an engagement's stored copy) that does not
#: use them keeps the hash its answers were given under.
LATER_DEFAULTS: dict[str, dict[str, Any]] = {
    "bank": {"open_questions": [], "sequence": [], "contradictions": [], "progress": []},
}


def _without_later_defaults(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value
        for key, value in data.items()
        if not (key in LATER_DEFAULTS["bank"] and value == LATER_DEFAULTS["bank"][key])
    }


_LATER_FIELDS = {"questions": ("mirrors",), "dimensions": ("reliability",)}

_HASH_KEY = "_cxo_content_hash"


def content_hash(bank: Bank) -> str:
    """A stable hash of what the bank means (not of its formatting or comments).

    Computed once per bank object and kept on it (the model is frozen, and ``model_copy``
    drops it), since loading, scoring and the store each ask for it.
    """
    cached = bank.__dict__.get(_HASH_KEY)
    if isinstance(cached, str):
        return cached
    dumped = _without_later_defaults(
        bank.model_dump(mode="json", by_alias=True, exclude={"include"})
    )
    # Fields added after banks were first stored count only when set, so that a bank that
    # does not use them keeps the hash its engagements and answers files recorded.
    for section, optional in _LATER_FIELDS.items():
        for entry in dumped[section]:
            for name in optional:
                if entry.get(name) is None:
                    entry.pop(name, None)
    canonical = json.dumps(
        dumped,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    digest = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
    bank.__dict__[_HASH_KEY] = digest
    return digest
