"""Downloads follow redirects only to URLs they may fetch, and send no Wiro credentials."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from generator.runtime._downloads import DownloadError
from generator.runtime._sync_downloads import download

PNG = b"\x89PNG\r\n\x1a\n" + b"x" * 100


def files_client(redirect_to: str) -> httpx.Client:
    """A client whose first URL redirects to `redirect_to`, which serves PNG."""

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/first.png":
            return httpx.Response(302, headers={"location": redirect_to})
        return httpx.Response(200, content=PNG)

    return httpx.Client(transport=httpx.MockTransport(answer))


def test_a_redirect_to_https_is_followed(tmp_path: Path) -> None:
    with files_client("https://cdn2.example/moved.png") as http:
        path = download(http, "https://cdn1.example/first.png", tmp_path, False)
    assert path.read_bytes() == PNG and path.name == "first.png"


def test_a_redirect_to_plain_http_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    with (
        files_client("http://cdn2.example/moved.png") as http,
        pytest.raises(DownloadError, match="only https"),
    ):
        download(http, "https://cdn1.example/first.png", tmp_path, False)
    assert list(tmp_path.iterdir()) == []


def test_an_http_error_status_fails_the_download(tmp_path: Path) -> None:
    http = httpx.Client(transport=httpx.MockTransport(lambda _: httpx.Response(404)))
    with http, pytest.raises(DownloadError, match="HTTP 404"):
        download(http, "https://cdn1.example/gone.png", tmp_path, False)
    assert list(tmp_path.iterdir()) == []
