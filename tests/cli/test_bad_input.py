"""Bad input through the command line: one clear line, a non-zero exit, never a traceback.

BI001 a bad answers file given to `score` is refused in one line on stderr that names the
      file, with exit 1 and nothing on stdout: truncated YAML or JSON, a bank nobody has,
      another bank, another version, a changed bank, unknown question ids, values off the
      scale, a role the bank lacks, a file that is empty, binary, a folder, missing, deeply
      nested, an alias bomb, with a duplicate key, or too large; files for different banks.
BI002 the same files given to `import` are refused the same way, and the store is left as
      it was: a batch with one bad file imports nothing, not even the good files before it,
      and `--new-round` does not leave an empty round behind.
BI003 a respondent already in the round refuses the whole batch, inside the transaction.
BI004 a bad option value, an unknown option or command, or a missing argument is one line
      naming the command and where its help is, exit 2.
BI005 a missing engagement (report, export, agenda, delete, norms, import, interview
      --answers into a missing store) is one line naming it, exit 1; a missing bank or
      store, or one that is not a regular file, is one line too; a bank `banks` lists is
      found by its id.
BI006 a few of the above in a real process: stderr is one line, no traceback; an output
      encoding that lacks the report's characters (ASCII, Latin-1) gets '?' for them.
BI007 any answers files (hypothesis: wrong parts, odd values, truncation) given to `score`
      give a report whose scores, gaps and blind spots stay within 0..100, with practices
      ranked in a total order and the same bytes twice, or one line naming a file.
BI008 any batch given to `import` is imported whole or not at all.
BI009 on a terminal, `resume`, `interview` and `assess` refuse a missing engagement,
      respondent, bank or role in one line, before asking anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from cxo_diag.answers import Answer, AnswerSet, BankRef, Respondent, dump_answers
from cxo_diag.app import engagements
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app
from cxo_diag.store.engine import open_store
from tests.helpers import runner

GOOD_ANSWERS = {"res-01": 4, "res-02": 2, "res-03": 5}


def mini_answer_set(
    name: str = "Ana", role: str = "coo", answers: object = None, **ref: str
) -> dict[str, object]:
    """An answers file for the built-in mini bank as data, with any part replaced."""
    resolved = open_bank("mini")
    good = AnswerSet(
        bank=BankRef(id="mini", version=resolved.bank.version, hash=resolved.hash),
        respondent=Respondent(name=name, role="coo"),
        answers=dict(GOOD_ANSWERS),
    )
    data = good.model_dump(mode="json")
    data["bank"].update(ref)
    data["respondent"]["role"] = role
    if answers is not None:
        data["answers"] = answers
    return data


def as_yaml(data: dict[str, object]) -> str:
    return dump_answers(AnswerSet.model_validate(data))


@dataclass(frozen=True)
class BadFile:
    """One bad answers file: how to make it, and words its error line must contain."""

    name: str
    make: Callable[[Path], None]
    says: str


def _text(content: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_text(content, encoding="utf-8")

    return make


def _data(**change: object) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        data = mini_answer_set(**change)  # type: ignore[arg-type]
        path.write_text(json.dumps(data), encoding="utf-8")

    return make


def _truncated_yaml(path: Path) -> None:
    text = as_yaml(mini_answer_set())
    cut = text.index("respondent:") + len("respondent:\n  name: 'An")
    path.write_text(text[:cut], encoding="utf-8")


def _truncated_json(path: Path) -> None:
    text = json.dumps(mini_answer_set(), indent=2)
    path.write_text(text[: len(text) // 2], encoding="utf-8")


def _deep_json(path: Path) -> None:
    path.write_text('{"answers": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")


def _alias_bomb(path: Path) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 12)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _duplicate_key(path: Path) -> None:
    path.write_text(as_yaml(mini_answer_set()) + "answers: {res-01: 1}\n", encoding="utf-8")


def _too_large(path: Path) -> None:
    path.write_text("notes: " + "x" * 3_000_000 + "\n", encoding="utf-8")


def _binary(path: Path) -> None:
    path.write_bytes(bytes(range(256)))


def _folder(path: Path) -> None:
    path.mkdir()


def _nothing(path: Path) -> None:
    """Leave the file missing."""


BAD_FILES = [
    BadFile("truncated-yaml", _truncated_yaml, "respondent.role: required field missing"),
    BadFile("truncated-json", _truncated_json, "not valid JSON"),
    BadFile("unknown-bank", _data(id="no-such-bank"), "no-such-bank"),
    BadFile("other-version", _data(version="0.0.9"), "version 0.0.9"),
    BadFile("changed-bank", _data(hash="sha256:0123456789abcdef"), "changed since"),
    BadFile("unknown-question", _data(answers={"res-01": 3, "zzz-99": 2}), "'zzz-99'"),
    BadFile("above-the-scale", _data(answers={"res-01": 6}), "off its scale 1..5"),
    BadFile("below-the-scale", _data(answers={"res-01": 0}), "off its scale 1..5"),
    BadFile("negative-value", _data(answers={"res-01": -3}), "off its scale"),
    BadFile("float-value", _data(answers={"res-01": 2.5}), "answers.res-01"),
    BadFile("text-value", _data(answers={"res-01": "agree"}), "answers.res-01"),
    BadFile("role-not-in-bank", _data(role="cfo"), "no role 'cfo'"),
    BadFile("escape-in-a-key", _data(answers={"res-01\x1b[2J\r\nx": 1}), "res-01\\x1b[2J\\x0d x"),
    BadFile("role-not-an-id", _data(role="Chief <b>"), "respondent.role"),
    BadFile("empty", _text(""), "is empty"),
    BadFile("only-a-comment", _text("# nothing here\n"), "empty"),
    BadFile("a-list", _text("- 1\n- 2\n"), "not an answers file"),
    BadFile("binary", _binary, "not UTF-8"),
    BadFile("deeply-nested-json", _deep_json, "too deeply nested"),
    BadFile("alias-bomb", _alias_bomb, "too large or too deeply nested"),
    BadFile("duplicate-key", _duplicate_key, "duplicate key 'answers'"),
    BadFile("three-megabytes", _too_large, "too large to be an answers file"),
    BadFile("a-folder", _folder, "is a directory"),
    BadFile("missing", _nothing, "no such file"),
    BadFile("schema-version-2", _text('{"schema_version": 2}'), "schema_version"),
]


def make_file(case: BadFile, folder: Path) -> Path:
    path = folder / f"{case.name}.yaml"
    case.make(path)
    return path


def assert_one_error_line(result: Result, *, code: int = 1) -> str:
    """The command ended by a handled error: one line on stderr, nothing on stdout."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("an exception escaped the command") from result.exception
    assert result.exit_code == code, (result.exit_code, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    return lines[0]


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.yaml"
    path.write_text(as_yaml(mini_answer_set()), encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path, good_file: Path) -> str:
    """A store with the engagement 'acme' (mini bank) and Ana's answers in round 1."""
    location = str(tmp_path / "store.sqlite")
    result = run("interview", "acme", "--bank", "mini", "--answers", str(good_file),
                 "--store", location)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return location


def stored_people(store: str) -> list[tuple[int, str, dict[str, Answer]]]:
    """(round, name, answers) of everyone in engagement acme."""
    with open_store(store, create=False) as opened:
        found = engagements.get_engagement(opened, "acme")
        people = []
        for number in engagements.round_numbers(opened, found):
            for answer_set in engagements.answer_sets(opened, found, number):
                name = answer_set.respondent.name
                people.append((number, name, dict(answer_set.answers)))
    return people


# --- BI001 score ------------------------------------------------------------------------------


def test_bi001_the_good_file_scores__ok(good_file: Path) -> None:
    """The control case: the file every bad one is made from is accepted."""
    result = run("score", str(good_file), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["header"]["respondents"][0]["name"] == "Ana"


@pytest.mark.parametrize("case", BAD_FILES, ids=[c.name for c in BAD_FILES])
def test_bi001_score_refuses_a_bad_answers_file__error(case: BadFile, tmp_path: Path) -> None:
    path = make_file(case, tmp_path)
    line = assert_one_error_line(run("score", str(path)))
    assert line.startswith(f"error: {path}"), line
    assert case.says in line


@pytest.mark.parametrize("case", BAD_FILES[:3], ids=[c.name for c in BAD_FILES[:3]])
def test_bi001_the_bad_file_is_named_among_good_ones__error(
    case: BadFile, tmp_path: Path, good_file: Path
) -> None:
    path = make_file(case, tmp_path)
    line = assert_one_error_line(run("score", str(good_file), str(path)))
    assert str(path) in line


def test_bi001_a_file_for_another_bank_given_with_bank__error(good_file: Path) -> None:
    line = assert_one_error_line(run("score", str(good_file), "--bank", "coo-cmo"))
    assert line == f"error: {good_file}: answers are for bank 'mini', not 'coo-cmo'"


def test_bi001_files_for_different_banks_exit_1_like_a_wrong_bank__error(
    good_file: Path,
) -> None:
    """Files naming different banks are a problem with the input (exit 1), as a file that
    does not fit --bank is, not a usage error."""
    other = Path(__file__).parent.parent / "fixtures" / "answers" / "report" / "ada-round2.yaml"
    line = assert_one_error_line(run("score", str(good_file), str(other)))
    assert "the files are for different banks" in line
    assert str(good_file) in line and str(other) in line


# --- BI002, BI003 import ------------------------------------------------------------------------


@pytest.mark.parametrize("case", BAD_FILES, ids=[c.name for c in BAD_FILES])
def test_bi002_import_refuses_a_batch_with_one_bad_file__nothing_imported(
    case: BadFile, tmp_path: Path, store: str
) -> None:
    before = stored_people(store)
    bo = tmp_path / "bo.json"
    bo.write_text(json.dumps(mini_answer_set(name="Bo", role="cmo")), encoding="utf-8")
    bad = make_file(case, tmp_path)
    line = assert_one_error_line(run("import", "acme", str(bo), str(bad), "--store", store))
    assert str(bad) in line and case.says in line
    assert stored_people(store) == before


def test_bi002_a_bad_file_with_new_round_leaves_no_empty_round(tmp_path: Path, store: str) -> None:
    bad = make_file(BAD_FILES[4], tmp_path)  # changed-bank: refused only once the bank is known
    bo = tmp_path / "bo.json"
    bo.write_text(json.dumps(mini_answer_set(name="Bo", role="cmo")), encoding="utf-8")
    assert_one_error_line(run("import", "acme", str(bo), str(bad), "--new-round", "--store", store))
    with open_store(store, create=False) as opened:
        assert engagements.round_numbers(opened, engagements.get_engagement(opened, "acme")) == [1]


def test_bi003_a_respondent_already_in_the_round_refuses_the_batch(
    tmp_path: Path, store: str
) -> None:
    bo = tmp_path / "bo.json"
    bo.write_text(json.dumps(mini_answer_set(name="Bo", role="cmo")), encoding="utf-8")
    ana_again = tmp_path / "ana-again.json"
    ana_again.write_text(json.dumps(mini_answer_set(answers={"res-01": 1})), encoding="utf-8")
    line = assert_one_error_line(run("import", "acme", str(bo), str(ana_again), "--store", store))
    assert line.startswith(f"error: {ana_again}: 'Ana' already has answers in round 1")
    assert stored_people(store) == [(1, "Ana", GOOD_ANSWERS)]


def test_bi002_the_good_batch_imports__ok(tmp_path: Path, store: str) -> None:
    """The control case for BI002: the same good file alone is imported."""
    bo = tmp_path / "bo.json"
    bo.write_text(json.dumps(mini_answer_set(name="Bo", role="cmo")), encoding="utf-8")
    result = run("import", "acme", str(bo), "--store", store)
    assert result.exit_code == 0, result.stderr
    assert [name for _, name, _ in stored_people(store)] == ["Ana", "Bo"]


# --- BI004 options ------------------------------------------------------------------------------


BAD_OPTIONS = [
    (["score", "--format", "docx", "x.yaml"], "cxo-diag score", "'docx' is not one of"),
    (["report", "acme", "--round", "0"], "cxo-diag report", "'--round'"),
    (["report", "acme", "--round", "two"], "cxo-diag report", "should be a valid integer"),
    (["agenda", "acme", "--round", "-1"], "cxo-diag agenda", "'--round'"),
    (["engagements", "--format", "xml"], "cxo-diag engagements", "'xml' is not one of"),
    (["validate", "--format", "xml", "x.yaml"], "cxo-diag validate", "'xml'"),
    (["pilot", "mini", "--out", "d", "--respondents", "many"], "cxo-diag pilot", "'--respondents'"),
    (["report", "acme", "--colour"], "cxo-diag report", "No such option: --colour"),
    (["report"], "cxo-diag report", "Missing argument"),
    (["score"], "cxo-diag score", "Missing argument"),
    (["import", "acme"], "cxo-diag import", "Missing argument"),
    (["reprot", "acme"], "cxo-diag", "No such command 'reprot'"),
    (["--bogus"], "cxo-diag", "No such option: --bogus"),
]


@pytest.mark.parametrize(
    ("args", "where", "says"), BAD_OPTIONS, ids=[" ".join(a) for a, _, _ in BAD_OPTIONS]
)
def test_bi004_bad_options_are_one_line__error(args: list[str], where: str, says: str) -> None:
    line = assert_one_error_line(run(*args), code=2)
    assert line.startswith(f"error: {where}: "), line
    assert says in line
    assert line.endswith(f"(see {where} --help)")


def test_bi004_no_arguments_still_shows_the_help() -> None:
    result = run()
    assert "Commands:" in result.stdout + result.stderr
    assert "error:" not in result.stderr


# --- BI005 missing things -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["report", "ghost"],
        ["report", "ghost", "--format", "html", "--out", "r.html"],
        ["export", "ghost"],
        ["agenda", "ghost"],
        ["delete", "ghost", "--yes"],
        ["norms", "ghost"],
    ],
)
def test_bi005_a_missing_engagement_is_one_line_naming_it(
    command: list[str], store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    line = assert_one_error_line(run(*command, "--store", store))
    assert line == "error: no engagement called 'ghost' (engagements: acme)"
    assert not (tmp_path / "r.html").exists()


def test_bi005_import_into_a_missing_engagement_without_its_bank(
    tmp_path: Path, good_file: Path, store: str
) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text(good_file.read_text().replace("id: mini", "id: gone"), encoding="utf-8")
    line = assert_one_error_line(run("import", "ghost", str(elsewhere), "--store", store))
    assert "engagement 'ghost' does not exist yet, and bank 'gone'" in line
    assert "--bank FILE" in line
    listed = run("engagements", "--store", store, "--format", "json")
    assert [e["name"] for e in json.loads(listed.stdout)] == ["acme"]


def test_bi005_a_missing_store_is_one_line_and_creates_nothing(
    tmp_path: Path, good_file: Path
) -> None:
    location = tmp_path / "nowhere" / "store.sqlite"
    for command in (["report", "acme"], ["export", "acme"]):
        line = assert_one_error_line(run(*command, "--store", str(location)))
        assert line == f"error: {location}: no store here yet (nothing has been saved to it)"
    assert not location.parent.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["score", "GOOD", "--bank", "no-such-bank"],
        ["interview", "new", "--bank", "no-such-bank", "--answers", "GOOD"],
        ["show", "no-such-bank"],
        ["pilot", "no-such-bank", "--out", "pilot"],
    ],
)
def test_bi005_a_missing_bank_is_one_line_naming_the_known_ones(
    command: list[str], good_file: Path, store: str, tmp_path: Path
) -> None:
    args = [str(good_file) if a == "GOOD" else a for a in command]
    if command[0] == "interview":
        args += ["--store", store]
    if command[0] == "pilot":
        args[3] = str(tmp_path / "pilot")
    line = assert_one_error_line(run(*args))
    assert "no bank called 'no-such-bank' (known: " in line
    assert not (tmp_path / "pilot").exists()


def test_bi005_a_bank_file_that_is_broken_is_one_line_with_its_position(
    tmp_path: Path, good_file: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nid: [unclosed\n", encoding="utf-8")
    line = assert_one_error_line(run("score", str(good_file), "--bank", str(broken)))
    assert str(broken) in line


# --- BI006 a real process -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["score", "BAD"],
        ["import", "acme", "GOOD", "BAD", "--store", "STORE"],
        ["report", "ghost", "--store", "STORE"],
        ["report", "acme", "--round", "zero", "--store", "STORE"],
    ],
)
def test_bi006_in_a_real_process_stderr_is_one_line(
    args: list[str], tmp_path: Path, good_file: Path, store: str
) -> None:
    bad = make_file(BAD_FILES[0], tmp_path)
    swap = {"BAD": str(bad), "GOOD": str(good_file), "STORE": store}
    result = subprocess.run(
        [sys.executable, "-m", "cxo_diag", *[swap.get(a, a) for a in args]],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stdout == ""


# --- BI007, BI008 any answers file through the command line (hypothesis) -------------------------

GOOD = mini_answer_set()
question_ids = st.sampled_from(["res-01", "res-02", "res-03", "zzz-01"]) | st.text(max_size=6)
answer_values = st.one_of(
    st.integers(-2, 8), st.just("n/a"), st.none(), st.booleans(), st.text(max_size=3),
    st.floats(allow_nan=True, allow_infinity=True),
)  # fmt: skip
bank_refs = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["mini", "coo-cmo", "other"]),
        "version": st.sampled_from([GOOD["bank"]["version"], "9.9.9"]),  # type: ignore[index]
        "hash": st.sampled_from([GOOD["bank"]["hash"], "sha256:0000"]),  # type: ignore[index]
    }
)


@st.composite
def answers_documents(draw: st.DrawFn, role: str) -> str:
    """An answers file that is mostly right, with any part of it possibly wrong."""
    data = json.loads(json.dumps(GOOD))
    data["respondent"] = {"name": draw(st.text(min_size=0, max_size=8)) or role, "role": role}
    if draw(st.booleans()):
        data["respondent"]["role"] = draw(st.sampled_from(["coo", "cmo", "cfo", "", "COO"]))
    if draw(st.booleans()):
        data["bank"] = draw(bank_refs)
    data["answers"] = draw(st.dictionaries(question_ids, answer_values, max_size=5))
    if draw(st.booleans()):
        data[draw(st.sampled_from(["round", "answered_at", "notes", "extra"]))] = draw(
            answer_values
        )
    text = json.dumps(data) if draw(st.booleans()) else yaml.safe_dump(data)
    cut = draw(st.integers(0, len(text)))
    return text if draw(st.integers(0, 9)) else text[:cut]  # now and then truncated


def within(value: float | None) -> bool:
    return value is None or 0 <= value <= 100


FUZZ = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(answers_documents("coo"), answers_documents("cmo"))
def test_bi007_any_answers_files__a_sound_report_or_one_line(
    tmp_path_factory: pytest.TempPathFactory, ana: str, bo: str
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    files = [folder / "ana.yaml", folder / "bo.yaml"]
    for path, text in zip(files, (ana, bo), strict=True):
        path.write_text(text, encoding="utf-8")
    result = run("score", *map(str, files), "--format", "json")
    if result.exit_code != 0:
        line = assert_one_error_line(result, code=result.exit_code)
        about_the_set = "different banks" in line or "different rounds" in line
        assert any(str(path) in line for path in files) or about_the_set, line
        return
    report = json.loads(result.stdout)
    for dimension in report["dimensions"]:
        assert within(dimension["gap"])
        for score in dimension["roles"]:
            assert within(score["score"]) and within(score["spread"])
        for spot in dimension["blind_spots"]:
            assert within(spot["gap"])
    ranking = [(-p["score"], p["practice"]["id"]) for p in report["practices"]]
    assert ranking == sorted(ranking) and len(set(ranking)) == len(ranking)
    assert [p["rank"] for p in report["practices"]] == list(range(1, len(ranking) + 1))
    assert run("score", *map(str, files), "--format", "json").stdout == result.stdout


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(answers_documents("cmo"), min_size=1, max_size=3))
def test_bi008_any_import_batch__all_or_nothing(
    tmp_path_factory: pytest.TempPathFactory, documents: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("batch")
    good = folder / "good.yaml"
    good.write_text(as_yaml(mini_answer_set()), encoding="utf-8")
    store = str(folder / "store.sqlite")
    made = run("interview", "acme", "--bank", "mini", "--answers", str(good), "--store", store)
    assert made.exit_code == 0, made.stderr
    files = []
    for number, text in enumerate(documents):
        path = folder / f"file-{number}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    before = stored_people(store)
    result = run("import", "acme", *files, "--store", store)
    after = stored_people(store)
    if result.exit_code == 0:
        assert len(after) == len(before) + len(files)
    else:
        assert_one_error_line(result)
        assert after == before


def test_bi005_a_listed_bank_is_found_by_its_id_whatever_its_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`banks` lists banks by id, so every id it lists must open; before, a bank in a file
    named otherwise was 'not found' in a line that listed it among the known ones."""
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    builtin = Path(open_bank("mini").path).parent
    (folder / "practices.yaml").write_text((builtin / "practices.yaml").read_text())
    text = (builtin / "mini.yaml").read_text().replace("id: mini\n", "id: renamed\n", 1)
    (folder / "our-bank.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    listed = run("banks", "--format", "json")
    assert "renamed" in [entry["id"] for entry in json.loads(listed.stdout)]
    shown = run("show", "renamed", "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == "renamed"


@pytest.mark.parametrize("kind", ["device", "pipe"])
def test_bi005_a_store_that_is_not_a_regular_file_is_one_line(kind: str, tmp_path: Path) -> None:
    location = Path("/dev/null")
    if kind == "pipe":
        location = tmp_path / "pipe"
        os.mkfifo(location)
    for command in (["report", "acme"], ["engagements"]):
        line = assert_one_error_line(run(*command, "--store", str(location)))
        assert line == f"error: {location}: is not a regular file, so it cannot be a store"


# --- BI009 the interactive commands, in a real terminal ------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["resume", "ghost"], 1, "no engagement called 'ghost' (engagements: acme)"),
        (["resume", "acme", "--respondent", "Nobody"], 1, "no respondent 'Nobody' in round 1"),
        (["interview", "ghost", "--respondent", "Ana", "--role", "coo"], 2, "--bank"),
        (["interview", "acme", "--respondent", "Cy", "--role", "cfo"], 2, "no role 'cfo'"),
        (["interview", "acme", "--respondent", "Cy"], 2, "--respondent NAME --role ROLE"),
        (["assess", "--bank", "no-such-bank"], 1, "no bank called 'no-such-bank'"),
        (["assess", "--bank", "mini", "--role", "cfo"], 2, "has no role 'cfo'"),
    ],
)
def test_bi009_interactive_commands_refuse_in_one_line_on_a_terminal(
    args: list[str], code: int, says: str, store: str, tmp_path: Path
) -> None:
    from tests.e2e.conftest import Terminal, expect_screen, finish

    terminal = Terminal(home=tmp_path, store=Path(store))
    child = terminal.spawn(*args, with_store=args[0] != "assess")
    expect_screen(child, says)
    assert finish(child) == code
    shown = (child.before or "").strip()
    assert "Traceback" not in shown and "question 1 of" not in shown


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_bi006_a_legacy_output_encoding_gets_question_marks_not_a_traceback(
    encoding: str, good_file: Path
) -> None:
    """A report piped to a file under a Latin-1 locale, or a Windows console redirected."""
    for args in (["demo"], ["score", str(good_file)], ["score", str(good_file), "-f", "markdown"]):
        result = subprocess.run(
            [sys.executable, "-m", "cxo_diag", *args], capture_output=True, timeout=60,
            env={**os.environ, "PYTHONIOENCODING": encoding}, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr.decode(encoding)
        assert b"Traceback" not in result.stderr
        text = result.stdout.decode(encoding)
        assert "Resource allocation" in text  # a dimension of both banks, demo's and mini
