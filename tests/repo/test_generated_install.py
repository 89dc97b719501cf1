"""generated/ is installable: its pyproject.toml is the one `make generate` writes now."""

from __future__ import annotations

from generator.project import find_pages
from generator.render.package import render_project_metadata

from ..support.paths import ROOT, SPECS


def test_committed_pyproject_is_what_generate_meta_writes() -> None:
    expected = render_project_metadata("wiro_tools", len(find_pages([SPECS])))
    assert (ROOT / "generated" / "pyproject.toml").read_text() == expected
