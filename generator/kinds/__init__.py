"""Input kinds: everything wirogen knows about one kind of input, in one descriptor.

A page's `type:` (text, number, fileinput, ...) names a kind. Each kind is one `Kind`
subclass (`base.Kind` documents every attribute and method) that says, for its inputs:

- the page: which `type:` values it covers (`page_types`) and how the page's text reads
  as a value (`parse`); the kind an input behaves as among its page's inputs (`in_page`);
- the generated client: the Python type (`value_type`, `python_type`), the runtime kind
  that checks and encodes the value (`runtime_kind`), which documented default run()
  sends (`sendable`) and the docstring's words on where the value travels (`where`);
- the Run body: the key and multipart part it travels in (`json_key`, `upload_part`),
  its OpenAPI schema and multipart parts (`schema`, `upload_schemas`, `form_schema`,
  `form_encoding`) and how the mock server checks it (`value_problem`, `single_upload`).

The parser, the renderer (render/properties.py), the OpenAPI writer (openapi/inputs.py)
and the mock server (mockserver/validation.py) read these and hold no per-kind code.
Option values are de-duplicated once, on the IR (`Input.choices`, `Input.distinct_options`).

Adding a kind takes:

1. its `Kind` subclass and its instance, a constant named as the kind's `name` in
   capitals (that is how a kind pickles), in `scalars`, `choices` or `files` (or a new
   module of this package), and the instance in `KINDS` below;
2. only when no existing runtime kind checks and encodes its values: a new `runtime_kind`,
   added to the shipped runtime's `InputKind` (runtime/_spec.py) with its encoding
   (runtime/_encoding.py). The runtime ships alone and cannot import this package;
   tests/kinds/test_registry.py checks that both sides name the same runtime kinds.
"""

from __future__ import annotations

from .base import Kind
from .choices import MULTISELECT, SELECT
from .files import COMBINEFILE, FILE, MULTIFILE, URLFILE
from .scalars import BOOLEAN, FLOAT, NUMBER, TEXT, UNKNOWN
from .values import TypedValue

KINDS: tuple[Kind, ...] = (
    TEXT,
    NUMBER,
    FLOAT,
    BOOLEAN,
    SELECT,
    MULTISELECT,
    FILE,
    MULTIFILE,
    COMBINEFILE,
    URLFILE,
    UNKNOWN,
)
"""Every kind; `kind_of` finds a page type's kind among them."""

TYPE_KINDS: dict[str, Kind] = {page_type: kind for kind in KINDS for page_type in kind.page_types}
"""The kind of every page `type:` wirogen knows (lower case)."""


def kind_of(type_name: str) -> Kind:
    """The kind of a page `type:`; types wirogen does not know are UNKNOWN."""
    return TYPE_KINDS.get(type_name.lower(), UNKNOWN)


__all__ = [
    "BOOLEAN",
    "COMBINEFILE",
    "FILE",
    "FLOAT",
    "KINDS",
    "MULTIFILE",
    "MULTISELECT",
    "NUMBER",
    "SELECT",
    "TEXT",
    "TYPE_KINDS",
    "UNKNOWN",
    "URLFILE",
    "Kind",
    "TypedValue",
    "kind_of",
]
