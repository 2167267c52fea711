"""The shape of the code, as a user of it would notice: start-up cost and no import cycles.

AR001 No module imports itself in a circle, however indirectly: every import counts, at module
      level, inside functions and under TYPE_CHECKING.
AR002 No package (a first-level folder or module of cxo_diag) imports itself in a circle.
AR003 The core (bank, scoring, store, the application layer, and the plain modules they use)
      never imports the CLI or a report renderer.
AR004 `score` and `assess`, which store nothing, never load SQLAlchemy or psycopg.
AR005 No package imports from a layer above its own (the layers of docs/architecture.md).
AR006 ruff's ban on heavy module-level imports (TID253) excuses only modules that need it:
      each excused module imports a banned library at module level; no folder is excused.
AR007 The interview's flow (flow, choice, keys, effects, runner) loads no rich: only its
      screens render.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pexpect

from tests.e2e.conftest import MINI, TIMEOUT, expect_screen, press, skip_open_questions
from tests.import_graph import cycles, import_graph, package_graph

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "budget-war"

CORE = ("bank", "scoring", "store", "app", "answers", "errors", "findings", "text", "paths")
FRONT = ("cxo_diag.cli", "cxo_diag.report")


def test_cycles_finds_a_circle_and_only_that__ok() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_import_graph_sees_imports_inside_functions_and_type_checking__ok() -> None:
    graph = import_graph()
    # inside a function (``from cxo_diag.scoring import diagnose`` names the package's module)
    assert {"cxo_diag.scoring", "cxo_diag.scoring.diagnose"} & graph["cxo_diag.app.score_files"]
    wording = graph["cxo_diag.bank.checks.wording"]
    assert "cxo_diag.bank.checks.context" in wording  # under TYPE_CHECKING only


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
    reaching = {module: sorted(t for t in graph[module] if t.startswith(FRONT)) for module in core}
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
        skip_open_questions(child)
        expect_screen(child, "Your answers file:")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert out.exists()
    assert json.loads(listed.read_text()) == []


DRAW = REPO / "scripts" / "draw_architecture.py"


def test_architecture_picture_shows_every_package_and_no_import_up_a_layer__ok(
    tmp_path: Path,
) -> None:
    """AR005: the picture in docs/architecture.md is drawn from the code; no arrow in it runs
    up a layer (a package importing from a layer above its own)."""
    picture = tmp_path / "architecture.svg"
    drawn = subprocess.run(
        [sys.executable, str(DRAW), "--out", str(picture)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert drawn.returncode == 0, drawn.stderr
    svg = picture.read_text(encoding="utf-8")
    for box in ("cli/", "app/", "report/", "quality/", "store/", "bank/", "scoring"):
        assert f">{box}" in svg
    listed = subprocess.run(
        [sys.executable, str(DRAW), "--print"], capture_output=True, text=True, check=False
    )
    assert listed.returncode == 0, listed.stderr
    assert "  app -> " in listed.stdout
    assert [line for line in listed.stdout.splitlines() if "(UP)" in line] == []


def test_the_ban_on_heavy_imports_excuses_only_the_modules_that_wrap_them__ok() -> None:
    """AR006."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    lint = config["tool"]["ruff"]["lint"]
    banned = set(lint["flake8-tidy-imports"]["banned-module-level-imports"])
    excused = [
        path
        for path, codes in lint["per-file-ignores"].items()
        if "TID253" in codes and path.startswith("src/")
    ]
    assert len(excused) > 5

    def heavy_at_module_level(path: str) -> list[str]:
        tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
        names = []
        for node in tree.body:
            if isinstance(node, ast.Import):
                names += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.append(node.module)
        return sorted({name.split(".")[0] for name in names} & banned)

    assert [path for path in excused if "*" in path or not path.endswith(".py")] == []
    assert [path for path in excused if not heavy_at_module_level(path)] == []


def test_the_interview_flow_loads_no_rich__ok() -> None:
    """AR007."""
    script = (
        "import sys\n"
        "import cxo_diag.interview.runner, cxo_diag.interview.flow, cxo_diag.interview.choice\n"
        "print([m for m in sys.modules if m.split('.')[0] == 'rich'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]"]
