"""Long tasks: a call waits at most --wait seconds, then wait_for_task and cancel_task
finish the job; a cancelled call kills its task."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import anyio
import httpx
from mcp import types

from generator.mockserver import RunningMockServer

from .harness import Progress, serve_in_memory, text_of

PIXART = "wiro__pixart-sigma"


def started_and_left(client: Any) -> Any:
    """Start PixArt-Sigma on a frozen clock: the call returns when its wait is over."""
    return client.call_tool(PIXART, {"prompt": "a cat"})


def test_a_call_returns_the_task_id_when_its_wait_is_over(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    mock_wiro.clock(per_poll=0)
    result: types.CallToolResult = serve_in_memory(
        wiro_tools, mock_wiro, started_and_left, wait=0.3
    )
    task = result.structured_content
    assert not result.is_error
    assert (task["finished"], task["succeeded"]) == (False, False)
    assert f'wait_for_task with taskid "{task["taskid"]}"' in text_of(result)


def test_a_task_wiro_does_not_know_yet_is_reported_as_starting(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    mock_wiro.queue_task_scripts({"missing_polls": 3})
    result: types.CallToolResult = serve_in_memory(wiro_tools, mock_wiro, started_and_left, wait=0)
    assert not result.is_error
    assert (result.structured_content["finished"], result.structured_content["status"]) == (
        False,
        "",
    )
    assert "still running (starting)" in text_of(result)


def test_wait_for_task_returns_the_outputs_of_a_long_task(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    async def scenario(client: Any) -> tuple[Any, Any, Progress]:
        mock_wiro.clock(per_poll=0)
        first = await started_and_left(client)
        mock_wiro.clock(per_poll=1)
        progress = Progress()
        arguments = {"taskid": first.structured_content["taskid"], "wait_seconds": 30}
        final = await client.call_tool("wait_for_task", arguments, progress_callback=progress)
        return first, final, progress

    first, final, progress = serve_in_memory(wiro_tools, mock_wiro, scenario, wait=0.3)
    assert final.structured_content["taskid"] == first.structured_content["taskid"]
    assert (final.structured_content["finished"], final.structured_content["succeeded"]) == (
        True,
        True,
    )
    assert final.structured_content["outputs"] and progress.values[-1] == 100


def test_wait_for_task_follows_a_task_started_elsewhere(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    taskid = wiro.post("/Run/wiro/PixArt-Sigma", json={"prompt": "a dog"}).json()["taskid"]

    async def scenario(client: Any) -> Any:
        return await client.call_tool("wait_for_task", {"taskid": taskid})

    result = serve_in_memory(wiro_tools, mock_wiro, scenario, socket=False)
    task = result.structured_content
    assert (task["taskid"], task["succeeded"], len(task["outputs"])) == (taskid, True, 1)


def test_cancel_task_stops_a_running_task(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    async def scenario(client: Any) -> Any:
        mock_wiro.clock(per_poll=0)
        first = await started_and_left(client)
        taskid = first.structured_content["taskid"]
        return await client.call_tool("cancel_task", {"taskid": taskid})

    result = serve_in_memory(wiro_tools, mock_wiro, scenario, wait=0.3)
    assert result.structured_content["status"] == "task_cancel" and not result.is_error
    assert mock_wiro.request_count("/v1/Task/Kill") == 1


def test_a_cancelled_call_kills_its_task(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer
) -> None:
    async def scenario(client: Any) -> None:
        mock_wiro.clock(per_poll=0)
        started = anyio.Event()

        async def progress(value: float, total: float | None, message: str | None) -> None:
            started.set()

        async with anyio.create_task_group() as group:
            group.start_soon(lambda: client.call_tool(PIXART, {}, progress_callback=progress))
            await started.wait()
            group.cancel_scope.cancel()

    serve_in_memory(wiro_tools, mock_wiro, scenario)
    (kill,) = mock_wiro.requests("/v1/Task/Kill")
    assert mock_wiro.task(str(kill.fields["taskid"]))["status"] == "task_cancel"


def test_wait_for_task_needs_a_taskid(wiro_tools: ModuleType, mock_wiro: RunningMockServer) -> None:
    async def scenario(client: Any) -> Any:
        return await client.call_tool("wait_for_task", {"taskid": 7})

    result = serve_in_memory(wiro_tools, mock_wiro, scenario)
    assert result.is_error and "'taskid'" in text_of(result)
