"""The package's MCP server: each Wiro tool as an MCP tool, with real schemas and progress.

Built on the official MCP SDK's low-level `Server` (the package's `mcp` extra). Every
tool's `inputSchema` comes from its inputs (runtime/_schema.py, as wirogen's OpenAPI
document), its `outputSchema` is the task's (`TASK_SCHEMA`). A call checks its
arguments before anything is sent, runs the task, sends progress as it goes, and
answers with the outputs (text, structured content and one `resource_link` per file).
Credentials come from the environment only (WIRO_API_KEY, WIRO_API_SECRET).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Final

import anyio
from mcp import types
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from mcp.shared.exceptions import MCPDeprecationWarning, MCPError
from mcp.types.version import MODERN_PROTOCOL_VERSIONS

from . import _mcp_meta as meta
from ._async_client import AsyncWiroClient
from ._constants import VERSION
from ._errors import InvalidInputError
from ._mcp_calls import Report, TaskRunner
from ._mcp_catalogue import Catalogue, UnknownTools, mcp_description
from ._mcp_inputs import (
    input_schema,
    local_paths,
    root_paths,
    run_arguments,
)
from ._mcp_progress import Progress
from ._mcp_results import error_result

DEFAULT_MAX_TOOLS: Final = 40
DEFAULT_WAIT: Final = 60.0
ROOTS_REQUEST: Final = "roots"
"""The key of the roots request in an InputRequiredResult (protocol 2026-07-28)."""

Context = ServerRequestContext[Any, Any]

__all__ = ["DEFAULT_MAX_TOOLS", "DEFAULT_WAIT", "UnknownTools", "build_server", "serve"]


def build_server(
    catalogue: Catalogue, client: AsyncWiroClient, *, max_tools: int, wait: float
) -> Server[Any]:
    """An MCP server running `catalogue`'s tools with `client`; above `max_tools` tools
    it offers the compact set (search_tools, describe_tool, run_tool)."""
    tools = _Tools(catalogue, TaskRunner(client, wait), len(catalogue) > max_tools)
    return Server(
        catalogue.package,
        version=VERSION,
        instructions=(
            "Runs Wiro AI tools. Each call starts a task and answers with its outputs"
            " (links); a long task answers with its taskid: call wait_for_task."
        ),
        on_list_tools=tools.list_tools,
        on_call_tool=tools.call_tool,
    )


class _Tools:
    """The server's two handlers: tools/list and tools/call."""

    def __init__(self, catalogue: Catalogue, runner: TaskRunner, compact: bool) -> None:
        self.catalogue = catalogue
        self.runner = runner
        self.compact = compact

    async def list_tools(
        self, ctx: Context, params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        catalogue = self.catalogue
        tools = (
            meta.compact_tools(len(catalogue))
            if self.compact
            else [catalogue.tool(slug) for slug in catalogue.names]
        )
        return types.ListToolsResult(tools=[*tools, *meta.task_tools(self.runner.wait)])

    async def call_tool(
        self, ctx: Context, params: types.CallToolRequestParams
    ) -> types.CallToolResult | types.InputRequiredResult:
        try:
            return await self._call(ctx, params, params.arguments or {})
        except meta.ArgumentError as error:
            return error_result(f"Nothing was done: {error}")

    async def _call(
        self,
        ctx: Context,
        params: types.CallToolRequestParams,
        arguments: Mapping[str, Any],
    ) -> types.CallToolResult | types.InputRequiredResult:
        name, runner, catalogue = params.name, self.runner, self.catalogue
        if name == meta.WAIT_FOR_TASK:
            wait = meta.argument(arguments, "wait_seconds", (int, float), runner.wait)
            taskid = meta.argument(arguments, "taskid", str)
            return await runner.wait_for(taskid, float(wait), _reporter(ctx))
        if name == meta.CANCEL_TASK:
            return await runner.cancel(meta.argument(arguments, "taskid", str))
        if self.compact and name == meta.SEARCH_TOOLS:
            return _search(catalogue, arguments)
        if self.compact and name in (meta.DESCRIBE_TOOL, meta.RUN_TOOL):
            slug = _named_tool(catalogue, meta.argument(arguments, "tool", str))
            if name == meta.DESCRIBE_TOOL:
                return _describe(catalogue, slug)
            arguments = meta.argument(arguments, "arguments", dict, {})
        elif not self.compact and name in catalogue.slugs:
            slug = catalogue.slugs[name]
        else:
            raise MCPError(types.INVALID_PARAMS, f"no tool named {name!r}")
        return await self._run(ctx, params, slug, arguments)

    async def _run(
        self,
        ctx: Context,
        params: types.CallToolRequestParams,
        slug: str,
        arguments: Mapping[str, Any],
    ) -> types.CallToolResult | types.InputRequiredResult:
        """Check the arguments (asking the client's roots for local files), then run."""
        description = self.catalogue.describe(slug)
        roots: list[Path] = []
        if local_paths(description, arguments):
            found = await _client_roots(ctx, params)
            if isinstance(found, types.InputRequiredResult):
                return found
            roots = found
        try:
            run_kwargs = run_arguments(description, arguments, roots)
        except InvalidInputError as error:
            return error_result(f"Nothing was sent: {error}")
        tool = self.catalogue.async_class(slug)
        return await self.runner.run(tool, run_kwargs, _reporter(ctx))


def _reporter(ctx: Context) -> Report:
    async def report(progress: Progress) -> None:
        await ctx.session.report_progress(
            progress.progress, progress.total, progress.message
        )

    return report


async def _client_roots(
    ctx: Context, params: types.CallToolRequestParams
) -> list[Path] | types.InputRequiredResult:
    """The client's roots as local directories; none when it declares no roots. On
    protocol 2026-07-28 they come back with the retried call (an InputRequiredResult).
    """
    capabilities = ctx.session.client_capabilities
    if capabilities is None or capabilities.roots is None:
        return []
    if ctx.protocol_version in MODERN_PROTOCOL_VERSIONS:
        answer = (params.input_responses or {}).get(ROOTS_REQUEST)
        if not isinstance(answer, types.ListRootsResult):
            request = types.ListRootsRequest()
            return types.InputRequiredResult(input_requests={ROOTS_REQUEST: request})
    else:
        with (
            warnings.catch_warnings()
        ):  # roots are deprecated in 2026-07-28, not before
            warnings.simplefilter("ignore", MCPDeprecationWarning)
            answer = await ctx.session.list_roots()
    return root_paths([str(root.uri) for root in answer.roots])


def _named_tool(catalogue: Catalogue, name: str) -> str:
    slug = catalogue.find(name)
    if slug is None:
        raise meta.ArgumentError(
            f"argument 'tool': no tool {name!r} (search_tools finds them)"
        )
    return slug


def _search(catalogue: Catalogue, arguments: Mapping[str, Any]) -> types.CallToolResult:
    query = meta.argument(arguments, "query", str)
    limit = meta.argument(arguments, "limit", int, meta.DEFAULT_SEARCH_LIMIT)
    found = catalogue.search(query, max(limit, 1))
    lines = [f"- {item['tool']} ({item['slug']}): {item['summary']}" for item in found]
    text = "\n".join(lines) or f"No tool matches {query!r}."
    return types.CallToolResult(
        content=[types.TextContent(text=text)], structured_content={"tools": found}
    )


def _describe(catalogue: Catalogue, slug: str) -> types.CallToolResult:
    description = catalogue.describe(slug)
    about = {
        **catalogue.entry(slug),
        "description": mcp_description(description),
        "inputSchema": input_schema(description),
    }
    text = f"{about['description']}\n\nArguments (JSON Schema):\n{json.dumps(about['inputSchema'], indent=2)}"
    return types.CallToolResult(
        content=[types.TextContent(text=text)], structured_content=about
    )


def serve(
    registry: ModuleType,
    *,
    base_url: str | None = None,
    tools: Sequence[str] = (),
    category: str | None = None,
    max_tools: int = DEFAULT_MAX_TOOLS,
    wait: float = DEFAULT_WAIT,
) -> None:
    """Serve the tools of `registry` (a generated package) over stdio until the client
    closes it, with the environment's credentials. Raises UnknownTools for a slug of `tools` the package does not have, and
    ConfigurationError when the environment has no API key."""
    catalogue = Catalogue.select(registry, tools, category)

    async def main() -> None:
        async with AsyncWiroClient(base_url=base_url) as client:
            server = build_server(catalogue, client, max_tools=max_tools, wait=wait)
            async with stdio_server() as (read, write):
                await server.run(read, write, server.create_initialization_options())

    anyio.run(main)
