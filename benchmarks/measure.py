"""Wall time, CPU time and peak memory of child processes, and medians over runs.

Each command runs under benchmarks/launch.py, which times it and reads its resource
usage (launch.py says why). Two peaks of memory are kept. `peak_rss_mb` is the kernel's
own accounting (`os.wait4`, `ru_maxrss`): exact, but of one process, the largest of the
command and the processes it waited for (the ruff openapi-python-client runs, wirogen's
pool workers). `total_rss_mb` is the largest sum of RSS over the command and all its
descendants at once, sampled every 10 ms from /proc: what a process pool costs in all.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

Command: TypeAlias = Sequence[str | Path]
KIB = 1024
MB = 1_000_000
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
SAMPLING_SECONDS = 0.01
LAUNCHER = Path(__file__).resolve().with_name("launch.py")


class CommandFailed(RuntimeError):
    """A measured command exited with a non-zero status."""


@dataclass(frozen=True)
class Sample:
    """One run of one command."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    total_rss_mb: float
    stdout: str = ""


def run_measured(
    command: Command,
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Sample:
    """Run `command` to completion and measure it; raises CommandFailed on a non-zero exit."""
    with tempfile.TemporaryDirectory(prefix="measured-") as scratch:
        report, out, err = (Path(scratch, name) for name in ("usage.json", "out", "err"))
        with out.open("wb") as stdout, err.open("wb") as stderr:
            launcher = subprocess.Popen(
                [sys.executable, "-I", "-S", LAUNCHER, report, *command],
                cwd=cwd,
                env=env,
                stdout=stdout,
                stderr=stderr,
            )
            with TreeMemory(launcher.pid) as tree:
                status = launcher.wait()
        output = out.read_bytes().decode(errors="replace")
        if status != 0:
            shown = " ".join(str(part) for part in command)
            errors = err.read_bytes().decode(errors="replace")
            raise CommandFailed(f"{shown} exited with {status}:\n{output}{errors}")
        usage = json.loads(report.read_text())
    peak_rss_mb = usage["max_rss_kib"] * KIB / MB
    return Sample(
        seconds=usage["seconds"],
        cpu_seconds=usage["cpu_seconds"],
        peak_rss_mb=peak_rss_mb,
        total_rss_mb=max(peak_rss_mb, tree.peak_bytes / MB),  # sampling can miss a spike
        stdout=output,
    )


class TreeMemory:
    """Samples the summed RSS of a process's descendants (not its own) until `with` ends."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLING_SECONDS):
            total = sum(_rss_bytes(pid) for pid in _tree(self.pid)[1:])
            self.peak_bytes = max(self.peak_bytes, total)


def _tree(root: int) -> list[int]:
    """`root` and its descendants, from /proc/PID/task/TID/children."""
    found, index = [root], 0
    while index < len(found):
        # The process or a thread may end at any point of the walk: it then has no children.
        with contextlib.suppress(OSError):
            for children in Path(f"/proc/{found[index]}/task").glob("*/children"):
                with contextlib.suppress(OSError):
                    found += [int(child) for child in children.read_text().split()]
        index += 1
    return found


def _rss_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):  # ended, or a zombie
        return 0


def median_sample(samples: Sequence[Sample]) -> Sample:
    """The median of each measure over `samples` (each taken on its own)."""
    if not samples:
        raise ValueError("no samples to take the median of")
    return Sample(
        seconds=statistics.median(sample.seconds for sample in samples),
        cpu_seconds=statistics.median(sample.cpu_seconds for sample in samples),
        peak_rss_mb=statistics.median(sample.peak_rss_mb for sample in samples),
        total_rss_mb=statistics.median(sample.total_rss_mb for sample in samples),
    )


def environment(**extra: str | Path) -> dict[str, str]:
    """This process's environment with `extra` set (paths as strings)."""
    return {**os.environ, **{key: str(value) for key, value in extra.items()}}
