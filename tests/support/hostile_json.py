"""Hypothesis strategies for hostile JSON: every shape, huge numbers, NaN, deep nesting.

Shared by the tests of the mock server (hostile requests) and of the runtime (hostile
answers). Values are built as text, so they may hold what `json.dumps` would refuse.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

# Numbers a server or client must survive: huge, negative, fractional, beyond float
# range, and past Python's 4,300-digit limit for int <-> str conversion.
HOSTILE_NUMBER_TEXTS = st.one_of(
    st.integers().map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e-999", "-0"]),
    st.integers(min_value=19, max_value=6000).map(lambda digits: "9" * digits),
    st.integers(min_value=19, max_value=6000).map(lambda digits: "-1" + "0" * digits),
)

SCALAR_TEXTS = st.one_of(
    st.none().map(json.dumps),
    st.booleans().map(json.dumps),
    st.text(max_size=20).map(json.dumps),
    HOSTILE_NUMBER_TEXTS,
)


def _containers(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    keys = st.text(max_size=10).map(json.dumps)
    return st.one_of(
        st.lists(children, max_size=4).map(lambda items: "[" + ",".join(items) + "]"),
        st.lists(st.tuples(keys, children), max_size=4).map(
            lambda pairs: "{" + ",".join(f"{key}:{value}" for key, value in pairs) + "}"
        ),
    )


def deeply_nested(depth: int, opener: str = "[") -> str:
    """A list (or object) nested `depth` levels, deep enough to hit recursion limits."""
    if opener == "[":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


JSON_TEXTS = st.one_of(
    st.recursive(SCALAR_TEXTS, _containers, max_leaves=12),
    st.integers(min_value=1, max_value=100_000).map(deeply_nested),
    st.integers(min_value=1, max_value=100_000).map(lambda depth: deeply_nested(depth, "{")),
)
"""Any JSON text, including NaN and Infinity, huge numbers and nesting of any depth."""


def object_texts(fields: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """JSON objects whose keys are drawn from `fields` and whose values are any JSON text."""
    pairs = st.lists(st.tuples(fields.map(json.dumps), JSON_TEXTS), max_size=5)
    return pairs.map(lambda items: "{" + ",".join(f"{key}:{value}" for key, value in items) + "}")
