"""Load a bank file (and the practice libraries it includes) into the model, with every
finding at its file:line:col."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cxo_diag.bank.model import Bank, PracticeLibrary, split_open_questions
from cxo_diag.bank.validation_findings import validate_document
from cxo_diag.bank.yamlpos import PathKey, Positions, YamlDocument, read_yaml
from cxo_diag.findings import Code, Finding


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
    library, findings = validate_document(PracticeLibrary, document, display)
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
        _, findings = validate_document(PracticeLibrary, document, shown)
        loaded.findings.extend(findings)
        return loaded
    data = dict(data)
    _merge_includes(loaded, data, document.positions)
    data, loaded.positions = _open_questions_apart(data, document.positions)
    bank, findings = validate_document(Bank, YamlDocument(data, loaded.positions), shown)
    loaded.findings.extend(findings)
    if bank is not None:
        loaded.bank = _prune_unused_included(bank, loaded)
    return loaded
