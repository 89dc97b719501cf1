"""mypy in a fresh process, with one warm cache per test worker.

Each pytest-xdist worker (or the lone process without xdist) keeps its own cache under
.mypy_cache/tests/, so concurrent runs never write the same cache, and typeshed and httpx
are analysed once per worker rather than once per call (as `--no-incremental` did).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .paths import ROOT


def cache_dir() -> Path:
    """This worker's mypy cache: survives the run, so the next one starts warm."""
    return ROOT / ".mypy_cache" / "tests" / os.environ.get("PYTEST_XDIST_WORKER", "main")


def run_mypy(
    *arguments: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m mypy <arguments>` from `cwd`, with this worker's cache."""
    command = [sys.executable, "-m", "mypy", "--cache-dir", str(cache_dir())]
    return subprocess.run(
        [*command, *map(str, arguments)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
