"""aiohttp and PyYAML are extras of wirogen: a command that needs a missing one is a usage
error (exit 2) saying how to install it."""

from __future__ import annotations

import subprocess
import sys
from importlib.machinery import ModuleSpec
from pathlib import Path

import pytest

from generator import extras

from ..support.clirun import wirogen
from ..support.paths import SPECS


@pytest.fixture
def without(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Module names to treat as not installed."""
    hidden: set[str] = set()
    real = extras.find_spec

    def find_spec(name: str) -> ModuleSpec | None:
        return None if name in hidden else real(name)

    monkeypatch.setattr(extras, "find_spec", find_spec)
    return hidden


def test_mock_server_without_aiohttp_says_how_to_install_it(without: set[str]) -> None:
    without.add("aiohttp")
    result = wirogen("mock-server", SPECS)
    assert result.exit_code == 2
    assert "`wirogen mock-server` needs aiohttp, which is not installed" in result.stderr
    assert "pip install 'wirogen[mock]'" in result.stderr


def test_openapi_as_yaml_without_pyyaml_says_how_to_install_it(
    without: set[str], tmp_path: Path
) -> None:
    without.add("yaml")
    result = wirogen("openapi", SPECS, "-o", tmp_path / "api.yaml")
    assert result.exit_code == 2
    assert "writing YAML needs PyYAML, which is not installed" in result.stderr
    assert "pip install 'wirogen[yaml]'" in result.stderr
    assert not (tmp_path / "api.yaml").exists()


def test_openapi_as_json_needs_no_pyyaml(without: set[str], tmp_path: Path) -> None:
    without.add("yaml")
    assert wirogen("openapi", SPECS, "-o", tmp_path / "api.json").exit_code == 0


# Runs the CLI in a process where importing aiohttp or yaml fails, as if not installed.
WITHOUT_EXTRAS = """
import sys
from importlib.abc import MetaPathFinder

class Uninstalled(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("aiohttp", "yaml"):
            raise ModuleNotFoundError(name)
        return None

sys.meta_path.insert(0, Uninstalled())
from generator.cli import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize(
    "args",
    [["lint"], ["generate", "-o", "{tmp}/out"], ["openapi", "-o", "{tmp}/api.json"]],
    ids=lambda args: args[0],
)
def test_the_other_commands_run_without_the_extras(args: list[str], tmp_path: Path) -> None:
    arguments = [arg.format(tmp=tmp_path) for arg in args]
    completed = subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRAS, arguments[0], str(SPECS), *arguments[1:]],
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
