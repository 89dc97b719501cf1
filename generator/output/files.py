"""Writing a file we own: never through a symlink, whole or not at all.

Every file wirogen writes (package modules and manifest, pyproject.toml, pages from
`fetch` and `sync`, the generate lock) goes through here. A symlink, FIFO, device or
directory where a file is to be written is refused with NotOurFileError, so a
repository cannot make wirogen overwrite a file outside it; new content is written
to a temporary file created beside the target (O_EXCL: never an existing path) and
renamed over it, so readers see the old content or the new, never half of it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Literal, TypeAlias

Outcome: TypeAlias = Literal["new", "changed", "unchanged"]

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO to read must not wait for a writer
CLOEXEC = getattr(os, "O_CLOEXEC", 0)
BINARY = getattr(os, "O_BINARY", 0)


class NotOurFileError(OSError):
    """A path wirogen writes or reads as its own holds a symlink or a non-regular file."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(errno.ELOOP if what == "a symlink" else errno.EINVAL, what, str(path))
        self.path = path

    def __str__(self) -> str:
        return (
            f"{self.path} is {self.strerror}: wirogen writes only regular files it "
            "owns, never through a symlink (move it away or delete it)"
        )


def refuse_unowned(path: Path) -> bool:
    """Whether `path` exists; raise NotOurFileError if it is not a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(mode):
        raise NotOurFileError(path, "a symlink")
    if not stat.S_ISREG(mode):
        raise NotOurFileError(path, "not a regular file")
    return True


def read_owned(path: Path) -> bytes | None:
    """The bytes of the regular file at `path` (None when absent), never through a
    symlink and never blocking on a FIFO (NotOurFileError for either)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | NOFOLLOW | NONBLOCK | CLOEXEC | BINARY)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP or os.path.islink(path):
            raise NotOurFileError(path, "a symlink") from None
        raise
    with open(descriptor, "rb") as stream:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotOurFileError(path, "not a regular file")
        return stream.read()


def create_new(path: Path) -> int:
    """A write descriptor of a file created at `path`, which must not exist (not even
    as a dangling symlink); the mode is 0666 less the user's umask, not mkstemp's 0600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC | BINARY
    return os.open(path, flags, 0o666)


def write_new(path: Path, data: bytes) -> None:
    """Write `data` to a file created at `path` (inside a fresh staging folder)."""
    with open(create_new(path), "wb") as stream:
        stream.write(data)


def write_atomically(path: Path, data: bytes) -> Outcome:
    """Replace the regular file `path` with `data` in one step, unless it holds exactly
    that already; raises NotOurFileError when `path` is a symlink or not a regular file."""
    current = read_owned(path) if refuse_unowned(path) else None
    if current == data:
        return "unchanged"
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    try:
        with open(create_new(temporary), "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        refuse_unowned(path)  # a symlink put there meanwhile is not replaced either
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return "new" if current is None else "changed"
