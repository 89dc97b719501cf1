"""`Kind`: the one descriptor of an input kind, with the behaviour most kinds share.

A subclass overrides only what differs from a plain text input. The methods are grouped
by who reads them: the parser, the generated client's renderer, and the Run body (the
OpenAPI writer and the mock server).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from .schema import JsonObject
from .values import TypedValue

if TYPE_CHECKING:
    from ..ir import Input, JsonValue


def runtime_value_schema(runtime_kind: str, options: Sequence[str] = ()) -> JsonObject:
    """The shipped runtime's JSON Schema of a value of `runtime_kind` (runtime/_schema.py).

    Imported when called: only the OpenAPI writer asks, and generation never loads it.
    """
    from ..runtime._schema import value_schema
    from ..runtime._spec import InputKind

    return value_schema(cast("InputKind", runtime_kind), options)


class Kind:
    """How inputs of one kind are read from a page, typed, sent, checked and described."""

    name: ClassVar[str]
    """The kind's name: a page kind's shows in `wirogen inspect --json` and API records."""
    page_types: ClassVar[tuple[str, ...]] = ()
    """The page `type:` values (lower case) of this kind."""
    runtime_kind: ClassVar[str] = "string"
    """How the shipped runtime checks and encodes the value (its `InputKind`)."""
    value_type: ClassVar[str] = "str"
    """The run() argument's Python type (its element type for option kinds)."""
    has_options: ClassVar[bool] = False
    """Whether the page's options list the values (a Literal alias types them)."""
    uses_sequence: ClassVar[bool] = False
    """Whether its Python type names `Sequence` (the module then imports it)."""
    union_type: ClassVar[bool] = False
    """Whether its Python type is a union `X | Y` (black lays unions out its own way)."""
    options_lead: ClassVar[str] = "One of"
    """How the docstring introduces the options: a select takes one, a multiselect any."""
    takes_files: ClassVar[bool] = False
    """Whether run() takes local files for it (uploaded), besides URLs."""
    takes_many: ClassVar[bool] = False
    """Whether the value is a list."""
    single_upload: ClassVar[bool] = False
    """Whether its upload part (`upload_part`) takes one file only."""

    def __repr__(self) -> str:
        return f"<kind {self.name}>"

    def __reduce__(self) -> str:
        # Kinds are singletons, compared with `is`: one pickles as the constant naming it
        # (`TEXT` in its module), so specs sent between processes keep them.
        return self.name.upper()

    # --- the page -----------------------------------------------------------------------

    def typed(self, text: str, option_values: Sequence[str]) -> tuple[TypedValue, str]:
        """Page text as a value of this kind, and a problem to report ("" if none).

        Empty text has no value (None): an input with an empty default is not sent.
        """
        return (None, "") if text == "" else self.parse(text, option_values)

    def parse(self, text: str, option_values: Sequence[str]) -> tuple[TypedValue, str]:
        """Non-empty page text as a value, and a problem to report ("" if none)."""
        return text, ""

    def in_page(self, item: Input, names: Collection[str]) -> Kind:
        """The kind `item` behaves as among its page's input `names` (usually this one)."""
        return self

    # --- the generated client -----------------------------------------------------------

    def python_type(self, choice: str) -> str:
        """The argument's type; `choice` types one option value (a Literal alias or str)."""
        return self.value_type

    def type_alias_name(self, choice_alias: str | None) -> str | None:
        """A name for a composite argument type (so signatures stay short); None if simple."""
        return None

    def sendable(self, value: TypedValue, item: Input) -> bool:
        """Whether run() may send `value`, a typed page value, for `item`."""
        return True

    def where(self, name: str) -> str:
        """How the value travels, when that is not simply under the input's own name."""
        return ""

    # --- the Run body -------------------------------------------------------------------

    def json_key(self, name: str) -> str:
        """The body key that carries the value (a file input's URLs)."""
        return name

    def upload_part(self, name: str) -> str | None:
        """The multipart part local files are uploaded in; None when it takes no files."""
        return None

    def schema(self, item: Input) -> JsonObject:
        """The OpenAPI schema of the value under `json_key`: by default the runtime's
        schema of a value of `runtime_kind` (the package's MCP server reads the same)."""
        return runtime_value_schema(self.runtime_kind)

    def wire_default(self, typed: TypedValue) -> JsonValue:
        """A typed page default as the body would carry it."""
        return list(typed) if isinstance(typed, tuple) else typed

    def schema_note(self, name: str) -> str:
        """How the value is sent, when that is not plain from the schema."""
        return ""

    def upload_schemas(self, name: str) -> dict[str, JsonObject]:
        """Multipart parts of uploaded files, described apart from the value."""
        return {}

    def form_schema(self, item: Input) -> JsonObject | None:
        """The value's schema in a multipart body when it differs from `schema`."""
        return None

    def form_encoding(self, name: str) -> dict[str, JsonObject]:
        """Multipart parts that are not plain text, by part name."""
        return {}

    def value_problem(self, item: Input, value: JsonValue) -> str | None:
        """What is wrong with `value` sent under `json_key`, as the mock server says it."""
        return "expects a single value." if isinstance(value, list | dict) else None
