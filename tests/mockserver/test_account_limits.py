"""The account's limits on the mock server: tasks at once (code 96 with Wiro's message),
a balance that succeeded tasks are billed from (code 97 once spent), wall-time tasks."""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import httpx

from generator.mockserver import RunningMockServer

from ..support.mockserver_fixture import StartMockWiro, signed_client

PIXART = "/Run/wiro/PixArt-Sigma"
DETAIL = "/Task/Detail"
# PixArt-Sigma's default run: one 1024x1024 image at $0.004 a megapixel (specs/prices.json).
ONE_TASK = Decimal("0.004")


def run(wiro: httpx.Client) -> dict[str, Any]:
    body: dict[str, Any] = wiro.post(PIXART, json={"prompt": "a cat"}).json()
    return body


def finish(server: RunningMockServer) -> None:
    server.clock(advance=100)


def test_a_run_beyond_the_concurrency_limit_is_refused_with_code_96(
    start_mock_wiro: StartMockWiro,
) -> None:
    server = start_mock_wiro(concurrency_limit=2)
    with signed_client(server) as wiro:
        assert run(wiro)["result"] and run(wiro)["result"]
        refused = run(wiro)
    assert refused["result"] is False
    assert refused["errors"][0]["code"] == 96
    assert "you can run up to 2 tasks at the same time" in refused["errors"][0]["message"]


def test_a_refused_run_starts_no_task(start_mock_wiro: StartMockWiro) -> None:
    server = start_mock_wiro(concurrency_limit=1)
    with signed_client(server) as wiro:
        run(wiro)
        run(wiro)
    assert server.account()["running"] == 1
    assert server.account()["refused"] == {"96": 1}


def test_a_slot_frees_when_a_task_finishes(start_mock_wiro: StartMockWiro) -> None:
    server = start_mock_wiro(concurrency_limit=1)
    with signed_client(server) as wiro:
        run(wiro)
        finish(server)
        assert run(wiro)["result"] is True


def test_a_cancelled_task_frees_its_slot(start_mock_wiro: StartMockWiro) -> None:
    server = start_mock_wiro(concurrency_limit=1)
    with signed_client(server) as wiro:
        taskid = run(wiro)["taskid"]
        wiro.post("/Task/Kill", json={"taskid": taskid})
        assert run(wiro)["result"] is True


def test_succeeded_tasks_are_billed_from_the_balance(start_mock_wiro: StartMockWiro) -> None:
    server = start_mock_wiro(balance=Decimal("1"))
    with signed_client(server) as wiro:
        taskid = run(wiro)["taskid"]
        finish(server)
        billed = wiro.post(DETAIL, json={"taskid": taskid}).json()["tasklist"][0]["totalcost"]
    assert Decimal(server.account()["spent"]) == Decimal(billed) == ONE_TASK


def test_failed_tasks_are_not_billed(start_mock_wiro: StartMockWiro) -> None:
    server = start_mock_wiro(balance=Decimal("1"))
    server.queue_task_scripts("pexit")
    with signed_client(server) as wiro:
        run(wiro)
        finish(server)
    assert Decimal(server.account()["spent"]) == 0


def test_a_run_once_the_balance_is_spent_is_refused_with_code_97(
    start_mock_wiro: StartMockWiro,
) -> None:
    server = start_mock_wiro(balance=ONE_TASK * 2)
    with signed_client(server) as wiro:
        for _ in range(2):
            assert run(wiro)["result"] is True
            finish(server)
        refused = run(wiro)
    assert refused["errors"] == [{"code": 97, "message": "Insufficient balance"}]


def test_the_peak_of_tasks_at_once_is_recorded(start_mock_wiro: StartMockWiro) -> None:
    server = start_mock_wiro()
    with signed_client(server) as wiro:
        for _ in range(3):
            run(wiro)
    assert server.account()["peak"] == 3


def test_wall_time_tasks_finish_without_being_polled(start_mock_wiro: StartMockWiro) -> None:
    server = start_mock_wiro(concurrency_limit=1, tick_seconds=0.01)
    with signed_client(server) as wiro:
        run(wiro)
        deadline = time.monotonic() + 5
        while server.account()["running"] and time.monotonic() < deadline:
            time.sleep(0.02)
        assert run(wiro)["result"] is True
    assert server.request_count("/v1/Task/Detail") == 0


def test_the_admin_api_reports_the_account(start_mock_wiro: StartMockWiro) -> None:
    server = start_mock_wiro(concurrency_limit=1)
    with signed_client(server) as wiro:
        run(wiro)
        run(wiro)
    report = httpx.get(f"{server.origin}/__admin/account").json()
    assert report == {"spent": "0", "running": 1, "peak": 1, "refused": {"96": 1}}
