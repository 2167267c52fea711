"""The loader only ever returns a bank or findings: never another exception (hypothesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.helpers import FIXTURES

from cxo_diag.bank.check import check_bank
from cxo_diag.bank.load import load_bank
from cxo_diag.findings import Finding

TINY = (FIXTURES / "banks" / "valid" / "tiny.yaml").read_text()
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
yaml_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


def load_and_check(path: Path) -> list[Finding]:
    loaded = load_bank(path)
    findings = check_bank(loaded)
    assert loaded.bank is not None or findings, "no bank and no finding"
    for finding in findings:
        assert finding.line >= 1 and finding.col >= 1
        assert finding.code[0] in "EW"
    return findings


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("b") / "bank.yaml"
    path.write_bytes(data)
    load_and_check(path)


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("t") / "bank.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    load_and_check(path)


@SETTINGS
@given(yaml_values)
def test_arbitrary_yaml_documents(tmp_path_factory: pytest.TempPathFactory, value: object) -> None:
    path = tmp_path_factory.mktemp("y") / "bank.yaml"
    path.write_text(yaml.safe_dump(value))
    load_and_check(path)


@SETTINGS
@given(st.integers(0, len(TINY) - 1), st.integers(1, 40), st.text(max_size=8))
def test_mutated_valid_bank(
    tmp_path_factory: pytest.TempPathFactory, start: int, length: int, replacement: str
) -> None:
    """Cut and splice the valid bank anywhere: still a bank or findings."""
    path = tmp_path_factory.mktemp("m") / "bank.yaml"
    path.write_text(TINY[:start] + replacement + TINY[start + length :])
    load_and_check(path)
