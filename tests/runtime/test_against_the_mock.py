"""The generated clients against the mock server: Wiro's race after Run, LLM answers."""

from __future__ import annotations

import asyncio
from types import ModuleType
from typing import Any

import pytest

from generator.mockserver import RunningMockServer
from tests.support.fakewiro import maybe
from tests.support.mockserver_fixture import KEY, SECRET

PIXART = "wiro/PixArt-Sigma"


def run_and_wait(wiro_tools: ModuleType, server: RunningMockServer, flavour: str) -> Any:
    """PixArt-Sigma run and waited for with the sync or async client, without real sleeps."""

    async def no_sleep(seconds: float) -> None:
        pass

    async def main() -> Any:
        options: dict[str, Any] = {"base_url": server.base_url}
        if flavour == "sync":
            with wiro_tools.WiroClient(KEY, SECRET, sleep=lambda s: None, **options) as client:
                return wiro_tools.get_tool(PIXART)(client).run_and_wait(prompt="a cat")
        async with wiro_tools.AsyncWiroClient(KEY, SECRET, sleep=no_sleep, **options) as client:
            return await maybe(wiro_tools.get_async_tool(PIXART)(client).run_and_wait())

    return asyncio.run(main())


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_wait_polls_through_wiros_no_task_yet_race(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.queue_task_scripts({"missing_polls": 4})
    assert run_and_wait(wiro_tools, mock_wiro, flavour).succeeded


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_task_still_missing_after_five_polls_is_not_found(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.queue_task_scripts({"missing_polls": 5})
    with pytest.raises(wiro_tools.NotFoundError, match=r"There is no task yet\."):
        run_and_wait(wiro_tools, mock_wiro, flavour)


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_an_llm_answer_reads_as_text_and_thinking(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    script = {"thinking": ["Rayleigh scattering.", "Check."], "answer": ["Blue light.", "Yes."]}
    mock_wiro.queue_task_scripts(script)
    result = run_and_wait(wiro_tools, mock_wiro, flavour)
    assert (result.text, result.thinking) == (
        "Blue light.\nYes.",
        "Rayleigh scattering.\nCheck.",
    )
