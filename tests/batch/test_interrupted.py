"""A batch killed midway (SIGKILL) or interrupted (Ctrl-C) and run again: every job ends
up sent exactly once (a job whose Run's answer was lost at the kill is `unknown`, never
sent twice)."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from generator.mockserver import RunningMockServer

from ..support.mockserver_fixture import StartMockWiro
from .support import (
    batch_command,
    prompts,
    results,
    run_batch_command,
    tasks_per_prompt,
    write_jobs,
)

# slow: batches killed with SIGKILL or interrupted, in processes.
pytestmark = pytest.mark.slow

JOBS = 24
RUN_PATH = "/v1/Run/wiro/PixArt-Sigma"


def interrupt_midway(server: RunningMockServer, jobs: Path, out: Path, how: signal.Signals) -> int:
    """Start the batch, send it `how` once a few tasks have started; its exit status."""
    command, environment = batch_command(server, jobs, out, "--no-download", "-q")
    process = subprocess.Popen(command, env=environment, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while server.request_count(RUN_PATH) < JOBS // 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(how)
    return process.wait(timeout=60)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["sigkill", "ctrl-c"])
def test_a_rerun_after_an_interruption_sends_each_job_exactly_once(
    start_mock_wiro: StartMockWiro, tmp_path: Path, how: signal.Signals
) -> None:
    server = start_mock_wiro(concurrency_limit=3, tick_seconds=0.02)
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(JOBS))
    status = interrupt_midway(server, jobs, tmp_path / "out", how)
    assert status == (-signal.SIGKILL if how == signal.SIGKILL else 130)
    assert len(tasks_per_prompt(server)) < JOBS  # it was stopped midway

    rerun = run_batch_command(server, jobs, tmp_path / "out", "--no-download", "-q")
    assert rerun.returncode in (0, 1), rerun.stderr
    tasks = tasks_per_prompt(server)
    assert max(tasks.values()) == 1
    for line in results(tmp_path / "out"):
        prompt = f"prompt {line['id'].removeprefix('job-')}"
        if line["status"] == "succeeded":
            assert tasks[prompt] == 1
        else:  # its Run was on the wire when the batch was killed
            assert line["status"] == "unknown", line
