"""Which files are pages: a README is skipped, a cut-off page fails, slugs are unique,
and a missing path is the same usage error in every command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.mockserver.catalogue import load_catalogue

from ..paths import SPECS

PIXART = SPECS / "wiro__PixArt-Sigma.md"
HEADSHOT = SPECS / "wiro__professional-headshot.md"
README = "# Our Wiro pages\n\nFetched with `wirogen fetch`; see the team wiki.\n"


def wirogen(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SPECS, tmp_path / "specs"))


@pytest.fixture
def twins(specs: Path) -> tuple[Path, Path]:
    """Two more pages in specs/, each with the slug of a page already there."""
    first, second = specs / "zz-pixart-copy.md", specs / "zz-headshot-copy.txt"
    shutil.copyfile(PIXART, first)
    shutil.copyfile(HEADSHOT, second)
    return first, second


def test_a_readme_in_the_specs_folder_is_skipped_with_a_note(specs: Path, tmp_path: Path) -> None:
    (specs / "README.md").write_text(README)
    result = wirogen("generate", specs, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert f"note: skipped {specs / 'README.md'}: not a Wiro tool page" in result.stderr
    assert "error" not in result.stderr


def test_a_cut_off_page_still_fails(specs: Path, tmp_path: Path) -> None:
    page = specs / "wiro__cartoonify.md"
    page.write_text(page.read_text()[:400])
    result = wirogen("generate", specs, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"error: {page}:" in result.stderr and "skipped" not in result.stderr


def test_every_pair_of_pages_sharing_a_slug_is_reported_in_one_run(
    specs: Path, twins: tuple[Path, Path], tmp_path: Path
) -> None:
    result = wirogen("generate", specs, "-o", tmp_path / "out")
    errors = {line for line in result.stderr.splitlines() if line.startswith("error:")}
    assert errors == {
        f"error: {specs / PIXART.name} and {twins[0]} both describe 'wiro/PixArt-Sigma'",
        f"error: {specs / HEADSHOT.name} and {twins[1]} both describe "
        "'wiro/professional-headshot'",
    }
    assert result.exit_code == 1 and not (tmp_path / "out" / "wiro_tools").exists()


def test_keep_going_generates_the_tools_whose_slug_is_unique(
    specs: Path, twins: tuple[Path, Path], tmp_path: Path
) -> None:
    result = wirogen("generate", specs, "-o", tmp_path / "out", "--keep-going")
    assert result.exit_code == 1
    assert "2 page(s) share a slug with another" in result.stderr
    modules = {path.name for path in (tmp_path / "out" / "wiro_tools" / "wiro").glob("*.py")}
    assert "cartoonify.py" in modules
    assert not modules & {"pixart_sigma.py", "professional_headshot.py"}


def test_lint_reports_pages_sharing_a_slug(specs: Path, twins: tuple[Path, Path]) -> None:
    result = wirogen("lint", specs)
    assert result.exit_code == 1
    assert f"and {twins[0]} both describe 'wiro/PixArt-Sigma'" in result.stderr
    assert ", 2 sharing a slug in " in result.stderr


def test_the_mock_server_skips_a_readme_beside_its_pages(specs: Path) -> None:
    (specs / "README.md").write_text(README)
    assert len(load_catalogue([specs]).specs) == len(list(SPECS.glob("*.md")))


@pytest.mark.parametrize(
    "args",
    [
        ["generate", "nope"],
        ["check", "nope"],
        ["lint", "nope"],
        ["openapi", "nope", "-o", "api.json"],
        ["inspect", "nope"],
        ["mock-server", "nope"],
        ["diff", "nope", str(SPECS)],
    ],
    ids=lambda args: args[0],
)
def test_a_missing_path_is_a_usage_error(args: list[str]) -> None:
    result = wirogen(*args)
    assert (result.exit_code, "Path 'nope' does not exist." in result.stderr) == (2, True)


@pytest.mark.parametrize("command", ["generate", "check", "lint", "mock-server"])
def test_a_missing_default_specs_folder_is_the_same_usage_error(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = wirogen(command)
    assert (result.exit_code, "Path 'specs' does not exist." in result.stderr) == (2, True)
