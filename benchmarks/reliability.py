"""Run the hardening corpora and fault campaigns outside pytest and print a table of figures.

Run: .venv/bin/python benchmarks/reliability.py [--kills N] [--fuzz N] [--seed S]

Each category tries its cases through the real command (a subprocess) or the core, counts
the outcomes that are as expected, and counts what must stay at zero: tracebacks, answers
lost, control characters obeyed. Exits 1 if any case is not as expected. The same cases are
tests in the suite (tests/unit/bank/test_hostile_banks.py, tests/cli/test_bad_input.py,
tests/cli/test_output_paths.py, tests/unit/report/test_hostile_text.py, tests/e2e/test_faults.py);
this script runs them at a larger scale and measures time and memory, which tests never do.
The table goes into docs/reliability.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CXO = str(Path(sys.executable).parent / "cxo-diag")


@dataclass
class Row:
    """One category: cases tried, how many were as expected, and the figures that matter."""

    category: str
    tried: int = 0
    expected: int = 0
    tracebacks: int = 0
    lost: int = 0
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def outcome(self, name: str, ok: bool, why: str = "") -> None:
        self.tried += 1
        if ok:
            self.expected += 1
        else:
            self.failures.append(f"{name}: {why}"[:300])

    def run(
        self, args: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> Ran:
        """Run cxo-diag for this category, counting any traceback it prints."""
        ran = run_cli(args, cwd=cwd, env=env)
        self.tracebacks += "Traceback" in ran.stderr
        return ran

    def line(self) -> str:
        notes = "; ".join(self.notes)
        return (
            f"| {self.category} | {self.tried} | {self.expected} | {self.tracebacks} | "
            f"{self.lost} | {notes} |"
        )


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_kib: int


def _good_answers(folder: Path) -> Path:
    """A valid answers file to the mini bank, in ``folder``."""
    from tests.cli.test_bad_input import as_yaml, mini_answer_set

    good = folder / "good.yaml"
    good.write_text(as_yaml(mini_answer_set()), encoding="utf-8")
    return good


def run_cli(args: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> Ran:
    """Run cxo-diag; wall time and peak memory (RSS) of that process alone."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [CXO, *args], stdout=out, stderr=err, cwd=cwd, env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Ran(
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            usage.ru_maxrss,
        )


def one_clean_line(ran: Ran) -> tuple[bool, str]:
    lines = ran.stderr.splitlines()
    if "Traceback" in ran.stderr:
        return False, "traceback"
    if ran.code == 0:
        return False, "exit 0"
    if len(lines) != 1 or not lines[0].startswith("error: "):
        return False, f"stderr: {ran.stderr!r}"
    return True, ""


@contextmanager
def scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="cxo-reliability-"))
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o700)
        shutil.rmtree(folder, ignore_errors=True)


# --- the categories ---------------------------------------------------------------------------


def hostile_banks() -> Row:
    from tests.hostile_banks import CASES
    from tests.unit.bank.test_hostile_banks import materialise

    row = Row("hostile banks (`validate`, one process each)")
    slowest, biggest = (0.0, ""), (0, "")
    with scratch() as folder:
        for case in CASES:
            path = materialise(case, folder)
            ran = row.run(["validate", "--format", "json", str(path)])
            slowest = max(slowest, (ran.seconds, case.name))
            biggest = max(biggest, (ran.max_rss_kib, case.name))
            try:
                findings = json.loads(ran.stdout)["files"][0]["findings"]
            except (ValueError, LookupError):
                row.outcome(case.name, False, f"no JSON report: {ran.stderr[:200]}")
                continue
            found = next((f for f in findings if f["code"] == case.code), None)
            positioned = found is not None and found["line"] >= 1 and found["col"] >= 1
            right_line = found is not None and case.line in (None, found["line"])
            row.outcome(case.name, ran.code == 1 and positioned and right_line, str(findings)[:200])
    row.notes.append(f"max wall {slowest[0]:.2f} s ({slowest[1]})")
    row.notes.append(f"max RSS {biggest[0] / 1024:.0f} MiB ({biggest[1]})")
    return row


def bad_answers_files() -> Row:
    from tests.cli.test_bad_input import BAD_FILES, as_yaml, make_file, mini_answer_set

    row = Row("bad answers files (`score`, `import` with a good file)")
    with scratch() as folder:
        good = _good_answers(folder)
        bo = folder / "bo.yaml"
        bo.write_text(as_yaml(mini_answer_set(name="Bo", role="cmo")), encoding="utf-8")
        store = folder / "store.sqlite"
        made = run_cli(["interview", "acme", "--bank", "mini", "--answers", str(good),
                        "--store", str(store)])  # fmt: skip
        assert made.code == 0, made.stderr
        before = store_snapshot(store)
        for case in BAD_FILES:
            path = make_file(case, folder)
            for args in (["score", str(path)], ["import", "acme", str(bo), str(path),
                                                  "--store", str(store)]):  # fmt: skip
                ran = row.run(args)
                ok, why = one_clean_line(ran)
                named = str(path) in ran.stderr and case.says in ran.stderr
                row.outcome(f"{args[0]} {case.name}", ok and named, why or ran.stderr)
            changed = store_snapshot(store) != before
            row.lost += changed  # a half import would change the store
    return row


def store_snapshot(store: Path) -> str:
    from cxo_diag.app import engagements
    from cxo_diag.store.engine import open_store

    with open_store(store, create=False) as opened:
        return json.dumps(engagements.export_bundle(opened, "acme")["rounds"], sort_keys=True)


def bad_options() -> Row:
    from tests.cli.test_bad_input import BAD_OPTIONS

    row = Row("bad options, unknown commands, missing arguments")
    for args, where, says in BAD_OPTIONS:
        ran = row.run(args)
        ok, why = one_clean_line(ran)
        named = ran.code == 2 and where in ran.stderr and says in ran.stderr
        row.outcome(" ".join(args), ok and named, why or ran.stderr)
    return row


def missing_things() -> Row:
    row = Row("missing engagement, store or bank")
    with scratch() as folder:
        good = _good_answers(folder)
        store = str(folder / "store.sqlite")
        run_cli(["interview", "acme", "--bank", "mini", "--answers", str(good), "--store", store])
        cases = [
            *[[c, "ghost", "--store", store] for c in ("report", "export", "agenda", "norms")],
            ["delete", "ghost", "--yes", "--store", store],
            ["import", "ghost", str(good), "--store", store],
            ["report", "acme", "--store", str(folder / "none" / "s.sqlite")],
            ["score", str(good), "--bank", "no-such-bank"],
            ["show", "no-such-bank"],
            ["interview", "x", "--bank", "no-such-bank", "--answers", str(good), "--store", store],
        ]
        for args in cases:
            ran = row.run(args)
            ok, why = one_clean_line(ran)
            row.outcome(" ".join(args[:2]), ok, why)
    return row


def output_paths() -> Row:

    row = Row("`--out` symlinks, dangling links, folders, pipes, existing files (5 commands)")
    with scratch() as folder:
        good = _good_answers(folder)
        store = str(folder / "store.sqlite")
        run_cli(["interview", "acme", "--bank", "mini", "--answers", str(good), "--store", store])
        commands = {
            "score": ["score", str(good)],
            "demo": ["demo"],
            "report": ["report", "acme", "--store", store],
            "agenda": ["agenda", "acme", "--store", store],
            "export": ["export", "acme", "--store", store],
        }
        precious = folder / "contract.txt"
        for name, args in commands.items():
            for kind in ("symlink", "symlink --force", "dangling", "directory", "pipe", "existing"):
                precious.write_text("keep")
                out = folder / "out" / f"{name}.out"
                shutil.rmtree(out.parent, ignore_errors=True)
                out.parent.mkdir()
                if kind.startswith("symlink"):
                    out.symlink_to(precious)
                elif kind == "dangling":
                    out.symlink_to(folder / "planted.txt")
                elif kind == "directory":
                    out.mkdir()
                elif kind == "pipe":
                    os.mkfifo(out)
                else:
                    out.write_text("keep")
                forced = ("symlink --force", "dangling", "directory", "pipe")
                extra = ["--force"] if kind in forced else []
                ran = row.run([*args, "--out", str(out), *extra])
                ok, why = one_clean_line(ran)
                kept = precious.read_text() == "keep" and not (folder / "planted.txt").exists()
                if kind == "existing":
                    kept = kept and out.read_text() == "keep"
                row.lost += not kept
                row.outcome(f"{name} {kind}", ok and kept, why)
    return row


def hostile_text() -> Row:
    from tests.unit.report import test_hostile_text as ht

    row = Row(
        f"hostile text: {len(ht.FAMILIES)} families x terminal, HTML, Markdown, agenda, JSON, "
        "screens"
    )
    per_family: list[tuple[str, Callable[..., None], tuple[object, ...]]] = [
        ("terminal", ht.test_ht001_terminal_report_shows_every_source_literally, (False,)),
        ("terminal colour", ht.test_ht001_terminal_report_shows_every_source_literally, (True,)),
        ("html", ht.test_ht002_html_report_shows_every_source_as_text, ()),
        ("markdown", ht.test_ht003_markdown_and_agenda_escape_every_source, ("markdown",)),
        ("agenda", ht.test_ht003_markdown_and_agenda_escape_every_source, ("agenda",)),
        ("json", ht.test_ht003_json_keeps_the_text_exactly_as_given, ()),
        ("interview", ht.test_ht004_interview_screen_shows_every_source_literally, ()),
        ("review", ht.test_ht004_review_summary_and_choice_screens_show_text_literally, ()),
        ("note", ht.test_ht004_a_note_being_typed_keeps_printable_characters_only, ()),
    ]
    checks = [
        (f"{name} {family}", partial(function, family, *extra))
        for family in ht.FAMILIES
        for name, function, extra in per_family
    ]
    for name, check in checks:
        try:
            check()
        except AssertionError as error:
            row.outcome(name, False, str(error))
        except Exception:  # a crash is a finding too
            row.tracebacks += 1
            row.outcome(name, False, traceback.format_exc(limit=2))
        else:
            row.outcome(name, True)
    row.notes.append(f"{len(ht.SOURCES_IN_REPORTS)} text sources in reports")
    return row


def killed_imports(runs: int, seed: int) -> Row:
    from tests.e2e.test_faults import kill_imports

    row = Row("SIGKILL during `import` of 12 files (random moment)")
    with scratch() as folder:
        try:
            left = kill_imports(folder, seed=seed, runs=runs)
        except AssertionError as error:
            row.lost += 1
            row.outcome("imports", False, str(error))
            return row
    for number, _ in enumerate(left):
        row.outcome(str(number), True)
    whole = sum(1 for added in left if added)
    row.notes.append(f"{whole} imported whole, {len(left) - whole} not at all, none halfway")
    return row


def garbage_keys(runs: int) -> Row:
    from tests.e2e.conftest import Terminal
    from tests.e2e.test_faults import (
        test_ft006_random_bytes_typed_into_an_interview_save_only_valid_answers as typed,
    )

    row = Row("random bytes typed into an interview (pty, 400 bytes a run)")
    for seed in range(1, runs + 1):
        with scratch() as folder:
            terminal = Terminal(home=folder, store=folder / "store.sqlite")
            try:
                typed(terminal, seed)
            except AssertionError as error:
                row.outcome(f"seed {seed}", False, str(error))
            else:
                row.outcome(f"seed {seed}", True)
            finally:
                for child in terminal.children:
                    if child.isalive():
                        child.terminate(force=True)
    row.notes.append("each quits cleanly; only valid answers and printable notes saved")
    return row


def legacy_encodings() -> Row:

    row = Row("output in a legacy encoding (ASCII, Latin-1, cp1252)")
    with scratch() as folder:
        good = _good_answers(folder)
        for encoding in ("ascii", "latin-1", "cp1252"):
            for args in (["demo"], ["score", str(good), "-f", "markdown"], ["banks"]):
                ran = row.run(args, env={"PYTHONIOENCODING": encoding})
                row.outcome(f"{encoding} {args[0]}", ran.code == 0, ran.stderr[-300:])
    return row


def sigkill_campaign(kills: int, seed: int) -> Row:
    from tests.e2e.conftest import Terminal
    from tests.e2e.test_faults import kill_campaign

    row = Row("SIGKILL during interviews (pty, seeded keys and delays)")
    with scratch() as folder:
        terminal = Terminal(home=folder, store=folder / "store.sqlite")
        start = time.perf_counter()
        try:
            campaign = kill_campaign(terminal, seed=seed, kills=kills)
        except AssertionError as error:
            row.lost += 1
            row.outcome("campaign", False, str(error))
            return row
        finally:
            for child in terminal.children:
                if child.isalive():
                    child.terminate(force=True)
        seconds = time.perf_counter() - start
    for run in campaign.runs:
        row.outcome(f"seed {run.seed}", True)
    checks = sum(run.acknowledged for run in campaign.runs)
    keys = sum(len(run.keys) for run in campaign.runs)
    people = len({run.respondent for run in campaign.runs})
    row.notes.append(
        f"{campaign.killed} killed, {len(campaign.runs) - campaign.killed} ended by themselves; "
        f"{people} respondents, {keys} keys"
    )
    row.notes.append(f"{checks} acknowledged answers/notes looked up after kills, all there")
    row.notes.append(f"integrity_check ok after each; {seconds:.0f} s")
    return row


def store_faults() -> Row:
    from tests.e2e import test_faults as ft

    row = Row("read-only location, full disk, held store (real processes)")

    def with_store(test: Callable[[Path, Path], None]) -> Callable[[Path], None]:
        return lambda tmp: test(ft.make_saved_store(tmp), tmp)

    checks: list[tuple[str, Callable[[Path], None]]] = [
        ("read-only new store", ft.test_ft002_a_new_store_in_a_read_only_folder_is_one_line),
        (
            "read-only existing store, saved kept",
            with_store(
                ft.test_ft002_saving_into_a_store_in_a_read_only_folder_keeps_what_was_saved
            ),
        ),
        (
            "full disk, saved kept",
            with_store(ft.test_ft003_a_full_disk_is_one_line_and_keeps_earlier_answers),
        ),
        ("full disk, new store", ft.test_ft003_a_full_disk_when_creating_a_store_is_one_line),
        (
            "held store, waits, saved",
            with_store(ft.test_ft004_a_held_store_is_waited_for_then_written),
        ),
        (
            "held store too long, saved kept",
            with_store(ft.test_ft004_a_store_held_too_long_is_one_line_and_nothing_half_saved),
        ),
    ]
    for name, check in checks:
        with scratch() as folder:
            try:
                check(folder)
            except AssertionError as error:
                row.lost += "saved" in name
                row.outcome(name, False, str(error))
            else:
                row.outcome(name, True)
    row.notes.append("root runs the command without CAP_DAC_OVERRIDE" if os.geteuid() == 0
                     else "run as an ordinary user")  # fmt: skip
    return row


# --- fuzz -----------------------------------------------------------------------------------------


JUNK = ":-[]{}&*!|> \n\t#'\"x1\u202e\x00"


def fuzz_loader(count: int, rnd: random.Random) -> Row:
    from tests.hostile_banks import TINY

    from cxo_diag.bank.check import check_bank
    from cxo_diag.bank.load import load_bank

    row = Row("fuzz: bank loader (spliced and random banks)")
    with scratch() as folder:
        path = folder / "bank.yaml"
        for number in range(count):
            if number % 4 == 0:
                data = bytes(rnd.randrange(256) for _ in range(rnd.randrange(400)))
            else:
                start, length = rnd.randrange(len(TINY)), rnd.randrange(1, 40)
                junk = "".join(
                    rnd.choice(":-[]{}&*!|> \n\t#'\"x1") for _ in range(rnd.randrange(8))
                )
                data = (TINY[:start] + junk + TINY[start + length :]).encode()
            path.write_bytes(data)
            try:
                loaded = load_bank(path)
                findings = check_bank(loaded)
                ok = loaded.bank is not None or bool(findings)
                ok = ok and all(f.line >= 1 and f.col >= 1 for f in findings)
                row.outcome(str(number), ok, "no bank and no finding")
            except Exception:
                row.tracebacks += 1
                row.outcome(str(number), False, traceback.format_exc(limit=3))
    return row


def fuzz_answers_and_scoring(count: int, rnd: random.Random) -> Row:
    from tests.cli.test_bad_input import mini_answer_set

    from cxo_diag.answers import AnswerSet, check_fits_bank, parse_answers
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.errors import AnswersFileError
    from cxo_diag.scoring import diagnose

    row = Row("fuzz: answers reader + bank fit + scoring (mini bank)")
    resolved = open_bank("mini")
    values: list[object] = [1, 2, 3, 4, 5, 0, 6, -1, "n/a", None, "x", 2.5, True, [], {}]
    keys = ["res-01", "res-02", "res-03", "zzz", "", "RES-01"]
    scored = 0
    for number in range(count):
        sets: list[AnswerSet] = []
        for role, name in (("coo", "Ana"), ("cmo", "Bo")):
            data = mini_answer_set(name=name, role=role)
            data["answers"] = {
                rnd.choice(keys): rnd.choice(values) for _ in range(rnd.randrange(5))
            }
            if rnd.random() < 0.2:
                data["respondent"] = {"name": name, "role": rnd.choice(["cfo", "", "coo"])}
            text = json.dumps(data)
            if rnd.random() < 0.2:
                text = text[: rnd.randrange(len(text))]
            try:
                answer_set = parse_answers(text, f"fuzz-{number}.json")
                check_fits_bank(answer_set, resolved.bank, resolved.hash, "fuzz")
                sets.append(answer_set)
            except AnswersFileError:
                continue
            except Exception:
                row.tracebacks += 1
                row.outcome(str(number), False, traceback.format_exc(limit=3))
                break
        try:
            first = diagnose(resolved.bank, sets).model_dump_json()
            again = diagnose(resolved.bank, list(reversed(sets))).model_dump_json()
        except Exception:
            row.tracebacks += 1
            row.outcome(str(number), False, traceback.format_exc(limit=3))
            continue
        scored += bool(sets)
        report = json.loads(first)
        row.outcome(str(number), first == again and in_range(report), "range or order")
    row.notes.append(f"{scored} engagements scored; scores, gaps in 0..100, order-independent")
    return row


def in_range(report: dict[str, object]) -> bool:
    def ok(value: object) -> bool:
        return value is None or (isinstance(value, int | float) and 0 <= value <= 100)

    dimensions = report["dimensions"]
    practices = report["practices"]
    assert isinstance(dimensions, list) and isinstance(practices, list)
    for dimension in dimensions:
        if not ok(dimension["gap"]):
            return False
        if not all(ok(r["score"]) and ok(r["spread"]) for r in dimension["roles"]):
            return False
    ranking = [(-p["score"], p["practice"]["id"]) for p in practices]
    return ranking == sorted(ranking) and len(set(ranking)) == len(ranking)


def fuzz_scoring(count: int, rnd: random.Random) -> Row:
    from tests.unit.scoring.test_scoring import answers, make_bank, question
    from tests.unit.scoring.test_scoring_properties import rules_for_every_kind

    from cxo_diag.answers import Answer
    from cxo_diag.bank.model import Keyed, Perspective
    from cxo_diag.scoring import diagnose

    row = Row("fuzz: scoring engine (random banks and engagements)")
    for number in range(count):
        questions = [
            question(
                f"q{i}",
                dim=rnd.choice(["res", "com"]),
                keyed=rnd.choice(list(Keyed)),
                perspective=rnd.choice(list(Perspective)),
                weight=rnd.choice([0.5, 1.0, 2.0, 3.5]),
            )
            for i in range(rnd.randint(1, 8))
        ]
        bank = make_bank(questions, rules_for_every_kind(), dims=("res", "com"))
        sets = []
        for role in ("coo", "cmo", "ceo"):
            for index in range(rnd.randint(0, 4)):
                choices: list[Answer] = [1, 2, 3, 4, 5, "n/a", None]
                given = {q.id: rnd.choice(choices) for q in bank.questions_for(role)}
                sets.append(answers(bank, role, given, name=f"{role}-{index}"))
        try:
            first = diagnose(bank, sets)
            shuffled = list(sets)
            rnd.shuffle(shuffled)
            same = diagnose(bank, shuffled).model_dump_json() == first.model_dump_json()
            report = json.loads(first.model_dump_json())
            row.outcome(str(number), same and in_range(report), "range, ranking or order")
        except Exception:
            row.tracebacks += 1
            row.outcome(str(number), False, traceback.format_exc(limit=3))
    return row


# --- main -------------------------------------------------------------------------------------


def round_two(kills: int, seed: int, fuzz: int) -> list[Callable[[], Row]]:
    """The families of the second round of hardening (benchmarks/reliability_round2.py)."""
    import reliability_round2 as r2

    def family(category: str, fill: Callable[[Row], None]) -> Callable[[], Row]:
        def step() -> Row:
            row = Row(category)
            fill(row)
            return row

        return step

    def on_postgres(row: Row) -> None:
        from tests import pg_server

        if pg_server.find_bin("initdb") is None:
            row.notes.append("PostgreSQL not installed: not run")
            return
        server = pg_server.start()
        try:

            def database(_folder: Path) -> str:
                return pg_server.create_database(server, f"cxo_bench_{uuid.uuid4().hex[:10]}")

            r2.leases(row, max(kills // 5, 4), seed, database)
        finally:
            pg_server.stop(server)

    runs = max(kills // 5, 4)
    return [
        family("one session a respondent, SQLite (pty: second refused, --take-over)",
               lambda row: r2.leases(row, runs, seed, lambda f: str(f / "store.sqlite"))),
        family("one session a respondent, PostgreSQL (pty)", on_postgres),
        family("store paths: symlinks (dangling, chained, to a store), ~nosuchuser",
               lambda row: r2.store_paths(row, row.run, one_clean_line)),
        family("store URLs with awkward passwords (no fragment shown)",
               lambda row: r2.store_urls(row, row.run, one_clean_line)),
        family("another application's database (4 kinds x 7 commands), left byte-identical",
               lambda row: r2.foreign_databases(row, row.run, one_clean_line)),
        family("stdout full, closed, broken pipe (12 commands)", r2.standard_output),
        family("arguments that are not UTF-8 (4 names x 7 commands)", r2.undecodable_arguments),
        family("damaged rows (17 damages x report, export, agenda)",
               lambda row: r2.damaged_rows(row, row.run, one_clean_line)),
        family("random corruption of a store file",
               lambda row: r2.random_corruption(row, max(fuzz // 8, 40),
                                                random.Random(seed), row.run)),
    ]  # fmt: skip


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, "
        f"{pages / 1024**3:.0f} GiB, Python {platform.python_version()}, "
        f"{'root' if os.geteuid() == 0 else 'user'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50, help="SIGKILLed interviews (50)")
    parser.add_argument("--fuzz", type=int, default=2000, help="inputs per fuzz target (2000)")
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    rnd = random.Random(options.seed)
    started = time.perf_counter()
    steps: list[Callable[[], Row]] = [
        hostile_banks,
        bad_answers_files,
        bad_options,
        missing_things,
        output_paths,
        hostile_text,
        store_faults,
        lambda: sigkill_campaign(options.kills, options.seed),
        lambda: killed_imports(30, options.seed),
        lambda: garbage_keys(10),
        legacy_encodings,
        lambda: fuzz_loader(options.fuzz, rnd),
        lambda: fuzz_answers_and_scoring(options.fuzz, rnd),
        lambda: fuzz_scoring(options.fuzz // 2, rnd),
        *round_two(options.kills, options.seed, options.fuzz),
    ]
    rows = []
    for step in steps:
        row = step()
        rows.append(row)
        print(f"  {row.category}: {row.expected}/{row.tried}", file=sys.stderr, flush=True)
    print(f"cxo-diag reliability, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, seed {options.seed}")
    print(f"machine: {machine()}")
    print()
    print("| category | cases tried | as expected | tracebacks | answers lost | figures |")
    print("|---|---:|---:|---:|---:|---|")
    for row in rows:
        print(row.line())
    total_tried = sum(r.tried for r in rows)
    total_ok = sum(r.expected for r in rows)
    print(
        f"| **total** | {total_tried} | {total_ok} | {sum(r.tracebacks for r in rows)} | "
        f"{sum(r.lost for r in rows)} | {time.perf_counter() - started:.0f} s in all |"
    )
    failures = [f"{r.category}: {failure}" for r in rows for failure in r.failures]
    for failure in failures[:20]:
        print(f"\nNOT AS EXPECTED {failure}")
    return 1 if failures or any(r.tracebacks or r.lost for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
