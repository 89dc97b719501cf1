"""Each input as a run() argument: one small class per kind says how it is typed and sent.

A Property knows its Python type, the runtime kind that encodes it, which documented
default run() may send, and how its docstring describes where the value goes. Adding
an input kind means adding one Property subclass here and one entry in
`PROPERTY_CLASSES`; templates only read the attributes defined on Property.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import ClassVar

from ..ir import Input
from ..kinds import InputKind, TypedValue, typed_value
from .escape import PageText, py_literal

FILE_INPUT = "_runtime.FileInput"
URL_PREFIXES = ("http://", "https://")


@dataclass(frozen=True)
class Property:
    """One input: its Python argument, annotation, the default run() sends, and its wording."""

    item: Input
    argument: str
    alias: str | None = None
    type_alias: str | None = None
    """A module-level name for `element_type()`, keeping signature lines short."""

    runtime_kind: ClassVar[str] = "string"
    value_type: ClassVar[str] = "str"

    @property
    def sent_default(self) -> TypedValue:
        """The documented default when it is a valid value for the input, else None (not sent)."""
        typed = self.item.typed_default
        return typed if typed is not None and self.valid(typed) else None

    def valid(self, value: TypedValue) -> bool:
        """Whether run() may send `value`, a typed page value, for this input."""
        return True

    @property
    def annotation(self) -> str:
        """The argument's type; optional (None: not sent) when nothing is sent by default."""
        kind = self.type_alias or self.element_type()
        return kind if self.sent_default is not None else f"{kind} | None"

    def element_type(self) -> str:
        return self.value_type

    @property
    def default(self) -> str:
        return py_literal(self.sent_default)

    @property
    def default_items(self) -> tuple[str, ...] | None:
        """The default's items as literals when it is a tuple (laid out like a collection)."""
        value = self.sent_default
        return tuple(py_literal(item) for item in value) if isinstance(value, tuple) else None

    @property
    def wire_name(self) -> PageText:
        return PageText(self.item.name)

    @property
    def unsent_default(self) -> PageText | None:
        """A documented default run() does not send, when the docstring must say so."""
        return None

    def where(self) -> str:
        """How the value travels, when that is not simply under the input's own name."""
        return ""

    def choices(self) -> tuple[str, ...]:
        """Distinct option values in page order."""
        return self.item.choices

    def example_value(self, text: str) -> TypedValue:
        """An inspire's text as a value this argument accepts, or None."""
        value, problem = typed_value(self.item.kind, text, self.choices())
        return value if not problem and value is not None and self.valid(value) else None


class TextProperty(Property):
    pass


class IntegerProperty(Property):
    runtime_kind = "integer"
    value_type = "int"

    def valid(self, value: TypedValue) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)


class FloatProperty(Property):
    """A real number: `float` inputs, `range` sliders, and numbers with a fractional default."""

    runtime_kind = "float"
    value_type = "float"

    def valid(self, value: TypedValue) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool)

    def example_value(self, text: str) -> TypedValue:
        value, problem = typed_value(InputKind.FLOAT, text, ())
        return None if problem else value


class BooleanProperty(Property):
    runtime_kind = "boolean"
    value_type = "bool"

    def valid(self, value: TypedValue) -> bool:
        return isinstance(value, bool)


class SelectProperty(Property):
    """A select: one of its options (a Literal alias); a default outside them is not sent."""

    runtime_kind = "select"

    def element_type(self) -> str:
        return self.alias or "str"

    def valid(self, value: TypedValue) -> bool:
        values = value if isinstance(value, tuple) else (value,)
        return not self.item.options or all(item in self.choices() for item in values)

    @property
    def unsent_default(self) -> PageText | None:
        typed = self.item.typed_default
        if typed is None or self.valid(typed):
            return None
        return PageText(", ".join(typed) if isinstance(typed, tuple) else str(typed))


class MultiSelectProperty(SelectProperty):
    runtime_kind = "multiselect"

    def element_type(self) -> str:
        return f"Sequence[{super().element_type()}]"

    def valid(self, value: TypedValue) -> bool:
        return isinstance(value, tuple) and super().valid(value)


class FileProperty(Property):
    """A file input: an `http(s)://` URL or a local file; a sample file name is never sent."""

    runtime_kind = "file"
    value_type = FILE_INPUT

    def valid(self, value: TypedValue) -> bool:
        values = value if isinstance(value, tuple) else (value,)
        return bool(values) and all(
            isinstance(item, str) and item.startswith(URL_PREFIXES) for item in values
        )

    def where(self) -> str:
        return (
            f"A URL is sent in `{self.item.name}Url`; a local file (a path, bytes or a binary"
            f" file object) is uploaded as `{self.item.name}`."
        )


class MultiFileProperty(FileProperty):
    runtime_kind = "multifile"
    value_type = f"Sequence[{FILE_INPUT}]"

    def valid(self, value: TypedValue) -> bool:
        return isinstance(value, tuple) and super().valid(value)

    def where(self) -> str:
        return (
            f"URLs are sent comma-separated in `{self.item.name}Url`; local files are uploaded"
            f" as parts named `{self.item.name}`."
        )


class CombineFileProperty(FileProperty):
    runtime_kind = "combinefile"
    value_type = f"{FILE_INPUT} | Sequence[{FILE_INPUT}]"

    def where(self) -> str:
        return (
            f"URLs and local files all go in `{self.item.name}`: a JSON array of URLs, or one"
            " multipart part per file."
        )


class UrlFileProperty(FileProperty):
    """An old page's `<base>Url` text input: a URL, or a local file uploaded as `<base>`."""

    runtime_kind = "urlfile"

    @property
    def base(self) -> str:
        return self.item.name.removesuffix("Url")

    def where(self) -> str:
        return (
            f"A URL, or a local file (a path, bytes or a binary file object) uploaded as"
            f" `{self.base}`."
        )


PROPERTY_CLASSES: dict[InputKind, type[Property]] = {
    InputKind.TEXT: TextProperty,
    InputKind.UNKNOWN: TextProperty,
    InputKind.NUMBER: IntegerProperty,
    InputKind.FLOAT: FloatProperty,
    InputKind.BOOLEAN: BooleanProperty,
    InputKind.SELECT: SelectProperty,
    InputKind.MULTISELECT: MultiSelectProperty,
    InputKind.FILE: FileProperty,
    InputKind.MULTIFILE: MultiFileProperty,
    InputKind.COMBINEFILE: CombineFileProperty,
}


def property_for(
    item: Input, argument: str, alias: str | None, input_names: Collection[str] = ()
) -> Property:
    """The Property of an input among `input_names` (every input name of its page).

    A number whose default is not whole is a float; a text input named `<base>Url`
    with no input named `<base>` is an old page's file input.
    """
    cls = PROPERTY_CLASSES[item.kind]
    if cls is IntegerProperty and isinstance(item.typed_default, float):
        cls = FloatProperty
    if item.type.lower() == "text" and is_url_twin(item.name, input_names):
        cls = UrlFileProperty
    return cls(item, argument, alias if issubclass(cls, SelectProperty) else None)


def is_url_twin(name: str, input_names: Collection[str]) -> bool:
    """`inputImageUrl` on a page with no `inputImage`: the URL twin of an undocumented file."""
    base = name.removesuffix("Url")
    return bool(base) and base != name and base not in input_names
