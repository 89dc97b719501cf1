"""Values no Run can carry are InvalidInputError naming the argument, before any request;
wait() refuses nonsense timings and keeps a floor under poll_interval (issue 19 items 8, 9)."""

from __future__ import annotations

import io
import math
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.runtime._constants import MIN_POLL_INTERVAL
from generator.runtime._errors import retry_after
from tests.support.fakewiro import Driver, FakeWiro, detail, task

from .test_input_errors import refused
from .waits import DETAIL, run_and_wait

LONE = "a cat \udc80"


@pytest.mark.parametrize(
    ("arguments", "argument", "reason"),
    [
        ({"scale": 10**400}, "scale", "an integer past float's range"),
        ({"steps": 10**5000}, "steps", "from -2**53 to 2**53"),
        ({"steps": 2**53 + 1}, "steps", "from -2**53 to 2**53"),
        ({"prompt": LONE}, "prompt", "lone surrogate"),
        ({"aspect_ratio": "16:9\udc80", "allow_unlisted": True}, "aspect_ratio", "surrogate"),
        ({"loras": ["61\udc80"], "allow_unlisted": True}, "loras", "lone surrogate"),
        ({"extra_body": {"note": LONE}}, "extra_body", "lone surrogate"),
        ({"extra_body": {"n": 10**5000}}, "extra_body", "not JSON-serialisable"),
        ({"callback_url": f"https://me.test/{LONE}"}, "callback_url", "lone surrogate"),
        ({"project_id": LONE}, "project_id", "lone surrogate"),
    ],
)
def test_a_value_no_request_can_carry_is_refused_naming_its_argument(
    driver: Driver,
    all_kinds_module: ModuleType,
    arguments: dict[str, Any],
    argument: str,
    reason: str,
) -> None:
    error = refused(driver, all_kinds_module, **arguments)
    assert error.argument == argument
    assert reason in str(error)


def test_a_closed_file_is_refused_naming_its_argument(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    closed = io.BytesIO(b"\x89PNG\r\n\x1a\n")
    closed.close()
    error = refused(driver, all_kinds_module, input_image=closed)
    assert error.argument == "input_image" and "the file is closed" in str(error)


@pytest.mark.parametrize(
    ("wait", "argument"),
    [
        ({"poll_interval": -1.0}, "poll_interval"),
        ({"poll_interval": math.nan}, "poll_interval"),
        ({"timeout": math.nan}, "timeout"),
        ({"timeout": -5.0}, "timeout"),
        ({"timeout": math.inf}, "timeout"),
    ],
)
def test_wait_refuses_timings_that_are_not_seconds(
    driver: Driver, all_kinds_module: ModuleType, wait: dict[str, float], argument: str
) -> None:
    fake = FakeWiro().queue(DETAIL, detail(task("task_postprocess_end")))
    with pytest.raises(driver.package.InvalidInputError) as caught:
        run_and_wait(driver, all_kinds_module, fake, **wait)
    assert caught.value.argument == argument


def test_poll_interval_zero_keeps_a_floor(driver: Driver, all_kinds_module: ModuleType) -> None:
    fake = FakeWiro().queue(
        DETAIL,
        detail(task("task_start")),
        detail(task("task_output")),
        detail(task("task_postprocess_end")),
    )
    run_and_wait(driver, all_kinds_module, fake, poll_interval=0)
    assert driver.sleeps == [MIN_POLL_INTERVAL, MIN_POLL_INTERVAL]


def test_a_retry_after_date_past_any_calendar_is_ignored() -> None:
    far = httpx.Response(503, headers={"retry-after": "Fri, 31 Dec 99999999999 23:59:59 GMT"})
    assert retry_after(far) is None


def test_wait_survives_a_retry_after_date_past_any_calendar(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    far = httpx.Response(
        503,
        headers={"retry-after": "Fri, 31 Dec 99999999999 23:59:59 GMT"},
        json={"result": False, "errors": []},
    )
    fake = FakeWiro().queue(DETAIL, far, detail(task("task_postprocess_end")))
    snapshot = run_and_wait(driver, all_kinds_module, fake)
    assert snapshot.status == "task_postprocess_end"
