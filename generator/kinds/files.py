"""Kinds of file inputs: each takes URLs and local files (uploaded), sent its own way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .base import Kind
from .schema import JsonObject, array_of, binary, uri
from .values import TypedValue, shown, text_list

if TYPE_CHECKING:
    from ..ir import Input, JsonValue

FILE_INPUT = "_runtime.FileInput"
"""The runtime's type of one file argument: a URL or a local file."""
URL_PREFIXES = ("http://", "https://")
LOCAL_FILE = "a local file (a `Path`, bytes or a binary file object; a `str` is a URL)"


def all_urls(value: TypedValue) -> bool:
    """Whether a typed page value is one or more http(s) URLs (a sample file name is not)."""
    values = value if isinstance(value, tuple) else (value,)
    return bool(values) and all(
        isinstance(item, str) and item.startswith(URL_PREFIXES) for item in values
    )


class File(Kind):
    """A URL in `{name}Url`, or a local file uploaded as the multipart part `{name}`."""

    name = "file"
    page_types = ("fileinput",)
    runtime_kind = "file"
    value_type = FILE_INPUT
    takes_files = True
    single_upload = True

    def sendable(self, value: TypedValue, item: Input) -> bool:
        return all_urls(value)

    def where(self, name: str) -> str:
        return f"A URL is sent in `{name}Url`; {LOCAL_FILE} is uploaded as `{name}`."

    def json_key(self, name: str) -> str:
        return f"{name}Url"

    def upload_part(self, name: str) -> str | None:
        return name

    def schema(self, item: Input) -> JsonObject:
        return uri()

    def schema_note(self, name: str) -> str:
        return f"The file's URL; or upload the file as the multipart part `{name}`."

    def upload_schemas(self, name: str) -> dict[str, JsonObject]:
        return {name: binary(f"The file of `{name}`, uploaded.")}

    def value_problem(self, item: Input, value: JsonValue) -> str | None:
        return None if isinstance(value, str) else "expects URL text (several comma-separated)."


class MultiFile(File):
    """URLs comma-separated in `{name}Url`, or local files uploaded as repeated parts `{name}`."""

    name = "multifile"
    page_types = ("multifileinput",)
    runtime_kind = "multifile"
    value_type = f"Sequence[{FILE_INPUT}]"
    uses_sequence = True
    takes_many = True
    single_upload = False

    def parse(self, text: str, option_values: Sequence[str]) -> tuple[TypedValue, str]:
        return text_list(text, option_values), ""

    def type_alias_name(self, choice_alias: str | None) -> str | None:
        return "Files"

    def sendable(self, value: TypedValue, item: Input) -> bool:
        return isinstance(value, tuple) and all_urls(value)

    def where(self, name: str) -> str:
        return (
            f"URLs are sent comma-separated in `{name}Url`; local files (a `Path`, bytes"
            f" or a binary file object; a `str` is a URL) are uploaded as parts named `{name}`."
        )

    def schema(self, item: Input) -> JsonObject:
        return {"type": "string"}

    def wire_default(self, typed: TypedValue) -> JsonValue:
        return ",".join(typed) if isinstance(typed, tuple) else typed

    def schema_note(self, name: str) -> str:
        return (
            "The files' URLs, comma-separated; "
            f"or upload the files as multipart parts named `{name}`."
        )

    def upload_schemas(self, name: str) -> dict[str, JsonObject]:
        return {name: {**array_of(binary()), "description": f"The files of `{name}`, uploaded."}}


class CombineFile(Kind):
    """URLs as a JSON array under `{name}`; in multipart, one part `{name}` per file or URL."""

    name = "combinefile"
    page_types = ("combinefileinput",)
    runtime_kind = "combinefile"
    value_type = f"{FILE_INPUT} | Sequence[{FILE_INPUT}]"
    uses_sequence = True
    union_type = True
    takes_files = True
    takes_many = True

    def parse(self, text: str, option_values: Sequence[str]) -> tuple[TypedValue, str]:
        return text_list(text, option_values), ""

    def type_alias_name(self, choice_alias: str | None) -> str | None:
        return "FileOrFiles"

    def sendable(self, value: TypedValue, item: Input) -> bool:
        return all_urls(value)

    def where(self, name: str) -> str:
        return (
            f"URLs and local files (a `Path`, bytes or a binary file object; a `str` is a"
            f" URL) all go in `{name}`: a JSON array of URLs, or one multipart part per file."
        )

    def upload_part(self, name: str) -> str | None:
        return name

    def schema(self, item: Input) -> JsonObject:
        return array_of(uri())

    def schema_note(self, name: str) -> str:
        return (
            "The files' URLs; or, in multipart, one part named "
            f"`{name}` per uploaded file or URL."
        )

    def form_schema(self, item: Input) -> JsonObject | None:
        return array_of({"anyOf": [binary(), uri()]})

    def value_problem(self, item: Input, value: JsonValue) -> str | None:
        if isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            return None
        return f"expects URL text or a list of URLs, got {shown(value)}."


class UrlFile(Kind):
    """An old page's `<base>Url` text input (see `Text`): a URL, or a local file uploaded
    as `<base>`. The OpenAPI document keeps it the URL text the page documents."""

    name = "urlfile"
    runtime_kind = "urlfile"
    value_type = FILE_INPUT
    takes_files = True
    single_upload = True

    def sendable(self, value: TypedValue, item: Input) -> bool:
        return all_urls(value)

    def where(self, name: str) -> str:
        return (
            f"A URL is sent in `{name}`; {LOCAL_FILE} is uploaded as `{name.removesuffix('Url')}`."
        )

    def upload_part(self, name: str) -> str | None:
        return name.removesuffix("Url")

    def schema(self, item: Input) -> JsonObject:
        return {"type": "string"}


FILE = File()
MULTIFILE = MultiFile()
COMBINEFILE = CombineFile()
URLFILE = UrlFile()
