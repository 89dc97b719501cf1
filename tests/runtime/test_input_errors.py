"""InvalidInputError names the Python argument, and the wire name when it differs."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from tests.support.fakewiro import Driver, FakeWiro, maybe


def refused(driver: Driver, module: ModuleType, **arguments: Any) -> Any:
    async def scenario(client: Any) -> Any:
        return await maybe(driver.tool(module, "AllKinds", client).run(**arguments))

    fake = FakeWiro()
    with pytest.raises(driver.package.InvalidInputError) as caught:
        driver.run(fake, scenario)
    assert fake.requests == []
    return caught.value


def test_the_error_names_the_argument_and_its_wire_name(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    error = refused(driver, all_kinds_module, input_image=3.5)
    assert (error.argument, error.input_name) == ("input_image", "inputImage")
    assert str(error).startswith("argument 'input_image' (sent as 'inputImage'): ")


def test_an_argument_named_as_on_the_wire_is_named_once(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    error = refused(driver, all_kinds_module, steps="30")
    assert (error.argument, error.input_name) == ("steps", "steps")
    assert str(error).startswith("argument 'steps': ")
    assert "sent as" not in str(error)


def test_a_str_path_names_the_argument_and_says_to_pass_a_path(
    driver: Driver, all_kinds_module: ModuleType
) -> None:
    error = refused(driver, all_kinds_module, input_image="/etc/passwd")
    assert str(error).startswith("argument 'input_image' (sent as 'inputImage'): ")
    assert "Path('/etc/passwd')" in str(error)
