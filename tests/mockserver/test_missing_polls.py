"""Wiro's race right after a Run: the first polls answer "There is no task yet." (code 1)."""

from __future__ import annotations

import httpx
import pytest

from generator.mockserver import RunningMockServer
from tests.support.mockserver_fixture import (
    KEY,
    SECRET,
    SignatureAuth,
    StartMockWiro,
    signed_client,
)

from .support import admin, detail, detail_reply, mock_server_command, start_task

CREDENTIALS = {"WIRO_API_KEY": KEY, "WIRO_API_SECRET": SECRET}
NO_TASK_YET = {"code": 1, "message": "There is no task yet."}


def test_a_scripted_task_is_not_found_by_its_first_polls(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    mock_wiro.queue_task_scripts({"missing_polls": 2})
    taskid = start_task(wiro)
    misses = [detail_reply(wiro, taskid) for _ in range(2)]
    assert all(reply["result"] is False for reply in misses)
    assert [reply["errors"] for reply in misses] == [[NO_TASK_YET], [NO_TASK_YET]]
    assert detail(wiro, taskid)["status"] == "task_queue"


def test_the_missing_polls_answer_with_http_200(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    mock_wiro.queue_task_scripts({"missing_polls": 1})
    taskid = start_task(wiro)
    assert wiro.post("/Task/Detail", json={"taskid": taskid}).status_code == 200


def test_a_server_setting_hides_every_new_task_from_its_first_polls(
    start_mock_wiro: StartMockWiro,
) -> None:
    server = start_mock_wiro(missing_polls=1)
    with signed_client(server) as wiro:
        first, second = start_task(wiro), start_task(wiro)
        assert detail_reply(wiro, first)["errors"] == [NO_TASK_YET]
        assert detail_reply(wiro, second)["errors"] == [NO_TASK_YET]
        assert detail(wiro, first)["status"] == "task_queue"


def test_an_unknown_task_is_no_task_yet(wiro: httpx.Client) -> None:
    assert detail_reply(wiro, "999999")["errors"] == [NO_TASK_YET]


@pytest.mark.parametrize("missing", [-1, 101, "2", True, 1.5])
def test_a_missing_polls_count_out_of_bounds_is_refused(
    mock_wiro: RunningMockServer, missing: object
) -> None:
    script = {"missing_polls": missing}
    reply = admin(mock_wiro, "POST", "task-scripts", json={"scripts": [script]})
    assert reply.status_code == 400
    assert "missing_polls" in reply.json()["error"]


def test_the_command_hides_new_tasks_from_as_many_polls_as_asked() -> None:
    with mock_server_command("--missing-polls", "2", env=CREDENTIALS) as run:
        wiro = httpx.Client(base_url=run.base_url, auth=SignatureAuth(), timeout=5)
        taskid = start_task(wiro)
        replies = [detail_reply(wiro, taskid) for _ in range(3)]
    assert [reply["result"] for reply in replies] == [False, False, True]
