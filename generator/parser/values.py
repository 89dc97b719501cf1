"""Values as the page writes them: quoted text, typed defaults, embedded JSON."""

from __future__ import annotations

import json
import math
import re

from ..ir import JsonValue, TypedDefault
from ..kinds import InputKind

INTEGER = re.compile(r"[+-]?\d+")
TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})


def unquote(text: str) -> str:
    """`"1"` -> `1`: surrounding quotes go only when they wrap the whole value."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        inner = text[1:-1]
        if not re.search(rf"(?<!\\){text[0]}", inner):
            return inner
    return text


def parse_json(text: str) -> tuple[JsonValue, bool]:
    """The JSON value of `text` and whether it parsed."""
    try:
        value: JsonValue = json.loads(text)
    except ValueError:
        return None, False
    return value, True


def typed_default(
    kind: InputKind, default: str, option_values: list[str]
) -> tuple[TypedDefault, str]:
    """The default as a value of the input's kind, and a problem to report ("" if none).

    An empty default has no value (None): the input is simply not sent.
    """
    if default == "":
        return None, ""
    if kind is InputKind.NUMBER:
        return _number(default)
    if kind is InputKind.FLOAT:
        value = _float(default)
        return (value, "") if value is not None else (None, "is not a number")
    if kind is InputKind.BOOLEAN:
        word = default.lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS, ""
        return None, "is not true or false"
    if kind.is_list:
        return _list(default, option_values), ""
    return default, ""


def _number(text: str) -> tuple[TypedDefault, str]:
    if INTEGER.fullmatch(text):
        return int(text), ""
    value = _float(text)
    return (value, "") if value is not None else (None, "is not a number")


def _float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _list(text: str, option_values: list[str]) -> tuple[str, ...]:
    """A JSON array, a single option value, or a comma-separated list."""
    value, parsed = parse_json(text)
    if parsed and isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(str(item) for item in value)
    if text in option_values:
        return (text,)
    return tuple(part.strip() for part in text.split(",") if part.strip())
