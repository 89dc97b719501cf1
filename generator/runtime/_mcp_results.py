"""What an MCP tool call answers: a task's state as text, structured content and links.

The text is for the model to read; `structuredContent` follows `TASK_SCHEMA` (each
tool's `outputSchema`); each file output is also a `resource_link`. A task that did not
succeed is a tool error (`isError`) carrying Wiro's `debugerror`; one still running when
the call stops waiting is not: its id and status say how to go on (`wait_for_task`).
"""

from __future__ import annotations

from typing import Any, Final

from mcp import types

from ._constants import RAW_CONTENT_TYPE, TASK_CANCEL, TASK_ERROR
from ._snapshot import TaskSnapshot

_TEXT_OR_NULL: Final = {"type": ["string", "null"]}
_OUTPUT_SCHEMA: Final = {
    "type": "object",
    "properties": {
        "url": {"type": "string"},
        "name": {"type": "string"},
        "contenttype": {"type": "string"},
        "size": {"type": ["integer", "null"]},
    },
    "required": ["url", "name", "contenttype", "size"],
}
TASK_SCHEMA: Final[dict[str, Any]] = {
    "type": "object",
    "properties": {
        "taskid": {"type": "string"},
        "tool": {"type": "string", "description": "The tool's owner/slug."},
        "status": {"type": "string", "description": "Wiro's status of the task."},
        "finished": {"type": "boolean"},
        "succeeded": {"type": "boolean"},
        "pexit": {"type": "string", "description": 'The process exit: "0" succeeded.'},
        "cost": {"type": ["number", "null"], "description": "Billed, in USD."},
        "outputs": {"type": "array", "items": _OUTPUT_SCHEMA},
        "text": {**_TEXT_OR_NULL, "description": "A language model's answer."},
        "thinking": {**_TEXT_OR_NULL, "description": "A language model's reasoning."},
        "debugerror": {**_TEXT_OR_NULL, "description": "Why the task failed."},
    },
    "required": ["taskid", "tool", "status", "finished", "succeeded", "outputs"],
}
"""The `structuredContent` of every call that runs or follows a task."""


def task_result(
    snapshot: TaskSnapshot, slug: str, finished: bool, *, failure_is_error: bool = True
) -> types.CallToolResult:
    """The answer for a task in state `snapshot`; `finished`: it reached its end. A task
    that ended without success is a tool error unless `failure_is_error` is False (the
    answer to cancel_task)."""
    structured = task_structure(snapshot, slug, finished)
    files = [output for output in structured["outputs"] if output["url"]]
    links: list[types.ContentBlock] = [
        types.ResourceLink(
            uri=output["url"],
            name=output["name"] or output["url"].rsplit("/", 1)[-1],
            mime_type=output["contenttype"] or None,
            size=output["size"],
        )
        for output in files
    ]
    text = types.TextContent(text=_summary(structured))
    return types.CallToolResult(
        content=[text, *links],
        structured_content=structured,
        is_error=failure_is_error and finished and not snapshot.succeeded,
    )


def task_structure(snapshot: TaskSnapshot, slug: str, finished: bool) -> dict[str, Any]:
    """`structuredContent` (TASK_SCHEMA) for a task in state `snapshot`."""
    is_llm = any(o.contenttype == RAW_CONTENT_TYPE for o in snapshot.outputs)
    return {
        "taskid": snapshot.taskid,
        "tool": slug,
        "status": snapshot.status,
        "finished": finished,
        "succeeded": snapshot.succeeded,
        "pexit": snapshot.pexit,
        "cost": float(snapshot.cost) if snapshot.cost is not None else None,
        "outputs": [
            {
                "url": output.url,
                "name": output.name,
                "contenttype": output.contenttype,
                "size": output.size,
            }
            for output in snapshot.outputs
            if output.contenttype != RAW_CONTENT_TYPE
        ],
        "text": snapshot.text or None if is_llm else None,
        "thinking": snapshot.thinking or None if is_llm else None,
        "debugerror": snapshot.debugerror or None,
    }


def error_result(message: str) -> types.CallToolResult:
    """A tool error the model can read and act on (a bad argument, Wiro's refusal)."""
    return types.CallToolResult(
        content=[types.TextContent(text=message)], is_error=True
    )


def _summary(task: dict[str, Any]) -> str:
    """The task in a few lines: what happened, what it cost, where the outputs are."""
    lines = [f"Task {task['taskid']} of {task['tool']}: {_outcome(task)}."]
    if task["cost"] is not None:
        lines.append(f"Cost: ${task['cost']:g}.")
    for output in task["outputs"]:
        size = f", {output['size']} bytes" if output["size"] is not None else ""
        kind = output["contenttype"] or "file"
        lines.append(f"- {output['name'] or 'output'} ({kind}{size}): {output['url']}")
    if task["debugerror"] and not task["succeeded"]:
        lines.append(f"Wiro says: {task['debugerror']}")
    if task["thinking"]:
        lines += ["", "Reasoning:", task["thinking"]]
    if task["text"]:
        lines += ["", task["text"]]
    return "\n".join(lines)


def _outcome(task: dict[str, Any]) -> str:
    status, taskid = task["status"], task["taskid"]
    if not task["finished"]:
        return (
            f"still running ({status or 'starting'}). Call wait_for_task with"
            f' taskid "{taskid}" to wait for its outputs, or cancel_task to stop it'
        )
    if task["succeeded"]:
        return "succeeded"
    if status == TASK_CANCEL:
        return "cancelled"
    if status == TASK_ERROR:
        return "failed before it ran"
    return f"failed (exit {task['pexit']})"
