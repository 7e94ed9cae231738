"""Scenario discovery with the EMA Workbench over a govsim sweep.

Which ranges of the levers keep residents' satisfaction above a threshold? govsim sweeps a Latin
hypercube over three numeric levers of the tutorial scenario (every point runs the same trials,
common random numbers, so the points' means differ by the levers, not by luck); PRIM (the
Patient Rule Induction Method, ``ema_workbench.analysis.prim``) then looks for boxes of lever
values in which most points reach the threshold, and prints them with their coverage (the share
of all points above the threshold that the box holds) and density (the share of the box's points
above the threshold).

Run it from the repository (a notebook cell can call :func:`discover` instead)::

    pip install -e 'python[ema]'
    python python/examples/scenario_discovery.py --points 40 --trials 8

It takes well under a minute on two cores at the defaults. Units: ``volunteers.initialShare`` is
the share of residents who volunteer at the start (0–1), ``sensors.cameras.coverage`` the share
of what cameras watch that they cover (0–1), ``services.budget`` the yearly purchase of services
from social organisations (yuan/year); ``satisfaction_pct`` is the % of residents satisfied at
the end of the run.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

import govsim

REPOSITORY = Path(__file__).resolve().parents[2]
SCENARIO = REPOSITORY / "scenarios" / "example.json5"

#: The levers and their ranges (lo, hi), in each lever's unit (see the module docstring).
LEVERS: Dict[str, Tuple[float, float]] = {
    "volunteers.initialShare": (0.0, 0.05),
    "sensors.cameras.coverage": (0.0, 0.9),
    "services.budget": (0.0, 2_000_000.0),
}

OUTCOME = "satisfaction_pct"


@dataclass
class Discovery:
    """What :func:`discover` found.

    Attributes:
        sweep: the govsim sweep (``sweep.wide()`` has a row per design point).
        data: one row per design point: the levers, the outcome's mean over the point's trials,
            ``cost_total`` (yuan over the run) and ``of_interest`` (outcome above threshold).
        threshold: the outcome's threshold (% satisfied).
        boxes: the PRIM boxes found, each a dict with ``limits`` (DataFrame: lever → min, max),
            ``coverage``, ``density``, ``mass`` and ``points`` (how many design points it holds).
    """

    sweep: govsim.Sweep
    data: pd.DataFrame
    threshold: float
    boxes: List[Dict[str, Any]]


def run_sweep(
    scenario: Path = SCENARIO,
    levers: Mapping[str, Tuple[float, float]] = LEVERS,
    points: int = 40,
    trials: int = 8,
    days: Optional[int] = None,
    seed: Optional[int] = None,
) -> govsim.Sweep:
    """The govsim sweep: a Latin hypercube of ``points`` points, ``trials`` trials each.
    ``days`` shortens the simulated period (an override of ``run.days``)."""
    spec: Any = scenario if days is None else {"extends": str(scenario), "run": {"days": days}}
    return govsim.sweep(spec, vary=dict(levers), design="lhs", points=points, trials=trials, seed=seed)


def discover(
    sweep: govsim.Sweep,
    threshold: Optional[float] = None,
    density: float = 0.8,
    max_boxes: int = 2,
) -> Discovery:
    """PRIM over the sweep's points: which lever ranges keep ``satisfaction_pct`` above ``threshold``.

    Args:
        sweep: a govsim sweep (run by :func:`run_sweep` or read with ``govsim.load``).
        threshold: % of residents satisfied; default the upper quartile of the points' means, so
            that PRIM has a minority of points to explain.
        density: the least density a chosen box must have (PRIM's ``threshold``): the share of
            points in the box whose satisfaction is above ``threshold``.
        max_boxes: how many boxes to look for, one after the other.

    Returns:
        The :class:`Discovery`; an empty ``boxes`` when no box reaches ``density``.
    """
    with warnings.catch_warnings():  # it warns at import about optional parallel back ends
        warnings.simplefilter("ignore", UserWarning)
        from ema_workbench.analysis import prim  # optional dependency: pip install ema_workbench

    wide = sweep.wide()
    x = wide[sweep.levers].astype(float).reset_index(drop=True)
    outcome = wide[OUTCOME].to_numpy(dtype=float)
    if threshold is None:
        threshold = float(np.quantile(outcome, 0.75))
    y = outcome > threshold
    data = x.assign(**{OUTCOME: outcome, "cost_total": wide["cost_total"].to_numpy(), "of_interest": y})
    boxes: List[Dict[str, Any]] = []
    if not y.any() or y.all():
        return Discovery(sweep, data, threshold, boxes)
    algorithm = prim.Prim(x, y, threshold=density, peel_alpha=0.1)
    for _ in range(max_boxes):
        box = algorithm.find_box()
        if box is None:
            break
        trajectory = box.peeling_trajectory
        good = trajectory[trajectory["density"] >= density]
        if good.empty:
            break  # PRIM returned its "dump box": nothing left that reaches the density
        # The box of the peeling trajectory with the most coverage among those dense enough.
        chosen = int(good.sort_values(["coverage", "density"], ascending=False).index[0])
        box.select(chosen)
        limits = box.box_lim.T.rename(columns={0: "min", 1: "max"})
        row = trajectory.loc[chosen]
        boxes.append({
            "limits": limits,
            "restricted": [lever for lever in sweep.levers
                           if (limits.loc[lever, "min"], limits.loc[lever, "max"]) != (x[lever].min(), x[lever].max())],
            "coverage": float(row["coverage"]),
            "density": float(row["density"]),
            "mass": float(row["mass"]),
            "points": int(row["n"]) if "n" in row else int(round(row["mass"] * len(x))),
            "box": box,
        })
    return Discovery(sweep, data, threshold, boxes)


def report(found: Discovery) -> str:
    """A plain-text account of the boxes found."""
    data = found.data
    lines = [
        f"govsim sweep of {found.sweep.meta.get('scenario', '?')}: {len(data)} points × "
        f"{found.sweep.meta.get('trials_per_point', '?')} trials ({found.sweep.meta.get('design', '?')} design)",
        f"{OUTCOME} over the points: {data[OUTCOME].min():.2f}–{data[OUTCOME].max():.2f} % "
        f"(mean of each point's trials)",
        f"Cases of interest: {OUTCOME} > {found.threshold:.2f} %: {int(data['of_interest'].sum())} of {len(data)} points",
    ]
    if not found.boxes:
        lines.append("PRIM found no box dense enough.")
    for number, box in enumerate(found.boxes, start=1):
        lines.append("")
        lines.append(f"Box {number}: coverage {box['coverage']:.2f}, density {box['density']:.2f}, "
                     f"mass {box['mass']:.2f} ({box['points']} points); restricts "
                     f"{', '.join(box['restricted']) or 'nothing'}")
        for lever, limits in box["limits"].iterrows():
            lo, hi = found.data[lever].min(), found.data[lever].max()
            mark = "  ← restricted" if lever in box["restricted"] else ""
            lines.append(f"  {lever:26s} {limits['min']:>12.4g} – {limits['max']:<12.4g} (swept {lo:.4g}–{hi:.4g}){mark}")
        inside = np.ones(len(data), dtype=bool)
        for lever, limits in box["limits"].iterrows():
            inside &= (data[lever] >= limits["min"]) & (data[lever] <= limits["max"])
        if inside.any():
            lines.append(f"  mean cost_total in the box: {data.loc[inside, 'cost_total'].mean():,.0f} yuan "
                         f"(all points: {data['cost_total'].mean():,.0f})")
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=Path, default=SCENARIO, help="scenario file (default: the tutorial)")
    parser.add_argument("--points", type=int, default=40, help="design points (Latin hypercube)")
    parser.add_argument("--trials", type=int, default=8, help="trials per point")
    parser.add_argument("--days", type=int, default=None, help="days to simulate (default: the scenario's)")
    parser.add_argument("--seed", type=int, default=None, help="scenario seed")
    parser.add_argument("--threshold", type=float, default=None, help="satisfaction threshold, %% (default: upper quartile)")
    parser.add_argument("--density", type=float, default=0.8, help="least density of a box (0–1)")
    parser.add_argument("--boxes", type=int, default=2, help="boxes to look for")
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            import ema_workbench  # noqa: F401
    except ImportError:
        print("This example needs the EMA Workbench: pip install ema_workbench", file=sys.stderr)
        return 2
    sweep = run_sweep(args.scenario, points=args.points, trials=args.trials, days=args.days, seed=args.seed)
    found = discover(sweep, threshold=args.threshold, density=args.density, max_boxes=args.boxes)
    print(report(found))
    for number, box in enumerate(found.boxes, start=1):
        print(f"\nBox {number} as the EMA Workbench shows it:")
        box["box"].inspect(style="table")
    return 0


if __name__ == "__main__":
    sys.exit(main())
