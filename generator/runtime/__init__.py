"""Runtime shared by the generated Wiro tool clients: clients, tasks, errors.

Its only dependency is httpx. wirogen copies these modules verbatim into every
generated package, as its `_runtime` package; `__all__` lists the public names.
"""

from ._async_client import AsyncTask, AsyncTool, AsyncWiroClient
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
from ._prices import Estimate, Prices, PriceTier
from ._snapshot import Output, Segment, TaskSnapshot, Timings
from ._spec import FileInput, InputSpec, ToolInfo
from ._spec import RunOptions as RunOptions
from ._sync_client import Task, Tool, WiroClient

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
    "NotFoundError",
    "Output",
    "PriceTier",
    "Prices",
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
    "arun_batch",
    "run_batch",
]
