"""`batch --max-cost USD`: refused before any Run when the estimates pass it, sending
stopped when billed plus in-flight estimates would, estimated against billed at the end."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from generator.mockserver import RunningMockServer

from ..batch.support import client, prompts, results, run_batch_command, write_jobs
from ..support.mockserver_fixture import StartMockWiro

RUN_PATH = "/v1/Run/wiro/PixArt-Sigma"
ONE_JOB = Decimal("0.004")  # a PixArt-Sigma job of `prompts`: one 1024x1024 image


def test_a_batch_estimated_above_the_limit_is_refused_naming_the_sum(
    start_mock_wiro: StartMockWiro, tmp_path: Path
) -> None:
    server = start_mock_wiro()
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(3))
    done = run_batch_command(server, jobs, tmp_path / "out", "--max-cost", "0.01")
    assert done.returncode == 2
    assert "the jobs would cost up to $0.012, more than --max-cost $0.01" in done.stderr
    assert server.request_count(RUN_PATH) == 0


def test_a_batch_with_a_job_that_cannot_be_estimated_is_refused(
    start_mock_wiro: StartMockWiro, tmp_path: Path
) -> None:
    server = start_mock_wiro()
    unpriced = {"id": "baroque", "tool": "arsmachina/baroque-space-opera-v1", "inputs": {}}
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(1), unpriced)
    done = run_batch_command(server, jobs, tmp_path / "out", "--max-cost", "5")
    assert done.returncode == 2
    assert "no estimate for 1 job(s) (baroque)" in done.stderr
    assert server.requests() == []


def test_a_batch_within_the_limit_runs_and_shows_estimated_against_billed(
    start_mock_wiro: StartMockWiro, tmp_path: Path
) -> None:
    server = start_mock_wiro(tick_seconds=0.01)
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(3))
    done = run_batch_command(server, jobs, tmp_path / "out", "--max-cost", "0.012")
    assert done.returncode == 0, done.stderr
    assert "cost $0.0120 (estimated $0.0120)" in done.stderr


def risen(start_mock_wiro: StartMockWiro) -> RunningMockServer:
    """A server billing PixArt-Sigma 0.01 a run: Wiro's price rose since generation."""
    rise = {"dynamicprice": [{"inputs": {}, "price": "0.01", "priceMethod": "cpr"}]}
    return start_mock_wiro(prices={"wiro/pixart-sigma": rise}, concurrency_limit=1)


def test_sending_stops_when_billed_and_in_flight_would_pass_the_limit(
    wiro_tools: ModuleType, start_mock_wiro: StartMockWiro, tmp_path: Path
) -> None:
    server = risen(start_mock_wiro)
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(3))
    with client(wiro_tools, server) as wiro:
        done = wiro_tools.run_batch(
            wiro, jobs, tmp_path / "out", concurrency=1, progress=None, max_cost=ONE_JOB * 3
        )
    assert done.counts == {"succeeded": 1, "not_run": 2}
    assert done.stopped_for == (
        "--max-cost $0.012 would be passed: billed $0.01, in flight $0.00, "
        "next job job-1 up to $0.004"
    )
    assert (done.cost, done.estimated) == (Decimal("0.01"), ONE_JOB)
    assert server.request_count(RUN_PATH) == 1


def test_the_command_stopped_by_the_limit_exits_3_saying_how_to_go_on(
    start_mock_wiro: StartMockWiro, tmp_path: Path
) -> None:
    server = risen(start_mock_wiro)
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(3))
    options = ("--max-cost", "0.012", "--concurrency", "1", "--no-download")
    done = run_batch_command(server, jobs, tmp_path / "out", *options)
    assert done.returncode == 3, done.stderr
    assert "2 jobs not sent (job-1, job-2); rerun with a higher --max-cost." in done.stderr
    assert "cost $0.0100 (estimated $0.0040)" in done.stderr
    assert [line["status"] for line in results(tmp_path / "out")] == [
        "succeeded",
        "not_run",
        "not_run",
    ]


def test_a_rerun_counts_what_earlier_runs_were_billed(
    wiro_tools: ModuleType, start_mock_wiro: StartMockWiro, tmp_path: Path
) -> None:
    server = start_mock_wiro(tick_seconds=0.01)
    out = tmp_path / "out"
    with client(wiro_tools, server) as wiro:
        first = write_jobs(tmp_path / "jobs.jsonl", *prompts(2))
        assert wiro_tools.run_batch(wiro, first, out, progress=None).cost == ONE_JOB * 2
        more = write_jobs(tmp_path / "jobs.jsonl", *prompts(4))
        with pytest.raises(wiro_tools.CostLimitError) as refused:
            wiro_tools.run_batch(wiro, more, out, progress=None, max_cost=Decimal("0.015"))
    assert "up to $0.016 (billed so far $0.008), more than --max-cost $0.015" in str(refused.value)
    assert server.request_count(RUN_PATH) == 2


@pytest.mark.parametrize("text", ["lots", "-1", "nan"])
def test_a_max_cost_that_is_no_amount_is_a_usage_error(
    start_mock_wiro: StartMockWiro, tmp_path: Path, text: str
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", *prompts(1))
    done = run_batch_command(start_mock_wiro(), jobs, tmp_path / "out", "--max-cost", text)
    assert done.returncode == 2
    assert "expected an amount in USD" in done.stderr
