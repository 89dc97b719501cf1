"""Reading answers, mapping errors, retry delays, poll cadence: the I/O-free protocol."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from typing import Any, Final

import httpx

from ._constants import (
    AUTH_STATUS_CODES,
    POLL_SCHEDULE,
    RETRY_AFTER_MAX,
    RETRY_BASE_DELAY,
    RETRY_MAX_DELAY,
    RETRY_STATUS_CODES,
    SUCCESS_PEXIT,
    TASK_CANCEL,
    TASK_ERROR,
)
from ._errors import (
    ERRORS_BY_CODE,
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    HTTPStatusError,
    InvalidResponseError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TaskCancelled,
    TaskFailed,
    retry_after,
)
from ._snapshot import TaskSnapshot, snapshot_of, text
from ._spec import ToolInfo


def failed_request(request: httpx.Request) -> httpx.Request:
    """What an error keeps of a request that got no response: its method and URL, the
    URL's user info removed; no headers or body (they carry the credentials)."""
    return httpx.Request(request.method, request.url.copy_with(userinfo=b""))


def connection_error(
    request: httpx.Request, error: httpx.TransportError
) -> APIConnectionError:
    """The client's error for a request that got no response: timed out or not."""
    kept = failed_request(request)
    where = f"{kept.method} {kept.url}"
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(
            f"{where}: timed out ({type(error).__name__})", request=kept
        )
    return APIConnectionError(f"{where}: {type(error).__name__}: {error}", request=kept)


def read_body(response: httpx.Response) -> dict[str, Any]:
    """The JSON object of a response, or the error it stands for.

    A Wiro error code with its own class wins; otherwise an HTTP error status does.
    """
    try:
        body = response.json()
    except (ValueError, RecursionError):  # not JSON, a 4,300-digit number, deep nesting
        body = None
    refusal = _api_error(body, response) if _is_refusal(body) else None
    if response.status_code in AUTH_STATUS_CODES:
        raise _auth_error(response, refusal)
    if refusal is not None:
        if response.is_success or type(refusal) is not APIError:
            raise refusal
        raise _status_error(response, refusal)
    if not response.is_success:
        raise _status_error(response, None)
    if not isinstance(body, dict):
        raise InvalidResponseError(
            f"{response.request.url.path}: expected a JSON object, got {response.text[:200]!r}",
            response,
            taskid=_taskid_in(response.text),
        )
    return body


def _taskid_in(answer: str) -> str:
    """The task id an unreadable answer still names, so a started task is not lost."""
    found = _TASKID.search(answer)
    return found.group(1) if found else ""


_TASKID: Final = re.compile(r'"taskid"\s*:\s*"?([0-9A-Za-z_-]{1,64})')


def detail_task(body: Mapping[str, Any], path: str) -> TaskSnapshot:
    """The task of a Task/Detail answer. InvalidResponseError when the answer has no
    `tasklist` of task objects (retried by `wait()`), NotFoundError when it lists none.
    """
    tasks = body.get("tasklist")
    if not isinstance(tasks, list) or not all(
        isinstance(t, Mapping) for t in tasks[:1]
    ):
        raise InvalidResponseError(f"{path}: the answer has no tasklist of tasks")
    if not tasks:
        raise NotFoundError(f"{path}: the answer lists no task", code=1, response=None)
    return snapshot_of(tasks[0])


def _is_refusal(body: object) -> bool:
    return isinstance(body, dict) and body.get("result") in (False, "false")


def _auth_error(
    response: httpx.Response, refusal: APIError | None
) -> AuthenticationError:
    """HTTP 401/403: an authentication error whatever the code (Wiro's API-key refusals are
    code 0); codes 98 and 99 keep their own classes."""
    if isinstance(refusal, AuthenticationError):
        return refusal
    said = refusal.message if refusal is not None else "the credentials were refused"
    return AuthenticationError(
        f"{response.request.url.path}: HTTP {response.status_code}: {said}",
        code=refusal.code if refusal is not None else None,
        response=response,
        errors=refusal.errors if refusal is not None else (),
    )


def _api_error(body: Mapping[str, Any], response: httpx.Response) -> APIError:
    listed = body.get("errors")
    errors = [
        e
        for e in (listed if isinstance(listed, list) else ())
        if isinstance(e, Mapping)
    ]
    first = errors[0] if errors else {}
    message = text(first, "message") or "the API refused the call"
    code = _code(first.get("code", 0))
    error_class = ERRORS_BY_CODE.get(code, APIError) if code is not None else APIError
    return error_class(message, code=code, response=response, errors=errors)


def _code(value: object) -> int | None:
    """A Wiro error code: a whole number, or its text; None when it is not one."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        digits = value.strip()
        return (
            int(digits)
            if digits.isascii() and digits.isdecimal() and len(digits) < 10
            else None
        )
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _status_error(
    response: httpx.Response, refusal: APIError | None
) -> HTTPStatusError:
    """The error for an HTTP error status, keeping what Wiro said about it, if anything."""
    status = response.status_code
    error_class = (
        RateLimitError
        if status == 429
        else ServerError if status >= 500 else HTTPStatusError
    )
    said = f": {refusal.message}" if refusal is not None else ""
    message = f"{response.request.url.path}: HTTP {status} {response.reason_phrase or 'error'}{said}"
    errors = refusal.errors if refusal is not None else ()
    code = refusal.code if refusal else None
    return error_class(message, code=code, response=response, errors=errors)


def retry_delay(
    attempt: int, max_retries: int, response: httpx.Response | None
) -> float | None:
    """Seconds to wait before retrying an idempotent call, or None to give up."""
    if attempt >= max_retries:
        return None
    if response is not None:
        if (
            response.status_code < 500
            and response.status_code not in RETRY_STATUS_CODES
        ):
            return None
        asked = retry_after(response)
        if asked is not None:
            return min(asked, RETRY_AFTER_MAX)
    backoff = min(RETRY_MAX_DELAY, RETRY_BASE_DELAY * 2.0**attempt)
    return backoff / 2 + random.uniform(0, backoff / 2)


def poll_delay(elapsed: float) -> float:
    """Seconds until the next poll, `elapsed` seconds into a wait."""
    return next(every for until, every in POLL_SCHEDULE if elapsed < until)


def finished(snapshot: TaskSnapshot, tool: ToolInfo) -> bool:
    """True once the task succeeded; raises if it ended otherwise; False while it runs."""
    if snapshot.status == TASK_ERROR:
        raise TaskFailed(snapshot)
    if snapshot.status not in tool.completed_statuses:
        return False  # running, or a status this page does not know: keep polling
    if snapshot.status == TASK_CANCEL:
        raise TaskCancelled(snapshot)
    if snapshot.pexit != SUCCESS_PEXIT:
        raise TaskFailed(snapshot)
    return True


def identify(
    documented: str, token_key: str, taskid: str, token: str
) -> dict[str, str]:
    """The body naming a task the way the page documents, by taskid when there is no token."""
    if documented == token_key and token:
        return {token_key: token}
    return {"taskid": taskid}
