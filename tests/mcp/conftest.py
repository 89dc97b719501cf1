"""Fixtures of the MCP tests: the package of every input kind, as an MCP client sees it."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest
from mcp import types

from generator.mockserver import RunningMockServer

from .harness import serve_in_memory


@pytest.fixture
def allkinds_wiro(start_mock_wiro: Any, allkinds_dir: Any) -> RunningMockServer:
    """A mock server that also serves the page with one input of every kind."""
    from generator.mockserver import load_catalogue

    from ..support.genpkg import ALL_KINDS_PAGE

    catalogue = load_catalogue([ALL_KINDS_PAGE])
    server: RunningMockServer = start_mock_wiro(specs=catalogue.specs, pages=catalogue.pages)
    return server


@pytest.fixture
def allkinds_tool(allkinds: ModuleType, allkinds_wiro: RunningMockServer) -> types.Tool:
    """The MCP tool of the page with one input of every kind."""

    async def listed(client: Any) -> types.Tool:
        (tool,) = [t for t in (await client.list_tools()).tools if t.name.startswith("wirogen")]
        return tool

    found: types.Tool = serve_in_memory(allkinds, allkinds_wiro, listed)
    return found
