"""Runtime shared by the generated Wiro tool clients: clients, tasks, errors.

Its only dependency is httpx, loaded with the clients: a name is imported from its
module on first use, so a tool module (which needs `Tool`, `ToolInfo`, `InputSpec`)
loads without httpx. wirogen copies these modules verbatim into every generated
package, as its `_runtime` package; `__all__` lists the public names.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from ._async_client import AsyncTask, AsyncWiroClient
    from ._async_tools import AsyncTool
    from ._awaited import awaited_run as awaited_run
    from ._awaited import awaited_run_and_wait as awaited_run_and_wait
    from ._batch import BatchResult, JobResult, arun_batch, run_batch
    from ._batch_budget import CostLimitError
    from ._batch_jobs import InvalidJobsError
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
        NotCancellableError,
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
    from ._estimates import estimator as estimator
    from ._events import TaskEvent, TextChunk
    from ._prices import Estimate, Prices, PriceTier
    from ._snapshot import Output, TaskSnapshot, Timings
    from ._spec import FileInput, InputSpec, ToolInfo
    from ._spec import RunOptions as RunOptions
    from ._sync_client import Task, WiroClient
    from ._sync_tools import Tool

_MODULES: Final = {
    "APIConnectionError": "_errors",
    "APIError": "_errors",
    "APITimeoutError": "_errors",
    "AsyncTask": "_async_client",
    "AsyncTool": "_async_tools",
    "AsyncWiroClient": "_async_client",
    "AuthenticationError": "_errors",
    "BatchResult": "_batch",
    "ConcurrencyLimitError": "_errors",
    "ConfigurationError": "_errors",
    "CostLimitError": "_batch_budget",
    "DownloadError": "_downloads",
    "Estimate": "_prices",
    "FileInput": "_spec",
    "HTTPStatusError": "_errors",
    "InputSpec": "_spec",
    "InsufficientBalanceError": "_errors",
    "InvalidInputError": "_errors",
    "InvalidJobsError": "_batch_jobs",
    "InvalidResponseError": "_errors",
    "InvalidTokenError": "_errors",
    "JobResult": "_batch",
    "NotCancellableError": "_errors",
    "NotFoundError": "_errors",
    "Output": "_snapshot",
    "PriceTier": "_prices",
    "Prices": "_prices",
    "RateLimitError": "_errors",
    "RunOptions": "_spec",
    "ServerError": "_errors",
    "SignInRequiredError": "_errors",
    "Task": "_sync_client",
    "TaskCancelled": "_errors",
    "TaskError": "_errors",
    "TaskEvent": "_events",
    "TaskFailed": "_errors",
    "TaskSnapshot": "_snapshot",
    "TaskTimeout": "_errors",
    "TextChunk": "_events",
    "Timings": "_snapshot",
    "Tool": "_sync_tools",
    "ToolInfo": "_spec",
    "UnknownToolError": "_errors",
    "WiroClient": "_sync_client",
    "WiroError": "_errors",
    "arun_batch": "_batch",
    "awaited_run": "_awaited",
    "awaited_run_and_wait": "_awaited",
    "estimator": "_estimates",
    "run_batch": "_batch",
}
"""Where each name lives."""

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AsyncTask",
    "AsyncTool",
    "AsyncWiroClient",
    "AuthenticationError",
    "BatchResult",
    "ConcurrencyLimitError",
    "ConfigurationError",
    "CostLimitError",
    "DownloadError",
    "Estimate",
    "FileInput",
    "HTTPStatusError",
    "InputSpec",
    "InsufficientBalanceError",
    "InvalidInputError",
    "InvalidJobsError",
    "InvalidResponseError",
    "InvalidTokenError",
    "JobResult",
    "NotCancellableError",
    "NotFoundError",
    "Output",
    "PriceTier",
    "Prices",
    "RateLimitError",
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
    "arun_batch",
    "run_batch",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
