"""What every Wiro tool shares: the server, authentication, task endpoints and responses.

Facts from the Wiro API documentation rather than from any one page: pages
document subsets of the task endpoints, and every tool is served by the same ones.
"""

from __future__ import annotations

from ..ir import JsonValue
from .schema import JsonObject, array_of, json_content, obj, ref, string, strings

SERVER = "https://api.wiro.ai/v1"
TASK_TAG = "Task"

SIGNATURE_HELP = """\
Signature mode: send `x-api-key`, `x-nonce` and `x-signature`, where

    x-signature = hex(HMAC-SHA256(key = API key, message = API secret + nonce))

as `echo -n "${SECRET}${NONCE}" | openssl dgst -sha256 -hmac "${KEY}"` computes it. \
Key-only mode: send `x-api-key` alone. A project uses exactly one mode, chosen when it \
is created."""

NONCE_HELP = """\
Signature mode: a unix time or any integer, never reused by concurrent calls (a strictly \
increasing millisecond counter is safe)."""

STATUS_HELP = """\
The task's lifecycle status: task_queue, task_accept, task_preprocess_start, \
task_preprocess_end, task_assign, task_start, task_output, task_output_full, task_end, \
task_postprocess_start, task_postprocess_end, task_cancel; task_error when it failed before \
running. Polling can stop at task_postprocess_end, task_cancel or task_error (task_end is \
not final). Wiro may add statuses: treat an unknown one as still running."""

ERROR_CODES = """\
0 general or validation, 1 not found, 96 concurrency limit reached, 97 insufficient \
balance, 98 sign-in required, 99 token invalid."""

TASK_ID = string("The task id Run returned.")
TASK_TOKEN = string("The `socketaccesstoken` Run returned.")
RESULT_AND_ERRORS: JsonObject = {
    "result": {"type": "boolean", "description": "Whether the call succeeded."},
    "errors": array_of(ref("schemas", "Error")),
}


def security_schemes() -> JsonObject:
    """The three headers of signature mode; key-only mode sends the first alone."""
    return {
        "apiKey": _header("x-api-key", "The project's API key, in both modes."),
        "nonce": _header("x-nonce", NONCE_HELP),
        "signature": _header("x-signature", SIGNATURE_HELP),
    }


def security() -> list[JsonValue]:
    """Signature mode, or key-only mode."""
    return [{"apiKey": [], "nonce": [], "signature": []}, {"apiKey": []}]


def responses(success_schema: str, success: str) -> JsonObject:
    """A 200 answer, and the error body Wiro sends with 4xx and 5xx."""
    return {
        "200": {
            "description": f"{success}; or, with `result` false, why not (Wiro often "
            "reports errors with HTTP 200).",
            "content": json_content(success_schema),
        },
        "4XX": ref("responses", "Error"),
        "5XX": ref("responses", "Error"),
    }


def error_response() -> JsonObject:
    """The shared response of a refused or failed call."""
    return {
        "description": "Wiro refused or failed the call.",
        "content": json_content("ErrorResponse"),
    }


def task_paths() -> JsonObject:
    """`/Task/Detail`, `/Task/Kill` and `/Task/Cancel`, by path."""
    endpoints = (
        ("Detail", "Get a task's state and outputs.", "Safe to retry."),
        ("Kill", "Stop a running task.", "Safe to retry."),
        (
            "Cancel",
            "Cancel a task that is still queued.",
            "Refused once the task has left the queue.",
        ),
    )
    return {
        f"/Task/{name}": {
            "post": {
                "operationId": f"task_{name.lower()}",
                "tags": [TASK_TAG],
                "summary": summary,
                "description": note,
                "requestBody": {"required": True, "content": json_content(f"Task{name}Request")},
                "responses": responses("TaskDetailResponse", "The task"),
            }
        }
        for name, summary, note in endpoints
    }


def task_request_schemas() -> JsonObject:
    """The bodies of the task endpoints, by schema name."""
    return {
        "TaskDetailRequest": {
            **obj({"taskid": TASK_ID, "tasktoken": TASK_TOKEN}, "Give `taskid` or `tasktoken`."),
            "minProperties": 1,
        },
        "TaskKillRequest": {
            **obj(
                {"taskid": TASK_ID, "socketaccesstoken": TASK_TOKEN},
                "Give `taskid` or `socketaccesstoken`.",
            ),
            "minProperties": 1,
        },
        "TaskCancelRequest": obj({"taskid": TASK_ID}, "The queued task to cancel.", "taskid"),
    }


def response_schemas() -> JsonObject:
    """What Wiro answers, by schema name; every value in a task is a string."""
    return {
        "Error": obj(
            {"code": {"type": "integer"}, "message": string()}, ERROR_CODES, "code", "message"
        ),
        "ErrorResponse": obj(RESULT_AND_ERRORS, "A refused or failed call.", "result", "errors"),
        "RunResponse": obj(
            {**RESULT_AND_ERRORS, "taskid": TASK_ID, "socketaccesstoken": TASK_TOKEN},
            "A started task: its id, and the token to follow it by.",
            "result",
        ),
        "Task": obj(_task_fields(), "One task.", "id", "status"),
        "TaskDetailResponse": obj(
            {**RESULT_AND_ERRORS, "total": string(), "tasklist": array_of(ref("schemas", "Task"))},
            "The task asked about (Kill and Cancel answer alike, without `total`).",
            "result",
        ),
        "TaskOutput": obj(
            {
                **strings("id", "name", "contenttype", "size", "url"),
                "content": ref("schemas", "TaskOutputContent"),
            },
            "One output: a file, or (contenttype `raw`) a language model's answer.",
        ),
        "TaskOutputContent": obj(
            {
                **strings("prompt", "raw"),
                "thinking": array_of(string()),
                "answer": array_of(string()),
            },
            "A language model's answer, with its reasoning.",
        ),
    }


def _task_fields() -> JsonObject:
    return {
        **strings("id", "uuid", "name", "socketaccesstoken"),
        "status": string(STATUS_HELP),
        "pexit": string('The exit code: "0" with task_postprocess_end is success.'),
        "debugoutput": string("The run's output log."),
        "debugerror": string("Why the task failed, when it did."),
        **strings("createtime", "accepttime", "assigntime", "preprocessstarttime"),
        **strings("preprocessendtime", "starttime", "endtime", "postprocessstarttime"),
        **strings("postprocessendtime", "canceltime", "elapsedseconds", "cps", "totalcost"),
        "parameters": {"type": "object", "description": "The inputs the task ran with."},
        "outputs": array_of(ref("schemas", "TaskOutput")),
    }


def _header(name: str, description: str) -> JsonObject:
    return {"type": "apiKey", "in": "header", "name": name, "description": description}
