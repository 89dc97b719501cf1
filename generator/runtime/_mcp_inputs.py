"""A tool's inputs over MCP: its `inputSchema`, and a call's arguments as run() takes them.

Arguments are run()'s keyword arguments by name, turned into run()'s values by the
package's coercion rules (runtime/_coerce.py, as the command line's): a file input's URL
stays a `str`, a local path becomes a `pathlib.Path`, here only when it lies under one
of the roots the client declared. A bad value raises InvalidInputError naming its
argument, before any request. Plain Python: no httpx, no mcp.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ._coerce import coerce_inputs
from ._describe import InputDescription, ToolDescription
from ._errors import InvalidInputError
from ._schema import LOCAL_FILE_NOTE, value_schema
from ._uploads import is_url


def input_schema(tool: ToolDescription) -> dict[str, Any]:
    """The JSON Schema of a call's arguments: one property per input, by run()'s name."""
    return {
        "type": "object",
        "properties": {item.argument: _property(item) for item in tool.inputs},
        "additionalProperties": False,
    }


def _property(item: InputDescription) -> dict[str, Any]:
    schema = value_schema(item.spec.kind, item.options)
    notes = (item.description, LOCAL_FILE_NOTE if item.is_file else "")
    description = "\n\n".join(note for note in notes if note)
    default = item.default
    if isinstance(default, tuple):
        default = list(default)
    if default is not None:
        schema["default"] = default
    if description:
        schema["description"] = description
    return schema


def run_arguments(
    tool: ToolDescription, arguments: Mapping[str, Any], roots: Sequence[Path]
) -> dict[str, object]:
    """`arguments` as run()'s keyword arguments, by the package's coercion rules
    (`coerce_inputs`), a local file allowed only under `roots`.

    Raises:
        InvalidInputError: naming the argument: one the tool does not take, a bad
            value, or a local path that is relative or outside `roots` (resolved:
            symbolic links followed).
    """
    checked = dict(arguments)
    for key, value in arguments.items():
        item = tool.input(key)
        if item is not None and item.is_file:
            many = isinstance(value, list)
            files = [_rooted(item, one, roots) for one in (value if many else [value])]
            checked[key] = files if many else files[0]
    return coerce_inputs(tool, checked)


def local_paths(tool: ToolDescription, arguments: Mapping[str, Any]) -> bool:
    """Whether a file argument holds text that is not a URL (a local path)."""
    for key, value in arguments.items():
        item = tool.input(key)
        values = value if isinstance(value, list) else [value]
        if item is not None and item.is_file and any(map(_is_path, values)):
            return True
    return False


def _is_path(value: object) -> bool:
    return isinstance(value, str) and not is_url(value)


def _rooted(item: InputDescription, value: object, roots: Sequence[Path]) -> object:
    """A URL as given; a local path (or file:// URI) resolved, when under one of
    `roots`. Anything else is left for the coercion rules to refuse."""
    if not isinstance(value, str) or not _is_path(value):
        return value
    text = unquote(urlsplit(value).path) if value.startswith("file://") else value
    path = Path(os.path.expanduser(text))
    if not path.is_absolute():
        raise _refused(
            item, f"{value!r} is neither an http(s) URL nor an absolute path"
        )
    resolved = path.resolve()
    if not any(resolved.is_relative_to(root) for root in roots):
        where = ", ".join(map(str, roots)) if roots else "none declared by this client"
        raise _refused(
            item,
            f"{value!r} is not under the client's roots ({where}); give an http(s)"
            " URL, or a file under a root",
        )
    return resolved


def _refused(item: InputDescription, reason: str) -> InvalidInputError:
    return InvalidInputError(item.name, reason, argument=item.argument)


def root_paths(uris: Sequence[str]) -> list[Path]:
    """The local directories of a client's `file://` roots, resolved; others skipped."""
    return [
        Path(unquote(urlsplit(uri).path)).resolve()
        for uri in uris
        if uri.startswith("file://")
    ]
