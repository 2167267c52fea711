"""`report --norms STORE` and `score --norms STORE`: each score placed among earlier
engagements of the same bank version, in every report format.

The store holds five real engagements created on days 1-5 and a simulated one on day 6,
then the target (day 10) and one more (day 20). Every item is answered at one level, so a
role's score on both dimensions is (level - 1) * 25:

    engagement  a    b   c   d   e    simulated  target  later
    COO         0   25  50  50  100      100       75      0
    CMO        100  75  50  25   0       100       25      0

Percentiles by hand (share of the references below, ties counting half):
- report target: references a-e (the simulated one never counts, later is newer).
  COO 75 among 0, 25, 50, 50, 100: 4 below -> 80.
  CMO 25 among 100, 75, 50, 25, 0: 1 below, 1 tie -> 1.5 / 5 = 30.
- score of the target's answers: every stored engagement but the target itself, so a-e and
  later. COO 75 among 0, 25, 50, 50, 100, 0: 5 below -> 5 / 6 = 83.3.
  CMO 25 among 100, 75, 50, 25, 0, 0: 2 below, 1 tie -> 2.5 / 6 = 41.7.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cxo_diag.answers import AnswerSet, BankRef, Respondent, write_answers_file
from cxo_diag.cli import app
from tests.helpers import runner

HOSTILE_TITLE = "Money <b>&</b> [red]fights[/] *now*"

BANK = f"""\
schema_version: 1
id: norms-demo
version: 1.0.0
title: Norms demo
roles:
  - {{id: coo, title: COO}}
  - {{id: cmo, title: CMO}}
scales:
  - id: agree5
    points:
      - {{value: 1, label: Strongly disagree}}
      - {{value: 2, label: Disagree}}
      - {{value: 3, label: Neither agree nor disagree}}
      - {{value: 4, label: Agree}}
      - {{value: 5, label: Strongly agree}}
dimensions:
  - id: resources
    title: "{HOSTILE_TITLE}"
    bands: [{{id: all, label: All, from: 0, to: 100}}]
  - id: trust
    title: Trust
    bands: [{{id: all, label: All, from: 0, to: 100}}]
questions:
  - {{id: res-01, dimension: resources, scale: agree5, text: Budget talks end badly., probe: How?}}
  - {{id: res-02, dimension: resources, scale: agree5, keyed: harmony, text: We share costs.,
     probe: How?}}
  - {{id: tru-01, dimension: trust, scale: agree5, text: Meetings turn personal., probe: How?}}
  - {{id: tru-02, dimension: trust, scale: agree5, keyed: harmony, text: We stay calm.,
     probe: How?}}
practices:
  - id: p
    title: P
    addresses: [resources, trust]
    why: Why.
    first_steps: [One, Two, Three]
    owner: both
    cadence: monthly
    progress_sign: Better.
rules:
  - {{id: r1, when: {{gap: {{dimension: resources, at_least: 10}}}}, recommend: p}}
  - {{id: r2, when: {{gap: {{dimension: trust, at_least: 10}}}}, recommend: p}}
"""

# name, COO level, CMO level, day created, simulated respondents
ENGAGEMENTS = [
    ("a", 1, 5, 1, False),
    ("b", 2, 4, 2, False),
    ("c", 3, 3, 3, False),
    ("d", 3, 2, 4, False),
    ("e", 5, 1, 5, False),
    ("made-up", 5, 5, 6, True),
    ("target", 4, 2, 10, False),
    ("later", 1, 1, 20, False),
]


def _answers_at(level: int, name: str, role: str, ref: BankRef) -> AnswerSet:
    """Friction (level - 1) * 25 on every item: friction-keyed items answered ``level``,
    harmony-keyed ones mirrored (6 - level)."""
    return AnswerSet(
        bank=ref,
        respondent=Respondent(name=name, role=role),
        answers={"res-01": level, "tru-01": level, "res-02": 6 - level, "tru-02": 6 - level},
    )


def _people(coo: int, cmo: int, simulated: bool) -> list[tuple[str, str, int]]:
    if simulated:
        return [("simulated-0001", "coo", coo), ("simulated-0002", "cmo", cmo)]
    return [("Ann", "coo", coo), ("Bob", "cmo", cmo)]


def _bank_ref(bank: Path) -> BankRef:
    from cxo_diag.bank.registry import open_bank

    resolved = open_bank(str(bank))
    return BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)


def _fixed_clock(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def _store_with(path: Path, bank: Path, names: set[str]) -> Path:
    """A store holding the engagements of ENGAGEMENTS named in ``names``."""
    from cxo_diag.app.engagements import ensure_engagement
    from cxo_diag.app.importing import import_answer_sets
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.store.engine import open_store

    resolved = open_bank(str(bank))
    ref = _bank_ref(bank)
    with open_store(path) as store:
        for name, coo, cmo, day, simulated in ENGAGEMENTS:
            if name not in names:
                continue
            clock = _fixed_clock(datetime(2026, 1, day, tzinfo=UTC))
            ensure_engagement(store, name, bank=resolved, clock=clock)
            files = [
                (f"{name}/{person}", _answers_at(level, person, role, ref))
                for person, role, level in _people(coo, cmo, simulated)
            ]
            import_answer_sets(store, name, files, clock=clock)
    return path


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    path = tmp_path / "norms-demo.yaml"
    path.write_text(BANK, encoding="utf-8")
    return path


@pytest.fixture
def store(bank: Path, tmp_path: Path) -> Path:
    return _store_with(tmp_path / "norms.sqlite", bank, {e[0] for e in ENGAGEMENTS})


@pytest.fixture
def target_files(bank: Path, tmp_path: Path) -> list[Path]:
    """The target's answers as files, as `cxo-diag assess --out` writes them (no engagement
    name in them: only their answers tell that they are the target's)."""
    ref = _bank_ref(bank)
    paths = []
    for person, role, level in _people(4, 2, simulated=False):
        path = tmp_path / f"{person}.yaml"
        write_answers_file(_answers_at(level, person, role, ref), path)
        paths.append(path)
    return paths


@pytest.fixture
def score_args(bank: Path, target_files: list[Path]) -> list[str]:
    """`cxo-diag score` of the target's answers files."""
    return ["score", *map(str, target_files), "--bank", str(bank)]


def _invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _section(text: str, start: str, end: str) -> str:
    assert start in text, text
    return text.split(start, 1)[1].split(end, 1)[0]


# --- terminal ------------------------------------------------------------------------------


def _terminal_rows(text: str) -> list[list[str]]:
    """The body rows of the terminal norms table, cell by cell; a line with no role
    continues the row above (a wrapped cell)."""
    section = _section(text, "Local norms", "Recommended practices")
    rows: list[list[str]] = []
    for line in section.splitlines():
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        if rows and not cells[1]:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
    return rows


def test_report_norms__terminal_percentiles_with_the_sample(store: Path) -> None:
    text = _invoke("report", "target", "--store", str(store), "--norms", str(store))
    assert "5 earlier engagements of norms-demo 1.0.0 in the norms store" in text
    assert "1 simulated engagement left out." in text
    assert _terminal_rows(text) == [
        [HOSTILE_TITLE, "COO", "75", "80", "among 5"],
        [HOSTILE_TITLE, "CMO", "25", "30", "among 5"],
        ["Trust", "COO", "75", "80", "among 5"],
        ["Trust", "CMO", "25", "30", "among 5"],
    ]


def test_report_without_norms__no_norms_section(store: Path) -> None:
    text = _invoke("report", "target", "--store", str(store))
    assert "Local norms" not in text
    assert "percentile" not in text.lower()


def test_report_norms__never_against_itself_nor_newer_engagements(store: Path) -> None:
    # 'later' (day 20) is placed among a-e and the target: 6, never 7 with itself
    text = _invoke("report", "later", "--store", str(store), "--norms", str(store))
    assert "6 earlier engagements of norms-demo 1.0.0 in the norms store" in text
    # COO 0 among 0, 25, 50, 50, 100, 75 and CMO 0 among 100, 75, 50, 25, 0, 25: one tie
    # each -> 0.5 / 6 = 8.3
    assert [row[1:] for row in _terminal_rows(text)] == [
        ["COO", "0", "8", "among 6"],
        ["CMO", "0", "8", "among 6"],
    ] * 2


def test_report_norms__a_separate_norms_store(bank: Path, store: Path, tmp_path: Path) -> None:
    solo = _store_with(tmp_path / "solo.sqlite", bank, {"target"})
    text = _invoke("report", "target", "--store", str(solo), "--norms", str(store))
    assert [row[3:] for row in _terminal_rows(text)] == [["80", "among 5"], ["30", "among 5"]] * 2


def test_report_norms__agree_with_the_norms_command(store: Path) -> None:
    report = json.loads(
        _invoke("report", "target", "--store", str(store), "--norms", str(store), "-f", "json")
    )
    norms = json.loads(_invoke("norms", "target", "--store", str(store), "-f", "json"))
    assert [(r["dimension"], r["role"], r["percentile"]) for r in report["norms"]["rows"]] == [
        (n["dimension"], n["role"], n["percentile"]) for n in norms["norms"]
    ]


# --- under the minimum sample --------------------------------------------------------------


def test_report_norms__hidden_under_the_minimum_sample(store: Path) -> None:
    text = _invoke(
        "report", "target", "--store", str(store), "--norms", str(store),
        "--norms-min-sample", "6",
    )  # fmt: skip
    section = _section(text, "Local norms", "Recommended practices")
    assert "Hidden: 5 earlier engagements of norms-demo 1.0.0 in the norms store, at" in section
    assert "least 6 needed" in section
    assert _terminal_rows(text) == []
    assert "80" not in section and "30" not in section


def test_report_norms__hidden_by_default_under_five(store: Path) -> None:
    # 'e' (day 5) has four earlier engagements, a-d
    text = _invoke("report", "e", "--store", str(store), "--norms", str(store))
    assert "Hidden: 4 earlier engagements of norms-demo 1.0.0" in text
    assert _terminal_rows(text) == []


def test_report_norms__hidden_in_every_format(store: Path) -> None:
    args = ["report", "e", "--store", str(store), "--norms", str(store)]
    markdown = _invoke(*args, "-f", "markdown")
    assert "Hidden: 4 earlier engagements" in markdown
    assert "| Percentile |" not in markdown
    html = _invoke(*args, "-f", "html")
    assert "Hidden: 4 earlier engagements" in html
    assert _html_norms_rows(html) == []
    data = json.loads(_invoke(*args, "-f", "json"))["norms"]
    assert (data["hidden"], data["references"], data["min_sample"]) == (True, 4, 5)
    assert {row["percentile"] for row in data["rows"]} == {None}


# --- markdown, html, json ------------------------------------------------------------------


def test_report_norms__markdown_section(store: Path) -> None:
    text = _invoke(
        "report", "target", "--store", str(store), "--norms", str(store), "-f", "markdown"
    )
    section = _section(
        text, "## Local norms: each score among earlier engagements", "## Recommended"
    )
    assert "5 earlier engagements of norms-demo 1.0.0 in the norms store" in section
    rows = [line for line in section.splitlines() if line.startswith("| ")][1:]
    escaped = r"Money \<b\>\&\</b\> \[red\]fights\[/\] \*now\*"
    assert rows == [
        f"| {escaped} | COO | 75 | **80** | among 5 |",
        f"| {escaped} | CMO | 25 | **30** | among 5 |",
        "| Trust | COO | 75 | **80** | among 5 |",
        "| Trust | CMO | 25 | **30** | among 5 |",
    ]


class _NormsTable(HTMLParser):
    """The text of each cell of the table inside <section id="norms">, and any element
    found inside a cell (there should be none but <strong>)."""

    def __init__(self) -> None:
        super().__init__()
        self.in_section = False
        self.depth = 0
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.tags_in_cells: set[str] = set()
        self.section_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section" and ("id", "norms") in attrs:
            self.in_section = True
        if not self.in_section:
            return
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.cell = []
        elif self.cell is not None:
            self.tags_in_cells.add(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.in_section:
            return
        if tag == "section":
            self.in_section = False
        elif tag == "td" and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.in_section:
            self.section_text.append(data)
            if self.cell is not None:
                self.cell.append(data)


def _html_norms_rows(html: str) -> list[list[str]]:
    parser = _NormsTable()
    parser.feed(html)
    return [row for row in parser.rows if row]


def test_report_norms__html_section_escaped(store: Path) -> None:
    html = _invoke("report", "target", "--store", str(store), "--norms", str(store), "-f", "html")
    parser = _NormsTable()
    parser.feed(html)
    assert "5 earlier engagements of norms-demo 1.0.0 in the norms store" in "".join(
        parser.section_text
    )
    assert [row for row in parser.rows if row] == [
        [HOSTILE_TITLE, "COO", "75", "80", "among 5"],
        [HOSTILE_TITLE, "CMO", "25", "30", "among 5"],
        ["Trust", "COO", "75", "80", "among 5"],
        ["Trust", "CMO", "25", "30", "among 5"],
    ]
    assert parser.tags_in_cells == {"strong"}  # the title's <b> stayed text


def test_report_norms__json(store: Path) -> None:
    data = json.loads(
        _invoke("report", "target", "--store", str(store), "--norms", str(store), "-f", "json")
    )
    norms = data["norms"]
    assert norms["bank_id"] == "norms-demo"
    assert norms["bank_version"] == "1.0.0"
    assert (norms["references"], norms["simulated_skipped"]) == (5, 1)
    assert (norms["min_sample"], norms["hidden"]) == (5, False)
    assert [
        (r["dimension"], r["role"], r["score"], r["sample"], r["percentile"]) for r in norms["rows"]
    ] == [
        ("resources", "coo", 75, 5, 80),
        ("resources", "cmo", 25, 5, 30),
        ("trust", "coo", 75, 5, 80),
        ("trust", "cmo", 25, 5, 30),
    ]


def test_report_json_without_norms__no_norms_key(store: Path) -> None:
    data = json.loads(_invoke("report", "target", "--store", str(store), "-f", "json"))
    assert "norms" not in data


# --- score ----------------------------------------------------------------------------------


def test_score_norms__among_every_stored_engagement_but_its_own(
    store: Path, score_args: list[str]
) -> None:
    text = _invoke(*score_args, "--norms", str(store))
    assert "6 earlier engagements of norms-demo 1.0.0 in the norms store" in text
    assert [row[1:] for row in _terminal_rows(text)] == [
        ["COO", "75", "83", "among 6"],
        ["CMO", "25", "42", "among 6"],
    ] * 2


def test_score_norms__json(store: Path, score_args: list[str]) -> None:
    out = _invoke(*score_args, "--norms", str(store), "-f", "json")
    rows = json.loads(out)["norms"]["rows"]
    assert [round(r["percentile"], 1) for r in rows] == [83.3, 41.7, 83.3, 41.7]


def test_score_norms__min_sample(store: Path, score_args: list[str]) -> None:
    text = _invoke(*score_args, "--norms", str(store), "--norms-min-sample", "7")
    assert "Hidden: 6 earlier engagements of norms-demo 1.0.0" in text


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["report", "score"])
def test_norms_min_sample_without_norms__usage_error(
    command: str, store: Path, score_args: list[str]
) -> None:
    args = ["report", "target", "--store", str(store)] if command == "report" else score_args
    result = runner.invoke(app, [*args, "--norms-min-sample", "3"])
    assert result.exit_code == 2
    assert result.stderr == "error: --norms-min-sample needs --norms STORE\n"
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["report", "score"])
def test_norms_store_missing__one_line(
    command: str, store: Path, score_args: list[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.sqlite"
    args = ["report", "target", "--store", str(store)] if command == "report" else score_args
    result = runner.invoke(app, [*args, "--norms", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {missing}: ")
    assert len(result.stderr.splitlines()) == 1
    assert not missing.exists()


# --- one role short of the minimum ----------------------------------------------------------


def test_a_role_with_too_few_scores__hidden_in_its_row_only(
    bank: Path, target_files: list[Path]
) -> None:
    """Five engagements to compare with, but only two of them had a CMO: the COO rows get a
    percentile (75 above five scores of 50: 100), the CMO rows say hidden and why."""
    from cxo_diag.answers import read_answers_file
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.quality.norms import Reference, norms_section, place, role_scores
    from cxo_diag.report.render import render
    from cxo_diag.scoring import diagnose

    resolved = open_bank(str(bank))
    diagnosis = diagnose(resolved.bank, [read_answers_file(path) for path in target_files])
    dimensions = ("resources", "trust")
    reference = Reference(
        [
            {(d, "coo"): 50.0 for d in dimensions}
            | ({(d, "cmo"): 50.0 for d in dimensions} if index < 2 else {})
            for index in range(5)
        ]
    )
    norms = norms_section(place(resolved.bank, resolved.hash, role_scores(diagnosis), reference))
    shown = diagnosis.model_copy(update={"norms": norms})
    assert [row[1:] for row in _terminal_rows(render(shown, "terminal"))] == [
        ["COO", "75", "100", "among 5"],
        ["CMO", "25", "hidden", "only 2 of 5 have a CMO score (5 needed)"],
    ] * 2
    markdown = render(shown, "markdown")
    assert "| CMO | 25 | hidden | only 2 of 5 have a CMO score (5 needed) |" in markdown
    assert "| COO | 75 | **100** | among 5 |" in markdown


# --- the header's count and the rows' counts agree ------------------------------------------


@pytest.fixture
def coo_only_store(bank: Path, tmp_path: Path) -> Path:
    """One earlier engagement with a COO only (level 3: 50 everywhere), then the target."""
    from cxo_diag.app.engagements import ensure_engagement
    from cxo_diag.app.importing import import_answer_sets
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.store.engine import open_store

    resolved = open_bank(str(bank))
    ref = _bank_ref(bank)
    path = tmp_path / "coo-only.sqlite"
    with open_store(path) as store:
        for name, day, people in (
            ("coo-only", 1, [("Ann", "coo", 3)]),
            ("target", 10, _people(4, 2, simulated=False)),
        ):
            clock = _fixed_clock(datetime(2026, 1, day, tzinfo=UTC))
            ensure_engagement(store, name, bank=resolved, clock=clock)
            files = [
                (f"{name}/{person}", _answers_at(level, person, role, ref))
                for person, role, level in people
            ]
            import_answer_sets(store, name, files, clock=clock)
    return path


def test_norms_command__rows_count_against_the_header(coo_only_store: Path) -> None:
    """The header counts the one earlier engagement; a CMO row says none of it has a CMO
    score, instead of "0 earlier engagement(s)" under "among 1 earlier engagement(s)"."""
    store = str(coo_only_store)
    text = _invoke("norms", "target", "--store", store, "--min-sample", "1")
    assert "among 1 earlier engagement(s) of norms-demo 1.0.0 in the store" in " ".join(
        text.split()
    )
    # COO 75 above the one 50: 100. Wrapped cells continue on lines of their own.
    flat = " ".join(text.split())
    assert (
        "Trust COO 75.0 100 among 1 Trust CMO 25.0 - hidden: only 0 of them have a CMO "
        "score here (1 needed)" in flat
    )
    default = " ".join(_invoke("norms", "target", "--store", store).split())
    assert "Trust COO 75.0 - hidden: 1 earlier engagement(s), 5 needed" in default


def test_report_norms__rows_count_against_the_intro(coo_only_store: Path) -> None:
    store = str(coo_only_store)
    args = ["report", "target", "--store", store, "--norms", store, "--norms-min-sample", "1"]
    text = _invoke(*args)
    assert "1 earlier engagement of norms-demo 1.0.0 in the norms store" in text
    assert "Percentile among the 1" not in text
    assert [row[1:] for row in _terminal_rows(text)] == [
        ["COO", "75", "100", "among 1"],
        ["CMO", "25", "hidden", "only 0 of 1 have a CMO score (1 needed)"],
    ] * 2
    markdown = _invoke(*args, "-f", "markdown")
    assert "| Trust | CMO | 25 | hidden | only 0 of 1 have a CMO score (1 needed) |" in markdown
    html = _invoke(*args, "-f", "html")
    assert "only 0 of 1 have a CMO score (1 needed)" in html
