"""Run requests: every value checked against its input, the body laid out as Wiro expects."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

from ._errors import InvalidInputError
from ._spec import FILE_KINDS, InputSpec, ToolInfo
from ._uploads import LocalFile, UploadSource, file_value, is_named_file

Upload: TypeAlias = tuple[str, tuple[str, UploadSource, str]]
"""(part name, (file name, source, content type)), as httpx takes files."""

PROJECT_KEY: Final = "projectid"
CALLBACK_KEY: Final = "callbackUrl"
MAX_SAFE_INTEGER: Final = 2**53
"""Wiro reads JSON in JavaScript: larger integers would arrive changed."""


@dataclass(frozen=True)
class RunRequest:
    """A Run body: JSON when nothing is uploaded, multipart form fields and files otherwise."""

    json: dict[str, Any] | None
    data: dict[str, Any] | None = None
    files: list[Upload] | None = None


def encode_run(
    tool: ToolInfo,
    values: Mapping[str, object],
    callback_url: str | None = None,
    allow_unlisted: bool = False,
    extra_body: Mapping[str, object] | None = None,
    project_id: str | None = None,
) -> RunRequest:
    """Check every value against its input and lay the body out as Wiro expects.

    Inputs left at None are not sent. `extra_body` is merged in last, as given.
    """
    known = {spec.name for spec in tool.inputs}
    for name in values:
        if name not in known:
            raise InvalidInputError(
                name, f"{tool.slug or 'this tool'} has no such input"
            )
    present = [
        (spec, _resolved(spec, values[spec.name]))
        for spec in tool.inputs
        if values.get(spec.name) is not None
    ]
    uploading = any(
        isinstance(item, LocalFile)
        for spec, value in present
        if spec.kind in FILE_KINDS
        for item in value
    )
    fields: dict[str, Any] = {}
    files: list[Upload] = []
    for spec, value in present:
        if spec.kind in FILE_KINDS:
            _encode_files(spec, value, fields, files)
        else:
            fields[spec.name] = _encoded_value(spec, value, allow_unlisted, uploading)
    if callback_url is not None:
        fields[CALLBACK_KEY] = _text(CALLBACK_KEY, callback_url, "callback_url")
    if project_id is not None:
        fields[PROJECT_KEY] = _text("project_id", project_id)
    fields.update(_extra_fields(extra_body, uploading))
    if uploading:
        return RunRequest(json=None, data=fields, files=files)
    return RunRequest(json=fields)


def _resolved(spec: InputSpec, value: object) -> Any:
    """A file input's value as URLs and local files; any other value as it is."""
    if spec.kind not in FILE_KINDS:
        return value
    items = _file_items(value)
    if spec.kind == "urlfile" and len(items) != 1:
        raise InvalidInputError(spec.name, "takes one URL or file, not a list")
    return [file_value(spec.name, _part_name(spec), item) for item in items]


def _encode_files(
    spec: InputSpec,
    items: Sequence[str | LocalFile],
    fields: dict[str, Any],
    files: list[Upload],
) -> None:
    """URLs in the URL field (a list for combinefile); files in parts, the URL field beside."""
    urls = [item for item in items if isinstance(item, str)]
    part = _part_name(spec)
    files += [
        (part, (item.name, item.source, item.content_type))
        for item in items
        if isinstance(item, LocalFile)
    ]
    if spec.kind == "combinefile":
        if urls:
            fields[spec.name] = urls
    elif items:
        # Sent even when empty: Wiro's docs ask for both fields beside an upload.
        url_field = spec.name if spec.kind == "urlfile" else f"{spec.name}Url"
        fields[url_field] = ",".join(urls)


def _part_name(spec: InputSpec) -> str:
    """Where a file input's uploads go: the input, or for `<base>Url` inputs `<base>`."""
    return spec.name.removesuffix("Url") if spec.kind == "urlfile" else spec.name


def _file_items(value: object) -> Sequence[object]:
    """A file input's values: one file or URL, or a list of them."""
    if is_named_file(value) or isinstance(value, str | bytes):
        return (value,)
    if isinstance(value, Sequence):
        return value
    return (value,)


def _encoded_value(
    spec: InputSpec, value: object, allow_unlisted: bool, form: bool
) -> Any:
    """A checked value: as JSON has it, or as the text of a form field when `form`."""
    name = spec.name
    if spec.kind == "string":
        return _text(name, value)
    if spec.kind == "integer":
        number = _checked(int, name, value)
        if abs(number) > MAX_SAFE_INTEGER:
            raise InvalidInputError(
                name, "expected an integer from -2**53 to 2**53, got a larger one"
            )
        return str(number) if form else number
    if spec.kind == "float":
        real = _checked_real(name, value)
        return str(real) if form else real
    if spec.kind == "boolean":
        flag = _checked(bool, name, value)
        return ("true" if flag else "false") if form else flag
    if spec.kind == "select":
        return _checked_choice(spec, _text(name, value), allow_unlisted)
    choices = [
        _checked_choice(spec, _text(name, item), allow_unlisted)
        for item in _sequence(name, value)
    ]
    return json.dumps(choices) if form else choices


def _extra_fields(
    extra_body: Mapping[str, object] | None, form: bool
) -> dict[str, Any]:
    """`extra_body` as body fields: JSON values as given, or their form-field text."""
    if extra_body is None:
        return {}
    if not isinstance(extra_body, Mapping) or not all(
        isinstance(k, str) for k in extra_body
    ):
        raise InvalidInputError("extra_body", "expected a mapping with str keys")
    try:
        # As httpx encodes it: UTF-8, so a lone surrogate fails here, not in httpx.
        json.dumps(dict(extra_body), allow_nan=False, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        raise InvalidInputError("extra_body", _SURROGATE) from None
    except (TypeError, ValueError, RecursionError) as error:
        raise InvalidInputError(
            "extra_body", f"not JSON-serialisable: {error}"
        ) from None
    if not form:
        return dict(extra_body)
    return {key: _form_text(value) for key, value in extra_body.items()}


def _form_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value)  # true/false, numbers, and lists or objects as JSON text


def _checked(kind: type[Any], name: str, value: object) -> Any:
    # bool is an int subclass: True is no number, and 1 is no flag.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InvalidInputError(
            name, f"expected {kind.__name__}, got {type(value).__name__}"
        )
    return value


_SURROGATE: Final = "holds a lone surrogate (text that is not valid Unicode)"


def _text(name: str, value: object, argument: str = "") -> str:
    """A str that can be sent: encodable as UTF-8 (no lone surrogate)."""
    if not isinstance(value, str):
        raise InvalidInputError(
            name, f"expected str, got {type(value).__name__}", argument=argument
        )
    try:
        value.encode()
    except UnicodeEncodeError:
        raise InvalidInputError(name, _SURROGATE, argument=argument) from None
    return value


def _checked_real(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(name, f"expected a number, got {type(value).__name__}")
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an int past float's range
        finite = False
    if not finite:
        shown = (
            repr(value) if isinstance(value, float) else "an integer past float's range"
        )
        raise InvalidInputError(name, f"expected a finite number, got {shown}")
    return value


def _checked_choice(spec: InputSpec, value: str, allow_unlisted: bool) -> str:
    defaults = spec.default if isinstance(spec.default, tuple) else (spec.default,)
    if allow_unlisted or not spec.options or value in spec.options or value in defaults:
        return value
    shown = ", ".join(repr(option) for option in spec.options[:10])
    more = f" and {len(spec.options) - 10} more" if len(spec.options) > 10 else ""
    raise InvalidInputError(
        spec.name,
        f"{value!r} is not one of {shown}{more} (pass allow_unlisted=True to send it anyway)",
    )


def _sequence(name: str, value: object) -> Sequence[object]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidInputError(name, f"expected a list, got {type(value).__name__}")
    return value
