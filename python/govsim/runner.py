"""Running ``govsim run``, ``compare`` and ``sweep`` and reading what they write."""

from __future__ import annotations

import math
import numbers
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, TypeVar, Union

from ._cli import PathLike, ScenarioError, call, find_binary
from ._scenario import ScenarioSpec, default_stem, materialize
from .results import Comparison, Explanation, Run, Sweep

#: A lever range for :func:`sweep`: ``(lo, hi)`` or ``(lo, hi, steps)`` (steps: grid points on
#: this axis), or the CLI's own text ``"lo:hi[:steps]"``.
Range = Union[Tuple[float, float], Tuple[float, float, int], Sequence[float], str]


class _Workspace:
    """A temporary folder for override files and, when no ``out`` is given, the results.
    Deleted when the result object holding it is garbage collected."""

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="govsim-")
        self.path = Path(self._tmp.name)
        self.scenarios = self.path / "scenarios"
        self.scenarios.mkdir()

    def cleanup(self) -> None:
        self._tmp.cleanup()


def _number(value: float) -> str:
    """A number as the CLI reads it: whole numbers without a decimal point, others by ``repr``
    (shortest round-trip form; the CLI reads exponents such as ``1e-05``). numpy scalars work."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"a sweep range needs numbers, got {value!r} (a switch cannot be swept)")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"a sweep range needs finite numbers, got {value!r}")
    if isinstance(value, numbers.Integral) or (number.is_integer() and abs(number) < 1e15):
        return str(int(number))
    return repr(number)


def _vary_argument(path: str, spec: Range) -> str:
    if isinstance(spec, str):
        return f"{path}={spec}"
    values = list(spec)
    if len(values) == 2:
        return f"{path}={_number(values[0])}:{_number(values[1])}"
    if len(values) == 3:
        steps = values[2]
        if int(steps) != steps:
            raise ValueError(f"sweep {path}: steps must be a whole number, got {steps!r}")
        return f"{path}={_number(values[0])}:{_number(values[1])}:{int(steps)}"
    raise ValueError(f"sweep {path}: expected (lo, hi) or (lo, hi, steps), got {spec!r}")


def _options(**options: Any) -> List[str]:
    """CLI options from keyword arguments: ``None``/``False`` left out, ``True`` a flag,
    ``max_trials`` → ``--max-trials``."""
    args: List[str] = []
    for name, value in options.items():
        if value is None or value is False:
            continue
        flag = "--" + name.replace("_", "-")
        if value is True:
            args.append(flag)
        else:
            args.extend([flag, str(value)])
    return args


def _validate_hint(parents: Sequence[Path], binary: Optional[PathLike]) -> str:
    """What ``govsim validate`` says about the files an override file extends: govsim hides a
    parent's problems when it lies outside the override file's folder, so ask for them."""
    hints: List[str] = []
    for parent in parents:
        try:
            call(["validate", str(parent)], binary=binary)
        except ScenarioError as error:
            hints.append(f"The scenario the overrides extend has problems of its own:\n{error.stderr.rstrip()}")
        except Exception:  # noqa: BLE001 - a hint must never hide the original error
            pass
    if not hints:
        hints.append("(The scenario was written by govsim.run from your overrides into a temporary "
                     "file that extends the scenario you gave; the field paths above are the overrides'.)")
    return "\n".join(hints)


def _execute(args: List[str], parents: Sequence[Path], binary: Optional[PathLike]) -> subprocess.CompletedProcess[str]:
    try:
        return call(args, binary=binary)
    except ScenarioError as error:
        if not parents:
            raise
        raise ScenarioError(error.returncode, error.command, error.stderr, _validate_hint(parents, binary)) from None


def _output_folder(out: Optional[PathLike], workspace: _Workspace) -> Path:
    if out is None:
        return workspace.path / "results"
    return Path(out).expanduser().resolve()


_Result = TypeVar("_Result")


def _hand_over(result: _Result, workspace: _Workspace, out: Optional[PathLike]) -> _Result:
    """The result, keeping its temporary workspace alive with it when no ``out`` folder was
    given (the results live there), else removing the workspace's scenario files."""
    result._keep = workspace if out is None else None  # type: ignore[attr-defined]
    if out is not None:
        workspace.cleanup()
    return result


def _materialize_arms(specs: Sequence[ScenarioSpec], workspace: _Workspace) -> tuple[List[str], List[Path]]:
    """Scenario files for a baseline and its policies (mappings written into the workspace, each
    under a unique stem), and the parents they extend (for error hints)."""
    files: List[str] = []
    parents: List[Path] = []
    used: Dict[str, int] = {}
    for index, spec in enumerate(specs):
        stem = default_stem(spec) if index == 0 or not isinstance(spec, Mapping) or spec.get("name") else f"policy-{index}"
        count = used.get(stem, 0)
        used[stem] = count + 1
        if count:
            stem = f"{stem}-{count + 1}"
        path, parent = materialize(spec, workspace.scenarios, stem)
        files.append(str(path))
        if parent is not None:
            parents.append(parent)
    return files, parents


def run(
    scenario: ScenarioSpec,
    trials: Optional[int] = None,
    seed: Optional[int] = None,
    fixed: bool = False,
    out: Optional[PathLike] = None,
    *,
    days: Optional[int] = None,
    threads: Optional[int] = None,
    precision: Optional[float] = None,
    max_trials: Optional[int] = None,
    batch: Optional[int] = None,
    resume: bool = False,
    binary: Optional[PathLike] = None,
    overrides: Optional[Mapping[str, Any]] = None,
    **more_overrides: Any,
) -> Run:
    """Run a scenario's Monte Carlo trials (``govsim run SCENARIO --out DIR --quiet``).

    Args:
        scenario: a scenario file (JSON5), or a mapping with the content of a file that
            ``extends`` one (``{"extends": "base.json5", "services": {"budget": 9e5}}``).
        trials: number of trials (``--trials``; default the scenario's ``run.trials``).
        seed: scenario seed (``--seed``; default ``run.seed``).
        fixed: run the parameters the scenario leaves to the defaults at their central values
            instead of drawing them from their shipped priors (``--fixed``).
        out: results folder; by default a temporary folder that lives as long as the returned
            object (``Run.folder``).
        days: days to simulate (``--days``).
        threads: worker threads (``--threads``; results are identical for any number).
        precision: add trials in batches until the 95% CI half-width of the safety score and
            satisfaction is below this (points, resp. percentage points) (``--precision``).
        max_trials: cap on trials with ``precision`` (``--max-trials``).
        batch: trials per batch with ``precision`` (``--batch``).
        resume: finish an interrupted run in ``out`` (``--resume``).
        binary: the govsim executable (default :func:`govsim.find_binary`).
        overrides, **more_overrides: scenario fields to change, nested (``services={"budget":
            9e5}``) or dotted (``overrides={"sensors.cameras.coverage": 0.5}``); written into a
            temporary file that ``extends`` ``scenario``. ``name`` renames the scenario.

    Returns:
        The :class:`Run` with ``summary``, ``trials``, ``timeseries`` and ``folder``.

    Raises:
        ScenarioError: exit 65, a bad scenario file or override (govsim's explanation included).
        UsageError: exit 64, an option govsim refused.
        GovsimError: any other failure; BinaryNotFoundError: no govsim found.
    """
    exe = binary if binary is not None else find_binary()
    workspace = _Workspace()
    try:
        merged = {**(overrides or {}), **more_overrides}
        stem = default_stem(scenario)
        path, parent = materialize(scenario, workspace.scenarios, stem, merged)
        folder = _output_folder(out, workspace)
        args = ["run", str(path), "--out", str(folder), "--quiet"]
        args += _options(trials=trials, days=days, seed=seed, threads=threads, precision=precision,
                         max_trials=max_trials, batch=batch, resume=resume, fixed=fixed)
        _execute(args, [parent] if parent else [], exe)
        result = Run.load(folder)
    except BaseException:
        workspace.cleanup()
        raise
    return _hand_over(result, workspace, out)


def compare(
    baseline: ScenarioSpec,
    *policies: ScenarioSpec,
    trials: Optional[int] = None,
    seed: Optional[int] = None,
    fixed: bool = False,
    out: Optional[PathLike] = None,
    threads: Optional[int] = None,
    precision: Optional[float] = None,
    max_trials: Optional[int] = None,
    batch: Optional[int] = None,
    objective: Optional[str] = None,
    indifference: Optional[float] = None,
    select: bool = False,
    alpha: Optional[float] = None,
    binary: Optional[PathLike] = None,
) -> Comparison:
    """Compare policies with a baseline on paired trials (``govsim compare BASELINE POLICY...``).

    Every arm runs the same seed and trial indices (common random numbers), so the differences
    are paired.

    Args:
        baseline: the baseline scenario (a file, or a mapping that ``extends`` one).
        *policies: one or more policy scenarios, each a file or a mapping such as
            ``{"extends": "base.json5", "name": "more-budget", "services": {"budget": 9e5}}``
            (give each mapping a ``name``: arms are labelled by scenario name).
        trials: trials per arm (``--trials``).
        seed: scenario seed (``--seed``).
        fixed: parameters at their central values instead of drawn from priors (``--fixed``).
        out: results folder (default a temporary one living as long as the returned object).
        threads: worker threads (``--threads``).
        precision: target 95% half-width of the safety and satisfaction differences
            (``--precision``); trials are added in batches of ``batch`` up to ``max_trials``.
        objective: the metric that ranks the arms (``--objective``, default ``safety_score``).
        indifference: indifference zone on the objective, in its unit (``--indifference``).
        select: Kim–Nelson sequential selection of the best arm (``--select``).
        alpha: 1 − confidence of ``select`` and of the indistinguishable group (``--alpha``).
        binary: the govsim executable.

    Returns:
        The :class:`Comparison`: ``differences`` (arm − baseline per metric with ci95, pi90,
        relative change, p-value, …), ``trials`` (every arm's trials), ``paired()``,
        ``cost_effectiveness``.
    """
    if not policies:
        raise TypeError("compare needs at least one policy besides the baseline")
    exe = binary if binary is not None else find_binary()
    workspace = _Workspace()
    try:
        files, parents = _materialize_arms((baseline, *policies), workspace)
        folder = _output_folder(out, workspace)
        args = ["compare", *files, "--out", str(folder), "--quiet"]
        args += _options(trials=trials, seed=seed, threads=threads, precision=precision, max_trials=max_trials,
                         batch=batch, objective=objective, indifference=indifference, select=select,
                         alpha=alpha, fixed=fixed)
        _execute(args, parents, exe)
        result = Comparison.load(folder)
    except BaseException:
        workspace.cleanup()
        raise
    return _hand_over(result, workspace, out)


def sweep(
    scenario: Union[ScenarioSpec, PathLike],
    vary: Optional[Mapping[str, Range]] = None,
    *,
    design: Optional[str] = None,
    points: Optional[int] = None,
    trials: Optional[int] = None,
    seed: Optional[int] = None,
    fixed: bool = False,
    out: Optional[PathLike] = None,
    threads: Optional[int] = None,
    resume: bool = False,
    binary: Optional[PathLike] = None,
) -> Sweep:
    """Run a scenario over a design of parameter values (``govsim sweep SCENARIO --vary ...``),
    or read a finished sweep folder when ``scenario`` is one.

    Args:
        scenario: a scenario file, a mapping that ``extends`` one, or a sweep results folder (read
            without running; the other arguments must then be left out).
        vary: parameter path → range, ``(lo, hi)`` or ``(lo, hi, steps)`` in the parameter's
            unit, e.g. ``{"services.budget": (0, 2e6, 5), "volunteers.initialShare": (0, 0.05)}``.
            Paths as ``govsim params`` lists them (``mediation.tiers[0].staff`` works); only numeric
            fields can be swept. Without ``vary`` the scenario's own ``sweep`` section is used.
        design: ``grid`` (default), ``lhs`` or ``sobol`` (``--design``).
        points: design points (``--points``; for a grid, the total aimed at when an axis gives no
            steps; default 10 per grid axis, 64 otherwise).
        trials: trials per point (``--trials``; default 20).
        seed: scenario seed (``--seed``).
        fixed: parameters at their central values instead of drawn from priors (``--fixed``).
        out: results folder (default a temporary one living as long as the returned object).
        threads: worker threads (``--threads``).
        resume: finish an interrupted sweep in ``out`` (``--resume``).
        binary: the govsim executable.

    Returns:
        The :class:`Sweep`: ``table`` (sweep.csv: a row per point and metric), ``wide()``,
        ``points``, ``levers``, ``trials``.
    """
    if not isinstance(scenario, Mapping) and Path(scenario).is_dir():
        if vary or fixed or resume or any(v is not None for v in (design, points, trials, seed, out)):
            raise TypeError("reading a sweep folder takes no run options")
        return Sweep.load(scenario)
    exe = binary if binary is not None else find_binary()
    workspace = _Workspace()
    try:
        path, parent = materialize(scenario, workspace.scenarios, default_stem(scenario))
        folder = _output_folder(out, workspace)
        args = ["sweep", str(path)]
        for lever, spec in (vary or {}).items():
            args += ["--vary", _vary_argument(lever, spec)]
        args += ["--out", str(folder), "--quiet"]
        args += _options(design=design, points=points, trials=trials, seed=seed, threads=threads,
                         resume=resume, fixed=fixed)
        _execute(args, [parent] if parent else [], exe)
        result = Sweep.load(folder)
    except BaseException:
        workspace.cleanup()
        raise
    return _hand_over(result, workspace, out)




def explain(
    baseline: ScenarioSpec,
    policy: ScenarioSpec,
    *,
    trials: Optional[int] = None,
    seed: Optional[int] = None,
    fixed: bool = False,
    permutations: Optional[int] = None,
    out: Optional[PathLike] = None,
    threads: Optional[int] = None,
    binary: Optional[PathLike] = None,
) -> Explanation:
    """Split a multi-lever policy's effect among its levers (``govsim explain BASELINE POLICY``).

    The levers are the paths the policy sets differently from the baseline; every combination of
    them runs on common random numbers, and each lever gets its Shapley value (its share of the
    whole effect; the shares add up to it), its effect alone and the policy's loss without it.

    Args:
        baseline: the baseline scenario (a file, or a mapping that ``extends`` one).
        policy: the policy scenario, e.g. ``{"extends": "base.json5", "name": "package",
            "services": {"budget": 9e5}, "council": {"enabled": True}}``.
        trials: paired trials per combination (``--trials``).
        seed: scenario seed (``--seed``).
        fixed: parameters at their central values instead of drawn from priors (``--fixed``).
        permutations: random orders for sampled Shapley values above 8 levers (``--permutations``).
        out: results folder (default a temporary one living as long as the returned object).
        threads: worker threads (``--threads``).
        binary: the govsim executable.

    Returns:
        The :class:`Explanation`: ``table`` (explain.csv: lever, output, measure, mean, CI),
        ``levers`` (path, from, to) and ``shapley()``.
    """
    exe = binary if binary is not None else find_binary()
    workspace = _Workspace()
    try:
        files, parents = _materialize_arms((baseline, policy), workspace)
        folder = _output_folder(out, workspace)
        args = ["explain", *files, "--out", str(folder), "--quiet"]
        args += _options(trials=trials, seed=seed, threads=threads, permutations=permutations, fixed=fixed)
        _execute(args, parents, exe)
        result = Explanation.load(folder)
    except BaseException:
        workspace.cleanup()
        raise
    return _hand_over(result, workspace, out)


__all__ = ["run", "compare", "sweep", "explain", "Range"]
