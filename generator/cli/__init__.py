"""The `wirogen` command line.

Exit codes: 0 ok, 1 stale output or invalid input, 2 usage error.
"""

from __future__ import annotations

import click

from .. import __version__
from .diff import diff
from .fetch import fetch
from .generate import check, generate
from .inspect import inspect
from .lint import lint
from .mock_server import mock_server
from .openapi import openapi


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wirogen")
def main() -> None:
    """Generate typed Python clients from Wiro tool pages.

    Exit codes: 0 ok, 1 stale output or invalid input, 2 usage error.
    """


for command in (generate, check, lint, inspect, fetch, diff, openapi, mock_server):
    main.add_command(command)
