"""govsim.run and govsim.load on a run folder: shapes and columns derived from the files."""

from __future__ import annotations

import csv
import gc
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import govsim

REQUIRED = ["part_kind", "part", "metric", "mean", "ci95_lo", "ci95_hi", "pi90_lo", "pi90_hi",
            "pi95_lo", "pi95_hi", "unit", "kind"]


def metric_columns(trials: pd.DataFrame) -> list[str]:
    return [c for c in trials.columns if c != "trial" and not c.startswith("param:") and "@" not in c]


def test_summary_has_a_row_per_metric_and_part(tiny_run: govsim.Run) -> None:
    raw = json.loads((tiny_run.folder / "summary.json").read_text(encoding="utf-8"))
    summary = tiny_run.summary
    assert list(summary.columns[:3]) == ["part_kind", "part", "metric"]
    assert set(REQUIRED) <= set(summary.columns)
    district = summary[summary.part_kind == govsim.DISTRICT]
    assert list(district.metric) == list(raw["metrics"])
    assert (district.part == "").all()
    for kind, key in ((govsim.GROUP, "groups"), (govsim.ESTATE, "estates")):
        rows = summary[summary.part_kind == kind]
        assert sorted(rows.part.unique()) == sorted(raw[key])
        for part, block in raw[key].items():
            assert sorted(rows[rows.part == part].metric) == sorted(block["metrics"])
    assert len(summary) == len(raw["metrics"]) + sum(len(b["metrics"]) for k in ("groups", "estates") for b in raw[k].values())
    # Intervals split faithfully, null as NaN.
    for metric, stats in raw["metrics"].items():
        row = district.set_index("metric").loc[metric]
        assert row["mean"] == pytest.approx(stats["mean"])
        for name in ("ci95", "pi90", "pi95"):
            lo, hi = stats[name]
            for value, column in ((lo, f"{name}_lo"), (hi, f"{name}_hi")):
                assert (np.isnan(row[column]) if value is None else row[column] == pytest.approx(value))
        assert row["unit"] == stats["unit"] and row["kind"] == stats["kind"]


def test_summary_means_are_the_trials_means(tiny_run: govsim.Run) -> None:
    metrics = tiny_run.metrics
    for column in metric_columns(tiny_run.trials):
        values = tiny_run.trials[column].dropna()
        if len(values) == len(tiny_run.trials):
            assert metrics.loc[column, "mean"] == pytest.approx(values.mean(), rel=1e-9, abs=1e-9), column
    finite = metrics.dropna(subset=["ci95_lo", "ci95_hi"])
    assert (finite.ci95_lo <= finite["mean"] + 1e-9).all() and (finite["mean"] <= finite.ci95_hi + 1e-9).all()


def test_trials_and_their_long_form(tiny_run: govsim.Run) -> None:
    trials = tiny_run.trials
    with (tiny_run.folder / "trials.csv").open(newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert list(trials.columns) == header
    assert len(trials) == tiny_run.meta["trials"] == 4
    assert list(trials.trial) == list(range(len(trials)))
    groups = set(tiny_run.parts.query("part_kind == 'group'").part)
    assert {c.split("@", 1)[1] for c in trials.columns if "@" in c} == groups
    params = tiny_run.parameters
    assert params.shape == (len(trials), sum(c.startswith("param:") for c in header))
    assert not any(c.startswith("param:") for c in params.columns)

    long = tiny_run.trials_long()
    assert list(long.columns) == ["trial", "part_kind", "part", "metric", "value"]
    value_columns = [c for c in header if c != "trial" and not c.startswith("param:")]
    assert len(long) == len(trials) * len(value_columns)
    assert set(long.part_kind) == {govsim.DISTRICT, govsim.GROUP}
    row = long[(long.part == "old") & (long.metric == "safety_score") & (long.trial == 1)]
    assert row.value.item() == pytest.approx(trials.loc[1, "safety_score@old"])


def test_timeseries_and_meta(tiny_run: govsim.Run) -> None:
    ts = tiny_run.timeseries
    assert {"week", "day", "series", "mean", "p05", "p50", "p95"} <= set(ts.columns)
    assert "safety_score" in set(ts.series)
    assert tiny_run.meta["scenario"] == tiny_run.scenario == "tiny"
    assert tiny_run.meta["manifest"]["trials"] == len(tiny_run.trials)


def test_options_reach_the_command(tiny: Path) -> None:
    r = govsim.run(tiny, trials=3, seed=5, fixed=True, days=14)
    assert r.meta["trials"] == 3 and len(r.trials) == 3
    assert r.meta["seed"] == 5 and r.meta["days"] == 14
    assert r.meta["parameter_uncertainty"] == "fixed"
    assert r.parameters.shape[1] < govsim.run(tiny, trials=3, seed=5).parameters.shape[1]


def test_overrides_extend_the_scenario(tiny: Path) -> None:
    nested = govsim.run(tiny, trials=2, services={"budget": 250000}, sensors={"cameras": {"coverage": 0.6}})
    dotted = govsim.run(tiny, trials=2, overrides={"services.budget": 250000, "sensors.cameras.coverage": 0.6})
    resolved = (nested.folder / "scenario.resolved.json5").read_text(encoding="utf-8")
    assert "budget: 250000," in resolved and "coverage: 0.6," in resolved
    pd.testing.assert_frame_equal(nested.trials, dotted.trials)
    assert nested.scenario == "tiny"  # the override file is named after the scenario it extends
    renamed = govsim.run({"extends": str(tiny), "name": "renamed", "run": {"trials": 2}})
    assert renamed.scenario == "renamed" and len(renamed.trials) == 2


def test_temporary_folder_lives_with_the_object(tiny: Path) -> None:
    r = govsim.run(tiny, trials=2)
    folder = r.folder
    assert (folder / "summary.json").exists()
    del r
    gc.collect()
    assert not folder.exists()


def test_out_folder_and_load(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "results" / "tiny"
    r = govsim.run(tiny, trials=2, out=out)
    assert r.folder == out.resolve() and (out / "report.html").exists()
    loaded = govsim.load(out)
    assert isinstance(loaded, govsim.Run)
    pd.testing.assert_frame_equal(loaded.summary, r.summary)
    pd.testing.assert_frame_equal(loaded.trials, r.trials)
    pd.testing.assert_frame_equal(loaded.timeseries, r.timeseries)


def test_nest() -> None:
    assert govsim.nest({"a.b": 1, "a": {"c": 2}, "d": 3}) == {"a": {"b": 1, "c": 2}, "d": 3}
    with pytest.raises(ValueError, match="whole list"):
        govsim.nest({"mediation.tiers[0].staff": 4})
    with pytest.raises(ValueError):
        govsim.nest({"a": 1, "a.b": 2})
