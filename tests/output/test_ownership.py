"""Only what wirogen wrote is overwritten or removed; everything else survives every run."""

from __future__ import annotations

import os
from pathlib import Path

from ..support.clirun import wirogen

CARTOONIFY = "wiro__cartoonify.md"


def drop_owner_wiro(pages: Path, package: Path) -> None:
    """Regenerate without the wiro page, which removes the whole `wiro` owner package."""
    (pages / CARTOONIFY).unlink()
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 0, result.output


def test_a_foreign_file_survives_the_removal_of_its_folder(pages: Path, package: Path) -> None:
    (package / "wiro" / "pyproject.toml").write_text("[project]\nname = 'mine'\n")
    drop_owner_wiro(pages, package)
    assert (package / "wiro" / "pyproject.toml").read_text() == "[project]\nname = 'mine'\n"
    assert not (package / "wiro" / "cartoonify.py").exists()


def test_a_symlink_in_the_package_is_carried_over_as_a_symlink(
    pages: Path, package: Path, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere.py"
    target.write_text("x = 1\n")
    (package / "wiro" / "linked.py").symlink_to(target)
    (package / "linked_dir").symlink_to(tmp_path / "specs", target_is_directory=True)
    drop_owner_wiro(pages, package)
    assert os.readlink(package / "wiro" / "linked.py") == str(target)
    assert os.readlink(package / "linked_dir") == str(tmp_path / "specs")
    assert target.read_text() == "x = 1\n"


def test_an_empty_folder_is_kept(pages: Path, package: Path) -> None:
    (package / "wiro" / "drafts").mkdir()
    drop_owner_wiro(pages, package)
    assert (package / "wiro" / "drafts").is_dir()


def test_a_symlink_where_a_module_goes_is_refused_and_left(pages: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.py"
    target.write_text("# mine\n")
    module = tmp_path / "out" / "wiro_tools" / "wiro" / "cartoonify.py"
    module.parent.mkdir(parents=True)
    module.symlink_to(target)
    result = wirogen("generate", pages, "-o", tmp_path / "out")
    assert result.exit_code == 1 and f"{module} exists but is a symlink" in result.stderr
    assert module.is_symlink() and target.read_text() == "# mine\n"


def test_a_generated_module_swapped_for_a_symlink_to_its_copy_is_refused(
    pages: Path, package: Path, tmp_path: Path
) -> None:
    # Same bytes as the manifest records, reached through a link: not reused as wirogen's.
    module = package / "wiro" / "cartoonify.py"
    copy = tmp_path / "copy.py"
    copy.write_bytes(module.read_bytes())
    module.unlink()
    module.symlink_to(copy)
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 1 and f"{module} exists but is a symlink" in result.stderr
    assert module.is_symlink()


def test_a_symlinked_owner_folder_is_refused(pages: Path, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "out" / "wiro_tools").mkdir(parents=True)
    (tmp_path / "out" / "wiro_tools" / "wiro").symlink_to(tmp_path / "mine")
    result = wirogen("generate", pages, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "is a symlink wirogen did not create" in result.stderr
    assert list((tmp_path / "mine").iterdir()) == []


def test_a_module_rewritten_without_the_header_is_not_removed(pages: Path, package: Path) -> None:
    module = package / "wiro" / "cartoonify.py"
    module.write_text("# now my own module\n")
    drop_owner_wiro(pages, package)
    assert module.read_text() == "# now my own module\n"


def test_a_symlinked_package_folder_is_written_through(pages: Path, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "wiro_tools").symlink_to(real, target_is_directory=True)
    for _ in range(2):  # the first run fills the folder, the second swaps it
        result = wirogen("generate", pages, "-o", tmp_path / "out", "--meta")
        assert result.exit_code == 0, result.output
        (pages / CARTOONIFY).write_text((pages / CARTOONIFY).read_text() + "\n")
    assert (tmp_path / "out" / "wiro_tools").is_symlink()
    assert (real / "wiro" / "cartoonify.py").is_file()


def test_meta_refuses_a_projects_own_pyproject(pages: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "pyproject.toml").write_text("[project]\nname = 'app'\n")
    result = wirogen("generate", pages, "-o", tmp_path / "out", "--meta")
    assert result.exit_code == 1
    assert "was not written by wirogen; --meta never replaces" in result.stderr
    assert (tmp_path / "out" / "pyproject.toml").read_text() == "[project]\nname = 'app'\n"
    assert not (tmp_path / "out" / "wiro_tools").exists()


def test_meta_rewrites_the_pyproject_it_wrote(pages: Path, tmp_path: Path) -> None:
    for _ in range(2):
        result = wirogen("generate", pages, "-o", tmp_path / "out", "--meta")
        assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "pyproject.toml").read_text().startswith("# Generated by wirogen")
