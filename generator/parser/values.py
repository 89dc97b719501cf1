"""Values as the page writes them: quoted text and embedded JSON."""

from __future__ import annotations

import json
import re

from ..ir import JsonValue


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
