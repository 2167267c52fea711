"""The answers file: one respondent's answers to one bank version, as YAML or JSON.

``assess --out`` writes it, ``import`` and ``score`` read it. It names the bank's id,
version and content hash, so answers are never scored against a bank that changed.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from cxo_diag.bank.model import Bank, Identifier
from cxo_diag.errors import AnswersFileError
from cxo_diag.text import to_json
from cxo_diag.validation_messages import describe

ANSWERS_SCHEMA_VERSION = 1
NOT_APPLICABLE = "n/a"
MAX_ANSWERS_BYTES = 2 * 1024 * 1024


def _plain_answer(value: object) -> object:
    """Refuse what lax parsing would turn into a number: YAML's yes/no, "4" in quotes."""
    if isinstance(value, bool):
        raise ValueError(
            f"{'yes' if value else 'no'} is not an answer: give a number on the question's "
            "scale, n/a, or nothing (skipped)"
        )
    if value is None or value == NOT_APPLICABLE or type(value) is int:
        return value
    if isinstance(value, str) and value.strip().lower() in ("n/a", "na", "not applicable"):
        raise ValueError(f"{value!r} is not an answer: write n/a (lower case) for not applicable")
    raise ValueError(
        f"{value!r} is not an answer: give a number on the question's scale (without quotes), "
        "n/a, or nothing (skipped)"
    )


Answer = Annotated[int | Literal["n/a"] | None, BeforeValidator(_plain_answer)]
"""A point on the question's scale, "n/a" (not applicable), or None (skipped)."""

# The longest open answer and note an answers file keeps, and so every front end.
MAX_OPEN_ANSWER = 10_000
MAX_NOTE = 10_000


def _storable_text(value: object) -> object:
    """Free text is kept as typed, except what no store can hold (NUL)."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("an open answer cannot contain a NUL character (\\x00)")
    return value


OpenAnswer = Annotated[
    str,
    StringConstraints(max_length=MAX_OPEN_ANSWER),
    BeforeValidator(_storable_text),
]
"""What a respondent wrote to an open question, verbatim."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BankRef(_Strict):
    id: Identifier
    version: str
    hash: str = Field(description="The bank's content hash, as `cxo-diag show` prints it.")


class Respondent(_Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    role: Identifier


class AnswerSet(_Strict):
    """One respondent's answers to one bank version."""

    schema_version: Literal[1] = 1
    bank: BankRef
    respondent: Respondent
    engagement: str | None = None
    round: int = Field(default=1, ge=1)
    answered_at: datetime | None = None
    answers: dict[Identifier, Answer] = Field(default_factory=dict)
    notes: dict[Identifier, Annotated[str, StringConstraints(max_length=MAX_NOTE)]] = Field(
        default_factory=dict
    )
    seconds: dict[Identifier, Annotated[float, Field(ge=0, le=86_400)]] = Field(
        default_factory=dict, description="Time spent on each question, when it was kept."
    )
    open_answers: dict[Identifier, OpenAnswer] = Field(
        default_factory=dict,
        description="Open question id -> the answer in the respondent's own words; never scored.",
    )


def answers_json_schema() -> dict[str, object]:
    schema = AnswerSet.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cxo-diag answers file"
    return schema


def check_fits_bank(answer_set: AnswerSet, bank: Bank, bank_hash: str, where: str) -> None:
    """Refuse answers given to another bank, another version, or off the bank's scales."""
    ref = answer_set.bank
    if ref.id != bank.id:
        raise AnswersFileError(f"answers are for bank {ref.id!r}, not {bank.id!r}", where=where)
    if ref.version != bank.version:
        raise AnswersFileError(
            f"answers are for {ref.id} version {ref.version}, the bank is {bank.version}",
            where=where,
        )
    if ref.hash != bank_hash:
        raise AnswersFileError(
            f"bank {ref.id} {ref.version} changed since these answers were given "
            f"(hash {ref.hash}, now {bank_hash})",
            where=where,
        )
    role = answer_set.respondent.role
    if role not in {r.id for r in bank.roles}:
        raise AnswersFileError(bank.no_role(role), where=where)
    asked = bank.asked(role)
    open_asked = {q.id for q in bank.open_questions_for(role)}
    for kind, keyed in (("a note", answer_set.notes), ("a time", answer_set.seconds)):
        stray = next((qid for qid in keyed if qid not in asked and qid not in open_asked), None)
        if stray is not None:
            raise AnswersFileError(
                f"{kind} for question {stray!r}, which bank {bank.id} does not ask role {role}",
                where=where,
            )
    for question_id in answer_set.open_answers:
        if question_id in asked:
            raise AnswersFileError(
                f"open answer to {question_id!r}, which is a scale question: put a point of "
                "its scale under answers",
                where=where,
            )
        if question_id not in open_asked:
            raise AnswersFileError(
                f"open answer to {question_id!r}, which is not an open question bank "
                f"{bank.id} asks role {role}",
                where=where,
            )
    for question_id, value in answer_set.answers.items():
        question = asked.get(question_id)
        if question is None and question_id in open_asked:
            raise AnswersFileError(
                f"question {question_id!r} is an open question: put its text under open_answers",
                where=where,
            )
        if question is None:
            raise AnswersFileError(
                f"question {question_id!r} is not in bank {bank.id} for role {role}", where=where
            )
        if isinstance(value, int):
            scale = bank.scale(question.scale)
            if value not in scale.values:
                raise AnswersFileError(
                    f"answer {value} to {question_id!r} is off its scale {scale.low}..{scale.high}",
                    where=where,
                )
        elif value == NOT_APPLICABLE and not bank.scale(question.scale).not_applicable:
            raise AnswersFileError(
                f"question {question_id!r} has no 'not applicable' option", where=where
            )


def _refuse_other_kind(where: str, text: str, data: object) -> None:
    """A report, an export bundle, a bank or a Markdown file is named for what it is."""
    from cxo_diag.file_kind import kind_of_data, kind_of_text, what_to_do

    if isinstance(data, dict) and "respondent" in data and "bank" in data:
        return  # an answers file, however damaged: its own messages say what is wrong
    kind = kind_of_data(data) or (None if isinstance(data, dict) else kind_of_text(where, text))
    if kind is not None:
        raise AnswersFileError(what_to_do(kind, "an answers file"), where=where)


def parse_answers(text: str, where: str) -> AnswerSet:
    """Parse an answers file's text (JSON, or YAML read safely)."""
    from cxo_diag.bank.yamlpos import parse_yaml

    stripped = text.lstrip()
    data: object
    positions = None
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise AnswersFileError(
                f"not valid JSON: {error.msg}", where=f"{where}:{error.lineno}:{error.colno}"
            ) from None
        except RecursionError:
            raise AnswersFileError("the document is too deeply nested", where=where) from None
    else:
        document, findings = parse_yaml(text, where)
        if document is None:
            _refuse_other_kind(where, text, None)
            problem = findings[0]
            raise AnswersFileError(problem.message, where=f"{where}:{problem.line}:{problem.col}")
        data, positions = document.data, document.positions
    _refuse_other_kind(where, text, data)
    if not isinstance(data, dict):
        raise AnswersFileError(
            "is not an answers file (expected a mapping with bank, respondent and answers)",
            where=where,
        )
    if "questions" in data and "respondent" not in data:
        raise AnswersFileError(
            "is a question bank, not an answers file (answers files come from "
            "`cxo-diag assess --out FILE`; see docs/answers-format.md)",
            where=where,
        )
    try:
        return AnswerSet.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        path = tuple(p for p in first["loc"] if not str(p).startswith(("int", "literal", "none")))
        loc = ".".join(str(p) for p in path) or "file"
        count = error.error_count()
        more = f" (and {count - 1} more)" if count > 1 else ""
        message = describe(first)
        if positions is not None:  # YAML: say where, as validate does for banks
            line, col = positions.of(path)
            where = f"{where}:{line}:{col}"
        raise AnswersFileError(f"{loc}: {message}{more}", where=where) from None


def read_answers_file(path: Path) -> AnswerSet:
    """Read one answers file; any problem is one AnswersFileError naming the file."""
    where = str(path)
    try:
        if path.is_dir():
            raise AnswersFileError("is a directory, not an answers file", where=where)
        if path.stat().st_size > MAX_ANSWERS_BYTES:
            raise AnswersFileError("is too large to be an answers file", where=where)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise AnswersFileError("no such file", where=where) from None
    except OSError as error:
        raise AnswersFileError(error.strerror or str(error), where=where) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswersFileError("is not UTF-8 text", where=where) from None
    if not text.strip():
        raise AnswersFileError("is empty", where=where)
    return parse_answers(text, where)


def dump_answers(answer_set: AnswerSet, *, as_json: bool = False) -> str:
    data = answer_set.model_dump(mode="json", exclude_defaults=False)
    if as_json:
        return to_json(data) + "\n"
    import yaml

    header = "# cxo-diag answers file: import with `cxo-diag import ENGAGEMENT FILE`\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def write_answers_file(answer_set: AnswerSet, path: Path, *, force: bool = False) -> None:
    """Write atomically (temp file + rename), mode 0600; JSON when the name ends in .json."""
    from cxo_diag.paths import safe_output_path

    target = safe_output_path(path, force=force)
    text = dump_answers(answer_set, as_json=target.suffix.lower() == ".json")
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        # O_EXCL: never through a link (or a file) planted at the temporary name.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        from cxo_diag.errors import OutputError

        raise OutputError(error.strerror or str(error), where=str(path)) from None
