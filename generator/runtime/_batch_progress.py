"""A batch's progress on stderr: a bar redrawn in place on a terminal, plain lines every
so often otherwise, and a summary at the end."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, TextIO

BAR_WIDTH: Final = 24
REDRAW_SECONDS: Final = 0.2
LINE_SECONDS: Final = 10.0
"""How often a plain progress line is written when stderr is not a terminal."""


@dataclass
class Tally:
    """Where the jobs stand."""

    total: int
    succeeded: int = 0
    failed: int = 0
    cancelled: int = 0
    unknown: int = 0
    running: int = 0
    cost: Decimal = Decimal(0)
    estimated: Decimal | None = None
    """What the estimates said the jobs run would cost (earlier runs' bills included)."""

    @property
    def done(self) -> int:
        return self.succeeded + self.failed + self.cancelled + self.unknown

    @property
    def queued(self) -> int:
        return max(0, self.total - self.done - self.running)

    def line(self) -> str:
        return (
            f"{self.done}/{self.total} done: {self.succeeded} succeeded, "
            f"{self.failed + self.cancelled} failed, {self.unknown} unknown, "
            f"{self.running} running, {self.queued} queued; ${self.cost:.4f} so far"
        )


@dataclass
class Progress:
    """Writes `tally` to `stream` as it changes: in place on a terminal, else a line every
    LINE_SECONDS. `stream=None` writes nothing."""

    tally: Tally
    stream: TextIO | None
    clock: Callable[[], float] = time.monotonic
    started: float = field(init=False)
    _last: float = field(init=False, default=-1e9)

    def __post_init__(self) -> None:
        self.started = self.clock()
        self._terminal = self.stream is not None and self.stream.isatty()

    def changed(self) -> None:
        if self.stream is None:
            return
        now = self.clock()
        every = REDRAW_SECONDS if self._terminal else LINE_SECONDS
        if now - self._last < every:
            return
        self._last = now
        self._write()

    def note(self, message: str) -> None:
        """A line of its own (a job that failed, the batch stopping)."""
        if self.stream is None:
            return
        if self._terminal:
            self.stream.write("\r\x1b[K")
        self.stream.write(message + "\n")
        self.stream.flush()
        self._last = -1e9

    def summary(self, title: str) -> None:
        """The last word: counts, total cost, time."""
        if self.stream is None:
            return
        if self._terminal:
            self.stream.write("\r\x1b[K")
        seconds = self.clock() - self.started
        t = self.tally
        self.stream.write(
            f"{title}: {t.succeeded} succeeded, {t.failed} failed, {t.cancelled} "
            f"cancelled, {t.unknown} unknown, {t.queued + t.running} not run, of "
            f"{t.total}; cost ${t.cost:.4f}{_estimated(t)}; {seconds:.1f} s\n"
        )
        self.stream.flush()

    def _write(self) -> None:
        assert self.stream is not None
        t = self.tally
        if not self._terminal:
            self.stream.write(f"batch: {t.line()}\n")
        else:
            filled = BAR_WIDTH * t.done // max(1, t.total)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stream.write(f"\r\x1b[K[{bar}] {t.line()}")
        self.stream.flush()


def _estimated(tally: Tally) -> str:
    return "" if tally.estimated is None else f" (estimated ${tally.estimated:.4f})"
