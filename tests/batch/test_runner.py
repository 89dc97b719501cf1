"""The batch runner end to end against the mock server: sends, limits, balance, retries,
results, and reruns that never send a job twice."""

from __future__ import annotations

import asyncio
import importlib
import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.mockserver import RunningMockServer
from generator.runtime._batch_engine import RUNS_AT_ONCE

from ..support.mockserver_fixture import StartMockWiro
from .support import PIXART, client, prompts, results, tasks_per_prompt, write_jobs

# PixArt-Sigma's default run: one 1024x1024 image at $0.004 a megapixel (specs/prices.json).
ONE_TASK = Decimal("0.004")
RUN_PATH = "/v1/Run/wiro/PixArt-Sigma"


@pytest.fixture
def server(start_mock_wiro: StartMockWiro) -> RunningMockServer:
    """A one-task account whose tasks take wall time (about 0.1 s), polled or not."""
    return start_mock_wiro(concurrency_limit=1, tick_seconds=0.01)


def batch(
    package: ModuleType, server: RunningMockServer, jobs: Path, out: Path, **options: Any
) -> Any:
    options.setdefault("progress", None)
    with client(package, server) as wiro:
        return package.run_batch(wiro, jobs, out, **options)


def test_every_job_runs_and_its_outputs_are_downloaded(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(3))
    result = batch(wiro_tools, server, jobs, tmp_path / "out")
    assert (result.counts, result.exit_code) == ({"succeeded": 3}, 0)
    for line in results(tmp_path / "out"):
        (output,) = line["outputs"]
        assert Path(output) == tmp_path / "out" / line["id"] / "0.png"
        assert Path(output).read_bytes().startswith(b"\x89PNG")


def test_results_have_one_line_per_job_in_the_order_of_jobs(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(3))
    batch(wiro_tools, server, jobs, tmp_path / "out", download=False)
    lines = results(tmp_path / "out")
    assert [line["id"] for line in lines] == ["job-0", "job-1", "job-2"]
    assert set(lines[0]) == {"id", "tool", "taskid", "status", "cost", "outputs", "error"}
    assert (lines[0]["tool"], lines[0]["status"], lines[0]["error"]) == (PIXART, "succeeded", "")
    assert Decimal(lines[0]["cost"]) == ONE_TASK


def test_the_runner_keeps_to_the_accounts_limit(
    wiro_tools: ModuleType, start_mock_wiro: StartMockWiro, tmp_path: Path
) -> None:
    # Tasks of about half a second: long enough to overlap on a busy machine.
    server = start_mock_wiro(concurrency_limit=2, tick_seconds=0.05)
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(12))
    result = batch(wiro_tools, server, jobs, tmp_path / "out", download=False)
    account = server.account()
    assert result.counts == {"succeeded": 12}
    assert account["peak"] == 2
    refused = account["refused"]
    assert isinstance(refused, dict)
    # The first Runs go out a few at once (RUNS_AT_ONCE): those beyond 2 are refused and
    # teach the limit; after that, a probe above it at most.
    assert refused.get("96", 0) <= RUNS_AT_ONCE


def test_a_concurrency_cap_is_kept(
    wiro_tools: ModuleType, start_mock_wiro: StartMockWiro, tmp_path: Path
) -> None:
    server = start_mock_wiro(tick_seconds=0.05)
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(6))
    batch(wiro_tools, server, jobs, tmp_path / "out", download=False, concurrency=2)
    assert server.account()["peak"] == 2


def test_insufficient_balance_stops_sending_and_a_rerun_finishes_the_rest(
    wiro_tools: ModuleType, start_mock_wiro: StartMockWiro, tmp_path: Path
) -> None:
    server = start_mock_wiro(concurrency_limit=1, tick_seconds=0.01, balance=ONE_TASK * 2)
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(4))
    stopped = batch(wiro_tools, server, jobs, tmp_path / "out", download=False)
    assert (stopped.exit_code, stopped.counts) == (3, {"succeeded": 2, "not_run": 2})
    assert "Insufficient balance" in stopped.stopped_for
    not_run = [line for line in results(tmp_path / "out") if line["status"] == "not_run"]
    assert [line["error"] for line in not_run] == ["not sent: Insufficient balance (code 97)"] * 2
    server.add_funds(Decimal(1))
    rerun = batch(wiro_tools, server, jobs, tmp_path / "out", download=False)
    assert (rerun.exit_code, rerun.counts) == (0, {"succeeded": 4})
    assert set(tasks_per_prompt(server).values()) == {1}


def test_a_failed_task_is_sent_again_once_by_default(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    server.queue_task_scripts({"outcome": "pexit", "debugerror": "CUDA out of memory"})
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(1))
    result = batch(wiro_tools, server, jobs, tmp_path / "out", download=False)
    assert result.counts == {"succeeded": 1}
    assert tasks_per_prompt(server) == {"prompt 0": 2}


def test_a_task_that_keeps_failing_is_reported_with_wiros_debugerror(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    server.queue_task_scripts(*[{"outcome": "pexit", "debugerror": "CUDA out of memory"}] * 3)
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(1))
    result = batch(wiro_tools, server, jobs, tmp_path / "out", download=False, retries=2)
    (line,) = results(tmp_path / "out")
    assert (result.exit_code, line["status"], line["error"]) == (1, "failed", "CUDA out of memory")
    assert line["cost"] is None
    assert tasks_per_prompt(server) == {"prompt 0": 3}


def test_a_cancelled_task_is_reported_cancelled_and_not_sent_again(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    server.queue_task_scripts("cancel")
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(1))
    result = batch(wiro_tools, server, jobs, tmp_path / "out", download=False)
    assert result.counts == {"cancelled": 1}
    assert tasks_per_prompt(server) == {"prompt 0": 1}


def test_a_rerun_of_a_finished_batch_sends_nothing(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(2))
    batch(wiro_tools, server, jobs, tmp_path / "out", download=False)
    sent = server.request_count(RUN_PATH)
    again = batch(wiro_tools, server, jobs, tmp_path / "out", download=False)
    assert again.counts == {"succeeded": 2}
    assert server.request_count(RUN_PATH) == sent


def test_a_run_whose_answer_was_lost_is_unknown_and_not_sent_again(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    server.queue_faults(RUN_PATH, "drop")
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(1))
    first = batch(wiro_tools, server, jobs, tmp_path / "out", download=False)
    assert (first.counts, first.exit_code) == ({"unknown": 1}, 1)
    batch(wiro_tools, server, jobs, tmp_path / "out", download=False)
    assert server.request_count(RUN_PATH) == 1


def test_resend_unknown_sends_a_lost_run_again(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    server.queue_faults(RUN_PATH, "drop")
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(1))
    batch(wiro_tools, server, jobs, tmp_path / "out", download=False)
    rerun = batch(wiro_tools, server, jobs, tmp_path / "out", download=False, resend_unknown=True)
    assert rerun.counts == {"succeeded": 1}


def test_a_job_changed_since_the_journal_recorded_it_is_refused(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(1))
    batch(wiro_tools, server, jobs, tmp_path / "out", download=False)
    changed = prompts(1)[0] | {"inputs": {"prompt": "something else"}}
    write_jobs(jobs, changed)
    with pytest.raises(wiro_tools.WiroError, match="job 'job-0' changed since"):
        batch(wiro_tools, server, jobs, tmp_path / "out", download=False)


def test_bad_jobs_send_nothing(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(2), {"tool": "nobody/nothing"})
    with pytest.raises(wiro_tools.WiroError, match="line 3: no tool"):
        batch(wiro_tools, server, jobs, tmp_path / "out")
    assert server.request_count(RUN_PATH) == 0


def test_the_async_runner_returns_the_results(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(2))

    async def main() -> Any:
        async with wiro_tools.AsyncWiroClient(
            api_key=client(wiro_tools, server)._signer._key,
            api_secret="test-api-secret-Zq7",
            base_url=server.base_url,
            socket_url=server.socket_url,
        ) as wiro:
            return await wiro_tools.arun_batch(
                wiro, jobs, tmp_path / "out", progress=None, download=False
            )

    result = asyncio.run(main())
    assert [(r.id, r.status) for r in result.results()] == [
        ("job-0", "succeeded"),
        ("job-1", "succeeded"),
    ]


def test_progress_ends_with_a_summary(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(2))
    log = tmp_path / "progress.txt"
    with log.open("w") as stream:
        batch(wiro_tools, server, jobs, tmp_path / "out", download=False, progress=stream)
    last = log.read_text().splitlines()[-1]
    assert last.startswith("batch done: 2 succeeded, 0 failed, 0 cancelled, 0 unknown")
    assert json.dumps(str(ONE_TASK * 2))  # the cost is summed exactly
    assert f"cost ${ONE_TASK * 2:.4f}" in last


def test_a_task_whose_outputs_failed_to_download_is_not_sent_again(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    server.queue_task_scripts({"output_size": 1000, "advertised_size": 2000})
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(1))
    first = batch(wiro_tools, server, jobs, tmp_path / "out")
    (line,) = results(tmp_path / "out")
    assert (first.exit_code, line["status"]) == (1, "failed")
    assert "downloading its outputs failed" in line["error"] and line["taskid"]
    batch(wiro_tools, server, jobs, tmp_path / "out")  # tries the download again
    assert results(tmp_path / "out")[0]["taskid"] == line["taskid"]
    assert server.request_count(RUN_PATH) == 1
    assert not list((tmp_path / "out" / "job-0").glob("*.png"))  # nothing half-written


def test_a_journal_write_that_fails_ends_the_batch_with_its_error(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path, monkeypatch: Any
) -> None:
    # `finished` is queued without waiting; its failure must not pass unnoticed.
    def disk_failure(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    journal = importlib.import_module(f"{wiro_tools.__name__}._runtime._batch_journal")
    monkeypatch.setattr(journal.Journal, "finished", disk_failure)
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(2))
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        batch(wiro_tools, server, jobs, tmp_path / "out", download=False)


def test_refused_credentials_end_the_batch_with_an_authentication_error(
    wiro_tools: ModuleType, server: RunningMockServer, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(2))
    wrong = wiro_tools.WiroClient(
        api_key="not-the-key", api_secret="not-the-secret", base_url=server.base_url
    )
    with wrong, pytest.raises(wiro_tools.AuthenticationError):
        wiro_tools.run_batch(wrong, jobs, tmp_path / "out", progress=None)
    assert {line["status"] for line in results(tmp_path / "out")} == {"not_run"}
