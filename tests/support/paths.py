"""Where the test material lives; pages from ../shared are optional."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
SHARED_SPECS = ROOT.parent / "shared" / "specs"


def spec_pages() -> list[Path]:
    return sorted(SPECS.glob("*.md"))


def shared_pages(folder: str) -> list[object]:
    """Pages of ../shared/specs/<folder>, or one skipped case when shared/ is absent."""
    directory = SHARED_SPECS / folder
    if not directory.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{directory} not present"))]
    return [pytest.param(path, id=path.name) for path in sorted(directory.iterdir())]
