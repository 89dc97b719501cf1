"""Each input as a run() argument: its kind (generator/kinds) says how it is typed and sent.

A Property pairs an input with its kind in its page, its argument name and its aliases;
templates only read the attributes defined here, and nothing here depends on the kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ir import Input
from ..kinds import Kind, TypedValue
from .escape import PageText, py_literal


@dataclass(frozen=True)
class Property:
    """One input: its Python argument, annotation, the default run() sends, and its wording."""

    item: Input
    kind: Kind
    """What the input behaves as in its page (`ToolSpec.input_kinds`)."""
    argument: str
    alias: str | None = None
    """The Literal alias of the input's options, for option kinds."""
    type_alias: str | None = None
    """A module-level name for `element_type()`, keeping signature lines short."""

    @property
    def runtime_kind(self) -> str:
        return self.kind.runtime_kind

    @property
    def sent_default(self) -> TypedValue:
        """The documented default when it is a valid value for the input, else None (not sent)."""
        typed = self.item.typed_default
        return typed if typed is not None and self.kind.sendable(typed, self.item) else None

    @property
    def annotation(self) -> str:
        """The argument's type; optional (None: not sent) when nothing is sent by default."""
        kind = self.type_alias or self.element_type()
        return kind if self.sent_default is not None else f"{kind} | None"

    @property
    def annotation_is_union(self) -> bool:
        """Whether `annotation` is a union `X | Y`: optional, or a union kind not aliased."""
        return self.sent_default is None or (self.type_alias is None and self.kind.union_type)

    def element_type(self) -> str:
        return self.kind.python_type(self.alias or "str")

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
        """An option input's documented default run() does not send (not among the options)."""
        typed = self.item.typed_default
        if not self.kind.has_options or typed is None or self.kind.sendable(typed, self.item):
            return None
        return PageText(", ".join(typed) if isinstance(typed, tuple) else str(typed))

    def where(self) -> str:
        """How the value travels, when that is not simply under the input's own name."""
        return self.kind.where(self.item.name)

    def example_value(self, text: str) -> TypedValue:
        """An inspire's text as a value this argument accepts, or None."""
        value, problem = self.kind.typed(text, self.item.choices)
        sendable = value is not None and self.kind.sendable(value, self.item)
        return value if not problem and sendable else None


def property_for(item: Input, kind: Kind, argument: str, alias: str | None) -> Property:
    """The Property of an input that behaves as `kind`; only option kinds keep an alias."""
    return Property(item, kind, argument, alias if kind.has_options else None)
