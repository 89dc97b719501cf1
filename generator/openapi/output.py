"""The document as JSON or YAML text, written atomically."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..output.files import write_atomically
from .schema import JsonObject


def dump_json(document: JsonObject) -> str:
    """`document` as JSON text: indented, keys in document order, ending with a newline."""
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def dump_yaml(document: JsonObject) -> str:
    """`document` as block-style YAML, keys in document order (PyYAML: the `yaml` extra)."""
    import yaml

    text: str = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return text


FORMATS: dict[str, Callable[[JsonObject], str]] = {
    ".json": dump_json,
    ".yaml": dump_yaml,
    ".yml": dump_yaml,
}


def dumper_for(path: Path) -> Callable[[JsonObject], str]:
    """How to write a document to `path`, by its suffix; ValueError for other suffixes."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        names = ", ".join(FORMATS)
        raise ValueError(f"{path.name}: the file name must end with one of {names}") from None


def write_document(document: JsonObject, path: Path) -> None:
    """Write `document` to `path` in the format its suffix names (see FORMATS), atomically."""
    write_atomically(path, dumper_for(path)(document).encode())
