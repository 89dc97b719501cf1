"""Runtime shared by the generated Wiro tool clients: clients, tasks, errors.

Its only dependency is httpx. wirogen copies these modules verbatim into every
generated package, as its `_runtime` package; `__all__` lists the public names.
Each name is imported from its module on first use, so a module that needs only the
definitions (`_spec`, `_constants`) costs neither httpx nor asyncio.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._async_client import AsyncTask, AsyncTool, AsyncWiroClient
    from ._awaited import awaited_run as awaited_run
    from ._awaited import awaited_run_and_wait as awaited_run_and_wait
    from ._downloads import DownloadError
    from ._errors import (
        APIConnectionError,
        APIError,
        APITimeoutError,
        AuthenticationError,
        ConcurrencyLimitError,
        ConfigurationError,
        HTTPStatusError,
        InsufficientBalanceError,
        InvalidInputError,
        InvalidResponseError,
        InvalidTokenError,
        NotFoundError,
        RateLimitError,
        ServerError,
        SignInRequiredError,
        TaskCancelled,
        TaskError,
        TaskFailed,
        TaskTimeout,
        UnknownToolError,
        WiroError,
    )
    from ._events import TaskEvent, TextChunk
    from ._snapshot import Output, Segment, TaskSnapshot, Timings
    from ._spec import FileInput, InputSpec, ToolInfo
    from ._spec import RunOptions as RunOptions
    from ._sync_client import Task, Tool, WiroClient

# Where each name above lives: the lazy twin of the imports type checkers read.
_HOMES: dict[str, str] = {
    "AsyncTask": "._async_client",
    "AsyncTool": "._async_client",
    "AsyncWiroClient": "._async_client",
    "awaited_run": "._awaited",
    "awaited_run_and_wait": "._awaited",
    "DownloadError": "._downloads",
    "APIConnectionError": "._errors",
    "APIError": "._errors",
    "APITimeoutError": "._errors",
    "AuthenticationError": "._errors",
    "ConcurrencyLimitError": "._errors",
    "ConfigurationError": "._errors",
    "HTTPStatusError": "._errors",
    "InsufficientBalanceError": "._errors",
    "InvalidInputError": "._errors",
    "InvalidResponseError": "._errors",
    "InvalidTokenError": "._errors",
    "NotFoundError": "._errors",
    "RateLimitError": "._errors",
    "ServerError": "._errors",
    "SignInRequiredError": "._errors",
    "TaskCancelled": "._errors",
    "TaskError": "._errors",
    "TaskFailed": "._errors",
    "TaskTimeout": "._errors",
    "UnknownToolError": "._errors",
    "WiroError": "._errors",
    "TaskEvent": "._events",
    "TextChunk": "._events",
    "Output": "._snapshot",
    "Segment": "._snapshot",
    "TaskSnapshot": "._snapshot",
    "Timings": "._snapshot",
    "FileInput": "._spec",
    "InputSpec": "._spec",
    "ToolInfo": "._spec",
    "RunOptions": "._spec",
    "Task": "._sync_client",
    "Tool": "._sync_client",
    "WiroClient": "._sync_client",
}

if not TYPE_CHECKING:  # type checkers see the imports above, not a catch-all

    def __getattr__(name: str) -> object:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home, __name__), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_HOMES})


__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AsyncTask",
    "AsyncTool",
    "AsyncWiroClient",
    "AuthenticationError",
    "ConcurrencyLimitError",
    "ConfigurationError",
    "DownloadError",
    "FileInput",
    "HTTPStatusError",
    "InputSpec",
    "InsufficientBalanceError",
    "InvalidInputError",
    "InvalidResponseError",
    "InvalidTokenError",
    "NotFoundError",
    "Output",
    "RateLimitError",
    "Segment",
    "ServerError",
    "SignInRequiredError",
    "Task",
    "TaskCancelled",
    "TaskError",
    "TaskEvent",
    "TaskFailed",
    "TaskSnapshot",
    "TaskTimeout",
    "TextChunk",
    "Timings",
    "Tool",
    "ToolInfo",
    "UnknownToolError",
    "WiroClient",
    "WiroError",
]
