"""Helpers for tests that speak to the mock server over raw HTTP."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from generator.mockserver import RunningMockServer
from tests.support.paths import ROOT, SPECS

PIXART = "/Run/wiro/PixArt-Sigma"
FINAL_STATUS = "task_postprocess_end"
TERMINAL_STATUSES = (FINAL_STATUS, "task_cancel", "task_error")


def start_task(wiro: httpx.Client, path: str = PIXART, **inputs: Any) -> str:
    """Run the tool at `path` with a prompt and `inputs`; the new task's id."""
    reply = wiro.post(path, json={"prompt": "a cat", **inputs}).json()
    assert reply["result"] is True, reply
    return str(reply["taskid"])


def detail_reply(wiro: httpx.Client, taskid: str) -> dict[str, Any]:
    """The whole Task/Detail answer for `taskid`."""
    reply: dict[str, Any] = wiro.post("/Task/Detail", json={"taskid": taskid}).json()
    return reply


def detail(wiro: httpx.Client, taskid: str) -> dict[str, Any]:
    """The task Task/Detail reports for `taskid` (which must be found)."""
    reply = detail_reply(wiro, taskid)
    assert reply["result"] is True, reply
    task: dict[str, Any] = reply["tasklist"][0]
    return task


def poll_to_the_end(wiro: httpx.Client, taskid: str, limit: int = 30) -> list[str]:
    """Every status Task/Detail reports until a terminal one."""
    statuses = [detail(wiro, taskid)["status"]]
    while statuses[-1] not in TERMINAL_STATUSES and len(statuses) < limit:
        statuses.append(detail(wiro, taskid)["status"])
    return statuses


def error_codes(reply: httpx.Response) -> list[int]:
    return [error["code"] for error in reply.json()["errors"]]


def error_messages(reply: httpx.Response) -> list[str]:
    body = reply.json()
    assert body["result"] is False
    return [error["message"] for error in body["errors"]]


def admin(server: RunningMockServer, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """A request to the server's admin API (`path` under /__admin/)."""
    return httpx.request(
        method, f"{server.origin}/__admin/{path}", timeout=5, verify=False, **kwargs
    )


@contextlib.contextmanager
def mock_server_command(*args: str, env: Mapping[str, str]) -> Iterator[CommandRun]:
    """`wirogen mock-server specs/ --port 0 *args` in a subprocess with `env` added.

    Yields the run once it listens; on leaving, interrupts it and collects its output.
    """
    wirogen = Path(sys.executable).with_name("wirogen")
    process = subprocess.Popen(
        [str(wirogen), "mock-server", str(SPECS), "--port", "0", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        run = CommandRun(base_url=banner.split()[-1], banner=banner)
        yield run
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
        # Read through the text wrappers: readline() may have buffered more than the banner,
        # which communicate() (reading the pipes directly) would lose.
        assert process.stderr is not None
        run.output = banner + process.stdout.read() + process.stderr.read()
    finally:
        process.kill()
        process.wait()


@dataclass
class CommandRun:
    """A running `wirogen mock-server`: its API base URL and, once stopped, all it printed."""

    base_url: str
    banner: str
    output: str = ""
