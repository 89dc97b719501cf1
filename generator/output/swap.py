"""Swapping two directories in one step, so a reader sees the old tree or the new one."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2  # linux/fs.h
RENAME_SWAP = 2  # darwin: renamex_np


def exchange(first: Path, second: Path) -> None:
    """Atomically give `first` the contents of `second` and the other way round.

    Uses renameat2(RENAME_EXCHANGE) on Linux and renamex_np(RENAME_SWAP) on macOS;
    elsewhere falls back to three renames, which leave a brief window.
    """
    if _native_exchange(first, second):
        return
    parked = first.with_name(first.name + ".parked")
    os.rename(second, parked)
    os.rename(first, second)
    os.rename(parked, first)


def _native_exchange(first: Path, second: Path) -> bool:
    import ctypes  # here: runs that write nothing do not pay for loading it

    libc = ctypes.CDLL(None, use_errno=True)
    a, b = os.fsencode(first), os.fsencode(second)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        call = libc.renameat2
        call.argtypes = [
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_uint,
        ]
        result = call(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        call = libc.renamex_np
        call.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        result = call(a, b, RENAME_SWAP)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # the file system cannot exchange: fall back
    raise OSError(code, os.strerror(code), str(first))
