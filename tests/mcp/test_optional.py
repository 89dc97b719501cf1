"""The MCP SDK is an optional extra: library use never loads it, the command asks for it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata

from ..support.paths import ROOT


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "generated",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_using_a_tool_loads_neither_mcp_nor_anyio() -> None:
    done = python(
        "import sys, wiro_tools\n"
        "wiro_tools.get_tool('wiro/cartoonify')\n"
        "print(sorted({'mcp', 'mcp_types', 'anyio'} & set(sys.modules)))"
    )
    assert done.stdout.strip() == "[]", done.stderr


def test_without_the_sdk_the_command_says_how_to_install_it() -> None:
    done = python(
        "import sys\n"
        "sys.modules['mcp'] = None  # as if the extra were not installed\n"
        "from wiro_tools._runtime._cli import main\n"
        "main(['mcp'])"
    )
    assert done.returncode == 2
    assert "pip install 'wiro-tools[mcp]'" in done.stderr


def test_the_package_declares_the_mcp_extra_at_the_version_tested() -> None:
    project = tomllib.loads((ROOT / "generated" / "pyproject.toml").read_text())["project"]
    extra = project["optional-dependencies"]["mcp"]
    assert extra == ["click>=8.1", f"mcp=={metadata.version('mcp')}"]
    assert project["dependencies"] == ["httpx>=0.27"]
