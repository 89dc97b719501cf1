"""Comparing IR exports across layouts: equal up to runs of whitespace in free text."""

from __future__ import annotations

from generator.ir import JsonValue, ToolSpec, spec_to_json


def squeeze(value: JsonValue) -> JsonValue:
    """Every string with its runs of whitespace folded to one space."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [squeeze(item) for item in value]
    if isinstance(value, dict):
        return {key: squeeze(item) for key, item in value.items()}
    return value


def comparable(spec: ToolSpec, *, drop_warnings: tuple[str, ...] = ()) -> JsonValue:
    """The JSON export without provenance, whitespace-folded, optionally without some warnings."""
    exported = spec_to_json(spec)
    del exported["source"]
    exported["warnings"] = [
        str(warning) for warning in spec.warnings if warning.code not in drop_warnings
    ]
    return squeeze(exported)
