"""A loopback server that misbehaves at the socket level: headers dripped a byte at a
time, endless bodies, silence. Each connection is handed to a function of the test."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

Handler = Callable[[socket.socket, bytes, threading.Event], None]


@dataclass
class HostileServer:
    """Where it listens (`origin`: http://127.0.0.1:PORT) and the request heads it read."""

    origin: str
    heads: list[bytes] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)


@contextlib.contextmanager
def hostile_server(handler: Handler) -> Iterator[HostileServer]:
    """Serve each connection on a thread with `handler(connection, request head, stop)`;
    on exit every connection is closed and the handlers are told to stop."""
    listener = socket.create_server(("127.0.0.1", 0))
    server = HostileServer(f"http://127.0.0.1:{listener.getsockname()[1]}")
    threads: list[threading.Thread] = []

    def accept() -> None:
        while not server.stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            thread = threading.Thread(target=serve, args=(connection,), daemon=True)
            threads.append(thread)
            thread.start()

    def serve(connection: socket.socket) -> None:
        with connection, contextlib.suppress(OSError):
            head = _read_head(connection)
            server.heads.append(head)
            handler(connection, head, server.stop)

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield server
    finally:
        server.stop.set()
        listener.close()
        for thread in threads:
            thread.join(timeout=5)


def _read_head(connection: socket.socket) -> bytes:
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = connection.recv(65536)
        if not chunk:
            break
        head += chunk
    return head


def drip(connection: socket.socket, data: bytes, pause: float, stop: threading.Event) -> None:
    """Send `data` one byte every `pause` seconds until it is sent or the test ends."""
    for index in range(len(data)):
        if stop.wait(pause):
            return
        connection.sendall(data[index : index + 1])


def endless_headers(pause: float = 0.2) -> Handler:
    """A status line, then header bytes forever, one every `pause` seconds."""

    def handler(connection: socket.socket, head: bytes, stop: threading.Event) -> None:
        connection.sendall(b"HTTP/1.1 200 OK\r\n")
        while not stop.wait(pause):
            connection.sendall(b"X")

    return handler


def response(status: str, headers: dict[str, str], body: bytes) -> bytes:
    """An HTTP/1.1 response's bytes."""
    lines = [f"HTTP/1.1 {status}", *(f"{name}: {value}" for name, value in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def finished_within(call: Callable[[], object], seconds: float) -> BaseException | None:
    """Run `call` on a thread; fail the test if it has not ended after `seconds` (a
    liveness bound far above the deadline under test, not a timing). Its exception."""
    outcome: list[BaseException | None] = [None]

    def run() -> None:
        try:
            call()
        except BaseException as error:  # handed to the test
            outcome[0] = error

    thread = threading.Thread(target=run, daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {time.monotonic() - started:.0f} s"
    return outcome[0]
