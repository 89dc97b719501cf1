"""The lock is held by path and inode, and `check` reads without it when it cannot take it
(issue 19 item 11)."""

from __future__ import annotations

import contextlib
import errno
from pathlib import Path
from typing import Any

import pytest

from generator.cli import generate as generate_module
from generator.output import lock as lock_module
from generator.output.lock import LockLost, lock_path, package_lock

from ..support.clirun import wirogen
from ..support.trees import tree


def test_a_lock_whose_file_was_deleted_is_no_longer_confirmed(tmp_path: Path) -> None:
    with package_lock(tmp_path / "wiro_tools", timeout=0) as held:
        lock_path(tmp_path / "wiro_tools").unlink()
        with pytest.raises(LockLost, match="was removed or replaced"):
            held.confirm()


def test_a_run_that_lost_its_lock_file_leaves_the_next_runs_file(tmp_path: Path) -> None:
    package = tmp_path / "wiro_tools"
    with contextlib.ExitStack() as first:
        first.enter_context(package_lock(package, timeout=0))
        lock_path(package).unlink()
        with package_lock(package, timeout=0):
            first.close()
            assert lock_path(package).exists()


def test_generate_writes_nothing_when_its_lock_file_is_deleted_mid_run(
    package: Path, pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree(package)
    generation = generate_module._generation

    def deleting_the_lock(*args: Any, **kwargs: Any) -> Any:
        lock_path(package).unlink()
        return generation(*args, **kwargs)

    monkeypatch.setattr(generate_module, "_generation", deleting_the_lock)
    (pages / "wiro__cartoonify.md").unlink()
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 1
    assert "was removed or replaced while this run held it" in result.stderr
    assert tree(package) == before


def read_only(path: Path) -> int:
    raise OSError(errno.EROFS, "Read-only file system", str(path))


def test_check_of_a_read_only_tree_reports_fresh(
    package: Path, pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock_module, "_open_lock_file", read_only)
    result = wirogen("check", pages, "-o", package.parent)
    assert result.exit_code == 0, result.output
    assert "fresh:" in result.stdout
    assert "reading without the lock" in result.stderr


def test_check_of_a_read_only_tree_reports_stale(
    package: Path, pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock_module, "_open_lock_file", read_only)
    (pages / "wiro__cartoonify.md").unlink()
    result = wirogen("check", pages, "-o", package.parent)
    assert result.exit_code == 1
    assert "stale:" in result.stdout and "cannot lock" not in result.output


def test_generate_of_a_read_only_tree_still_fails_naming_the_lock(
    package: Path, pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock_module, "_open_lock_file", read_only)
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 1 and "cannot lock" in result.stderr
