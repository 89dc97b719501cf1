"""Wiro's request authentication for wirogen's own calls (the catalogue), as httpx auth.

The same scheme as the generated clients' runtime: signature mode sends x-api-key,
x-nonce and x-signature = hex(HMAC-SHA256(key, secret + nonce)); key-only mode sends
x-api-key alone. Nonces are strictly increasing milliseconds, as in Wiro's own SDK.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections.abc import Generator

import httpx


class NonceSource:
    """Strictly increasing millisecond nonces, safe to share between threads."""

    def __init__(self) -> None:
        self._last = 0
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            self._last = max(self._last + 1, time.time_ns() // 1_000_000)
            return self._last


class WiroAuth(httpx.Auth):
    """Signs each request when a secret is given, else sends the key alone."""

    def __init__(self, key: str, secret: str | None, nonces: NonceSource | None = None) -> None:
        self._key, self._secret = key, secret
        self._nonces = nonces or NonceSource()

    def __repr__(self) -> str:
        mode = "signature" if self._secret else "key"
        return f"WiroAuth(mode={mode!r})"  # never the secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["x-api-key"] = self._key
        if self._secret:
            nonce = str(self._nonces.next())
            message = (self._secret + nonce).encode()
            signature = hmac.new(self._key.encode(), message, hashlib.sha256).hexdigest()
            request.headers["x-nonce"] = nonce
            request.headers["x-signature"] = signature
        yield request
