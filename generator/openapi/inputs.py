"""Each input as Run body properties: one small class per kind says how it travels.

The schemas describe what the generated clients send: JSON keys are the page's
input names, a file input's URL goes in `{name}Url`, and an uploaded file in the
multipart part `{name}`. Adding an input kind means adding one InputEncoding
subclass and one entry in `ENCODINGS`.
"""

from __future__ import annotations

import json

from ..ir import Input, JsonValue, Option
from ..kinds import InputKind
from .schema import JsonObject, array_of, binary, uri


class InputEncoding:
    """How one kind of input travels: its JSON properties and its multipart parts."""

    def json_properties(self, item: Input) -> dict[str, JsonObject]:
        schema = documented(item, self.value_schema(item), self.default(item), self.note(item))
        return {self.json_key(item): schema}

    def form_properties(self, item: Input) -> dict[str, JsonObject]:
        return self.json_properties(item)

    def form_encoding(self, item: Input) -> dict[str, JsonObject]:
        """Multipart parts that are not plain text, by part name."""
        return {}

    def json_key(self, item: Input) -> str:
        return item.name

    def value_schema(self, item: Input) -> JsonObject:
        return {"type": "string"}

    def default(self, item: Input) -> JsonValue:
        typed = item.typed_default
        return list(typed) if isinstance(typed, tuple) else typed

    def note(self, item: Input) -> str:
        """How the value is sent, when that is not plain from the schema."""
        return ""


class TextEncoding(InputEncoding):
    pass


class NumberEncoding(InputEncoding):
    """An integer, unless the documented default is not whole (then any number)."""

    def value_schema(self, item: Input) -> JsonObject:
        return {"type": "number" if isinstance(item.typed_default, float) else "integer"}


class FloatEncoding(InputEncoding):
    def value_schema(self, item: Input) -> JsonObject:
        return {"type": "number"}


class BooleanEncoding(InputEncoding):
    def value_schema(self, item: Input) -> JsonObject:
        return {"type": "boolean"}


class SelectEncoding(InputEncoding):
    def value_schema(self, item: Input) -> JsonObject:
        return {"type": "string", **enum_of(item)}


class MultiSelectEncoding(InputEncoding):
    """A JSON array of option values; in multipart, one part holding that JSON array."""

    def value_schema(self, item: Input) -> JsonObject:
        return array_of({"type": "string", **enum_of(item)})

    def form_encoding(self, item: Input) -> dict[str, JsonObject]:
        return {item.name: {"contentType": "application/json"}}


class FileEncoding(InputEncoding):
    """A URL in `{name}Url`, or an uploaded file in the multipart part `{name}`."""

    def json_key(self, item: Input) -> str:
        return f"{item.name}Url"

    def value_schema(self, item: Input) -> JsonObject:
        return uri()

    def note(self, item: Input) -> str:
        return f"The file's URL; or upload the file as the multipart part `{item.name}`."

    def form_properties(self, item: Input) -> dict[str, JsonObject]:
        return {item.name: self.upload_schema(item), **self.json_properties(item)}

    def upload_schema(self, item: Input) -> JsonObject:
        return binary(f"The file of `{item.name}`, uploaded.")


class MultiFileEncoding(FileEncoding):
    """URLs comma-separated in `{name}Url`, or uploaded files as repeated parts `{name}`."""

    def value_schema(self, item: Input) -> JsonObject:
        return {"type": "string"}

    def default(self, item: Input) -> JsonValue:
        typed = item.typed_default
        return ",".join(typed) if isinstance(typed, tuple) else typed

    def note(self, item: Input) -> str:
        return (
            "The files' URLs, comma-separated; "
            f"or upload the files as multipart parts named `{item.name}`."
        )

    def upload_schema(self, item: Input) -> JsonObject:
        return {**array_of(binary()), "description": f"The files of `{item.name}`, uploaded."}


class CombineFileEncoding(InputEncoding):
    """URLs as a JSON array under `{name}`; in multipart, one part `{name}` per file or URL."""

    def value_schema(self, item: Input) -> JsonObject:
        return array_of(uri())

    def note(self, item: Input) -> str:
        return (
            "The files' URLs; or, in multipart, one part named "
            f"`{item.name}` per uploaded file or URL."
        )

    def form_properties(self, item: Input) -> dict[str, JsonObject]:
        parts = array_of({"anyOf": [binary(), uri()]})
        return {item.name: documented(item, parts, self.default(item), self.note(item))}


ENCODINGS: dict[InputKind, InputEncoding] = {
    InputKind.TEXT: TextEncoding(),
    InputKind.UNKNOWN: TextEncoding(),
    InputKind.NUMBER: NumberEncoding(),
    InputKind.FLOAT: FloatEncoding(),
    InputKind.BOOLEAN: BooleanEncoding(),
    InputKind.SELECT: SelectEncoding(),
    InputKind.MULTISELECT: MultiSelectEncoding(),
    InputKind.FILE: FileEncoding(),
    InputKind.MULTIFILE: MultiFileEncoding(),
    InputKind.COMBINEFILE: CombineFileEncoding(),
}


def encoding_of(item: Input) -> InputEncoding:
    """How `item` travels in a Run body."""
    return ENCODINGS[item.kind]


def enum_of(item: Input) -> JsonObject:
    """`enum`: the distinct option values in page order, then defaults not among them."""
    if not item.options:
        return {}
    typed = item.typed_default
    defaults = typed if isinstance(typed, tuple) else () if typed is None else (str(typed),)
    values = dict.fromkeys([*item.choices, *defaults])
    return {"enum": list(values)}


def documented(item: Input, schema: JsonObject, default: JsonValue, note: str = "") -> JsonObject:
    """`schema` with the input's description, a note, and the page's default if it has one."""
    text = "\n\n".join(part for part in (description(item), note) if part)
    return {
        **schema,
        **({"default": default} if default is not None else {}),
        **({"description": text} if text else {}),
    }


def description(item: Input) -> str:
    """`Label — help`, then one line per distinct option: its value, label and description."""
    summary = " — ".join(part for part in (item.label, item.help) if part)
    firsts: dict[str, Option] = {}
    for option in item.options:
        firsts.setdefault(option.value, option)
    if not firsts:
        return summary
    return "\n".join([summary, "", "Options:", *map(_option_line, firsts.values())]).strip()


def _option_line(option: Option) -> str:
    texts = (option.label, option.description)
    said = ". ".join(text for text in texts if text and text != option.value)
    value = json.dumps(option.value, ensure_ascii=False)
    return f"- {value}: {said}" if said else f"- {value}"
