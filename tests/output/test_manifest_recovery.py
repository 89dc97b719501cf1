"""A lost or broken manifest is rebuilt from the tree and the pages; `check` sees through it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.output.manifest import MANIFEST

from ..support.clirun import wirogen
from ..support.trees import tree

CARTOONIFY = "wiro__cartoonify.md"


def conflicted(manifest: str) -> str:
    """The manifest as `git merge` leaves it when two branches each added a tool."""
    lines = manifest.splitlines(keepends=True)
    middle = len(lines) // 2
    ours = [line.replace("cartoonify", "cartoonify_a") for line in lines[middle : middle + 3]]
    theirs = [line.replace("cartoonify", "cartoonify_b") for line in lines[middle : middle + 3]]
    markers = ["<<<<<<< HEAD\n", *ours, "=======\n", *theirs, ">>>>>>> feature\n"]
    return "".join([*lines[:middle], *markers, *lines[middle + 3 :]])


BREAKS = {
    "missing": None,
    "truncated": lambda text: text[: len(text) // 2],
    "conflicted": conflicted,
}
WARNINGS = {
    "missing": "no _manifest.json in",
    "truncated": "is not a wirogen manifest",
    "conflicted": "holds git merge conflict markers",
}


@pytest.mark.parametrize("damage", sorted(BREAKS))
def test_a_broken_manifest_is_rebuilt_with_a_warning(
    package: Path, pages: Path, damage: str
) -> None:
    before = tree(package)
    manifest = package / "_manifest.json"
    breaking = BREAKS[damage]
    if breaking is None:
        manifest.unlink()
    else:
        manifest.write_text(breaking(manifest.read_text()))
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 0, result.output
    assert WARNINGS[damage] in result.stderr and "rebuilt" in result.stderr
    assert tree(package) == before


def test_without_a_manifest_a_module_whose_page_is_gone_is_removed(
    package: Path, pages: Path
) -> None:
    (package / "_manifest.json").unlink()
    (pages / CARTOONIFY).unlink()
    result = wirogen("generate", pages, "-o", package.parent)
    assert result.exit_code == 0, result.output
    assert not (package / "wiro").exists()


def test_check_fails_when_the_manifest_differs(package: Path, pages: Path) -> None:
    manifest = package / "_manifest.json"
    document = json.loads(manifest.read_text())
    del document["files"]["py.typed"]
    manifest.write_text(json.dumps(document))
    result = wirogen("check", pages, "-o", package.parent)
    assert result.exit_code == 1
    assert f"stale: {manifest} is not what generation records" in result.stdout
    assert "_manifest.json stale" in result.stderr


def test_a_manifest_laid_out_by_a_json_formatter_stays_fresh(package: Path, pages: Path) -> None:
    # As a pre-commit JSON hook leaves it: same records, other layout.
    manifest = package / "_manifest.json"
    manifest.write_text(json.dumps(json.loads(manifest.read_text()), indent=4))
    result = wirogen("check", pages, "-o", package.parent)
    assert result.exit_code == 0, result.output


def test_check_fails_on_a_generated_module_no_page_explains(package: Path, pages: Path) -> None:
    shutil.copy(package / "wiro" / "cartoonify.py", package / "wiro" / "left_behind.py")
    result = wirogen("check", pages, "-o", package.parent)
    assert result.exit_code == 1
    assert f"orphaned: {package / 'wiro' / 'left_behind.py'}" in result.stdout


def test_check_names_a_users_own_module_inside_the_package(package: Path, pages: Path) -> None:
    # Hand-written code lives outside the generated package (issue 24 item 8).
    (package / "wiro" / "extras.py").write_text("# my helpers\n")
    result = wirogen("check", pages, "-o", package.parent)
    assert result.exit_code == 1
    assert f"unlisted: {package / 'wiro' / 'extras.py'}" in result.stderr


def test_the_manifest_has_one_line_per_file(package: Path) -> None:
    lines = (package / MANIFEST).read_text().splitlines()
    records = json.loads("\n".join(lines))["files"]
    assert sorted(line.split('"')[1] for line in lines if line.startswith("    ")) == sorted(
        records
    )
