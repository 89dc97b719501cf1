"""The mock server's task socket (ws://host:port/v1) and the files its tasks produce."""

from __future__ import annotations

import itertools
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosedError
from websockets.sync.client import ClientConnection, connect

from generator.mockserver import RunningMockServer
from generator.mockserver.outputs import png_of_size

from ..support.mockserver_fixture import StartMockWiro, signed_client
from ..support.paths import SPECS

PIXART = "/Run/wiro/PixArt-Sigma"
LIFECYCLE = [
    "task_queue",
    "task_accept",
    "task_preprocess_start",
    "task_preprocess_end",
    "task_assign",
    "task_start",
    "task_output",
    "task_end",
    "task_postprocess_start",
    "task_postprocess_end",
]


def start_task(wiro: httpx.Client, server: RunningMockServer, script: Any = "success") -> str:
    """Run PixArt-Sigma with `script`; its socket access token."""
    server.queue_task_scripts(script)
    body = wiro.post(PIXART, json={"prompt": "a cat"}).json()
    return str(body["socketaccesstoken"])


GREETING = {"type": "connected", "version": "1.0"}


def subscribe(socket: ClientConnection, token: str) -> None:
    """Take the socket's greeting, then ask for the task with `token`."""
    assert json.loads(socket.recv(timeout=5)) == GREETING
    socket.send(json.dumps({"type": "task_info", "tasktoken": token}))


def listen(server: RunningMockServer, token: str) -> list[dict[str, Any]]:
    """Every message the socket sends for the task with `token` (after its greeting),
    until it closes."""
    with connect(server.socket_url, open_timeout=5) as socket:
        subscribe(socket, token)
        return [json.loads(message) for message in socket]


def types(messages: list[dict[str, Any]]) -> list[str]:
    return [message["type"] for message in messages]


def statuses(messages: list[dict[str, Any]]) -> list[str]:
    """The distinct types in order (task_output repeats once per progress message)."""
    seen: list[str] = []
    for kind in types(messages):
        if kind not in seen:
            seen.append(kind)
    return seen


def test_socket_url_is_ws_on_the_server_port(mock_wiro: RunningMockServer) -> None:
    assert mock_wiro.socket_url == "ws" + mock_wiro.origin.removeprefix("http") + "/v1"


def test_every_connection_is_greeted_first(mock_wiro: RunningMockServer) -> None:
    with connect(mock_wiro.socket_url, open_timeout=5) as socket:
        assert json.loads(socket.recv(timeout=5)) == GREETING


def test_socket_sends_every_status_in_order(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    messages = listen(mock_wiro, start_task(wiro, mock_wiro))
    order = [kind for kind in statuses(messages) if not kind.endswith("_full")]
    assert order == LIFECYCLE


def test_final_message_lists_the_outputs_and_exit_code(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    final = listen(mock_wiro, start_task(wiro, mock_wiro))[-1]
    assert final["type"] == "task_postprocess_end"
    assert final["exitCode"] == "0"
    assert [output["name"] for output in final["message"]] == ["0.png"]


def test_progress_messages_carry_percentages(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    messages = listen(mock_wiro, start_task(wiro, mock_wiro))
    progress = [m["message"]["percentage"] for m in messages if m["type"] == "task_output"]
    assert progress == ["25", "50", "75", "100"]


def test_stderr_lines_arrive_as_task_error_logs_between_progress(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    script = {"stderr": ["UserWarning: slow path", "still fine"]}
    kinds = types(listen(mock_wiro, start_task(wiro, mock_wiro, script)))
    first_log = kinds.index("task_error")
    assert kinds[first_log - 1] == kinds[first_log + 1] == "task_output"
    assert kinds.count("task_error") == 2
    assert kinds[-1] == "task_postprocess_end"


def llm_outputs(server: RunningMockServer, wiro: httpx.Client, script: Any) -> list[Any]:
    """The `message` of every task_output the socket sends for a language-model task."""
    messages = listen(server, start_task(wiro, server, script))
    return [m["message"] for m in messages if m["type"] == "task_output"]


def test_llm_messages_hold_the_full_arrays_so_far(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    script = {"thinking": "Think first.", "answer": "Hello there, world."}
    outputs = llm_outputs(mock_wiro, wiro, script)
    texts = ["\n".join(m["thinking"] + m["answer"]) for m in outputs]
    assert all(later.startswith(earlier) for earlier, later in itertools.pairwise(texts))
    assert (outputs[-1]["thinking"], outputs[-1]["answer"]) == (
        ["Think first."],
        ["Hello there, world."],
    )


def test_llm_messages_carry_no_segments(mock_wiro: RunningMockServer, wiro: httpx.Client) -> None:
    outputs = llm_outputs(mock_wiro, wiro, {"answer": "Hi there."})
    assert all("segments" not in message for message in outputs)


def test_llm_messages_say_which_phase_the_model_is_in(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    outputs = llm_outputs(mock_wiro, wiro, {"thinking": "Hmm.", "answer": "Yes."})
    assert [(m["type"], m["isThinking"]) for m in outputs] == [
        ("thinking", True),
        ("answer", False),
    ]


def test_llm_items_alternate_thinking_and_answer(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    script = {"thinking": ["One.", "Two."], "answer": ["A.", "B."]}
    outputs = llm_outputs(mock_wiro, wiro, script)
    pairs = [(len(m["thinking"]), len(m["answer"])) for m in outputs]
    assert pairs == [(1, 0), (1, 1), (2, 1), (2, 2)]
    assert outputs[-1]["raw"] == "<think>One.</think>A.<think>Two.</think>B."


def test_llm_output_full_holds_the_whole_arrays(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    script = {"thinking": "Hmm.", "answer": ["Yes.", "No."]}
    messages = listen(mock_wiro, start_task(wiro, mock_wiro, script))
    (full,) = [m["message"] for m in messages if m["type"] == "task_output_full"]
    assert (full["thinking"], full["answer"]) == (["Hmm."], ["Yes.", "No."])


def test_output_full_of_other_tools_is_the_raw_log(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    messages = listen(mock_wiro, start_task(wiro, mock_wiro, {"debugoutput": "Done."}))
    (full,) = [m["message"] for m in messages if m["type"] == "task_output_full"]
    assert full == {"raw": "Done."}


def test_error_full_comes_only_after_stderr(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    quiet = types(listen(mock_wiro, start_task(wiro, mock_wiro)))
    noisy = listen(mock_wiro, start_task(wiro, mock_wiro, {"stderr": ["warn", "again"]}))
    assert "task_error_full" not in quiet
    (full,) = [m["message"] for m in noisy if m["type"] == "task_error_full"]
    assert full == {"raw": "warn\nagain"}


def test_lifecycle_messages_carry_null(mock_wiro: RunningMockServer, wiro: httpx.Client) -> None:
    messages = listen(mock_wiro, start_task(wiro, mock_wiro))
    assert {m["message"] for m in messages if m["type"] in ("task_queue", "task_end")} == {None}


def test_llm_task_has_one_raw_output_with_the_answer(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    script = {"answer": "Forty-two."}
    outputs = listen(mock_wiro, start_task(wiro, mock_wiro, script))[-1]["message"]
    assert [(o["contenttype"], o["content"]["answer"]) for o in outputs] == [
        ("raw", ["Forty-two."])
    ]


def test_task_that_fails_before_running_ends_its_socket_with_task_error(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    messages = listen(mock_wiro, start_task(wiro, mock_wiro, "error"))
    assert types(messages) == ["task_queue", "task_accept", "task_error"]


def test_unknown_token_is_answered_with_an_error_frame(mock_wiro: RunningMockServer) -> None:
    assert listen(mock_wiro, "no-such-token") == [
        {"type": "error", "result": False, "message": "Task not found."}
    ]


def test_frozen_clock_socket_waits_until_the_task_is_killed(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    mock_wiro.clock(per_poll=0)
    token = start_task(wiro, mock_wiro)
    with connect(mock_wiro.socket_url, open_timeout=5) as socket:
        subscribe(socket, token)
        assert json.loads(socket.recv(timeout=5))["type"] == "task_queue"
        wiro.post("/Task/Kill", json={"socketaccesstoken": token})
        assert [json.loads(message)["type"] for message in socket] == ["task_cancel"]


def test_queued_socket_drop_cuts_the_connection_after_that_many_messages(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    token = start_task(wiro, mock_wiro)
    mock_wiro.queue_socket_drops(3)
    received = []
    with pytest.raises(ConnectionClosedError), connect(mock_wiro.socket_url) as socket:
        subscribe(socket, token)
        received.extend(json.loads(message)["type"] for message in socket)
    assert received == LIFECYCLE[:3]


def test_admin_api_queues_socket_drops(mock_wiro: RunningMockServer) -> None:
    reply = httpx.post(f"{mock_wiro.origin}/__admin/socket-drops", json={"after_messages": [2]})
    assert reply.json() == {"queued": 1}


def test_admin_api_refuses_a_negative_socket_drop(mock_wiro: RunningMockServer) -> None:
    reply = httpx.post(f"{mock_wiro.origin}/__admin/socket-drops", json={"after_messages": [-1]})
    assert reply.status_code == 400


def test_real_time_clock_moves_tasks_without_polls(
    start_mock_wiro: StartMockWiro,
) -> None:
    server = start_mock_wiro(tick_seconds=0.01)
    with signed_client(server) as wiro:
        messages = listen(server, start_task(wiro, server))
    assert messages[-1]["type"] == "task_postprocess_end"
    assert server.request_count("/v1/Task/Detail") == 0


def test_output_file_is_a_png_of_the_advertised_size(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    output = listen(mock_wiro, start_task(wiro, mock_wiro, {"output_size": 4096}))[-1]["message"][0]
    served = httpx.get(output["url"])
    assert (served.headers["content-type"], len(served.content)) == ("image/png", 4096)
    assert output["size"] == "4096"


def test_advertised_size_can_differ_from_the_bytes_served(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    script = {"output_size": 1000, "advertised_size": 2000}
    output = listen(mock_wiro, start_task(wiro, mock_wiro, script))[-1]["message"][0]
    assert (output["size"], len(httpx.get(output["url"]).content)) == ("2000", 1000)


def test_cut_fault_sends_half_the_body_then_closes(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    output = listen(mock_wiro, start_task(wiro, mock_wiro, {"output_size": 3000}))[-1]["message"][0]
    mock_wiro.queue_faults(output["url"].removeprefix(mock_wiro.origin), "cut")
    with pytest.raises(httpx.RemoteProtocolError, match="received 1500 bytes, expected 3000"):
        httpx.get(output["url"])


@pytest.mark.parametrize("size", [0, 67, 100, 65_536])
def test_png_of_size_is_a_valid_png_of_that_size(size: int) -> None:
    png = png_of_size(size)
    assert len(png) == max(size, len(png_of_size(0)))
    position = 8
    while position < len(png):  # every chunk's CRC matches, up to IEND
        (length,) = struct.unpack(">I", png[position : position + 4])
        chunk = png[position + 4 : position + 8 + length]
        (crc,) = struct.unpack(">I", png[position + 8 + length : position + 12 + length])
        assert zlib.crc32(chunk) & 0xFFFFFFFF == crc
        position += 12 + length
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and position == len(png)


def test_the_command_prints_the_task_socket_url() -> None:
    wirogen = Path(sys.executable).with_name("wirogen")
    process = subprocess.Popen(
        [str(wirogen), "mock-server", str(SPECS), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        process.stdout.readline()
        socket_url = process.stdout.readline().split()[-1]
        with connect(socket_url, open_timeout=5) as socket:
            subscribe(socket, "unknown")
            assert json.loads(socket.recv(timeout=5))["message"] == "Task not found."
    finally:
        process.kill()
        process.communicate()


def test_binary_frames_go_out_with_the_progress(
    mock_wiro: RunningMockServer, wiro: httpx.Client
) -> None:
    token = start_task(wiro, mock_wiro, {"binary_frames": 2})
    with connect(mock_wiro.socket_url, open_timeout=5) as socket:
        subscribe(socket, token)
        frames = list(socket)
    assert sum(isinstance(frame, bytes) for frame in frames) == 2
    assert json.loads(frames[-1])["type"] == "task_postprocess_end"
