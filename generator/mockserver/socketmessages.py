"""The messages Wiro's socket sends as a task reaches each status (plain data, no I/O).

Every message is `{type, id, tasktoken, message, result}` with `type` a status name.
`task_output` carries progress (`progressGenerate` with a percentage) or, for a language
model, FULL segment snapshots whose last text grows in place; stderr lines come as
`task_error` logs; `task_output_full`/`task_error_full` precede `task_end`;
`task_postprocess_end` lists the outputs and carries `exitCode` (the task's pexit).
"""

from __future__ import annotations

import re

from ..ir import JsonValue
from .lifecycle import FAILED, SUCCEEDED, Task
from .outputs import segments

PROGRESS_PERCENTAGES = ("25", "50", "75", "100")
WORDS_PER_SECOND = "12.4"


SocketMessage = dict[str, JsonValue] | bytes
"""A JSON message, or a binary frame (what realtime models stream: raw audio)."""
AUDIO_FRAME = bytes(range(256))


def socket_messages(task: Task, status: str, outputs: list[JsonValue]) -> list[SocketMessage]:
    """What the socket sends when `task` reaches `status`; `outputs` as Task/Detail lists them."""
    if status == "task_output":
        return _generation(task)
    if status == "task_end":
        return [
            _message(task, "task_output_full", task.script.debugoutput),
            _message(task, "task_error_full", "\n".join(task.script.stderr)),
            _message(task, status, ""),
        ]
    if status == SUCCEEDED:
        final = _message(task, status, outputs)
        final["exitCode"] = task.script.final_pexit
        return [final]
    if status == FAILED:
        return [_message(task, status, task.script.debugerror)]
    return [_message(task, status, "")]


def _message(task: Task, kind: str, message: JsonValue) -> dict[str, JsonValue]:
    return {
        "type": kind,
        "id": task.id,
        "tasktoken": task.token,
        "message": message,
        "result": True,
    }


def _generation(task: Task) -> list[SocketMessage]:
    """The task_output stream: progress (or LLM snapshots), with stderr lines and binary
    frames in between."""
    script = task.script
    progress = _llm_snapshots(task) if script.is_llm else _progress(task)
    logs: list[SocketMessage] = [_message(task, "task_error", line) for line in script.stderr]
    logs += [AUDIO_FRAME] * script.binary_frames
    # Logs interleave with the progress: one after each progress message, the rest at the end.
    merged: list[SocketMessage] = []
    for index, message in enumerate(progress):
        merged.append(message)
        if index < len(logs):
            merged.append(logs[index])
    return merged + logs[len(progress) :]


def _progress(task: Task) -> list[dict[str, JsonValue]]:
    return [
        _message(
            task, "task_output", {"type": "progressGenerate", "task": "Generate", "percentage": p}
        )
        for p in PROGRESS_PERCENTAGES
    ]


def _llm_snapshots(task: Task) -> list[dict[str, JsonValue]]:
    """One message per word: the thinking grows, then the answer; each a full snapshot."""
    thinking, answer = task.script.thinking, task.script.answer
    steps = [(cut, "") for cut in _prefixes(thinking)]
    steps += [(thinking, cut) for cut in _prefixes(answer)]
    messages = []
    for index, (thought, said) in enumerate(steps, start=1):
        last = index == len(steps)
        body: dict[str, JsonValue] = {
            "type": "progressGenerate",
            "task": "Generate",
            "speed": WORDS_PER_SECOND,
            "speedType": "words/s",
            "segments": segments(thought, said),
            "isThinking": not said,
            "elapsedTime": f"{index}s",
        }
        if last:
            words = len(steps)
            body["finishreason"] = "stop"
            body["usage"] = {"input_tokens": 12, "output_tokens": words, "total_tokens": 12 + words}
        messages.append(_message(task, "task_output", body))
    return messages


def _prefixes(text: str) -> list[str]:
    """`text` cut after each word, ending with the whole text."""
    ends = [match.end() for match in re.finditer(r"\S+", text)]
    if text and (not ends or ends[-1] != len(text)):
        ends.append(len(text))
    return [text[:end] for end in ends]
