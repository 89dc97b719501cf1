"""Above --max-tools tools: search_tools, describe_tool and run_tool instead."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest
from mcp.shared.exceptions import MCPError

from generator.mockserver import RunningMockServer

from .harness import serve_in_memory, text_of

COMPACT = ["search_tools", "describe_tool", "run_tool", "wait_for_task", "cancel_task"]


def compact(package: ModuleType, server: RunningMockServer, *calls: tuple[str, Any]) -> Any:
    """The answers to `calls` (name, arguments) of a server with more tools than it lists."""

    async def scenario(client: Any) -> list[Any]:
        return [await client.call_tool(name, arguments) for name, arguments in calls]

    return serve_in_memory(package, server, scenario, max_tools=2)


def test_more_tools_than_max_tools_lists_the_compact_set(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    async def scenario(client: Any) -> list[str]:
        return [tool.name for tool in (await client.list_tools()).tools]

    assert serve_in_memory(wiro_tools, mock_wiro, scenario, max_tools=2) == COMPACT


def test_as_many_tools_as_max_tools_lists_every_tool(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    async def scenario(client: Any) -> int:
        return len((await client.list_tools()).tools)

    count = len(wiro_tools.TOOLS)
    assert serve_in_memory(wiro_tools, mock_wiro, scenario, max_tools=count) == count + 2


def test_search_tools_finds_tools_by_the_words_of_their_summary(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    (found,) = compact(wiro_tools, mock_wiro, ("search_tools", {"query": "CARTOON photos"}))
    assert [tool["slug"] for tool in found.structured_content["tools"]] == ["wiro/cartoonify"]
    assert "wiro__cartoonify" in text_of(found)


def test_describe_tool_gives_the_tools_schema(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    (described,) = compact(wiro_tools, mock_wiro, ("describe_tool", {"tool": "wiro__cartoonify"}))
    schema = described.structured_content["inputSchema"]
    assert schema["properties"]["output_format"]["enum"] == ["jpeg", "png"]


def test_run_tool_runs_a_tool_named_by_its_slug(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    arguments = {"tool": "wiro/PixArt-Sigma", "arguments": {"prompt": "a cat"}}
    (result,) = compact(wiro_tools, mock_wiro, ("run_tool", arguments))
    assert result.structured_content["succeeded"] is True


def test_run_tool_checks_the_arguments_against_the_tools_schema(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    arguments = {"tool": "wiro__cartoonify", "arguments": {"output_format": "gif"}}
    (result,) = compact(wiro_tools, mock_wiro, ("run_tool", arguments))
    assert result.is_error and "'output_format'" in text_of(result)
    assert mock_wiro.request_count("/v1/Run/wiro/cartoonify") == 0


def test_run_tool_of_an_unknown_tool_is_a_tool_error(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    (result,) = compact(wiro_tools, mock_wiro, ("run_tool", {"tool": "wiro/nothing"}))
    assert result.is_error and "search_tools finds them" in text_of(result)


def test_in_compact_mode_a_tool_is_not_called_by_its_own_name(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    async def scenario(client: Any) -> str:
        with pytest.raises(MCPError) as raised:
            await client.call_tool("wiro__cartoonify", {})
        return raised.value.message

    assert serve_in_memory(wiro_tools, mock_wiro, scenario, max_tools=2) == (
        "no tool named 'wiro__cartoonify'"
    )
