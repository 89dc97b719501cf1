"""A kind added in one place (its descriptor, listed as a page type's kind) reaches every
consumer: the parser, the generated module, the OpenAPI document and the mock server."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from generator import kinds
from generator.ir import Input, JsonValue, ToolSpec
from generator.kinds import Kind, TypedValue
from generator.kinds.schema import JsonObject
from generator.mockserver.body import RequestBody
from generator.mockserver.validation import run_body_errors
from generator.openapi import build_document
from generator.render.package import render_tool_module
from generator.render.planning import plan_tools

from ..support.pagetext import make_page, parse


class Percent(Kind):
    """A whole percentage: a kind wirogen does not have, added by this test only."""

    name = "percent"
    page_types = ("percent",)
    runtime_kind = "integer"
    value_type = "int"

    def parse(self, text: str, option_values: Sequence[str]) -> tuple[TypedValue, str]:
        return (int(text), "") if text.isdigit() else (None, "is not a percentage")

    def sendable(self, value: TypedValue, item: Input) -> bool:
        return isinstance(value, int) and 0 <= value <= 100

    def where(self, name: str) -> str:
        return "A whole percentage, 0 to 100."

    def schema(self, item: Input) -> JsonObject:
        return {"type": "integer", "minimum": 0, "maximum": 100}

    def value_problem(self, item: Input, value: JsonValue) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
            return None
        return f"expects a whole percentage, got {value!r}."


PERCENT = Percent()
PAGE = make_page(
    "- name: strength\n  label: Strength\n  help: How strong.\n  type: percent\n  default: 40\n"
)


@pytest.fixture
def spec(monkeypatch: pytest.MonkeyPatch) -> ToolSpec:
    monkeypatch.setitem(kinds.TYPE_KINDS, "percent", PERCENT)
    return parse(PAGE)


def test_the_parser_reads_a_new_kinds_page_type_and_default(spec: ToolSpec) -> None:
    (item,) = spec.inputs
    assert (item.kind, item.typed_default) == (PERCENT, 40)
    assert "unknown-type" not in {warning.code for warning in spec.warnings}


def test_the_generated_argument_has_the_new_kinds_type_runtime_kind_and_wording(
    spec: ToolSpec,
) -> None:
    (tool,), _ = plan_tools([spec])
    source, _ = render_tool_module(spec, tool, "wiro_tools")
    assert "strength: int = 40," in source
    assert 'InputSpec("strength", "strength", "integer")' in source
    assert "How strong. A whole percentage, 0 to 100." in source


def test_the_openapi_document_has_the_new_kinds_schema(spec: ToolSpec) -> None:
    schemas = build_document([spec])["components"]["schemas"]  # type: ignore[index]
    strength = schemas["Run_wiro_demo_Request"]["properties"]["strength"]  # type: ignore[index]
    assert strength == {
        "type": "integer",
        "minimum": 0,
        "maximum": 100,
        "default": 40,
        "description": "Strength — How strong.",
    }


def test_the_mock_server_checks_a_run_with_the_new_kind(spec: ToolSpec) -> None:
    errors = run_body_errors(spec, RequestBody({"strength": 140}))
    assert errors == ["Input 'strength': expects a whole percentage, got 140."]
