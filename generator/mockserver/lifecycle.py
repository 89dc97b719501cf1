"""Tasks and the virtual clock that moves them through Wiro's statuses.

Time is virtual: the clock is a tick counter, and one tick is one virtual second.
A task created at tick T shows its script's status number `now - T` (the last one
once it runs out). By default every Task/Detail call advances the clock one tick,
so a polling client sees every status in turn; a test can freeze, step or set it.
"""

from __future__ import annotations

import asyncio
import secrets
import string
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Literal, TypeAlias, get_args

from ..ir import JsonValue
from .billing import NO_PRICE, RunPrice
from .journal import ReceivedRequest

# Wiro's statuses as the server plays them, written out here on purpose rather than taken
# from the runtime: the mock stands for Wiro, so a runtime change must not move it too.
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
# Bounds on what a script can ask of the server (each output file is built in memory).
MAX_MISSING_POLLS = 100
MAX_OUTPUTS = 100
MAX_BINARY_FRAMES = 100
MAX_OUTPUT_BYTES = 64 * 1024 * 1024
MAX_ADVERTISED_BYTES = 2**53  # any size a JSON reader can hold exactly


@dataclass(frozen=True)
class TaskScript:
    """How a task will run: the outcome it reaches and what it reports on the way.

    success: every running status, then task_postprocess_end with pexit "0" and outputs.
    pexit:   the same statuses, but pexit is non-zero, no outputs (a failed, unbilled run).
    error:   queued, accepted, then task_error (failed before it ran).
    cancel:  queued, accepted, then task_cancel (cancelled by the system).
    `extra_statuses` (e.g. "task_weird") are passed through just before the last status.
    `stderr` lines are what the model writes to stderr (socket `task_error` logs);
    `binary_frames` raw frames (a realtime model's audio) go out with the progress.
    `answer` (and `thinking`) make it a language-model task: items of text (a string is
    one item; `thinking[i]` pairs with `answer[i]`, a model may alternate), streamed
    over the socket as Wiro's FULL `thinking` / `answer` arrays so far; its one output is
    raw content. `output_size` is the bytes of
    each output file; `advertised_size` the size Task/Detail claims (default: the same).
    `missing_polls`: the first polls answer "There is no task yet." (None: the server's
    default), Wiro's race right after a Run.
    """

    outcome: Outcome = "success"
    extra_statuses: tuple[str, ...] = ()
    pexit: str = "1"
    debugoutput: str = ""
    debugerror: str = ""
    outputs: int = 1
    stderr: tuple[str, ...] = ()
    binary_frames: int = 0
    answer: tuple[str, ...] = ()
    thinking: tuple[str, ...] = ()
    output_size: int | None = None
    advertised_size: int | None = None
    missing_polls: int | None = None

    @property
    def is_llm(self) -> bool:
        return any(self.answer) or any(self.thinking)

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

    Shorthands: "success", "pexit", "error", "cancel", "weird" (success via "task_weird"),
    "llm" (a language model's answer, with reasoning).
    Object keys: the fields of TaskScript.
    """
    if isinstance(spec, str):
        if spec == "weird":
            return TaskScript(extra_statuses=("task_weird",))
        if spec == "llm":
            return LLM_SCRIPT
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
    if not isinstance(extra, list) or not all(isinstance(status, str) for status in extra):
        raise ValueError("extra_statuses must be a list of status names")
    stderr = spec.get("stderr", [])
    if not isinstance(stderr, list) or not all(isinstance(line, str) for line in stderr):
        raise ValueError("stderr must be a list of lines")
    pexit = str(spec.get("pexit", "1"))
    if pexit == "0" and outcome == "pexit":
        raise ValueError('a "pexit" script needs a non-zero pexit')
    answer, thinking = _texts(spec, "answer"), _texts(spec, "thinking")
    return TaskScript(
        outcome=outcome,
        extra_statuses=tuple(str(status) for status in extra),
        pexit=pexit,
        debugoutput=str(spec.get("debugoutput", "\n".join(answer))),
        debugerror=str(spec.get("debugerror", _default_debugerror(outcome))),
        outputs=_default(_whole(spec, "outputs", MAX_OUTPUTS), 1),
        stderr=tuple(str(line) for line in stderr),
        binary_frames=_default(_whole(spec, "binary_frames", MAX_BINARY_FRAMES), 0),
        answer=answer,
        thinking=thinking,
        output_size=_whole(spec, "output_size", MAX_OUTPUT_BYTES),
        advertised_size=_whole(spec, "advertised_size", MAX_ADVERTISED_BYTES),
        missing_polls=_whole(spec, "missing_polls", MAX_MISSING_POLLS),
    )


def _texts(spec: dict[str, JsonValue], key: str) -> tuple[str, ...]:
    """`spec[key]` as items of text: a string is one item (none when empty)."""
    value = spec.get(key, [])
    if isinstance(value, str):
        return (value,) if value else ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{key} must be a text or a list of texts")
    return tuple(str(item) for item in value)


def _default(value: int | None, default: int) -> int:
    return default if value is None else value


def _whole(spec: dict[str, JsonValue], key: str, limit: int) -> int | None:
    """`spec[key]`, a whole number from 0 to `limit`; None when absent."""
    value = spec.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= limit:
        raise ValueError(f"{key} must be a whole number from 0 to {limit}")
    return value


LLM_SCRIPT = TaskScript(
    thinking=("The user wants a haiku about the sea. Five, seven, five syllables.",),
    answer=("Grey waves fold on stone,\nsalt wind carries gull voices,\nthe tide keeps its time.",),
    debugoutput="Grey waves fold on stone,\nsalt wind carries gull voices,\nthe tide keeps its time.",
)


def _default_debugerror(outcome: str) -> str:
    return {
        "pexit": "RuntimeError: scripted failure (mock)",
        "error": "The task could not be started (mock).",
    }.get(outcome, "")


TICK_HISTORY = 10_000  # a long-running real-time server keeps only the latest tick times


@dataclass
class VirtualClock:
    """The tick counter tasks move by; `per_poll` ticks pass on every Task/Detail call.

    It records when (time.monotonic()) each tick was reached, and wakes whoever waits
    in `moved()` (the task sockets) whenever time moves or a task is stopped.
    """

    now: int = 0
    per_poll: int = 1
    reached: dict[int, float] = field(default_factory=lambda: {0: time.monotonic()})
    _order: deque[int] = field(default_factory=lambda: deque([0]))
    _waiters: list[asyncio.Future[None]] = field(default_factory=list)

    def on_poll(self) -> None:
        self._set(self.now + self.per_poll)

    def wake(self) -> None:
        """Wake every `moved()` waiter (time moved, or a task was stopped)."""
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def moved(self) -> None:
        """Return once the clock moves or `wake()` is called."""
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        await waiter

    def _set(self, now: int) -> None:
        if now != self.now:
            self.now = now
            if now not in self.reached:
                self.reached[now] = time.monotonic()
                self._order.append(now)
                if len(self._order) > TICK_HISTORY:
                    self.reached.pop(self._order.popleft(), None)
        self.wake()

    def adjust(
        self, *, now: int | None = None, advance: int = 0, per_poll: int | None = None
    ) -> tuple[int, int]:
        """Set the tick to `now`, then move it `advance` ticks; set `per_poll` when given.

        `per_poll=0` freezes the clock: tasks then move only when a test advances it.
        Returns (now, per_poll).
        """
        if per_poll is not None:
            self.per_poll = per_poll
        self._set((self.now if now is None else now) + advance)
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
    missing_polls_left: int = 0
    price: RunPrice = NO_PRICE
    """What the task is billed when it succeeds (`billing`)."""

    def take_missing_poll(self) -> bool:
        """True when this poll should not find the task yet (Wiro's race right after Run)."""
        if self.missing_polls_left <= 0:
            return False
        self.missing_polls_left -= 1
        return True

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


MAX_TASKS = 10_000  # a long-running server forgets its oldest tasks past this many


@dataclass
class TaskBook:
    """The tasks the server has created (the latest MAX_TASKS), findable by id or by
    socket access token."""

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
        missing_polls: int = 0,
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
            missing_polls_left=missing_polls,
        )
        self._tasks[task.id] = task
        self.next_id += 1
        while len(self._tasks) > MAX_TASKS:
            del self._tasks[next(iter(self._tasks))]  # the oldest: dicts keep their order
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
