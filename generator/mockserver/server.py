"""Starting the mock server: in a background thread for tests, in the foreground for the CLI."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Self, TypeVar

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from ..ir import JsonValue, ToolSpec
from ..prices import Entry
from .api import STATE
from .app import create_app
from .journal import ReceivedRequest
from .lifecycle import Task
from .live import SOCKET_PATH
from .state import ANY_TOOL, MockWiro, Settings

LOOPBACK = "127.0.0.1"
SHUTDOWN_SECONDS = 1.0  # how long a stop waits for requests in flight (e.g. a slow fault)
START_TIMEOUT_SECONDS = 10.0
CONTROL_TIMEOUT_SECONDS = 10.0
T = TypeVar("T")


class _AccessLogger(AbstractAccessLogger):
    """One line per request: method, path, status; the API secret redacted."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        line = f"{request.method} {request.path} {response.status} {time * 1000:.0f}ms"
        if isinstance(request, web.Request):
            line = request.app[STATE].redactor.text(line)
        self.logger.info(line)


async def _serve(
    state: MockWiro,
    host: str,
    port: int,
    on_ready: Callable[[str, asyncio.Event], None],
    access_log: logging.Logger | None,
) -> None:
    """Serve `state` until the event passed to `on_ready` is set (or this task is cancelled)."""
    runner = web.AppRunner(
        create_app(state),
        handler_cancellation=True,  # a client that gives up (timeout) ends its slow fault
        shutdown_timeout=SHUTDOWN_SECONDS,
        access_log=access_log,
        access_log_class=_AccessLogger,
    )
    await runner.setup()
    ticking = asyncio.create_task(state.run_clock())
    try:
        await web.TCPSite(runner, host, port).start()
        bound_host, bound_port = runner.addresses[0][:2]
        stop = asyncio.Event()
        on_ready(f"http://{_url_host(bound_host)}:{bound_port}", stop)
        await stop.wait()
    finally:
        ticking.cancel()
        await runner.cleanup()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def serve_forever(
    state: MockWiro,
    host: str,
    port: int,
    on_ready: Callable[[str], None],
    access_log: logging.Logger | None = None,
) -> None:
    """Serve in the foreground; `on_ready` gets `http://host:port`. Returns after SIGTERM.

    Raises OSError when the address cannot be bound, KeyboardInterrupt on Ctrl-C.
    """

    def ready(origin: str, stop: asyncio.Event) -> None:
        with contextlib.suppress(NotImplementedError):  # no loop signal handlers on Windows
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        on_ready(origin)

    asyncio.run(_serve(state, host, port, ready, access_log))


def start_mock_server(
    specs: Iterable[ToolSpec],
    pages: Mapping[str, str],
    settings: Settings | None = None,
    *,
    host: str = LOOPBACK,
    port: int = 0,
    prices: Mapping[str, Entry] | None = None,
) -> RunningMockServer:
    """Start a server for these tools in a background thread; port 0 picks a free port.

    `pages` maps each slug to its page's markdown, `prices` a clean slug to its price
    file entry. Stop it with `.stop()` (or `with`).
    """
    state = MockWiro.create(specs, pages, settings or Settings(), prices)
    ready: Future[tuple[str, asyncio.AbstractEventLoop, asyncio.Event]] = Future()

    def report_ready(origin: str, stop: asyncio.Event) -> None:
        ready.set_result((origin, asyncio.get_running_loop(), stop))

    async def serve() -> None:
        try:
            await _serve(state, host, port, report_ready, access_log=None)
        except BaseException as error:
            if not ready.done():
                ready.set_exception(error)
                return
            raise

    thread = threading.Thread(target=asyncio.run, args=(serve(),), name="mock-wiro", daemon=True)
    thread.start()
    origin, loop, stop = ready.result(timeout=START_TIMEOUT_SECONDS)
    return RunningMockServer(origin, state, loop, stop, thread)


@dataclass
class RunningMockServer:
    """A mock server running in a background thread, and the controls tests use on it.

    Every control runs on the server's event loop, so it never races a request.
    """

    origin: str
    _state: MockWiro = field(repr=False)
    _loop: asyncio.AbstractEventLoop = field(repr=False)
    _stop: asyncio.Event = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def base_url(self) -> str:
        """The API base, `http://127.0.0.1:<port>/v1`: what a client uses for api.wiro.ai/v1."""
        return f"{self.origin}/v1"

    @property
    def socket_url(self) -> str:
        """The task socket, `ws://127.0.0.1:<port>/v1`: what a client uses for wss://socket.wiro.ai/v1."""
        return "ws" + self.origin.removeprefix("http") + SOCKET_PATH

    @property
    def settings(self) -> Settings:
        return self._state.settings

    def queue_faults(self, path: str, *faults: str) -> None:
        """Make the next requests to `path` (e.g. "/v1/Task/Detail") fail: one fault each."""
        self._call(lambda state: state.queue_faults(path, faults))

    def queue_task_scripts(self, *scripts: JsonValue, slug: str = ANY_TOOL) -> None:
        """Script the next tasks created (of `slug` only, when given): one script each."""
        self._call(lambda state: state.queue_task_scripts(scripts, slug))

    def queue_socket_drops(self, *after_messages: int) -> None:
        """Cut the next task sockets abruptly (no close frame), each after that many messages."""
        self._call(lambda state: state.queue_socket_drops(after_messages))

    def status_reached_at(self, taskid: str, status: str) -> float | None:
        """When (time.monotonic()) task `taskid` reached `status`; None if it has not."""

        def reached(state: MockWiro) -> float | None:
            ticks = dict(self._task(state, taskid).timeline(state.clock.now))
            return state.clock.reached.get(ticks[status]) if status in ticks else None

        return self._call(reached)

    def clock(
        self, *, now: int | None = None, advance: int = 0, per_poll: int | None = None
    ) -> tuple[int, int]:
        """Read or drive the clock: set `now`, `advance` it, set ticks `per_poll` (0 freezes).

        Returns (now, per_poll).
        """
        return self._call(
            lambda state: state.clock.adjust(now=now, advance=advance, per_poll=per_poll)
        )

    def task(self, taskid: str) -> dict[str, JsonValue]:
        """Task `taskid` as Task/Detail would show it now (without advancing the clock)."""
        return self._call(lambda state: state.task_json(self._task(state, taskid), self.origin))

    def received(self, taskid: str) -> ReceivedRequest:
        """What the Run request that created task `taskid` carried (headers, body, files)."""
        return self._call(lambda state: self._task(state, taskid).received)

    def request_count(self, path: str) -> int:
        """How many requests reached `path`, faulted and rejected ones included."""
        return self._call(lambda state: state.journal.count(path))

    def requests(self, path: str | None = None) -> list[ReceivedRequest]:
        """The latest requests received (only those to `path`, when given), oldest first."""
        return self._call(lambda state: state.journal.requests(path))

    def account(self) -> dict[str, JsonValue]:
        """The account's limits at work: `spent` (USD, as text), `running` (tasks not
        finished), `peak` (the most that ran at once), `refused` (Runs refused, by code)."""
        return self._call(lambda state: state.account.report(state.clock.now))

    def add_funds(self, usd: Decimal) -> None:
        """Raise the account's balance by `usd` (a balance must have been set)."""

        def fund(state: MockWiro) -> None:
            if state.account.balance is None:
                raise ValueError("this server keeps no balance")
            state.account.balance += usd

        self._call(fund)

    def stop(self) -> None:
        """Stop serving and wait for the server thread to end."""
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _call(self, action: Callable[[MockWiro], T]) -> T:
        async def on_loop() -> T:
            return action(self._state)

        future = asyncio.run_coroutine_threadsafe(on_loop(), self._loop)
        return future.result(timeout=CONTROL_TIMEOUT_SECONDS)

    @staticmethod
    def _task(state: MockWiro, taskid: str) -> Task:
        task = state.tasks.find(taskid=taskid)
        if task is None:
            raise KeyError(f"no task {taskid!r}")
        return task
