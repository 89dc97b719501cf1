"""A generation parses each page once: the module is built in the same step as the parse."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator import workers
from generator.ir import ToolSpec
from generator.output.formatting import format_source
from generator.parser import parse_page
from generator.project import Project, find_pages
from generator.render.package import render_tool_module

from ..support.paths import SPECS

PIXART = SPECS / "wiro__PixArt-Sigma.md"


def counting_parses(monkeypatch: pytest.MonkeyPatch) -> Counter[Path]:
    """Every page the pipeline parses from now on, with how often (pools stay in-process)."""
    parsed: Counter[Path] = Counter()

    def parse(path: str | Path) -> ToolSpec:
        parsed[Path(path)] += 1
        return parse_page(path)

    monkeypatch.setattr(workers, "parse_page", parse)
    monkeypatch.setattr(workers, "POOL_THRESHOLD", 10**6)
    return parsed


def test_a_cold_generation_parses_each_page_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    parsed = counting_parses(monkeypatch)
    pages = find_pages([SPECS])
    result = Project().generate(pages, tmp_path / "out")
    assert (result.failures, parsed) == ([], Counter(dict.fromkeys(pages, 1)))


def test_a_module_renamed_by_a_clash_is_built_for_its_new_name(tmp_path: Path) -> None:
    text = PIXART.read_text()
    for slug in ("foo-bar", "foo_bar"):
        (tmp_path / f"{slug}.md").write_text(text.replace("PixArt-Sigma", slug))
    result = Project().generate(find_pages([tmp_path]))
    renamed = next(tool for tool in result.tools if tool.path == "wiro/foo_bar_2.py")
    source, _ = render_tool_module(parse_page(tmp_path / "foo_bar.md"), renamed, "wiro_tools")
    module = next(file for file in result.files if file.path == renamed.path)
    assert module.content == format_source(renamed.path, source)
