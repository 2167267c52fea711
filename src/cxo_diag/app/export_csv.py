"""Long-format CSV of answers, for R, pandas or a spreadsheet: one row per answer.

Engagements (from the store) and answers files go in; one CSV text comes out. Each row
names the engagement, bank, round, respondent (or a stable pseudonym), role, question,
dimension, keying, the value given and its friction (0..100, reverse-keyed items
flipped), as the report scores it. Cells that a spreadsheet would run as a formula are
neutralised. Nothing here prints.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cxo_diag.answers import NOT_APPLICABLE, AnswerSet
from cxo_diag.bank.model import Bank

if TYPE_CHECKING:
    from cxo_diag.store.engine import Store

COLUMNS = (
    "engagement",
    "bank",
    "bank_version",
    "round",
    "respondent",
    "role",
    "question",
    "dimension",
    "keyed",
    "value",
    "friction",
)

#: What a spreadsheet reads as the start of a formula (OWASP's list, with tab and CR).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class Source:
    """One respondent's answers and where they belong: an engagement's round, or a file."""

    bank: Bank
    answer_set: AnswerSet
    engagement: str
    round: int


def pseudonym(engagement: str, name: str) -> str:
    """The same person in the same engagement always gets the same pseudonym.

    A hash of the engagement and the name: stable across exports, so rounds can be
    linked, but pseudonymous, not anonymous: anyone who can guess the names can
    recompute it.
    """
    digest = hashlib.sha256(f"cxo-diag\n{engagement}\n{name}".encode()).hexdigest()
    return f"p-{digest[:10]}"


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe; numbers and
    everything else stay as they are."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _friction(bank: Bank, question_id: str, value: int) -> str:
    from cxo_diag.scoring import item_friction

    question = next(q for q in bank.questions if q.id == question_id)
    friction = item_friction(question, bank.scale(question.scale), value)
    return f"{friction:g}"


def rows(source: Source, *, pseudonymise: bool = False) -> Iterator[list[str]]:
    """One row per answer in the set, in the bank's question order (skips: empty value)."""
    answer_set, bank = source.answer_set, source.bank
    who = answer_set.respondent
    person = pseudonym(source.engagement, who.name) if pseudonymise else who.name
    for question in bank.questions:
        if question.id not in answer_set.answers:
            continue  # never reached: not an answer
        value = answer_set.answers[question.id]
        shown = "" if value is None else str(value)
        friction = _friction(bank, question.id, value) if isinstance(value, int) else ""
        yield [
            source.engagement,
            bank.id,
            bank.version,
            str(source.round),
            person,
            who.role,
            question.id,
            question.dimension,
            question.keyed.value,
            NOT_APPLICABLE if value == NOT_APPLICABLE else shown,
            friction,
        ]


def to_csv(sources: Iterable[Source], *, pseudonymise: bool = False) -> str:
    """The CSV text: a header row, then every answer of every source."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for source in sources:
        for row in rows(source, pseudonymise=pseudonymise):
            writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def engagement_sources(store: Store, names: Sequence[str]) -> list[Source]:
    """Every respondent of every round of each engagement, in the store's order."""
    from cxo_diag.app.engagements import answer_sets, get_engagement, round_numbers

    sources: list[Source] = []
    for name in names:
        engagement = get_engagement(store, name)
        for number in round_numbers(store, engagement):
            sources += [
                Source(engagement.bank, answer_set, engagement.name, number)
                for answer_set in answer_sets(store, engagement, number)
            ]
    return sources


def file_sources(files: Sequence[Path], bank: str | None = None) -> list[Source]:
    """Each answers file with the bank it names (or ``bank``), checked to fit it."""
    from cxo_diag.answers import check_fits_bank, read_answers_file
    from cxo_diag.bank.registry import ResolvedBank, open_bank

    opened: dict[str, ResolvedBank] = {}
    sources: list[Source] = []
    for path in files:
        answer_set = read_answers_file(path)
        wanted = bank if bank is not None else answer_set.bank.id
        if wanted not in opened:
            opened[wanted] = open_bank(wanted)
        resolved = opened[wanted]
        check_fits_bank(answer_set, resolved.bank, resolved.hash, str(path))
        engagement = answer_set.engagement or ""
        sources.append(Source(resolved.bank, answer_set, engagement, answer_set.round))
    return sources


def csv_export(
    arguments: Sequence[str],
    open_store: Callable[[], Store],
    *,
    bank: str | None = None,
    pseudonymise: bool = False,
) -> str:
    """The CSV of each argument in order: an existing file is an answers file, anything
    else an engagement's name (the store is opened only when one is named)."""
    with ExitStack() as stack:
        store: Store | None = None
        sources: list[Source] = []
        for argument in arguments:
            path = Path(argument)
            if path.is_file():
                sources += file_sources([path], bank)
                continue
            if store is None:
                store = stack.enter_context(open_store())
            sources += engagement_sources(store, [argument])
        return to_csv(sources, pseudonymise=pseudonymise)
