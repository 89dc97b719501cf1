"""A scripted task socket on loopback: it greets, takes the task_info, then sends what a
test gives it (frames Wiro's socket would never send, or sends without end)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve

GREETING = json.dumps({"type": "connected", "version": "1.0"})
FOREVER_EVERY_SECONDS = 0.005


def status(kind: str, message: object = None) -> str:
    """A task message of type `kind`, as Wiro's socket frames it."""
    body = {"type": kind, "id": "1", "tasktoken": "t", "message": message, "result": True}
    return json.dumps(body)


@contextmanager
def scripted_socket(frames: Sequence[str], forever: str | None = None) -> Iterator[str]:
    """The URL of a socket that sends `frames` after the subscription, then `forever`
    again and again until the client leaves (or, without it, waits for the client)."""

    def handler(connection: ServerConnection) -> None:
        try:
            connection.send(GREETING)
            connection.recv(timeout=10)  # the task_info
            for frame in frames:
                connection.send(frame)
            while forever is not None:
                connection.send(forever)
                time.sleep(FOREVER_EVERY_SECONDS)
            connection.recv(timeout=60)  # until the client leaves
        except (ConnectionClosed, TimeoutError):
            pass

    with serve(handler, "127.0.0.1", 0) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        port = server.socket.getsockname()[1]
        try:
            yield f"ws://127.0.0.1:{port}/v1"
        finally:
            server.shutdown()
            thread.join(timeout=10)
