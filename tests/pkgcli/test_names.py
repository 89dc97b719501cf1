"""Option names: every input keeps its own, and `run`'s options are never lost.

Checked over every input of the benchmark corpus (1000 tools), and over inputs named like
`run`'s own options (real tools have `timeout`, `out`, `json`, `seed`, `example`...).
"""

from __future__ import annotations

import functools
from dataclasses import replace
from types import ModuleType

import click
import pytest

from benchmarks.corpus import build_corpus
from generator.render.names import argument_name, unique
from generator.runtime import InputSpec, ToolInfo
from generator.runtime._cli_options import INPUT_DEST, input_options, kebab
from generator.runtime._cli_run import RUN_OPTION_NAMES, run, tool_command
from generator.runtime._describe import InputDescription, ToolDescription

RUN_OPTIONS = sorted({name.removeprefix("--").replace("-", "_") for name in RUN_OPTION_NAMES})
"""`run`'s options as input names: `timeout`, `no_wait`, `project_id`, `help`..."""
CLASHING = (*RUN_OPTIONS, "wait", "no_wait", "help", "h", "base_url", "seed", "example")


def tool_of(slug: str, inputs: list[tuple[str, str, tuple[str, ...]]]) -> ToolDescription:
    """A description of a tool with `inputs` (wire name, runtime kind, options), each
    named as the generator names run()'s arguments."""
    taken: set[str] = set()
    specs = [
        InputSpec(name, unique(argument_name(name), taken), kind, options)  # type: ignore[arg-type]
        for name, kind, options in inputs
    ]
    return ToolDescription(
        slug=slug,
        module="nowhere",
        class_name="Tool",
        summary="",
        page_url="",
        categories=(),
        inputs=tuple(InputDescription(spec, None) for spec in specs),
        examples={},
        info=ToolInfo(slug=slug, inputs=tuple(specs)),
    )


@functools.cache
def corpus_tools() -> list[ToolDescription]:
    return [
        tool_of(
            page.spec.slug,
            [
                (item.name, kind.runtime_kind, item.choices)
                for item, kind in zip(page.spec.inputs, page.spec.input_kinds, strict=True)
            ],
        )
        for page in build_corpus(1000)
    ]


def clashing_tools() -> list[ToolDescription]:
    """One tool per kind whose inputs are all named like `run`'s options."""
    return [
        tool_of(f"t/{kind}", [(name, kind, ()) for name in CLASHING])
        for kind in ("string", "boolean", "integer", "file", "multifile")
    ]


def parsed(command: click.Command, args: list[str]) -> dict[str, object]:
    with command.make_context(command.name, args) as ctx:
        return dict(ctx.params)


def value_for(item: InputDescription) -> list[str]:
    """The command-line words after `item`'s option that set it."""
    if item.kind == "boolean":
        return []
    if item.is_file:
        return ["https://x.test/a.png"]
    return [item.options[0] if item.options else "7"]


def check_every_input_keeps_its_option(tool: ToolDescription) -> None:
    """All the tool's options given at once each reach their own input."""
    options = input_options(tool)
    assert len(set(options.values())) == len(options), tool.slug
    words = [word for item in tool.inputs for word in (options[item.argument], *value_for(item))]
    params = parsed(tool_command(tool), words)
    for item in tool.inputs:
        assert params[INPUT_DEST + item.argument] not in (None, ()), (tool.slug, item.name)


def check_run_options_stay_reachable(tool: ToolDescription) -> None:
    """Each run option is on the tool's command, or (hidden by an input) before SLUG."""
    command_names = {name for param in tool_command(tool).params for name in param.opts}
    group_names = {name for param in run.params for name in param.opts}
    for name in RUN_OPTION_NAMES:
        assert name in command_names or name in group_names


def test_every_corpus_input_keeps_its_option() -> None:
    for tool in corpus_tools():
        check_every_input_keeps_its_option(tool)


def test_run_options_stay_reachable_beside_every_corpus_tool() -> None:
    for tool in corpus_tools():
        check_run_options_stay_reachable(tool)


@pytest.mark.parametrize("tool", clashing_tools(), ids=lambda tool: tool.slug)
def test_inputs_named_like_run_options_keep_their_names(tool: ToolDescription) -> None:
    check_every_input_keeps_its_option(tool)
    options = input_options(tool)
    # run_and_wait() takes `timeout`, so the input's argument is `timeout_`
    assert options["timeout_"] == "--timeout" and options["json"] == "--json"


@pytest.mark.parametrize("tool", clashing_tools(), ids=lambda tool: tool.slug)
def test_run_options_hidden_by_inputs_stay_before_the_slug(tool: ToolDescription) -> None:
    check_run_options_stay_reachable(tool)
    hidden = {name for param in tool_command(tool).params for name in param.opts}
    assert "--timeout" in hidden  # now the input's
    timeout = next(p for p in tool_command(tool).params if "--timeout" in p.opts)
    assert timeout.name == INPUT_DEST + "timeout_"


def test_a_boolean_input_named_wait_hides_no_wait_after_the_slug() -> None:
    tool = tool_of("t/wait", [("wait", "boolean", ())])
    params = parsed(tool_command(tool), ["--no-wait"])
    assert params[INPUT_DEST + "wait"] is False and "run__no_wait" not in params


def test_an_input_named_help_leaves_short_help() -> None:
    tool = tool_of("t/help", [("help", "string", ())])
    command = tool_command(tool)
    assert parsed(command, ["--help", "me"])[INPUT_DEST + "help"] == "me"
    assert command.get_help_option_names(command.make_context("t", [])) == ["-h"]


@pytest.mark.parametrize(
    ("argument", "option"),
    [("negative_prompt", "negative-prompt"), ("class_", "class"), ("input_2", "input-2")],
)
def test_an_option_is_the_argument_in_kebab_case(argument: str, option: str) -> None:
    assert kebab(argument) == option


def test_arguments_meeting_in_kebab_case_keep_their_spelling() -> None:
    specs = (InputSpec("a", "a_b", "string"), InputSpec("b", "a_b_", "string"))
    tool = replace(tool_of("t/meet", []), inputs=tuple(InputDescription(s, None) for s in specs))
    assert input_options(tool) == {"a_b": "--a_b", "a_b_": "--a_b_"}


def test_describe_names_the_options_run_takes(
    wiro_tools: ModuleType,
) -> None:
    from wiro_tools._runtime._describe import describe

    tool = describe(wiro_tools.get_tool("wiro/text-to-image-sd-lora"))
    assert input_options(tool)["negative_prompt"] == "--negative-prompt"
