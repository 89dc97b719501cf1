"""Wiro's two authentication modes, checked the way api.wiro.ai checks them."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

AuthMode: TypeAlias = Literal["signature", "key"]
AUTH_MODES: tuple[AuthMode, ...] = ("signature", "key")

API_KEY_HEADER = "x-api-key"
NONCE_HEADER = "x-nonce"
SIGNATURE_HEADER = "x-signature"


def signature_for(api_key: str, api_secret: str, nonce: str) -> str:
    """hex(HMAC-SHA256(key=api_key, message=api_secret + nonce)), as Wiro documents it."""
    message = (api_secret + nonce).encode()
    return hmac.new(api_key.encode(), message, hashlib.sha256).hexdigest()


@dataclass
class Authenticator:
    """Accepts or rejects a request's credentials; remembers the nonces already used."""

    mode: AuthMode
    api_key: str = field(repr=False)
    api_secret: str = field(repr=False)
    _used_nonces: set[str] = field(default_factory=set, repr=False)

    def rejection(self, headers: Mapping[str, str]) -> str | None:
        """Why the headers are refused, or None when they are accepted.

        An accepted nonce is remembered: the same nonce is refused next time.
        """
        given_key = headers.get(API_KEY_HEADER, "")
        if not given_key:
            return f"Missing header {API_KEY_HEADER}."
        if not _same(given_key, self.api_key):
            return "Invalid API key."
        if self.mode == "key":
            return None
        nonce = headers.get(NONCE_HEADER, "")
        signature = headers.get(SIGNATURE_HEADER, "")
        missing = [name for name in (NONCE_HEADER, SIGNATURE_HEADER) if not headers.get(name)]
        if missing:
            return f"Missing header {' and '.join(missing)}."
        if not nonce.isascii() or not _same(
            signature.lower(), signature_for(self.api_key, self.api_secret, nonce)
        ):
            return "Invalid signature."
        if nonce in self._used_nonces:
            return "Nonce already used."
        self._used_nonces.add(nonce)
        return None


def _same(given: str, expected: str) -> bool:
    # Bytes, not str: compare_digest refuses non-ASCII str, and headers can hold anything.
    # surrogateescape: a header's non-UTF-8 bytes, as aiohttp keeps them, compare unequal.
    return hmac.compare_digest(
        given.encode("utf-8", "surrogateescape"), expected.encode("utf-8", "surrogateescape")
    )
