"""The 2.0.0 rewrites of the built-in banks' items, one test (or case) per item id.

IT01 double-barrelled by actor (com-01, com-05, rol-01, vis-04): one actor per answer, or
     the pair as a whole; com-01 becomes a self item with its counterpart mirror com-06.
IT02 no direction (rol-04, res-01): the wording says whose voice, whose side; rol-04 is a
     self item mirrored by rol-07, res-01 is asked of each leader about their own function.
IT03 broken mirrors (tru-04/tru-05; mini res-02/res-03): the counterpart item says of the
     other leader what the self item says of oneself, with no loaded "fairly".
IT04 how often (agi-01, tru-06, dat-01, tru-01, tim-05) is asked on the frequency scale
     (or not asked); awkward "disagree that we have an agreed way" (agi-05, rol-05, res-05)
     becomes a frequency, answered never .. always.
IT05 one side's fault (agi-01, dat-01): each leader reports the disruption to their own
     side, or the item names no culprit.
IT06 overlaps: cio pri-04 no longer repeats security against speed (now deb-06 in open
     debate); coo tim-05 no longer repeats tru-01's recurring disputes.
IT07 task conflict (agi-04 becomes deb-06): open debate is keyed so that its absence is
     friction, in a dimension of its own in both pair banks.
IT08 keyed both ways about one person: tru-02/tru-03 are friction-keyed ("I answer sharply").
"""

from __future__ import annotations

import re

import pytest

from cxo_diag.bank.english.actors import double_barrelled_by_actor, no_direction
from cxo_diag.bank.english.loaded import loaded_wording
from cxo_diag.bank.model import Bank, Keyed, Perspective, Question
from cxo_diag.bank.registry import open_bank

PAIRS = ("coo-cmo", "cio-cmo")


def bank(bank_id: str) -> Bank:
    return open_bank(bank_id).bank


def item(bank_id: str, question_id: str) -> Question:
    return next(q for q in bank(bank_id).questions if q.id == question_id)


def wordings(b: Bank, q: Question) -> dict[str, str]:
    return {role: q.wording_for(role) for role in b.answering_roles(q)}


def content_words(text: str) -> set[str]:
    stop = {
        "i",
        "me",
        "my",
        "mine",
        "the",
        "a",
        "an",
        "to",
        "of",
        "in",
        "when",
        "they",
        "their",
        "them",
        "its",
        "it",
        "than",
        "is",
        "am",
        "are",
        "s",
        "would",
    }
    words = set(re.findall(r"[a-z]+", text.lower().replace("'s", "")))
    return words - stop


def assert_mirror(b: Bank, self_id: str, counterpart_id: str) -> None:
    """The counterpart item, as each leader reads it, says of the other leader what the
    other leader's self item says of themself: same content words once roles are named."""
    mine, theirs = item_of(b, self_id), item_of(b, counterpart_id)
    assert mine.perspective is Perspective.SELF and theirs.perspective is Perspective.COUNTERPART
    assert (mine.dimension, mine.scale, mine.keyed) == (
        theirs.dimension,
        theirs.scale,
        theirs.keyed,
    )
    first, second = (r.id for r in b.leader_roles)
    for about, reader in ((first, second), (second, first)):
        said_of_self = content_words(mine.wording_for(about))
        said_of_them = content_words(theirs.wording_for(reader))
        names = {first, second, "ceo"}
        overlap = (said_of_self - names) & (said_of_them - names)
        assert len(overlap) >= 0.6 * len(said_of_self - names), (self_id, about, overlap)
        assert about.upper() in theirs.wording_for(reader).upper()


def item_of(b: Bank, question_id: str) -> Question:
    return next(q for q in b.questions if q.id == question_id)


@pytest.mark.parametrize("bank_id", PAIRS)
@pytest.mark.parametrize("question_id", ["com-01", "com-05", "com-06", "rol-01", "vis-04"])
def test_it01_one_actor_per_answer(bank_id: str, question_id: str) -> None:
    b = bank(bank_id)
    for role, text in wordings(b, item(bank_id, question_id)).items():
        assert double_barrelled_by_actor(text) is None, (question_id, role, text)


@pytest.mark.parametrize("bank_id", PAIRS)
def test_it01_com_01_is_a_self_item_mirrored_by_com_06(bank_id: str) -> None:
    assert_mirror(bank(bank_id), "com-01", "com-06")


@pytest.mark.parametrize("bank_id", PAIRS)
def test_it02_rol_04_says_whose_voice_and_rol_07_mirrors_it(bank_id: str) -> None:
    b = bank(bank_id)
    rol_04 = item(bank_id, "rol-04")
    assert rol_04.keyed is Keyed.FRICTION
    for text in wordings(b, rol_04).values():
        assert no_direction(text) is None
        assert text.startswith("In planning, my voice carries more weight than")
    assert_mirror(b, "rol-04", "rol-07")


@pytest.mark.parametrize("bank_id", [*PAIRS, "mini"])
def test_it02_res_01_is_asked_of_each_leader_about_their_own_function(bank_id: str) -> None:
    b = bank(bank_id)
    res_01 = item(bank_id, "res-01")
    assert b.answering_roles(res_01) == [r.id for r in b.leader_roles]
    for text in wordings(b, res_01).values():
        assert no_direction(text) is None
        assert "my function" in text


@pytest.mark.parametrize("bank_id", PAIRS)
def test_it03_tru_05_mirrors_tru_04_as_conduct_not_trust(bank_id: str) -> None:
    b = bank(bank_id)
    assert_mirror(b, "tru-04", "tru-05")
    for question_id in ("tru-04", "tru-05"):
        for text in wordings(b, item(bank_id, question_id)).values():
            assert "trust" not in text.lower() and loaded_wording(text) is None


def test_it03_mini_res_03_mirrors_res_02_without_fairly() -> None:
    b = bank("mini")
    assert_mirror(b, "res-02", "res-03")
    for question_id in ("res-02", "res-03"):
        for text in wordings(b, item("mini", question_id)).values():
            assert "fairly" not in text


@pytest.mark.parametrize("bank_id", PAIRS)
@pytest.mark.parametrize(
    "question_id", ["agi-01", "tru-06", "tru-01", "agi-05", "rol-05", "res-05"]
)
def test_it04_how_often_on_the_frequency_scale(bank_id: str, question_id: str) -> None:
    b = bank(bank_id)
    q = item(bank_id, question_id)
    assert q.scale == "freq5"
    assert [p.label for p in b.scale(q.scale).points] == [
        "Never",
        "Rarely",
        "Sometimes",
        "Often",
        "Always",
    ]
    for text in wordings(b, q).values():
        assert text.startswith(("How often", "In the last", "When the market shifts, how often"))


def test_it04_dat_01_on_the_frequency_scale_with_a_period() -> None:
    q = item("cio-cmo", "dat-01")
    assert q.scale == "freq5"
    assert isinstance(q.text, str) and q.text.startswith("In the last quarter, how often")


def test_it06_coo_tim_05_is_about_horizons_not_recurring_disputes() -> None:
    text = item("coo-cmo", "tim-05").wording_for("coo")
    assert "dispute" not in text and "brand work" in text
    assert item("coo-cmo", "tim-05").scale == "agree5"


@pytest.mark.parametrize("bank_id", PAIRS)
def test_it05_agi_01_each_leader_reports_disruption_to_their_own_side(bank_id: str) -> None:
    b = bank(bank_id)
    q = item(bank_id, "agi-01")
    assert b.answering_roles(q) == [r.id for r in b.leader_roles]
    first, second = (r.id for r in b.leader_roles)
    own = {"coo": "operations", "cio": "IT", "cmo": "marketing"}
    assert own[first] in q.wording_for(first).split(" change ")[1]
    assert own[second] in q.wording_for(second).split(" change ")[1]


def test_it05_dat_01_names_no_culprit() -> None:
    text = item("cio-cmo", "dat-01").wording_for("cio")
    assert "IT" not in text.split() and "marketing" not in text.lower()


def test_it06_cio_pri_04_no_longer_repeats_security_against_speed() -> None:
    b = bank("cio-cmo")
    pri_04 = item("cio-cmo", "pri-04").wording_for("cio").lower()
    assert "security" not in pri_04 and "speed" not in pri_04
    assert "agi-04" not in {q.id for q in b.questions}
    assert item("cio-cmo", "deb-06").dimension == "task-debate"


@pytest.mark.parametrize("bank_id", PAIRS)
def test_it07_open_debate_is_a_dimension_where_no_debate_is_friction(bank_id: str) -> None:
    b = bank(bank_id)
    debate = [q for q in b.questions if q.dimension == "task-debate"]
    deb_06 = item(bank_id, "deb-06")
    assert deb_06.keyed is Keyed.HARMONY and "debate openly" in deb_06.wording_for(
        b.leader_roles[0].id
    )
    # Agreeing that the two debate lowers friction; agreeing that doubts go unsaid raises it.
    assert {q.keyed for q in debate} == {Keyed.HARMONY, Keyed.FRICTION}
    assert item(bank_id, "deb-04").keyed is Keyed.FRICTION
    assert [b.dimension("task-debate").band_for(s).label for s in (10, 50, 80)] == [
        "Open debate",
        "Guarded",
        "Avoidant",
    ]


@pytest.mark.parametrize("bank_id", PAIRS)
def test_it08_tru_02_and_tru_03_are_friction_keyed_mirrors(bank_id: str) -> None:
    b = bank(bank_id)
    assert item(bank_id, "tru-02").keyed is Keyed.FRICTION
    assert_mirror(b, "tru-02", "tru-03")
