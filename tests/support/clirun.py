"""The CLI as tests run it: in this process, on a private copy of specs/ when they change pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli import main

from .paths import SPECS


def wirogen(*args: str | Path) -> Result:
    """`wirogen ARGS...` run in this process."""
    return CliRunner().invoke(main, [str(arg) for arg in args])


def private_specs(tmp_path: Path) -> Path:
    """A copy of specs/ in `tmp_path` the test may change."""
    return Path(shutil.copytree(SPECS, tmp_path / "specs"))
