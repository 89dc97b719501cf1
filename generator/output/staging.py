"""Staging folders: where a run builds the new tree before swapping it in.

Each is named after the run's pid (`.<package>.wirogen-<pid>-<random>`), so a run
cleans up only the leftovers of runs that are gone: never a live run's folder.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

INFIX = ".wirogen-"


def new_staging(package_dir: Path) -> Path:
    """A new, empty staging folder beside the package, made with the user's umask."""
    staging = package_dir.with_name(
        f".{package_dir.name}{INFIX}{os.getpid()}-{os.urandom(4).hex()}"
    )
    # os.mkdir, not tempfile.mkdtemp: the folder becomes the package, so it gets the
    # umask-derived mode (0755 under umask 022) instead of mkdtemp's 0700.
    os.mkdir(staging, 0o777)
    return staging


def remove_stale_stagings(package_dir: Path) -> list[Path]:
    """Remove the staging folders of runs that ended without cleaning up; return them."""
    if not package_dir.parent.is_dir():
        return []
    pattern = re.compile(rf"\.{re.escape(package_dir.name)}{re.escape(INFIX)}(\d+)-")
    removed = []
    for leftover in sorted(package_dir.parent.glob(f".{package_dir.name}{INFIX}*")):
        match = pattern.match(leftover.name)
        if match and not _alive(int(match.group(1))):
            shutil.rmtree(leftover, ignore_errors=True)
            removed.append(leftover)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # cleaning happens before this run stages: a folder of a dead namesake
    if sys.platform == "win32":
        # No signal-0 probe there; the caller holds the package lock, which every run
        # that stages takes first, so a folder of another pid belongs to a finished run.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
