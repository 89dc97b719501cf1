"""Untyped values (command-line text, JSON) turned into run() arguments.

One set of rules for the package's command line, its batch runner and its MCP server:
numbers typed, selects checked against their options, lists for multi-valued inputs,
booleans from their usual spellings, and for a file input a URL kept as text while
anything else is a local path, made a `pathlib.Path` (relative to the caller's base
directory) that must exist. A bad value raises InvalidInputError naming the input.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Final

from ._describe import InputDescription, ToolDescription
from ._encoding import _checked_choice as checked_choice
from ._errors import InvalidInputError
from ._uploads import is_url

STDIN: Final = "-"
"""A file input's value that means "read standard input" where the caller allows it."""

_TRUE: Final = frozenset({"true", "yes", "on", "1"})
_FALSE: Final = frozenset({"false", "no", "off", "0"})
_INTEGER: Final = re.compile(r"[+-]?[0-9]+")


def coerce(
    item: InputDescription,
    value: object,
    *,
    base: Path | None = None,
    stdin: Callable[[], bytes] | None = None,
    allow_unlisted: bool = False,
) -> object:
    """`value` as run() takes it for `item`; None stays None (not sent).

    Text and JSON values are both accepted: "3" and 3 for an integer, "true" and true
    for a boolean. A file input's relative path is resolved against `base` (default: the
    working directory); "-" reads `stdin()` when given. Raises InvalidInputError.
    """
    if value is None:
        return None
    try:
        if item.is_file:
            return _files(item, value, base or Path(), stdin)
        if item.kind == "multiselect":
            items = [value] if isinstance(value, str | int) else value
            return tuple(_choice(item, one, allow_unlisted) for one in _listed(items))
        if item.kind == "select":
            return _choice(item, value, allow_unlisted)
        return _SCALARS[item.kind](value)
    except _Refused as refused:
        raise InvalidInputError(
            item.name, str(refused), argument=item.argument
        ) from None


def coerce_inputs(
    tool: ToolDescription,
    values: Mapping[str, object],
    *,
    base: Path | None = None,
    stdin: Callable[[], bytes] | None = None,
    allow_unlisted: bool = False,
) -> dict[str, object]:
    """run() keyword arguments from `values` keyed by argument or wire name.

    Raises InvalidInputError for an unknown name, an input given twice, or a bad value.
    """
    arguments: dict[str, object] = {}
    for key, value in values.items():
        item = tool.input(key)
        if item is None:
            known = ", ".join(i.argument for i in tool.inputs) or "none"
            raise InvalidInputError(
                key, f"{tool.slug} has no such input (its inputs: {known})"
            )
        if item.argument in arguments:
            raise InvalidInputError(
                item.name,
                "given twice (by argument and wire name)",
                argument=item.argument,
            )
        arguments[item.argument] = coerce(
            item, value, base=base, stdin=stdin, allow_unlisted=allow_unlisted
        )
    return arguments


class _Refused(ValueError):
    """A value that does not fit; the caller names the input."""


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a JSON number for a text input such as a seed
    raise _Refused(f"expected text, got {_type(value)}")


def _integer(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value)
    raise _Refused(f"expected a whole number, got {_shown(value)}")


def _real(value: object) -> float:
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            number = None
    if number is None or not math.isfinite(number):
        raise _Refused(f"expected a finite number, got {_shown(value)}")
    return number


def _boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise _Refused(f"expected true or false, got {_shown(value)}")


_SCALARS: Final[dict[str, Callable[[object], object]]] = {
    "string": _text,
    "integer": _integer,
    "float": _real,
    "boolean": _boolean,
}


def _choice(item: InputDescription, value: object, allow_unlisted: bool) -> str:
    try:
        return checked_choice(item.spec, _text(value), allow_unlisted)
    except InvalidInputError as error:
        raise _Refused(error.reason) from None


def _listed(value: object) -> Sequence[object]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
        raise _Refused(f"expected a list, got {_type(value)}")
    return value


def _files(
    item: InputDescription, value: object, base: Path, stdin: Callable[[], bytes] | None
) -> object:
    if not item.is_multiple:
        return _file(value, base, stdin)
    items = [value] if isinstance(value, str | Path) else _listed(value)
    return [_file(one, base, stdin) for one in items]


def _file(
    value: object, base: Path, stdin: Callable[[], bytes] | None
) -> str | Path | tuple[str, bytes]:
    """A URL as it is; "-" as standard input's bytes; anything else an existing file."""
    if isinstance(value, Path):
        path = value
    elif isinstance(value, str) and is_url(value):
        return value
    elif isinstance(value, str) and value == STDIN and stdin is not None:
        return ("stdin", stdin())
    elif isinstance(value, str) and value:
        path = base / Path(value).expanduser()
    else:
        raise _Refused(
            f"expected an http(s):// URL or a local file path, got {_shown(value)}"
        )
    if not path.is_file():
        raise _Refused(
            f"no such file: {str(path)!r} (a URL must start with http:// or https://)"
        )
    return path


def _type(value: object) -> str:
    return "a list" if isinstance(value, list) else type(value).__name__


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str | int | float) else _type(value)
