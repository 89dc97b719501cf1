"""`task show|wait|cancel|kill TASKID`: tasks started elsewhere."""

from __future__ import annotations

import json

from generator.mockserver import RunningMockServer

from .conftest import Shell

PIXART = "wiro/PixArt-Sigma"


def started(shell: Shell) -> tuple[str, str]:
    taskid, token = shell("run", PIXART, "--no-wait").stdout.split()
    return taskid, token


def test_show_prints_the_state_without_waiting(shell: Shell, mock_wiro: RunningMockServer) -> None:
    taskid, _ = started(shell)
    result = shell("task", "show", taskid)
    assert result.exit_code == 0
    assert (
        result.stderr.startswith(f"{taskid}: task_")
        and mock_wiro.request_count("/v1/Task/Detail") == 1
    )


def test_wait_follows_the_task_to_its_end(shell: Shell) -> None:
    taskid, token = started(shell)
    result = shell("task", "wait", taskid, "--token", token, "--json")
    task = json.loads(result.stdout)
    assert (task["taskid"], task["status"], task["pexit"]) == (taskid, "task_postprocess_end", "0")


def test_wait_exits_1_for_a_failed_task(shell: Shell, mock_wiro: RunningMockServer) -> None:
    mock_wiro.queue_task_scripts({"outcome": "pexit", "debugerror": "bad weights"})
    taskid, token = started(shell)
    result = shell("task", "wait", taskid, "--token", token)
    assert result.exit_code == 1 and "bad weights" in result.stderr


def test_kill_stops_the_task_and_exits_0(shell: Shell, mock_wiro: RunningMockServer) -> None:
    mock_wiro.clock(per_poll=0)
    taskid, token = started(shell)
    result = shell("task", "kill", taskid, "--token", token)
    assert result.exit_code == 0, result.output
    assert mock_wiro.request_count("/v1/Task/Kill") == 1


def test_cancel_cancels_a_queued_task(shell: Shell, mock_wiro: RunningMockServer) -> None:
    mock_wiro.clock(per_poll=0)
    taskid, _ = started(shell)
    result = shell("task", "cancel", taskid, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "task_cancel"


def test_an_unknown_task_exits_1(shell: Shell) -> None:
    result = shell("task", "show", "999999")
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")


def test_an_unknown_tool_exits_2(shell: Shell) -> None:
    assert shell("task", "show", "1", "--tool", "no/such").exit_code == 2
