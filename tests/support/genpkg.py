"""Generating a package in a test and importing it."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from generator.output.tree import write_package
from generator.project import Generation, Project

from .paths import ROOT
from .typecheck import run_mypy

DATA = ROOT / "tests" / "data"
ALL_KINDS_PAGE = DATA / "wirogen__all-kinds.md"


def generate(pages: list[Path], output: Path, package: str = "wiro_tools") -> Generation:
    """Generate `pages` into `output`; fails the test on a parse error."""
    project = Project(package=package)
    result = project.generate(pages, output)
    assert not result.failures, [str(error) for error in result.failures]
    write_package(project.package_dir(output), result.files, result.fingerprint)
    return result


def import_package(output: Path, package: str) -> ModuleType:
    """Import a generated package from `output` (its name must be unique in the session)."""
    if str(output) not in sys.path:
        sys.path.insert(0, str(output))
    return importlib.import_module(package)


def run_checker(*command: str | Path) -> subprocess.CompletedProcess[str]:
    """A checker (`mypy ...`, `ruff ...`, `black ...`) run as `python -m` in a fresh process
    (mypy with the worker's warm cache)."""
    if command[0] == "mypy":
        return run_mypy(*command[1:])
    arguments = [sys.executable, "-m", *map(str, command)]
    return subprocess.run(arguments, cwd=ROOT, capture_output=True, text=True, check=False)
