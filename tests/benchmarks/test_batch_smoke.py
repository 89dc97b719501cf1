"""benchmarks/batch.py keeps working: a small run measures everything it reports.

No timing is asserted: the run is checked for its rows and for what must hold at any
size (each job sent once, before and after a SIGKILL).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from ..support.paths import ROOT

# slow: five mock servers and a dozen client processes, about half a minute.
pytestmark = pytest.mark.slow

ROWS = (
    "| CPU per job |",
    "| CPU per job on an instant Wiro (median of 1 rounds of 20 jobs) |",
    "| **runner overhead per job** (the line above: runner minus loop) |",
    "| peak RSS |",
    "| journal size |",
    "| jobs sent twice | 0 | | 0 |",
)


def test_a_small_batch_benchmark_reports_every_row_and_no_job_sent_twice() -> None:
    command = [sys.executable, str(ROOT / "benchmarks" / "batch.py"), "--jobs", "12",
               "--overhead-jobs", "20", "--rounds", "1"]  # fmt: skip
    completed = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr
    for row in ROWS:
        assert row in completed.stdout
    assert "'jobs sent twice': 0" in completed.stdout  # the SIGKILL run
