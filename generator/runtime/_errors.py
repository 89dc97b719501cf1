"""The errors the clients raise, all under WiroError."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Final

from ._snapshot import TaskSnapshot, number
from ._spec import InputSpec

if TYPE_CHECKING:
    import httpx  # in annotations only: the errors load without it


class WiroError(Exception):
    """Base of every error raised by the Wiro clients."""


class ConfigurationError(WiroError, ValueError):
    """The client was set up wrongly (no API key, an unsafe base URL)."""


class InvalidInputError(WiroError, ValueError):
    """A run argument was refused before any request was sent.

    `argument` is the Python argument, `input_name` the input's name on the wire (the
    message shows both when they differ), `reason` what was wrong.
    """

    def __init__(self, input_name: str, message: str, *, argument: str = "") -> None:
        self.input_name = input_name
        self.argument = argument or input_name
        self.reason = message
        sent_as = f" (sent as {input_name!r})" if self.argument != input_name else ""
        super().__init__(f"argument {self.argument!r}{sent_as}: {message}")

    def naming_arguments(self, inputs: Iterable[InputSpec]) -> InvalidInputError:
        """This error naming the Python argument of its input, as `inputs` map them."""
        argument = next((i.argument for i in inputs if i.name == self.input_name), "")
        if not argument or argument == self.argument:
            return self
        return InvalidInputError(self.input_name, self.reason, argument=argument)


class APIConnectionError(WiroError):
    """The request did not get a response (connection failed or dropped).

    `request` is the request that failed, as openai-python's error keeps it: its method
    and URL (any user info removed), without the headers and body, which carry the
    credentials and the inputs.
    """

    def __init__(self, message: str, *, request: httpx.Request) -> None:
        self.request = request
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class InvalidResponseError(WiroError):
    """The API answered with something the client cannot read (not JSON, not the expected
    shape, nested too deep); `taskid` is set when the answer to a Run still named its task,
    and `task` is the last snapshot `wait()` saw before it gave up."""

    def __init__(
        self, message: str, response: httpx.Response | None = None, *, taskid: str = ""
    ) -> None:
        self.response = response
        self.taskid = taskid
        self.task: TaskSnapshot | None = None
        super().__init__(message)


class DeadlineReached(WiroError):
    """A request of `wait()` was not retried because the wait's deadline would pass first;
    `wait()` turns it into TaskTimeout."""


class APIError(WiroError):
    """The API refused the call: `result: false` with an error code (0: general)."""

    code_number: ClassVar[int | None] = None

    def __init__(
        self,
        message: str,
        *,
        code: int | None,
        response: httpx.Response | None,
        errors: Sequence[Mapping[str, Any]] = (),
    ) -> None:
        self.message = message
        self.code = code
        self.errors = tuple(errors)
        self.response = response
        self.status_code = response.status_code if response is not None else None
        self.task: TaskSnapshot | None = None
        """The last snapshot `wait()` saw, when it gave up on this error."""
        label = f"code {code}" if code is not None else f"HTTP {self.status_code}"
        super().__init__(f"{message} ({label})")


class NotFoundError(APIError):
    """Code 1: the task or tool does not exist."""

    code_number = 1


class NotCancellableError(APIError):
    """Task/Cancel refused a task that is no longer queued (code 1, "Task is not in a
    cancellable state."); stop a running task with `kill()`."""

    @classmethod
    def of(cls, refusal: NotFoundError) -> APIError:
        """`refusal` of a Task/Cancel as this error when it says the task is running;
        else as it is (the task is unknown)."""
        if "cancellable" not in refusal.message.lower():
            return refusal
        return cls(
            refusal.message,
            code=refusal.code,
            response=refusal.response,
            errors=refusal.errors,
        )


class ConcurrencyLimitError(APIError):
    """Code 96: the project runs as many tasks as its balance allows; no task was started.

    `limit` is how many tasks Wiro's message says the account may run at once, if it says.
    """

    code_number = 96

    @property
    def limit(self) -> int | None:
        found = _LIMIT_IN_MESSAGE.search(self.message)
        return int(found.group(1)) if found else None


_LIMIT_IN_MESSAGE: Final = re.compile(r"\bup to (\d{1,6}) tasks?\b")


class InsufficientBalanceError(APIError):
    """Code 97: the balance does not cover the run."""

    code_number = 97


class AuthenticationError(APIError):
    """The credentials were refused: HTTP 401 or 403 whatever the code, or code 98/99."""


class SignInRequiredError(AuthenticationError):
    """Code 98: sign-in required."""

    code_number = 98


class InvalidTokenError(AuthenticationError):
    """Code 99: the bearer token is invalid (Wiro's user sessions; API-key projects are
    refused with HTTP 401 and code 0, an AuthenticationError)."""

    code_number = 99


class HTTPStatusError(APIError):
    """An HTTP error status without a more specific Wiro error code."""


class RateLimitError(HTTPStatusError):
    """HTTP 429; `retry_after` is the seconds the server asked to wait, if it said."""

    @property
    def retry_after(self) -> float | None:
        return retry_after(self.response)


class ServerError(HTTPStatusError):
    """HTTP 5xx."""


ERRORS_BY_CODE: Final[Mapping[int, type[APIError]]] = {
    error.code_number: error
    for error in (
        NotFoundError,
        ConcurrencyLimitError,
        InsufficientBalanceError,
        SignInRequiredError,
        InvalidTokenError,
    )
    if error.code_number is not None
}


class UnknownToolError(WiroError, LookupError):
    """`get_tool()` was asked for a slug the package has no tool for."""


class TaskError(WiroError):
    """A task did not succeed; `task` is its last snapshot."""

    def __init__(self, message: str, task: TaskSnapshot) -> None:
        self.task = task
        super().__init__(message)


class TaskFailed(TaskError):
    """The task ended with a non-zero `pexit` or in `task_error`."""

    def __init__(self, task: TaskSnapshot) -> None:
        self.debugerror = task.debugerror
        self.debugoutput = task.debugoutput
        reason = (
            task.debugerror.strip() or task.debugoutput.strip() or "no reason given"
        )
        super().__init__(
            f"task {task.taskid} failed ({task.status}, pexit {task.pexit!r}): "
            f"{reason[:500]}",
            task,
        )


class TaskCancelled(TaskError):
    """The task was cancelled or killed."""

    def __init__(self, task: TaskSnapshot) -> None:
        super().__init__(f"task {task.taskid} was cancelled", task)


class TaskTimeout(TaskError, TimeoutError):
    """`wait()` gave up before the task finished; `task` is the last status seen."""

    def __init__(self, task: TaskSnapshot, timeout: float) -> None:
        super().__init__(
            f"task {task.taskid} still {task.status!r} after {timeout:g} s", task
        )


def retry_after(response: httpx.Response | None) -> float | None:
    """The seconds a `Retry-After` header asks to wait (a number or an HTTP date)."""
    value = response.headers.get("retry-after") if response is not None else None
    if not value:
        return None
    seconds = number(value)
    if seconds is None:
        # Imported here: a tool module imports this module, and rarely meets a date.
        from datetime import UTC, datetime
        from email.utils import parsedate_to_datetime

        # OverflowError: a year far past datetime's range (a hostile or broken server).
        with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
            seconds = (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds()
    return max(0.0, seconds) if seconds is not None else None
