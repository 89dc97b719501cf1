"""Wiro's response envelopes: every reply the API routes send is built here."""

from __future__ import annotations

from aiohttp import web

from ..ir import JsonValue

# Wiro's documented error codes.
GENERAL = 0
NOT_FOUND = 1
CONCURRENCY_LIMIT = 96
INSUFFICIENT_BALANCE = 97
SIGN_IN_REQUIRED = 98
TOKEN_INVALID = 99
WIRO_ERROR_CODES = (
    GENERAL,
    NOT_FOUND,
    CONCURRENCY_LIMIT,
    INSUFFICIENT_BALANCE,
    SIGN_IN_REQUIRED,
    TOKEN_INVALID,
)

# Codes that mean "who are you?" get 401, like an auth failure; other errors ride on 200 as Wiro's do.
UNAUTHORIZED_CODES = (SIGN_IN_REQUIRED, TOKEN_INVALID)


def origin_of(request: web.Request) -> str:
    """`http://host:port` as the client addressed the server; output URLs are built on it."""
    return str(request.url.origin())


def wiro_ok(**fields: JsonValue) -> web.Response:
    """A successful Wiro reply: `{"result": true, "errors": [], **fields}`."""
    return web.json_response({"result": True, "errors": [], **fields})


def wiro_error(code: int, *messages: str, status: int | None = None) -> web.Response:
    """A failed Wiro reply: `{"result": false, "errors": [{code, message}, ...]}`.

    HTTP `status` when given; else 401 for codes 98/99 (sign-in required, token invalid)
    and 200 otherwise.
    """
    errors: list[JsonValue] = [{"code": code, "message": message} for message in messages]
    if status is None:
        status = 401 if code in UNAUTHORIZED_CODES else 200
    return web.json_response({"result": False, "errors": errors}, status=status)
