"""The Wiro API routes under /v1, the pages' llms.txt, and the outputs tasks produce.

`pipeline` runs first for every request except the admin API: it records the
request, acts out a scripted fault if one is due, and checks credentials on /v1.
"""

from __future__ import annotations

from aiohttp import web
from aiohttp.typedefs import Handler

from ..ir import JsonValue
from .body import BodyError, RequestBody, read_body
from .faults import FAULT_HEADER, cut_short, fault_response
from .journal import ReceivedRequest
from .lifecycle import SUCCEEDED, Task, parse_task_script
from .outputs import OUTPUT_CONTENT_TYPE, output_bytes
from .replies import GENERAL, NOT_FOUND, origin_of, wiro_error, wiro_ok
from .state import MockWiro
from .validation import run_body_errors

STATE = web.AppKey("mockwiro", MockWiro)
ADMIN_PREFIX = "/__admin/"
API_PREFIX = "/v1/"
TASK_SCRIPT_HEADER = "x-mock-task"
NO_TASK_YET = "There is no task yet."  # Wiro's answer for a task it does not know (yet)
MAX_PAGING = 10**9
BODY = web.RequestKey("mockwiro.body", RequestBody)
RECEIVED = web.RequestKey("mockwiro.received", ReceivedRequest)


@web.middleware
async def pipeline(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Record, fault, authenticate, then hand the parsed body to the route."""
    if request.path.startswith(ADMIN_PREFIX):
        return await handler(request)
    state = request.app[STATE]
    body_error = ""
    try:
        body = state.redactor.body(await read_body(request))
    except BodyError as error:
        body, body_error = RequestBody({}), str(error)
    headers = state.redactor.headers(request.headers)
    received = ReceivedRequest(request.method, request.path, headers, body.fields, body.files)
    state.journal.record(received)
    try:
        header_fault = request.headers.get(FAULT_HEADER)
        fault = state.parse_fault(header_fault) if header_fault else state.faults.take(request.path)
    except ValueError as error:
        return _bad_mock_header(FAULT_HEADER, error)
    reply = await fault_response(request, fault) if fault else None
    if reply is not None:
        return reply
    if request.path.startswith(API_PREFIX):
        rejection = state.authenticator.rejection(request.headers)
        if rejection:
            # API-key projects are refused with HTTP 401 and code 0, as on Wiro.
            return wiro_error(GENERAL, rejection, status=401)
        if body_error:
            return wiro_error(GENERAL, body_error)
    request[BODY] = body
    request[RECEIVED] = received
    response = await handler(request)
    if fault is not None and fault.kind == "cut":
        return await cut_short(request, response)
    return response


def _bad_mock_header(header: str, error: ValueError) -> web.Response:
    errors = [{"code": GENERAL, "message": f"{header}: {error}"}]
    return web.json_response({"result": False, "errors": errors}, status=400)


async def run(request: web.Request) -> web.StreamResponse:
    """POST /v1/Run/{owner}/{slug}: validate the body against the page, start a task."""
    state, body = request.app[STATE], request[BODY]
    owner, project = request.match_info["owner"], request.match_info["project"]
    spec = state.catalogue.find(owner, project)
    if spec is None:
        return wiro_error(NOT_FOUND, f"Tool {owner}/{project} not found.")
    errors = run_body_errors(spec, body)
    if errors:
        return wiro_error(GENERAL, *errors)
    try:
        scripted = request.headers.get(TASK_SCRIPT_HEADER)
        script = parse_task_script(scripted) if scripted else state.next_script(spec)
    except ValueError as error:
        return _bad_mock_header(TASK_SCRIPT_HEADER, error)
    refusal = state.refusal()
    if refusal is not None:
        return wiro_error(*refusal)
    task = state.create_task(spec, request[RECEIVED], script)
    return wiro_ok(taskid=task.id, socketaccesstoken=task.token)


async def task_detail(request: web.Request) -> web.StreamResponse:
    """POST /v1/Task/Detail by `taskid` or `tasktoken`; the clock moves on after each answer.

    So the first poll sees the status a task starts in, and each poll the next one. A task
    with missing polls left is not found yet, as happens on Wiro right after a Run.
    """
    state = request.app[STATE]
    found = _find_task(state, request[BODY], token_key="tasktoken")
    if isinstance(found, web.Response):
        return found
    if found.take_missing_poll():
        return wiro_error(NOT_FOUND, NO_TASK_YET)
    reply = wiro_ok(total="1", tasklist=[state.task_json(found, origin_of(request))])
    state.clock.on_poll()
    return reply


async def task_kill(request: web.Request) -> web.StreamResponse:
    """POST /v1/Task/Kill by `taskid` or `socketaccesstoken`: a running task ends in task_cancel."""
    state = request.app[STATE]
    found = _find_task(state, request[BODY], token_key="socketaccesstoken")
    if isinstance(found, web.Response):
        return found
    return _stopped(request, found, state.kill(found), GENERAL)


async def task_cancel(request: web.Request) -> web.StreamResponse:
    """POST /v1/Task/Cancel by `taskid`: only a task still in task_queue can be cancelled."""
    state = request.app[STATE]
    found = _find_task(state, request[BODY], token_key=None)
    if isinstance(found, web.Response):
        return found
    return _stopped(request, found, state.cancel(found), NOT_FOUND)  # Wiro's code for it


def _stopped(request: web.Request, task: Task, refusal: str | None, code: int) -> web.Response:
    if refusal:
        return wiro_error(code, refusal)
    return wiro_ok(tasklist=[request.app[STATE].task_json(task, origin_of(request))])


def _find_task(state: MockWiro, body: RequestBody, token_key: str | None) -> Task | web.Response:
    taskid = body.text("taskid")
    token = body.text(token_key) if token_key else ""
    if not taskid and not token:
        keys = " or ".join(key for key in ("taskid", token_key) if key)
        return wiro_error(GENERAL, f"The request needs {keys}.")
    task = state.tasks.find(taskid=taskid, token=token)
    return task if task is not None else wiro_error(NOT_FOUND, NO_TASK_YET)


async def tool_list(request: web.Request) -> web.StreamResponse:
    """POST /v1/Tool/List: the loaded tools, filtered by `search`, `categories` and
    `slugowner`, paged by `start` and `limit` (at most the server's page cap)."""
    state, body = request.app[STATE], request[BODY]
    start, limit = _page_number(body, "start", "0"), _page_number(body, "limit", "20")
    if start is None or limit is None:
        return wiro_error(GENERAL, f"start and limit must be whole numbers up to {MAX_PAGING}.")
    categories = body.fields.get("categories") or []
    if not isinstance(categories, list):
        categories = [categories]
    catalogue, settings = state.catalogue, state.settings
    found = catalogue.search(
        body.text("search"), [str(c) for c in categories], body.text("slugowner")
    )
    size = min(limit, settings.list_page_cap)
    tools: list[JsonValue] = [catalogue.summary(s) for s in found[start:][:size]]
    total: JsonValue = len(found) if settings.total_as_number else str(len(found))
    return wiro_ok(total=total, tool=tools)


def _page_number(body: RequestBody, key: str, default: str) -> int | None:
    """A paging value (a number or its text) from 0 to MAX_PAGING; None when it is not."""
    value = body.fields.get(key)
    if isinstance(value, bool | list | dict):
        return None
    text = default if value in (None, "") else str(value)
    # Length first: int() refuses texts of over 4,300 digits with a ValueError.
    if not (text.isascii() and text.isdigit() and len(text) <= 10) or int(text) > MAX_PAGING:
        return None
    return int(text)


async def tool_detail(request: web.Request) -> web.StreamResponse:
    """POST /v1/Tool/Detail by `slugowner` and `slugproject`."""
    state, body = request.app[STATE], request[BODY]
    spec = state.catalogue.find(body.text("slugowner"), body.text("slugproject"))
    if spec is None:
        return wiro_error(NOT_FOUND, "Tool not found.")
    return wiro_ok(tool=[state.catalogue.detail(spec)])


async def page(request: web.Request) -> web.StreamResponse:
    """GET /{owner}/{slug}/llms.txt: the page the tool was loaded from."""
    state = request.app[STATE]
    spec = state.catalogue.find(request.match_info["owner"], request.match_info["project"])
    if spec is None or spec.slug not in state.catalogue.pages:
        raise web.HTTPNotFound(text="No such tool page.")
    return web.Response(text=state.catalogue.pages[spec.slug], content_type="text/markdown")


async def output_file(request: web.Request) -> web.StreamResponse:
    """GET /files/{uuid}/{index}.png: an output of a task that has succeeded."""
    state = request.app[STATE]
    task = state.tasks.by_uuid(request.match_info["uuid"])
    index = int(request.match_info["index"])
    succeeded = (
        task is not None and task.script.succeeds and task.status(state.clock.now) == SUCCEEDED
    )
    if task is None or not succeeded or task.script.is_llm or index >= task.script.outputs:
        raise web.HTTPNotFound(text="No such output.")
    return web.Response(body=output_bytes(task), content_type=OUTPUT_CONTENT_TYPE)


def add_api_routes(app: web.Application) -> None:
    """Register the Wiro API, page and output routes on `app`."""
    app.router.add_post("/v1/Run/{owner}/{project}", run)
    app.router.add_post("/v1/Task/Detail", task_detail)
    app.router.add_post("/v1/Task/Kill", task_kill)
    app.router.add_post("/v1/Task/Cancel", task_cancel)
    app.router.add_post("/v1/Tool/List", tool_list)
    app.router.add_post("/v1/Tool/Detail", tool_detail)
    # Before the page routes, which would otherwise also match /files/{uuid}/...
    # At most 9 digits: int() of thousands of digits raises (no task has that many outputs).
    app.router.add_get(r"/files/{uuid}/{index:\d{1,9}}.png", output_file)
    app.router.add_get("/{owner}/{project}/llms.txt", page)
    # Where wiro.ai itself serves pages, so a base URL of http://host:port/models also works.
    app.router.add_get("/models/{owner}/{project}/llms.txt", page)
