"""One run at a time per package: an exclusive lock on a file beside the package.

The lock is an OS file lock (`fcntl.flock` on POSIX, `msvcrt.locking` on Windows),
so the kernel releases it when its holder exits or is killed: a crashed run never
leaves a lock to delete by hand. The file holds the holder's pid, for the message
a second run prints while it waits or when it gives up.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

POLL_SECONDS = 0.1


class LockTimeout(Exception):
    """Another run holds the package's lock; the message names its pid and the lock file."""


def lock_path(package_dir: Path) -> Path:
    """`.../.<package>.wirogen.lock`, beside the package (so a swap never moves it)."""
    return package_dir.with_name(f".{package_dir.name}.wirogen.lock")


@contextlib.contextmanager
def package_lock(
    package_dir: Path,
    timeout: float | None,
    on_wait: Callable[[str], None] = lambda note: None,
) -> Iterator[None]:
    """Hold the package's lock for the block; wait up to `timeout` seconds (0: not at all).

    `on_wait` is called once, with a note naming the holder, when the lock is busy.
    Raises LockTimeout when the holder does not let go in time.
    """
    path = lock_path(package_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        _acquire(descriptor, path, timeout, on_wait)
        _record_pid(descriptor)
        try:
            yield
        finally:
            _release(descriptor)
    finally:
        os.close(descriptor)


def _acquire(
    descriptor: int, path: Path, timeout: float | None, on_wait: Callable[[str], None]
) -> None:
    deadline = None if timeout is None else time.monotonic() + timeout
    waited = False
    while not _try_lock(descriptor):
        holder = _holder(path)
        if deadline is not None and time.monotonic() >= deadline:
            waited_for = f" after waiting {timeout:g} s" if timeout else ""
            raise LockTimeout(f"{path} is held by {holder}{waited_for}; try again when it ends")
        if not waited:
            limit = "" if timeout is None else f" (up to {timeout:g} s)"
            on_wait(f"waiting for {holder} to finish with {path}{limit}")
            waited = True
        time.sleep(POLL_SECONDS)


def _holder(path: Path) -> str:
    try:
        pid = int(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return "another wirogen run"
    return f"wirogen run pid {pid}"


def _record_pid(descriptor: int) -> None:
    os.ftruncate(descriptor, 0)
    os.lseek(descriptor, 0, os.SEEK_SET)
    os.write(descriptor, f"{os.getpid()}\n".encode())


if sys.platform == "win32":
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        # Locks a byte far beyond the pid, so readers of the pid are never blocked.
        os.lseek(descriptor, 1 << 20, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(descriptor: int) -> None:
        os.lseek(descriptor, 1 << 20, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
