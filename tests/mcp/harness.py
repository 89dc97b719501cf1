"""Running the package's MCP server against the mock Wiro, with the official MCP client.

`call_in_memory` connects the SDK's `Client` to the server in process (no JSON-RPC
framing); tests/mcp/test_stdio.py runs `python -m wiro_tools mcp` as a subprocess.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import anyio
import anyio.lowlevel
from mcp import Client, types
from mcp.client.context import ClientRequestContext

from generator.mockserver import RunningMockServer

from ..support.mockserver_fixture import KEY, SECRET

Scenario = Callable[[Client], Awaitable[Any]]


@dataclass
class Progress:
    """The progress notifications one call received, in order."""

    values: list[float] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    async def __call__(self, progress: float, total: float | None, message: str | None) -> None:
        self.values.append(progress)
        self.messages.append(message or "")


def serve_in_memory(
    package: ModuleType,
    server: RunningMockServer,
    scenario: Scenario,
    *,
    tools: Sequence[str] = (),
    category: str | None = None,
    max_tools: int = 40,
    wait: float = 30.0,
    roots: Sequence[Path] | None = None,
    mode: str = "auto",
    socket: bool = True,
) -> Any:
    """`scenario(client)` with an MCP client connected in process to `package`'s server,
    which runs tasks on the mock `server` (following them over its socket). `roots` are
    the client's roots (None: it declares none); `mode` "legacy" speaks the handshake-era
    protocol (roots asked mid-call), "auto" the current one (roots in a retried call).
    Without `socket` tasks are followed by polling, not slept between polls."""
    mcp_server = importlib.import_module(f"{package.__name__}._runtime._mcp")
    catalogue_module = importlib.import_module(f"{package.__name__}._runtime._mcp_catalogue")

    async def list_roots(context: ClientRequestContext) -> types.ListRootsResult:
        return types.ListRootsResult(
            roots=[types.Root(uri=root.as_uri()) for root in roots or ()]  # type: ignore[arg-type]
        )

    async def main() -> Any:
        following: dict[str, Any] = (
            {"socket_url": server.socket_url} if socket else {"socket_url": "", "sleep": _no_sleep}
        )
        async with package.AsyncWiroClient(
            KEY, SECRET, base_url=server.base_url, **following
        ) as wiro:
            catalogue = catalogue_module.Catalogue.select(package, tools, category)
            built = mcp_server.build_server(catalogue, wiro, max_tools=max_tools, wait=wait)
            client = Client(
                built,
                list_roots_callback=list_roots if roots is not None else None,
                mode=mode,  # type: ignore[arg-type]
            )
            async with client:
                return await scenario(client)

    return anyio.run(main)


async def _no_sleep(_: float) -> None:
    await anyio.lowlevel.checkpoint()


def text_of(result: types.CallToolResult) -> str:
    """The text blocks of a call's result, joined."""
    return "\n".join(block.text for block in result.content if isinstance(block, types.TextContent))
