"""What a reader of each report format notices: the content, and hostile text shown literally.

R1 the HTML parses, carries one SVG chart with a bar per scored role and dimension, and
   shows bank text containing <script> or <b> as text, never as elements;
R2 the terminal report shows rich markup from a bank literally and neutralises ANSI escapes,
   with and without colour;
R3 Markdown escapes Markdown and HTML from a bank;
R4 JSON carries schema_version and the whole diagnosis;
R5 every format says "not enough answers" instead of a number, and shows the spread of a
   shared role; an empty engagement still renders;
R6 the round comparison appears only when there is a previous round.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from tests.golden.engagement import ROUND_2, answer_sets, fixture_bank, golden_diagnosis
from tests.unit.scoring.test_scoring import answers, make_bank, question

from cxo_diag.errors import UsageError
from cxo_diag.report.html import chart_svg
from cxo_diag.report.render import FORMATS, render
from cxo_diag.scoring import Diagnosis, diagnose

SCRIPT_TEXT = "<script>alert(1)</script>"
MARKUP_TEXT = "[bold red]tone[/]"


class Page(HTMLParser):
    """Collects start tags (with attributes) and all text, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.open_svg = 0
        self.svg_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "svg":
            self.open_svg += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.open_svg -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.open_svg:
            self.svg_text.append(data)

    def count(self, tag: str, cls: str | None = None) -> int:
        return sum(1 for t, a in self.tags if t == tag and (cls is None or a.get("class") == cls))


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def diagnosis() -> Diagnosis:
    return golden_diagnosis()


# --- R1 HTML ------------------------------------------------------------------------------------


def test_r1_html_has_one_chart_with_a_bar_per_scored_role(diagnosis: Diagnosis) -> None:
    page = parse(render(diagnosis, "html"))
    assert page.count("svg") == 2  # the scores, and the change since round 1
    # 3 dimensions x 2 leaders: the observing CEO answered too fast and is set aside.
    assert page.count("rect", "bar") == 6
    assert "Set aside for answer quality" in "".join(page.text)
    svg_text = " ".join(page.svg_text)
    assert "Resource allocation" in svg_text and "87.5 Friction" in svg_text


def test_r1_html_shows_hostile_bank_text_as_text(diagnosis: Diagnosis) -> None:
    page = parse(render(diagnosis, "html"))
    assert page.count("script") == 0
    assert page.count("b") == 0  # the bank title's <b> stays text
    assert page.count("i") == 0  # and so does the engagement name's <i>
    text = "".join(page.text)
    assert SCRIPT_TEXT in text
    assert "Report fixture <b>bank</b>" in text
    assert MARKUP_TEXT in text


def test_r1_html_is_self_contained_and_printable(diagnosis: Diagnosis) -> None:
    html = render(diagnosis, "html")
    page = parse(html)
    assert page.count("link") == 0 and page.count("img") == 0
    assert "@media print" in html
    assert "\x1b" not in html and "\\x1b[31mHow did it end?" in html


def test_r1_chart_is_a_standalone_svg(diagnosis: Diagnosis) -> None:
    svg = chart_svg(diagnosis)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert svg.endswith("</svg>")


# --- R2 terminal ----------------------------------------------------------------------------------


def test_r2_terminal_without_colour_has_no_escape_codes(diagnosis: Diagnosis) -> None:
    text = render(diagnosis, "terminal", color=False)
    assert "\x1b" not in text
    assert MARKUP_TEXT in text
    assert "Ben [bold red]Ng[/]" in text
    assert "\\x1b[31mHow did it end?\\x1b[0m" in text


def test_r2_terminal_with_colour_colours_bands_but_not_bank_text(diagnosis: Diagnosis) -> None:
    text = render(diagnosis, "terminal", color=True)
    assert "\x1b[31m" in text  # the report's own red for the Friction band
    assert "\x1b[31mHow" not in text  # the bank's escape sequence does not act
    assert "[bold red]" in text


def test_r2_terminal_width_is_respected(diagnosis: Diagnosis) -> None:
    for width in (80, 100, 140):
        lines = render(diagnosis, "terminal", width=width).splitlines()
        assert max(len(line) for line in lines) <= width


# --- R3 Markdown, R4 JSON -------------------------------------------------------------------------


def test_r3_markdown_escapes_markdown_and_html(diagnosis: Diagnosis) -> None:
    text = render(diagnosis, "markdown")
    assert SCRIPT_TEXT not in text
    assert "\\<script\\>alert(1)\\</script\\>" in text
    assert "Communication \\*style\\* \\| \\[bold red\\]tone\\[/\\]" in text
    assert "\x1b" not in text


def test_r4_json_carries_the_whole_diagnosis(diagnosis: Diagnosis) -> None:
    payload = json.loads(render(diagnosis, "json"))
    assert payload["schema_version"] == 2
    assert payload["summary"]["start_here"]
    assert (
        Diagnosis.model_validate(
            {k: v for k, v in payload.items() if k not in ("schema_version", "kind", "audience")}
        ).model_dump()
        == diagnosis.model_dump()
    )
    assert payload["practices"][0]["practice"]["first_steps"]


def test_formats_are_the_four_documented_ones_and_others_are_refused(
    diagnosis: Diagnosis,
) -> None:
    assert FORMATS == ("terminal", "markdown", "html", "json")
    with pytest.raises(UsageError, match="unknown report format 'pdf'"):
        render(diagnosis, "pdf")


# --- R5 missing numbers, shared roles, empty engagements ------------------------------------------


def thin_engagement() -> Diagnosis:
    bank = make_bank([question("q1"), question("q2"), question("q3")])
    sets = [
        answers(bank, "coo", {"q1": 5}),  # 1 of 3: not enough answers
        answers(bank, "cmo", {"q1": 1, "q2": 2, "q3": 2}, name="A"),
        answers(bank, "cmo", {"q1": 5, "q2": 4, "q3": 4}, name="B"),
    ]
    return diagnose(bank, sets)


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_r5_not_enough_answers_is_said_not_scored(fmt: str) -> None:
    text = " ".join(render(thin_engagement(), fmt, width=120).split())
    assert "not enough" in text
    # The two CMOs: 16.7 and 83.3 -> mean 50. From two people a spread would give both
    # scores away, so none is shown; that they disagree (item variances 5000, 1250, 1250,
    # mean 2500 above the 1250 of random answers: rwg(j) 0) is a caveat, without a figure.
    assert "spread 66.7" not in text and "16.7" not in text and "83.3" not in text
    assert "The 2 CMOs do not agree among themselves on Dimension res, below 0.70" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_r5_an_engagement_without_answers_still_renders(fmt: str) -> None:
    bank = make_bank([question("q1")])
    text = render(diagnose(bank, []), fmt)
    assert ('"engagement": null' if fmt == "json" else "Untitled engagement") in text


# --- R6 rounds ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_r6_round_comparison_only_with_a_previous_round(fmt: str, diagnosis: Diagnosis) -> None:
    assert "Since round 1" in render(diagnosis, fmt)
    alone = diagnose(fixture_bank(), answer_sets(ROUND_2))
    assert "Since round" not in render(alone, fmt)


def test_r6_comparison_shows_signed_changes(diagnosis: Diagnosis) -> None:
    text = render(diagnosis, "markdown")
    # Resource allocation, COO: 100 in round 1, 87.5 now.
    assert "100 → 87.5 (−12.5, within error)" in text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("red \x1b[31malert\x1b[0m", "red \\x1b[31malert\\x1b[0m"),
        ("bell\x07", "bell\\x07"),
        ("c1 \x9b31m", "c1 \\x9b31m"),
        ("abc\u202edef", "abc\\u202edef"),  # a right-to-left override
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("plain ünïcode – fine", "plain ünïcode – fine"),
    ],
)
def test_r2_control_characters_are_shown_not_obeyed(raw: str, shown: str) -> None:
    from cxo_diag.text import clean

    assert clean(raw) == shown


# --- R7 skipped on purpose versus not reached -----------------------------------------------------


def interview_in_progress() -> Diagnosis:
    bank = make_bank([question(f"q{n}") for n in range(1, 7)])
    # Two answered, one skipped on purpose (null), three never reached (absent).
    return diagnose(bank, [answers(bank, "coo", {"q1": 5, "q2": 4, "q3": None})])


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_r7_skips_and_questions_not_reached_are_told_apart(fmt: str) -> None:
    text = render(interview_in_progress(), fmt, width=120)
    assert "2 of 6 answered, 1 skipped, 3 not reached" in text
    assert "4 skipped" not in text


def test_r7_json_counts_skips_and_questions_not_reached_separately() -> None:
    payload = json.loads(render(interview_in_progress(), "json"))
    (respondent,) = payload["header"]["respondents"]
    assert respondent["asked"] == 6
    assert respondent["answered"] == 2
    assert respondent["not_applicable"] == 0
    assert respondent["skipped"] == 1
    assert respondent["not_reached"] == 3
