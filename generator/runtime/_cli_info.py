"""`tools` and `describe`: what the package holds, as text or JSON. No request is sent."""

from __future__ import annotations

import json
import textwrap
from typing import Any, Final

import click

from ._cli import USAGE_ERROR
from ._cli_group import fail, settings
from ._cli_options import input_options, sends, shown
from ._describe import ToolDescription, registry_entries
from ._describe import describe as describe_tool

WIDTH: Final = 100


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--category", metavar="C", help="Only the tools in category C.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list on stdout.")
def tools(category: str | None, as_json: bool) -> None:
    """List every tool: slug, class and one-line summary (imports each tool module)."""
    registry = settings().registry
    found = []
    for entry in registry_entries(registry):
        tool = describe_tool(entry.load())
        if category is None or category.casefold() in map(
            str.casefold, tool.categories
        ):
            found.append(tool)
    if as_json:
        click.echo(json.dumps([_summary(tool) for tool in found], indent=2))
        return
    if category is not None and not found:
        fail(f"no tool in category {category!r}", USAGE_ERROR)
    slug_width = max((len(tool.slug) for tool in found), default=0)
    class_width = max((len(tool.class_name) for tool in found), default=0)
    for tool in found:
        line = f"{tool.slug:<{slug_width}}  {tool.class_name:<{class_width}}  {tool.summary}"
        click.echo(line.rstrip())


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("slug")
@click.option("--json", "as_json", is_flag=True, help="A JSON object on stdout.")
def describe(slug: str, as_json: bool) -> None:
    """Show SLUG's inputs: option, type, default, options and the name a run sends."""
    from ._errors import UnknownToolError

    try:
        tool = describe_tool(settings().registry.get_tool(slug))
    except UnknownToolError as error:
        fail(str(error), USAGE_ERROR)
    if as_json:
        click.echo(json.dumps(_details(tool), indent=2, ensure_ascii=False))
        return
    click.echo(f"{tool.slug} ({tool.class_name}): {tool.summary}".rstrip(": "))
    click.echo(f"Page: {tool.page_url}" if tool.page_url else "")
    if tool.categories:
        click.echo(f"Categories: {', '.join(tool.categories)}")
    options = input_options(tool)
    for item in tool.inputs:
        click.echo(f"\n{options[item.argument]}  ({item.kind})  {sends(item)}")
        if item.options:
            click.echo(f"    options: {', '.join(shown(o) for o in item.options)}")
        for line in item.description.splitlines():
            more = "      " if line.startswith("- ") else "    "
            click.echo(
                textwrap.fill(
                    line, WIDTH, initial_indent="    ", subsequent_indent=more
                )
            )
    if tool.examples:
        click.echo(f"\nExamples (run --example NAME): {', '.join(tool.examples)}")
    click.echo(
        "\nFields the page does not list (run()'s `extra_body`): run --set WIRE=VALUE"
    )


def _summary(tool: ToolDescription) -> dict[str, Any]:
    return {
        "slug": tool.slug,
        "class": tool.class_name,
        "module": tool.module,
        "summary": tool.summary,
        "categories": list(tool.categories),
        "page_url": tool.page_url,
    }


def _details(tool: ToolDescription) -> dict[str, Any]:
    options = input_options(tool)
    inputs = [
        {
            "name": item.name,
            "argument": item.argument,
            "option": options[item.argument],
            "kind": item.kind,
            "default": (
                list(item.default) if isinstance(item.default, tuple) else item.default
            ),
            "sent_when_left_out": item.default is not None,
            "options": list(item.options),
            "file": item.is_file,
            "multiple": item.is_multiple,
            "description": item.description,
        }
        for item in tool.inputs
    ]
    examples = {
        name: {key: list(v) if isinstance(v, tuple) else v for key, v in values.items()}
        for name, values in tool.examples.items()
    }
    return {**_summary(tool), "inputs": inputs, "examples": examples}
