"""Live status on stderr: a redrawn bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import io

from generator.runtime._cli_follow import StatusLine
from generator.runtime._events import TaskEvent


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def shown(stream: io.StringIO, *events: TaskEvent) -> str:
    line = StatusLine(stream)
    for event in events:
        line.show(event)
    line.close()
    return stream.getvalue()


def test_a_terminal_gets_one_line_redrawn_with_a_bar() -> None:
    text = shown(Terminal(), TaskEvent("task_start"), TaskEvent("task_output", progress=50.0))
    assert text == "\r\x1b[2Kstart\r\x1b[2K[############............]  50% output\n"


def test_a_pipe_gets_a_line_per_change() -> None:
    events = [TaskEvent("task_queue"), TaskEvent("task_output", progress=25.0)]
    assert shown(io.StringIO(), *events, events[-1]) == "queue\noutput 25%\n"


def test_log_lines_are_not_statuses() -> None:
    assert shown(io.StringIO(), TaskEvent("task_error", message="warning: slow")) == ""
