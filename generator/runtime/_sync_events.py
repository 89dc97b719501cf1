"""Following a task live: its socket when there is one, polling Task/Detail otherwise.

Written once: _sync_events.py is derived from it by `python -m generator.unasync`.
The socket's messages come in order; if it cannot be opened, or drops, the task is
polled at the usual cadence from where the socket left it (a `StatusTrail` makes sure no
status is lost or repeated across the switch). The final status is always confirmed
by one Task/Detail, whose snapshot the final event carries.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from ._constants import SOCKET_CHECK_SECONDS, SOCKET_OPEN_TIMEOUT
from ._errors import WiroError
from ._events import (
    StatusTrail,
    TaskEvent,
    TextChunk,
    TextDeltas,
    parse_message,
    refused,
)
from ._protocol import finished
from ._snapshot import TaskSnapshot
from ._twins import Socket, SocketClosed
from ._waiting import StatusCallback, Wait

if TYPE_CHECKING:
    from ._sync_client import Task

_logger = logging.getLogger(__package__ or __name__)


def task_events(task: Task) -> Iterator[TaskEvent]:
    """Every event of `task` in order, ending with the final one (see Task.events)."""
    trail = StatusTrail(task.tool.completed_statuses)
    for event in _socket_events(task, trail, deadline=None):
        yield event
    for event in _polled_events(task, trail):
        yield event


def stream_text(task: Task, thinking: bool) -> Iterator[TextChunk]:
    """A language model's text as it grows (see Task.stream_text)."""
    deltas = TextDeltas()
    final: TaskSnapshot | None = None
    for event in task_events(task):
        if event.source == "socket":
            for chunk in deltas.feed(event):
                if thinking or chunk.kind == "answer":
                    yield chunk
        final = event.snapshot if event.final else final
    if final is not None and finished(final, task.tool):  # raises if it did not succeed
        for chunk in deltas.rest(final):
            if thinking or chunk.kind == "answer":
                yield chunk


def follow_socket(task: Task, wait: Wait, on_status: StatusCallback | None) -> None:
    """Follow `task` over its socket for `wait()`, until the socket reports the final
    status (left for a Task/Detail to confirm), fails, or the wait's deadline passes.
    `on_status` gets each new status as it happens: the last snapshot known, with the
    status replaced (one from a poll when there was one)."""
    trail = StatusTrail(task.tool.completed_statuses)
    for event in _socket_events(task, trail, wait.deadline):
        if event.is_log or event.final:
            continue
        last = wait.last or TaskSnapshot(
            task.taskid, "", "", socketaccesstoken=task.socketaccesstoken
        )
        snapshot = event.snapshot or replace(last, status=event.type)
        if wait.seen(snapshot) and on_status is not None:
            on_status(snapshot)


def _socket_events(
    task: Task, trail: StatusTrail, deadline: float | None
) -> Iterator[TaskEvent]:
    """The socket's events until it reports the final status (held in `trail`), cannot be
    used, or `deadline` passes. Every SOCKET_CHECK_SECONDS one Task/Detail checks the task
    has not ended unannounced, however busy the socket is."""
    client = task._client
    if not client.socket_url or not task.socketaccesstoken:
        return
    socket = Socket.open(
        client.socket_url, min(client._socket_timeout, SOCKET_OPEN_TIMEOUT)
    )
    if socket is None:
        return
    try:
        socket.send(
            json.dumps({"type": "task_info", "tasktoken": task.socketaccesstoken})
        )
        next_check = client._clock() + SOCKET_CHECK_SECONDS
        while trail.held is None and not trail.done:
            now = client._clock()
            if now >= next_check:
                checked = _scheduled_check(task, trail)
                next_check = client._clock() + SOCKET_CHECK_SECONDS
                if checked is not None:
                    yield checked
                continue
            wait = next_check - now
            if deadline is not None:
                wait = min(wait, deadline - now)
                if wait <= 0:
                    return
            frame = socket.recv(wait)
            # Binary frames (a realtime model's audio) are skipped.
            event = parse_message(frame) if isinstance(frame, str) else None
            if event is not None and refused(event):
                _logger.debug("the socket does not know task %s: polling", task.taskid)
                return
            if event is not None and trail.from_socket(event):
                yield event
    except SocketClosed as error:
        _logger.debug("task %s: the socket closed (%s): polling", task.taskid, error)
    finally:
        socket.close()


def _scheduled_check(task: Task, trail: StatusTrail) -> TaskEvent | None:
    """What one Task/Detail adds while following the socket; a failed one adds nothing
    (the socket is still the way the task is followed)."""
    try:
        snapshot = task.detail()
    except WiroError as error:
        _logger.debug(
            "task %s: a check beside the socket failed: %s", task.taskid, error
        )
        return None
    return trail.from_poll(snapshot)


def _polled_events(task: Task, trail: StatusTrail) -> Iterator[TaskEvent]:
    """One event per status change seen by polling Task/Detail, until the final one.

    Polls at the cadence and with the tolerance of `wait()` (see `Wait`): "There is no
    task yet." right after a Run, or an unreadable answer, is polled again."""
    client = task._client
    wait = Wait(task.taskid, client._clock(), None, None, client._max_retries)
    while not trail.done:
        try:
            snapshot = task.detail()
        except WiroError as error:
            delay = wait.failed(error, client._clock())  # raises the ones not survived
        else:
            wait.seen(snapshot)
            event = trail.from_poll(snapshot)
            if event is not None:
                yield event
            if trail.done:
                return
            delay = wait.next_poll(client._clock())
        client._sleep(delay)
