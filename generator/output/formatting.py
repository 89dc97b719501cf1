"""black, applied to every generated Python file."""

from __future__ import annotations

import functools
from typing import Any


class FormattingError(ValueError):
    """Generated source black cannot parse: a template bug, named by file."""


def format_source(path: str, source: str) -> str:
    """`source` formatted by black when `path` is a Python file, unchanged otherwise."""
    if not path.endswith(".py"):
        return source
    black, invalid_input = _black()
    try:
        formatted: str = black.format_str(source, mode=_mode())
    except invalid_input as error:
        raise FormattingError(f"{path}: generated code does not parse: {error}") from None
    return formatted


@functools.cache
def _black() -> tuple[Any, type[Exception]]:
    # Imported on first use: runs that reuse every file never pay for black's import.
    import black
    from black.parsing import InvalidInput

    return black, InvalidInput


@functools.cache
def _mode() -> Any:
    from black.mode import Mode, TargetVersion

    return Mode(target_versions={TargetVersion.PY311})
