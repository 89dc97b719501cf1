"""Hostile pages: text that tries to become code, names that try to break identifiers.

Every page either generates code that compiles, passes mypy --strict and carries each
value exactly (checked by importing it), or fails with a ParseError. A canary proves
nothing in a page runs at generation, type-checking or import time.
"""

from __future__ import annotations

import functools
import inspect
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.ir import Input, Option, ToolSpec
from generator.parser import ParseError, parse_page, parse_text
from tests.support.pagewriter import write_page

from ..support.genpkg import ALL_KINDS_PAGE, generate, import_package, run_checker

# slow: generates 57 hostile pages, then mypy and black on them, kept on one worker for its module fixtures.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("injection")]

CANARY = Path("/tmp/wirogen-injection-canary")
RUN = f"__import__('os').system('touch {CANARY}')"
HOSTILE = [
    '"', "'", '"""', "'''", "\\", "ends with a backslash\\", 'ends with a quote"',
    "line\nbreak", "carriage\rreturn", "nul\x00byte", "bell\x07 escape\x1b[31m red",
    "{{ 7*7 }}", "{% if True %}jinja{% endif %}", "{{ ''.__class__.__mro__ }}",
    RUN, f'"); {RUN}; ("', f'""" + {RUN} + """', f"''' + {RUN} + '''", f"\\'; {RUN}; #",
    "\u202eevil\u202c right-to-left", "e\u0301\u0301 combining", "\u2028\u2029 separators",
    "مرحبا שלום 你好", "# not a comment", "`backticks`",
]  # fmt: skip
HOSTILE_NAMES = [
    "class", "lambda", "None", "type", "id", "print", "str", "__init__", "__class__",
    "2ndImage", "9", "with.dot", "with space", "Seed", "seed", "negativePrompt",
    "negative_prompt", "negative-prompt", "self", "callback_url", "timeout", "_runtime",
    "TOOL", "Literal",
]  # fmt: skip


def _base() -> ToolSpec:
    return parse_page(ALL_KINDS_PAGE)


def _text_page(number: int, text: str) -> ToolSpec:
    """Every free-text field of the page, and its defaults and option values, set to `text`."""
    base = _base()
    inputs = []
    for item in base.inputs:
        options = tuple(
            Option(f"{text}{n}", text, text, [text], []) for n in range(len(item.options))
        )
        default = text if item.kind.name in ("text", "select", "unknown") else item.default
        choices = [option.value for option in options]
        typed, _ = item.kind.typed(default, choices)
        inputs.append(
            replace(
                item, label=text, help=text, default=default, typed_default=typed, options=options
            )
        )
    return replace(
        base,
        name=text,
        description=text,
        categories=(text,),
        tags=(text,),
        endpoints=replace(base.endpoints, run=f"https://api.wiro.ai/v1/Run/hostile/text-{number}"),
        inputs=tuple(inputs),
        examples=({"prompt": text, "class": text},),
        run_example=None,
    )


def _names_page() -> ToolSpec:
    base = _base()
    item = base.inputs[0]
    inputs = tuple(replace(item, name=name, label=name) for name in HOSTILE_NAMES)
    return replace(
        base,
        endpoints=replace(base.endpoints, run="https://api.wiro.ai/v1/Run/hostile/names"),
        inputs=inputs,
        examples=(),
        run_example=None,
    )


def _huge_page() -> ToolSpec:
    base = _base()
    options = tuple(Option(f"option-{n}", f"Option {n}") for n in range(5000))
    big = "x" * 1_000_000
    inputs = (
        Input("prompt", "Prompt", "A one-megabyte default.", "textarea", big, big),
        Input("choice", "Choice", "5,000 options.", "select", "option-42", "option-42", options),
    )
    return replace(
        base,
        endpoints=replace(base.endpoints, run="https://api.wiro.ai/v1/Run/hostile/huge"),
        inputs=inputs,
        examples=(),
        run_example=None,
    )


def _colliding_slug_pages() -> list[ToolSpec]:
    base = _base()
    return [
        replace(
            base,
            endpoints=replace(base.endpoints, run=f"https://api.wiro.ai/v1/Run/{slug}"),
            run_example=None,
        )
        for slug in (
            "hostile/foo-bar",
            "hostile/foo_bar",
            "Hostile/Foo.Bar",
            "hostile/3d",
            "hostile/import",
        )
    ]


@functools.cache
def hostile_pages() -> dict[str, str]:
    """File name -> page text, in both layouts (built once: the huge page takes seconds)."""
    pages = {
        f"text-{number}.md": write_page(_text_page(number, text))
        for number, text in enumerate(HOSTILE)
    }
    pages |= {
        f"collapsed-{number}.md": write_page(
            replace(
                _text_page(number, text),
                endpoints=replace(
                    _base().endpoints, run=f"https://api.wiro.ai/v1/Run/hostile/collapsed-{number}"
                ),
            ),
            "collapsed",
        )
        for number, text in enumerate(HOSTILE)
    }
    pages["names.md"] = write_page(_names_page())
    pages["huge.md"] = write_page(_huge_page())
    pages |= {f"slug-{n}.md": write_page(spec) for n, spec in enumerate(_colliding_slug_pages())}
    return pages


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[ToolSpec], ModuleType]:
    CANARY.unlink(missing_ok=True)
    directory = tmp_path_factory.mktemp("hostile")
    specs_dir = directory / "specs"
    specs_dir.mkdir()
    for name, text in hostile_pages().items():
        (specs_dir / name).write_bytes(text.encode("utf-8"))
    pages = sorted(specs_dir.iterdir())
    generate(pages, directory / "out", package="hostile_tools")
    specs = [parse_page(page) for page in pages]
    return directory / "out", specs, import_package(directory / "out", "hostile_tools")


def test_every_hostile_page_generates(hostile: tuple[Path, list[ToolSpec], ModuleType]) -> None:
    _, specs, package = hostile
    assert len(specs) == 2 * len(HOSTILE) + 7
    assert len(package.TOOLS) == len(specs)


@pytest.mark.parametrize(
    "checker",
    [("mypy", "--strict"), ("black", "--check")],
    ids=["mypy", "black"],
)
def test_generated_code_passes(
    hostile: tuple[Path, list[ToolSpec], ModuleType], checker: tuple[str, ...]
) -> None:
    output, _, _ = hostile
    completed = run_checker(*checker, output / "hostile_tools")
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-3000:]


def test_modules_carry_every_value_exactly(
    hostile: tuple[Path, list[ToolSpec], ModuleType],
) -> None:
    _, specs, package = hostile
    for spec in specs:
        module = _module_of(package, spec.slug)
        assert spec.slug == module.SLUG
        assert module.TOOL.completed_statuses == frozenset(spec.statuses.completed)
        parameters = inspect.signature(package.get_tool(spec.slug).run).parameters
        for item, described in zip(spec.inputs, module.TOOL.inputs, strict=True):
            assert described.name == item.name
            assert described.options == tuple(dict.fromkeys(o.value for o in item.options))
            # A default run() sends is the page's, exactly; one it may not send is None.
            assert parameters[described.argument].default in (item.typed_default, None)
            assert described.argument.isidentifier()


def test_hostile_names_become_distinct_identifiers(
    hostile: tuple[Path, list[ToolSpec], ModuleType],
) -> None:
    _, _, package = hostile
    module = _module_of(package, "hostile/names")
    arguments = [described.argument for described in module.TOOL.inputs]
    assert len(set(arguments)) == len(HOSTILE_NAMES)
    assert {
        "class_",
        "lambda_",
        "none",
        "type",
        "init",
        "input_2nd_image",
        "self_",
        "timeout_",
    } <= set(arguments)
    assert arguments[HOSTILE_NAMES.index("seed")] == "seed_2"


def test_nothing_in_a_page_ran(hostile: tuple[Path, list[ToolSpec], ModuleType]) -> None:
    _, specs, package = hostile
    for spec in specs:
        assert package.get_tool(spec.slug).run.__doc__  # imported, docstrings evaluated
    assert not CANARY.exists()


def test_colliding_slugs_get_distinct_modules(
    hostile: tuple[Path, list[ToolSpec], ModuleType],
) -> None:
    _, _, package = hostile
    modules = {
        package.TOOLS[slug][0] for slug in ("hostile/foo-bar", "hostile/foo_bar", "Hostile/Foo.Bar")
    }
    assert modules == {"hostile.foo_bar", "hostile.foo_bar_2", "hostile.foo_bar_3"}
    assert package.TOOLS["hostile/3d"][0] == "hostile._3d"
    assert package.TOOLS["hostile/import"][0] == "hostile.import_"


def test_two_inputs_with_one_name_is_a_parse_error() -> None:
    page = write_page(replace(_base(), inputs=(_base().inputs[0],) * 2))
    with pytest.raises(ParseError, match="second input named 'prompt'"):
        parse_text("twice.md", page)


def _module_of(package: ModuleType, slug: str) -> Any:
    return sys.modules[package.get_tool(slug).__module__]
