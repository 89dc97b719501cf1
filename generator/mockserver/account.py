"""Wiro's per-account limits: tasks at once (code 96) and the balance (code 97).

A task counts from its Run until it finishes (task_postprocess_end, task_cancel or
task_error); a task that succeeded is billed from the balance once it has finished.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..ir import JsonValue
from .billing import task_cost
from .lifecycle import Task
from .replies import CONCURRENCY_LIMIT, INSUFFICIENT_BALANCE

INSUFFICIENT_BALANCE_MESSAGE = "Insufficient balance"
UNLIMITED_BALANCE = Decimal(250)  # what Wiro's 96 message shows when no balance is set


def limit_message(balance: Decimal, limit: int) -> str:
    """Wiro's code-96 message, which states the balance and the limit."""
    return (
        "You have reached your concurrent task limit. With your current balance of "
        f"${balance:.2f}, you can run up to {limit} tasks at the same time. "
        "Add funds to increase your limit."
    )


@dataclass
class Account:
    """The tasks still running and the money spent, against the limits the server has."""

    limit: int | None = None
    balance: Decimal | None = None
    spent: Decimal = Decimal(0)
    peak: int = 0
    """The most tasks that ran at once."""
    refused: dict[int, int] = field(default_factory=dict)
    """Runs refused, by code."""
    _active: list[Task] = field(default_factory=list)

    def refusal(self, now: int) -> tuple[int, str] | None:
        """(code, message) when a Run at tick `now` must be refused; None to start it."""
        self.settle(now)
        refusal: tuple[int, str] | None = None
        if self.balance is not None and self.balance - self.spent <= 0:
            refusal = (INSUFFICIENT_BALANCE, INSUFFICIENT_BALANCE_MESSAGE)
        elif self.limit is not None and len(self._active) >= self.limit:
            shown = UNLIMITED_BALANCE if self.balance is None else self.balance - self.spent
            refusal = (CONCURRENCY_LIMIT, limit_message(shown, self.limit))
        if refusal is not None:
            self.refused[refusal[0]] = self.refused.get(refusal[0], 0) + 1
        return refusal

    def report(self, now: int) -> dict[str, JsonValue]:
        """`spent` (USD, as text), `running` (tasks not finished at tick `now`), `peak`
        (the most that ran at once), `refused` (Runs refused, by code)."""
        running = self.settle(now)
        refused: dict[str, JsonValue] = {str(k): v for k, v in self.refused.items()}
        return {"spent": str(self.spent), "running": running, "peak": self.peak, "refused": refused}

    def started(self, task: Task) -> None:
        self._active.append(task)
        self.peak = max(self.peak, len(self._active))

    def settle(self, now: int) -> int:
        """Bill the tasks that have finished by tick `now`; how many still run."""
        running = []
        for task in self._active:
            if task.is_finished(now):
                self.spent += task_cost(task, now)
            else:
                running.append(task)
        self._active = running
        return len(running)
