"""Everything the mock server knows and does, independent of HTTP.

The API and admin routes, and the in-process handle tests use, all go through
`MockWiro`; it is only ever touched from the server's event loop thread.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ..ir import JsonValue, ToolSpec
from ..prices import Entry
from .account import Account
from .auth import Authenticator, AuthMode
from .billing import price_run
from .catalogue import Catalogue
from .faults import Fault, FaultQueue, parse_fault
from .journal import ReceivedRequest, Redactor, RequestJournal
from .lifecycle import (
    LLM_SCRIPT,
    QUEUED,
    Task,
    TaskBook,
    TaskScript,
    VirtualClock,
    parse_task_script,
)
from .taskjson import task_to_wiro

DEFAULT_RETRY_AFTER = 1
DEFAULT_SLOW_SECONDS = 2.0
ANY_TOOL = ""  # the task-script queue for a Run of any tool


@dataclass(frozen=True)
class Settings:
    """How the server behaves: auth mode and credentials, and fault defaults."""

    auth: AuthMode = "signature"
    api_key: str = field(default="mock-api-key", repr=False)
    api_secret: str = field(default="mock-api-secret", repr=False)
    retry_after: int = DEFAULT_RETRY_AFTER
    slow_seconds: float = DEFAULT_SLOW_SECONDS
    ticks_per_poll: int = 1
    socket_step_seconds: float = 0.0
    """Real seconds a task socket waits before moving the default clock on."""
    tick_seconds: float = 0.0
    """When > 0, a real-time clock: one tick every `tick_seconds`, polls no longer move it."""
    missing_polls: int = 0
    """Polls of each new task that answer "There is no task yet." (Wiro's race after Run)."""
    list_page_cap: int = 100
    """Tool/List: the most tools one answer holds whatever `limit` asks (a smaller cap
    makes short pages; Wiro's own cap is unknown)."""
    total_as_number: bool = False
    """Tool/List: send `total` as a number rather than a string (Wiro does both)."""
    concurrency_limit: int | None = None
    """Tasks the account runs at once: a Run beyond them is refused with code 96."""
    balance: Decimal | None = None
    """USD the account holds: succeeded tasks are billed from it; once it is spent, a Run
    is refused with code 97. None: no balance is kept."""


@dataclass
class MockWiro:
    """The server's state: catalogue, credentials, tasks, clock, faults and journal."""

    catalogue: Catalogue
    settings: Settings = field(default_factory=Settings)
    clock: VirtualClock = field(default_factory=VirtualClock)
    tasks: TaskBook = field(default_factory=TaskBook)
    journal: RequestJournal = field(default_factory=RequestJournal)
    faults: FaultQueue = field(default_factory=FaultQueue)
    epoch: int = field(default_factory=lambda: int(time.time()))
    account: Account = field(init=False)
    authenticator: Authenticator = field(init=False)
    redactor: Redactor = field(init=False)
    _scripts: defaultdict[str, deque[TaskScript]] = field(
        default_factory=lambda: defaultdict(deque)
    )
    _socket_drops: deque[int] = field(default_factory=deque)

    def __post_init__(self) -> None:
        self.clock.per_poll = 0 if self.real_time else self.settings.ticks_per_poll
        self.account = Account(self.settings.concurrency_limit, self.settings.balance)
        self.authenticator = Authenticator(
            self.settings.auth, self.settings.api_key, self.settings.api_secret
        )
        self.redactor = Redactor(self.settings.api_secret, self.settings.api_key)

    @classmethod
    def create(
        cls,
        specs: Iterable[ToolSpec],
        pages: Mapping[str, str],
        settings: Settings,
        prices: Mapping[str, Entry] | None = None,
    ) -> MockWiro:
        """A fresh server state for these tools (priced by `prices`, by clean slug)."""
        return cls(Catalogue.build(specs, pages, prices), settings)

    # Faults and task scripts

    def parse_fault(self, text: str) -> Fault:
        """The fault `text` names, with this server's defaults; raises ValueError."""
        return parse_fault(
            text, retry_after=self.settings.retry_after, slow_seconds=self.settings.slow_seconds
        )

    def queue_faults(self, path: str, texts: Iterable[str]) -> None:
        """Make the next requests to `path` fail, one fault each, in order."""
        self.faults.add(path, [self.parse_fault(text) for text in texts])

    def queue_task_scripts(self, scripts: Iterable[JsonValue], slug: str = ANY_TOOL) -> None:
        """Script the next tasks created (for `slug` only, when given), one script each."""
        parsed = [parse_task_script(script) for script in scripts]  # all valid, or none queued
        self._scripts[slug.casefold()].extend(parsed)

    def next_script(self, spec: ToolSpec) -> TaskScript:
        """The script for a new task of `spec`: its own queue first, then the global one;
        else a language model's answer for a page in the `llm` category, a success otherwise."""
        for key in (spec.slug.casefold(), ANY_TOOL):
            if self._scripts[key]:
                return self._scripts[key].popleft()
        return LLM_SCRIPT if is_llm_page(spec) else TaskScript()

    def queue_socket_drops(self, after_messages: Iterable[object]) -> None:
        """Cut the next task sockets abruptly, each after that many messages."""
        counts = [n for n in after_messages if isinstance(n, int) and not isinstance(n, bool)]
        if len(counts) != len(list(after_messages)) or any(n < 0 for n in counts):
            raise ValueError("socket drops are whole numbers of messages >= 0")
        self._socket_drops.extend(counts)

    def take_socket_drop(self) -> int | None:
        """After how many messages the next task socket is cut; None: it is not."""
        return self._socket_drops.popleft() if self._socket_drops else None

    # Time

    @property
    def real_time(self) -> bool:
        return self.settings.tick_seconds > 0

    @property
    def socket_drives_clock(self) -> bool:
        """Whether a task socket moves the clock (the default clock) or waits for it."""
        return not self.real_time and self.clock.per_poll > 0

    async def run_clock(self) -> None:
        """Move a real-time clock one tick every `tick_seconds`, until cancelled."""
        while self.real_time:
            await asyncio.sleep(self.settings.tick_seconds)
            self.clock.adjust(advance=1)

    # Tasks

    def refusal(self) -> tuple[int, str] | None:
        """(code, message) when the account's limits refuse a Run now (96, 97); else None."""
        return self.account.refusal(self.clock.now)

    def create_task(self, spec: ToolSpec, received: ReceivedRequest, script: TaskScript) -> Task:
        """A new task of `spec`, queued now, for the Run request `received`."""
        missing = script.missing_polls
        task = self.tasks.create(
            spec.slug,
            self.clock.now,
            script,
            received,
            _parameters(received),
            missing_polls=self.settings.missing_polls if missing is None else missing,
        )
        task.price = price_run(spec, self.catalogue.prices_of(spec), received)
        self.account.started(task)
        return task

    def task_json(self, task: Task, origin: str) -> dict[str, JsonValue]:
        """The task as Task/Detail shows it now."""
        return task_to_wiro(task, self.clock.now, self.epoch, origin)

    def kill(self, task: Task) -> str | None:
        """Stop a task that has not finished; the reason it cannot be stopped otherwise."""
        if task.is_finished(self.clock.now):
            return "Task is not in a killable state."
        task.stopped_at = self.clock.now
        self.clock.wake()
        return None

    def cancel(self, task: Task) -> str | None:
        """Cancel a task still queued; the reason it cannot be cancelled otherwise."""
        if task.status(self.clock.now) != QUEUED:
            return "Task is not in a cancellable state."
        task.stopped_at = self.clock.now
        self.clock.wake()
        return None


def is_llm_page(spec: ToolSpec) -> bool:
    """True for a tool its page files under the `llm` category: it answers like a chat model."""
    return any(category.strip().casefold() == "llm" for category in spec.categories)


def _parameters(received: ReceivedRequest) -> dict[str, JsonValue]:
    """A Run body as Wiro echoes it in `parameters`: strings, uploads by file name."""
    parameters = {key: _as_strings(value) for key, value in received.fields.items()}
    uploaded: defaultdict[str, list[JsonValue]] = defaultdict(list)
    for upload in received.files:
        uploaded[upload.field].append(upload.filename)
    for name, filenames in uploaded.items():
        sent = parameters.get(name)
        urls = sent if isinstance(sent, list) else [] if sent is None else [sent]
        parameters[name] = [*urls, *filenames]
    return parameters


def _as_strings(value: JsonValue) -> JsonValue:
    if isinstance(value, list):
        return [_as_strings(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, dict) else ("" if value is None else str(value))
