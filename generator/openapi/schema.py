"""Small builders of OpenAPI objects, so the modules that describe Wiro read as data."""

from __future__ import annotations

from ..kinds.schema import JsonObject, array_of, binary, string, uri

__all__ = ["JsonObject", "array_of", "binary", "string", "uri"]


def ref(kind: str, name: str) -> JsonObject:
    """A reference to `#/components/{kind}/{name}`."""
    return {"$ref": f"#/components/{kind}/{name}"}


def json_content(schema_name: str) -> JsonObject:
    """A `content` map of one JSON body, the named component schema."""
    return {"application/json": {"schema": ref("schemas", schema_name)}}


def strings(*names: str) -> JsonObject:
    """Undescribed string properties, by name."""
    return {name: string() for name in names}


def obj(properties: JsonObject, description: str, *required: str) -> JsonObject:
    """An object schema; properties it does not list are allowed (Wiro adds fields over time)."""
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        **({"required": list(required)} if required else {}),
    }
