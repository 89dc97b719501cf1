"""run() waits for a free slot: a Run refused with code 96 started no task and is sent
again with backoff, for at most the client's `slot_timeout`; code 97 never is."""

from __future__ import annotations

import io
import logging
from typing import Any

import httpx
import pytest

from generator import runtime

from ..fakewiro import RUN_OK, Driver, FakeWiro, maybe
from .support import RUN_PATH, AsyncUploads, SyncUploads

LIMIT_MESSAGE = (
    "You have reached your concurrent task limit. With your current balance of $10.00, "
    "you can run up to 1 tasks at the same time. Add funds to increase your limit."
)


def refusal(code: int, message: str = LIMIT_MESSAGE) -> httpx.Response:
    return httpx.Response(
        200, json={"result": False, "errors": [{"code": code, "message": message}]}
    )


def start(driver: Driver, fake: FakeWiro, **client: Any) -> Any:
    """Start the uploads tool on a fake clock that moves by the client's sleeps."""

    async def scenario(wiro: Any) -> Any:
        tool = SyncUploads(wiro) if driver.flavour == "sync" else AsyncUploads(wiro)
        return await maybe(tool._start({"prompt": "a cat"}))

    return driver.run(fake, scenario, clock=lambda: sum(driver.sleeps), **client)


def test_a_run_refused_with_code_96_is_sent_again_until_a_slot_frees(driver: Driver) -> None:
    fake = FakeWiro().queue(RUN_PATH, refusal(96), refusal(96), RUN_OK)
    task = start(driver, fake)
    assert task.taskid == "2221"
    assert len(fake.sent(RUN_PATH)) == 3


def test_the_waits_for_a_slot_back_off_with_jitter(driver: Driver) -> None:
    fake = FakeWiro().queue(RUN_PATH, *[refusal(96)] * 4, RUN_OK)
    start(driver, fake)
    # Doubling from 1 s, each jittered within its upper half.
    for sleep, backoff in zip(driver.sleeps, [1.0, 2.0, 4.0, 8.0], strict=True):
        assert backoff / 2 <= sleep <= backoff


def test_slot_waiting_gives_up_at_the_slot_timeout(driver: Driver) -> None:
    fake = FakeWiro().queue(RUN_PATH, refusal(96))
    with pytest.raises(runtime.ConcurrencyLimitError):
        start(driver, fake, slot_timeout=20)
    assert sum(driver.sleeps) == pytest.approx(20)


def test_a_slot_timeout_of_zero_raises_at_the_first_refusal(driver: Driver) -> None:
    fake = FakeWiro().queue(RUN_PATH, refusal(96), RUN_OK)
    with pytest.raises(runtime.ConcurrencyLimitError):
        start(driver, fake, slot_timeout=0)
    assert len(fake.sent(RUN_PATH)) == 1


def test_code_97_is_never_sent_again(driver: Driver) -> None:
    fake = FakeWiro().queue(RUN_PATH, refusal(97, "Insufficient balance"), RUN_OK)
    with pytest.raises(runtime.InsufficientBalanceError):
        start(driver, fake)
    assert len(fake.sent(RUN_PATH)) == 1


def test_each_wait_for_a_slot_is_logged_at_info_with_the_limit(
    driver: Driver, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakeWiro().queue(RUN_PATH, refusal(96), RUN_OK)
    with caplog.at_level(logging.INFO, logger="generator.runtime"):
        start(driver, fake)
    (line,) = [r.getMessage() for r in caplog.records if "no free slot" in r.getMessage()]
    assert "1 at a time" in line and RUN_PATH in line


def test_a_refused_upload_is_sent_again_whole(driver: Driver) -> None:
    fake = FakeWiro().queue(RUN_PATH, refusal(96), RUN_OK)
    image = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"pixels" * 10)

    async def scenario(wiro: Any) -> Any:
        tool = SyncUploads(wiro) if driver.flavour == "sync" else AsyncUploads(wiro)
        return await maybe(tool._start({"inputImage": image}))

    driver.run(fake, scenario, clock=lambda: sum(driver.sleeps))
    first, second = fake.sent(RUN_PATH)
    assert b"pixels" * 10 in second.content
    assert first.content.count(b"pixels") == second.content.count(b"pixels")


def test_the_limit_is_read_from_wiros_message() -> None:
    error = runtime.ConcurrencyLimitError(LIMIT_MESSAGE, code=96, response=None)
    assert error.limit == 1


def test_a_message_without_the_limit_gives_none() -> None:
    error = runtime.ConcurrencyLimitError("limit reached", code=96, response=None)
    assert error.limit is None


@pytest.mark.parametrize("bad", [-1, float("nan"), "10", True])
def test_a_bad_slot_timeout_is_a_configuration_error(bad: object) -> None:
    with pytest.raises(runtime.ConfigurationError, match="slot_timeout"):
        runtime.WiroClient(api_key="k", slot_timeout=bad)  # type: ignore[arg-type]
