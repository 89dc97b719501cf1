"""The built-in templates write what black writes: generation needs no black run.

Every file rendered from a built-in template must come out of black (the pinned version,
generation's mode) byte-identical: on every real page, the hostile corpus, the benchmark
corpus and hypothesis-generated pages.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from benchmarks.corpus import build_corpus
from generator.ir import ToolSpec
from generator.output.formatting import format_source
from generator.parser import parse_page, parse_text
from generator.project import Project
from generator.render.package import render_owner_init, render_shared, render_tool_module
from generator.render.planning import plan_tools

from ..support.paths import ROOT, spec_pages, wiro_page_params
from ..support.strategies import tool_specs
from .test_injection import hostile_pages

EXAMPLES = max(300, settings.default.max_examples)
# The hypothesis pages in parts of EXAMPLES / PARTS each, so parallel workers share them.
PARTS = 4


def assert_black_stable(spec: ToolSpec) -> None:
    (tool,), _ = plan_tools([spec])
    module, _ = render_tool_module(spec, tool, "wiro_tools")
    assert format_source("module.py", module) == module
    for source in (render_owner_init([tool]), render_shared("__init__.py", [tool], "wiro_tools")):
        assert format_source("__init__.py", source) == source


@pytest.mark.parametrize("page", spec_pages(), ids=lambda page: page.name)
def test_modules_of_specs_pages(page: Path) -> None:
    assert_black_stable(parse_page(page))


@pytest.mark.parametrize("page", wiro_page_params("assembled") + wiro_page_params("full"))
def test_modules_of_wiro_pages(page: Path) -> None:
    assert_black_stable(parse_page(page))


@pytest.mark.parametrize("name", sorted(hostile_pages()))
def test_modules_of_hostile_pages(name: str) -> None:
    assert_black_stable(parse_text(name, hostile_pages()[name]))


@pytest.mark.slow
def test_modules_of_the_benchmark_corpus() -> None:
    for page in build_corpus(60):
        assert_black_stable(parse_text(page.file_name, page.text))


@pytest.mark.slow
@pytest.mark.parametrize("part", range(PARTS))
@settings(max_examples=EXAMPLES // PARTS, suppress_health_check=[HealthCheck.too_slow])
@given(spec=tool_specs())
def test_modules_of_generated_pages(part: int, spec: ToolSpec) -> None:
    assert_black_stable(spec)


@pytest.mark.slow
def test_generation_from_built_in_templates_never_imports_black() -> None:
    code = (
        "import sys; from generator.project import Project, find_pages; from tests.support.paths import SPECS;"
        "Project().generate(find_pages([SPECS])); print('black' in sys.modules)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "False"


def test_an_overriding_template_is_formatted_by_black(tmp_path: Path) -> None:
    (tmp_path / "owner_init.py.j2").write_text("{{ header }}\nx   =   [1,2]\n", encoding="utf-8")
    result = Project(templates=tmp_path).generate(spec_pages()[:1])
    (owner_init,) = [file for file in result.files if file.path == "arsmachina/__init__.py"]
    assert owner_init.content.endswith("\nx = [1, 2]\n")


def test_categories_that_fit_only_without_the_fields_comma_are_exploded() -> None:
    from dataclasses import replace

    from ..support.pagetext import make_page

    spec = parse_text("wiro__demo.md", make_page())
    # `    categories=("xx...x",)` is 88 columns; the comma after the field makes 89.
    assert_black_stable(replace(spec, categories=("x" * 68,)))
