"""black, applied to every generated Python file."""

from __future__ import annotations

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

BLACK_MODE = Mode(target_versions={TargetVersion.PY311})


class FormattingError(ValueError):
    """Generated source black cannot parse: a template bug, named by file."""


def format_source(path: str, source: str) -> str:
    """`source` formatted by black when `path` is a Python file, unchanged otherwise."""
    if not path.endswith(".py"):
        return source
    try:
        return black.format_str(source, mode=BLACK_MODE)
    except InvalidInput as error:
        raise FormattingError(f"{path}: generated code does not parse: {error}") from None
