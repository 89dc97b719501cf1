"""`run SLUG [options]`: one tool run from the shell, followed to its end.

Each tool is a subcommand made when it is named, from its module alone (see
`_cli_options` for how options are named and how `run`'s own options share the space).
"""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import click
from click.shell_completion import CompletionItem

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
from ._cli_options import (
    INPUT_DEST,
    checked_choices,
    input_options,
    input_parameters,
    taken_names,
)
from ._describe import ToolDescription, describe
from ._errors import InvalidInputError

if TYPE_CHECKING:
    from ._async_client import AsyncTask
    from ._snapshot import TaskSnapshot

RUN_DEST: Final = "run__"


def _run_options() -> list[click.Option]:
    """`run`'s own options; parameter names `run__<name>`, never an input's."""
    return [
        click.Option(
            ["--example", "run__example"],
            metavar="NAME",
            help="Start from one of the page's examples (`describe` lists them).",
        ),
        click.Option(
            ["--set", "run__set"],
            metavar="WIRE=VALUE",
            multiple=True,
            help="Send a field the page does not list (VALUE read as JSON, else as text).",
        ),
        click.Option(["--project-id", "run__project_id"], help="Bill another project."),
        click.Option(
            ["--callback-url", "run__callback_url"],
            metavar="URL",
            help="A URL Wiro POSTs to when the task completes.",
        ),
        click.Option(
            ["--allow-unlisted", "run__allow_unlisted"],
            is_flag=True,
            default=None,
            help="Send select values the page does not list.",
        ),
        click.Option(
            ["--out", "run__out"],
            type=click.Path(file_okay=False, path_type=Path),
            help="Download the outputs into DIR and print their paths.",
        ),
        click.Option(
            ["--json", "run__json"],
            is_flag=True,
            default=None,
            help="Print the final task as JSON on stdout, and nothing else.",
        ),
        click.Option(
            ["--no-wait", "run__no_wait"],
            is_flag=True,
            default=None,
            help="Print the task id and socket token, and return.",
        ),
        click.Option(
            ["--estimate", "run__estimate"],
            is_flag=True,
            default=None,
            help="Print what the run would cost by Wiro's prices, and run nothing.",
        ),
        click.Option(
            ["--timeout", "run__timeout"],
            type=click.FloatRange(min=0, min_open=True),
            metavar="SECONDS",
            help="Give up waiting after SECONDS (exit 1; the task goes on).",
        ),
    ]


RUN_OPTION_NAMES: Final = tuple(
    name for option in _run_options() for name in option.opts
)
"""Every `run` option name, as they can clash with a tool's input."""


class ToolGroup(click.Group):
    """`run`: each tool of the package a subcommand, made only when named."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(settings().registry.TOOLS, key=str.casefold)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        from ._errors import UnknownToolError

        registry = settings().registry
        try:
            tool_class = registry.get_tool(cmd_name)
        except UnknownToolError as error:
            raise click.UsageError(str(error), ctx) from None
        return tool_command(describe(tool_class))

    def shell_complete(
        self, ctx: click.Context, incomplete: str
    ) -> list[CompletionItem]:
        # Slugs from the registry alone: completing must not import every tool module.
        slugs = [s for s in self.list_commands(ctx) if s.startswith(incomplete)]
        return [CompletionItem(slug) for slug in slugs] or super().shell_complete(
            ctx, incomplete
        )

    def format_commands(
        self, ctx: click.Context, formatter: click.HelpFormatter
    ) -> None:
        count = len(settings().registry.TOOLS)
        with formatter.section("Tools"):
            formatter.write_text(
                f"{count} tools: `tools` lists them, `run SLUG --help` shows one's options."
            )


@click.group(
    cls=ToolGroup,
    params=_run_options(),
    subcommand_metavar="SLUG [INPUT OPTIONS]",
    context_settings={"help_option_names": ["-h", "--help"]},
)
def run(**_: Any) -> None:
    """Run a tool: one option per input, named after run()'s argument in kebab-case.

    Live status goes to stderr; stdout gets the output URLs (with --out the downloaded
    files' paths, with --json the final task), and a language model's answer as it is
    written. Options below may come before or after SLUG; when the tool has an input of
    the same name, after SLUG it is the input's.
    """


class ToolCommand(click.Command):
    """A tool's subcommand: its help shows the inputs and `run`'s options apart."""

    def format_options(
        self, ctx: click.Context, formatter: click.HelpFormatter
    ) -> None:
        sections: dict[str, list[tuple[str, str]]] = {"Inputs": [], "Run options": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None:
                inputs = (param.name or "").startswith(INPUT_DEST)
                sections["Inputs" if inputs else "Run options"].append(record)
        for title, records in sections.items():
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


def tool_command(tool: ToolDescription) -> click.Command:
    """The subcommand of one tool: its inputs, then `run`'s options no input hides."""
    inputs = taken_names(tool)
    run_options = [o for o in _run_options() if not inputs & set(o.opts)]
    helps = [name for name in ("-h", "--help") if name not in inputs]
    examples = (
        f"\n\nExamples (--example): {', '.join(tool.examples)}."
        if tool.examples
        else ""
    )
    return ToolCommand(
        tool.slug,
        params=[*input_parameters(tool), *run_options],
        callback=lambda **values: _execute(tool, values),
        help=f"{tool.summary}\n\nPage: {tool.page_url}{examples}",
        short_help=tool.summary,
        context_settings={"help_option_names": helps, "max_content_width": 100},
    )


def _execute(tool: ToolDescription, values: Mapping[str, Any]) -> None:
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
    from ._cli_options import given_inputs

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
    extra: dict[str, object] = {}
    for pair in pairs:
        wire, equals, text = pair.partition("=")
        if not equals or not wire:
            fail(f"--set: expected WIRE=VALUE, got {pair!r}", USAGE_ERROR)
        if tool.input(wire) is not None:
            option = input_options(tool)[tool.input(wire).argument]  # type: ignore[union-attr]
            fail(
                f"--set: {wire!r} is an input of {tool.slug}: use {option}", USAGE_ERROR
            )
        try:
            extra[wire] = json.loads(text)
        except ValueError:
            extra[wire] = text
    return extra


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
            option = input_options(tool).get(error.argument, error.argument)
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
    --json), status on stderr otherwise; exit 1 past --timeout."""
    try:
        async with asyncio.timeout(options.get("timeout")):
            if is_llm(tool.categories) and not options.get("json"):
                return await stream_answer(task, sys.stdout)
            return await follow(task)
    except TimeoutError:
        fail(
            f"task {task.taskid} did not end within {options['timeout']:g} s; it goes on:"
            f" `python -m {config.package} task wait {task.taskid}` follows it",
            FAILED,
        )


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


def _echo_started(task: AsyncTask, as_json: bool) -> None:
    started = {"taskid": task.taskid, "socketaccesstoken": task.socketaccesstoken}
    click.echo(
        json.dumps(started) if as_json else f"{task.taskid}\t{task.socketaccesstoken}"
    )
