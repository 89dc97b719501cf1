"""Credentials, request signing, nonces, and which base URLs may carry them."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import threading
import time
from typing import Final, Literal
from urllib.parse import urlsplit

import httpx

from ._constants import API_KEY_ENV, API_SECRET_ENV
from ._errors import ConfigurationError


class _NonceSource:
    """Strictly increasing millisecond nonces, shared by every client in the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = 0

    def next(self) -> int:
        with self._lock:
            self._last = max(self._last + 1, time.time_ns() // 1_000_000)
            return self._last


_NONCES: Final = _NonceSource()


class Signer:
    """Sets the auth headers of one request; the only holder of the secret."""

    __slots__ = ("_key", "_secret")

    def __init__(self, key: str, secret: str | None) -> None:
        self._key = key
        self._secret = secret

    @property
    def mode(self) -> Literal["signature", "key"]:
        return "signature" if self._secret is not None else "key"

    def sign(self, request: httpx.Request) -> None:
        request.headers["x-api-key"] = self._key
        if self._secret is None:
            return
        nonce = str(_NONCES.next())
        message = (self._secret + nonce).encode()
        request.headers["x-nonce"] = nonce
        request.headers["x-signature"] = hmac.new(
            self._key.encode(), message, hashlib.sha256
        ).hexdigest()

    def __repr__(self) -> str:
        return f"Signer(mode={self.mode!r})"


def credentials(api_key: str | None, api_secret: str | None) -> Signer:
    """The signer for the given credentials, or those of the environment."""
    key = api_key if api_key is not None else os.environ.get(API_KEY_ENV, "")
    if not key:
        raise ConfigurationError(f"no API key: pass api_key or set {API_KEY_ENV}")
    secret = (
        api_secret if api_secret is not None else os.environ.get(API_SECRET_ENV, "")
    )
    return Signer(key, secret or None)


def checked_base_url(base_url: str, allow_insecure: bool) -> str:
    """https, or plain http to a loopback address (tests, a local mock server)."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigurationError(f"base_url must be an http(s) URL, got {base_url!r}")
    if (
        parts.scheme == "http"
        and not allow_insecure
        and not is_loopback(parts.hostname)
    ):
        raise ConfigurationError(
            f"base_url {base_url!r} is not https; pass allow_insecure_base_url=True to send "
            "credentials over plain http"
        )
    return base_url.rstrip("/") + "/"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ClientBase:
    """What both clients share: credentials, base URL, a repr without secrets."""

    def __init__(
        self,
        api_key: str | None,
        api_secret: str | None,
        base_url: str,
        allow_insecure_base_url: bool,
    ) -> None:
        self._signer = credentials(api_key, api_secret)
        self.base_url = checked_base_url(base_url, allow_insecure_base_url)

    @property
    def auth_mode(self) -> Literal["signature", "key"]:
        """`signature` when a secret is set, `key` (x-api-key only) otherwise."""
        return self._signer.mode

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, auth_mode={self.auth_mode!r})"
