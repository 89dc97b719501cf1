"""Client throughput: tasks run to completion against a Wiro mock server, timed in-process.

    python benchmarks/clients.py {generated,handwritten} {sync,async} PLAN.json

Run by run.py in a process of its own (the server runs in another, so they share no GIL),
with the generated package on PYTHONPATH. It imports only httpx and the generated
package, and prints one JSON object: seconds, CPU seconds and the last task's id.

Both kinds of client send the same requests: a signed Run with the tool's defaults,
then signed Task/Detail polls, without waiting, until the task completes. The
hand-written loop is what a careful user would write with httpx alone: one connection
pool, HMAC signatures, HTTP errors raised, the terminal status checked.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import importlib
import json
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

SUCCEEDED = "task_postprocess_end"


@dataclass(frozen=True)
class Plan:
    """What to run: the server, the credentials, the tool, and how many tasks at once."""

    base_url: str
    api_key: str
    api_secret: str
    package: str
    slug: str
    run_path: str
    body: dict[str, Any]
    detail_path: str
    detail_key: str
    completed: tuple[str, ...]
    tasks: int
    warmup: int
    concurrency: int

    @classmethod
    def load(cls, path: Path) -> Plan:
        fields = json.loads(path.read_text())
        return cls(**{**fields, "completed": tuple(fields["completed"])})


@dataclass(frozen=True)
class Outcome:
    """What one client run prints: the timed tasks' wall and CPU seconds, the last task."""

    seconds: float
    cpu_seconds: float
    last_taskid: str


def timed(run_one: Callable[[], str], plan: Plan) -> Outcome:
    """`plan.warmup` untimed tasks, then `plan.tasks` timed ones, one after another."""
    for _ in range(plan.warmup):
        run_one()
    started, cpu = time.perf_counter(), time.process_time()
    last = ""
    for _ in range(plan.tasks):
        last = run_one()
    return Outcome(time.perf_counter() - started, time.process_time() - cpu, last)


async def timed_async(run_one: Callable[[], Awaitable[str]], plan: Plan) -> Outcome:
    """Like `timed`, with up to `plan.concurrency` tasks in flight."""
    limit = asyncio.Semaphore(plan.concurrency)

    async def bounded() -> str:
        async with limit:
            return await run_one()

    await asyncio.gather(*(bounded() for _ in range(plan.warmup)))
    started, cpu = time.perf_counter(), time.process_time()
    taskids = await asyncio.gather(*(bounded() for _ in range(plan.tasks)))
    return Outcome(time.perf_counter() - started, time.process_time() - cpu, taskids[-1])


# --- The generated client -----------------------------------------------------------


def generated_sync(plan: Plan) -> Outcome:
    """`run_and_wait()` of the generated tool class, polling without waiting."""
    package = importlib.import_module(plan.package)
    with package.WiroClient(
        plan.api_key, plan.api_secret, base_url=plan.base_url, sleep=lambda seconds: None
    ) as client:
        tool = package.get_tool(plan.slug)(client)
        return timed(lambda: str(tool.run_and_wait(poll_interval=0).taskid), plan)


async def generated_async(plan: Plan) -> Outcome:
    """The same with the generated asynchronous tool class."""
    package = importlib.import_module(plan.package)

    async def no_wait(seconds: float) -> None:
        return None

    async with package.AsyncWiroClient(
        plan.api_key, plan.api_secret, base_url=plan.base_url, sleep=no_wait
    ) as client:
        tool = package.get_async_tool(plan.slug)(client)

        async def run_one() -> str:
            return str((await tool.run_and_wait(poll_interval=0)).taskid)

        return await timed_async(run_one, plan)


# --- The hand-written httpx loop ------------------------------------------------------


class Signer:
    """x-api-key, x-nonce and x-signature = hex(HMAC-SHA256(key, secret + nonce))."""

    def __init__(self, api_key: str, api_secret: str) -> None:
        self.api_key = api_key
        self.secret = api_secret.encode()
        self.last_nonce = 0

    def headers(self) -> dict[str, str]:
        # Milliseconds, strictly increasing: the server refuses a nonce it has seen.
        self.last_nonce = max(self.last_nonce + 1, time.time_ns() // 1_000_000)
        nonce = str(self.last_nonce)
        signature = hmac.new(self.api_key.encode(), self.secret + nonce.encode(), hashlib.sha256)
        return {"x-api-key": self.api_key, "x-nonce": nonce, "x-signature": signature.hexdigest()}


def started_task(response: httpx.Response, plan: Plan) -> tuple[str, dict[str, str]]:
    """The Run response's taskid, and the Task/Detail body that names the task."""
    response.raise_for_status()
    body = response.json()
    taskid, token = body["taskid"], body["socketaccesstoken"]
    return taskid, {plan.detail_key: token if plan.detail_key == "tasktoken" else taskid}


def finished(response: httpx.Response, plan: Plan) -> bool:
    """True once Task/Detail shows a completed status; raises if the task did not succeed."""
    response.raise_for_status()
    status = response.json()["tasklist"][0]["status"]
    if status in plan.completed and status != SUCCEEDED:
        raise RuntimeError(f"task ended in {status}")
    return bool(status in plan.completed)


def handwritten_sync(plan: Plan) -> Outcome:
    """A signed Run, then signed Task/Detail polls until the task completes, with httpx."""
    signer = Signer(plan.api_key, plan.api_secret)
    with httpx.Client(base_url=plan.base_url + "/") as http:

        def run_one() -> str:
            response = http.post(plan.run_path, json=plan.body, headers=signer.headers())
            taskid, detail = started_task(response, plan)
            while not finished(
                http.post(plan.detail_path, json=detail, headers=signer.headers()), plan
            ):
                pass
            return taskid

        return timed(run_one, plan)


async def handwritten_async(plan: Plan) -> Outcome:
    """The same with httpx.AsyncClient."""
    signer = Signer(plan.api_key, plan.api_secret)
    async with httpx.AsyncClient(base_url=plan.base_url + "/") as http:

        async def run_one() -> str:
            response = await http.post(plan.run_path, json=plan.body, headers=signer.headers())
            taskid, detail = started_task(response, plan)
            while not finished(
                await http.post(plan.detail_path, json=detail, headers=signer.headers()), plan
            ):
                pass
            return taskid

        return await timed_async(run_one, plan)


def run_client(client: str, mode: str, plan: Plan) -> Outcome:
    """Run `plan` with the `client` ("generated" or "handwritten") in `mode` ("sync"/"async")."""
    if mode == "sync":
        return generated_sync(plan) if client == "generated" else handwritten_sync(plan)
    chosen = generated_async if client == "generated" else handwritten_async
    return asyncio.run(chosen(plan))


def main(argv: list[str]) -> int:
    client, mode, plan_file = argv
    outcome = run_client(client, mode, Plan.load(Path(plan_file)))
    print(json.dumps(asdict(outcome)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
