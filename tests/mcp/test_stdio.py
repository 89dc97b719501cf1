"""`python -m wiro_tools mcp` over stdio, driven by the official MCP client as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client

from generator.mockserver import RunningMockServer

from ..support.mockserver_fixture import KEY, SECRET
from ..support.paths import ROOT
from .harness import Progress, text_of

# slow: each case the package's MCP server in a process.
pytestmark = pytest.mark.slow

COMMAND = [sys.executable, "-m", "wiro_tools", "mcp"]


def environment(server: RunningMockServer) -> dict[str, str]:
    """The assistant's configuration: credentials and the API's address, in the environment."""
    return {
        "PYTHONPATH": str(ROOT / "generated"),
        "WIRO_API_KEY": KEY,
        "WIRO_API_SECRET": SECRET,
        "WIRO_BASE_URL": server.base_url,
        "WIRO_SOCKET_URL": server.socket_url,
    }


def over_stdio(
    server: RunningMockServer,
    errlog: Path,
    scenario: Callable[[Client], Awaitable[Any]],
    *options: str,
) -> Any:
    """`scenario(client)` with a client talking to the command over its stdin and stdout;
    the command's stderr goes to `errlog`."""
    parameters = StdioServerParameters(
        command=COMMAND[0], args=[*COMMAND[1:], *options], env=environment(server)
    )

    async def main() -> Any:
        with errlog.open("w") as log:
            async with Client(stdio_client(parameters, errlog=log)) as client:
                return await scenario(client)

    return anyio.run(main)


def test_the_command_lists_the_packages_tools(mock_wiro: RunningMockServer, tmp_path: Path) -> None:
    async def scenario(client: Client) -> list[str]:
        return [tool.name for tool in (await client.list_tools()).tools]

    names = over_stdio(mock_wiro, tmp_path / "err", scenario, "--tools", "wiro/PixArt-Sigma")
    assert names == ["wiro__pixart-sigma", "wait_for_task", "cancel_task"]


def test_a_call_over_stdio_reports_progress_and_returns_the_outputs(
    mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    progress = Progress()

    async def scenario(client: Client) -> Any:
        return await client.call_tool(
            "wiro__pixart-sigma", {"prompt": "a cat"}, progress_callback=progress
        )

    result = over_stdio(mock_wiro, tmp_path / "err", scenario)
    assert result.structured_content["succeeded"] is True, text_of(result)
    assert progress.values == sorted(set(progress.values)) and progress.values[-1] == 100


def test_the_credentials_appear_nowhere_the_command_writes(
    mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    mock_wiro.queue_faults("/v1/Run/wiro/PixArt-Sigma", "500")

    async def scenario(client: Client) -> str:
        tools = await client.list_tools()
        failed = await client.call_tool("wiro__pixart-sigma", {"prompt": "a cat"})
        succeeded = await client.call_tool("wiro__pixart-sigma", {"prompt": "a cat"})
        return str([tools, failed, succeeded])

    answers = over_stdio(mock_wiro, tmp_path / "err", scenario)
    written = answers + (tmp_path / "err").read_text()
    assert "Wiro did not start the task" in answers
    assert KEY not in written and SECRET not in written


def run_command(*options: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *options],
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_an_api_key_the_command_says_so_and_exits_2(
    mock_wiro: RunningMockServer,
) -> None:
    env = {**environment(mock_wiro), "WIRO_API_KEY": ""}
    done = run_command(env=env)
    assert done.returncode == 2
    assert "WIRO_API_KEY" in done.stderr and SECRET not in done.stderr


def test_an_unknown_slug_in_tools_is_a_usage_error(mock_wiro: RunningMockServer) -> None:
    done = run_command("--tools", "wiro/nothing", env=environment(mock_wiro))
    assert done.returncode == 2
    assert "no tool 'wiro/nothing' in wiro_tools" in done.stderr


def test_the_readmes_client_configuration_starts_the_server(
    mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Use with an AI assistant") :]
    snippet = section[
        section.index("```json\n") + 8 : section.index("```", section.index("```json") + 7)
    ]
    (config,) = json.loads(snippet)["mcpServers"].values()
    assert config["args"][:3] == COMMAND[1:]
    assert set(config["env"]) == {"WIRO_API_KEY", "WIRO_API_SECRET"}

    async def scenario(client: Client) -> int:
        return len((await client.list_tools()).tools)

    assert over_stdio(mock_wiro, tmp_path / "err", scenario, *config["args"][3:]) > 2


def test_a_call_cancelled_by_the_client_kills_its_task(
    mock_wiro: RunningMockServer, tmp_path: Path
) -> None:
    mock_wiro.clock(per_poll=0)

    async def scenario(client: Client) -> None:
        started = anyio.Event()

        async def progress(value: float, total: float | None, message: str | None) -> None:
            started.set()

        async with anyio.create_task_group() as group:
            group.start_soon(
                lambda: client.call_tool("wiro__pixart-sigma", {}, progress_callback=progress)
            )
            await started.wait()
            group.cancel_scope.cancel()
        with anyio.fail_after(20):
            while not mock_wiro.requests("/v1/Task/Kill"):
                await anyio.sleep(0.05)

    over_stdio(mock_wiro, tmp_path / "err", scenario)
    (kill,) = mock_wiro.requests("/v1/Task/Kill")
    assert mock_wiro.task(str(kill.fields["taskid"]))["status"] == "task_cancel"
