"""What the output tests share: small page sets, and wirogen as a real command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from ..support.paths import SPECS

# Two pages by two owners: enough for every ownership case, quick to generate.
SMALL = ("wiro__cartoonify.md", "ArsMachina__Ars-Niji-Style-v1.md")
WIROGEN = Path(sys.executable).with_name("wirogen")


def copy_pages(directory: Path, names: Sequence[str] = SMALL) -> Path:
    """`names` from specs/ copied into `directory` (created), which is returned."""
    directory.mkdir(parents=True)
    for name in names:
        shutil.copy(SPECS / name, directory / name)
    return directory


def start(*args: str | Path, umask: int | None = None) -> subprocess.Popen[str]:
    """The installed `wirogen` as a real process, stdout and stderr piped as text."""
    return subprocess.Popen(
        [str(WIROGEN), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        umask=-1 if umask is None else umask,
    )
