"""Writing one file so that readers see the old content or the new, never half of it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, TypeAlias

Outcome: TypeAlias = Literal["new", "changed", "unchanged"]


def write_atomically(path: Path, data: bytes) -> Outcome:
    """Replace `path` with `data` in one step, unless it holds exactly that already."""
    try:
        current: bytes | None = path.read_bytes()
    except FileNotFoundError:
        current = None
    if current == data:
        return "unchanged"
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    # os.open, not mkstemp: the file gets the usual umask-derived mode, not 0600.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with open(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return "new" if current is None else "changed"
