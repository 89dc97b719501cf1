"""Downloads from hostile output hosts: bodies past their size, endless or dripped bodies,
downgrading redirects, absurd names, symlinks at the target (issue 19 item 6, 18.5)."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from generator.runtime._async_downloads import download as async_download
from generator.runtime._downloads import MAX_NAME_BYTES, DownloadError
from generator.runtime._snapshot import Output
from generator.runtime._sync_downloads import download

from ..support.hostile_server import drip, finished_within, hostile_server

PNG = b"\x89PNG\r\n\x1a\n" + b"x" * 100


class Endless(httpx.SyncByteStream):
    """A body that never ends; counts the bytes handed out."""

    def __init__(self) -> None:
        self.served = 0

    def __iter__(self) -> Iterator[bytes]:
        while True:
            self.served += 65536
            yield b"\0" * 65536


def endless_client(body: Endless) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(lambda _: httpx.Response(200, stream=body)))


def output(size: int | None, url: str = "https://cdn1.example/0.png") -> Output:
    return Output(name="0.png", contenttype="image/png", size=size, url=url)


def test_a_body_past_the_declared_size_stops_at_once(tmp_path: Path) -> None:
    body = Endless()
    with endless_client(body) as http, pytest.raises(DownloadError, match="more than the 100"):
        download(http, output(100), tmp_path, False)
    assert body.served <= 2 * 65536
    assert list(tmp_path.iterdir()) == []


def test_a_body_without_a_declared_size_stops_at_max_bytes(tmp_path: Path) -> None:
    body = Endless()
    with endless_client(body) as http, pytest.raises(DownloadError, match="max_bytes=1000000"):
        download(http, output(None), tmp_path, False, max_bytes=1_000_000)
    assert body.served <= 1_000_000 + 65536
    assert list(tmp_path.iterdir()) == []


def dripping(connection: socket.socket, head: bytes, stop: threading.Event) -> None:
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n")
    drip(connection, b"x" * 10_000, 0.2, stop)


def test_a_dripped_body_stops_at_the_timeout(tmp_path: Path) -> None:
    with hostile_server(dripping) as server, httpx.Client() as http:
        url = f"{server.origin}/0.png"
        error = finished_within(lambda: download(http, url, tmp_path, False, timeout=1.0), 30)
    assert isinstance(error, DownloadError) and "timeout=1 s" in str(error)
    assert list(tmp_path.iterdir()) == []


def test_an_https_output_redirected_to_plain_http_is_refused_even_on_loopback(
    tmp_path: Path,
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.scheme == "https":
            return httpx.Response(302, headers={"location": "http://127.0.0.1:9/0.png"})
        return httpx.Response(200, content=PNG)

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with http, pytest.raises(DownloadError, match="only https URLs are followed from an https"):
        download(http, "https://cdn1.example/0.png", tmp_path, False)
    assert list(tmp_path.iterdir()) == []


def png_client() -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(lambda _: httpx.Response(200, content=PNG)))


def test_a_name_of_300_characters_is_shortened_keeping_its_suffix(tmp_path: Path) -> None:
    with png_client() as http:
        path = download(http, f"https://cdn1.example/{'n' * 300}.png", tmp_path, False)
    assert path.suffix == ".png" and len(path.name.encode()) == MAX_NAME_BYTES
    assert path.read_bytes() == PNG


def test_a_destination_ending_with_a_separator_is_a_new_directory(tmp_path: Path) -> None:
    with png_client() as http:
        path = download(http, output(len(PNG)), f"{tmp_path}/newdir/", False)
    assert path == tmp_path / "newdir" / "0.png"
    assert path.read_bytes() == PNG


def test_a_symlink_at_the_target_is_refused_and_its_file_kept(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.write_bytes(b"mine")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "0.png").symlink_to(precious)
    with png_client() as http, pytest.raises(DownloadError, match="is a symlink"):
        download(http, output(len(PNG)), tmp_path / "out", False)
    assert precious.read_bytes() == b"mine"


class AsyncEndless(httpx.AsyncByteStream):
    def __init__(self) -> None:
        self.served = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while True:
            self.served += 65536
            yield b"\0" * 65536


def test_the_async_download_stops_past_the_declared_size_too(tmp_path: Path) -> None:
    body = AsyncEndless()

    async def scenario() -> None:
        transport = httpx.MockTransport(lambda _: httpx.Response(200, stream=body))
        async with httpx.AsyncClient(transport=transport) as http:
            await async_download(http, output(100), tmp_path, False)

    with pytest.raises(DownloadError, match="more than the 100"):
        asyncio.run(scenario())
    assert body.served <= 2 * 65536
    assert list(tmp_path.iterdir()) == []
