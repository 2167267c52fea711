"""Measure cxo-diag against its speed targets and print a table of figures.

Run: .venv/bin/python benchmarks/run.py [--runs N]

Each case prints the median of several runs; ratios are measured side by side in the same
run (baseline and cxo-diag interleaved). Exits 1 if a target is missed. Timings never live in
tests: this script is the place for them.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cxo_diag.answers import AnswerSet
    from cxo_diag.bank.model import Bank

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CXO = [str(BIN / "cxo-diag")]
sys.path.insert(0, str(ROOT / "benchmarks"))


@dataclass
class Figure:
    case: str
    measured: float
    target: float
    unit: str  # "s" or "x" (a ratio)

    @property
    def ok(self) -> bool:
        return self.measured <= self.target

    def row(self) -> str:
        fmt = "{:.3f}" if self.unit == "s" else "{:.2f}"
        measured = fmt.format(self.measured) + self.unit
        target = "<= " + fmt.format(self.target) + self.unit
        return f"| {self.case} | {measured} | {target} | {'ok' if self.ok else 'MISSED'} |"


def wall(command: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start


def median_wall(command: list[str], runs: int, cwd: Path | None = None) -> float:
    wall(command, cwd)  # warm the file cache
    return statistics.median(wall(command, cwd) for _ in range(runs))


def side_by_side(ours: list[str], baseline: list[str], runs: int) -> tuple[float, float]:
    """Median times of two commands run alternately, so machine load hits both alike."""
    wall(ours)
    wall(baseline)
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(wall(ours))
        theirs.append(wall(baseline))
    return statistics.median(mine), statistics.median(theirs)


def reference_loop() -> float:
    """The best of three runs of a fixed pure-Python loop (ten million additions): the
    machine's speed at the time, printed beside the figures so that absolute times taken on
    different days (or a throttled virtual machine) can be read against each other."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for step in range(10_000_000):
            total += step
        best = min(best, time.perf_counter() - start)
    return best


def in_process(function: Callable[[], object], runs: int) -> float:
    function()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


BARE_APP = '''
import typer
app = typer.Typer()
@app.command()
def one(name: str) -> None:
    """First command."""
@app.command()
def two(count: int = 1) -> None:
    """Second command."""
app()
'''


def startup_cases(runs: int, work: Path) -> list[Figure]:
    python = sys.executable
    ours, baseline = side_by_side([*CXO, "--version"], [python, "-c", "import typer"], runs)
    bare = work / "bare_app.py"
    bare.write_text(BARE_APP)
    help_ours, help_bare = side_by_side([*CXO, "--help"], [python, str(bare), "--help"], runs)
    return [
        Figure("startup: --version / python -c 'import typer'", ours / baseline, 1.3, "x"),
        Figure(
            "startup: --help / bare two-command typer app --help", help_ours / help_bare, 1.15, "x"
        ),
    ]


def validation_cases(runs: int, work: Path) -> list[Figure]:
    from generate import write_big_bank

    banks = ROOT / "questionnaires"
    figures = [
        Figure(
            "validate questionnaires/ (wall)",
            median_wall([*CXO, "validate", str(banks)], runs),
            0.4,
            "s",
        ),
    ]
    big = write_big_bank(work)
    figures.append(
        Figure(
            "validate 2,000 questions, 100 practices, 300 rules (wall)",
            median_wall([*CXO, "validate", str(big)], max(3, runs // 3)),
            1.0,
            "s",
        )
    )
    checker = shutil.which("check-jsonschema") or str(BIN / "check-jsonschema")
    bank_files = sorted(str(p) for p in banks.glob("*.yaml"))
    ours, theirs = side_by_side(
        [*CXO, "validate", *bank_files],
        [checker, "--schemafile", str(ROOT / "schemas" / "bank.schema.json"), *bank_files],
        runs,
    )
    figures.append(
        Figure("validate / check-jsonschema on the built-in banks", ours / theirs, 0.6, "x")
    )
    return figures


def _answer_sets(count: int, items: int = 40) -> tuple[Bank, list[AnswerSet]]:
    """``count`` answer sets to the coo-cmo bank, leaders alternating, ``items`` answers each."""
    from cxo_diag.answers import AnswerSet, BankRef, Respondent
    from cxo_diag.bank.registry import open_bank
    from generate import random_answers

    resolved = open_bank("coo-cmo")
    bank = resolved.bank
    ref = BankRef(id=bank.id, version=bank.version, hash=resolved.hash)
    sets = []
    for index in range(count):
        role = ("coo", "cmo")[index % 2]
        asked = [q.id for q in bank.questions_for(role)][:items]
        sets.append(
            AnswerSet(
                bank=ref,
                respondent=Respondent(name=f"r{index:05d}", role=role),
                answers=random_answers(asked, seed=index),
            )
        )
    return bank, sets


def answers_file_cases(runs: int, work: Path) -> list[Figure]:
    """Reading answers files (what `score` and `import` do first): YAML against the same
    answers as JSON, read alternately, so machine load weighs on both alike."""
    from cxo_diag.answers import read_answers_file, write_answers_file

    _, sets = _answer_sets(1_000)
    folder = work / "answers-files"
    folder.mkdir()
    for answer_set in sets:
        for suffix in (".yaml", ".json"):
            write_answers_file(answer_set, folder / f"{answer_set.respondent.name}{suffix}")
    as_yaml = sorted(folder.glob("*.yaml"))
    as_json = sorted(folder.glob("*.json"))
    yaml_times: list[float] = []
    json_times: list[float] = []
    for _ in range(max(3, runs // 3)):
        for files, times in ((as_yaml, yaml_times), (as_json, json_times)):
            start = time.perf_counter()
            for path in files:
                read_answers_file(path)
            times.append(time.perf_counter() - start)
    ratio = statistics.median(yaml_times) / statistics.median(json_times)
    return [Figure("read 1,000 answers files: YAML / the same answers as JSON", ratio, 7.0, "x")]


def _report(bank: Bank, answer_sets: list[AnswerSet], fmt: str) -> str:
    from cxo_diag.report.render import render
    from cxo_diag.scoring import diagnose

    return render(diagnose(bank, answer_sets), fmt)


def _budget_war_pdf() -> bytes:
    from cxo_diag.app.score_files import score_files
    from cxo_diag.report.render import render_document
    from cxo_diag.resources import examples_dir

    files = sorted((examples_dir() / "budget-war").glob("*.yaml"))
    printed = render_document(score_files(files).diagnosis, "pdf")
    assert isinstance(printed, bytes)
    return printed


def pdf_cases(runs: int, work: Path) -> list[Figure]:
    """The PDF deliverable: the two-leader budget-war report printed by the PDF engine."""
    _budget_war_pdf()  # the engine's first run loads its fonts; a consultant pays it once
    return [
        Figure(
            "budget-war report scored and printed as pdf (in-process)",
            in_process(_budget_war_pdf, max(3, runs // 3)),
            2.0,
            "s",
        )
    ]


def _peak_memory(function: Callable[[], object]) -> float:
    """The most memory ``function`` held at once beyond what was already allocated (MB)."""
    import tracemalloc

    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def scoring_cases(runs: int, work: Path) -> list[Figure]:
    """Scoring many answer sets: 10,000 against an absolute target, and 100,000 against
    10,000 (time and memory), so that the cost grows with the work and no faster. The two
    sizes are timed alternately, so machine load weighs on both alike."""
    from cxo_diag.scoring import diagnose

    bank, hundred_thousand = _answer_sets(100_000)
    ten_thousand = hundred_thousand[:10_000]
    figures = [
        Figure(
            "score and aggregate 10,000 answer sets of 40 items (in-process)",
            in_process(lambda: diagnose(bank, ten_thousand), max(5, runs // 3)),
            0.6,
            "s",
        )
    ]
    small: list[float] = []
    large: list[float] = []
    for _ in range(3):
        for sets, times in ((ten_thousand, small), (hundred_thousand, large)):
            start = time.perf_counter()
            diagnose(bank, sets)
            times.append(time.perf_counter() - start)
    figures.append(
        Figure(
            "score 100,000 / 10,000 answer sets (in-process, alternately)",
            statistics.median(large) / statistics.median(small),
            12.0,
            "x",
        )
    )
    peak_small = _peak_memory(lambda: diagnose(bank, ten_thousand))
    peak_large = _peak_memory(lambda: diagnose(bank, hundred_thousand))
    figures.append(
        Figure(
            f"memory scoring 100,000 / 10,000 answer sets (peak {peak_large:.0f} MB / "
            f"{peak_small:.0f} MB, tracemalloc)",
            peak_large / peak_small,
            12.0,
            "x",
        )
    )
    _, fifty = _answer_sets(50)
    for fmt in ("terminal", "markdown", "html", "json"):
        figures.append(
            Figure(
                f"report of 50 respondents, scored and rendered as {fmt} (in-process)",
                in_process(partial(_report, bank, fifty, fmt), runs),
                0.3,
                "s",
            )
        )
    return figures


def interview_cases(runs: int, work: Path) -> list[Figure]:
    """Key press to the next question's screen, in a real pseudo-terminal (pexpect)."""
    import pexpect

    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(work),
        "TERM": "xterm",
        "NO_COLOR": "1",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    child = pexpect.spawn(
        CXO[0],
        [
            "interview",
            "bench",
            "--bank",
            "coo-cmo",
            "--respondent",
            "Bench",
            "--role",
            "coo",
            "--store",
            str(work / "interview.sqlite"),
        ],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    child.delaybeforesend = None  # pexpect waits 50 ms before each send by default
    child.expect(r"question 1 of (\d+)")
    total = int(child.match.group(1))
    presses = []
    for number in range(2, min(total, max(runs * 2, 20)) + 1):
        start = time.perf_counter()
        child.send("3")
        child.expect(f"question {number} of {total}")
        presses.append(time.perf_counter() - start)
    child.send("q")
    child.expect(pexpect.EOF)
    return [
        Figure(
            "interview: key press to the next question on screen (pty)",
            statistics.median(presses),
            0.05,
            "s",
        )
    ]


CASES: list[Callable[[int, Path], list[Figure]]] = [
    startup_cases,
    validation_cases,
    scoring_cases,
    answers_file_cases,
    pdf_cases,
    interview_cases,
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per case (median is kept)")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated case groups to run (startup, validation, scoring, answers_file, "
        "pdf, interview); all by default",
    )
    args = parser.parse_args()
    chosen = {name.strip() for name in args.only.split(",") if name.strip()}
    figures: list[Figure] = []
    reference = reference_loop()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        os.environ.setdefault("CXO_DIAG_STORE", str(work / "store.db"))
        for case in CASES:
            if not chosen or case.__name__.removesuffix("_cases") in chosen:
                figures.extend(case(args.runs, work))
    print(
        f"cxo-diag benchmarks, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, median of {args.runs}; "
        f"reference loop {reference:.2f}s (ten million Python additions)"
    )
    print()
    print("| case | measured | target | |")
    print("|---|---|---|---|")
    for figure in figures:
        print(figure.row())
    missed = [f.case for f in figures if not f.ok]
    if missed:
        print(f"\n{len(missed)} target(s) missed", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
