"""Staging folders: a run removes those of dead runs and never one of a live run."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..support.clirun import wirogen
from .support import copy_pages


@pytest.fixture
def live_pid() -> Iterator[int]:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    yield process.pid
    process.kill()
    process.wait()


@pytest.fixture
def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def staging(output: Path, pid: int) -> Path:
    folder = output / f".wiro_tools.wirogen-{pid}-0badcafe"
    (folder / "wiro").mkdir(parents=True)
    (folder / "wiro" / "half.py").write_text("# half-written\n")
    return folder


def test_a_dead_runs_staging_folder_is_removed(tmp_path: Path, dead_pid: int) -> None:
    leftover = staging(tmp_path / "out", dead_pid)
    result = wirogen("generate", copy_pages(tmp_path / "specs"), "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert not leftover.exists()


def test_a_live_runs_staging_folder_is_left_alone(tmp_path: Path, live_pid: int) -> None:
    folder = staging(tmp_path / "out", live_pid)
    result = wirogen("generate", copy_pages(tmp_path / "specs"), "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (folder / "wiro" / "half.py").read_text() == "# half-written\n"
