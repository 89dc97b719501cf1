"""Where the test material lives: the project's specs/ and a copy of public Wiro pages."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
# Real Wiro pages in four folders (seeds, full, excerpts, assembled): see its README.md.
WIRO_PAGES = ROOT / "tests" / "data" / "wiro-pages"


def spec_pages() -> list[Path]:
    return sorted(SPECS.glob("*.md"))


def wiro_pages(folder: str) -> list[Path]:
    """The pages of tests/data/wiro-pages/<folder>, sorted by name."""
    return sorted((WIRO_PAGES / folder).iterdir())


def wiro_page_params(folder: str) -> list[object]:
    """The pages of one folder as test cases named after their files."""
    return [pytest.param(path, id=path.name) for path in wiro_pages(folder)]
