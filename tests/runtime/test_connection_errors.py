"""Connection and timeout errors keep the request that failed (method and URL), as
openai-python's APIConnectionError does, and nothing that carries the credentials."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.support.fakewiro import BASE_URL, KEY, SECRET, Driver, FakeWiro, maybe

from .waits import DETAIL, RUN_PATH, run_and_wait


def run(driver: Driver, module: ModuleType, fake: FakeWiro, **options: Any) -> Any:
    async def scenario(client: Any) -> Any:
        return await maybe(driver.tool(module, "AllKinds", client).run())

    return driver.run(fake, scenario, **options)


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (httpx.ConnectError("refused"), "APIConnectionError"),
        (httpx.ReadTimeout("slow"), "APITimeoutError"),
    ],
)
def test_a_run_that_gets_no_response_keeps_its_method_and_url(
    driver: Driver, all_kinds_module: ModuleType, failure: Exception, error: str
) -> None:
    with pytest.raises(getattr(driver.package, error)) as caught:
        run(driver, all_kinds_module, FakeWiro().queue(RUN_PATH, failure))
    request = caught.value.request
    assert (request.method, str(request.url)) == ("POST", f"{BASE_URL}/{RUN_PATH}")
    assert str(caught.value).startswith(f"POST {BASE_URL}/{RUN_PATH}: ")


def test_a_poll_that_fails_for_good_keeps_the_task_detail_request(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    fake = FakeWiro().queue(DETAIL, httpx.ConnectError("refused"))
    with pytest.raises(driver.package.APIConnectionError) as caught:
        run_and_wait(driver, all_kinds_module, fake, timeout=None)
    assert str(caught.value.request.url) == f"{BASE_URL}/{DETAIL}"


def test_the_kept_request_carries_no_credentials(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    fake = FakeWiro().queue(RUN_PATH, httpx.ConnectError("refused"))
    with pytest.raises(driver.package.APIConnectionError) as caught:
        run(driver, all_kinds_module, fake)
    request = caught.value.request
    shown = f"{caught.value} {caught.value!r} {request!r} {request.headers!r}"
    assert KEY not in shown and SECRET not in shown
    assert not {"x-api-key", "x-signature", "x-nonce"} & set(request.headers)
    assert request.content == b""


def test_the_kept_url_loses_its_user_info(driver: Driver, all_kinds_module: ModuleType) -> None:
    fake = FakeWiro().queue(RUN_PATH, httpx.ConnectError("refused"))
    with pytest.raises(driver.package.APIConnectionError) as caught:
        run(driver, all_kinds_module, fake, base_url="http://user:hunter2@127.0.0.1:9/v1")
    assert str(caught.value.request.url) == f"http://127.0.0.1:9/v1/{RUN_PATH}"
    assert "hunter2" not in str(caught.value)
