"""The messages Wiro's socket sends as a task reaches each status (plain data, no I/O).

Every message is `{type, id, tasktoken, message, result}` with `type` a status name.
`task_output` carries progress (`progressGenerate` with a percentage) or, for a language
model, its FULL `thinking` and `answer` arrays so far, whose last item grows in place;
stderr lines come as `task_error` logs; `task_output_full` (and `task_error_full` when
there was stderr) precede `task_end`; `task_postprocess_end` lists the outputs and
carries `exitCode` (the task's pexit). Other statuses carry no message (null).
"""

from __future__ import annotations

import re

from ..ir import JsonValue
from .lifecycle import FAILED, SUCCEEDED, Task
from .outputs import llm_content

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
        return [*_full_logs(task), _message(task, status, None)]
    if status == SUCCEEDED:
        final = _message(task, status, outputs)
        final["exitCode"] = task.script.final_pexit
        return [final]
    if status == FAILED:
        return [_message(task, status, task.script.debugerror)]
    return [_message(task, status, None)]


def _full_logs(task: Task) -> list[SocketMessage]:
    """The whole stdout (a language model's: its arrays too), and the whole stderr if any."""
    script = task.script
    stdout: dict[str, JsonValue] = {"raw": script.debugoutput}
    if script.is_llm:
        stdout = llm_content(list(script.thinking), list(script.answer))
    logs: list[SocketMessage] = [_message(task, "task_output_full", stdout)]
    if script.stderr:
        stderr: dict[str, JsonValue] = {"raw": "\n".join(script.stderr)}
        logs.append(_message(task, "task_error_full", stderr))
    return logs


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
    """One message per word, each holding the FULL arrays so far: item by item, the
    reasoning grows, then the answer it pairs with."""
    script = task.script
    thinking: list[str] = []
    answer: list[str] = []
    steps: list[tuple[str, list[str], list[str]]] = []
    for index in range(max(len(script.thinking), len(script.answer))):
        for kind, items, full in (
            ("thinking", thinking, script.thinking),
            ("answer", answer, script.answer),
        ):
            if index < len(full):
                items.append("")
                for cut in _prefixes(full[index]):
                    items[-1] = cut
                    steps.append((kind, list(thinking), list(answer)))
    return [
        _message(task, "task_output", _llm_message(kind, thought, said, number))
        for number, (kind, thought, said) in enumerate(steps, start=1)
    ]


def _llm_message(
    kind: str, thinking: list[str], answer: list[str], number: int
) -> dict[str, JsonValue]:
    return {
        "type": kind,
        **llm_content(thinking, answer),
        "isThinking": kind == "thinking",
        "speed": WORDS_PER_SECOND,
        "speedType": "words/s",
        "elapsedTime": f"{number}s",
    }


def _prefixes(text: str) -> list[str]:
    """`text` cut after each word, ending with the whole text."""
    ends = [match.end() for match in re.finditer(r"\S+", text)]
    if text and (not ends or ends[-1] != len(text)):
        ends.append(len(text))
    return [text[:end] for end in ends]
