"""Task snapshots (Output, Timings, TaskSnapshot) and the readers of Task/Detail answers."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ._constants import (
    LLM_ITEM_SEPARATOR,
    MILLISECONDS_FROM,
    RAW_CONTENT_TYPE,
    SUCCESS_PEXIT,
    TASK_DONE,
)


@dataclass(frozen=True)
class Output:
    """One output of a task: a file URL, or raw content for language models."""

    name: str
    contenttype: str
    size: int | None
    url: str
    id: str = ""
    content: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Timings:
    """When the task went through its stages (UTC), and how long it ran."""

    created: datetime | None = None
    accepted: datetime | None = None
    assigned: datetime | None = None
    started: datetime | None = None
    ended: datetime | None = None
    postprocess_ended: datetime | None = None
    cancelled: datetime | None = None
    elapsed_seconds: float | None = None


@dataclass(frozen=True)
class TaskSnapshot:
    """A task as Task/Detail reports it."""

    taskid: str
    status: str
    pexit: str
    outputs: tuple[Output, ...] = ()
    debugoutput: str = ""
    debugerror: str = ""
    socketaccesstoken: str = ""
    uuid: str = ""
    timings: Timings = field(default_factory=Timings)
    cost: Decimal | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def succeeded(self) -> bool:
        return self.status == TASK_DONE and self.pexit == SUCCESS_PEXIT

    @property
    def text(self) -> str:
        """A language model's answer: the raw output's `answer` items joined (with a
        newline, as Wiro's MCP server joins them), else its `raw` text, else
        `debugoutput` (older tasks carry only that)."""
        content = _llm_content(self)
        return (
            llm_text(content.get("answer"))
            or llm_text(content.get("raw"))
            or self.debugoutput
        )

    @property
    def thinking(self) -> str:
        """A language model's reasoning, the raw output's `thinking` items joined ("" when
        none)."""
        return llm_text(_llm_content(self).get("thinking"))


def _llm_content(snapshot: TaskSnapshot) -> Mapping[str, Any]:
    """The content of a task's raw (language-model) output; empty when it has none."""
    for output in snapshot.outputs:
        if output.contenttype == RAW_CONTENT_TYPE and output.content is not None:
            return output.content
    return {}


def llm_text(value: object) -> str:
    """A language model's text: a string, or the strings of a list (Wiro's `thinking` and
    `answer` arrays) joined with a newline; "" for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return LLM_ITEM_SEPARATOR.join(item for item in value if isinstance(item, str))
    return ""


def snapshot_of(task: Mapping[str, Any]) -> TaskSnapshot:
    """The snapshot of one task object of a Task/Detail (or Kill, Cancel) answer.

    Never raises: a field of the wrong type, a number out of range or a time that is not
    one reads as empty or unknown.
    """
    outputs = task.get("outputs")
    return TaskSnapshot(
        taskid=text(task, "id"),
        status=text(task, "status"),
        pexit=text(task, "pexit"),
        outputs=tuple(
            _output(item)
            for item in (outputs if isinstance(outputs, list) else ())
            if isinstance(item, Mapping)
        ),
        debugoutput=text(task, "debugoutput"),
        debugerror=text(task, "debugerror"),
        socketaccesstoken=text(task, "socketaccesstoken"),
        uuid=text(task, "uuid"),
        timings=Timings(
            created=_time(task.get("createtime")),
            accepted=_time(task.get("accepttime")),
            assigned=_time(task.get("assigntime")),
            started=_time(task.get("starttime")),
            ended=_time(task.get("endtime")),
            postprocess_ended=_time(task.get("postprocessendtime")),
            cancelled=_time(task.get("canceltime")),
            elapsed_seconds=number(task.get("elapsedseconds")),
        ),
        cost=_decimal(task.get("totalcost")),
        raw=task,
    )


def first_task(body: Mapping[str, Any]) -> TaskSnapshot | None:
    """The snapshot of the first task of an answer's `tasklist`, if it has one."""
    tasks = body.get("tasklist")
    if isinstance(tasks, list) and tasks and isinstance(tasks[0], Mapping):
        return snapshot_of(tasks[0])
    return None


def _output(item: Mapping[str, Any]) -> Output:
    content = item.get("content")
    size = number(item.get("size"))
    return Output(
        name=text(item, "name"),
        contenttype=text(item, "contenttype"),
        size=int(size) if size is not None and size >= 0 else None,
        url=text(item, "url"),
        id=text(item, "id"),
        content=content if isinstance(content, Mapping) else None,
    )


def text(values: Mapping[str, Any], key: str) -> str:
    """A field as text: Wiro sends strings, and sometimes numbers; anything else is ""."""
    value = values.get(key)
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    with contextlib.suppress(ValueError):  # over Python's 4,300-digit limit
        return str(value)
    return ""


def number(value: object) -> float | None:
    """A finite number from a string or a number, None otherwise."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        result = float(value)
    except (ValueError, OverflowError):  # not a number; an int beyond float range
        return None
    return result if math.isfinite(result) else None


def _decimal(value: object) -> Decimal | None:
    if (
        isinstance(value, bool)
        or not isinstance(value, str | int | float)
        or value == ""
    ):
        return None
    try:
        result = Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def _time(value: object) -> datetime | None:
    """A unix time in seconds, or milliseconds; None when absent, zero, negative or out of
    the range datetime can hold."""
    seconds = number(value)
    if seconds is None or seconds <= 0:
        return None
    if seconds > MILLISECONDS_FROM:
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None
