"""Kinds of one plain value: text, integers, real numbers, booleans."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, ClassVar

from .base import Kind
from .files import URLFILE
from .values import FALSE_WORDS, INTEGER, TRUE_WORDS, TypedValue, is_finite_number, real, shown

if TYPE_CHECKING:
    from ..ir import Input, JsonValue


class Text(Kind):
    """Free text. An old page's `text` input named `<base>Url`, with no input `<base>`, is
    the URL twin of an undocumented file input: it behaves as `URLFILE`."""

    name = "text"
    page_types: ClassVar[tuple[str, ...]] = ("text", "textarea")

    def in_page(self, item: Input, names: Collection[str]) -> Kind:
        base = item.name.removesuffix("Url")
        twin = bool(base) and base != item.name and base not in names
        return URLFILE if twin and item.type.lower() == "text" else self


class Unknown(Text):
    """A page type wirogen does not know: sent as text, and not checked."""

    name = "unknown"
    page_types = ()

    def in_page(self, item: Input, names: Collection[str]) -> Kind:
        return self

    def value_problem(self, item: Input, value: JsonValue) -> str | None:
        return None


class Float(Kind):
    """A real number: `float` inputs and `range` sliders."""

    name = "float"
    page_types: ClassVar[tuple[str, ...]] = ("range", "float")
    runtime_kind = "float"
    value_type = "float"

    def parse(self, text: str, option_values: Sequence[str]) -> tuple[TypedValue, str]:
        return real(text)

    def sendable(self, value: TypedValue, item: Input) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool)

    def value_problem(self, item: Input, value: JsonValue) -> str | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return None
        if isinstance(value, str) and is_finite_number(value):
            return None
        return f"expects a number, got {shown(value)}."


class Number(Float):
    """An integer; a `number` whose page default is not whole is a real number (`FLOAT`)."""

    name = "number"
    page_types = ("number",)
    runtime_kind = "integer"
    value_type = "int"

    def parse(self, text: str, option_values: Sequence[str]) -> tuple[TypedValue, str]:
        return (int(text), "") if INTEGER.fullmatch(text) else real(text)

    def in_page(self, item: Input, names: Collection[str]) -> Kind:
        return FLOAT if isinstance(item.typed_default, float) else self

    def sendable(self, value: TypedValue, item: Input) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)


class Boolean(Kind):
    name = "boolean"
    page_types = ("checkbox", "boolean", "bool")
    runtime_kind = "boolean"
    value_type = "bool"

    def parse(self, text: str, option_values: Sequence[str]) -> tuple[TypedValue, str]:
        word = text.lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS, ""
        return None, "is not true or false"

    def sendable(self, value: TypedValue, item: Input) -> bool:
        return isinstance(value, bool)

    def value_problem(self, item: Input, value: JsonValue) -> str | None:
        if isinstance(value, bool) or (
            isinstance(value, str) and value.lower() in ("true", "false")
        ):
            return None
        return f"expects true or false, got {shown(value)}."


TEXT = Text()
UNKNOWN = Unknown()
FLOAT = Float()
NUMBER = Number()
BOOLEAN = Boolean()
