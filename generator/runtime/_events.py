"""Live task events: the typed event, reading socket messages, and LLM text deltas.

Plain logic shared by both clients; the socket and polling I/O is in _async_events.py.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal, Self
from urllib.parse import urlsplit

from ._auth import is_loopback
from ._constants import DEFAULT_BASE_URL, DEFAULT_SOCKET_URL, SOCKET_URL_ENV, TASK_ERROR
from ._errors import ConfigurationError
from ._snapshot import TaskSnapshot, llm_text, number

_logger = logging.getLogger(__package__ or __name__)

LOG_TYPES: Final = frozenset(
    {TASK_ERROR, "task_output_full", "task_error_full", "task_cost"}
)
"""Socket messages that are log lines or extras, never a change of the task's status."""
SOCKET_GREETING: Final = "connected"
"""The frame the socket greets each connection with: neither a status nor an event."""
SOCKET_REFUSAL: Final = "error"
"""The frame answering a subscription the socket cannot serve: follow the task by polling."""
TEXT_KINDS: Final = ("thinking", "answer")


@dataclass(frozen=True)
class TaskEvent:
    """One thing that happened to a task, in the order it happened.

    `type` is the message type (a status name such as "task_start", or "task_output" /
    "task_error" for a line the model wrote to stdout / stderr: a `task_error` event is a
    log line, never a failure). `message` is what Wiro sent (a string holding a JSON
    object read as that object); `progress` the percentage it carried (0-100), if any.
    For a language model, `text` is its answer so far and `thinking` its reasoning so
    far (Wiro's `answer` / `thinking` items joined with a newline; None when the message
    carried none). `source` tells whether it came over the socket or from polling
    Task/Detail; `snapshot` is set on events from polls and on the `final` one (the
    task's state at the end).
    """

    type: str
    message: Any = None
    progress: float | None = None
    text: str | None = None
    thinking: str | None = None
    source: Literal["socket", "poll"] = "socket"
    snapshot: TaskSnapshot | None = None
    final: bool = False
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def is_log(self) -> bool:
        """A stderr line or a whole log from the socket: never a change of status (a
        `task_error` from a poll is the task's stored status: it failed)."""
        return self.type in LOG_TYPES and self.source == "socket"


def parse_message(frame: str) -> TaskEvent | None:
    """The event a socket text frame stands for; None for one that is not a typed message
    (not JSON, nested too deep to read, untyped) or is the socket's greeting."""
    body = _json(frame)
    if not isinstance(body, dict) or not isinstance(body.get("type"), str):
        _logger.debug("socket: skipped a frame that is no typed message: %.80r", frame)
        return None
    if body["type"] == SOCKET_GREETING:
        return None
    message = body.get("message")
    if isinstance(message, str) and message.lstrip().startswith("{"):
        read = _json(message)  # as Wiro's mobile SDKs read it
        message = read if isinstance(read, dict) else message
    details = message if isinstance(message, Mapping) else {}
    return TaskEvent(
        type=body["type"],
        message=message,
        progress=_percentage(details.get("percentage")),
        text=_llm_text(details, "answer"),
        thinking=_llm_text(details, "thinking"),
        raw=body,
    )


def _json(text: str) -> object:
    """`text` read as JSON; None when it is not JSON or nests past the recursion limit."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def refused(event: TaskEvent) -> bool:
    """The socket's answer to a subscription it cannot serve (an unknown token)."""
    return event.type == SOCKET_REFUSAL


def _percentage(value: object) -> float | None:
    percentage = number(value) if value is not None else None
    return percentage if percentage is not None and 0 <= percentage <= 100 else None


def _llm_text(details: Mapping[str, Any], kind: str) -> str | None:
    """A language model's `answer` or `thinking` so far: the array's items joined; None
    when the message holds no such array."""
    items = details.get(kind)
    return llm_text(items) if isinstance(items, list) else None


class StatusTrail:
    """The statuses a task has been seen in, over the socket and by polls, so that a switch
    from one to the other neither loses nor repeats a status."""

    def __init__(self, completed: Iterable[str]) -> None:
        self._completed = frozenset(completed)
        self.seen: list[str] = []
        self.held: TaskEvent | None = None
        self.done = False

    def is_final(self, status: str) -> bool:
        return status in self._completed

    def from_socket(self, event: TaskEvent) -> bool:
        """Note a socket event; True when it should be yielded now. A final status is held
        back until a Task/Detail confirms it (see `from_poll`)."""
        if self.is_final(event.type):
            self.held = event
            return False
        if not event.is_log and event.type not in self.seen:
            self.seen.append(event.type)
        return True

    def from_poll(self, snapshot: TaskSnapshot) -> TaskEvent | None:
        """The event a polled snapshot adds: its status when not seen yet, or the final one."""
        status = snapshot.status
        final = (
            self.is_final(status) or status == TASK_ERROR
        )  # stored task_error: failed
        if final:
            self.done = True
            held = (
                self.held
                if self.held is not None and self.held.type == status
                else None
            )
            base = held or TaskEvent(type=status, source="poll")
            return replace(base, snapshot=snapshot, final=True)
        if status in self.seen:
            return None
        self.seen.append(status)
        return TaskEvent(type=status, source="poll", snapshot=snapshot)

    @property
    def last(self) -> str | None:
        return self.seen[-1] if self.seen else None


class TextChunk(str):
    """A piece of a language model's text: a `str`, with `kind` "answer" or "thinking"."""

    kind: str

    def __new__(cls, text: str, kind: str = "answer") -> Self:
        chunk = super().__new__(cls, text)
        chunk.kind = kind
        return chunk

    def __repr__(self) -> str:
        return f"TextChunk({str(self)!r}, kind={self.kind!r})"


class TextDeltas:
    """Turns a language model's successive texts so far into the text each one adds.

    Each socket message holds the FULL `thinking` and `answer` arrays so far (the last
    item grows in place; a new item starts when the model switches between thinking and
    answering), so a delta is the new text past the one before.
    """

    def __init__(self) -> None:
        self._seen = dict.fromkeys(TEXT_KINDS, "")

    def feed(self, event: TaskEvent) -> list[TextChunk]:
        """The chunks `event` adds: its reasoning first, then its answer."""
        chunks = []
        for kind, now in zip(TEXT_KINDS, (event.thinking, event.text), strict=True):
            if now is None:
                continue
            before = self._seen[kind]
            kept = _common_length(before, now)
            if kept < len(before):
                _logger.debug("socket: the %s so far was rewritten, not extended", kind)
            self._seen[kind] = now
            if now[kept:]:
                chunks.append(TextChunk(now[kept:], kind))
        return chunks

    def rest(self, snapshot: TaskSnapshot) -> list[TextChunk]:
        """What the final state holds past what was streamed: the whole text when the
        socket carried none (polling), nothing when it carried it all."""
        chunks = []
        for kind, final in zip(
            TEXT_KINDS, (snapshot.thinking, snapshot.text), strict=True
        ):
            seen = self._seen[kind]
            if final.startswith(seen) and len(final) > len(seen):
                chunks.append(TextChunk(final[len(seen) :], kind))
        return chunks


def _common_length(first: str, second: str) -> int:
    """How many leading characters two texts share."""
    pairs = zip(first, second, strict=False)
    return next(
        (i for i, (a, b) in enumerate(pairs) if a != b), min(len(first), len(second))
    )


def resolve_socket_url(
    given: str | None, base_url: str, allow_insecure: bool
) -> str | None:
    """The task socket to use: the one given, else $WIRO_SOCKET_URL, else Wiro's own when
    the client talks to Wiro's own API; None (poll) for another API without a socket named.

    Raises ConfigurationError for a URL that is not wss (or ws to a loopback address).
    """
    url = given if given is not None else os.environ.get(SOCKET_URL_ENV)
    if url is None:
        return DEFAULT_SOCKET_URL if base_url.rstrip("/") == DEFAULT_BASE_URL else None
    if not url:
        return None  # "" turns the socket off
    parts = urlsplit(url)
    if parts.scheme not in ("wss", "ws") or not parts.hostname:
        raise ConfigurationError(f"socket_url must be a wss:// URL, got {url!r}")
    if parts.scheme == "ws" and not allow_insecure and not is_loopback(parts.hostname):
        raise ConfigurationError(
            f"socket_url {url!r} is not wss; pass allow_insecure_base_url=True to use plain ws"
        )
    return url
