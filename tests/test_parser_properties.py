"""Properties of the parser: any input gives an IR or a ParseError, and pages round-trip."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.ir import ToolSpec
from generator.pagewriter import write_page
from generator.parser import ParseError, parse_bytes, parse_text

from .paths import SHARED_SPECS, spec_pages
from .strategies import page_contents, tool_specs

REAL_PAGES = [path.read_bytes() for path in spec_pages()] + [
    path.read_bytes()
    for folder in ("full", "assembled", "excerpts")
    for path in sorted((SHARED_SPECS / folder).glob("*"))
]
FIELD_START = re.compile(
    rb"(?=(?:- )?\b(?:name|label|help|type|default|options|value|description):)"
)


def parses_or_refuses(data: bytes) -> ToolSpec | None:
    """The parser's only outcomes: an IR, or a ParseError naming where."""
    try:
        return parse_bytes("mutant.md", data)
    except ParseError as error:
        assert error.line >= 0 and error.column >= 0 and error.expected
        return None


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(tool_specs(), st.sampled_from(["multiline", "collapsed"]))
def test_generated_pages_round_trip(spec: ToolSpec, layout: str) -> None:
    page = write_page(spec, layout)  # type: ignore[arg-type]
    assert page_contents(parse_text("random.md", page)) == page_contents(spec)


@given(st.sampled_from(REAL_PAGES), st.integers(min_value=0))
def test_truncated_pages(page: bytes, offset: int) -> None:
    parses_or_refuses(page[: offset % (len(page) + 1)])


@given(st.sampled_from(REAL_PAGES), st.data())
def test_lines_deleted_duplicated_or_swapped(page: bytes, data: st.DataObject) -> None:
    parses_or_refuses(_mutate(page.split(b"\n"), b"\n", data))


@given(st.sampled_from(REAL_PAGES), st.data())
def test_fields_deleted_duplicated_or_swapped(page: bytes, data: st.DataObject) -> None:
    parses_or_refuses(_mutate(FIELD_START.split(page), b"", data))


@given(st.sampled_from(REAL_PAGES), st.integers(min_value=0), st.binary(min_size=1, max_size=8))
def test_random_bytes_inserted(page: bytes, offset: int, noise: bytes) -> None:
    at = offset % (len(page) + 1)
    parses_or_refuses(page[:at] + noise + page[at:])


@given(
    st.sampled_from(REAL_PAGES),
    st.integers(min_value=0),
    st.sampled_from([b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80"]),
)
def test_invalid_utf8_is_a_parse_error(page: bytes, offset: int, bad: bytes) -> None:
    at = offset % (len(page) + 1)
    with pytest.raises(ParseError) as caught:
        parse_bytes("mutant.md", page[:at] + bad + page[at:])
    assert caught.value.expected == "UTF-8 text"


def _mutate(parts: list[bytes], joiner: bytes, data: st.DataObject) -> bytes:
    parts = list(parts)
    for _ in range(data.draw(st.integers(1, 3))):
        if len(parts) < 2:
            break
        i = data.draw(st.integers(0, len(parts) - 1))
        j = data.draw(st.integers(0, len(parts) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "swap"]))
        if action == "delete":
            del parts[i]
        elif action == "duplicate":
            parts.insert(j, parts[i])
        else:
            parts[i], parts[j] = parts[j], parts[i]
    return joiner.join(parts)
