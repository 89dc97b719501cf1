"""mypy --strict on user code sees the async tool classes' arguments: those of the sync
class's `run` and `run_and_wait`, which the async class takes over."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.support.paths import ROOT
from tests.support.typecheck import run_mypy

# slow: mypy on user code.
pytestmark = pytest.mark.slow

HEADER = """
from wiro_tools import AsyncWiroClient
from wiro_tools.wiro.pixart_sigma import AsyncPixArtSigma


async def main(client: AsyncWiroClient) -> None:
    tool = AsyncPixArtSigma(client)
"""


def mypy(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    user = tmp_path / "user_code.py"
    user.write_text(HEADER + body)
    env = {**os.environ, "MYPYPATH": str(ROOT / "generated")}
    return run_mypy("--strict", user, cwd=tmp_path, env=env)


def test_async_calls_are_typed_as_the_sync_arguments_awaited(tmp_path: Path) -> None:
    result = mypy(
        tmp_path,
        "    task = await tool.run(prompt='a cat', steps=20, scheduler='DDIMScheduler')\n"
        "    reveal_type(task)\n"
        "    reveal_type(await tool.run_and_wait(timeout=60.0, seed='7'))\n",
    )
    assert result.returncode == 0, result.stdout
    assert 'Revealed type is "wiro_tools._runtime._async_client.AsyncTask"' in result.stdout
    assert 'Revealed type is "wiro_tools._runtime._snapshot.TaskSnapshot"' in result.stdout


def test_async_calls_with_wrong_arguments_are_refused(tmp_path: Path) -> None:
    result = mypy(
        tmp_path,
        "    await tool.run(promt='a cat')\n"
        "    await tool.run(steps='20')\n"
        "    await tool.run_and_wait(scheduler='Euler')\n",
    )
    assert result.returncode == 1
    assert 'Unexpected keyword argument "promt"' in result.stdout
    assert 'Argument "steps" has incompatible type "str"; expected "int"' in result.stdout
    assert 'Argument "scheduler" has incompatible type' in result.stdout
