"""The line reader of plain list sections agrees with markdown-it on every page."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.parser import ParseError, multiline
from generator.parser.plainlists import LIST_HEADING, plain_bodies
from generator.parser.source import DecodedPage

from ..support.paths import spec_pages, wiro_pages

MULTILINE_PAGES = [
    page
    for page in [path.read_bytes() for path in spec_pages()]
    + [path.read_bytes() for folder in ("full", "assembled") for path in wiro_pages(folder)]
    if DecodedPage.from_bytes("page.md", page).layout == "multiline"
]
PLAIN_SECTION = """## Tool Inputs

  - name: prompt
    label: Prompt
    help: What to draw.
    type: select
    options:
      - value: a
        label: A

  - name: seed
    type: number

## Integration Header Prepare
"""
# Line starts that open (or nest) markdown blocks, at indents around an item's content.
TRICKY_STARTS = [
    "- name: x",
    "- - x",
    "-x",
    "> q",
    "[a]: /u",
    "# h",
    "1. x",
    "```",
    "---",
    "===",
    "\tx",
    "\u00a0x",
    "x",
    "label: y",
    "<p>",
    "    code",
    "* x",
    "+ x",
    "",
]


def read(text: str, by_lines: bool) -> object:
    """What the multi-line reader makes of a page: its raw page, or its ParseError."""
    page = DecodedPage.from_text("page.md", text)
    reader = plain_bodies if by_lines else _none
    with mock.patch.object(multiline, "plain_bodies", reader):
        try:
            return repr(multiline.read_multiline(page))
        except ParseError as error:
            return error.message


def _none(lines: list[str]) -> None:
    return None


def test_a_plain_inputs_section_is_read_by_lines() -> None:
    bodies = plain_bodies(PLAIN_SECTION.split("\n"))
    assert bodies is not None
    assert [body.items for body in bodies] == [((2, 10), (10, 13))]


def test_a_status_list_after_a_line_of_text_is_read_by_lines() -> None:
    text = "### Running Task Statuses\nPolling goes on.\n- task_queue : Queued.\n- task_start : Started.\n"
    bodies = plain_bodies(text.split("\n"))
    assert bodies is not None
    assert [body.items for body in bodies] == [((2, 3), (3, 5))]


def test_a_line_of_text_before_the_inputs_leaves_the_page_to_markdown_it() -> None:
    text = PLAIN_SECTION.replace("## Tool Inputs\n", "## Tool Inputs\nSome text.\n")
    assert plain_bodies(text.split("\n")) is None


def test_a_blockquote_in_an_inputs_section_leaves_the_page_to_markdown_it() -> None:
    text = PLAIN_SECTION.replace("    type: number", "    > type: number")
    assert plain_bodies(text.split("\n")) is None


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    st.sampled_from(MULTILINE_PAGES),
    st.data(),
    st.lists(st.tuples(st.integers(0, 8), st.sampled_from(TRICKY_STARTS)), min_size=1, max_size=3),
)
def test_lines_added_to_a_list_section_read_as_markdown_it_reads_them(
    page: bytes, data: st.DataObject, added: list[tuple[int, str]]
) -> None:
    lines = DecodedPage.from_bytes("page.md", page).text.split("\n")
    sections = [index for index, line in enumerate(lines) if LIST_HEADING.match(line)]
    heading = data.draw(st.sampled_from(sections or [0]))
    for indent, start in added:
        at = data.draw(st.integers(heading + 1, min(heading + 40, len(lines))))
        lines.insert(at, " " * indent + start)
    text = "\n".join(lines)
    assert read(text, by_lines=True) == read(text, by_lines=False)
