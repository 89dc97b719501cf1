"""What each documented input type means, independent of how it is rendered."""

from __future__ import annotations

import enum
import json
import math
import re
from collections.abc import Sequence
from typing import TypeAlias


class InputKind(enum.Enum):
    """The behaviour behind an input `type:`; several page types share one kind."""

    TEXT = "text"
    NUMBER = "number"
    FLOAT = "float"
    BOOLEAN = "boolean"
    SELECT = "select"
    MULTISELECT = "multiselect"
    FILE = "file"
    MULTIFILE = "multifile"
    COMBINEFILE = "combinefile"
    UNKNOWN = "unknown"

    @property
    def is_file(self) -> bool:
        return self in (InputKind.FILE, InputKind.MULTIFILE, InputKind.COMBINEFILE)

    @property
    def is_list(self) -> bool:
        return self in (InputKind.MULTISELECT, InputKind.MULTIFILE, InputKind.COMBINEFILE)

    @property
    def has_options(self) -> bool:
        return self in (InputKind.SELECT, InputKind.MULTISELECT)


TYPE_KINDS: dict[str, InputKind] = {
    "text": InputKind.TEXT,
    "textarea": InputKind.TEXT,
    "number": InputKind.NUMBER,
    "range": InputKind.FLOAT,
    "float": InputKind.FLOAT,
    "checkbox": InputKind.BOOLEAN,
    "boolean": InputKind.BOOLEAN,
    "bool": InputKind.BOOLEAN,
    "select": InputKind.SELECT,
    "selectwithcover": InputKind.SELECT,
    "multiselect": InputKind.MULTISELECT,
    "fileinput": InputKind.FILE,
    "multifileinput": InputKind.MULTIFILE,
    "combinefileinput": InputKind.COMBINEFILE,
}


def kind_of(type_name: str) -> InputKind:
    """The kind of a page `type:`; types wirogen does not know are UNKNOWN."""
    return TYPE_KINDS.get(type_name.lower(), InputKind.UNKNOWN)


INTEGER = re.compile(r"[+-]?\d+")
TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})

TypedValue: TypeAlias = bool | int | float | str | tuple[str, ...] | None


def typed_value(kind: InputKind, text: str, option_values: Sequence[str]) -> tuple[TypedValue, str]:
    """A page's text as a value of an input kind, and a problem to report ("" if none).

    Empty text has no value (None): an input with an empty default is not sent.
    """
    if text == "":
        return None, ""
    if kind is InputKind.NUMBER:
        if INTEGER.fullmatch(text):
            return int(text), ""
        return _real(text)
    if kind is InputKind.FLOAT:
        return _real(text)
    if kind is InputKind.BOOLEAN:
        word = text.lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS, ""
        return None, "is not true or false"
    if kind.is_list:
        return _list(text, option_values), ""
    return text, ""


def _real(text: str) -> tuple[TypedValue, str]:
    try:
        value = float(text)
    except ValueError:
        return None, "is not a number"
    return (value, "") if math.isfinite(value) else (None, "is not a finite number")


def _list(text: str, option_values: Sequence[str]) -> tuple[str, ...]:
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
