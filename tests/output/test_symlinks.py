"""Nothing `generate` or `check` writes follows a symlink: a file outside the project stays
as it was, whatever the repository ships at the paths wirogen writes (issue 19 items 1, 2)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.output.files import NotOurFileError, read_owned, write_atomically
from generator.output.lock import lock_path

from ..support.clirun import wirogen
from ..support.paths import SPECS

PRECIOUS = b"the user's own file\n"


@pytest.fixture
def precious(tmp_path: Path) -> Path:
    """A file outside the project that no run may change."""
    path = tmp_path / "home" / ".bashrc"
    path.parent.mkdir()
    path.write_bytes(PRECIOUS)
    return path


def plant(link: Path, target: Path) -> None:
    link.unlink(missing_ok=True)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


def test_a_symlinked_lock_file_is_not_truncated_by_check(
    package: Path, pages: Path, precious: Path
) -> None:
    plant(lock_path(package), precious)
    result = wirogen("check", pages, "-o", package.parent)
    assert result.exit_code == 0, result.output
    assert precious.read_bytes() == PRECIOUS


def test_a_symlinked_lock_file_makes_generate_fail_naming_it(
    package: Path, pages: Path, precious: Path
) -> None:
    plant(lock_path(package), precious)
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 1
    assert f"{lock_path(package)} is a symlink" in result.stderr
    assert precious.read_bytes() == PRECIOUS


def test_a_hard_linked_lock_file_is_refused_not_truncated(
    package: Path, pages: Path, precious: Path
) -> None:
    os.link(precious, lock_path(package))
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 1
    assert "a hard link to another file" in result.stderr
    assert precious.read_bytes() == PRECIOUS


def test_a_lock_file_holding_more_than_a_pid_is_refused(package: Path, pages: Path) -> None:
    lock_path(package).write_text("not a pid: somebody's notes\n")
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 1
    assert "not a wirogen lock file" in result.stderr
    assert lock_path(package).read_text() == "not a pid: somebody's notes\n"


def test_a_symlinked_manifest_is_refused_not_written_through(
    package: Path, pages: Path, precious: Path
) -> None:
    plant(package / "_manifest.json", precious)
    (pages / "wiro__cartoonify.md").unlink()  # a run that has something to write
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 1
    assert "_manifest.json exists but is a symlink" in result.stderr
    assert precious.read_bytes() == PRECIOUS


def test_check_names_a_symlinked_manifest(package: Path, pages: Path, precious: Path) -> None:
    plant(package / "_manifest.json", precious)
    result = wirogen("check", pages, "-o", package.parent)
    assert result.exit_code == 1
    assert "_manifest.json exists but is a symlink" in result.stderr


@pytest.mark.parametrize("module", ["__init__.py", "wiro/cartoonify.py", "_runtime/_auth.py"])
def test_a_symlinked_module_is_refused_not_written_through(
    package: Path, pages: Path, precious: Path, module: str
) -> None:
    plant(package / module, precious)
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 1
    assert f"{package / module} exists but is a symlink" in result.stderr
    assert precious.read_bytes() == PRECIOUS


def test_a_symlinked_pyproject_is_refused_by_meta(
    package: Path, pages: Path, precious: Path
) -> None:
    plant(package.parent / "pyproject.toml", precious)
    result = wirogen("generate", pages, "-o", package.parent, "--meta")
    assert result.exit_code == 1
    assert "pyproject.toml was not written by wirogen" in result.stderr
    assert precious.read_bytes() == PRECIOUS


def test_a_package_path_that_is_a_file_is_refused_not_moved_aside(
    pages: Path, tmp_path: Path
) -> None:
    package = tmp_path / "out" / "wiro_tools"
    package.parent.mkdir()
    package.write_bytes(PRECIOUS)
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 1
    assert f"{package} is a file, where wirogen writes the package folder" in result.stderr
    assert package.read_bytes() == PRECIOUS
    assert os.listdir(package.parent) == ["wiro_tools"]


def test_a_fifo_manifest_is_rebuilt_not_waited_on(package: Path, pages: Path) -> None:
    (package / "_manifest.json").unlink()
    os.mkfifo(package / "_manifest.json")
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 0, result.output
    assert "not a regular file" in result.stderr
    assert (package / "_manifest.json").is_file()


def test_write_atomically_refuses_a_symlink(tmp_path: Path, precious: Path) -> None:
    plant(tmp_path / "page.md", precious)
    with pytest.raises(NotOurFileError, match="is a symlink"):
        write_atomically(tmp_path / "page.md", b"new")
    assert precious.read_bytes() == PRECIOUS
    assert (tmp_path / "page.md").is_symlink()


def test_write_atomically_refuses_a_dangling_symlink(tmp_path: Path) -> None:
    plant(tmp_path / "page.md", tmp_path / "elsewhere")
    with pytest.raises(NotOurFileError):
        write_atomically(tmp_path / "page.md", b"new")
    assert not (tmp_path / "elsewhere").exists()


def test_read_owned_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(NotOurFileError, match="not a regular file"):
        read_owned(tmp_path / "fifo")


def test_a_fifo_in_place_of_a_module_is_refused_not_waited_on(package: Path, pages: Path) -> None:
    module = package / "wiro" / "cartoonify.py"
    module.unlink()
    os.mkfifo(module)
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 1
    assert f"{module} exists but is not generated by wirogen" in result.stderr


def test_openapi_refuses_to_write_its_document_through_a_symlink(
    tmp_path: Path, precious: Path
) -> None:
    plant(tmp_path / "openapi.json", precious)
    result = wirogen("openapi", SPECS, "-o", tmp_path / "openapi.json")
    assert result.exit_code == 1
    assert "a symlink" in result.stderr
    assert precious.read_bytes() == PRECIOUS
