"""A task's events as MCP progress: rising values out of 100, with a message."""

from __future__ import annotations

from generator.runtime._events import TaskEvent
from generator.runtime._mcp_progress import ProgressTrail


def steps(*events: TaskEvent) -> list[tuple[float, str]]:
    trail = ProgressTrail("wiro/x")
    return [(p.progress, p.message) for e in events if (p := trail.step(e)) is not None]


def test_each_status_moves_the_task_along_the_scale() -> None:
    values = [v for v, _ in steps(TaskEvent("task_queue"), TaskEvent("task_start"))]
    assert values == sorted(values) and len(values) == 2


def test_wiros_percentage_fills_the_running_stretch() -> None:
    found = steps(
        TaskEvent("task_start"),
        TaskEvent("task_output", progress=50.0),
        TaskEvent("task_end"),
    )
    assert found[1] == (52.0, "wiro/x: task_output 50%")
    assert found[0][0] < found[1][0] < found[2][0]


def test_an_event_that_would_not_raise_the_value_sends_nothing() -> None:
    found = steps(
        TaskEvent("task_output", progress=60.0),
        TaskEvent("task_output", progress=40.0),
        TaskEvent("task_start"),
        TaskEvent("task_unknown"),
    )
    assert [message for _, message in found] == ["wiro/x: task_output 60%"]


def test_log_lines_send_nothing() -> None:
    assert steps(TaskEvent("task_error", message="warning: slow")) == []


def test_the_end_is_the_total() -> None:
    assert steps(TaskEvent("task_postprocess_end")) == [(100.0, "wiro/x: task_postprocess_end")]
