"""Exit statuses mapped to exceptions, with govsim's explanation."""

from __future__ import annotations

from pathlib import Path

import pytest

import govsim


def test_bad_scenario_file_is_a_scenario_error(tmp_path: Path, binary: Path) -> None:
    bad = tmp_path / "bad.json5"
    bad.write_text('{ run: { trials: 2, days: 5 }, servces: { budget: 1 } }', encoding="utf-8")
    with pytest.raises(govsim.ScenarioError) as caught:
        govsim.run(bad)
    error = caught.value
    assert error.returncode == 65
    assert "servces" in error.stderr
    assert "bad scenario file" in str(error) and "servces" in str(error)
    assert isinstance(error, ValueError) and isinstance(error, govsim.GovsimError)


def test_missing_scenario_file(tmp_path: Path, binary: Path) -> None:
    with pytest.raises(govsim.ScenarioError, match="no such file"):
        govsim.run(tmp_path / "missing.json5")
    with pytest.raises(FileNotFoundError):
        govsim.run(tmp_path / "missing.json5", services={"budget": 1})


def test_bad_override(tiny: Path) -> None:
    with pytest.raises(govsim.ScenarioError) as caught:
        govsim.run(tiny, services={"budgt": 5})
    assert "budgt" in caught.value.stderr
    assert "overrides" in str(caught.value)


def test_override_of_a_bad_file_shows_the_files_problems(tmp_path: Path, binary: Path) -> None:
    bad = tmp_path / "bad.json5"
    bad.write_text('{ run: { trials: 2 }, foo: 1 }', encoding="utf-8")
    with pytest.raises(govsim.ScenarioError) as caught:
        govsim.run(bad, services={"budget": 5})
    assert "foo" in str(caught.value)


def test_usage_mistake_is_a_usage_error(tiny: Path) -> None:
    with pytest.raises(govsim.UsageError) as caught:
        govsim.run(tiny, trials=0)
    assert caught.value.returncode == 64 and "--trials" in caught.value.stderr
    assert "usage mistake" in str(caught.value)
    with pytest.raises(govsim.UsageError):
        govsim.sweep(tiny, vary={"no.such.parameter": (0, 1)})
    with pytest.raises(govsim.UsageError):
        govsim.compare(tiny, tiny, objective="no_such_metric")


def test_binary_not_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GOVSIM", str(tmp_path / "nowhere" / "govsim"))
    with pytest.raises(govsim.BinaryNotFoundError, match="GOVSIM"):
        govsim.find_binary()
    with pytest.raises(FileNotFoundError):
        govsim.run("whatever.json5")


def test_binary_from_path(monkeypatch: pytest.MonkeyPatch, binary: Path) -> None:
    monkeypatch.delenv("GOVSIM", raising=False)
    monkeypatch.setenv("PATH", str(binary.parent))
    monkeypatch.chdir(binary.anchor)
    found = govsim.find_binary()
    assert found.name == "govsim" and found.is_file()


def test_load_refuses_other_folders(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        govsim.load(tmp_path)
    with pytest.raises(FileNotFoundError):
        govsim.load(tmp_path / "missing")
