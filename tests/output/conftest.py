"""Fixtures of the output tests: a small page set and the package generated from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support.clirun import wirogen
from .support import copy_pages


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """Two pages of specs/ in their own folder."""
    return copy_pages(tmp_path / "specs")


@pytest.fixture
def package(pages: Path, tmp_path: Path) -> Path:
    """The package `wirogen generate` makes of `pages`."""
    result = wirogen("generate", pages, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "wiro_tools"
