"""Find banks by id (built in, or in ./questionnaires) or by path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cxo_diag.bank.check import check_bank
from cxo_diag.bank.content_hash import content_hash
from cxo_diag.bank.load import LoadedBank, load_bank
from cxo_diag.bank.model import Bank
from cxo_diag.errors import BankError, NotFound, UsageError
from cxo_diag.findings import did_you_mean
from cxo_diag.resources import builtin_banks_dir

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class BankEntry:
    id: str
    version: str
    title: str
    path: Path
    source: str  # "built-in" or "local"
    questions: int
    dimensions: int
    roles: tuple[str, ...] = ()

    def role_id(self, typed: str) -> str | None:
        """This bank's id for a role typed in any case, or None (see ``Bank.role_id``)."""
        folded = typed.strip().casefold()
        return next((r for r in self.roles if r.casefold() == folded), None)


def search_dirs() -> list[tuple[str, Path]]:
    dirs = [("local", Path.cwd() / "questionnaires"), ("built-in", builtin_banks_dir())]
    seen: set[Path] = set()
    unique = []
    for source, folder in dirs:
        resolved = folder.resolve()
        if resolved not in seen and folder.is_dir():
            seen.add(resolved)
            unique.append((source, folder))
    return unique


def _bank_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


def list_banks() -> list[BankEntry]:
    """Every loadable bank in the search folders; a local bank hides a built-in of its id."""
    entries: dict[str, BankEntry] = {}
    for source, folder in search_dirs():
        for path in _bank_files(folder):
            loaded = load_bank(path)
            bank = loaded.bank
            if bank is None or loaded.is_library or bank.id in entries:
                continue
            entries[bank.id] = BankEntry(
                bank.id,
                bank.version,
                bank.title,
                path,
                source,
                len(bank.questions),
                len(bank.dimensions),
                tuple(r.id for r in bank.roles),
            )
    return sorted(entries.values(), key=lambda e: e.id)


def banks_with_role(role: str | None) -> list[BankEntry]:
    """The banks a self-assessment may offer: every bank, or those with ``role`` (any case).

    Raises NotFound when there is no bank, UsageError when none has the role, so a role
    that no bank knows is refused before anyone is asked anything.
    """
    entries = list_banks()
    if not entries:
        raise NotFound("no question bank found; give one with --bank FILE")
    if role is None:
        return entries
    fitting = [entry for entry in entries if entry.role_id(role) is not None]
    if not fitting:
        known = ", ".join(sorted({r for entry in entries for r in entry.roles}))
        raise UsageError(f"no bank has a role {role!r} (roles: {known})")
    return fitting


def check_role(bank: Bank, role: str) -> str:
    """The bank's id for the role typed (any case), or a UsageError naming the roles."""
    found = bank.role_id(role)
    if found is None:
        raise UsageError(bank.no_role(role))
    return found


def resolve_bank_path(name: str) -> Path:
    """The file of the bank called ``name``: a path, or the id of a local or built-in bank."""
    candidate = Path(name)
    if candidate.suffix in YAML_SUFFIXES or "/" in name or candidate.is_file():
        if not candidate.is_file():
            raise NotFound(f"no bank file at {name}")
        return candidate
    for _, folder in search_dirs():
        for suffix in YAML_SUFFIXES:
            path = folder / f"{name}{suffix}"
            if path.is_file():
                return path
    entries = list_banks()
    for entry in entries:  # a bank whose file is named otherwise than its id
        if entry.id == name:
            return entry.path
    known = ", ".join(entry.id for entry in entries) or "none"
    close = did_you_mean(name, [entry.id for entry in entries]) or "; give an id or a path"
    raise NotFound(f"no bank called {name!r} (known: {known}){close}")


@dataclass(frozen=True)
class ResolvedBank:
    bank: Bank
    path: Path
    hash: str


def open_bank(name: str) -> ResolvedBank:
    """Load a bank that must be valid to be used (errors, not warnings, refuse it)."""
    path = resolve_bank_path(name)
    loaded: LoadedBank = load_bank(path)
    if loaded.is_library:
        raise BankError("is a practice library, not a bank", where=str(path))
    errors = [f for f in check_bank(loaded) if f.is_error]
    if loaded.bank is None or errors:
        first = errors[0] if errors else None
        where = f"{first.file}:{first.line}:{first.col}" if first else str(path)
        detail = f"{first.code} {first.message}" if first else "cannot be loaded"
        more = f" (and {len(errors) - 1} more; run cxo-diag validate)" if len(errors) > 1 else ""
        raise BankError(f"{detail}{more}", where=where)
    return ResolvedBank(loaded.bank, path, content_hash(loaded.bank))
