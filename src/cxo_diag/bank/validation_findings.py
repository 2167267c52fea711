"""Turn pydantic's validation errors into findings at the file:line:col of the offending node.

``validate_document`` checks a YAML document against a model and returns those findings; it
still builds the model where it can, with unknown fields set aside, so that a misspelt field
never hides every other finding. The wording of each message is ``validation_messages``'s;
this module adds where: the position, the question or practice by id, the fields expected.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from cxo_diag.bank.yamlpos import PathKey, Positions, YamlDocument
from cxo_diag.findings import Code, Finding, did_you_mean
from cxo_diag.validation_messages import describe

_FIELD_CONTEXT_SKIP = {"function-after", "function-before", "str", "dict[str,str]"}


def _context(loc: tuple[Any, ...], data: Any = None) -> str:
    """Where in the bank, by ids where there are ids: ``(in question 'res-01'.text)``."""
    parts: list[str] = []
    node = data
    for part in loc:
        if str(part) in _FIELD_CONTEXT_SKIP:
            continue
        child = _child(node, part)
        named = (
            isinstance(part, int) and isinstance(child, dict) and isinstance(child.get("id"), str)
        )
        if named and parts and parts[-1] in _SECTIONS:
            parts[-1] = f"{_SECTIONS[parts[-1]]} {child['id']!r}"
        else:
            parts.append(str(part))
        node = child
    return f" (in {'.'.join(parts)})" if parts else ""


_SECTIONS = {
    "roles": "role",
    "scales": "scale",
    "dimensions": "dimension",
    "questions": "question",
    "open_questions": "open question",
    "practices": "practice",
    "rules": "rule",
    "bands": "band",
}


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _type_detail(item: Any) -> str:
    """Our message for the error, with the fix for YAML's commonest surprise (1.0 is a number)."""
    detail = describe(item)
    if item["type"] == "string_type" and isinstance(item.get("input"), int | float):
        detail += f": put it in quotes ('{item['input']}') so YAML reads it as text"
    return detail


def _expected_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """The field names allowed at ``loc``, to suggest the right spelling."""
    names = _field_names(model, loc)
    return "see the bank format" if names is None else "expected " + ", ".join(sorted(names))


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str] | None:
    """The names (aliases) of the fields the mapping holding ``loc[-1]`` may have."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            current = None
            break
        current = _model_inside(info.annotation)
    if current is None or not hasattr(current, "model_fields"):
        return None
    return [info.alias or name for name, info in current.model_fields.items()]


def _model_inside(annotation: Any) -> Any:
    for candidate in getattr(annotation, "__args__", ()) or (annotation,):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        inner = _model_inside(candidate) if getattr(candidate, "__args__", None) else None
        if inner is not None:
            return inner
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def validation_findings(
    error: ValidationError,
    model: type[BaseModel],
    display: str,
    positions: Positions,
    data: Any = None,
) -> list[Finding]:
    """One finding per pydantic error, at the position of the offending node."""
    findings: list[Finding] = []
    for item in error.errors(include_url=False):
        loc: PathKey = tuple(p for p in item["loc"] if str(p) not in _FIELD_CONTEXT_SKIP)
        kind = item["type"]
        if kind == "extra_forbidden":
            line, col = positions.of(loc, key=True)
            finding = Finding.make(
                Code.E101,
                display,
                line,
                col,
                field=loc[-1] if loc else "?",
                context=_context(loc[:-1], data),
                expected=_expected_fields(model, loc),
                suggestion=did_you_mean(str(loc[-1]), _field_names(model, loc) or []),
            )
        elif kind == "missing":
            line, col = positions.of(loc[:-1])
            finding = Finding.make(
                Code.E102,
                display,
                line,
                col,
                field=loc[-1] if loc else "?",
                context=_context(loc[:-1], data),
            )
        else:
            line, col = positions.of(loc)
            finding = Finding.make(
                Code.E103,
                display,
                line,
                col,
                detail=_type_detail(item),
                context=_context(loc, data),
            )
        findings.append(finding)
    return sorted(set(findings))


def validate_document(
    model: type[BaseModel], document: YamlDocument, display: str
) -> tuple[Any, list[Finding]]:
    """The model and no findings; or the findings, with the model built from the data with
    its unknown fields set aside (see ``_without_unknown_fields``) so that the checks after
    it still run: a misspelt field never hides every other finding."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        findings = validation_findings(error, model, display, document.positions, document.data)
        repaired = _without_unknown_fields(error, model, document.data)
        if repaired is None:
            return None, findings
        try:
            return model.model_validate(repaired), findings
        except ValidationError:
            return None, findings


def _without_unknown_fields(error: ValidationError, model: type[BaseModel], data: Any) -> Any:
    """A copy of ``data`` with each unknown field read as the field it is a close
    misspelling of (when that one is absent), else dropped; None when the errors are not
    all about unknown or missing fields, or a path cannot be followed."""
    import copy
    import difflib

    items = error.errors(include_url=False)
    if any(item["type"] not in ("extra_forbidden", "missing") for item in items):
        return None
    repaired = copy.deepcopy(data)
    for item in items:
        if item["type"] != "extra_forbidden":
            continue
        loc = tuple(p for p in item["loc"] if str(p) not in _FIELD_CONTEXT_SKIP)
        parent = repaired
        for part in loc[:-1]:
            parent = _child(parent, part)
        if not loc or not isinstance(parent, dict) or loc[-1] not in parent:
            return None
        value = parent.pop(loc[-1])
        names = _field_names(model, loc) or []
        close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
        if close and close[0] not in parent:
            parent[close[0]] = value
    return repaired
