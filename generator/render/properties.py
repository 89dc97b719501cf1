"""Each input as a run() argument: one small class per kind says how it is typed.

Adding an input kind means adding one Property subclass here and one entry in
`PROPERTY_CLASSES`; templates only read the attributes defined on Property.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..ir import Input
from ..kinds import InputKind, TypedValue, typed_value
from .escape import PageText, py_literal

FILE_INPUT = "_runtime.FileInput"


@dataclass(frozen=True)
class Property:
    """One input: its Python argument, annotation, default, and the page text documenting it."""

    item: Input
    argument: str
    alias: str | None = None

    runtime_kind: ClassVar[str] = "string"
    value_type: ClassVar[str] = "str"

    @property
    def annotation(self) -> str:
        """The argument's type; optional (None: not sent) when the page gives no default."""
        kind = self.element_type()
        return kind if self.item.typed_default is not None else f"{kind} | None"

    def element_type(self) -> str:
        return self.value_type

    @property
    def default(self) -> str:
        return py_literal(self.item.typed_default)

    @property
    def wire_name(self) -> PageText:
        return PageText(self.item.name)

    @property
    def type_name(self) -> PageText:
        return PageText(self.item.type)

    @property
    def label(self) -> PageText:
        return PageText(self.item.label)

    @property
    def help(self) -> PageText:
        return PageText(self.item.help)

    @property
    def options(self) -> tuple[tuple[PageText, PageText, PageText | None], ...]:
        """(value, label, description) of each distinct option, for the docs."""
        first = {option.value: option for option in reversed(self.item.options)}
        documented = []
        for value in self.choices():
            label, description = first[value].label, first[value].description
            described = PageText(description) if description else None
            documented.append((PageText(value), PageText(label), described))
        return tuple(documented)

    @property
    def option_values(self) -> tuple[PageText, ...]:
        return tuple(PageText(value) for value in self.choices())

    def choices(self) -> tuple[str, ...]:
        """Distinct option values in page order."""
        return tuple(dict.fromkeys(option.value for option in self.item.options))

    def example_value(self, text: str) -> TypedValue:
        """An inspire's text as a value this argument accepts, or None."""
        value, problem = typed_value(self.item.kind, text, self.choices())
        return None if problem else value


class TextProperty(Property):
    pass


class IntegerProperty(Property):
    runtime_kind = "integer"
    value_type = "int"

    def example_value(self, text: str) -> TypedValue:
        value = super().example_value(text)
        return value if isinstance(value, int) else None


class FloatProperty(Property):
    runtime_kind = "float"
    value_type = "float"

    def example_value(self, text: str) -> TypedValue:
        value, problem = typed_value(InputKind.FLOAT, text, ())
        return None if problem else value


class BooleanProperty(Property):
    runtime_kind = "boolean"
    value_type = "bool"


class SelectProperty(Property):
    """A select: its options as a Literal alias, widened by a default outside them."""

    runtime_kind = "select"

    def element_type(self) -> str:
        if self.alias is None:
            return "str"
        extra = [value for value in self._defaults() if value not in self.choices()]
        if not extra:
            return self.alias
        return f"{self.alias} | Literal[{', '.join(py_literal(value) for value in extra)}]"

    def _defaults(self) -> tuple[str, ...]:
        typed = self.item.typed_default
        return typed if isinstance(typed, tuple) else (str(typed),) if typed is not None else ()

    def example_value(self, text: str) -> TypedValue:
        value = super().example_value(text)
        allowed = (*self.choices(), *self._defaults())
        return value if self.alias is None or value in allowed else None


class MultiSelectProperty(SelectProperty):
    runtime_kind = "multiselect"

    def element_type(self) -> str:
        return f"Sequence[{super().element_type()}]"

    def example_value(self, text: str) -> TypedValue:
        value = Property.example_value(self, text)
        allowed = (*self.choices(), *self._defaults())
        if not isinstance(value, tuple) or (self.alias and any(v not in allowed for v in value)):
            return None
        return value


class FileProperty(Property):
    runtime_kind = "file"
    value_type = FILE_INPUT


class MultiFileProperty(Property):
    runtime_kind = "multifile"
    value_type = f"Sequence[{FILE_INPUT}]"


class CombineFileProperty(Property):
    runtime_kind = "combinefile"
    value_type = f"{FILE_INPUT} | Sequence[{FILE_INPUT}]"


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


def property_for(item: Input, argument: str, alias: str | None) -> Property:
    """The Property of an input; a number whose default is not whole is a float."""
    cls = PROPERTY_CLASSES[item.kind]
    if cls is IntegerProperty and isinstance(item.typed_default, float):
        cls = FloatProperty
    return cls(item, argument, alias if issubclass(cls, SelectProperty) else None)
