"""Run govsim, the agent-based simulator of grassroots social governance, from Python.

Results come back as pandas DataFrames::

    import govsim
    r = govsim.run("scenarios/example.json5", trials=50, services={"budget": 900_000})
    r.metrics.loc["satisfaction_pct", ["mean", "ci95_lo", "ci95_hi", "pi90_lo", "pi90_hi"]]

    c = govsim.compare("scenarios/example.json5",
                       {"extends": "scenarios/example.json5", "name": "more-budget",
                        "services": {"budget": 900_000}}, trials=50)
    c.differences.query("metric == 'safety_score' and part_kind == 'district'")

    s = govsim.sweep("scenarios/example.json5", vary={"services.budget": (0, 2e6, 5)}, trials=10)
    s.wide()[["services.budget", "satisfaction_pct"]]

    govsim.load("results/example")      # any results folder, without running

The executable is found by :func:`find_binary` (``GOVSIM``, the repository's release build,
``PATH``). Nothing touches the network.
"""

from ._cli import (
    EXIT_MEANINGS,
    BinaryNotFoundError,
    GovsimError,
    InterruptedRun,
    ScenarioError,
    UsageError,
    call,
    find_binary,
    version,
)
from ._scenario import nest, write_extending
from .results import (
    DISTRICT,
    ESTATE,
    GROUP,
    Comparison,
    Explanation,
    Run,
    Sweep,
    load,
    split_column,
    summary_frame,
    tidy_trials,
    trial_parameters,
)
from .runner import compare, explain, run, sweep

__version__ = "0.1.0"

__all__ = [
    "run", "compare", "explain", "sweep", "load",
    "Run", "Comparison", "Explanation", "Sweep",
    "tidy_trials", "trial_parameters", "summary_frame", "split_column",
    "find_binary", "call", "version", "nest", "write_extending",
    "GovsimError", "UsageError", "ScenarioError", "InterruptedRun", "BinaryNotFoundError",
    "EXIT_MEANINGS", "DISTRICT", "GROUP", "ESTATE",
]
