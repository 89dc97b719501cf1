"""Every tunable of the runtime: timeouts, retries, polling cadence, names (no httpx:
importing a tool module must not load it)."""

from __future__ import annotations

import math
from typing import Final

VERSION: Final = "0.1.0"
"""The wirogen release that shipped this runtime (kept equal to it by a test)."""

DEFAULT_BASE_URL: Final = "https://api.wiro.ai/v1"
DEFAULT_TIMEOUT: Final = 30.0
"""Seconds per HTTP request, as Wiro's own clients use."""
DEFAULT_MAX_RETRIES: Final = 3
"""Retries of an idempotent call (Task/Detail, Task/Kill); Run is never retried."""
RETRY_BASE_DELAY: Final = 0.5
RETRY_MAX_DELAY: Final = 8.0
RETRY_AFTER_MAX: Final = 60.0
RETRY_STATUS_CODES: Final = frozenset({408, 429})
"""Retried besides every 5xx."""
MAX_FAILED_POLLS: Final = 5
MIN_POLL_INTERVAL: Final = 0.1
"""The shortest pause between two polls of one wait(), whatever poll_interval asks."""
"""A wait() gives up after this many failed polls in a row, as Wiro's own MCP client does
(a new task can be unknown to Task/Detail for a moment: "There is no task yet.")."""
DEADLINE_EXTENSION: Final = "wiro_deadline"
"""The httpx request extension carrying the caller's deadline (on the client's clock)."""
DEADLINE_REACHED: Final = "wiro_deadline_reached"
"""Set on a request whose retries stopped at its deadline."""
AUTH_STATUS_CODES: Final = frozenset({401, 403})
"""Authentication errors whatever the body's code (Wiro refuses API keys with code 0)."""
POLL_SCHEDULE: Final = ((15.0, 2.0), (60.0, 5.0), (math.inf, 10.0))
"""(until elapsed seconds, poll every seconds): Wiro's own clients' cadence."""
API_KEY_ENV: Final = "WIRO_API_KEY"
API_SECRET_ENV: Final = "WIRO_API_SECRET"
BASE_URL_ENV: Final = "WIRO_BASE_URL"
"""The API root when no base_url is given (a mock server, a proxy)."""
NONCE_SALTS: Final = 2**21
"""A nonce is the unix time in seconds times this, plus a per-process salt below it: the
widest salt that keeps nonces below 2**53 (a server in JavaScript reads larger integers
inexactly) until 2106, when the time passes 2**32 seconds."""

DEFAULT_SOCKET_URL: Final = "wss://socket.wiro.ai/v1"
SOCKET_URL_ENV: Final = "WIRO_SOCKET_URL"
SOCKET_OPEN_TIMEOUT: Final = 10.0
"""Seconds to open the task socket before following the task by polling instead."""
SOCKET_CHECK_SECONDS: Final = 15.0
"""While a task is followed over its socket, one Task/Detail every this many seconds
checks it has not ended unannounced (failed before it ran, finished before the socket
opened, or ended while the socket kept sending output)."""
SOCKET_MAX_MESSAGE_BYTES: Final = 16 * 1024 * 1024
"""Whole logs (task_output_full) can be long."""
DOWNLOAD_CONCURRENCY: Final = 4
"""Outputs `save_outputs` downloads at once."""
DOWNLOAD_MAX_REDIRECTS: Final = 5
DOWNLOAD_MAX_BYTES: Final = 10 * 1024**3
"""The most one download writes when its output declares no size (max_bytes=)."""
DOWNLOAD_TIMEOUT: Final = 1800.0
"""Seconds one download may take in all, however slowly its bytes come (timeout=)."""

TASK_ERROR: Final = "task_error"
TASK_CANCEL: Final = "task_cancel"
TASK_DONE: Final = "task_postprocess_end"
SUCCESS_PEXIT: Final = "0"
DEFAULT_COMPLETED_STATUSES: Final = frozenset({TASK_DONE, TASK_CANCEL})
RAW_CONTENT_TYPE: Final = "raw"
"""The content type of a language model's output (its text is in `content`)."""
LLM_ITEM_SEPARATOR: Final = "\n"
"""Joins the items of a language model's `thinking` / `answer` arrays into one text, as
Wiro's MCP server joins them."""
MILLISECONDS_FROM: Final = 100_000_000_000
"""A unix time above this is in milliseconds: as seconds it would be past the year 5000."""
DEFAULT_SLOT_TIMEOUT: Final = 600.0
"""Seconds a Run refused with code 96 (the account runs as many tasks as its balance
allows; no task was started) is sent again for, before ConcurrencyLimitError."""
SLOT_BASE_DELAY: Final = 1.0
SLOT_MAX_DELAY: Final = 30.0
"""The backoff between Runs waiting for a slot: doubling from the base, jittered."""
RETRY_EXTENSION: Final = "wiro_retry"
"""The httpx request extension that marks a call as safe to retry."""
