"""Folders and files get the user's umask, on the first run and through the atomic swap."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from .support import copy_pages, start

# slow: wirogen processes under other umasks.
pytestmark = pytest.mark.slow

PAGE = "wiro__cartoonify.md"


def modes(package: Path) -> set[tuple[str, int]]:
    """("dir" | "file", permission bits) of every entry of the package, caches aside."""
    found = {("dir", stat.S_IMODE(package.stat().st_mode))}
    for path in package.rglob("*"):
        if "__pycache__" not in path.parts:
            kind = "dir" if path.is_dir() else "file"
            found.add((kind, stat.S_IMODE(path.stat().st_mode)))
    return found


def generate(pages: Path, output: Path, umask: int) -> None:
    run = start("generate", pages, "-o", output, "-q", umask=umask)
    assert run.wait(timeout=300) == 0


@pytest.mark.parametrize(
    ("umask", "directories", "files"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)]
)
def test_a_first_run_creates_with_the_umask(
    tmp_path: Path, umask: int, directories: int, files: int
) -> None:
    generate(copy_pages(tmp_path / "specs"), tmp_path / "out", umask)
    assert modes(tmp_path / "out" / "wiro_tools") == {("dir", directories), ("file", files)}


@pytest.mark.parametrize(
    ("umask", "directories", "files"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)]
)
def test_a_swapped_in_tree_has_the_umask_modes(
    tmp_path: Path, umask: int, directories: int, files: int
) -> None:
    pages = copy_pages(tmp_path / "specs")
    generate(pages, tmp_path / "out", umask)
    page = pages / PAGE
    page.write_text(page.read_text().replace("fun, vibrant", "vibrant", 1))
    generate(pages, tmp_path / "out", umask)
    assert modes(tmp_path / "out" / "wiro_tools") == {("dir", directories), ("file", files)}
