"""Which files are pages: a README is skipped, a cut-off page fails, slugs are unique,
and a missing path is the same usage error in every command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.mockserver.catalogue import load_catalogue

from ..support.clirun import private_specs, wirogen
from ..support.paths import SPECS

PIXART = SPECS / "wiro__PixArt-Sigma.md"
HEADSHOT = SPECS / "wiro__professional-headshot.md"
README = "# Our Wiro pages\n\nFetched with `wirogen fetch`; see the team wiki.\n"


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    return private_specs(tmp_path)


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


# The shape of tests/data/wiro-pages/README.md: it names the page's heading in a code span.
README_NAMING_THE_HEADING = (
    "# Wiro tool pages: test material\n\nEvery file here is a real Wiro tool page.\n\n"
    "| folder | what |\n|---|---|\n| `seeds/` | pages from `## Basic tool info` to the end |\n"
)


@pytest.mark.parametrize(
    "args",
    [["check"], ["lint"], ["openapi", "-o", "api.json"], ["diff", SPECS]],
    ids=lambda args: args[0],
)
def test_every_command_reading_a_folder_skips_a_readme_with_a_note(
    args: list[str | Path], specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert wirogen("generate", specs, "-o", "generated").exit_code == 0
    (specs / "README.md").write_text(README)
    result = wirogen(*args, specs)
    assert result.exit_code == 0, result.output
    assert f"note: skipped {specs / 'README.md'}: not a Wiro tool page" in result.stderr


def test_a_readme_naming_the_page_heading_in_code_is_skipped(specs: Path, tmp_path: Path) -> None:
    (specs / "README.md").write_text(README_NAMING_THE_HEADING)
    result = wirogen("lint", specs)
    assert result.exit_code == 0, result.output
    assert f"note: skipped {specs / 'README.md'}: not a Wiro tool page" in result.stderr


def test_inspect_of_a_readme_says_it_is_not_a_page(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README)
    result = wirogen("inspect", readme)
    assert result.exit_code == 1
    assert "expected a Wiro tool page" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["generate", "-o", "out"],
        ["check", "-o", "out"],
        ["lint"],
        ["openapi", "-o", "api.json"],
        ["mock-server"],
    ],
    ids=lambda args: args[0],
)
def test_a_folder_holding_only_a_readme_is_a_usage_error(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    Path("docs", "README.md").write_text(README)
    result = wirogen(*args, "docs")
    assert result.exit_code == 2
    assert "no pages found" in result.stderr and "note: skipped" in result.stderr


def test_generate_from_a_folder_of_only_a_readme_leaves_the_package_alone(
    tmp_path: Path,
) -> None:
    assert wirogen("generate", SPECS, "-o", tmp_path / "out").exit_code == 0
    before = sorted(path.name for path in (tmp_path / "out" / "wiro_tools" / "wiro").iterdir())
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "README.md").write_text(README)
    assert wirogen("generate", folder, "-o", tmp_path / "out").exit_code == 2
    after = sorted(path.name for path in (tmp_path / "out" / "wiro_tools" / "wiro").iterdir())
    assert after == before


def test_a_cut_off_page_still_fails(specs: Path, tmp_path: Path) -> None:
    page = specs / "wiro__cartoonify.md"
    page.write_text(page.read_text()[:400])
    result = wirogen("generate", specs, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"error: {page}:" in result.stderr and "skipped" not in result.stderr


def test_an_empty_page_fails_rather_than_being_skipped(specs: Path, tmp_path: Path) -> None:
    page = specs / "wiro__cartoonify.md"
    page.write_text("\n")
    result = wirogen("generate", specs, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"error: {page}:1:1:" in result.stderr and "found an empty file" in result.stderr


def test_a_page_named_as_fetch_names_pages_fails_without_its_markers(
    specs: Path, tmp_path: Path
) -> None:
    page = specs / "wiro__cartoonify.md"
    page.write_text("<html><body>502 Bad Gateway</body></html>\n")
    result = wirogen("generate", specs, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"error: {page}:1:1: in section 'page': expected a Wiro tool page" in result.stderr


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
    assert "2 pages share a slug with another" in result.stderr
    modules = {path.name for path in (tmp_path / "out" / "wiro_tools" / "wiro").glob("*.py")}
    assert "cartoonify.py" in modules
    assert not modules & {"pixart_sigma.py", "professional_headshot.py"}


def test_lint_reports_pages_sharing_a_slug(specs: Path, twins: tuple[Path, Path]) -> None:
    result = wirogen("lint", specs)
    assert result.exit_code == 1
    assert f"and {twins[0]} both describe 'wiro/PixArt-Sigma'" in result.stderr
    assert ", 2 sharing a slug in " in result.stderr


def test_the_mock_server_reports_every_pair_of_pages_sharing_a_slug(
    specs: Path, twins: tuple[Path, Path]
) -> None:
    result = wirogen("mock-server", specs)
    assert result.exit_code == 1
    assert set(result.stderr.splitlines()) == {
        f"error: {PIXART.name} and {twins[0].name} both describe 'wiro/PixArt-Sigma'",
        f"error: {HEADSHOT.name} and {twins[1].name} both describe 'wiro/professional-headshot'",
    }


def test_the_mock_server_reports_every_page_that_fails_to_parse(specs: Path) -> None:
    broken = [specs / PIXART.name, specs / HEADSHOT.name]
    for page in broken:
        page.write_text(page.read_text()[:1500])
    result = wirogen("mock-server", specs)
    assert result.exit_code == 1
    assert [line.split(":", 2)[1].strip() for line in result.stderr.splitlines()] == [
        str(page) for page in broken
    ]


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
        ["diff", str(SPECS), "nope"],
        ["generate", "--templates", "nope", str(SPECS)],
        ["check", "--templates", "nope", str(SPECS)],
    ],
    ids=lambda args: "-".join(arg for arg in args if arg not in ("nope", str(SPECS))),
)
def test_a_missing_path_is_a_usage_error(args: list[str]) -> None:
    result = wirogen(*args)
    assert (result.exit_code, "'nope' does not exist." in result.stderr) == (2, True)


@pytest.mark.parametrize("command", ["generate", "check", "lint", "mock-server"])
def test_a_missing_default_specs_folder_is_the_same_usage_error(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = wirogen(command)
    assert (result.exit_code, "Path 'specs' does not exist." in result.stderr) == (2, True)


@pytest.mark.parametrize("command", ["fetch", "sync"])
def test_a_pages_directory_that_is_a_file_is_a_usage_error(command: str, tmp_path: Path) -> None:
    (tmp_path / "specs").write_text("")
    result = wirogen(
        command, "-d", tmp_path / "specs", *(["wiro/cartoonify"] * (command == "fetch"))
    )
    assert result.exit_code == 2 and "is a file" in result.stderr


@pytest.mark.parametrize(
    "command",
    ["generate", "check", "lint", "openapi", "diff", "inspect", "fetch", "sync", "mock-server"],
)
def test_every_help_says_when_it_exits_2(command: str) -> None:
    assert "exit 2" in " ".join(wirogen(command, "--help").stdout.split())
