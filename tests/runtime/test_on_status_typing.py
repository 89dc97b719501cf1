"""on_status type-checks as a plain function on both clients and a coroutine function on
the async one (mypy --strict on user code against the generated package)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.paths import ROOT
from tests.support.typecheck import run_mypy

# slow: mypy on user code.
pytestmark = pytest.mark.slow

USER_CODE = """
from wiro_tools import AsyncWiroClient, TaskSnapshot, WiroClient


def show(snapshot: TaskSnapshot) -> None:
    print(snapshot.status)


async def show_later(snapshot: TaskSnapshot) -> None:
    print(snapshot.status)


def sync_waits(client: WiroClient) -> None:
    client.task("1").wait(on_status=show)
    client.task("1").wait(on_status=lambda snapshot: print(snapshot.text))


async def async_waits(client: AsyncWiroClient) -> None:
    await client.task("1").wait(on_status=show)
    await client.task("1").wait(on_status=show_later)
"""


def test_plain_and_coroutine_on_status_type_check(tmp_path: Path) -> None:
    user = tmp_path / "user_code.py"
    user.write_text(USER_CODE)
    env = {**os.environ, "MYPYPATH": str(ROOT / "generated")}
    result = run_mypy("--strict", user, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
