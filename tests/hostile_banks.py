"""A corpus of broken and hostile bank files, each with the finding it must produce.

Used by tests/unit/bank/test_hostile_banks.py and benchmarks/reliability.py. Files are written at
test time (a 50 MB file is not committed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TINY = (Path(__file__).parent / "fixtures" / "banks" / "valid" / "tiny.yaml").read_text()


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes | None  # None: the factory makes the path itself
    code: str
    line: int | None = None
    make: Callable[[Path], Path] | None = None


def replaced(old: str, new: str) -> bytes:
    assert old in TINY, old
    return TINY.replace(old, new, 1).encode()


def _directory(folder: Path) -> Path:
    path = folder / "a-directory.yaml"
    path.mkdir()
    return path


def _huge(folder: Path) -> Path:
    path = folder / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"schema_version: 1\nquestions:\n")
        chunk = b"  - {id: q, text: " + b"x" * 1000 + b"}\n"
        for _ in range(50 * 1024):
            handle.write(chunk)
    return path


def _unreadable(folder: Path) -> Path:
    path = folder / "dangling-link.yaml"
    path.symlink_to(folder / "does-not-exist.yaml")
    return path


def _alias_bomb(levels: int = 12) -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


CASES: list[Case] = [
    Case("empty", b"", "E005", 1),
    Case("only-whitespace", b"  \n\n\t\n", "E005", 1),
    Case("only-comments", b"# a bank\n# nothing else\n", "E005", 1),
    Case("binary", bytes(range(256)) * 4, "E002", 1),
    Case("latin-1", "title: caf\xe9\n".encode("latin-1"), "E002", 1),
    Case("utf-16", TINY.encode("utf-16"), "E002", 1),
    Case("directory", None, "E002", 1, _directory),
    Case("dangling-symlink", None, "E002", 1, _unreadable),
    Case("fifty-megabytes", None, "E003", 1, _huge),
    Case("alias-bomb", _alias_bomb(), "E003"),
    Case("self-alias", b"a: &x [1, *x]\n", "E003", 1),
    Case("deep-flow-nesting", b"a: " + b"[" * 5000 + b"]" * 5000, "E003", 1),
    Case(
        "deep-block-nesting",
        "".join(f"{'  ' * i}k{i}:\n" for i in range(200)).encode() + b"  " * 200 + b"v\n",
        "E003",
    ),
    Case("unclosed-flow", replaced("title: Tiny bank", "title: [Tiny bank"), "E001"),
    Case("unclosed-quote", replaced("title: Tiny bank", 'title: "Tiny bank'), "E001"),
    Case(
        "tab-indentation",
        replaced("    title: Resource allocation", "\ttitle: Resource allocation"),
        "E001",
    ),
    Case(
        "bad-indentation",
        replaced("    scale: agree5\n    text: Budget", "    scale: agree5\n  text: Budget"),
        "E001",
    ),
    Case("two-documents", TINY.encode() + b"---\nid: other\n", "E001"),
    Case("unknown-alias", b"a: *nowhere\n", "E001", 1),
    Case("mapping-as-key", b"? {a: 1}\n: value\n", "E001", 1),
    Case("python-tag", b"id: !!python/object/apply:os.system ['echo hi']\n", "E006", 1),
    Case("custom-tag", replaced("title: Tiny bank", "title: !secret Tiny"), "E006", 4),
    Case("set-tag", b"roles: !!set {a, b}\n", "E006", 1),
    Case(
        "duplicate-top-key",
        replaced("version: 1.0.0\n", "version: 1.0.0\nversion: 2.0.0\n"),
        "E004",
        4,
    ),
    Case(
        "duplicate-nested-key",
        replaced(
            "    probe: How did the last budget round end?",
            "    probe: How did it end?\n    probe: Again?",
        ),
        "E004",
    ),
    Case("top-level-list", b"- a\n- b\n", "E103", 1),
    Case("top-level-scalar", b"just a string\n", "E103", 1),
    Case("wrong-type-roles", replaced("roles:\n", "roles: coo\nx_roles:\n"), "E103"),
    Case("wrong-type-weight", replaced("    weight: 3", "    weight: [3]"), "E103"),
    Case("negative-weight", replaced("    weight: 3", "    weight: -1"), "E103"),
    Case("bool-as-id", replaced("  - id: res-01", "  - id: yes"), "E103"),
    Case("bad-id-characters", replaced("  - id: res-01", "  - id: Res 01!"), "E103"),
    Case("bad-version", replaced("version: 1.0.0", "version: one"), "E103", 3),
    Case("schema-version-2", replaced("schema_version: 1", "schema_version: 2"), "E103", 1),
    Case(
        "unknown-top-field", replaced("title: Tiny bank", "title: Tiny bank\nauthor: me"), "E101", 5
    ),
    Case(
        "misspelt-field",
        replaced("    probe: How did the last", "    prob: How did the last"),
        "E101",
    ),
    Case("missing-questions", replaced("questions:\n", "unused:\n"), "E102"),
    Case(
        "dangling-scale",
        replaced("    scale: agree5\n    text: Budget", "    scale: agree7\n    text: Budget"),
        "E104",
    ),
    Case(
        "dangling-practice",
        replaced("    recommend: joint-allocation", "    recommend: group-hug"),
        "E104",
    ),
    Case("dangling-band", replaced("band: friction}", "band: war}"), "E104"),
    Case("dangling-role-wording", replaced("      coo: The CMO", "      cfo: The CMO"), "E104"),
    Case("duplicate-question", replaced("  - id: res-02", "  - id: res-01"), "E105"),
    Case("overlapping-bands", replaced("from: 35, to: 60", "from: 20, to: 60"), "E106"),
    Case("band-hole", replaced("from: 60, to: 100", "from: 70, to: 100"), "E107"),
    Case(
        "rule-two-conditions",
        replaced(
            "    when: {score: {dimension: resources, band: friction}}",
            "    when: {score: {dimension: resources, band: friction},"
            " gap: {dimension: resources, at_least: 10}}",
        ),
        "E111",
    ),
    Case(
        "unicode-rtl-override",
        replaced("title: Tiny bank", "title: Tiny \u202ebank\u202c") + b"\nbogus: 1\n",
        "E101",
    ),
    Case("unicode-emoji-ids", replaced("  - id: res-01", "  - id: r\U0001f525s"), "E103"),
    Case("nul-in-text", replaced("title: Tiny bank", 'title: "Tiny\\0bank"') + b"\x00", "E002"),
    Case("bom-then-error", b"\xef\xbb\xbf" + replaced("title: Tiny bank", "titl: x"), "E101", 4),
    Case(
        "crlf-line-endings",
        replaced("title: Tiny bank", "titl: x").replace(b"\n", b"\r\n"),
        "E101",
        4,
    ),
    Case("very-long-line", replaced("title: Tiny bank", "title: " + "x" * 5000), "E103", 4),
    Case("null-document", b"~\n", "E005", 1),
]
