"""A task as Wiro's Task endpoints show it: every value a string, times in unix seconds."""

from __future__ import annotations

from ..ir import JsonValue
from .billing import task_cost
from .lifecycle import CANCELLED, SUCCEEDED, Task
from .outputs import outputs_json

# The time field Wiro fills when a task reaches each status.
TIME_FIELDS = {
    "task_accept": "accepttime",
    "task_assign": "assigntime",
    "task_preprocess_start": "preprocessstarttime",
    "task_preprocess_end": "preprocessendtime",
    "task_start": "starttime",
    "task_end": "endtime",
    "task_postprocess_start": "postprocessstarttime",
    SUCCEEDED: "postprocessendtime",
    CANCELLED: "canceltime",
}


def task_to_wiro(task: Task, now: int, epoch: int, origin: str) -> dict[str, JsonValue]:
    """The task as of tick `now`; ticks are seconds after `epoch`; outputs are URLs on `origin`."""
    timeline = task.timeline(now)
    status = timeline[-1][0]
    reached = dict(timeline)
    times = {
        name: str(epoch + reached[status]) if status in reached else "0"
        for status, name in TIME_FIELDS.items()
    }
    finished_at = timeline[-1][1] if task.is_finished(now) else now
    elapsed = finished_at - reached.get("task_start", finished_at)
    succeeded = status == SUCCEEDED and task.script.succeeds
    outputs = outputs_json(task, origin, epoch + timeline[-1][1]) if succeeded else []
    return {
        "id": task.id,
        "uuid": task.uuid,
        "name": "",
        "socketaccesstoken": task.token,
        "parameters": task.parameters,
        "debugoutput": task.script.debugoutput,
        "debugerror": task.script.debugerror if task.is_finished(now) else "",
        "status": status,
        "pexit": task.script.final_pexit if status == SUCCEEDED else "0",
        "createtime": str(epoch + task.created_tick),
        **times,
        "elapsedseconds": f"{elapsed:.4f}",
        "cps": f"{task.price.cps:.12f}",
        "totalcost": f"{task_cost(task, now):.12f}" if succeeded else "0",
        "callbackurl": str(task.received.fields.get("callbackUrl", "")),
        "outputs": outputs,
        "size": str(sum(_size(output) for output in outputs)),
    }


def _size(output: JsonValue) -> int:
    size = output.get("size") if isinstance(output, dict) else None
    return int(size) if isinstance(size, str) and size.isdigit() else 0
