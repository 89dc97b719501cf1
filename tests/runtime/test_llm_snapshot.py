"""A language model's answer on the snapshot: text and thinking from Wiro's arrays."""

from __future__ import annotations

from typing import Any

from generator.runtime._snapshot import snapshot_of


def llm_task(content: Any, debugoutput: str = "merged") -> dict[str, Any]:
    output = {"name": "", "contenttype": "raw", "url": "", "content": content}
    return {"id": "1", "status": "task_postprocess_end", "pexit": "0", "outputs": [output],
            "debugoutput": debugoutput}  # fmt: skip


def test_text_joins_the_answer_items_with_a_newline() -> None:
    assert snapshot_of(llm_task({"answer": ["Hello", "there"], "raw": "r"})).text == "Hello\nthere"


def test_thinking_joins_the_thinking_items_with_a_newline() -> None:
    assert snapshot_of(llm_task({"thinking": ["a", "b"]})).thinking == "a\nb"


def test_items_that_are_not_text_are_left_out() -> None:
    assert snapshot_of(llm_task({"answer": ["Hi", 3, None, "you"]})).text == "Hi\nyou"


def test_without_an_answer_text_is_the_raw_text() -> None:
    assert snapshot_of(llm_task({"raw": "<think>x</think>Hi"})).text == "<think>x</think>Hi"


def test_an_older_task_with_only_debugoutput_reads_as_that() -> None:
    task = {"id": "1", "status": "task_postprocess_end", "pexit": "0", "debugoutput": "Hi"}
    snapshot = snapshot_of(task)
    assert (snapshot.text, snapshot.thinking) == ("Hi", "")


def test_thinking_is_empty_without_reasoning() -> None:
    assert snapshot_of(llm_task({"answer": ["Hi"], "thinking": []})).thinking == ""


def test_the_snapshot_has_no_segments() -> None:
    assert not hasattr(snapshot_of(llm_task({"answer": ["Hi"]})), "segments")
