"""A local stand-in for api.wiro.ai, built from tool pages (like stripe-mock for Stripe).

It serves the Wiro API under /v1 over real HTTP, checks credentials and Run bodies as
Wiro does, moves tasks through their statuses on a virtual clock, serves each page's
llms.txt and each task's outputs, and lets tests script faults and read what it received.
"""

from __future__ import annotations

from .auth import AuthMode, signature_for
from .catalogue import Catalogue, CatalogueError, load_catalogue
from .journal import ReceivedRequest
from .lifecycle import RUNNING_STATUSES, TaskScript
from .server import RunningMockServer, serve_forever, start_mock_server
from .state import MockWiro, Settings

__all__ = [
    "RUNNING_STATUSES",
    "AuthMode",
    "Catalogue",
    "CatalogueError",
    "MockWiro",
    "ReceivedRequest",
    "RunningMockServer",
    "Settings",
    "TaskScript",
    "load_catalogue",
    "serve_forever",
    "signature_for",
    "start_mock_server",
]
