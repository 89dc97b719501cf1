"""Malformed pages: each a ParseError naming file, line and section; --keep-going goes on."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.parser import ParseError, parse_text

from ..support.genpkg import ALL_KINDS_PAGE
from ..support.pagetext import LAYOUTS, collapse
from ..support.paths import SPECS

DEEP = "[" * 3000 + "]" * 3000


def _replace(old: str, new: str) -> Callable[[str], str]:
    def mutate(page: str) -> str:
        assert old in page, old
        return page.replace(old, new, 1)

    return mutate


def _first(pattern: str, new: str) -> Callable[[str], str]:
    return lambda page: re.sub(pattern, new, page, count=1)


MALFORMED: dict[str, tuple[Callable[[str], str], str]] = {
    "name-without-space": (_replace("- name: prompt", "- name:prompt"), "a space after the colon"),
    "bracket-in-host": (_replace("://api.wiro.ai/v1/Run", "://api[.wiro.ai/v1/Run"), "valid host"),
    "space-in-host": (_replace("://api.wiro.ai/v1/Run", "://api wiro.ai/v1/Run"), "valid host"),
    "long-number-default": (_first(r"default: \d+", "default: " + "9" * 5000), "4,300 digits"),
    "deep-json-default": (_first(r"default: \S+", "default: " + DEEP), "levels deep"),
    "deep-json-option-field": (_replace("generatesettings: []", f"generatesettings: {DEEP}"), "levels deep"),
    "deep-json-example": (_replace("- prompt: a dog", f"- prompt: {DEEP}"), "levels deep"),
}  # fmt: skip
SECTIONS = {
    "bracket-in-host": "Basic tool info",
    "space-in-host": "Basic tool info",
    "deep-json-example": "Tool Parameter Inspires:",
}


def malformed_page(case: str, layout: str) -> str:
    mutate, _ = MALFORMED[case]
    page = mutate(ALL_KINDS_PAGE.read_text())
    return collapse(page) if layout == "collapsed" else page


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_page_is_a_parse_error_with_place_and_section(case: str, layout: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_text(f"{case}.md", malformed_page(case, layout))
    error = caught.value
    assert error.file == f"{case}.md" and error.line >= 1 and error.column >= 1
    assert MALFORMED[case][1] in error.message
    assert error.section == SECTIONS.get(case, "Tool Inputs:")


def test_keep_going_generates_the_good_pages_and_reports_each_bad_one(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(SPECS / "wiro__cartoonify.md", specs)
    for case in MALFORMED:
        for layout in LAYOUTS:
            (specs / f"{case}-{layout}.md").write_text(malformed_page(case, layout))
    result = CliRunner().invoke(
        main, ["generate", str(specs), "-o", str(tmp_path / "out"), "--keep-going"]
    )
    assert result.exit_code == 1
    assert f"{len(MALFORMED) * len(LAYOUTS)} pages failed to parse" in result.stderr
    for case in MALFORMED:
        for layout in LAYOUTS:
            assert re.search(rf"error: \S*{case}-{layout}\.md:\d+:\d+: in section ", result.stderr)
    assert "Traceback" not in result.output
    assert (tmp_path / "out" / "wiro_tools" / "wiro" / "cartoonify.py").is_file()
