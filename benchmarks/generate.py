"""Generate large inputs for the benchmarks: a big bank, and many answer sets."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

BANDS = [
    {"id": "healthy", "label": "Healthy", "from": 0, "to": 35},
    {"id": "strained", "label": "Strained", "from": 35, "to": 60},
    {"id": "friction", "label": "Friction", "from": 60, "to": 100},
]


def big_bank(questions: int = 2000, practices: int = 100, rules: int = 300) -> dict[str, object]:
    """A valid bank of the given size (20 dimensions, one scale, two leaders)."""
    dimensions = [f"dim-{d:02d}" for d in range(20)]
    perspectives = ["self", "counterpart", "us"]
    return {
        "schema_version": 1,
        "id": "big",
        "version": "1.0.0",
        "title": "A generated bank for benchmarks",
        "roles": [
            {"id": "coo", "title": "Chief Operating Officer"},
            {"id": "cmo", "title": "Chief Marketing Officer"},
        ],
        "scales": [
            {
                "id": "agree5",
                "points": [
                    {"value": v, "label": label}
                    for v, label in enumerate(
                        ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"],
                        start=1,
                    )
                ],
            }
        ],
        "dimensions": [{"id": d, "title": f"Dimension {d}", "bands": BANDS} for d in dimensions],
        "questions": [
            {
                "id": f"q-{q:04d}",
                "dimension": dimensions[q % 20],
                "scale": "agree5",
                "perspective": perspectives[q % 3],
                "keyed": "harmony" if q % 4 == 0 else "friction",
                "text": f"We agree on the plan for area {q} when we meet.",
                "probe": f"What happened the last time area {q} came up?",
            }
            for q in range(questions)
        ],
        "practices": [
            {
                "id": f"p-{p:03d}",
                "title": f"Practice {p}",
                "addresses": [dimensions[p % 20]],
                "why": "It helps the two leaders decide together.",
                "first_steps": ["Meet.", "Agree on a goal.", "Review progress."],
                "owner": "both",
                "cadence": "monthly",
                "progress_sign": "Fewer escalations to the CEO.",
            }
            for p in range(practices)
        ],
        "rules": [
            {
                "id": f"r-{r:03d}",
                "when": {"score": {"dimension": dimensions[r % 20], "at_least": 50 + r % 40}},
                "recommend": f"p-{r % practices:03d}",
                "weight": 1 + r % 3,
            }
            for r in range(rules)
        ],
    }


def write_big_bank(folder: Path) -> Path:
    path = folder / "big.yaml"
    path.write_text(yaml.safe_dump(big_bank(), sort_keys=False))
    return path


def random_answers(question_ids: list[str], seed: int) -> dict[str, int | str | None]:
    rng = random.Random(seed)
    answers: dict[str, int | str | None] = {}
    for qid in question_ids:
        roll = rng.random()
        answers[qid] = "n/a" if roll < 0.03 else None if roll < 0.05 else rng.randint(1, 5)
    return answers
