"""Each input as Run body properties, as its kind (generator/kinds) describes it.

The schemas describe what the generated clients send: JSON keys are the page's input
names, a file input's URL goes in `{name}Url`, and an uploaded file in the multipart
part `{name}`. Nothing here depends on the kind.
"""

from __future__ import annotations

import json

from ..ir import Input, Option
from ..kinds import Kind
from .schema import JsonObject


def json_properties(item: Input, kind: Kind) -> dict[str, JsonObject]:
    """The JSON body's properties of `item`, an input that behaves as `kind`."""
    return {kind.json_key(item.name): _documented(item, kind, kind.schema(item))}


def form_properties(item: Input, kind: Kind) -> dict[str, JsonObject]:
    """The multipart body's properties: uploaded parts first, then the value."""
    form = kind.form_schema(item)
    value = _documented(item, kind, kind.schema(item) if form is None else form)
    return {**kind.upload_schemas(item.name), kind.json_key(item.name): value}


def takes_multipart(item: Input, kind: Kind) -> bool:
    """Whether a multipart body sends `item` otherwise than JSON does (it uploads files)."""
    return bool(kind.upload_schemas(item.name)) or kind.form_schema(item) is not None


def _documented(item: Input, kind: Kind, schema: JsonObject) -> JsonObject:
    """`schema` with the input's description, a note, and the page's default if it has one."""
    default = kind.wire_default(item.typed_default)
    text = "\n\n".join(part for part in (description(item), kind.schema_note(item.name)) if part)
    return {
        **schema,
        **({"default": default} if default is not None else {}),
        **({"description": text} if text else {}),
    }


def description(item: Input) -> str:
    """`Label — help`, then one line per distinct option: its value, label and description."""
    summary = " — ".join(part for part in (item.label, item.help) if part)
    if not item.distinct_options:
        return summary
    options = map(_option_line, item.distinct_options)
    return "\n".join([summary, "", "Options:", *options]).strip()


def _option_line(option: Option) -> str:
    texts = (option.label, option.description)
    said = ". ".join(text for text in texts if text and text != option.value)
    value = json.dumps(option.value, ensure_ascii=False)
    return f"- {value}: {said}" if said else f"- {value}"
