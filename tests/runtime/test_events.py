"""task.events() and wait() on the mock server's socket, and their fallback to polling."""

from __future__ import annotations

import logging
import sys
import tomllib
from types import ModuleType
from typing import Any

import pytest

from generator.mockserver import RUNNING_STATUSES, RunningMockServer

from ..support.fakewiro import maybe
from ..support.paths import ROOT
from .live import FLAVOURS, closed_port_url, collect, run_live, status_changes

LIFECYCLE = [*RUNNING_STATUSES, "task_postprocess_end"]
PIXART = "wiro/PixArt-Sigma"
DETAIL = "/v1/Task/Detail"


def start(wiro_tools: ModuleType, client: Any) -> Any:
    """Run PixArt-Sigma with `client` (the task, or an awaitable of it)."""
    get = (
        wiro_tools.get_tool if type(client).__name__ == "WiroClient" else wiro_tools.get_async_tool
    )
    return get(PIXART)(client).run(prompt="a cat")


def events_of(
    wiro_tools: ModuleType, server: RunningMockServer, flavour: str, **options: Any
) -> list[Any]:
    """All events of one PixArt-Sigma task, followed with a client of `flavour`."""

    async def scenario(client: Any) -> list[Any]:
        task = await maybe(start(wiro_tools, client))
        return await collect(task.events())

    return run_live(wiro_tools, server, flavour, scenario, **options)


@pytest.fixture(params=FLAVOURS)
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_events_follow_the_socket_in_order(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    events = events_of(wiro_tools, mock_wiro, flavour)
    assert status_changes(events) == LIFECYCLE
    assert {event.source for event in events[:-1]} == {"socket"}


def test_final_event_carries_the_snapshot_of_one_task_detail(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    final = events_of(wiro_tools, mock_wiro, flavour)[-1]
    assert (final.final, final.snapshot.succeeded) == (True, True)
    assert [output["name"] for output in final.message] == ["0.png"]
    assert mock_wiro.request_count(DETAIL) == 1


def test_events_carry_progress_percentages(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    events = events_of(wiro_tools, mock_wiro, flavour)
    assert [event.progress for event in events if event.progress is not None] == [25, 50, 75, 100]


def test_task_error_log_mid_task_is_yielded_and_the_task_succeeds(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.queue_task_scripts({"stderr": ["UserWarning: fp16 is slower here"]})
    events = events_of(wiro_tools, mock_wiro, flavour)
    logs = [event for event in events if event.type == "task_error"]
    assert [(log.message, log.is_log) for log in logs] == [
        ("UserWarning: fp16 is slower here", True)
    ]
    assert events[-1].snapshot.succeeded


def test_events_poll_when_the_socket_is_refused(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    events = events_of(wiro_tools, mock_wiro, flavour, socket_url=closed_port_url())
    assert status_changes(events) == LIFECYCLE
    assert {event.source for event in events} == {"poll"}


def test_events_poll_when_the_socket_handshake_fails(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.queue_faults("/v1", "503")
    events = events_of(wiro_tools, mock_wiro, flavour)
    assert status_changes(events) == LIFECYCLE
    assert mock_wiro.request_count("/v1") == 1


@pytest.mark.parametrize("after", [0, 3, 9, 16])
def test_events_neither_lose_nor_repeat_a_status_when_the_socket_drops(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, after: int
) -> None:
    mock_wiro.queue_socket_drops(after)
    events = events_of(wiro_tools, mock_wiro, flavour)
    assert status_changes(events) == LIFECYCLE
    assert events[-1].final and events[-1].snapshot.succeeded


def test_events_poll_without_a_socket_url_for_another_api(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    events = events_of(wiro_tools, mock_wiro, flavour, socket_url=None)
    assert status_changes(events) == LIFECYCLE
    assert mock_wiro.request_count("/v1") == 0


def test_events_end_without_raising_when_the_task_fails(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.queue_task_scripts({"outcome": "pexit", "debugerror": "CUDA out of memory"})
    final = events_of(wiro_tools, mock_wiro, flavour)[-1]
    assert (final.type, final.snapshot.pexit) == ("task_postprocess_end", "1")


def test_events_end_with_the_stored_task_error_of_a_task_that_never_ran(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.queue_task_scripts("error")
    events = events_of(wiro_tools, mock_wiro, flavour)
    assert status_changes(events) == ["task_queue", "task_accept", "task_error"]
    assert (events[-1].final, events[-1].source) == (True, "poll")


def test_events_end_with_task_cancel_when_cancelled_while_queued(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.clock(per_poll=0)

    async def scenario(client: Any) -> list[Any]:
        task = await maybe(start(wiro_tools, client))
        seen = []
        async for event in aiter_any(task.events()):
            seen.append(event)
            if event.type == "task_queue":
                await maybe(task.cancel())
        return seen

    events = run_live(wiro_tools, mock_wiro, flavour, scenario)
    assert status_changes(events) == ["task_queue", "task_cancel"]


def test_wait_follows_the_socket_with_one_task_detail(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    seen: list[str] = []

    async def scenario(client: Any) -> Any:
        task = await maybe(start(wiro_tools, client))
        return await maybe(task.wait(on_status=lambda snapshot: seen.append(snapshot.status)))

    result = run_live(wiro_tools, mock_wiro, flavour, scenario)
    assert result.succeeded and seen == LIFECYCLE
    assert mock_wiro.request_count(DETAIL) == 1


def test_wait_polls_when_the_socket_is_refused(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    seen: list[str] = []

    async def scenario(client: Any) -> Any:
        task = await maybe(start(wiro_tools, client))
        return await maybe(task.wait(on_status=lambda snapshot: seen.append(snapshot.status)))

    result = run_live(wiro_tools, mock_wiro, flavour, scenario, socket_url=closed_port_url())
    assert result.succeeded and seen == LIFECYCLE
    assert mock_wiro.request_count(DETAIL) == len(LIFECYCLE)


@pytest.mark.parametrize(
    ("script", "error"),
    [("pexit", "TaskFailed"), ("error", "TaskFailed"), ("cancel", "TaskCancelled")],
)
def test_wait_over_the_socket_raises_as_polling_does(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str, script: str, error: str
) -> None:
    mock_wiro.queue_task_scripts(script)

    async def scenario(client: Any) -> Any:
        task = await maybe(start(wiro_tools, client))
        return await maybe(task.wait())

    with pytest.raises(getattr(wiro_tools, error)):
        run_live(wiro_tools, mock_wiro, flavour, scenario)


def test_wait_over_the_socket_times_out(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.clock(per_poll=0)  # the task never leaves the queue

    async def scenario(client: Any) -> Any:
        task = await maybe(start(wiro_tools, client))
        return await maybe(task.wait(timeout=0.2))

    with pytest.raises(wiro_tools.TaskTimeout, match="task_queue"):
        run_live(wiro_tools, mock_wiro, flavour, scenario)


def test_without_websockets_events_poll_and_say_why_once(
    wiro_tools: ModuleType,
    mock_wiro: RunningMockServer,
    flavour: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    for module in ("websockets.sync.client", "websockets.asyncio.client"):
        monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    wiro_tools._runtime._twins._say_once.cache_clear()
    with caplog.at_level(logging.DEBUG, logger="wiro_tools._runtime"):
        first = events_of(wiro_tools, mock_wiro, flavour)
        second = events_of(wiro_tools, mock_wiro, flavour)
    assert status_changes(first) == status_changes(second) == LIFECYCLE
    assert mock_wiro.request_count("/v1") == 0
    said = [
        r.getMessage() for r in caplog.records if "websockets is not installed" in r.getMessage()
    ]
    assert len(said) == 1


async def aiter_any(items: Any) -> Any:
    """Iterate a sync or an async iterator from async code."""
    if hasattr(items, "__aiter__"):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item


def test_generated_pyproject_offers_websockets_as_the_events_extra() -> None:
    project = tomllib.loads((ROOT / "generated" / "pyproject.toml").read_text())["project"]
    assert project["dependencies"] == ["httpx>=0.27"]
    assert project["optional-dependencies"]["events"] == ["websockets>=13"]


def test_binary_frames_are_skipped(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.queue_task_scripts({"binary_frames": 3})
    events = events_of(wiro_tools, mock_wiro, flavour)
    assert status_changes(events) == LIFECYCLE
    assert {event.source for event in events[:-1]} == {"socket"}


def test_polled_events_survive_no_task_yet_right_after_the_run(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.queue_task_scripts({"missing_polls": 2})
    events = events_of(wiro_tools, mock_wiro, flavour, socket_url=closed_port_url())
    assert status_changes(events)[-1] == "task_postprocess_end"
    assert events[-1].snapshot.succeeded


def test_events_poll_when_the_socket_does_not_know_the_token(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    async def scenario(client: Any) -> list[Any]:
        started = await maybe(start(wiro_tools, client))
        task = client.task(started.taskid, "not-the-token")
        return await collect(task.events())

    events = run_live(wiro_tools, mock_wiro, flavour, scenario)
    assert status_changes(events) == LIFECYCLE
    assert {event.source for event in events} == {"poll"}
    assert mock_wiro.request_count("/v1") == 1
