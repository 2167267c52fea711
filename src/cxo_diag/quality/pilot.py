"""A simulated pilot: synthetic respondents with a known latent friction per dimension.

Each respondent gets a latent friction for each dimension, drawn from a standard normal
distribution. An item's answer is that latent value plus independent noise, cut into the
scale's points at equal-probability thresholds, and mirrored for reverse-keyed items (a
respondent with high friction *disagrees* with a harmony item). Items of one dimension
therefore share a cause and correlate: Cronbach's alpha comes out high. ``shuffle`` then
permutes each item's answers across respondents, which keeps every item's distribution but
destroys what items have in common: alpha falls to about zero. Both facts are asserted in
tests/unit/test_pilot.py; together they show that ``cxo-diag analyze`` measures what it says.

Every generated answers file names the engagement ``simulated-pilot``, so that the analysis
can say plainly that simulated data proves the machinery, not the bank.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist

from cxo_diag.answers import Answer, AnswerSet, BankRef, Respondent
from cxo_diag.bank.model import Bank, Keyed, Question
from cxo_diag.quality.analysis import SIMULATED_ENGAGEMENT

DEFAULT_NOISE = 0.7
"""Noise sd relative to the latent's sd of 1: two items then correlate at about
1 / (1 + 0.7²) ≈ 0.67 before rounding to scale points."""

MAX_RESPONDENTS = 100_000


@dataclass(frozen=True)
class SimulatedRespondent:
    """One synthetic answers file, with the latent frictions that produced it."""

    answers: AnswerSet
    latent: dict[str, float]


def respondent_name(number: int) -> str:
    return f"simulated-{number:04d}"


def _answer(question: Question, bank: Bank, propensity: float) -> int:
    """The scale point for a friction propensity (a standard normal value)."""
    points = sorted(point.value for point in bank.scale(question.scale).points)
    agreement = propensity if question.keyed is Keyed.FRICTION else -propensity
    share = NormalDist().cdf(agreement)
    return points[min(int(share * len(points)), len(points) - 1)]


def _respondent(
    bank: Bank, bank_hash: str, number: int, role: str, *, rng: random.Random, noise: float
) -> SimulatedRespondent:
    latent = {d.id: rng.gauss(0.0, 1.0) for d in bank.dimensions}
    scale_to_unit = (1 + noise**2) ** -0.5
    answers: dict[str, Answer] = {}
    for question in bank.questions_for(role):
        propensity = (latent[question.dimension] + rng.gauss(0.0, noise)) * scale_to_unit
        answers[question.id] = _answer(question, bank, propensity)
    answer_set = AnswerSet(
        bank=BankRef(id=bank.id, version=bank.version, hash=bank_hash),
        respondent=Respondent(name=respondent_name(number), role=role),
        engagement=SIMULATED_ENGAGEMENT,
        answers=answers,
    )
    return SimulatedRespondent(answer_set, latent)


def shuffle_items(
    respondents: Sequence[SimulatedRespondent], rng: random.Random
) -> list[SimulatedRespondent]:
    """Permute each item's answers among the respondents who answered it.

    Each item keeps its distribution; the link between items (and to the latent) is cut.
    """
    question_ids = sorted({q for r in respondents for q in r.answers.answers})
    new_answers: list[dict[str, Answer]] = [dict(r.answers.answers) for r in respondents]
    for question_id in question_ids:
        holders = [i for i, r in enumerate(respondents) if question_id in r.answers.answers]
        values = [respondents[i].answers.answers[question_id] for i in holders]
        rng.shuffle(values)
        for i, value in zip(holders, values, strict=True):
            new_answers[i][question_id] = value
    return [
        SimulatedRespondent(r.answers.model_copy(update={"answers": a}), r.latent)
        for r, a in zip(respondents, new_answers, strict=True)
    ]


def simulate(
    bank: Bank,
    bank_hash: str,
    respondents: int,
    *,
    seed: int = 1,
    shuffle: bool = False,
    noise: float = DEFAULT_NOISE,
) -> list[SimulatedRespondent]:
    """``respondents`` synthetic answer sets for ``bank``, the same for the same seed.

    Roles take turns among the leader roles (observers answer only "us" items, so they would
    be left out of most dimensions' analysis).
    """
    if not 1 <= respondents <= MAX_RESPONDENTS:
        raise ValueError(f"respondents must be between 1 and {MAX_RESPONDENTS}")
    rng = random.Random(seed)
    roles = [r.id for r in bank.leader_roles] or [r.id for r in bank.roles]
    generated = [
        _respondent(bank, bank_hash, number, roles[(number - 1) % len(roles)], rng=rng, noise=noise)
        for number in range(1, respondents + 1)
    ]
    return shuffle_items(generated, rng) if shuffle else generated


def latent_table(respondents: Sequence[SimulatedRespondent], bank: Bank) -> str:
    """The latent frictions as tab-separated text, so a user can compare them with scores."""
    dimensions = [d.id for d in bank.dimensions]
    lines = ["\t".join(["respondent", "role", *dimensions])]
    for r in respondents:
        values = [f"{r.latent[d]:.3f}" for d in dimensions]
        lines.append("\t".join([r.answers.respondent.name, r.answers.respondent.role, *values]))
    return "\n".join(lines) + "\n"


LATENT_FILE = "latent-friction.tsv"


def pilot_paths(folder: Path, count: int) -> list[Path]:
    """Where ``write_pilot`` puts each answers file."""
    return [folder / f"{respondent_name(n)}.yaml" for n in range(1, count + 1)]


def write_pilot(
    folder: Path,
    respondents: Sequence[SimulatedRespondent],
    bank: Bank,
    *,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Write one answers file per respondent and the latent frictions into ``folder``.

    The folder is created if its parent exists. Every target is checked before the first is
    written, so a refused run (an existing file without ``force``) leaves nothing half done.
    """
    from cxo_diag.answers import write_answers_file
    from cxo_diag.errors import OutputError
    from cxo_diag.paths import safe_output_path, write_output

    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise OutputError("is not a folder", where=str(folder))
    if not folder.exists():
        if not folder.parent.is_dir():
            raise OutputError("its parent folder does not exist", where=str(folder))
        try:
            folder.mkdir(mode=0o700)
        except OSError as error:
            raise OutputError(error.strerror or str(error), where=str(folder)) from None
    paths = pilot_paths(folder, len(respondents))
    latent_path = folder / LATENT_FILE
    for path in [*paths, latent_path]:
        safe_output_path(path, force=force)
    for path, respondent in zip(paths, respondents, strict=True):
        write_answers_file(respondent.answers, path, force=force)
        if progress is not None:
            progress(1, len(paths))
    write_output(latent_path, latent_table(respondents, bank), force=force)
    return paths
