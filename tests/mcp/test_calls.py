"""A call of a Wiro tool over MCP: checked arguments, progress, and the task's outputs."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from mcp import types
from mcp.shared.exceptions import MCPError

from generator.mockserver import RunningMockServer

from ..support.mockserver_fixture import KEY, SECRET
from .harness import Progress, serve_in_memory, text_of

PIXART = "wiro__pixart-sigma"
PIXART_RUN = "/v1/Run/wiro/PixArt-Sigma"
CARTOONIFY = "wiro__cartoonify"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)


def call(
    package: ModuleType,
    server: RunningMockServer,
    name: str,
    arguments: dict[str, Any],
    progress: Progress | None = None,
    **options: Any,
) -> types.CallToolResult:
    async def scenario(client: Any) -> types.CallToolResult:
        result: types.CallToolResult = await client.call_tool(
            name, arguments, progress_callback=progress
        )
        return result

    result: types.CallToolResult = serve_in_memory(package, server, scenario, **options)
    return result


def test_a_call_runs_the_task_and_returns_its_outputs(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    result = call(wiro_tools, mock_wiro, PIXART, {"prompt": "a cat"})
    task = result.structured_content
    assert not result.is_error
    assert (task["tool"], task["status"], task["succeeded"]) == (
        "wiro/PixArt-Sigma",
        "task_postprocess_end",
        True,
    )
    assert mock_wiro.received(task["taskid"]).fields["prompt"] == "a cat"


def test_each_file_output_is_a_resource_link(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    result = call(wiro_tools, mock_wiro, PIXART, {"prompt": "a cat"})
    links = [block for block in result.content if isinstance(block, types.ResourceLink)]
    (output,) = result.structured_content["outputs"]
    assert [(link.uri, link.name, link.mime_type) for link in links] == [
        (output["url"], output["name"], "image/png")
    ]
    assert output["url"] in text_of(result)


def test_progress_rises_through_the_statuses_to_the_total(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    progress = Progress()
    call(wiro_tools, mock_wiro, PIXART, {"prompt": "a cat"}, progress)
    assert progress.values == sorted(set(progress.values))
    assert progress.values[-1] == 100
    assert "wiro/PixArt-Sigma: task_start" in progress.messages
    assert any(message.endswith("%") for message in progress.messages)


def test_without_a_socket_the_task_is_polled_with_the_same_progress(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    progress = Progress()
    result = call(wiro_tools, mock_wiro, PIXART, {"prompt": "a cat"}, progress, socket=False)
    assert result.structured_content["succeeded"] is True
    assert progress.values == sorted(set(progress.values)) and progress.values[-1] == 100
    assert "wiro/PixArt-Sigma: task_start" in progress.messages


def test_a_bad_value_is_a_tool_error_naming_the_input_and_nothing_is_sent(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    result = call(wiro_tools, mock_wiro, PIXART, {"prompt": ["a cat"]})
    assert result.is_error
    assert "'prompt'" in text_of(result) and "Nothing was sent" in text_of(result)
    assert mock_wiro.request_count(PIXART_RUN) == 0


def test_an_argument_the_tool_does_not_take_is_a_tool_error(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    result = call(wiro_tools, mock_wiro, PIXART, {"promt": "a cat"})
    assert result.is_error and "'promt'" in text_of(result)
    assert mock_wiro.request_count(PIXART_RUN) == 0


def test_a_failed_task_is_a_tool_error_with_wiros_message(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    mock_wiro.queue_task_scripts({"outcome": "pexit", "debugerror": "CUDA out of memory"})
    result = call(wiro_tools, mock_wiro, PIXART, {"prompt": "a cat"})
    assert result.is_error
    assert "CUDA out of memory" in text_of(result)
    assert result.structured_content["debugerror"] == "CUDA out of memory"


def test_wiros_refusal_to_run_is_a_tool_error_without_the_credentials(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    mock_wiro.queue_faults(PIXART_RUN, "500")
    result = call(wiro_tools, mock_wiro, PIXART, {"prompt": "a cat"})
    assert result.is_error and "Wiro did not start the task" in text_of(result)
    assert KEY not in text_of(result) and SECRET not in text_of(result)


def test_a_language_models_answer_is_in_the_text_and_the_structure(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    mock_wiro.queue_task_scripts({"answer": "Hello there.", "thinking": "Greet them."})
    result = call(wiro_tools, mock_wiro, PIXART, {"prompt": "hi"})
    assert text_of(result).endswith("Hello there.")
    task = result.structured_content
    assert (task["text"], task["thinking"], task["outputs"]) == ("Hello there.", "Greet them.", [])


def test_an_unknown_tool_name_is_a_protocol_error(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    async def scenario(client: Any) -> MCPError:
        with pytest.raises(MCPError) as raised:
            await client.call_tool("wiro__nothing", {})
        return raised.value

    error = serve_in_memory(wiro_tools, mock_wiro, scenario)
    assert (error.code, error.message) == (types.INVALID_PARAMS, "no tool named 'wiro__nothing'")


# --- Local files: uploaded only under the client's roots ---------------------------


@pytest.mark.parametrize("mode", ["auto", "legacy"])
def test_a_local_file_under_a_root_is_uploaded(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, tmp_path: Path, mode: str
) -> None:
    image = tmp_path / "me.png"
    image.write_bytes(PNG)
    arguments = {"input_image_url": str(image)}
    result = call(wiro_tools, mock_wiro, CARTOONIFY, arguments, roots=[tmp_path], mode=mode)
    assert not result.is_error, text_of(result)
    (upload,) = mock_wiro.received(result.structured_content["taskid"]).files
    assert (upload.filename, upload.content_type) == ("me.png", "image/png")


def test_a_local_file_outside_the_roots_is_refused_and_nothing_is_sent(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    (tmp_path / "root").mkdir()
    image = tmp_path / "me.png"
    image.write_bytes(PNG)
    arguments = {"input_image_url": str(image)}
    result = call(wiro_tools, mock_wiro, CARTOONIFY, arguments, roots=[tmp_path / "root"])
    assert result.is_error and "'input_image_url'" in text_of(result)
    assert mock_wiro.request_count("/v1/Run/wiro/cartoonify") == 0


def test_a_local_file_named_by_its_wire_name_is_held_to_the_roots_too(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    image = tmp_path / "me.png"
    image.write_bytes(PNG)
    arguments = {"inputImageUrl": str(image)}
    result = call(wiro_tools, mock_wiro, CARTOONIFY, arguments, roots=[tmp_path / "elsewhere"])
    assert result.is_error and "not under the client's roots" in text_of(result)
    assert mock_wiro.request_count("/v1/Run/wiro/cartoonify") == 0


def test_a_link_under_a_root_to_a_file_outside_is_refused(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    (tmp_path / "root").mkdir()
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    (tmp_path / "root" / "me.png").symlink_to(secret)
    arguments = {"input_image_url": str(tmp_path / "root" / "me.png")}
    result = call(wiro_tools, mock_wiro, CARTOONIFY, arguments, roots=[tmp_path / "root"])
    assert result.is_error and "not under the client's roots" in text_of(result)


def test_a_client_declaring_no_roots_can_send_urls_only(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    image = tmp_path / "me.png"
    image.write_bytes(PNG)
    refused = call(wiro_tools, mock_wiro, CARTOONIFY, {"input_image_url": str(image)})
    assert refused.is_error and "none declared" in text_of(refused)
    url = {"input_image_url": "https://example.test/me.png"}
    assert not call(wiro_tools, mock_wiro, CARTOONIFY, url).is_error


def test_a_relative_path_is_refused(wiro_tools: ModuleType, mock_wiro: RunningMockServer) -> None:
    result = call(wiro_tools, mock_wiro, CARTOONIFY, {"input_image_url": "me.png"}, roots=[])
    assert result.is_error and "neither an http(s) URL nor an absolute path" in text_of(result)
