"""Re-stamp every example answers file with the current version and hash of its bank.

An answers file names the bank's id, version and content hash, so that answers are never
scored against a bank that changed. Editing a built-in bank (or the practice library it
includes) therefore makes the shipped examples stale; this script is the one-command fix:

    .venv/bin/python scripts/stamp_examples.py           # rewrite stale files
    .venv/bin/python scripts/stamp_examples.py --check   # exit 1 if any file is stale (CI)

Only the ``version:`` and ``hash:`` lines of the ``bank:`` block change; answers, notes and
comments stay byte for byte as they were. Banks are read from ./questionnaires of this
checkout, not from an installed copy.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
QUESTIONNAIRES = ROOT / "questionnaires"

_BANK_BLOCK = re.compile(r"^bank:\n((?:[ \t]+.*\n)+)", re.MULTILINE)
_FIELD = r"^(?P<indent>[ \t]+){name}:[ \t]*(?P<value>.*)$"


class StampError(Exception):
    """A file that cannot be stamped, with the reason for a person."""


@dataclass(frozen=True)
class BankStamp:
    version: str
    hash: str


def current_stamp(bank_id: str, cache: dict[str, BankStamp]) -> BankStamp:
    """The version and content hash of the built-in bank ``bank_id`` (must be valid)."""
    if bank_id not in cache:
        from cxo_diag.bank.registry import open_bank
        from cxo_diag.errors import CxoDiagError

        path = QUESTIONNAIRES / f"{bank_id}.yaml"
        if not path.is_file():
            raise StampError(f"no bank {bank_id!r} in {QUESTIONNAIRES}")
        try:
            resolved = open_bank(str(path))
        except CxoDiagError as error:
            raise StampError(f"bank {bank_id!r} does not load: {error}") from None
        cache[bank_id] = BankStamp(resolved.bank.version, resolved.hash)
    return cache[bank_id]


def restamp_text(text: str, stamp: BankStamp) -> str:
    """The file's text with the bank block's version and hash replaced by ``stamp``."""
    block = _BANK_BLOCK.search(text)
    if block is None:
        raise StampError("no 'bank:' block at the start of a line")
    body = block.group(1)
    for name, value in (("version", stamp.version), ("hash", stamp.hash)):
        found = re.search(_FIELD.format(name=name), body, re.MULTILINE)
        if found is None:
            raise StampError(f"the 'bank:' block has no '{name}:' line")
        line = f"{found.group('indent')}{name}: {value}"
        body = body[: found.start()] + line + body[found.end() :]
    return text[: block.start(1)] + body + text[block.end(1) :]


def example_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def stamp_file(path: Path, cache: dict[str, BankStamp], *, write: bool) -> bool:
    """Bring one file up to date; True when it was (or, without ``write``, would be) changed."""
    from cxo_diag.answers import read_answers_file
    from cxo_diag.errors import CxoDiagError

    try:
        answer_set = read_answers_file(path)
    except CxoDiagError as error:
        raise StampError(str(error)) from None
    stamp = current_stamp(answer_set.bank.id, cache)
    text = path.read_text(encoding="utf-8")
    updated = restamp_text(text, stamp)
    if updated == text:
        return False
    if write:
        path.write_text(updated, encoding="utf-8")
        if read_answers_file(path).bank.hash != stamp.hash:
            raise StampError("the rewritten file does not carry the new hash")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale files, change none")
    parser.add_argument("folder", nargs="?", type=Path, default=EXAMPLES)
    args = parser.parse_args(argv)
    cache: dict[str, BankStamp] = {}
    stale = 0
    for path in example_files(args.folder):
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        try:
            changed = stamp_file(path, cache, write=not args.check)
        except StampError as error:
            print(f"error: {shown}: {error}", file=sys.stderr)
            return 2
        if changed:
            stale += 1
            print(f"{'stale' if args.check else 'stamped'}: {shown}")
    if args.check and stale:
        print(
            f"{stale} example file(s) out of date: run scripts/stamp_examples.py", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
