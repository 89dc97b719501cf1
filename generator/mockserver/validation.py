"""Checking a Run body against the inputs its page documents.

Each message names the input it is about; Wiro reports them as code 0 errors.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeAlias

from ..ir import Input, JsonValue, ToolSpec
from ..kinds import InputKind
from .body import BodyError, RequestBody, parse_json

# Every Run takes these besides the tool's inputs (Wiro's common parameters).
CALLBACK_KEY = "callbackUrl"
PROJECT_KEY = "projectid"
URL_SUFFIX = "Url"

# How a body key relates to its input: the input's value, its URL(s), or its uploaded file(s).
Role: TypeAlias = Literal["value", "url", "upload"]


@dataclass(frozen=True)
class BodyKey:
    """One key a Run body may hold, the input it belongs to, and where its URLs go."""

    input: Input
    role: Role
    url_key: str = ""


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
        elif key.role == "url" or (key.role == "value" and not key.input.kind.is_file):
            errors.append(f"Input '{name}': does not take an uploaded file.")
        elif key.input.kind in (InputKind.FILE, InputKind.TEXT) and count > 1:
            errors.append(f"Input '{name}': takes one file, got {count}.")
    return errors


def _accepted_keys(spec: ToolSpec) -> dict[str, BodyKey]:
    """The body keys a Run for `spec` accepts: input names, `{name}Url` for file inputs,
    and for an old page's `<base>Url` text input with no `<base>` input, uploads as `<base>`."""
    keys: dict[str, BodyKey] = {}
    names = {item.name for item in spec.inputs}
    for item in spec.inputs:
        if item.kind in (InputKind.FILE, InputKind.MULTIFILE):
            keys[f"{item.name}{URL_SUFFIX}"] = BodyKey(item, "url")
        base = item.name.removesuffix(URL_SUFFIX)
        if item.kind == InputKind.TEXT and base and base != item.name and base not in names:
            keys[base] = BodyKey(item, "upload", url_key=item.name)
    # An input literally named like `inputImageUrl` wins over a derived URL key.
    for item in spec.inputs:
        if item.kind in (InputKind.FILE, InputKind.MULTIFILE):
            keys[item.name] = BodyKey(item, "upload", url_key=f"{item.name}{URL_SUFFIX}")
        else:
            keys[item.name] = BodyKey(item, "value")
    return keys


def _value_problem(key: BodyKey, value: JsonValue) -> str | None:
    item = key.input
    if _as_text(value) == item.default:
        return None  # the documented default is always accepted
    if key.role == "upload":
        return f"takes an uploaded file; send a URL in '{key.url_key}' instead."
    if key.role == "url":
        return None if isinstance(value, str) else "expects URL text (several comma-separated)."
    return _CHECKS.get(item.kind, _anything)(item, value)


def _scalar_text(item: Input, value: JsonValue) -> str | None:
    return "expects a single value." if isinstance(value, list | dict) else None


def _number(item: Input, value: JsonValue) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None
    if isinstance(value, str) and _is_finite_number(value):
        return None
    return f"expects a number, got {_shown(value)}."


def _boolean(item: Input, value: JsonValue) -> str | None:
    if isinstance(value, bool) or (isinstance(value, str) and value.lower() in ("true", "false")):
        return None
    return f"expects true or false, got {_shown(value)}."


def _select(item: Input, value: JsonValue) -> str | None:
    if isinstance(value, list | dict):
        return "expects a single option."
    return _option_problem(item, _as_text(value))


def _multiselect(item: Input, value: JsonValue) -> str | None:
    elements = _elements(value)
    if elements is None:
        return f"expects a list of options, got {_shown(value)}."
    problems = [_option_problem(item, element) for element in elements]
    return next((problem for problem in problems if problem), None)


def _file_list(item: Input, value: JsonValue) -> str | None:
    if isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    ):
        return None
    return f"expects URL text or a list of URLs, got {_shown(value)}."


def _anything(item: Input, value: JsonValue) -> str | None:
    return None


_CHECKS: dict[InputKind, Callable[[Input, JsonValue], str | None]] = {
    InputKind.TEXT: _scalar_text,
    InputKind.NUMBER: _number,
    InputKind.FLOAT: _number,
    InputKind.BOOLEAN: _boolean,
    InputKind.SELECT: _select,
    InputKind.MULTISELECT: _multiselect,
    InputKind.COMBINEFILE: _file_list,
}


def _option_problem(item: Input, choice: str) -> str | None:
    allowed = item.choices
    # A select the page lists no options for cannot be checked.
    if not allowed or choice in allowed or choice == item.default:
        return None
    return f"{_shown(choice)} is not one of its options ({', '.join(map(repr, allowed[:8]))})."


def _elements(value: JsonValue) -> list[str] | None:
    """A multiselect value as option texts: a JSON array, a JSON-array string, or one option."""
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            value = parse_json(value)
        except BodyError:
            return None
    if isinstance(value, list):
        texts = [_as_text(element) for element in value if not isinstance(element, list | dict)]
        return texts if len(texts) == len(value) else None
    return None if isinstance(value, dict) else [_as_text(value)]


def _as_text(value: JsonValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value)
    return "" if value is None else str(value)


def _is_finite_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _shown(value: JsonValue) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"
