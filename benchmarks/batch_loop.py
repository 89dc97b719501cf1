"""The hand-written alternative the batch runner is measured against: asyncio, a
semaphore of `--concurrency`, run_and_wait per job (the client waits for a slot on code
96), no journal, no resume. `python benchmarks/batch_loop.py JOBS --concurrency N`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

from wiro_tools import AsyncWiroClient, get_async_tool


async def run_all(client: AsyncWiroClient, jobs: Path, concurrency: int) -> None:
    """Every job of `jobs` through `client`, at most `concurrency` at once."""
    gate = asyncio.Semaphore(concurrency)

    async def one(line: str) -> None:
        job = json.loads(line)
        try:
            await get_async_tool(job["tool"])(client).run_and_wait(**job["inputs"])
        finally:
            gate.release()

    async with asyncio.TaskGroup() as group:
        with jobs.open() as lines:
            for line in lines:
                await gate.acquire()  # at most `concurrency` jobs at once
                group.create_task(one(line))


async def main(jobs: Path, concurrency: int) -> None:
    async with AsyncWiroClient() as client:
        await run_all(client, jobs, concurrency)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("jobs", type=Path)
    parser.add_argument("--concurrency", type=int, default=25)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.jobs, arguments.concurrency))
