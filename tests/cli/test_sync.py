"""`wirogen sync` against the mock server: the whole catalogue, paged, stored like fetch."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.mockserver import RunningMockServer

from ..support.mockserver_fixture import StartMockWiro
from ..support.pagetext import make_page
from ..support.paths import SPECS

CATALOGUE = sorted(path.name for path in SPECS.glob("*.md"))
CARTOONIFY = "wiro__cartoonify.md"
PIXART = "wiro__PixArt-Sigma.md"
GONE_PAGE = make_page(name="wiro/demo", run="https://api.wiro.ai/v1/Run/wiro/demo")


pytestmark = pytest.mark.usefixtures("mock_credentials")


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    return tmp_path / "specs"


def sync(server: RunningMockServer, specs: Path, *args: str) -> Result:
    options = ["-d", str(specs), "--api-url", server.base_url, "--pages-url", server.origin]
    return CliRunner().invoke(main, ["sync", *options, *args])


def names(specs: Path) -> list[str]:
    """The files in `specs` but the price file (tests/prices/ covers it)."""
    files = specs.iterdir() if specs.exists() else ()
    return sorted(path.name for path in files if path.name != "prices.json")


def summary(result: Result) -> str:
    return result.stdout.splitlines()[-1].rsplit(" in ", 1)[0]


def test_first_sync_stores_every_listed_page_as_fetch_names_it(
    mock_wiro: RunningMockServer, specs: Path
) -> None:
    result = sync(mock_wiro, specs)
    assert result.exit_code == 0, result.output
    assert summary(result) == (
        "synced 8 tools: 8 new, 0 changed, 0 unchanged, 0 failed, 0 gone from the catalogue"
    )
    assert names(specs) == CATALOGUE
    assert all((specs / name).read_bytes() == (SPECS / name).read_bytes() for name in CATALOGUE)


@pytest.mark.parametrize("total_as_number", [False, True], ids=["total-string", "total-number"])
def test_short_pages_are_followed_until_total(
    start_mock_wiro: StartMockWiro, specs: Path, total_as_number: bool
) -> None:
    server = start_mock_wiro(list_page_cap=3, total_as_number=total_as_number)
    result = sync(server, specs)
    assert result.exit_code == 0, result.output
    assert names(specs) == CATALOGUE
    starts = [request.fields["start"] for request in server.requests("/v1/Tool/List")]
    assert starts == ["0", "3", "6"]


def test_a_second_sync_changes_nothing(mock_wiro: RunningMockServer, specs: Path) -> None:
    sync(mock_wiro, specs)
    stamps = {name: (specs / name).stat().st_mtime_ns for name in CATALOGUE}
    result = sync(mock_wiro, specs)
    assert result.exit_code == 0
    assert summary(result).startswith("synced 8 tools: 0 new, 0 changed, 8 unchanged,")
    assert {name: (specs / name).stat().st_mtime_ns for name in CATALOGUE} == stamps


def test_a_page_that_changed_is_rewritten(mock_wiro: RunningMockServer, specs: Path) -> None:
    shutil.copytree(SPECS, specs)
    (specs / PIXART).write_text("outdated", encoding="utf-8")
    result = sync(mock_wiro, specs)
    assert summary(result).startswith("synced 8 tools: 0 new, 1 changed, 7 unchanged,")
    assert (specs / PIXART).read_bytes() == (SPECS / PIXART).read_bytes()


def test_a_page_that_fails_to_parse_is_named_kept_as_it_was_and_exits_1(
    start_mock_wiro: StartMockWiro, specs: Path
) -> None:
    server = start_mock_wiro(pages={"wiro/cartoonify": "## Basic tool info\nnothing else"})
    specs.mkdir()
    (specs / CARTOONIFY).write_text("the old page", encoding="utf-8")
    result = sync(server, specs)
    assert result.exit_code == 1
    assert "error: wiro/cartoonify: " in result.stderr
    assert ", 1 failed," in summary(result)
    assert (specs / CARTOONIFY).read_text(encoding="utf-8") == "the old page"


def test_a_failed_new_page_leaves_no_file(start_mock_wiro: StartMockWiro, specs: Path) -> None:
    server = start_mock_wiro(pages={"wiro/cartoonify": "not a page"})
    result = sync(server, specs)
    assert result.exit_code == 1
    assert names(specs) == [name for name in CATALOGUE if name != CARTOONIFY]


def test_a_tool_gone_from_the_catalogue_is_reported_and_kept(
    mock_wiro: RunningMockServer, specs: Path
) -> None:
    specs.mkdir()
    (specs / "wiro__demo.md").write_text(GONE_PAGE, encoding="utf-8")
    result = sync(mock_wiro, specs)
    assert result.exit_code == 0
    assert "gone from the catalogue: wiro/demo" in result.stdout
    assert summary(result).endswith("0 failed, 1 gone from the catalogue")
    assert (specs / "wiro__demo.md").exists()


def test_a_gone_page_under_another_name_is_found_by_its_slug(
    mock_wiro: RunningMockServer, specs: Path
) -> None:
    specs.mkdir()
    (specs / "my demo.md").write_text(GONE_PAGE, encoding="utf-8")
    result = sync(mock_wiro, specs)
    assert "gone from the catalogue: wiro/demo" in result.stdout


def test_prune_removes_the_pages_of_gone_tools(mock_wiro: RunningMockServer, specs: Path) -> None:
    specs.mkdir()
    (specs / "wiro__demo.md").write_text(GONE_PAGE, encoding="utf-8")
    result = sync(mock_wiro, specs, "--prune")
    assert result.exit_code == 0
    assert summary(result).endswith("1 gone from the catalogue (removed)")
    assert names(specs) == CATALOGUE


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--owner", "arsmachina", ["ArsMachina__Ars-Niji-Style-v1.md"]),
        ("--category", "image-to-image", [CARTOONIFY, "wiro__professional-headshot.md"]),
        ("--search", "pixart", [PIXART]),
    ],
)
def test_a_filter_syncs_only_the_tools_it_lists(
    mock_wiro: RunningMockServer, specs: Path, option: str, value: str, expected: list[str]
) -> None:
    result = sync(mock_wiro, specs, option, value)
    assert result.exit_code == 0, result.output
    assert set(expected) <= set(names(specs))
    assert len(names(specs)) == int(summary(result).split()[1])


def test_owner_filter_lists_every_spelling_of_the_owner(
    mock_wiro: RunningMockServer, specs: Path
) -> None:
    sync(mock_wiro, specs, "--owner", "arsmachina")
    assert names(specs) == [
        "ArsMachina__Ars-Niji-Style-v1.md",
        "arsmachina__baroque-space-opera-v1.md",
    ]


def test_with_a_filter_unlisted_pages_are_not_gone(
    mock_wiro: RunningMockServer, specs: Path
) -> None:
    specs.mkdir()
    (specs / "wiro__demo.md").write_text(GONE_PAGE, encoding="utf-8")
    result = sync(mock_wiro, specs, "--search", "pixart")
    assert summary(result).endswith("0 gone from the catalogue")
    assert "gone from the catalogue:" not in result.stdout


def test_prune_with_a_filter_is_refused(mock_wiro: RunningMockServer, specs: Path) -> None:
    result = sync(mock_wiro, specs, "--prune", "--owner", "wiro")
    assert result.exit_code == 2
    assert "--prune needs the whole catalogue" in result.stderr


def test_dry_run_reports_and_writes_nothing(mock_wiro: RunningMockServer, specs: Path) -> None:
    specs.mkdir()
    (specs / "wiro__demo.md").write_text(GONE_PAGE, encoding="utf-8")
    result = sync(mock_wiro, specs, "--dry-run", "--prune")
    assert result.exit_code == 0
    assert summary(result).startswith("synced 8 tools: 8 new,")
    assert "(would be removed)" in summary(result)
    assert names(specs) == ["wiro__demo.md"]


def test_an_interrupted_sync_leaves_whole_files_and_no_partial_one(
    mock_wiro: RunningMockServer, specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SPECS, specs)
    for name in CATALOGUE:
        (specs / name).write_text(f"old {name}", encoding="utf-8")
    replaced = []

    def replace_then_interrupt(source: str, target: str) -> None:
        if len(replaced) == 3:
            raise KeyboardInterrupt
        replaced.append(target)
        real_replace(source, target)

    real_replace = __import__("os").replace
    monkeypatch.setattr("generator.output.files.os.replace", replace_then_interrupt)
    result = sync(mock_wiro, specs)
    assert result.exit_code != 0
    assert names(specs) == CATALOGUE  # no temporary file left behind
    new = [name for name in CATALOGUE if (specs / name).read_bytes() == (SPECS / name).read_bytes()]
    old = [name for name in CATALOGUE if (specs / name).read_text() == f"old {name}"]
    assert (len(new), len(old)) == (3, 5)


def test_generate_runs_on_the_synced_folder(
    mock_wiro: RunningMockServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = sync(mock_wiro, tmp_path / "specs", "--generate")
    assert result.exit_code == 0, result.output
    assert "generated " in result.stdout
    assert (tmp_path / "generated" / "wiro_tools" / "wiro" / "pixart_sigma.py").is_file()


def test_key_only_projects_send_the_key_alone(
    start_mock_wiro: StartMockWiro, specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = start_mock_wiro(auth="key")
    monkeypatch.delenv("WIRO_API_SECRET")
    result = sync(server, specs)
    assert result.exit_code == 0, result.output
    assert "x-signature" not in server.requests("/v1/Tool/List")[0].headers


def test_a_rejected_key_writes_nothing_and_never_shows_the_secret(
    mock_wiro: RunningMockServer, specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIRO_API_SECRET", "wrong-secret-Q9")
    result = sync(mock_wiro, specs)
    assert result.exit_code == 1
    assert "error: cannot read the catalogue: Tool/List:" in result.stderr
    assert "wrong-secret-Q9" not in result.output
    assert names(specs) == []


def test_without_a_key_sync_is_a_usage_error_naming_the_variable(
    mock_wiro: RunningMockServer, specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WIRO_API_KEY")
    result = sync(mock_wiro, specs)
    assert result.exit_code == 2
    assert "set WIRO_API_KEY" in result.stderr


def test_a_listing_that_fails_once_is_retried(mock_wiro: RunningMockServer, specs: Path) -> None:
    mock_wiro.queue_faults("/v1/Tool/List", "503")
    result = sync(mock_wiro, specs)
    assert result.exit_code == 0, result.output
    assert mock_wiro.request_count("/v1/Tool/List") == 2


def test_a_page_documenting_another_tool_is_refused_and_that_tools_page_kept(
    start_mock_wiro: StartMockWiro, specs: Path
) -> None:
    pixart_page = (SPECS / PIXART).read_text(encoding="utf-8")
    assert "pure transformer blocks" in pixart_page
    other = pixart_page.replace("pure transformer blocks", "something else")
    server = start_mock_wiro(pages={"wiro/cartoonify": other})
    result = sync(server, specs)
    assert result.exit_code == 1
    assert "error: wiro/cartoonify: the page served is the page of wiro/PixArt-Sigma" in (
        result.stderr
    )
    assert (specs / PIXART).read_bytes() == (SPECS / PIXART).read_bytes()
    assert CARTOONIFY not in names(specs)


def test_a_page_answered_with_503_is_asked_again(mock_wiro: RunningMockServer, specs: Path) -> None:
    mock_wiro.queue_faults("/wiro/cartoonify/llms.txt", "503")
    result = sync(mock_wiro, specs)
    assert result.exit_code == 0, result.output
    assert mock_wiro.request_count("/wiro/cartoonify/llms.txt") == 2
    assert (specs / CARTOONIFY).read_bytes() == (SPECS / CARTOONIFY).read_bytes()


def test_a_page_answered_with_404_fails_without_asking_again(
    mock_wiro: RunningMockServer, specs: Path
) -> None:
    mock_wiro.queue_faults("/wiro/cartoonify/llms.txt", "404")
    result = sync(mock_wiro, specs)
    assert result.exit_code == 1
    assert "error: wiro/cartoonify: HTTP 404" in result.stderr
    assert mock_wiro.request_count("/wiro/cartoonify/llms.txt") == 1


def test_downloads_pass_through_the_progress_bar_of_a_terminal(
    mock_wiro: RunningMockServer, specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, int, int]] = []

    def bar(items: Iterable[object], label: str, length: int) -> Iterator[object]:
        seen = list(items)
        shown.append((label, length, len(seen)))
        yield from seen

    monkeypatch.setattr("generator.cli.sync.progress", lambda quiet: None if quiet else bar)
    sync(mock_wiro, specs)
    sync(mock_wiro, specs, "-q")
    assert shown == [("downloading", 8, 8)]


def test_credentials_never_go_over_plain_http_to_another_host(specs: Path) -> None:
    args = ["sync", "-d", str(specs), "--api-url", "http://api.example.com/v1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "credentials go only over https" in result.stderr


def test_a_readme_in_the_folder_is_skipped_with_a_note_not_reported_gone(
    mock_wiro: RunningMockServer, specs: Path
) -> None:
    specs.mkdir()
    (specs / "README.md").write_text("# Our Wiro pages\n\nSynced nightly.\n")
    result = sync(mock_wiro, specs, "--prune")
    assert result.exit_code == 0, result.output
    assert f"note: skipped {specs / 'README.md'}: not a Wiro tool page" in result.stderr
    assert "gone" not in result.stdout.replace("0 gone from the catalogue", "")
    assert (specs / "README.md").exists()
