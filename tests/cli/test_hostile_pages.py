"""fetch and sync against servers that stall: one deadline for the whole download, headers
included, and Ctrl-C ends the downloads at once (issue 19 items 2, 5)."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

import pytest

from generator import fetch
from generator.catalogue import ListedTool
from generator.fetch import FetchError, download_page, page_client
from generator.sync import download_pages

from ..support.clirun import wirogen
from ..support.hostile_server import endless_headers, finished_within, hostile_server
from ..support.paths import SPECS

CARTOONIFY = "wiro__cartoonify.md"


def test_headers_sent_forever_end_at_the_page_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "PAGE_DEADLINE", 1.0)
    with hostile_server(endless_headers()) as server, page_client() as client:
        url = f"{server.origin}/wiro/cartoonify/llms.txt"
        error = finished_within(lambda: download_page(client, url), 30)
    assert isinstance(error, FetchError)
    assert "timed out" in str(error)


def silent(connection: object, head: bytes, stop: threading.Event) -> None:
    stop.wait()  # reads the request, never answers


def interrupted(done: Iterable[object], label: str, total: int) -> Iterable[object]:
    raise KeyboardInterrupt


def test_ctrl_c_during_sync_ends_the_running_downloads_at_once() -> None:
    tools = [ListedTool("wiro", f"tool-{number}", f"wiro/tool-{number}") for number in range(4)]
    with hostile_server(silent) as server:
        pages = download_pages(tools, server.origin, {}, Path("unused"), interrupted)
        with pytest.raises(KeyboardInterrupt):
            next(iter(pages))
        workers = [t for t in threading.enumerate() if t.name.startswith("wirogen-sync")]
        for worker in workers:
            finished_within(worker.join, 10)


def test_fetch_refuses_to_write_a_page_through_a_symlink(tmp_path: Path) -> None:
    from ..support.pageserver import Reply, serve_pages

    precious = tmp_path / "precious"
    precious.write_bytes(b"mine")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / CARTOONIFY).symlink_to(precious)
    with serve_pages() as server:
        server.routes["/models/wiro/cartoonify/llms.txt"] = Reply((SPECS / CARTOONIFY).read_bytes())
        result = wirogen("fetch", "wiro/cartoonify", "-d", specs, "--pages-url", server.base_url)
    assert result.exit_code == 1
    assert "a symlink" in result.stderr
    assert precious.read_bytes() == b"mine"
