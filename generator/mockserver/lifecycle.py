"""Tasks and the virtual clock that moves them through Wiro's statuses.

Time is virtual: the clock is a tick counter, and one tick is one virtual second.
A task created at tick T shows its script's status number `now - T` (the last one
once it runs out). By default every Task/Detail call advances the clock one tick,
so a polling client sees every status in turn; a test can freeze, step or set it.
"""

from __future__ import annotations

import secrets
import string
import uuid
from dataclasses import dataclass, field
from typing import Literal, TypeAlias, get_args

from ..ir import JsonValue
from .journal import ReceivedRequest

QUEUED = "task_queue"
SUCCEEDED = "task_postprocess_end"
CANCELLED = "task_cancel"
FAILED = "task_error"
RUNNING_STATUSES = (
    QUEUED,
    "task_accept",
    "task_preprocess_start",
    "task_preprocess_end",
    "task_assign",
    "task_start",
    "task_output",
    "task_end",
    "task_postprocess_start",
)

Outcome: TypeAlias = Literal["success", "pexit", "error", "cancel"]
OUTCOMES: dict[str, Outcome] = {outcome: outcome for outcome in get_args(Outcome)}


@dataclass(frozen=True)
class TaskScript:
    """How a task will run: the outcome it reaches and what it reports on the way.

    success: every running status, then task_postprocess_end with pexit "0" and outputs.
    pexit:   the same statuses, but pexit is non-zero, no outputs (a failed, unbilled run).
    error:   queued, accepted, then task_error (failed before it ran).
    cancel:  queued, accepted, then task_cancel (cancelled by the system).
    `extra_statuses` (e.g. "task_weird") are passed through just before the last status.
    """

    outcome: Outcome = "success"
    extra_statuses: tuple[str, ...] = ()
    pexit: str = "1"
    debugoutput: str = ""
    debugerror: str = ""
    outputs: int = 1

    @property
    def statuses(self) -> tuple[str, ...]:
        if self.outcome == "error":
            return (QUEUED, "task_accept", *self.extra_statuses, FAILED)
        if self.outcome == "cancel":
            return (QUEUED, "task_accept", *self.extra_statuses, CANCELLED)
        return (*RUNNING_STATUSES, *self.extra_statuses, SUCCEEDED)

    @property
    def final_pexit(self) -> str:
        return self.pexit if self.outcome == "pexit" else "0"

    @property
    def succeeds(self) -> bool:
        return self.outcome == "success"


def parse_task_script(spec: JsonValue) -> TaskScript:
    """A script from its shorthand name or its JSON object; raises ValueError when invalid.

    Shorthands: "success", "pexit", "error", "cancel", "weird" (success via "task_weird").
    Object keys: outcome, extra_statuses, pexit, debugoutput, debugerror, outputs.
    """
    if isinstance(spec, str):
        if spec == "weird":
            return TaskScript(extra_statuses=("task_weird",))
        return parse_task_script({"outcome": spec})
    if not isinstance(spec, dict):
        raise ValueError(f"a task script is a name or a JSON object, not {spec!r}")
    unknown = set(spec) - set(TaskScript.__dataclass_fields__)
    if unknown:
        raise ValueError(f"unknown task script keys: {', '.join(sorted(unknown))}")
    outcome = OUTCOMES.get(str(spec.get("outcome", "success")))
    if outcome is None:
        raise ValueError(f"unknown task script {spec!r}; outcomes: {', '.join(OUTCOMES)}")
    extra = spec.get("extra_statuses", [])
    outputs = spec.get("outputs", 1)
    if not isinstance(extra, list) or not all(isinstance(status, str) for status in extra):
        raise ValueError("extra_statuses must be a list of status names")
    if not isinstance(outputs, int) or isinstance(outputs, bool) or outputs < 0:
        raise ValueError("outputs must be a whole number >= 0")
    pexit = str(spec.get("pexit", "1"))
    if pexit == "0" and outcome == "pexit":
        raise ValueError('a "pexit" script needs a non-zero pexit')
    return TaskScript(
        outcome=outcome,
        extra_statuses=tuple(str(status) for status in extra),
        pexit=pexit,
        debugoutput=str(spec.get("debugoutput", "")),
        debugerror=str(spec.get("debugerror", _default_debugerror(outcome))),
        outputs=outputs,
    )


def _default_debugerror(outcome: str) -> str:
    return {
        "pexit": "RuntimeError: scripted failure (mock)",
        "error": "The task could not be started (mock).",
    }.get(outcome, "")


@dataclass
class VirtualClock:
    """The tick counter tasks move by; `per_poll` ticks pass on every Task/Detail call."""

    now: int = 0
    per_poll: int = 1

    def on_poll(self) -> None:
        self.now += self.per_poll

    def adjust(
        self, *, now: int | None = None, advance: int = 0, per_poll: int | None = None
    ) -> tuple[int, int]:
        """Set the tick to `now`, then move it `advance` ticks; set `per_poll` when given.

        `per_poll=0` freezes the clock: tasks then move only when a test advances it.
        Returns (now, per_poll).
        """
        if now is not None:
            self.now = now
        self.now += advance
        if per_poll is not None:
            self.per_poll = per_poll
        return self.now, self.per_poll


@dataclass
class Task:
    """One task: its identity, its script, what its Run received, and any stop by Kill/Cancel."""

    id: str
    uuid: str
    token: str
    slug: str
    created_tick: int
    script: TaskScript
    received: ReceivedRequest
    parameters: dict[str, JsonValue]
    stopped_at: int | None = None

    def timeline(self, now: int) -> list[tuple[str, int]]:
        """The statuses reached by tick `now`, each with the tick it was reached at."""
        statuses = self.script.statuses
        until = now if self.stopped_at is None else self.stopped_at
        reached = max(0, min(until - self.created_tick, len(statuses) - 1))
        timeline = [
            (status, self.created_tick + index)
            for index, status in enumerate(statuses[: reached + 1])
        ]
        if self.stopped_at is not None:
            timeline.append((CANCELLED, self.stopped_at))
        return timeline

    def status(self, now: int) -> str:
        return self.timeline(now)[-1][0]

    def is_finished(self, now: int) -> bool:
        return self.status(now) in (SUCCEEDED, CANCELLED, FAILED)


@dataclass
class TaskBook:
    """Every task the server has created, findable by id or by socket access token."""

    next_id: int = 1001
    _tasks: dict[str, Task] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self._tasks)

    def create(
        self,
        slug: str,
        now: int,
        script: TaskScript,
        received: ReceivedRequest,
        parameters: dict[str, JsonValue],
    ) -> Task:
        task = Task(
            id=str(self.next_id),
            uuid=str(uuid.uuid4()),
            token=_socket_access_token(),
            slug=slug,
            created_tick=now,
            script=script,
            received=received,
            parameters=parameters,
        )
        self._tasks[task.id] = task
        self.next_id += 1
        return task

    def find(self, *, taskid: str = "", token: str = "") -> Task | None:
        """The task with this id, else the one with this socket access token."""
        if taskid:
            return self._tasks.get(taskid)
        return next((task for task in self._tasks.values() if token and task.token == token), None)

    def by_uuid(self, task_uuid: str) -> Task | None:
        return next((task for task in self._tasks.values() if task.uuid == task_uuid), None)


def _socket_access_token() -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(30))
