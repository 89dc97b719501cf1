"""`task show|wait|cancel|kill TASKID`: tasks started elsewhere (e.g. `run --no-wait`)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import click

from ._cli_follow import echo_outputs, follow, outcome, snapshot_json
from ._cli_group import FAILED, fail, failure, reported, settings

if TYPE_CHECKING:
    from ._async_client import AsyncTask
    from ._snapshot import TaskSnapshot

_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=_SETTINGS)
def task() -> None:
    """Show, wait for, cancel or kill a task by its id."""


def _task_command(
    name: str,
    help_text: str,
    action: Callable[[AsyncTask], Awaitable[TaskSnapshot]],
    judged: bool = True,
) -> click.Command:
    """A `task` subcommand doing `action`; when `judged`, a failed or cancelled task
    exits 1."""

    @task.command(name, help=help_text, context_settings=_SETTINGS)
    @click.argument("taskid")
    @click.option(
        "--token",
        default="",
        help="The task's socket access token (printed by `run --no-wait`).",
    )
    @click.option(
        "--tool",
        "slug",
        metavar="SLUG",
        help="The task's tool, for pages with their own task endpoints.",
    )
    @click.option("--json", "as_json", is_flag=True, help="The task as JSON on stdout.")
    def command(taskid: str, token: str, slug: str | None, as_json: bool) -> None:
        with reported():
            code = asyncio.run(_call(taskid, token, slug, as_json, action, judged))
        if code:
            raise SystemExit(code)

    return command


async def _call(
    taskid: str,
    token: str,
    slug: str | None,
    as_json: bool,
    action: Callable[[AsyncTask], Awaitable[TaskSnapshot]],
    judged: bool,
) -> int:
    config = settings()
    info = None
    if slug is not None:
        from ._errors import UnknownToolError

        try:
            info = config.registry.get_tool(slug).info
        except UnknownToolError as unknown:
            fail(str(unknown), 2)
    async with config.client() as client:
        handle = client.task(taskid, token, tool=info)
        snapshot = await action(handle)
        if as_json:
            click.echo(snapshot_json(snapshot))
        else:
            status = f"{snapshot.taskid}: {snapshot.status}"
            pexit = f", pexit {snapshot.pexit}" if snapshot.pexit else ""
            cost = f", cost ${snapshot.cost}" if snapshot.cost is not None else ""
            click.echo(f"{status}{pexit}{cost}", err=True)
            echo_outputs(snapshot, None)
        ended = outcome(snapshot, handle) if judged else None
        if ended is not None:
            click.echo(f"Error: {failure(ended)}", err=True)
            return FAILED
        return 0


async def _detail(handle: AsyncTask) -> TaskSnapshot:
    return await handle.detail()


async def _kill(handle: AsyncTask) -> TaskSnapshot:
    return await handle.kill()


async def _cancel(handle: AsyncTask) -> TaskSnapshot:
    return await handle.cancel()


_task_command("show", "Print the task's state (Task/Detail).", _detail)
_task_command("wait", "Follow the task to its end, status on stderr.", follow)
_task_command(
    "cancel", "Cancel the task while it is queued (Task/Cancel).", _cancel, False
)
_task_command("kill", "Stop the running task (Task/Kill).", _kill, False)
