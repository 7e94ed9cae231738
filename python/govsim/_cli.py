"""Finding the govsim executable and calling it, with its exit statuses mapped to exceptions."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Optional, Sequence, Union

PathLike = Union[str, "os.PathLike[str]"]

#: What each of govsim's exit statuses means (README, "Exit statuses").
EXIT_MEANINGS = {
    1: "failure at run time",
    64: "usage mistake (a wrong option or value on the command line)",
    65: "bad scenario file",
    66: "--resume found nothing to resume in the output folder",
    73: "the output folder cannot be written (or another govsim is writing into it)",
    130: "interrupted (the trials already finished are written; manifest.json says partial)",
}


class GovsimError(RuntimeError):
    """govsim exited with a non-zero status.

    Attributes:
        returncode: the exit status (see :data:`EXIT_MEANINGS`).
        command: the argument list that was run.
        stderr: what govsim printed on standard error (its own explanation of the problem).
    """

    def __init__(self, returncode: int, command: Sequence[str], stderr: str, hint: str = "") -> None:
        self.returncode = returncode
        self.command = list(command)
        self.stderr = stderr
        meaning = EXIT_MEANINGS.get(returncode, "unexpected exit status")
        message = f"govsim exited with status {returncode} ({meaning}): {' '.join(self.command)}"
        if stderr.strip():
            message += "\n" + stderr.rstrip()
        if hint:
            message += "\n" + hint
        super().__init__(message)


class UsageError(GovsimError, ValueError):
    """Exit status 64: govsim refused the command line (an option or value it does not accept)."""


class ScenarioError(GovsimError, ValueError):
    """Exit status 65: a scenario file (or an override) is wrong; ``stderr`` names file, field and problem."""


class InterruptedRun(GovsimError):
    """Exit status 130: govsim was interrupted; the output folder holds the trials finished so far."""


class BinaryNotFoundError(FileNotFoundError):
    """No govsim executable was found (``GOVSIM``, the repository's release build, ``PATH``)."""


def _repository_candidates() -> list[Path]:
    """Repository roots to look in for ``.build/release/govsim``: the checkout this package
    lives in (``<repo>/python/govsim/``), then the current directory and its parents."""
    roots: list[Path] = []
    here = Path(__file__).resolve().parent.parent.parent
    if (here / "Package.swift").is_file():
        roots.append(here)
    cwd = Path.cwd().resolve()
    for directory in (cwd, *cwd.parents):
        if (directory / "Package.swift").is_file() and directory not in roots:
            roots.append(directory)
            break
    return roots


def find_binary() -> Path:
    """The govsim executable to run.

    In order: the ``GOVSIM`` environment variable (a path, or a name looked up on ``PATH``);
    ``<repo>/.build/release/govsim`` of the repository this package sits in (or that the current
    directory is in); ``govsim`` on ``PATH``.

    Raises:
        BinaryNotFoundError: when none of these is an executable file.
    """
    tried: list[str] = []
    env = os.environ.get("GOVSIM")
    if env:
        candidate = Path(env).expanduser()
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate.resolve()
        found = shutil.which(env)
        if found:
            return Path(found).resolve()
        raise BinaryNotFoundError(
            f"GOVSIM={env!r} is not an executable file (nor a command on PATH); "
            "point it at a built govsim, e.g. GOVSIM=.build/release/govsim"
        )
    tried.append("$GOVSIM (unset)")
    for root in _repository_candidates():
        candidate = root / ".build" / "release" / "govsim"
        tried.append(str(candidate))
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("govsim")
    tried.append("govsim on PATH")
    if found:
        return Path(found).resolve()
    raise BinaryNotFoundError(
        "govsim executable not found; looked at " + ", ".join(tried) + ". Build it with "
        "`swift build -c release` in the repository, or set GOVSIM to its path."
    )


def call(
    args: Sequence[str],
    binary: Optional[PathLike] = None,
    cwd: Optional[PathLike] = None,
    hint_on_65: str = "",
) -> subprocess.CompletedProcess[str]:
    """Run ``govsim ARGS`` and return the finished process; raise on a non-zero exit.

    Args:
        args: the arguments after the program name, e.g. ``["run", "x.json5", "--quiet"]``.
        binary: the executable; :func:`find_binary` when ``None``.
        cwd: working directory for the call.
        hint_on_65: text appended to the message of a :class:`ScenarioError`.

    Raises:
        UsageError, ScenarioError, InterruptedRun, GovsimError: by exit status.
    """
    exe = str(Path(binary)) if binary is not None else str(find_binary())
    command = [exe, *map(str, args)]
    env = dict(os.environ)
    env.setdefault("NO_COLOR", "1")
    process = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, errors="replace")
    if process.returncode != 0:
        shown = ["govsim", *command[1:]]
        code = process.returncode
        if code == 64:
            raise UsageError(code, shown, process.stderr)
        if code == 65:
            raise ScenarioError(code, shown, process.stderr, hint_on_65)
        if code == 130 or code < 0:
            raise InterruptedRun(code, shown, process.stderr)
        raise GovsimError(code, shown, process.stderr)
    return process


def version(binary: Optional[PathLike] = None) -> str:
    """The version govsim reports (``govsim --version``)."""
    return call(["--version"], binary=binary).stdout.strip()
