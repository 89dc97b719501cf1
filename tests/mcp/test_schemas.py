"""What an MCP client lists: one tool per Wiro tool, its inputs as JSON Schema."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from mcp import types
from syrupy.assertion import SnapshotAssertion

from generator.mockserver import RunningMockServer
from generator.openapi import build_document
from generator.parser import parse_page
from generator.runtime._mcp_results import TASK_SCHEMA
from generator.runtime._schema import LOCAL_FILE_NOTE

from ..support.genpkg import ALL_KINDS_PAGE
from .harness import serve_in_memory


def listed(package: ModuleType, server: RunningMockServer, **options: Any) -> list[types.Tool]:
    async def scenario(client: Any) -> list[types.Tool]:
        return list((await client.list_tools()).tools)

    tools: list[types.Tool] = serve_in_memory(package, server, scenario, **options)
    return tools


def properties(tool: types.Tool) -> dict[str, Any]:
    found: dict[str, Any] = tool.input_schema["properties"]
    return found


def test_the_seed_pages_tools_as_listed(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, snapshot: SnapshotAssertion
) -> None:
    tools = listed(wiro_tools, mock_wiro)
    assert [t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in tools] == snapshot


def test_one_tool_per_wiro_tool_then_the_task_tools(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    names = [tool.name for tool in listed(wiro_tools, mock_wiro)]
    assert len(names) == len(wiro_tools.TOOLS) + 2
    assert names[-2:] == ["wait_for_task", "cancel_task"]
    assert "wiro__pixart-sigma" in names


def test_tools_lists_only_the_tools_asked_for(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    tools = listed(wiro_tools, mock_wiro, tools=["WIRO/pixart-sigma"])
    assert [tool.name for tool in tools] == ["wiro__pixart-sigma", "wait_for_task", "cancel_task"]


def test_category_lists_only_the_tools_of_that_category(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    tools = listed(wiro_tools, mock_wiro, category="COMPARE-landscape")
    expected = [
        slug
        for slug in wiro_tools.TOOLS
        if "compare-landscape" in wiro_tools.get_tool(slug).info.categories
    ]
    assert len(expected) == 3
    assert sorted(tool.title for tool in tools[:-2]) == sorted(expected)


def test_every_tool_returns_the_task_schema(allkinds_tool: types.Tool) -> None:
    assert allkinds_tool.output_schema == TASK_SCHEMA


def test_arguments_are_runs_keyword_arguments_and_no_others(allkinds_tool: types.Tool) -> None:
    assert allkinds_tool.input_schema["additionalProperties"] is False
    assert {"negative_prompt", "aspect_ratio", "class_"} <= set(properties(allkinds_tool))


def test_numbers_are_integers_or_numbers_with_their_defaults(allkinds_tool: types.Tool) -> None:
    found = properties(allkinds_tool)
    assert (found["steps"]["type"], found["steps"]["default"]) == ("integer", 30)
    assert (found["guidance"]["type"], found["guidance"]["default"]) == ("number", 4.5)
    assert found["strength"]["type"] == "number"


def test_a_checkbox_is_a_boolean(allkinds_tool: types.Tool) -> None:
    assert properties(allkinds_tool)["enhance"] | {"description": ""} == {
        "type": "boolean",
        "default": True,
        "description": "",
    }


def test_a_select_is_an_enum_of_its_options(allkinds_tool: types.Tool) -> None:
    aspect = properties(allkinds_tool)["aspect_ratio"]
    assert (aspect["type"], aspect["enum"], aspect["default"]) == (
        "string",
        ["", "16:9", "1:1"],
        "16:9",
    )


def test_a_select_whose_default_is_no_option_has_no_default(allkinds_tool: types.Tool) -> None:
    assert "default" not in properties(allkinds_tool)["selected_model"]


def test_a_multiselect_is_an_array_of_its_options(allkinds_tool: types.Tool) -> None:
    loras = properties(allkinds_tool)["loras"]
    assert loras["items"] == {"type": "string", "enum": ["61", "62"]}
    assert (loras["type"], loras["default"]) == ("array", ["61"])


def test_file_inputs_take_a_url_or_a_path_under_the_roots(allkinds_tool: types.Tool) -> None:
    found = properties(allkinds_tool)
    assert found["input_image"]["type"] == "string"
    assert found["input_image"]["description"].endswith(LOCAL_FILE_NOTE)
    assert "roots" in (allkinds_tool.description or "")


def test_inputs_taking_several_files_take_arrays(allkinds_tool: types.Tool) -> None:
    found = properties(allkinds_tool)
    assert found["references"]["type"] == found["input_images"]["type"] == "array"


def test_the_pages_help_describes_each_input(allkinds_tool: types.Tool) -> None:
    assert properties(allkinds_tool)["steps"]["description"] == "Inference steps."


def test_plain_values_have_the_openapi_documents_schemas(allkinds_tool: types.Tool) -> None:
    document = build_document([parse_page(ALL_KINDS_PAGE)])
    wire = document["components"]["schemas"]["Run_wirogen_all_kinds_Request"]["properties"]
    found = properties(allkinds_tool)
    for argument, name in [
        ("steps", "steps"),
        ("enhance", "enhance"),
        ("loras", "loras"),
        ("aspect_ratio", "aspectRatio"),
        ("guidance", "guidance"),
    ]:
        keys = ("type", "enum", "items", "default")
        assert {k: found[argument].get(k) for k in keys} == {k: wire[name].get(k) for k in keys}
