"""The scenario-discovery example (EMA Workbench PRIM over a govsim sweep) runs and finds boxes
that meet what it promises; skipped when ema_workbench is not installed (unless
GOVSIM_REQUIRE_EMA is set, as scripts/python-test sets it)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

if os.environ.get("GOVSIM_REQUIRE_EMA"):
    import ema_workbench  # noqa: F401  (CI installs it: a missing one fails rather than skips)
else:
    pytest.importorskip("ema_workbench", reason="the EMA Workbench is not installed (pip install ema_workbench)")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "scenario_discovery.py"


@pytest.fixture(scope="module")
def example(binary: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("scenario_discovery", EXAMPLE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["scenario_discovery"] = module
    spec.loader.exec_module(module)
    return module


def test_discovery_boxes(example: ModuleType) -> None:
    sweep = example.run_sweep(points=20, trials=2, days=45)
    assert sweep.levers == list(example.LEVERS)
    found = example.discover(sweep, density=0.7)
    data = found.data
    assert len(data) == 20
    assert data["of_interest"].sum() == (data[example.OUTCOME] > found.threshold).sum()
    for box in found.boxes:
        assert box["density"] >= 0.7
        assert set(box["limits"].index) == set(example.LEVERS)
        inside = data.copy()
        for lever, limits in box["limits"].iterrows():
            inside = inside[(inside[lever] >= limits["min"]) & (inside[lever] <= limits["max"])]
        assert len(inside) == box["points"]
        assert inside["of_interest"].mean() == pytest.approx(box["density"])
    text = example.report(found)
    assert "Cases of interest" in text


def test_main_prints_the_boxes(example: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert example.main(["--points", "16", "--trials", "2", "--days", "45"]) == 0
    out = capsys.readouterr().out
    assert "govsim sweep of example" in out
    assert "Box 1" in out or "no box" in out


def test_notebook_cells_compile() -> None:
    """The notebook beside the example: valid nbformat 4 JSON whose code cells are valid Python
    (its code calls the functions tested above)."""
    import json

    notebook = json.loads(EXAMPLE.with_suffix(".ipynb").read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    code = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code
    for number, source in enumerate(code):
        compile(source, f"{EXAMPLE.stem}.ipynb cell {number}", "exec")
