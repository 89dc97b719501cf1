"""The batch journal: what became of each job, in sqlite3 (standard library), in DIR.

A job is sent at most once: its row says `sending`, on disk, before its Run goes out,
and `running` (with the task id) once the answer is read. A rerun after a crash finds a
`sending` row whose answer was lost and reports it `unknown` instead of sending it again
(the task may be running, and billed). The runner waits for `sending` and for the rare
changes; it queues `running` and `finished` without waiting, in order: a crash that
loses them leaves the row `sending` (reported unknown) or `running` (followed again by
task id), never a job sent twice.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Final, Literal, TypeAlias

from ._errors import WiroError

JOURNAL_NAME: Final = "journal.sqlite3"

State: TypeAlias = Literal[
    "pending",
    "sending",
    "running",
    "downloading",
    "succeeded",
    "failed",
    "cancelled",
    "unknown",
]
FOLLOWED: Final = ("running", "downloading")
"""States whose task a rerun follows by its id (to its end, then its outputs)."""
FINISHED: Final = frozenset({"succeeded", "failed", "cancelled"})

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    line INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    tool TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    sends INTEGER NOT NULL DEFAULT 0,
    taskid TEXT NOT NULL DEFAULT '',
    token TEXT NOT NULL DEFAULT '',
    cost TEXT NOT NULL DEFAULT '',
    outputs TEXT NOT NULL DEFAULT '[]',
    error TEXT NOT NULL DEFAULT ''
)
"""


@dataclass(frozen=True)
class Row:
    """A job as the journal has it."""

    id: str
    line: int
    fingerprint: str
    tool: str
    state: State
    attempts: int
    """Tasks started for it (a failed one is sent again while retries are left)."""
    sends: int
    """Run requests that went out for it, refused ones (code 96) included."""
    taskid: str
    token: str
    cost: str
    outputs: list[str]
    error: str


class Journal:
    """One batch's journal; every method commits what it changes."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / JOURNAL_NAME
        if self.path.is_symlink():
            raise WiroError(
                f"{self.path} is a symbolic link: refusing to write through it"
            )
        # isolation_level=None: autocommit; `with self._db:` groups a few statements.
        # check_same_thread=False: the engine uses it from a thread of its own (one at a time).
        self._db = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL: in WAL mode a commit survives the process (a crash, SIGKILL) without
        # an fsync; only `sending()` waits for the disk (see there).
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def get(self, job_id: str) -> Row | None:
        found = self._db.execute(
            "SELECT * FROM jobs WHERE id = ?", (job_id,)
        ).fetchone()
        return _row(found) if found else None

    def add(self, rows: Iterator[tuple[str, int, str, str]]) -> None:
        """Record jobs (id, line, fingerprint, tool) not recorded yet, as `pending`."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR IGNORE INTO jobs (id, line, fingerprint, tool, state) "
                "VALUES (?, ?, ?, ?, 'pending')",
                rows,
            )

    def in_state(self, *states: State) -> Iterator[Row]:
        marks = ",".join("?" * len(states))
        query = f"SELECT * FROM jobs WHERE state IN ({marks}) ORDER BY line"
        for found in self._db.execute(query, states).fetchall():
            yield _row(found)

    def pending(self) -> dict[str, int]:
        """The jobs to send, each with the tasks already started for it (failed ones)."""
        found = self._db.execute(
            "SELECT id, attempts FROM jobs WHERE state = 'pending'"
        )
        return dict(found.fetchall())

    def rows(self) -> Iterator[Row]:
        """Every job, in the order of JOBS, streamed."""
        for found in self._db.execute("SELECT * FROM jobs ORDER BY line"):
            yield _row(found)

    def fingerprints(self) -> dict[str, str]:
        """Each recorded job's fingerprint, by id."""
        return dict(self._db.execute("SELECT id, fingerprint FROM jobs").fetchall())

    def billed(self) -> Decimal:
        """What the jobs that succeeded cost, in USD."""
        found = self._db.execute("SELECT cost FROM jobs WHERE state = 'succeeded'")
        return sum((Decimal(cost) for (cost,) in found if cost), Decimal(0))

    def counts(self) -> dict[str, int]:
        found = self._db.execute("SELECT state, COUNT(*) FROM jobs GROUP BY state")
        return dict(found.fetchall())

    def sending(self, job_id: str) -> None:
        """Before a Run goes out: from here on the job is never sent again by itself.

        The one change written through to the disk (fsync) before it returns, so that even
        a power cut cannot lose it; losing any later change is safe (a `sending` row is
        reported unknown, a `running` one followed again)."""
        self._db.execute("PRAGMA synchronous=FULL")
        try:
            self._set(job_id, "sending", sends="sends + 1")
        finally:
            self._db.execute("PRAGMA synchronous=NORMAL")

    def refused(self, job_id: str, error: str) -> None:
        """The Run was refused before it started a task (code 96 or 97): send it later."""
        self._set(job_id, "pending", error=error)

    def running(self, job_id: str, taskid: str, token: str) -> None:
        self._set(
            job_id, "running", attempts="attempts + 1", taskid=taskid, token=token
        )

    def retry(self, job_id: str, error: str) -> None:
        """Its task failed (not billed) and it has retries left: send it again."""
        self._set(job_id, "pending", error=error)

    def retry_later(self, job_id: str, error: str) -> None:
        """Its task could not be followed to its end now: a rerun follows it by task id."""
        self._set(job_id, "running", error=error)

    def downloading(self, job_id: str, cost: str, error: str) -> None:
        """Its task succeeded (and was billed) but its outputs are not all saved: a rerun
        downloads them without sending it again."""
        self._set(job_id, "downloading", cost=cost, error=error)

    def finished(
        self,
        job_id: str,
        state: Literal["succeeded", "failed", "cancelled"],
        *,
        cost: str = "",
        outputs: list[str] | None = None,
        error: str = "",
    ) -> None:
        outputs_json = json.dumps(outputs or [])
        self._set(job_id, state, cost=cost, outputs=outputs_json, error=error)

    def failed_to_start(self, job_id: str, error: str) -> None:
        """Wiro refused the Run for good (a bad value it found): no task, nothing billed."""
        self._set(job_id, "failed", error=error)

    def unknown(self, job_id: str, error: str) -> None:
        """The Run went out but its answer was lost: a task may run, and be billed."""
        self._set(job_id, "unknown", error=error)

    def resend_unknown(self) -> int:
        """Make every `unknown` job (and a `sending` one, from a crash) pending again."""
        cursor = self._db.execute(
            "UPDATE jobs SET state = 'pending' WHERE state IN ('unknown', 'sending')"
        )
        return cursor.rowcount

    def lost_answers(self) -> int:
        """`sending` rows left by a crash become `unknown`: their Run may have started."""
        cursor = self._db.execute(
            "UPDATE jobs SET state = 'unknown', "
            "error = 'the Run went out but its answer was lost (interrupted)' "
            "WHERE state = 'sending'"
        )
        return cursor.rowcount

    def _set(self, job_id: str, state: State, **changes: str) -> None:
        """Set `state` and `changes` (values; or SQL for sends/attempts)."""
        assignments: list[str] = ["state = ?"]
        values: list[str] = [state]
        for column, value in changes.items():
            if column in ("sends", "attempts"):
                assignments.append(f"{column} = {value}")
            else:
                assignments.append(f"{column} = ?")
                values.append(value)
        query = f"UPDATE jobs SET {', '.join(assignments)} WHERE id = ?"
        self._db.execute(query, (*values, job_id))


def _row(found: tuple[object, ...]) -> Row:
    (job_id, line, fingerprint, tool, state, attempts, sends, taskid, token, cost,
     outputs, error) = found  # fmt: skip
    return Row(
        str(job_id),
        int(str(line)),
        str(fingerprint),
        str(tool),
        str(state),  # type: ignore[arg-type]
        int(str(attempts)),
        int(str(sends)),
        str(taskid),
        str(token),
        str(cost),
        json.loads(str(outputs)),
        str(error),
    )
