"""Load a bank file into the model, mapping every pydantic error back to file:line:col."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from cxo_diag.bank.model import Bank, PracticeLibrary, split_open_questions
from cxo_diag.bank.yamlpos import PathKey, Positions, YamlDocument, read_yaml
from cxo_diag.findings import Code, Finding, did_you_mean
from cxo_diag.validation_messages import describe

_FIELD_CONTEXT_SKIP = {"function-after", "function-before", "str", "dict[str,str]"}


@dataclass
class LoadedBank:
    """What loading one file gives: the bank if it could be built, and every finding."""

    path: Path
    display: str
    bank: Bank | None = None
    positions: Positions = field(default_factory=Positions)
    findings: list[Finding] = field(default_factory=list)
    #: Which file and positions each practice came from, for findings about included ones.
    practice_sources: dict[str, tuple[str, Positions, int]] = field(default_factory=dict)
    is_library: bool = False
    #: An included library could not be read: its practices' ids are unknown, so references
    #: to practices are not reported one by one (the include's own finding says why).
    include_failed: bool = False

    @property
    def ok(self) -> bool:
        return self.bank is not None and not any(f.is_error for f in self.findings)


#: Fields added to the format after banks were first hashed, with their default. Left out of
#: the hash while at the default, so a bank (or an engagement's stored copy) that does not
#: use them keeps the hash its answers were given under.
LATER_DEFAULTS: dict[str, dict[str, Any]] = {
    "bank": {"open_questions": [], "sequence": [], "contradictions": [], "progress": []},
}


def _without_later_defaults(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value
        for key, value in data.items()
        if not (key in LATER_DEFAULTS["bank"] and value == LATER_DEFAULTS["bank"][key])
    }


_LATER_FIELDS = {"questions": ("mirrors",), "dimensions": ("reliability",)}

_HASH_KEY = "_cxo_content_hash"


def content_hash(bank: Bank) -> str:
    """A stable hash of what the bank means (not of its formatting or comments).

    Computed once per bank object and kept on it (the model is frozen, and ``model_copy``
    drops it), since loading, scoring and the store each ask for it.
    """
    cached = bank.__dict__.get(_HASH_KEY)
    if isinstance(cached, str):
        return cached
    dumped = _without_later_defaults(
        bank.model_dump(mode="json", by_alias=True, exclude={"include"})
    )
    # Fields added after banks were first stored count only when set, so that a bank that
    # does not use them keeps the hash its engagements and answers files recorded.
    for section, optional in _LATER_FIELDS.items():
        for entry in dumped[section]:
            for name in optional:
                if entry.get(name) is None:
                    entry.pop(name, None)
    canonical = json.dumps(
        dumped,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    digest = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
    bank.__dict__[_HASH_KEY] = digest
    return digest


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


def _validate(
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


_LibraryResult = tuple[PracticeLibrary | None, Positions, list[Finding]]
_libraries: dict[tuple[Path, int, int, str], _LibraryResult] = {}


def load_library(path: Path, display: str) -> _LibraryResult:
    """A practice library, parsed once per process however many banks include it."""
    try:
        status = path.stat()
    except OSError:
        return _load_library(path, display)
    key = (path.resolve(), status.st_mtime_ns, status.st_size, display)
    if key not in _libraries:
        _libraries[key] = _load_library(path, display)
    return _libraries[key]


def _load_library(path: Path, display: str) -> _LibraryResult:
    document, findings = read_yaml(path, display)
    if document is None:
        return None, Positions(), findings
    if not isinstance(document.data, dict) or document.data.get("kind") != "practice-library":
        return (
            None,
            document.positions,
            [
                Finding.make(
                    Code.E114, display, 1, 1, path=display, detail="it is not a practice library"
                )
            ],
        )
    library, findings = _validate(PracticeLibrary, document, display)
    return library, document.positions, findings


def _merge_includes(loaded: LoadedBank, data: dict[str, Any], positions: Positions) -> None:
    """Put the included libraries' practices into the bank's data, before validation."""
    includes = data.get("include") or []
    if not isinstance(includes, list):
        return
    inline = data.get("practices")
    practices: list[Any] = list(inline) if isinstance(inline, list) else []
    for index, practice in enumerate(practices):
        if isinstance(practice, dict) and isinstance(practice.get("id"), str):
            loaded.practice_sources[practice["id"]] = (loaded.display, positions, index)
    for index, relative in enumerate(includes):
        if not isinstance(relative, str):
            continue
        line, col = positions.of(("include", index))
        target = (loaded.path.parent / relative).resolve()
        shown = str(Path(loaded.display).parent / relative)
        if not target.is_file():
            loaded.include_failed = True
            loaded.findings.append(
                Finding.make(
                    Code.E114, loaded.display, line, col, path=relative, detail="no such file"
                )
            )
            continue
        library, library_positions, findings = load_library(target, shown)
        loaded.findings.extend(findings)
        if library is None:
            loaded.include_failed = True
            continue
        for offset, practice in enumerate(library.practices):
            loaded.practice_sources.setdefault(practice.id, (shown, library_positions, offset))
            practices.append(practice.model_dump(by_alias=True))
        own = data.get("sequence")
        if library.sequence and not own:  # the bank's own sequence wins over its libraries'
            data["sequence"] = list(library.sequence)
    data["practices"] = practices


def _open_questions_apart(data: dict[str, Any], positions: Positions) -> tuple[Any, Positions]:
    """Split ``type: open`` entries off ``questions`` as the model does, and re-key their
    positions, so a finding about either kind of question points at its line in the file."""
    items = data.get("questions")
    split = split_open_questions(data)
    if split is data or not isinstance(items, list):
        return data, positions
    new_path: dict[int, tuple[str, int]] = {}
    counts = {"questions": 0, "open_questions": len(data.get("open_questions") or [])}
    for index, item in enumerate(items):
        section = (
            "open_questions"
            if isinstance(item, dict) and item.get("type") == "open"
            else "questions"
        )
        new_path[index] = (section, counts[section])
        counts[section] += 1

    def rekey(table: dict[PathKey, Any]) -> dict[PathKey, Any]:
        moved: dict[PathKey, Any] = {}
        for path, mark in table.items():
            target = None
            if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
                target = new_path.get(path[1])
            moved.setdefault(path if target is None else (*target, *path[2:]), mark)
        if ("questions",) in table:
            moved.setdefault(("open_questions",), table[("questions",)])
        return moved

    return split, Positions(values=rekey(positions.values), keys=rekey(positions.keys))


def _prune_unused_included(bank: Bank, loaded: LoadedBank) -> Bank:
    """A library serves many banks: keep only the included practices this bank's rules use
    (and, of a sequence, only those)."""
    used = {rule.recommend for rule in bank.rules}
    inline = {pid for pid, (src, _, _) in loaded.practice_sources.items() if src == loaded.display}
    keep = [p for p in bank.practices if p.id in used or p.id in inline]
    kept = {p.id for p in keep}
    sequence = [pid for pid in bank.sequence if pid in kept or pid not in loaded.practice_sources]
    return bank.model_copy(update={"practices": keep, "sequence": sequence})


def load_bank(path: Path, display: str | None = None) -> LoadedBank:
    """Load and structurally validate one bank file. Cross-reference checks come after."""
    shown = display if display is not None else str(path)
    loaded = LoadedBank(path=path, display=shown)
    document, findings = read_yaml(path, shown)
    loaded.findings.extend(findings)
    if document is None:
        return loaded
    loaded.positions = document.positions
    data = document.data
    if not isinstance(data, dict):
        loaded.findings.append(
            Finding.make(Code.E103, shown, 1, 1, detail="a bank is a mapping of fields", context="")
        )
        return loaded
    if "respondent" in data and "answers" in data and "questions" not in data:
        loaded.findings.append(Finding.make(Code.E116, shown, 1, 1))
        return loaded
    if data.get("kind") == "practice-library":
        loaded.is_library = True
        _, findings = _validate(PracticeLibrary, document, shown)
        loaded.findings.extend(findings)
        return loaded
    data = dict(data)
    _merge_includes(loaded, data, document.positions)
    data, loaded.positions = _open_questions_apart(data, document.positions)
    bank, findings = _validate(Bank, YamlDocument(data, loaded.positions), shown)
    loaded.findings.extend(findings)
    if bank is not None:
        loaded.bank = _prune_unused_included(bank, loaded)
    return loaded
