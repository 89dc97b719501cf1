"""The aiohttp application: the Wiro API, pages, outputs and the admin API on one state."""

from __future__ import annotations

from aiohttp import web

from .admin import add_admin_routes
from .api import STATE, add_api_routes, pipeline
from .live import SOCKET_PATH, task_socket
from .state import MockWiro

MAX_BODY_BYTES = 256 * 1024 * 1024  # uploads of real images and videos must fit


def create_app(state: MockWiro) -> web.Application:
    """An application serving `state` (see `MockWiro.create`)."""
    app = web.Application(middlewares=[pipeline], client_max_size=MAX_BODY_BYTES)
    app[STATE] = state
    add_api_routes(app)
    app.router.add_get(SOCKET_PATH, task_socket)
    add_admin_routes(app)
    return app
