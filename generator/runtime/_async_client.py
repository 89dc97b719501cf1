"""The asynchronous client and task: only I/O; the protocol is in plain functions.

Written once: _sync_client.py is derived from _async_client.py by
`python -m generator.unasync`. Edit _async_client.py only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any, Self

import httpx

from ._async_downloads import download, save_outputs
from ._async_events import follow_socket, stream_text, task_events
from ._auth import USER_AGENT, ClientBase, Signer
from ._constants import (
    DEADLINE_EXTENSION,
    DEADLINE_REACHED,
    DEFAULT_MAX_RETRIES,
    DEFAULT_SLOT_TIMEOUT,
    DEFAULT_TIMEOUT,
    DOWNLOAD_MAX_BYTES,
    DOWNLOAD_TIMEOUT,
    RETRY_EXTENSION,
)
from ._encoding import RunRequest, encode_run
from ._errors import (
    ConcurrencyLimitError,
    DeadlineReached,
    InvalidInputError,
    InvalidResponseError,
    NotCancellableError,
    NotFoundError,
    WiroError,
)
from ._events import TaskEvent, TextChunk, resolve_socket_url
from ._protocol import (
    connection_error,
    detail_task,
    finished,
    identify,
    read_body,
    retry_delay,
)
from ._snapshot import Output, TaskSnapshot, first_task, text
from ._spec import ANY_TOOL, ToolInfo
from ._uploads import rewinder
from ._waiting import AsyncStatusCallback, SlotWait, Wait, maybe_awaited

_logger = logging.getLogger(__package__ or __name__)


class _AsyncRetryTransport(httpx.AsyncBaseTransport):
    """Signs every attempt with a fresh nonce and retries the calls marked idempotent,
    never sleeping past the deadline a request carries (DEADLINE_EXTENSION)."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        signer: Signer,
        max_retries: int,
        sleep: Callable[[float], Awaitable[None]],
        clock: Callable[[], float],
    ) -> None:
        self._inner = inner
        self._signer = signer
        self._max_retries = max_retries
        self._sleep = sleep
        self._clock = clock

    def _delay(
        self, request: httpx.Request, attempt: int, response: httpx.Response | None
    ) -> float | None:
        """Seconds to wait before the next attempt; None: give up now."""
        if not request.extensions.get(RETRY_EXTENSION):
            return None
        delay = retry_delay(attempt, self._max_retries, response)
        deadline = request.extensions.get(DEADLINE_EXTENSION)
        if (
            delay is not None
            and deadline is not None
            and self._clock() + delay > deadline
        ):
            request.extensions[DEADLINE_REACHED] = True  # for _check_deadline
            return None  # the caller would have given up before the retry
        return delay

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 0
        while True:
            self._signer.sign(request)
            try:
                response = await self._inner.handle_async_request(request)
            except httpx.TransportError as error:
                delay = self._delay(request, attempt, None)
                if delay is None:
                    raise
                reason = type(error).__name__
            else:
                delay = self._delay(request, attempt, response)
                if delay is None:
                    return response
                reason = f"HTTP {response.status_code}"
                await response.aclose()
            attempt += 1
            _logger.info(
                "retrying %s in %.2f s after %s (retry %d of %d)",
                request.url.path,
                delay,
                reason,
                attempt,
                self._max_retries,
            )
            await self._sleep(delay)

    async def aclose(self) -> None:
        await self._inner.aclose()


def _limit_said(refused: ConcurrencyLimitError) -> str:
    limit = refused.limit
    return "code 96" if limit is None else f"code 96: {limit} at a time"


def _check_deadline(request: httpx.Request) -> None:
    """Raise DeadlineReached when the retries of `request` stopped at the caller's deadline."""
    if request.extensions.get(DEADLINE_REACHED):
        raise DeadlineReached(f"{request.url.path}: not retried past the deadline")


class AsyncWiroClient(ClientBase):
    """Asynchronous Wiro API client.

    Credentials fall back to the WIRO_API_KEY and WIRO_API_SECRET environment
    variables, the base URL to WIRO_BASE_URL. With a secret every request is signed
    (x-api-key, x-nonce, x-signature); without one only x-api-key is sent. Use it as
    a context manager, or call `aclose()` when done.

    Args:
        api_key: The project's API key.
        api_secret: The project's API secret (signature mode).
        base_url: The API root; https, or http to a loopback address. Default:
            $WIRO_BASE_URL, else https://api.wiro.ai/v1.
        timeout: Seconds per HTTP request.
        max_retries: Retries of Task/Detail and Task/Kill on 408, 429, 5xx and
            connection errors. Run is never retried: it would start a second task.
        slot_timeout: Seconds a Run refused with code 96 (the account already runs as
            many tasks as its balance allows; no task was started) is sent again for,
            with jittered backoff and a log line at INFO each time, before
            ConcurrencyLimitError. None waits for ever; 0 raises at once. Code 97
            (insufficient balance) is never retried.
        transport: An httpx transport to send requests with (tests use MockTransport).
        allow_insecure_base_url: Allow a plain-http base URL to a non-loopback host.
        sleep: How to wait between polls and retries (injectable for tests).
        clock: A monotonic clock in seconds (injectable for tests).
        socket_url: Wiro's task socket, to follow tasks live (`events()`, `wait()`).
            Default: $WIRO_SOCKET_URL, else wss://socket.wiro.ai/v1 when `base_url` is
            Wiro's own; a client of another API polls unless told its socket. "" polls.
    """

    def __init__(
        self,
        api_key: str | None = None,
        api_secret: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        slot_timeout: float | None = DEFAULT_SLOT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
        allow_insecure_base_url: bool = False,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        clock: Callable[[], float] | None = None,
        socket_url: str | None = None,
    ) -> None:
        super().__init__(api_key, api_secret, base_url, allow_insecure_base_url)
        self.socket_url = resolve_socket_url(
            socket_url, self.base_url, allow_insecure_base_url
        )
        self._socket_timeout = timeout
        self._allow_insecure = allow_insecure_base_url
        self._sleep: Callable[[float], Awaitable[None]] = sleep or asyncio.sleep
        self._clock: Callable[[], float] = clock or time.monotonic
        self._max_retries = max_retries
        self.slot_timeout = SlotWait.checked_timeout(slot_timeout)
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=timeout,
            headers={"user-agent": USER_AGENT},
            follow_redirects=False,
            transport=_AsyncRetryTransport(
                transport or httpx.AsyncHTTPTransport(),
                self._signer,
                max_retries,
                self._sleep,
                self._clock,
            ),
        )
        # Outputs are fetched without the signing transport: output hosts never see
        # Wiro's credentials.
        self._files = httpx.AsyncClient(
            timeout=timeout, headers={"user-agent": USER_AGENT}, follow_redirects=False
        )

    async def aclose(self) -> None:
        """Close the connection pools."""
        await self._http.aclose()
        await self._files.aclose()

    async def download(
        self,
        output: Output | str,
        dest: str | os.PathLike[str],
        *,
        max_bytes: int = DOWNLOAD_MAX_BYTES,
        timeout: float = DOWNLOAD_TIMEOUT,
    ) -> Path:
        """Download one output (or a URL) to `dest` and return the file's path.

        `dest` is a file path, or a directory where the output's own name (sanitised) is
        kept: an existing directory, or a path ending with a separator (`"outputs/"`,
        made if needed). The file is streamed to a temporary name and renamed into
        place, so a failed download leaves nothing behind; a symlink at the file's path
        is never written through. The download stops as soon as it passes the output's
        declared size (`max_bytes` when none is declared) or has taken `timeout` seconds.

        Raises:
            DownloadError: the download failed, was cut short, had the wrong size, or
                passed its size or time limit.
        """
        return await download(
            self._files, output, dest, self._allow_insecure, max_bytes, timeout
        )

    async def save_outputs(
        self,
        snapshot: TaskSnapshot,
        directory: str | os.PathLike[str],
        *,
        max_bytes: int = DOWNLOAD_MAX_BYTES,
        timeout: float = DOWNLOAD_TIMEOUT,
    ) -> list[Path]:
        """Download every file output of a finished task into `directory` (made if
        needed), a few at a time; their paths, in the outputs' order. `max_bytes` and
        `timeout` limit each download, as in `download()`."""
        return await save_outputs(
            self._files, snapshot, directory, self._allow_insecure, max_bytes, timeout
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def task(
        self, taskid: str, socketaccesstoken: str = "", *, tool: ToolInfo | None = None
    ) -> AsyncTask:
        """A handle on a task started earlier, to poll, wait for, kill or cancel it."""
        return AsyncTask(self, tool or ANY_TOOL, taskid, socketaccesstoken)

    async def _post(
        self,
        path: str,
        *,
        retry: bool,
        json: Mapping[str, Any] | None = None,
        data: Mapping[str, Any] | None = None,
        files: list[tuple[str, tuple[str, Any, str]]] | None = None,
        deadline: float | None = None,
    ) -> dict[str, Any]:
        request = self._http.build_request(
            "POST",
            path,
            json=json,
            data=data,
            files=files,
            extensions={RETRY_EXTENSION: retry, DEADLINE_EXTENSION: deadline},
        )
        try:
            response = await self._http.send(request)
        except httpx.TransportError as error:
            _check_deadline(request)
            raise connection_error(request, error) from error
        _check_deadline(request)
        _logger.debug("POST %s -> HTTP %d", path, response.status_code)
        return read_body(response)

    async def _start_task(
        self,
        tool: ToolInfo,
        values: Mapping[str, object],
        callback_url: str | None,
        allow_unlisted: bool,
        extra_body: Mapping[str, object] | None,
        project_id: str | None,
    ) -> AsyncTask:
        try:
            request = encode_run(
                tool, values, callback_url, allow_unlisted, extra_body, project_id
            )
        except InvalidInputError as error:
            raise error.naming_arguments(tool.inputs) from None
        slots = SlotWait(self._clock(), self.slot_timeout)
        rewind = rewinder(source for _, (_, source, _) in request.files or ())
        while True:
            try:
                body = await self._send_run(tool.run_path, request)
            except ConcurrencyLimitError as refused:
                delay = slots.refused(refused, self._clock(), resendable=True)
                _logger.info(
                    "%s: no free slot (%s); sending the Run again in %.1f s",
                    tool.run_path,
                    _limit_said(refused),
                    delay,
                )
                await self._sleep(delay)
                rewind()
            else:
                break
        taskid = text(body, "taskid")
        if not taskid:
            raise InvalidResponseError(f"{tool.run_path}: the response names no taskid")
        return AsyncTask(self, tool, taskid, text(body, "socketaccesstoken"))

    async def _send_run(self, path: str, request: RunRequest) -> dict[str, Any]:
        """Send one Run request, its local files opened only while it is sent."""
        with contextlib.ExitStack() as opened:
            files = [
                (
                    (
                        part,
                        (name, opened.enter_context(source.open("rb")), content_type),
                    )
                    if isinstance(source, Path)
                    else (part, (name, source, content_type))
                )
                for part, (name, source, content_type) in request.files or ()
            ]
            return await self._post(
                path,
                retry=False,
                json=request.json,
                data=request.data,
                files=files or None,
            )

    async def _task_call(
        self, path: str, body: Mapping[str, str], *, retry: bool
    ) -> TaskSnapshot | None:
        return first_task(await self._post(path, json=body, retry=retry))


class AsyncTask:
    """A started task: read its state, wait for its outputs, kill or cancel it."""

    def __init__(
        self,
        client: AsyncWiroClient,
        tool: ToolInfo,
        taskid: str,
        socketaccesstoken: str,
    ) -> None:
        self._client = client
        self.tool = tool
        self.taskid = taskid
        self.socketaccesstoken = socketaccesstoken

    def __repr__(self) -> str:
        return f"{type(self).__name__}(taskid={self.taskid!r}, tool={self.tool.slug!r})"

    async def detail(self) -> TaskSnapshot:
        """The task's current state (Task/Detail)."""
        return await self._detail(deadline=None)

    async def _detail(self, deadline: float | None) -> TaskSnapshot:
        body = identify(
            self.tool.detail_identifier,
            "tasktoken",
            self.taskid,
            self.socketaccesstoken,
        )
        path = self.tool.detail_path
        answer = await self._client._post(
            path, json=body, retry=True, deadline=deadline
        )
        return detail_task(answer, path)

    def events(self) -> AsyncIterator[TaskEvent]:
        """Every event of the task as it happens, over Wiro's socket (polling Task/Detail
        when there is none, or it drops), ending with the final event, whose `snapshot`
        is the task's end state. It does not raise when the task fails: see `wait()`."""
        return task_events(self)

    def stream_text(self, thinking: bool = False) -> AsyncIterator[TextChunk]:
        """A language model's answer as it is written: the text each socket message
        adds, as it arrives (each holds Wiro's FULL `thinking` and `answer` arrays so
        far), so `"".join(...)` is the whole answer, the final snapshot's `text`; when
        polling, the whole answer at the end. With `thinking=True` the reasoning comes
        too; each chunk is a `str` whose `kind` is "thinking" or "answer".

        Raises (after the text):
            TaskFailed, TaskCancelled: the task did not succeed.
        """
        return stream_text(self, thinking)

    async def wait(
        self,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_status: AsyncStatusCallback | None = None,
    ) -> TaskSnapshot:
        """Wait until the task ends and return its final state.

        Follows the task's socket when there is one (see `events()`): `on_status` sees
        each status as it happens, and one Task/Detail confirms the end. Otherwise, or
        once the socket drops, polls every 2 s for the first 15 s, every 5 s until
        60 s, then every 10 s, unless `poll_interval` is given. `on_status` is called
        with each new status (see `AsyncStatusCallback`). Statuses the page does not
        list keep the poll going. "There is no task yet." (Wiro's race right after a
        Run) is polled through up to 5 times in a row, and an unreadable answer is
        retried like a 5xx. With a `timeout`, it returns or raises within `timeout`
        plus one request's timeout: retries never sleep past it.

        Raises:
            TaskFailed: the task ended with a non-zero pexit or in task_error.
            TaskCancelled: the task was cancelled or killed.
            TaskTimeout: `timeout` seconds passed first; it carries the last state.
            WiroError: the task stayed unknown for 5 polls, or a poll failed for good
                (its `task` is the last state seen).
        """
        return await self._wait(
            timeout, poll_interval, on_status, self._client._clock()
        )

    async def _wait(
        self,
        timeout: float | None,
        poll_interval: float | None,
        on_status: AsyncStatusCallback | None,
        started: float,
    ) -> TaskSnapshot:
        """`wait()` with its timeout counted from `started` (run_and_wait: before Run)."""
        client = self._client
        wait = Wait(self.taskid, started, timeout, poll_interval, client._max_retries)
        await follow_socket(self, wait, on_status)
        while True:
            try:
                snapshot = await self._detail(wait.deadline)
            except WiroError as error:
                delay = wait.failed(error, self._client._clock())
            else:
                if wait.seen(snapshot) and on_status is not None:
                    await maybe_awaited(on_status(snapshot))
                if finished(snapshot, self.tool):
                    return snapshot
                delay = wait.next_poll(self._client._clock())
            await self._client._sleep(delay)

    async def kill(self) -> TaskSnapshot:
        """Stop the running task (Task/Kill)."""
        body = identify(
            self.tool.kill_identifier,
            "socketaccesstoken",
            self.taskid,
            self.socketaccesstoken,
        )
        snapshot = await self._client._task_call(self.tool.kill_path, body, retry=True)
        return snapshot or await self.detail()

    async def cancel(self) -> TaskSnapshot:
        """Cancel the task while it is still queued (Task/Cancel); a task that has
        started cannot be cancelled: stop it with `kill()`.

        Raises:
            NotCancellableError: the task is no longer queued.
            NotFoundError: Wiro knows no such task.
        """
        try:
            snapshot = await self._client._task_call(
                self.tool.cancel_path, {"taskid": self.taskid}, retry=False
            )
        except NotFoundError as refusal:
            raise NotCancellableError.of(refusal) from None
        return snapshot or await self.detail()
