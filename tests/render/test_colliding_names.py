"""Owners and slugs named like the package's own names still import, type-check and resolve."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from generator.parser import parse_page
from generator.render.names import MAX_NAME_LENGTH, class_name, module_name
from tests.support.pagewriter import write_page

from ..support.genpkg import generate, run_checker
from ..support.paths import SPECS

# slow: generates, imports and type-checks a package in processes, kept on one worker for its module fixtures.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("colliding-names")]

LONG = "very-long-" * 40  # 400 characters: far past a file system's 255-byte names
OWNERS = [
    "importlib", "difflib", "functools", "typing", "json", "annotations", "get_tool",
    "get_async_tool", "_runtime", "_find", "__init__", "__pycache__", LONG,
]  # fmt: skip
SLUGS = [
    "get_tool", "TOOL", "SLUG", "EXAMPLES", "final", "Final", "unpack", "typed-dict",
    "value-error", "callable", "__init__", "__main__", LONG, LONG + "twin",
]  # fmt: skip
RESOLVE = """
import sys
package = __import__(sys.argv[1])
for slug in package.TOOLS:
    assert package.get_tool(slug).info.slug == slug, slug
    assert package.get_async_tool(slug).info.slug == slug, slug
try:
    package.get_tool("nobody/nothing")
except LookupError as error:
    print(type(error).__name__)
print(len(package.TOOLS))
"""


def colliding_pages(directory: Path) -> list[Path]:
    base = parse_page(SPECS / "wiro__cartoonify.md")
    slugs = [f"{owner}/tool" for owner in OWNERS] + [f"names/{slug}" for slug in SLUGS]
    directory.mkdir()
    pages = []
    for number, slug in enumerate(slugs):
        spec = replace(
            base, endpoints=replace(base.endpoints, run=f"https://api.wiro.ai/v1/Run/{slug}")
        )
        page = directory / f"page-{number}.md"
        page.write_text(write_page(spec))
        pages.append(page)
    return pages


@pytest.fixture(scope="module")
def colliding(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("colliding")
    generate(colliding_pages(root / "specs"), root / "out", package="colliding")
    return root / "out"


def test_the_package_imports_and_resolves_every_tool(colliding: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", RESOLVE, "colliding"],
        cwd=colliding,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["UnknownToolError", str(len(OWNERS) + len(SLUGS))]


def test_the_package_passes_mypy_strict(colliding: Path) -> None:
    result = run_checker("mypy", "--strict", colliding / "colliding")
    assert result.returncode == 0, result.stdout


def test_no_file_name_is_longer_than_a_name_allows(colliding: Path) -> None:
    names = [path.name for path in (colliding / "colliding").rglob("*")]
    assert max(len(name.encode()) for name in names) <= MAX_NAME_LENGTH + len(".py")


@pytest.mark.parametrize("owner", ["importlib", "difflib", "get_tool", "_runtime", "_find"])
def test_an_owner_named_like_a_package_name_gets_a_suffix(owner: str) -> None:
    from generator.render.names import owner_package_name

    assert owner_package_name(owner) == f"{owner}_"


@pytest.mark.parametrize(
    ("slug", "name"), [("TOOL", "TOOL_"), ("final", "Final_"), ("unpack", "Unpack_")]
)
def test_a_class_named_like_a_module_global_gets_a_suffix(slug: str, name: str) -> None:
    assert class_name(slug) == name


def test_a_long_slug_is_shortened_deterministically_with_a_hash() -> None:
    first, twin = module_name(LONG), module_name(LONG + "twin")
    assert len(first) == MAX_NAME_LENGTH and first == module_name(LONG)
    assert first != twin and first[:80] == twin[:80]
    assert len(class_name(LONG)) == MAX_NAME_LENGTH
