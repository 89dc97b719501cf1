"""A loopback HTTP server for tests: canned replies by raw request path, and a request log."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    """What the server answers on one path; `length=False` leaves Content-Length out.

    `drip` sends the body one byte at a time, that many seconds apart.
    """

    body: bytes = b""
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    length: bool = True
    hang_up: bool = False
    drip: float = 0.0


@dataclass
class PageServer:
    """The routes a running server answers (404 elsewhere) and the requests it received."""

    base_url: str
    routes: dict[str, Reply] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return self.base_url.removesuffix("/models")

    @property
    def paths(self) -> list[str]:
        """The raw (still percent-encoded) paths requested, in order."""
        return [path for path, _ in self.requests]


@contextmanager
def serve_pages() -> Iterator[PageServer]:
    """A server on 127.0.0.1 and a port of its own, stopped on exit; base URL `.../models`."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    host, port = httpd.server_address[:2]
    pages = PageServer(f"http://{host!s}:{port}/models")
    httpd.pages = pages  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.01})
    thread.start()
    try:
        yield pages
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        pages: PageServer = self.server.pages  # type: ignore[attr-defined]
        pages.requests.append((self.path, dict(self.headers.items())))
        reply = pages.routes.get(self.path, Reply(b"not here", status=404))
        if reply.hang_up:
            self.close_connection = True
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.length:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        # The client may stop reading on purpose (size cap).
        with suppress(BrokenPipeError, ConnectionResetError):
            if not reply.drip:
                self.wfile.write(reply.body)
            for index in range(len(reply.body) if reply.drip else 0):
                self.wfile.write(reply.body[index : index + 1])
                self.wfile.flush()
                time.sleep(reply.drip)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read `PageServer.requests` instead."""
