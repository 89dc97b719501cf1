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
    refused,
    resolve_socket_url,
)
from generator.runtime._snapshot import Output, TaskSnapshot

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


def llm_event(thinking: list[str] | None = None, answer: list[str] | None = None) -> TaskEvent:
    """The event of a language model's task_output holding these arrays so far."""
    body: dict[str, object] = {"type": "answer", "isThinking": False}
    if thinking is not None:
        body["thinking"] = thinking
    if answer is not None:
        body["answer"] = answer
    event = parse_message(message(type="task_output", message=body))
    assert event is not None
    return event


def test_a_language_models_message_carries_its_text_so_far() -> None:
    event = llm_event(["Hmm.", "Yes."], ["Hel", "lo"])
    assert (event.thinking, event.text) == ("Hmm.\nYes.", "Hel\nlo")


def test_a_message_without_arrays_carries_no_text() -> None:
    event = parse_message(message(type="task_output", message={"percentage": "5"}))
    assert event is not None and (event.text, event.thinking) == (None, None)


def test_deltas_are_the_growth_of_the_answer() -> None:
    deltas = TextDeltas()
    first = deltas.feed(llm_event([], ["Hel"]))
    second = deltas.feed(llm_event([], ["Hello, wor"]))
    assert [first, second] == [["Hel"], ["lo, wor"]]


def test_a_new_answer_item_starts_after_a_newline() -> None:
    deltas = TextDeltas()
    deltas.feed(llm_event([], ["One."]))
    assert deltas.feed(llm_event([], ["One.", "Two"])) == ["\nTwo"]


def test_thinking_deltas_are_of_kind_thinking() -> None:
    deltas = TextDeltas()
    deltas.feed(llm_event(["Hmm."], []))
    chunks = deltas.feed(llm_event(["Hmm. Yes."], ["Hi"]))
    assert [(chunk.kind, str(chunk)) for chunk in chunks] == [
        ("thinking", " Yes."),
        ("answer", "Hi"),
    ]


def test_a_repeated_message_adds_nothing() -> None:
    deltas = TextDeltas()
    deltas.feed(llm_event(["a"], ["Same"]))
    assert deltas.feed(llm_event(["a"], ["Same"])) == []


def test_the_rest_of_the_final_answer_follows_what_was_streamed() -> None:
    deltas = TextDeltas()
    deltas.feed(llm_event([], ["Forty"]))
    content = {"answer": ["Forty-two.", "Yes."]}
    snapshot = TaskSnapshot("1", "task_postprocess_end", "0", outputs=(raw_output(content),))
    assert deltas.rest(snapshot) == ["-two.\nYes."]


def test_an_old_task_gives_its_answer_in_debugoutput() -> None:
    snapshot = TaskSnapshot("1", "task_postprocess_end", "0", debugoutput="Only this.")
    assert TextDeltas().rest(snapshot) == ["Only this."]


def test_a_string_message_holding_a_json_object_is_read_as_the_object() -> None:
    body = json.dumps({"type": "progressGenerate", "percentage": "60"})
    event = parse_message(message(type="task_output", message=body))
    assert event is not None
    assert (event.message, event.progress) == ({"type": "progressGenerate", "percentage": "60"}, 60)


@pytest.mark.parametrize("text", ["Step 1/10", "{not json", '["a list"]', "{" * 100_000])
def test_a_string_message_that_is_no_json_object_stays_a_string(text: str) -> None:
    event = parse_message(message(type="task_output", message=text))
    assert event is not None and event.message == text


def test_the_greeting_frame_is_no_event() -> None:
    assert parse_message(message(type="connected", version="1.0")) is None


def test_an_error_frame_is_a_refusal() -> None:
    event = parse_message(message(type="error", message="Task not found.", result=False))
    assert event is not None and refused(event)


def test_a_status_is_no_refusal() -> None:
    event = parse_message(message(type="task_start", message=None, result=True))
    assert event is not None and not refused(event)


def test_a_frame_nested_200000_deep_is_skipped() -> None:
    assert parse_message("[" * 200_000 + "]" * 200_000) is None


def test_a_message_nested_200000_deep_stays_a_string() -> None:
    deep = "{" + '"a":{' * 200_000 + "}" * 200_001
    event = parse_message(message(type="task_output", message=deep))
    assert event is not None and event.message == deep


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
