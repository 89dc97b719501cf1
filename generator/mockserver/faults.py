"""Scripted faults: what a test makes the server do instead of answering normally.

A fault is named by a short text, sent in the `x-mock-fault` header of one request
or queued for the next requests to a path through the admin API:

    "500", "502", "503", any 4xx/5xx  HTTP status with a Wiro error body
    "429" or "429:<seconds>"          HTTP 429 with Retry-After (default: the server's; at most a day)
    "drop"                            close the connection without a response
    "cut"                             send the headers and half the body, then close
    "slow" or "slow:<seconds>"        answer normally after a delay (default: the server's; at
                                      most a minute, so no request holds the server longer)
    "malformed"                       HTTP 200 with a body that is not JSON
    "96", "97", "98", "99", "0", "1"  `result: false` with that Wiro error code
"""

from __future__ import annotations

import asyncio
import math
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from aiohttp import web

from .journal import path_key
from .replies import WIRO_ERROR_CODES, wiro_error

FAULT_HEADER = "x-mock-fault"
MALFORMED_BODY = '{"result": true, "errors": [], "tasklist": [{"id": '
MAX_SLOW_SECONDS = 60.0
MAX_RETRY_AFTER_SECONDS = 86_400  # only a header: a client must cope with any of it

FaultKind: TypeAlias = Literal["status", "drop", "cut", "slow", "malformed", "wiro_error"]


@dataclass(frozen=True)
class Fault:
    """One scripted fault; `number` is the HTTP status or Wiro code, `seconds` a delay."""

    text: str
    kind: FaultKind
    number: int = 0
    seconds: float = 0.0


def parse_fault(text: str, *, retry_after: int, slow_seconds: float) -> Fault:
    """The fault a text names (see the module docstring); raises ValueError when unknown."""
    name, _, argument = text.strip().lower().partition(":")
    if name in ("drop", "cut") and not argument:
        return Fault(text, "drop" if name == "drop" else "cut")
    if name == "malformed" and not argument:
        return Fault(text, "malformed")
    if name == "slow":
        return Fault(text, "slow", seconds=_seconds(argument, slow_seconds, text, MAX_SLOW_SECONDS))
    if name.isascii() and name.isdigit() and len(name) <= 3:
        number = int(name)
        if number == 429:
            seconds = _seconds(argument, retry_after, text, MAX_RETRY_AFTER_SECONDS)
            if not seconds.is_integer():
                raise ValueError(f"fault {text!r}: Retry-After takes whole seconds")
            return Fault(text, "status", 429, seconds)
        if 400 <= number <= 599 and not argument:
            return Fault(text, "status", number)
        if number in WIRO_ERROR_CODES and not argument:
            return Fault(text, "wiro_error", number)
    raise ValueError(f"unknown fault {text!r}")


def _seconds(argument: str, default: float, text: str, limit: float) -> float:
    if not argument:
        seconds = float(default)
    else:
        try:
            seconds = float(argument)
        except ValueError:
            raise ValueError(f"fault {text!r}: {argument!r} is not a number of seconds") from None
    if not math.isfinite(seconds) or not 0 <= seconds <= limit:
        raise ValueError(f"fault {text!r}: seconds must be from 0 to {limit:g}")
    return seconds


@dataclass
class FaultQueue:
    """Faults waiting for the next requests to each path (paths compared by `path_key`)."""

    _queued: defaultdict[str, deque[Fault]] = field(default_factory=lambda: defaultdict(deque))

    def add(self, path: str, faults: Iterable[Fault]) -> None:
        self._queued[path_key(path)].extend(faults)

    def take(self, path: str) -> Fault | None:
        """The next fault for a request to `path`, removed from the queue; None when none."""
        queued = self._queued.get(path_key(path))
        return queued.popleft() if queued else None

    def pending(self) -> dict[str, list[str]]:
        """The faults still queued, by path, as their texts."""
        return {path: [f.text for f in faults] for path, faults in self._queued.items() if faults}


async def fault_response(request: web.Request, fault: Fault) -> web.StreamResponse | None:
    """Act out `fault` on `request`: the reply to send, or None to answer normally (after
    a slow fault's delay; a cut fault acts on that answer, see `cut_short`)."""
    if fault.kind == "cut":
        return None
    if fault.kind == "slow":
        await asyncio.sleep(fault.seconds)
        return None
    if fault.kind == "drop":
        if request.transport is not None:
            request.transport.close()
        # The connection is gone; aiohttp drops whatever is returned.
        return web.Response()
    if fault.kind == "malformed":
        return web.Response(text=MALFORMED_BODY, content_type="application/json")
    if fault.kind == "wiro_error":
        return wiro_error(fault.number, f"Scripted fault: Wiro error code {fault.number}.")
    message = f"Scripted fault: HTTP {fault.number}."
    response = web.json_response(
        {"result": False, "errors": [{"code": 0, "message": message}]}, status=fault.number
    )
    if fault.number == 429:
        response.headers["Retry-After"] = str(int(fault.seconds))
    return response


async def cut_short(request: web.Request, response: web.StreamResponse) -> web.StreamResponse:
    """Send `response`'s status and headers (its full Content-Length too) but only the first
    half of its body, then close the connection: a transfer interrupted mid-way."""
    body = response.body if isinstance(response, web.Response) else None
    if not isinstance(body, bytes) or request.transport is None:
        return response
    cut = web.StreamResponse(status=response.status, headers=response.headers)
    cut.content_length = len(body)
    await cut.prepare(request)
    await cut.write(body[: len(body) // 2])
    request.transport.close()
    return cut
