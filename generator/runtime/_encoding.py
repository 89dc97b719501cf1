"""Run requests: every value checked against its input, the body laid out as Wiro expects."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final, TypeAlias, cast

from ._errors import InvalidInputError
from ._spec import InputSpec, ToolInfo

UploadSource: TypeAlias = bytes | IO[bytes] | Path
"""What an uploaded part is read from; a Path is opened only while the request is sent."""
Upload: TypeAlias = tuple[str, tuple[str, UploadSource, str]]
"""(part name, (file name, source, content type)), as httpx takes files."""

FILE_KINDS: Final = frozenset({"file", "multifile", "combinefile"})


@dataclass(frozen=True)
class RunRequest:
    """A Run body: JSON when nothing is uploaded, multipart form fields and files otherwise."""

    json: dict[str, Any] | None
    data: dict[str, Any] | None = None
    files: list[Upload] | None = None


def encode_run(
    tool: ToolInfo,
    values: Mapping[str, object],
    callback_url: str | None,
    allow_unlisted: bool,
) -> RunRequest:
    """Check every value against its input and lay the body out as Wiro expects."""
    known = {spec.name for spec in tool.inputs}
    for name in values:
        if name not in known:
            raise InvalidInputError(
                name, f"{tool.slug or 'this tool'} has no such input"
            )
    present = [
        (spec, values[spec.name])
        for spec in tool.inputs
        if values.get(spec.name) is not None
    ]
    uploading = any(
        _is_local(item)
        for spec, value in present
        if spec.kind in FILE_KINDS
        for item in _items(value)
    )
    fields: dict[str, Any] = {}
    files: list[Upload] = []
    for spec, value in present:
        _encode_input(spec, value, allow_unlisted, uploading, fields, files)
    if callback_url is not None:
        fields["callbackUrl"] = _checked(str, "callbackUrl", callback_url)
    if uploading:
        return RunRequest(json=None, data=fields, files=files)
    return RunRequest(json=fields)


def _encode_input(
    spec: InputSpec,
    value: object,
    allow_unlisted: bool,
    uploading: bool,
    fields: dict[str, Any],
    files: list[Upload],
) -> None:
    name = spec.name
    if spec.kind == "string":
        fields[name] = _checked(str, name, value)
    elif spec.kind == "integer":
        number = _checked(int, name, value)
        fields[name] = str(number) if uploading else number
    elif spec.kind == "float":
        real = _checked_real(name, value)
        fields[name] = str(real) if uploading else real
    elif spec.kind == "boolean":
        flag = _checked(bool, name, value)
        fields[name] = ("true" if flag else "false") if uploading else flag
    elif spec.kind == "select":
        fields[name] = _checked_choice(spec, _checked(str, name, value), allow_unlisted)
    elif spec.kind == "multiselect":
        choices = [
            _checked_choice(spec, _checked(str, name, item), allow_unlisted)
            for item in _sequence(name, value)
        ]
        fields[name] = json.dumps(choices) if uploading else choices
    else:
        urls: list[str] = []
        for item in _items(value):
            if isinstance(item, str):
                urls.append(item)
            else:
                files.append((name, _upload(name, item)))
        if urls and spec.kind == "combinefile":
            fields[name] = urls
        elif urls:
            fields[f"{name}Url"] = ",".join(urls)


def _checked(kind: type[Any], name: str, value: object) -> Any:
    # bool is an int subclass: True is no number, and 1 is no flag.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InvalidInputError(
            name, f"expected {kind.__name__}, got {type(value).__name__}"
        )
    return value


def _checked_real(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(name, f"expected a number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise InvalidInputError(name, f"expected a finite number, got {value!r}")
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


def _items(value: object) -> Sequence[object]:
    """A file input's values: one file or URL, or a list of them."""
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return value
    return (value,)


def _is_local(value: object) -> bool:
    return not isinstance(value, str)


def _upload(name: str, value: object) -> tuple[str, UploadSource, str]:
    if isinstance(value, os.PathLike):
        path = Path(value)
        return path.name, path, "application/octet-stream"
    if isinstance(value, bytes):
        return name, value, "application/octet-stream"
    if hasattr(value, "read"):
        file_name = getattr(value, "name", None)
        label = Path(file_name).name if isinstance(file_name, str) else name
        return label, cast(IO[bytes], value), "application/octet-stream"
    raise InvalidInputError(
        name,
        f"expected a URL, a path, bytes or a binary file, got {type(value).__name__}",
    )
