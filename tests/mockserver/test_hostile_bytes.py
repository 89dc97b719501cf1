"""Bytes no client should send get a Wiro refusal, never a 500, and endless distinct
requests cannot grow the server's memory (issue 19 item 10)."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import httpx
import pytest

from generator.mockserver import RunningMockServer, journal, lifecycle
from tests.support.mockserver_fixture import KEY, SignatureAuth, signed_client

from .support import PIXART, admin


def send(server: RunningMockServer, head: bytes, body: bytes = b"") -> int:
    """Send a raw request; the status code of the answer."""
    parts = urlsplit(server.base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        length = f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        connection.sendall(head + length + body)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def signed() -> bytes:
    return b"".join(f"{k}: {v}\r\n".encode() for k, v in SignatureAuth().headers().items())


def assert_requests_readable(server: RunningMockServer) -> None:
    """The admin record of what was received still answers as JSON."""
    reply = admin(server, "GET", "requests")
    assert reply.status_code == 200 and reply.json()["requests"]


@pytest.mark.parametrize("name", [b"a\x00b.png", b"\xff\xfe.png"])
def test_a_multipart_file_name_of_raw_bytes_gets_no_server_error(
    mock_wiro: RunningMockServer, name: bytes
) -> None:
    part = b'Content-Disposition: form-data; name="inputImage"; filename="' + name + b'"'
    body = b"--XX\r\n" + part + b"\r\nContent-Type: image/png\r\n\r\nPNG\r\n--XX--\r\n"
    head = b"POST /v1/Run/wiro/cartoonify HTTP/1.1\r\nHost: mock\r\n" + signed()
    head += b"Content-Type: multipart/form-data; boundary=XX\r\n"
    assert send(mock_wiro, head, body) < 500
    assert_requests_readable(mock_wiro)


@pytest.mark.parametrize("kind", [b"application/json", b"application/x-www-form-urlencoded"])
def test_an_unknown_charset_gets_no_server_error(mock_wiro: RunningMockServer, kind: bytes) -> None:
    head = f"POST /v1{PIXART} HTTP/1.1\r\nHost: mock\r\n".encode() + signed()
    head += b"Content-Type: " + kind + b"; charset=bogus\r\n"
    body = b'{"prompt": "x"}' if kind.endswith(b"json") else b"prompt=x"
    assert send(mock_wiro, head, body) < 500


@pytest.mark.parametrize(
    "headers",
    [
        f"x-api-key: {KEY}\r\nx-nonce: \xff\xfe1\r\nx-signature: 00\r\n".encode("latin-1"),
        b"x-api-key: \xff\xfe\r\n",
    ],
    ids=["nonce", "key"],
)
def test_credential_headers_that_are_not_utf8_are_refused(
    mock_wiro: RunningMockServer, headers: bytes
) -> None:
    head = b"POST /v1/Tool/List HTTP/1.1\r\nHost: mock\r\nContent-Type: application/json\r\n"
    assert send(mock_wiro, head + headers, b"{}") == 401
    assert_requests_readable(mock_wiro)


def test_an_output_index_of_thousands_of_digits_is_not_found(
    mock_wiro: RunningMockServer,
) -> None:
    reply = httpx.get(f"{mock_wiro.origin}/files/x/{'9' * 5000}.png")
    assert reply.status_code == 404


def test_distinct_paths_past_the_bound_share_one_count(
    mock_wiro: RunningMockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "MAX_COUNTED_PATHS", 5)
    with signed_client(mock_wiro) as wiro:
        for number in range(20):
            wiro.post(f"/Nowhere/{number}", json={})
    counts = admin(mock_wiro, "GET", "requests").json()["counts"]
    assert len(counts) <= 5 + 1  # and the one shared count
    assert counts[journal.OTHER_PATHS] >= 15


def test_the_task_book_keeps_only_the_latest_tasks(
    mock_wiro: RunningMockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lifecycle, "MAX_TASKS", 3)
    with signed_client(mock_wiro) as wiro:
        ids = [wiro.post(PIXART, json={"prompt": "x"}).json()["taskid"] for _ in range(6)]
        details = [wiro.post("/Task/Detail", json={"taskid": i}).json() for i in ids]
    found = [bool(detail.get("tasklist")) for detail in details]
    assert found == [False, False, False, True, True, True]
