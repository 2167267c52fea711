"""Validate many files and folders at once: collect every finding, never stop at the first."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cxo_diag.bank.check import check_bank
from cxo_diag.bank.load import load_bank
from cxo_diag.bank.registry import YAML_SUFFIXES
from cxo_diag.findings import Finding


@dataclass
class FileResult:
    file: str
    findings: list[Finding] = field(default_factory=list)
    kind: str = "bank"

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


@dataclass
class ValidationResult:
    files: list[FileResult] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files for f in result.findings]

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.files)

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.files)

    def exit_code(self, *, strict: bool) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0


def collect_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The YAML files under ``paths`` (folders walked), and the paths that do not exist."""
    files: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir() and path.suffix not in YAML_SUFFIXES:
            files.extend(
                sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
            )
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            missing.append(str(path))
    return files, missing


def validate_file(path: Path) -> FileResult:
    loaded = load_bank(path)
    return FileResult(str(path), check_bank(loaded), "library" if loaded.is_library else "bank")


def validate_paths(paths: list[Path]) -> tuple[ValidationResult, list[str]]:
    files, missing = collect_files(paths)
    return ValidationResult([validate_file(p) for p in files]), missing
