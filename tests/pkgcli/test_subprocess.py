"""`python -m wiro_tools` as a user runs it: a separate process against the mock server."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import tomllib

from generator.mockserver import RunningMockServer
from tests.support.mockserver_fixture import KEY, SECRET
from tests.support.paths import ROOT

GENERATED = ROOT / "generated"


def python_m(
    *args: str, server: RunningMockServer | None = None, code: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(GENERATED), "WIRO_API_KEY": KEY}
    env["WIRO_API_SECRET"] = SECRET
    if server is not None:
        env.update(WIRO_BASE_URL=server.base_url, WIRO_SOCKET_URL=server.socket_url)
    command = ["-c", code] if code else ["-m", "wiro_tools", *args]
    return subprocess.run(
        [sys.executable, *command], env=env, capture_output=True, text=True, timeout=120
    )


def test_a_run_in_a_process_prints_the_outputs(mock_wiro: RunningMockServer) -> None:
    done = python_m("run", "wiro/PixArt-Sigma", "--prompt", "a cat", server=mock_wiro)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(mock_wiro.origin) and "end" in done.stderr


def test_a_bad_value_in_a_process_exits_2(mock_wiro: RunningMockServer) -> None:
    done = python_m("run", "wiro/PixArt-Sigma", "--steps", "x", server=mock_wiro)
    assert done.returncode == 2 and "--steps" in done.stderr


def test_without_click_it_says_how_to_install_it_and_exits_2() -> None:
    hide_click = "import sys; sys.modules['click'] = None; import runpy; "
    run_main = "runpy.run_module('wiro_tools', run_name='__main__')"
    done = python_m(code=hide_click + run_main)
    assert done.returncode == 2
    assert "pip install 'wiro-tools[cli]'" in done.stderr and not done.stdout


def test_importing_the_package_does_not_run_the_command_line() -> None:
    done = python_m(code="import wiro_tools.__main__")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_meta_installs_a_console_script_and_the_cli_extra() -> None:
    project = tomllib.loads((GENERATED / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"wiro-tools": "wiro_tools._runtime._cli:main"}
    assert project["project"]["optional-dependencies"]["cli"] == ["click>=8.1"]
    assert project["project"]["dependencies"] == ["httpx>=0.27"]


def loaded_after(snippet: str) -> list[str]:
    """The heavy modules and the tool modules `snippet` leaves imported."""
    report = (
        "\nimport sys; print(sorted(m for m in sys.modules if m in ('httpx', 'asyncio')"
        " or m.count('.') == 2 and not m.startswith('wiro_tools._runtime')))"
    )
    done = python_m(code=snippet + report)
    assert done.returncode == 0, done.stderr
    loaded: list[str] = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return loaded


def test_run_help_imports_one_tool_module_and_no_httpx() -> None:
    snippet = (
        "from wiro_tools._runtime._cli import main\n"
        "try:\n    main(['run', 'wiro/cartoonify', '--help'])\n"
        "except SystemExit:\n    pass"
    )
    assert loaded_after(snippet) == ["wiro_tools.wiro.cartoonify"]


def test_a_tool_module_imports_without_httpx() -> None:
    assert loaded_after("import wiro_tools.wiro.cartoonify") == ["wiro_tools.wiro.cartoonify"]


def test_a_client_still_loads_httpx_on_first_use() -> None:
    assert "httpx" in loaded_after("import wiro_tools; wiro_tools.WiroClient")


def test_ctrl_c_while_waiting_names_the_task_that_goes_on(mock_wiro: RunningMockServer) -> None:
    mock_wiro.clock(per_poll=0)  # the task never moves on
    env = {**os.environ, "PYTHONPATH": str(GENERATED), "WIRO_API_KEY": KEY}
    env.update(WIRO_API_SECRET=SECRET, WIRO_BASE_URL=mock_wiro.base_url)
    env.update(WIRO_SOCKET_URL=mock_wiro.socket_url)
    command = [sys.executable, "-m", "wiro_tools", "run", "wiro/PixArt-Sigma"]
    with subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) as process:
        assert process.stderr is not None
        assert process.stderr.readline() == "queue\n"  # the task is followed
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "Interrupted; task " in rest and "task wait|kill" in rest
