"""A language model's answer streamed to stdout as it arrives."""

from __future__ import annotations

import asyncio
import io
import json
from types import ModuleType

from generator.mockserver import RunningMockServer
from tests.support.mockserver_fixture import KEY, SECRET

from .conftest import CHAT_SLUG, Shell


class Recorder(io.StringIO):
    """A text stream that remembers each write."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return super().write(text)


def answer_of(server: RunningMockServer) -> str:
    detail, *_ = server.requests("/v1/Task/Detail")
    return str(server.task(str(detail.fields["taskid"]))["debugoutput"])


def test_the_answer_is_printed_on_stdout(chat_shell: Shell) -> None:
    result = chat_shell("run", CHAT_SLUG, "--prompt", "a haiku")
    assert result.exit_code == 0, result.output
    assert result.stdout == answer_of(chat_shell.server) + "\n"  # type: ignore[arg-type]


def test_the_answer_is_written_as_it_arrives(chattools: ModuleType, chat_shell: Shell) -> None:
    from chattools._runtime._cli_follow import stream_answer

    server = chat_shell.server
    assert server is not None
    out = Recorder()

    async def scenario() -> None:
        async with chattools.AsyncWiroClient(
            KEY, SECRET, base_url=server.base_url, socket_url=server.socket_url
        ) as client:
            task = await chattools.get_async_tool(CHAT_SLUG)(client).run()
            await stream_answer(task, out)

    asyncio.run(scenario())
    assert len(out.writes) > 2
    assert out.getvalue() == answer_of(server) + "\n"


def test_json_carries_the_text_and_streams_nothing_else(chat_shell: Shell) -> None:
    task = json.loads(chat_shell("run", CHAT_SLUG, "--json").stdout)
    assert task["text"] and task["text"] == task["debugoutput"]


def test_a_failed_model_task_exits_1_with_wiros_debugerror(chat_shell: Shell) -> None:
    assert chat_shell.server is not None
    chat_shell.server.queue_task_scripts({"outcome": "pexit", "debugerror": "context too long"})
    result = chat_shell("run", CHAT_SLUG)
    assert result.exit_code == 1 and "context too long" in result.stderr
