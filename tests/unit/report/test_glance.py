"""GL: page one's "At a glance" reads only the bank's bands and the practices' ranks.

GL001 a dimension is listed when a leader is in its most severe band; an observer never is
GL002 the three top-ranked practices, in rank order
GL003 a self-assessment's line has no role
"""

from __future__ import annotations

from tests.golden.engagement import golden_diagnosis, solo_diagnosis

from cxo_diag.report.glance import glance, severe_line


def test_gl001_worst_band_per_leader_without_the_observer__ok() -> None:
    lines = [severe_line(item, solo=False) for item in glance(golden_diagnosis()).severe]
    assert lines[0] == "Resource allocation: Friction for COO (87.5)"  # the CEO's 75 is not
    assert "Trust and climate: Friction for COO (75)" in lines
    assert all("CEO" not in line and "CMO" not in line for line in lines)


def test_gl002_the_top_three_practices_in_rank_order__ok() -> None:
    diagnosis = golden_diagnosis()
    ranks = [rp.rank for rp in glance(diagnosis).start_with]
    assert ranks == [1, 2, 3]
    assert len(diagnosis.practices) > 3


def test_gl003_a_self_assessment_line_names_no_role__ok() -> None:
    item = glance(solo_diagnosis()).severe[0]
    assert severe_line(item, solo=True) == "Resource allocation: Friction (87.5)"
