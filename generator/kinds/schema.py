"""JSON Schema fragments: how the kinds describe their values (the OpenAPI writer's too)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from ..ir import JsonValue

JsonObject: TypeAlias = "dict[str, JsonValue]"


def string(description: str = "", **keywords: JsonValue) -> JsonObject:
    """A string schema, with a description when one is given."""
    return {"type": "string", **keywords, **({"description": description} if description else {})}


def uri(description: str = "") -> JsonObject:
    return string(description, format="uri")


def binary(description: str = "") -> JsonObject:
    """A file uploaded as a multipart part."""
    return string(description, format="binary")


def array_of(items: JsonObject) -> JsonObject:
    return {"type": "array", "items": items}
