"""Task snapshots (Output, Timings, TaskSnapshot) and the readers of Task/Detail answers."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ._constants import SUCCESS_PEXIT, TASK_DONE


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


def snapshot_of(task: Mapping[str, Any]) -> TaskSnapshot:
    """The snapshot of one task object of a Task/Detail (or Kill, Cancel) answer."""
    outputs = task.get("outputs") or []
    return TaskSnapshot(
        taskid=text(task, "id"),
        status=text(task, "status"),
        pexit=text(task, "pexit"),
        outputs=tuple(_output(item) for item in outputs if isinstance(item, Mapping)),
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
        size=int(size) if size is not None else None,
        url=text(item, "url"),
        id=text(item, "id"),
        content=content if isinstance(content, Mapping) else None,
    )


def text(values: Mapping[str, Any], key: str) -> str:
    """A field as text: Wiro sends strings, and sometimes numbers."""
    value = values.get(key)
    return "" if value is None else str(value)


def number(value: object) -> float | None:
    """A finite number from a string or a number, None otherwise."""
    try:
        result = float(str(value))
    except ValueError:
        return None
    return result if math.isfinite(result) else None


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def _time(value: object) -> datetime | None:
    seconds = number(value)
    return datetime.fromtimestamp(seconds, UTC) if seconds else None
