"""Credentials, request signing, nonces, and which base URLs may carry them."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets
import threading
import time
from collections.abc import Callable
from typing import Final, Literal
from urllib.parse import urlsplit

import httpx

from ._constants import (
    API_KEY_ENV,
    API_SECRET_ENV,
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    NONCE_SALTS,
    VERSION,
)
from ._errors import ConfigurationError

USER_AGENT: Final = f"wiro-tools/{VERSION} (wirogen) httpx/{httpx.__version__}"
"""Here, not in _constants: that module is imported without httpx."""


class _NonceSource:
    """Nonces unlikely to meet those of another process or host sharing the key: the unix
    time in seconds times NONCE_SALTS plus a random salt drawn per process (again after a
    fork). Every nonce of a process has its salt as remainder, so two processes meet only
    when they drew the same salt (1 in NONCE_SALTS). Strictly increasing within the
    process (a busy one runs ahead of the clock) and safe across threads; below 2**53, as
    Wiro's own 13-digit millisecond nonces are."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._last = 0
        self._salt = secrets.randbelow(NONCE_SALTS)
        os.register_at_fork(after_in_child=self._forked)

    def next(self) -> int:
        with self._lock:
            now = int(self._clock()) * NONCE_SALTS + self._salt
            self._last = max(self._last + NONCE_SALTS, now)
            return self._last

    def _forked(self) -> None:
        # A forked child would otherwise send its parent's next nonces.
        self._lock = threading.Lock()
        self._last = 0
        self._salt = secrets.randbelow(NONCE_SALTS)


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
    """The signer for the given credentials, or those of the environment.

    Raises ConfigurationError without a key, or for a key or secret holding whitespace
    or control characters (a pasted newline); the message never shows the value.
    """
    key = api_key if api_key is not None else os.environ.get(API_KEY_ENV, "")
    if not key:
        raise ConfigurationError(f"no API key: pass api_key or set {API_KEY_ENV}")
    secret = (
        api_secret if api_secret is not None else os.environ.get(API_SECRET_ENV, "")
    )
    _check_credential(key, "API key", api_key is None, API_KEY_ENV)
    _check_credential(secret, "API secret", api_secret is None, API_SECRET_ENV)
    return Signer(key, secret or None)


def _check_credential(value: str, what: str, from_env: bool, variable: str) -> None:
    if all(" " < character < "\x7f" for character in value):
        return
    source = f" (from ${variable})" if from_env else ""
    raise ConfigurationError(
        f"the {what}{source} holds whitespace, a control character or a non-ASCII "
        "character; credentials are printable ASCII (check for a pasted newline)"
    )


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
        base_url: str | None,
        allow_insecure_base_url: bool,
    ) -> None:
        self._signer = credentials(api_key, api_secret)
        if base_url is None:
            base_url = os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
        self.base_url = checked_base_url(base_url, allow_insecure_base_url)

    @property
    def auth_mode(self) -> Literal["signature", "key"]:
        """`signature` when a secret is set, `key` (x-api-key only) otherwise."""
        return self._signer.mode

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, auth_mode={self.auth_mode!r})"
