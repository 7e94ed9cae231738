"""Fixtures: the real govsim binary and a tiny scenario written into a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import govsim

TINY = """\
// A tiny district for the Python package's tests: two cell groups, a month, a few trials.
{
  name: "tiny",
  run: { trials: 4, days: 30, seed: 11 },
  district: { cells: [
    { name: "old", count: 2, households: 90, estate: "oldEstate" },
    { name: "new", count: 1, households: 110, estate: "newEstate" },
  ] },
  services: { budget: 120000 },
  volunteers: { initialShare: 0.01 },
  sensors: { cameras: { coverage: 0.2 } },
}
"""

POLICY = """\
{ extends: "tiny.json5", name: "more-volunteers", volunteers: { initialShare: 0.05 } }
"""


@pytest.fixture(scope="session")
def binary() -> Path:
    """The govsim executable; the tests skip when none is found and GOVSIM is unset
    (with GOVSIM set, a wrong path is an error, as in CI)."""
    try:
        return govsim.find_binary()
    except govsim.BinaryNotFoundError as error:
        if os.environ.get("GOVSIM"):
            raise
        pytest.skip(str(error))


@pytest.fixture(scope="session")
def scenarios(tmp_path_factory: pytest.TempPathFactory, binary: Path) -> Path:
    """A folder with tiny.json5 and more-volunteers.json5 (which extends it)."""
    folder = tmp_path_factory.mktemp("scenarios")
    (folder / "tiny.json5").write_text(TINY, encoding="utf-8")
    (folder / "more-volunteers.json5").write_text(POLICY, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def tiny(scenarios: Path) -> Path:
    return scenarios / "tiny.json5"


@pytest.fixture(scope="session")
def policy(scenarios: Path) -> Path:
    return scenarios / "more-volunteers.json5"


@pytest.fixture(scope="session")
def tiny_run(tiny: Path) -> govsim.Run:
    return govsim.run(tiny)
