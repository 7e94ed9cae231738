"""Scenario overrides: small JSON5 files that ``extends`` a scenario and state only the changes.

govsim resolves ``extends`` relative to the extending file's folder, or takes an absolute path as
it is; objects merge key by key and lists (mediation tiers, cell groups) are replaced whole
(README, "Scenario files"; docs/model.md §5). The files written here always name their parent by
its absolute path, so they can live in any temporary folder.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any, Dict, Mapping, Union

PathLike = Union[str, "os.PathLike[str]"]

#: A scenario given to :func:`govsim.run` and friends: a file, or a mapping with the content of an
#: extending file, e.g. ``{"extends": "scenarios/example.json5", "name": "more-staff",
#: "services": {"budget": 900000}}``.
ScenarioSpec = Union[PathLike, Mapping[str, Any]]


def nest(overrides: Mapping[str, Any]) -> Dict[str, Any]:
    """Expand dotted keys into nested dicts and merge them, key by key.

    ``{"services.budget": 1e6, "sensors": {"cameras": {"coverage": 0.5}}}`` becomes
    ``{"services": {"budget": 1e6}, "sensors": {"cameras": {"coverage": 0.5}}}``.
    A path into a list element (``mediation.tiers[0].staff``) cannot be overridden this way,
    because a list in an extending file replaces the whole list: give the whole list instead.

    Raises:
        ValueError: for a key with ``[`` or an empty part, or a path that is both a value and an object.
    """
    result: Dict[str, Any] = {}
    for key, value in overrides.items():
        if not isinstance(key, str) or not key:
            raise ValueError(f"override keys must be non-empty strings, got {key!r}")
        if "[" in key:
            raise ValueError(
                f"override {key!r}: a list element cannot be overridden on its own (an extending "
                "file replaces the whole list); give the whole list, e.g. "
                "mediation={'tiers': [{'staff': 6}, {'staff': 3}, {'staff': 1}]}"
            )
        parts = key.split(".")
        if any(not p for p in parts):
            raise ValueError(f"override {key!r}: empty part in the path")
        if isinstance(value, Mapping):
            value = nest(value)
        nested: Any = value
        for part in reversed(parts[1:]):
            nested = {part: nested}
        _merge_into(result, parts[0], nested, key)
    return result


def _merge_into(target: Dict[str, Any], key: str, value: Any, path: str) -> None:
    if key in target and isinstance(target[key], dict) and isinstance(value, dict):
        for k, v in value.items():
            _merge_into(target[key], k, v, path)
    elif key in target and (isinstance(target[key], dict) or isinstance(value, dict)):
        raise ValueError(f"override {path!r} sets {key!r} both to a value and to an object")
    else:
        target[key] = value


def _check_finite(value: Any, path: str = "") -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"override {path or 'value'}: {value} is not a number a scenario file can hold")
    if isinstance(value, Mapping):
        for k, v in value.items():
            _check_finite(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _check_finite(v, f"{path}[{i}]")


def _plain(value: Any) -> Any:
    """Turn numpy scalars and tuples into what ``json`` writes."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and callable(value.item) and not isinstance(value, (str, bytes)):
        try:
            return value.item()
        except (TypeError, ValueError):
            return value
    return value


def write_extending(parent: PathLike, overrides: Mapping[str, Any], folder: PathLike, stem: str) -> Path:
    """Write ``folder/stem.json5``: a scenario that ``extends`` ``parent`` (by absolute path) with
    ``overrides`` (nested or dotted keys) and return its path.

    The scenario's ``name`` is the override ``name`` when given, else ``stem`` (govsim names a
    file that sets no ``name`` after the file).
    """
    parent_path = Path(parent).expanduser().resolve()
    if not parent_path.is_file():
        raise FileNotFoundError(f"scenario file not found: {parent}")
    body = _plain(nest(overrides))
    if "extends" in body:
        raise ValueError("'extends' is set by govsim.run itself; pass the scenario as the first argument")
    _check_finite(body)
    content = {"extends": str(parent_path), **body}
    path = Path(folder) / f"{stem}.json5"
    text = "// Written by the govsim Python package: the scenario it extends, with these overrides.\n"
    text += json.dumps(content, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def materialize(spec: ScenarioSpec, folder: PathLike, stem: str, overrides: Mapping[str, Any] | None = None) -> tuple[Path, Path | None]:
    """The scenario file to give govsim for ``spec`` (with extra ``overrides``), and the file it
    extends when one had to be written (``None`` when ``spec`` is used as it is)."""
    if isinstance(spec, Mapping):
        spec = dict(spec)
        if "extends" not in spec:
            raise ValueError("a scenario given as a mapping needs 'extends': the scenario file it changes")
        parent = spec.pop("extends")
        merged = nest(spec)
        if overrides:
            for key, value in nest(overrides).items():
                _merge_into(merged, key, value, key)
        return write_extending(parent, merged, folder, stem), Path(parent).expanduser().resolve()
    path = Path(spec).expanduser()
    if overrides:
        return write_extending(path, overrides, folder, stem), path.resolve()
    return path.resolve() if path.exists() else path, None


def default_stem(spec: ScenarioSpec) -> str:
    """A file stem for the extending file of ``spec``: its ``name``, else its parent's stem."""
    if isinstance(spec, Mapping):
        name = spec.get("name")
        if isinstance(name, str) and name:
            return _safe(name)
        return _safe(Path(str(spec.get("extends", "scenario"))).stem)
    return _safe(Path(spec).stem)


def _safe(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_." else "_" for c in name).strip(".")
    return cleaned or "scenario"
