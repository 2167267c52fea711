"""What many test modules share: the CLI runner, and the paths of the fixtures they read.

Import from here, never from a conftest (pytest loads those itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
MINI = REPO / "questionnaires" / "mini.yaml"


class Runner(CliRunner):
    """typer's runner that lets an exception through, so a traceback fails the test instead
    of passing as some exit code; stdout and stderr stay apart (``result.stdout``,
    ``result.stderr``)."""

    def invoke(  # type: ignore[override]
        self, app: typer.Typer, args: str | Sequence[str] | None = None, **kwargs: Any
    ) -> Result:
        kwargs.setdefault("catch_exceptions", False)
        return super().invoke(app, args, **kwargs)


runner = Runner()
