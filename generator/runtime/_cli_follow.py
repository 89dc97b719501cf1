"""Following a task from the command line: live status on stderr, the end as text or JSON."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import click

from ._errors import TaskError
from ._snapshot import TaskSnapshot

if TYPE_CHECKING:
    from ._async_client import AsyncTask
    from ._events import TaskEvent

BAR_WIDTH: Final = 24


def is_llm(categories: tuple[str, ...]) -> bool:
    """A language model's page: its answer is text to stream (Wiro's `llm` category)."""
    return any(category.strip().casefold() == "llm" for category in categories)


class StatusLine:
    """Status and progress on stderr: one line redrawn on a terminal, plain lines otherwise."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self._stream = stream or sys.stderr
        self._tty = self._stream.isatty()
        self._shown = ""

    def show(self, event: TaskEvent) -> None:
        if event.is_log:
            return
        status = event.type.removeprefix("task_").replace("_", " ")
        if event.progress is not None:
            done = round(BAR_WIDTH * event.progress / 100)
            bar = f"[{'#' * done}{'.' * (BAR_WIDTH - done)}] {event.progress:3.0f}%"
            text = f"{bar} {status}" if self._tty else f"{status} {event.progress:.0f}%"
        else:
            text = status
        if text == self._shown:
            return
        self._shown = text
        if self._tty:
            self._stream.write(f"\r\x1b[2K{text}")
        else:
            self._stream.write(f"{text}\n")
        self._stream.flush()

    def close(self) -> None:
        if self._tty and self._shown:
            self._stream.write("\n")
            self._stream.flush()


async def follow(task: AsyncTask, quiet: bool = False) -> TaskSnapshot:
    """`task` followed to its end (live events; polling without a socket), its status
    shown on stderr unless `quiet`; the final snapshot, whatever the outcome."""
    line = StatusLine()
    final: TaskSnapshot | None = None
    try:
        async for event in task.events():
            if not quiet:
                line.show(event)
            final = event.snapshot if event.final else final
    finally:
        line.close()
    return final if final is not None else await task.detail()


async def stream_answer(task: AsyncTask, out: IO[str]) -> TaskSnapshot:
    """A language model's answer written to `out` as it arrives; the final snapshot."""
    wrote = False
    try:
        async for chunk in task.stream_text():
            out.write(chunk)
            out.flush()
            wrote = wrote or bool(chunk)
    except TaskError as error:
        return error.task
    finally:
        if wrote:
            out.write("\n")
            out.flush()
    return await task.detail()


def outcome(snapshot: TaskSnapshot, task: AsyncTask) -> TaskError | None:
    """The error a finished task ended with (failed, cancelled), or None."""
    from ._protocol import finished  # with httpx, which a task has loaded already

    try:
        finished(snapshot, task.tool)
    except TaskError as error:
        return error
    return None


def snapshot_json(snapshot: TaskSnapshot, files: list[Path] | None = None) -> str:
    """The snapshot as JSON: its fields by their names (`raw` left out), a language
    model's `text` and `thinking`, and with `files` the downloaded outputs' paths."""
    fields = {
        field.name: getattr(snapshot, field.name)
        for field in dataclasses.fields(snapshot)
        if field.name != "raw"
    }
    fields["succeeded"] = snapshot.succeeded
    if snapshot.text or snapshot.thinking:
        fields["text"], fields["thinking"] = snapshot.text, snapshot.thinking
    if files is not None:
        fields["files"] = [str(path) for path in files]
    return json.dumps(_plain(fields), ensure_ascii=False, indent=2)


def _plain(value: Any) -> Any:
    """JSON-ready: dataclasses as objects, Decimal as its exact text, times in ISO 8601."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "raw"
        }
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def echo_outputs(snapshot: TaskSnapshot, files: list[Path] | None) -> None:
    """The downloaded files' paths, else the output URLs, one a line on stdout."""
    if files is not None:
        for path in files:
            click.echo(str(path))
        return
    for output in snapshot.outputs:
        if output.url:
            click.echo(output.url)
