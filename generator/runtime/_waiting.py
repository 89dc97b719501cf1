"""One `wait()`: its deadline, the statuses seen, and which failed polls it survives;
and one Run waiting for a free slot (code 96).

Plain logic shared by both clients; the loops themselves are in _async_client.py.
"""

from __future__ import annotations

import math
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeAlias

from ._constants import (
    MAX_FAILED_POLLS,
    MIN_POLL_INTERVAL,
    SLOT_BASE_DELAY,
    SLOT_MAX_DELAY,
)
from ._errors import (
    APIError,
    ConcurrencyLimitError,
    ConfigurationError,
    DeadlineReached,
    InvalidInputError,
    InvalidResponseError,
    NotFoundError,
    TaskTimeout,
    WiroError,
)
from ._protocol import poll_delay, retry_delay
from ._snapshot import TaskSnapshot

StatusCallback: TypeAlias = Callable[[TaskSnapshot], object]
"""Called by `wait()` with each new status."""
AsyncStatusCallback: TypeAlias = Callable[[TaskSnapshot], Awaitable[object] | object]
"""Called by the asynchronous `wait()` with each new status; a coroutine is awaited."""


async def maybe_awaited(value: object) -> None:
    """Await `value` when a callback returned an awaitable (an async `on_status`)."""
    if isinstance(value, Awaitable):
        await value


@dataclass
class Wait:
    """The state of one `wait()` call, on the client's monotonic clock."""

    taskid: str
    started: float
    timeout: float | None
    poll_interval: float | None
    max_retries: int
    last: TaskSnapshot | None = None
    failed_polls: int = 0

    def __post_init__(self) -> None:
        for name in ("timeout", "poll_interval"):
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidInputError(
                    name, f"expected seconds, got {type(value).__name__}"
                )
            if not (math.isfinite(value) and value >= 0):
                raise InvalidInputError(
                    name, f"expected a finite number of seconds >= 0, got {value!r}"
                )
        if self.poll_interval is not None:
            # A floor: poll_interval=0 would send thousands of polls a second.
            self.poll_interval = max(self.poll_interval, MIN_POLL_INTERVAL)

    @property
    def deadline(self) -> float | None:
        """When the wait gives up; requests made for it never sleep past this."""
        return None if self.timeout is None else self.started + self.timeout

    def seen(self, snapshot: TaskSnapshot) -> bool:
        """Record a poll's snapshot; True when its status is new."""
        new = self.last is None or snapshot.status != self.last.status
        self.last, self.failed_polls = snapshot, 0
        return new

    def next_poll(self, now: float) -> float:
        """Seconds until the next poll; raises TaskTimeout once the deadline has passed."""
        elapsed = self._elapsed_or_timeout(now)
        return self._within_deadline(self._cadence(elapsed), elapsed)

    def _cadence(self, elapsed: float) -> float:
        if self.poll_interval is not None:
            return self.poll_interval
        return poll_delay(elapsed)

    def failed(self, error: WiroError, now: float) -> float:
        """Seconds until polling again after `error`, for the failures a wait survives:
        "There is no task yet." (code 1, Wiro's race right after a Run) up to
        MAX_FAILED_POLLS polls in a row, at the polling cadence; an unreadable answer
        retried like a 5xx (`max_retries` times, with backoff). Raises `error`, carrying
        the last snapshot, otherwise; TaskTimeout once the deadline has passed."""
        self.failed_polls += 1
        if isinstance(error, DeadlineReached):
            raise self._timed_out()
        delay: float | None = None
        if isinstance(error, NotFoundError) and self.failed_polls < MAX_FAILED_POLLS:
            delay = self._cadence(self._elapsed_or_timeout(now))
        elif isinstance(error, InvalidResponseError):
            delay = retry_delay(self.failed_polls - 1, self.max_retries, None)
        if delay is None:
            if isinstance(error, APIError | InvalidResponseError):
                error.task = self.last
            raise error
        return self._within_deadline(delay, self._elapsed_or_timeout(now))

    def _elapsed_or_timeout(self, now: float) -> float:
        elapsed = now - self.started
        if self.timeout is not None and elapsed >= self.timeout:
            raise self._timed_out()
        return elapsed

    def _timed_out(self) -> TaskTimeout:
        """The timeout, with the last snapshot (or, before the first, just the task id)."""
        last = self.last or TaskSnapshot(taskid=self.taskid, status="", pexit="")
        return TaskTimeout(last, self.timeout or 0.0)

    def _within_deadline(self, delay: float, elapsed: float) -> float:
        return delay if self.timeout is None else min(delay, self.timeout - elapsed)


@dataclass
class SlotWait:
    """A Run refused with code 96 (no task started) sent again with jittered exponential
    backoff until `timeout` seconds after `started` (None: no end; 0: never again)."""

    started: float
    timeout: float | None
    refusals: int = 0

    @staticmethod
    def checked_timeout(value: float | None) -> float | None:
        """A client's `slot_timeout`: seconds >= 0, or None; ConfigurationError otherwise."""
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not value >= 0
        ):
            raise ConfigurationError(
                f"slot_timeout must be seconds >= 0 or None, got {value!r}"
            )
        return float(value)

    def refused(
        self, error: ConcurrencyLimitError, now: float, resendable: bool
    ) -> float:
        """Seconds to wait before sending the Run again; raises `error` once the time is
        up, or at once when the request cannot be sent again (an unseekable file)."""
        left = None if self.timeout is None else self.started + self.timeout - now
        if not resendable or (left is not None and left <= 0):
            raise error
        backoff = min(SLOT_MAX_DELAY, SLOT_BASE_DELAY * 2.0 ** min(self.refusals, 30))
        self.refusals += 1
        delay = backoff / 2 + random.uniform(0, backoff / 2)
        return delay if left is None else min(delay, left)
