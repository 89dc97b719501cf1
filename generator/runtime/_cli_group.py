"""The command line's root group: lazy commands, connection settings, error handling."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Final, NoReturn

import click

from ._cli import COMMANDS, USAGE_ERROR

if TYPE_CHECKING:
    from ._async_client import AsyncWiroClient

FAILED: Final = 1


@dataclass(frozen=True)
class Settings:
    """What every command shares: the package's registry and where the API is."""

    package: str
    base_url: str | None

    @property
    def registry(self) -> ModuleType:
        """The package's `__init__` (TOOLS, get_tool); imports no tool module."""
        return importlib.import_module(self.package)

    def client(self) -> AsyncWiroClient:
        """A client with the environment's credentials (loads httpx)."""
        from ._async_client import AsyncWiroClient

        return AsyncWiroClient(base_url=self.base_url)


def settings(ctx: click.Context | None = None) -> Settings:
    """The Settings of the command line `ctx` (default: the current one) belongs to.

    Read from the root context (its `obj` is the package's name, its params the root's
    options), so that shell completion, which runs no callback, sees them too."""
    root = (ctx or click.get_current_context()).find_root()
    assert isinstance(root.obj, str), "commands run under the root group"
    return Settings(root.obj, root.params.get("base_url"))


class LazyGroup(click.Group):
    """The root group: commands listed from COMMANDS, each imported when it runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        target, _ = COMMANDS[cmd_name]
        module, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(f".{module}", __package__), attribute)
        assert isinstance(command, click.Command)
        return command

    def format_commands(
        self, ctx: click.Context, formatter: click.HelpFormatter
    ) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, text) for name, (_, text) in COMMANDS.items()])


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--base-url",
    metavar="URL",
    help="The API root (default: $WIRO_BASE_URL, else https://api.wiro.ai/v1).",
)
def root(base_url: str | None) -> None:
    """Run this package's Wiro tools from the shell.

    Credentials come from WIRO_API_KEY and WIRO_API_SECRET; WIRO_BASE_URL and
    WIRO_SOCKET_URL point the commands elsewhere (a mock server). Exit status: 0 done;
    1 a task failed, was cancelled or timed out, or Wiro refused a request; 2 a bad value
    or usage, before any request.
    """


def fail(message: str, code: int = FAILED) -> NoReturn:
    """Print `message` on stderr and exit with `code`."""
    click.echo(f"Error: {message}", err=True)
    raise SystemExit(code)


@contextlib.contextmanager
def reported() -> Iterator[None]:
    """Wiro's errors as messages and exit codes: 2 for settings, 1 for the rest."""
    from ._errors import ConfigurationError, TaskError, WiroError

    try:
        yield
    except ConfigurationError as error:
        fail(str(error), USAGE_ERROR)
    except TaskError as error:
        fail(failure(error), FAILED)
    except WiroError as error:
        fail(str(error), FAILED)


def failure(error: Exception) -> str:
    """A task error's message, with Wiro's debugerror when it says more."""
    task = getattr(error, "task", None)
    detail = getattr(task, "debugerror", "").strip()
    return (
        f"{error}\n{detail}"
        if detail and detail[:200] not in str(error)
        else str(error)
    )
