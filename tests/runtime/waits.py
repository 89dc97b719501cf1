"""Running a tool and waiting for its task on a fake clock (the sum of the sleeps so far)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tests.support.fakewiro import RUN_OK, Driver, FakeWiro, maybe

RUN_PATH = "Run/wirogen/all-kinds"
DETAIL = "Task/Detail"


def run_and_wait(driver: Driver, module: ModuleType, fake: FakeWiro, **wait: Any) -> Any:
    """Run all-kinds and wait for its task with `wait` options; `fake` answers Task/Detail."""

    async def scenario(client: Any) -> Any:
        started = await maybe(driver.tool(module, "AllKinds", client).run())
        return await maybe(started.wait(**wait))

    fake.queue(RUN_PATH, RUN_OK)
    return driver.run(fake, scenario, clock=lambda: sum(driver.sleeps))
