"""Running and following tasks for MCP calls: progress, bounded waits, kill on cancel.

A call starts its task, follows it (Wiro's socket, else polling) sending progress, and
answers with the final state, or, once its wait is over, with the task's id and status
(the task runs on; `wait_for_task` and `cancel_task` finish the job). When the client
cancels the call that started a task, the task is killed: nobody would see its outputs.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from typing import Any, Final

import anyio
from mcp import types

from ._async_client import AsyncTask, AsyncWiroClient
from ._async_tools import AsyncTool
from ._errors import InvalidInputError, WiroError
from ._mcp_progress import Progress, ProgressTrail
from ._mcp_results import error_result, task_result
from ._protocol import finished
from ._snapshot import TaskSnapshot

Report = Callable[[Progress], Awaitable[None]]
"""Sends one progress notification to the caller (a no-op when it asked for none)."""

_logger = logging.getLogger(__package__ or __name__)
CLOSE_SECONDS: Final = 5.0
"""How long a call waits for its task's socket to close when it stops following it."""


class TaskRunner:
    """Starts and follows the tasks of one MCP server, waiting at most `wait` seconds
    per call unless the call says otherwise."""

    def __init__(self, client: AsyncWiroClient, wait: float) -> None:
        self._client = client
        self.wait = wait
        self._tasks: dict[str, AsyncTask] = {}

    async def run(
        self, tool: type[AsyncTool], arguments: Mapping[str, Any], report: Report
    ) -> types.CallToolResult:
        """Start `tool` with run()'s keyword `arguments` and follow its task."""
        try:
            task = await tool(self._client).run(**arguments)
        except InvalidInputError as error:
            return error_result(f"Nothing was sent: {error}")
        except WiroError as error:
            return error_result(f"Wiro did not start the task: {error}")
        self._tasks[task.taskid] = task
        try:
            return await self._follow(task, self.wait, report)
        except anyio.get_cancelled_exc_class():
            with anyio.CancelScope(shield=True):
                await self._stop(task)
            raise

    async def wait_for(
        self, taskid: str, wait: float | None, report: Report
    ) -> types.CallToolResult:
        """Follow a task started earlier (by this server or elsewhere)."""
        return await self._follow(
            self._task(taskid), self.wait if wait is None else wait, report
        )

    async def cancel(self, taskid: str) -> types.CallToolResult:
        """Stop a task: killed when it runs, cancelled while it is queued."""
        task = self._task(taskid)
        try:
            snapshot = await self._stop(task, quietly=False)
        except WiroError as error:
            return error_result(f"Task {taskid} was not stopped: {error}")
        return task_result(snapshot, task.tool.slug, True, failure_is_error=False)

    def _task(self, taskid: str) -> AsyncTask:
        return self._tasks.get(taskid) or self._client.task(taskid)

    async def _follow(
        self, task: AsyncTask, wait: float, report: Report
    ) -> types.CallToolResult:
        """The task's final state, or its state when `wait` seconds have passed."""
        slug = task.tool.slug
        trail = ProgressTrail(slug or task.taskid)
        last: TaskSnapshot | None = None
        status = ""
        events = task.events()
        try:
            with anyio.move_on_after(wait):
                async for event in events:
                    step = trail.step(event)
                    if step is not None:
                        await report(step)
                    last = event.snapshot or last
                    status = status if event.is_log else event.type
                    if event.final and event.snapshot is not None:
                        return task_result(event.snapshot, slug, True)
            snapshot = last or await _current(task, status)
        except WiroError as error:
            return error_result(f"Following task {task.taskid} failed: {error}")
        finally:
            # Close the task's socket now, even when the call was cancelled.
            if isinstance(events, AsyncGenerator):
                with anyio.move_on_after(CLOSE_SECONDS, shield=True):
                    await events.aclose()
        return task_result(snapshot, slug, _ended(snapshot, task))

    async def _stop(self, task: AsyncTask, quietly: bool = True) -> TaskSnapshot:
        """Kill the task; Wiro refuses Kill for a queued task, which Cancel then stops."""
        try:
            try:
                return await task.kill()
            except WiroError:
                return await task.cancel()
        except WiroError as error:
            if not quietly:
                raise
            _logger.warning("task %s was not stopped: %s", task.taskid, error)
            return TaskSnapshot(task.taskid, "", "")


async def _current(task: AsyncTask, status: str) -> TaskSnapshot:
    """The task's state now; when Wiro cannot tell yet ("There is no task yet." right
    after a Run), the last status its events gave."""
    try:
        return await task.detail()
    except WiroError as error:
        _logger.debug("task %s: no state yet (%s)", task.taskid, error)
        return TaskSnapshot(
            task.taskid, status, "", socketaccesstoken=task.socketaccesstoken
        )


def _ended(snapshot: TaskSnapshot, task: AsyncTask) -> bool:
    try:
        return finished(snapshot, task.tool)
    except WiroError:  # finished() raises for a failed or cancelled task: it ended
        return True
