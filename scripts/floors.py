"""Print a pip constraints file that pins every declared dependency to its lower bound.

`.ci/run` installs the project with it and runs the suite once more, so the floors in
pyproject.toml are versions that were tested, not hopes. Runtime dependencies and the
postgres and pdf extras are pinned; the test tools stay at their latest (they do not reach users).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_FLOOR = re.compile(r"^\s*([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*>=\s*([0-9][^,;\s]*)")


def floors(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text())["project"]
    extras = project["optional-dependencies"]
    declared = [*project["dependencies"], *extras.get("postgres", []), *extras.get("pdf", [])]
    pins = []
    for requirement in declared:
        match = _FLOOR.match(requirement)
        if match is None:
            raise SystemExit(f"{pyproject}: {requirement!r} has no '>=' floor to test")
        pins.append(f"{match.group(1)}=={match.group(3)}")
    return pins


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    sys.stdout.write("".join(f"{pin}\n" for pin in floors(root / "pyproject.toml")))
