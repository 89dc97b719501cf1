"""Wiro's live task events: the WebSocket at /v1 (what wss://socket.wiro.ai/v1 is to Wiro).

The server greets each connection with `{"type": "connected", "version": "1.0"}`. A client
sends `{"type": "task_info", "tasktoken": <socketaccesstoken>}`; the server then sends
every message of every status the task reaches (see `socketmessages`), in order, and
closes after `task_postprocess_end`, `task_cancel` or a stored `task_error`. A first
message that is not a task_info, or an unknown token, gets `{"type": "error", "message",
"result": false}`.

Time: on the default clock, a socket watching a task moves the clock `per_poll` ticks
after each status (waiting `socket_step_seconds` first), as a polling client would; on a
frozen clock it waits for the test to move it; on a real-time clock it follows it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json

from aiohttp import WSMsgType, web

from ..ir import JsonValue
from .api import STATE
from .lifecycle import Task
from .replies import origin_of
from .socketmessages import socket_messages
from .state import MockWiro

SOCKET_PATH = "/v1"
REGISTER_TIMEOUT_SECONDS = 30.0
GREETING = {"type": "connected", "version": "1.0"}


async def task_socket(request: web.Request) -> web.StreamResponse:
    """GET /v1 (WebSocket): register with task_info, then receive the task's messages."""
    state = request.app[STATE]
    socket = web.WebSocketResponse()
    await socket.prepare(request)
    await socket.send_json(GREETING)
    task = await _registered_task(socket, state)
    if task is not None:
        drop_after = state.take_socket_drop()
        finished = await _stream(request, socket, state, task, drop_after)
        if not finished:
            return socket  # dropped on purpose, or the client left
    await socket.close()
    return socket


async def _registered_task(socket: web.WebSocketResponse, state: MockWiro) -> Task | None:
    """The task the first message names; an error message and None otherwise."""
    try:
        first = await socket.receive(timeout=REGISTER_TIMEOUT_SECONDS)
    except TimeoutError:
        return None
    try:
        message = json.loads(first.data) if first.type == WSMsgType.TEXT else None
    except ValueError:
        message = None
    if not isinstance(message, dict) or message.get("type") != "task_info":
        await socket.send_json(_refusal("Send task_info first."))
        return None
    task = state.tasks.find(token=str(message.get("tasktoken") or ""))
    if task is None:
        await socket.send_json(_refusal("Task not found."))
    return task


def _refusal(reason: str) -> dict[str, JsonValue]:
    return {"type": "error", "message": reason, "result": False}


async def _stream(
    request: web.Request,
    socket: web.WebSocketResponse,
    state: MockWiro,
    task: Task,
    drop_after: int | None,
) -> bool:
    """Send the task's messages until it finishes (True), or stop early (False): the client
    left, or the connection is cut after `drop_after` messages."""
    listener = asyncio.create_task(_until_closed(socket))
    sent_statuses = sent_messages = 0
    try:
        while True:
            timeline = task.timeline(state.clock.now)
            for status, _ in timeline[sent_statuses:]:
                outputs = state.task_json(task, origin_of(request))["outputs"]
                listed = outputs if isinstance(outputs, list) else []
                for message in socket_messages(task, status, listed):
                    if sent_messages == drop_after:
                        if request.transport is not None:
                            request.transport.close()
                        return False
                    if isinstance(message, bytes):
                        await socket.send_bytes(message)
                    else:
                        await socket.send_json(message)
                    sent_messages += 1
            sent_statuses = len(timeline)
            if task.is_finished(state.clock.now):
                return True
            if not await _time_passes(state, listener):
                return False
    finally:
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener


async def _time_passes(state: MockWiro, listener: asyncio.Task[None]) -> bool:
    """Move or wait for the clock; False when the client closed the socket meanwhile."""
    if state.socket_drives_clock:
        await asyncio.sleep(state.settings.socket_step_seconds)
        state.clock.on_poll()
    else:
        moved = asyncio.ensure_future(state.clock.moved())
        await asyncio.wait({moved, listener}, return_when=asyncio.FIRST_COMPLETED)
        moved.cancel()
    return not listener.done()


async def _until_closed(socket: web.WebSocketResponse) -> None:
    """Read (and ignore) what the client sends, until it closes the socket."""
    async for _ in socket:
        pass
