"""The batch runner's own CPU per job: the runner and the hand-written loop driving one
client against a Wiro that answers at once, in one process, with no network.

    python benchmarks/batch_overhead.py [--jobs 2000] [--rounds 5]

Both sides use the real AsyncWiroClient over `httpx.MockTransport`: every Run starts a
task at once and its first poll finds it succeeded (no socket, no waits). What the
client costs is then the same on both sides and what is left is the runner's own:
checking the jobs, the journal (its thread, the fsync before each Run), the slots, the
results file. Both keep 25 tasks in flight (`concurrency=25`, a semaphore of 25). The
rounds alternate which side goes first; each side is timed with `time.process_time()`
(every thread of the process). Against a real server the CPU a job costs drifts by a
fifth from run to run on this machine, more than the overhead being measured; here it
does not. Prints one JSON object: CPU ms per job of each round, runner and loop.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "generated")]

from wiro_tools import AsyncWiroClient, arun_batch  # noqa: E402

from benchmarks.batch import write_jobs  # noqa: E402
from benchmarks.batch_loop import run_all  # noqa: E402

CONCURRENCY = 25


class InstantWiro:
    """Run starts a task; Task/Detail finds it succeeded."""

    def __init__(self) -> None:
        self._taskids = itertools.count(1001)

    def handler(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/v1/Run/"):
            taskid = str(next(self._taskids))
            return _ok(taskid=taskid, socketaccesstoken=f"token-{taskid}")
        asked = json.loads(request.content)  # by task id, or by its socket token
        taskid = asked.get("taskid") or asked["tasktoken"].removeprefix("token-")
        return _ok(total="1", tasklist=[_succeeded(taskid)])


def _ok(**body: Any) -> httpx.Response:
    return httpx.Response(200, json={"result": True, "errors": [], **body})


def _succeeded(taskid: str) -> dict[str, Any]:
    return {
        "id": taskid, "uuid": f"uuid-{taskid}", "socketaccesstoken": f"token-{taskid}",
        "status": "task_postprocess_end", "pexit": "0", "debugoutput": "",
        "debugerror": "", "createtime": "1734513807", "starttime": "1734513809",
        "endtime": "1734513813", "elapsedseconds": "4.0000", "totalcost": "0.004",
        "outputs": [{"id": "o1", "name": "0.png", "contenttype": "image/png",
                     "size": "202472", "url": f"https://cdn1.wiro.ai/{taskid}/0.png"}],
    }  # fmt: skip


async def no_wait(seconds: float) -> None:
    await asyncio.sleep(0)


def instant_client() -> AsyncWiroClient:
    return AsyncWiroClient(
        "bench-key",
        "bench-secret",
        transport=httpx.MockTransport(InstantWiro().handler),
        socket_url="",
        sleep=no_wait,
    )


async def runner(jobs: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="batch-overhead-") as out:
        async with instant_client() as client:
            result = await arun_batch(
                client, jobs, out, concurrency=CONCURRENCY, download=False, progress=None
            )
    if result.exit_code != 0:
        raise SystemExit(f"the runner's round ended with {result.counts}")


async def hand_loop(jobs: Path) -> None:
    """benchmarks/batch_loop.py's loop, on the instant client."""
    async with instant_client() as client:
        await run_all(client, jobs, CONCURRENCY)


def cpu_ms_per_job(run: Callable[[], Coroutine[Any, Any, None]], jobs: int) -> float:
    started = time.process_time()
    asyncio.run(run())
    return (time.process_time() - started) / jobs * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    count: int = arguments.jobs
    measured: dict[str, list[float]] = {"runner": [], "loop": []}
    with tempfile.TemporaryDirectory(prefix="batch-overhead-") as scratch:
        jobs = write_jobs(Path(scratch) / "jobs.jsonl", count)
        sides: dict[str, Callable[[], Coroutine[Any, Any, None]]] = {
            "runner": lambda: runner(jobs),
            "loop": lambda: hand_loop(jobs),
        }
        for round_number in range(arguments.rounds + 1):
            order = ["runner", "loop"] if round_number % 2 == 0 else ["loop", "runner"]
            for side in order:
                milliseconds = cpu_ms_per_job(sides[side], count)
                if round_number:  # round 0 warms up
                    measured[side].append(round(milliseconds, 3))
    print(json.dumps(measured))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
