"""The shape of the code, as a user of it would notice: start-up cost and no import cycles.

AR001 No module imports itself in a circle, however indirectly: every import counts, at module
      level, inside functions and under TYPE_CHECKING.
AR002 No package (a first-level folder or module of cxo_diag) imports itself in a circle.
AR003 The core (bank, scoring, store, the application layer, and the plain modules they use)
      never imports the CLI or a report renderer.
AR004 `score` and `assess`, which store nothing, never load SQLAlchemy or psycopg.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect

from tests.e2e.conftest import MINI, TIMEOUT, expect_screen, press

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
EXAMPLE = REPO / "examples" / "budget-war"

# Issue 16 moves the Diagnosis model out of report/model.py into scoring; until then the
# model counts as scoring's, so that scoring -> report.model is not reported as a cycle.
COUNTS_AS = {"cxo_diag.report.model": "cxo_diag.scoring"}

CORE = ("bank", "scoring", "store", "app", "answers", "errors", "findings", "text", "paths")
FRONT = ("cxo_diag.cli", "cxo_diag.report")


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted((SRC / "cxo_diag").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(module: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """Every cxo_diag module that ``module`` imports, wherever the import statement is."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def owner(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([base] if base else [])])
            names = [f"{base}.{alias.name}" for alias in node.names]
            names = [name if name in known else base for name in names]
        for name in names:
            target = owner(name)
            if target is not None and target != module:
                yield target


def import_graph() -> dict[str, set[str]]:
    known = _modules()
    return {module: set(_imported(module, path, known)) for module, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each strongly connected group of more than one node (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def package_of(module: str) -> str:
    module = COUNTS_AS.get(module, module)
    return ".".join(module.split(".")[:2])


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    packages: dict[str, set[str]] = {}
    for module, targets in graph.items():
        source = package_of(module)
        packages.setdefault(source, set()).update(
            package_of(t) for t in targets if package_of(t) not in (source, "cxo_diag")
        )
    return packages


def test_cycles_finds_a_circle_and_only_that__ok() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_import_graph_sees_imports_inside_functions_and_type_checking__ok() -> None:
    graph = import_graph()
    assert "cxo_diag.scoring" in graph["cxo_diag.app.score_files"]  # inside a function
    assert "cxo_diag.bank.checks.context" in graph["cxo_diag.bank.lint"]  # TYPE_CHECKING only


def test_no_module_imports_itself_in_a_circle__ok() -> None:
    """AR001."""
    assert cycles(import_graph()) == []


def test_no_package_imports_itself_in_a_circle__ok() -> None:
    """AR002."""
    assert cycles(package_graph(import_graph())) == []


def test_the_core_never_imports_the_cli_or_a_renderer__ok() -> None:
    """AR003."""
    graph = import_graph()
    core = [m for m in graph if m.split(".")[1:2] and m.split(".")[1] in CORE]
    assert len(core) > 20
    reaching = {
        module: sorted(t for t in graph[module] if t.startswith(FRONT) and t not in COUNTS_AS)
        for module in core
    }
    assert {module: targets for module, targets in reaching.items() if targets} == {}


# A child Python that runs the CLI's main() and, on exit, writes which heavy modules loaded.
_RUN_AND_LIST = """
import atexit, json, sys
listing = sys.argv[1]
def _listed():
    with open(listing, "w") as out:
        heavy = [m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "psycopg")]
        json.dump(sorted(heavy), out)
atexit.register(_listed)
sys.argv = ["cxo-diag", *sys.argv[2:]]
from cxo_diag.cli import main
main()
"""


def test_score_loads_neither_sqlalchemy_nor_psycopg__ok(tmp_path: Path) -> None:
    """AR004."""
    listed = tmp_path / "modules.json"
    files = sorted(str(p) for p in EXAMPLE.glob("*.yaml"))
    assert len(files) >= 2
    done = subprocess.run(
        [sys.executable, "-c", _RUN_AND_LIST, str(listed), "score", *files, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["header"]["bank_id"] == "coo-cmo"
    assert json.loads(listed.read_text()) == []


def test_assess_loads_neither_sqlalchemy_nor_psycopg__ok(tmp_path: Path) -> None:
    """AR004, in a real pseudo-terminal: the whole self-assessment, answers file written."""
    listed = tmp_path / "modules.json"
    out = tmp_path / "ana.yaml"
    args = ["assess", "--bank", str(MINI), "--role", "coo", "--name", "Ana", "--out", str(out)]
    child = pexpect.spawn(
        sys.executable,
        ["-c", _RUN_AND_LIST, str(listed), *args],
        env={"TERM": "xterm", "NO_COLOR": "1", "LANG": "C.UTF-8", "HOME": str(tmp_path)},
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 100),
    )
    try:
        for number in (1, 2, 3):
            expect_screen(child, f"question {number} of 3")
            press(child, "4")
        expect_screen(child, "Your answers file:")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert out.exists()
    assert json.loads(listed.read_text()) == []
