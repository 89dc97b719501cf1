"""Wall-clock deadlines for wirogen's blocking HTTP calls, response headers included.

httpx's timeouts bound each read, so a server sending one byte a second (headers
too) never trips them. Connections made through DeadlineTransport bound every
connect, read and write by the deadline the calling thread set with `within()`,
and `abort()` shuts every open connection at once (Ctrl-C during `sync` ends the
downloads at once instead of waiting for them).
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

import httpcore
import httpx

_local = threading.local()


@contextlib.contextmanager
def within(seconds: float) -> Iterator[None]:
    """Bound the calls this thread makes in the block through DeadlineTransport by
    `seconds` from now (an enclosing, earlier deadline still holds)."""
    enclosing: float | None = getattr(_local, "ends", None)
    ends = time.monotonic() + seconds
    _local.ends = ends if enclosing is None else min(ends, enclosing)
    try:
        yield
    finally:
        _local.ends = enclosing


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    """`timeout`, shortened to what is left of this thread's deadline; raises `error`
    when nothing is left."""
    ends: float | None = getattr(_local, "ends", None)
    if ends is None:
        return timeout
    left = ends - time.monotonic()
    if left <= 0:
        raise error("the deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, backend: DeadlineBackend) -> None:
        self._inner, self._backend = inner, backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._backend.forget(self)
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = _bounded(timeout, httpcore.ConnectTimeout)
        secured = _Stream(self._inner.start_tls(ssl_context, server_hostname, wait), self._backend)
        self._backend.replace(self, secured)
        return secured

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)

    def shut(self) -> None:
        """Wake a read blocked on this connection (it then fails)."""
        sock = self._inner.get_extra_info("socket")
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own sync backend, with deadlines and a way to abort every connection."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()
        self._open: set[_Stream] = set()
        self._guard = threading.Lock()
        self.aborted = False

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        if self.aborted:
            raise httpcore.ConnectError("aborted")
        wait = _bounded(timeout, httpcore.ConnectTimeout)
        stream = _Stream(
            self._inner.connect_tcp(host, port, wait, local_address, socket_options), self
        )
        with self._guard:
            self._open.add(stream)
        if self.aborted:  # abort() ran while this connection was being made
            stream.shut()
        return stream

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not used by wirogen")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)

    def forget(self, stream: _Stream) -> None:
        with self._guard:
            self._open.discard(stream)

    def replace(self, old: _Stream, new: _Stream) -> None:
        with self._guard:
            self._open.discard(old)
            self._open.add(new)

    def abort(self) -> None:
        """Fail every call in flight and every later connect, from any thread."""
        self.aborted = True
        with self._guard:
            streams = list(self._open)
        for stream in streams:
            stream.shut()


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport over a DeadlineBackend; `abort()` ends every call in flight."""

    def __init__(self) -> None:
        super().__init__()
        self.backend = DeadlineBackend()
        # httpx offers no way to pass a network backend: its pool is made again, with the
        # same defaults (certificates verified), over this backend. Tests cover the swap.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=self.backend,
        )

    def abort(self) -> None:
        self.backend.abort()
