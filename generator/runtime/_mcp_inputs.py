"""A tool's inputs over MCP: its `inputSchema`, and a call's arguments as run() takes them.

Arguments are run()'s keyword arguments by name. Values are checked by run() itself,
before any request (a bad one raises InvalidInputError naming its argument); this
module only turns the text of file inputs into what run() takes: a URL stays a `str`,
a local path becomes a `pathlib.Path`, and only when it lies under one of the roots the
client declared. Plain Python: no httpx, no mcp.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urlsplit

from ._describe import InputDescription, ToolDescription
from ._schema import LOCAL_FILE_NOTE, value_schema

URL_PREFIXES: Final = ("http://", "https://")


class ArgumentError(ValueError):
    """An argument refused before anything was sent; the message names it."""


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
) -> dict[str, Any]:
    """`arguments` as run()'s keyword arguments: file texts as URLs or local paths.

    Raises:
        ArgumentError: an argument the tool does not take, or a local path outside
            `roots` (resolved paths, symbolic links followed).
    """
    found: dict[str, Any] = {}
    for name, value in arguments.items():
        item = tool.input(name)
        if item is None or item.argument != name:
            known = ", ".join(entry.argument for entry in tool.inputs) or "none"
            raise ArgumentError(
                f"{tool.slug} takes no argument {name!r} (it takes: {known})"
            )
        if item.is_file and value is not None:
            many = isinstance(value, list)
            files = [_file(name, text, roots) for text in (value if many else [value])]
            value = files if many else files[0]
        found[name] = value
    return found


def local_paths(tool: ToolDescription, arguments: Mapping[str, Any]) -> bool:
    """Whether a file argument holds text that is not a URL (a local path)."""
    for item in tool.inputs:
        value = arguments.get(item.argument)
        values = value if isinstance(value, list) else [value]
        if item.is_file and any(_is_path(text) for text in values):
            return True
    return False


def _is_path(value: object) -> bool:
    return isinstance(value, str) and not value.startswith(URL_PREFIXES)


def _file(argument: str, value: object, roots: Sequence[Path]) -> object:
    """A URL as given; a local path (or file:// URI) as a Path under one of `roots`.
    Anything but text is left for run() to refuse, naming the argument."""
    if not isinstance(value, str) or not _is_path(value):
        return value
    text = unquote(urlsplit(value).path) if value.startswith("file://") else value
    path = Path(os.path.expanduser(text))
    if not path.is_absolute():
        raise ArgumentError(
            f"argument {argument!r}: {value!r} is neither an http(s) URL nor an absolute path"
        )
    resolved = path.resolve()
    if not any(resolved.is_relative_to(root) for root in roots):
        where = ", ".join(map(str, roots)) if roots else "none declared by this client"
        raise ArgumentError(
            f"argument {argument!r}: {value!r} is not under the client's roots ({where});"
            " give an http(s) URL, or a file under a root"
        )
    return resolved


def root_paths(uris: Sequence[str]) -> list[Path]:
    """The local directories of a client's `file://` roots, resolved; others skipped."""
    return [
        Path(unquote(urlsplit(uri).path)).resolve()
        for uri in uris
        if uri.startswith("file://")
    ]
