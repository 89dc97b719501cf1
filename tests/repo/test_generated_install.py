"""generated/ is installable, and installed the way `make generate` does it type checkers see it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.project import find_pages
from generator.render.package import render_project_metadata

from ..support.paths import ROOT, SPECS
from ..support.typecheck import run_mypy

# A user's script: it imports a tool from the installed package and picks a scheduler.
USER_SCRIPT = """
from wiro_tools import WiroClient
from wiro_tools.wiro.pixart_sigma import PixArtSigma


def start(client: WiroClient) -> str:
    return PixArtSigma(client).run(prompt="a cat", scheduler={scheduler!r}).taskid
"""


def test_committed_pyproject_is_what_generate_meta_writes() -> None:
    expected = render_project_metadata("wiro_tools", len(find_pages([SPECS])))
    assert (ROOT / "generated" / "pyproject.toml").read_text() == expected


def mypy_outside_the_repo(tmp_path: Path, scheduler: str) -> subprocess.CompletedProcess[str]:
    """mypy --strict on a user's script in a folder of its own, with no search path given:
    wiro_tools can only come from the environment (`make test` installs it as `make generate`
    does)."""
    assert not tmp_path.is_relative_to(ROOT)
    script = tmp_path / "user_script.py"
    script.write_text(USER_SCRIPT.format(scheduler=scheduler))
    env = {k: v for k, v in os.environ.items() if k not in {"MYPYPATH", "PYTHONPATH"}}
    return run_mypy("--strict", script, cwd=tmp_path, env=env)


@pytest.mark.slow
def test_a_users_script_type_checks_against_the_installed_package(tmp_path: Path) -> None:
    result = mypy_outside_the_repo(tmp_path, "DDIMScheduler")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_a_value_outside_a_literal_fails_against_the_installed_package(tmp_path: Path) -> None:
    result = mypy_outside_the_repo(tmp_path, "Euler")
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Argument "scheduler" to "run" of "PixArtSigma" has incompatible type' in result.stdout
