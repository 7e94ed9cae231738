"""govsim.explain: the levers' Shapley values add up to the policy's effect, output by output."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import govsim


@pytest.fixture(scope="module")
def explanation(tiny: Path) -> govsim.Explanation:
    package = {"extends": str(tiny), "name": "package", "council": {"enabled": True},
               "sensors": {"cameras": {"coverage": 0.7}}}
    return govsim.explain(tiny, package, trials=4)


def test_levers_and_meta(explanation: govsim.Explanation) -> None:
    assert list(explanation.levers.path) == ["sensors.cameras.coverage", "council.enabled"]
    assert explanation.meta["method"] == "exact"
    assert explanation.meta["coalitions"] == 4
    assert set(explanation.table.measure) == {"shapley", "alone", "leave_one_out", "total", "interaction"}
    assert isinstance(govsim.load(explanation.folder), govsim.Explanation)


def test_shapley_values_add_up(explanation: govsim.Explanation) -> None:
    t = explanation.table
    for output in ("safety_score", "satisfaction_pct", "cost_total"):
        shares = explanation.shapley(output)
        assert list(shares.index) == list(explanation.levers.path)
        assert {"shapley", "alone", "leave_one_out", "shapley_ci95_lo", "shapley_ci95_hi"} <= set(shares.columns)
        total = t[(t.output == output) & (t.measure == "total")]["mean"].item()
        assert np.isclose(shares["shapley"].sum(), total, rtol=1e-9, atol=1e-9)
    with pytest.raises(KeyError):
        explanation.shapley("no_such_output")
