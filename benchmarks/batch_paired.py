"""The batch runner's own CPU per job, paired with the hand-written loop in one process.

    python benchmarks/batch_paired.py JOBS --rounds N   (WIRO_* aim it at a mock server)

Each round runs JOBS through `arun_batch` (a fresh output folder, no downloads, no
progress) and through the loop of benchmarks/batch_loop.py, in turns (runner first in
even rounds, the loop first in odd ones), timing each with `time.process_time()` (every
thread of the process: the journal's included). On this virtual machine the CPU a job
costs drifts by a fifth from one run to the next for the same code; runs side by side in
one process share the drift, so their difference per round measures the runner, and the
median over rounds is robust to an outlier. The first round warms up and is not kept.
Prints one JSON object: per-job milliseconds of each round, runner and loop.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wiro_tools import AsyncWiroClient, arun_batch  # noqa: E402

from benchmarks.batch_loop import main as hand_loop  # noqa: E402

LIMIT = 25


async def runner(jobs: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="batch-paired-") as out:
        async with AsyncWiroClient() as client:
            result = await arun_batch(client, jobs, out, download=False, progress=None)
        if result.exit_code != 0:
            raise SystemExit(f"the runner's round ended with {result.counts}")


def cpu_ms_per_job(run: Callable[[], Coroutine[Any, Any, None]], jobs: int) -> float:
    started = time.process_time()
    asyncio.run(run())
    return (time.process_time() - started) / jobs * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jobs", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    jobs: Path = arguments.jobs
    count = sum(1 for line in jobs.open() if line.strip())
    sides: dict[str, Callable[[], Coroutine[Any, Any, None]]] = {
        "runner": lambda: runner(jobs),
        "loop": lambda: hand_loop(jobs, LIMIT),
    }
    measured: dict[str, list[float]] = {"runner": [], "loop": []}
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
