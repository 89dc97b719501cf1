"""Both layouts of a page read into the same IR."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.parser import parse_page, parse_text
from tests.support.pagewriter import write_page

from ..support.irjson import comparable
from ..support.pagetext import collapse, make_page, parse
from ..support.paths import spec_pages, wiro_page_params

MULTILINE_SPECS = [path for path in spec_pages() if path.read_text().strip().count("\n") > 0]


def test_specs_hold_both_layouts() -> None:
    assert len(MULTILINE_SPECS) == 3
    assert len(spec_pages()) - len(MULTILINE_SPECS) == 5


@pytest.mark.parametrize(
    "path",
    [pytest.param(path, id=path.name) for path in MULTILINE_SPECS] + wiro_page_params("full"),
)
def test_collapsing_a_multiline_page_keeps_its_ir(path: Path) -> None:
    multiline = parse_page(path)
    collapsed = parse_text(path.name, collapse(path.read_text()))
    assert multiline.source.layout == "multiline"
    assert collapsed.source.layout == "collapsed"
    assert comparable(collapsed) == comparable(multiline)


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in spec_pages()])
@pytest.mark.parametrize("layout", ["multiline", "collapsed"])
def test_written_page_reads_back_to_the_same_ir(path: Path, layout: str) -> None:
    spec = parse_page(path)
    again = parse_text(path.name, write_page(spec, layout))  # type: ignore[arg-type]
    # The writer emits valid JSON examples where the page had invalid ones.
    assert comparable(again, drop_warnings=("invalid-json",)) == comparable(
        spec, drop_warnings=("invalid-json",)
    )


def test_multiline_values_may_hold_any_field_keyword() -> None:
    # Unambiguous only on separate lines: a collapsed page cannot tell these from fields.
    default = "close up - name: x label: y options: - value: z"
    page = make_page(
        f"- name: prompt\n  label: P\n  help: h\n  type: textarea\n  default: {default}\n"
    )
    assert parse(page).inputs[0].default == default


def test_multiline_continuation_lines_join_a_value() -> None:
    page = make_page(
        "- name: prompt\n  label: P\n  help: first line\n    second line\n  type: text\n  default: a\n"
    )
    assert parse(page).inputs[0].help == "first line\nsecond line"
