"""Pytest fixtures running the Wiro mock server in-process on a free loopback port.

tests/conftest.py registers them for every test module:

    def test_something(mock_wiro, wiro):           # a server for specs/, a signed client
        taskid = wiro.post("/Run/wiro/PixArt-Sigma", json={"prompt": "a cat"}).json()["taskid"]
        mock_wiro.queue_faults("/v1/Task/Detail", "503")

Signatures are computed here with hmac, independently of the server's own code.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import time
from collections.abc import Callable, Generator, Iterable, Mapping
from dataclasses import replace
from typing import Any

import httpx
import pytest

from generator.ir import ToolSpec
from generator.mockserver import Catalogue, RunningMockServer, Settings, load_catalogue
from generator.mockserver import start_mock_server as start_server

from .paths import SPECS

KEY = "test-api-key"
SECRET = "test-api-secret-Zq7"
SETTINGS = Settings(api_key=KEY, api_secret=SECRET, slow_seconds=0.5)

StartMockWiro = Callable[..., RunningMockServer]

# One sequence for every signer in the process, so two signers never share a nonce.
_NONCES = itertools.count(time.time_ns() // 1_000_000)


class SignatureAuth(httpx.Auth):
    """Signs each request as Wiro documents: x-signature = hex(HMAC-SHA256(key, secret+nonce)).

    Nonces are strictly increasing integers starting at the current unix milliseconds.
    """

    def __init__(self, key: str = KEY, secret: str = SECRET) -> None:
        self.key, self.secret = key, secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.update(self.headers())
        yield request

    def headers(self) -> dict[str, str]:
        """A fresh set of signed headers."""
        nonce = str(next(_NONCES))
        digest = hmac.new(self.key.encode(), (self.secret + nonce).encode(), hashlib.sha256)
        return {"x-api-key": self.key, "x-nonce": nonce, "x-signature": digest.hexdigest()}


@pytest.fixture(scope="session")
def spec_catalogue() -> Catalogue:
    """The tools of specs/, parsed once per session."""
    return load_catalogue([SPECS])


@pytest.fixture
def start_mock_wiro(spec_catalogue: Catalogue) -> Generator[StartMockWiro, None, None]:
    """Start servers: `start_mock_wiro(settings=..., specs=..., pages=...)`; all stop at teardown.

    `settings` fields override SETTINGS (key, secret, auth mode, fault defaults, clock);
    `specs`/`pages` are served in addition to the pages of specs/, `prices` (price file
    entries by clean slug) over those of specs/prices.json.
    """
    servers: list[RunningMockServer] = []

    def start(
        specs: Iterable[ToolSpec] = (),
        pages: Mapping[str, str] | None = None,
        prices: Mapping[str, Any] | None = None,
        **settings: Any,
    ) -> RunningMockServer:
        server = start_server(
            [*spec_catalogue.specs, *specs],
            {**spec_catalogue.pages, **(pages or {})},
            replace(SETTINGS, **settings),
            prices={**spec_catalogue.prices, **(prices or {})},
        )
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def mock_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """KEY and SECRET in the environment, and no proxy between a client and 127.0.0.1."""
    monkeypatch.setenv("WIRO_API_KEY", KEY)
    monkeypatch.setenv("WIRO_API_SECRET", SECRET)
    for name in ("NO_PROXY", "no_proxy"):  # a proxy from the environment must not see these
        monkeypatch.setenv(name, "127.0.0.1")


@pytest.fixture
def mock_wiro(start_mock_wiro: StartMockWiro) -> RunningMockServer:
    """A signature-mode server for the pages of specs/, with KEY and SECRET."""
    return start_mock_wiro()


@pytest.fixture
def wiro(mock_wiro: RunningMockServer) -> Generator[httpx.Client, None, None]:
    """An httpx client on `mock_wiro`'s /v1 base URL that signs every request."""
    with signed_client(mock_wiro) as client:
        yield client


def signed_client(server: RunningMockServer, auth: httpx.Auth | None = None) -> httpx.Client:
    """An httpx client on `server`'s /v1 base URL, signing with KEY and SECRET by default."""
    # verify=False: plain HTTP on loopback, so skip loading CA certificates for every client.
    return httpx.Client(
        base_url=server.base_url, auth=auth or SignatureAuth(), timeout=5, verify=False
    )
