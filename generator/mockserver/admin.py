"""The admin API under /__admin/: script faults and tasks, drive the clock, read records.

Plain JSON in and out, no authentication; errors are HTTP 400 `{"error": "..."}`.
"""

from __future__ import annotations

import json

from aiohttp import web

from ..ir import JsonValue
from .api import STATE
from .body import BodyError, parse_json
from .replies import origin_of

MAX_TICKS = 10**9  # about 30 years of virtual seconds


async def queue_faults(request: web.Request) -> web.StreamResponse:
    """POST {"path": "/v1/Task/Detail", "faults": ["503", "drop"]}: fail the next requests."""
    state, body = request.app[STATE], await _json_object(request)
    path, faults = body.get("path"), body.get("faults")
    if not isinstance(path, str) or not isinstance(faults, list):
        raise _bad_request('expected {"path": "/v1/...", "faults": ["503", ...]}')
    try:
        state.queue_faults(path, [str(fault) for fault in faults])
    except ValueError as error:
        raise _bad_request(str(error)) from None
    return web.json_response({"pending": state.faults.pending()})


async def pending_faults(request: web.Request) -> web.StreamResponse:
    """GET: the faults still queued, by path."""
    return web.json_response({"pending": request.app[STATE].faults.pending()})


async def queue_task_scripts(request: web.Request) -> web.StreamResponse:
    """POST {"slug": "wiro/PixArt-Sigma", "scripts": ["pexit", {...}]}: script the next tasks.

    Without "slug" the scripts apply to the next tasks of any tool.
    """
    state, body = request.app[STATE], await _json_object(request)
    slug, scripts = body.get("slug", ""), body.get("scripts")
    if not isinstance(slug, str) or not isinstance(scripts, list):
        raise _bad_request('expected {"slug": "owner/slug" (optional), "scripts": [...]}')
    try:
        state.queue_task_scripts(scripts, slug)
    except ValueError as error:
        raise _bad_request(str(error)) from None
    return web.json_response({"queued": len(scripts)})


async def socket_drops(request: web.Request) -> web.StreamResponse:
    """POST {"after_messages": [3]}: cut the next task sockets, each after that many messages."""
    state, body = request.app[STATE], await _json_object(request)
    counts = body.get("after_messages")
    if not isinstance(counts, list):
        raise _bad_request('expected {"after_messages": [n, ...]}')
    try:
        state.queue_socket_drops(counts)
    except ValueError as error:
        raise _bad_request(str(error)) from None
    return web.json_response({"queued": len(counts)})


async def clock(request: web.Request) -> web.StreamResponse:
    """GET, or POST {"now": n, "advance": n, "per_poll": n} (each optional): the clock."""
    state = request.app[STATE]
    if request.method == "POST":
        body = await _json_object(request)
        state.clock.adjust(
            now=_count(body, "now"),
            advance=_count(body, "advance") or 0,
            per_poll=_count(body, "per_poll"),
        )
    return web.json_response({"now": state.clock.now, "per_poll": state.clock.per_poll})


async def task_record(request: web.Request) -> web.StreamResponse:
    """GET /__admin/tasks/{taskid}: the task as Task/Detail shows it (without advancing the
    clock) and what its Run request received."""
    state = request.app[STATE]
    task = state.tasks.find(taskid=request.match_info["taskid"])
    if task is None:
        raise web.HTTPNotFound(
            text=json.dumps({"error": "no such task"}), content_type="application/json"
        )
    return web.json_response(
        {"task": state.task_json(task, origin_of(request)), "received": task.received.to_json()}
    )


async def requests(request: web.Request) -> web.StreamResponse:
    """GET ?path=/v1/Run/...: request counts per path and the latest requests received."""
    journal = request.app[STATE].journal
    path = request.query.get("path")
    latest: list[JsonValue] = [r.to_json() for r in journal.requests(path)]
    counts: dict[str, JsonValue] = dict(journal.counts())
    return web.json_response({"counts": counts, "requests": latest})


async def account(request: web.Request) -> web.StreamResponse:
    """GET: the account's limits at work: spent, running, peak, refused Runs by code."""
    state = request.app[STATE]
    return web.json_response(state.account.report(state.clock.now))


async def _json_object(request: web.Request) -> dict[str, JsonValue]:
    try:
        body = parse_json(await request.read())
    except BodyError as error:
        raise _bad_request(str(error)) from None
    if not isinstance(body, dict):
        raise _bad_request("the body must be a JSON object")
    return body


def _bad_request(message: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(text=json.dumps({"error": message}), content_type="application/json")


def _count(body: dict[str, JsonValue], key: str) -> int | None:
    """`body[key]` as a whole number from 0 to MAX_TICKS, None when absent."""
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_TICKS:
        raise _bad_request(f"{key} must be a whole number from 0 to {MAX_TICKS}")
    return value


def add_admin_routes(app: web.Application) -> None:
    """Register the /__admin/ routes on `app`."""
    app.router.add_post("/__admin/faults", queue_faults)
    app.router.add_get("/__admin/faults", pending_faults)
    app.router.add_post("/__admin/task-scripts", queue_task_scripts)
    app.router.add_post("/__admin/socket-drops", socket_drops)
    app.router.add_route("*", "/__admin/clock", clock)
    app.router.add_get("/__admin/tasks/{taskid}", task_record)
    app.router.add_get("/__admin/requests", requests)
    app.router.add_get("/__admin/account", account)
