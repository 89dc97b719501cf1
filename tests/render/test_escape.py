"""Page text becomes code only as an exact literal or inert docstring text."""

from __future__ import annotations

import ast

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Environment

from generator.render.environment import environment
from generator.render.escape import PageText, UnsafePageText, doc_fragment, py_literal

text = st.text(st.characters(codec=None), max_size=200)
values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | text,
    lambda inner: st.lists(inner, max_size=4).map(tuple),
    max_leaves=12,
)


@given(values)
def test_py_literal_evaluates_to_the_value(value: object) -> None:
    assert ast.literal_eval(py_literal(value)) == value


@given(text)
def test_page_text_literal_is_exact(value: str) -> None:
    assert ast.literal_eval(py_literal(PageText(value))) == value


@given(text)
def test_doc_fragment_cannot_leave_its_docstring(value: str) -> None:
    source = f'def f():\n    """Before {doc_fragment(PageText(value))} after."""\n'
    tree = ast.parse(source)
    (function,) = tree.body
    assert isinstance(function, ast.FunctionDef) and len(function.body) == 1
    docstring = ast.get_docstring(function, clean=False)
    assert docstring == f"Before {' '.join(value.split())} after."


def test_doc_fragment_shows_controls_and_bidi_overrides_as_escapes() -> None:
    assert doc_fragment(PageText("a\x00b\u202ec")) == "a\\x00b\\u202ec"


def test_non_finite_floats_have_no_literal() -> None:
    with pytest.raises(ValueError):
        py_literal(float("inf"))


@pytest.mark.parametrize(
    "template",
    ["{{ value }}", "{{ 'x' ~ value }}", "{{ [value]|join(',') }}", "{{ '%s'|format(value) }}"],
)
def test_page_text_cannot_be_rendered_raw(template: str) -> None:
    with pytest.raises(UnsafePageText):
        environment().from_string(template).render(value=PageText("__import__('os')"))


def test_filters_render_page_text() -> None:
    rendered = (
        environment().from_string("{{ value|py }} {{ value|doc }}").render(value=PageText('a"b'))
    )
    assert rendered == "'a\"b' a\\\"b"


def test_environment_is_created_once() -> None:
    assert environment() is environment()
    assert isinstance(environment(), Environment)
