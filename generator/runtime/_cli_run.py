"""`run SLUG [options]`: one tool run from the shell, followed to its end.

Each tool is a subcommand made when it is named, from its module alone (see
`_cli_options` for how options are named and how `run`'s own options share the space).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import click
from click.shell_completion import CompletionItem

from ._cli_group import settings
from ._cli_options import INPUT_DEST, input_parameters, taken_names
from ._describe import ToolDescription, describe


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
        return sorted(settings(ctx).registry.TOOLS, key=str.casefold)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        registry = settings(ctx).registry
        try:
            tool_class = registry.get_tool(cmd_name)
        except LookupError as error:  # UnknownToolError, without importing the errors
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
        count = len(settings(ctx).registry.TOOLS)
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
    from ._cli_execute import execute  # only when a tool runs

    execute(tool, values)
