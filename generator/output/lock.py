"""One run at a time per package: an exclusive lock on a file beside the package.

The lock is an OS file lock (`fcntl.flock` on POSIX, `msvcrt.locking` on Windows),
so the kernel releases it when its holder exits or is killed: a crashed run never
leaves a lock to delete by hand (a file a killed run leaves is simply locked again).
The file holds the holder's pid, for the message a second run prints while it
waits or when it gives up. Only a regular file holding nothing but a pid is used as
the lock: a symlink, a hard link or any other file there is refused, never truncated.
A run holds the lock by path and inode: before it writes it confirms the file at the
path is still the one it locked (a lock file deleted mid-run is noticed, not shared).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .files import BINARY, CLOEXEC, NOFOLLOW, NONBLOCK, NotOurFileError

POLL_SECONDS = 0.1
PID_TEXT = re.compile(rb"\d{0,20}\n?")


class LockTimeout(Exception):
    """Another run holds the package's lock; the message names its pid and the lock file."""


class LockLost(Exception):
    """The lock file this run locked was removed or replaced: another run may be writing."""


class HeldLock:
    """The package's lock, held: `confirm()` before writing."""

    def __init__(self, path: Path, descriptor: int) -> None:
        self.path, self.descriptor = path, descriptor

    def confirm(self) -> None:
        """Raise LockLost unless the file at the lock's path is still the one locked."""
        if not _is_current(self.descriptor, self.path):
            raise LockLost(
                f"{self.path} was removed or replaced while this run held it; nothing "
                "written (another run may be writing the package: run again when it ends)"
            )


def lock_path(package_dir: Path) -> Path:
    """`.../.<package>.wirogen.lock`, beside the package (so a swap never moves it)."""
    return package_dir.with_name(f".{package_dir.name}.wirogen.lock")


@contextlib.contextmanager
def package_lock(
    package_dir: Path,
    timeout: float | None,
    on_wait: Callable[[str], None] = lambda note: None,
) -> Iterator[HeldLock]:
    """Hold the package's lock for the block; wait up to `timeout` seconds (0: not at all).

    `on_wait` is called once, with a note naming the holder, when the lock is busy.
    Raises LockTimeout when the holder does not let go in time, NotOurFileError when
    the lock's path holds anything but a lock file. On POSIX the lock file is removed
    on the way out (if still this run's), so a finished run leaves nothing behind.
    """
    path = lock_path(package_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = _acquire(path, _Patience(timeout, on_wait))
    try:
        _record_pid(descriptor)
        yield HeldLock(path, descriptor)
    finally:
        # Windows cannot remove a file that is open; another run's file is not removed.
        if sys.platform != "win32" and _is_current(descriptor, path):
            path.unlink(missing_ok=True)
        _release(descriptor)
        os.close(descriptor)


class _Patience:
    """How long a run waits for the lock, and the note it prints once when it must."""

    def __init__(self, timeout: float | None, on_wait: Callable[[str], None]) -> None:
        self.timeout, self.on_wait, self.noted = timeout, on_wait, False
        self.deadline = None if timeout is None else time.monotonic() + timeout

    def wait(self, path: Path) -> None:
        """Sleep a moment, or raise LockTimeout when the time is up."""
        holder = _holder(path)
        if self.deadline is not None and time.monotonic() >= self.deadline:
            waited = f" after waiting {self.timeout:g} s" if self.timeout else ""
            raise LockTimeout(f"{path} is held by {holder}{waited}; try again when it ends")
        if not self.noted:
            limit = "" if self.timeout is None else f" (up to {self.timeout:g} s)"
            self.on_wait(f"waiting for {holder} to finish with {path}{limit}")
            self.noted = True
        time.sleep(POLL_SECONDS)


def _acquire(path: Path, patience: _Patience) -> int:
    """A descriptor of the lock file at `path`, locked by this process."""
    while True:
        descriptor = _open_lock_file(path)
        try:
            if _try_lock(descriptor):
                if _is_current(descriptor, path):
                    return descriptor
                # Its last holder removed the file as this run locked it: lock the new one.
            else:
                patience.wait(path)
        except BaseException:
            os.close(descriptor)
            raise
        os.close(descriptor)


def _open_lock_file(path: Path) -> int:
    """A descriptor of the lock file at `path`, created if absent; raises NotOurFileError
    for a symlink, a hard link, a non-regular file or a file holding more than a pid."""
    flags = os.O_RDWR | os.O_CREAT | NOFOLLOW | NONBLOCK | CLOEXEC | BINARY
    try:
        descriptor = os.open(path, flags, 0o666)
    except OSError as error:
        if error.errno == errno.ELOOP or path.is_symlink():
            raise NotOurFileError(path, "a symlink") from None
        raise
    info = os.fstat(descriptor)
    what = (
        "not a regular file"
        if not stat.S_ISREG(info.st_mode)
        else (
            "a hard link to another file"
            if info.st_nlink > 1
            else (
                None
                if PID_TEXT.fullmatch(_head(descriptor))
                else "not a wirogen lock file (it holds more than a pid)"
            )
        )
    )
    if what:
        os.close(descriptor)
        raise NotOurFileError(path, what)
    return descriptor


def _head(descriptor: int) -> bytes:
    os.lseek(descriptor, 0, os.SEEK_SET)
    return os.read(descriptor, 64)


def _is_current(descriptor: int, path: Path) -> bool:
    """Whether `descriptor` is still the file at `path` (not one removed meanwhile)."""
    try:
        on_disk = path.lstat()
    except FileNotFoundError:
        return False
    opened = os.fstat(descriptor)
    return (opened.st_dev, opened.st_ino) == (on_disk.st_dev, on_disk.st_ino)


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
