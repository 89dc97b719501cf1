"""A task's life through the generated client: polling, outcomes, retries, kill and cancel."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import httpx
import pytest

from .fakewiro import RUN_OK, Driver, FakeWiro, detail, maybe, ok, task
from .runtime.waits import DETAIL, RUN_PATH, run_and_wait


def test_wait_polls_until_success_and_returns_outputs(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    fake = FakeWiro().queue(
        DETAIL,
        detail(task("task_queue")),
        detail(task("task_start")),
        detail(task("task_postprocess_end")),
    )
    seen: list[str] = []
    result = run_and_wait(driver, all_kinds_module, fake, on_status=lambda s: seen.append(s.status))
    assert seen == ["task_queue", "task_start", "task_postprocess_end"]
    assert (result.status, result.pexit, result.succeeded) == ("task_postprocess_end", "0", True)
    (output,) = result.outputs
    assert (output.name, output.contenttype, output.size) == ("0.png", "image/png", 202472)
    assert output.url == "https://cdn1.wiro.ai/6a6a/0.png"
    assert str(result.cost) == "0.003510000000"
    assert result.timings.elapsed_seconds == 6.0
    assert result.timings.created is not None and result.timings.created.year == 2024
    assert [FakeWiro.body(request) for request in fake.sent(DETAIL)] == [{"taskid": "2221"}] * 3


def test_unknown_statuses_keep_the_poll_going(driver: Driver, all_kinds_module: ModuleType) -> None:
    fake = FakeWiro().queue(
        DETAIL,
        detail(task("task_brand_new")),
        detail(task("task_end")),
        detail(task("task_postprocess_end")),
    )
    assert run_and_wait(driver, all_kinds_module, fake).status == "task_postprocess_end"
    assert len(fake.sent(DETAIL)) == 3


def test_poll_cadence_follows_wiro(driver: Driver, all_kinds_module: ModuleType) -> None:
    fake = FakeWiro().queue(
        DETAIL, *[detail(task("task_start"))] * 20, detail(task("task_postprocess_end"))
    )
    run_and_wait(driver, all_kinds_module, fake)
    # Polls at 0, 2, ..., 14 s, then every 5 s from 16 s to 56 s, then every 10 s.
    assert driver.sleeps == [2.0] * 8 + [5.0] * 9 + [10.0] * 3


def test_poll_interval_overrides_the_cadence(driver: Driver, all_kinds_module: ModuleType) -> None:
    fake = FakeWiro().queue(
        DETAIL, detail(task("task_start")), detail(task("task_postprocess_end"))
    )
    run_and_wait(driver, all_kinds_module, fake, poll_interval=0.25)
    assert driver.sleeps == [0.25]


def test_non_zero_pexit_raises_task_failed(driver: Driver, all_kinds_module: ModuleType) -> None:
    failed = task(
        "task_postprocess_end", pexit="1", debugerror="CUDA out of memory", debugoutput="step 3"
    )
    with pytest.raises(driver.package.TaskFailed) as caught:
        run_and_wait(driver, all_kinds_module, FakeWiro().queue(DETAIL, detail(failed)))
    assert (caught.value.debugerror, caught.value.debugoutput) == ("CUDA out of memory", "step 3")
    assert "CUDA out of memory" in str(caught.value)
    assert caught.value.task.pexit == "1"


def test_task_error_raises_task_failed(driver: Driver, all_kinds_module: ModuleType) -> None:
    errored = task("task_error", pexit="", debugerror="model failed to load")
    with pytest.raises(driver.package.TaskFailed, match="model failed to load"):
        run_and_wait(driver, all_kinds_module, FakeWiro().queue(DETAIL, detail(errored)))


def test_task_cancel_raises_task_cancelled(driver: Driver, all_kinds_module: ModuleType) -> None:
    with pytest.raises(driver.package.TaskCancelled) as caught:
        run_and_wait(
            driver, all_kinds_module, FakeWiro().queue(DETAIL, detail(task("task_cancel")))
        )
    assert caught.value.task.status == "task_cancel"


def test_timeout_carries_the_last_snapshot(driver: Driver, all_kinds_module: ModuleType) -> None:
    fake = FakeWiro().queue(DETAIL, detail(task("task_queue")), detail(task("task_start")))
    with pytest.raises(driver.package.TaskTimeout) as caught:
        run_and_wait(driver, all_kinds_module, fake, timeout=5)
    assert caught.value.task.status == "task_start"
    assert isinstance(caught.value, TimeoutError)
    assert sum(driver.sleeps) == 5


def test_detail_503_is_retried_with_backoff(driver: Driver, all_kinds_module: ModuleType) -> None:
    fake = FakeWiro().queue(
        DETAIL, httpx.Response(503), httpx.Response(502), detail(task("task_postprocess_end"))
    )
    assert run_and_wait(driver, all_kinds_module, fake).succeeded
    assert len(fake.sent(DETAIL)) == 3
    first, second = driver.sleeps
    assert 0.25 <= first <= 0.5 and 0.5 <= second <= 1.0
    nonces = [request.headers["x-nonce"] for request in fake.sent(DETAIL)]
    assert len(set(nonces)) == 3, "each attempt is signed anew"


def test_retry_after_is_honoured(driver: Driver, all_kinds_module: ModuleType) -> None:
    limited = httpx.Response(429, headers={"retry-after": "7"})
    fake = FakeWiro().queue(DETAIL, limited, detail(task("task_postprocess_end")))
    run_and_wait(driver, all_kinds_module, fake)
    assert driver.sleeps == [7.0]


def test_connection_errors_on_detail_are_retried(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    dropped = httpx.RemoteProtocolError("server disconnected")
    fake = FakeWiro().queue(DETAIL, dropped, detail(task("task_postprocess_end")))
    assert run_and_wait(driver, all_kinds_module, fake).succeeded


def test_retries_are_bounded(driver: Driver, all_kinds_module: ModuleType) -> None:
    fake = FakeWiro().queue(DETAIL, httpx.Response(500))
    with pytest.raises(driver.package.ServerError) as caught:
        run_and_wait(driver, all_kinds_module, fake)
    assert caught.value.status_code == 500
    assert len(fake.sent(DETAIL)) == 4  # one try and 3 retries


def test_run_is_never_retried(driver: Driver, all_kinds_module: ModuleType) -> None:
    for failure, error in [
        (httpx.Response(503), "ServerError"),
        (httpx.ConnectError("refused"), "APIConnectionError"),
        (httpx.ReadTimeout("slow"), "APITimeoutError"),
    ]:
        fake = FakeWiro().queue(RUN_PATH, failure)

        async def scenario(client: Any) -> Any:
            return await maybe(driver.tool(all_kinds_module, "AllKinds", client).run())

        with pytest.raises(getattr(driver.package, error)):
            driver.run(fake, scenario)
        assert len(fake.sent(RUN_PATH)) == 1


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (0, "APIError"),
        (1, "NotFoundError"),
        (96, "ConcurrencyLimitError"),
        (97, "InsufficientBalanceError"),
        (98, "SignInRequiredError"),
        (99, "InvalidTokenError"),
    ],
)
def test_result_false_maps_codes_to_errors(
    driver: Driver, all_kinds_module: ModuleType, code: int, error: str
) -> None:
    refused = httpx.Response(
        200, json={"result": False, "errors": [{"code": str(code), "message": "nope"}]}
    )

    async def scenario(client: Any) -> Any:
        return await maybe(driver.tool(all_kinds_module, "AllKinds", client).run())

    with pytest.raises(getattr(driver.package, error)) as caught:
        # slot_timeout=0: a 96 is raised at once rather than waited out.
        driver.run(FakeWiro().queue(RUN_PATH, refused), scenario, slot_timeout=0)
    assert (caught.value.code, caught.value.message, caught.value.status_code) == (
        code,
        "nope",
        200,
    )
    assert isinstance(caught.value, driver.package.APIError)


def test_http_status_with_a_wiro_code_uses_the_code(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    refused = httpx.Response(
        401, json={"result": False, "errors": [{"code": 99, "message": "bad signature"}]}
    )

    async def scenario(client: Any) -> Any:
        return await maybe(driver.tool(all_kinds_module, "AllKinds", client).run())

    with pytest.raises(driver.package.InvalidTokenError) as caught:
        driver.run(FakeWiro().queue(RUN_PATH, refused), scenario)
    assert caught.value.status_code == 401
    assert isinstance(caught.value, driver.package.AuthenticationError)


def test_malformed_json_is_an_invalid_response(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    async def scenario(client: Any) -> Any:
        return await maybe(driver.tool(all_kinds_module, "AllKinds", client).run())

    garbled = httpx.Response(200, content=b'{"result": true, "taskid": ')
    with pytest.raises(driver.package.InvalidResponseError):
        driver.run(FakeWiro().queue(RUN_PATH, garbled), scenario)


def test_redirects_are_not_followed(driver: Driver, all_kinds_module: ModuleType) -> None:
    moved = httpx.Response(307, headers={"location": "https://evil.test/steal"})

    async def scenario(client: Any) -> Any:
        return await maybe(driver.tool(all_kinds_module, "AllKinds", client).run())

    fake = FakeWiro().queue(RUN_PATH, moved)
    with pytest.raises(driver.package.HTTPStatusError) as caught:
        driver.run(fake, scenario)
    assert caught.value.status_code == 307
    assert [request.url.host for request in fake.requests] == ["api.wiro.ai"]


def test_kill_uses_the_documented_identifier(driver: Driver, all_kinds_module: ModuleType) -> None:
    fake = FakeWiro().queue("Task/Kill", ok(tasklist=[task("task_cancel")]))

    async def scenario(client: Any) -> Any:
        return await maybe(client.task("2221", "eDcCm5yy", tool=all_kinds_module.TOOL).kill())

    assert driver.run(fake, scenario).status == "task_cancel"
    assert FakeWiro.body(fake.sent("Task/Kill")[0]) == {"socketaccesstoken": "eDcCm5yy"}


def test_cancel_sends_the_taskid(driver: Driver, all_kinds_module: ModuleType) -> None:
    fake = FakeWiro().queue("Task/Cancel", ok(tasklist=[task("task_cancel")]))

    async def scenario(client: Any) -> Any:
        return await maybe(client.task("2221", tool=all_kinds_module.TOOL).cancel())

    assert driver.run(fake, scenario).status == "task_cancel"
    assert FakeWiro.body(fake.sent("Task/Cancel")[0]) == {"taskid": "2221"}


def test_cancel_of_a_running_task_reports_wiros_refusal(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    refused = httpx.Response(
        200,
        json={
            "result": False,
            "errors": [{"code": 0, "message": "Task is not in a cancellable state."}],
        },
    )

    async def scenario(client: Any) -> Any:
        return await maybe(client.task("2221").cancel())

    with pytest.raises(driver.package.APIError, match="not in a cancellable state"):
        driver.run(FakeWiro().queue("Task/Cancel", refused), scenario)


def test_detail_by_tasktoken_when_the_page_documents_only_that(wiro_tools: ModuleType) -> None:
    from wiro_tools.wiro.pixart_sigma import TOOL

    fake = FakeWiro().queue(DETAIL, detail(task("task_start")))
    with wiro_tools.WiroClient("k", "s", transport=httpx.MockTransport(fake.handler)) as client:
        assert client.task("2221", "eDcCm5yy", tool=TOOL).detail().status == "task_start"
    assert FakeWiro.body(fake.sent(DETAIL)[0]) == {"tasktoken": "eDcCm5yy"}


def test_run_and_wait_runs_then_waits(driver: Driver, all_kinds_module: ModuleType) -> None:
    fake = FakeWiro().queue(RUN_PATH, RUN_OK).queue(DETAIL, detail(task("task_postprocess_end")))

    async def scenario(client: Any) -> Any:
        tool = driver.tool(all_kinds_module, "AllKinds", client)
        return await maybe(tool.run_and_wait(prompt="a heron", timeout=60))

    assert driver.run(fake, scenario).succeeded
    assert FakeWiro.body(fake.sent(RUN_PATH)[0])["prompt"] == "a heron"
