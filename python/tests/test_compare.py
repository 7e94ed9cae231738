"""govsim.compare: the differences are arm − baseline on the paired trials of trials.csv."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import govsim


@pytest.fixture(scope="module")
def comparison(tiny: Path, policy: Path) -> govsim.Comparison:
    cameras = {"extends": str(tiny), "name": "cameras", "sensors": {"cameras": {"coverage": 0.7}}}
    return govsim.compare(tiny, policy, cameras, trials=5)


def test_arms_and_meta(comparison: govsim.Comparison) -> None:
    assert comparison.baseline == "tiny"
    assert comparison.arms == ["tiny", "more-volunteers", "cameras"]
    assert sorted(comparison.ranking) == sorted(comparison.arms)
    assert set(comparison.trials.arm) == set(comparison.arms)
    assert list(comparison.trials.columns[:2]) == ["arm", "trial"]
    assert sorted(comparison.cost_effectiveness.arm) == ["cameras", "more-volunteers"]


def test_differences_table(comparison: govsim.Comparison) -> None:
    raw = json.loads((comparison.folder / "compare.json").read_text(encoding="utf-8"))
    d = comparison.differences
    for column in ("arm", "metric", "difference", "ci95_lo", "ci95_hi", "pi90_lo", "pi90_hi", "p_value"):
        assert column in d.columns
    district = d[d.part_kind == govsim.DISTRICT]
    for arm, metrics in raw["differences"].items():
        assert sorted(district[district.arm == arm].metric) == sorted(metrics)
    groups = d[d.part_kind == govsim.GROUP]
    assert set(groups.part) == {"old", "new"}
    assert set(d[d.part_kind == govsim.ESTATE].part) == {"oldEstate", "newEstate"}
    # compare.csv holds the same district and per-part rows: same count, same differences.
    csv = pd.read_csv(comparison.folder / "compare.csv")
    assert len(csv) == len(d)
    merged = district.merge(csv, on=["arm", "metric"], suffixes=("", "_csv"))
    assert len(merged) == len(district)
    assert np.allclose(merged.difference, merged.difference_csv, equal_nan=True)


def test_differences_are_arm_minus_baseline(comparison: govsim.Comparison) -> None:
    trials = comparison.trials
    base = trials[trials.arm == comparison.baseline].set_index("trial")
    district = comparison.differences[comparison.differences.part_kind == govsim.DISTRICT].set_index(["arm", "metric"])
    checked = 0
    for (arm, metric), row in district.iterrows():
        if metric not in trials.columns:
            continue
        arm_trials = trials[trials.arm == arm].set_index("trial")[metric]
        pairs = pd.concat([arm_trials, base[metric]], axis=1, keys=["arm", "base"]).dropna()
        if len(pairs) != len(arm_trials):
            continue  # an output with no value in some trial: paired only where both have one
        expected = (pairs["arm"] - pairs["base"]).mean()
        assert row["difference"] == pytest.approx(expected, rel=1e-9, abs=1e-9), (arm, metric)
        assert row["baseline_mean"] == pytest.approx(pairs["base"].mean(), rel=1e-9, abs=1e-9)
        assert row["arm_mean"] == pytest.approx(pairs["arm"].mean(), rel=1e-9, abs=1e-9)
        checked += 1
    assert checked > 50


def test_paired_trials(comparison: govsim.Comparison) -> None:
    paired = comparison.paired(["safety_score", "satisfaction_pct"])
    assert list(paired.columns) == ["arm", "trial", "part_kind", "part", "metric", "baseline", "value", "difference"]
    assert set(paired.arm) == {"more-volunteers", "cameras"}
    n = comparison.meta["trials"]["tiny"]
    assert len(paired[paired.part_kind == govsim.DISTRICT]) == 2 * 2 * n
    assert np.allclose(paired.difference, paired.value - paired.baseline)
    mean = paired[paired.part_kind == govsim.DISTRICT].groupby(["arm", "metric"]).difference.mean()
    table = comparison.differences.query("part_kind == 'district'").set_index(["arm", "metric"]).difference
    for key, value in mean.items():
        assert value == pytest.approx(table.loc[key], rel=1e-9, abs=1e-9)


def test_compare_options_and_load(tiny: Path, policy: Path, tmp_path: Path) -> None:
    out = tmp_path / "cmp"
    c = govsim.compare(tiny, policy, trials=3, seed=3, fixed=True, objective="satisfaction_pct", out=out)
    assert c.meta["objective"] == "satisfaction_pct" and c.meta["seed"] == 3
    assert c.meta["trials"] == {"tiny": 3, "more-volunteers": 3}
    loaded = govsim.load(out)
    assert isinstance(loaded, govsim.Comparison)
    pd.testing.assert_frame_equal(loaded.differences, c.differences)


def test_compare_needs_a_policy(tiny: Path) -> None:
    with pytest.raises(TypeError):
        govsim.compare(tiny)
