"""Jobs files, a client on the mock server, and reading what a batch left behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from generator.mockserver import RunningMockServer

from ..support.mockserver_fixture import KEY, SECRET
from ..support.paths import ROOT

PIXART = "wiro/PixArt-Sigma"
CARTOONIFY = "wiro/cartoonify"


def write_jobs(path: Path, *jobs: dict[str, Any] | str) -> Path:
    """A JOBS file: one line per job (a dict as JSON, a str as it is)."""
    lines = [job if isinstance(job, str) else json.dumps(job) for job in jobs]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def prompts(count: int, start: int = 0) -> list[dict[str, Any]]:
    """`count` PixArt jobs, each with its own prompt (how a test tells their tasks apart)."""
    return [
        {"id": f"job-{n}", "tool": PIXART, "inputs": {"prompt": f"prompt {n}", "steps": 4}}
        for n in range(start, start + count)
    ]


def client(package: ModuleType, server: RunningMockServer, **options: Any) -> Any:
    """The package's sync client on `server`, following tasks over its socket."""
    return package.WiroClient(
        api_key=KEY,
        api_secret=SECRET,
        base_url=server.base_url,
        socket_url=server.socket_url,
        **options,
    )


def results(out: Path) -> list[dict[str, Any]]:
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def tasks_per_prompt(server: RunningMockServer) -> Counter[str]:
    """How many tasks the server started for each prompt (a refused Run starts none)."""
    counts: Counter[str] = Counter()
    taskid = 1001  # the mock numbers its tasks from 1001
    while True:
        try:
            task = server.task(str(taskid))
        except KeyError:
            return counts
        parameters = task["parameters"]
        assert isinstance(parameters, dict)
        counts[str(parameters.get("prompt"))] += 1
        taskid += 1


def batch_command(
    server: RunningMockServer, jobs: Path, out: Path, *options: str
) -> tuple[list[str], dict[str, str]]:
    """`python -m wiro_tools batch JOBS --out DIR ...` (the committed package) and the
    environment pointing it at `server`."""
    command = [sys.executable, "-m", "wiro_tools", "batch", str(jobs), "--out", str(out)]
    environment = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'generated'}{os.pathsep}{ROOT}",
        "NO_PROXY": "127.0.0.1",
        "WIRO_BASE_URL": server.base_url,
        "WIRO_SOCKET_URL": server.socket_url,
        "WIRO_API_KEY": KEY,
        "WIRO_API_SECRET": SECRET,
    }
    return [*command, *options], environment


def run_batch_command(
    server: RunningMockServer, jobs: Path, out: Path, *options: str
) -> subprocess.CompletedProcess[str]:
    command, environment = batch_command(server, jobs, out, *options)
    return subprocess.run(
        command, env=environment, capture_output=True, text=True, timeout=120, check=False
    )
