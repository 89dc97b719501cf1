"""`python -m <package> mcp`: serve the package's tools to an AI assistant over stdio.

The MCP SDK is the package's optional `mcp` extra, imported only when the command runs;
without it the command says how to install it (exit 2).
"""

from __future__ import annotations

import importlib
import logging
import sys

import click

from ._errors import ConfigurationError

_PACKAGE = (__package__ or __name__).rpartition(".")[0]
"""The generated package this runtime ships in (its registry is its `__init__`)."""


def _slugs(text: str | None) -> list[str]:
    return [slug.strip() for slug in (text or "").split(",") if slug.strip()]


@click.command(
    help=(
        "Serve this package's Wiro tools over MCP (stdio), for an AI assistant. "
        "Credentials come from WIRO_API_KEY and WIRO_API_SECRET; nothing is logged "
        "to stdout, the protocol's channel."
    )
)
@click.option(
    "--tools", metavar="SLUG,...", help="Serve only these tools (owner/slug)."
)
@click.option("--category", help="Serve only the tools of this category.")
@click.option(
    "--max-tools",
    type=click.IntRange(min=0),
    default=40,
    show_default=True,
    help="Above this many tools, serve search_tools, describe_tool and run_tool instead.",
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=60.0,
    show_default=True,
    help="Seconds a call waits for its task before answering with the task id.",
)
def mcp(tools: str | None, category: str | None, max_tools: int, wait: float) -> None:
    try:
        server = importlib.import_module("._mcp", __package__)
    except ImportError as error:
        if error.name is None or not error.name.startswith(
            ("mcp", "anyio", "pydantic")
        ):
            raise
        distribution = _PACKAGE.split(".")[0].replace("_", "-")
        click.echo(
            f"The MCP server needs the mcp extra: pip install '{distribution}[mcp]'",
            err=True,
        )
        sys.exit(2)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    registry = importlib.import_module(_PACKAGE)
    try:
        server.serve(
            registry,
            tools=_slugs(tools),
            category=category,
            max_tools=max_tools,
            wait=wait,
        )
    except (server.UnknownTools, ConfigurationError) as error:
        raise click.UsageError(str(error)) from None
