"""`check -o DIR` when DIR holds the package under another name (a forgotten --package)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..support.clirun import wirogen
from ..support.paths import SPECS


@pytest.fixture
def page(tmp_path: Path) -> Path:
    specs = tmp_path / "specs"
    specs.mkdir()
    return Path(shutil.copy(SPECS / "wiro__cartoonify.md", specs))


@pytest.mark.parametrize("package", ["acme_tools", "myapp.vendor.wiro"])
def test_check_names_the_package_the_directory_holds(
    page: Path, tmp_path: Path, package: str
) -> None:
    out = tmp_path / "out"
    assert wirogen("generate", page, "-o", out, "--package", package).exit_code == 0
    result = wirogen("check", page, "-o", out)
    assert result.exit_code == 2
    assert f"holds no package 'wiro_tools' but holds {package}" in result.stderr
    assert f"give --package {package}" in result.stderr
    assert "missing:" not in result.stdout


def test_check_of_a_directory_without_any_package_lists_the_missing_files(
    page: Path, tmp_path: Path
) -> None:
    result = wirogen("check", page, "-o", tmp_path / "empty")
    assert result.exit_code == 1
    assert "missing: " in result.stdout
