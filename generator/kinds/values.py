"""Values the kinds read and check: page text as typed values, body values as text."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from ..ir import JsonValue

INTEGER = re.compile(r"[+-]?\d+")
TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})

TypedValue: TypeAlias = bool | int | float | str | tuple[str, ...] | None


def real(text: str) -> tuple[TypedValue, str]:
    """Page text as a finite float, and a problem to report ("" if none)."""
    try:
        value = float(text)
    except ValueError:
        return None, "is not a number"
    return (value, "") if math.isfinite(value) else (None, "is not a finite number")


def text_list(text: str, option_values: Sequence[str]) -> tuple[str, ...]:
    """A JSON array of strings, a single option value, or a comma-separated list."""
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    if text in option_values:
        return (text,)
    return tuple(part.strip() for part in text.split(",") if part.strip())


def as_text(value: JsonValue) -> str:
    """A body value as the text a page would write it in."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value)
    return "" if value is None else str(value)


def is_finite_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def refuse_constant(name: str) -> float:
    """A `json.loads` hook: NaN and Infinity are not JSON."""
    raise ValueError(f"{name} is not a JSON number")


def finite_float(text: str) -> float:
    """A `json.loads` hook: a number too large for a float is refused, not made infinite."""
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is out of range")
    return number


def shown(value: JsonValue) -> str:
    """A body value as an error message quotes it (cut short)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"
