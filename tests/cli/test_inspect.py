"""`wirogen inspect`: the IR as JSON or as a summary, with documented exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

from ..support.paths import SPECS

PIXART = SPECS / "wiro__PixArt-Sigma.md"
CONTRACT_KEYS = {
    "schema_version", "slug", "name", "description", "cover", "categories", "tags",
    "endpoints", "inputs", "statuses", "examples", "warnings",
}  # fmt: skip


def invoke(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def test_json_export_holds_the_contract_keys() -> None:
    result = invoke("inspect", str(PIXART), "--json")
    assert result.exit_code == 0, result.output
    exported = json.loads(result.stdout)
    assert set(exported) >= CONTRACT_KEYS
    assert exported["schema_version"] == 1
    assert exported["slug"] == "wiro/PixArt-Sigma"
    assert set(exported["endpoints"]) == {"run", "detail", "kill", "cancel"}
    steps = next(item for item in exported["inputs"] if item["name"] == "steps")
    assert (steps["type"], steps["default"], steps["typed_default"]) == ("number", "30", 30)
    assert exported["statuses"]["completed"] == ["task_postprocess_end", "task_cancel"]
    assert all(isinstance(warning, str) for warning in exported["warnings"])


def test_summary_shows_inputs_endpoints_and_warnings() -> None:
    result = invoke("inspect", str(PIXART))
    assert result.exit_code == 0
    assert "wiro/PixArt-Sigma" in result.stdout
    assert "https://api.wiro.ai/v1/Run/wiro/PixArt-Sigma" in result.stdout
    assert "scheduler" in result.stdout and "select" in result.stdout
    assert "duplicate-option" in result.stdout


def test_parse_error_exits_1_with_the_message_on_stderr(tmp_path: Path) -> None:
    page = tmp_path / "cut.md"
    page.write_text(PIXART.read_text()[:1500])
    result = invoke("inspect", str(page))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{page}:1:" in result.stderr and "cut off" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2() -> None:
    assert invoke("inspect").exit_code == 2
    assert invoke("inspect", str(PIXART), "--no-such-flag").exit_code == 2


def test_installed_command_prints_json() -> None:
    wirogen = Path(sys.executable).with_name("wirogen")
    completed = subprocess.run(
        [str(wirogen), "inspect", str(PIXART), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["slug"] == "wiro/PixArt-Sigma"
