"""Many tasks from a file of jobs, resumable: `run_batch` (WiroClient) and `arun_batch`
(AsyncWiroClient), the engine behind `python -m <package> batch`.

JOBS is JSON Lines (see _batch_jobs); DIR holds the journal (journal.sqlite3), one line
per job in results.jsonl, and each job's outputs in DIR/<id>/. Running the same call
again after a crash, SIGKILL, Ctrl-C or reboot picks up where it stopped: tasks already
started are followed to their end by task id, jobs never sent are sent, finished ones
are left alone, and a job whose Run went out but whose answer was lost is reported
`unknown` rather than sent again (unless `resend_unknown`): it may be running, and billed.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final, Literal, TextIO, TypeAlias

from ._async_client import AsyncTask, AsyncWiroClient
from ._batch_budget import Budget
from ._batch_engine import BatchOptions, Engine
from ._batch_jobs import (
    InvalidJobsError,
    Job,
    JobProblem,
    ToolCatalogue,
    check_jobs,
    read_jobs,
)
from ._batch_journal import FOLLOWED, Journal, Row
from ._batch_progress import Progress, Tally
from ._downloads import all_or_nothing

if TYPE_CHECKING:
    from ._sync_client import WiroClient

RESULTS_NAME: Final = "results.jsonl"
JobStatus: TypeAlias = Literal["succeeded", "failed", "cancelled", "unknown", "not_run"]
_STATUS_OF: Final[dict[str, JobStatus]] = {
    "succeeded": "succeeded",
    "failed": "failed",
    "downloading": "failed",
    "cancelled": "cancelled",
    "unknown": "unknown",
    "sending": "unknown",
    "running": "unknown",
    "pending": "not_run",
}


@dataclass(frozen=True)
class JobResult:
    """One line of results.jsonl."""

    id: str
    tool: str
    taskid: str
    status: JobStatus
    cost: Decimal | None
    """USD Wiro billed (Task/Detail's totalcost); None when it said nothing."""
    outputs: tuple[str, ...]
    """Local paths of the downloaded outputs (their URLs without downloads)."""
    error: str

    def to_json(self) -> str:
        return json.dumps(
            {
                "id": self.id,
                "tool": self.tool,
                "taskid": self.taskid,
                "status": self.status,
                "cost": None if self.cost is None else str(self.cost),
                "outputs": list(self.outputs),
                "error": self.error,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, line: str) -> JobResult:
        fields: dict[str, Any] = json.loads(line)
        cost = fields["cost"]
        return cls(
            fields["id"],
            fields["tool"],
            fields["taskid"],
            fields["status"],
            None if cost is None else Decimal(cost),
            tuple(fields["outputs"]),
            fields["error"],
        )


@dataclass(frozen=True)
class BatchResult:
    """How a batch ended; `results()` reads every job's result back from results.jsonl."""

    results_path: Path
    counts: dict[JobStatus, int]
    cost: Decimal
    stopped_for: str
    """Why sending stopped early (Wiro's code-97 message, or --max-cost), "" when it did
    not."""
    estimated: Decimal | None = None
    """What the estimates said the jobs run would cost (earlier runs' bills included);
    None when a job had no estimate."""

    @property
    def exit_code(self) -> int:
        """The command line's: 0 all succeeded, 1 some did not, 3 stopped for balance."""
        if self.stopped_for:
            return 3
        return 0 if set(self.counts) <= {"succeeded"} else 1

    def results(self) -> Iterator[JobResult]:
        with self.results_path.open(encoding="utf-8") as lines:
            for line in lines:
                yield JobResult.from_json(line)


def run_batch(
    client: WiroClient,
    jobs: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    concurrency: int | None = None,
    retries: int = 1,
    resend_unknown: bool = False,
    download: bool = True,
    registry: ModuleType | None = None,
    progress: TextIO | None = sys.stderr,
    max_cost: Decimal | None = None,
) -> BatchResult:
    """Run every job of the JSON Lines file `jobs`, recording them in the folder `out`.

    An asyncio client with `client`'s credentials, base URL, socket, timeout and retries
    does the work. See `arun_batch` for the arguments.
    """
    twin = AsyncWiroClient(
        api_key=client._signer._key,
        api_secret=client._signer._secret,
        base_url=client.base_url,
        timeout=client._socket_timeout,
        max_retries=client._max_retries,
        allow_insecure_base_url=client._allow_insecure,
        socket_url=client.socket_url or "",
    )

    async def main() -> BatchResult:
        async with twin:
            return await arun_batch(
                twin,
                jobs,
                out,
                concurrency=concurrency,
                retries=retries,
                resend_unknown=resend_unknown,
                download=download,
                registry=registry,
                progress=progress,
                max_cost=max_cost,
            )

    return asyncio.run(main())


async def arun_batch(
    client: AsyncWiroClient,
    jobs: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    concurrency: int | None = None,
    retries: int = 1,
    resend_unknown: bool = False,
    download: bool = True,
    registry: ModuleType | None = None,
    progress: TextIO | None = sys.stderr,
    max_cost: Decimal | None = None,
) -> BatchResult:
    """Run every job of the JSON Lines file `jobs`, recording them in the folder `out`.

    Every line is checked first; InvalidJobsError lists all the bad ones and nothing is
    sent. Then each job is sent at most once (see the module's docstring for reruns),
    at most `concurrency` tasks at a time (None: as many as Wiro allows, learnt from its
    code-96 refusals); a failed task (not billed) is sent again up to `retries` times; on
    code 97 (insufficient balance) sending stops and the running tasks are followed to
    their end. `download` saves outputs into `out/<id>/`. `registry` is the generated
    package whose tools the jobs name (default: the one this runtime ships in);
    `progress` the stream progress goes to (None: silent). `max_cost` (USD) refuses the
    batch before any Run (CostLimitError) when the estimates of the jobs left, plus what
    earlier runs were billed, pass it, and stops sending when what was billed plus the
    estimates of the tasks in flight would.
    """
    jobs_path, out_path = Path(jobs), Path(out)
    options = BatchOptions(concurrency, retries, resend_unknown, download)
    _check_options(options)
    tools = ToolCatalogue(registry or _own_package())
    keys = check_jobs(jobs_path, tools)
    out_path.mkdir(parents=True, exist_ok=True)
    journal = Journal(out_path)
    slot_timeout, client.slot_timeout = client.slot_timeout, 0.0  # the engine waits
    try:
        _record(journal, jobs_path, keys)
        if resend_unknown:
            journal.resend_unknown()
        else:
            journal.lost_answers()
        budget = Budget.checked(
            max_cost, _left_to_run(journal, jobs_path, tools), journal.billed()
        )
        tally = _tally(journal, len(keys))
        reporter = Progress(tally, progress)
        engine = Engine(client, journal, out_path, options, reporter, budget)
        try:
            await engine.run(
                _resumed(client, journal, jobs_path, tools), read_jobs(jobs_path, tools)
            )
        finally:
            tally.estimated = budget.estimated
            result = _write_results(
                journal, out_path, engine.stopped_for, budget.estimated
            )
        reporter.summary("batch stopped" if engine.stopped_for else "batch done")
        return result
    finally:
        client.slot_timeout = slot_timeout
        journal.close()


def _own_package() -> ModuleType:
    """The generated package this runtime ships in (its `__init__`: TOOLS)."""
    return importlib.import_module((__package__ or "").rpartition(".")[0])


def _check_options(options: BatchOptions) -> None:
    if options.concurrency is not None and options.concurrency < 1:
        raise ValueError(f"concurrency must be 1 or more, got {options.concurrency}")
    if options.retries < 0:
        raise ValueError(f"retries must be 0 or more, got {options.retries}")


def _record(
    journal: Journal, jobs: Path, keys: list[tuple[str, int, str, str]]
) -> None:
    """Add the jobs to the journal; InvalidJobsError for a job whose line changed since a
    run recorded it (its results would not be what the file now asks for)."""
    known = journal.fingerprints()
    changed = [
        JobProblem(line, f"job {job_id!r} changed since {journal.path} recorded it")
        for job_id, line, fingerprint, _ in keys
        if known.get(job_id, fingerprint) != fingerprint
    ]
    if changed:
        raise InvalidJobsError(jobs, changed)
    journal.add(iter(keys))


def _tally(journal: Journal, total: int) -> Tally:
    """What earlier runs finished, counted as done."""
    counts = journal.counts()
    return Tally(
        total,
        succeeded=counts.get("succeeded", 0),
        failed=counts.get("failed", 0) + counts.get("downloading", 0),
        cancelled=counts.get("cancelled", 0),
        unknown=counts.get("unknown", 0),
        cost=journal.billed(),
    )


def _left_to_run(journal: Journal, jobs: Path, tools: ToolCatalogue) -> list[Job]:
    """The jobs this run may send or follow: pending, or started and not seen to end."""
    left = {row.id for row in journal.in_state("pending", *FOLLOWED)}
    return [job for job in read_jobs(jobs, tools) if job.id in left]


def _resumed(
    client: AsyncWiroClient, journal: Journal, jobs: Path, tools: ToolCatalogue
) -> list[tuple[Job, AsyncTask]]:
    """The jobs whose tasks an earlier run started and did not see end, with their tasks."""
    rows: dict[str, Row] = {row.id: row for row in journal.in_state(*FOLLOWED)}
    if not rows:
        return []
    return [
        (job, client.task(rows[job.id].taskid, rows[job.id].token, tool=job.tool.info))
        for job in read_jobs(jobs, tools)
        if job.id in rows
    ]


def _write_results(
    journal: Journal, out: Path, stopped_for: str, estimated: Decimal | None
) -> BatchResult:
    """results.jsonl from the journal, in the order of JOBS, written all or nothing."""
    counts: dict[JobStatus, int] = {}
    cost = Decimal(0)
    path = out / RESULTS_NAME
    with all_or_nothing(path) as file:
        for row in journal.rows():
            result = _result(row, stopped_for)
            counts[result.status] = counts.get(result.status, 0) + 1
            cost += result.cost or 0
            file.write(result.to_json().encode() + b"\n")
    return BatchResult(path, counts, cost, stopped_for, estimated)


def _result(row: Row, stopped_for: str) -> JobResult:
    status = _STATUS_OF[row.state]
    error = row.error
    if row.state == "running":
        error = error or "still running when the batch stopped: a rerun follows it"
    elif status == "not_run" and stopped_for:
        error = f"not sent: {stopped_for}"
    elif status == "succeeded":
        error = ""
    cost = Decimal(row.cost) if row.cost and status == "succeeded" else None
    return JobResult(
        row.id, row.tool, row.taskid, status, cost, tuple(row.outputs), error
    )
