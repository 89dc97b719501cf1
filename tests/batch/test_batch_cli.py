"""`python -m wiro_tools batch`: its exit status and what it prints, in a subprocess."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ..support.mockserver_fixture import StartMockWiro
from .support import prompts, results, run_batch_command, write_jobs

# slow: each case the batch command in a process.
pytestmark = pytest.mark.slow

RUN_PATH = "/v1/Run/wiro/PixArt-Sigma"


def test_a_batch_that_succeeds_exits_0_and_prints_where_the_results_are(
    start_mock_wiro: StartMockWiro, tmp_path: Path
) -> None:
    server = start_mock_wiro(concurrency_limit=2, tick_seconds=0.01)
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(3))
    done = run_batch_command(server, jobs, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{tmp_path / 'out' / 'results.jsonl'}\n"
    assert "batch done: 3 succeeded" in done.stderr
    assert [line["status"] for line in results(tmp_path / "out")] == ["succeeded"] * 3


def test_bad_jobs_exit_2_listing_every_problem_and_send_nothing(
    start_mock_wiro: StartMockWiro, tmp_path: Path
) -> None:
    server = start_mock_wiro()
    jobs = write_jobs(
        tmp_path / "jobs.jsonl",
        {"tool": "wiro/PixArt-Sigma", "inputs": {"steps": "x"}},
        {"tool": "no/pe"},
    )
    done = run_batch_command(server, jobs, tmp_path / "out")
    assert done.returncode == 2
    assert "line 1: wiro/PixArt-Sigma: argument 'steps'" in done.stderr
    assert "line 2: no tool 'no/pe'" in done.stderr
    assert server.request_count(RUN_PATH) == 0
    assert not (tmp_path / "out").exists()


def test_a_batch_stopped_for_balance_exits_3_naming_what_is_left(
    start_mock_wiro: StartMockWiro, tmp_path: Path
) -> None:
    one_task = Decimal("0.004")  # PixArt-Sigma's default run (specs/prices.json)
    server = start_mock_wiro(concurrency_limit=1, tick_seconds=0.01, balance=one_task)
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(3))
    done = run_batch_command(server, jobs, tmp_path / "out", "--no-download")
    assert done.returncode == 3, done.stderr
    assert "2 jobs not sent (job-1, job-2); add funds and rerun." in done.stderr


def test_a_failed_job_exits_1(start_mock_wiro: StartMockWiro, tmp_path: Path) -> None:
    server = start_mock_wiro(tick_seconds=0.01)
    server.queue_task_scripts({"outcome": "pexit", "debugerror": "out of memory"})
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(1))
    done = run_batch_command(server, jobs, tmp_path / "out", "--retries", "0", "-q")
    assert done.returncode == 1
    assert results(tmp_path / "out")[0]["error"] == "out of memory"
