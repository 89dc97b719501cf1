"""Reading a request body the way Wiro accepts it: JSON, multipart or url-encoded form."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import IO

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from ..ir import JsonValue
from ..kinds.values import finite_float, refuse_constant

# Wiro bodies are flat; deeper nesting is refused before anything recurses into it.
MAX_BODY_DEPTH = 32
HASH_CHUNK_BYTES = 1024 * 1024


class BodyError(Exception):
    """A body that cannot be read (invalid JSON, a JSON body that is not an object, ...)."""


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart body, by size and SHA-256: its bytes are not kept."""

    field: str
    filename: str
    content_type: str
    size: int
    sha256: str

    @classmethod
    def read(cls, field: str, filename: str, content_type: str, file: IO[bytes]) -> UploadedFile:
        """The record of an uploaded file, read from `file` a chunk at a time."""
        digest, size = hashlib.sha256(), 0
        while chunk := file.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
            size += len(chunk)
        return cls(field, filename, content_type, size, digest.hexdigest())

    def matches(self, data: bytes) -> bool:
        """True when `data` are the bytes that were uploaded (same size and SHA-256)."""
        return (self.size, self.sha256) == (len(data), hashlib.sha256(data).hexdigest())

    def to_json(self) -> dict[str, JsonValue]:
        return {
            "field": self.field,
            "filename": self.filename,
            "contenttype": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class RequestBody:
    """A parsed body: `fields` are JSON values, or for a form str (list[str] when repeated)."""

    fields: dict[str, JsonValue]
    files: tuple[UploadedFile, ...] = ()

    def text(self, key: str) -> str:
        """A field as text ("" when absent); how identifiers like `taskid` are read."""
        value = self.fields.get(key)
        if value is None or isinstance(value, list | dict):
            return ""
        return str(value)


async def read_body(request: web.Request) -> RequestBody:
    """The body of `request`; raises BodyError when it cannot be read (an unknown
    charset, text that is not in it, a multipart header holding NUL, ...)."""
    try:
        return await _read_body(request)
    except (LookupError, UnicodeError, HttpProcessingError) as error:
        raise BodyError(f"The request body cannot be read ({error}).") from None


async def _read_body(request: web.Request) -> RequestBody:
    content_type = request.content_type
    # Wiro's own curl examples send JSON under a multipart header with no boundary.
    is_form = content_type == "application/x-www-form-urlencoded" or (
        content_type == "multipart/form-data"
        and "boundary" in request.headers.get("Content-Type", "")
    )
    if is_form:
        return await _read_form(request)
    raw = await request.read()
    if not raw.strip():
        return RequestBody({})
    parsed = parse_json(raw)
    if not isinstance(parsed, dict):
        raise BodyError("The request body must be a JSON object.")
    return RequestBody(parsed)


def parse_json(raw: str | bytes) -> JsonValue:
    """JSON text as a value; raises BodyError for invalid JSON, NaN or Infinity, a number
    Python will not convert (over 4,300 digits), or nesting deeper than MAX_BODY_DEPTH."""
    too_deep = BodyError(f"The request body is nested deeper than {MAX_BODY_DEPTH} levels.")
    try:
        value: JsonValue = json.loads(raw, parse_constant=refuse_constant, parse_float=finite_float)
    except RecursionError:  # deeper than the parser itself can go
        raise too_deep from None
    except (UnicodeDecodeError, ValueError) as error:  # JSONDecodeError and digit limits
        raise BodyError(f"The request body is not valid JSON ({error}).") from None
    if _nesting_depth(value) > MAX_BODY_DEPTH:
        raise too_deep
    return value


def _file_name(name: str) -> str:
    """An upload's file name as printable Unicode: bytes that were not UTF-8 become
    U+FFFD, control characters (NUL) are dropped."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(character for character in text if character.isprintable())


def _nesting_depth(value: JsonValue) -> int:
    """How deep lists and objects nest in `value`, found without recursion."""
    deepest, pending = 0, [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, list | dict):
            depth += 1
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth) for child in children)
    return deepest


async def _read_form(request: web.Request) -> RequestBody:
    try:
        form = await request.post()
    except ValueError as error:
        raise BodyError(f"The form body cannot be read ({error}).") from None
    values: defaultdict[str, list[str]] = defaultdict(list)
    files: list[UploadedFile] = []
    for name, value in form.items():
        if isinstance(value, web.FileField):
            with value.file:
                filename = _file_name(value.filename)
                files.append(UploadedFile.read(name, filename, value.content_type, value.file))
        else:
            values[name].append(str(value))
    fields: dict[str, JsonValue] = {
        name: texts[0] if len(texts) == 1 else list(texts) for name, texts in values.items()
    }
    return RequestBody(fields, tuple(files))
