"""JSON Schema of a run() argument, by its runtime input kind.

One table for every program that describes a tool's values: the package's MCP server
(its tools' `inputSchema`) and wirogen's OpenAPI writer (the Run body's plain values, by
each page kind's `runtime_kind`) both read it. Plain Python: no httpx, no mcp.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from ._spec import InputKind

LOCAL_FILE_NOTE: Final = (
    "An http(s) URL, or the absolute path of a local file under one of the roots"
    " the client declares (the file is uploaded)."
)
"""What a file value is when it comes as JSON text (an MCP call, a batch job)."""

_SCALARS: Final[dict[str, dict[str, Any]]] = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "float": {"type": "number"},
    "boolean": {"type": "boolean"},
}
_FILE: Final[dict[str, Any]] = {"type": "string", "minLength": 1}


def value_schema(kind: InputKind, options: Sequence[str] = ()) -> dict[str, Any]:
    """The JSON Schema of one value of `kind`; `options` are a select's values (`enum`).

    A file kind's value is the text form of `FileInput`: a URL or a local path
    (`LOCAL_FILE_NOTE`); the kinds taking several files take an array of them.
    """
    if kind in _SCALARS:
        return dict(_SCALARS[kind])
    option = {"type": "string", **({"enum": list(options)} if options else {})}
    if kind == "select":
        return option
    if kind == "multiselect":
        return {"type": "array", "items": option}
    if kind in ("file", "urlfile"):
        return dict(_FILE)
    if kind in ("multifile", "combinefile"):
        return {"type": "array", "items": dict(_FILE)}
    raise ValueError(f"no schema for input kind {kind!r}")
