"""What a task costs: the one function the mock server bills by.

Task/Detail's `totalcost` and the account's balance both come from `task_cost`, so a
price model (Wiro's per-tool price rules) replaces this function alone.
"""

from __future__ import annotations

from decimal import Decimal

from .lifecycle import SUCCEEDED, Task

COST_PER_SECOND = "0.000585000000"
"""Wiro's `cps` as the mock shows it on every task: USD per second of run time."""


def task_cost(task: Task, now: int) -> Decimal:
    """USD billed for `task` as of tick `now`: its seconds from task_start to its end
    times COST_PER_SECOND once it has succeeded; failed, cancelled and running tasks
    cost nothing (Wiro bills only a run that succeeded)."""
    timeline = task.timeline(now)
    status, ended = timeline[-1]
    if status != SUCCEEDED or not task.script.succeeds:
        return Decimal(0)
    started = dict(timeline).get("task_start", ended)
    return Decimal(COST_PER_SECOND) * (ended - started)
