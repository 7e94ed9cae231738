"""govsim.sweep and reading sweep folders: the table follows sweep.csv's real columns."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pandas as pd
import pytest

import govsim

VARY = {"services.budget": (0, 600000, 3), "volunteers.initialShare": (0.0, 0.04, 2)}


@pytest.fixture(scope="module")
def grid(tiny: Path) -> govsim.Sweep:
    return govsim.sweep(tiny, vary=VARY, trials=2)


def test_grid_table(grid: govsim.Sweep) -> None:
    assert grid.levers == list(VARY)
    header = pd.read_csv(grid.folder / "sweep.csv", nrows=0).columns
    assert list(grid.table.columns) == list(header)
    points = grid.points
    assert len(points) == 3 * 2
    expected = set(itertools.product(*[[lo + (hi - lo) * i / (n - 1) for i in range(n)] for lo, hi, n in VARY.values()]))
    assert {tuple(float(v) for v in row) for row in points.itertuples(index=False)} == {tuple(float(v) for v in p) for p in expected}
    metrics = grid.table.metric.unique()
    assert len(grid.table) == len(points) * len(metrics)
    wide = grid.wide()
    assert list(wide.columns) == [*grid.levers, *sorted(metrics)] or set(wide.columns) == {*grid.levers, *metrics}
    assert len(wide) == len(points)
    assert len(grid.trials) == len(points) * grid.meta["trials_per_point"]
    axes = grid.axes.set_index("path")
    for path, (lo, hi, steps) in VARY.items():
        assert axes.loc[path, "lo"] == lo and axes.loc[path, "hi"] == hi and axes.loc[path, "steps"] == steps


def test_wide_means_are_the_trials_means(grid: govsim.Sweep) -> None:
    wide = grid.wide()
    means = grid.trials.groupby("point").satisfaction_pct.mean()
    for point, value in means.items():
        assert wide.loc[point, "satisfaction_pct"] == pytest.approx(value, rel=1e-9)
    long = grid.trials_long()
    assert list(long.columns[:4]) == ["point", *grid.levers, "trial"]


def test_read_a_sweep_folder(grid: govsim.Sweep) -> None:
    again = govsim.sweep(grid.folder)
    loaded = govsim.load(grid.folder)
    assert isinstance(loaded, govsim.Sweep)
    for other in (again, loaded):
        pd.testing.assert_frame_equal(other.table, grid.table)
        assert other.levers == grid.levers
    with pytest.raises(TypeError):
        govsim.sweep(grid.folder, trials=3)


def test_lhs_design_and_text_ranges(tiny: Path, tmp_path: Path) -> None:
    s = govsim.sweep(tiny, vary={"sensors.cameras.coverage": "0:0.8"}, design="lhs", points=5, trials=2, out=tmp_path / "lhs")
    meta = json.loads((tmp_path / "lhs" / "sweep.json").read_text(encoding="utf-8"))
    assert s.meta["design"] == meta["design"] == "lhs"
    assert len(s.points) == 5
    assert s.points["sensors.cameras.coverage"].between(0, 0.8).all()


def test_stat_must_exist(grid: govsim.Sweep) -> None:
    with pytest.raises(KeyError):
        grid.wide("nonsense")


def test_vary_arguments() -> None:
    import numpy as np

    from govsim.runner import _vary_argument

    assert _vary_argument("services.budget", (0, 2e6, 5)) == "services.budget=0:2000000:5"
    assert _vary_argument("x", (np.int64(0), np.float64(0.05))) == "x=0:0.05"
    assert _vary_argument("x", "0:1:3") == "x=0:1:3"
    with pytest.raises(TypeError):
        _vary_argument("council.enabled", (False, True))
    with pytest.raises(ValueError):
        _vary_argument("x", (0, 1, 2.5))
    with pytest.raises(ValueError):
        _vary_argument("x", (0,))
