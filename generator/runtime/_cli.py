"""`python -m <package>`: the generated package's own command line.

click is an optional extra of the package (`pip install '<distribution>[cli]'`); without
it the command says how to install it and exits 2, and library use never needs it.
Each command lives in its own module, imported only when it runs: COMMANDS maps a
command's name to "module:attribute" in this runtime, so `batch` and `mcp` plug in by one
line each.

Exit status: 0 done; 1 a task failed, was cancelled or timed out, or Wiro refused a
request; 2 a bad value or bad usage, reported before any request.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from typing import Final

COMMANDS: Final[dict[str, tuple[str, str]]] = {
    "tools": ("_cli_info:tools", "List the tools: slug, class and summary."),
    "describe": ("_cli_info:describe", "Show a tool's inputs, defaults and options."),
    "run": ("_cli_run:run", "Run a tool, one option per input; follow it to its end."),
    "task": ("_cli_task:task", "Show, wait for, cancel or kill a task by its id."),
    "batch": ("_batch_cli:batch", "Run many tasks from a JSON Lines file, resumably."),
    "mcp": ("_mcp_cli:mcp", "Serve the tools to AI assistants over MCP (stdio)."),
}
"""name: ("module:attribute" of its click command in this runtime, its one-line help)."""

USAGE_ERROR: Final = 2


def package_name() -> str:
    """The generated package this runtime belongs to (`wiro_tools`, `acme.tools`)."""
    return (__package__ or "").rpartition(".")[0]


def main(args: Sequence[str] | None = None) -> None:
    """Run the command line (the console script and `python -m <package>`)."""
    if importlib.util.find_spec("click") is None:
        package = package_name()
        distribution = package.replace(".", "-").replace("_", "-")
        sys.stderr.write(
            f"{package}'s command line needs click, an optional extra:\n"
            f"    pip install '{distribution}[cli]'    (or: pip install click)\n"
        )
        raise SystemExit(USAGE_ERROR)
    from ._cli_group import root

    root.main(args=list(args) if args is not None else None, obj=package_name())
