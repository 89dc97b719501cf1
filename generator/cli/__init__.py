"""The `wirogen` command line.

Exit codes: 0 ok; 1 stale output, a page that fails, a failed download; 2 usage error
(a bad option, a path that does not exist).

Each command lives in its own module, imported only when that command runs (or shows its
own help): `wirogen --help` lists COMMANDS without importing any of them, so start-up
does not pay for aiohttp, httpx, Jinja or markdown-it. A new command is one line in
COMMANDS; tests/cli/test_startup.py checks that its help matches and its imports stay lazy.
"""

from __future__ import annotations

import importlib

import click

from .. import __version__
from ..extras import missing_extra

# name: (module in this package, attribute, the short help `wirogen --help` lists)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": (
        "generate",
        "check",
        "Exit 1 with a diff when the generated package is not what SPECS generate now.",
    ),
    "diff": (
        "diff",
        "diff",
        "Report what changed in the tools' APIs from OLD to NEW (page files or directories).",
    ),
    "fetch": (
        "fetch",
        "fetch",
        "Download the pages of OWNER/SLUG... into DIRECTORY as {owner}__{slug}.md.",
    ),
    "generate": (
        "generate",
        "generate",
        "Generate the client package from SPECS (page files or directories; default ./specs).",
    ),
    "inspect": ("inspect", "inspect", "Show what wirogen reads from one PAGE."),
    "lint": ("lint", "lint", "Print what is questionable on each page of SPECS (default ./specs)."),
    "mock-server": (
        "mock_server",
        "mock_server",
        "Serve a local Wiro API for the tool pages in SPECS (files or directories; default: specs).",
    ),
    "openapi": (
        "openapi",
        "openapi",
        "Write one OpenAPI 3.1 document describing the tools of SPECS.",
    ),
    "sync": (
        "sync",
        "sync",
        "Download the page of every tool in Wiro's catalogue into DIRECTORY.",
    ),
}

# Commands that need an optional dependency: without it they are a usage error (exit 2)
# saying how to install it.
NEEDS = {"mock-server": "aiohttp"}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, listed from COMMANDS."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        problem = (
            missing_extra(NEEDS[cmd_name], f"`wirogen {cmd_name}`") if cmd_name in NEEDS else None
        )
        if problem:
            raise click.UsageError(problem)
        module, attribute, _ = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Shortened as click shortens a command's own help, so the listing looks the same.
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, _shortened(text, limit)) for name, (*_, text) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wirogen")
def main() -> None:
    """Generate typed Python clients from Wiro tool pages.

    Exit codes: 0 ok; 1 stale output, a page that fails, a failed download; 2 usage
    error (a bad option, a path that does not exist).
    """


def _shortened(text: str, limit: int) -> str:
    return click.Command(None, help=text).get_short_help_str(limit)
