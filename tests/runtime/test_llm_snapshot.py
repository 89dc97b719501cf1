"""A language model's answer on the snapshot: text, thinking and segments."""

from __future__ import annotations

from typing import Any

from generator.runtime._snapshot import snapshot_of


def llm_task(content: Any, debugoutput: str = "merged") -> dict[str, Any]:
    output = {"name": "", "contenttype": "raw", "url": "", "content": content}
    return {"id": "1", "status": "task_postprocess_end", "pexit": "0", "outputs": [output],
            "debugoutput": debugoutput}  # fmt: skip


SEGMENTS = [
    {"type": "thinking", "text": "First, "},
    {"type": "answer", "text": "Hello"},
    {"type": "thinking", "text": "then."},
    {"type": "answer", "text": " world"},
]


def test_text_joins_the_answer_segments() -> None:
    assert snapshot_of(llm_task({"segments": SEGMENTS, "answer": ["x"]})).text == "Hello world"


def test_thinking_joins_the_thinking_segments() -> None:
    assert snapshot_of(llm_task({"segments": SEGMENTS})).thinking == "First, then."


def test_segments_keep_their_order_and_skip_malformed_ones() -> None:
    content = {"segments": [*SEGMENTS, {"type": "answer"}, "text", {"type": 3, "text": "x"}]}
    segments = snapshot_of(llm_task(content)).segments
    assert [(s.type, s.text) for s in segments] == [(s["type"], s["text"]) for s in SEGMENTS]


def test_without_segments_text_is_the_answer_list_joined() -> None:
    assert snapshot_of(llm_task({"answer": ["Hello", " there"], "raw": "r"})).text == "Hello there"


def test_without_segments_or_answer_text_is_the_raw_text() -> None:
    assert snapshot_of(llm_task({"raw": "<think>x</think>Hi"})).text == "<think>x</think>Hi"


def test_an_older_task_with_only_debugoutput_reads_as_that() -> None:
    task = {"id": "1", "status": "task_postprocess_end", "pexit": "0", "debugoutput": "Hi"}
    snapshot = snapshot_of(task)
    assert (snapshot.text, snapshot.thinking, snapshot.segments) == ("Hi", "", ())


def test_thinking_is_empty_without_reasoning() -> None:
    assert snapshot_of(llm_task({"segments": [SEGMENTS[1]]})).thinking == ""


def test_thinking_falls_back_to_the_thinking_list() -> None:
    assert snapshot_of(llm_task({"thinking": ["a", "b"]})).thinking == "ab"
