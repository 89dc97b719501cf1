"""`wirogen sync` against a hostile or broken catalogue, and the sync papercuts
(issue 19 items 3, 4; issue 18 item 7; issue 24 items 4, 7)."""

from __future__ import annotations

import json
import shutil
import socket
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from generator import catalogue
from generator.catalogue import CatalogueError, Filters, list_tools
from generator.cli import main
from generator.mockserver import RunningMockServer

from ..support.hostile_server import (
    endless_headers,
    finished_within,
    hostile_server,
    response,
)
from ..support.paths import SPECS

CARTOONIFY = "wiro__cartoonify.md"


pytestmark = pytest.mark.usefixtures("mock_credentials")


def sync(api_url: str, pages_url: str, specs: Path, *args: str) -> Result:
    options = ["-d", str(specs), "--api-url", api_url, "--pages-url", pages_url]
    return CliRunner().invoke(main, ["sync", *options, *args])


def lister(answer: Callable[[dict[str, object]], dict[str, object]]) -> httpx.Client:
    """A client whose Tool/List answers are `answer(request body)`, counted in `.calls`."""

    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answer(json.loads(request.content)))

    return httpx.Client(base_url="http://127.0.0.1/v1", transport=httpx.MockTransport(handle))


def tools(start: int, count: int) -> list[dict[str, object]]:
    return [{"slugowner": "wiro", "slugproject": f"tool-{start + n}"} for n in range(count)]


def test_endless_paging_stops_at_the_page_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalogue, "MAX_REQUESTS", 20)
    calls = []

    def always_ahead(body: dict[str, object]) -> dict[str, object]:
        start = int(str(body["start"]))
        calls.append(start)
        return {"result": True, "total": str(start + 2), "tool": tools(start, 1)}

    with pytest.raises(CatalogueError, match="did not end after 20 pages"):
        list_tools(lister(always_ahead), Filters())
    assert len(calls) == 20


def test_a_total_past_the_tool_cap_is_refused() -> None:
    def huge(body: dict[str, object]) -> dict[str, object]:
        return {"result": True, "total": 10**9, "tool": tools(0, 100)}

    with pytest.raises(CatalogueError, match="not a whole number from 0 to"):
        list_tools(lister(huge), Filters())


@pytest.mark.parametrize("total", ["²", "9" * 5000, True, -1, "1e3", None])
def test_a_total_that_is_not_a_count_is_a_catalogue_error(total: object) -> None:
    def answer(body: dict[str, object]) -> dict[str, object]:
        return {"result": True, "total": total, "tool": tools(0, 1)}

    with pytest.raises(CatalogueError, match="Tool/List answered total") as caught:
        list_tools(lister(answer), Filters())
    assert len(str(caught.value)) < 200


def test_a_listing_short_of_its_total_is_incomplete() -> None:
    def short(body: dict[str, object]) -> dict[str, object]:
        start = int(str(body["start"]))
        return {"result": True, "total": "10", "tool": tools(0, 2) if start == 0 else []}

    listing = list_tools(lister(short), Filters())
    assert not listing.complete
    assert listing.shortfall == "the catalogue announced 10 tools but listed 2"


def test_the_listing_asks_as_wiros_clients_do(mock_wiro: RunningMockServer, tmp_path: Path) -> None:
    sync(mock_wiro.base_url, mock_wiro.origin, tmp_path / "specs")
    fields = mock_wiro.requests("/v1/Tool/List")[0].fields
    assert fields["hideworkflows"] is True and fields["summary"] is True


def short_listing(total: int, listed: list[str]) -> Callable[..., None]:
    """A Tool/List that announces `total` tools, lists `listed` (owner/project) in its
    first answer and nothing after."""
    items = [
        dict(zip(("slugowner", "slugproject"), slug.split("/"), strict=True)) for slug in listed
    ]
    answers = [items]

    def handler(connection: socket.socket, head: bytes, stop: threading.Event) -> None:
        page = answers.pop() if answers else []
        body = json.dumps({"result": True, "total": str(total), "tool": page}).encode()
        headers = {"Content-Length": str(len(body)), "Connection": "close"}
        connection.sendall(response("200 OK", headers, body))

    return handler


def test_prune_after_a_short_listing_deletes_nothing_and_exits_1(
    mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    specs = Path(shutil.copytree(SPECS, tmp_path / "specs"))
    before = sorted(path.name for path in specs.iterdir())
    with hostile_server(short_listing(10, ["wiro/cartoonify", "wiro/PixArt-Sigma"])) as api:
        result = sync(f"{api.origin}/v1", mock_wiro.origin, specs, "--prune")
    assert result.exit_code == 1
    assert "announced 10 tools but listed 2: no page counts as gone, none removed" in (
        result.stderr
    )
    assert sorted(path.name for path in specs.iterdir()) == before


def test_a_catalogue_sending_headers_forever_ends_at_the_listing_deadline(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(catalogue, "LIST_DEADLINE", 1.0)
    with hostile_server(endless_headers()) as api:
        outcome: list[Result] = []
        finished_within(
            lambda: outcome.append(sync(f"{api.origin}/v1", api.origin, tmp_path / "specs")), 30
        )
    assert outcome[0].exit_code == 1
    assert "cannot read the catalogue" in outcome[0].stderr


@pytest.mark.parametrize("variable", ["WIRO_API_KEY", "WIRO_API_SECRET"])
def test_a_credential_with_a_newline_is_a_usage_error_that_never_shows_it(
    mock_wiro: RunningMockServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "KEY-or-SECRET-Zx81\n")
    result = sync(mock_wiro.base_url, mock_wiro.origin, tmp_path / "specs")
    assert result.exit_code == 2
    assert f"${variable}" in result.stderr and "pasted newline" in result.stderr
    assert "Zx81" not in result.output
    assert mock_wiro.requests("/v1/Tool/List") == []


def test_a_page_held_under_another_name_is_updated_in_place(
    mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    specs = Path(shutil.copytree(SPECS, tmp_path / "specs"))
    (specs / CARTOONIFY).rename(specs / "cartoonify.md")
    (specs / "cartoonify.md").write_bytes((SPECS / CARTOONIFY).read_bytes() + b"\nold\n")
    result = sync(mock_wiro.base_url, mock_wiro.origin, specs)
    assert result.exit_code == 0, result.output
    assert f"changed: wiro/cartoonify -> {specs / 'cartoonify.md'}" in result.stdout
    assert not (specs / CARTOONIFY).exists()
    assert (specs / "cartoonify.md").read_bytes() == (SPECS / CARTOONIFY).read_bytes()


def test_an_unchanged_page_under_another_name_is_left_alone(
    mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    specs = Path(shutil.copytree(SPECS, tmp_path / "specs"))
    (specs / CARTOONIFY).rename(specs / "cartoonify.md")
    result = sync(mock_wiro.base_url, mock_wiro.origin, specs)
    assert result.exit_code == 0, result.output
    assert "8 unchanged" in result.stdout
    assert not (specs / CARTOONIFY).exists()


def test_sync_generate_keeps_the_packages_pyproject_in_step(
    mock_wiro: RunningMockServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(SPECS / CARTOONIFY, specs / CARTOONIFY)
    assert CliRunner().invoke(main, ["generate", str(specs), "--meta"]).exit_code == 0
    before = (tmp_path / "generated" / "pyproject.toml").read_text()
    result = sync(mock_wiro.base_url, mock_wiro.origin, specs, "--generate")
    assert result.exit_code == 0, result.output
    shutil.rmtree(tmp_path / "fresh", ignore_errors=True)
    fresh = CliRunner().invoke(main, ["generate", str(specs), "-o", "fresh", "--meta"])
    assert fresh.exit_code == 0
    after = (tmp_path / "generated" / "pyproject.toml").read_text()
    assert after != before
    assert after == (tmp_path / "fresh" / "pyproject.toml").read_text()


def test_sync_refuses_to_write_a_page_through_a_symlink(
    mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    precious = tmp_path / "precious"
    precious.write_bytes(b"mine")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / CARTOONIFY).symlink_to(precious)
    result = sync(mock_wiro.base_url, mock_wiro.origin, specs)
    assert result.exit_code == 1
    assert f"error: wiro/cartoonify: cannot write {CARTOONIFY}: a symlink" in result.stderr
    assert precious.read_bytes() == b"mine"
