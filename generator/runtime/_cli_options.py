"""A tool's inputs as command-line options, and the `run` options beside them.

Naming: an input's option is run()'s argument in kebab-case (`negative_prompt` ->
`--negative-prompt`, `class_` -> `--class`); a boolean also gets `--no-<name>`. An input
always keeps its name. `run`'s own options (`--json`, `--out`, `--timeout`...) may come
before or after SLUG; when a tool has an input of the same name, the option after SLUG is
the input's and `run`'s is given before SLUG (`run --timeout 60 SLUG --timeout 5`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import click
from click.shell_completion import CompletionItem

from ._describe import InputDescription, ToolDescription

INPUT_DEST: Final = "input__"
"""Prefix of the parameter names inputs are parsed into (never a `run` option's)."""
RUN_DEST: Final = "run__"
"""Prefix of the parameter names of `run`'s own options."""
SHOWN_OPTIONS: Final = 12
HELP_WIDTH: Final = 160

_METAVARS: Final = {"integer": "INTEGER", "float": "NUMBER"}
_ONE_OF: Final = re.compile(r"\s*One of\b.*$")
SHOWN_DEFAULT: Final = 40


def kebab(argument: str) -> str:
    """run()'s argument as an option name: `negative_prompt` -> `negative-prompt`."""
    return argument.rstrip("_").replace("_", "-")


def input_options(tool: ToolDescription) -> dict[str, str]:
    """Each input's option (`--negative-prompt`) by argument. Two arguments whose
    kebab-case meet (`a_b`, `a_b_`) keep their exact spelling instead."""
    kebabs = [kebab(item.argument) for item in tool.inputs]
    return {
        item.argument: f"--{name if kebabs.count(name) == 1 else item.argument}"
        for item, name in zip(tool.inputs, kebabs, strict=True)
    }


def negations(tool: ToolDescription) -> dict[str, str]:
    """`--no-<name>` of each boolean input, by argument, unless another input's option
    is spelt that way (that input keeps it; the boolean is then only switched on)."""
    options = input_options(tool)
    taken = set(options.values())
    found = {}
    for item in tool.inputs:
        negation = f"--no-{options[item.argument][2:]}"
        if item.kind == "boolean" and negation not in taken:
            found[item.argument] = negation
    return found


def taken_names(tool: ToolDescription) -> set[str]:
    """Every option name the tool's inputs use, `--no-<name>` of booleans included."""
    return {*input_options(tool).values(), *negations(tool).values()}


class InputType(click.ParamType[Any, Any]):
    """A value for one input, checked by the runtime's coercion rules (`_coerce`)."""

    def __init__(self, item: InputDescription, stdin: Callable[[], bytes]) -> None:
        self.item = item
        self.name = item.kind
        self._stdin = stdin

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Any:
        if not isinstance(value, str):
            return value  # a default, already typed
        from ._coerce import coerce  # on use: `--help` needs no coercion
        from ._errors import InvalidInputError

        try:
            # Options are checked once `--allow-unlisted` is known (see checked_choices).
            coerced = coerce(
                self.item,
                value,
                base=Path.cwd(),
                stdin=self._stdin,
                allow_unlisted=True,
            )
        except InvalidInputError as error:
            self.fail(error.reason, param, ctx)
        if self.item.is_multiple:  # one value per repetition of the option
            (coerced,) = coerced  # type: ignore[misc]
        return coerced

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        if self.item.is_file:
            return "URL|PATH|-"
        options = self.item.options
        if options and len(options) <= SHOWN_OPTIONS:
            return "[" + "|".join(option or '""' for option in options) + "]"
        return "CHOICE" if options else _METAVARS.get(self.item.kind, "TEXT")

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        if self.item.is_file:
            return [CompletionItem(incomplete, type="file")]
        return [
            CompletionItem(o) for o in self.item.options if o.startswith(incomplete)
        ]


def input_parameters(tool: ToolDescription) -> list[click.Option]:
    """One option per input, in run()'s order; none has a default (run() applies its own)."""
    stdin = _stdin_once()
    options = input_options(tool)
    negated = negations(tool)
    parameters = []
    for item in tool.inputs:
        name = options[item.argument]
        dest = INPUT_DEST + item.argument
        help_text = input_help(item)
        if item.kind == "boolean":
            negation = negated.get(item.argument)
            declaration = f"{name}/{negation}" if negation else name
            flag = click.Option(
                [declaration, dest], is_flag=True, default=None, help=help_text
            )
            parameters.append(flag)
        else:
            parameters.append(
                click.Option(
                    [name, dest],
                    type=InputType(item, stdin),
                    multiple=item.is_multiple,
                    default=None,
                    help=help_text,
                )
            )
    return parameters


def input_help(item: InputDescription) -> str:
    """The input's first sentence of documentation, what is sent when it is left out,
    and its wire name."""
    # The options are in the metavar (and `describe`): the sentence listing them goes.
    text = _ONE_OF.sub("", item.description.split("\n", 1)[0])
    if len(text) > HELP_WIDTH:
        text = text[: HELP_WIDTH - 3].rsplit(" ", 1)[0] + "..."
    if item.options and len(item.options) > SHOWN_OPTIONS:
        text += f" ({len(item.options)} options: see `describe`.)"
    if item.is_multiple:
        text += " Repeat for several."
    return " ".join(filter(None, [text, sends(item)]))


def sends(item: InputDescription) -> str:
    """What a run sends for `item` when it is left out."""
    if item.default is None:
        where = f"`{item.name}`"
        return f"[not sent unless given; sent as {where}]"
    default = shown(item.default)
    if len(default) > SHOWN_DEFAULT:
        default = default[: SHOWN_DEFAULT - 3].rstrip() + "..."
    return f"[default: {default}; sent as `{item.name}`]"


def shown(value: object) -> str:
    """A default as the command line spells it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return ", ".join(shown(item) for item in value) or "none"
    if value == "":
        return '""'
    return str(value)


def _stdin_once() -> Callable[[], bytes]:
    """Standard input's bytes, for the one file input given as `-`."""
    read: list[bytes] = []

    def stdin() -> bytes:
        if read:
            raise click.UsageError("only one file input can read standard input (`-`)")
        read.append(sys.stdin.buffer.read())
        return read[0]

    return stdin
