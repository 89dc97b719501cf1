"""wait(): "There is no task yet.", unreadable answers, async on_status, deadlines."""

from __future__ import annotations

import asyncio
from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.support.fakewiro import RUN_OK, Driver, FakeWiro, detail, maybe, ok, task

from .waits import DETAIL, RUN_PATH, run_and_wait

NO_TASK_YET = httpx.Response(
    200, json={"result": False, "errors": [{"code": 1, "message": "There is no task yet."}]}
)
DONE = detail(task("task_postprocess_end"))


def test_wait_survives_four_no_task_yet_polls(driver: Driver, all_kinds_module: ModuleType) -> None:
    fake = FakeWiro().queue(DETAIL, *[NO_TASK_YET] * 4, DONE)
    assert run_and_wait(driver, all_kinds_module, fake).succeeded
    assert len(fake.sent(DETAIL)) == 5


def test_no_task_yet_polls_follow_the_polling_cadence(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    fake = FakeWiro().queue(DETAIL, *[NO_TASK_YET] * 2, DONE)
    run_and_wait(driver, all_kinds_module, fake)
    assert driver.sleeps == [2.0, 2.0]


def test_five_no_task_yet_polls_in_a_row_raise_not_found_with_the_last_snapshot(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    fake = FakeWiro().queue(DETAIL, detail(task("task_queue")), *[NO_TASK_YET] * 5, DONE)
    with pytest.raises(driver.package.NotFoundError) as caught:
        run_and_wait(driver, all_kinds_module, fake)
    assert caught.value.task is not None and caught.value.task.status == "task_queue"
    assert len(fake.sent(DETAIL)) == 6


def test_a_successful_poll_resets_the_count_of_failed_ones(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    running = detail(task("task_start"))
    fake = FakeWiro().queue(DETAIL, *[NO_TASK_YET] * 4, running, *[NO_TASK_YET] * 4, DONE)
    assert run_and_wait(driver, all_kinds_module, fake).succeeded


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, text="<html>bad gateway</html>"),
        ok(total="1"),
        ok(tasklist="2221"),
        ok(tasklist=["2221"]),
        ok(tasklist={"id": "2221"}),
    ],
    ids=["not-json", "no-tasklist", "tasklist-text", "tasklist-of-texts", "tasklist-object"],
)
def test_an_unreadable_detail_answer_is_retried_like_a_5xx(
    driver: Driver, all_kinds_module: ModuleType, answer: httpx.Response
) -> None:
    fake = FakeWiro().queue(DETAIL, answer, answer, DONE)
    assert run_and_wait(driver, all_kinds_module, fake).succeeded
    first, second = driver.sleeps
    assert 0.25 <= first <= 0.5 and 0.5 <= second <= 1.0


def test_unreadable_answers_past_the_retries_raise_with_the_last_snapshot(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    garbage = httpx.Response(200, text="not json")
    fake = FakeWiro().queue(DETAIL, detail(task("task_start")), *[garbage] * 4, DONE)
    with pytest.raises(driver.package.InvalidResponseError) as caught:
        run_and_wait(driver, all_kinds_module, fake)
    assert caught.value.task is not None and caught.value.task.status == "task_start"
    assert len(fake.sent(DETAIL)) == 5


def test_a_plain_on_status_function_is_called_with_each_new_status(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    fake = FakeWiro().queue(DETAIL, detail(task("task_queue")), detail(task("task_queue")), DONE)
    seen: list[str] = []
    run_and_wait(driver, all_kinds_module, fake, on_status=lambda s: seen.append(s.status))
    assert seen == ["task_queue", "task_postprocess_end"]


def test_an_async_on_status_coroutine_function_is_awaited(
    allkinds: ModuleType, all_kinds_module: ModuleType
) -> None:
    driver = Driver(allkinds, "async")
    fake = FakeWiro().queue(DETAIL, detail(task("task_queue")), DONE)
    seen: list[str] = []

    async def on_status(snapshot: Any) -> None:
        await asyncio.sleep(0)
        seen.append(snapshot.status)

    run_and_wait(driver, all_kinds_module, fake, on_status=on_status)
    assert seen == ["task_queue", "task_postprocess_end"]


@pytest.mark.parametrize("retry_after", ["60", "3600"])
def test_retry_after_never_sleeps_past_the_waits_deadline(
    driver: Driver, all_kinds_module: ModuleType, retry_after: str
) -> None:
    limited = httpx.Response(429, headers={"retry-after": retry_after})
    fake = FakeWiro().queue(DETAIL, detail(task("task_start")), limited)
    with pytest.raises(driver.package.TaskTimeout) as caught:
        run_and_wait(driver, all_kinds_module, fake, timeout=10)
    assert sum(driver.sleeps) <= 10
    assert caught.value.task.status == "task_start"


def test_backoff_never_sleeps_past_the_waits_deadline(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    fake = FakeWiro().queue(DETAIL, detail(task("task_start")), httpx.Response(503))
    with pytest.raises(driver.package.TaskTimeout):
        run_and_wait(driver, all_kinds_module, fake, timeout=2.5)
    assert sum(driver.sleeps) <= 2.5


def test_a_wait_that_never_saw_the_task_times_out_with_its_id(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    fake = FakeWiro().queue(DETAIL, httpx.Response(200, text="not json"))
    with pytest.raises(driver.package.TaskTimeout) as caught:
        run_and_wait(driver, all_kinds_module, fake, timeout=0.5)
    assert (caught.value.task.taskid, caught.value.task.status) == ("2221", "")


def test_run_and_wait_counts_its_timeout_from_before_the_run(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    fake = FakeWiro().queue(RUN_PATH, RUN_OK).queue(DETAIL, detail(task("task_start")))
    run_seconds: list[float] = []

    def slow_run(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith(RUN_PATH):
            run_seconds.append(4.0)  # the Run request takes 4 s of the fake clock
        return fake.handler(request)

    async def scenario(client: Any) -> Any:
        tool = driver.tool(all_kinds_module, "AllKinds", client)
        return await maybe(tool.run_and_wait(timeout=5))

    def clock() -> float:
        return sum(run_seconds) + sum(driver.sleeps)

    transport = httpx.MockTransport(slow_run)
    with pytest.raises(driver.package.TaskTimeout, match="after 5 s"):
        driver.run(fake, scenario, clock=clock, transport=transport)
    assert clock() <= 5
