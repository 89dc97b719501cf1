"""How many tasks a batch keeps in flight: Wiro's per-account limit, learnt from code 96.

Plain logic, no I/O. Wiro refuses a Run beyond the account's limit with code 96 (its
message states the limit) and starts no task. The runner starts with one task and adds
a slot for each Run that starts one (a slow start, as TCP's), so that it meets the limit
with one Run too many, not a flood; on a refusal it lowers what it keeps in flight to
the limit, waits for a task to end before sending the next, and from then on probes one
higher only after as many Runs as it allows went through (four times as many above the
limit Wiro stated: it grows only with the balance): a refusal every few dozen jobs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Final

from ._constants import SLOT_BASE_DELAY, SLOT_MAX_DELAY

PROBE_PATIENCE: Final = 4
"""A probe above the limit Wiro stated waits this many times longer (the limit grows only
when the balance does); back up to it, the runner climbs as fast as ever."""
MAX_BATCH_CONCURRENCY: Final = 200
"""The most the runner probes up to without --concurrency (accounts above $250 have no
limit; each task in flight holds a connection)."""


@dataclass
class Slots:
    """Tasks in flight (`running`, Runs being sent included) against what is `allowed`."""

    cap: int = MAX_BATCH_CONCURRENCY
    allowed: int = 1
    running: int = 0
    stated: int | None = None
    """The limit Wiro's last refusal stated, if it did."""
    slow_start: bool = True
    """Until the first refusal: one more slot for each Run that starts a task."""
    _since_refusal: int = 0
    _refusals_in_a_row: int = 0

    @classmethod
    def starting(cls, concurrency: int | None) -> Slots:
        """`concurrency` (--concurrency) caps it; None: up to MAX_BATCH_CONCURRENCY."""
        return cls(cap=concurrency or MAX_BATCH_CONCURRENCY)

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
        if self.slow_start:
            self.allowed = min(self.cap, self.allowed + 1)
            return
        self._since_refusal += 1
        patience = self.allowed
        if self.stated is not None and self.allowed >= self.stated:
            patience *= (
                PROBE_PATIENCE  # above what Wiro stated: only if funds were added
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
        self.slow_start = False
        self._since_refusal = 0
        self._refusals_in_a_row += 1
        if self.running:
            self.allowed = max(1, min(self.running, limit or self.running))
            return 0.0
        self.allowed = 1
        exponent = min(self._refusals_in_a_row - 1, 30)
        backoff = min(SLOT_MAX_DELAY, SLOT_BASE_DELAY * 2.0**exponent)
        return backoff / 2 + random.uniform(0, backoff / 2)
