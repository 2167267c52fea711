"""G2: schemas/answers.schema.json is what answers.answers_json_schema() generates now."""

from __future__ import annotations

import json
from pathlib import Path

from cxo_diag.answers import answers_json_schema

SCHEMA = Path(__file__).resolve().parent.parent.parent / "schemas" / "answers.schema.json"


def generated() -> str:
    return json.dumps(answers_json_schema(), indent=2, ensure_ascii=False) + "\n"


def test_g2_answers_schema_file_is_current(update_golden: bool) -> None:
    if update_golden:
        SCHEMA.write_text(generated(), encoding="utf-8")
    assert SCHEMA.read_text(encoding="utf-8") == generated(), (
        "schemas/answers.schema.json is stale: run pytest tests/golden --update-golden"
    )


def test_g2_answers_files_validate_against_the_schema() -> None:
    import jsonschema  # type: ignore[import-untyped]
    import yaml

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    root = SCHEMA.parent.parent
    files = sorted((root / "tests" / "fixtures" / "answers").glob("*/*-round*.yaml"))
    files += sorted((root / "examples").glob("*/*.yaml"))
    assert files
    for path in files:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
