"""Checking a Run body against the inputs its page documents.

Each message names the input it is about; Wiro reports them as code 0 errors.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..ir import Input, JsonValue, ToolSpec
from ..kinds import Kind
from ..kinds.values import as_text
from .body import RequestBody

# Every Run takes a project id besides the tool's inputs (one of Wiro's common parameters).
PROJECT_KEY = "projectid"


@dataclass(frozen=True)
class BodyKey:
    """One key a Run body may hold: the input it belongs to, its kind, and what it takes."""

    input: Input
    kind: Kind
    takes_value: bool
    """A value the kind checks (else the key only takes uploaded files)."""
    takes_upload: bool


def run_body_errors(spec: ToolSpec, body: RequestBody) -> list[str]:
    """Everything wrong with a Run body for `spec`, one message per problem; [] when valid.

    Fields the page does not list are accepted (Wiro ignores them; clients send extra
    fields on purpose) and stay recorded with the request; uploads must name an input.
    """
    keys = _accepted_keys(spec)
    errors: list[str] = []
    for name, value in body.fields.items():
        if name == PROJECT_KEY and isinstance(value, list | dict):
            errors.append(f"'{PROJECT_KEY}' expects a single project id.")
        key = keys.get(name)
        if key is None:
            continue
        problem = _value_problem(key, value)
        if problem:
            errors.append(f"Input '{name}': {problem}")
    return errors + _upload_errors(spec, keys, body)


def _upload_errors(spec: ToolSpec, keys: dict[str, BodyKey], body: RequestBody) -> list[str]:
    errors: list[str] = []
    for name, count in Counter(upload.field for upload in body.files).items():
        key = keys.get(name)
        if key is None:
            errors.append(f"Unknown input '{name}' for {spec.slug}.")
        elif not key.takes_upload:
            errors.append(f"Input '{name}': does not take an uploaded file.")
        elif key.kind.single_upload and count > 1:
            errors.append(f"Input '{name}': takes one file, got {count}.")
    return errors


def _accepted_keys(spec: ToolSpec) -> dict[str, BodyKey]:
    """The body keys a Run for `spec` accepts: each input's value key and upload part."""
    keys: dict[str, BodyKey] = {}
    owned = [
        (key, body_key)
        for item, kind in zip(spec.inputs, spec.input_kinds, strict=True)
        for key, body_key in _keys_of(item, kind).items()
    ]
    # An input literally named like `inputImageUrl` wins over another's derived key.
    keys.update((key, body_key) for key, body_key in owned if key != body_key.input.name)
    keys.update((key, body_key) for key, body_key in owned if key == body_key.input.name)
    return keys


def _keys_of(item: Input, kind: Kind) -> dict[str, BodyKey]:
    """Where `item` travels: its value under the kind's JSON key, its files in its part."""
    value_key, part = kind.json_key(item.name), kind.upload_part(item.name)
    keys = {value_key: BodyKey(item, kind, takes_value=True, takes_upload=part == value_key)}
    if part is not None and part != value_key:
        keys[part] = BodyKey(item, kind, takes_value=False, takes_upload=True)
    return keys


def _value_problem(key: BodyKey, value: JsonValue) -> str | None:
    item = key.input
    if as_text(value) == item.default:
        return None  # the documented default is always accepted
    if not key.takes_value:
        url_key = key.kind.json_key(item.name)
        return f"takes an uploaded file; send a URL in '{url_key}' instead."
    return key.kind.value_problem(item, value)
