"""A task's events as MCP progress: a value out of 100 that only rises, and a message.

Each status of Wiro's lifecycle holds a fixed place on the scale; while the model runs,
Wiro's own percentage fills the stretch between `task_start` and `task_end`. An event
that would not move the value forward (a log line, a repeated or unknown status, a
lower percentage) sends nothing: MCP requires every notification to raise the value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ._events import TaskEvent

TOTAL: Final = 100.0
STAGES: Final[dict[str, float]] = {
    "task_queue": 2,
    "task_accept": 4,
    "task_preprocess_start": 6,
    "task_preprocess_end": 8,
    "task_assign": 10,
    "task_start": 12,
    "task_output": 12,
    "task_end": 92,
    "task_postprocess_start": 95,
    "task_postprocess_end": 100,
    "task_cancel": 100,
    "task_error": 100,
}
"""Where each status puts the task on the scale."""
_RUNNING_FROM: Final = STAGES["task_start"]
_RUNNING_TO: Final = STAGES["task_end"]


@dataclass(frozen=True)
class Progress:
    """One MCP progress notification."""

    progress: float
    total: float
    message: str


class ProgressTrail:
    """Turns a task's events into rising progress notifications."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._value = 0.0

    def step(self, event: TaskEvent) -> Progress | None:
        """The notification `event` is worth; None when it would not raise the value."""
        if event.is_log:
            return None
        value = STAGES.get(event.type)
        if value is None:
            return None
        message = f"{self._label}: {event.type}"
        if event.progress is not None and event.type == "task_output":
            span = _RUNNING_TO - _RUNNING_FROM
            value = _RUNNING_FROM + span * min(max(event.progress, 0.0), 100.0) / 100
            message += f" {event.progress:g}%"
        if value <= self._value:
            return None
        self._value = value
        return Progress(round(value, 2), TOTAL, message)
