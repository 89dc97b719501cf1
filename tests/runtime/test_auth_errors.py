"""HTTP 401 and 403 are authentication errors whatever the body's code."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.support.fakewiro import Driver, FakeWiro, maybe

RUN_PATH = "Run/wirogen/all-kinds"


def refusal(
    status: int, code: Any = 0, message: str = "Project authorization is not founded."
) -> httpx.Response:
    return httpx.Response(
        status, json={"result": False, "errors": [{"code": code, "message": message}]}
    )


def run_refused(driver: Driver, module: ModuleType, answer: httpx.Response) -> Exception:
    async def scenario(client: Any) -> Any:
        return await maybe(driver.tool(module, "AllKinds", client).run())

    with pytest.raises(driver.package.WiroError) as caught:
        driver.run(FakeWiro().queue(RUN_PATH, answer), scenario)
    return caught.value


@pytest.mark.parametrize("status", [401, 403])
@pytest.mark.parametrize("code", [0, 1, 96, "x", None])
def test_a_401_or_403_is_an_authentication_error_whatever_the_code(
    driver: Driver, all_kinds_module: ModuleType, status: int, code: Any
) -> None:
    error = run_refused(driver, all_kinds_module, refusal(status, code))
    assert isinstance(error, driver.package.AuthenticationError)
    assert error.status_code == status
    assert "Project authorization is not founded." in str(error)


@pytest.mark.parametrize("status", [401, 403])
def test_a_401_or_403_without_a_wiro_body_is_an_authentication_error(
    driver: Driver, all_kinds_module: ModuleType, status: int
) -> None:
    error = run_refused(driver, all_kinds_module, httpx.Response(status, text="Forbidden"))
    assert type(error) is driver.package.AuthenticationError
    assert error.status_code == status


def test_code_99_on_a_401_keeps_its_class(driver: Driver, all_kinds_module: ModuleType) -> None:
    error = run_refused(driver, all_kinds_module, refusal(401, 99, "Bearer token invalid."))
    assert type(error) is driver.package.InvalidTokenError


def test_code_98_on_a_401_keeps_its_class(driver: Driver, all_kinds_module: ModuleType) -> None:
    error = run_refused(driver, all_kinds_module, refusal(401, 98, "Sign in."))
    assert type(error) is driver.package.SignInRequiredError
