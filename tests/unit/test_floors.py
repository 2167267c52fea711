"""The floors CI tests are exactly the lower bounds pyproject.toml declares."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from scripts.floors import floors

ROOT = Path(__file__).parents[2]


def test_floors__every_runtime_dependency_pinned_at_its_lower_bound() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    declared = [*project["dependencies"], *extras["postgres"], *extras["pdf"]]
    pins = floors(ROOT / "pyproject.toml")
    assert len(pins) == len(declared)
    for requirement, pin in zip(declared, pins, strict=True):
        name, version = pin.split("==")
        assert requirement.startswith(name)
        assert requirement.endswith(f">={version}")


def test_floors__a_dependency_without_floor_is_refused(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\ndependencies = ["rich"]\n[project.optional-dependencies]\n'
    )
    with pytest.raises(SystemExit, match="has no '>=' floor"):
        floors(pyproject)
