"""Docstring wrapping: the fast fill of plain words gives exactly textwrap's lines."""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st

from generator.render.layout import DOC_WIDTH, wrap

WORDS = st.lists(
    st.text(st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=120),
    min_size=1,
    max_size=30,
)
INDENTS = st.sampled_from(["", " " * 4, " " * 12, " " * 16, " " * 100, " " * 104])


@given(WORDS, INDENTS, INDENTS)
def test_wrapping_plain_words_is_textwraps(words: list[str], indent: str, subsequent: str) -> None:
    text = " ".join(words)
    expected = textwrap.wrap(
        text,
        width=DOC_WIDTH,
        initial_indent=indent,
        subsequent_indent=subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    assert wrap(text, indent, subsequent) == expected


@given(st.text(max_size=300), INDENTS)
def test_wrapping_any_text_is_textwraps(text: str, indent: str) -> None:
    expected = textwrap.wrap(
        text,
        width=DOC_WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    assert wrap(text, indent) == expected
