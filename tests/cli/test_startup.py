"""Start-up: each command imports only what it uses, so it starts fast.

What is imported is asserted (in a fresh interpreter), never how long it takes:
benchmarks/ measures that.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from generator.cli import COMMANDS, main

from ..support.paths import ROOT, SPECS

# slow: every case a fresh interpreter.
pytestmark = pytest.mark.slow

# What rendering, parsing, formatting and serving need; a run that does none of them
# must not pay for importing them.
HEAVY = ("aiohttp", "black", "httpx", "jinja2", "markdown_it")
PROBE = """
import json, sys
from generator.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def imported_by(*args: str | Path) -> set[str]:
    """The modules loaded by `wirogen ARGS...`, run in a new interpreter."""
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(completed.stderr.splitlines()[-1]))


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [name for name in names if name in modules]


def test_help_imports_no_command_and_no_heavy_library() -> None:
    modules = imported_by("--help")
    commands = sorted(module for module in modules if module.startswith("generator.cli."))
    assert (commands, loaded(modules, HEAVY)) == ([], [])


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_listed_help_is_the_commands_own(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None
    assert command.get_short_help_str(limit=1000) == COMMANDS[name][2]


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - {"mock-server"}))
def test_command_help_does_not_import_the_mock_server(name: str) -> None:
    modules = imported_by(name, "--help")
    assert loaded(modules, ("aiohttp", "generator.mockserver.server")) == []


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - {"fetch", "mock-server"}))
def test_command_help_does_not_import_a_renderer_parser_or_formatter(name: str) -> None:
    assert loaded(imported_by(name, "--help"), HEAVY) == []


@pytest.mark.parametrize("command", ["generate", "check"])
def test_run_that_reuses_every_file_imports_no_heavy_library(command: str, tmp_path: Path) -> None:
    generated = subprocess.run(
        [sys.executable, "-m", "generator.cli", "generate", SPECS, "-o", tmp_path, "-q"],
        capture_output=True,
        check=False,
    )
    assert generated.returncode == 0, generated.stderr
    assert loaded(imported_by(command, SPECS, "-o", tmp_path, "-q"), HEAVY) == []


def test_parsing_a_page_imports_markdown_it_but_not_jinja() -> None:
    modules = imported_by("lint", SPECS)
    assert (loaded(modules, ("markdown_it",)), loaded(modules, ("jinja2", "black"))) == (
        ["markdown_it"],
        [],
    )
