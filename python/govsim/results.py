"""Results folders of ``govsim run``, ``compare`` and ``sweep`` as pandas DataFrames.

Every reader takes what the files say (column names, metrics, units, levers) rather than a fixed
list, so a new output of the model appears in the DataFrames without a change here. Units are the
model's (README, "Outputs"): scores in points 0–100, shares in %, costs in yuan, times in minutes
or hours as each metric's ``unit`` column says.
"""

from __future__ import annotations

import json
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

import pandas as pd

PathLike = Union[str, "os.PathLike[str]"]

#: Statistics of a metric in summary.json, in the order of :attr:`Run.summary`'s columns.
SUMMARY_COLUMNS = [
    "part_kind", "part", "metric", "mean", "sd", "ci95_lo", "ci95_hi", "pi90_lo", "pi90_hi",
    "pi95_lo", "pi95_hi", "p025", "p05", "p50", "p95", "p975", "n", "unit", "kind",
    "ci95_method", "prediction95_method", "bound", "note",
]

#: Columns of :attr:`Comparison.differences`.
DIFFERENCE_COLUMNS = [
    "arm", "part_kind", "part", "metric", "unit", "kind", "n", "baseline_mean", "arm_mean",
    "difference", "ci95_lo", "ci95_hi", "pi90_lo", "pi90_hi", "relative_change_pct",
    "relative_change_ci95_lo", "relative_change_ci95_hi", "effect_size", "p_value", "test",
    "correlation", "unpaired_half_width", "ci95_method", "bound", "note",
]

#: ``part_kind`` of district-wide rows; their ``part`` is the empty string.
DISTRICT = "district"
GROUP = "group"
ESTATE = "estate"

_INTERVALS = ("ci95", "pi90", "pi95", "relative_change_ci95")


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def _read_csv(path: Path) -> pd.DataFrame:
    # Empty fields (an output with no value in a trial, e.g. a median of no events) become NaN.
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def _flatten_stats(stats: Mapping[str, Any]) -> Dict[str, Any]:
    """One row from a metric's block: ``[lo, hi]`` intervals split into ``_lo``/``_hi`` columns,
    ``null`` as NaN."""
    row: Dict[str, Any] = {}
    for key, value in stats.items():
        if key in _INTERVALS or (isinstance(value, list) and len(value) == 2 and key != "prediction95"):
            lo, hi = (value if isinstance(value, list) else [None, None])
            row[f"{key}_lo"] = float("nan") if lo is None else lo
            row[f"{key}_hi"] = float("nan") if hi is None else hi
        elif key == "prediction95":
            continue  # the same interval as pi95 (summary.json says so)
        else:
            row[key] = value
    return row


def _frame(rows: List[Dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for column in columns:
        if column not in frame.columns:
            frame[column] = float("nan") if column not in ("note", "bound") else None
    extra = [c for c in frame.columns if c not in columns]
    frame = frame[list(columns) + extra]
    for column in frame.columns:
        # Numbers (with null as NaN) become floats; a column holding any text stays as it is.
        if frame[column].map(lambda v: v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))).all():
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame.reset_index(drop=True)


def split_column(column: str) -> tuple[str, str, str]:
    """``(part_kind, part, metric)`` of a trials column: ``safety_score`` → district,
    ``safety_score@old`` → group ``old``, ``safety_score@estate:oldEstate`` → estate ``oldEstate``."""
    if "@" not in column:
        return DISTRICT, "", column
    metric, _, part = column.partition("@")
    if part.startswith("estate:"):
        return ESTATE, part[len("estate:"):], metric
    if part.startswith("group:"):
        return GROUP, part[len("group:"):], metric
    return GROUP, part, metric


def tidy_trials(trials: pd.DataFrame, id_columns: Optional[Sequence[str]] = None) -> pd.DataFrame:
    """The long form of a trials table: one row per trial (and arm or point), part and metric.

    Args:
        trials: ``trials.csv`` of a run or a compare, or ``sweep_trials.csv``.
        id_columns: the columns that identify a row; by default those of ``arm``, ``point``,
            ``trial`` present, plus a sweep's lever columns (every column before ``trial``).

    Returns:
        Columns ``*id_columns, part_kind, part, metric, value``; ``param:`` columns (parameters
        drawn per trial) are left out: see :func:`trial_parameters`.
    """
    if id_columns is None:
        columns = list(trials.columns)
        if "trial" in columns:
            id_columns = columns[: columns.index("trial") + 1]
        else:
            id_columns = [c for c in ("arm", "point", "trial") if c in columns]
    value_columns = [c for c in trials.columns if c not in id_columns and not c.startswith("param:")]
    long = trials.melt(id_vars=list(id_columns), value_vars=value_columns, var_name="column", value_name="value")
    parts = [split_column(c) for c in value_columns]
    lookup = pd.DataFrame(parts, columns=["part_kind", "part", "metric"], index=value_columns)
    long = long.join(lookup, on="column").drop(columns="column")
    return long[[*id_columns, "part_kind", "part", "metric", "value"]].reset_index(drop=True)


def trial_parameters(trials: pd.DataFrame) -> pd.DataFrame:
    """The parameters drawn per trial (``param:<path>`` columns) indexed by trial, named by path."""
    params = [c for c in trials.columns if c.startswith("param:")]
    index = [c for c in ("arm", "point", "trial") if c in trials.columns]
    frame = trials[index + params].set_index(index) if index else trials[params]
    return frame.rename(columns=lambda c: c[len("param:"):])


def summary_frame(summary: Mapping[str, Any]) -> pd.DataFrame:
    """summary.json's ``metrics`` (and ``groups``/``estates``) as one tidy DataFrame
    (columns :data:`SUMMARY_COLUMNS`, then any the file adds)."""
    rows: List[Dict[str, Any]] = []
    for metric, stats in summary.get("metrics", {}).items():
        rows.append({"part_kind": DISTRICT, "part": "", "metric": metric, **_flatten_stats(stats)})
    for kind, key in ((GROUP, "groups"), (ESTATE, "estates")):
        for part, block in (summary.get(key) or {}).items():
            for metric, stats in block.get("metrics", {}).items():
                rows.append({"part_kind": kind, "part": part, "metric": metric, **_flatten_stats(stats)})
    return _frame(rows, SUMMARY_COLUMNS)


def parts_frame(summary: Mapping[str, Any]) -> pd.DataFrame:
    """The district's cell groups and estate types: ``part_kind, part, households, residents``
    (residents: mean per trial), plus ``cells``, ``estate`` and ``overrides`` for groups."""
    rows: List[Dict[str, Any]] = []
    for kind, key in ((GROUP, "groups"), (ESTATE, "estates")):
        for part, block in (summary.get(key) or {}).items():
            rows.append({"part_kind": kind, "part": part, **{k: v for k, v in block.items() if k != "metrics"}})
    columns = ["part_kind", "part", "cells", "estate", "households", "residents", "overrides"]
    frame = pd.DataFrame(rows, columns=columns if not rows else None)
    return frame[[c for c in columns if c in frame.columns] + [c for c in frame.columns if c not in columns]]


def _check_complete(folder: Path) -> None:
    if (folder / ".incomplete").exists():
        warnings.warn(
            f"{folder} is marked .incomplete: govsim was interrupted or is still writing it",
            RuntimeWarning,
            stacklevel=3,
        )


@dataclass
class Run:
    """A ``govsim run`` results folder.

    Attributes:
        folder: the results folder (a temporary one lives as long as this object).
        summary: one row per metric and part (``part_kind`` ``district`` with ``part`` ``""``,
            ``group`` or ``estate``): mean, sd, ci95 (the mean's 95% CI), pi90/pi95 (predictive
            intervals of one realisation), trial quantiles, n, unit, kind, notes.
        trials: trials.csv: a row per trial, a column per output, ``param:<path>`` columns for the
            parameters drawn per trial, ``metric@group`` columns for several groups.
        timeseries: timeseries.csv: ``week, day, series, mean, p05, p50, p95`` across trials.
        parts: the district's groups and estate types (households, mean residents, cells).
        meta: summary.json's scalar fields (scenario, seed, trials, days, version,
            parameter_uncertainty, …) and ``manifest`` (manifest.json).
    """

    folder: Path
    summary: pd.DataFrame
    trials: pd.DataFrame
    timeseries: pd.DataFrame
    parts: pd.DataFrame
    meta: Dict[str, Any]
    _keep: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, folder: PathLike) -> "Run":
        """Read a run folder (summary.json, trials.csv, timeseries.csv, manifest.json)."""
        path = Path(folder)
        _check_complete(path)
        summary = _read_json(path / "summary.json")
        meta = {k: v for k, v in summary.items() if k not in ("metrics", "groups", "estates")}
        if (path / "manifest.json").exists():
            meta["manifest"] = _read_json(path / "manifest.json")
        timeseries = _read_csv(path / "timeseries.csv") if (path / "timeseries.csv").exists() else pd.DataFrame()
        return cls(
            folder=path,
            summary=summary_frame(summary),
            trials=_read_csv(path / "trials.csv"),
            timeseries=timeseries,
            parts=parts_frame(summary),
            meta=meta,
        )

    @property
    def scenario(self) -> str:
        """The scenario's name."""
        return str(self.meta.get("scenario", ""))

    @property
    def metrics(self) -> pd.DataFrame:
        """The district-wide rows of :attr:`summary`, indexed by metric."""
        district = self.summary[self.summary["part_kind"] == DISTRICT]
        return district.drop(columns=["part_kind", "part"]).set_index("metric")

    def trials_long(self) -> pd.DataFrame:
        """:attr:`trials` in long form: ``trial, part_kind, part, metric, value`` (no parameters)."""
        return tidy_trials(self.trials)

    @property
    def parameters(self) -> pd.DataFrame:
        """The parameters drawn per trial (from their priors or the scenario's distributions),
        indexed by trial, one column per path."""
        return trial_parameters(self.trials)

    def __repr__(self) -> str:
        return f"Run({self.scenario!r}, trials={len(self.trials)}, folder={str(self.folder)!r})"


@dataclass
class Comparison:
    """A ``govsim compare`` results folder.

    Attributes:
        folder: the results folder.
        differences: one row per policy arm, part and metric: ``difference`` (arm − baseline, the
            metric's unit) with its 95% CI (``ci95_lo``/``ci95_hi``), the 90% predictive interval of
            one paired difference (``pi90_*``), relative change in % with its Fieller CI, effect
            size (Cohen's d), ``p_value`` and ``test``, the pairing's correlation, and the half-width
            an unpaired comparison would have had.
        trials: trials.csv: ``arm, trial`` and a column per output, every arm's trials.
        cost_effectiveness: one row per policy arm (extra cost in yuan, yuan per safety point, …).
        meta: compare.json's other fields (baseline, arms, ranking, objective, indistinguishable,
            probability_best, selection, stopped_because, trials per arm, seed, version).
    """

    folder: Path
    differences: pd.DataFrame
    trials: pd.DataFrame
    cost_effectiveness: pd.DataFrame
    meta: Dict[str, Any]
    _keep: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, folder: PathLike) -> "Comparison":
        """Read a compare folder (compare.json, trials.csv)."""
        path = Path(folder)
        _check_complete(path)
        data = _read_json(path / "compare.json")
        rows: List[Dict[str, Any]] = []
        differences = data.get("differences", {})
        order = [a for a in data.get("arms", []) if a in differences] + [a for a in differences if a not in data.get("arms", [])]
        for arm in order:
            metrics = differences[arm]
            for metric, stats in metrics.items():
                rows.append({"arm": arm, "part_kind": DISTRICT, "part": "", "metric": metric, **_flatten_stats(stats)})
            by_group = (data.get("differences_by_group") or {}).get(arm) or {}
            for kind, key in ((GROUP, "groups"), (ESTATE, "estates")):
                for part, block in (by_group.get(key) or {}).items():
                    for metric, stats in block.items():
                        rows.append({"arm": arm, "part_kind": kind, "part": part, "metric": metric, **_flatten_stats(stats)})
        ce = data.get("cost_effectiveness") or {}
        cost = pd.DataFrame([{"arm": arm, **values} for arm, values in ce.items()])
        meta = {k: v for k, v in data.items() if k not in ("differences", "differences_by_group", "cost_effectiveness")}
        return cls(
            folder=path,
            differences=_frame(rows, DIFFERENCE_COLUMNS),
            trials=_read_csv(path / "trials.csv"),
            cost_effectiveness=cost,
            meta=meta,
        )

    @property
    def baseline(self) -> str:
        """The baseline arm's name."""
        return str(self.meta["baseline"])

    @property
    def arms(self) -> List[str]:
        """Every arm, the baseline first."""
        return list(self.meta.get("arms", []))

    @property
    def ranking(self) -> List[str]:
        """The arms from best to worst on the objective (``meta['objective']``)."""
        return list(self.meta.get("ranking", []))

    def paired(self, metrics: Optional[Iterable[str]] = None) -> pd.DataFrame:
        """Every policy arm's trials beside the baseline's trial of the same index.

        Args:
            metrics: the outputs to pair, by name (``safety_score`` pairs the district's and every
                group's); default every output.

        Returns:
            Columns ``arm, trial, part_kind, part, metric, baseline, value, difference``
            (``difference = value − baseline``, in the metric's unit). Only trial indices both
            arms ran appear (with ``--precision`` an arm may stop early).
        """
        long = tidy_trials(self.trials, id_columns=["arm", "trial"])
        if metrics is not None:
            long = long[long["metric"].isin(set(metrics))]
        base = long[long["arm"] == self.baseline].drop(columns="arm").rename(columns={"value": "baseline"})
        others = long[long["arm"] != self.baseline]
        paired = others.merge(base, on=["trial", "part_kind", "part", "metric"], how="inner")
        paired["difference"] = paired["value"] - paired["baseline"]
        columns = ["arm", "trial", "part_kind", "part", "metric", "baseline", "value", "difference"]
        return paired[columns].sort_values(["arm", "metric", "trial"], kind="stable").reset_index(drop=True)

    def __repr__(self) -> str:
        return f"Comparison(baseline={self.baseline!r}, arms={self.arms!r}, folder={str(self.folder)!r})"


@dataclass
class Sweep:
    """A ``govsim sweep`` results folder.

    Attributes:
        folder: the results folder.
        table: sweep.csv as it is: ``point``, one column per lever (its path, in the lever's
            unit), ``metric, unit, n, mean, sd, ci95_lo, ci95_hi, p05, p50, p95`` (and any column
            the file adds).
        trials: sweep_trials.csv: ``point``, the levers, ``trial`` and a column per output.
        levers: the varied paths, in the file's order.
        axes: one row per lever: ``path, lo, hi, steps, unit``.
        meta: sweep.json's other fields (design, scenario, seed, trials_per_point, version).
    """

    folder: Path
    table: pd.DataFrame
    trials: pd.DataFrame
    levers: List[str]
    axes: pd.DataFrame
    meta: Dict[str, Any]
    _keep: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, folder: PathLike) -> "Sweep":
        """Read a sweep folder (sweep.csv, sweep_trials.csv, sweep.json)."""
        path = Path(folder)
        _check_complete(path)
        table = _read_csv(path / "sweep.csv")
        meta: Dict[str, Any] = _read_json(path / "sweep.json") if (path / "sweep.json").exists() else {}
        columns = list(table.columns)
        # The lever columns lie between `point` and `metric` (sweep.csv's real layout).
        levers = columns[columns.index("point") + 1 : columns.index("metric")]
        axes = pd.DataFrame(meta.get("axes") or [{"path": lever} for lever in levers])
        trials = _read_csv(path / "sweep_trials.csv") if (path / "sweep_trials.csv").exists() else pd.DataFrame()
        return cls(
            folder=path,
            table=table,
            trials=trials,
            levers=levers,
            axes=axes,
            meta={k: v for k, v in meta.items() if k != "axes"},
        )

    @property
    def points(self) -> pd.DataFrame:
        """The design: one row per point with its lever values, indexed by point."""
        return self.table[["point", *self.levers]].drop_duplicates("point").set_index("point").sort_index()

    def wide(self, statistic: str = "mean") -> pd.DataFrame:
        """One row per design point: the lever values, then one column per metric holding
        ``statistic`` (a column of :attr:`table`: ``mean``, ``p50``, ``ci95_lo``, …)."""
        if statistic not in self.table.columns:
            raise KeyError(f"{statistic!r} is not a column of sweep.csv: {list(self.table.columns)}")
        wide = self.table.pivot(index="point", columns="metric", values=statistic)
        wide.columns.name = None
        return self.points.join(wide)

    def trials_long(self) -> pd.DataFrame:
        """:attr:`trials` in long form: ``point, <levers>, trial, part_kind, part, metric, value``."""
        return tidy_trials(self.trials)

    def __repr__(self) -> str:
        return f"Sweep({self.meta.get('scenario', '')!r}, levers={self.levers!r}, points={len(self.points)}, folder={str(self.folder)!r})"


@dataclass
class Explanation:
    """A ``govsim explain`` results folder.

    Attributes:
        folder: the results folder.
        table: explain.csv as it is, tidy: ``lever, output, measure, mean, ci95_lo, ci95_hi, n,
            sampling_se``; ``measure`` is ``shapley``, ``alone`` or ``leave_one_out`` per lever, and
            ``total`` and ``interaction`` (lever empty) per output.
        levers: one row per lever: ``path``, ``from`` and ``to`` (the baseline's and the policy's
            values as the scenario file writes them).
        meta: explain.json's other fields (baseline, policy, method, coalitions, orders, trials,
            days, seed, pathways, ignored, version).
    """

    folder: Path
    table: pd.DataFrame
    levers: pd.DataFrame
    meta: Dict[str, Any]
    _keep: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, folder: PathLike) -> "Explanation":
        """Read an explain folder (explain.csv, explain.json)."""
        path = Path(folder)
        _check_complete(path)
        data = _read_json(path / "explain.json")
        levers = pd.DataFrame([{k: lever.get(k) for k in ("path", "from", "to")} for lever in data.get("levers", [])],
                              columns=["path", "from", "to"])
        table = _read_csv(path / "explain.csv")
        table["lever"] = table["lever"].fillna("")
        meta = {k: v for k, v in data.items() if k not in ("levers", "total", "interaction")}
        return cls(folder=path, table=table, levers=levers, meta=meta)

    def shapley(self, output: str = "safety_score") -> pd.DataFrame:
        """Each lever's Shapley value for ``output`` with its CI, and its effect alone and the
        policy's loss without it, indexed by lever path (in the levers' order)."""
        rows = self.table[(self.table["output"] == output) & (self.table["lever"] != "")]
        if rows.empty:
            raise KeyError(f"no output {output!r} in explain.csv")
        wide = rows.pivot(index="lever", columns="measure", values=["mean", "ci95_lo", "ci95_hi"])
        wide.columns = [f"{measure}_{stat}" if stat != "mean" else measure for stat, measure in wide.columns]
        return wide.reindex(list(self.levers["path"]))

    def __repr__(self) -> str:
        return f"Explanation({self.meta.get('policy', '')!r} vs {self.meta.get('baseline', '')!r}, levers={list(self.levers['path'])!r})"


Results = Union[Run, Comparison, Sweep, Explanation]


def load(folder: PathLike) -> Results:
    """Read any govsim results folder without running anything.

    A folder with compare.json is a :class:`Comparison`, one with sweep.csv a :class:`Sweep`,
    one with summary.json a :class:`Run`.

    Raises:
        FileNotFoundError: when the folder holds none of these.
    """
    path = Path(folder)
    if not path.is_dir():
        raise FileNotFoundError(f"no such results folder: {folder}")
    if (path / "compare.json").exists():
        return Comparison.load(path)
    if (path / "explain.json").exists():
        return Explanation.load(path)
    if (path / "sweep.csv").exists():
        return Sweep.load(path)
    if (path / "summary.json").exists():
        return Run.load(path)
    raise FileNotFoundError(
        f"{folder} is not a govsim results folder (no summary.json, compare.json or sweep.csv)"
    )
