"""A tool its page files under the `llm` category answers as a language model."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from generator.mockserver import RunningMockServer
from generator.parser import parse_text
from tests.support.mockserver_fixture import StartMockWiro, signed_client
from tests.support.pagetext import make_page

from .support import detail, poll_to_the_end, start_task

CHAT_RUN = "/Run/wiro/mock-chat"


@pytest.fixture
def chat_server(start_mock_wiro: StartMockWiro) -> RunningMockServer:
    page = make_page(name="wiro/mock-chat", run=f"https://api.wiro.ai/v1{CHAT_RUN}")
    page = page.replace("  - text-to-image", "  - llm")
    spec = parse_text("mock-chat.md", page)
    return start_mock_wiro(specs=[spec], pages={spec.slug: page})


def finished_task(server: RunningMockServer) -> dict[str, Any]:
    with signed_client(server) as wiro:
        taskid = start_task(wiro, CHAT_RUN, prompt="a haiku about the sea")
        poll_to_the_end(wiro, taskid)
        return detail(wiro, taskid)


def test_a_task_of_an_llm_page_answers_in_debugoutput_and_a_raw_output(
    chat_server: RunningMockServer,
) -> None:
    task = finished_task(chat_server)
    (output,) = task["outputs"]
    assert output["contenttype"] == "raw"
    assert output["content"]["thinking"] != [] and "segments" not in output["content"]
    assert task["debugoutput"] == "\n".join(output["content"]["answer"]) != ""


def test_a_script_still_decides_how_a_task_of_an_llm_page_ends(
    chat_server: RunningMockServer,
) -> None:
    chat_server.queue_task_scripts("pexit")
    task = finished_task(chat_server)
    assert (task["pexit"], task["outputs"]) == ("1", [])


def test_a_task_of_another_page_answers_with_files(wiro: httpx.Client) -> None:
    taskid = start_task(wiro)
    poll_to_the_end(wiro, taskid)
    assert detail(wiro, taskid)["outputs"][0]["contenttype"] == "image/png"
