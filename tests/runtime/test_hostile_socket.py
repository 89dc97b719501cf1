"""wait() and events() over a socket that misbehaves: frames nested past the recursion
limit, and output that never stops while Task/Detail already says the task ended."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from generator.mockserver import RunningMockServer

from ..support.fakewiro import maybe
from .fakesocket import scripted_socket, status
from .live import FLAVOURS, collect, run_live
from .test_events import start

DEEP_FRAME = "[" * 200_000 + "]" * 200_000
GIVE_UP_SECONDS = 60


@pytest.fixture(params=FLAVOURS)
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def within_a_minute(run: Callable[[], Any]) -> Any:
    """`run()`'s result; fails the test (instead of hanging it) when it does not return."""
    outcome: list[Any] = []
    thread = threading.Thread(target=lambda: outcome.append(run()), daemon=True)
    thread.start()
    thread.join(GIVE_UP_SECONDS)
    assert outcome, f"still running after {GIVE_UP_SECONDS} s"
    return outcome[0]


def followed(
    wiro_tools: ModuleType,
    server: RunningMockServer,
    flavour: str,
    socket_url: str,
    follow: Callable[[Any], Any],
) -> Any:
    """`follow(task)` for a task that has already ended on `server`, whose socket is
    `socket_url`; the client's clock moves one second each time it is read."""
    server.clock(per_poll=0)

    async def scenario(client: Any) -> Any:
        task = await maybe(start(wiro_tools, client))
        server.clock(advance=20)  # past task_postprocess_end
        return await maybe(follow(task))

    seconds = itertools.count()
    return within_a_minute(
        lambda: run_live(
            wiro_tools,
            server,
            flavour,
            scenario,
            socket_url=socket_url,
            clock=lambda: float(next(seconds)),
        )
    )


def test_wait_skips_a_frame_nested_200000_deep(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    frames = [DEEP_FRAME, status("task_postprocess_end", [])]
    with scripted_socket(frames) as url:
        result = followed(wiro_tools, mock_wiro, flavour, url, lambda task: task.wait())
    assert result.succeeded


def test_events_skip_a_frame_nested_200000_deep(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    frames = [status("task_start"), DEEP_FRAME, status("task_postprocess_end", [])]
    with scripted_socket(frames) as url:
        events = followed(wiro_tools, mock_wiro, flavour, url, lambda task: collect(task.events()))
    assert [event.type for event in events] == ["task_start", "task_postprocess_end"]
    assert events[-1].snapshot.succeeded


def test_wait_ends_while_the_socket_keeps_sending_output(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    endless = status("task_output", "still generating...")
    with scripted_socket([status("task_start")], forever=endless) as url:
        result = followed(wiro_tools, mock_wiro, flavour, url, lambda task: task.wait())
    assert result.succeeded


def test_events_end_while_the_socket_keeps_sending_output(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    endless = status("task_output", "still generating...")
    with scripted_socket([status("task_start")], forever=endless) as url:
        events = followed(wiro_tools, mock_wiro, flavour, url, lambda task: collect(task.events()))
    assert events[-1].final and events[-1].snapshot.succeeded


def test_an_error_frame_turns_to_polling(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    refusal = '{"type": "error", "message": "Task not found.", "result": false}'
    with scripted_socket([refusal, status("task_start")]) as url:
        events = followed(wiro_tools, mock_wiro, flavour, url, lambda task: collect(task.events()))
    assert [(event.type, event.source) for event in events] == [("task_postprocess_end", "poll")]
