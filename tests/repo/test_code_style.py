"""wirogen's own code: typed strictly, linted, formatted."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ..support.paths import ROOT
from ..support.typecheck import run_mypy

# slow: mypy, ruff and black over the whole repository.
pytestmark = pytest.mark.slow


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_generator_passes_mypy_strict() -> None:
    completed = run_mypy()  # what pyproject.toml's [tool.mypy] names, strictly
    assert completed.returncode == 0, completed.stdout


def test_sources_pass_ruff() -> None:
    completed = run("ruff", "check", "generator", "tests", "benchmarks")
    assert completed.returncode == 0, completed.stdout


def test_sources_are_black_formatted() -> None:
    completed = run("black", "--check", "--quiet", "generator", "tests", "benchmarks")
    assert completed.returncode == 0, completed.stderr
