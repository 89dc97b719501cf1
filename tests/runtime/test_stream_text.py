"""task.stream_text(): a language model's answer as deltas, over the socket or by polling."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from generator.mockserver import RunningMockServer

from ..support.fakewiro import maybe
from .live import FLAVOURS, closed_port_url, collect, run_live
from .test_events import aiter_any, start

ANSWER = "Grey waves fold on stone,\nsalt wind carries gull voices,\nthe tide keeps its time."
THINKING = "Five, seven, five syllables. The sea, then."
LLM = {"answer": ANSWER, "thinking": THINKING}


@pytest.fixture(params=FLAVOURS)
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def chunks_of(
    wiro_tools: ModuleType, server: RunningMockServer, flavour: str, thinking: bool, **options: Any
) -> list[Any]:
    async def scenario(client: Any) -> list[Any]:
        task = await maybe(start(wiro_tools, client))
        return await collect(task.stream_text(thinking=thinking))

    server.queue_task_scripts(LLM)
    return run_live(wiro_tools, server, flavour, scenario, **options)


def test_answer_deltas_add_up_to_the_answer(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    chunks = chunks_of(wiro_tools, mock_wiro, flavour, thinking=False)
    assert "".join(chunks) == ANSWER
    assert len(chunks) == len(ANSWER.split())  # one delta per word the socket streamed


def test_thinking_is_yielded_apart_from_the_answer(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    chunks = chunks_of(wiro_tools, mock_wiro, flavour, thinking=True)
    by_kind = {
        kind: "".join(c for c in chunks if c.kind == kind) for kind in ("thinking", "answer")
    }
    assert by_kind == {"thinking": THINKING, "answer": ANSWER}
    assert [c.kind for c in chunks].index("answer") > 0  # the reasoning came first


def test_answer_items_are_joined_with_a_newline(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    script = {"thinking": ["Hmm.", "Check."], "answer": ["First part.", "Second part."]}

    async def scenario(client: Any) -> tuple[list[Any], Any]:
        task = await maybe(start(wiro_tools, client))
        chunks = await collect(task.stream_text(thinking=True))
        return chunks, await maybe(task.detail())

    mock_wiro.queue_task_scripts(script)
    chunks, final = run_live(wiro_tools, mock_wiro, flavour, scenario)
    answer = "".join(c for c in chunks if c.kind == "answer")
    thinking = "".join(c for c in chunks if c.kind == "thinking")
    assert (answer, thinking) == ("First part.\nSecond part.", "Hmm.\nCheck.")
    assert (final.text, final.thinking) == (answer, thinking)


def test_text_arrives_while_the_task_still_runs(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.clock(per_poll=0)
    status_at_first_chunk: list[object] = []

    async def scenario(client: Any) -> list[Any]:
        task = await maybe(start(wiro_tools, client))
        mock_wiro.clock(advance=6)  # to task_output: the socket streams the words, then waits
        chunks = []
        async for chunk in aiter_any(task.stream_text()):
            if not chunks:
                status_at_first_chunk.append(mock_wiro.task(task.taskid)["status"])
                mock_wiro.clock(advance=10)  # let the task finish
            chunks.append(chunk)
        return chunks

    mock_wiro.queue_task_scripts(LLM)
    chunks = run_live(wiro_tools, mock_wiro, flavour, scenario)
    assert status_at_first_chunk == ["task_output"]
    assert "".join(chunks) == ANSWER


def test_events_carry_the_text_so_far(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    async def scenario(client: Any) -> list[Any]:
        task = await maybe(start(wiro_tools, client))
        return await collect(task.events())

    mock_wiro.queue_task_scripts(LLM)
    events = run_live(wiro_tools, mock_wiro, flavour, scenario)
    outputs = [event for event in events if event.type == "task_output"]
    assert outputs[0].thinking == THINKING.split()[0] and outputs[0].text == ""
    assert (outputs[-1].text, outputs[-1].thinking) == (ANSWER, THINKING)


def test_polling_yields_the_whole_answer_at_the_end(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    chunks = chunks_of(wiro_tools, mock_wiro, flavour, thinking=False, socket_url=closed_port_url())
    assert chunks == [ANSWER]


def test_a_dropped_socket_still_adds_up_to_the_answer(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.queue_socket_drops(12)  # mid-answer
    chunks = chunks_of(wiro_tools, mock_wiro, flavour, thinking=False)
    assert "".join(chunks) == ANSWER


def test_a_failed_llm_task_raises_after_its_text(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.queue_task_scripts({**LLM, "outcome": "pexit", "debugerror": "context too long"})
    with pytest.raises(wiro_tools.TaskFailed, match="context too long"):
        chunks_of(wiro_tools, mock_wiro, flavour, thinking=False)


def test_killing_while_streaming_ends_the_stream_with_task_cancelled(
    wiro_tools: ModuleType, mock_wiro: RunningMockServer, flavour: str
) -> None:
    mock_wiro.clock(per_poll=0)
    received: list[str] = []

    async def scenario(client: Any) -> None:
        task = await maybe(start(wiro_tools, client))
        mock_wiro.clock(advance=6)  # to task_output: the socket streams the words, then waits
        async for chunk in aiter_any(task.stream_text()):
            if not received:
                await maybe(task.kill())
            received.append(chunk)

    mock_wiro.queue_task_scripts(LLM)
    with pytest.raises(wiro_tools.TaskCancelled):
        run_live(wiro_tools, mock_wiro, flavour, scenario)
    assert "".join(received) == ANSWER  # what was streamed before the kill, and no more
