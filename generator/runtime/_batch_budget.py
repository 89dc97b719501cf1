"""A batch's spending limit (`--max-cost`), by the tools' own estimates (`Tool.estimate`).

Before any Run: the jobs still to run are estimated (their `high`), added to what earlier
runs of the batch were billed, and the batch is refused when that sum passes the limit
or a job has no estimate (a limit cannot be kept by guessing). While running: a job is
sent only while what was billed plus the estimates of the tasks in flight plus its own
stays within the limit. Without a limit the estimates are only summed, for the summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ._batch_jobs import Job
from ._errors import WiroError
from ._estimates import estimate_inputs
from ._prices import Estimate, usd


class CostLimitError(WiroError, ValueError):
    """The batch would cost more than its limit, or cannot be estimated: nothing sent."""


def job_estimate(job: Job) -> Estimate | None:
    """What the job's run will cost, run()'s defaults for the inputs it leaves out."""
    arguments = {
        item.argument: job.arguments.get(item.argument, item.default)
        for item in job.tool.inputs
    }
    return estimate_inputs(job.tool.info, arguments)


@dataclass
class Budget:
    """The estimates of a batch's jobs, and its limit (None: none)."""

    limit: Decimal | None
    billed_before: Decimal
    """What earlier runs of the batch were billed."""
    highs: dict[str, Decimal | None]
    """Each job still to run: its estimate's `high` (None: it has none)."""
    billed: Decimal = Decimal(0)
    """What the batch was billed so far, earlier runs included."""
    in_flight: dict[str, Decimal] = field(default_factory=dict)
    sent: Decimal | None = Decimal(0)
    """The estimates of the jobs sent (or followed) by this run; None once one of them
    had no estimate."""

    @classmethod
    def checked(
        cls, limit: Decimal | None, jobs: Iterable[Job], billed: Decimal
    ) -> Budget:
        """The budget of `jobs` (those still to run); CostLimitError when a limit is
        given and the jobs cannot be held to it."""
        highs = {job.id: _high(job_estimate(job)) for job in jobs}
        budget = cls(limit, billed, highs, billed)
        if limit is None:
            return budget
        unknown = [job_id for job_id, high in highs.items() if high is None]
        if unknown:
            shown = ", ".join(unknown[:10]) + (" ..." if len(unknown) > 10 else "")
            raise CostLimitError(
                f"--max-cost {usd(limit)}: no estimate for {len(unknown)} job(s) "
                f"({shown}): Wiro's prices do not tell their cost before they run; "
                "nothing was sent"
            )
        total = billed + sum(high or 0 for high in highs.values())
        if total > limit:
            earlier = f" (billed so far {usd(billed)})" if billed else ""
            raise CostLimitError(
                f"the jobs would cost up to {usd(total)}{earlier}, more than --max-cost "
                f"{usd(limit)}: nothing was sent"
            )
        return budget

    @property
    def estimated(self) -> Decimal | None:
        """Billed before this run plus the estimates of what it sent; None when a job
        it sent has no estimate."""
        return None if self.sent is None else self.billed_before + self.sent

    def admit(self, job_id: str) -> str:
        """Count the job as in flight; "" when it may be sent, else why not."""
        high = self.highs.get(job_id)
        if self.limit is not None and high is not None:
            committed = self.billed + sum(self.in_flight.values())
            if committed + high > self.limit:
                return (
                    f"--max-cost {usd(self.limit)} would be passed: billed "
                    f"{usd(self.billed)}, in flight {usd(committed - self.billed)}, "
                    f"next job {job_id} up to {usd(high)}"
                )
        self.following(job_id)
        return ""

    def following(self, job_id: str) -> None:
        """A job whose task is in flight (sent now, or started by an earlier run)."""
        high = self.highs.get(job_id)
        self.in_flight[job_id] = high or Decimal(0)
        self.sent = None if high is None or self.sent is None else self.sent + high

    def ended(self, job_id: str) -> None:
        """The job is done with (its cost, if any, is in `billed`)."""
        self.in_flight.pop(job_id, None)


def _high(estimate: Estimate | None) -> Decimal | None:
    return None if estimate is None else estimate.high
