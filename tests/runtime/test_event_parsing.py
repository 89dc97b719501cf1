"""The plain logic under task events: reading messages, text deltas, the socket URL."""

from __future__ import annotations

import json

import pytest

from generator.runtime._constants import DEFAULT_SOCKET_URL
from generator.runtime._errors import ConfigurationError
from generator.runtime._events import (
    StatusTrail,
    TaskEvent,
    TextDeltas,
    parse_message,
    resolve_socket_url,
)
from generator.runtime._snapshot import Output, Segment, TaskSnapshot

COMPLETED = ("task_postprocess_end", "task_cancel")


def message(**fields: object) -> str:
    return json.dumps(fields)


def test_a_message_keeps_what_was_sent() -> None:
    event = parse_message(message(type="task_output", message="Step 1/10", id="7"))
    assert event is not None
    assert (event.type, event.message, event.raw["id"]) == ("task_output", "Step 1/10", "7")


@pytest.mark.parametrize("percentage", ["42.5", 42.5])
def test_progress_is_read_from_a_string_or_a_number(percentage: object) -> None:
    body = {"type": "progressGenerate", "percentage": percentage}
    event = parse_message(message(type="task_output", message=body))
    assert event is not None and event.progress == 42.5


@pytest.mark.parametrize("percentage", ["soon", -1, 101, None])
def test_a_percentage_that_is_no_percentage_is_left_out(percentage: object) -> None:
    body = {"type": "progressGenerate", "percentage": percentage}
    event = parse_message(message(type="task_output", message=body))
    assert event is not None and event.progress is None


@pytest.mark.parametrize("frame", ["not json", "[1, 2]", '{"message": "no type"}'])
def test_a_frame_that_is_no_typed_message_is_skipped(frame: str) -> None:
    assert parse_message(frame) is None


def test_a_task_error_message_is_a_log_line() -> None:
    event = parse_message(message(type="task_error", message="warning"))
    assert event is not None and event.is_log


def test_deltas_are_the_growth_of_the_last_segment() -> None:
    deltas = TextDeltas()
    first = deltas.feed([Segment("answer", "Hel")])
    second = deltas.feed([Segment("answer", "Hello, wor")])
    assert [first, second] == [["Hel"], ["lo, wor"]]


def test_a_new_segment_starts_a_new_delta_of_its_kind() -> None:
    deltas = TextDeltas()
    deltas.feed([Segment("thinking", "Hmm.")])
    chunks = deltas.feed([Segment("thinking", "Hmm. Yes."), Segment("answer", "Hi")])
    assert [(chunk.kind, str(chunk)) for chunk in chunks] == [
        ("thinking", " Yes."),
        ("answer", "Hi"),
    ]


def test_a_repeated_snapshot_adds_nothing() -> None:
    deltas = TextDeltas()
    deltas.feed([Segment("answer", "Same")])
    assert deltas.feed([Segment("answer", "Same")]) == []


def test_tool_call_segments_carry_no_text_deltas() -> None:
    assert TextDeltas().feed([Segment("function_call", '{"city": "Oslo"}')]) == []


def test_the_rest_of_the_final_answer_follows_what_was_streamed() -> None:
    deltas = TextDeltas()
    deltas.feed([Segment("answer", "Forty")])
    content = {"segments": [{"type": "answer", "text": "Forty-two."}]}
    snapshot = TaskSnapshot("1", "task_postprocess_end", "0", outputs=(raw_output(content),))
    assert deltas.rest(snapshot) == ["-two."]


def test_an_old_task_gives_its_answer_in_debugoutput() -> None:
    snapshot = TaskSnapshot("1", "task_postprocess_end", "0", debugoutput="Only this.")
    assert TextDeltas().rest(snapshot) == ["Only this."]


def raw_output(content: dict[str, object]) -> Output:
    return Output(name="", contenttype="raw", size=None, url="", content=content)


def test_a_final_status_from_the_socket_waits_for_task_detail() -> None:
    trail = StatusTrail(COMPLETED)
    assert trail.from_socket(TaskEvent("task_postprocess_end")) is False
    final = trail.from_poll(TaskSnapshot("1", "task_postprocess_end", "0"))
    assert final is not None and final.final and final.source == "socket"


def test_a_poll_repeats_no_status_the_socket_announced() -> None:
    trail = StatusTrail(COMPLETED)
    trail.from_socket(TaskEvent("task_start"))
    assert trail.from_poll(TaskSnapshot("1", "task_start", "0")) is None


def test_the_default_api_gets_wiros_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIRO_SOCKET_URL", raising=False)
    assert resolve_socket_url(None, "https://api.wiro.ai/v1/", False) == DEFAULT_SOCKET_URL


def test_another_api_gets_no_socket_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIRO_SOCKET_URL", raising=False)
    assert resolve_socket_url(None, "https://proxy.example/v1/", False) is None


def test_the_socket_url_can_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIRO_SOCKET_URL", "wss://socket.proxy.example/v1")
    assert (
        resolve_socket_url(None, "https://proxy.example/v1/", False)
        == "wss://socket.proxy.example/v1"
    )


def test_an_empty_socket_url_turns_the_socket_off() -> None:
    assert resolve_socket_url("", "https://api.wiro.ai/v1/", False) is None


@pytest.mark.parametrize("url", ["ws://socket.example/v1", "https://socket.example/v1", "socket"])
def test_a_socket_url_that_is_not_wss_is_refused(url: str) -> None:
    with pytest.raises(ConfigurationError, match="socket_url"):
        resolve_socket_url(url, "https://api.wiro.ai/v1/", False)


def test_plain_ws_to_loopback_is_allowed() -> None:
    assert (
        resolve_socket_url("ws://127.0.0.1:9/v1", "http://127.0.0.1:9/v1/", False)
        == "ws://127.0.0.1:9/v1"
    )
