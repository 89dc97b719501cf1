"""The only ways page text enters generated code.

Page-derived strings reach templates wrapped in PageText, which refuses to be
rendered, formatted or concatenated as is: a template must pass it through `py`
(a Python literal) or `doc` (a fragment of a docstring). Identifiers never come
from page text directly; `names` derives them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


class UnsafePageText(TypeError):
    """Page text was about to enter generated code without escaping."""


class PageText:
    """Text taken from a page; only `py_literal` and `doc_fragment` read it."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def __str__(self) -> str:
        raise UnsafePageText(
            f"page text {self._text[:40]!r} must pass through the `py` or `doc` filter"
        )

    def __format__(self, spec: str) -> str:
        return str(self)

    def __bool__(self) -> bool:
        return bool(self._text)

    def __len__(self) -> int:
        return len(self._text)

    def __repr__(self) -> str:
        return f"PageText({self._text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PageText) and other._text == self._text

    def __hash__(self) -> int:
        return hash(self._text)


def py_literal(value: object) -> str:
    """A Python expression that evaluates to `value` (repr-based, any text is safe)."""
    if isinstance(value, PageText):
        return _string(value._text)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"no Python literal for {value!r}")
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    if isinstance(value, Mapping):
        items = ", ".join(f"{py_literal(key)}: {py_literal(item)}" for key, item in value.items())
        return "{" + items + "}"
    if isinstance(value, Sequence):
        items = ", ".join(py_literal(item) for item in value)
        return f"({items},)" if len(value) == 1 else f"({items})"
    raise TypeError(f"no Python literal for {type(value).__name__}")


def _string(text: str) -> str:
    """repr(text) quoted as black quotes it: double quotes unless they need more escapes."""
    if text.count('"') > text.count("'"):
        return repr(text)  # single-quoted, as black keeps it
    if "'" not in text:
        return f'"{repr(text)[1:-1]}"'
    escaped = {'"': '\\"', "'": "'"}
    return '"' + "".join(escaped.get(char) or repr(char)[1:-1] for char in text) + '"'


def doc_fragment(value: object) -> str:
    """Text that can sit inside a triple-double-quoted docstring and reads as written.

    Whitespace runs fold to one space; backslashes and double quotes are escaped so
    the docstring cannot be closed early; characters that are not printable
    (controls, bidi overrides, lone surrogates) are shown as escapes.
    """
    text = value._text if isinstance(value, PageText) else str(value)
    folded = " ".join(text.split())
    escaped = folded.replace("\\", "\\\\").replace('"', '\\"')
    if escaped.isprintable():  # nearly always: no character-by-character pass needed
        return escaped
    return "".join(_doc_char(char) for char in folded)


def _doc_char(char: str) -> str:
    if char == "\\":
        return "\\\\"
    if char == '"':
        return '\\"'
    if char.isprintable():
        return char
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    )


def refuse_page_text(value: object) -> object:
    """Jinja `finalize`: a bare `{{ page_text }}` is an error, never output."""
    if isinstance(value, PageText):
        str(value)
    return value
