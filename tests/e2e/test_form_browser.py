"""The offline form (`cxo-diag form`) in a real headless Chromium.

FB001 Answered with the terminal's keys (digits, n, s, b, ?), reloaded half-way, it continues
      at the same question; the file it downloads through data-action="download" imports
      with every answer as typed, and the bank reference, name, role and engagement.
FB002 After the download it offers to forget the answers, and then holds none.
FB003 The mouse works as the keys do; an answer given twice (back, then another) keeps the
      last one.
FB004 A bank whose text holds <script>, event handlers, javascript: URLs and a closing
      </script> stays inert: nothing runs, no element is made from it, the text shows as typed.
FB005 Readable at 320 px: nothing wider than the screen; keyboard only: Tab reaches every
      control, and the focus is visible; the options are labelled for screen readers.
FB006 Open questions (once banks have them): Enter submits the box, Shift+Enter is a new line,
      and the text is downloaded as typed.
FB007 A shareable open question tells the respondent that the answer may reach the client's
      report, without their name; another does not.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from selenium.webdriver.common.keys import Keys

from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app
from tests.e2e.browser import Browser, browser
from tests.helpers import runner

__all__ = ["browser"]  # the fixture

REPO = Path(__file__).resolve().parents[2]


def make_form(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "form.html"
    result = runner.invoke(app, ["form", *args, "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def start(browser: Browser, name: str) -> None:
    field = browser.find("#name")
    field.clear()
    field.send_keys(name, Keys.ENTER)


def screens(browser: Browser) -> list[tuple[str, str]]:
    """The page's questions in the order it asks them: (id, type)."""
    data = browser.script("return JSON.parse(document.getElementById('form-data').textContent)")
    assert isinstance(data, dict)
    return [(q["id"], q.get("type", "scale")) for q in data["questions"]]


def give(
    browser: Browser, question: str, kind: str, key: str, *, expected: dict[str, object],
    typed: dict[str, str],
) -> None:  # fmt: skip
    """Answer the screen on show: a scale question with ``key``, an open one in words."""
    assert browser.question() == question
    if kind == "open":
        words = f"About {question}: <b>ask</b> & listen"
        browser.find("#open-answer").send_keys(words, Keys.ENTER)
        typed[question] = words
        return
    browser.keys(key)
    expected[question] = {"n": "n/a", "s": None}.get(key, int(key) if key.isdigit() else key)


def test_fb001_keys_reload_download_and_import_every_answer_as_typed(
    browser: Browser, tmp_path: Path
) -> None:
    form = make_form(tmp_path, "--bank", "coo-cmo", "--role", "cmo", "--engagement", "acme")
    bank = open_bank("coo-cmo").bank
    browser.open(form)
    order = screens(browser)
    assert [q for q, kind in order if kind == "scale"] == [q.id for q in bank.questions_for("cmo")]
    assert {q for q, kind in order if kind == "open"} == {
        q.id for q in bank.open_questions_for("cmo")
    }
    assert browser.screen() == "start"
    assert "kept only in this browser" in browser.text()
    start(browser, "Kay Ödegaard")
    expected: dict[str, object] = {}
    typed: dict[str, str] = {}
    pattern = ["4", "2", "n", "5", "s", "1", "3"]
    half = len(order) // 2
    while order[half][1] == "open" or order[half - 1][1] == "open":
        half += 1  # go back from a scale question to a scale question
    for number, (question, kind) in enumerate(order[:half]):
        if number == 2:
            browser.keys("?")  # the follow-up question, then the answer
            assert browser.find("#probe").is_displayed()
        give(
            browser, question, kind, pattern[number % len(pattern)], expected=expected, typed=typed
        )
    browser.keys("b")  # back one, and change it
    assert browser.question() == order[half - 1][0]
    browser.keys("5")
    expected[order[half - 1][0]] = 5

    browser.driver.refresh()  # the tab closed and the file opened again
    assert browser.question() == order[half][0]
    given = sum(v is not None for v in expected.values()) + len(typed)  # words count too
    assert f"{given} answered" in browser.text()
    for number, (question, kind) in enumerate(order[half:]):
        give(browser, question, kind, pattern[(number + 3) % len(pattern)], expected=expected,
             typed=typed)  # fmt: skip
    assert browser.screen() == "review"  # the skipped ones are offered again
    browser.keys("n")
    assert browser.screen() == "done"
    assert "Thank you, Kay Ödegaard" in browser.text()
    browser.find('[data-action="download"]').click()
    downloaded = browser.downloaded()
    assert downloaded.name == "answers-coo-cmo-cmo-kay-odegaard.json"

    data = json.loads(downloaded.read_text(encoding="utf-8"))
    resolved = open_bank("coo-cmo")
    assert data["bank"] == {"id": "coo-cmo", "version": resolved.bank.version,
                            "hash": resolved.hash}  # fmt: skip
    assert data["respondent"] == {"name": "Kay Ödegaard", "role": "cmo"}
    assert data["engagement"] == "acme"
    assert data["answers"] == expected
    assert data["open_answers"] == typed
    answered = {q for q, v in expected.items() if v is not None} | set(typed)
    assert set(data["seconds"]) == answered
    store = str(tmp_path / "store.sqlite")
    imported = runner.invoke(app, ["import", "acme", str(downloaded), "--store", store])
    assert imported.exit_code == 0, imported.stderr
    assert "added Kay Ödegaard (cmo) to round 1 of acme" in imported.stdout
    exported = json.loads(runner.invoke(app, ["export", "acme", "--store", store]).stdout)
    assert exported["rounds"][0]["answer_sets"][0]["answers"] == expected
    assert browser.errors() == []


def leave_open_questions(browser: Browser) -> None:
    """Pass each open question on show without a word (Enter in its empty box)."""
    while browser.find_all("#open-answer"):
        browser.find("#open-answer").send_keys(Keys.ENTER)


def test_fb002_after_the_download_it_offers_to_forget_the_answers(
    browser: Browser, tmp_path: Path
) -> None:
    form = make_form(tmp_path, "--bank", "mini", "--role", "coo", "--name", "Ana")
    browser.open(form)
    assert browser.find("#name").get_attribute("value") == "Ana"
    start(browser, "Ana")
    browser.keys("1", "2", "3")
    leave_open_questions(browser)  # mini's three, unanswered: offered again, then declined
    assert browser.screen() == "review"
    browser.keys("n")
    assert browser.find_all('[data-action="forget"]') == []  # only once downloaded
    browser.find('[data-action="download"]').click()
    assert browser.downloaded_json()["answers"] == {"res-01": 1, "res-02": 2, "res-03": 3}
    assert "still kept in this browser" in browser.text()
    browser.find('[data-action="forget"]').click()
    assert "no longer holds your answers" in browser.text()
    assert browser.script("return window.localStorage.length") == 0
    browser.driver.refresh()
    assert browser.screen() == "start"
    assert "Start" in browser.text()  # not "Continue": nothing is left to continue


def pass_open_questions_by_mouse(browser: Browser) -> None:
    """Pass each open question on show without a word ("Save and go on" on an empty box)."""
    while browser.find_all("#open-answer"):
        browser.find('[data-action="next"]').click()


def test_fb003_the_mouse_answers_as_the_keys_do(browser: Browser, tmp_path: Path) -> None:
    browser.open(make_form(tmp_path, "--bank", "mini", "--role", "cmo"))
    start(browser, "Bo")
    browser.find('[data-value="4"]').click()
    browser.find('[data-action="back"]').click()
    assert browser.find('[data-value="4"]').get_attribute("aria-pressed") == "true"
    browser.find('[data-value="2"]').click()
    browser.find('[data-value="n/a"]').click()
    browser.find('[data-action="skip"]').click()
    pass_open_questions_by_mouse(browser)
    assert browser.screen() == "review"
    browser.find('[data-action="revisit"]').click()
    assert browser.question() == "res-03"
    browser.find('[data-value="5"]').click()
    pass_open_questions_by_mouse(browser)  # offered again: still unanswered
    assert browser.screen() == "review"
    browser.find('[data-action="finish"]').click()
    assert browser.screen() == "done"
    browser.find('[data-action="download"]').click()
    answers = browser.downloaded_json()["answers"]
    assert answers == {"res-01": 2, "res-02": "n/a", "res-03": 5}


def scale_only_mini() -> Any:
    data = yaml.safe_load((REPO / "questionnaires" / "mini.yaml").read_text())
    data["questions"] = [q for q in data["questions"] if q.get("type", "scale") == "scale"]
    return data


HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    '<a href="javascript:window.__pwned = 3">click</a>',
    "</script><script>window.__pwned = 4</script>",
    "<!-- <svg onload=window.__pwned=5> @SCRIPT@",
]


def hostile_bank(folder: Path) -> Path:
    """The mini bank's scale questions with markup and script in every text a respondent
    sees (its open questions are left out: FB006 walks those)."""
    data = scale_only_mini()
    data["title"] = "Title " + HOSTILE[0]
    data["description"] = "About " + HOSTILE[2]
    data["roles"][0]["title"] = "COO " + HOSTILE[1]
    data["scales"][0]["points"][0]["label"] = "Low " + HOSTILE[3]
    data["dimensions"][0]["title"] = "Money " + HOSTILE[4]
    data["questions"][0]["text"] = "Budgets " + HOSTILE[1]
    data["questions"][0]["probe"] = "Probe " + HOSTILE[3]
    data["questions"][1]["text"] = "Spend " + HOSTILE[2]
    (folder / "practices.yaml").write_text((REPO / "questionnaires" / "practices.yaml").read_text())
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    open_bank(str(path))  # a valid bank: only its words are hostile
    return path


def test_fb004_a_hostile_bank_stays_inert(browser: Browser, tmp_path: Path) -> None:
    bank = hostile_bank(tmp_path)
    form = make_form(tmp_path, "--bank", str(bank), "--role", "coo",
                     "--engagement", "<b>acme</b>")  # fmt: skip
    page = form.read_text()
    assert "<script>window.__pwned" not in page and "<img" not in page
    assert len(re.findall(r"<script\b", page)) == 2  # the data and the form's own script
    browser.open(form)
    assert HOSTILE[0] in browser.driver.title
    start(browser, 'Eve <img src=x onerror="window.__pwned = 6">')
    browser.keys("?")
    for _ in range(3):  # each question screen, its follow-up shown on the first
        assert browser.question()
        assert browser.script("return window.__pwned === undefined") is True
        assert browser.script("return document.scripts.length") == 2
        assert browser.find_all("main img, main a, main svg, main script, main iframe") == []
        browser.keys("s")
    assert browser.screen() == "review"
    browser.keys("n")
    assert browser.screen() == "done"
    assert 'Thank you, Eve <img src=x onerror="window.__pwned = 6">' in browser.text()
    assert browser.script("return window.__pwned === undefined") is True
    browser.find('[data-action="download"]').click()
    assert browser.downloaded_json()["engagement"] == "<b>acme</b>"


def test_fb004_every_hostile_text_shows_literally(browser: Browser, tmp_path: Path) -> None:
    browser.open(make_form(tmp_path, "--bank", str(hostile_bank(tmp_path)), "--role", "coo"))
    first = browser.text()
    assert "About " + HOSTILE[2] in first and "COO " + HOSTILE[1] in first
    start(browser, "Eve")
    browser.keys("?")
    shown = browser.text()
    for text in ("Money " + HOSTILE[4], "Budgets " + HOSTILE[1], "Probe " + HOSTILE[3],
                 "Low " + HOSTILE[3]):  # fmt: skip
        assert text in shown, text
    browser.keys("1")
    assert "Spend " + HOSTILE[2] in browser.text()
    assert browser.script("return window.__pwned === undefined") is True
    refused = [e for e in browser.errors() if "Content Security Policy" in e]
    assert refused == []  # nothing even tried to run: the text never became markup


def test_fb005_readable_at_320_px_and_usable_by_keyboard_alone(
    browser: Browser, tmp_path: Path
) -> None:
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": True},
    )
    browser.open(make_form(tmp_path, "--bank", "coo-cmo", "--role", "coo"))
    start(browser, "Ana")
    assert browser.script("return window.innerWidth") == 320
    width = browser.script("return document.documentElement.scrollWidth")
    assert isinstance(width, int) and width <= 320
    size = browser.script("return parseFloat(getComputedStyle(document.body).fontSize)")
    assert isinstance(size, float | int) and size >= 16
    group = browser.find('[role="group"]')
    title = browser.find("#screen-title")
    assert group.get_attribute("aria-labelledby") == "screen-title"
    assert title.text == browser.find("[data-question] h2").text
    reached = []
    for _ in range(9):
        browser.keys(Keys.TAB)
        focused = browser.driver.switch_to.active_element
        reached.append(focused.get_attribute("data-value") or focused.get_attribute("data-action"))
        outline = browser.script(
            "const s = getComputedStyle(document.activeElement);"
            "return s.outlineStyle + ' ' + s.outlineWidth"
        )
        assert outline != "none 0px", reached[-1]
    assert reached[:6] == ["1", "2", "3", "4", "5", "n/a"]
    assert {"back", "skip", "probe"} <= set(reached)
    for option in browser.find_all("[data-value]"):
        assert option.accessible_name, option.get_attribute("data-value")
    browser.keys("b")  # the first question: this is where it starts
    question = browser.question()
    browser.keys(Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB, Keys.ENTER)  # the fourth option
    assert browser.question() != question
    browser.keys("b")
    assert browser.find('[data-value="4"]').get_attribute("aria-pressed") == "true"


def bank_with_open_question(folder: Path) -> Path:
    """The mini bank's scale questions and one question answered in the respondent's own
    words."""
    data = scale_only_mini()
    data["questions"].append({"id": "open-01", "type": "open", "dimension": "resources",
                              "text": "What should the other start doing about budgets?",
                              "probe": "And stop doing?"})  # fmt: skip
    (folder / "practices.yaml").write_text((REPO / "questionnaires" / "practices.yaml").read_text())
    path = folder / "open.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert [q.id for q in open_bank(str(path)).bank.open_questions_for("coo")] == ["open-01"]
    return path


def test_fb006_an_open_question_takes_text_with_enter_and_shift_enter(
    browser: Browser, tmp_path: Path
) -> None:
    bank = bank_with_open_question(tmp_path)
    browser.open(make_form(tmp_path, "--bank", str(bank), "--role", "coo"))
    start(browser, "Ana")
    browser.keys("4", "2", "3")
    assert browser.question() == "open-01"  # after the scale items of its dimension
    box = browser.find("#open-answer")
    assert browser.driver.switch_to.active_element == box
    assert box.accessible_name == "What should the other start doing about budgets?"
    box.send_keys("Share the plan early;", Keys.SHIFT, Keys.ENTER, Keys.SHIFT)
    box.send_keys("<b>and</b> ask first.", Keys.ENTER)
    assert browser.screen() == "done"
    browser.keys("b")
    assert browser.question() == "open-01"
    typed = "Share the plan early;\n<b>and</b> ask first."
    assert browser.find("#open-answer").get_attribute("value") == typed
    browser.find("#open-answer").send_keys(Keys.ENTER)
    browser.find('[data-action="download"]').click()
    downloaded = browser.downloaded()
    data = json.loads(downloaded.read_text(encoding="utf-8"))
    assert data["open_answers"] == {"open-01": typed}
    assert data["answers"] == {"res-01": 4, "res-02": 2, "res-03": 3}
    scored = runner.invoke(app, ["score", str(downloaded), "--bank", str(bank)])
    assert scored.exit_code == 0, scored.stderr  # the answers file fits its bank


def test_fb007_a_shareable_open_question_says_its_answer_may_reach_the_client(
    browser: Browser, tmp_path: Path
) -> None:
    browser.open(make_form(tmp_path, "--bank", "mini", "--role", "coo"))
    start(browser, "Ana")
    browser.keys("4", "2", "3")
    assert browser.question() == "res-open"  # for the consultant only
    assert "client" not in browser.find("#open-hint").text
    browser.find("#open-answer").send_keys(Keys.ENTER)
    assert browser.question() == "res-open-criteria"  # shareable: true in mini.yaml
    hint = browser.find("#open-hint").text
    assert "Your answer may reach the client's report without your name." in hint
    assert browser.errors() == []
