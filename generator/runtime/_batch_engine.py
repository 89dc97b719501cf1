"""The batch runner's engine: send each job once, follow its task, retry failed ones,
keep within Wiro's per-account limits; every step recorded in the journal first.

asyncio only (the sync entry point runs it in an event loop of its own).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Final, ParamSpec, TypeVar

from ._async_client import AsyncTask, AsyncWiroClient
from ._batch_budget import Budget
from ._batch_jobs import Job
from ._batch_journal import Journal
from ._batch_progress import Progress
from ._batch_slots import Slots
from ._downloads import DownloadError
from ._errors import (
    APIConnectionError,
    AuthenticationError,
    ConcurrencyLimitError,
    InsufficientBalanceError,
    InvalidResponseError,
    TaskCancelled,
    TaskError,
    WiroError,
)
from ._snapshot import TaskSnapshot

P = ParamSpec("P")
R = TypeVar("R")

RUNS_AT_ONCE: Final = 4
"""Run requests in flight at once: few, so that learning the account's limit costs a
few refusals, not one per slot."""


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs (the command line's options)."""

    concurrency: int | None = None
    """At most this many tasks at once; None: adapt to what Wiro allows."""
    retries: int = 1
    """Times a failed task (not billed) is sent again."""
    resend_unknown: bool = False
    """Send again the jobs whose Run went out but whose answer was lost."""
    download: bool = True
    """Download outputs into DIR/<id>/ (else results list their URLs)."""


class Engine:
    """Runs jobs against one client, recording each step in `journal`."""

    def __init__(
        self,
        client: AsyncWiroClient,
        journal: Journal,
        out: Path,
        options: BatchOptions,
        progress: Progress,
        budget: Budget,
    ) -> None:
        self._client = client
        self._journal = journal
        # Every journal call runs in this one thread, in the order made: the fsync behind
        # `sending()` never holds up the event loop, and the connection is only ever used
        # by one thread.
        self._journal_thread = ThreadPoolExecutor(1, thread_name_prefix="batch-journal")
        self._journal_failure: BaseException | None = None
        self._out = out
        self._options = options
        self._progress = progress
        self._budget = budget
        self._slots = Slots.starting(options.concurrency)
        self._changed = asyncio.Condition()
        self._runs = asyncio.Semaphore(RUNS_AT_ONCE)
        self.stopped_for = ""
        """Why sending stopped early (code 97, or --max-cost), "" otherwise."""

    async def _record(
        self, method: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """`method(*args, **kwargs)` (the journal's) in the journal's thread, after every
        call queued before it; the engine goes on once it is committed."""
        self._raise_journal_failure()
        call = functools.partial(method, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(
            self._journal_thread, call
        )

    def _queue(
        self, method: Callable[P, None], /, *args: P.args, **kwargs: P.kwargs
    ) -> None:
        """`method(*args, **kwargs)` (the journal's) in the journal's thread, not waited
        for: a change a crash may lose (see Journal). Its failure ends the batch at the
        next journal call."""
        self._raise_journal_failure()
        queued = self._journal_thread.submit(method, *args, **kwargs)
        queued.add_done_callback(self._note_failure)

    def _note_failure(self, done: Future[None]) -> None:
        failure = done.exception()
        if self._journal_failure is None and failure is not None:
            self._journal_failure = failure

    def _raise_journal_failure(self) -> None:
        if self._journal_failure is not None:
            raise self._journal_failure

    async def run(
        self, resumed: Iterable[tuple[Job, AsyncTask, int]], jobs: Iterable[Job]
    ) -> None:
        """Follow the `resumed` tasks to their end, and send every `pending` job of `jobs`."""
        try:
            await self._run(resumed, jobs)
        except BaseExceptionGroup as failures:
            # The first job to fail (a refused key, the journal's disk) ended the others:
            # its error is the batch's, as a caller of run() would meet it.
            raise failures.exceptions[0] from None
        finally:
            self._journal_thread.shutdown(wait=True)  # what was started gets recorded
        self._raise_journal_failure()

    async def _run(
        self, resumed: Iterable[tuple[Job, AsyncTask, int]], jobs: Iterable[Job]
    ) -> None:
        async with asyncio.TaskGroup() as group:
            for job, task, attempts in resumed:
                self._slots.take()
                self._budget.following(job.id)
                self._progress.tally.running += 1
                group.create_task(self._job(job, task, attempts))
            pending = await self._record(self._journal.pending)
            for job in jobs:
                if job.id not in pending:
                    continue
                if not await self._slot():
                    break
                over = self._budget.admit(job.id)
                if over:
                    await self._release()
                    await self._stop(over)
                    break
                self._progress.tally.running += 1
                group.create_task(self._job(job, None, pending.pop(job.id)))

    async def _slot(self) -> bool:
        """Wait for a free slot and take it; False once sending has stopped."""
        async with self._changed:
            await self._changed.wait_for(
                lambda: self._slots.free or self.stopped_for != ""
            )
            if self.stopped_for:
                return False
            self._slots.take()
            return True

    async def _release(self) -> None:
        async with self._changed:
            self._slots.ended()
            self._changed.notify_all()

    async def _job(self, job: Job, task: AsyncTask | None, attempts: int) -> None:
        """One job from its Run (unless `task` was started earlier) to its end, retries
        included; `attempts` counts the tasks started for it so far. It holds a slot on
        entry and gives it back on the way out."""
        holding = True
        try:
            while True:
                if task is None:
                    task, holding = await self._send(job)
                    if task is None:
                        return
                    attempts += 1
                outcome = await self._follow(task)
                if not await self._settle(job, outcome, attempts):
                    return
                await self._release()
                holding, task = False, None
                if not await self._slot():
                    return  # stopped for balance: the job stays pending
                holding = True
        finally:
            if holding:
                await self._release()
            self._budget.ended(job.id)
            self._progress.tally.running -= 1
            self._progress.changed()

    async def _send(self, job: Job) -> tuple[AsyncTask | None, bool]:
        """The job's task (None when none started: the job is recorded), and whether
        the slot is still held."""
        while True:
            if self.stopped_for:
                return None, True  # stopped for balance: the job stays pending
            try:
                task = await self._post_run(job)
            except ConcurrencyLimitError as refused:
                await self._record(self._journal.refused, job.id, str(refused))
                if not await self._wait_after_refusal(refused):
                    return None, False
                continue
            except InsufficientBalanceError as error:
                await self._record(self._journal.refused, job.id, str(error))
                await self._stop(str(error))
                return None, True
            except AuthenticationError:
                await self._record(
                    self._journal.refused,
                    job.id,
                    "not sent: the credentials were refused",
                )
                raise
            except InvalidResponseError as error:
                if not error.taskid:
                    await self._lost(job, error)
                    return None, True
                task = self._client.task(error.taskid, tool=job.tool.info)
            except APIConnectionError as error:
                await self._lost(
                    job, error
                )  # the Run may have reached Wiro, started a task
                return None, True
            except WiroError as error:
                await self._record(self._journal.failed_to_start, job.id, str(error))
                self._count("failed", job, str(error))
                return None, True
            if task is None:  # a refusal lowered the slots below what is taken
                await self._release()
                if not await self._slot():
                    return None, False
                continue
            async with self._changed:
                self._slots.started()
            self._queue(
                self._journal.running, job.id, task.taskid, task.socketaccesstoken
            )
            self._progress.changed()
            return task, True

    async def _post_run(self, job: Job) -> AsyncTask | None:
        """Send the job's Run, a few at a time; None without sending when the slots were
        lowered (code 96) while it waited its turn: it gives its slot back first."""
        values = {
            item.name: job.arguments.get(item.argument, item.default)
            for item in job.tool.inputs
        }
        async with self._runs:
            if self._slots.overbooked or self.stopped_for:
                return None
            await self._record(self._journal.sending, job.id)
            return await self._client._start_task(
                job.tool.info, values, None, False, job.extra_body, job.project_id
            )

    async def _wait_after_refusal(self, refused: ConcurrencyLimitError) -> bool:
        """After a 96: lower the slots and wait for one; False once sending stopped."""
        async with self._changed:
            delay = self._slots.refused(refused.limit)
            self._changed.notify_all()
        if delay:
            await asyncio.sleep(delay)
        return await self._slot()

    async def _lost(self, job: Job, error: WiroError) -> None:
        await self._record(
            self._journal.unknown, job.id, f"the Run's answer was lost: {error}"
        )
        self._count("unknown", job, str(error))

    async def _stop(self, reason: str) -> None:
        async with self._changed:
            if not self.stopped_for:
                self.stopped_for = reason
                self._progress.note(f"batch: stopped sending: {reason}")
            self._changed.notify_all()

    async def _follow(self, task: AsyncTask) -> TaskSnapshot | WiroError:
        """The task's end: its final state, or why it ended otherwise (or was lost)."""
        try:
            return await task.wait()
        except WiroError as error:
            return error

    async def _settle(
        self, job: Job, outcome: TaskSnapshot | WiroError, attempts: int
    ) -> bool:
        """Record how the task ended; True to send the job again (a failed task)."""
        if isinstance(outcome, TaskSnapshot):
            await self._succeeded(job, outcome)
            return False
        if isinstance(outcome, TaskCancelled):
            self._queue(self._journal.finished, job.id, "cancelled", error=str(outcome))
            self._count("cancelled", job, str(outcome))
            return False
        if not isinstance(outcome, TaskError):
            # Polling gave up: the row stays `running`, a rerun follows it by task id.
            await self._record(
                self._journal.retry_later, job.id, f"followed no further: {outcome}"
            )
            self._count("unknown", job, str(outcome))
            return False
        reason = outcome.task.debugerror.strip() or str(outcome)
        if attempts <= self._options.retries:
            await self._record(
                self._journal.retry, job.id, reason
            )  # pending: a rerun sends it if this one stops
            if self.stopped_for:
                return False
            self._progress.note(
                f"batch: job {job.id} failed, sending it again: {reason[:200]}"
            )
            return True
        self._queue(self._journal.finished, job.id, "failed", error=reason)
        self._count("failed", job, reason)
        return False

    async def _succeeded(self, job: Job, snapshot: TaskSnapshot) -> None:
        cost = "" if snapshot.cost is None else str(snapshot.cost)
        try:
            outputs = await self._outputs(job, snapshot)
        except (DownloadError, OSError) as error:
            await self._record(
                self._journal.downloading,
                job.id,
                cost,
                f"downloading its outputs failed: {error}",
            )
            self._count("failed", job, f"outputs not downloaded: {error}")
            return
        self._queue(
            self._journal.finished, job.id, "succeeded", cost=cost, outputs=outputs
        )
        tally = self._progress.tally
        tally.succeeded += 1
        if snapshot.cost is not None:
            tally.cost += snapshot.cost
            self._budget.billed += snapshot.cost

    async def _outputs(self, job: Job, snapshot: TaskSnapshot) -> list[str]:
        if not self._options.download:
            return [output.url for output in snapshot.outputs if output.url]
        saved = await self._client.save_outputs(snapshot, self._out / job.id)
        return [str(path) for path in saved]

    def _count(self, status: str, job: Job, reason: str) -> None:
        tally = self._progress.tally
        setattr(tally, status, getattr(tally, status) + 1)
        if status != "unknown" or reason:
            self._progress.note(
                f"batch: job {job.id} (line {job.line}) {status}: {reason[:300]}"
            )
