"""Reading a request body the way Wiro accepts it: JSON, multipart or url-encoded form."""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from dataclasses import dataclass

from aiohttp import web

from ..ir import JsonValue


class BodyError(Exception):
    """A body that cannot be read (invalid JSON, a JSON body that is not an object, ...)."""


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart body."""

    field: str
    filename: str
    content_type: str
    data: bytes

    def to_json(self) -> dict[str, JsonValue]:
        return {
            "field": self.field,
            "filename": self.filename,
            "contenttype": self.content_type,
            "size": len(self.data),
            "base64": base64.b64encode(self.data).decode(),
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
    """The body of `request`; raises BodyError when it cannot be read."""
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
    try:
        parsed = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BodyError(f"The request body is not valid JSON ({error}).") from None
    if not isinstance(parsed, dict):
        raise BodyError("The request body must be a JSON object.")
    return RequestBody(parsed)


async def _read_form(request: web.Request) -> RequestBody:
    try:
        form = await request.post()
    except ValueError as error:
        raise BodyError(f"The form body cannot be read ({error}).") from None
    values: defaultdict[str, list[str]] = defaultdict(list)
    files: list[UploadedFile] = []
    for name, value in form.items():
        if isinstance(value, web.FileField):
            data = value.file.read()
            files.append(UploadedFile(name, value.filename, value.content_type, data))
        else:
            values[name].append(str(value))
    fields: dict[str, JsonValue] = {
        name: texts[0] if len(texts) == 1 else list(texts) for name, texts in values.items()
    }
    return RequestBody(fields, tuple(files))
