"""`run SLUG`'s work once its options are parsed: the arguments, the run, its end.

Imported only when a tool runs, so `run SLUG --help` loads neither asyncio nor httpx.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, NoReturn

import click

from ._cli import USAGE_ERROR
from ._cli_follow import (
    echo_outputs,
    follow,
    is_llm,
    outcome,
    snapshot_json,
    stream_answer,
)
from ._cli_group import FAILED, Settings, fail, failure, reported, settings
from ._cli_options import INPUT_DEST, RUN_DEST, input_options
from ._coerce import coerce
from ._describe import ToolDescription
from ._errors import InvalidInputError

if TYPE_CHECKING:
    from ._async_client import AsyncTask
    from ._snapshot import TaskSnapshot

COMMON_OPTIONS: Final = {
    "extra_body": "--set",
    "project_id": "--project-id",
    "callback_url": "--callback-url",
}
"""The `run` option behind each of run()'s common arguments, to name it in an error."""


def execute(tool: ToolDescription, values: Mapping[str, Any]) -> None:
    """Run `tool` with the parsed `values`; exit 1 when its task did not succeed."""
    options = _run_values(values)
    arguments = _arguments(tool, values, options)
    if options.get("estimate"):
        _echo_estimate(tool, arguments, bool(options.get("json")))
        return
    config = settings()
    with reported():
        code = asyncio.run(_run(config, tool, arguments, options))
    if code:
        raise SystemExit(code)


def _run_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """`run`'s options: given after SLUG, else before it."""
    parent = click.get_current_context().parent
    before = parent.params if parent is not None else {}
    merged: dict[str, Any] = {}
    for key in {*before, *values}:
        if not key.startswith(RUN_DEST):
            continue
        name = key[len(RUN_DEST) :]
        later, earlier = values.get(key), before.get(key)
        if name == "set":
            merged[name] = (*(earlier or ()), *(later or ()))
        else:
            merged[name] = later if later is not None else earlier
    return merged


def _arguments(
    tool: ToolDescription, values: Mapping[str, Any], options: Mapping[str, Any]
) -> dict[str, Any]:
    """run()'s keyword arguments: the example's, the options given, the run options."""
    arguments: dict[str, Any] = {}
    example = options.get("example")
    if example is not None:
        if example not in tool.examples:
            known = ", ".join(tool.examples) or "it has none"
            fail(
                f"--example: {tool.slug} has no example {example!r} ({known})",
                USAGE_ERROR,
            )
        arguments.update(tool.examples[example])
    arguments.update(given_inputs(tool, values))
    extra = _extra_body(tool, options.get("set") or ())
    if extra:
        arguments["extra_body"] = extra
    for name in ("project_id", "callback_url", "allow_unlisted"):
        if options.get(name) is not None:
            arguments[name] = options[name]
    if not arguments.get("allow_unlisted"):
        checked_choices(tool, arguments)
    return arguments


def _extra_body(tool: ToolDescription, pairs: tuple[str, ...]) -> dict[str, object]:
    """`--set WIRE=VALUE` pairs as extra_body: VALUE as JSON when it parses, else text."""
    extra: dict[str, object] = {}
    for pair in pairs:
        wire, equals, text = pair.partition("=")
        if not equals or not wire:
            fail(f"--set: expected WIRE=VALUE, got {pair!r}", USAGE_ERROR)
        listed = tool.input(wire)
        if listed is not None:
            option = input_options(tool)[listed.argument]
            fail(
                f"--set: {wire!r} is an input of {tool.slug}: use {option}", USAGE_ERROR
            )
        try:
            extra[wire] = json.loads(text, parse_constant=_not_json)
        except ValueError:
            extra[wire] = text
    return extra


def _not_json(constant: str) -> NoReturn:
    raise ValueError(f"{constant} is not JSON")  # NaN, Infinity: sent as text


async def _run(
    config: Settings,
    tool: ToolDescription,
    arguments: dict[str, Any],
    options: dict[str, Any],
) -> int:
    module = importlib.import_module(tool.module)
    async with config.client() as client:
        async_tool = getattr(module, f"Async{tool.class_name}")(client)
        try:
            task = await async_tool.run(**arguments)
        except InvalidInputError as error:
            options_by_argument = {**COMMON_OPTIONS, **input_options(tool)}
            option = options_by_argument.get(error.argument, error.argument)
            fail(f"{option}: {error.reason}", USAGE_ERROR)
        if options.get("no_wait"):
            _echo_started(task, bool(options.get("json")))
            return 0
        snapshot = await _followed(config, tool, task, options)
        ended = outcome(snapshot, task)
        out = options.get("out")
        files = await client.save_outputs(snapshot, out) if out and not ended else None
    if options.get("json"):
        click.echo(snapshot_json(snapshot, files))
    elif not is_llm(tool.categories) or files:
        echo_outputs(snapshot, files)
    if ended is not None:
        click.echo(f"Error: {failure(ended)}", err=True)
        return FAILED
    return 0


async def _followed(
    config: Settings, tool: ToolDescription, task: AsyncTask, options: dict[str, Any]
) -> TaskSnapshot:
    """The task's final state: a language model's answer streamed to stdout (unless
    --json), status on stderr otherwise; exit 1 past --timeout. Interrupted (Ctrl-C),
    it says how to find the task again: it goes on running."""
    task_commands = f"`python -m {config.package} task wait|kill {task.taskid}`"
    try:
        async with asyncio.timeout(options.get("timeout")):
            if is_llm(tool.categories) and not options.get("json"):
                return await stream_answer(task, sys.stdout)
            return await follow(task)
    except TimeoutError:
        fail(
            f"task {task.taskid} did not end within {options['timeout']:g} s;"
            f" it goes on: {task_commands}",
            FAILED,
        )
    except asyncio.CancelledError:
        click.echo(
            f"\nInterrupted; task {task.taskid} goes on: {task_commands}", err=True
        )
        raise


def _echo_started(task: AsyncTask, as_json: bool) -> None:
    started = {"taskid": task.taskid, "socketaccesstoken": task.socketaccesstoken}
    click.echo(
        json.dumps(started) if as_json else f"{task.taskid}\t{task.socketaccesstoken}"
    )


def given_inputs(tool: ToolDescription, values: Mapping[str, Any]) -> dict[str, Any]:
    """run() arguments of the input options given on the command line."""
    given: dict[str, Any] = {}
    for item in tool.inputs:
        value = values.get(INPUT_DEST + item.argument)
        if value is None or (item.is_multiple and not value):
            continue
        given[item.argument] = list(value) if item.is_multiple else value
    return given


def checked_choices(tool: ToolDescription, arguments: Mapping[str, Any]) -> None:
    """Refuse a select value the page does not list (unless `--allow-unlisted`), naming
    the option."""
    options = input_options(tool)
    for item in tool.inputs:
        if item.options and arguments.get(item.argument) is not None:
            try:
                coerce(item, arguments[item.argument])
            except InvalidInputError as error:
                reason = error.reason.split(" (pass allow_unlisted", 1)[0]
                raise click.BadParameter(
                    f"{reason} (--allow-unlisted sends it anyway)",
                    param_hint=options[item.argument],
                ) from None


def _echo_estimate(
    tool: ToolDescription, arguments: dict[str, Any], as_json: bool
) -> None:
    """The run's estimate (`Tool.estimate`): offline, no credentials needed."""
    tool_class = getattr(importlib.import_module(tool.module), tool.class_name)
    estimate = tool_class.estimate(**arguments)
    if as_json:
        fields = ("low", "high", "exact", "method")
        shown = {name: getattr(estimate, name) for name in fields} if estimate else None
        click.echo(json.dumps(shown, default=str))
    elif estimate is None:
        click.echo("unknown: Wiro's prices do not tell this run's cost before it runs")
    else:
        exact = "exact" if estimate.exact else "not exact"
        click.echo(f"{estimate} ({estimate.method}, {exact})")
