"""I/O whose sync and async forms differ by more than keywords, written as explicit twins.

`python -m generator.unasync` maps `AsyncSocket` to `Socket` and `async_gather` to
`gather`, so the _async_*.py code that uses them becomes working sync code.
The WebSocket library (`websockets`, the package's optional "events" extra) is imported
only when a socket is opened; without it the clients poll.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import Any, Self, TypeVar

from ._auth import USER_AGENT
from ._constants import SOCKET_MAX_MESSAGE_BYTES

_logger = logging.getLogger(__package__ or __name__)
T = TypeVar("T")


class SocketClosed(Exception):
    """The socket closed or failed while in use."""


@functools.cache
def _say_once(message: str) -> None:
    _logger.debug(message)


def _websockets(module: str) -> tuple[ModuleType, ModuleType] | None:
    """(the client module, websockets.exceptions), or None when websockets is missing."""
    try:
        return importlib.import_module(module), importlib.import_module(
            "websockets.exceptions"
        )
    except ImportError as error:
        _say_once(f"websockets is not installed ({error}): following tasks by polling")
        return None


def _options(timeout: float) -> dict[str, Any]:
    return {
        "open_timeout": timeout,
        "max_size": SOCKET_MAX_MESSAGE_BYTES,
        "user_agent_header": USER_AGENT,
    }


def _unavailable(url: str, error: BaseException) -> None:
    _logger.debug(
        "cannot open the task socket %s (%s: %s): polling",
        url,
        type(error).__name__,
        error,
    )


class AsyncSocket:
    """A WebSocket connection: text or binary frames in, text out."""

    def __init__(self, connection: Any, errors: ModuleType, opened: Any) -> None:
        self._connection = connection
        self._errors = errors
        self._opened = opened

    @classmethod
    async def open(cls, url: str, timeout: float) -> Self | None:
        """A connection to `url`; None when websockets is missing or it cannot be opened."""
        found = _websockets("websockets.asyncio.client")
        if found is None:
            return None
        client, errors = found
        opened = (
            contextlib.AsyncExitStack()
        )  # entered as websockets asks; left on close
        try:
            connection = await opened.enter_async_context(
                client.connect(url, **_options(timeout))
            )
        except (OSError, TimeoutError, errors.WebSocketException) as error:
            _unavailable(url, error)
            return None
        return cls(connection, errors, opened)

    async def send(self, text: str) -> None:
        try:
            await self._connection.send(text)
        except (OSError, self._errors.WebSocketException) as error:
            raise SocketClosed(f"{type(error).__name__}: {error}") from error

    async def recv(self, timeout: float) -> str | bytes | None:
        """The next frame; None when none came within `timeout` seconds."""
        try:
            frame: str | bytes = await asyncio.wait_for(
                self._connection.recv(), timeout
            )
        except TimeoutError:
            return None
        except (OSError, self._errors.WebSocketException) as error:
            raise SocketClosed(f"{type(error).__name__}: {error}") from error
        return frame

    async def aclose(self) -> None:
        with contextlib.suppress(OSError, self._errors.WebSocketException):
            await self._opened.aclose()


class Socket:
    """A WebSocket connection: text or binary frames in, text out."""

    def __init__(self, connection: Any, errors: ModuleType, opened: Any) -> None:
        self._connection = connection
        self._errors = errors
        self._opened = opened

    @classmethod
    def open(cls, url: str, timeout: float) -> Self | None:
        """A connection to `url`; None when websockets is missing or it cannot be opened."""
        found = _websockets("websockets.sync.client")
        if found is None:
            return None
        client, errors = found
        opened = contextlib.ExitStack()  # entered as websockets asks; left on close
        try:
            connection = opened.enter_context(client.connect(url, **_options(timeout)))
        except (OSError, TimeoutError, errors.WebSocketException) as error:
            _unavailable(url, error)
            return None
        return cls(connection, errors, opened)

    def send(self, text: str) -> None:
        try:
            self._connection.send(text)
        except (OSError, self._errors.WebSocketException) as error:
            raise SocketClosed(f"{type(error).__name__}: {error}") from error

    def recv(self, timeout: float) -> str | bytes | None:
        """The next frame; None when none came within `timeout` seconds."""
        try:
            frame: str | bytes = self._connection.recv(timeout=timeout)
        except TimeoutError:
            return None
        except (OSError, self._errors.WebSocketException) as error:
            raise SocketClosed(f"{type(error).__name__}: {error}") from error
        return frame

    def close(self) -> None:
        with contextlib.suppress(OSError, self._errors.WebSocketException):
            self._opened.close()


async def async_gather(
    calls: Sequence[Callable[[], Awaitable[T]]], limit: int
) -> list[T]:
    """Run `calls`, at most `limit` at a time; their results in order. The first failure
    cancels the rest and is raised."""
    semaphore = asyncio.Semaphore(limit)

    async def bounded(call: Callable[[], Awaitable[T]]) -> T:
        async with semaphore:
            return await call()

    tasks = [asyncio.ensure_future(bounded(call)) for call in calls]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


def gather(calls: Sequence[Callable[[], T]], limit: int) -> list[T]:
    """Run `calls`, at most `limit` at a time (threads); their results in order. The first
    failure cancels those not started and is raised once the running ones end."""
    with ThreadPoolExecutor(max_workers=max(1, limit)) as pool:
        futures = [pool.submit(call) for call in calls]
        try:
            return [future.result() for future in futures]
        except BaseException:
            for future in futures:
                future.cancel()
            raise
