"""What the server received: every API request, recorded with the API secret redacted."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from ..ir import JsonValue
from .body import RequestBody, UploadedFile

REDACTED = "[redacted secret]"
REDACTED_KEY = "[redacted key]"
# A shorter secret (a test's "s") would match ordinary text: redacting it would corrupt bodies.
MIN_REDACTED_LENGTH = 8
JOURNAL_LENGTH = 1000  # a long-running CLI server keeps only the latest requests
MAX_COUNTED_PATHS = 1000  # distinct paths counted one by one; the rest share OTHER_PATHS
OTHER_PATHS = "(other paths)"


@dataclass(frozen=True)
class ReceivedRequest:
    """One request as received: method, decoded path, headers and parsed body."""

    method: str
    path: str
    headers: dict[str, str]
    fields: dict[str, JsonValue]
    files: tuple[UploadedFile, ...] = ()

    def to_json(self) -> dict[str, JsonValue]:
        """The record as JSON; files are described by name, type and size."""
        return {
            "method": self.method,
            "path": self.path,
            "headers": dict(self.headers),
            "body": dict(self.fields),
            "files": [upload.to_json() for upload in self.files],
        }


def readable(text: str) -> str:
    """`text` as valid Unicode: bytes that were not UTF-8 (kept by aiohttp as surrogates)
    become U+FFFD, so a record can always be sent back as JSON."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def path_key(path: str) -> str:
    """How paths are compared: percent-decoded, without a trailing slash, case-insensitive."""
    return unquote(path).rstrip("/").casefold()


@dataclass
class RequestJournal:
    """Counts every API request per path and keeps the latest ones."""

    _counts: Counter[str] = field(default_factory=Counter)
    _latest: deque[ReceivedRequest] = field(default_factory=lambda: deque(maxlen=JOURNAL_LENGTH))

    def record(self, request: ReceivedRequest) -> None:
        key = path_key(request.path)
        if key not in self._counts and len(self._counts) >= MAX_COUNTED_PATHS:
            key = OTHER_PATHS  # endless distinct paths cannot grow the server's memory
        self._counts[key] += 1
        self._latest.append(request)

    def count(self, path: str) -> int:
        """How many requests were sent to `path` (see `path_key`), whatever their fate."""
        return self._counts[path_key(path)]

    def requests(self, path: str | None = None) -> list[ReceivedRequest]:
        """The latest requests, oldest first; only those to `path` when given."""
        return [r for r in self._latest if path is None or path_key(r.path) == path_key(path)]

    def counts(self) -> dict[str, int]:
        return dict(self._counts)


@dataclass(frozen=True)
class Redactor:
    """Replaces the API secret and key wherever a client sent them, so no reply, record or
    log line can echo them (they may come from the environment of whoever runs the server).

    Credentials shorter than MIN_REDACTED_LENGTH are left alone.
    """

    secret: str = field(repr=False)
    key: str = field(default="", repr=False)

    def text(self, value: str) -> str:
        value = readable(value)
        # The longer first, so a key holding the secret (or the reverse) is redacted whole.
        for credential, marker in sorted(
            ((self.secret, REDACTED), (self.key, REDACTED_KEY)), key=lambda pair: -len(pair[0])
        ):
            if len(credential) >= MIN_REDACTED_LENGTH:
                value = value.replace(credential, marker)
        return value

    def json(self, value: JsonValue) -> JsonValue:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json(item) for item in value]
        if isinstance(value, dict):
            return {self.text(key): self.json(item) for key, item in value.items()}
        return value

    def headers(self, headers: Mapping[str, str]) -> dict[str, str]:
        return {readable(name.lower()): self.text(value) for name, value in headers.items()}

    def body(self, body: RequestBody) -> RequestBody:
        fields = {self.text(key): self.json(value) for key, value in body.fields.items()}
        return replace(body, fields=fields)
