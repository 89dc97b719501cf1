"""What the command line shows: help per seed tool (pinned), `tools`, `describe`."""

from __future__ import annotations

import json
from types import ModuleType

import pytest
from syrupy.assertion import SnapshotAssertion

from tests.support.paths import ROOT

from .conftest import Shell

MANIFEST = ROOT / "generated" / "wiro_tools" / "_manifest.json"
SEED_SLUGS = sorted(
    record["slug"]
    for record in json.loads(MANIFEST.read_text(encoding="utf-8"))["files"].values()
    if record["slug"]
)


@pytest.fixture
def offline(wiro_tools: ModuleType) -> Shell:
    return Shell("wiro_tools")


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_run_help_of_each_seed_tool_is_pinned(
    offline: Shell, slug: str, snapshot: SnapshotAssertion
) -> None:
    result = offline("run", slug, "--help")
    assert result.exit_code == 0
    assert result.stdout == snapshot


def test_the_root_help_lists_every_command(offline: Shell, snapshot: SnapshotAssertion) -> None:
    assert offline("--help").stdout == snapshot


def test_tools_lists_slug_class_and_summary(offline: Shell) -> None:
    lines = offline("tools").stdout.splitlines()
    assert len(lines) == len(SEED_SLUGS)
    cartoonify = next(line for line in lines if line.startswith("wiro/cartoonify "))
    assert cartoonify.split()[:2] == ["wiro/cartoonify", "Cartoonify"]
    assert cartoonify.endswith("Turn your photos into fun, vibrant cartoons!")


def test_tools_filters_by_category(offline: Shell) -> None:
    tools = json.loads(offline("tools", "--category", "image-to-image", "--json").stdout)
    assert tools and all("image-to-image" in tool["categories"] for tool in tools)
    assert len(tools) < len(SEED_SLUGS)


def test_an_empty_category_exits_2(offline: Shell) -> None:
    assert offline("tools", "--category", "no-such-thing").exit_code == 2


def test_describe_json_gives_each_input_and_what_a_run_sends(offline: Shell) -> None:
    tool = json.loads(offline("describe", "wiro/cartoonify", "--json").stdout)
    assert tool["slug"] == "wiro/cartoonify" and tool["class"] == "Cartoonify"
    image = tool["inputs"][0]
    assert (image["option"], image["name"], image["kind"]) == (
        "--input-image-url",
        "inputImageUrl",
        "urlfile",
    )
    assert image["file"] is True and image["sent_when_left_out"] is False
    fmt = next(item for item in tool["inputs"] if item["name"] == "outputFormat")
    assert (fmt["default"], fmt["options"]) == ("jpeg", ["jpeg", "png"])


def test_describe_shows_options_and_defaults(offline: Shell) -> None:
    text = offline("describe", "wiro/cartoonify").stdout
    assert "--output-format  (select)  [default: jpeg; sent as `outputFormat`]" in text
    assert "    options: jpeg, png" in text


def test_describe_of_an_unknown_tool_exits_2(offline: Shell) -> None:
    result = offline("describe", "wiro/cartoonifi")
    assert result.exit_code == 2 and "did you mean wiro/cartoonify" in result.stderr


def test_run_help_lists_no_tool_module(offline: Shell) -> None:
    result = offline("run", "--help")
    assert result.exit_code == 0 and f"{len(SEED_SLUGS)} tools" in result.stdout


def completions(words: str) -> list[str]:
    """What bash completion offers for the last of `words` (`wiro-tools ...`)."""
    from click.testing import CliRunner
    from wiro_tools._runtime._cli_group import root

    parts = words.split(" ")
    env = {"_WIRO_TOOLS_COMPLETE": "bash_complete", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(len(parts) - 1)
    result = CliRunner().invoke(root, [], obj="wiro_tools", env=env, prog_name="wiro-tools")
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


def test_the_shell_completes_slugs(wiro_tools: ModuleType) -> None:
    assert completions("wiro-tools run wiro/c") == ["wiro/cartoonify"]


def test_the_shell_completes_a_selects_values(wiro_tools: ModuleType) -> None:
    assert completions("wiro-tools run wiro/cartoonify --output-format ") == ["jpeg", "png"]


def test_the_shell_completes_input_options(wiro_tools: ModuleType) -> None:
    assert completions("wiro-tools run wiro/cartoonify --output-") == ["--output-format"]
