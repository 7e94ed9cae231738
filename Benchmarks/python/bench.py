"""Times the NumPy and Mesa versions of the simple model and prints one JSON object.

Only the daily steps are timed (the population is built before the clock starts, as in the Swift
version). Each configuration is timed `--repeats` times on a fresh model; best and median kept.
Usage: python bench.py [--quick] [--repeats R]
"""
import argparse
import json
import platform
import statistics
import sys
import time

import mesa
import numpy as np

from simple_mesa import City
from simple_numpy import NumpyModel
from simple_model import CELL, cells_for


def timed(make, days, repeats):
    walls, cpus, outcome = [], [], None
    for _ in range(repeats):
        model = make()
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(days):
            model.step()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
        outcome = model.outcome()
    return walls, cpus, outcome


def record(kind, residents, days, walls, cpus, outcome):
    n = cells_for(residents) * CELL
    work = n * days
    return {
        "implementation": kind, "residents": n, "days": days, "threads": 1,
        "wall_seconds": walls, "cpu_seconds": cpus,
        "best_wall_seconds": min(walls), "median_wall_seconds": statistics.median(walls),
        "best_cpu_seconds": min(cpus),
        "resident_days": work,
        "rate_best_wall": work / min(walls), "rate_median_wall": work / statistics.median(walls),
        "rate_best_cpu": work / min(cpus),
        "satisfaction_pct": outcome[0], "safety": outcome[1],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    repeats = 1 if a.quick else a.repeats
    out = {"meta": {"python": sys.version.split()[0], "numpy": np.__version__, "mesa": mesa.__version__,
                    "platform": platform.platform(), "repeats": repeats}}
    runs = []
    for n in [10_000, 100_000, 1_000_000]:
        # At least a year and ~100 million resident-days, so small districts are timed long enough.
        numpy_days = 30 if a.quick else max(365, 100_000_000 // n)
        print(f"numpy: {n} residents x {numpy_days} days", file=sys.stderr)
        w, c, o = timed(lambda: NumpyModel(n), numpy_days, repeats)
        runs.append(record("numpy", n, numpy_days, w, c, o))
    # Mesa is ~100x slower: 10,000 residents x 30 days (and 20,000 x 30 to show the cost is linear).
    for n, days in ([(10_000, 30)] if a.quick else [(10_000, 30), (20_000, 30)]):
        print(f"mesa: {n} residents x {days} days", file=sys.stderr)
        w, c, o = timed(lambda: City(n), days, repeats)
        runs.append(record("mesa", n, days, w, c, o))
    out["runs"] = runs
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
