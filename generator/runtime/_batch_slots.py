"""How many tasks a batch keeps in flight: Wiro's per-account limit, learnt from code 96.

Plain logic, no I/O. Wiro refuses a Run beyond the account's limit with code 96 (its
message states the limit) and starts no task; the runner lowers what it keeps in flight
to that, waits for a task to end before sending the next, and probes one higher only
after as many Runs as it allows went through (four times as many when Wiro stated the
limit: it grows only with the balance): a refusal every few dozen jobs at most.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Final

from ._constants import SLOT_BASE_DELAY, SLOT_MAX_DELAY

DEFAULT_BATCH_CONCURRENCY: Final = 25
"""Tasks in flight before Wiro says otherwise: the most any limited account may run
($250 balance); a $10 account gets its first 96 at the second Run."""
PROBE_PATIENCE: Final = 4
"""Once Wiro has stated the limit, a probe above it waits this many times longer (the
limit grows only when the balance does)."""
MAX_BATCH_CONCURRENCY: Final = 200
"""The most the runner probes up to without --concurrency (accounts above $250 have no
limit; each task in flight holds a connection)."""


@dataclass
class Slots:
    """Tasks in flight (`running`, Runs being sent included) against what is `allowed`."""

    cap: int = MAX_BATCH_CONCURRENCY
    allowed: int = DEFAULT_BATCH_CONCURRENCY
    running: int = 0
    stated: int | None = None
    """The limit Wiro's last refusal stated, if it did."""
    _since_refusal: int = 0
    _refusals_in_a_row: int = 0

    @classmethod
    def starting(cls, concurrency: int | None) -> Slots:
        """`concurrency` (--concurrency) caps it; None: adapt from the default."""
        if concurrency is None:
            return cls()
        return cls(cap=concurrency, allowed=concurrency)

    @property
    def free(self) -> bool:
        return self.running < self.allowed

    @property
    def overbooked(self) -> bool:
        """More slots taken than allowed: a refusal lowered them after they were taken."""
        return self.running > self.allowed

    def take(self) -> None:
        """A Run is about to be sent."""
        self.running += 1

    def started(self) -> None:
        """The Run started a task: after `allowed` of them without a refusal, probe one
        more (up to the cap)."""
        self._refusals_in_a_row = 0
        self._since_refusal += 1
        patience = (
            self.allowed if self.stated is None else PROBE_PATIENCE * self.allowed
        )
        if self._since_refusal >= patience and self.allowed < self.cap:
            self.allowed += 1
            self._since_refusal = 0

    def ended(self) -> None:
        """A task ended (or a Run failed without starting one): its slot is free."""
        self.running -= 1

    def refused(self, limit: int | None) -> float:
        """A Run was refused with code 96; `limit` is what Wiro's message says the account
        runs. Returns seconds to wait before trying again when no task of this batch is
        running (another client holds the account's slots), else 0: wait for one to end.
        """
        self.running -= 1
        self.stated = limit
        self._since_refusal = 0
        self._refusals_in_a_row += 1
        if self.running:
            self.allowed = max(1, min(self.running, limit or self.running))
            return 0.0
        self.allowed = 1
        exponent = min(self._refusals_in_a_row - 1, 30)
        backoff = min(SLOT_MAX_DELAY, SLOT_BASE_DELAY * 2.0**exponent)
        return backoff / 2 + random.uniform(0, backoff / 2)
