"""Pages that cannot be read raise one ParseError saying where and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.parser import ParseError, parse_bytes, parse_page

from ..support.pagetext import STATUS_TAIL, collapse, make_page, parse
from ..support.paths import wiro_page_params


def parse_error(text: str, layout: str = "multiline") -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse(text, layout)
    return caught.value


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_missing_run_endpoint_names_file_line_and_section() -> None:
    page = make_page().replace(
        "Run Task Endpoint (POST):\nhttps://api.wiro.ai/v1/Run/wiro/demo\n", ""
    )
    error = parse_error(page)
    assert (error.file, error.section) == ("demo.md", "Basic tool info")
    assert "Run Task Endpoint (POST):" in error.expected
    assert error.line == line_of(page, "## Tool Inputs")


def test_run_url_without_owner_and_slug_is_an_error() -> None:
    error = parse_error(make_page(run="https://api.wiro.ai/v1/Run/onlyowner"))
    assert "/Run/{owner}/{slug}" in error.expected
    assert "onlyowner" in error.found


def test_missing_inputs_section() -> None:
    page = make_page().replace("## Tool Inputs: ", "## Pricing")
    error = parse_error(page)
    assert "'## Tool Inputs:'" in error.expected


@pytest.mark.parametrize("layout", ["multiline", "collapsed"])
def test_item_without_type_is_located(layout: str) -> None:
    page = make_page(
        "- name: prompt\n  label: p\n  help: h\n  type: text\n  default: a\n"
        "- name: steps\n  label: Steps\n  help: how many\n  default: 4\n"
    )
    error = parse_error(page, layout)
    assert "'type:'" in error.expected and "steps" in error.expected
    assert error.section == "Tool Inputs:"
    if layout == "multiline":
        assert error.line == line_of(page, "- name: steps")
    else:
        assert error.line == 1 and error.column > collapse(page).index("- name: steps")


@pytest.mark.parametrize("cut", ["type: selec", "label: Water", '- value: "tru'])
def test_page_cut_off_mid_item(cut: str) -> None:
    page = collapse(
        make_page(
            "- name: Watermark\n  label: Watermark\n  help:\n  type: select\n  default: false\n"
            '  options:\n    - value: "false"\n      label: false\n    - value: "true"\n      label: true\n'
        )
    )
    truncated = page[: page.index(cut) + len(cut)]
    error = parse_error(truncated, "collapsed")
    assert "cut off" in error.found
    assert error.section == "Tool Inputs:"
    assert error.column == len(truncated) + 1


def test_unterminated_code_block_is_a_cut_off_page() -> None:
    page = make_page(middle="## Integration Header Prepare\n```bash\nexport NONCE=1\n", tail="")
    error = parse_error(page)
    assert error.section == "Integration Header Prepare"
    assert "closing ```" in error.expected
    assert error.line == line_of(page, "```bash")


def test_missing_status_lists_is_a_cut_off_page() -> None:
    error = parse_error(make_page(tail=""))
    assert "Completed Task Statuses" in error.expected
    assert "cut off" in error.found


def test_duplicate_input_names_are_an_error() -> None:
    page = make_page(
        "- name: seed\n  label: a\n  help: h\n  type: text\n  default: 1\n"
        "- name: seed\n  label: b\n  help: h\n  type: text\n  default: 2\n"
    )
    error = parse_error(page)
    assert "second input named 'seed'" in error.found
    assert error.line == line_of(page, "- name: seed\n    label: b")


def test_invalid_utf8_is_located() -> None:
    page = make_page()
    data = page.encode().replace(b"A demo tool.", b"A demo \xff tool.")
    with pytest.raises(ParseError) as caught:
        parse_bytes("bad.md", data)
    assert (caught.value.line, caught.value.column) == (line_of(page, "A demo tool."), 26)
    assert caught.value.expected == "UTF-8 text"
    assert "0xff" in caught.value.found


def test_unreadable_file_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(ParseError) as caught:
        parse_page(tmp_path / "missing.md")
    assert caught.value.expected == "a readable file"


def test_message_carries_every_part() -> None:
    error = parse_error(make_page(tail=STATUS_TAIL.split("### Running")[0]))
    assert str(error).startswith(f"demo.md:{error.line}:{error.column}: in section ")
    assert "Running Task Statuses" in str(error)


@pytest.mark.parametrize("path", wiro_page_params("excerpts"))
def test_every_excerpt_parses_or_raises_parse_error(path: Path) -> None:
    try:
        spec = parse_page(path)
    except ParseError as error:
        assert error.file == str(path)
        assert error.line >= 1 and error.column >= 1
        assert error.expected
    else:
        assert spec.inputs
