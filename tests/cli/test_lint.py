"""`wirogen lint`: page warnings grouped per page."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli import main

from ..support.pagetext import make_page, run_section
from ..support.paths import SPECS


def lint(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["lint", *map(str, args)])


def test_warnings_are_grouped_under_their_page() -> None:
    result = lint(SPECS)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    header = lines.index("wiro__PixArt-Sigma.md (wiro/PixArt-Sigma): 2 warnings")
    assert "listed 2 times [duplicate-option]" in lines[header + 2]
    assert lines[-1].startswith("linted 8 pages: 20 warnings on 8 pages, 0 unreadable in ")


def test_strict_fails_on_any_warning() -> None:
    result = lint(SPECS, "--strict")
    assert result.exit_code == 1
    assert "20 warnings" in result.stderr


def test_a_clean_page_passes_strict(tmp_path: Path) -> None:
    page = tmp_path / "clean.md"
    page.write_text(make_page(middle=run_section('{"prompt": "a cat"}')))
    result = lint(page, "--strict")
    assert result.exit_code == 0
    assert result.stdout.startswith("linted 1 page: 0 warnings on 0 pages")


def test_an_unreadable_page_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "cut.md"
    page.write_text(make_page()[:400])
    result = lint(page)
    assert result.exit_code == 1
    assert f"error: {page}:" in result.stderr and "1 unreadable" in result.stderr
