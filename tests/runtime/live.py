"""Support for the live-events tests: run a scenario with either client on the mock server."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Coroutine
from types import ModuleType
from typing import Any

from generator.mockserver import RunningMockServer

from ..support.mockserver_fixture import KEY, SECRET

FLAVOURS = ["sync", "async"]


async def no_sleep(_: float) -> None:
    return None


def run_live(
    wiro_tools: ModuleType,
    server: RunningMockServer,
    flavour: str,
    scenario: Callable[[Any], Coroutine[Any, Any, Any]],
    **options: Any,
) -> Any:
    """`scenario(client)` with a client of `flavour` on `server` and its task socket
    (unless `socket_url` is given), polls not slept."""
    options = {
        "base_url": server.base_url,
        "socket_url": server.socket_url,
        "sleep": no_sleep if flavour == "async" else (lambda _: None),
        **options,
    }

    async def main() -> Any:
        if flavour == "sync":
            with wiro_tools.WiroClient(KEY, SECRET, **options) as client:
                return await scenario(client)
        async with wiro_tools.AsyncWiroClient(KEY, SECRET, **options) as client:
            return await scenario(client)

    return asyncio.run(main())


async def collect(items: Any) -> list[Any]:
    """Everything a sync iterator or an async iterator yields."""
    if hasattr(items, "__aiter__"):
        return [item async for item in items]
    return list(items)


def closed_port_url() -> str:
    """A ws:// URL on a loopback port nothing listens on (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"ws://127.0.0.1:{port}/v1"


def status_changes(events: list[Any]) -> list[str]:
    """The statuses events announce, in order, repeats kept (so a status yielded twice
    shows), logs left out, and the socket's many task_output messages counted once."""
    changes: list[str] = []
    for event in events:
        repeat = event.type == "task_output" and event.source == "socket" and event.type in changes
        if not event.is_log and not repeat:
            changes.append(event.type)
    return changes
