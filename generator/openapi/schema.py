"""Small builders of OpenAPI objects, so the modules that describe Wiro read as data."""

from __future__ import annotations

from typing import TypeAlias

from ..ir import JsonValue

JsonObject: TypeAlias = dict[str, JsonValue]


def ref(kind: str, name: str) -> JsonObject:
    """A reference to `#/components/{kind}/{name}`."""
    return {"$ref": f"#/components/{kind}/{name}"}


def json_content(schema_name: str) -> JsonObject:
    """A `content` map of one JSON body, the named component schema."""
    return {"application/json": {"schema": ref("schemas", schema_name)}}


def string(description: str = "", **keywords: JsonValue) -> JsonObject:
    """A string schema, with a description when one is given."""
    return {"type": "string", **keywords, **({"description": description} if description else {})}


def strings(*names: str) -> JsonObject:
    """Undescribed string properties, by name."""
    return {name: string() for name in names}


def uri(description: str = "") -> JsonObject:
    return string(description, format="uri")


def binary(description: str = "") -> JsonObject:
    """A file uploaded as a multipart part."""
    return string(description, format="binary")


def array_of(items: JsonObject) -> JsonObject:
    return {"type": "array", "items": items}


def obj(properties: JsonObject, description: str, *required: str) -> JsonObject:
    """An object schema; properties it does not list are allowed (Wiro adds fields over time)."""
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        **({"required": list(required)} if required else {}),
    }
