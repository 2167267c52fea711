"""Scoring answers files without a store (``score``, ``demo``): read, choose the bank, diagnose.

The report is deterministic: no clock is read, so the same files give the same diagnosis
(the header shows when the answers were given).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cxo_diag.answers import AnswerSet
    from cxo_diag.bank.registry import ResolvedBank
    from cxo_diag.scoring.model import Diagnosis


@dataclass(frozen=True)
class ScoredFiles:
    """What a set of answers files gave: the bank they fit, their answers, the diagnosis."""

    bank: ResolvedBank
    answer_sets: list[AnswerSet]
    diagnosis: Diagnosis


def read_respondents(files: Sequence[Path]) -> list[tuple[Path, AnswerSet]]:
    """Each file's answers; a respondent (name and role) given twice is refused, names
    compared as people read them (``identity.person_key``)."""
    from cxo_diag.answers import read_answers_file
    from cxo_diag.errors import AnswersFileError
    from cxo_diag.identity import person_key

    read = [(path, read_answers_file(path)) for path in files]
    seen: dict[tuple[str, str], Path] = {}
    for path, answer_set in read:
        key = (answer_set.respondent.role, person_key(answer_set.respondent.name))
        if key in seen:
            name = answer_set.respondent.name
            raise AnswersFileError(
                f"{name} ({key[0]}) already answered in {seen[key]}; give each respondent once",
                where=str(path),
            )
        seen[key] = path
    return read


def choose_bank(read: Sequence[tuple[Path, AnswerSet]], bank: str | None) -> ResolvedBank:
    """The bank named by ``bank`` (an id or a path), or the one bank every file names."""
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.errors import AnswersFileError, NotFound

    if bank is not None:
        return open_bank(bank)
    named = sorted({answer_set.bank.id for _, answer_set in read})
    if len(named) > 1:
        listing = "; ".join(
            f"{bank_id}: " + ", ".join(str(p) for p, s in read if s.bank.id == bank_id)
            for bank_id in named
        )
        # a problem with the input, like a file for the wrong --bank: exit 1, not 2
        raise AnswersFileError(f"the files are for different banks ({listing}); score them apart")
    try:
        return open_bank(named[0])
    except NotFound as error:  # say which file named the bank nobody has
        first = next(path for path, _ in read)
        raise NotFound(f"answers for an unknown bank: {error.message}", where=str(first)) from None


def score_files(
    files: Sequence[Path], bank: str | None = None, *, organisation: str | None = None
) -> ScoredFiles:
    """Score answers files as one engagement; each must fit the bank (id, version, hash).
    The diagnosis carries ``organisation`` and the files' interview notes."""
    from cxo_diag.answers import check_fits_bank
    from cxo_diag.app.context import with_context
    from cxo_diag.scoring import diagnose

    read = read_respondents(files)
    resolved = choose_bank(read, bank)
    for path, answer_set in read:
        check_fits_bank(answer_set, resolved.bank, resolved.hash, str(path))
    answer_sets = [answer_set for _, answer_set in read]
    diagnosis = diagnose(resolved.bank, answer_sets)
    diagnosis = with_context(diagnosis, resolved.bank, answer_sets, organisation=organisation)
    return ScoredFiles(resolved, answer_sets, diagnosis)
