"""Kinds whose values are the page's options: select and multiselect."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from .base import Kind, runtime_value_schema
from .schema import JsonObject
from .values import TypedValue, as_text, finite_float, refuse_constant, shown, text_list

if TYPE_CHECKING:
    from ..ir import Input, JsonValue


class Select(Kind):
    """One of the page's options (a Literal alias types it); a default outside them is
    not sent."""

    name = "select"
    page_types: ClassVar[tuple[str, ...]] = ("select", "selectwithcover")
    runtime_kind = "select"
    has_options = True

    def python_type(self, choice: str) -> str:
        return choice

    def sendable(self, value: TypedValue, item: Input) -> bool:
        values = value if isinstance(value, tuple) else (value,)
        return not item.options or all(element in item.choices for element in values)

    def schema(self, item: Input) -> JsonObject:
        return runtime_value_schema(self.runtime_kind, enum_values(item))

    def value_problem(self, item: Input, value: JsonValue) -> str | None:
        if isinstance(value, list | dict):
            return "expects a single option."
        return option_problem(item, as_text(value))


class MultiSelect(Select):
    """A list of options: a JSON array; in multipart, one part holding that JSON array."""

    name = "multiselect"
    page_types = ("multiselect",)
    runtime_kind = "multiselect"
    takes_many = True
    uses_sequence = True
    options_lead = "Any of"

    def parse(self, text: str, option_values: Sequence[str]) -> tuple[TypedValue, str]:
        return text_list(text, option_values), ""

    def python_type(self, choice: str) -> str:
        return f"Sequence[{choice}]"

    def type_alias_name(self, choice_alias: str | None) -> str | None:
        return f"{choice_alias}Choices" if choice_alias else "Texts"

    def sendable(self, value: TypedValue, item: Input) -> bool:
        return isinstance(value, tuple) and super().sendable(value, item)

    def form_encoding(self, name: str) -> dict[str, JsonObject]:
        return {name: {"contentType": "application/json"}}

    def value_problem(self, item: Input, value: JsonValue) -> str | None:
        elements = _elements(value)
        if elements is None:
            return f"expects a list of options, got {shown(value)}."
        problems = [option_problem(item, element) for element in elements]
        return next((problem for problem in problems if problem), None)


def enum_values(item: Input) -> list[str]:
    """The `enum`: the distinct option values in page order, then defaults not among
    them; empty when the page lists no options."""
    if not item.options:
        return []
    typed = item.typed_default
    defaults = typed if isinstance(typed, tuple) else () if typed is None else (str(typed),)
    return list(dict.fromkeys([*item.choices, *defaults]))


def _elements(value: JsonValue) -> list[str] | None:
    """A multiselect value as option texts: a JSON array, a JSON-array string (a form
    field), or one option; None when it is none of these."""
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            value = json.loads(value, parse_constant=refuse_constant, parse_float=finite_float)
        except (ValueError, RecursionError):  # not JSON, NaN or Infinity, too deep
            return None
    if isinstance(value, list):
        texts = [as_text(element) for element in value if not isinstance(element, list | dict)]
        return texts if len(texts) == len(value) else None
    return None if isinstance(value, dict) else [as_text(value)]


def option_problem(item: Input, choice: str) -> str | None:
    """What is wrong with `choice` for an option input; a page default is always accepted."""
    allowed = item.choices
    # A select the page lists no options for cannot be checked.
    if not allowed or choice in allowed or choice == item.default:
        return None
    return f"{shown(choice)} is not one of its options ({', '.join(map(repr, allowed[:8]))})."


SELECT = Select()
MULTISELECT = MultiSelect()
