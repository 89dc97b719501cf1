"""Properties of the parser: any input gives an IR or a ParseError, and pages round-trip."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.ir import ToolSpec
from generator.parser import ParseError, parse_bytes, parse_text
from generator.parser.limits import MAX_DIGITS, MAX_NESTING
from tests.support.pagewriter import write_page

from ..support.paths import spec_pages, wiro_pages
from ..support.strategies import page_contents, tool_specs

# slow: hypothesis: thousands of pages in the long profile.
pytestmark = pytest.mark.slow

REAL_PAGES = [path.read_bytes() for path in spec_pages()] + [
    path.read_bytes() for folder in ("full", "assembled", "excerpts") for path in wiro_pages(folder)
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


# Values no conversion survives, put into real pages in place of a field's value: each
# is a ParseError naming its line and section, in both layouts, never a traceback.

PARSING_PAGES = [page for page in REAL_PAGES if parses_or_refuses(page) is not None]
VALUE_FIELD = re.compile(
    rb"(?:default|triggerwords|generatesettings|value|- [A-Za-z_]+):[ \t]*(?P<value>[^\n]*)"
)
UNCONVERTIBLE = st.one_of(
    st.integers(MAX_NESTING + 1, 5000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.integers(MAX_NESTING + 1, 2000).map(lambda depth: b'{"a": ' * depth + b"1" + b"}" * depth),
    st.integers(MAX_DIGITS + 1, 6000).map(lambda digits: b"7" * digits),
)
HOST_CHARACTERS = st.sampled_from([b"[", b"]", b"<", b">", b" ", b"{", b"|", b"\\", b"^", b'"'])
LAYOUTS = st.sampled_from(["multiline", "collapsed"])


def in_layout(page: bytes, layout: str) -> bytes:
    return b" ".join(page.split()) if layout == "collapsed" else page


def refused(page: bytes) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_bytes("mutant.md", page)
    error = caught.value
    assert error.line >= 1 and error.section and error.expected
    return error


@given(st.sampled_from(PARSING_PAGES), st.data(), UNCONVERTIBLE, LAYOUTS)
def test_an_unconvertible_value_in_any_field_is_refused(
    page: bytes, data: st.DataObject, value: bytes, layout: str
) -> None:
    fields = list(VALUE_FIELD.finditer(page))
    field = data.draw(st.sampled_from(fields))
    mutant = page[: field.start("value")] + value + page[field.end("value") :]
    error = refused(in_layout(mutant, layout))
    assert "levels deep" in error.expected or "digits" in error.expected


@given(st.sampled_from(PARSING_PAGES), HOST_CHARACTERS, LAYOUTS)
def test_an_invalid_character_in_the_run_urls_host_is_refused(
    page: bytes, character: bytes, layout: str
) -> None:
    mutant = page.replace(b"://api.wiro.ai/", b"://api" + character + b".wiro.ai/", 1)
    error = refused(in_layout(mutant, layout))
    assert error.expected == "an http(s) URL with a valid host"
    assert error.section == "Basic tool info"


@given(st.sampled_from(PARSING_PAGES), st.data(), LAYOUTS)
def test_a_name_without_a_space_after_its_colon_is_refused(
    page: bytes, data: st.DataObject, layout: str
) -> None:
    names = [found.start() for found in re.finditer(rb"- name: ", page)]
    at = data.draw(st.sampled_from(names))
    mutant = page[:at] + b"- name:" + page[at + len(b"- name: ") :]
    error = refused(in_layout(mutant, layout))
    assert error.section.startswith(("Tool Inputs", "Model Inputs"))
