"""Where the files shipped with cxo-diag live: inside the wheel, or in the source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def shipped(name: str) -> Path:
    """The folder ``name`` (questionnaires, schemas, examples) of this installation."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _CHECKOUT / name


def builtin_banks_dir() -> Path:
    return shipped("questionnaires")


def examples_dir() -> Path:
    return shipped("examples")
