"""`python -m <package> mcp`: serve the package's tools to an AI assistant over stdio.

The MCP SDK is the package's optional `mcp` extra, imported only when the command runs;
without it the command says how to install it (exit 2).
"""

from __future__ import annotations

import importlib
import logging
import sys

import click

from ._cli import USAGE_ERROR, package_name
from ._cli_group import reported, settings


def _slugs(text: str | None) -> list[str]:
    return [slug.strip() for slug in (text or "").split(",") if slug.strip()]


@click.command(
    help=(
        "Serve this package's Wiro tools over MCP (stdio), for an AI assistant. "
        "Credentials come from WIRO_API_KEY and WIRO_API_SECRET only; logs go to "
        "stderr, stdout carries the protocol."
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
    except ModuleNotFoundError as error:
        if error.name is None or error.name.partition(".")[0] not in ("mcp", "anyio"):
            raise
        distribution = package_name().replace(".", "-").replace("_", "-")
        click.echo(
            f"The MCP server needs the mcp extra: pip install '{distribution}[mcp]'",
            err=True,
        )
        sys.exit(USAGE_ERROR)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    with reported():
        try:
            server.serve(
                settings().registry,
                base_url=settings().base_url,
                tools=_slugs(tools),
                category=category,
                max_tools=max_tools,
                wait=wait,
            )
        except server.UnknownTools as error:
            raise click.UsageError(str(error)) from None
